//! The words of a network: its `<title>` and the `<desc>` that states its
//! content for those who do not see it.

use super::super::plural;
use super::graph::{Graph, Node};

/// Companions (or most connected actors) named in the description.
const NAMED: usize = 5;

/// Around a focused actor: its companions, most often named with it first.
pub(super) fn describe_focus(g: &Graph) -> (String, String) {
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
        .map(|(w, n)| format!("{n} ({w} paragraph{})", plural(*w)))
        .collect();
    let n = g.ring.len();
    (
        format!("Who is named with {}", centre.name),
        format!(
            "{} in the middle, linked to the {n} actor{} most often named in the same paragraph of an article; thicker lines for more paragraphs. Most often: {}. The list that follows gives every link with its count.",
            centre.name,
            plural(n),
            list.join(", ")
        ),
    )
}

/// All actors: how many, how many links, the most connected.
pub(super) fn describe_all(g: &Graph) -> (String, String) {
    let mut by_weight: Vec<&Node> = g.ring.iter().collect();
    by_weight.sort_by(|x, y| y.weight.cmp(&x.weight).then(x.name.cmp(y.name)));
    let list: Vec<String> = std::iter::once(&g.centre)
        .chain(by_weight)
        .take(NAMED)
        .map(|n| format!("{} (linked with {})", n.name, n.links))
        .collect();
    (
        "Who is named with whom".to_string(),
        format!(
            "{} actors; a line joins two actors named in the same paragraph of an article, thicker for more paragraphs ({} links in all). The most connected, in the middle and around it: {}. The lists that follow give every actor.",
            g.ring.len() + 1,
            g.edges.len(),
            list.join(", ")
        ),
    )
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
        let (title, desc) = describe_focus(&graph());
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
        let (_, desc) = describe_all(&graph());
        assert!(desc.starts_with("4 actors;"), "{desc}");
        assert!(desc.contains("(3 links in all)"));
        assert!(desc.contains("around it: kz (linked with 1), ru (linked with 1), us"));
    }
}
