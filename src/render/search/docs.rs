//! The searchable documents of a dossier: every article, annotation note,
//! actor, event and free page, numbered kind by kind (all articles, then
//! all notes, …) so that a document's kind is a range of numbers and costs
//! the index nothing per document.

use crate::i18n::Strings as I18n;
use crate::incremental::Reuse;
use crate::link::{Linked, LinkedArticle};
use crate::model::{ActorKind, AnnotationKind, Article, Dossier, ItemId};
use crate::render::context::Url;
use std::borrow::Cow;
use std::sync::Arc;

/// The kinds a search can be narrowed to, in the order documents are
/// numbered. `name` is what `search.js` shows and filters by.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    Article,
    Note,
    Actor,
    Event,
    Page,
}

impl Kind {
    pub(super) const ALL: [Kind; 5] = [
        Kind::Article,
        Kind::Note,
        Kind::Actor,
        Kind::Event,
        Kind::Page,
    ];

    pub(super) fn name(self) -> &'static str {
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
pub(super) struct Doc<'a> {
    pub kind: Kind,
    /// The item whose text it is (a note's is its article).
    pub item: ItemId,
    /// The build that made the item's texts, and the document's place among
    /// the item's documents of its kind (a note's among its article's):
    /// what stands for the document in a [`signature`].
    pub made: u64,
    pub nth: u32,
    /// The kind as shown beside the result ("source note").
    pub label: &'a str,
    pub title: &'a str,
    pub url: Cow<'a, str>,
    /// The words that rank a document higher when they match: its title,
    /// or an actor's or event's name, then its aliases (which count less).
    pub names: Vec<&'a str>,
    /// How many of `names` are the name proper (the rest are aliases).
    pub proper: usize,
    /// Single words that name the document as a whole though no name or
    /// alias is that word alone: a person's surname, an organisation's
    /// acronym ([`keys_of_actor`]).
    pub keys: Vec<String>,
    /// The text searched and cut into snippets, in pieces (never joined:
    /// at newsroom scale it is every text of the dossier).
    pub text: Vec<Cow<'a, str>>,
}

/// What the documents of an article are made of beyond its texts: its
/// URL, and each note's title, URL and quote. Tens of thousands of notes:
/// made once, and kept by `serve` while the article's texts are the same.
struct ArticleStrings {
    url: String,
    notes: Vec<NoteStrings>,
}

struct NoteStrings {
    title: String,
    url: String,
    /// The quote, in quotation marks.
    quote: String,
}

/// The strings the documents borrow, made (or kept) before them: the
/// labels, and each article's strings with the build that made its texts.
pub(super) struct Strings {
    labels: Labels,
    articles: Vec<(Arc<ArticleStrings>, u64)>,
}

/// The kind of each document as shown beside a result; a note's by its
/// annotation kind, in the order of [`AnnotationKind::ALL`].
struct Labels {
    article: String,
    notes: [String; AnnotationKind::ALL.len()],
    actor: String,
    event: String,
    page: String,
}

/// A note's label beside a result: its kind, lower case ("claim note").
fn note_label(t: &I18n, kind: AnnotationKind) -> String {
    let kind = t.annotation_kind(kind).0.to_lowercase();
    t.fill("search.doc_note", &[("kind", &kind)])
}

/// The labels and every article's strings, for [`collect`].
pub(super) fn strings(d: &Dossier, l: &Linked, reuse: Reuse<'_>) -> Strings {
    let t = &d.config.interface_strings;
    let labels = Labels {
        article: t.get("search.doc_article").to_string(),
        notes: AnnotationKind::ALL.map(|k| note_label(t, k)),
        actor: t.get("search.doc_actor").to_string(),
        event: t.get("search.doc_event").to_string(),
        page: t.get("search.doc_page").to_string(),
    };
    let articles = (d.articles.with_ids())
        .map(|(id, a)| {
            let make = || article_strings(t, a, l.article(id));
            reuse.text_parts("search docs", id.into(), |_| true, make)
        })
        .collect();
    Strings { labels, articles }
}

fn article_strings(t: &I18n, a: &Article, la: &LinkedArticle) -> ArticleStrings {
    let notes = (la.annotations.iter())
        .map(|x| NoteStrings {
            title: t.fill(
                "search.doc_note_title",
                &[("n", &x.number), ("title", &a.title)],
            ),
            url: Url::Note(&a.slug, &x.id).to_string(),
            quote: format!("“{}”", x.exact),
        })
        .collect();
    ArticleStrings {
        url: Url::article(&a.slug).to_string(),
        notes,
    }
}

