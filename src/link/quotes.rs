//! Finding an annotation's quote in an article's plain text.

use super::fold::{fold, Folded};
use crate::diagnostics::Diagnostic;
use crate::model::SourceText;
use crate::util::text::truncate;

/// Where a quote was found: byte range in the plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteRange {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteError {
    NotFound {
        longest_prefix: Option<String>,
        /// Whether the quote is in the body once both are in Unicode's
        /// composed form (NFC): it writes an accented letter as a letter
        /// and a combining mark where the body has one character, or the
        /// other way round, which looks the same.
        composed_apart: bool,
    },
    Ambiguous {
        count: usize,
    },
    NoSuchOccurrence {
        count: usize,
        wanted: usize,
    },
}

impl QuoteError {
    /// The problem told to the author of the annotation that quotes
    /// `quote`, whose entry starts at byte `offset` of `src`.
    pub fn diagnostic(&self, quote: &str, src: &SourceText, offset: usize) -> Diagnostic {
        let quote = truncate(quote, 80);
        let (message, hint) = match self {
            QuoteError::NotFound {
                longest_prefix,
                composed_apart,
            } => (
                format!("the quote \"{quote}\" is not in the body"),
                match longest_prefix {
                    _ if *composed_apart => "the quote and the body write an accented letter differently (a letter and a combining accent, or one character: Unicode NFD and NFC); copy the quote from the body".into(),
                    Some(p) => format!(
                        "the body has \"{p}\" but then differs; copy the quote from the body"
                    ),
                    None => "copy the quote exactly from the body (one paragraph at most)".into(),
                },
            ),
            QuoteError::Ambiguous { count } => (
                format!("the quote \"{quote}\" appears {count} times in the body"),
                format!("add `occurrence: N` (1 to {count}) to say which one, or quote more words"),
            ),
            QuoteError::NoSuchOccurrence { count, wanted } => (
                format!(
                    "`occurrence: {wanted}` but the quote appears {count} time{}",
                    if *count == 1 { "" } else { "s" }
                ),
                format!("use a number from 1 to {count}"),
            ),
        };
        Diagnostic::new(&src.path, message)
            .at_offset(&src.file, offset)
            .hint(hint)
    }
}

/// Finds `quote` in `plain`, comparing with whitespace and typographic quotes
/// folded. `occurrence` (1-based) picks one when the quote repeats.
pub fn find_quote(
    plain: &str,
    quote: &str,
    occurrence: Option<usize>,
) -> Result<QuoteRange, QuoteError> {
    Haystack::new(plain).find(quote, occurrence)
}

/// A plain text folded once, to find an article's quotes in (folding the
/// whole text again for every quote made anchoring quadratic).
pub struct Haystack {
    hay: Folded,
}

impl Haystack {
    pub fn new(plain: &str) -> Haystack {
        Haystack {
            hay: fold(plain, false),
        }
    }

    /// Every place of `quote` in the text, in order, not overlapping.
    pub fn find_all(&self, quote: &str) -> Vec<QuoteRange> {
        let hay = &self.hay;
        let needle = fold(quote.trim(), false).text;
        if needle.is_empty() {
            return Vec::new();
        }
        memchr::memmem::find_iter(hay.text.as_bytes(), needle.as_bytes())
            .map(|at| {
                let (start, end) = hay.original_range(at, at + needle.len());
                QuoteRange { start, end }
            })
            .collect()
    }

    /// Like [`find_quote`].
    pub fn find(&self, quote: &str, occurrence: Option<usize>) -> Result<QuoteRange, QuoteError> {
        let hay = &self.hay;
        let needle = fold(quote.trim(), false).text;
        if needle.is_empty() {
            return Err(QuoteError::NotFound {
                longest_prefix: None,
                composed_apart: false,
            });
        }
        // Non-overlapping, like `match_indices`.
        let starts: Vec<usize> =
            memchr::memmem::find_iter(hay.text.as_bytes(), needle.as_bytes()).collect();
        let pick = match (starts.len(), occurrence) {
            (0, _) => {
                return Err(QuoteError::NotFound {
                    longest_prefix: longest_prefix(&hay.text, &needle),
                    composed_apart: found_composed(&hay.text, &needle),
                })
            }
            (1, None) => starts[0],
            (n, None) => return Err(QuoteError::Ambiguous { count: n }),
            (n, Some(k)) if k == 0 || k > n => {
                return Err(QuoteError::NoSuchOccurrence {
                    count: n,
                    wanted: k,
                })
            }
            (_, Some(k)) => starts[k - 1],
        };
        let (start, end) = hay.original_range(pick, pick + needle.len());
        Ok(QuoteRange { start, end })
    }
}

