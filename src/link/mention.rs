//! The mentions of a linked text, as the render stage lists them: each one
//! a range of the shared plain text of its page, with the sentence around
//! it; and the actor pairs named in the same paragraph.

use super::markdown;
use crate::model::{ActorId, Dossier, ItemId, NoteId};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One linked mention of an actor or event, with where it stands.
///
/// A newsroom-size dossier holds hundreds of thousands of these, so a
/// mention owns no string of its own: the item it names and the page it
/// stands on are ids (eight bytes each), and its words and sentence are a
/// range in the shared text of its paragraph.
#[derive(Debug, Clone)]
pub struct Mention {
    pub target: ItemId,
    /// The page it stands on.
    pub source: ItemId,
    /// Which mention of `target` on that page this is (1-based).
    n: u32,
    /// The plain text of the page's text it stands in ([`LinkedText::plain`](super::LinkedText::plain);
    /// or, for words that are not part of its paragraphs, such as an image
    /// description, just the words), the byte range of its paragraph in it
    /// and that of the words.
    plain: Arc<str>,
    block: (u32, u32),
    range: (u32, u32),
    /// Whether `block` is a paragraph, with a sentence around the words.
    in_block: bool,
    /// The side note the mention stands in, if any (shared by its
    /// mentions).
    pub in_note: Option<Arc<InNote>>,
}

/// The side note a mention stands in.
#[derive(Debug)]
pub struct InNote {
    pub id: NoteId,
    /// The note's number, as shown.
    pub number: usize,
}

impl Mention {
    /// The element id of the mention on its page (of the dossier `d` it
    /// was linked in).
    pub fn id(&self, d: &Dossier) -> String {
        self.id_shown(d).to_string()
    }

    /// [`Mention::id`] as text to write, without making a string.
    pub fn id_shown<'d>(&'d self, d: &'d Dossier) -> markdown::MentionId<'d> {
        let note = self.in_note.as_ref().map(|n| &n.id);
        markdown::MentionId(d.path(self.target), self.n, note)
    }

    /// Which mention of its target it is on its page, or in its side note
    /// (from 1, in reading order): the number its element id ends with.
    pub fn number(&self) -> u32 {
        self.n
    }

    /// The number of the side note the mention stands in, if any.
    pub fn note_number(&self) -> Option<usize> {
        self.in_note.as_ref().map(|n| n.number)
    }

    /// The words as written.
    pub fn text(&self) -> &str {
        let (start, end) = self.range;
        self.plain.get(start as usize..end as usize).unwrap_or("")
    }

    /// The sentence around the mention: the words before and after it (at
    /// most 180 characters each, cut with an ellipsis).
    pub fn context(&self) -> (String, String) {
        let s = self.sentence();
        (s.before(), s.after())
    }

    /// The sentence around the mention as borrowed parts, for a renderer
    /// that writes them out without making strings first.
    pub fn sentence(&self) -> Sentence<'_> {
        let (from, to) = (self.block.0 as usize, self.block.1 as usize);
        let (start, end) = (self.range.0 as usize, self.range.1 as usize);
        match self.plain.get(from..to) {
            Some(b) if self.in_block && from <= start && end <= to => {
                sentence(b, start - from, end - from)
            }
            _ => Sentence::default(),
        }
    }
}

/// The words around a mention in its sentence; an ellipsis stands for
/// words cut off at either end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sentence<'a> {
    pub cut_before: bool,
    pub before: &'a str,
    pub after: &'a str,
    pub cut_after: bool,
}

impl Sentence<'_> {
    pub fn before(&self) -> String {
        if self.cut_before {
            format!("…{}", self.before)
        } else {
            self.before.to_string()
        }
    }
    pub fn after(&self) -> String {
        if self.cut_after {
            format!("{}…", self.after)
        } else {
            self.after.to_string()
        }
    }
}

