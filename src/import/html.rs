//! A saved web page: its metadata and its article text.
//!
//! The article is found with `dom_smoothie`, a maintained Rust port of
//! Mozilla's Readability.js (the reader view of Firefox): it scores the
//! page's blocks by text, commas and link density and drops navigation,
//! comments, share and "related" blocks, banners and footers, heuristics
//! tested on thousands of real pages that a hand-written list of class
//! names would not match. Its own `text_content` runs words of adjacent
//! elements together, so the text is taken here from the HTML it keeps:
//! one block per paragraph, heading, list item, table cell or caption,
//! whitespace collapsed as a browser shows it.
//!
//! The same function gives `dossier add` the article's paragraphs and the
//! loader the text of an HTML seed, so the body `add` writes is always in
//! the text provenance is checked against.

use dom_query::{Document, NodeRef};
use encoding_rs::Encoding;

/// What a saved page says about itself, each value trimmed, whitespace
/// collapsed, and left out when empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PageMeta {
    /// `og:title`, else the JSON-LD article's `headline`, else
    /// `<title>`; without a trailing " | Site name".
    pub title: Option<String>,
    /// `og:site_name`, else the JSON-LD article's `publisher`.
    pub site_name: Option<String>,
    /// `article:published_time`, else the JSON-LD `datePublished`, else
    /// `itemprop="datePublished"`, else the first `<time datetime>` not
    /// inside a reader comment: as written.
    pub published: Option<String>,
    /// `<link rel="canonical">`, else `og:url`, else the JSON-LD `url`:
    /// absolute http(s) only.
    pub url: Option<String>,
    /// `<html lang>`, else the JSON-LD `inLanguage`.
    pub lang: Option<String>,
}

/// A saved page read: its metadata and the blocks of its article text.
#[derive(Debug, Clone)]
pub(crate) struct Page {
    pub meta: PageMeta,
    pub blocks: Vec<String>,
}

impl Page {
    /// The page's text as a seed: the title, then the blocks, each
    /// followed by a blank line. What the site publishes as the seed and
    /// what provenance is checked against.
    pub(crate) fn text(&self) -> String {
        let mut text = String::new();
        for block in self.meta.title.iter().chain(&self.blocks) {
            text.push_str(block);
            text.push_str("\n\n");
        }
        text.truncate(text.trim_end().len());
        text.push('\n');
        text
    }
}

/// Why a page's bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undecodable {
    /// Not UTF-8, and no `<meta charset>` says what it is.
    NoCharset,
    /// Not valid in the charset it declares (its name).
    BadCharset(&'static str),
}

/// The text of the HTML seed `bytes`, exactly as `dossier add` extracted it.
pub fn seed_text(bytes: &[u8]) -> Result<String, Undecodable> {
    Ok(read(bytes)?.text())
}

/// Decodes and reads a saved page.
pub(crate) fn read(bytes: &[u8]) -> Result<Page, Undecodable> {
    let html = decode(bytes)?;
    let doc = Document::from(html.as_str());
    let meta = metadata(&doc);
    let mut blocks = article_blocks(&html);
    if blocks
        .first()
        .is_some_and(|b| Some(b) == meta.title.as_ref())
    {
        blocks.remove(0);
    }
    Ok(Page { meta, blocks })
}

/// The page as text: by its byte-order mark, else by the charset its
/// first 1024 bytes declare (as a browser's pre-scan finds it), else as
/// UTF-8. Never guessed: an undeclared page that is not UTF-8 is refused.
fn decode(bytes: &[u8]) -> Result<String, Undecodable> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return decode_as(encoding, &bytes[bom..]);
    }
    match declared_charset(&bytes[..bytes.len().min(1024)]) {
        Some(encoding) => decode_as(encoding, bytes),
        None => String::from_utf8(bytes.to_vec()).map_err(|_| Undecodable::NoCharset),
    }
}

