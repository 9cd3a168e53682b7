//! Markdown to HTML with the dossier's links woven in.
//!
//! pulldown-cmark's event stream is turned into a token list in which text
//! runs stay text (so they can be searched and split) and everything else is
//! markup. Mentions are found on text runs that are not inside code, links,
//! image text or raw HTML; annotations are anchored on the plain text of the
//! document and split at element boundaries, so a quote that spans emphasis
//! or a mention link still anchors. The token list is turned back into events
//! for pulldown-cmark's HTML writer, which does the escaping.

use super::matcher::Matcher;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::highlight;
use crate::model::{AnnotationKind, Dossier, ItemKind, ItemRef, SourceText};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

// The crate's escaper, where src/render and src/serve import it from until
// they import it from `crate::util::html`.
pub use crate::util::html::{escape_html, escape_html_into};

/// How one piece of Markdown is to be rendered.
pub struct DocOptions<'a> {
    /// Relative path from the page the HTML appears on to the site root.
    pub root: &'a str,
    /// The item whose page shows this text: mentions of it are not linked.
    pub page: Option<&'a ItemRef>,
    /// Give mentions ids and report them (for back-links).
    pub record: bool,
    /// Render block elements as spans, for side notes inside a paragraph.
    pub inline: bool,
    pub allow_raw_html: bool,
}

/// Counts mentions per target on one page, so that ids are unique there.
#[derive(Default)]
pub struct IdCounter {
    counts: HashMap<ItemRef, u32>,
    headings: HashSet<String>,
}

/// The element id of the `n`th mention (1-based) of an item on a page, as
/// text to write (`a-<actor>-<n>`, `e-<event>-<n>`).
pub struct MentionId<'a>(pub &'a ItemRef, pub u32);

impl std::fmt::Display for MentionId<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let prefix = match self.0.kind {
            ItemKind::Event => "e",
            _ => "a",
        };
        write!(f, "{prefix}-{}-{}", self.0.slug, self.1)
    }
}

impl IdCounter {
    /// Counts one more mention of `target`: its number on the page.
    fn next(&mut self, target: &ItemRef) -> u32 {
        let n = self.counts.entry(target.clone()).or_insert(0);
        *n += 1;
        *n
    }
    fn heading_id(&mut self, text: &str) -> String {
        let mut base: String = text
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_lowercase().next().unwrap_or(c)
                } else {
                    '-'
                }
            })
            .collect();
        while base.contains("--") {
            base = base.replace("--", "-");
        }
        let base = base.trim_matches('-');
        let base = if base.is_empty() { "section" } else { base };
        let mut id = format!("h-{base}");
        let mut n = 1;
        while !self.headings.insert(id.clone()) {
            n += 1;
            id = format!("h-{base}-{n}");
        }
        id
    }
}

/// A mention found while rendering.
#[derive(Debug, Clone)]
pub struct MentionHit {
    pub target: Arc<ItemRef>,
    /// Which mention of `target` on the page this is, when recorded: its
    /// element id is [`MentionId`]`(target, n)`.
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

enum Tok<'a> {
    Text {
        text: String,
        /// Mentions may be linked here (not in links, images, code, raw HTML).
        linkable: bool,
        /// Part of the document's plain text (not image alt text, not raw HTML).
        anchorable: bool,
    },
    Html {
        html: String,
        /// +1 opens an inline element, -1 closes one.
        depth: i8,
        /// A block-level element (a code block).
        block: bool,
        mention: Option<usize>,
    },
    Ev {
        ev: Event<'a>,
        /// Byte offset in the file.
        offset: usize,
    },
}

/// A rendered document before it is turned into HTML.
pub struct Doc<'a> {
    toks: Vec<Tok<'a>>,
    inline: bool,
    pub mentions: Vec<MentionHit>,
    pub references: Vec<ItemRef>,
    pub blocks: Vec<Block>,
}

/// An annotation to anchor: its plain-text range and the side note's HTML.
pub struct Anchor {
    pub start: usize,
    pub end: usize,
    pub number: usize,
    pub kind: AnnotationKind,
    pub note_html: String,
}

fn is_inline_tag(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

/// Markdown extensions a dossier may use.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Resolves an `@/kind/slug.md#fragment` path to the item and fragment.
pub fn resolve_at_path(dossier: &Dossier, dest: &str) -> Result<(ItemRef, Option<String>), String> {
    let path = &dest[2..];
    let (path, fragment) = match path.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (path, None),
    };
    let Some((dir, file)) = path.split_once('/') else {
        return Err(format!("`{dest}` does not name a content file"));
    };
    let kind =
        ItemKind::from_dir(dir).ok_or_else(|| format!("`{dest}`: no content folder `{dir}`"))?;
    let slug = file
        .strip_suffix(".md")
        .ok_or_else(|| format!("`{dest}` must end in `.md`"))?;
    let r = ItemRef::new(kind, slug);
    if !dossier.contains(&r) {
        return Err(format!(
            "`{dest}` points to content/{}, which does not exist",
            r.content_path()
        ));
    }
    Ok((r, fragment))
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
    pub fn page(page: &'a ItemRef, root: &'a str, allow_raw_html: bool) -> Self {
        DocOptions {
            root,
            page: Some(page),
            record: true,
            inline: false,
            allow_raw_html,
        }
    }
}

