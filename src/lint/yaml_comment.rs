//! `yaml-comment`: in YAML, ` #` starts a comment, so a text written
//! without quotes ends where a `#` follows a space (`note: Petrov's #1
//! source` is the note "Petrov's"). The rest is dropped without a word: a
//! note cut short, or a quote anchored on fewer words than the author
//! meant. Said for the fields that hold prose.

use super::{Warning, YAML_COMMENT};
use crate::model::{Dossier, SourceText};

/// The front matter keys whose values are text a reader sees.
const TEXT_KEYS: [&str; 8] = [
    "title",
    "summary",
    "note",
    "quote",
    "date_note",
    "name",
    "role",
    "via",
];

pub(super) fn check(d: &Dossier) -> Vec<Warning> {
    let texts = (d.articles.iter().map(|a| &a.text))
        .chain(d.actors.iter().map(|a| &a.text))
        .chain(d.events.iter().map(|e| &e.text))
        .chain(d.pages.iter().map(|p| &p.text))
        .chain(d.intro.as_ref());
    texts.flat_map(in_text).collect()
}

/// The commented-out ends of the text fields of one file.
fn in_text(text: &SourceText) -> Vec<Warning> {
    let mut found = Vec::new();
    let mut offset = text.front_matter_start;
    // The indent of a `key: |` or `key: >` line while its block runs: the
    // lines of a block scalar are text, `#` and all.
    let mut block: Option<usize> = None;
    for line in text.front_matter().split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        let in_block = block.is_some_and(|b| indent > b || line.trim().is_empty());
        if !in_block {
            block = opens_block(line).then_some(indent);
            if let Some((key, kept, comment_at)) = cut_by_comment(line) {
                let at = offset + comment_at;
                let message = format!("` #` starts a YAML comment: this {key} ends at \"{kept}\"");
                let hint = format!(
                    "put the whole {key} in quotes, `{key}: \"…\"`, to keep what follows the #"
                );
                found.push(
                    Warning::new(YAML_COMMENT, &text.path, message, key)
                        .with(|w| w.at_span(&text.file, at..at + 2).hint(hint)),
                );
            }
        }
        offset += line.len();
    }
    found
}

/// Whether `line` is `key: |` or `key: >` (with a chomping or indent mark),
/// opening a block scalar on the lines under it.
fn opens_block(line: &str) -> bool {
    let value = line.split_once(": ").map_or("", |(_, v)| v);
    let value = value.split(" #").next().unwrap_or("").trim();
    value.starts_with(['|', '>'])
        && value[1..]
            .chars()
            .all(|c| matches!(c, '+' | '-' | '1'..='9'))
}

/// For a line `key: value #rest` (in a list item too) whose key is one of
/// [`TEXT_KEYS`] and whose value is plain (not quoted, not a block): the
/// key, the value YAML keeps, and the byte of the white space before the
/// `#` in the line. A `#` and a space (`# working title`) reads as a
/// comment meant as one; a `#` against a word (`#1`, `#hashtag`) as text.
fn cut_by_comment(line: &str) -> Option<(&'static str, &str, usize)> {
    let body = line.trim_start();
    let body = body.strip_prefix("- ").map_or(body, str::trim_start);
    let (key, value) = body.split_once(':')?;
    let key = TEXT_KEYS.iter().find(|k| **k == key.trim_end())?;
    let value = value.strip_prefix([' ', '\t'])?.trim_start();
    if value.starts_with(['"', '\'', '|', '>', '[', '{', '#']) {
        return None;
    }
    let bytes = value.as_bytes();
    // YAML's comment: the first `#` after white space.
    let hash =
        (1..bytes.len()).find(|&i| bytes[i] == b'#' && matches!(bytes[i - 1], b' ' | b'\t'))?;
    if bytes.get(hash + 1).is_none_or(|b| b.is_ascii_whitespace()) {
        return None;
    }
    let cut = hash - 1;
    let at = line.len() - value.len() + cut;
    Some((key, value[..cut].trim_end(), at))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fixture, shown};
    use super::{check, cut_by_comment};

    #[test]
    fn a_plain_text_cut_by_a_comment() {
        fn cut(l: &str) -> Option<(&str, &str, &str)> {
            cut_by_comment(l).map(|(k, kept, at)| (k, kept, &l[at..]))
        }
        assert_eq!(
            cut("    note: Governor Petrov #1 source.\n"),
            Some(("note", "Governor Petrov", " #1 source.\n"))
        );
        // A `#` with no space before it is text.
        assert_eq!(
            cut("  - quote: C# and F# #why\n").map(|c| c.1),
            Some("C# and F#")
        );
        assert_eq!(cut("  - quote: C# and F#\n"), None);
        assert_eq!(cut("note: \"Petrov #1 source\"\n"), None);
        assert_eq!(cut("title: 'A # B'\n"), None);
        assert_eq!(cut("kind: claim # checked\n"), None);
        assert_eq!(cut("note: |\n"), None);
        // A comment meant as one, `#` then a space, is left alone.
        assert_eq!(cut("title: Port closure  # working title\n"), None);
        // The first white space and `#` is where YAML cuts, tab or space.
        assert_eq!(cut("note: A\t#x B #y\n").map(|c| c.1), Some("A"));
    }

    #[test]
    fn the_lines_of_a_block_are_text() {
        let f = fixture(&[
            ("seeds/s.txt", "The port reopened on Monday.\n"),
            (
                "content/articles/port.md",
                "---\ntitle: Port\nsource: {name: Wire}\nseed: s.txt\nsummary: >-\n  the #1 port\n  note: Ivanov #2 on the list\nannotations:\n  - quote: The port reopened\n    kind: context\n    note: |\n      Per the #1 wire.\n---\nThe port reopened on Monday.\n",
            ),
        ]);
        assert_eq!(shown(&check(&f.dossier)), Vec::<String>::new());
    }

    #[test]
    fn every_cut_note_is_said_at_its_place() {
        let f = fixture(&[
            ("seeds/s.txt", "The port reopened on Monday.\n"),
            (
                "content/articles/port.md",
                "---\ntitle: Port\nsource: {name: Wire}\nseed: s.txt\nannotations:\n  - quote: The port reopened\n    kind: context\n    note: Per the #1 wire.\n---\nThe port reopened on Monday.\n",
            ),
        ]);
        assert_eq!(
            shown(&check(&f.dossier)),
            ["yaml-comment: ` #` starts a YAML comment: this note ends at \"Per the\" @ 8"]
        );
    }
}
