//! `dossier add`: a source file imported as a seed and an article.
//!
//! Plan, then write. [`plan`] reads every source, works out each seed's
//! name, article slug, front matter and body, and collects every problem of
//! every source; nothing is written unless all are fine. [`Plan::write`]
//! then writes each file to a temporary name and links it into place, which
//! fails rather than replace a file that appeared in the meantime; a
//! failure part-way removes what this run wrote.

mod front;
pub mod html;
mod json_ld;
mod markdown;
pub(crate) mod naming;
mod text;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::language_code;
use crate::model::{ItemKind, PartialDate};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// What the command line sets or overrides.
#[derive(Debug, Clone, Default)]
pub struct AddOptions {
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    /// A valid date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub published: Option<String>,
    pub slug: Option<String>,
}

/// Where a value of the front matter came from, for the user to confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Given on the command line.
    Flag,
    /// Read from the source (the name of the field, e.g. `og:site_name`).
    Source(&'static str),
}

/// One source, ready to write.
#[derive(Debug, Clone)]
pub struct Planned {
    /// The source as given.
    pub source: PathBuf,
    /// Paths from the dossier root.
    pub seed_path: PathBuf,
    pub article_path: PathBuf,
    pub title: (String, Origin),
    pub publisher: (String, Origin),
    pub published: Option<(String, Origin)>,
    pub url: Option<(String, Origin)>,
    /// Paragraphs in the body.
    pub paragraphs: usize,
    seed_bytes: Vec<u8>,
    article: String,
}

/// Every source planned: what [`Plan::write`] writes.
#[derive(Debug)]
pub struct Plan {
    root: PathBuf,
    pub sources: Vec<Planned>,
}

/// What a dossier already holds: its seeds (by content) and the articles
/// that name them.
struct Existing {
    seeds_dir: PathBuf,
    articles_dir: PathBuf,
    /// SHA-256 of each seed file's bytes → its name.
    seed_by_digest: BTreeMap<[u8; 32], String>,
    /// Seed name → the article files (from the root) that name it.
    users: BTreeMap<String, Vec<PathBuf>>,
    next_number: u64,
}

/// Reads and plans every source, or reports every problem of every one.
pub fn plan(root: &Path, sources: &[PathBuf], opts: &AddOptions) -> Result<Plan, Diagnostics> {
    let config = Config::load(root)?;
    let mut existing = Existing::read(root, &config);
    let mut diags = Diagnostics::new();
    let mut planned: Vec<Planned> = Vec::new();
    let mut digests: Vec<([u8; 32], PathBuf)> = Vec::new();
    for source in sources {
        match plan_one(root, source, opts, &existing, &digests, &planned) {
            Ok((p, digest)) => {
                existing.next_number += 1;
                digests.push((digest, source.clone()));
                planned.push(p);
            }
            Err(d) => diags.extend(d),
        }
    }
    if diags.is_empty() {
        Ok(Plan {
            root: root.to_path_buf(),
            sources: planned,
        })
    } else {
        Err(diags)
    }
}

/// What a source says, read by its kind.
struct Read {
    ext: String,
    title: Option<String>,
    publisher: Option<String>,
    published: Option<String>,
    url: Option<String>,
    language: Option<String>,
    /// The body's paragraphs, already Markdown, furniture left out.
    paragraphs: Vec<String>,
    /// Where in the source each value was read, for the user to confirm.
    from: Fields,
}

/// Where a source gives each value: the fields of its kind.
#[derive(Debug, Clone, Copy)]
struct Fields {
    title: &'static str,
    publisher: &'static str,
    published: &'static str,
    url: &'static str,
}

impl Fields {
    const HTML: Fields = Fields {
        title: "og:title, JSON-LD or <title>",
        publisher: "og:site_name or JSON-LD",
        published: "article:published_time, JSON-LD or <time>",
        url: "the canonical link, og:url or JSON-LD",
    };
    const TEXT: Fields = Fields {
        title: "the first line",
        ..Fields::FRONT_MATTER
    };
    const FRONT_MATTER: Fields = Fields {
        title: "the front matter",
        publisher: "the front matter",
        published: "the front matter",
        url: "the front matter",
    };
}