/// Parses the input into a [`Doc`], linking mentions and resolving `@/` links.
pub fn parse<'a>(
    linker: &Linker,
    input: Input<'a, '_>,
    opts: &DocOptions,
    ids: &mut IdCounter,
    diags: &mut Diagnostics,
) -> Doc<'a> {
    let Input {
        markdown,
        base,
        source,
    } = input;
    let (dossier, matcher) = (linker.dossier, linker.matcher);
    let mut toks: Vec<Tok<'a>> = Vec::new();
    let mut references = Vec::new();
    let mut in_link = 0usize;
    let mut in_image = 0usize;
    let mut code: Option<(String, String)> = None;
    let mut in_html_block = false;
    // Heading whose id is computed from its text at its end.
    let mut heading: Option<(usize, String)> = None;

    for (ev, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let offset = base + range.start;
        if let Some((_, buf)) = &mut code {
            match ev {
                Event::Text(t) => buf.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, buf) = code.take().unwrap_or_default();
                    let html = if opts.inline {
                        format!("<code>{}</code>", escape_html(&buf))
                    } else {
                        highlight::code_block(&lang, &buf)
                    };
                    toks.push(Tok::Html {
                        html,
                        depth: 0,
                        block: true,
                        mention: None,
                    });
                }
                _ => {}
            }
            continue;
        }
        if let Some((_, text)) = &mut heading {
            if let Event::Text(t) | Event::Code(t) = &ev {
                text.push_str(t);
            }
        }
        match ev {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(l) => l.to_string(),
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                if id.is_none() {
                    heading = Some((toks.len(), String::new()));
                }
                toks.push(Tok::Ev {
                    ev: Event::Start(Tag::Heading {
                        level,
                        id,
                        classes,
                        attrs,
                    }),
                    offset,
                });
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((at, text)) = heading.take() {
                    let new_id = ids.heading_id(&text);
                    if let Some(Tok::Ev {
                        ev: Event::Start(Tag::Heading { id, .. }),
                        ..
                    }) = toks.get_mut(at)
                    {
                        *id = Some(CowStr::from(new_id));
                    }
                }
                toks.push(Tok::Ev {
                    ev: Event::End(TagEnd::Heading(level)),
                    offset,
                });
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                in_link += 1;
                let dest_url = if dest_url.starts_with("@/") {
                    match resolve_at_path(dossier, &dest_url) {
                        Ok((target, fragment)) => {
                            let mut url = format!("{}{}", opts.root, target.url());
                            if let Some(f) = fragment {
                                url.push('#');
                                url.push_str(&f);
                            }
                            references.push(target);
                            CowStr::from(url)
                        }
                        Err(message) => {
                            let hint = super::closest_item_hint(dossier, &dest_url);
                            // Point at the path itself. In a side note `offset`
                            // is only a lower bound (YAML strings are never
                            // longer than their source), so search from it.
                            let at = source
                                .file
                                .get(offset..)
                                .and_then(|rest| rest.find(dest_url.as_ref()))
                                .map_or(offset, |i| offset + i);
                            diags.push(
                                Diagnostic::new(
                                    &source.path,
                                    format!("broken reference: {message}"),
                                )
                                .at_offset(&source.file, at)
                                .hint(hint),
                            );
                            CowStr::from("#")
                        }
                    }
                } else {
                    dest_url
                };
                toks.push(Tok::Ev {
                    ev: Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }),
                    offset,
                });
            }
            Event::End(TagEnd::Link) => {
                in_link = in_link.saturating_sub(1);
                toks.push(Tok::Ev {
                    ev: Event::End(TagEnd::Link),
                    offset,
                });
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                in_image += 1;
                toks.push(Tok::Ev {
                    ev: Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }),
                    offset,
                });
            }
            Event::End(TagEnd::Image) => {
                in_image = in_image.saturating_sub(1);
                toks.push(Tok::Ev {
                    ev: Event::End(TagEnd::Image),
                    offset,
                });
            }
            Event::Text(t) => toks.push(Tok::Text {
                text: t.into_string(),
                linkable: in_link == 0 && in_image == 0 && !in_html_block,
                anchorable: in_image == 0 && !in_html_block,
            }),
            // A soft line break renders like a space; as a space it lets a
            // name wrapped across two source lines still be found.
            Event::SoftBreak => toks.push(Tok::Text {
                text: " ".into(),
                linkable: in_link == 0 && in_image == 0,
                anchorable: in_image == 0,
            }),
            Event::Html(h) | Event::InlineHtml(h) if !opts.allow_raw_html => toks.push(Tok::Text {
                text: h.into_string(),
                linkable: false,
                anchorable: false,
            }),
            Event::Start(Tag::HtmlBlock) => {
                in_html_block = true;
                if !opts.allow_raw_html {
                    toks.push(Tok::Html {
                        html: "<pre class=\"raw-html\">".into(),
                        depth: 0,
                        block: true,
                        mention: None,
                    });
                } else {
                    toks.push(Tok::Ev {
                        ev: Event::Start(Tag::HtmlBlock),
                        offset,
                    });
                }
            }
            Event::End(TagEnd::HtmlBlock) => {
                in_html_block = false;
                if !opts.allow_raw_html {
                    toks.push(Tok::Html {
                        html: "</pre>".into(),
                        depth: 0,
                        block: true,
                        mention: None,
                    });
                } else {
                    toks.push(Tok::Ev {
                        ev: Event::End(TagEnd::HtmlBlock),
                        offset,
                    });
                }
            }
            ev => toks.push(Tok::Ev { ev, offset }),
        }
    }

    let toks = merge_text(toks);
    let mut doc = Doc {
        toks,
        inline: opts.inline,
        mentions: Vec::new(),
        references,
        blocks: Vec::new(),
    };
    doc.link_mentions(matcher, opts, ids);
    doc.compute_blocks();
    doc
}

