//! `unlinked-mention`: a phrase in an article body, a note, a profile or an
//! event description that probably names an actor or event but is not
//! linked, because no alias is written that way: a person's surname alone,
//! part of an organisation's name, or an alias in other capitalisation.
//!
//! To be useful on real text the rule is narrow: whole words only, never
//! inside links or code; a surname or a part must be capitalised as in the
//! name, and stand alone (no capitalised word right after a surname, none
//! on either side of a part, so `Brown River` or `UN Security Council` are
//! left alone); a single word that opens a sentence is left alone, since
//! every word is capitalised there. Whatever the link stage links (an alias
//! as written, or a longer phrase over it) is never reported, nor an item's
//! own names on its own page. Each phrase is reported once per file, at its
//! first place.

use super::names::{Names, Role};
use super::prose::{self, Run};
use super::{Warning, UNLINKED_MENTION};
use crate::model::{Dossier, ItemKind, ItemRef, SourceText};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// An item a phrase may name: how, which ([`Names::items`]), and the
/// phrase of the item it was found as.
type Naming = (Role, usize, String);

/// A phrase found, and what it may name.
#[derive(Debug, Clone)]
struct Finding {
    phrase: String,
    /// Byte offset in the file, and length in bytes.
    at: usize,
    len: usize,
    names: Vec<Naming>,
}

/// Capitalised words that often stand before a name without being part
/// of it.
const OPENERS: &[&str] = &[
    "The", "A", "An", "And", "But", "Or", "In", "On", "At", "Of", "To", "For", "By", "With",
    "From", "As", "This", "That", "These", "Those", "Their", "His", "Her", "Its", "When", "After",
    "Before", "While", "Both",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `text[start..end]` is whole words, as the link stage's matcher
/// sees them (only edges that are word characters need a boundary).
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let words = &text[start..end];
    let (first, last) = (words.chars().next(), words.chars().next_back());
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joined_before = first.is_some_and(is_word_char) && before.is_some_and(is_word_char);
    let joined_after = last.is_some_and(is_word_char) && after.is_some_and(is_word_char);
    !joined_before && !joined_after
}

/// Whole words that are not joined to another by a hyphen either.
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let mut before = text[..start].chars().rev();
    let mut after = text[end..].chars();
    let joined_before = before.next() == Some('-') && before.next().is_some_and(is_word_char);
    let joined_after = after.next() == Some('-') && after.next().is_some_and(is_word_char);
    is_whole_word(text, start, end) && !joined_before && !joined_after
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a capitalised word follows `text[..end]` after one space.
fn capitalised_after(text: &str, end: usize) -> bool {
    text[end..].strip_prefix(' ').is_some_and(is_capitalised)
}

/// Whether a capitalised word (not a mere opener) precedes `text[start..]`
/// before one space.
fn capitalised_before(text: &str, start: usize) -> bool {
    let Some(head) = text[..start].strip_suffix(' ') else {
        return false;
    };
    let word = head.rsplit(|c: char| !is_word_char(c)).next().unwrap_or("");
    is_capitalised(word) && !OPENERS.contains(&word)
}

/// Whether the words at `start..end` of the run, found as `entry_text` of
/// `role`, probably name the item.
fn accepts(run: &Run, start: usize, end: usize, role: Role, entry_text: &str) -> bool {
    let (text, words) = (run.text.as_str(), &run.text[start..end]);
    match role {
        Role::Alias if entry_text.contains(char::is_whitespace) => true,
        Role::Alias => is_capitalised(words) && !run.starts_sentence(start),
        Role::Surname => {
            words == entry_text && !run.starts_sentence(start) && !capitalised_after(text, end)
        }
        Role::Part => {
            words == entry_text && !capitalised_before(text, start) && !capitalised_after(text, end)
        }
    }
}

/// The probable unlinked mentions in one run; `me` is the item whose page
/// the text stands on (its own names are not linked there).
fn findings_in_run(
    names: &Names,
    me: Option<usize>,
    run: &Run,
    out: &mut Vec<(usize, usize, Vec<Naming>)>,
) {
    let Some(ac) = &names.automaton else { return };
    let text = run.text.as_str();
    let mut covered: Vec<(usize, usize)> = Vec::new();
    let mut candidates = Vec::new();
    for m in ac.find_overlapping_iter(text) {
        let (start, end, pattern) = (m.start(), m.end(), m.pattern().as_usize());
        if !is_whole_word(text, start, end) {
            continue;
        }
        if names.is_alias(pattern, &text[start..end]) {
            covered.push((start, end));
        } else {
            candidates.push((start, end, pattern));
        }
    }
    for (start, end, pattern) in candidates {
        if covered.iter().any(|&(s, e)| s < end && start < e) || !stands_alone(text, start, end) {
            continue;
        }
        let mut found: Vec<Naming> = names.entries[pattern]
            .iter()
            .filter(|e| Some(e.item) != me && accepts(run, start, end, e.role, &e.text))
            .map(|e| (e.role, e.item, e.text.clone()))
            .collect();
        found.dedup_by_key(|(_, item, _)| *item);
        if !found.is_empty() {
            out.push((start, end, found));
        }
    }
}

