//! The actor network (moved as it was; to be split next).

use super::num::Num;
use super::text_metrics::{fit, text_w};
use super::NARROW;
use crate::link::markdown::escape_html;
use crate::model::{ActorKind, Dossier};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

struct Node<'a> {
    slug: &'a str,
    name: String,
    kind: ActorKind,
    /// Paragraphs shared with the others shown.
    weight: usize,
    /// Number of actors shown it is linked with.
    links: usize,
}

/// The actor network: actors linked when named in the same paragraph of an
/// article, line width by the number of such paragraphs. With `focus`, that
/// actor and its (at most 12) most frequent companions, with the links among
/// them. The most connected actor (or the focus) sits in the middle; the
/// others are arranged around it, grouped by kind.
pub fn network(
    d: &Dossier,
    co: &BTreeMap<(String, String), usize>,
    focus: Option<&str>,
    root: &str,
) -> Option<String> {
    // Which actors to show.
    let shown: BTreeSet<&str> = match focus {
        Some(f) => {
            let mut nb: Vec<(usize, &str)> = co
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
            if nb.is_empty() {
                return None;
            }
            nb.sort_by(|p, q| q.0.cmp(&p.0).then(p.1.cmp(q.1)));
            nb.truncate(12);
            let mut s: BTreeSet<&str> = nb.into_iter().map(|x| x.1).collect();
            s.insert(f);
            s
        }
        None => co
            .keys()
            .flat_map(|(a, b)| [a.as_str(), b.as_str()])
            .collect(),
    };
    let edges: Vec<(&str, &str, usize)> = co
        .iter()
        .filter(|((a, b), _)| shown.contains(a.as_str()) && shown.contains(b.as_str()))
        .map(|((a, b), n)| (a.as_str(), b.as_str(), *n))
        .collect();
    if edges.is_empty() {
        return None;
    }
    let mut nodes: Vec<Node> = shown
        .iter()
        .filter_map(|s| d.actor(s))
        .map(|a| Node {
            slug: a.slug.as_str(),
            name: a.name.clone(),
            kind: a.kind,
            weight: 0,
            links: 0,
        })
        .collect();
    for n in nodes.iter_mut() {
        for (a, b, w) in &edges {
            if *a == n.slug || *b == n.slug {
                n.weight += w;
                n.links += 1;
            }
        }
    }
    if nodes.len() < 2 {
        return None;
    }
    // The centre: the focus, or the most connected actor.
    let centre = match focus {
        Some(f) => nodes.iter().position(|n| n.slug == f)?,
        None => {
            let mut best = 0;
            for (i, n) in nodes.iter().enumerate() {
                let b = &nodes[best];
                if (n.weight, std::cmp::Reverse(n.slug)) > (b.weight, std::cmp::Reverse(b.slug)) {
                    best = i;
                }
            }
            best
        }
    };
    let centre_node = nodes.remove(centre);
    // Around it: in an order that keeps linked actors next to each other.
    nodes = chain_order(nodes, &edges);
    let max_w = edges.iter().map(|e| e.2).max().unwrap_or(1) as f64;
    let max_node = nodes
        .iter()
        .map(|n| n.weight)
        .chain([centre_node.weight])
        .max()
        .unwrap_or(1)
        .max(1) as f64;

    // Words for the text alternative.
    let mut by_weight: Vec<&Node> = nodes.iter().collect();
    by_weight.sort_by(|x, y| y.weight.cmp(&x.weight).then(x.name.cmp(&y.name)));
    let (title, desc) = match focus {
        Some(_) => {
            let weight_to = |slug: &str| {
                edges
                    .iter()
                    .find(|(a, b, _)| {
                        (*a == slug && *b == centre_node.slug)
                            || (*b == slug && *a == centre_node.slug)
                    })
                    .map(|e| e.2)
                    .unwrap_or(0)
            };
            let mut near: Vec<(usize, &str)> = nodes
                .iter()
                .map(|n| (weight_to(n.slug), n.name.as_str()))
                .collect();
            near.sort_by(|p, q| q.0.cmp(&p.0).then(p.1.cmp(q.1)));
            let list: Vec<String> = near
                .iter()
                .take(5)
                .map(|(w, n)| format!("{n} ({w} paragraph{})", if *w == 1 { "" } else { "s" }))
                .collect();
            (
                format!("Who is named with {}", centre_node.name),
                format!(
                    "{} in the middle, linked to the {} actor{} most often named in the same paragraph of an article; thicker lines for more paragraphs. Most often: {}. The list that follows gives every link with its count.",
                    centre_node.name,
                    nodes.len(),
                    if nodes.len() == 1 { "" } else { "s" },
                    list.join(", ")
                ),
            )
        }
        None => {
            let mut all: Vec<&Node> = by_weight.clone();
            all.insert(0, &centre_node);
            let list: Vec<String> = all
                .iter()
                .take(5)
                .map(|n| format!("{} (linked with {})", n.name, n.links))
                .collect();
            (
                "Who is named with whom".to_string(),
                format!(
                    "{} actors; a line joins two actors named in the same paragraph of an article, thicker for more paragraphs ({} links in all). The most connected, in the middle and around it: {}. The lists that follow give every actor.",
                    nodes.len() + 1,
                    edges.len(),
                    list.join(", ")
                ),
            )
        }
    };

    let mut out = String::new();
    for narrow in [false, true] {
        let id = if narrow { "net-n" } else { "net-w" };
        let (w, h, pos, label_at) = if narrow {
            arc_layout(&centre_node, &nodes)
        } else {
            ring_layout(&centre_node, &nodes)
        };
        let class = format!(
            "net {} {}",
            if focus.is_some() {
                "net-local"
            } else {
                "net-all"
            },
            if narrow { "svg-narrow" } else { "svg-wide" }
        );
        out.push_str(&svg_open(&class, id, w, h, &title, &desc));
        // Edges, lightest first so that heavy ones are on top.
        let mut es: Vec<&(&str, &str, usize)> = edges.iter().collect();
        es.sort_by(|x, y| x.2.cmp(&y.2).then(x.0.cmp(y.0)).then(x.1.cmp(y.1)));
        let name_of = |s: &str| -> String {
            if s == centre_node.slug {
                centre_node.name.clone()
            } else {
                nodes
                    .iter()
                    .find(|n| n.slug == s)
                    .map(|n| n.name.clone())
                    .unwrap_or_else(|| s.to_string())
            }
        };
        out.push_str("<g class=\"net-edges\">");
        for (a, b, n) in es {
            let (Some(p), Some(q)) = (pos.get(a), pos.get(b)) else {
                continue;
            };
            let touches = *a == centre_node.slug || *b == centre_node.slug;
            let class = if touches {
                "net-edge net-edge-centre"
            } else {
                "net-edge"
            };
            let sw = 0.8 + 4.7 * (*n as f64) / max_w;
            let path = if narrow {
                // An arc to the left of the column, wider for rows further apart.
                let (top, bot) = if p.1 <= q.1 { (p, q) } else { (q, p) };
                let k = (10.0 + (bot.1 - top.1) * 0.42).min(p.0 - 6.0);
                format!(
                    "M{:.1} {:.1}C{:.1} {:.1} {:.1} {:.1} {:.1} {:.1}",
                    Num(top.0),
                    Num(top.1),
                    Num(top.0 - k),
                    Num(top.1),
                    Num(bot.0 - k),
                    Num(bot.1),
                    Num(bot.0),
                    Num(bot.1)
                )
            } else {
                format!(
                    "M{:.1} {:.1}L{:.1} {:.1}",
                    Num(p.0),
                    Num(p.1),
                    Num(q.0),
                    Num(q.1)
                )
            };
            let _ = write!(
                out,
                "<path class=\"{class}\" d=\"{path}\" stroke-width=\"{sw:.1}\"><title>{} and {}: {} paragraph{}</title></path>",
                escape_html(&name_of(a)),
                escape_html(&name_of(b)),
                n,
                if *n == 1 { "" } else { "s" }, sw = Num(sw)
            );
        }
        out.push_str("</g>");
        // Nodes with their labels.
        for n in std::iter::once(&centre_node).chain(nodes.iter()) {
            let Some((x, y)) = pos.get(n.slug) else {
                continue;
            };
            let is_centre = n.slug == centre_node.slug;
            let r = if is_centre {
                9.0
            } else {
                3.5 + 4.5 * ((n.weight as f64) / max_node).sqrt()
            };
            let (lx, ly, anchor, max) = label_at(n.slug, *x, *y, r);
            let label = fit(&n.name, max, 13.0);
            let _ = write!(
                out,
                "<a class=\"net-link\" href=\"{root}actors/{slug}.html\"><title>{name}: named in the same paragraph as {l} of these actor{ls}, {w} time{ws}</title><circle class=\"net-node net-{k}{c}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\"/><text class=\"net-label{lc}\" x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\">{label}</text></a>",
                slug = n.slug,
                name = escape_html(&n.name),
                l = n.links,
                ls = if n.links == 1 { "" } else { "s" },
                w = n.weight,
                ws = if n.weight == 1 { "" } else { "s" },
                k = n.kind.as_str(),
                c = if is_centre { " net-focus" } else { "" },
                lc = if is_centre { " net-label-focus" } else { "" },
                label = escape_html(&label), x = Num(*x), y = Num(*y), r = Num(r), lx = Num(lx), ly = Num(ly));
        }
        out.push_str("</svg>");
    }
    Some(out)
}