fn decode_as(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, Undecodable> {
    (encoding.decode_without_bom_handling_and_without_replacement(bytes))
        .map(std::borrow::Cow::into_owned)
        .ok_or(Undecodable::BadCharset(encoding.name()))
}

/// The encoding named by `charset=` in `head` (ASCII, any case); a page
/// that declares UTF-16 in a meta tag is UTF-8, as browsers read it.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let at = memchr::memmem::find(&lower, b"charset=")? + b"charset=".len();
    let rest = &lower[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or(rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = (rest.iter())
        .position(|b| !(b.is_ascii_alphanumeric() || b"-_.:".contains(b)))
        .unwrap_or(rest.len());
    // `output_encoding`: UTF-16 (and "replacement") declared in a meta
    // tag reads as UTF-8.
    Some(Encoding::for_label(&rest[..end])?.output_encoding())
}

fn metadata(doc: &Document) -> PageMeta {
    let meta = |property: &str| {
        let sel = format!("meta[property=\"{property}\"], meta[name=\"{property}\"]");
        clean(&doc.select(&sel).first().attr("content").unwrap_or_default())
    };
    let ld = super::json_ld::article_of(doc);
    let site_name = meta("og:site_name").or(ld.publisher);
    let title = (meta("og:title"))
        .or(ld.headline)
        .or_else(|| clean(&doc.select("title").first().text()));
    let title = title.map(|t| without_site_name(t, site_name.as_deref()));
    let published = (meta("article:published_time"))
        .or(ld.published)
        .or_else(|| {
            attr(
                doc,
                "[itemprop~=\"datePublished\"]",
                &["content", "datetime"],
            )
        })
        .or_else(|| first_time_outside_comments(doc));
    let canonical =
        clean(&(doc.select("link[rel~=\"canonical\"]").first().attr("href")).unwrap_or_default());
    let url = [canonical, meta("og:url"), ld.url]
        .into_iter()
        .flatten()
        .find(|u| u.starts_with("https://") || u.starts_with("http://"));
    let lang = clean(&doc.select("html").first().attr("lang").unwrap_or_default()).or(ld.language);
    PageMeta {
        title,
        site_name,
        published,
        url,
        lang,
    }
}

/// The first `<time datetime>` of the page that is not inside a reader
/// comment (a comment's `<article>` carries its own time).
fn first_time_outside_comments(doc: &Document) -> Option<String> {
    let in_comment = |node: &NodeRef| {
        node.ancestors_it(None).any(|a| {
            let id_class = format!(
                "{} {}",
                a.id_attr().unwrap_or_default(),
                a.class().unwrap_or_default()
            );
            id_class.to_ascii_lowercase().contains("comment")
        })
    };
    (doc.select("time[datetime]").nodes().iter())
        .filter(|t| !in_comment(t))
        .find_map(|t| clean(&t.attr("datetime").unwrap_or_default()))
}

/// The first of `attrs` on the first element matching `sel`.
fn attr(doc: &Document, sel: &str, attrs: &[&str]) -> Option<String> {
    let found = doc.select(sel).first();
    attrs
        .iter()
        .find_map(|a| clean(&found.attr(a).unwrap_or_default()))
}

/// `title` without " | Site", " - Site", " – Site" or " — Site" at its end.
fn without_site_name(title: String, site: Option<&str>) -> String {
    let Some(site) = site else { return title };
    for sep in [" | ", " - ", " – ", " — ", " · "] {
        if let Some(head) = title.strip_suffix(&format!("{sep}{site}")) {
            if !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    title
}

/// `s` with its whitespace collapsed and trimmed; `None` when empty.
fn clean(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// The blocks of the page's main content, as Readability finds it; none
/// when it finds no article.
fn article_blocks(html: &str) -> Vec<String> {
    let content = dom_smoothie::Readability::new(html, None, None)
        .and_then(|mut r| r.parse())
        .map(|article| article.content.to_string());
    let Ok(content) = content else {
        return Vec::new();
    };
    let doc = Document::from(content.as_str());
    let mut blocks = Blocks::default();
    blocks.walk(&doc.root());
    blocks.flush();
    blocks.done
}

/// Elements that are not text a reader sees.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "button", "select", "textarea", "input", "head", "title",
];

/// Elements that start and end a block of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Blocks of text being collected from a walk through the content.
#[derive(Default)]
struct Blocks {
    done: Vec<String>,
    /// The lines of the block being read (`<br>` starts a new one).
    lines: Vec<String>,
    line: String,
}

impl Blocks {
    fn walk(&mut self, node: &NodeRef) {
        for child in node.children_it(false) {
            if child.is_text() {
                self.text(&child.text());
            } else if child.is_element() {
                let name = child.node_name().unwrap_or_default().to_ascii_lowercase();
                if name == "br" {
                    self.end_line();
                } else if BLOCKS.contains(&name.as_str()) {
                    self.flush();
                    self.walk(&child);
                    self.flush();
                } else if !SKIPPED.contains(&name.as_str()) {
                    self.walk(&child);
                }
            }
        }
    }

    /// Adds text, its runs of HTML whitespace as one space (none at the
    /// start of a line).
    fn text(&mut self, text: &str) {
        for (i, word) in text.split(is_html_space).enumerate() {
            let gap = i > 0 || text.starts_with(is_html_space);
            if gap && !self.line.is_empty() && !self.line.ends_with(' ') {
                self.line.push(' ');
            }
            self.line.push_str(word);
        }
    }

    fn end_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        let line = line.trim_end_matches(' ');
        if !line.is_empty() {
            self.lines.push(line.to_string());
        }
    }

    fn flush(&mut self) {
        self.end_line();
        if !self.lines.is_empty() {
            self.done.push(std::mem::take(&mut self.lines).join("\n"));
        }
    }
}

/// HTML's whitespace (no-break spaces are text).
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_from_the_meta_tag_else_utf8_else_refused() {
        let latin1 =
            b"<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head></html>";
        assert_eq!(read(latin1).unwrap().meta.title.as_deref(), Some("Café"));
        let http_equiv =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"><title>\xd2\xee\xea\xe0\xe5\xe2</title>";
        assert_eq!(
            read(http_equiv).unwrap().meta.title.as_deref(),
            Some("Токаев")
        );
        assert_eq!(
            read(b"<title>Caf\xe9</title>").unwrap_err(),
            Undecodable::NoCharset
        );
        let bad = b"<meta charset=utf-8><title>Caf\xe9</title>";
        assert_eq!(read(bad).unwrap_err(), Undecodable::BadCharset("UTF-8"));
    }

    #[test]
    fn metadata_prefers_open_graph_and_drops_the_site_name_from_the_title() {
        let page =
            br#"<html lang="en-GB"><head><title>Floods close the valley road | The Courier</title>
            <meta property="og:site_name" content="The Courier">
            <link rel="canonical" href="https://courier.example/floods">
            <meta property="og:url" content="https://courier.example/amp/floods"></head>
            <body><div id="comments"><time datetime="2031-01-01">a comment</time></div>
            <article><time datetime="2031-05-12T08:00:00Z">12 May</time></article></body></html>"#;
        let meta = read(page).unwrap().meta;
        assert_eq!(meta.title.as_deref(), Some("Floods close the valley road"));
        assert_eq!(meta.site_name.as_deref(), Some("The Courier"));
        assert_eq!(meta.url.as_deref(), Some("https://courier.example/floods"));
        assert_eq!(meta.published.as_deref(), Some("2031-05-12T08:00:00Z"));
        assert_eq!(meta.lang.as_deref(), Some("en-GB"));
    }

    #[test]
    fn blocks_collapse_whitespace_and_keep_line_breaks() {
        let mut b = Blocks::default();
        let doc = Document::from(
            "<div><p>One\n  <em>two</em>,\tthree.</p><p>Line<br>next <script>x()</script>line</p>text <b>tail</b></div>",
        );
        b.walk(&doc.root());
        b.flush();
        assert_eq!(b.done, ["One two, three.", "Line\nnext line", "text tail"]);
    }
}