/// The probable unlinked mentions in Markdown that stands at `place` of
/// its file.
fn findings_in(
    names: &Names,
    me: Option<usize>,
    markdown: &str,
    src: &SourceText,
    place: Place,
) -> Vec<Finding> {
    let base = match place {
        Place::At(base) => base,
        Place::SearchFrom(_) => 0,
    };
    let mut found = Vec::new();
    for run in prose::runs(markdown, base) {
        let mut in_run = Vec::new();
        findings_in_run(names, me, &run, &mut in_run);
        // Of overlapping phrases, the first and longest is kept.
        in_run.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut last_end = 0;
        for (start, end, names) in in_run {
            if start < last_end {
                continue;
            }
            last_end = end;
            let phrase = run.text[start..end].to_string();
            let at = match place {
                Place::At(_) => run.file_offset(start),
                Place::SearchFrom(from) => search(src, from, &phrase),
            };
            found.push(Finding {
                len: phrase.len(),
                phrase,
                at,
                names,
            });
        }
    }
    found
}

/// Where the Markdown of a text stands in its file.
#[derive(Clone, Copy)]
enum Place {
    /// At this byte (a body).
    At(usize),
    /// Somewhere after this byte (a note, a YAML string whose bytes are
    /// not the Markdown's).
    SearchFrom(usize),
}

/// The first place of `phrase` in the front matter from byte `from`, or
/// `from` itself.
fn search(src: &SourceText, from: usize, phrase: &str) -> usize {
    src.file
        .get(from..src.front_matter_end.max(from))
        .and_then(|fm| fm.find(phrase))
        .map_or(from, |i| from + i)
}

/// One file to read: its texts (a body, and an article's notes).
struct Job<'a> {
    me: ItemRef,
    src: &'a SourceText,
    notes: Vec<(&'a str, usize)>,
}

fn jobs(d: &Dossier) -> Vec<Job<'_>> {
    let job = |kind, slug: &str, src| Job {
        me: ItemRef::new(kind, slug),
        src,
        notes: Vec::new(),
    };
    let articles = d.articles.iter().map(|a| Job {
        notes: a
            .annotations
            .iter()
            .map(|n| (n.note.as_str(), n.offset))
            .collect(),
        ..job(ItemKind::Article, &a.slug, &a.text)
    });
    let actors = d
        .actors
        .iter()
        .map(|a| job(ItemKind::Actor, &a.slug, &a.text));
    let events = d
        .events
        .iter()
        .map(|e| job(ItemKind::Event, &e.slug, &e.text));
    articles.chain(actors).chain(events).collect()
}

pub(super) fn check(d: &Dossier, names: &Names) -> Vec<Warning> {
    if names.automaton.is_none() {
        return Vec::new();
    }
    jobs(d)
        .par_iter()
        .flat_map_iter(|job| check_file(names, job))
        .collect()
}

/// The warnings of one file: each phrase once, at its first place.
fn check_file(names: &Names, job: &Job) -> Vec<Warning> {
    let me = names.index_of(&job.me);
    let src = job.src;
    let mut found = findings_in(names, me, src.body(), src, Place::At(src.body_start));
    for &(note, offset) in &job.notes {
        found.extend(findings_in(names, me, note, src, Place::SearchFrom(offset)));
    }
    let mut by_phrase: BTreeMap<&str, (&Finding, usize)> = BTreeMap::new();
    for f in &found {
        let entry = by_phrase.entry(&f.phrase).or_insert((f, 0));
        entry.1 += 1;
        if f.at < entry.0.at {
            entry.0 = f;
        }
    }
    by_phrase
        .into_values()
        .map(|(f, times)| warning(names, src, f, times))
        .collect()
}

/// What a phrase is of one item, for the message.
fn describe(names: &Names, (role, item, as_written): &Naming) -> String {
    let name = &names.items[*item].name;
    match role {
        Role::Surname => format!("the surname of {name}"),
        Role::Part => format!("part of the name {name}"),
        Role::Alias if as_written == name => format!("the name {name} in other capitalisation"),
        Role::Alias => format!("`{as_written}`, an alias of {name}, in other capitalisation"),
    }
}

