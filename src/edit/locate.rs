//! Where things are in a content file, by byte offset: its front matter,
//! a top-level key of it, and the entries of that key's list, whether it is
//! written as a block (`- a` lines) or in flow style (`[a, b]`).
//!
//! This is a scanner, not a YAML parser: it finds places to cut and splice.
//! Every edit is checked afterwards by parsing the result with serde_yaml
//! (see the parent module), so a layout it misreads is refused, never
//! written.

use std::ops::Range;

/// The front matter of a file: the bytes between its `---` fences, and the
/// line ending the file uses.
#[derive(Debug, Clone, Copy)]
pub(super) struct FrontMatter {
    /// The first byte after the opening fence's line.
    pub(super) start: usize,
    /// The first byte of the closing fence's line.
    pub(super) end: usize,
    pub(super) newline: &'static str,
}

/// Finds the front matter as the loader does: `---` on the first line
/// (after a byte-order mark), closed by a line `---` or `...`.
pub(super) fn front_matter(file: &str) -> Option<FrontMatter> {
    let bom = if file.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &file[bom..];
    let first_end = rest.find('\n').map(|i| i + 1)?;
    if rest[..first_end].trim_end() != "---" {
        return None;
    }
    let newline = if rest[..first_end].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let start = bom + first_end;
    let mut offset = start;
    for line in file[start..].split_inclusive('\n') {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Some(FrontMatter {
                start,
                end: offset,
                newline,
            });
        }
        offset += line.len();
    }
    None
}

/// The lines of `file[range]`, each with its byte range (newline included).
fn lines(file: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let base = range.start;
    file[range].split_inclusive('\n').scan(base, |at, line| {
        let r = *at..*at + line.len();
        *at += line.len();
        Some(r)
    })
}

/// Whether a line holds nothing YAML reads: blank, or only a comment.
fn is_neutral(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// How a top-level key's value is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Layout {
    /// The key is not there.
    Absent,
    /// `key:` alone on its line, then zero or more `- ` entries.
    Block(Block),
    /// `key: [ … ]`, perhaps over several lines.
    Flow(Flow),
    /// Anything else (`key: ~`, a scalar, a mapping): not edited.
    Other,
}

/// A list written as `- ` lines under its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Block {
    /// The key's line, newline included.
    pub(super) key_line: Range<usize>,
    /// The indentation of the `-` of each entry.
    pub(super) indent: usize,
    /// Each entry: from the start of its `-` line to the end of its last
    /// line that is not blank or a comment.
    pub(super) entries: Vec<Range<usize>>,
    /// Where a new entry goes: after the last entry (or the key's line).
    pub(super) append_at: usize,
    /// Whether the first entry starts right after the key's line (no
    /// comment or blank line before it).
    pub(super) only_entries: bool,
}

/// A list written `[a, b]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Flow {
    /// The `[`.
    pub(super) open: usize,
    /// The matching `]`.
    pub(super) close: usize,
    /// Each entry's text, without the whitespace around it.
    pub(super) entries: Vec<Range<usize>>,
}

/// How the value of the top-level `key` is written in `fm`.
pub(super) fn layout(file: &str, fm: FrontMatter, key: &str) -> Layout {
    let mut all = lines(file, fm.start..fm.end);
    let Some(key_line) = all.by_ref().find(|r| {
        let line = &file[r.clone()];
        line.strip_prefix(key)
            .and_then(|rest| rest.strip_prefix(':'))
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n']))
    }) else {
        return Layout::Absent;
    };
    let value_start = key_line.start + key.len() + 1;
    let value = file[value_start..key_line.end].trim_start();
    if value.starts_with('[') {
        let open = key_line.end - value.len();
        return flow(file, open, fm.end).map_or(Layout::Other, Layout::Flow);
    }
    if !is_neutral(value) {
        return Layout::Other;
    }
    block(file, key_line, all).map_or(Layout::Other, Layout::Block)
}

/// The `- ` entries that follow `key_line`, up to the next top-level key.
fn block(
    file: &str,
    key_line: Range<usize>,
    rest: impl Iterator<Item = Range<usize>>,
) -> Option<Block> {
    let mut indent = None;
    let mut entries: Vec<Range<usize>> = Vec::new();
    for r in rest {
        let line = &file[r.clone()];
        if is_neutral(line) {
            continue;
        }
        if !line.starts_with([' ', '-']) {
            break;
        }
        let spaces = line.len() - line.trim_start_matches(' ').len();
        let after = &line[spaces..];
        let is_dash = after.starts_with('-') && after[1..].starts_with([' ', '\r', '\n']);
        let seq_indent = *indent.get_or_insert(spaces);
        if spaces < seq_indent || (spaces == seq_indent && !is_dash) {
            return None;
        }
        if spaces == seq_indent {
            entries.push(r);
        } else {
            let last = entries.last_mut()?;
            last.end = r.end;
        }
    }
    let append_at = entries.last().map_or(key_line.end, |e| e.end);
    // Comments before the first entry count as well.
    let first = entries.first().map_or(append_at, |e| e.start);
    let only_entries = first == key_line.end;
    Some(Block {
        indent: indent.unwrap_or(2),
        key_line,
        entries,
        append_at,
        only_entries,
    })
}