/// Whether `needle` is in `hay` once both are composed (NFC). Asked only
/// of a quote not found, so the body is composed only then.
fn found_composed(hay: &str, needle: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    if hay.is_ascii() && needle.is_ascii() {
        return false;
    }
    let hay: String = hay.nfc().collect();
    hay.contains(&needle.nfc().collect::<String>())
}

/// The longest leading run of the quote's words that the text does contain,
/// to show the author where the quote stops matching.
fn longest_prefix(hay: &str, needle: &str) -> Option<String> {
    let words: Vec<&str> = needle.split(' ').collect();
    (1..words.len())
        .rev()
        .map(|n| words[..n].join(" "))
        .find(|p| {
            p.chars().count() >= 8
                && hay.match_indices(p.as_str()).any(|(i, m)| {
                    !hay[i + m.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
                })
        })
}

/// Up to `n` characters before `start` and after `end`, within one block.
pub fn context(plain: &str, start: usize, end: usize, n: usize) -> (String, String) {
    let before: String = {
        let b: Vec<char> = plain[..start]
            .chars()
            .rev()
            .take_while(|c| *c != '\u{1}')
            .take(n)
            .collect();
        b.into_iter().rev().collect()
    };
    let after: String = plain[end..]
        .chars()
        .take_while(|c| *c != '\u{1}')
        .take(n)
        .collect();
    (before, after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_with_folded_quotes_and_space() {
        let plain = "He said “open  fire” now.";
        let r = find_quote(plain, "said \"open fire\"", None).unwrap();
        assert_eq!(&plain[r.start..r.end], "said “open  fire”");
    }

    #[test]
    fn repeated_quote_needs_occurrence() {
        let plain = "one two\u{1}one three";
        assert_eq!(
            find_quote(plain, "one", None),
            Err(QuoteError::Ambiguous { count: 2 })
        );
        let r = find_quote(plain, "one", Some(2)).unwrap();
        assert_eq!(r.start, 8);
        assert_eq!(
            find_quote(plain, "one", Some(3)),
            Err(QuoteError::NoSuchOccurrence {
                count: 2,
                wanted: 3
            })
        );
    }

    #[test]
    fn not_found_reports_longest_prefix() {
        let e = find_quote(
            "the troops did not fire at all",
            "the troops did not fire a single shot",
            None,
        )
        .unwrap_err();
        assert_eq!(
            e,
            QuoteError::NotFound {
                longest_prefix: Some("the troops did not fire".into()),
                composed_apart: false,
            }
        );
    }

    #[test]
    fn a_quote_that_differs_in_composition_only_is_told_so() {
        // "Żaneta" with a composed Ż in the body, Z and a combining dot in
        // the quote (as some editors and PDFs write it), and the reverse.
        let (composed, decomposed) = ("Mayor \u{17B}aneta said", "Mayor Z\u{307}aneta said");
        for (plain, quote) in [(composed, decomposed), (decomposed, composed)] {
            let e = find_quote(plain, quote, None).unwrap_err();
            assert!(
                matches!(
                    e,
                    QuoteError::NotFound {
                        composed_apart: true,
                        ..
                    }
                ),
                "{e:?}"
            );
        }
        let other = find_quote(composed, "Mayor Zaneta said", None).unwrap_err();
        assert!(matches!(
            other,
            QuoteError::NotFound {
                composed_apart: false,
                ..
            }
        ));
    }

    #[test]
    fn context_stops_at_block_edges() {
        let plain = "abc\u{1}def ghi\u{1}jkl";
        assert_eq!(context(plain, 8, 11, 10), ("def ".into(), "".into()));
    }
}
