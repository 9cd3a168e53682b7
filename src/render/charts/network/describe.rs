//! The words of a network: its `<title>` and the `<desc>` that states its
//! content for those who do not see it, in the interface's language.

use super::graph::{Graph, Node};
use crate::i18n::Strings;

/// Companions (or most connected actors) named in the description.
const NAMED: usize = 5;

/// Around a focused actor: its companions, most often named with it first.
pub(super) fn describe_focus(t: &Strings, g: &Graph) -> (String, String) {
    let centre = &g.centre;
    let paragraphs_with_centre = |slug: &str| {
        g.edges
            .iter()
            .find(|e| (e.a == slug && e.b == centre.slug) || (e.b == slug && e.a == centre.slug))
            .map(|e| e.paragraphs)
            .unwrap_or(0)
    };
    let mut near: Vec<(usize, &str)> = g
        .ring
        .iter()
        .map(|n| (paragraphs_with_centre(n.slug), n.name))
        .collect();
    near.sort_by(|p, q| q.0.cmp(&p.0).then(p.1.cmp(q.1)));
    let list: Vec<String> = near
        .iter()
        .take(NAMED)
        .map(|(w, n)| format!("{n} ({})", paragraphs(t, *w)))
        .collect();
    let n = g.ring.len();
    let actors = format!("{n} {}", t.count("count.actor", n as u64));
    (
        t.fill("chart.network_focus_title", &[("name", &centre.name)]),
        t.fill(
            "chart.network_focus",
            &[
                ("name", &centre.name),
                ("actors", &actors),
                ("list", &list.join(", ")),
            ],
        ),
    )
}

/// All actors: how many, how many links, the most connected.
pub(super) fn describe_all(t: &Strings, g: &Graph) -> (String, String) {
    let mut by_weight: Vec<&Node> = g.ring.iter().collect();
    by_weight.sort_by(|x, y| y.weight.cmp(&x.weight).then(x.name.cmp(y.name)));
    let list: Vec<String> = std::iter::once(&g.centre)
        .chain(by_weight)
        .take(NAMED)
        .map(|n| t.fill("chart.linked_with", &[("name", &n.name), ("n", &n.links)]))
        .collect();
    let n = g.ring.len() + 1;
    let links = g.edges.len();
    let values: [(&str, &dyn std::fmt::Display); 4] = [
        ("n", &n),
        (
            "actors",
            &format!("{n} {}", t.count("count.actor", n as u64)),
        ),
        (
            "links",
            &format!("{links} {}", t.count("chart.link", links as u64)),
        ),
        ("list", &list.join(", ")),
    ];
    (
        t.get("actors.network").to_string(),
        t.fill("chart.network_all", &values),
    )
}

/// "4 paragraphs", in the interface's language.
pub(super) fn paragraphs(t: &Strings, n: usize) -> String {
    format!("{n} {}", t.count("count.paragraph", n as u64))
}

#[cfg(test)]
mod tests {
    use super::super::graph::{test_node, Edge};
    use super::*;

    fn graph() -> Graph<'static> {
        let e = |a, b, paragraphs| Edge { a, b, paragraphs };
        Graph {
            centre: test_node("kz", 9),
            ring: vec![test_node("ru", 4), test_node("cn", 1), test_node("us", 4)],
            edges: vec![e("kz", "ru", 4), e("cn", "kz", 1), e("kz", "us", 4)],
        }
    }

    #[test]
    fn a_focus_lists_its_companions_by_paragraphs_then_name() {
        let (title, desc) = describe_focus(Strings::english_default(), &graph());
        assert_eq!(title, "Who is named with kz");
        assert!(
            desc.starts_with("kz in the middle, linked to the 3 actors"),
            "{desc}"
        );
        assert!(
            desc.contains("Most often: ru (4 paragraphs), us (4 paragraphs), cn (1 paragraph).")
        );
    }

    #[test]
    fn all_actors_name_the_centre_first() {
        let (_, desc) = describe_all(Strings::english_default(), &graph());
        assert!(desc.starts_with("4 actors;"), "{desc}");
        assert!(desc.contains("(3 links in all)"));
        assert!(desc.contains("around it: kz (linked with 1), ru (linked with 1), us"));
    }
}