/// Whether `b[i..]` starts with the end of a sentence: `.`, `!` or `?`
/// and a space, where a full stop does not close an abbreviation
/// ([`closes_abbreviation`]).
fn is_stop(b: &[u8], i: usize) -> bool {
    matches!(b[i], b'.' | b'!' | b'?')
        && b.get(i + 1) == Some(&b' ')
        && !(b[i] == b'.' && closes_abbreviation(&b[..i]))
}

/// Titles written with a full stop before a name: the stop after them
/// ends no sentence.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Lt", "Col", "Capt", "Sgt", "Maj", "Gov", "Sen",
    "Rep", "Rev", "Jr", "Sr", "No", "vs", "г", "гг", "им", "ул",
];

/// The longest word [`closes_abbreviation`] looks at, in bytes.
const WORD_MAX: usize = 48;

/// Whether the word that ends `head` (the text before a full stop) is an
/// abbreviation rather than a sentence's last word: an initial (one
/// capital letter, in any script: `Luvo C. Naovich`), letters of one or
/// two between stops (`U.S`, `e.g`), or a title ([`TITLES`]). A mention's
/// sentence cut at `C.` would end in the middle of a name. A sentence
/// that ends on a capital alone (`Plan B.`) runs on into the next: a
/// longer context, never a name cut in two.
fn closes_abbreviation(head: &[u8]) -> bool {
    // Only the end of the text, from a character's first byte: this is
    // asked at every full stop of a paragraph.
    let mut from = head.len().saturating_sub(WORD_MAX);
    while from < head.len() && head[from] & 0xC0 == 0x80 {
        from += 1;
    }
    let Ok(tail) = std::str::from_utf8(&head[from..]) else {
        return false;
    };
    let word = tail.rsplit(char::is_whitespace).next().unwrap_or("");
    let word = word.trim_start_matches(['(', '[', '"', '\'', '«', '„', '\u{201C}', '\u{2018}']);
    let mut chars = word.chars();
    let initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    let dotted = word.contains('.')
        && word.split('.').all(|part| {
            (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic)
        });
    initial || dotted || TITLES.contains(&word)
}

/// The last `i` where `b[i..]` starts with a stop ([`is_stop`]); searched
/// with `memrchr3`, since a mention's sentence is looked for in every
/// paragraph it stands in.
fn last_stop(b: &[u8]) -> Option<usize> {
    // A stop needs the space after it: the last byte cannot begin one.
    let mut end = b.len().saturating_sub(1);
    while let Some(i) = memchr::memrchr3(b'.', b'!', b'?', &b[..end]) {
        if is_stop(b, i) {
            return Some(i);
        }
        end = i;
    }
    None
}

/// The first `i` from `from` where `b[i..]` starts with a stop
/// ([`is_stop`], which reads the word before it in `b`).
fn first_stop(b: &[u8], mut from: usize) -> Option<usize> {
    while let Some(i) = memchr::memchr3(b'.', b'!', b'?', &b[from..]) {
        if is_stop(b, from + i) {
            return Some(from + i);
        }
        from += i + 1;
    }
    None
}

fn sentence(block: &str, start: usize, end: usize) -> Sentence<'_> {
    const MAX: usize = 180;
    let (head, tail) = (&block[..start], &block[end..]);
    // Byte scans: the stops are ASCII, so no character is split.
    let hb = head.as_bytes();
    let from = last_stop(hb).map_or(0, |i| i + 2);
    // From the mention's end, with the mention before it: a stop right
    // after it may close its last word (`Martin Luther King Jr.`).
    let to = first_stop(block.as_bytes(), end).map_or(tail.len(), |i| i + 1 - end);
    let mut out = Sentence {
        before: &head[from..],
        after: &tail[..to],
        ..Sentence::default()
    };
    // A string of at most MAX bytes has at most MAX characters.
    if out.before.len() > MAX && out.before.chars().count() > MAX {
        let skip = out.before.chars().count() - MAX;
        let cut = out.before.char_indices().nth(skip).map_or(0, |(i, _)| i);
        let at_word_start = out.before[..cut].ends_with(char::is_whitespace);
        out.before = word_start(&out.before[cut..], at_word_start);
        out.cut_before = true;
    }
    // At most MAX bytes is at most MAX characters: nothing to cut.
    if out.after.len() > MAX {
        if let Some((cut, _)) = out.after.char_indices().nth(MAX) {
            let at_word_end = out.after[cut..].starts_with(char::is_whitespace);
            out.after = word_end(&out.after[..cut], at_word_end);
            out.cut_after = true;
        }
    }
    out
}

