//! The identity of an annotation on its article's page: the `id:` its
//! author gave it, or one made from the first words of its quote (and its
//! `occurrence`). Never its position, so that adding, removing or
//! reordering the notes of an article changes no other note's URL.
//!
//! Its element ids (`ann-<id>` for the highlight, `note-<id>` for the side
//! note) are spelt by [`NoteAnchor`] only; the visible note number is the
//! note's place in reading order, which is display, not identity.

use serde::Serialize;
use std::fmt;

/// Longest id, in characters.
pub const MAX_CHARS: usize = 64;
/// How many words of its quote a derived id takes, at most.
const DERIVED_WORDS: usize = 6;
/// Longest derived id before its `-<occurrence>`, in characters.
const DERIVED_CHARS: usize = 48;
/// The id of a note whose quote has no letter or digit (such a quote is
/// reported anyway, or is a lone symbol).
const WORDLESS: &str = "note";

/// Lowercase letters (of any script) and digits, joined by single
/// hyphens, 1 to [`MAX_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct NoteId(String);

/// Why a written id is not a [`NoteId`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvalidNoteId {
    Empty,
    TooLong(usize),
    /// A character that is not a lowercase letter, a digit or a hyphen.
    Character(char),
    /// A hyphen at either end, or two together.
    Hyphens,
}

impl fmt::Display for InvalidNoteId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvalidNoteId::Empty => f.write_str("it is empty"),
            InvalidNoteId::TooLong(n) => {
                write!(f, "it has {n} characters, more than {MAX_CHARS}")
            }
            InvalidNoteId::Character(c) if c.is_uppercase() => {
                write!(f, "`{c}` is an uppercase letter")
            }
            InvalidNoteId::Character(c) => write!(f, "`{}` is not allowed", c.escape_debug()),
            InvalidNoteId::Hyphens => f.write_str("hyphens may only join words, one at a time"),
        }
    }
}

/// Whether `c` may stand in an id: a letter or digit that lowercasing
/// leaves as it is (so caseless scripts are welcome).
fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() && c.to_lowercase().eq(std::iter::once(c))
}

/// The words of `text` (its runs of letters and digits), lowercased, joined
/// by hyphens: at most `words` of them and `max` characters, cut at a word
/// boundary (a first word longer than `max` is cut to `max`).
fn slug_words(text: &str, words: usize, max: usize) -> String {
    let mut out = String::new();
    let mut chars = 0;
    let runs = text.split(|c: char| !c.is_alphanumeric());
    // Lowercasing may add a mark that is not a letter (`İ` is `i` and a
    // dot above); it is left out.
    let lowered = runs.map(|w| {
        w.chars()
            .flat_map(char::to_lowercase)
            .filter(|c| is_id_char(*c))
    });
    for word in lowered
        .map(String::from_iter)
        .filter(|w| !w.is_empty())
        .take(words)
    {
        let len = word.chars().count();
        if out.is_empty() {
            out.extend(word.chars().take(max));
            chars = len.min(max);
        } else if chars + 1 + len <= max {
            out.push('-');
            out.push_str(&word);
            chars += 1 + len;
        } else {
            break;
        }
    }
    out
}

impl NoteId {
    /// An id as written (`id:`), checked.
    pub fn parse(written: &str) -> Result<NoteId, InvalidNoteId> {
        let len = written.chars().count();
        if len == 0 {
            return Err(InvalidNoteId::Empty);
        }
        if let Some(c) = written.chars().find(|&c| c != '-' && !is_id_char(c)) {
            return Err(InvalidNoteId::Character(c));
        }
        if written.starts_with('-') || written.ends_with('-') || written.contains("--") {
            return Err(InvalidNoteId::Hyphens);
        }
        if len > MAX_CHARS {
            return Err(InvalidNoteId::TooLong(len));
        }
        Ok(NoteId(written.to_string()))
    }

    /// The id of an annotation without `id:`: the first words of its quote,
    /// then `-<occurrence>` when it is not the first.
    pub fn derive(quote: &str, occurrence: Option<usize>) -> NoteId {
        let mut id = slug_words(quote, DERIVED_WORDS, DERIVED_CHARS);
        if id.is_empty() {
            id.push_str(WORDLESS);
        }
        if let Some(n) = occurrence.filter(|&n| n > 1) {
            id.push_str(&format!("-{n}"));
        }
        NoteId(id)
    }

    /// A valid id close to `written` (its words, lowercased and joined by
    /// hyphens), to suggest in place of an invalid one.
    pub fn suggest(written: &str) -> Option<NoteId> {
        let id = slug_words(written, usize::MAX, MAX_CHARS);
        (!id.is_empty()).then_some(NoteId(id))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The element id of the note's highlight in the body.
    pub fn highlight(&self) -> NoteAnchor<'_> {
        NoteAnchor::Highlight(self)
    }

    /// The element id of the side note.
    pub fn note(&self) -> NoteAnchor<'_> {
        NoteAnchor::Note(self)
    }
}

impl fmt::Display for NoteId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An element id of a note on its article's page, written as text: the one
/// place that spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteAnchor<'a> {
    /// `ann-<id>`: the (first) `<mark>` of the quote.
    Highlight(&'a NoteId),
    /// `note-<id>`: the side note.
    Note(&'a NoteId),
}

impl fmt::Display for NoteAnchor<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoteAnchor::Highlight(id) => write!(f, "ann-{id}"),
            NoteAnchor::Note(id) => write!(f, "note-{id}"),
        }
    }
}

