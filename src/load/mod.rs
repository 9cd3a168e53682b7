//! Stage 1 — load: `book.toml`, the content tree and the seeds, into a typed,
//! validated [`Dossier`]. Every problem is collected; nothing stops at the
//! first error.

mod cache;
mod frontmatter;
mod items;
mod listing;
mod note_ids;
mod validate;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Dossier, IdVec, ItemId, ItemKind, ItemRef, Seed, SourceText};
pub use items::Named;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::util::fs::unreadable;
pub use cache::ParseCache;
use cache::{read_stamped, Parsed};

pub use crate::util::fs::{decode_text, read_text};

/// Whether a slug follows `^[a-z0-9][a-z0-9-]*$`.
pub fn is_valid_slug(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A slug suggestion for a file stem that breaks the rule.
fn suggest_slug(stem: &str) -> String {
    let mut out = String::new();
    for c in stem.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "item".into()
    } else {
        out
    }
}

/// Loads and validates the dossier at `root`.
pub fn load(root: &Path) -> Result<Dossier, Diagnostics> {
    let (dossier, diags) = load_partial(root)?;
    diags.into_result(dossier)
}

pub fn load_with_config(root: &Path, config: Config) -> Result<Dossier, Diagnostics> {
    let (dossier, diags) = load_partial_with_config(root, config)?;
    diags.into_result(dossier)
}

/// Loads everything that can be loaded, with every problem found. The
/// dossier holds the items that loaded; those that did not are listed in
/// [`Dossier::unloaded`], so that later stages can go on collecting errors
/// without reporting references to them as dangling. `Err` only when there
/// is nothing to go on (no readable `book.toml`, no content directory).
pub fn load_partial(root: &Path) -> Result<(Dossier, Diagnostics), Diagnostics> {
    let config = Config::load(root)?;
    load_partial_with_config(root, config)
}

pub fn load_partial_with_config(
    root: &Path,
    config: Config,
) -> Result<(Dossier, Diagnostics), Diagnostics> {
    load_from(root, config, &Overlay::default(), &ParseCache::none())
}

/// Content files read from memory instead of disk, by path (`root` joined
/// with the content folder, the kind's folder and `<slug>.md`, as the
/// loader lists them): `dossier serve`'s write API checks an edit this way
/// before it writes it. A path that is not on disk is loaded as a new file.
#[derive(Debug, Clone, Default)]
pub struct Overlay(pub BTreeMap<PathBuf, String>);

/// [`load_partial_with_config`], with the files of `overlay` in place of
/// (or beside) those on disk.
pub fn load_partial_overlaid(
    root: &Path,
    config: Config,
    overlay: &Overlay,
) -> Result<(Dossier, Diagnostics), Diagnostics> {
    load_from(root, config, overlay, &ParseCache::none())
}

/// [`load_partial_with_config`], parsing only the files whose text is not
/// in `cache` (which is updated).
pub fn load_partial_cached(
    root: &Path,
    config: Config,
    cache: &ParseCache,
) -> Result<(Dossier, Diagnostics), Diagnostics> {
    load_from(root, config, &Overlay::default(), cache)
}

/// Loads the dossier with `overlay` in place of files on disk and `cache`
/// for the parses of unchanged files.
fn load_from(
    root: &Path,
    config: Config,
    overlay: &Overlay,
    cache: &ParseCache,
) -> Result<(Dossier, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new();
    let content_dir = root.join(&config.build.content_dir);
    if !content_dir.is_dir() {
        diags.push(
            Diagnostic::new(&config.build.content_dir, "the content directory does not exist")
                .hint("create it with `articles/`, `actors/` and `events/` folders, or set [build] content-dir"),
        );
        return Err(diags);
    }

    // The content files are listed, then read and parsed in parallel
    // (results keep the sorted order); the seeds are listed and read
    // beside them all along.
    cache.start_load();
    let mut files: Vec<(ItemKind, String, PathBuf)> = Vec::new();
    let mut seed_diags = Diagnostics::new();
    let (parsed, seeds) = rayon::join(
        || -> Vec<Parsed> {
            listing::content_files(root, &config, &mut files, &mut diags);
            add_overlaid(root, &config, overlay, &mut files, &mut diags);
            (files.par_iter())
                .map(|(kind, slug, path)| {
                    let shown = path.strip_prefix(root).unwrap_or(path);
                    load_file(*kind, slug, path, shown, overlay, cache)
                })
                .collect()
        },
        || load_seeds(root, &config, cache, &mut seed_diags),
    );
    cache.forget_unlisted();

    let mut dossier = Dossier {
        root: root.to_path_buf(),
        articles: IdVec::new(),
        actors: IdVec::new(),
        events: IdVec::new(),
        pages: IdVec::new(),
        intro: None,
        seeds: BTreeMap::new(),
        unloaded: Default::default(),
        slugs: None,
        config,
    };
    // Each item gets its id here, its position in its list (in slug
    // order); what its front matter names is resolved by validation.
    let mut named = Vec::new();
    for ((kind, slug, _), item) in files.iter().zip(parsed) {
        match item {
            Ok((item, mut names)) => {
                diags.extend(std::mem::take(&mut names.errors));
                named.push((add(&mut dossier, item), names));
            }
            Err(ds) => {
                dossier.unloaded.insert(ItemRef::new(*kind, slug.clone()));
                diags.extend(ds);
            }
        }
    }
    dossier.intro = load_intro(root, &dossier.config, &mut diags);
    dossier.seeds = seeds;
    diags.extend(seed_diags);
    dossier.index_slugs();
    validate::validate(&mut dossier, named, &mut diags);
    Ok((dossier, diags))
}