/// Orders the ring so that linked actors sit close together (short lines,
/// fewer crossings): start with the most connected, then repeatedly take the
/// actor most strongly linked to the last few placed (recent ones count
/// more); ties and unlinked actors by weight, then name. Deterministic.
fn chain_order<'a>(mut rest: Vec<Node<'a>>, edges: &[(&str, &str, usize)]) -> Vec<Node<'a>> {
    let weights: HashMap<(&str, &str), f64> = edges
        .iter()
        .flat_map(|&(a, b, n)| [((a, b), n as f64), ((b, a), n as f64)])
        .collect();
    let w = |a: &str, b: &str| -> f64 { weights.get(&(a, b)).copied().unwrap_or(0.0) };
    rest.sort_by(|x, y| y.weight.cmp(&x.weight).then(x.name.cmp(&y.name)));
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

type Positions<'a> = BTreeMap<&'a str, (f64, f64)>;
/// Where a node's label goes: (x, y, text-anchor, room in px).
type LabelAt<'a> = Box<dyn Fn(&str, f64, f64, f64) -> (f64, f64, &'static str, f64) + 'a>;

/// Wide: the centre in the middle, the others on an oval around it — the
/// first half down the right side, the rest up the left side — with their
/// labels outside the oval, so that lines never cross a label and labels
/// never overlap (one per row on each side).
fn ring_layout<'a>(centre: &Node<'a>, ring: &[Node<'a>]) -> (f64, f64, Positions<'a>, LabelAt<'a>) {
    let font = 13.0;
    let n = ring.len();
    // Few nodes get more room.
    let dy = if n <= 14 { 32.0 } else { 26.0 };
    let right_n = n.div_ceil(2);
    let left_n = n - right_n;
    let rows = right_n.max(1);
    let label_w = |ns: &[Node]| {
        ns.iter()
            .map(|x| text_w(&x.name, font))
            .fold(0.0_f64, f64::max)
            .min(320.0)
    };
    let lw_right = label_w(&ring[..right_n]);
    let lw_left = label_w(&ring[right_n..]);
    let ry = ((rows as f64 - 1.0) * dy / 2.0 + dy * 0.9).max(70.0);
    let rx = (ry * 1.15).clamp(150.0, 230.0);
    let pad = 10.0;
    let cx = pad + lw_left + 14.0 + rx;
    let width = cx + rx + 14.0 + lw_right + pad;
    let top = 16.0;
    let cy = top + ry;
    let height = cy + ry + 16.0;
    let mut pos: Positions = BTreeMap::new();
    pos.insert(centre.slug, (cx, cy));
    // Rows evenly spaced, each column centred on cy.
    let place = |i: usize, count: usize| cy + (i as f64 - (count as f64 - 1.0) / 2.0) * dy;
    let x_at = |y: f64| {
        let t = ((y - cy) / ry).clamp(-1.0, 1.0);
        rx * (1.0 - t * t).sqrt().max(0.25)
    };
    for (i, node) in ring[..right_n].iter().enumerate() {
        let y = place(i, right_n);
        pos.insert(node.slug, (cx + x_at(y), y));
    }
    for (i, node) in ring[right_n..].iter().enumerate() {
        // Up the left side: the last one at the top.
        let y = place(left_n - 1 - i, left_n);
        pos.insert(node.slug, (cx - x_at(y), y));
    }
    let centre_slug = centre.slug;
    let label_at: LabelAt = Box::new(move |slug, x, y, r| {
        if slug == centre_slug {
            (x, y + r + 15.0, "middle", 2.0 * rx - 20.0)
        } else if x >= cx {
            (x + r + 5.0, y + 4.5, "start", lw_right + 8.0)
        } else {
            (x - r - 5.0, y + 4.5, "end", lw_left + 8.0)
        }
    });
    (width, height, pos, label_at)
}

