//! Splitting a content file into YAML front matter and Markdown body, and
//! deserialising the front matter with errors placed in the file.

use crate::diagnostics::{explain_serde_message, Diagnostic};
use crate::model::SourceText;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Splits `file` at its `---` fences. The front matter must start on the
/// first line.
pub fn split(path: &Path, file: String) -> Result<SourceText, Diagnostic> {
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
                file,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::new(path, "the front matter is not closed")
        .at(&file, 1, 1)
        .hint("end the front matter with a line `---` before the Markdown body"))
}

/// `(line, column)` of the first `at line L column C` after `after` in a
/// YAML error message.
fn mark_after(raw: &str, after: &str) -> Option<(usize, usize)> {
    let rest = &raw[raw.find(after)? + after.len()..];
    let rest = rest.strip_prefix(" at line ")?;
    let (line, rest) = rest.split_once(" column ")?;
    let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.parse().ok()?, col.parse().ok()?))
}

/// What a YAML syntax error means for an author: a better place (where the
/// unclosed list, mapping or quote was opened), message and hint.
fn explain_syntax(
    text: &SourceText,
    raw: &str,
    fm_line: usize,
    location: Option<(usize, usize)>,
) -> Option<(usize, usize, String, String)> {
    let opened = [
        ("while parsing a flow sequence", "a list `[` opened here is not closed", "end the list with `]` on the same line, and separate its entries with commas"),
        ("while parsing a flow mapping", "a mapping `{` opened here is not closed", "end it with `}` on the same line, and separate its entries with commas"),
        ("while scanning a quoted scalar", "a quotation mark opened here is not closed", "end the text with the same quotation mark it starts with; inside \"…\" write \\\" for a quotation mark, or use '…'"),
    ];
    // Tabs first: libyaml words them in several ways.
    let (line, col) = location.unwrap_or((1, 1));
    let indented_with_tab = text
        .front_matter()
        .lines()
        .nth(line.saturating_sub(1))
        .is_some_and(|l| {
            let indent = l.len() - l.trim_start().len();
            l[..indent].contains('\t')
        });
    if raw.contains("tab character")
        || (raw.starts_with("found character that cannot start any token") && indented_with_tab)
    {
        return Some((
            fm_line + line,
            col,
            "a tab in the indentation of the front matter".into(),
            "indent YAML with spaces: tabs are not allowed".into(),
        ));
    }
    for (context, message, hint) in opened {
        if let Some((line, col)) = mark_after(raw, context) {
            let (problem, _) = explain_serde_message(raw);
            let message = format!("{message} ({problem})");
            return Some((fm_line + line, col, message, hint.to_string()));
        }
    }
    if raw.contains("while parsing") || raw.contains("did not find expected") {
        if let Some((i, col)) = unclosed_quote_before(text.front_matter(), line) {
            return Some((
                fm_line + i + 1,
                col,
                "a quotation mark opened here is not closed".into(),
                "end the text with the same quotation mark it starts with, on the same line".into(),
            ));
        }
    }
    let duplicate = raw
        .find("duplicate entry with key \"")
        .map(|i| &raw[i + "duplicate entry with key \"".len()..])
        .and_then(|rest| rest.split('"').next())
        .or_else(|| {
            let i = raw.find("duplicate field `")?;
            raw[i + "duplicate field `".len()..].split('`').next()
        });
    if let Some(key) = duplicate {
        let prefix = format!("{key}:");
        let second = text
            .front_matter()
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim_start().trim_start_matches("- ").starts_with(&prefix))
            .nth(1);
        if let Some((i, l)) = second {
            let col = l.len() - l.trim_start().len() + 1;
            return Some((
                fm_line + i + 1,
                col,
                format!("the field `{key}` appears twice"),
                "keep only one of them".into(),
            ));
        }
    }
    None
}