fn warning(names: &Names, src: &SourceText, f: &Finding, times: usize) -> Warning {
    let what: Vec<String> = f.names.iter().map(|n| describe(names, n)).collect();
    let mut message = format!(
        "`{}` is not linked, but it is {}",
        f.phrase,
        what.join(" and ")
    );
    if times > 1 {
        message.push_str(&format!(" ({times} times in this file)"));
    }
    let files: Vec<String> = f
        .names
        .iter()
        .map(|(_, item, _)| names.items[*item].path.display().to_string())
        .collect();
    let hint = match files.as_slice() {
        [one] => format!("add \"{}\" to the aliases in {one}", f.phrase),
        many => format!(
            "add \"{}\" to the aliases of the one meant ({}), or link it with an `@/` link",
            f.phrase,
            many.join(" or ")
        ),
    };
    Warning::new(UNLINKED_MENTION, &src.path, message, &f.phrase)
        .with(|w| w.at_span(&src.file, f.at..f.at + f.len).hint(hint))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{article, files, fixture, shown};
    use super::*;

    const SCHOLZ: &str = "---\nname: Olaf Scholz\nkind: person\n---\nChancellor.\n";
    const COUNCIL: &str =
        "---\nname: Kazakh Security Council\nkind: organisation\n---\nA council.\n";
    const MINISTRY: &str =
        "---\nname: Ruritanian MoD\nkind: organisation\naliases: [Ministry of Defence]\n---\nIt.\n";

    /// The unlinked mentions found in a profile with `body` (line 5).
    fn found(body: &str) -> Vec<String> {
        let profile = format!("---\nname: Anna Weber\nkind: person\n---\n{body}\n");
        let f = fixture(&[
            ("content/actors/weber.md", &profile),
            ("content/actors/scholz.md", SCHOLZ),
            ("content/actors/council.md", COUNCIL),
            ("content/actors/mod.md", MINISTRY),
        ]);
        let names = Names::build(&f.dossier);
        shown(&check(&f.dossier, &names))
    }

    #[test]
    fn a_surname_alone_is_reported_with_the_file_to_add_it_to() {
        let body = "It was agreed by Scholz on Monday.";
        let f = {
            let mut all = article("a", body, "").to_vec();
            all.push(("content/actors/scholz.md".into(), SCHOLZ.into()));
            fixture(&files(&all))
        };
        let w = check(&f.dossier, &Names::build(&f.dossier));
        assert_eq!(
            shown(&w),
            ["unlinked-mention: `Scholz` is not linked, but it is the surname of Olaf Scholz @ 8"]
        );
        let d = &w[0].diagnostic;
        assert_eq!(d.column, Some(18));
        assert_eq!(
            d.hint.as_deref(),
            Some("add \"Scholz\" to the aliases in content/actors/scholz.md")
        );
        assert_eq!(w[0].subject, "Scholz");
    }

    #[test]
    fn what_is_linked_or_plainly_something_else_is_not_reported() {
        for body in [
            // Linked: the whole name.
            "It was agreed by Olaf Scholz.",
            // A single word opening a sentence is capitalised anyway.
            "Scholz agreed. \"Scholz\" did.",
            // A capitalised word after it: another name.
            "They met at Scholz Street.",
            // Inside a link, code, an image; lower case; part of a word.
            "Agreed by [Scholz](https://example.org), `Scholz` and ![Scholz](x.png).",
            "The scholz was agreed by Scholzes and Scholz-Weber.",
            // The first words of a name: often a place.
            "It was agreed in Kazakh Security today.",
            // A longer capitalised name around a part.
            "The UN Security Council met.",
        ] {
            assert_eq!(found(body), Vec::<String>::new(), "{body}");
        }
    }

    #[test]
    fn parts_and_aliases_in_other_capitalisation() {
        assert_eq!(
            found("He chairs the Security Council, and the ministry of defence agreed."),
            [
                "unlinked-mention: `Security Council` is not linked, but it is part of the name Kazakh Security Council @ 5",
                "unlinked-mention: `ministry of defence` is not linked, but it is `Ministry of Defence`, an alias of Ruritanian MoD, in other capitalisation @ 5",
            ]
        );
    }

    #[test]
    fn each_phrase_once_per_file_notes_included() {
        let note =
            "  - quote: \"agreed\"\n    kind: context\n    note: \"So said Scholz, twice.\"\n";
        let mut all = article("a", "It was agreed by Scholz.\n\nAnd by Scholz.", note).to_vec();
        all.push(("content/actors/scholz.md".into(), SCHOLZ.into()));
        let f = fixture(&files(&all));
        let w = check(&f.dossier, &Names::build(&f.dossier));
        // The note (in the front matter) comes first in the file.
        assert_eq!(
            shown(&w),
            ["unlinked-mention: `Scholz` is not linked, but it is the surname of Olaf Scholz (3 times in this file) @ 10"]
        );
        assert_eq!(w[0].diagnostic.column, Some(20));
    }

    #[test]
    fn an_items_own_names_are_not_reported_on_its_page() {
        let own = "---\nname: Olaf Scholz\nkind: person\n---\nChancellor; Scholz leads.\n";
        let other = "---\nname: Anna Weber\nkind: person\n---\nWorked for Scholz.\n";
        let f = fixture(&[
            ("content/actors/scholz.md", own),
            ("content/actors/weber.md", other),
        ]);
        let w = check(&f.dossier, &Names::build(&f.dossier));
        assert_eq!(
            shown(&w),
            ["unlinked-mention: `Scholz` is not linked, but it is the surname of Olaf Scholz @ 5"]
        );
        assert_eq!(
            w[0].diagnostic.path.to_str(),
            Some("content/actors/weber.md")
        );
    }
}
