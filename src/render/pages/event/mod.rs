//! An event's page (`events/<slug>.html`, template `event.html`): its
//! description, its actors, and every article about it with the
//! annotations tagged with it and its mentions there.

mod html;

use super::{Emit, Renderer};
use crate::diagnostics::Diagnostic;
use crate::link::Mention;
use crate::model::{ArticleId, Event, EventId, ItemId};
use crate::output::OutputFile;
use crate::render::context::{ActorLink, AnnotationView, ArticleLink, DateView, Url};
use crate::render::native::{self, base::Blocks};
use crate::render::paginate::{numbered_title, paginate, ListPage, Pager};
use crate::render::share;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// The page's template.
pub(super) const TEMPLATE: &str = "event.html";

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
    /// This page's share of the articles about the event, and the
    /// numbered pages when they are more than one page holds.
    sources: &'a [EventSource<'a>],
    pager: Option<Pager>,
}

/// An article about the event: the annotations tagged with the event and
/// the list of its mentions there (`mentions.html`).
#[derive(Serialize)]
struct EventSource<'a> {
    #[serde(flatten)]
    article: ArticleLink<'a>,
    publisher: &'a str,
    /// Mentions of the event in the article's text, not in its notes.
    mention_count: usize,
    annotations: Vec<AnnotationView<'a>>,
    /// The event's mentions in the article's text.
    mentions_html: String,
    /// Its mentions in the article's side notes, the dossier's words, each
    /// with its note's number; none of a note shown above as the event's.
    notes_html: String,
}

pub(super) fn pages(r: &Renderer<'_>, emit: &Emit<'_>) {
    let d = r.d();
    (d.events.par_with_ids())
        .filter(|&(id, _)| r.wants(id))
        .for_each(|(id, e)| match sources(r, id) {
            Ok(sources) => {
                let first = Url::event(&e.slug).to_string();
                for list in paginate(&first, &sources, r.page_size()) {
                    emit(page(r, id, e, list));
                }
            }
            Err(err) => emit(Err(err)),
        });
}

/// One page of event `id`, `e`: its header and description, and its share
/// of the articles about it.
fn page<'a>(
    r: &Renderer<'a>,
    id: EventId,
    e: &'a Event,
    list: ListPage<'_, EventSource<'_>>,
) -> Result<OutputFile, Diagnostic> {
    let d = r.d();
    let path = &list.path;
    let first = list.number() == 1;
    let title = (list.pager.as_ref()).map_or(e.title.clone(), |p| {
        numbered_title(r.t(), &e.title, p.number, p.total)
    });
    let event = EventView {
        slug: &e.slug,
        title: &e.title,
        date: DateView::new(&e.date, r.t()),
        end: DateView::of(&e.end, r.t()),
        date_note: &e.date_note,
        uncertain: e.date_uncertain,
        // The description is on the first page only.
        description_html: if first {
            &r.lookup.l.event(id).html
        } else {
            ""
        },
        actors: e
            .actors
            .iter()
            .map(|&x| ActorLink::new(&d.actors[x]))
            .collect(),
        sources: list.items,
        pager: list.pager,
    };
    let base = r.chrome.base(path, title, "events", Some(&e.text.path));
    let shared = share::event(e, &r.lookup.l.event(id).plain, base.canonical.as_deref());
    let base = base.shared(shared).with_previews(r.previews(id.into()));
    if !r.native.event {
        return r.page(TEMPLATE, path, base, EventPage { event });
    }
    let t = r.t();
    let blocks = Blocks {
        title: None,
        body_class: "event-page",
        head: &|h| html::head(h, &event),
        content: &|h| html::content(h, &event, t),
    };
    // The mention lists, each with its source's heading and quotes, and
    // room for the header and the description.
    let size = (event.sources.iter())
        .map(|s| s.mentions_html.len() + s.notes_html.len() + 512)
        .sum::<usize>();
    let page = native::base::page(&base, t, blocks, size + 16 * 1024);
    Ok(OutputFile::new(path, page))
}

/// The articles about the event `id`, in slug order.
fn sources<'a>(r: &Renderer<'a>, id: EventId) -> Result<Vec<EventSource<'a>>, Diagnostic> {
    let d = r.d();
    let me = ItemId::from(id);
    // This event's mentions in each article, in its text and its notes.
    let mut by_article: HashMap<ArticleId, Vec<&Mention>> = HashMap::new();
    for m in r.lookup.mentions_of(me) {
        if let ItemId::Article(article) = m.source {
            by_article.entry(article).or_default().push(m);
        }
    }
    r.lookup
        .articles_about(me)
        .iter()
        .map(|&article| {
            let a = &d.articles[article];
            let tagged =
                (r.lookup.l.article(article).annotations.iter()).filter(|x| x.events.contains(&id));
            let tagged: Vec<_> = tagged.collect();
            let ms = by_article.get(&article).map_or(&[][..], Vec::as_slice);
            let (in_text, in_notes): (Vec<&Mention>, Vec<&Mention>) =
                ms.iter().partition(|m| m.in_note.is_none());
            // A note shown among the quotes is not listed again.
            let in_notes: Vec<&Mention> = (in_notes.into_iter())
                .filter(|m| {
                    (m.in_note.as_ref()).is_some_and(|n| !tagged.iter().any(|x| x.id == n.id))
                })
                .collect();
            let url = Url::article(&a.slug).to_string();
            Ok(EventSource {
                article: ArticleLink::new(a),
                publisher: &a.source.name,
                mention_count: in_text.len(),
                annotations: tagged
                    .iter()
                    .map(|x| AnnotationView::new(x, r.t()))
                    .collect(),
                mentions_html: r.mention_lists.render(&url, &in_text, false)?,
                notes_html: r.mention_lists.render(&url, &in_notes, true)?,
            })
        })
        .collect()
}