/// Joins adjacent text runs of the same kind: pulldown-cmark splits text at
/// some punctuation, and a name must be matched across such splits.
fn merge_text(toks: Vec<Tok<'_>>) -> Vec<Tok<'_>> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    for tok in toks {
        if let Tok::Text {
            text,
            linkable,
            anchorable,
        } = &tok
        {
            if let Some(Tok::Text {
                text: prev,
                linkable: pl,
                anchorable: pa,
            }) = out.last_mut()
            {
                if pl == linkable && pa == anchorable {
                    prev.push_str(text);
                    continue;
                }
            }
        }
        out.push(tok);
    }
    out
}

impl<'a> Doc<'a> {
    fn link_mentions(&mut self, matcher: &Matcher, opts: &DocOptions, ids: &mut IdCounter) {
        let toks = std::mem::take(&mut self.toks);
        let mut out = Vec::with_capacity(toks.len());
        for tok in toks {
            let Tok::Text {
                text,
                linkable: true,
                anchorable,
            } = tok
            else {
                out.push(tok);
                continue;
            };
            let found = matcher.find(&text);
            let mut last = 0;
            for f in found {
                let target = matcher.target(f.pattern);
                if opts.page == Some(&**target) {
                    continue;
                }
                if f.start > last {
                    out.push(Tok::Text {
                        text: text[last..f.start].to_string(),
                        linkable: true,
                        anchorable,
                    });
                }
                let n = opts.record.then(|| ids.next(target));
                let id_attr = n
                    .map(|n| format!(" id=\"{}\"", MentionId(target, n)))
                    .unwrap_or_default();
                let kind = target.kind.singular();
                out.push(Tok::Html {
                    html: format!(
                        "<a class=\"mention mention-{kind}\" href=\"{}{}\"{id_attr}>",
                        opts.root,
                        target.url()
                    ),
                    depth: 1,
                    block: false,
                    mention: Some(self.mentions.len()),
                });
                self.mentions.push(MentionHit {
                    target: target.clone(),
                    n,
                    text: text[f.start..f.end].to_string(),
                    block: 0,
                    offset: 0,
                });
                out.push(Tok::Text {
                    text: text[f.start..f.end].to_string(),
                    linkable: false,
                    anchorable,
                });
                out.push(Tok::Html {
                    html: "</a>".into(),
                    depth: -1,
                    block: false,
                    mention: None,
                });
                last = f.end;
            }
            if last < text.len() {
                out.push(Tok::Text {
                    text: text[last..].to_string(),
                    linkable: true,
                    anchorable,
                });
            }
        }
        self.toks = out;
    }

    fn is_block_boundary(tok: &Tok) -> bool {
        match tok {
            Tok::Ev {
                ev: Event::Start(t),
                ..
            } => !is_inline_tag(t),
            Tok::Ev {
                ev: Event::End(t), ..
            } => !is_inline_end(t),
            Tok::Ev {
                ev: Event::Rule, ..
            } => true,
            Tok::Html { block, .. } => *block,
            _ => false,
        }
    }

