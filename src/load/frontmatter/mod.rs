//! Splitting a content file into YAML front matter and Markdown body, and
//! deserialising the front matter with every error placed in the file.
//!
//! serde_yaml is the one YAML parser: it deserialises the front matter
//! ([`parse`]), and when that fails it is asked again, node by node, for
//! every problem and its place ([`schema`], [`walk`]); YAML syntax errors
//! are explained in [`syntax`]. The rest of the loader sees only
//! [`Schema`], [`parse`], [`place`], [`span_of`] and [`Step`].

mod schema;
mod syntax;
mod walk;

#[cfg(test)]
pub(super) use schema::assert_matches_serde;
pub(super) use schema::{Field, Schema};
pub(super) use walk::Step;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::SourceText;
use schema::Problem;
use serde::de::IgnoredAny;
use std::ops::Range;
use std::path::Path;

/// Splits `file` at its `---` fences. The front matter must start on the
/// first line.
pub(super) fn split(path: &Path, file: String) -> Result<SourceText, Diagnostic> {
    let bom = if file.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &file[bom..];
    if rest.trim().is_empty() {
        return Err(Diagnostic::new(path, "the file is empty")
            .hint("a content file starts with front matter between `---` lines, then Markdown"));
    }
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_end].trim_end() != "---" {
        return Err(Diagnostic::new(path, "missing front matter")
            .at(&file, 1, 1)
            .hint("start the file with a line `---`, the YAML fields, and another `---`"));
    }
    let fm_start = bom + first_line_end;
    let mut offset = fm_start;
    for line in file[fm_start..].split_inclusive('\n') {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            let body_start = offset + line.len();
            return Ok(SourceText {
                path: path.to_path_buf(),
                front_matter_start: fm_start,
                front_matter_end: offset,
                body_start,
                file: file.into(),
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::new(path, "the front matter is not closed")
        .at(&file, 1, 1)
        .hint("end the front matter with a line `---` before the Markdown body"))
}

/// The YAML that is parsed: the front matter, or an empty mapping.
fn yaml(text: &SourceText) -> &str {
    if text.front_matter().trim().is_empty() {
        "{}"
    } else {
        text.front_matter()
    }
}

/// Deserialises the front matter into `T`. When it does not deserialise,
/// every problem of the file (each unknown key, each bad value, each missing
/// field), placed in the file, or the one syntax error that stops YAML.
pub(super) fn parse<T: Schema>(text: &SourceText) -> Result<T, Diagnostics> {
    let yaml = yaml(text);
    let e = match serde_yaml::from_str(yaml) {
        Ok(fm) => return Ok(fm),
        Err(e) => e,
    };
    // A syntax error stops YAML: it is the one error to report, even when
    // serde met a bad field before it.
    let syntax = serde_yaml::from_str::<IgnoredAny>(yaml).err();
    let fm_line = text.file[..text.front_matter_start].matches('\n').count();
    let first = syntax.as_ref().unwrap_or(&e);
    let location = first.location().map(|l| (l.line(), l.column()));
    if let Some((line, col, message, hint)) =
        syntax::explain_syntax(text, &first.to_string(), fm_line, location)
    {
        let d = Diagnostic::new(&text.path, message).at(&text.file, line, col);
        return Err(d.hint(hint).into());
    }
    let problems = match &syntax {
        Some(e) => vec![Problem::from_error(e, None)],
        None => schema::every_problem::<T>(yaml),
    };
    let place = |p: Problem| {
        let d = Diagnostic::new(&text.path, p.message).hint(p.hint);
        match p.at {
            Some(at) if p.underline => at_node(d, text, text.front_matter_start + at),
            Some(at) => d.at_offset(&text.file, text.front_matter_start + at),
            None => d.at(&text.file, fm_line + 1, 1),
        }
    };
    Err(Diagnostics(problems.into_iter().map(place).collect()))
}

/// The bytes of the file taken by the first line of the YAML node (key or
/// value) that starts at byte `start`.
fn node_span(text: &SourceText, start: usize) -> Range<usize> {
    let len = text.file.get(start..).map_or(0, |rest| {
        let line_start = text.file[..start].rfind('\n').map_or(0, |i| i + 1);
        node_len(&text.file[line_start..start], rest)
    });
    start..start + len
}

/// Places `d` on the YAML node (key or value) that starts at byte `start`
/// of the file.
fn at_node(d: Diagnostic, text: &SourceText, start: usize) -> Diagnostic {
    d.at_span(&text.file, node_span(text, start))
}

/// The bytes of the file where the value at `path` of the front matter is
/// written, if it is.
pub(super) fn span_of(text: &SourceText, path: &[Step]) -> Option<Range<usize>> {
    let at = walk::node_at(yaml(text), path)?;
    Some(node_span(text, text.front_matter_start + at))
}

/// Places `d` on the value at `path` of the front matter, or at the start of
/// the front matter when it cannot be found.
pub(super) fn place(d: Diagnostic, text: &SourceText, path: &[Step]) -> Diagnostic {
    match span_of(text, path) {
        Some(span) => d.at_span(&text.file, span),
        None => d.at_offset(&text.file, text.front_matter_start),
    }
}

/// How many bytes of `rest` (a line from a YAML node on; `before` is the
/// line up to it) the node's first line takes, for underlining: a quoted
/// text to its closing mark, a `[…]` or `{…}` to its closing bracket, a key
/// to its colon, a plain value to the end of the line or, inside brackets,
/// to the next comma. Only for display: libyaml gives the place.
fn node_len(before: &str, rest: &str) -> usize {
    let line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
    let in_brackets = before.matches(['[', '{']).count() > before.matches([']', '}']).count();
    let end = match line.chars().next() {
        Some(quote @ ('"' | '\'')) => closing_quote(line, quote),
        Some('[' | '{') => closing_bracket(line),
        _ => {
            let stops: &[&str] = if in_brackets {
                &[": ", " #", ",", "]", "}"]
            } else {
                &[": ", " #"]
            };
            let end = stops.iter().filter_map(|s| line.find(s)).min();
            let end = end.unwrap_or(line.strip_suffix(':').unwrap_or(line).len());
            line[..end].trim_end().len()
        }
    };
    end.min(line.len())
}

/// The end (exclusive) of a quoted text starting `line`, or the line's end.
fn closing_quote(line: &str, quote: char) -> usize {
    let mut escaped = false;
    let mut chars = line.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if quote == '"' && c == '\\' && !escaped {
            escaped = true;
            continue;
        }
        if c == quote && !escaped {
            // Inside '…', '' is a quotation mark.
            if quote == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                chars.next();
                continue;
            }
            return i + 1;
        }
        escaped = false;
    }
    line.len()
}

