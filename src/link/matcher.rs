//! Finding mentions: one Aho-Corasick automaton over every actor name, actor
//! alias and event alias, so matching cost does not grow with their number.
//! Matches are case-sensitive, whole-word and leftmost-longest.

use crate::diagnostics::Diagnostic;
use crate::model::{Dossier, ItemId};
use aho_corasick::{AhoCorasick, BuildError, MatchKind};

/// The automaton over every name and alias (none when there are none).
#[derive(Default)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    /// The item each pattern stands for, by pattern index.
    targets: Vec<ItemId>,
}

/// One mention found in a text: byte range and the item it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

impl Matcher {
    /// The matcher for every actor name, actor alias and event alias of
    /// `d`. Building the automaton fails only past aho-corasick's size
    /// limits; that is reported, never taken for a dossier with no names.
    pub fn build(d: &Dossier) -> Result<Matcher, Diagnostic> {
        let mut patterns: Vec<&str> = Vec::new();
        let mut targets = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut add = |p: &'_ str, r: ItemId, patterns: &mut Vec<String>| {
            if !p.trim().is_empty() && seen.insert(p.to_string()) {
                patterns.push(p.to_string());
                targets.push(r);
            }
        };
        let mut owned: Vec<String> = Vec::new();
        for (id, a) in d.actors.with_ids() {
            add(&a.name, id.into(), &mut owned);
            for alias in &a.aliases {
                add(alias, id.into(), &mut owned);
            }
        }
        for (id, e) in d.events.with_ids() {
            for alias in &e.aliases {
                add(alias, id.into(), &mut owned);
            }
        }
        patterns.extend(owned.iter().map(String::as_str));
        Self::from_patterns(&patterns, targets).map_err(|e| {
            Diagnostic::new(
                "content/actors",
                format!(
                    "the names and aliases of the actors and events cannot be searched for: {e}"
                ),
            )
            .hint("shorten or remove the longest names and aliases")
        })
    }

    pub fn from_patterns(patterns: &[&str], targets: Vec<ItemId>) -> Result<Matcher, BuildError> {
        let automaton = if patterns.is_empty() {
            None
        } else {
            // Standard semantics so that overlapping matches can be listed;
            // leftmost-longest is then chosen among the whole-word ones.
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(patterns)?,
            )
        };
        Ok(Matcher { automaton, targets })
    }

    pub fn target(&self, pattern: usize) -> ItemId {
        self.targets[pattern]
    }

    /// Whole-word, leftmost-longest, non-overlapping mentions in `text`.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let mut candidates: Vec<Found> = ac
            .find_overlapping_iter(text)
            .filter(|m| is_whole_word(text, m.start(), m.end()))
            .map(|m| Found {
                start: m.start(),
                end: m.end(),
                pattern: m.pattern().as_usize(),
            })
            .collect();
        candidates.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut out: Vec<Found> = Vec::new();
        for c in candidates {
            if out.last().is_none_or(|last| c.start >= last.end) {
                out.push(c);
            }
        }
        out
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A match is whole-word when it does not continue a word on either side.
/// Only edges that are themselves word characters need a boundary.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let left_ok = !(first.is_some_and(is_word_char) && before.is_some_and(is_word_char));
    let right_ok = !(last.is_some_and(is_word_char) && after.is_some_and(is_word_char));
    left_ok && right_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorId, Id};

    fn matcher(patterns: &[&str]) -> Matcher {
        let targets = (0..patterns.len())
            .map(|i| ActorId::from_index(i).into())
            .collect();
        Matcher::from_patterns(patterns, targets).expect("a few short patterns")
    }

    fn words<'a>(m: &Matcher, text: &'a str) -> Vec<&'a str> {
        m.find(text).iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn leftmost_longest() {
        let m = matcher(&["Tokayev", "Kassym-Jomart Tokayev"]);
        assert_eq!(
            words(&m, "President Kassym-Jomart Tokayev said; Tokayev's order"),
            vec!["Kassym-Jomart Tokayev", "Tokayev"]
        );
    }

    #[test]
    fn whole_words_only_and_case_sensitive() {
        let m = matcher(&["Russia", "EU"]);
        assert_eq!(
            words(&m, "Russian troops; EUROPE; the EU and Russia."),
            vec!["EU", "Russia"]
        );
        assert!(words(&m, "russia").is_empty());
    }

    #[test]
    fn unicode_boundaries() {
        let m = matcher(&["ОДКБ", "Żaneta"]);
        assert_eq!(
            words(&m, "канал ОДКБ-CSTO и Żaneta, не ОДКБы"),
            vec!["ОДКБ", "Żaneta"]
        );
    }

    #[test]
    fn a_rejected_longer_match_leaves_the_shorter_one() {
        let m = matcher(&["Kazakh", "Kazakh President"]);
        assert_eq!(words(&m, "the Kazakh Presidential office"), vec!["Kazakh"]);
    }
}