fn plan_one(
    root: &Path,
    source: &Path,
    opts: &AddOptions,
    existing: &Existing,
    earlier: &[([u8; 32], PathBuf)],
    planned: &[Planned],
) -> Result<(Planned, [u8; 32]), Diagnostics> {
    let bytes = fs::read(source)
        .map_err(|e| Diagnostic::new(source, format!("cannot read the source: {e}")))?;
    let read = read_source(source, &bytes)?;
    let digest: [u8; 32] = Sha256::digest(&bytes).into();
    if let Some(d) = duplicate(source, &digest, existing, earlier) {
        return Err(d.into());
    }
    let mut diags = Diagnostics::new();
    let title = pick(&opts.title, read.title.clone(), read.from.title);
    let publisher = pick(&opts.publisher, read.publisher.clone(), read.from.publisher);
    if title.is_none() {
        diags.push(
            Diagnostic::new(source, "the source has no title")
                .hint("give one with `--title \"…\"`"),
        );
    }
    if publisher.is_none() {
        diags.push(
            Diagnostic::new(source, "the source does not name its publisher")
                .hint("name it with `--publisher \"…\"` (the outlet that published the text)"),
        );
    }
    if read.paragraphs.is_empty() {
        diags.push(
            Diagnostic::new(source, "no article text found after the title")
                .hint("check that this is the article itself; a page that needs JavaScript to show its text saves without it"),
        );
    }
    let slug = slug_for(opts, title.as_ref().map(|t| t.0.as_str()), &digest);
    let article_path = existing.articles_dir.join(format!("{slug}.md"));
    if let Some(d) = slug_taken(root, source, &article_path, planned) {
        diags.push(d);
    }
    let (Some(title), Some(publisher), true) = (title, publisher, diags.is_empty()) else {
        return Err(diags);
    };
    let seed_name = naming::seed_name(existing.next_number, &bytes, &read.ext);
    let published = pick(&opts.published, read.published.clone(), read.from.published);
    let url = pick(&opts.url, read.url.clone(), read.from.url);
    let fm = markdown::FrontMatter {
        title: &title.0,
        publisher: &publisher.0,
        url: url.as_ref().map(|u| u.0.as_str()),
        published: published.as_ref().map(|p| p.0.as_str()),
        seed: &seed_name,
        language: read.language.as_deref(),
    };
    let article = markdown::article_file(&fm, &read.paragraphs);
    let planned = Planned {
        source: source.to_path_buf(),
        seed_path: existing.seeds_dir.join(&seed_name),
        article_path,
        title,
        publisher,
        published,
        url,
        paragraphs: read.paragraphs.len(),
        seed_bytes: bytes,
        article,
    };
    Ok((planned, digest))
}

/// The flag's value, else the source's, with where it came from.
fn pick(
    flag: &Option<String>,
    read: Option<String>,
    field: &'static str,
) -> Option<(String, Origin)> {
    match flag {
        Some(v) => Some((v.clone(), Origin::Flag)),
        None => read.map(|v| (v, Origin::Source(field))),
    }
}

/// `--slug`, else one made from the title, else `article-` and the
/// seed's hash (a title that gives no letter or digit).
fn slug_for(opts: &AddOptions, title: Option<&str>, digest: &[u8; 32]) -> String {
    if let Some(slug) = &opts.slug {
        return slug.clone();
    }
    title.and_then(naming::slug_from_title).unwrap_or_else(|| {
        let hex: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
        format!("article-{hex}")
    })
}

