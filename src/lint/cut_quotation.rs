//! `cut-quotation`: the provenance check accepts any run of the seed's
//! words, so 'the protesters were armed', taken from 'Police said the
//! protesters were armed.', passes, its attribution gone; so does a sentence
//! cut in half. A body paragraph should start and end where the seed's
//! sentences (or lines) do.
//!
//! Linking recorded where each paragraph stands in the folded seed text
//! ([`Excerpt`]); the seed text is folded again here, with the map back to
//! its bytes, to look at what stands around the paragraph in it (the seed
//! as written, or a Markdown seed as it renders: [`SeedText`]).

use super::{rest_of_line, Warning, CUT_QUOTATION};
use crate::link::fold::fold;
use crate::link::markdown::SeedText;
use crate::link::provenance::Excerpt;
use crate::link::{Linked, LinkedArticle};
use crate::model::{Article, Dossier};
use crate::util::text::truncate;
use rayon::prelude::*;

/// Characters that end a sentence.
const STOPS: &[char] = &['.', '!', '?', '…'];

/// Quotes and brackets, which may stand between a sentence's end and the
/// next one's start.
fn is_quote_or_bracket(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '(' | ')' | '[' | ']'
    )
}

/// Whether a sentence starts at byte `at` of `seed`: at its start, at a
/// line's start, or after a sentence's end.
pub(super) fn starts_sentence(seed: &str, at: usize) -> bool {
    let before = seed[..at]
        .trim_end_matches(|c: char| (c.is_whitespace() && c != '\n') || is_quote_or_bracket(c));
    before.is_empty() || before.ends_with('\n') || before.ends_with(STOPS)
}

/// Whether a sentence ends at byte `at` of `seed`: at its end, at a line's
/// end, or after a sentence's end.
pub(super) fn ends_sentence(seed: &str, at: usize) -> bool {
    let after = seed[at..]
        .trim_start_matches(|c: char| (c.is_whitespace() && c != '\n') || is_quote_or_bracket(c));
    if after.is_empty() || after.starts_with('\n') {
        return true;
    }
    let inside = seed[..at].trim_end_matches(|c: char| c.is_whitespace() || is_quote_or_bracket(c));
    inside.ends_with(STOPS)
}

/// The sentence (or sentences) of `seed` around bytes `start..end`.
fn sentence_around(seed: &str, start: usize, end: usize) -> &str {
    let mut from = start;
    while from > 0 && !starts_sentence(seed, from) {
        from = seed[..from]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i);
    }
    let mut to = end;
    while to < seed.len() && !ends_sentence(seed, to) {
        to += seed[to..].chars().next().map_or(1, char::len_utf8);
    }
    seed[from..to].trim()
}

pub(super) fn check(d: &Dossier, linked: &Linked) -> Vec<Warning> {
    d.articles
        .par_with_ids()
        .flat_map_iter(|(id, article)| check_article(d, article, linked.article(id)))
        .collect()
}

fn check_article(d: &Dossier, article: &Article, la: &LinkedArticle) -> Vec<Warning> {
    let Some(seed) = d.seeds.get(&article.seed) else {
        return Vec::new();
    };
    if la.excerpts.is_empty() {
        return Vec::new();
    }
    let seed = SeedText::of(seed);
    let seed = seed.text();
    let folded = fold(seed, true);
    let mut found = Vec::new();
    for excerpt in &la.excerpts {
        if excerpt.folded.end > folded.text.len() {
            continue;
        }
        let (start, end) = folded.original_range(excerpt.folded.start, excerpt.folded.end);
        let cut_start = !starts_sentence(seed, start);
        let cut_end = !ends_sentence(seed, end);
        if cut_start || cut_end {
            let where_ = match (cut_start, cut_end) {
                (true, true) => "begins and ends",
                (true, false) => "begins",
                _ => "ends",
            };
            found.push(warning(article, excerpt, seed, (start, end), where_));
        }
    }
    found
}

