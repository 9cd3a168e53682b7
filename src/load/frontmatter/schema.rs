//! Front matter schemas as data, to report every bad key and value of a file
//! in one run.
//!
//! A front matter is deserialised in one go with serde (the fast path, and
//! the only one for a good file). serde stops at the first error, so when
//! that fails the file is gone over again field by field: each key is
//! checked against its schema's fields, each field deserialised on its own
//! (with serde_yaml, so that it is read exactly as in one go), and a field
//! that fails is gone into when it is a mapping or a list of mappings. Every
//! problem is placed where libyaml says its key or value is written.

use super::walk::{self, Node, Step};
use crate::diagnostics::{choice_hint, closest, explain_serde_message};
use serde::de::DeserializeOwned;

/// A front matter type whose fields are listed, in the order serde lists
/// them (that order is the one error messages give).
pub(crate) trait Schema: DeserializeOwned {
    const FIELDS: &'static [Field];
}

/// Deserialises the node at a path of a front matter, alone.
type CheckFn = fn(&str, &[Step]) -> Result<(), serde_yaml::Error>;

/// One field of a schema: its key, whether it must be there, how to check
/// its value and, for values that are mappings, their own fields.
#[derive(Clone, Copy)]
pub(crate) struct Field {
    pub name: &'static str,
    required: bool,
    check: CheckFn,
    shape: Shape,
    /// For a value that does not deserialise, instead of serde's hint.
    hint: Option<&'static str>,
}

#[derive(Clone, Copy)]
enum Shape {
    /// Checked as a whole.
    Value,
    /// A mapping with these fields.
    Table(&'static [Field]),
    /// A list of mappings with these fields; `item` checks one.
    List {
        item: CheckFn,
        fields: &'static [Field],
    },
}

impl Field {
    /// A field holding a `T`, checked as a whole.
    pub(crate) const fn value<T: DeserializeOwned>(name: &'static str) -> Field {
        Field {
            name,
            required: false,
            check: walk::check::<T>,
            shape: Shape::Value,
            hint: None,
        }
    }
    /// A field holding a mapping of schema `T`.
    pub(crate) const fn table<T: Schema>(name: &'static str) -> Field {
        Field {
            shape: Shape::Table(T::FIELDS),
            ..Field::value::<T>(name)
        }
    }
    /// A field holding a list of mappings of schema `T`.
    pub(crate) const fn list<T: Schema>(name: &'static str) -> Field {
        Field {
            shape: Shape::List {
                item: walk::check::<T>,
                fields: T::FIELDS,
            },
            ..Field::value::<Vec<T>>(name)
        }
    }
    pub(crate) const fn required(self) -> Field {
        Field {
            required: true,
            ..self
        }
    }
    pub(crate) const fn hint(self, hint: &'static str) -> Field {
        Field {
            hint: Some(hint),
            ..self
        }
    }
}

/// One problem of a front matter: where it is (a byte offset in the YAML,
/// when libyaml could tell), and what to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Problem {
    pub at: Option<usize>,
    /// Whether the node at `at` is what is wrong (and is underlined), or
    /// only the place to point at (the mapping that lacks a field).
    pub underline: bool,
    pub message: String,
    pub hint: String,
}

const SYNTAX_HINT: &str =
    "check the YAML syntax: `key: value`, lists as `[a, b]` or `- a` lines; quote text containing `: `";

impl Problem {
    /// serde_yaml's error in an author's words.
    pub(super) fn from_error(e: &serde_yaml::Error, hint: Option<&str>) -> Problem {
        let (message, serde_hint) = explain_serde_message(&e.to_string());
        let hint = match (hint, serde_hint) {
            (Some(h), _) => h.to_string(),
            (None, Some(h)) if message.contains("missing field") => {
                format!("{h} to the front matter")
            }
            (None, Some(h)) => h,
            (None, None) => SYNTAX_HINT.to_string(),
        };
        Problem {
            at: e.location().map(|l| l.index()),
            underline: !message.contains("missing field"),
            message,
            hint,
        }
    }
}

/// Every problem of `yaml` for schema `T`. When the walk finds none (the
/// error is not in a field), the error of reading `T` in one go.
pub(super) fn every_problem<T: Schema>(yaml: &str) -> Vec<Problem> {
    let mut found = Vec::new();
    let shape = Shape::Table(T::FIELDS);
    node(
        yaml,
        &mut Vec::new(),
        walk::check::<T>,
        shape,
        None,
        &mut found,
    );
    found
}

/// Checks the node at `path`; when it fails, looks inside it for the
/// problems, else reports its own error.
fn node(
    yaml: &str,
    path: &mut Vec<Step>,
    check: CheckFn,
    shape: Shape,
    hint: Option<&str>,
    found: &mut Vec<Problem>,
) {
    let Err(e) = check(yaml, path) else { return };
    let before = found.len();
    match shape {
        Shape::Value => {}
        Shape::Table(fields) => table(yaml, path, fields, found),
        Shape::List { item, fields } => {
            if let Some(Node::List(len)) = walk::describe(yaml, path) {
                for i in 0..len {
                    path.push(Step::Index(i));
                    node(yaml, path, item, Shape::Table(fields), None, found);
                    path.pop();
                }
            }
        }
    }
    if found.len() == before {
        found.push(Problem::from_error(&e, hint));
    }
}