/// The error when the article file a source would be written as is taken:
/// by a file on disk or by another source of the same run. Told at the
/// source, which is what the author names on the command line.
fn slug_taken(
    root: &Path,
    source: &Path,
    article_path: &Path,
    planned: &[Planned],
) -> Option<Diagnostic> {
    let shown = article_path.display();
    if root.join(article_path).exists() {
        let message = format!(
            "this source would be written as {shown}, which already exists; `dossier add` never overwrites"
        );
        return Some(
            Diagnostic::new(source, message).hint("choose another slug with `--slug NAME`"),
        );
    }
    let other = planned.iter().find(|p| p.article_path == article_path)?;
    let message = format!(
        "this source would be written as {shown}, as would {} in this run",
        other.source.display()
    );
    Some(Diagnostic::new(source, message).hint("add one of them on its own with `--slug NAME`"))
}

/// The error for a source whose bytes are already a seed, or were given
/// earlier in this run.
fn duplicate(
    source: &Path,
    digest: &[u8; 32],
    existing: &Existing,
    earlier: &[([u8; 32], PathBuf)],
) -> Option<Diagnostic> {
    if let Some(seed) = existing.seed_by_digest.get(digest) {
        let seed_path = existing.seeds_dir.join(seed);
        let users = existing.users.get(seed).map_or(&[][..], Vec::as_slice);
        let (message, hint) = match users.first() {
            Some(article) => (
                format!(
                    "this source is already in the dossier: {} has the same content and {} uses it",
                    seed_path.display(),
                    article.display()
                ),
                format!("annotate {} instead of importing the text again", article.display()),
            ),
            None => (
                format!(
                    "this source is already in the dossier: {} has the same content (no article uses it yet)",
                    seed_path.display()
                ),
                format!("write an article with `seed: {seed}`, or delete the seed and add again"),
            ),
        };
        return Some(Diagnostic::new(source, message).hint(hint));
    }
    let (_, first) = earlier.iter().find(|(d, _)| d == digest)?;
    Some(
        Diagnostic::new(
            source,
            format!("this source has the same content as {}", first.display()),
        )
        .hint("give each source once"),
    )
}

/// Reads a source by its extension: refuses an empty, binary or
/// undecodable file, and one of another kind.
fn read_source(source: &Path, bytes: &[u8]) -> Result<Read, Diagnostic> {
    let name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = naming::extension(&name).unwrap_or_default();
    if !matches!(ext.as_str(), "txt" | "md" | "html" | "htm") {
        return Err(
            Diagnostic::new(source, "not a source `dossier add` can import")
                .hint("give a .txt or .md file, or a web page saved as .html or .htm"),
        );
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Diagnostic::new(source, "the file is empty")
            .hint("give the file that holds the article's text"));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::new(source, "the file is UTF-16 text")
            .hint("save it as UTF-8, e.g. `iconv -f UTF-16 -t UTF-8`"));
    }
    if bytes.contains(&0) {
        return Err(Diagnostic::new(
            source,
            "the file is binary, not text (it contains NUL bytes)",
        )
        .hint("give the article as a .txt, .md or saved .html file"));
    }
    if ext == "html" || ext == "htm" {
        return read_html(source, bytes, ext);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Diagnostic::new(
            source,
            format!("the file is not valid UTF-8 (at byte {})", e.valid_up_to()),
        )
        .hint(encoding_hint(bytes, e.valid_up_to()))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (parsed, verbatim) = if ext == "md" {
        (text::read_markdown(text), true)
    } else {
        (text::read_text(text), false)
    };
    let paragraphs = body(parsed.paragraphs, verbatim);
    let meta = parsed.meta.unwrap_or_default();
    let from = match meta.title {
        Some(_) => Fields::FRONT_MATTER,
        None => Fields::TEXT,
    };
    Ok(Read {
        ext,
        title: parsed.title,
        publisher: meta.publisher,
        published: meta.published.as_deref().and_then(date_of),
        url: meta.url,
        language: meta.language.as_deref().and_then(language_code),
        paragraphs,
        from,
    })
}

