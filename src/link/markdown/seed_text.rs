//! The text of a seed that bodies are compared with, by the provenance
//! check, the `cut-quotation` warning and the exports' selectors.
//!
//! A seed is compared as it is written, except a Markdown seed (`.md`):
//! a body copied from it is compared as the reader sees it, rendered, so
//! the seed is too, its text taken as a body's is (`tokens.rs`: the same
//! pulldown-cmark options; text in images, code and raw HTML left out; a
//! hard break joins its lines; entities and escapes as they render). Its
//! blocks are separated by a blank line and its soft breaks kept as line
//! ends, so that it reads as a plain seed does. Each piece of that text
//! remembers the bytes of the seed it comes from, so that what is found in
//! it can be shown as a slice of the seed as published.

use super::tokens::{is_inline_end, is_inline_tag};
use crate::model::Seed;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::ops::Range;

/// A seed's text as bodies are compared with it.
pub(crate) struct SeedText<'s> {
    /// The seed as written (and published).
    seed: &'s str,
    text: Cow<'s, str>,
    /// Where the pieces of a rendered text come from, in order; `None`
    /// when the text is the seed as written.
    pieces: Option<Vec<Piece>>,
}

/// A piece of a rendered text and the bytes of the seed it comes from.
struct Piece {
    /// Its first byte in the text.
    at: usize,
    from: Range<usize>,
    /// Whether it is those bytes as written (each byte of it is one of
    /// the seed's), or stands for them as a whole (an entity, an escape,
    /// the break between two blocks).
    verbatim: bool,
}

/// Whether a seed is Markdown, by its name (as the exports' media type).
fn is_markdown(file: &str) -> bool {
    file.rsplit_once('.')
        .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("md"))
}

impl<'s> SeedText<'s> {
    pub(crate) fn of(seed: &'s Seed) -> Self {
        if is_markdown(&seed.file) {
            Self::rendered(&seed.text)
        } else {
            Self::as_written(&seed.text)
        }
    }

    pub(crate) fn as_written(seed: &'s str) -> Self {
        SeedText {
            seed,
            text: Cow::Borrowed(seed),
            pieces: None,
        }
    }

    /// The text Markdown `seed` renders to, taken as a body's is.
    pub(crate) fn rendered(seed: &'s str) -> Self {
        let mut out = Rendered::default();
        let (mut in_image, mut in_code_or_html) = (0usize, false);
        for (ev, range) in Parser::new_ext(seed, super::options()).into_offset_iter() {
            match ev {
                Event::Start(Tag::Image { .. }) => in_image += 1,
                Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
                Event::Start(tag) if !is_inline_tag(&tag) => {
                    in_code_or_html = matches!(tag, Tag::CodeBlock(_) | Tag::HtmlBlock);
                    out.block_break(range.start);
                }
                Event::End(tag) if !is_inline_end(&tag) => {
                    in_code_or_html = false;
                    out.block_break(range.end);
                }
                Event::Rule => out.block_break(range.start),
                Event::Text(t) if in_image == 0 && !in_code_or_html => out.push(&t, range, seed),
                Event::SoftBreak if in_image == 0 => out.push("\n", range, seed),
                _ => {}
            }
        }
        let end = out.text.trim_end().len();
        out.text.truncate(end);
        SeedText {
            seed,
            text: Cow::Owned(out.text),
            pieces: Some(out.pieces),
        }
    }

    /// The text bodies are compared with.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The seed as written.
    pub(crate) fn seed(&self) -> &'s str {
        self.seed
    }

    /// The bytes of the seed as written that bytes `range` of the text
    /// come from.
    pub(crate) fn in_seed(&self, range: Range<usize>) -> Range<usize> {
        let Some(pieces) = &self.pieces else {
            return range;
        };
        // The piece holding a byte: the last one starting at or before it.
        let piece = |byte: usize| &pieces[pieces.partition_point(|p| p.at <= byte).max(1) - 1];
        let Some(first) = pieces.first() else {
            return 0..0;
        };
        let start = match piece(range.start) {
            p if p.verbatim => p.from.start + (range.start - p.at),
            p => p.from.start,
        };
        let end = match range.end.checked_sub(1).map(piece) {
            Some(p) if p.verbatim => p.from.start + (range.end - p.at),
            Some(p) => p.from.end,
            None => first.from.start,
        };
        start..end.max(start)
    }
}

