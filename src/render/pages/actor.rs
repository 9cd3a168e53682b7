//! An actor's page (`actors/<slug>.html`, template `actor.html`): its
//! profile, its events on a timeline strip, the actors named beside it and
//! their network, the annotations tagged with it and every mention of it,
//! by the page it stands on.

use super::{Emit, Renderer};
use crate::diagnostics::Diagnostic;
use crate::link::{LinkedText, Mention};
use crate::model::{Actor, ActorKind, Event, ItemKind, ItemRef};
use crate::output::OutputFile;
use crate::render::charts;
use crate::render::context::{AnnotationView, CountedActor, EventSummary, Url};
use rayon::prelude::*;
use serde::Serialize;

/// Actors named beside this one that its page lists (and draws).
const CO_ACTORS_MAX: usize = 12;

#[derive(Serialize)]
struct ActorPage<'a> {
    actor: ActorView<'a>,
}

#[derive(Serialize)]
struct ActorView<'a> {
    slug: &'a str,
    name: &'a str,
    kind: &'static str,
    kind_label: &'static str,
    role: &'a Option<String>,
    aliases: &'a [String],
    profile_html: &'a str,
    /// Mentions in article texts.
    mention_count: usize,
    /// Articles mentioning, annotating or linking to the actor.
    article_count: usize,
    /// Articles whose text (not only a note) names the actor.
    text_article_count: usize,
    mentions: Vec<MentionGroup<'a>>,
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
    count: usize,
    mentions_html: String,
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
    d.actors
        .par_iter()
        .zip(r.lookup.l.actors.par_iter())
        .map(|(a, profile)| page(r, a, profile))
        .for_each(emit);
}

fn page<'a>(
    r: &Renderer<'a>,
    a: &'a Actor,
    profile: &'a LinkedText,
) -> Result<OutputFile, Diagnostic> {
    let d = r.d();
    let me = ItemRef::new(ItemKind::Actor, &a.slug);
    let path = me.url();
    let events = events_of(r, a);
    let mut co: Vec<(usize, &str)> = r
        .lookup
        .co
        .get(a.slug.as_str())
        .cloned()
        .unwrap_or_default();
    co.sort_by(|p, q| q.0.cmp(&p.0).then(p.1.cmp(q.1)));
    co.truncate(CO_ACTORS_MAX);
    // The network shows this actor and the companions listed beside it:
    // it needs only the links among them, not the whole dossier's
    // co-mentions.
    let shown = co.iter().map(|c| c.1).chain([a.slug.as_str()]).collect();
    let own_edges = r.lookup.co_mentions_among(shown);
    let base = r.chrome.base(&path, &a.name, "actors", Some(&a.text.path));
    let actor = ActorView {
        slug: &a.slug,
        name: &a.name,
        kind: a.kind.as_str(),
        kind_label: kind_label(a.kind),
        role: &a.role,
        aliases: &a.aliases,
        profile_html: &profile.html,
        mention_count: r.lookup.count(&me),
        article_count: r.lookup.articles_about(&me).len(),
        text_article_count: text_article_count(r, &me),
        mentions: mention_groups(r, &me)?,
        quotes: quotes(r, &a.slug),
        events: events.iter().map(|e| EventSummary::new(e)).collect(),
        co_actors: co
            .iter()
            .filter_map(|(n, s)| d.actor(s).map(|x| CountedActor::new(x, *n)))
            .collect(),
        timeline_svg: charts::timeline(d, &events, &base.root, charts::Size::Strip),
        network_svg: charts::network(d, &own_edges, Some(&a.slug), &base.root),
    };
    r.page("actor.html", &path, base, ActorPage { actor })
}

/// An actor kind as the actor page names it.
fn kind_label(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "Person",
        ActorKind::Organisation => "Organisation",
        ActorKind::State => "State",
    }
}

/// The events that list the actor or link to it, by date (then slug).
fn events_of<'a>(r: &Renderer<'a>, a: &Actor) -> Vec<&'a Event> {
    let d = r.d();
    let mut events: Vec<_> = r
        .lookup
        .actor_events
        .get(a.slug.as_str())
        .into_iter()
        .flatten()
        .map(|i| &d.events[*i])
        .collect();
    events.sort_by(|x, y| x.date.cmp(&y.date).then(x.slug.cmp(&y.slug)));
    events
}

/// How many articles name the item `me` in their text (not only in a note).
fn text_article_count(r: &Renderer<'_>, me: &ItemRef) -> usize {
    let Some(ms) = r.lookup.mentions.get(me) else {
        return 0;
    };
    // Mentions come page by page: count each run once, then the pages
    // (an actor's hundreds of mentions are a few dozen runs).
    let mut pages: Vec<&str> = Vec::new();
    let in_texts = ms
        .iter()
        .filter(|m| m.source.kind == ItemKind::Article && m.in_note.is_none());
    for m in in_texts {
        if pages.last() != Some(&m.source.slug.as_str()) {
            pages.push(&m.source.slug);
        }
    }
    pages.sort_unstable();
    pages.dedup();
    pages.len()
}

/// The mentions of the item `me`, by the page they stand on: articles
/// first, then profiles and event descriptions.
fn mention_groups<'a>(
    r: &'a Renderer<'_>,
    me: &ItemRef,
) -> Result<Vec<MentionGroup<'a>>, Diagnostic> {
    let mut groups: Vec<(&ItemRef, Vec<&Mention>)> = Vec::new();
    for m in r.lookup.mentions.get(me).map(Vec::as_slice).unwrap_or(&[]) {
        match groups.last_mut() {
            Some((src, v)) if **src == *m.source => v.push(m),
            _ => groups.push((&m.source, vec![m])),
        }
    }
    groups.sort_by_key(|(src, _)| src.kind != ItemKind::Article);
    groups
        .into_iter()
        .map(|(src, ms)| {
            let url = src.url();
            let list = r.mention_lists.render(&url, &ms, true)?;
            Ok(MentionGroup {
                title: r.lookup.title_of(src),
                url,
                kind: match src.kind {
                    ItemKind::Article => "article",
                    ItemKind::Actor => "profile",
                    ItemKind::Event => "event",
                    ItemKind::Page => "page",
                },
                count: ms.len(),
                mentions_html: list,
            })
        })
        .collect()
}

/// The annotations tagged with the actor `slug`, in reading order.
fn quotes<'a>(r: &Renderer<'a>, slug: &str) -> Vec<Quote<'a>> {
    let d = r.d();
    let tagged = r.lookup.tagged.get(&(ItemKind::Actor, slug));
    let tagged = tagged.map_or(&[][..], Vec::as_slice);
    tagged
        .iter()
        .map(|&(i, j)| {
            let (a, x) = (&d.articles[i], &r.lookup.l.articles[i].annotations[j]);
            Quote {
                article_title: &a.title,
                article_url: Url::article(&a.slug),
                url: Url::Annotation(&a.slug, &x.id),
                annotation: AnnotationView::new(x),
            }
        })
        .collect()
}
