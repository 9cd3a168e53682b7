//! The actors index (`actors/index.html`, template `actors.html`): every
//! actor by kind, the most mentioned first, and the network of the most
//! connected.

use super::{Emit, Renderer};
use crate::model::{ActorId, ActorKind, ItemId};
use crate::render::charts;
use crate::render::context::CountedActor;
use crate::render::paginate::{numbered_title, paginate, ListPage, Pager};
use rayon::prelude::*;
use serde::Serialize;

/// Actors drawn in the network of the actors index: the most connected,
/// as many as a ring of labels can hold legibly.
const NETWORK_MAX: usize = 40;

#[derive(Serialize)]
struct ActorsIndex<'a> {
    groups: Vec<Group<'a>>,
    pager: Option<Pager>,
    network_svg: Option<String>,
    /// Actors drawn, of `network_total` with co-mentions.
    network_shown: usize,
    network_total: usize,
}

/// The actors of one kind.
#[derive(Serialize)]
struct Group<'a> {
    kind: &'static str,
    label: &'a str,
    actors: Vec<&'a ListedActor<'a>>,
}

/// An actor in the list, with its mentions and role.
#[derive(Serialize)]
struct ListedActor<'a> {
    #[serde(flatten)]
    actor: CountedActor<'a>,
    role: &'a Option<String>,
}

/// Hands its pages to [`Renderer::hand_over`], not to `emit`: `serve` keeps
/// them by their signature.
pub(super) fn pages(r: &Renderer<'_>, _: &Emit<'_>) {
    // Every actor in list order (by kind, the most mentioned first), then
    // split into pages: a kind whose actors run over a page break is
    // headed on both pages.
    let listed: Vec<(ActorKind, ListedActor)> = (groups(r).into_iter())
        .flat_map(|(kind, actors)| actors.into_iter().map(move |a| (kind, a)))
        .collect();
    paginate("actors/index.html", &listed, r.page_size())
        .into_par_iter()
        .for_each(|list| page(r, list));
}

fn page(r: &Renderer<'_>, list: ListPage<'_, (ActorKind, ListedActor<'_>)>) {
    let d = r.d();
    let name = r.t().get("nav.actors");
    let title = (list.pager.as_ref()).map_or(name.into(), |p| {
        numbered_title(r.t(), name, p.number, p.total)
    });
    let base = r.chrome.base(&list.path, title, "actors", None);
    let mut groups: Vec<Group> = Vec::new();
    for (kind, a) in list.items {
        match groups.last_mut() {
            Some(g) if g.kind == kind.as_str() => g.actors.push(a),
            _ => groups.push(Group {
                kind: kind.as_str(),
                label: r.t().get(match kind {
                    ActorKind::Person => "actor.people",
                    ActorKind::Organisation => "actor.organisations",
                    ActorKind::State => "actor.states",
                }),
                actors: vec![a],
            }),
        }
    }
    let mut index = ActorsIndex {
        groups,
        network_svg: None,
        network_shown: 0,
        network_total: 0,
        pager: list.pager,
    };
    if index.pager.as_ref().is_none_or(|p| p.number == 1) {
        // The whole network, or its most connected part when it is too
        // big to read (the lists give every actor).
        let mut linked: Vec<(usize, ActorId)> = (r.lookup.co.with_ids())
            .filter(|(_, links)| !links.is_empty())
            .map(|(id, links)| (links.iter().map(|l| l.0).sum(), id))
            .collect();
        // The most paragraphs first, then by slug (in id order).
        linked.sort_by(|p, q| q.0.cmp(&p.0).then(p.1.cmp(&q.1)));
        index.network_total = linked.len();
        linked.truncate(NETWORK_MAX);
        index.network_shown = linked.len();
        let edges = r
            .lookup
            .co_mentions_among(linked.iter().map(|l| l.1).collect());
        index.network_svg = charts::network(d, &edges, None, &base.root);
    }
    r.list_page("actors.html", &list.path, base, index)
}

/// The actors of each kind that has any, the most mentioned first.
fn groups<'a>(r: &Renderer<'a>) -> Vec<(ActorKind, Vec<ListedActor<'a>>)> {
    let count = |id: ActorId| r.lookup.count(ItemId::from(id));
    ActorKind::ALL
        .iter()
        .filter_map(|k| {
            let mut list: Vec<_> = (r.d().actors.with_ids())
                .filter(|(_, a)| a.kind == *k)
                .collect();
            if list.is_empty() {
                return None;
            }
            list.sort_by(|(x, a), (y, b)| count(*y).cmp(&count(*x)).then(a.name.cmp(&b.name)));
            let actors = list.iter().map(|&(id, a)| ListedActor {
                actor: CountedActor::new(a, count(id)),
                role: &a.role,
            });
            Some((*k, actors.collect()))
        })
        .collect()
}
