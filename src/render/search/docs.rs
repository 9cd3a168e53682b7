//! The searchable documents of a dossier: every article, annotation note,
//! actor, event and free page, numbered kind by kind (all articles, then
//! all notes, …) so that a document's kind is a range of numbers and costs
//! the index nothing per document.

use crate::i18n::Strings;
use crate::link::Linked;
use crate::model::{AnnotationKind, Dossier, ItemId};
use crate::render::context::Url;
use std::borrow::Cow;

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

/// A note's label beside a result: its kind, lower case ("claim note").
fn note_label(t: &Strings, kind: AnnotationKind) -> String {
    let kind = t.annotation_kind(kind).0.to_lowercase();
    t.fill("search.doc_note", &[("kind", &kind)])
}

/// Every document, numbered by position: articles, notes, actors, events,
/// pages, each in the dossier's order.
pub(super) fn collect<'a>(d: &'a Dossier, l: &'a Linked) -> Vec<Doc<'a>> {
    // Labels, titles of notes and dates in the interface's language.
    let t = &d.config.interface_strings;
    let mut docs = Vec::new();
    for (id, a) in d.articles.with_ids() {
        let la = l.article(id);
        docs.push(Doc {
            kind: Kind::Article,
            item: id.into(),
            label: t.get("search.doc_article").into(),
            title: Cow::Borrowed(&a.title),
            url: Url::article(&a.slug).to_string(),
            names: vec![&a.title],
            text: pieces([
                Cow::from(a.source.name.as_str()),
                Cow::from(a.summary.as_deref().unwrap_or("")),
                Cow::from(&*la.body.plain),
            ]),
        });
    }
    // Tens of thousands of notes, of a handful of kinds: each label made once.
    let mut labels: Vec<(AnnotationKind, String)> = Vec::new();
    let mut label_of = |kind: AnnotationKind| -> String {
        match labels.iter().find(|(k, _)| *k == kind) {
            Some((_, label)) => label.clone(),
            None => {
                let label = note_label(t, kind);
                labels.push((kind, label.clone()));
                label
            }
        }
    };
    for (id, a) in d.articles.with_ids() {
        let la = l.article(id);
        for x in &la.annotations {
            docs.push(Doc {
                kind: Kind::Note,
                item: id.into(),
                label: label_of(x.kind).into(),
                title: t
                    .fill(
                        "search.doc_note_title",
                        &[("n", &x.number), ("title", &a.title)],
                    )
                    .into(),
                url: Url::Note(&a.slug, &x.id).to_string(),
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
    for (id, a) in d.actors.with_ids() {
        let lt = l.actor(id);
        let mut names = vec![a.name.as_str()];
        names.extend(a.aliases.iter().map(String::as_str));
        docs.push(Doc {
            kind: Kind::Actor,
            item: id.into(),
            label: t.get("search.doc_actor").into(),
            title: Cow::Borrowed(&a.name),
            url: Url::actor(&a.slug).to_string(),
            names,
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
            label: t.get("search.doc_event").into(),
            title: Cow::Borrowed(&e.title),
            url: Url::event(&e.slug).to_string(),
            names,
            text: pieces([Cow::from(t.date(&e.date)), Cow::from(&*lt.plain)]),
        });
    }
    for (id, p) in d.pages.with_ids() {
        let lt = l.page(id);
        docs.push(Doc {
            kind: Kind::Page,
            item: id.into(),
            label: t.get("search.doc_page").into(),
            title: Cow::Borrowed(&p.title),
            url: Url::of(d.path(id.into())).to_string(),
            names: vec![&p.title],
            text: vec![Cow::Borrowed(&*lt.plain)],
        });
    }
    docs
}

/// What `docs` (consecutive documents, at their numbers) are made from:
/// each document's item and the build that made its texts. Every field of
/// a document comes from its item alone (a note's from its article), and
/// a change to the names or the strings the others depend on makes every
/// page again, keeping nothing.
pub(super) fn signature(docs: &[Doc], reuse: crate::incremental::Reuse<'_>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    // The notes of an article follow each other: one question for them all.
    let mut last: Option<(ItemId, u64)> = None;
    for doc in docs {
        let made = match last {
            Some((item, made)) if item == doc.item => made,
            _ => reuse.made(doc.item),
        };
        last = Some((doc.item, made));
        (doc.item, made).hash(&mut h);
    }
    h.finish()
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