/// A rendered text being made.
#[derive(Default)]
struct Rendered {
    text: String,
    pieces: Vec<Piece>,
}

impl Rendered {
    /// Text `t`, rendered from bytes `from` of `seed`.
    fn push(&mut self, t: &str, from: Range<usize>, seed: &str) {
        self.pieces.push(Piece {
            at: self.text.len(),
            verbatim: seed.get(from.clone()) == Some(t),
            from,
        });
        self.text.push_str(t);
    }

    /// A blank line between two blocks (one only, and none before the
    /// first), standing at byte `at` of the seed.
    fn block_break(&mut self, at: usize) {
        if self.text.is_empty() || self.text.ends_with("\n\n") {
            return;
        }
        self.pieces.push(Piece {
            at: self.text.len(),
            from: at..at,
            verbatim: false,
        });
        self.text.push_str("\n\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The seed's bytes behind `part` of the rendered text.
    fn behind<'s>(s: &SeedText<'s>, part: &str) -> &'s str {
        let at = s.text().find(part).expect("in the text");
        let r = s.in_seed(at..at + part.len());
        &s.seed()[r]
    }

    #[test]
    fn a_plain_seed_is_its_own_text() {
        let s = SeedText::as_written("a *b*\\\n&amp;");
        assert_eq!(s.text(), "a *b*\\\n&amp;");
        assert_eq!(s.in_seed(2..5), 2..5);
    }

    #[test]
    fn markdown_renders_as_a_body_does() {
        let md = "# Head\n\nfoo\\\nbar  \nbaz *em*\nnext\n\n> quoted\n> on\n\n    code\n\n\
                  ![alt](x.png) `code` &amp; \\* [ref]\n\n[ref]: /url\n";
        let s = SeedText::rendered(md);
        assert_eq!(
            s.text(),
            "Head\n\nfoobarbaz em\nnext\n\nquoted\non\n\n  & * ref"
        );
        assert_eq!(behind(&s, "baz em"), "baz *em");
        assert_eq!(behind(&s, "quoted\non"), "quoted\n> on");
        assert_eq!(behind(&s, "& *"), "&amp; \\*");
        assert_eq!(behind(&s, "ref"), "ref");
    }

    proptest::proptest! {
        /// Whatever the Markdown, any range of its text maps to a slice of
        /// it, in order.
        #[test]
        fn every_range_maps_to_a_slice_of_the_seed(
            md in "([a-z ]|[\\n>*_#`\\\\&;\\[\\]()!-]|&amp;|&copy;|  \\n|é|—)*",
        ) {
            let s = SeedText::rendered(&md);
            let ends: Vec<usize> = s.text().char_indices().map(|(i, _)| i)
                .chain([s.text().len()]).collect();
            let mut last = 0;
            for (k, &a) in ends.iter().enumerate() {
                for &b in &ends[k..] {
                    let r = s.in_seed(a..b);
                    proptest::prop_assert!(md.get(r.clone()).is_some(), "{r:?}");
                }
                let start = s.in_seed(a..a).start;
                proptest::prop_assert!(start >= last);
                last = start;
            }
        }
    }

    #[test]
    fn only_md_seeds_are_rendered() {
        let seed = |file: &str| Seed {
            file: file.into(),
            path: file.into(),
            text: "a &amp; b".into(),
            utf8: true,
        };
        assert_eq!(SeedText::of(&seed("x.md")).text(), "a & b");
        assert_eq!(SeedText::of(&seed("x.MD")).text(), "a & b");
        assert_eq!(SeedText::of(&seed("x.txt")).text(), "a &amp; b");
        assert_eq!(SeedText::of(&seed("md")).text(), "a &amp; b");
    }
}