fn read_html(source: &Path, bytes: &[u8], ext: String) -> Result<Read, Diagnostic> {
    let page = html::read(bytes).map_err(|e| match e {
        html::Undecodable::NoCharset => Diagnostic::new(
            source,
            "the page is not valid UTF-8 and does not say which charset it is in",
        )
        .hint("add `<meta charset=\"…\">` naming its encoding (e.g. windows-1252), or save it as UTF-8"),
        html::Undecodable::BadCharset(name) => Diagnostic::new(
            source,
            format!("the page is not valid {name}, the charset it declares"),
        )
        .hint("save the page again, or correct its `<meta charset>`"),
    })?;
    let published = (page.meta.published.as_deref()).and_then(date_of);
    Ok(Read {
        ext,
        title: page.meta.title,
        publisher: page.meta.site_name,
        published,
        url: page.meta.url,
        language: page.meta.lang.as_deref().and_then(language_code),
        paragraphs: body(page.blocks, false),
        from: Fields::HTML,
    })
}

/// The day (or month, or year) a timestamp such as
/// `2022-01-07T20:38:00+06:00` starts with, when it is a valid date.
fn date_of(stamp: &str) -> Option<String> {
    [10, 7, 4].into_iter().find_map(|len| {
        let head = stamp.get(..len)?;
        let ends = stamp[len..].is_empty() || stamp[len..].starts_with(['T', ' ', 't']);
        (ends && PartialDate::parse(head).is_ok()).then(|| head.to_string())
    })
}

/// The body: paragraphs without site furniture, as Markdown (verbatim
/// for a Markdown source, escaped for text).
fn body(paragraphs: Vec<String>, verbatim: bool) -> Vec<String> {
    (paragraphs.into_iter())
        .filter(|p| !text::is_furniture(p))
        .map(|p| {
            if verbatim {
                p
            } else {
                markdown::escape_paragraph(&p)
            }
        })
        .filter(|p| !p.is_empty())
        .collect()
}

impl Existing {
    fn read(root: &Path, config: &Config) -> Existing {
        let seeds_dir = config.build.seeds_dir.clone();
        let articles_dir = config.build.content_dir.join(ItemKind::Article.dir());
        let mut seed_by_digest = BTreeMap::new();
        let mut names = Vec::new();
        for (name, path) in files_in(&root.join(&seeds_dir), |_| true) {
            if let Ok(bytes) = fs::read(&path) {
                seed_by_digest
                    .entry(Sha256::digest(&bytes).into())
                    .or_insert(name.clone());
            }
            names.push(name);
        }
        let mut users: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
        for (name, path) in files_in(&root.join(&articles_dir), |n| n.ends_with(".md")) {
            if let Some(seed) = fs::read_to_string(&path)
                .ok()
                .as_deref()
                .and_then(seed_field)
            {
                users.entry(seed).or_default().push(articles_dir.join(name));
            }
        }
        Existing {
            next_number: naming::next_seed_number(names.iter().map(String::as_str)),
            seeds_dir,
            articles_dir,
            seed_by_digest,
            users,
        }
    }
}

/// The files directly in `dir` whose name passes `keep`, by name, sorted;
/// names starting with a dot left out.
fn files_in(dir: &Path, keep: impl Fn(&str) -> bool) -> Vec<(String, PathBuf)> {
    let mut files: Vec<(String, PathBuf)> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(n, _)| !n.starts_with('.') && keep(n))
        .collect();
    files.sort();
    files
}

/// The `seed:` of an article's front matter, read line by line: enough to
/// name the article that uses a seed, even in a dossier that does not load.
fn seed_field(file: &str) -> Option<String> {
    let mut lines = file.lines();
    (lines.next()? == "---").then_some(())?;
    let value = lines
        .take_while(|l| *l != "---" && *l != "...")
        .find_map(|l| l.strip_prefix("seed:"))?
        .trim();
    let value = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value);
    Some(value.to_string())
}

