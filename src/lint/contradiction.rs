//! `contradiction-single-source`: a contradiction is between two sources,
//! so its note must link the other article (`@/articles/<slug>.md`).

use super::{rest_of_line, Warning, CONTRADICTION_SINGLE_SOURCE};
use crate::link::markdown::resolve_at_path;
use crate::model::{AnnotationKind, Dossier, ItemKind};
use crate::util::text::truncate;
use pulldown_cmark::{Event, Parser, Tag};

/// Whether the Markdown `note` links an article other than `own`.
pub(super) fn links_other_article(d: &Dossier, note: &str, own: &str) -> bool {
    Parser::new(note).any(|ev| match ev {
        Event::Start(Tag::Link { dest_url, .. }) => {
            matches!(resolve_at_path(d, &dest_url),
                Ok((r, _)) if r.kind == ItemKind::Article && r.slug != own)
        }
        _ => false,
    })
}

pub(super) fn check(d: &Dossier) -> Vec<Warning> {
    let mut found = Vec::new();
    for article in &d.articles {
        let src = &article.text;
        let contradictions = article.annotations.iter();
        for a in contradictions.filter(|a| a.kind == AnnotationKind::Contradiction) {
            if links_other_article(d, &a.note, &article.slug) {
                continue;
            }
            let message = format!(
                "the contradiction \"{}\" links no other article",
                truncate(&a.quote, 60)
            );
            found.push(
                Warning::new(CONTRADICTION_SINGLE_SOURCE, &src.path, message, &a.quote).with(
                    |w| {
                        w.at_span(&src.file, rest_of_line(&src.file, a.offset)).hint(
                            "a contradiction needs a second source: link the article that says otherwise with `[…](@/articles/<slug>.md)`, or make the annotation a `claim`",
                        )
                    },
                ),
            );
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::testing::{article, files, fixture, shown};
    use super::check;

    #[test]
    fn a_contradiction_links_another_article() {
        let note =
            |n: &str| format!("  - quote: \"said\"\n    kind: contradiction\n    note: \"{n}\"\n");
        let mut all = article("a", "He said so.", &note("B says otherwise."))
            .into_iter()
            .chain(article(
                "b",
                "She said no.",
                &note("[A](@/articles/a.md) says yes."),
            ))
            .chain(article(
                "c",
                "They said both.",
                &note("[Itself](@/articles/c.md#x)."),
            ))
            .collect::<Vec<_>>();
        all.sort();
        let f = fixture(&files(&all));
        assert_eq!(
            shown(&check(&f.dossier)),
            [
                "contradiction-single-source: the contradiction \"said\" links no other article @ 8",
                "contradiction-single-source: the contradiction \"said\" links no other article @ 8",
            ]
        );
        let paths: Vec<_> = check(&f.dossier)
            .iter()
            .map(|w| w.diagnostic.path.display().to_string())
            .collect();
        assert_eq!(paths, ["content/articles/a.md", "content/articles/c.md"]);
    }
}