/// The flow list whose `[` is at `open`: its matching `]` and its entries.
/// Quotes, nesting and comments are followed; `None` when it is not closed
/// before `limit`.
fn flow(file: &str, open: usize, limit: usize) -> Option<Flow> {
    let bytes = file.as_bytes();
    let mut depth = 0usize;
    let mut entries = Vec::new();
    let mut entry_start = open + 1;
    let mut i = open;
    while i < limit {
        match bytes[i] {
            b'"' => i = skip_double_quoted(bytes, i + 1, limit)?,
            b'\'' => i = skip_single_quoted(bytes, i + 1, limit)?,
            b'#' if i > 0 && bytes[i - 1].is_ascii_whitespace() => {
                i = file[i..limit].find('\n').map_or(limit, |n| i + n);
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    push_trimmed(file, entry_start..i, &mut entries);
                    return Some(Flow {
                        open,
                        close: i,
                        entries,
                    });
                }
            }
            b',' if depth == 1 => {
                push_trimmed(file, entry_start..i, &mut entries);
                entry_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The index of the closing `"` of a string whose text starts at `i`.
fn skip_double_quoted(bytes: &[u8], mut i: usize, limit: usize) -> Option<usize> {
    while i < limit {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// The index of the closing `'` of a string whose text starts at `i`
/// (`''` is a quote inside it).
fn skip_single_quoted(bytes: &[u8], mut i: usize, limit: usize) -> Option<usize> {
    while i < limit {
        if bytes[i] == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Adds `range` of `file`, without the whitespace (and comments) around
/// it, unless nothing is left.
fn push_trimmed(file: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let text = &file[range.clone()];
    // A comment on its own line before the entry is not part of it.
    let mut start = range.start;
    for line in text.split_inclusive('\n') {
        if is_neutral(line) {
            start += line.len();
        } else {
            break;
        }
    }
    let kept = &file[start..range.end];
    let lead = kept.len() - kept.trim_start().len();
    let trimmed = kept.trim();
    if !trimmed.is_empty() {
        out.push(start + lead..start + lead + trimmed.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fm(file: &str) -> FrontMatter {
        front_matter(file).unwrap()
    }

    #[test]
    fn finds_the_front_matter_and_its_line_ending() {
        let f = "\u{feff}---\r\ntitle: x\r\n...\r\nbody";
        let m = fm(f);
        assert_eq!(&f[m.start..m.end], "title: x\r\n");
        assert_eq!(m.newline, "\r\n");
        assert!(front_matter("title: x\n---\n").is_none());
        assert!(front_matter("---\ntitle: x\n").is_none());
    }

    #[test]
    fn block_entries_end_at_their_last_line_with_content() {
        let f = "---\ntitle: x\nannotations:\n  # first\n  - quote: a\n    note: >-\n      b\n\n      c\n\n  - quote: d # tail\n# between\nseed: s\n---\n";
        let Layout::Block(b) = layout(f, fm(f), "annotations") else {
            panic!()
        };
        assert_eq!(b.indent, 2);
        let texts: Vec<&str> = b.entries.iter().map(|r| &f[r.clone()]).collect();
        assert_eq!(
            texts,
            [
                "  - quote: a\n    note: >-\n      b\n\n      c\n",
                "  - quote: d # tail\n"
            ]
        );
        assert_eq!(&f[b.append_at..], "# between\nseed: s\n---\n");
        assert!(!b.only_entries);
    }

    #[test]
    fn entries_at_the_key_indentation_and_absent_keys() {
        let f = "---\naliases:\n- A\n- B\nkind: person\n---\n";
        let Layout::Block(b) = layout(f, fm(f), "aliases") else {
            panic!()
        };
        assert_eq!((b.indent, b.entries.len(), b.only_entries), (0, 2, true));
        assert_eq!(layout(f, fm(f), "annotations"), Layout::Absent);
        assert_eq!(layout(f, fm(f), "kind"), Layout::Other);
        // A key that only starts like the one looked for is another key.
        assert_eq!(layout(f, fm(f), "alias"), Layout::Absent);
    }

    #[test]
    fn flow_lists_follow_quotes_nesting_and_comments() {
        let f = "---\naliases: [\"a, ]\", 'b''s', {x: [1]}, # c, d\n  e]\n---\n";
        let Layout::Flow(l) = layout(f, fm(f), "aliases") else {
            panic!()
        };
        let texts: Vec<&str> = l.entries.iter().map(|r| &f[r.clone()]).collect();
        assert_eq!(texts, ["\"a, ]\"", "'b''s'", "{x: [1]}", "e"]);
        assert_eq!(&f[l.close..l.close + 1], "]");
        let empty = "---\naliases: []\n---\n";
        let Layout::Flow(l) = layout(empty, fm(empty), "aliases") else {
            panic!()
        };
        assert!(l.entries.is_empty());
        assert_eq!(l.close, l.open + 1);
    }
}