/// How far a cut moves to a space, in characters: in words that are
/// spaced there is one nearer; in a script that spaces no words, a space
/// far off would throw the context away.
const TO_A_SPACE: usize = 30;

/// `kept`, cut before, from the start of its first whole word (unless the
/// cut is at one, or no space is near).
fn word_start(kept: &str, at_word_start: bool) -> &str {
    let space = (kept.char_indices().take(TO_A_SPACE)).find(|(_, c)| c.is_whitespace());
    match space {
        Some((i, _)) if !at_word_start && !kept[i..].trim().is_empty() => kept[i..].trim_start(),
        _ => kept,
    }
}

/// `kept`, cut after, to the end of its last whole word (unless the cut is
/// at one, or no space is near).
fn word_end(kept: &str, at_word_end: bool) -> &str {
    let space = (kept.char_indices().rev().take(TO_A_SPACE)).find(|(_, c)| c.is_whitespace());
    match space {
        Some((i, _)) if !at_word_end && !kept[..i].trim().is_empty() => kept[..i].trim_end(),
        _ => kept,
    }
}

/// The mentions of one text, given its plain text and paragraphs
/// ([`plain_of`]).
pub(super) fn mentions_of(
    hits: &[markdown::MentionHit],
    plain: &Plain,
    source: ItemId,
    in_note: Option<&Arc<InNote>>,
) -> Vec<Mention> {
    // Ranges are 32-bit: a text of 4 GB is not a text.
    let span = |from: usize, to: usize| u32::try_from(from).ok().zip(u32::try_from(to).ok());
    hits.iter()
        .filter_map(|h| {
            let n = h.n?;
            let found =
                plain
                    .blocks
                    .get(h.block)
                    .copied()
                    .flatten()
                    .and_then(|(from, to, trimmed)| {
                        let start = (from + h.offset).checked_sub(trimmed)?;
                        let end = start + h.text.len();
                        let words_there = plain.text.get(start..end) == Some(h.text.as_str());
                        if !words_there || end > to {
                            return None;
                        }
                        Some((span(from, to)?, span(start, end)?))
                    });
            let (text, block, range, in_block) = match found {
                Some((block, range)) => (plain.text.clone(), block, range, true),
                None => {
                    let len = u32::try_from(h.text.len()).unwrap_or(0);
                    (Arc::from(h.text.as_str()), (0, len), (0, len), false)
                }
            };
            Some(Mention {
                target: h.target,
                source,
                n,
                plain: text,
                block,
                range,
                in_block,
                in_note: in_note.cloned(),
            })
        })
        .collect()
}

/// Each pair of actors (first before second, as their ids and slugs are)
/// named in the same paragraph, once per paragraph.
pub(super) fn co_mentions_of(hits: &[markdown::MentionHit]) -> Vec<ActorPair> {
    let mut by_block: BTreeMap<usize, Vec<ActorId>> = BTreeMap::new();
    for h in hits {
        if let ItemId::Actor(actor) = h.target {
            by_block.entry(h.block).or_default().push(actor);
        }
    }
    let mut pairs = Vec::new();
    for mut actors in by_block.into_values() {
        actors.sort_unstable();
        actors.dedup();
        for (i, a) in actors.iter().enumerate() {
            for b in &actors[i + 1..] {
                pairs.push((*a, *b));
            }
        }
    }
    pairs
}

/// Two actors, the first before the second.
pub(super) type ActorPair = (ActorId, ActorId);

