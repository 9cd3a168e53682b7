//! The actors index (`actors/index.html`, template `actors.html`): every
//! actor by kind, the most mentioned first, and the network of the most
//! connected.

use super::{Emit, Renderer};
use crate::diagnostics::Diagnostic;
use crate::model::{ActorId, ActorKind, ItemId};
use crate::output::OutputFile;
use crate::render::charts;
use crate::render::context::CountedActor;
use serde::Serialize;

/// Actors drawn in the network of the actors index: the most connected,
/// as many as a ring of labels can hold legibly.
const NETWORK_MAX: usize = 40;

#[derive(Serialize)]
struct ActorsIndex<'a> {
    groups: Vec<Group<'a>>,
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
    actors: Vec<ListedActor<'a>>,
}

/// An actor in the list, with its mentions and role.
#[derive(Serialize)]
struct ListedActor<'a> {
    #[serde(flatten)]
    actor: CountedActor<'a>,
    role: &'a Option<String>,
}

pub(super) fn pages(r: &Renderer<'_>, emit: &Emit<'_>) {
    emit(page(r));
}

fn page(r: &Renderer<'_>) -> Result<OutputFile, Diagnostic> {
    let d = r.d();
    let path = "actors/index.html";
    let base = r.chrome.base(path, r.t().get("nav.actors"), "actors", None);
    // The whole network, or its most connected part when it is too big
    // to read (the lists give every actor).
    let mut linked: Vec<(usize, ActorId)> = (r.lookup.co.with_ids())
        .filter(|(_, links)| !links.is_empty())
        .map(|(id, links)| (links.iter().map(|l| l.0).sum(), id))
        .collect();
    // The most paragraphs first, then by slug (in id order).
    linked.sort_by(|p, q| q.0.cmp(&p.0).then(p.1.cmp(&q.1)));
    let network_total = linked.len();
    linked.truncate(NETWORK_MAX);
    let shown = linked.iter().map(|l| l.1).collect();
    let edges = r.lookup.co_mentions_among(shown);
    let index = ActorsIndex {
        groups: groups(r),
        network_svg: charts::network(d, &edges, None, &base.root),
        network_shown: linked.len(),
        network_total,
    };
    r.page("actors.html", path, base, index)
}

/// The actors of each kind that has any, the most mentioned first.
fn groups<'a>(r: &Renderer<'a>) -> Vec<Group<'a>> {
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
            Some(Group {
                kind: k.as_str(),
                label: r.t().get(match k {
                    ActorKind::Person => "actor.people",
                    ActorKind::Organisation => "actor.organisations",
                    ActorKind::State => "actor.states",
                }),
                actors: actors.collect(),
            })
        })
        .collect()
}
