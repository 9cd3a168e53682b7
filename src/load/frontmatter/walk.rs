//! Going to one node of the front matter, by a path of keys and list
//! indices, with the parser that deserialises it (serde_yaml, libyaml
//! underneath): to deserialise that node alone, to list the keys of a
//! mapping, or to learn where the node is written.
//!
//! serde_yaml tells a position only with an error, so the place of a node is
//! learnt by failing there on purpose: the error comes back with libyaml's
//! own mark. Every call parses the front matter again; this runs only for a
//! file that did not load, to report all of its problems and place them.

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess,
    Visitor,
};
use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

/// One step of a path into the front matter: a key of a mapping (always a
/// field name of a schema) or an index in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Key(&'static str),
    Index(usize),
}

/// What a node is: a mapping with its keys (in order, repeats included),
/// a list of so many items, or a single value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Node {
    Map(Vec<String>),
    List(usize),
    Scalar,
}

/// Deserialises the node at `path` as a `T`: the error is the one serde_yaml
/// gives for that field when the whole front matter is read, with its path
/// and place. `Ok` also when there is no such node.
pub(super) fn check<T: DeserializeOwned>(
    yaml: &str,
    path: &[Step],
) -> Result<(), serde_yaml::Error> {
    run(yaml, path, Check::<T>(PhantomData)).0.map(drop)
}

/// The node at `path`, if there is one.
pub(super) fn describe(yaml: &str, path: &[Step]) -> Option<Node> {
    run(yaml, path, Describe).0.ok().flatten()
}

/// Byte offset in `yaml` where the node at `path` starts.
pub(super) fn node_at(yaml: &str, path: &[Step]) -> Option<usize> {
    place(run(yaml, path, Fail))
}

/// Byte offset in `yaml` of the `nth` (from 0) key `key` of the mapping at
/// `path`.
pub(super) fn key_at(yaml: &str, path: &[Step], key: &str, nth: usize) -> Option<usize> {
    place(run(yaml, path, FailAtKey { key, nth }))
}

/// The place of the error that an action raised on purpose where it was
/// meant to.
fn place<T>((result, reached): (Result<T, serde_yaml::Error>, bool)) -> Option<usize> {
    match result {
        Err(e) if reached => e.location().map(|l| l.index()),
        _ => None,
    }
}

/// Walks `path` in `yaml` and does `action` there. Also tells whether the
/// end of the path was reached (so that an error is the action's own).
fn run<A: Action>(
    yaml: &str,
    path: &[Step],
    action: A,
) -> (Result<Option<A::Out>, serde_yaml::Error>, bool) {
    let reached = Cell::new(false);
    let walk = Walk {
        path,
        action,
        reached: &reached,
    };
    let result = walk.deserialize(serde_yaml::Deserializer::from_str(yaml));
    (result, reached.get())
}

/// What to do with the node at the end of a path.
trait Action {
    type Out;
    fn act<'de, D: Deserializer<'de>>(self, d: D) -> Result<Self::Out, D::Error>;
}

struct Check<T>(PhantomData<T>);

impl<T: DeserializeOwned> Action for Check<T> {
    type Out = ();
    fn act<'de, D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        T::deserialize(d).map(drop)
    }
}

struct Describe;

impl Action for Describe {
    type Out = Node;
    fn act<'de, D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(Describe)
    }
}

impl<'de> Visitor<'de> for Describe {
    type Value = Node;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Node, M::Error> {
        let mut keys = Vec::new();
        while let Some(key) = map.next_key_seed(KeyText)? {
            map.next_value::<IgnoredAny>()?;
            keys.push(key);
        }
        Ok(Node::Map(keys))
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Node, S::Error> {
        let mut len = 0;
        while seq.next_element::<IgnoredAny>()?.is_some() {
            len += 1;
        }
        Ok(Node::List(len))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_str<E>(self, _: &str) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
}

/// Fails at the node: serde_yaml marks the error with the node's place.
struct Fail;

impl Action for Fail {
    type Out = ();
    fn act<'de, D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(Fail)
    }
}

impl Visitor<'_> for Fail {
    type Value = ();
    // Every `visit_*` keeps its default: an "invalid type" error.
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("nothing (this error only marks a place)")
    }
}

/// Fails at the `nth` key `key` of a mapping.
struct FailAtKey<'k> {
    key: &'k str,
    nth: usize,
}

impl Action for FailAtKey<'_> {
    type Out = ();
    fn act<'de, D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FailAtKey<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping")
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        let mut seen = 0;
        while map
            .next_key_seed(FailIfKey {
                key: self.key,
                fail: seen == self.nth,
                seen: &mut seen,
            })?
            .is_some()
        {
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
}

/// Reads one key; fails on it when it is `key` and `fail`, inside the
/// deserialiser's call so that the error gets the key's place.
struct FailIfKey<'a> {
    key: &'a str,
    fail: bool,
    seen: &'a mut usize,
}

