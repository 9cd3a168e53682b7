//! Which actors a network shows and how they are linked: node selection,
//! weighting, the choice of the centre, and the order around it.

use crate::model::{ActorKind, Dossier};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Paragraphs naming both actors of a pair (first < second).
pub(crate) type CoMentions = BTreeMap<(String, String), usize>;

/// Most companions drawn around a focused actor.
const MAX_COMPANIONS: usize = 12;

pub(super) struct Node<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub kind: ActorKind,
    /// Paragraphs shared with the others shown.
    pub weight: usize,
    /// Number of actors shown it is linked with.
    pub links: usize,
}

/// Two actors named in `paragraphs` paragraphs together.
pub(super) struct Edge<'a> {
    pub a: &'a str,
    pub b: &'a str,
    pub paragraphs: usize,
}

impl Edge<'_> {
    pub(super) fn touches(&self, slug: &str) -> bool {
        self.a == slug || self.b == slug
    }
}

/// The actors shown: one in the middle, the others in ring order; and
/// the links among them (in the order of the co-mention table).
pub(super) struct Graph<'a> {
    pub centre: Node<'a>,
    pub ring: Vec<Node<'a>>,
    pub edges: Vec<Edge<'a>>,
}

impl Graph<'_> {
    /// The name of a shown actor (its slug if it is not shown).
    pub(super) fn name_of<'s>(&'s self, slug: &'s str) -> &'s str {
        std::iter::once(&self.centre)
            .chain(&self.ring)
            .find(|n| n.slug == slug)
            .map_or(slug, |n| n.name)
    }
}

/// The graph of `co`, around `focus` when given; `None` when fewer than two
/// linked actors would be drawn.
pub(super) fn build<'a>(
    d: &'a Dossier,
    co: &'a CoMentions,
    focus: Option<&'a str>,
) -> Option<Graph<'a>> {
    let shown = select(co, focus)?;
    let edges = edges_among(co, &shown);
    if edges.is_empty() {
        return None;
    }
    let mut nodes = weigh(d, &shown, &edges);
    if nodes.len() < 2 {
        return None;
    }
    let centre = nodes.remove(centre_index(&nodes, focus)?);
    // Around it: in an order that keeps linked actors next to each other.
    let ring = chain_order(nodes, &edges);
    Some(Graph {
        centre,
        ring,
        edges,
    })
}

/// The actors to show: with `focus`, it and its most frequent companions
/// (by paragraphs, then slug); without, every actor with a link.
fn select<'a>(co: &'a CoMentions, focus: Option<&'a str>) -> Option<BTreeSet<&'a str>> {
    let Some(f) = focus else {
        return Some(
            co.keys()
                .flat_map(|(a, b)| [a.as_str(), b.as_str()])
                .collect(),
        );
    };
    let mut companions: Vec<(usize, &str)> = co
        .iter()
        .filter_map(|((a, b), n)| {
            if a == f {
                Some((*n, b.as_str()))
            } else if b == f {
                Some((*n, a.as_str()))
            } else {
                None
            }
        })
        .collect();
    if companions.is_empty() {
        return None;
    }
    companions.sort_by(|p, q| q.0.cmp(&p.0).then(p.1.cmp(q.1)));
    companions.truncate(MAX_COMPANIONS);
    let mut shown: BTreeSet<&str> = companions.into_iter().map(|x| x.1).collect();
    shown.insert(f);
    Some(shown)
}

/// The links of `co` with both actors shown.
fn edges_among<'a>(co: &'a CoMentions, shown: &BTreeSet<&str>) -> Vec<Edge<'a>> {
    co.iter()
        .filter(|((a, b), _)| shown.contains(a.as_str()) && shown.contains(b.as_str()))
        .map(|((a, b), n)| Edge {
            a: a.as_str(),
            b: b.as_str(),
            paragraphs: *n,
        })
        .collect()
}

/// The shown actors the dossier knows, each with its paragraphs and links
/// among the shown (in slug order).
fn weigh<'a>(d: &'a Dossier, shown: &BTreeSet<&str>, edges: &[Edge]) -> Vec<Node<'a>> {
    let mut nodes: Vec<Node> = shown
        .iter()
        .filter_map(|s| d.actors.find(s).map(|id| &d.actors[id]))
        .map(|a| Node {
            slug: a.slug.as_str(),
            name: a.name.as_str(),
            kind: a.kind,
            weight: 0,
            links: 0,
        })
        .collect();
    for n in nodes.iter_mut() {
        for e in edges.iter().filter(|e| e.touches(n.slug)) {
            n.weight += e.paragraphs;
            n.links += 1;
        }
    }
    nodes
}