fn warning(
    article: &Article,
    excerpt: &Excerpt,
    seed: &str,
    (start, end): (usize, usize),
    where_: &str,
) -> Warning {
    let src = &article.text;
    let message = format!(
        "this paragraph {where_} inside a sentence of the seed `{}`",
        article.seed
    );
    let hint = format!(
        "quote whole sentences; the seed has: \"{}\"",
        truncate(sentence_around(seed, start, end), 160)
    );
    Warning::new(CUT_QUOTATION, &src.path, message, &seed[start..end]).with(|w| {
        w.at_span(&src.file, rest_of_line(&src.file, excerpt.file_offset))
            .hint(hint)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_start_after_stops_and_at_lines() {
        let seed = "Police said the protesters were armed. “They ran.” Then\nNext line";
        let at = |s: &str| seed.find(s).unwrap();
        assert!(starts_sentence(seed, 0));
        assert!(!starts_sentence(seed, at("the protesters")));
        assert!(starts_sentence(seed, at("“They")));
        assert!(starts_sentence(seed, at("They")));
        assert!(starts_sentence(seed, at("Then")));
        assert!(starts_sentence(seed, at("Next")));
        assert!(ends_sentence(seed, at(" “They")));
        assert!(!ends_sentence(seed, at(" were armed")));
        assert!(ends_sentence(seed, at(" Then")));
        assert!(ends_sentence(seed, at("\nNext")));
        assert!(ends_sentence(seed, seed.len()));
    }

    #[test]
    fn the_whole_sentence_is_shown() {
        let seed = "First. Police said the protesters were armed. Last.";
        let s = seed.find("the protesters").unwrap();
        let e = seed.find(" were").unwrap();
        assert_eq!(
            sentence_around(seed, s, e),
            "Police said the protesters were armed."
        );
    }
}

#[cfg(test)]
mod fixture_tests {
    use super::super::testing::{files, fixture, shown};
    use super::check;

    /// The cut quotations of an article with `body` taken from `seed`.
    fn cut(body: &str, seed: &str) -> Vec<String> {
        cut_from("a.txt", body, seed)
    }

    /// The cut quotations of an article with `body` taken from the seed
    /// `file`, which holds `seed`.
    fn cut_from(file: &str, body: &str, seed: &str) -> Vec<String> {
        let article = format!(
            "---\ntitle: A\nsource:\n  name: S\npublished: 2031-05-14\nseed: {file}\n---\n{body}\n"
        );
        let all = [
            ("content/articles/a.md".to_string(), article),
            (format!("seeds/{file}"), seed.to_string()),
        ];
        let f = fixture(&files(&all));
        shown(&check(&f.dossier, &f.linked))
    }

    /// A Markdown seed's sentences are those it renders: its markup (a
    /// block quote's `>`, a heading's `#`) neither starts nor cuts one.
    #[test]
    fn a_markdown_seed_is_read_as_it_renders() {
        let seed = "# HEADLINE\n\n> Police said the protesters were armed. They\n> ran.\n";
        for whole in [
            "HEADLINE",
            "> They ran.",
            "Police said the protesters were armed.",
        ] {
            assert_eq!(
                cut_from("a.md", whole, seed),
                Vec::<String>::new(),
                "{whole}"
            );
        }
        assert_eq!(
            cut_from("a.md", "the protesters were armed.", seed),
            ["cut-quotation: this paragraph begins inside a sentence of the seed `a.md` @ 8"]
        );
    }

    #[test]
    fn an_excerpt_must_start_and_end_on_the_seeds_sentences() {
        let seed = "HEADLINE\nPolice said the protesters were armed. They ran.\nLast line";
        assert_eq!(
            cut("the protesters were armed.", seed),
            ["cut-quotation: this paragraph begins inside a sentence of the seed `a.txt` @ 8"]
        );
        assert_eq!(
            cut("Police said the protesters", seed),
            ["cut-quotation: this paragraph ends inside a sentence of the seed `a.txt` @ 8"]
        );
        assert_eq!(
            cut("said the protesters", seed),
            ["cut-quotation: this paragraph begins and ends inside a sentence of the seed `a.txt` @ 8"]
        );
        // Whole sentences, whole lines (a heading has no full stop), with
        // emphasis and typographic quotes folded.
        for whole in [
            "Police said the protesters were armed.",
            "They ran.",
            "# HEADLINE",
            "Last line",
            "Police said *the protesters* were armed. They ran.",
        ] {
            assert_eq!(cut(whole, seed), Vec::<String>::new(), "{whole}");
        }
    }
}