impl<'de> DeserializeSeed<'de> for FailIfKey<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for FailIfKey<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        if v == self.key {
            if self.fail {
                return Err(E::custom("(marks the key)"));
            }
            *self.seen += 1;
        }
        Ok(())
    }
}

/// Goes down `path`, then does `action`.
struct Walk<'p, A> {
    path: &'p [Step],
    action: A,
    reached: &'p Cell<bool>,
}

impl<'de, A: Action> DeserializeSeed<'de> for Walk<'_, A> {
    type Value = Option<A::Out>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        match self.path.split_first() {
            None => {
                self.reached.set(true);
                self.action.act(d).map(Some)
            }
            Some((&step, rest)) => d.deserialize_any(Towards {
                step,
                next: Walk {
                    path: rest,
                    action: self.action,
                    reached: self.reached,
                },
            }),
        }
    }
}

/// Takes one step of a walk: into the entry of a mapping or the item of a
/// list that the step names, skipping the others (serde_yaml wants every
/// entry read).
struct Towards<'p, A> {
    step: Step,
    next: Walk<'p, A>,
}

impl<'de, A: Action> Visitor<'de> for Towards<'_, A> {
    type Value = Option<A::Out>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping or a list")
    }
    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let want = match self.step {
            Step::Key(key) => Some(key),
            Step::Index(_) => None,
        };
        let mut next = Some(self.next);
        let mut out = None;
        while let Some(key) = map.next_key_seed(KeyText)? {
            match next.take_if(|_| want == Some(key.as_str())) {
                Some(walk) => out = map.next_value_seed(walk)?,
                None => drop(map.next_value::<IgnoredAny>()?),
            }
        }
        Ok(out)
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        let want = match self.step {
            Step::Index(i) => Some(i),
            Step::Key(_) => None,
        };
        let mut next = Some(self.next);
        let mut out = None;
        for index in 0.. {
            match next.take_if(|_| want == Some(index)) {
                Some(walk) => match seq.next_element_seed(walk)? {
                    Some(found) => out = found,
                    None => break,
                },
                None if seq.next_element::<IgnoredAny>()?.is_none() => break,
                None => {}
            }
        }
        Ok(out)
    }
    // A single value has no entries: the path leads nowhere.
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// A mapping key as written (any scalar).
struct KeyText;

impl<'de> DeserializeSeed<'de> for KeyText {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        d.deserialize_str(Text)
    }
}

struct Text;

impl Visitor<'_> for Text {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Step::{Index, Key};

    const YAML: &str = "title: x\nsource:\n  name: N\nlist:\n  - a: 1\n    kind: k\n  - kind: [z]\nflow: [p, q]\ntitle: again\n";

    #[test]
    fn describes_mappings_lists_and_values() {
        let keys = |k: &[&str]| Node::Map(k.iter().map(|s| s.to_string()).collect());
        assert_eq!(
            describe(YAML, &[]),
            Some(keys(&["title", "source", "list", "flow", "title"]))
        );
        assert_eq!(describe(YAML, &[Key("list")]), Some(Node::List(2)));
        assert_eq!(
            describe(YAML, &[Key("list"), Index(1)]),
            Some(keys(&["kind"]))
        );
        assert_eq!(describe(YAML, &[Key("title")]), Some(Node::Scalar));
        assert_eq!(describe(YAML, &[Key("nope")]), None);
        assert_eq!(describe(YAML, &[Key("title"), Index(0)]), None);
        assert_eq!(describe("a: [", &[]), None);
    }

    #[test]
    fn finds_where_nodes_and_keys_are_written() {
        let at = |i: Option<usize>| i.map(|i| &YAML[i..YAML[i..].find('\n').unwrap() + i]);
        assert_eq!(at(node_at(YAML, &[Key("title")])), Some("x"));
        assert_eq!(
            at(node_at(YAML, &[Key("list"), Index(1), Key("kind")])),
            Some("[z]")
        );
        assert_eq!(at(node_at(YAML, &[Key("flow"), Index(1)])), Some("q]"));
        assert_eq!(at(node_at(YAML, &[Key("source")])), Some("name: N"));
        assert_eq!(at(key_at(YAML, &[], "title", 1)), Some("title: again"));
        assert_eq!(
            at(key_at(YAML, &[Key("list"), Index(0)], "kind", 0)),
            Some("kind: k")
        );
        assert_eq!(key_at(YAML, &[], "title", 2), None);
        assert_eq!(node_at(YAML, &[Key("list"), Index(5)]), None);
    }

    #[test]
    fn checks_one_node_with_its_path_and_place() {
        assert!(check::<String>(YAML, &[Key("title")]).is_ok());
        let e = check::<String>(YAML, &[Key("list"), Index(1), Key("kind")]).unwrap_err();
        assert!(
            e.to_string().starts_with("list[1].kind: invalid type"),
            "{e}"
        );
        let e = check::<u32>(YAML, &[Key("list"), Index(0), Key("kind")]).unwrap_err();
        assert_eq!(e.location().map(|l| (l.line(), l.column())), Some((6, 11)));
    }
}
