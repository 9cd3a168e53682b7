//! `timeline.json`: every event and dated article as a TimelineJS slide
//! (<https://timeline.knightlab.com/docs/json-format.html>), to open the
//! dossier's chronology in TimelineJS or embed it elsewhere.
//!
//! A partial date stays partial (a year, or a year and month: TimelineJS
//! shows and places it as such); an uncertain date says so in the slide's
//! text and its shown date. Events and articles are two groups. Slide
//! texts are HTML, so every dossier text in them is escaped; their links
//! are absolute with an absolute `site-url`, else relative to the site
//! root (where `timeline.json` is). Event descriptions are cut to
//! [`EXCERPT`] characters, which keeps a slide near a kilobyte and the file
//! of a 10,000-article dossier near 10 MB, under the 25 MB limit.

use super::{Exports, Record};
use crate::model::{Article, ArticleId, Event, PartialDate};
use crate::render::Sink;
use crate::util::html::escape_html;
use serde::Serialize;
use std::fmt::Write as _;
use std::io::Write;

/// Characters of an event's description shown on its slide.
const EXCERPT: usize = 280;

#[derive(Serialize)]
struct Title {
    text: Text,
}

#[derive(Serialize)]
struct Text {
    headline: String,
    text: String,
}

/// A TimelineJS date: a year, and a month and day when known.
#[derive(Serialize, Debug, PartialEq, Eq)]
struct Date {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u8>,
}

impl From<&PartialDate> for Date {
    fn from(d: &PartialDate) -> Date {
        Date {
            year: d.year,
            month: d.month,
            day: d.day,
        }
    }
}

#[derive(Serialize)]
struct Slide {
    start_date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    text: Text,
    group: &'static str,
    unique_id: String,
}

/// A slide to write.
#[derive(Clone, Copy)]
enum Entry<'a> {
    Event(&'a Event, &'a str),
    Article(ArticleId, &'a Article, PartialDate),
}

impl Entry<'_> {
    /// Date order; at one date events before articles, then by slug.
    fn key(&self) -> (PartialDate, u8, &str) {
        match self {
            Entry::Event(e, _) => (e.date, 0, &e.slug),
            Entry::Article(_, a, date) => (*date, 1, &a.slug),
        }
    }
}

/// Writes the slides in order, as a JSON array: each event's made, each
/// article's made once and kept by `serve` while the article's texts are
/// the same (ten thousand slides, few of them changed by an edit).
fn write_slides(x: &Exports, entries: &[Entry], w: &mut dyn Write) -> std::io::Result<()> {
    w.write_all(b"[")?;
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        match *e {
            Entry::Event(ev, plain) => serde_json::to_writer(&mut *w, &event_slide(x, ev, plain))?,
            Entry::Article(id, a, date) => {
                let make =
                    || serde_json::to_vec(&article_slide(x, a, date)).map_err(|e| e.to_string());
                let file = "timeline.json slide";
                let (slide, _) = x.reuse.text_parts(file, id.into(), |_| true, make);
                let slide = (*slide)
                    .as_ref()
                    .map_err(|e| std::io::Error::other(e.clone()))?;
                w.write_all(slide)?;
            }
        }
    }
    w.write_all(b"]")
}

/// The first paragraph of a plain text, cut to [`EXCERPT`] characters.
fn excerpt(plain: &str) -> String {
    let first = plain
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    match first.char_indices().nth(EXCERPT) {
        Some((i, _)) => format!("{}…", &first[..i]),
        None => first.to_string(),
    }
}

/// A link, escaped, to a page of the site or elsewhere.
fn link(href: &str, words: &str) -> String {
    format!(
        "<a href=\"{}\">{}</a>",
        escape_html(href),
        escape_html(words)
    )
}

