//! YAML syntax errors in an author's words: where an unclosed list,
//! mapping or quotation mark was opened (libyaml reports where it noticed,
//! often lines later), tabs in the indentation, a field written twice.
//!
//! libyaml reports these as text only, so this module reads that text.

use crate::diagnostics::explain_serde_message;
use crate::model::SourceText;

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
pub(super) fn explain_syntax(
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
