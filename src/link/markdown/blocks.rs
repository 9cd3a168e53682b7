//! The document's plain text: its blocks (paragraphs, headings, list items,
//! table cells), where each mention stands in them, and the whole text that
//! quotes are found in.

use super::tokens::Tok;
use super::{Block, Doc};

impl Doc<'_> {
    /// Splits the plain text into blocks and places each mention in its block.
    pub(super) fn compute_blocks(&mut self) {
        let mut blocks = vec![Block {
            text: String::new(),
            file_offset: 0,
        }];
        for tok in &self.toks {
            if tok.is_block_boundary() {
                let offset = match tok {
                    Tok::Ev { offset, .. } => *offset,
                    _ => blocks.last().map_or(0, |b| b.file_offset),
                };
                if blocks.last().is_some_and(|b| !b.text.is_empty()) {
                    blocks.push(Block {
                        text: String::new(),
                        file_offset: offset,
                    });
                } else if let Some(b) = blocks.last_mut() {
                    b.file_offset = offset;
                }
                continue;
            }
            match tok {
                Tok::Text {
                    text,
                    anchorable: true,
                    ..
                } => {
                    blocks.last_mut().expect("one block").text.push_str(text);
                }
                Tok::Html {
                    mention: Some(i), ..
                } => {
                    let n = blocks.len() - 1;
                    let m = &mut self.mentions[*i];
                    m.block = n;
                    m.offset = blocks[n].text.len();
                }
                _ => {}
            }
        }
        if blocks.last().is_some_and(|b| b.text.is_empty()) && blocks.len() > 1 {
            blocks.pop();
        }
        self.blocks = blocks;
    }

    /// The document's plain text, blocks separated by a control character so
    /// that no quote matches across a paragraph end, with the plain offset
    /// of every anchorable text token.
    pub fn plain(&self) -> (String, Vec<Option<usize>>) {
        let mut plain = String::new();
        let mut offsets = Vec::with_capacity(self.toks.len());
        for tok in &self.toks {
            if tok.is_block_boundary() && !plain.ends_with('\u{1}') && !plain.is_empty() {
                plain.push('\u{1}');
            }
            match tok {
                Tok::Text {
                    text,
                    anchorable: true,
                    ..
                } => {
                    offsets.push(Some(plain.len()));
                    plain.push_str(text);
                }
                _ => offsets.push(None),
            }
        }
        (plain, offsets)
    }
}
