//! Citations of each article, for reference managers (Zotero, Mendeley,
//! BibTeX): `cite/<slug>.csl.json` (CSL-JSON), `cite/<slug>.bib` (BibTeX)
//! and `cite/<slug>.ris` (RIS); and the Highwire `citation_*` meta tags
//! and "Cite this" text of the article page ([`article_citation`]).
//!
//! In a folder of their own rather than beside the pages: `articles/`
//! stays one page per article (what its listings and readers expect), and
//! a 10,000-article dossier adds its 30,000 small files out of the way.
//!
//! What is cited is the original article: its title, publisher, date,
//! URL, language and summary. The dossier is named as the archive that
//! holds a copy, with the article page as its place there when the site's
//! URL is absolute.

use super::{Exports, Links, Record, CITE_DIR};
use crate::config::BookConfig;
use crate::model::{Article, ArticleId, PartialDate};
use crate::render::Sink;
use rayon::prelude::*;
use serde::Serialize;
use std::fmt::Write as _;

/// What a citation says of an article.
struct Cited<'a> {
    a: &'a Article,
    /// The dossier's title: the archive holding the copy.
    archive: &'a str,
    /// The article page's absolute URL, when the site has one.
    page: Option<String>,
}

impl<'a> Cited<'a> {
    fn new(book: &'a BookConfig, links: &Links, a: &'a Article) -> Cited<'a> {
        Cited {
            a,
            archive: &book.title,
            page: links.absolute(format_args!("articles/{}.html", a.slug)),
        }
    }

    /// The note: who the article came through, and where it is archived.
    fn note(&self) -> Option<String> {
        let via = self.a.source.via.as_ref().map(|v| format!("Via {v}."));
        let archived = self
            .page
            .as_ref()
            .map(|p| format!("Annotated copy in “{}”: {p}", self.archive));
        match (via, archived) {
            (Some(v), Some(a)) => Some(format!("{v} {a}")),
            (v, a) => v.or(a),
        }
    }
}

#[derive(Serialize)]
struct CslItem<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'a str,
    #[serde(rename = "container-title")]
    container_title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<CslDate>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(rename = "abstract", skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    archive: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    archive_location: Option<&'a str>,
}

/// A CSL date: `[[year, month, day]]`, as many parts as are known.
#[derive(Serialize)]
struct CslDate {
    #[serde(rename = "date-parts")]
    date_parts: [Vec<i32>; 1],
}

fn csl_date(d: &PartialDate) -> CslDate {
    let parts = [Some(d.year), d.month.map(i32::from), d.day.map(i32::from)];
    CslDate {
        date_parts: [parts.into_iter().map_while(|p| p).collect()],
    }
}

/// CSL-JSON: an array of one item.
fn csl_json(c: &Cited) -> Vec<u8> {
    let a = c.a;
    let item = CslItem {
        id: &a.slug,
        kind: "article-newspaper",
        title: &a.title,
        container_title: &a.source.name,
        issued: a.published.as_ref().map(csl_date),
        url: a.source.url.as_deref(),
        language: a.language.as_deref(),
        summary: a.summary.as_deref(),
        note: c.note(),
        archive: c.archive,
        archive_location: c.page.as_deref(),
    };
    let mut out = serde_json::to_vec_pretty(&[item]).unwrap_or_default();
    out.push(b'\n');
    out
}