/// The end (exclusive) of the bracket opening `line`, or the line's end.
fn closing_bracket(line: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in line.char_indices() {
        match c {
            '[' | '{' => depth += 1,
            ']' | '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    line.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fm {
        title: String,
        #[serde(default)]
        kind: Option<String>,
        #[serde(default)]
        items: Vec<Item>,
    }

    impl Schema for Fm {
        const FIELDS: &'static [Field] = &[
            Field::value::<String>("title").required(),
            Field::value::<Option<String>>("kind"),
            Field::list::<Item>("items"),
        ];
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        n: u32,
        #[serde(default)]
        tags: Vec<String>,
    }

    impl Schema for Item {
        const FIELDS: &'static [Field] = &[
            Field::value::<u32>("n").required(),
            Field::value::<Vec<String>>("tags"),
        ];
    }

    fn source(file: &str) -> SourceText {
        split(Path::new("a.md"), file.into()).unwrap()
    }

    /// `(line, column, underlined text, message)` of each error.
    fn errors(file: &str) -> Vec<(usize, usize, String, String)> {
        let t = source(file);
        parse::<Fm>(&t)
            .unwrap_err()
            .sorted()
            .iter()
            .map(|d| {
                let span = d.span.clone().unwrap_or(0..0);
                let (line, col) = (d.line.unwrap_or(0), d.column.unwrap_or(0));
                (line, col, t.file[span].to_string(), d.message.clone())
            })
            .collect()
    }

    #[test]
    fn splits_front_matter_and_body() {
        let t = split(Path::new("a.md"), "---\ntitle: x\n---\nBody\n".into()).unwrap();
        assert_eq!(t.front_matter(), "title: x\n");
        assert_eq!(t.body(), "Body\n");
    }

    #[test]
    fn yaml_error_line_is_line_in_file() {
        let e = parse::<Fm>(&source("---\ntitle: x\ntitel: y\n---\n")).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e.0[0].line, Some(3));
        assert_eq!(e.0[0].hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn every_bad_key_and_value_of_a_file() {
        let file = "---\ntitel: x\nitems:\n  - n: one\n    tags: [a, [b]]\n  - n: 2\n    tgas: [c]\n  - {tags: [d], n: -3}\nkind: [x]\n---\n";
        let expected = [
            (
                2,
                1,
                "titel",
                "unknown field `titel`, expected one of `title`, `kind`, `items`",
            ),
            (
                4,
                8,
                "one",
                "items[0].n: invalid type: string \"one\", expected a number",
            ),
            (
                5,
                15,
                "[b]",
                "items[0].tags[1]: invalid type: a list, expected text",
            ),
            (
                7,
                5,
                "tgas",
                "items[1]: unknown field `tgas`, expected `n` or `tags`",
            ),
            (
                8,
                20,
                "-3",
                "items[2].n: invalid type: integer `-3`, expected a number",
            ),
            (9, 7, "[x]", "kind: invalid type: a list, expected text"),
        ];
        let found = errors(file);
        let found: Vec<_> = found
            .iter()
            .map(|(l, c, t, m)| (*l, *c, t.as_str(), m.as_str()))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn a_field_written_twice_among_other_errors() {
        let found = errors("---\ntitle: x\nkind: 1\nbad: 2\ntitle: y\n---\n");
        let messages: Vec<_> = found.iter().map(|e| (e.0, e.3.as_str())).collect();
        assert_eq!(
            messages,
            [
                (
                    4,
                    "unknown field `bad`, expected one of `title`, `kind`, `items`"
                ),
                (5, "the field `title` appears twice")
            ]
        );
    }

    #[test]
    fn front_matter_that_is_not_a_mapping() {
        let found = errors("---\n- a\n- b\n---\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 2);
        assert!(
            found[0].3.contains("expected `key: value` fields"),
            "{found:?}"
        );
        let found = errors("---\n---\n");
        assert_eq!(found[0].3, "missing field `title`");
        // Not there, and not a typo of an unknown key: reported missing.
        let found = errors("---\nheadline: x\n---\n");
        assert_eq!(found[0].3, "missing field `title`");
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn underlines_quoted_text_flow_lists_and_keys() {
        assert_eq!(node_len("title: ", "\"a \\\" b\" # c"), 8);
        assert_eq!(node_len("title: ", "'it''s' x"), 7);
        assert_eq!(node_len("tags: ", "[a, [b]] # c"), 8);
        assert_eq!(node_len("tags: [a, ", "bc, d]"), 2);
        assert_eq!(node_len("", "titel: x"), 5);
        assert_eq!(node_len("title: ", "State report # c\r\nnext"), 12);
        assert_eq!(node_len("", "key:"), 3);
        assert_eq!(node_len("", ""), 0);
    }

    #[test]
    fn unclosed_lists_and_quotes_are_placed_where_they_open() {
        let one = |file: &str| {
            let mut e = parse::<Fm>(&source(file)).unwrap_err();
            assert_eq!(e.len(), 1, "{e}");
            e.0.remove(0)
        };
        let e = one("---\ntitle: x\nactors: [a, b\nkind: y\n---\n");
        assert_eq!((e.line, e.column), (Some(3), Some(9)));
        assert!(e
            .message
            .starts_with("a list `[` opened here is not closed"));
        let e = one("---\ntitle: \"x\nkind: y\n---\n");
        assert_eq!((e.line, e.column), (Some(2), Some(8)));
        let e = one("---\ntitle: x\n\tkind: y\n---\n");
        assert_eq!(e.line, Some(3));
        assert!(e.hint.unwrap().contains("tabs"));
        let e = one("---\ntitle: x\nkind: y\ntitle: z\n---\n");
        assert_eq!(e.line, Some(4));
        assert_eq!(e.message, "the field `title` appears twice");
    }

    #[test]
    fn places_values_and_keys_by_path() {
        let t = source("---\ntitle: x\nitems:\n  - n: 1\n    tags: [a, \"b c\"]\n---\n");
        let path = [
            Step::Key("items"),
            Step::Index(0),
            Step::Key("tags"),
            Step::Index(1),
        ];
        let d = place(Diagnostic::new("a.md", "m"), &t, &path);
        assert_eq!(&t.file[d.span.unwrap()], "\"b c\"");
        let d = place(Diagnostic::new("a.md", "m"), &t, &path[..3]);
        assert_eq!((d.line, d.column), (Some(5), Some(11)));
        assert_eq!(&t.file[d.span.unwrap()], "[a, \"b c\"]");
        let d = place(Diagnostic::new("a.md", "m"), &t, &[Step::Key("nope")]);
        assert_eq!(d.span, Some(4..4));
    }

    #[test]
    fn missing_and_unclosed_front_matter() {
        assert!(split(Path::new("a.md"), "Body".into())
            .unwrap_err()
            .message
            .contains("missing"));
        assert!(split(Path::new("a.md"), "---\ntitle: x\n".into())
            .unwrap_err()
            .message
            .contains("not closed"));
        assert!(split(Path::new("a.md"), "\n \n".into())
            .unwrap_err()
            .message
            .contains("empty"));
    }
}
