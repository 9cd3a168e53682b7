//! Where an annotation's quote stands in its article's seed, the verbatim
//! text the site publishes: for the Web Annotation target on the seed, a
//! TextQuoteSelector and a TextPositionSelector whose offsets count Unicode
//! code points (as the Web Annotation model says), and for the original
//! page a TextQuoteSelector a tool like Hypothesis can anchor.
//!
//! The quote is found in the rendered body; the body stands in the seed's
//! text once whitespace and typography are folded (the provenance check),
//! so the quote is looked for in that text the same way. When it stands
//! there more than once, the occurrence whose surroundings best match the
//! body's prefix and suffix is taken. The seed's text is the seed as
//! written, or for a Markdown seed the text it renders to ([`SeedText`]):
//! the quote found there is then the slice of the Markdown it comes from.

use crate::link::markdown::SeedText;
use crate::link::quotes::Haystack;
use crate::link::LinkedAnnotation;

/// Characters of context before and after a quote: what Hypothesis keeps.
const CONTEXT: usize = 32;

/// An annotation's quote as it stands in the seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SeedQuote<'s> {
    /// Code points before the quote in the seed as written (and published).
    pub start: usize,
    /// Code points before the end of the quote.
    pub end: usize,
    /// The seed's text from `start` to `end`.
    pub exact: &'s str,
    /// Up to 32 characters before and after, within the paragraph.
    pub prefix: &'s str,
    pub suffix: &'s str,
    /// The quote and its context as a reader of the original page sees
    /// them: whitespace folded ([`as_shown`]), and a Markdown seed's text
    /// as it renders.
    pub shown: [String; 3],
}

/// The quote of `a` in `seed` (`hay` is its text folded, made once per
/// seed), or `None` when it is not there.
pub(super) fn locate<'s>(
    seed: &SeedText<'s>,
    hay: &Haystack,
    a: &LinkedAnnotation,
) -> Option<SeedQuote<'s>> {
    let text = seed.text();
    let (from, to) = best_place(text, hay, a)?;
    let shown = [
        as_shown(&text[from..to]),
        as_shown(context_before(text, from)),
        as_shown(context_after(text, to)),
    ];
    let (
        seed,
        std::ops::Range {
            start: from,
            end: to,
        },
    ) = (seed.seed(), seed.in_seed(from..to));
    let start = seed[..from].chars().count();
    let exact = &seed[from..to];
    Some(SeedQuote {
        start,
        end: start + exact.chars().count(),
        exact,
        prefix: context_before(seed, from),
        suffix: context_after(seed, to),
        shown,
    })
}

/// Of every place of the quote of `a` in `text`, one whose surroundings
/// match the body's context best; of places alike (a paragraph the seed
/// and the body hold twice), the one in the same order as in the body.
fn best_place(text: &str, hay: &Haystack, a: &LinkedAnnotation) -> Option<(usize, usize)> {
    let scored: Vec<(usize, (usize, usize))> = (hay.find_all(&a.exact).into_iter())
        .map(|r| (r.start, r.end))
        .filter(|(s, e)| text.get(*s..*e).is_some())
        .map(|(s, e)| {
            let mut score =
                common_suffix(&text[..s], &a.prefix) + common_prefix(&text[e..], &a.suffix);
            // A quote at a paragraph's start or end in the body is one
            // there in the seed too, rather than inside another sentence.
            score += usize::from(a.prefix.is_empty() && context_before(text, s).is_empty());
            score += usize::from(a.suffix.is_empty() && context_after(text, e).is_empty());
            (score, (s, e))
        })
        .collect();
    let best = scored.iter().map(|(score, _)| *score).max()?;
    let alike: Vec<(usize, usize)> = (scored.into_iter())
        .filter(|(score, _)| *score == best)
        .map(|(_, place)| place)
        .collect();
    alike.get(a.rank_alike).or(alike.last()).copied()
}

