//! Stable notes (issue 18): a note's id comes from its `id:` or its quote,
//! never from its position, so adding, removing or reordering the notes of
//! an article changes no other id on its page, nor any link to it from
//! elsewhere; and each side note links to itself.

mod common;
use common::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const ARTICLE: &str = "content/articles/spill-denied.md";
const PAGE: &str = "articles/spill-denied.html";

/// A copy of the river-spill fixture that a test may edit.
struct Copy {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Copy {
    fn new() -> Copy {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("river-spill");
        let from = fixture("river-spill");
        common::copy_tree(&from, &root);
        Copy { _tmp: tmp, root }
    }

    fn article(&self) -> String {
        std::fs::read_to_string(self.root.join(ARTICLE)).unwrap()
    }

    /// Replaces the article's annotations with `notes` (YAML list entries).
    fn set_notes(&self, notes: &[String]) {
        let file = self.article();
        let (head, rest) = file.split_once("annotations:\n").unwrap();
        let body = &rest[rest.find("\n---\n").unwrap() + 1..];
        let list: String = notes.iter().map(|n| format!("{n}\n")).collect();
        std::fs::write(
            self.root.join(ARTICLE),
            format!("{head}annotations:\n{list}{body}"),
        )
        .unwrap();
    }

    /// The article's annotations as written: one YAML list entry each.
    fn notes(&self) -> Vec<String> {
        let file = self.article();
        let (_, rest) = file.split_once("annotations:\n").unwrap();
        let list = &rest[..rest.find("\n---\n").unwrap()];
        list.split("\n  - ")
            .map(|n| format!("  - {}", n.trim_start_matches("  - ")))
            .collect()
    }

    /// Builds the copy: the output folder.
    fn build(&self, into: &Path) -> PathBuf {
        let out = into.join("book");
        dossier::build(&self.root, Some(&out)).unwrap_or_else(|d| panic!("build failed:\n{d}"));
        out
    }
}

/// What a build says about the article's ids: the element ids of its page,
/// and every link to a place on it from the other pages and dossier.json.
#[derive(Debug)]
struct Ids {
    on_page: BTreeSet<String>,
    links: BTreeSet<String>,
}

fn ids_of(out: &Path) -> Ids {
    let page = std::fs::read_to_string(out.join(PAGE)).unwrap();
    let mut links = BTreeSet::new();
    for (path, bytes) in files(out) {
        if path == PAGE {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        for piece in text.split("spill-denied.html#").skip(1) {
            let end = piece.find(['"', '\\']).unwrap_or(piece.len());
            links.insert(piece[..end].to_string());
        }
    }
    Ids {
        on_page: attrs(&page, "id").into_iter().collect(),
        links,
    }
}

/// A note on `quote` that mentions two actors and an event that the other
/// notes mention too.
fn new_note(quote: &str, id: Option<&str>) -> String {
    let id = id.map(|i| format!("id: {i}\n    ")).unwrap_or_default();
    format!("  - {id}quote: \"{quote}\"\n    kind: context\n    note: \"Kowalska and Wisła Chemicals said nothing of the valve failed.\"\n    actors: [kowalska]")
}

#[test]
fn adding_and_reordering_notes_changes_no_other_id() {
    let copy = Copy::new();
    let tmp = tempfile::tempdir().unwrap();
    let before = ids_of(&copy.build(&tmp.path().join("1")));
    let notes = copy.notes();
    assert_eq!(notes.len(), 4, "{notes:?}");
    // A note at the top (in reading order, before notes with the same
    // mentions), one in the middle, and the others reversed.
    let mut edited = vec![new_note("on Monday", None)];
    edited.extend(notes.iter().rev().take(2).cloned());
    edited.push(new_note("regional agency", Some("agency")));
    edited.extend(notes.iter().rev().skip(2).cloned());
    copy.set_notes(&edited);
    let after = ids_of(&copy.build(&tmp.path().join("2")));

    let lost: Vec<_> = before.on_page.difference(&after.on_page).collect();
    assert!(lost.is_empty(), "ids gone from the page: {lost:?}");
    let new: Vec<_> = after.on_page.difference(&before.on_page).collect();
    let of_new_notes = |id: &&String| {
        ["on-monday", "agency"]
            .iter()
            .any(|n| **id == format!("ann-{n}") || id.starts_with(&format!("note-{n}")))
    };
    assert!(new.iter().all(of_new_notes), "new ids: {new:?}");
    // Each new note's highlight, side note and three mentions.
    assert_eq!(new.len(), 2 * 5, "{new:?}");
    let lost: Vec<_> = before.links.difference(&after.links).collect();
    assert!(lost.is_empty(), "links to the page gone: {lost:?}");
    assert!(
        after.links.contains("note-agency--a-kowalska-1"),
        "{:?}",
        after.links
    );
}

#[test]
fn a_written_id_survives_a_new_quote() {
    let copy = Copy::new();
    let tmp = tempfile::tempdir().unwrap();
    let mut notes = copy.notes();
    assert!(
        notes[0].contains("\"changed colour overnight\""),
        "{}",
        notes[0]
    );
    notes[0] = notes[0].replacen("  - quote:", "  - id: colour\n    quote:", 1);
    copy.set_notes(&notes);
    let before = ids_of(&copy.build(&tmp.path().join("1")));
    assert!(before.on_page.contains("ann-colour"));
    notes[0] = notes[0].replace("\"changed colour overnight\"", "\"changed colour\"");
    copy.set_notes(&notes);
    let after = ids_of(&copy.build(&tmp.path().join("2")));
    assert_eq!(before.on_page, after.on_page);
    assert_eq!(before.links, after.links);
}

#[test]
fn each_side_note_links_to_itself() {
    let (_t, out) = build(&fixture("river-spill"));
    let page = std::fs::read_to_string(out.join(PAGE)).unwrap();
    let notes: Vec<&str> = page.split("<span class=\"sidenote ").skip(1).collect();
    assert_eq!(notes.len(), 4);
    for note in notes {
        let id = between(note, "id=\"", "\"").unwrap();
        assert!(id.starts_with("note-"), "{id}");
        let permalink = format!("<a class=\"note-link\" href=\"#{id}\" aria-label=\"Link to note ");
        assert!(note.contains(&permalink), "{note}");
    }
    // The visible number is the place in reading order.
    assert!(page.contains("<a class=\"note-num\" href=\"#ann-mayor-żaneta-kowalska-said\">1</a>"));
}
