//! An actor's page (`actors/<slug>.html`, template `actor.html`): its
//! profile, its events on a timeline strip, the actors named beside it and
//! their network, the annotations tagged with it and every mention of it,
//! by the page it stands on.

mod html;

use super::{Emit, Renderer};
use crate::diagnostics::Diagnostic;
use crate::link::Mention;
use crate::model::{Actor, ActorId, ActorKind, Event, ItemId, ItemKind};
use crate::output::OutputFile;
use crate::render::charts;
use crate::render::context::{AnnotationView, CountedActor, EventSummary, Url};
use crate::render::native::{self, base::Blocks};
use crate::render::paginate::{numbered_title, paginate, ListPage, Pager};
use crate::render::share;
use rayon::prelude::*;
use serde::Serialize;

/// Actors named beside this one that its page lists (and draws).
const CO_ACTORS_MAX: usize = 12;

/// The page's template.
pub(super) const TEMPLATE: &str = "actor.html";

#[derive(Serialize)]
struct ActorPage<'a> {
    actor: ActorView<'a>,
}

#[derive(Serialize)]
struct ActorView<'a> {
    slug: &'a str,
    name: &'a str,
    kind: &'static str,
    kind_label: &'a str,
    role: &'a Option<String>,
    aliases: &'a [String],
    profile_html: &'a str,
    /// Mentions in article texts.
    mention_count: usize,
    /// Articles mentioning, annotating or linking to the actor.
    article_count: usize,
    /// Articles whose text (not only a note) names the actor.
    text_article_count: usize,
    /// This page's share of the mentions, by the page they stand on, and
    /// the numbered pages when they are more than one page holds.
    mentions: &'a [MentionGroup<'a>],
    pager: Option<Pager>,
    /// The passages annotated with the actor and its events, counted in
    /// the header of every page and listed on the first: only the first
    /// carries them (a busy actor has many numbered pages).
    quote_count: usize,
    event_count: usize,
    quotes: Vec<Quote<'a>>,
    events: Vec<EventSummary<'a>>,
    co_actors: Vec<CountedActor<'a>>,
    timeline_svg: Option<String>,
    network_svg: Option<String>,
}

/// The mentions of the actor on one page: its title, URL, kind, count
/// and the rendered list (`mentions.html`).
#[derive(Serialize)]
struct MentionGroup<'a> {
    title: &'a str,
    url: String,
    kind: &'static str,
    /// Mentions in the page's own text, not in its notes.
    count: usize,
    mentions_html: String,
    /// Mentions in an article's side notes: the dossier's words, listed
    /// apart, each with its note's number.
    notes_html: String,
}

/// An annotation tagged with the actor, with its article.
#[derive(Serialize)]
struct Quote<'a> {
    article_title: &'a str,
    article_url: Url<'a>,
    url: Url<'a>,
    #[serde(flatten)]
    annotation: AnnotationView<'a>,
}

pub(super) fn pages(r: &Renderer<'_>, emit: &Emit<'_>) {
    let d = r.d();
    (d.actors.par_with_ids())
        .filter(|&(id, _)| r.wants(id))
        .for_each(|(id, a)| match mention_groups(r, ItemId::from(id)) {
            Ok(groups) => {
                let first = Url::actor(&a.slug).to_string();
                for list in paginate(&first, &groups, r.page_size()) {
                    emit(page(r, id, a, list));
                }
            }
            Err(e) => emit(Err(e)),
        });
}

/// One page of actor `id`, `a`: the first with the whole profile, the
/// others with the next of its mentions.
fn page<'a>(
    r: &Renderer<'a>,
    id: ActorId,
    a: &'a Actor,
    list: ListPage<'_, MentionGroup<'_>>,
) -> Result<OutputFile, Diagnostic> {
    let d = r.d();
    let me = ItemId::from(id);
    let path = &list.path;
    let first = list.number() == 1;
    let title = (list.pager.as_ref()).map_or(a.name.clone(), |p| {
        numbered_title(r.t(), &a.name, p.number, p.total)
    });
    let base = r.chrome.base(path, title, "actors", Some(&a.text.path));
    let events = events_of(r, id);
    let mut actor = ActorView {
        slug: &a.slug,
        name: &a.name,
        kind: a.kind.as_str(),
        kind_label: kind_label(r.t(), a.kind),
        role: &a.role,
        aliases: &a.aliases,
        profile_html: &r.lookup.l.actor(id).html,
        mention_count: r.lookup.count(me),
        article_count: r.lookup.articles_about(me).len(),
        text_article_count: text_article_count(r, me),
        mentions: list.items,
        pager: list.pager,
        // The header counts the events and passages on every page.
        quote_count: r.lookup.tagged(me).len(),
        event_count: events.len(),
        quotes: Vec::new(),
        events: Vec::new(),
        co_actors: Vec::new(),
        timeline_svg: None,
        network_svg: None,
    };
    if first {
        actor.quotes = quotes(r, me);
        actor.events = events.iter().map(|e| EventSummary::new(e, r.t())).collect();
        let co = companions(&r.lookup.co[id]);
        // The network shows this actor and the companions listed beside
        // it: it needs only the links among them, not the whole dossier's
        // co-mentions.
        let shown = co.iter().map(|c| c.1).chain([id]).collect();
        let own_edges = r.lookup.co_mentions_among(shown);
        actor.co_actors = (co.iter())
            .map(|&(n, x)| CountedActor::new(&d.actors[x], n))
            .collect();
        actor.timeline_svg = charts::timeline(d, &events, &base.root, charts::Size::Strip);
        actor.network_svg = charts::network(d, &own_edges, Some(&a.slug), &base.root);
    }
    let shared = share::actor(a, &r.lookup.l.actor(id).plain, base.canonical.as_deref());
    let base = base.shared(shared).with_previews(r.previews(id.into()));
    if !r.native.actor {
        return r.page(TEMPLATE, path, base, ActorPage { actor });
    }
    let t = r.t();
    let blocks = Blocks {
        title: None,
        body_class: "actor-page",
        head: &|h| html::head(h, &actor),
        content: &|h| html::content(h, &actor, t),
    };
    // The mention lists, each with its heading, and room for the first
    // page's profile, charts and lists.
    let size = (actor.mentions.iter())
        .map(|g| g.mentions_html.len() + g.notes_html.len() + 256)
        .sum::<usize>();
    let page = native::base::page(&base, t, blocks, size + 64 * 1024);
    Ok(OutputFile::new(path, page))
}

