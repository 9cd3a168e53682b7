//! Every wrong key and value of a `book.toml`, not only the first: serde
//! stops at the first, so each one found is blanked out (its entry, or the
//! whole table for a table's name; spaces for its bytes, so every place in
//! the file stays where it is) and the rest is read again.

use std::ops::Range;
use toml_edit::{ImDocument, Item, Table};

/// At most this many problems are told in one run (a file of nothing but
/// mistakes says enough by then).
const MOST: usize = 30;

/// Reads `text` as `T`: the value, read from the text with every wrong
/// entry blanked out, and the text it was read from; or the errors.
/// `place` tells an error's place (none: nothing can be blanked, and
/// reading stops there); `missing` the field an error says is missing.
pub(super) fn read_all<T, E>(
    text: &str,
    read: impl Fn(&str) -> Result<T, E>,
    place: impl Fn(&E) -> Option<usize>,
    missing: impl Fn(&E) -> Option<String>,
) -> (Option<(T, String)>, Vec<E>) {
    let mut errors = Vec::new();
    let mut now = text.to_string();
    let mut blanked: Vec<String> = Vec::new();
    while errors.len() < MOST {
        let error = match read(&now) {
            Ok(value) => return (Some((value, now)), errors),
            Err(e) => e,
        };
        if let Some(field) = missing(&error) {
            // A field missing once its entry is blanked is the blanking's
            // doing; one missing from the file is told, and ends the
            // reading (nothing can stand in for it).
            if !blanked.iter().any(|b| b.contains(field.as_str())) {
                errors.push(error);
            }
            break;
        }
        let next = place(&error).and_then(|at| blank_entry_at(&now, at));
        errors.push(error);
        let Some((next, gone)) = next else { break };
        now = next;
        blanked.push(gone);
    }
    (None, errors)
}

/// `text` with the innermost entry around byte `at` blanked out (its line
/// from the start, if the entry alone leaves what is not TOML: a dotted
/// key's first parts), and the text blanked; none when no blanking leaves
/// TOML, so that no error of the blanking's own is ever told.
fn blank_entry_at(text: &str, at: usize) -> Option<(String, String)> {
    let doc = ImDocument::parse(text.to_string()).ok()?;
    let mut entries = Vec::new();
    table_entries(doc.as_table(), &mut entries);
    entries.retain(|r| r.contains(&at));
    entries.sort_by_key(|r| r.len());
    let line_start = |i: usize| text[..i].rfind('\n').map_or(0, |n| n + 1);
    entries
        .into_iter()
        .flat_map(|r| [r.clone(), line_start(r.start)..r.end])
        .find_map(|range| {
            let blanked = blank(text, range.clone());
            ImDocument::parse(blanked.clone()).ok()?;
            Some((blanked, text[range].to_string()))
        })
}

/// `text` with the bytes of `range` spaces, its line breaks kept.
fn blank(text: &str, range: Range<usize>) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for b in &mut bytes[range] {
        if !matches!(b, b'\n' | b'\r') {
            *b = b' ';
        }
    }
    // Only whole characters were replaced, by ASCII: still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// The byte ranges of the entries of `table` and of the tables in it,
/// each from its key (or header) to its value's (or last entry's) end;
/// returns where the table's own text ends.
fn table_entries(table: &Table, out: &mut Vec<Range<usize>>) -> Option<usize> {
    let mut end = table.span().map(|s| s.end);
    for (key, item) in table.iter() {
        let key_start = table.key(key).and_then(|k| k.span()).map(|s| s.start);
        let sub_tables: Vec<&Table> = match item {
            Item::Value(v) => {
                if let (Some(start), Some(span)) = (key_start, v.span()) {
                    out.push(start..span.end);
                    end = end.max(Some(span.end));
                }
                continue;
            }
            Item::Table(t) => vec![t],
            Item::ArrayOfTables(a) => a.iter().collect(),
            Item::None => continue,
        };
        for t in sub_tables {
            let inner_end = table_entries(t, out);
            // A table named only in its tables' headers or dotted keys
            // (`output` of `[output.html]`) has no text of its own.
            if let (Some(span), Some(inner_end)) = (t.span(), inner_end) {
                out.push(span.start..inner_end);
            }
            end = end.max(inner_end);
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_a_table_or_an_element_of_an_array_of_tables_is_blanked() {
        let text = "[book]\ntitle = \"T\"\nbild = [\n  1,\n]\n\n[outptu]\nx = 1\n\n[[warnings.allow]]\nrule = \"r\"\n";
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(
            blank_entry_at(text, at("[\n  1")).unwrap().0,
            "[book]\ntitle = \"T\"\n        \n    \n \n\n[outptu]\nx = 1\n\n[[warnings.allow]]\nrule = \"r\"\n"
        );
        assert_eq!(
            blank_entry_at(text, at("outptu")).unwrap().0,
            "[book]\ntitle = \"T\"\nbild = [\n  1,\n]\n\n        \n     \n\n[[warnings.allow]]\nrule = \"r\"\n"
        );
        let blanked = blank_entry_at(text, at("\"r\"")).unwrap().0;
        assert!(
            blanked.ends_with("[[warnings.allow]]\n          \n"),
            "{blanked:?}"
        );
        assert_eq!(blanked.len(), text.len());
    }
}
