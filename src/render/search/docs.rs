//! The searchable documents of a dossier: every article, annotation note,
//! actor, event and free page, numbered kind by kind (all articles, then
//! all notes, …) so that a document's kind is a range of numbers and costs
//! the index nothing per document.

use crate::link::Linked;
use crate::model::Dossier;
use std::borrow::Cow;

/// The kinds a search can be narrowed to, in the order documents are
/// numbered. `name` is what `search.js` shows and filters by.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Article,
    Note,
    Actor,
    Event,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Article,
        Kind::Note,
        Kind::Actor,
        Kind::Event,
        Kind::Page,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Note => "note",
            Kind::Actor => "actor",
            Kind::Event => "event",
            Kind::Page => "page",
        }
    }
}

/// One searchable page or note.
pub struct Doc<'a> {
    pub kind: Kind,
    /// The kind as shown beside the result ("source note").
    pub label: Cow<'a, str>,
    pub title: Cow<'a, str>,
    pub url: String,
    /// The words that rank a document higher when they match: its title,
    /// or an actor's or event's name and aliases.
    pub names: Vec<&'a str>,
    /// The text searched and cut into snippets, in pieces (never joined:
    /// at newsroom scale it is every text of the dossier).
    pub text: Vec<Cow<'a, str>>,
}

/// Every document, numbered by position: articles, notes, actors, events,
/// pages, each in the dossier's order.
pub fn collect<'a>(d: &'a Dossier, l: &'a Linked) -> Vec<Doc<'a>> {
    let mut docs = Vec::new();
    for (a, la) in d.articles.iter().zip(&l.articles) {
        docs.push(Doc {
            kind: Kind::Article,
            label: Kind::Article.name().into(),
            title: Cow::Borrowed(&a.title),
            url: format!("articles/{}.html", a.slug),
            names: vec![&a.title],
            text: pieces([
                Cow::from(a.source.name.as_str()),
                Cow::from(a.summary.as_deref().unwrap_or("")),
                Cow::from(&*la.body.plain),
            ]),
        });
    }
    for (a, la) in d.articles.iter().zip(&l.articles) {
        for x in &la.annotations {
            docs.push(Doc {
                kind: Kind::Note,
                label: format!("{} note", x.kind.as_str()).into(),
                title: format!("Note {} on “{}”", x.number, a.title).into(),
                url: format!("articles/{}.html#note-{}", a.slug, x.number),
                // The quote, not the article's title: every note of an
                // article would otherwise match its title's words.
                names: Vec::new(),
                text: vec![
                    format!("“{}” ", x.exact).into(),
                    Cow::Borrowed(&*x.note.plain),
                ],
            });
        }
    }
    for (a, lt) in d.actors.iter().zip(&l.actors) {
        let mut names = vec![a.name.as_str()];
        names.extend(a.aliases.iter().map(String::as_str));
        docs.push(Doc {
            kind: Kind::Actor,
            label: Kind::Actor.name().into(),
            title: Cow::Borrowed(&a.name),
            url: format!("actors/{}.html", a.slug),
            names,
            text: pieces([
                Cow::from(a.role.as_deref().unwrap_or("")),
                Cow::from(a.aliases.join(", ")),
                Cow::from(&*lt.plain),
            ]),
        });
    }
    for (e, lt) in d.events.iter().zip(&l.events) {
        let mut names = vec![e.title.as_str()];
        names.extend(e.aliases.iter().map(String::as_str));
        docs.push(Doc {
            kind: Kind::Event,
            label: Kind::Event.name().into(),
            title: Cow::Borrowed(&e.title),
            url: format!("events/{}.html", e.slug),
            names,
            text: pieces([Cow::from(e.date.human()), Cow::from(&*lt.plain)]),
        });
    }
    for (p, lt) in d.pages.iter().zip(&l.pages) {
        docs.push(Doc {
            kind: Kind::Page,
            label: Kind::Page.name().into(),
            title: Cow::Borrowed(&p.title),
            url: format!("{}.html", p.slug),
            names: vec![&p.title],
            text: vec![Cow::Borrowed(&*lt.plain)],
        });
    }
    docs
}

/// The non-empty texts, separated by spaces.
fn pieces<'a, const N: usize>(texts: [Cow<'a, str>; N]) -> Vec<Cow<'a, str>> {
    let mut out = Vec::with_capacity(2 * N);
    for t in texts.into_iter().filter(|t| !t.is_empty()) {
        if !out.is_empty() {
            out.push(Cow::Borrowed(" "));
        }
        out.push(t);
    }
    out
}
