//! `[strings]` in `book.toml`: each key must be one the built-in tables
//! have, with a value of its kind; every wrong one is reported, placed at
//! its key, with the closest key as a hint.

use super::plural::CATEGORIES;
use super::{english, is_count, keys, lookup};
use crate::config::CONFIG_FILE;
use crate::diagnostics::{closest, Diagnostic, Diagnostics};
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::collections::BTreeMap;
use std::ops::Range;
use toml::{Spanned, Table, Value};

/// Every problem of the `[strings]` table `overrides` of the `book.toml`
/// whose text is `text`.
pub fn check_overrides(overrides: &Table, text: &str) -> Diagnostics {
    let en = english();
    let mut problems = Vec::new();
    walk(&en, overrides, "", &mut problems);
    let mut diags = Diagnostics::new();
    if problems.is_empty() {
        return diags;
    }
    let places = key_places(text);
    for (key, message, hint) in problems {
        let mut d = Diagnostic::new(CONFIG_FILE, message).hint(hint);
        if let Some(span) = places.get(&key) {
            d = d.at_span(text, span.clone());
        }
        diags.push(d);
    }
    diags
}

/// A problem: the dotted key, the message, the hint.
type Problem = (String, String, String);

/// Checks `over` against the English table `en`, whose keys are every
/// table's.
fn walk(en: &Table, over: &Table, prefix: &str, out: &mut Vec<Problem>) {
    for (key, value) in over {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        let Some(known) = en.get(key) else {
            // `[languages]` names any language by its code.
            if prefix == "languages" && value.is_str() {
                continue;
            }
            out.push(unknown(&path));
            continue;
        };
        match (known, value) {
            (Value::Table(forms), Value::Table(o)) if is_count(forms) => count(o, &path, out),
            (Value::Table(e), Value::Table(o)) => walk(e, o, &path, out),
            (Value::Table(forms), _) if is_count(forms) => out.push(wrong(
                &path,
                "a table of plural forms",
                "`{ one = \"…\", other = \"…\" }`",
            )),
            (Value::String(_), Value::String(_)) => {}
            (Value::Array(_), Value::Array(a)) if months(a) => {}
            (Value::Array(_), _) => out.push(wrong(
                &path,
                "twelve month names",
                "a list of twelve texts, January first",
            )),
            (Value::Table(_), _) => out.push(wrong(&path, "a table", "write its keys under it")),
            _ => out.push(wrong(&path, "text", "put the text in quotes")),
        }
    }
}

/// A count's forms: plural categories, each a text.
fn count(forms: &Table, path: &str, out: &mut Vec<Problem>) {
    for (category, value) in forms {
        let at = format!("{path}.{category}");
        if !CATEGORIES.contains(&category.as_str()) {
            out.push((
                at,
                format!("[strings] `{path}` has no plural form `{category}`"),
                format!(
                    "the forms are {}",
                    CATEGORIES.map(|c| format!("`{c}`")).join(", ")
                ),
            ));
        } else if !value.is_str() {
            out.push(wrong(&at, "text", "put the text in quotes"));
        }
    }
}

fn months(list: &[Value]) -> bool {
    list.len() == 12 && list.iter().all(Value::is_str)
}

fn unknown(path: &str) -> Problem {
    let all = keys(&english());
    let hint = match closest(path, all.iter().map(String::as_str)) {
        Some(key) => format!("did you mean `{key}`?"),
        None => match path
            .split('.')
            .next()
            .filter(|s| lookup(&english(), s).is_some())
        {
            Some(section) => format!("see the `{section}` keys in src/i18n/en.toml"),
            None => "the keys are those of src/i18n/en.toml, such as `nav.timeline`".into(),
        },
    };
    (path.into(), format!("[strings] has no key `{path}`"), hint)
}

fn wrong(path: &str, want: &str, hint: &str) -> Problem {
    (
        path.into(),
        format!("[strings] `{path}` must be {want}"),
        hint.into(),
    )
}

/// Where each key under `[strings]` is written: dotted key → span of its
/// last part. Read only when a key is wrong.
fn key_places(text: &str) -> BTreeMap<String, Range<usize>> {
    #[derive(serde::Deserialize, Default)]
    struct Book {
        #[serde(default)]
        strings: Option<Node>,
    }
    let mut out = BTreeMap::new();
    if let Some(Node(Some(children))) = toml::from_str::<Book>(text).ok().and_then(|b| b.strings) {
        flatten(&children, "", &mut out);
    }
    out
}

fn flatten(
    children: &[(Spanned<String>, Node)],
    prefix: &str,
    out: &mut BTreeMap<String, Range<usize>>,
) {
    for (key, node) in children {
        let path = if prefix.is_empty() {
            key.get_ref().clone()
        } else {
            format!("{prefix}.{}", key.get_ref())
        };
        if let Node(Some(inner)) = node {
            flatten(inner, &path, out);
        }
        out.insert(path, key.span());
    }
}

/// A value of the `[strings]` table with the places of its keys: a table's
/// keys and values, or `None` for anything else.
struct Node(Option<Vec<(Spanned<String>, Node)>>);

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut children = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    children.push((key, map.next_value::<Node>()?));
                }
                Ok(Node(Some(children)))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Node(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<Node, E> {
                Ok(Node(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Node, E> {
                Ok(Node(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Node, E> {
                Ok(Node(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Node, E> {
                Ok(Node(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Node, E> {
                Ok(Node(None))
            }
        }
        d.deserialize_any(NodeVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Diagnostics {
        let table: Table = text.parse().unwrap();
        let over = table
            .get("strings")
            .and_then(Value::as_table)
            .cloned()
            .unwrap_or_default();
        check_overrides(&over, text)
    }

    #[test]
    fn an_unknown_key_is_placed_with_the_closest_key() {
        let text = "[book]\ntitle = \"T\"\n\n[strings]\nnav.timline = \"Chronology\"\n";
        let e = check(text);
        assert_eq!(e.len(), 1);
        let d = &e.0[0];
        assert_eq!(d.message, "[strings] has no key `nav.timline`");
        assert_eq!(d.hint.as_deref(), Some("did you mean `nav.timeline`?"));
        assert_eq!((d.line, d.column), (Some(5), Some(5)));
    }

    #[test]
    fn every_wrong_value_is_reported() {
        let text = "[strings.nav]\ntimeline = 3\n[strings.count.event]\nsome = \"x\"\n[strings.date]\nmonths = [\"Jan\"]\n";
        let e = check(text);
        let shown: Vec<_> = e.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            shown,
            [
                (Some(4), "[strings] `count.event` has no plural form `some`"),
                (
                    Some(6),
                    "[strings] `date.months` must be twelve month names"
                ),
                (Some(2), "[strings] `nav.timeline` must be text"),
            ]
        );
        assert!(check(
            "[strings]\nnav.timeline = \"T\"\ncount.event = { one = \"e\", few = \"f\" }\n"
        )
        .is_empty());
    }
}
