//! The prose of a Markdown text as the `unlinked-mention` rule reads it:
//! the runs of text where linking looks for mentions (not inside links,
//! images, code or raw HTML; a soft line break is a space), each with the
//! file offsets of its pieces, so that a phrase can be placed in the file.
//!
//! The runs are cut where linking cuts them (at any markup), so a name
//! found here is found by the link stage's matcher too.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// One run of linkable text.
#[derive(Debug, Default)]
pub(super) struct Run {
    pub text: String,
    /// For each piece of `text`: its start in `text` and in the file.
    pieces: Vec<(usize, usize)>,
    /// Nothing but block markup stands before the run in its block (a
    /// paragraph, heading, list item, table cell): it opens a sentence.
    pub opens_block: bool,
}

impl Run {
    /// The file offset of byte `at` of the run's text.
    pub(super) fn file_offset(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.0 <= at).saturating_sub(1);
        let (text_start, file_start) = self.pieces.get(i).copied().unwrap_or((0, 0));
        file_start + at.saturating_sub(text_start)
    }

    /// Whether a sentence starts at byte `at` of the run's text: after a
    /// sentence's end (`.`, `!`, `?`, `…`, `:`), or at the start of its
    /// block, quotes and brackets aside.
    pub(super) fn starts_sentence(&self, at: usize) -> bool {
        let before = self.text[..at].trim_end_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '(' | '['
                )
        });
        match before.chars().next_back() {
            None => self.opens_block,
            Some(c) => matches!(c, '.' | '!' | '?' | '…' | ':'),
        }
    }
}

/// Reads pulldown-cmark's events into runs.
#[derive(Default)]
struct Reader {
    runs: Vec<Run>,
    current: Run,
    /// How many links and images the text at hand stands in.
    in_link: usize,
    /// Inside a code block or an HTML block.
    in_code: bool,
    /// Whether any text stood before, in the block at hand.
    block_has_text: bool,
}

impl Reader {
    fn push(&mut self, text: &str, file_offset: usize) {
        if self.current.text.is_empty() {
            self.current.opens_block = !self.block_has_text;
        }
        self.current
            .pieces
            .push((self.current.text.len(), file_offset));
        self.current.text.push_str(text);
        self.block_has_text = true;
    }

    /// Ends the run at hand (markup stands here).
    fn cut(&mut self) {
        if !self.current.text.is_empty() {
            self.runs.push(std::mem::take(&mut self.current));
        }
    }

    fn event(&mut self, ev: Event<'_>, offset: usize) {
        match ev {
            Event::Text(t) if self.in_link == 0 && !self.in_code => self.push(&t, offset),
            Event::SoftBreak if self.in_link == 0 => self.push(" ", offset),
            Event::Text(_) | Event::Code(_) => {
                self.cut();
                self.block_has_text = true;
            }
            Event::Start(tag) => {
                self.cut();
                match tag {
                    Tag::Link { .. } | Tag::Image { .. } => self.in_link += 1,
                    Tag::CodeBlock(_) | Tag::HtmlBlock => self.in_code = true,
                    Tag::Emphasis | Tag::Strong | Tag::Strikethrough => {}
                    _ => self.block_has_text = false,
                }
            }
            Event::End(tag) => {
                self.cut();
                match tag {
                    TagEnd::Link | TagEnd::Image => self.in_link = self.in_link.saturating_sub(1),
                    TagEnd::CodeBlock | TagEnd::HtmlBlock => self.in_code = false,
                    TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {}
                    _ => self.block_has_text = false,
                }
            }
            _ => self.cut(),
        }
    }
}

/// The runs of linkable text of `markdown`, which starts at byte `base` of
/// its file.
pub(super) fn runs(markdown: &str, base: usize) -> Vec<Run> {
    let mut reader = Reader::default();
    let parser = Parser::new_ext(markdown, crate::link::markdown::options());
    for (ev, range) in parser.into_offset_iter() {
        reader.event(ev, base + range.start);
    }
    reader.cut();
    reader.runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(markdown: &str) -> Vec<(String, bool)> {
        runs(markdown, 0)
            .into_iter()
            .map(|r| (r.text, r.opens_block))
            .collect()
    }

    #[test]
    fn links_code_and_images_are_left_out() {
        assert_eq!(
            texts("Scholz met [Macron](https://x) and `Putin`.\n\n![Xi](a.png) Then\nBorrell."),
            [
                ("Scholz met ".into(), true),
                (" and ".into(), false),
                (".".into(), false),
                (" Then Borrell.".into(), false),
            ]
        );
        assert_eq!(
            texts("# Head\n\n```\nScholz\n```\n\n- *Item*"),
            [("Head".into(), true), ("Item".into(), true)]
        );
    }

    #[test]
    fn offsets_lead_back_to_the_file() {
        let md = "He said\nthat Scholz agreed.";
        let run = &runs(md, 100)[0];
        let at = run.text.find("Scholz").unwrap();
        assert_eq!(run.file_offset(at), 100 + md.find("Scholz").unwrap());
    }

    #[test]
    fn sentence_starts() {
        let run = &runs("Scholz spoke. Then “Macron”: Borrell, and (Xi", 0)[0];
        let at = |w: &str| run.text.find(w).unwrap();
        assert!(run.starts_sentence(0));
        assert!(run.starts_sentence(at("Then")));
        assert!(run.starts_sentence(at("Borrell")));
        assert!(!run.starts_sentence(at("Macron")));
        assert!(!run.starts_sentence(at("Xi")));
    }
}