/// The problems of the mapping at `path`: unknown and repeated keys, the
/// values of known ones, missing fields.
fn table(yaml: &str, path: &mut Vec<Step>, fields: &'static [Field], found: &mut Vec<Problem>) {
    let Some(Node::Map(keys)) = walk::describe(yaml, path) else {
        return;
    };
    let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
    for (i, key) in keys.iter().enumerate() {
        let nth = keys[..i].iter().filter(|k| *k == key).count();
        let place = || walk::key_at(yaml, path, key, nth);
        match fields.iter().find(|f| f.name == key) {
            None => found.push(Problem {
                at: place(),
                underline: true,
                message: in_path(path, &unknown_field(key, &names)),
                hint: choice_hint("field", key, &names),
            }),
            Some(_) if nth > 0 => found.push(Problem {
                at: place(),
                underline: true,
                message: format!("the field `{key}` appears twice"),
                hint: "keep only one of them".into(),
            }),
            Some(field) => {
                path.push(Step::Key(field.name));
                node(yaml, path, field.check, field.shape, field.hint, found);
                path.pop();
            }
        }
    }
    // A field that an unknown key looks like a typo of is not reported
    // missing as well: "did you mean" says it.
    let meant: Vec<&str> = keys
        .iter()
        .filter(|k| !names.contains(&k.as_str()))
        .filter_map(|k| closest(k, names.iter().copied()))
        .collect();
    let missing = fields
        .iter()
        .filter(|f| f.required && !keys.iter().any(|k| k == f.name) && !meant.contains(&f.name));
    for field in missing {
        found.push(Problem {
            at: walk::node_at(yaml, path),
            underline: false,
            message: in_path(path, &format!("missing field `{}`", field.name)),
            hint: "add the field to the front matter".into(),
        });
    }
}

/// serde's words for a key that is not a field.
fn unknown_field(key: &str, names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => format!("unknown field `{key}`, there are no fields"),
        [one] => format!("unknown field `{key}`, expected {one}"),
        [a, b] => format!("unknown field `{key}`, expected {a} or {b}"),
        all => format!("unknown field `{key}`, expected one of {}", all.join(", ")),
    }
}

/// A message prefixed with its path as serde_yaml writes it
/// (`annotations[2].kind: …`), unless at the top.
fn in_path(path: &[Step], message: &str) -> String {
    if path.is_empty() {
        return message.to_string();
    }
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => out.push_str(&format!(".{k}")),
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    format!("{out}: {message}")
}

/// Test support: a schema's field names and required fields are serde's.
#[cfg(test)]
pub(crate) fn assert_matches_serde<T: Schema>() {
    use serde::de::{self, Deserializer, Visitor};
    /// Tells the field names serde asks a struct for.
    struct Names<'a>(&'a mut &'static [&'static str]);
    impl<'de> Deserializer<'de> for Names<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("only structs"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("names only"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    let mut serde_names: &'static [&'static str] = &[];
    let _ = T::deserialize(Names(&mut serde_names));
    let names: Vec<&str> = T::FIELDS.iter().map(|f| f.name).collect();
    assert_eq!(names, serde_names, "{}", std::any::type_name::<T>());
    let required: Vec<String> = T::FIELDS
        .iter()
        .filter(|f| f.required)
        .map(|f| format!("missing field `{}`", f.name))
        .collect();
    let found: Vec<String> = every_problem::<T>("{}")
        .into_iter()
        .map(|p| p.message)
        .collect();
    assert_eq!(found, required, "{}", std::any::type_name::<T>());
    // serde agrees that these, and only these, must be there.
    match serde_yaml::from_str::<T>("{}") {
        Ok(_) => assert!(required.is_empty()),
        Err(e) => assert!(
            required.contains(&e.to_string().split(" at ").next().unwrap_or("").to_string()),
            "{e}"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_words_for_unknown_fields_and_paths() {
        assert_eq!(
            unknown_field("x", &["a", "b", "c"]),
            "unknown field `x`, expected one of `a`, `b`, `c`"
        );
        assert_eq!(
            unknown_field("x", &["a", "b"]),
            "unknown field `x`, expected `a` or `b`"
        );
        assert_eq!(
            unknown_field("x", &["a"]),
            "unknown field `x`, expected `a`"
        );
        assert_eq!(
            in_path(&[Step::Key("a"), Step::Index(2), Step::Key("b")], "m"),
            "a[2].b: m"
        );
        assert_eq!(in_path(&[], "m"), "m");
    }
}