impl Serialize for NoteAnchor<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn derived(quote: &str, occurrence: Option<usize>) -> String {
        NoteId::derive(quote, occurrence).to_string()
    }

    #[test]
    fn derived_ids_are_the_first_six_words_lowercased() {
        assert_eq!(
            derived("changed colour overnight", None),
            "changed-colour-overnight"
        );
        assert_eq!(
            derived("\"We will publish the results,\" she said, twice.", None),
            "we-will-publish-the-results-she"
        );
        assert_eq!(
            derived("no indication of any **leak**", Some(1)),
            "no-indication-of-any-leak"
        );
        assert_eq!(derived("“—”", None), "note");
        assert_eq!(derived("", Some(3)), "note-3");
    }

    #[test]
    fn derived_ids_keep_cyrillic_and_polish_letters() {
        assert_eq!(
            derived("Мария Иванова заявила", None),
            "мария-иванова-заявила"
        );
        assert_eq!(
            derived("Mayor Żaneta Kowalska said ŁÓDŹ wasn't", None),
            "mayor-żaneta-kowalska-said-łódź-wasn"
        );
        assert_eq!(
            derived("Қазақстан Республикасы 2022", None),
            "қазақстан-республикасы-2022"
        );
        // A mark added by lowercasing is dropped; the letter stays.
        assert_eq!(derived("İstanbul", None), "istanbul");
    }

    #[test]
    fn a_later_occurrence_is_appended() {
        assert_eq!(
            derived("We will publish the results", Some(2)),
            "we-will-publish-the-results-2"
        );
        assert_eq!(derived("a", Some(12)), "a-12");
    }

    #[test]
    fn derived_ids_are_cut_at_a_word_boundary() {
        // 6 words of 11 letters: 71 characters joined; 4 fit in 48 (47).
        let quote = "Antidisesta abcdefghijk bcdefghijkl cdefghijklm defghijklmn efghijklmno";
        assert_eq!(
            derived(quote, None),
            "antidisesta-abcdefghijk-bcdefghijkl-cdefghijklm"
        );
        assert_eq!(
            derived(quote, Some(2)),
            "antidisesta-abcdefghijk-bcdefghijkl-cdefghijklm-2"
        );
        // Exactly 48 characters with the fourth word: kept.
        let exact = format!(
            "{} {} {} {}",
            "a".repeat(12),
            "b".repeat(11),
            "c".repeat(11),
            "d".repeat(11)
        );
        assert_eq!(derived(&exact, None).chars().count(), 48);
        // One word longer than 48 characters is cut to 48.
        let long = "ж".repeat(60);
        assert_eq!(derived(&long, None), "ж".repeat(48));
        // Cyrillic counts characters, not bytes.
        let words = "Жжжжжжжжжж ".repeat(6);
        assert_eq!(
            derived(&words, None),
            "жжжжжжжжжж-жжжжжжжжжж-жжжжжжжжжж-жжжжжжжжжж"
        );
    }

    #[test]
    fn every_derived_id_is_a_valid_id() {
        for quote in [
            "Мария",
            "ŁÓDŹ",
            "İ",
            "ǅemal",
            "ΣΊΣΥΦΟΣ",
            "Ⅻ chapter",
            "ß",
            "²",
        ] {
            let id = NoteId::derive(quote, Some(7));
            assert_eq!(NoteId::parse(id.as_str()), Ok(id.clone()), "{quote}");
        }
        // Every letter and digit of Unicode (the others only part words).
        let alphanumeric = (0..=u32::from(char::MAX)).filter_map(char::from_u32);
        for c in alphanumeric.filter(|c| c.is_alphanumeric()) {
            let id = NoteId::derive(&format!("a {c}{c} b"), None);
            assert!(NoteId::parse(id.as_str()).is_ok(), "{c:?} gives {id}");
        }
    }

    #[test]
    fn written_ids_are_checked() {
        for good in [
            "a",
            "spill-denied",
            "мэр-2",
            "żaneta",
            "x".repeat(64).as_str(),
            "中文",
        ] {
            assert_eq!(
                NoteId::parse(good).map(|i| i.to_string()),
                Ok(good.to_string())
            );
        }
        assert_eq!(NoteId::parse(""), Err(InvalidNoteId::Empty));
        assert_eq!(NoteId::parse("Mayor"), Err(InvalidNoteId::Character('M')));
        assert_eq!(NoteId::parse("a_b"), Err(InvalidNoteId::Character('_')));
        assert_eq!(NoteId::parse("a b"), Err(InvalidNoteId::Character(' ')));
        assert_eq!(NoteId::parse("-a"), Err(InvalidNoteId::Hyphens));
        assert_eq!(NoteId::parse("a-"), Err(InvalidNoteId::Hyphens));
        assert_eq!(NoteId::parse("a--b"), Err(InvalidNoteId::Hyphens));
        assert_eq!(
            NoteId::parse(&"x".repeat(65)),
            Err(InvalidNoteId::TooLong(65))
        );
        assert_eq!(
            NoteId::suggest("Mayor_Said it").unwrap().as_str(),
            "mayor-said-it"
        );
        assert_eq!(NoteId::suggest("--"), None);
    }

    #[test]
    fn anchors_are_spelt_in_one_place() {
        let id = NoteId::parse("mayor-said").unwrap();
        assert_eq!(id.highlight().to_string(), "ann-mayor-said");
        assert_eq!(id.note().to_string(), "note-mayor-said");
    }
}
