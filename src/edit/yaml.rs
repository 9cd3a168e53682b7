//! New YAML values, written so that they read back as written: text in
//! double quotes (JSON string syntax is YAML's double-quoted style), slugs
//! and kinds plain only when YAML cannot read them as anything but text.

use super::NewAnnotation;
use serde_yaml::{Mapping, Value};

/// `s` as a double-quoted YAML scalar.
pub(super) fn quoted(s: &str) -> String {
    // serde_json escapes `"`, `\` and the C0 controls. YAML also reads NEL,
    // LINE SEPARATOR and PARAGRAPH SEPARATOR as line breaks (a quoted
    // scalar folds them to a space), and refuses DEL, the C1 controls and
    // U+FFFE/U+FFFF written as they are: those are escaped too.
    let json = serde_json::Value::String(s.to_string()).to_string();
    if !json.chars().any(needs_escape) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs_escape(c) {
            out.push_str(&format!("\\u{:04X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether YAML reads `c`, written as it is in a quoted scalar, as other
/// than that character.
fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '\u{7F}'..='\u{9F}' | '\u{2028}' | '\u{2029}' | '\u{FFFE}' | '\u{FFFF}'
    )
}

/// `s` plain when it is a slug-like word YAML reads as text, else quoted.
fn word(s: &str) -> String {
    let plain = s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !matches!(
            s,
            "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// `[a, b]`.
fn words(list: &[String]) -> String {
    let inner: Vec<String> = list.iter().map(|s| word(s)).collect();
    format!("[{}]", inner.join(", "))
}

/// The fields of an annotation in the order they are written.
fn fields(a: &NewAnnotation) -> Vec<(&'static str, String)> {
    let mut out = vec![("id", word(&a.id)), ("quote", quoted(&a.quote))];
    if let Some(n) = a.occurrence {
        out.push(("occurrence", n.to_string()));
    }
    out.push(("kind", word(&a.kind)));
    out.push(("note", quoted(&a.note)));
    if !a.actors.is_empty() {
        out.push(("actors", words(&a.actors)));
    }
    if !a.events.is_empty() {
        out.push(("events", words(&a.events)));
    }
    out
}

/// An annotation as a block-list entry whose `-` is at `indent`, each line
/// ending in `newline`.
pub(super) fn annotation_block(a: &NewAnnotation, indent: usize, newline: &str) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for (i, (key, value)) in fields(a).into_iter().enumerate() {
        let lead = if i == 0 { "- " } else { "  " };
        out.push_str(&format!("{pad}{lead}{key}: {value}{newline}"));
    }
    out
}

/// An annotation as a flow mapping, `{id: x, quote: "…", …}`.
pub(super) fn annotation_flow(a: &NewAnnotation) -> String {
    let inner: Vec<String> = fields(a)
        .into_iter()
        .map(|(k, v)| format!("{k}: {v}"))
        .collect();
    format!("{{{}}}", inner.join(", "))
}

/// The annotation as serde_yaml reads it back, to check an edit by.
pub(super) fn annotation_value(a: &NewAnnotation) -> Value {
    let mut m = Mapping::new();
    let mut put = |k: &str, v: Value| {
        m.insert(Value::String(k.into()), v);
    };
    put("id", a.id.clone().into());
    put("quote", a.quote.clone().into());
    if let Some(n) = a.occurrence {
        put("occurrence", (n as u64).into());
    }
    put("kind", a.kind.clone().into());
    put("note", a.note.clone().into());
    let list = |l: &[String]| Value::Sequence(l.iter().map(|s| s.clone().into()).collect());
    if !a.actors.is_empty() {
        put("actors", list(&a.actors));
    }
    if !a.events.is_empty() {
        put("events", list(&a.events));
    }
    Value::Mapping(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_reads_back_as_written() {
        for s in [
            "plain",
            "a: b # c",
            "\"quoted\" and 'single'",
            "back\\slash",
            "line\nbreak\ttab",
            "- dash",
            "null",
            "123",
            "Żaneta «x» 😀",
            "\u{7}bell",
            "next\u{85}line",
            "line\u{2028}separator",
            "paragraph\u{2029}separator",
            "zero\u{FEFF}width",
            "del\u{7F}c1\u{9B}nonchar\u{FFFE}\u{FFFF}",
        ] {
            let yaml = format!("k: {}", quoted(s));
            let v: Value = serde_yaml::from_str(&yaml).unwrap();
            assert_eq!(v["k"].as_str(), Some(s), "{yaml}");
            let yaml = format!("k: [{}]", word(s));
            let v: Value = serde_yaml::from_str(&yaml).unwrap();
            assert_eq!(v["k"][0].as_str(), Some(s), "{yaml}");
        }
        assert_eq!(word("kowalska"), "kowalska");
        assert_eq!(word("2022-unrest"), "\"2022-unrest\"");
        assert_eq!(word("no"), "\"no\"");
    }
}
