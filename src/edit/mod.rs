//! Edits of a content file's YAML front matter that keep every other byte
//! as it was: comments, key order, quoting style, line endings. Adding an
//! annotation, changing or removing one by its id, and adding an alias to
//! an actor or event. `dossier serve`'s write API is built on these; an
//! editor plugin could be too.
//!
//! Each edit splices text at places found by a scanner (`locate`), then
//! parses the front matter before and after with serde_yaml and checks that
//! exactly the intended change was made; a layout the scanner misreads is
//! an [`EditError`], never a damaged file. Adding an annotation and then
//! removing it gives back the file byte for byte.

mod locate;
mod yaml;

use crate::model::NoteId;
use locate::{FrontMatter, Layout};
use serde_yaml::{Mapping, Value};
use std::fmt;
use std::ops::Range;

/// An annotation to write, with the id it is written under.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NewAnnotation {
    pub id: String,
    pub quote: String,
    pub occurrence: Option<usize>,
    pub kind: String,
    pub note: String,
    pub actors: Vec<String>,
    pub events: Vec<String>,
}

/// Why an edit was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The file does not start with front matter between `---` lines.
    NoFrontMatter,
    /// The front matter is not YAML that reads as a mapping.
    Yaml(String),
    /// No annotation of the file has this id.
    NoSuchAnnotation(String),
    /// The alias is already listed.
    AliasExists(String),
    /// The key's value is written in a way these edits do not change
    /// (e.g. `annotations: ~`); the file must be edited by hand.
    Layout(&'static str),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NoFrontMatter => f.write_str("the file has no front matter"),
            EditError::Yaml(e) => write!(f, "the front matter does not parse: {e}"),
            EditError::NoSuchAnnotation(id) => write!(f, "no annotation has the id `{id}`"),
            EditError::AliasExists(a) => write!(f, "`{a}` is already an alias"),
            EditError::Layout(key) => write!(
                f,
                "`{key}` is written in a way that cannot be edited in place; edit the file by hand"
            ),
        }
    }
}

impl std::error::Error for EditError {}

const ANNOTATIONS: &str = "annotations";
const ALIASES: &str = "aliases";

/// The front matter of `file` and its YAML.
fn parse(file: &str) -> Result<(FrontMatter, Mapping), EditError> {
    let fm = locate::front_matter(file).ok_or(EditError::NoFrontMatter)?;
    let text = &file[fm.start..fm.end];
    if text.trim().is_empty() {
        return Ok((fm, Mapping::new()));
    }
    let value: Value = serde_yaml::from_str(text).map_err(|e| EditError::Yaml(e.to_string()))?;
    match value {
        Value::Mapping(m) => Ok((fm, m)),
        Value::Null => Ok((fm, Mapping::new())),
        _ => Err(EditError::Yaml("it is not a mapping of fields".into())),
    }
}

/// The list under `key` (none when absent or null).
fn list(m: &Mapping, key: &str) -> Vec<Value> {
    match m.get(key) {
        Some(Value::Sequence(s)) => s.clone(),
        _ => Vec::new(),
    }
}

/// The id of one annotation as written: its valid `id:`, or derived.
fn id_of(entry: &Value) -> NoteId {
    let written = entry.get("id").and_then(Value::as_str);
    if let Some(Ok(id)) = written.map(NoteId::parse) {
        return id;
    }
    let quote = entry.get("quote").and_then(Value::as_str).unwrap_or("");
    let occurrence = entry
        .get("occurrence")
        .and_then(Value::as_u64)
        .map(|n| n as usize);
    NoteId::derive(quote, occurrence)
}

/// The ids of the annotations of `file`, in order, as the loader gives
/// them.
pub fn annotation_ids(file: &str) -> Result<Vec<NoteId>, EditError> {
    let (_, m) = parse(file)?;
    Ok(list(&m, ANNOTATIONS).iter().map(id_of).collect())
}