/// `s` with each whitespace run as one space, and none at either end.
fn words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// How many characters `a` and `b` end with alike, whitespace folded.
fn common_suffix(a: &str, b: &str) -> usize {
    let (a, b) = (words(tail(a)), words(b));
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// How many characters `a` and `b` start with alike, whitespace folded.
fn common_prefix(a: &str, b: &str) -> usize {
    let (a, b) = (words(head(a)), words(b));
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// At most the last `4 × CONTEXT` characters of `s`: enough to compare
/// with a context of `CONTEXT` characters, whitespace folded or not.
fn tail(s: &str) -> &str {
    let from = s
        .char_indices()
        .rev()
        .nth(4 * CONTEXT)
        .map_or(0, |(i, _)| i);
    s[from..].trim_end()
}

/// At most the first `4 × CONTEXT` characters of `s`.
fn head(s: &str) -> &str {
    let to = s
        .char_indices()
        .nth(4 * CONTEXT)
        .map_or(s.len(), |(i, _)| i);
    s[..to].trim_start()
}

/// Up to `CONTEXT` characters before byte `at`, after the last blank line,
/// without leading whitespace.
fn context_before(seed: &str, at: usize) -> &str {
    let from = seed[..at]
        .char_indices()
        .rev()
        .take(CONTEXT)
        .last()
        .map_or(at, |(i, _)| i);
    let s = &seed[from..at];
    s[after_last_break(s)..].trim_start()
}

/// Up to `CONTEXT` characters after byte `at`, before the next blank line,
/// without trailing whitespace.
fn context_after(seed: &str, at: usize) -> &str {
    let rest = &seed[at..];
    let to = rest
        .char_indices()
        .nth(CONTEXT)
        .map_or(rest.len(), |(i, _)| i);
    let s = &rest[..to];
    s[..before_first_break(s)].trim_end()
}

/// Whether `s` ends a line that is blank (only spaces, tabs or `\r`)
/// together with the newline before it.
fn ends_blank_line(s: &str) -> bool {
    s.trim_end_matches([' ', '\t', '\r']).ends_with('\n')
}

/// The byte offset just past the last paragraph break in `s` (0 if none).
fn after_last_break(s: &str) -> usize {
    s.match_indices('\n')
        .rfind(|(i, _)| ends_blank_line(&s[..*i]))
        .map_or(0, |(i, _)| i + 1)
}

/// The byte offset of the first paragraph break in `s` (its length if none).
fn before_first_break(s: &str) -> usize {
    s.match_indices('\n')
        .find(|(i, _)| {
            s[i + 1..]
                .trim_start_matches([' ', '\t', '\r'])
                .starts_with('\n')
        })
        .map_or(s.len(), |(i, _)| i)
}

/// `s` with each whitespace run as one space, as a browser shows a page's
/// text: the selector for the original page, whose text is HTML. A run at
/// either end stays a space, which keeps a prefix or suffix adjacent to
/// its quote.
fn as_shown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    if s.starts_with(char::is_whitespace) {
        out.push(' ');
    }
    out.push_str(&words(s));
    if s.ends_with(char::is_whitespace) && !s.trim().is_empty() {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::LinkedText;
    use crate::model::AnnotationKind;

    fn ann(exact: &str, prefix: &str, suffix: &str) -> LinkedAnnotation {
        LinkedAnnotation {
            id: crate::model::NoteId::derive(exact, None),
            number: 1,
            kind: AnnotationKind::Context,
            exact: exact.into(),
            prefix: prefix.into(),
            suffix: suffix.into(),
            rank_alike: 0,
            note_markdown: String::new(),
            note: LinkedText::default(),
            actors: Vec::new(),
            events: Vec::new(),
        }
    }

    /// The seed's code points from `start` to `end`.
    fn slice(seed: &str, start: usize, end: usize) -> String {
        seed.chars().skip(start).take(end - start).collect()
    }

    #[test]
    fn offsets_count_code_points_not_bytes() {
        let seed = "Title\n\nMayor Żaneta Kowalska said “no leak” — Иванова agreed.\n";
        let a = ann("Иванова agreed", "said \"no leak\" - ", ".");
        let q = locate(&SeedText::as_written(seed), &Haystack::new(seed), &a).unwrap();
        assert_eq!(q.exact, "Иванова agreed");
        assert_eq!(slice(seed, q.start, q.end), q.exact);
        assert_eq!(
            q.start,
            seed.find("Иванова")
                .map(|b| seed[..b].chars().count())
                .unwrap()
        );
        assert_eq!(q.prefix, "aneta Kowalska said “no leak” — ");
        assert_eq!(q.suffix, ".");
        // A quote with typographic marks folded: the seed's own text.
        let a = ann("said \"no leak\"", "Kowalska ", " -");
        let q = locate(&SeedText::as_written(seed), &Haystack::new(seed), &a).unwrap();
        assert_eq!(q.exact, "said “no leak”");
        assert_eq!(slice(seed, q.start, q.end), q.exact);
    }

    #[test]
    fn the_occurrence_with_matching_context_is_taken() {
        let seed = "We will publish the results, he said.\n\nWe will publish the results in full.";
        let a = ann("We will publish the results", "", " in full.");
        let q = locate(&SeedText::as_written(seed), &Haystack::new(seed), &a).unwrap();
        assert_eq!(q.start, 39);
        assert_eq!(q.prefix, "");
        assert_eq!(q.suffix, " in full.");
        let a = ann("We will publish the results", "", ", he said.");
        let q = locate(&SeedText::as_written(seed), &Haystack::new(seed), &a).unwrap();
        assert_eq!((q.start, q.prefix, q.suffix), (0, "", ", he said."));
    }

    /// A short quote standing hundreds of times in a long seed (a
    /// transcript's "he said"): every place is weighed, not the first few
    /// hundred.
    #[test]
    fn every_place_of_a_frequent_quote_is_weighed() {
        let seed: String = (1..=300)
            .map(|k| format!("Item {k}: the mayor said yes.\n"))
            .collect();
        let a = ann("the mayor said yes", "Item 250: ", ".");
        let q = locate(&SeedText::as_written(&seed), &Haystack::new(&seed), &a).unwrap();
        assert!(q.prefix.ends_with("\nItem 250: "), "{}", q.prefix);
        assert_eq!(
            q.start,
            seed.find("Item 250:").unwrap() + "Item 250: ".len()
        );
    }

    /// A paragraph the body and the seed both hold twice: the second
    /// copy's note is placed on the seed's second copy.
    #[test]
    fn places_alike_are_taken_in_the_body_s_order() {
        let seed = "The river turned brown.\n\nOfficials met.\n\nThe river turned brown.\n";
        let mut a = ann("The river turned brown", "", ".");
        let first = locate(&SeedText::as_written(seed), &Haystack::new(seed), &a).unwrap();
        a.rank_alike = 1;
        let second = locate(&SeedText::as_written(seed), &Haystack::new(seed), &a).unwrap();
        assert_eq!((first.start, second.start), (0, 41));
        // The same words inside another paragraph are not alike: the
        // paragraphs that start with them are counted.
        let seed = "He said no. The river turned brown.\n\nThe river turned brown.\n\nThe river turned brown.\n";
        let q = locate(&SeedText::as_written(seed), &Haystack::new(seed), &a).unwrap();
        assert_eq!(q.start, seed.rfind("The river").unwrap());
    }

    #[test]
    fn context_stops_at_paragraph_breaks_and_hard_wraps_are_kept() {
        let seed =
            "First paragraph.\r\n\r\nThe river had changed\r\ncolour overnight.\r\n\r\nNext.";
        let a = ann("changed colour", "The river had ", " overnight.");
        let q = locate(&SeedText::as_written(seed), &Haystack::new(seed), &a).unwrap();
        assert_eq!(q.exact, "changed\r\ncolour");
        assert_eq!(q.prefix, "The river had ");
        assert_eq!(q.suffix, " overnight.");
        assert_eq!(as_shown(q.exact), "changed colour");
        assert_eq!(as_shown(" on\r\n Monday "), " on Monday ");
        assert_eq!(as_shown("  "), " ");
    }

    /// In a Markdown seed the quote is found in the text it renders to,
    /// and given as the slice of the Markdown it comes from.
    #[test]
    fn a_markdown_seed_is_sliced_where_its_rendered_text_matches() {
        let md = "# Spill\n\n> The *river* had\n> changed &amp; colour overnight.\n";
        let seed = SeedText::rendered(md);
        let hay = Haystack::new(seed.text());
        let a = ann("river had changed & colour", "The ", " overnight.");
        let q = locate(&seed, &hay, &a).unwrap();
        assert_eq!(q.exact, "river* had\n> changed &amp; colour");
        assert_eq!(slice(md, q.start, q.end), q.exact);
        assert_eq!((q.prefix, q.suffix), ("> The *", " overnight."));
        assert_eq!(
            q.shown,
            ["river had changed & colour", "The ", " overnight."].map(String::from)
        );
    }

    #[test]
    fn a_quote_not_in_the_seed_is_none() {
        let seed = "Nothing here.";
        assert_eq!(
            locate(
                &SeedText::as_written(seed),
                &Haystack::new(seed),
                &ann("absent", "", "")
            ),
            None
        );
    }
}
