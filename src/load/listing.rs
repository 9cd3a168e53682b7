//! Listing the content tree and the seeds folder: which files a load
//! reads, in the order of their names.
//!
//! Each folder is read once and its names sorted as they are (byte
//! order): a walker sorting by name takes each name apart from its path at
//! every comparison, which at 10,000 articles was a tenth of a rebuild's
//! time in `dossier serve`.

use super::{is_valid_slug, suggest_slug};
use crate::config::Config;
use crate::diagnostics::{closest, Diagnostic, Diagnostics};
use crate::model::ItemKind;
use std::ffi::OsString;
use std::fs::FileType;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The entries of `dir`, sorted by name, each with its type when it can be
/// read (the entries that cannot be read at all are left out, as a walk
/// leaves them out).
fn sorted_entries(dir: &Path) -> std::io::Result<Vec<(OsString, Option<FileType>)>> {
    let mut entries: Vec<(OsString, Option<FileType>)> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| (e.file_name(), e.file_type().ok()))
        .collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(entries)
}

/// Lists `content/<kind>/<slug>.md` for every kind, sorted by kind and slug;
/// reports misplaced files and bad slugs.
pub(super) fn content_files(
    root: &Path,
    config: &Config,
    files: &mut Vec<(ItemKind, String, PathBuf)>,
    diags: &mut Diagnostics,
) {
    let content_dir = root.join(&config.build.content_dir);
    let entries = match sorted_entries(&content_dir) {
        Ok(entries) => entries,
        Err(e) => {
            diags.push(Diagnostic::new(
                &config.build.content_dir,
                format!("cannot read: {e}"),
            ));
            return;
        }
    };
    for (name, file_type) in entries {
        let name = name.to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let shown = config.build.content_dir.join(&name);
        // An entry of unknown type is taken for a file.
        if !file_type.is_some_and(|t| t.is_dir()) {
            if name != "index.md" && name.ends_with(".md") {
                diags.push(
                    Diagnostic::new(&shown, "this Markdown file is outside any content folder")
                        .hint("move it into articles/, actors/, events/ or pages/"),
                );
            }
            continue;
        }
        match ItemKind::from_dir(&name) {
            Some(kind) => kind_files(root, &content_dir.join(&name), kind, files, diags),
            None => diags.push(unknown_folder(&shown, &name)),
        }
    }
    files.sort();
}

/// The error for a folder of the content tree that is no kind's.
fn unknown_folder(shown: &Path, name: &str) -> Diagnostic {
    let kinds = ["articles", "actors", "events", "pages"];
    let d = Diagnostic::new(shown, format!("unknown content folder `{name}`"));
    match closest(name, kinds) {
        Some(k) => d.hint(format!("did you mean `{k}`?")),
        None => d.hint("content folders are articles/, actors/, events/ and pages/"),
    }
}

/// Lists the content files of one kind's folder `dir`, and reports those
/// misnamed or in subfolders (in the order of their names, folders' files
/// where the folder's name stands).
fn kind_files(
    root: &Path,
    dir: &Path,
    kind: ItemKind,
    files: &mut Vec<(ItemKind, String, PathBuf)>,
    diags: &mut Diagnostics,
) {
    // A folder that cannot be read lists nothing, as a walk skips it.
    let entries = sorted_entries(dir).unwrap_or_default();
    for (name, file_type) in entries {
        // One of unknown type is left out, as a walk leaves it out.
        let Some(file_type) = file_type else {
            continue;
        };
        let path = dir.join(&name);
        if file_type.is_dir() {
            nested_files(root, &path, kind, diags);
            continue;
        }
        if name.as_encoded_bytes().starts_with(b".") || !named_md(root, &path, diags) {
            continue;
        }
        let stem = (path.file_stem().unwrap_or_default())
            .to_string_lossy()
            .into_owned();
        if !is_valid_slug(&stem) {
            diags.push(
                Diagnostic::new(shown(root, &path), format!("`{stem}` is not a valid slug"))
                    .hint(format!(
                        "file names are slugs: lowercase letters, digits and hyphens; rename it to `{}.md`",
                        suggest_slug(&stem)
                    )),
            );
            continue;
        }
        if let Some(taken) = taken_name(root, kind, &stem, &path) {
            diags.push(taken);
            continue;
        }
        files.push((kind, stem, path));
    }
}

/// The error of a content file named as a page the build makes itself
/// ([`ItemKind::taken_page`]), if it is.
pub(super) fn taken_name(
    root: &Path,
    kind: ItemKind,
    stem: &str,
    path: &Path,
) -> Option<Diagnostic> {
    let page = kind.taken_page(stem)?;
    let message = format!("`{stem}` is taken: the build makes `{page}` itself");
    let hint = format!(
        "rename the file (its name is its page's), e.g. to `{stem}-{}.md`",
        kind.singular()
    );
    Some(Diagnostic::new(shown(root, path), message).hint(hint))
}

