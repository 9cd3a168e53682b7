//! Fuzz entry points over the `dossier` library: front matter parsing,
//! mention linking and quote anchoring. Shared by the cargo-fuzz targets in
//! `fuzz_targets/` and by the stable smoke test `tests/fuzz_smoke.rs`, which
//! includes this file. Each entry must never panic, whatever the bytes.

use dossier::config::Config;
use dossier::link::markdown::{self, Anchor, DocOptions, IdCounter, Input, Linker};
use dossier::link::matcher::Matcher;
use dossier::model::{
    Actor, ActorKind, Annotation, AnnotationKind, Article, Dossier, Event, EventId, Id, IdVec,
    ItemKind, NoteId, PartialDate, Seed, Source, SourceText,
};
use dossier::Diagnostics;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Renders a diagnostic the way the binary prints it (this must not panic
/// either, whatever its line and column).
fn show(d: &impl std::fmt::Display) {
    let _ = d.to_string();
}

/// A content file's text as loaded: an empty front matter, then `body`.
pub(crate) fn source(path: &str, body: &str) -> SourceText {
    SourceText {
        path: PathBuf::from(path),
        file: format!("---\n---\n{body}").into(),
        front_matter_start: 4,
        front_matter_end: 4,
        body_start: 8,
    }
}

/// A dossier with one actor per name (slugs `a0`, `a1`…), one event
/// (`e0`, aliased by `event_alias` when given) and the given articles.
pub(crate) fn dossier(
    names: &[&str],
    event_alias: Option<&str>,
    articles: Vec<Article>,
) -> Dossier {
    let config = Config::parse("[book]\ntitle = \"Fuzz\"\n").expect("a minimal book.toml");
    let actors = names
        .iter()
        .enumerate()
        .map(|(i, n)| Actor {
            slug: format!("a{i}"),
            name: n.to_string(),
            kind: ActorKind::Person,
            role: None,
            aliases: Vec::new(),
            text: source(&format!("content/actors/a{i}.md"), ""),
        })
        .collect();
    let events = vec![Event {
        slug: "e0".into(),
        title: "An event".into(),
        date: PartialDate::parse("2023-08-14").expect("a date"),
        end: None,
        date_note: None,
        date_uncertain: false,
        actors: Vec::new(),
        aliases: event_alias.map(str::to_string).into_iter().collect(),
        text: source("content/events/e0.md", ""),
    }];
    let mut seeds = BTreeMap::new();
    for a in &articles {
        // The seed holds the body's text, so that provenance holds.
        let text = render_markdown(&[], a.text.body(), false, false)
            .1
            .replace('\u{1}', "\n\n");
        seeds.insert(
            a.seed.clone(),
            Seed {
                file: a.seed.clone(),
                path: PathBuf::new(),
                text: text.into(),
                utf8: true,
            },
        );
    }
    let mut articles = articles;
    articles.sort_by(|a, b| a.slug.cmp(&b.slug));
    Dossier {
        root: PathBuf::from("."),
        config,
        articles: articles.into(),
        actors,
        events: events.into(),
        pages: IdVec::new(),
        intro: None,
        seeds,
        unloaded: Default::default(),
        slugs: None,
    }
}

/// An article whose body is `body`, its own seed, with one annotation per
/// `(quote, occurrence)`.
pub(crate) fn article(slug: &str, body: &str, quotes: &[(&str, Option<usize>)]) -> Article {
    Article {
        slug: slug.into(),
        title: "A title".into(),
        source: Source {
            name: "A source".into(),
            url: None,
            via: None,
        },
        published: None,
        date_note: None,
        seed: format!("{slug}.txt"),
        language: None,
        translated_from: None,
        summary: None,
        annotations: quotes
            .iter()
            .enumerate()
            .map(|(i, (q, occurrence))| Annotation {
                id: NoteId::derive(q, *occurrence),
                quote: q.to_string(),
                occurrence: *occurrence,
                kind: AnnotationKind::ALL[i % AnnotationKind::ALL.len()],
                note: format!("Note {i} on [the event](@/events/e0.md)."),
                actors: Vec::new(),
                events: vec![EventId::from_index(0)],
                offset: 4,
            })
            .collect(),
        text: source(&format!("content/articles/{slug}.md"), body),
    }
}

/// Renders `markdown` with mentions of `names` linked, as an article body
/// or a side note. Returns the HTML and the document's plain text.
pub(crate) fn render_markdown(
    names: &[&str],
    markdown: &str,
    inline: bool,
    allow_raw_html: bool,
) -> (String, String, Diagnostics) {
    let d = dossier(names, Some("the event"), Vec::new());
    let matcher = Matcher::build(&d).expect("the names build an automaton");
    let linker = Linker {
        dossier: &d,
        matcher: &matcher,
    };
    let src = source("content/articles/x.md", markdown);
    let opts = DocOptions {
        root: "../",
        page: None,
        record: true,
        inline,
        allow_raw_html,
    };
    let mut ids = IdCounter::default();
    let mut diags = Diagnostics::new();
    let input = Input::body(&src);
    let doc = markdown::parse(&linker, input, &opts, &mut ids, &mut diags);
    let (plain, _) = doc.plain();
    (doc.into_html(), plain, diags)
}

/// Splits fuzz bytes into text fields at `\0`.
fn fields(data: &[u8], n: usize) -> Vec<String> {
    let text = String::from_utf8_lossy(data);
    let mut parts: Vec<String> = text.splitn(n, '\0').map(str::to_string).collect();
    parts.resize(n, String::new());
    parts
}

/// The embedded theme, loaded once.
fn theme() -> &'static dossier::render::Theme {
    static THEME: std::sync::OnceLock<dossier::render::Theme> = std::sync::OnceLock::new();
    THEME.get_or_init(|| {
        dossier::render::Theme::load(Path::new("/nonexistent"), Path::new("templates"))
            .expect("the embedded theme loads")
    })
}