/// The centre: the focus, or the most connected actor (the first slug of
/// equals).
fn centre_index(nodes: &[Node], focus: Option<&str>) -> Option<usize> {
    if let Some(f) = focus {
        return nodes.iter().position(|n| n.slug == f);
    }
    let mut best = 0;
    for (i, n) in nodes.iter().enumerate() {
        let b = &nodes[best];
        if (n.weight, std::cmp::Reverse(n.slug)) > (b.weight, std::cmp::Reverse(b.slug)) {
            best = i;
        }
    }
    Some(best)
}

/// Orders the ring so that linked actors sit close together (short lines,
/// fewer crossings): start with the most connected, then repeatedly take the
/// actor most strongly linked to the last few placed (recent ones count
/// more); ties and unlinked actors by weight, then name. Deterministic.
fn chain_order<'a>(mut rest: Vec<Node<'a>>, edges: &[Edge]) -> Vec<Node<'a>> {
    let weights: HashMap<(&str, &str), f64> = edges
        .iter()
        .flat_map(|e| {
            let n = e.paragraphs as f64;
            [((e.a, e.b), n), ((e.b, e.a), n)]
        })
        .collect();
    let w = |a: &str, b: &str| -> f64 { weights.get(&(a, b)).copied().unwrap_or(0.0) };
    rest.sort_by(|x, y| y.weight.cmp(&x.weight).then(x.name.cmp(y.name)));
    let mut out: Vec<Node<'a>> = Vec::with_capacity(rest.len());
    while !rest.is_empty() {
        let mut best = 0;
        let mut best_score = -1.0;
        for (i, r) in rest.iter().enumerate() {
            let mut score = 0.0;
            let mut decay = 1.0;
            for p in out.iter().rev().take(4) {
                score += w(r.slug, p.slug) * decay;
                decay *= 0.5;
            }
            // `rest` is sorted by weight, so the first of equal scores wins.
            if score > best_score + 1e-9 {
                best = i;
                best_score = score;
            }
        }
        out.push(rest.remove(best));
    }
    out
}

#[cfg(test)]
pub(super) fn test_node(slug: &'static str, weight: usize) -> Node<'static> {
    Node {
        slug,
        name: slug,
        kind: ActorKind::Person,
        weight,
        links: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn co(pairs: &[(&str, &str, usize)]) -> CoMentions {
        pairs
            .iter()
            .map(|(a, b, n)| ((a.to_string(), b.to_string()), *n))
            .collect()
    }

    #[test]
    fn a_focus_keeps_its_most_frequent_companions() {
        let mut pairs = vec![("x", "y", 50)];
        let names: Vec<String> = (0..15).map(|i| format!("c{i:02}")).collect();
        for (i, name) in names.iter().enumerate() {
            pairs.push(("f", name.as_str(), 20 - i));
        }
        let co = co(&pairs);
        let shown = select(&co, Some("f")).unwrap();
        assert_eq!(shown.len(), MAX_COMPANIONS + 1);
        assert!(shown.contains("f") && shown.contains("c00") && shown.contains("c11"));
        assert!(!shown.contains("c12") && !shown.contains("x"));
        assert!(select(&co, Some("nobody")).is_none());
        assert_eq!(select(&co, None).unwrap().len(), 18);
    }

    #[test]
    fn the_centre_is_the_heaviest_then_the_first_slug() {
        let nodes = [test_node("b", 3), test_node("a", 5), test_node("c", 5)];
        assert_eq!(centre_index(&nodes, None), Some(1));
        assert_eq!(centre_index(&nodes, Some("c")), Some(2));
        assert_eq!(centre_index(&nodes, Some("z")), None);
    }

    #[test]
    fn the_ring_keeps_linked_actors_together() {
        let nodes = vec![
            test_node("a", 10),
            test_node("b", 9),
            test_node("c", 8),
            test_node("d", 7),
        ];
        let e = |a, b, paragraphs| Edge { a, b, paragraphs };
        // a–c and b–d are linked; a and b are the heaviest.
        let edges = [e("a", "c", 5), e("b", "d", 5), e("c", "b", 1)];
        let order: Vec<&str> = chain_order(nodes, &edges).iter().map(|n| n.slug).collect();
        assert_eq!(order, ["a", "c", "b", "d"]);
    }
}