/// The annotations of `file` as written, each with its id (fields that are
/// missing or not text are left empty): what an editor shows to change one.
pub fn annotation_entries(file: &str) -> Result<Vec<NewAnnotation>, EditError> {
    let (_, m) = parse(file)?;
    let text = |e: &Value, k: &str| e.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let slugs = |e: &Value, k: &str| match e.get(k) {
        Some(Value::Sequence(s)) => s
            .iter()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    };
    Ok(list(&m, ANNOTATIONS)
        .iter()
        .map(|e| NewAnnotation {
            id: id_of(e).to_string(),
            quote: text(e, "quote"),
            occurrence: e
                .get("occurrence")
                .and_then(Value::as_u64)
                .map(|n| n as usize),
            kind: text(e, "kind"),
            note: text(e, "note"),
            actors: slugs(e, "actors"),
            events: slugs(e, "events"),
        })
        .collect())
}

/// The id for a new annotation: derived from its quote as the loader
/// derives one, with `-2`, `-3`… added when the article has it already.
pub fn fresh_id(quote: &str, occurrence: Option<usize>, taken: &[NoteId]) -> NoteId {
    let base = NoteId::derive(quote, occurrence);
    if !taken.contains(&base) {
        return base;
    }
    (2..)
        .filter_map(|n| NoteId::parse(&format!("{base}-{n}")).ok())
        .find(|id| !taken.contains(id))
        .unwrap_or(base)
}

/// `file` with `range` replaced by `with`.
fn splice(file: &str, range: Range<usize>, with: &str) -> String {
    let mut out = String::with_capacity(file.len() + with.len());
    out.push_str(&file[..range.start]);
    out.push_str(with);
    out.push_str(&file[range.end..]);
    out
}

/// Checks that `new` differs from `old` only in the list under `key`, which
/// must now be `expected`.
fn verify(
    old: &Mapping,
    new: &str,
    key: &'static str,
    expected: Vec<Value>,
) -> Result<(), EditError> {
    let (_, mut after) = parse(new).map_err(|_| EditError::Layout(key))?;
    let mut before = old.clone();
    let got = after.remove(key);
    before.remove(key);
    let got = match got {
        Some(Value::Sequence(s)) => s,
        None | Some(Value::Null) => Vec::new(),
        Some(_) => return Err(EditError::Layout(key)),
    };
    if before != after || got != expected {
        return Err(EditError::Layout(key));
    }
    Ok(())
}

/// Appends `entry` (a block entry at the list's indentation, or a flow
/// entry) to the list under `key`, creating the key when absent.
fn append(
    file: &str,
    key: &'static str,
    block_entry: impl Fn(usize, &str) -> String,
    flow_entry: &str,
) -> Result<String, EditError> {
    let fm = locate::front_matter(file).ok_or(EditError::NoFrontMatter)?;
    let nl = fm.newline;
    Ok(match locate::layout(file, fm, key) {
        Layout::Absent => {
            let text = format!("{key}:{nl}{}", block_entry(2, nl));
            splice(file, fm.end..fm.end, &text)
        }
        Layout::Block(b) => splice(file, b.append_at..b.append_at, &block_entry(b.indent, nl)),
        Layout::Flow(f) => match f.entries.last() {
            None => splice(file, f.close..f.close, flow_entry),
            Some(last) => splice(file, last.end..last.end, &format!(", {flow_entry}")),
        },
        Layout::Other => return Err(EditError::Layout(key)),
    })
}

/// Adds annotation `a` at the end of the article's `annotations:`.
pub fn append_annotation(file: &str, a: &NewAnnotation) -> Result<String, EditError> {
    let (_, old) = parse(file)?;
    let new = append(
        file,
        ANNOTATIONS,
        |indent, nl| yaml::annotation_block(a, indent, nl),
        &yaml::annotation_flow(a),
    )?;
    let mut expected = list(&old, ANNOTATIONS);
    expected.push(yaml::annotation_value(a));
    verify(&old, &new, ANNOTATIONS, expected)?;
    Ok(new)
}