/// The companions an actor's page lists (and draws in its network) of
/// all its co-mentioned actors `co`: the most paragraphs first, then by
/// slug (in id order), at most [`CO_ACTORS_MAX`].
fn companions(co: &[(usize, ActorId)]) -> Vec<(usize, ActorId)> {
    let mut co = co.to_vec();
    co.sort_by(|p, q| q.0.cmp(&p.0).then(p.1.cmp(&q.1)));
    co.truncate(CO_ACTORS_MAX);
    co
}

/// For each actor, the actors its page's network draws (itself and its
/// companions), sorted: the links among them are on its page, so a
/// change of one of those links changes the page (`dossier serve` asks).
pub fn network_members(
    d: &crate::model::Dossier,
    l: &crate::link::Linked,
) -> Vec<(ActorId, Vec<ActorId>)> {
    let co = super::super::lookup::co(d, l);
    d.actors
        .ids()
        .map(|id| {
            let mut shown: Vec<ActorId> = companions(&co[id])
                .iter()
                .map(|c| c.1)
                .chain([id])
                .collect();
            shown.sort_unstable();
            (id, shown)
        })
        .collect()
}

/// An actor kind as the actor page names it.
fn kind_label(t: &crate::i18n::Strings, kind: ActorKind) -> &str {
    t.get(match kind {
        ActorKind::Person => "actor.person",
        ActorKind::Organisation => "actor.organisation",
        ActorKind::State => "actor.state",
    })
}

/// The events that list the actor or link to it, by date (then slug).
fn events_of<'a>(r: &Renderer<'a>, id: ActorId) -> Vec<&'a Event> {
    let d = r.d();
    let mut events: Vec<_> = (r.lookup.actor_events[id].iter())
        .map(|&e| &d.events[e])
        .collect();
    events.sort_by(|x, y| x.date.cmp(&y.date).then(x.slug.cmp(&y.slug)));
    events
}

/// How many articles name the item `me` in their text (not only in a note).
fn text_article_count(r: &Renderer<'_>, me: ItemId) -> usize {
    // Mentions come page by page: count each run once, then the pages
    // (an actor's hundreds of mentions are a few dozen runs).
    let mut pages: Vec<ItemId> = Vec::new();
    let in_texts = (r.lookup.mentions_of(me).iter())
        .filter(|m| m.source.kind() == ItemKind::Article && m.in_note.is_none());
    for m in in_texts {
        if pages.last() != Some(&m.source) {
            pages.push(m.source);
        }
    }
    pages.sort_unstable();
    pages.dedup();
    pages.len()
}

/// The mentions of the item `me`, by the page they stand on: articles
/// first, then profiles and event descriptions.
fn mention_groups<'a>(r: &Renderer<'a>, me: ItemId) -> Result<Vec<MentionGroup<'a>>, Diagnostic> {
    let d = r.d();
    let mut groups: Vec<(ItemId, Vec<&Mention>)> = Vec::new();
    for m in r.lookup.mentions_of(me) {
        match groups.last_mut() {
            Some((src, v)) if *src == m.source => v.push(m),
            _ => groups.push((m.source, vec![m])),
        }
    }
    groups.sort_by_key(|(src, _)| src.kind() != ItemKind::Article);
    groups
        .into_iter()
        .map(|(src, ms)| {
            let url = Url::of(d.path(src)).to_string();
            let (in_text, in_notes): (Vec<&Mention>, Vec<&Mention>) =
                ms.into_iter().partition(|m| m.in_note.is_none());
            let mentions_html = r.mention_lists.render(&url, &in_text, false)?;
            let notes_html = r.mention_lists.render(&url, &in_notes, true)?;
            Ok(MentionGroup {
                title: d.title(src),
                url,
                kind: match src.kind() {
                    ItemKind::Article => "article",
                    ItemKind::Actor => "profile",
                    ItemKind::Event => "event",
                    ItemKind::Page => "page",
                },
                count: in_text.len(),
                mentions_html,
                notes_html,
            })
        })
        .collect()
}

/// The annotations tagged with the actor `me`, in reading order.
fn quotes<'a>(r: &Renderer<'a>, me: ItemId) -> Vec<Quote<'a>> {
    let d = r.d();
    (r.lookup.tagged(me).iter())
        .map(|&(article, x)| {
            let a = &d.articles[article];
            Quote {
                article_title: &a.title,
                article_url: Url::article(&a.slug),
                url: Url::Annotation(&a.slug, &x.id),
                annotation: AnnotationView::new(x, r.t()),
            }
        })
        .collect()
}