/// Reports the content files in the subfolder `dir` of a kind's folder
/// (at any depth): none is loaded.
fn nested_files(root: &Path, dir: &Path, kind: ItemKind, diags: &mut Diagnostics) {
    let walk = WalkDir::new(dir).min_depth(1).sort_by_file_name();
    for entry in walk.into_iter().filter_map(Result::ok) {
        if entry.file_name().as_encoded_bytes().starts_with(b".") || entry.file_type().is_dir() {
            continue;
        }
        if named_md(root, entry.path(), diags) {
            diags.push(
                Diagnostic::new(
                    shown(root, entry.path()),
                    "content files may not be in subfolders",
                )
                .hint(format!("move it directly into {}/", kind.dir())),
            );
        }
    }
}

/// Whether the file at `path` is named as a content file (`.md`); one
/// named as Markdown otherwise (`.markdown`, `.MD`…) is reported.
fn named_md(root: &Path, path: &Path, diags: &mut Diagnostics) -> bool {
    if path.extension().is_some_and(|e| e == "md") {
        return true;
    }
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    if let Some("md" | "markdown" | "mdown" | "mkd") = ext.as_deref() {
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        diags.push(
            Diagnostic::new(shown(root, path), "content files must end in `.md`")
                .hint(format!("rename it to `{}.md`", suggest_slug(&stem))),
        );
    }
    false
}

/// `path` as diagnostics show it: from the dossier's root.
fn shown(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The seeds in `dir` (files whose names do not start with a dot), by
/// name: each name and path.
pub(super) fn seed_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let entries = sorted_entries(dir).unwrap_or_default();
    (entries.into_iter())
        .filter(|(name, file_type)| {
            file_type.is_some_and(|t| t.is_file()) && !name.as_encoded_bytes().starts_with(b".")
        })
        .map(|(name, _)| (name.to_string_lossy().into_owned(), dir.join(name)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Makes `files` (paths under `root`, folders ending in `/`).
    fn tree(root: &Path, files: &[&str]) {
        for f in files {
            let path = root.join(f);
            if f.ends_with('/') {
                std::fs::create_dir_all(&path).unwrap();
            } else {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, "---\n---\n").unwrap();
            }
        }
    }

    #[test]
    fn the_tree_is_listed_by_name_and_every_misplaced_file_reported() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        tree(
            root,
            &[
                "content/index.md",
                "content/stray.md",
                "content/notes.txt",
                "content/.hidden/x.md",
                "content/artciles/x.md",
                "content/articles/b-two.md",
                "content/articles/a-one.md",
                "content/articles/Bad Name.md",
                "content/articles/c.markdown",
                "content/articles/.draft.md",
                "content/articles/readme.txt",
                "content/articles/old/d.md",
                "content/articles/old/.e.md",
                "content/articles/old/deeper/f.MD",
                "content/articles/.git/g.md",
                "content/actors/z.md",
                "content/events/",
                "seeds/b.txt",
                "seeds/a.html",
                "seeds/.hidden.txt",
                "seeds/folder/c.txt",
            ],
        );
        std::fs::write(root.join("book.toml"), "[book]\ntitle = \"T\"\n").unwrap();
        let config = Config::load(root).unwrap();
        let (mut files, mut diags) = (Vec::new(), Diagnostics::new());
        content_files(root, &config, &mut files, &mut diags);
        let listed: Vec<(ItemKind, &str)> =
            files.iter().map(|(k, s, _)| (*k, s.as_str())).collect();
        assert_eq!(
            listed,
            [
                (ItemKind::Article, "a-one"),
                (ItemKind::Article, "b-two"),
                (ItemKind::Actor, "z"),
            ]
        );
        for (kind, slug, path) in &files {
            assert_eq!(
                path,
                &root.join(format!("content/{}/{slug}.md", kind.dir()))
            );
        }
        let reported: Vec<String> = (diags.0.iter())
            .map(|d| format!("{}: {}", d.path.display(), d.message))
            .collect();
        assert_eq!(
            reported,
            [
                "content/artciles: unknown content folder `artciles`",
                "content/articles/.git/g.md: content files may not be in subfolders",
                "content/articles/Bad Name.md: `Bad Name` is not a valid slug",
                "content/articles/c.markdown: content files must end in `.md`",
                "content/articles/old/d.md: content files may not be in subfolders",
                "content/articles/old/deeper/f.MD: content files must end in `.md`",
                "content/stray.md: this Markdown file is outside any content folder",
            ]
        );
        let seeds: Vec<String> = (seed_files(&root.join("seeds")).into_iter())
            .map(|(name, path)| {
                assert_eq!(path, root.join("seeds").join(&name));
                name
            })
            .collect();
        assert_eq!(seeds, ["a.html", "b.txt"]);
    }
}