/// One content file, parsed: from `overlay` when it holds the file, from
/// `cache` when the file is unchanged, else read from disk.
fn load_file(
    kind: ItemKind,
    slug: &str,
    path: &Path,
    shown: &Path,
    overlay: &Overlay,
    cache: &ParseCache,
) -> Parsed {
    let parse = |text| parse_item(kind, slug, shown, text);
    if let Some(text) = overlay.0.get(path) {
        return cache.parse(path, text.clone(), None, parse);
    }
    if let Some(parsed) = cache.unchanged_file(path) {
        return parsed;
    }
    let (bytes, stamp) = read_stamped(path).map_err(|e| unreadable(shown, e))?;
    let text = decode_text(bytes, shown)?;
    cache.parse(path, text, stamp, parse)
}

/// Adds a loaded item to its list: its id.
fn add(d: &mut Dossier, item: Item) -> ItemId {
    match item {
        Item::Article(a) => d.articles.push(a).into(),
        Item::Actor(a) => d.actors.push(a).into(),
        Item::Event(e) => d.events.push(e).into(),
        Item::Page(p) => d.pages.push(p).into(),
    }
}

/// One content file, parsed.
#[derive(Clone)]
pub enum Item {
    Article(crate::model::Article),
    Actor(crate::model::Actor),
    Event(crate::model::Event),
    Page(crate::model::Page),
}

/// Parses the text of one content file of `kind` (front matter and body);
/// `shown` is the path used in diagnostics: the item, and the items its
/// front matter names (by slug, until validation resolves them). Every
/// problem of the file when it does not parse; the errors that leave it
/// loaded are in `Named::errors`. Never panics,
/// whatever the text.
pub fn parse_item(
    kind: ItemKind,
    slug: &str,
    shown: &Path,
    text: String,
) -> Result<(Item, Named), Diagnostics> {
    let source = frontmatter::split(shown, text)?;
    let slug = slug.to_string();
    let none = Named::default();
    Ok(match kind {
        ItemKind::Article => {
            let (a, named) = items::article(slug, source)?;
            (Item::Article(a), named)
        }
        ItemKind::Actor => (Item::Actor(items::actor(slug, source)?), none),
        ItemKind::Event => {
            let (e, named) = items::event(slug, source)?;
            (Item::Event(e), named)
        }
        ItemKind::Page => (Item::Page(items::page(slug, source)?), none),
    })
}

/// The overlaid files that are not on disk yet, each where
/// [`listing::content_files`] would have listed it (others are ignored).
fn add_overlaid(
    root: &Path,
    config: &Config,
    overlay: &Overlay,
    files: &mut Vec<(ItemKind, String, PathBuf)>,
    diags: &mut Diagnostics,
) {
    let content_dir = root.join(&config.build.content_dir);
    for path in overlay.0.keys() {
        let (Some(dir), Some(stem)) = (path.parent(), path.file_stem()) else {
            continue;
        };
        let kind = dir
            .file_name()
            .and_then(|d| ItemKind::from_dir(&d.to_string_lossy()));
        let stem = stem.to_string_lossy().into_owned();
        let listed = files.iter().any(|(_, _, p)| p == path);
        match kind {
            Some(kind)
                if dir.parent() == Some(content_dir.as_path())
                    && path.extension().is_some_and(|e| e == "md")
                    && is_valid_slug(&stem)
                    && !listed =>
            {
                match listing::taken_name(root, kind, &stem, path) {
                    Some(taken) => diags.push(taken),
                    None => files.push((kind, stem, path.clone())),
                }
            }
            _ => {}
        }
    }
    files.sort();
}

fn load_intro(root: &Path, config: &Config, diags: &mut Diagnostics) -> Option<SourceText> {
    let rel = config.build.content_dir.join("index.md");
    let path = root.join(&rel);
    if !path.is_file() {
        return None;
    }
    let text = match read_text(&path, &rel) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    // Front matter is optional here: a plain Markdown file is all body.
    if !text.trim_start_matches('\u{feff}').starts_with("---") {
        return Some(SourceText {
            path: rel,
            front_matter_start: 0,
            front_matter_end: 0,
            body_start: 0,
            file: text.into(),
        });
    }
    let intro = frontmatter::split(&rel, text)
        .map_err(Diagnostics::from)
        .and_then(|t| items::intro(&t).map(|_| t));
    match intro {
        Ok(t) => Some(t),
        Err(ds) => {
            diags.extend(ds);
            None
        }
    }
}

