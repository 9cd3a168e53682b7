//! Provenance: every paragraph of an article body must stand in its seed,
//! compared after folding whitespace, typographic quotes and emphasis marks.
//! The seed is its [`SeedText`]: as written, or for a Markdown seed as it
//! renders, so that a body copied from it always passes.

use super::fold::folded;
use super::markdown::{Block, SeedText};

/// Where a paragraph of a body stands in its seed, for the warnings
/// (`cut-quotation`): the bytes of the folded seed text it matched,
/// `fold(SeedText::text(), true)` (which maps them back to that text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// Byte offset of the paragraph in the article file.
    pub file_offset: usize,
    pub folded: std::ops::Range<usize>,
}

/// A body block that its seed does not contain.
pub(super) struct Missing<'a> {
    pub block: &'a Block,
    /// The seed line most like the block, to show the author.
    pub closest: Option<String>,
}

/// The folded seed text, prepared once per seed.
pub(super) struct FoldedSeed<'s> {
    text: String,
    /// The seed text unfolded, for hints (only a failing check needs it).
    seed: SeedText<'s>,
}

impl<'s> FoldedSeed<'s> {
    pub(super) fn new(seed: SeedText<'s>) -> FoldedSeed<'s> {
        FoldedSeed {
            text: folded(seed.text(), true),
            seed,
        }
    }

    fn closest_line(&self, block: &str) -> Option<String> {
        let words: std::collections::HashSet<String> = folded(block, true)
            .split(' ')
            .map(str::to_lowercase)
            .collect();
        self.seed
            .text()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| {
                let shared = folded(l, true)
                    .split(' ')
                    .filter(|w| words.contains(&w.to_lowercase()))
                    .count();
                (shared, l)
            })
            .filter(|(shared, _)| *shared > 0)
            .max_by_key(|(shared, _)| *shared)
            .map(|(_, l)| l.to_string())
    }
}

/// The blocks of `blocks` that `seed` does not contain, and where the
/// others stand in it.
pub(super) fn check<'a>(
    blocks: &'a [Block],
    seed: &FoldedSeed,
) -> (Vec<Missing<'a>>, Vec<Excerpt>) {
    let hay = seed.text.as_str();
    // Where the last paragraph found ends: a body mostly follows its seed,
    // so the next one is first looked for there (a comparison, not a
    // search, whose set-up costs more than the search in a short seed).
    let mut cursor = 0;
    let mut missing = Vec::new();
    let mut found_at = Vec::with_capacity(blocks.len());
    for b in blocks.iter().filter(|b| !b.text.trim().is_empty()) {
        let needle = folded(&b.text, true);
        let next = hay[cursor..].trim_start();
        let found = if next.starts_with(needle.as_str()) {
            Some(hay.len() - next.len())
        } else {
            memchr::memmem::find(hay.as_bytes(), needle.as_bytes())
        };
        match found {
            Some(at) => {
                cursor = at + needle.len();
                found_at.push(Excerpt {
                    file_offset: b.file_offset,
                    folded: at..cursor,
                });
            }
            None => missing.push(Missing {
                block: b,
                closest: seed.closest_line(&b.text),
            }),
        }
    }
    (missing, found_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> Block {
        Block {
            text: text.into(),
            file_offset: 0,
        }
    }

    #[test]
    fn folds_typography_and_emphasis() {
        let seed = FoldedSeed::new(SeedText::as_written(
            "He said “open fire”.\n\nNext   line here.",
        ));
        let blocks = vec![block("He said \"open fire\"."), block("Next line here.")];
        assert!(check(&blocks, &seed).0.is_empty());
    }

    #[test]
    fn paragraphs_may_stand_in_any_order_and_repeat() {
        let seed = FoldedSeed::new(SeedText::as_written("One two.\n\nThree four.\n\nFive six."));
        let blocks = vec![
            block("Five six."),
            block("One two."),
            block("Three four."),
            block("Three four."),
            block("Seven."),
            block("Five six."),
        ];
        let (missing, found) = check(&blocks, &seed);
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].block.text, "Seven.");
        let at: Vec<_> = found.iter().map(|e| e.folded.clone()).collect();
        assert_eq!(at, [21..30, 0..8, 9..20, 9..20, 21..30]);
    }

    /// Whether an article whose body is `text` links, its seed `seed`
    /// holding the same text.
    fn body_is_its_seed(seed: &str, text: &str) -> bool {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        for sub in ["content/articles", "seeds"] {
            std::fs::create_dir_all(root.join(sub)).expect("a folder");
        }
        let article = format!(
            "---\ntitle: A\nsource:\n  name: S\npublished: 2031-05-14\nseed: {seed}\n---\n{text}"
        );
        let files = [
            ("book.toml", "[book]\ntitle = \"T\"\n"),
            ("content/articles/a.md", &article),
            (&format!("seeds/{seed}"), text),
        ];
        for (path, text) in files {
            std::fs::write(root.join(path), text).expect("a file");
        }
        let dossier = crate::load::load(root).expect("loads");
        crate::link::link(&dossier).is_ok()
    }

    /// What the provenance check of a Markdown seed against its raw text
    /// got wrong, one example of each: a body copied from a `.md` seed now
    /// passes; copied from a `.txt` seed, the same text still does not
    /// (the body renders, the plain seed does not).
    #[test]
    fn a_markdown_seed_is_compared_as_it_renders() {
        let cases = [
            (
                "hard break",
                "Kestrel Bay\\\nWater Company said.  \nOn Monday.\n",
            ),
            (
                "entity",
                "Tom &amp; Jerry &copy; 2031 &#8212; all rights.\n",
            ),
            ("escape", "Prices rose 5\\% and \\*not\\* 6\\%\\.\n"),
            (
                "reference link",
                "See [the report][1] (PDF).\n\n[1]: https://example.org/r.pdf \"Report\"\n",
            ),
            (
                "block quote",
                "> The mayor said the\n> bridge would reopen.\n",
            ),
        ];
        for (class, text) in cases {
            assert!(body_is_its_seed("a.md", text), "{class}: {text:?}");
            assert!(!body_is_its_seed("a.txt", text), "{class}: {text:?}");
        }
    }

    #[test]
    fn reports_missing_with_closest_line() {
        let seed = FoldedSeed::new(SeedText::as_written("Alpha beta gamma.\nDelta epsilon."));
        let blocks = vec![block("Alpha beta GAMMA changed.")];
        let (missing, _) = check(&blocks, &seed);
        assert_eq!(missing.len(), 1);
        assert_eq!(missing[0].closest.as_deref(), Some("Alpha beta gamma."));
    }
}