/// Every document, numbered by position: articles, notes, actors, events,
/// pages, each in the dossier's order.
pub(super) fn collect<'a>(
    d: &'a Dossier,
    l: &'a Linked,
    s: &'a Strings,
    reuse: Reuse<'_>,
) -> Vec<Doc<'a>> {
    // Dates in the interface's language.
    let t = &d.config.interface_strings;
    let mut docs = Vec::new();
    let articles = || d.articles.with_ids().zip(&s.articles);
    for ((id, a), (strings, made)) in articles() {
        let la = l.article(id);
        docs.push(Doc {
            kind: Kind::Article,
            item: id.into(),
            made: *made,
            nth: 0,
            label: &s.labels.article,
            title: &a.title,
            url: Cow::Borrowed(&strings.url),
            names: vec![&a.title],
            proper: 1,
            keys: Vec::new(),
            text: pieces([
                Cow::from(a.source.name.as_str()),
                Cow::from(summary_unless_opening(a.summary.as_deref(), &la.body.plain)),
                Cow::from(&*la.body.plain),
            ]),
        });
    }
    for ((id, _), (strings, made)) in articles() {
        let la = l.article(id);
        let notes = la.annotations.iter().zip(&strings.notes);
        for (nth, (x, note)) in (0..).zip(notes) {
            docs.push(Doc {
                kind: Kind::Note,
                item: id.into(),
                made: *made,
                nth,
                label: &s.labels.notes[x.kind as usize],
                title: &note.title,
                url: Cow::Borrowed(&note.url),
                // The quote, not the article's title: every note of an
                // article would otherwise match its title's words.
                names: Vec::new(),
                proper: 0,
                keys: Vec::new(),
                text: pieces([Cow::Borrowed(&*note.quote), Cow::Borrowed(&*x.note.plain)]),
            });
        }
    }
    for (id, a) in d.actors.with_ids() {
        let lt = l.actor(id);
        let mut names = vec![a.name.as_str()];
        names.extend(a.aliases.iter().map(String::as_str));
        docs.push(Doc {
            kind: Kind::Actor,
            item: id.into(),
            made: reuse.made(id.into()),
            nth: 0,
            label: &s.labels.actor,
            title: &a.name,
            url: Url::actor(&a.slug).to_string().into(),
            names,
            proper: 1,
            keys: keys_of_actor(&a.name, a.kind),
            text: pieces([
                Cow::from(a.role.as_deref().unwrap_or("")),
                Cow::from(a.aliases.join(", ")),
                Cow::from(&*lt.plain),
            ]),
        });
    }
    for (id, e) in d.events.with_ids() {
        let lt = l.event(id);
        let mut names = vec![e.title.as_str()];
        names.extend(e.aliases.iter().map(String::as_str));
        docs.push(Doc {
            kind: Kind::Event,
            item: id.into(),
            made: reuse.made(id.into()),
            nth: 0,
            label: &s.labels.event,
            title: &e.title,
            url: Url::event(&e.slug).to_string().into(),
            names,
            proper: 1,
            keys: Vec::new(),
            text: pieces([Cow::from(t.date(&e.date)), Cow::from(&*lt.plain)]),
        });
    }
    for (id, p) in d.pages.with_ids() {
        let lt = l.page(id);
        docs.push(Doc {
            kind: Kind::Page,
            item: id.into(),
            made: reuse.made(id.into()),
            nth: 0,
            label: &s.labels.page,
            title: &p.title,
            url: Url::of(d.path(id.into())).to_string().into(),
            names: vec![&p.title],
            proper: 1,
            keys: Vec::new(),
            text: vec![Cow::Borrowed(&*lt.plain)],
        });
    }
    docs
}

/// An article's summary for its search text, unless the body opens with
/// it (a summary written as the first sentence would be shown twice).
fn summary_unless_opening<'a>(summary: Option<&'a str>, body: &str) -> &'a str {
    let summary = summary.unwrap_or("").trim();
    // Word by word as far as the summary goes, and no further: the body is
    // read to its end only by a summary as long (every search rebuild asks
    // this of every article).
    let mut body_words = body.split_whitespace();
    let opens = !summary.is_empty()
        && summary
            .split_whitespace()
            .all(|w| body_words.next() == Some(w));
    if opens {
        ""
    } else {
        summary
    }
}

/// The single words that name an actor as its whole name would, besides
/// its one-word names and aliases: a person's surname (the last word of a
/// name of several), and an organisation's or state's acronym (the
/// initials of the capitalised words of a name of several, as "CSTO" of
/// "Collective Security Treaty Organization").
fn keys_of_actor(name: &str, kind: ActorKind) -> Vec<String> {
    let words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 2 {
        return Vec::new();
    }
    match kind {
        // Two letters (`Jr`, `as`) are too often another word.
        ActorKind::Person => (words.last())
            .filter(|w| w.chars().count() >= 3)
            .map(|w| vec![w.to_string()])
            .unwrap_or_default(),
        ActorKind::Organisation | ActorKind::State => {
            let initials: String = (words.iter())
                .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
                .collect();
            if initials.chars().count() >= 3 {
                vec![initials]
            } else {
                Vec::new()
            }
        }
    }
}

