//! Markdown to HTML with the dossier's links woven in.
//!
//! pulldown-cmark's event stream is turned into a token list in which text
//! runs stay text (so they can be searched and split) and everything else is
//! markup (`tokens.rs`). Mentions are found on text runs that are not inside
//! code, links, image text or raw HTML (`mentions.rs`); annotations are
//! anchored on the plain text of the document (`blocks.rs`) and split at
//! element boundaries, so a quote that spans emphasis or a mention link
//! still anchors (`anchor.rs`). The token list is turned back into events for
//! pulldown-cmark's HTML writer, which does the escaping.
//!
//! [`parse`] runs the passes in order: tokens, merged text runs, mentions,
//! blocks; [`Doc::anchor`] and [`Doc::into_html`] are left to the caller.

mod anchor;
mod blocks;
mod ids;
mod mentions;
mod refs;
mod seed_text;
mod tokens;

use super::matcher::Matcher;
use crate::diagnostics::Diagnostics;
use crate::model::{Dossier, ItemId, SourceText};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag};
use tokens::{is_inline_end, is_inline_tag, Tok, Tokenizer};

pub use anchor::Anchor;
pub use ids::{IdCounter, MentionId};
pub use refs::resolve_at_path;
pub(crate) use seed_text::SeedText;

/// How one piece of Markdown is to be rendered.
pub struct DocOptions<'a> {
    /// Relative path from the page the HTML appears on to the site root.
    pub root: &'a str,
    /// The item whose page shows this text: mentions of it are not linked.
    pub page: Option<ItemId>,
    /// Give mentions ids and report them (for back-links).
    pub record: bool,
    /// Render block elements as spans, for side notes inside a paragraph.
    pub inline: bool,
    pub allow_raw_html: bool,
}

/// What every text is linked against.
pub struct Linker<'a> {
    pub dossier: &'a Dossier,
    pub matcher: &'a Matcher,
}

/// A piece of Markdown and where it stands: it starts at byte `base` of
/// `source.file` (used to place diagnostics).
pub struct Input<'a, 's> {
    pub markdown: &'a str,
    pub base: usize,
    pub source: &'s SourceText,
}

impl<'s> Input<'s, 's> {
    /// The body of a content file: the Markdown after its front matter.
    pub fn body(source: &'s SourceText) -> Self {
        Input {
            markdown: source.body(),
            base: source.body_start,
            source,
        }
    }
}

impl<'a> DocOptions<'a> {
    /// A text shown on `page`'s own page (`root` leads from there to the
    /// site root), its mentions recorded for back-links.
    pub fn page(page: ItemId, root: &'a str, allow_raw_html: bool) -> Self {
        DocOptions {
            root,
            page: Some(page),
            record: true,
            inline: false,
            allow_raw_html,
        }
    }
}

/// Markdown extensions a dossier may use.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A mention found while rendering.
#[derive(Debug, Clone)]
pub struct MentionHit {
    pub target: ItemId,
    /// Which mention of `target` on the page (or in the side note) this
    /// is, when recorded: its element id is [`MentionId`]`(target, n, note)`.
    pub n: Option<u32>,
    /// The words as they stand in the text.
    pub text: String,
    /// Index of the text block (paragraph, heading, list item…) it stands in.
    pub block: usize,
    /// Byte offset of the mention in that block's plain text.
    pub offset: usize,
}

/// A block of plain text (paragraph, heading, list item, table cell).
#[derive(Debug, Clone)]
pub struct Block {
    pub text: String,
    /// Byte offset of the block in the file, for diagnostics.
    pub file_offset: usize,
}

/// A rendered document before it is turned into HTML.
pub struct Doc<'a> {
    toks: Vec<Tok<'a>>,
    inline: bool,
    pub mentions: Vec<MentionHit>,
    /// The items its `@/` links refer to.
    pub references: Vec<ItemId>,
    pub blocks: Vec<Block>,
}

/// Parses the input into a [`Doc`], linking mentions and resolving `@/` links.
pub fn parse<'a>(
    linker: &Linker,
    input: Input<'a, '_>,
    opts: &DocOptions,
    ids: &mut IdCounter,
    diags: &mut Diagnostics,
) -> Doc<'a> {
    let mut tokenizer = Tokenizer::new(linker.dossier, opts, input.source, ids, diags);
    for (ev, range) in Parser::new_ext(input.markdown, options()).into_offset_iter() {
        tokenizer.event(ev, input.base + range.start);
    }
    let (toks, references) = tokenizer.finish();
    let mut doc = Doc {
        toks: tokens::merge_text(toks),
        inline: opts.inline,
        mentions: Vec::new(),
        references,
        blocks: Vec::new(),
    };
    doc.link_mentions(linker, opts, ids);
    doc.compute_blocks();
    doc
}

impl Doc<'_> {
    /// The final HTML.
    pub fn into_html(self) -> String {
        let inline = self.inline;
        let mut events: Vec<Event> = Vec::with_capacity(self.toks.len());
        for tok in self.toks {
            match tok {
                Tok::Text { text, .. } => events.push(Event::Text(CowStr::from(text))),
                Tok::Html { html, .. } => events.push(Event::InlineHtml(CowStr::from(html))),
                Tok::Ev { ev, .. } if inline => events.push(inline_event(ev)),
                Tok::Ev { ev, .. } => events.push(ev),
            }
        }
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        // Kept until the pages are rendered: an exact copy, not a buffer
        // grown by doubling (a third more memory on average, and the
        // allocator keeps a buffer shrunk by less than half in place).
        String::from(html.as_str())
    }
}

/// In a side note, block elements become spans (a note sits inside a
/// paragraph, where blocks are not allowed).
fn inline_event(ev: Event<'_>) -> Event<'_> {
    match ev {
        Event::Start(t) if !is_inline_tag(&t) => {
            let class = match t {
                Tag::Heading {
                    level: HeadingLevel::H1 | HeadingLevel::H2,
                    ..
                } => "note-h",
                Tag::Paragraph => "note-p",
                Tag::Item => "note-li",
                _ => "note-block",
            };
            Event::InlineHtml(CowStr::from(format!("<span class=\"{class}\">")))
        }
        Event::End(t) if !is_inline_end(&t) => Event::InlineHtml(CowStr::from("</span>")),
        Event::Rule => Event::InlineHtml(CowStr::from(" — ")),
        ev => ev,
    }
}