/// What to do with the annotation found.
enum Change<'a> {
    Replace(&'a NewAnnotation),
    Delete,
}

/// Replaces annotation `id` with `a` (written with `a.id`).
pub fn replace_annotation(file: &str, id: &str, a: &NewAnnotation) -> Result<String, EditError> {
    change_annotation(file, id, Change::Replace(a))
}

/// Removes annotation `id`; the `annotations:` key too when it was the
/// only entry right under it.
pub fn delete_annotation(file: &str, id: &str) -> Result<String, EditError> {
    change_annotation(file, id, Change::Delete)
}

fn change_annotation(file: &str, id: &str, change: Change) -> Result<String, EditError> {
    let (fm, old) = parse(file)?;
    let mut expected = list(&old, ANNOTATIONS);
    let index = expected
        .iter()
        .position(|e| id_of(e).as_str() == id)
        .ok_or_else(|| EditError::NoSuchAnnotation(id.to_string()))?;
    let located = match locate::layout(file, fm, ANNOTATIONS) {
        Layout::Block(b) if b.entries.len() == expected.len() => Located::Block(b),
        Layout::Flow(f) if f.entries.len() == expected.len() => Located::Flow(f),
        _ => return Err(EditError::Layout(ANNOTATIONS)),
    };
    let (range, text) = match change {
        Change::Replace(a) => {
            expected[index] = yaml::annotation_value(a);
            let text = match &located {
                Located::Block(b) => yaml::annotation_block(a, b.indent, fm.newline),
                Located::Flow(_) => yaml::annotation_flow(a),
            };
            (located.entry(index), text)
        }
        Change::Delete => {
            expected.remove(index);
            (located.removal(file, index), String::new())
        }
    };
    let new = splice(file, range, &text);
    verify(&old, &new, ANNOTATIONS, expected)?;
    Ok(new)
}

/// A list found in the front matter.
enum Located {
    Block(locate::Block),
    Flow(locate::Flow),
}

impl Located {
    fn entry(&self, i: usize) -> Range<usize> {
        match self {
            Located::Block(b) => b.entries[i].clone(),
            Located::Flow(f) => f.entries[i].clone(),
        }
    }

    /// What to cut to remove entry `i`: its lines; in a flow list, the
    /// entry and one comma beside it; the key too when nothing else is
    /// under it.
    fn removal(&self, file: &str, i: usize) -> Range<usize> {
        match self {
            Located::Block(b) => {
                let entry = b.entries[i].clone();
                let key_alone = file[b.key_line.clone()].trim_end() == format!("{ANNOTATIONS}:");
                if b.entries.len() == 1 && b.only_entries && key_alone {
                    b.key_line.start..entry.end
                } else {
                    entry
                }
            }
            Located::Flow(f) => {
                let e = &f.entries;
                if i > 0 {
                    e[i - 1].end..e[i].end
                } else if e.len() > 1 {
                    e[0].start..e[1].start
                } else {
                    e[0].clone()
                }
            }
        }
    }
}

/// Adds `alias` to an actor's or event's `aliases:`.
pub fn add_alias(file: &str, alias: &str) -> Result<String, EditError> {
    let (fm, old) = parse(file)?;
    let mut expected = list(&old, ALIASES);
    if expected.iter().any(|a| a.as_str() == Some(alias)) {
        return Err(EditError::AliasExists(alias.to_string()));
    }
    let quoted = yaml::quoted(alias);
    let new = match locate::layout(file, fm, ALIASES) {
        // A new key is written in flow style, as the format's examples are.
        Layout::Absent => {
            let line = format!("{ALIASES}: [{quoted}]{}", fm.newline);
            splice(file, fm.end..fm.end, &line)
        }
        _ => append(
            file,
            ALIASES,
            |indent, nl| format!("{}- {quoted}{nl}", " ".repeat(indent)),
            &quoted,
        )?,
    };
    expected.push(Value::String(alias.to_string()));
    verify(&old, &new, ALIASES, expected)?;
    Ok(new)
}

#[cfg(test)]
mod tests;