/// The last line before `line` (1-based, in the front matter) whose value
/// opens a quotation mark that the line does not close: YAML lets quoted
/// text run on, so the error shows only later. Index and 1-based column.
fn unclosed_quote_before(front_matter: &str, line: usize) -> Option<(usize, usize)> {
    let mut found = None;
    // Lines of a `>-` or `|` block are text, not YAML: skip them.
    let mut block: Option<usize> = None;
    for (i, l) in front_matter
        .lines()
        .take(line.saturating_sub(1))
        .enumerate()
    {
        let indent = l.len() - l.trim_start().len();
        if let Some(b) = block {
            if l.trim().is_empty() || indent > b {
                continue;
            }
            block = None;
        }
        let t = l.trim_start();
        let t = t.strip_prefix("- ").unwrap_or(t);
        let value = match t.split_once(": ") {
            Some((key, v)) if !key.contains(['"', '\'']) => v.trim(),
            _ => t.trim_end(),
        };
        if [">", ">-", ">+", "|", "|-", "|+"].contains(&value) {
            block = Some(indent);
            continue;
        }
        let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let after = &value[1..];
        let closed = if quote == '"' {
            let mut escaped = false;
            after.chars().any(|c| {
                let end = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                end
            })
        } else {
            // `''` is a quotation mark inside '…'; an odd count closes.
            after.matches('\'').count() % 2 == 1
        };
        if !closed {
            let col = l[..l.find(value).unwrap_or(0)].chars().count() + 1;
            found = Some((i, col));
        }
    }
    found
}

/// Deserialises the front matter into `T`, placing errors at the right line
/// of the file (not of the front matter block).
pub fn parse<T: DeserializeOwned>(text: &SourceText) -> Result<T, Diagnostic> {
    let yaml = if text.front_matter().trim().is_empty() {
        "{}"
    } else {
        text.front_matter()
    };
    serde_yaml::from_str(yaml).map_err(|e| {
        let raw = e.to_string();
        let fm_line = text.file[..text.front_matter_start].matches('\n').count();
        let location = e.location().map(|l| (l.line(), l.column()));
        if let Some((line, col, message, hint)) = explain_syntax(text, &raw, fm_line, location) {
            return Diagnostic::new(&text.path, message)
                .at(&text.file, line, col)
                .hint(hint);
        }
        let (message, hint) = explain_serde_message(&raw);
        let d = Diagnostic::new(&text.path, message.clone());
        let d = match e.location() {
            Some(loc) => d.at(&text.file, fm_line + loc.line(), loc.column()),
            None => d.at(&text.file, fm_line + 1, 1),
        };
        let is_date = message.contains("is not a date")
            || message.contains("months run from")
            || (message.contains("does not exist:") && message.ends_with(" days"));
        match hint {
            _ if is_date => d.hint("write dates as YYYY-MM-DD, YYYY-MM or YYYY, such as 2023-08-14"),
            Some(h) if message.contains("missing field") => d.hint(format!("{h} to the front matter")),
            Some(h) => d.hint(h),
            None => d.hint("check the YAML syntax: `key: value`, lists as `[a, b]` or `- a` lines; quote text containing `: `"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Fm {
        #[allow(dead_code)]
        title: String,
    }

    #[test]
    fn splits_front_matter_and_body() {
        let t = split(Path::new("a.md"), "---\ntitle: x\n---\nBody\n".into()).unwrap();
        assert_eq!(t.front_matter(), "title: x\n");
        assert_eq!(t.body(), "Body\n");
    }

    #[test]
    fn yaml_error_line_is_line_in_file() {
        let t = split(Path::new("a.md"), "---\ntitle: x\ntitel: y\n---\n".into()).unwrap();
        let e = parse::<Fm>(&t).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert_eq!(e.hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn unclosed_lists_and_quotes_are_placed_where_they_open() {
        let t = split(
            Path::new("a.md"),
            "---\ntitle: x\nactors: [a, b\nkind: y\n---\n".into(),
        )
        .unwrap();
        let e = parse::<serde_yaml::Value>(&t).unwrap_err();
        assert_eq!((e.line, e.column), (Some(3), Some(9)));
        assert!(e
            .message
            .starts_with("a list `[` opened here is not closed"));
        let t = split(Path::new("a.md"), "---\ntitle: \"x\nkind: y\n---\n".into()).unwrap();
        let e = parse::<serde_yaml::Value>(&t).unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(8)));
        let t = split(Path::new("a.md"), "---\ntitle: x\n\tkind: y\n---\n".into()).unwrap();
        let e = parse::<serde_yaml::Value>(&t).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.hint.unwrap().contains("tabs"));
        let t = split(
            Path::new("a.md"),
            "---\ntitle: x\nkind: y\ntitle: z\n---\n".into(),
        )
        .unwrap();
        let e = parse::<serde_yaml::Value>(&t).unwrap_err();
        assert_eq!(e.line, Some(4));
        assert_eq!(e.message, "the field `title` appears twice");
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
