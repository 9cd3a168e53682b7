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
/// entry blanked out, and the text it was read from; or the errors. `err`
/// tells an error's place (none: nothing can be blanked, and reading
/// stops there).
pub(super) fn read_all<T, E>(
    text: &str,
    read: impl Fn(&str) -> Result<T, E>,
    place: impl Fn(&E) -> Option<usize>,
) -> (Option<(T, String)>, Vec<E>) {
    let mut errors = Vec::new();
    let mut now = text.to_string();
    while errors.len() < MOST {
        let error = match read(&now) {
            Ok(value) => return (Some((value, now)), errors),
            Err(e) => e,
        };
        let at = place(&error);
        let blanked = at.and_then(|at| blank_entry_at(&now, at));
        // Without a place after a blanking (a table or a field now
        // missing), the error is the blanking's own doing.
        if at.is_some() || errors.is_empty() {
            errors.push(error);
        }
        match blanked {
            Some(b) if b != now => now = b,
            _ => break,
        }
    }
    (None, errors)
}

/// `text` with the innermost entry around byte `at` blanked out, if it
/// parses as TOML and one is.
fn blank_entry_at(text: &str, at: usize) -> Option<String> {
    let doc = ImDocument::parse(text.to_string()).ok()?;
    let mut entries = Vec::new();
    table_entries(doc.as_table(), &mut entries);
    let range = (entries.into_iter())
        .filter(|r| r.contains(&at))
        .min_by_key(|r| r.len())?;
    let mut bytes = text.as_bytes().to_vec();
    for b in &mut bytes[range] {
        if !matches!(b, b'\n' | b'\r') {
            *b = b' ';
        }
    }
    String::from_utf8(bytes).ok()
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
            let start = t.span().map(|s| s.start).or(key_start);
            if let (Some(start), Some(inner_end)) = (start, inner_end) {
                out.push(start..inner_end);
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
            blank_entry_at(text, at("[\n  1")).unwrap(),
            "[book]\ntitle = \"T\"\n        \n    \n \n\n[outptu]\nx = 1\n\n[[warnings.allow]]\nrule = \"r\"\n"
        );
        assert_eq!(
            blank_entry_at(text, at("outptu")).unwrap(),
            "[book]\ntitle = \"T\"\nbild = [\n  1,\n]\n\n        \n     \n\n[[warnings.allow]]\nrule = \"r\"\n"
        );
        let blanked = blank_entry_at(text, at("\"r\"")).unwrap();
        assert!(
            blanked.ends_with("[[warnings.allow]]\n          \n"),
            "{blanked:?}"
        );
        assert_eq!(blanked.len(), text.len());
    }
}
