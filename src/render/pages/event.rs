//! An event's page (`events/<slug>.html`, template `event.html`): its
//! description, its actors, and every article about it with the
//! annotations tagged with it and its mentions there.

use super::{Emit, Renderer};
use crate::diagnostics::Diagnostic;
use crate::link::{LinkedText, Mention};
use crate::model::{Event, ItemKind, ItemRef};
use crate::output::OutputFile;
use crate::render::context::{ActorLink, AnnotationView, ArticleLink, DateView, Url};
use crate::render::share;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Serialize)]
struct EventPage<'a> {
    event: EventView<'a>,
}

#[derive(Serialize)]
struct EventView<'a> {
    slug: &'a str,
    title: &'a str,
    date: DateView,
    end: Option<DateView>,
    date_note: &'a Option<String>,
    uncertain: bool,
    description_html: &'a str,
    actors: Vec<ActorLink<'a>>,
    sources: Vec<EventSource<'a>>,
}

/// An article about the event: the annotations tagged with the event and
/// the list of its mentions there (`mentions.html`).
#[derive(Serialize)]
struct EventSource<'a> {
    #[serde(flatten)]
    article: ArticleLink<'a>,
    publisher: &'a str,
    mention_count: usize,
    annotations: Vec<AnnotationView<'a>>,
    mentions_html: String,
}

pub(super) fn pages(r: &Renderer<'_>, emit: &Emit<'_>) {
    let d = r.d();
    d.events
        .par_iter()
        .zip(r.lookup.l.events.par_iter())
        .map(|(e, description)| page(r, e, description))
        .for_each(emit);
}

fn page<'a>(
    r: &Renderer<'a>,
    e: &'a Event,
    description: &'a LinkedText,
) -> Result<OutputFile, Diagnostic> {
    let d = r.d();
    let me = ItemRef::new(ItemKind::Event, &e.slug);
    let path = me.url();
    let event = EventView {
        slug: &e.slug,
        title: &e.title,
        date: DateView::new(&e.date),
        end: DateView::of(&e.end),
        date_note: &e.date_note,
        uncertain: e.date_uncertain,
        description_html: &description.html,
        actors: e
            .actors
            .iter()
            .filter_map(|s| d.actor(s))
            .map(ActorLink::new)
            .collect(),
        sources: sources(r, e, &me)?,
    };
    let base = r.chrome.base(&path, &e.title, "events", Some(&e.text.path));
    let shared = share::event(e, &description.plain, base.canonical.as_deref());
    let base = base.shared(shared);
    r.page("event.html", &path, base, EventPage { event })
}

/// The articles about the event `e` (`me`), in slug order.
fn sources<'a>(
    r: &Renderer<'a>,
    e: &'a Event,
    me: &ItemRef,
) -> Result<Vec<EventSource<'a>>, Diagnostic> {
    let d = r.d();
    // This event's mentions in article texts, by article.
    let mut by_article: HashMap<&str, Vec<&Mention>> = HashMap::new();
    for m in r.lookup.mentions.get(me).map_or(&[][..], Vec::as_slice) {
        if m.source.kind == ItemKind::Article {
            by_article
                .entry(m.source.slug.as_str())
                .or_default()
                .push(m);
        }
    }
    r.lookup
        .articles_about(me)
        .iter()
        .map(|&i| {
            let a = &d.articles[i];
            let tagged = r.lookup.l.articles[i]
                .annotations
                .iter()
                .filter(|x| x.events.contains(&e.slug));
            let ms = by_article
                .get(a.slug.as_str())
                .map_or(&[][..], Vec::as_slice);
            let url = Url::article(&a.slug).to_string();
            Ok(EventSource {
                article: ArticleLink::new(a),
                publisher: &a.source.name,
                mention_count: ms.len(),
                annotations: tagged.map(AnnotationView::new).collect(),
                mentions_html: r.mention_lists.render(&url, ms, false)?,
            })
        })
        .collect()
}