/// The plain text of a rendered text: its non-empty paragraphs, trimmed,
/// one a line.
pub(super) struct Plain {
    pub(super) text: Arc<str>,
    /// Per block: its byte range in `text` and the bytes trimmed from its
    /// start (`None` for an empty block).
    blocks: Vec<Option<(usize, usize, usize)>>,
}

pub(super) fn plain_of(blocks: &[markdown::Block]) -> Plain {
    let mut text = String::with_capacity(blocks.iter().map(|b| b.text.len() + 1).sum());
    let spans = blocks
        .iter()
        .map(|b| {
            let t = b.text.trim();
            if t.is_empty() {
                return None;
            }
            if !text.is_empty() {
                text.push('\n');
            }
            let from = text.len();
            text.push_str(t);
            let trimmed = b.text.len() - b.text.trim_start().len();
            Some((from, text.len(), trimmed))
        })
        .collect();
    Plain {
        text: Arc::from(text),
        blocks: spans,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleId, Id};

    fn hit(target: ItemId, text: &str, block: usize, offset: usize) -> markdown::MentionHit {
        markdown::MentionHit {
            target,
            n: Some(1),
            text: text.into(),
            block,
            offset,
        }
    }

    #[test]
    fn a_mention_is_a_range_of_its_paragraph_or_owns_its_words() {
        let tokayev = ItemId::from(ActorId::from_index(0));
        let page = ItemId::from(ArticleId::from_index(0));
        let blocks = vec![markdown::Block {
            text: "Then Tokayev spoke. Later.".into(),
            file_offset: 0,
        }];
        let hits = [
            hit(tokayev, "Tokayev", 0, 5),
            // Words that are not in the paragraph's text (an image
            // description): kept, with no sentence around them.
            hit(tokayev, "Tokayev", 0, 0),
            hit(tokayev, "Tokayev", 7, 0),
        ];
        let ms = mentions_of(&hits, &plain_of(&blocks), page, None);
        assert_eq!(ms.len(), 3);
        assert!(ms.iter().all(|m| m.text() == "Tokayev"));
        assert_eq!(ms[0].n, 1);
        assert_eq!(ms[0].context(), ("Then ".into(), " spoke.".into()));
        assert_eq!(ms[1].context(), (String::new(), String::new()));
        assert_eq!(ms[2].context(), (String::new(), String::new()));
        assert!(ms.iter().all(|m| (m.source, m.target) == (page, tokayev)));
    }

    #[test]
    fn long_sentences_are_cut_to_180_characters_each_side() {
        let long = "ż".repeat(200);
        let b = format!("Before. {long} Tokayev {long} said. After.");
        let s = b.find("Tokayev").unwrap();
        let parts = sentence(&b, s, s + 7);
        assert!(parts.cut_before && parts.cut_after);
        let (before, after) = (parts.before(), parts.after());
        assert_eq!(before.chars().count(), 181);
        assert!(before.starts_with('…') && before.ends_with("ż "));
        assert_eq!(after.chars().count(), 181);
        assert!(after.starts_with(" ż") && after.ends_with('…'));
        // Spaced words are never cut in two: the cut moves to a space (180
        // characters of these words end inside one, on either side).
        let words = "abcdefg ".repeat(30);
        let b = format!("{words}Tokayev {words}");
        let s = b.find("Tokayev").unwrap();
        let parts = sentence(&b, s, s + 7);
        assert!(parts.cut_before && parts.cut_after);
        assert!(
            parts.before().starts_with("…abcdefg "),
            "{}",
            parts.before()
        );
        assert!(parts.after().ends_with(" abcdefg…"), "{}", parts.after());
        assert!(parts.before().chars().count() <= 181 && parts.after().chars().count() <= 181);
        // No space near the cut (a script that spaces no words, or one
        // long word): the cut stays, and the context is kept.
        for before in ["中".repeat(200) + "\u{3000}", "x".repeat(200) + "  "] {
            let b = format!("{before}Tokayev, {}", "y".repeat(200));
            let s = b.find("Tokayev").unwrap();
            let parts = sentence(&b, s, s + 7);
            assert_eq!(parts.before.chars().count(), 180, "{before}");
            assert_eq!(parts.after.chars().count(), 180);
        }
        // Stops at the very edges, and none at all.
        let parts = sentence("x. Tokayev. y", 3, 10);
        assert_eq!((parts.before(), parts.after()), (String::new(), ".".into()));
        assert_eq!(sentence("Tokayev", 0, 7), Sentence::default());
    }

    #[test]
    fn sentence_is_cut_at_stops() {
        let b = "First one. Then Tokayev said so. Last.";
        let s = b.find("Tokayev").unwrap();
        let parts = sentence(b, s, s + 7);
        assert_eq!(
            (parts.before(), parts.after()),
            ("Then ".into(), " said so.".into())
        );
        let long = format!("{} Tokayev {}", "a".repeat(200), "b".repeat(200));
        let parts = sentence(&long, 201, 208);
        assert!(parts.cut_before && parts.cut_after);
        assert_eq!(parts.before().chars().count(), 181);
        assert!(parts.before().starts_with('…') && parts.after().ends_with('…'));
    }

    #[test]
    fn initials_and_titles_end_no_sentence() {
        let b = "Before. Then Tolbar Tribune and Luvo C. Naovich met Dr. Ulvik in the U.S. at noon. After.";
        let s = b.find("Tolbar Tribune").unwrap();
        let parts = sentence(b, s, s + "Tolbar Tribune".len());
        assert_eq!(
            (parts.before(), parts.after()),
            (
                "Then ".into(),
                " and Luvo C. Naovich met Dr. Ulvik in the U.S. at noon.".into()
            )
        );
        // A stop right after the mention may close its last word.
        let b = "Before. Martin Luther King Jr. spoke in Selma. Later.";
        let s = b.find("Martin").unwrap();
        let parts = sentence(b, s, s + "Martin Luther King Jr".len());
        assert_eq!(parts.after(), ". spoke in Selma.");
        // An ellipsis, a number or a domain ends a sentence as before.
        for end in ["paused...", "61.4.", "kursiv.kz."] {
            let b = format!("It {end} Then Tokayev spoke.");
            let s = b.find("Tokayev").unwrap();
            assert_eq!(sentence(&b, s, s + 7).before(), "Then ", "{end}");
        }
        // Cyrillic initials too, after a guillemet or a no-break space; a
        // sentence's last word of one letter that is not a capital still
        // ends it.
        let b = "Сказал «А. Иванов» и Luvo\u{A0}C. Naovich: ОДКБ.";
        let s = b.find("ОДКБ").unwrap();
        assert_eq!(sentence(b, s, s + "ОДКБ".len()).before(), &b[..s]);
        let b = "Он сказал: А. Иванов и ОДКБ. Конец a. Next";
        let s = b.find("ОДКБ").unwrap();
        let parts = sentence(b, s, s + "ОДКБ".len());
        assert_eq!(parts.before(), "Он сказал: А. Иванов и ");
        let s = b.find("Next").unwrap();
        assert_eq!(sentence(b, s, s + 4).before(), "");
    }

    #[test]
    fn stops_are_found_as_a_scan_byte_by_byte_finds_them() {
        // The scans as they were first written, one byte at a time.
        let last = |b: &[u8]| {
            (0..b.len().saturating_sub(1))
                .rev()
                .find(|&i| is_stop(b, i))
        };
        let first = |b: &[u8]| (0..b.len()).find(|&i| is_stop(b, i));
        let pieces = ["a", ".", " ", "!", "?", "ż", "..", ". ", "?!", "e.g.", "x "];
        let mut texts = vec![String::new()];
        for round in 0..4 {
            let grown: Vec<String> = (texts.iter())
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .filter(|t| round < 3 || t.len() % 3 == 0)
                .collect();
            texts.extend(grown);
        }
        for t in &texts {
            let b = t.as_bytes();
            assert_eq!(last_stop(b), last(b), "{t:?}");
            assert_eq!(first_stop(b, 0), first(b), "{t:?}");
        }
    }
}
