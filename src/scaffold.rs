//! `dossier new DIR`: a small working dossier to start from.
//!
//! The example is an invented local story (a harbour bridge closed for
//! repairs) with one seed text, one article whose paragraphs are verbatim
//! from that seed, one annotation, two actors, one event, an overview and an
//! about page. The theme stays embedded: no `templates/` folder is written.

use crate::diagnostics::Diagnostic;
use std::fs;
use std::path::{Path, PathBuf};

const SEED: &str = "\
Harbour bridge to close for six weeks of repairs

The Harbour Bridge will close to all traffic on 3 March for six weeks of repairs, the Port Authority said on Monday.

Engineers found corrosion in two of the bridge's steel cables during an inspection in January, according to the authority's chief engineer, Dana Okafor.

\"The bridge is safe today, but it will not stay safe without this work,\" Okafor said.

Ferries will run every 15 minutes while the bridge is closed. The authority expects the repairs to cost 4.2 million.
";

/// The files of the example dossier: (path relative to DIR, contents).
pub const FILES: &[(&str, &str)] = &[
    (
        "book.toml",
        r#"[book]
title = "Example: the harbour bridge closure"
description = "An example dossier made by `dossier new`: replace it with your own story"
authors = []
language = "en"

[build]
build-dir = "book"
"#,
    ),
    (".gitignore", "/book/\n"),
    ("seeds/harbour-bridge.txt", SEED),
    (
        "content/index.md",
        r#"---
title: "Example: the harbour bridge closure"
---
*This is an example dossier made by `dossier new`. The story, the people and the
organisation are invented: replace them with your own.*

The Port Authority is closing the Harbour Bridge for repairs. One source article reports
the [closure](@/events/bridge-closure.md); its text is kept verbatim in `seeds/`, and every mention
of an actor links to that actor's page.

Run `dossier serve` and edit the files under `content/`: the open page reloads on every save.
"#,
    ),
    (
        "content/articles/harbour-bridge-to-close.md",
        r#"---
title: "Harbour bridge to close for six weeks of repairs"
source:
  name: Example Gazette
published: 2030-02-18
seed: harbour-bridge.txt
summary: >-
  The Port Authority announces that the Harbour Bridge will close for six weeks of repairs
  after corrosion was found in two of its cables.
annotations:
  - quote: "The authority expects the repairs to cost 4.2 million."
    kind: figure
    note: >-
      The article names no currency and does not say who pays. An annotation like this one
      is highlighted in the text and shown as a side note.
    actors: [port-authority]
    events: [bridge-closure]
---
The Harbour Bridge will close to all traffic on 3 March for six weeks of repairs,
the Port Authority said on Monday.

Engineers found corrosion in two of the bridge's steel cables during an inspection in January,
according to the authority's chief engineer, Dana Okafor.

"The bridge is safe today, but it will not stay safe without this work," Okafor said.

Ferries will run every 15 minutes while the bridge is closed. The authority expects the repairs
to cost 4.2 million.
"#,
    ),
    (
        "content/actors/port-authority.md",
        r#"---
name: Port Authority
kind: organisation
role: Runs the harbour and the Harbour Bridge (invented for this example)
aliases: []
---
The body that owns the bridge. It announced the [closure](@/events/bridge-closure.md).
"#,
    ),
    (
        "content/actors/dana-okafor.md",
        r#"---
name: Dana Okafor
kind: person
role: Chief engineer of the Port Authority (invented for this example)
aliases: [Okafor]
---
Quoted in [the article](@/articles/harbour-bridge-to-close.md) on the state of the cables.
"#,
    ),
    (
        "content/events/bridge-closure.md",
        r#"---
title: The Harbour Bridge closes for repairs
date: 2030-03-03
date_note: "announced on 18 February; planned for six weeks"
actors: [port-authority, dana-okafor]
---
The Port Authority closes the bridge to all traffic while corroded cables are repaired;
ferries replace it.
"#,
    ),
    (
        "content/pages/about.md",
        r#"---
title: About this dossier
order: 1
---
How the sources were chosen, annotated and dated goes here. This example has one source: an
invented news report, kept verbatim in `seeds/harbour-bridge.txt`.
"#,
    ),
];

/// Writes the example dossier into `dir`, which must not exist or be empty.
/// Returns the paths written.
pub fn scaffold(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(Diagnostic::new(dir, "this path is a file, not a folder")
                .hint("give `dossier new` a new folder name, e.g. `dossier new my-dossier`"));
        }
        let mut entries = fs::read_dir(dir)
            .map_err(|e| Diagnostic::new(dir, format!("cannot read the folder: {e}")))?;
        if entries.next().is_some() {
            return Err(Diagnostic::new(
                dir,
                "the folder is not empty; `dossier new` writes only into a new or empty folder",
            )
            .hint(
                "give a new folder name, e.g. `dossier new my-dossier`, or empty this one first",
            ));
        }
    }
    let mut written = Vec::with_capacity(FILES.len());
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| Diagnostic::new(parent, format!("cannot create the folder: {e}")))?;
        }
        fs::write(&path, text).map_err(|e| Diagnostic::new(&path, format!("cannot write: {e}")))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaffold_checks_clean() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("d");
        let written = scaffold(&dir).unwrap();
        assert_eq!(written.len(), FILES.len());
        assert!(!dir.join("templates").exists());
        let checked = match crate::check(&dir) {
            Ok(c) => c,
            Err(d) => panic!("the scaffold does not check clean:\n{d}"),
        };
        assert_eq!(checked.dossier.articles.len(), 1);
        assert_eq!(checked.dossier.actors.len(), 2);
        assert_eq!(checked.dossier.events.len(), 1);
        let annotations: usize = (checked.linked.articles())
            .map(|(_, a)| a.annotations.len())
            .sum();
        assert_eq!(annotations, 1);
        for page in [
            "index.html",
            "articles/harbour-bridge-to-close.html",
            "actors/dana-okafor.html",
            "events/bridge-closure.html",
        ] {
            assert!(
                checked.files.iter().any(|f| f.path == page),
                "{page} missing"
            );
        }
    }

    #[test]
    fn scaffold_refuses_non_empty_folder() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
        let err = scaffold(tmp.path()).unwrap_err();
        assert!(err.message.contains("not empty"), "{err}");
        assert_eq!(
            fs::read_to_string(tmp.path().join("notes.txt")).unwrap(),
            "mine"
        );
        assert!(!tmp.path().join("book.toml").exists());
    }

    #[test]
    fn scaffold_into_empty_existing_folder() {
        let tmp = tempfile::tempdir().unwrap();
        scaffold(tmp.path()).unwrap();
        assert!(tmp.path().join("book.toml").is_file());
    }
}