/// Text for a braced BibTeX field: TeX's special characters escaped, so
/// that braces stay balanced and nothing is read as a command.
fn bib_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '#' | '$' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '^' => out.push_str("\\^{}"),
            '~' => out.push_str("\\~{}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A URL for a braced BibTeX field (read verbatim by biblatex and
/// `url`): only what would unbalance the braces is percent-encoded.
fn bib_url(s: &str) -> String {
    s.replace('\\', "%5C")
        .replace('{', "%7B")
        .replace('}', "%7D")
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn bibtex(c: &Cited) -> Vec<u8> {
    let a = c.a;
    let mut out = format!("@article{{{},\n", a.slug);
    let mut field = |name: &str, value: String| {
        let _ = writeln!(out, "  {name} = {value},");
    };
    // Double braces keep the title's capitals as written.
    field("title", format!("{{{{{}}}}}", bib_text(&a.title)));
    field("journal", format!("{{{}}}", bib_text(&a.source.name)));
    if let Some(d) = &a.published {
        field("date", format!("{{{d}}}"));
        field("year", format!("{{{}}}", d.year));
        if let Some(m) = d.month {
            field("month", MONTHS[usize::from(m - 1) % 12].to_string());
        }
    }
    if let Some(url) = &a.source.url {
        field("url", format!("{{{}}}", bib_url(url)));
    }
    if let Some(lang) = &a.language {
        field("language", format!("{{{}}}", bib_text(lang)));
    }
    if let Some(summary) = &a.summary {
        field("abstract", format!("{{{}}}", bib_text(summary)));
    }
    if let Some(note) = c.note() {
        field("note", format!("{{{}}}", bib_text(&note)));
    }
    out.push_str("}\n");
    out.into_bytes()
}

/// A RIS date: `YYYY/MM/DD/`, unknown parts empty.
fn ris_date(d: &PartialDate) -> String {
    let two = |p: Option<u8>| p.map(|n| format!("{n:02}")).unwrap_or_default();
    format!("{:04}/{}/{}/", d.year, two(d.month), two(d.day))
}

fn ris(c: &Cited) -> Vec<u8> {
    let a = c.a;
    let mut out = String::new();
    let mut tag = |tag: &str, value: &str| {
        let value: String = value
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let _ = write!(out, "{tag}  - {value}\r\n");
    };
    tag("TY", "NEWS");
    tag("ID", &a.slug);
    tag("TI", &a.title);
    tag("T2", &a.source.name);
    if let Some(d) = &a.published {
        tag("PY", &format!("{:04}", d.year));
        tag("DA", &ris_date(d));
    }
    let note = c.note();
    let fields = [
        ("UR", a.source.url.as_deref()),
        ("LA", a.language.as_deref()),
        ("AB", a.summary.as_deref()),
        ("N1", note.as_deref()),
        ("DB", Some(c.archive)),
    ];
    for (name, value) in fields {
        if let Some(v) = value {
            tag(name, v);
        }
    }
    out.push_str("ER  - \r\n");
    out.into_bytes()
}

/// A `<meta name content>` tag of an article page.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Meta {
    pub name: &'static str,
    pub content: String,
}

/// What an article page shows and links for citing it: the files (paths
/// from the site root, for `{{ root }}`), a "Cite this" line (plain text) and the
/// Highwire `citation_*` meta tags, which Zotero's page translator reads
/// to save the dossier page as the original article.
#[derive(Debug, Serialize)]
pub(crate) struct ArticleCitation {
    pub text: String,
    /// The parts of `text` in the article's language, which a page shows
    /// isolated (`<bdi>`) in the interface's: the publisher, the title
    /// (without its final full stop), and what follows them (` 12 May 2024.`).
    pub publisher: String,
    pub title: String,
    pub rest: String,
    pub csl_json: String,
    pub bibtex: String,
    pub ris: String,
    pub meta: Vec<Meta>,
}

/// A Highwire date: `YYYY/MM/DD`, or as much of it as is known.
fn highwire_date(d: &PartialDate) -> String {
    let mut s = format!("{:04}", d.year);
    for part in [d.month, d.day].into_iter().map_while(|p| p) {
        let _ = write!(s, "/{part:02}");
    }
    s
}

/// The citation of article `a` for its page.
pub(crate) fn article_citation(book: &BookConfig, a: &Article) -> ArticleCitation {
    let mut meta = vec![
        Meta {
            name: "citation_title",
            content: a.title.clone(),
        },
        Meta {
            name: "citation_journal_title",
            content: a.source.name.clone(),
        },
        Meta {
            name: "citation_publisher",
            content: a.source.name.clone(),
        },
    ];
    let optional = [
        (
            "citation_publication_date",
            a.published.as_ref().map(highwire_date),
        ),
        ("citation_public_url", a.source.url.clone()),
        ("citation_fulltext_html_url", a.source.url.clone()),
        (
            "citation_language",
            a.language.clone().or_else(|| Some(book.language.clone())),
        ),
        ("citation_abstract", a.summary.clone()),
    ];
    meta.extend(
        optional
            .into_iter()
            .filter_map(|(name, c)| Some(Meta { name, content: c? })),
    );
    let title = a.title.trim_end_matches('.');
    let mut rest = String::new();
    if let Some(d) = &a.published {
        let _ = write!(rest, " {}.", d.human());
    }
    if let Some(url) = &a.source.url {
        let _ = write!(rest, " {url}.");
    }
    ArticleCitation {
        text: format!("{}. “{title}.”{rest}", a.source.name),
        publisher: a.source.name.clone(),
        title: title.to_string(),
        rest,
        csl_json: format!("{CITE_DIR}/{}.csl.json", a.slug),
        bibtex: format!("{CITE_DIR}/{}.bib", a.slug),
        ris: format!("{CITE_DIR}/{}.ris", a.slug),
        meta,
    }
}

/// Writes every article's citation files.
pub(crate) fn write(x: &Exports, sink: &dyn Sink, record: &Record) {
    let book = &x.d.config.book;
    let redone = |(id, _): &(ArticleId, &Article)| x.reuse.redoes((*id).into());
    x.d.articles
        .par_with_ids()
        .filter(redone)
        .for_each(|(_, a)| {
            let c = Cited::new(book, &x.links, a);
            let files = [
                ("csl.json", csl_json(&c)),
                ("bib", bibtex(&c)),
                ("ris", ris(&c)),
            ];
            for (ext, bytes) in files {
                let path = format!("{CITE_DIR}/{}.{ext}", a.slug);
                record(&path, sink.bytes(&path, &bytes));
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_in_every_format() {
        let d = |s: &str| PartialDate::parse(s).unwrap();
        assert_eq!(
            serde_json::to_string(&csl_date(&d("2022-01"))).unwrap(),
            r#"{"date-parts":[[2022,1]]}"#
        );
        assert_eq!(ris_date(&d("2022")), "2022///");
        assert_eq!(ris_date(&d("2022-01-07")), "2022/01/07/");
        assert_eq!(highwire_date(&d("2022-01")), "2022/01");
        assert_eq!(highwire_date(&d("2022-01-07")), "2022/01/07");
    }

    #[test]
    fn bibtex_text_is_escaped() {
        assert_eq!(
            bib_text("R&D {50%} #1 $ a_b ~ ^ \\"),
            "R\\&D \\{50\\%\\} \\#1 \\$ a\\_b \\~{} \\^{} \\textbackslash{}"
        );
        assert_eq!(bib_url("https://x/{a}"), "https://x/%7Ba%7D");
    }
}