impl Plan {
    /// Writes every seed and article, never replacing a file: all of them,
    /// or (on an error) none.
    pub fn write(&self) -> Result<(), Diagnostics> {
        let mut written: Vec<PathBuf> = Vec::new();
        let mut result = Ok(());
        'sources: for p in &self.sources {
            for (rel, bytes) in [
                (&p.seed_path, &p.seed_bytes[..]),
                (&p.article_path, p.article.as_bytes()),
            ] {
                match write_new(&self.root.join(rel), bytes) {
                    Ok(path) => written.push(path),
                    Err(e) => {
                        result = Err(Diagnostic::new(rel, format!("cannot write: {e}"))
                            .hint("nothing was added; fix the problem and run `dossier add` again")
                            .into());
                        break 'sources;
                    }
                }
            }
        }
        if result.is_err() {
            written.iter().for_each(|path| drop(fs::remove_file(path)));
        }
        result
    }
}

/// Writes `bytes` to a new file at `path`: to a temporary file beside it,
/// then hard-linked into place, which fails if `path` exists (or renamed,
/// after a last look, where the file system has no hard links).
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    use std::io::{Error, ErrorKind};
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    fs::write(&tmp, bytes)?;
    let linked = match fs::hard_link(&tmp, path) {
        Ok(()) => fs::remove_file(&tmp),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(e),
        Err(_) if path.exists() => Err(Error::new(ErrorKind::AlreadyExists, "the file exists")),
        Err(_) => fs::rename(&tmp, path),
    };
    if linked.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    linked.map(|()| path.to_path_buf())
}

/// How to convert a text that is not UTF-8 (`valid` its first bytes that
/// are): one that is UTF-8 with letters beyond ASCII up to a bad byte is
/// UTF-8 with a bad byte, not to be converted whole; one most of whose
/// letters are bytes above 127 is in a one-byte non-Latin encoding (a
/// Western one has accents here and there).
fn encoding_hint(bytes: &[u8], valid: usize) -> String {
    if bytes[..valid].iter().any(|b| *b >= 0x80) {
        return format!(
            "the text is UTF-8 up to byte {valid}: remove or retype the character there, and do not convert the whole file"
        );
    }
    let high = bytes.iter().filter(|b| **b >= 0xC0).count();
    let ascii_letters = bytes.iter().filter(|b| b.is_ascii_alphabetic()).count();
    if high * 10 > (high + ascii_letters) * 3 {
        "convert it to UTF-8 from its one-byte encoding, e.g. `iconv -f WINDOWS-1251 -t UTF-8` for Cyrillic (KOI8-R is another; WINDOWS-1253 Greek, -1255 Hebrew, -1256 Arabic)".into()
    } else {
        "convert it to UTF-8 from its encoding, e.g. `iconv -f WINDOWS-1252 -t UTF-8` for Western European text".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_timestamps() {
        assert_eq!(
            date_of("2022-01-07T20:38:00+06:00").as_deref(),
            Some("2022-01-07")
        );
        assert_eq!(date_of("2022-01-07").as_deref(), Some("2022-01-07"));
        assert_eq!(date_of("2022-01").as_deref(), Some("2022-01"));
        assert_eq!(date_of("2022-02-30T00:00"), None);
        assert_eq!(date_of("Friday"), None);
    }

    #[test]
    fn seed_field_reads_the_front_matter_only() {
        assert_eq!(
            seed_field("---\ntitle: T\nseed: \"a.txt\"\n---\nseed: b\n").as_deref(),
            Some("a.txt")
        );
        assert_eq!(
            seed_field("---\nseed: a.html\n---\n").as_deref(),
            Some("a.html")
        );
        assert_eq!(seed_field("---\ntitle: T\n---\nseed: b\n"), None);
    }

    #[test]
    fn write_new_never_replaces_a_file() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("sub/a.txt");
        write_new(&path, b"one").unwrap();
        let err = write_new(&path, b"two").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert_eq!(fs::read_dir(tmp.path().join("sub")).unwrap().count(), 1);
    }
}