    /// Splits the plain text into blocks and places each mention in its block.
    fn compute_blocks(&mut self) {
        let mut blocks = vec![Block {
            text: String::new(),
            file_offset: 0,
        }];
        for tok in &self.toks {
            if Self::is_block_boundary(tok) {
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
            if Self::is_block_boundary(tok) && !plain.ends_with('\u{1}') && !plain.is_empty() {
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

    /// Highlights each anchor's range (split at element boundaries) and puts
    /// its side note after it, outside any inline element it ends in.
    /// Anchors must be sorted and must not overlap.
    pub fn anchor(&mut self, anchors: &[Anchor]) {
        if anchors.is_empty() {
            return;
        }
        let (_, offsets) = self.plain();
        let toks = std::mem::take(&mut self.toks);
        let mut out: Vec<Tok> = Vec::with_capacity(toks.len() + anchors.len() * 4);
        let mut r = 0usize; // current anchor
        let mut open = false;
        let mut started = vec![false; anchors.len()];
        let mut pending: Option<usize> = None;
        let mut depth: i32 = 0;
        let html = |s: String| Tok::Html {
            html: s,
            depth: 0,
            block: false,
            mention: None,
        };
        let note = |a: &Anchor| {
            let n = a.number;
            let kind = a.kind.as_str();
            html(format!(
                "<sup class=\"note-ref\"><a href=\"#note-{n}\">{n}</a></sup><span class=\"sidenote ann-{kind}\" id=\"note-{n}\" role=\"note\"><span class=\"note-head\"><a class=\"note-num\" href=\"#ann-{n}\">{n}</a> <span class=\"note-kind\">{}</span></span> {}</span>",
                a.kind.label(),
                a.note_html
            ))
        };
        for (i, tok) in toks.into_iter().enumerate() {
            let Some(plain_start) = offsets[i] else {
                if open {
                    out.push(html("</mark>".into()));
                    open = false;
                }
                let delta = match &tok {
                    Tok::Html { depth, .. } => *depth as i32,
                    Tok::Ev {
                        ev: Event::Start(t),
                        ..
                    } if is_inline_tag(t) => 1,
                    Tok::Ev {
                        ev: Event::End(t), ..
                    } if is_inline_end(t) => -1,
                    _ => 0,
                };
                // A pending note goes before the next element that starts
                // at paragraph level (never inside a link or emphasis), and
                // before the block ends.
                if let Some(p) = pending {
                    if Self::is_block_boundary(&tok) || depth <= 0 {
                        out.push(note(&anchors[p]));
                        pending = None;
                    }
                }
                out.push(tok);
                depth += delta;
                continue;
            };
            let Tok::Text {
                text,
                linkable,
                anchorable,
            } = tok
            else {
                unreachable!()
            };
            let mut s = 0;
            while s < text.len() {
                let abs = plain_start + s;
                let a = anchors.get(r);
                if let Some(a) = a.filter(|a| abs >= a.start && abs < a.end) {
                    let until = (a.end - plain_start).min(text.len());
                    if !open {
                        let kind = a.kind.as_str();
                        let id = if started[r] {
                            String::new()
                        } else {
                            format!(" id=\"ann-{}\"", a.number)
                        };
                        started[r] = true;
                        out.push(html(format!("<mark class=\"ann ann-{kind}\"{id}>")));
                        open = true;
                    }
                    out.push(Tok::Text {
                        text: text[s..until].to_string(),
                        linkable,
                        anchorable,
                    });
                    s = until;
                    if plain_start + s >= a.end {
                        out.push(html("</mark>".into()));
                        open = false;
                        if let Some(p) = pending.take() {
                            out.push(note(&anchors[p]));
                        }
                        pending = Some(r);
                        r += 1;
                    }
                } else {
                    let until = match a {
                        Some(a) if a.start > abs => (a.start - plain_start).min(text.len()),
                        _ => text.len(),
                    };
                    if depth <= 0 {
                        if let Some(p) = pending.take() {
                            // Punctuation that closes the quote's sentence stays
                            // with it, so no line starts with a lone "." when
                            // notes are shown inline.
                            let punct = closing_punctuation(&text[s..until]);
                            if punct > 0 {
                                out.push(Tok::Text {
                                    text: text[s..s + punct].to_string(),
                                    linkable,
                                    anchorable,
                                });
                                s += punct;
                            }
                            out.push(note(&anchors[p]));
                        }
                    }
                    out.push(Tok::Text {
                        text: text[s..until].to_string(),
                        linkable,
                        anchorable,
                    });
                    s = until;
                }
            }
        }
        if open {
            out.push(html("</mark>".into()));
        }
        if let Some(p) = pending {
            out.push(note(&anchors[p]));
        }
        self.toks = out;
    }

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

/// Length in bytes of the run of closing punctuation that starts `s`.
fn closing_punctuation(s: &str) -> usize {
    s.char_indices()
        .find(|(_, c)| {
            !matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '\'' | '"' | '’' | '”' | '»' | '…'
            )
        })
        .map_or(s.len(), |(i, _)| i)
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
