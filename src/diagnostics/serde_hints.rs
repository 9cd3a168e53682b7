//! Words for serde's messages (YAML front matter, `book.toml`): Rust type
//! names replaced by the words an author knows, and a hint for unknown
//! fields and values ("did you mean") and for values of the wrong type.
//!
//! serde reports errors as text only, so this module reads that text; it is
//! the one place that does.

use super::closest;

/// Turns a serde (YAML or TOML) error message into a message without its
/// position suffix and a "did you mean" hint for unknown fields and variants.
pub fn explain_serde_message(raw: &str) -> (String, Option<String>) {
    let message = match raw.find(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    };
    let message = plain_words(message);
    let hint = unknown_name_hint(&message).or_else(|| type_hint(&message));
    (message, hint)
}

/// Replaces serde's names for Rust types with the words an author knows.
fn plain_words(message: &str) -> String {
    let mut m = message.to_string();
    // `expected struct ArticleFm`: a Rust type name means nothing to an author.
    while let Some(i) = m.find("expected struct ") {
        let rest = &m[i + "expected struct ".len()..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let tail = rest[end..].to_string();
        m = format!("{}expected `key: value` fields{tail}", &m[..i]);
    }
    for (from, to) in [
        ("invalid type: sequence", "invalid type: a list"),
        ("invalid type: map", "invalid type: `key: value` fields"),
        ("invalid type: unit value", "invalid type: nothing"),
        ("expected a sequence", "expected a list"),
        ("expected a map", "expected `key: value` fields"),
        (
            "expected a nonzero usize",
            "expected a whole number, at least 1",
        ),
        ("expected usize", "expected a number"),
        ("expected u64", "expected a number"),
        ("expected u32", "expected a number"),
        ("expected i64", "expected a number"),
        ("expected i32", "expected a number"),
        ("expected a string", "expected text"),
        ("expected a boolean", "expected `true` or `false`"),
    ] {
        m = m.replace(from, to);
    }
    m
}

/// A hint for a value of the wrong type.
fn type_hint(message: &str) -> Option<String> {
    let hint = if message.contains("expected a list") {
        "write a list as `[a, b]`, or one `- a` line per entry"
    } else if message.contains("expected a whole number, at least 1") {
        "write a whole number, 1 or more"
    } else if message.contains("expected a number") {
        "write a plain number, such as `2`"
    } else if message.contains("expected `key: value` fields") {
        "front matter is a set of `key: value` lines between two `---` lines"
    } else if message.contains("expected `true` or `false`") {
        "write `true` or `false`, without quotes"
    } else if message.contains("expected text") {
        "write text; put it in quotes if it starts with a special character or contains `: `"
    } else if message.contains("missing field") {
        "add the field"
    } else {
        return None;
    };
    Some(hint.to_string())
}

fn unknown_name_hint(message: &str) -> Option<String> {
    let (what, rest) = if let Some(i) = message.find("unknown field `") {
        ("field", &message[i + "unknown field `".len()..])
    } else if let Some(i) = message.find("unknown variant `") {
        ("value", &message[i + "unknown variant `".len()..])
    } else {
        return None;
    };
    let end = rest.find('`')?;
    let word = &rest[..end];
    let expected: Vec<&str> = rest[end..].split('`').skip(2).step_by(2).collect();
    Some(choice_hint(what, word, &expected))
}

/// A hint for `word`, a name that is not one of `expected`: the closest one
/// when it looks like a typo, else the list (`what`: "field" or "value").
pub fn choice_hint(what: &str, word: &str, expected: &[&str]) -> String {
    if expected.is_empty() {
        return format!("this {what} is not allowed here");
    }
    match closest(word, expected.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!(
            "allowed: {}",
            expected
                .iter()
                .map(|e| format!("`{e}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_unknown_fields_and_variants() {
        let (m, h) = explain_serde_message(
            "unknown field `titel`, expected one of `title`, `kind` at line 3 column 1",
        );
        assert_eq!(m, "unknown field `titel`, expected one of `title`, `kind`");
        assert_eq!(h.as_deref(), Some("did you mean `title`?"));
        let (_, h) = explain_serde_message("unknown variant `persn`, expected `person` or `state`");
        assert_eq!(h.as_deref(), Some("did you mean `person`?"));
        let (_, h) =
            explain_serde_message("unknown variant `zzzzzz`, expected `person` or `state`");
        assert_eq!(h.as_deref(), Some("allowed: `person`, `state`"));
    }

    #[test]
    fn rust_type_names_become_plain_words() {
        let (m, h) = explain_serde_message("invalid type: sequence, expected struct ActorFm");
        assert_eq!(m, "invalid type: a list, expected `key: value` fields");
        assert!(h.unwrap().contains("`key: value` lines"));
        let (m, h) = explain_serde_message(
            "annotations[2].occurrence: invalid type: string \"first\", expected usize",
        );
        assert_eq!(
            m,
            "annotations[2].occurrence: invalid type: string \"first\", expected a number"
        );
        assert!(h.unwrap().contains("number"));
        let (m, _) = explain_serde_message("invalid type: string \"x\", expected a sequence");
        assert!(m.ends_with("expected a list"));
    }
}
