//! Small dossiers written to a temporary folder, loaded and linked, for the
//! rules' tests.

use super::Warning;
use crate::link::Linked;
use crate::model::Dossier;

/// A dossier on disk, loaded and linked.
pub(super) struct Fixture {
    _dir: tempfile::TempDir,
    pub dossier: Dossier,
    pub linked: Linked,
}

/// Writes `files` (paths from the dossier root; a `book.toml` with a title
/// unless given) and loads and links them, which must succeed.
pub(super) fn fixture(files: &[(&str, &str)]) -> Fixture {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    for sub in [
        "content/articles",
        "content/actors",
        "content/events",
        "seeds",
    ] {
        std::fs::create_dir_all(root.join(sub)).expect("a folder");
    }
    std::fs::write(root.join("book.toml"), "[book]\ntitle = \"T\"\n").expect("book.toml");
    for (path, text) in files {
        std::fs::write(root.join(path), text).expect("a file");
    }
    let dossier = crate::load::load(root).unwrap_or_else(|e| panic!("does not load:\n{e}"));
    let linked = crate::link::link(&dossier).unwrap_or_else(|e| panic!("does not link:\n{e}"));
    Fixture {
        _dir: dir,
        dossier,
        linked,
    }
}

/// An article `slug` whose body is its seed `<slug>.txt`, with these
/// annotations (YAML list entries, indented by two spaces; none when
/// empty).
pub(super) fn article(slug: &str, body: &str, annotations: &str) -> [(String, String); 2] {
    let listed = if annotations.is_empty() {
        String::new()
    } else {
        format!("annotations:\n{annotations}")
    };
    let text = format!(
        "---\ntitle: \"{slug}\"\nsource:\n  name: S\npublished: 2031-05-14\nseed: {slug}.txt\n{listed}---\n{body}\n"
    );
    [
        (format!("content/articles/{slug}.md"), text),
        (format!("seeds/{slug}.txt"), body.to_string()),
    ]
}

/// The files as `fixture` takes them.
pub(super) fn files(owned: &[(String, String)]) -> Vec<(&str, &str)> {
    owned
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect()
}

/// Each warning as `rule: message @ line`.
pub(super) fn shown(warnings: &[Warning]) -> Vec<String> {
    warnings
        .iter()
        .map(|w| {
            let d = &w.diagnostic;
            format!(
                "{}: {} @ {}",
                d.rule.unwrap_or("?"),
                d.message,
                d.line.unwrap_or(0)
            )
        })
        .collect()
}
