//! `unmentioned-item`: an actor or event that no text mentions and no
//! other item links to or lists has a page that nothing leads to and that
//! lists no mention.

use super::{rest_of_line, Warning, UNMENTIONED_ITEM};
use crate::link::Linked;
use crate::model::{Dossier, ItemId, ItemKind, SourceText};
use std::collections::HashSet;

/// The items some other item mentions, links to or lists.
fn referred_to(linked: &Linked) -> HashSet<ItemId> {
    let mentioned = linked
        .mentions
        .iter()
        .filter(|m| m.source != m.target)
        .map(|m| m.target);
    let referenced = linked
        .references
        .iter()
        .filter(|(from, to)| from != to)
        .map(|&(_, to)| to);
    mentioned.chain(referenced).collect()
}

pub(super) fn check(d: &Dossier, linked: &Linked) -> Vec<Warning> {
    let referred = referred_to(linked);
    let actors = d
        .actors
        .with_ids()
        .map(|(id, a)| (ItemId::from(id), ItemKind::Actor, &a.slug, &a.name, &a.text));
    let events = d.events.with_ids().map(|(id, e)| {
        (
            ItemId::from(id),
            ItemKind::Event,
            &e.slug,
            &e.title,
            &e.text,
        )
    });
    actors
        .chain(events)
        .filter(|(id, ..)| !referred.contains(id))
        .map(|(_, kind, slug, name, text)| warning(kind, slug, name, text))
        .collect()
}

fn warning(kind: ItemKind, slug: &str, name: &str, text: &SourceText) -> Warning {
    let field = if kind == ItemKind::Actor {
        "name:"
    } else {
        "title:"
    };
    let at = text
        .nth_front_matter_line(0, |l| l.starts_with(field))
        .unwrap_or(0);
    let message = format!(
        "nothing mentions or links to the {} {name}",
        kind.singular()
    );
    let hint = format!(
        "mention it where the texts name it (an alias they use), link to it with `[…](@/{}/{slug}.md)`, or remove it",
        kind.dir()
    );
    Warning::new(UNMENTIONED_ITEM, &text.path, message, name).with(|w| {
        w.at_span(&text.file, rest_of_line(&text.file, at))
            .hint(hint)
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fixture, shown};
    use super::check;

    #[test]
    fn an_item_is_mentioned_linked_or_listed_by_another() {
        let actor =
            |name: &str, body: &str| format!("---\nname: {name}\nkind: person\n---\n{body}\n");
        let f = fixture(&[
            // Mentioned by Bo's profile.
            (
                "content/actors/al.md",
                &actor("Al Ames", "Talks of himself: Al Ames."),
            ),
            ("content/actors/bo.md", &actor("Bo Bell", "Knows Al Ames.")),
            // Listed by the event, which links to Bo's page.
            ("content/actors/cy.md", &actor("Cy Cole", "Quiet.")),
            (
                "content/events/e.md",
                "---\ntitle: E\ndate: 2031-05-13\nactors: [cy]\n---\nSee [Bo](@/actors/bo.md).\n",
            ),
        ]);
        assert_eq!(
            shown(&check(&f.dossier, &f.linked)),
            ["unmentioned-item: nothing mentions or links to the event E @ 2"]
        );
    }
}