fn load_seeds(
    root: &Path,
    config: &Config,
    cache: &ParseCache,
    diags: &mut Diagnostics,
) -> BTreeMap<String, Seed> {
    let dir = root.join(&config.build.seeds_dir);
    if !dir.is_dir() {
        return BTreeMap::new();
    }
    let entries = listing::seed_files(&dir);
    // One seed an article: thousands of files, read in parallel.
    let read: Vec<Result<Seed, Diagnostic>> = entries
        .into_par_iter()
        .map(|(file, path)| {
            if let Some(seed) = cache.unchanged_seed(&path) {
                return Ok(seed);
            }
            let shown = || config.build.seeds_dir.join(&file);
            let (bytes, stamp) = read_stamped(&path)
                .map_err(|e| Diagnostic::new(shown(), format!("cannot read the seed: {e}")))?;
            if bytes.len() > crate::link::fold::MAX_TEXT {
                return Err(seed_too_long(shown(), bytes.len()));
            }
            let (text, utf8) = seed_text(&file, bytes);
            let seed = Seed {
                file,
                path,
                text: text.into(),
                utf8,
            };
            cache.keep_seed(&seed, stamp);
            Ok(seed)
        })
        .collect();
    let mut seeds = BTreeMap::new();
    for seed in read {
        match seed {
            Ok(seed) => {
                seeds.insert(seed.file.clone(), seed);
            }
            Err(d) => diags.push(d),
        }
    }
    seeds
}

/// The error for a seed of `len` bytes, over what quotes are found in.
fn seed_too_long(shown: PathBuf, len: usize) -> Diagnostic {
    let gb = |n: usize| n as f64 / 1e9;
    Diagnostic::new(
        shown,
        format!(
            "the seed is {:.1} GB, over the {:.1} GB a seed may have",
            gb(len),
            gb(crate::link::fold::MAX_TEXT)
        ),
    )
    .hint("split the source into several seeds, one for each article taken from it")
}

/// A seed's text, and whether it is the text the site publishes (see
/// [`Seed::utf8`]): a text file's bytes when they are UTF-8; for a saved
/// web page (`.html`, `.htm`) the article text `dossier add` extracts
/// from it, the text provenance is checked against.
fn seed_text(file: &str, bytes: Vec<u8>) -> (String, bool) {
    if crate::import::naming::is_html_seed(file) {
        return match crate::import::html::seed_text(&bytes) {
            Ok(text) => (text, true),
            Err(_) => (String::new(), false),
        };
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, true),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_too_long_to_map_is_refused_with_its_size() {
        let d = seed_too_long(PathBuf::from("seeds/archive.txt"), 5_000_000_000);
        assert_eq!(
            d.message,
            "the seed is 5.0 GB, over the 4.3 GB a seed may have"
        );
        assert_eq!(
            d.hint.as_deref(),
            Some("split the source into several seeds, one for each article taken from it")
        );
    }

    #[test]
    fn slug_rule() {
        assert!(is_valid_slug("tokayev"));
        assert!(is_valid_slug("2022-unrest"));
        assert!(!is_valid_slug("-x"));
        assert!(!is_valid_slug("Tokayev"));
        assert!(!is_valid_slug("a b"));
        assert_eq!(suggest_slug("My Article_2"), "my-article-2");
    }

    #[test]
    fn overlaid_files_replace_and_add_to_those_on_disk() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/river-spill");
        let config = Config::load(&root).unwrap();
        let content = root.join("content");
        let article = content.join("articles/spill-denied.md");
        let text = std::fs::read_to_string(&article).unwrap();
        let mut overlay = Overlay::default();
        overlay.0.insert(
            article,
            text.replace("Factory denies spill", "Factory denies it"),
        );
        let new_actor = content.join("actors/river-board.md");
        overlay.0.insert(
            new_actor,
            "---\nname: River Board\nkind: organisation\n---\n".into(),
        );
        // Outside the content folders: never loaded.
        overlay
            .0
            .insert(root.join("elsewhere/x.md"), "---\n---\n".into());
        let (d, diags) = load_partial_overlaid(&root, config, &overlay).unwrap();
        assert!(!diags.has_errors(), "{diags}");
        let titles: Vec<&str> = d.articles.iter().map(|a| a.title.as_str()).collect();
        assert!(
            titles.contains(&"Factory denies it as river turns brown"),
            "{titles:?}"
        );
        assert!(d.actors.iter().any(|a| a.name == "River Board"));
        assert_eq!(d.actors.len(), 4);
    }
}