/// What `docs` (consecutive documents, at their numbers) are made from:
/// each document's kind, item and place among the item's documents, and
/// the build that made its texts. (Without the place, the notes of one
/// article would stand for each other: a window of them moved by one, as
/// a note added to an earlier article moves it, would seem the same.) Every field of
/// a document comes from its item alone (a note's from its article), and
/// a change to the names or the strings the others depend on makes every
/// page again, keeping nothing.
pub(super) fn signature(docs: &[Doc]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for doc in docs {
        (doc.kind.name(), doc.item, doc.made, doc.nth).hash(&mut h);
    }
    h.finish()
}

/// What separates the fields of a document's text (its publisher, summary
/// and body), in the snippets a result shows: no word of the index.
const FIELD_SEPARATOR: &str = " · ";

/// The non-empty texts, separated by [`FIELD_SEPARATOR`].
fn pieces<'a, const N: usize>(texts: [Cow<'a, str>; N]) -> Vec<Cow<'a, str>> {
    let mut out = Vec::with_capacity(2 * N);
    for t in texts.into_iter().filter(|t| !t.trim().is_empty()) {
        if !out.is_empty() {
            out.push(Cow::Borrowed(FIELD_SEPARATOR));
        }
        out.push(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleId, Id};

    fn note(article: usize, nth: u32) -> Doc<'static> {
        Doc {
            kind: Kind::Note,
            item: ArticleId::from_index(article).into(),
            made: 1,
            nth,
            label: "claim note",
            title: "",
            url: Cow::Borrowed(""),
            names: Vec::new(),
            proper: 0,
            keys: Vec::new(),
            text: Vec::new(),
        }
    }

    #[test]
    fn fields_are_separated_and_a_summary_the_body_opens_with_is_left_out() {
        let text = pieces([
            Cow::from("Nizor Daily"),
            Cow::from(""),
            Cow::from("Senator R. said."),
        ]);
        assert_eq!(text.concat(), "Nizor Daily · Senator R. said.");
        let body = "Senator Rudzorski defended the plan.\n\nHe said so twice.";
        assert_eq!(
            summary_unless_opening(Some("Senator Rudzorski defended the plan."), body),
            ""
        );
        assert_eq!(
            summary_unless_opening(Some("Senator  Rudzorski\ndefended"), body),
            ""
        );
        assert_eq!(
            summary_unless_opening(Some("A plan defended."), body),
            "A plan defended."
        );
        assert_eq!(summary_unless_opening(None, body), "");
        let long = "Senator Rudzorski defended the plan. He said so twice. And more.";
        assert_eq!(summary_unless_opening(Some(long), body), long);
    }

    #[test]
    fn a_surname_or_an_acronym_names_an_actor() {
        let keys = |name, kind| keys_of_actor(name, kind);
        assert_eq!(
            keys("Kassym-Jomart Tokayev", ActorKind::Person),
            ["Tokayev"]
        );
        assert_eq!(keys("Tokayev", ActorKind::Person), Vec::<String>::new());
        assert_eq!(
            keys(
                "Collective Security Treaty Organization",
                ActorKind::Organisation
            ),
            ["CSTO"]
        );
        assert_eq!(
            keys("Ministry of Defence", ActorKind::State),
            Vec::<String>::new()
        );
        assert_eq!(
            keys("Ministry of Foreign Affairs", ActorKind::State),
            ["MFA"]
        );
        assert_eq!(
            keys("Martin Luther King Jr.", ActorKind::Person),
            Vec::<String>::new()
        );
        assert_eq!(
            keys("Kazakh security forces", ActorKind::Organisation),
            Vec::<String>::new()
        );
        assert_eq!(
            keys("ОДКБ-CSTO", ActorKind::Organisation),
            Vec::<String>::new()
        );
    }

    /// A note added to an earlier article moves an article's notes by one
    /// document: a fragment or part cut at the same numbers then holds
    /// other notes of that article, and must not seem the same.
    #[test]
    fn notes_moved_by_one_are_not_the_same_documents() {
        let before: Vec<Doc> = (0..4).map(|n| note(7, n)).collect();
        let after: Vec<Doc> = (1..5).map(|n| note(7, n)).collect();
        assert_ne!(signature(&before), signature(&after));
        let again: Vec<Doc> = (0..4).map(|n| note(7, n)).collect();
        assert_eq!(signature(&before), signature(&again));
    }
}
