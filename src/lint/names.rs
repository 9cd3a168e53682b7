//! The names the `unlinked-mention` rule looks for, in one automaton that
//! ignores ASCII case: every actor name and alias and every event alias
//! (which the link stage links, case-sensitively), a person's surname, and
//! the parts of several words of other actors' names.

use crate::model::{ActorKind, Dossier, ItemKind, ItemRef};
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;
use std::path::PathBuf;

/// What a phrase is of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Its name or an alias: linked wherever it stands as written.
    Alias,
    /// The last word of a person's name (with `von`, `de`… before it).
    Surname,
    /// The last two or more words of a longer name, from a capitalised
    /// word ([`parts`]).
    Part,
}

/// One phrase of one item, as written.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub text: String,
    pub role: Role,
    /// Index in [`Names::items`].
    pub item: usize,
}

/// An item whose names are looked for.
#[derive(Debug, Clone)]
pub(super) struct Named {
    pub item: ItemRef,
    /// Its name or title, for messages.
    pub name: String,
    /// Its file, where an alias would be added.
    pub path: PathBuf,
}

/// The automaton and what each of its patterns stands for.
#[derive(Default)]
pub(super) struct Names {
    pub automaton: Option<AhoCorasick>,
    /// By pattern: every phrase that is the pattern, ASCII case aside.
    pub entries: Vec<Vec<Entry>>,
    pub items: Vec<Named>,
    /// Position in `items` of each item.
    index: HashMap<ItemRef, usize>,
}

/// Words that open a sentence or name a month or a day far more often than
/// they name anyone: never taken for a surname.
/// (Months and days come from `model::date`.)
const NOT_SURNAMES: &[&str] = &[
    "The", "A", "An", "And", "But", "Or", "If", "In", "On", "At", "Of", "To", "For", "By", "With",
    "From", "As", "It", "He", "She", "They", "We", "I", "This", "That", "Will", "Can", "Jr", "Sr",
];

/// Particles that belong to a surname when they stand before it.
const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "du", "da", "di", "del", "della", "la", "le", "bin", "al",
    "ibn",
];

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A person's surname: the last word of the name, with the particles
/// before it; none for a name of one word.
pub(super) fn surname(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let (last, rest) = words.split_last()?;
    if rest.is_empty()
        || !is_capitalised(last)
        || NOT_SURNAMES.contains(last)
        || crate::model::date::is_month_or_day_name(last)
    {
        return None;
    }
    let particles = rest
        .iter()
        .rev()
        .take_while(|w| PARTICLES.contains(w))
        .count();
    let from = words.len() - 1 - particles;
    (from > 0).then(|| words[from..].join(" "))
}

/// The parts of a name of three or more words that may stand for it: its
/// last two or more words, shorter than the name, from a capitalised word
/// (`Security Council` of `Kazakh Security Council`). Its first words are
/// left alone: they are often a place (`Harlow Falls` of `Harlow Falls
/// Water Authority`), named for itself.
pub(super) fn parts(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let last_capitalised = words.last().is_some_and(|w| is_capitalised(w));
    (1..words.len().saturating_sub(1))
        .filter(|&from| last_capitalised && is_capitalised(words[from]))
        .map(|from| words[from..].join(" "))
        .collect()
}

impl Names {
    /// Every name, alias, surname and part of the dossier. An automaton
    /// too large to build finds nothing (the link stage reports it).
    pub(super) fn build(d: &Dossier) -> Names {
        let mut names = Names::default();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut add = |names: &mut Names, text: &str, role: Role, item: usize| {
            if text.trim().is_empty() {
                return;
            }
            let key = text.to_ascii_lowercase();
            let next = names.entries.len();
            let at = *by_key.entry(key).or_insert(next);
            if at == next {
                names.entries.push(Vec::new());
            }
            let entry = Entry {
                text: text.to_string(),
                role,
                item,
            };
            names.entries[at].push(entry);
        };
        for a in &d.actors {
            let item = names.items.len();
            names.items.push(Named {
                item: ItemRef::new(ItemKind::Actor, &a.slug),
                name: a.name.clone(),
                path: a.text.path.clone(),
            });
            for alias in std::iter::once(&a.name).chain(&a.aliases) {
                add(&mut names, alias, Role::Alias, item);
            }
            if a.kind == ActorKind::Person {
                if let Some(s) = surname(&a.name) {
                    add(&mut names, &s, Role::Surname, item);
                }
            } else {
                for part in parts(&a.name) {
                    add(&mut names, &part, Role::Part, item);
                }
            }
        }
        for e in &d.events {
            let item = names.items.len();
            names.items.push(Named {
                item: ItemRef::new(ItemKind::Event, &e.slug),
                name: e.title.clone(),
                path: e.text.path.clone(),
            });
            for alias in &e.aliases {
                add(&mut names, alias, Role::Alias, item);
            }
        }
        names.index = (names.items.iter().enumerate())
            .map(|(i, n)| (n.item.clone(), i))
            .collect();
        let patterns = names.entries.iter().map(|e| e[0].text.as_str());
        names.automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(patterns)
            .ok();
        names
    }

    /// The position in [`Names::items`] of an item whose names are looked
    /// for.
    pub(super) fn index_of(&self, item: &ItemRef) -> Option<usize> {
        self.index.get(item).copied()
    }

    /// Whether `words` is, exactly as written, an alias (or name) of
    /// anything: then the link stage links it (or a longer phrase over it).
    pub(super) fn is_alias(&self, pattern: usize, words: &str) -> bool {
        self.entries[pattern]
            .iter()
            .any(|e| e.role == Role::Alias && e.text == words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_keep_their_particles() {
        assert_eq!(surname("Olaf Scholz").as_deref(), Some("Scholz"));
        assert_eq!(surname("Kassym-Jomart Tokayev").as_deref(), Some("Tokayev"));
        assert_eq!(
            surname("Ursula von der Leyen").as_deref(),
            Some("von der Leyen")
        );
        assert_eq!(surname("Madonna"), None);
        assert_eq!(surname("Mary May"), None);
    }

    #[test]
    fn parts_are_the_last_words() {
        assert_eq!(parts("Varik Mining Group"), ["Mining Group"]);
        assert_eq!(
            parts("Tevo Human Rights Centre"),
            ["Human Rights Centre", "Rights Centre"]
        );
        assert_eq!(
            parts("Ministry of Defence of Ruritania"),
            ["Defence of Ruritania"]
        );
        assert!(parts("Interfax").is_empty());
        assert!(parts("European Union").is_empty());
        assert!(parts("Republic of Stovoara").is_empty());
    }
}