/// Narrow: one column of nodes (the centre first), each labelled on its
/// right; links are arcs on the left, wider for rows further apart.
fn arc_layout<'a>(centre: &Node<'a>, ring: &[Node<'a>]) -> (f64, f64, Positions<'a>, LabelAt<'a>) {
    let dy = 24.0;
    let n = ring.len() + 1;
    let x = (NARROW * 0.36).round();
    let top = 16.0;
    let mut pos: Positions = BTreeMap::new();
    pos.insert(centre.slug, (x, top));
    for (i, node) in ring.iter().enumerate() {
        pos.insert(node.slug, (x, top + (i + 1) as f64 * dy));
    }
    let height = top + (n - 1) as f64 * dy + 14.0;
    let label_at: LabelAt = Box::new(move |_, x, y, r| {
        (
            x + r.max(6.0) + 6.0,
            y + 4.5,
            "start",
            NARROW - x - r.max(6.0) - 10.0,
        )
    });
    (NARROW, height, pos, label_at)
}

/// The `<svg>` element around a drawing.
fn svg_open(class: &str, id: &str, w: f64, h: f64, title: &str, desc: &str) -> String {
    format!(
        "<svg class=\"{class}\" viewBox=\"0 0 {w:.0} {h:.0}\" width=\"{w:.0}\" height=\"{h:.0}\" role=\"group\" aria-labelledby=\"{id}-t\" aria-describedby=\"{id}-d\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        escape_html(title),
        escape_html(desc), w = Num(w), h = Num(h)
    )
}