/// The whole pipeline after loading: fields (split at `\0`) are an
/// article's body, two event dates, a quote (also an actor name and the
/// summary), a title (also an actor name) and the publication date. When
/// linking succeeds every page is rendered with the embedded theme.
pub(crate) fn pipeline(data: &[u8]) {
    let f = fields(data, 6);
    let date = |s: &str| PartialDate::parse(s).ok();
    let quotes: Vec<(&str, Option<usize>)> = match f[3].trim() {
        "" => Vec::new(),
        q => vec![(q, None)],
    };
    let mut a = article("x", &f[0], &quotes);
    a.title = f[4].clone();
    a.summary = Some(f[3].clone());
    a.published = date(&f[5]);
    let mut names: Vec<&str> = vec![f[3].trim(), f[4].trim()];
    names.retain(|n| !n.is_empty());
    names.dedup();
    let mut d = dossier(&names, Some("the event"), vec![a]);
    if let Some(e) = d.events.first_mut() {
        if let Some(start) = date(&f[1]) {
            e.date = start;
        }
        e.end = date(&f[2]).filter(|end| end.range().1 >= e.date.range().0);
        e.title = f[4].clone();
    }
    if let Ok(linked) = dossier::link::link(&d) {
        if let Err(diags) = dossier::render::render(&d, &linked, theme()) {
            let _ = diags.to_string();
        }
    }
}

/// Front matter parsing: the bytes as every kind of content file, as
/// `book.toml`, and as a date.
pub(crate) fn front_matter(data: &[u8]) {
    let shown = Path::new("content/x.md");
    let text = match dossier::load::decode_text(data.to_vec(), shown) {
        Ok(t) => t,
        Err(d) => {
            show(&d);
            String::from_utf8_lossy(data).into_owned()
        }
    };
    for kind in [
        ItemKind::Article,
        ItemKind::Actor,
        ItemKind::Event,
        ItemKind::Page,
    ] {
        match dossier::load::parse_item(kind, "x", shown, text.clone()) {
            Err(d) => show(&d),
            Ok((_, named)) => show(&named.errors),
        }
    }
    if let Err(d) = Config::parse(&text) {
        show(&d);
    }
    let _ = PartialDate::parse(&text);
}

/// Mention linking: the first line is a `|`-separated list of actor names,
/// the rest Markdown, rendered as a body and as a side note, with and
/// without raw HTML.
pub(crate) fn mention_linking(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (head, body) = text.split_once('\n').unwrap_or((&text, ""));
    let names: Vec<&str> = head.split('|').take(16).collect();
    let flags = data.first().copied().unwrap_or(0);
    let (_, _, diags) = render_markdown(&names, body, flags & 1 == 1, flags & 2 == 2);
    for d in diags.iter() {
        show(d);
    }
}

/// Quote anchoring: fields (split at `\0`) are the body, two quotes and
/// two names. The article is linked as a whole (quotes found, anchored,
/// checked against the seed), and the body's plain text is also anchored
/// directly at ranges taken from the bytes.
pub(crate) fn quote_anchoring(data: &[u8]) {
    let f = fields(data, 5);
    let (body, q1, q2) = (&f[0], &f[1], &f[2]);
    let names = [f[3].as_str(), f[4].as_str()];
    let occurrence = |q: &str| match q.len() % 3 {
        0 => None,
        n => Some(n),
    };
    let a = article("x", body, &[(q1, occurrence(q1)), (q2, occurrence(q2))]);
    let d = dossier(&names, None, vec![a]);
    match dossier::link::link(&d) {
        Ok(l) => {
            let _ = l.articles().next().map(|(_, a)| a.body.html.len());
        }
        Err(diags) => {
            let _ = diags.to_string();
        }
    }

    // Direct anchoring at arbitrary (clamped, sorted) ranges.
    let d = dossier(&names, None, Vec::new());
    let matcher = Matcher::build(&d).expect("the names build an automaton");
    let linker = Linker {
        dossier: &d,
        matcher: &matcher,
    };
    let src = source("content/articles/x.md", body);
    let opts = DocOptions {
        root: "../",
        page: None,
        record: true,
        inline: false,
        allow_raw_html: false,
    };
    let mut ids = IdCounter::default();
    let mut diags = Diagnostics::new();
    let input = Input::body(&src);
    let mut doc = markdown::parse(&linker, input, &opts, &mut ids, &mut diags);
    let (plain, _) = doc.plain();
    let mut cuts: Vec<usize> = data
        .iter()
        .rev()
        .take(4)
        .map(|b| (*b as usize * plain.len()) / 255)
        .map(|mut i| {
            while !plain.is_char_boundary(i) {
                i -= 1;
            }
            i
        })
        .collect();
    cuts.sort();
    let anchors: Vec<Anchor> = cuts
        .chunks(2)
        .filter(|c| c.len() == 2 && c[0] < c[1])
        .enumerate()
        .map(|(i, c)| Anchor {
            start: c[0],
            end: c[1],
            id: NoteId::derive(&format!("note {i}"), None),
            number: i + 1,
            kind: AnnotationKind::Context,
            note_html: String::new(),
        })
        .collect();
    doc.anchor(&anchors);
    let _ = doc.into_html();
}