fn event_slide(x: &Exports, e: &Event, plain: &str) -> Slide {
    let mut text = String::new();
    let description = excerpt(plain);
    if !description.is_empty() {
        let _ = write!(text, "<p>{}</p>", escape_html(&description));
    }
    match (e.date_uncertain, &e.date_note) {
        (true, Some(note)) => {
            let _ = write!(
                text,
                "<p><em>Date uncertain:</em> {}</p>",
                escape_html(note)
            );
        }
        (true, None) => text.push_str("<p><em>Date uncertain.</em></p>"),
        (false, Some(note)) => {
            let _ = write!(text, "<p><em>Date:</em> {}</p>", escape_html(note));
        }
        (false, None) => {}
    }
    let page = x.links.iri("", format_args!("events/{}.html", e.slug));
    let _ = write!(text, "<p>{}</p>", link(&page, "The event in the dossier"));
    let shown = match &e.end {
        Some(end) => format!("{} – {}", e.date.human(), end.human()),
        None => e.date.human(),
    };
    Slide {
        start_date: (&e.date).into(),
        end_date: e.end.as_ref().map(Date::from),
        display_date: e.date_uncertain.then(|| format!("{shown} (uncertain)")),
        text: Text {
            headline: escape_html(&e.title),
            text,
        },
        group: "Events",
        unique_id: format!("event-{}", e.slug),
    }
}

fn article_slide(x: &Exports, a: &Article, date: PartialDate) -> Slide {
    let mut text = format!("<p>{}", escape_html(&a.source.name));
    if let Some(via) = &a.source.via {
        let _ = write!(text, ", via {}", escape_html(via));
    }
    text.push_str("</p>");
    if let Some(summary) = &a.summary {
        let _ = write!(text, "<p>{}</p>", escape_html(summary));
    }
    if let Some(note) = &a.date_note {
        let _ = write!(text, "<p><em>Date:</em> {}</p>", escape_html(note));
    }
    let page = x.links.iri("", format_args!("articles/{}.html", a.slug));
    let _ = write!(text, "<p>{}", link(&page, "The annotated article"));
    if let Some(url) = &a.source.url {
        let _ = write!(text, " · {}", link(url, "the original"));
    }
    text.push_str("</p>");
    Slide {
        start_date: (&date).into(),
        end_date: None,
        display_date: None,
        text: Text {
            headline: escape_html(&a.title),
            text,
        },
        group: "Articles",
        unique_id: format!("article-{}", a.slug),
    }
}

/// The slides in order: every event, every article with a date.
fn entries<'a>(x: &Exports<'a>) -> Vec<Entry<'a>> {
    let events = x.d.events.with_ids();
    let events = events.map(|(id, e)| Entry::Event(e, &x.l.event(id).plain));
    let articles = x.d.articles.with_ids();
    let articles = articles.filter_map(|(id, a)| a.published.map(|p| Entry::Article(id, a, p)));
    let mut entries: Vec<Entry> = events.chain(articles).collect();
    entries.sort_by(|a, b| a.key().cmp(&b.key()));
    entries
}

/// Writes `timeline.json`, returning its path.
pub(super) fn write(x: &Exports, sink: &dyn Sink, record: &Record) -> Vec<String> {
    let book = &x.d.config.book;
    let title = Title {
        text: Text {
            headline: escape_html(&book.title),
            text: escape_html(book.description.as_deref().unwrap_or("")),
        },
    };
    let entries = entries(x);
    let path = "timeline.json";
    let res = sink.stream(path, &mut |w| {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
        w.write_all(b"{\"title\":")?;
        serde_json::to_writer(&mut w, &title)?;
        w.write_all(b",\"events\":")?;
        write_slides(x, &entries, &mut w)?;
        w.write_all(b",\"scale\":\"human\"}\n")?;
        w.flush()
    });
    record(path, res);
    vec![path.into()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_stay_partial() {
        let d =
            |s: &str| serde_json::to_string(&Date::from(&PartialDate::parse(s).unwrap())).unwrap();
        assert_eq!(d("2022"), r#"{"year":2022}"#);
        assert_eq!(d("2022-01"), r#"{"year":2022,"month":1}"#);
        assert_eq!(d("2022-01-07"), r#"{"year":2022,"month":1,"day":7}"#);
    }

    #[test]
    fn excerpts_take_the_first_paragraph_cut() {
        assert_eq!(excerpt("\nFirst <b>.\nSecond."), "First <b>.");
        let long = "ż".repeat(EXCERPT + 5);
        assert_eq!(excerpt(&long).chars().count(), EXCERPT + 1);
        assert_eq!(
            link("a\"b.html", "x<y"),
            "<a href=\"a&quot;b.html\">x&lt;y</a>"
        );
    }
}
