//! pulldown-cmark's events as tokens: text runs stay text, marked with
//! whether mentions may be linked in them and whether they are part of the
//! document's plain text; everything else is markup. Code blocks are
//! highlighted here, headings given ids and `@/` links resolved.

use super::ids::IdCounter;
use super::refs;
use super::DocOptions;
use crate::diagnostics::Diagnostics;
use crate::highlight;
use crate::model::{Dossier, ItemId, SourceText};
use crate::util::html::escape_html;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

pub(super) enum Tok<'a> {
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

impl Tok<'_> {
    /// Inline markup of our own that opens no element and closes none.
    pub(super) fn inline_html(html: impl Into<String>) -> Self {
        Tok::Html {
            html: html.into(),
            depth: 0,
            block: false,
            mention: None,
        }
    }

    /// Markup of our own that stands at block level (a code block).
    fn block_html(html: impl Into<String>) -> Self {
        Tok::Html {
            html: html.into(),
            depth: 0,
            block: true,
            mention: None,
        }
    }

    /// Whether the token starts or ends a block (so no quote, sentence or
    /// note runs across it).
    pub(super) fn is_block_boundary(&self) -> bool {
        match self {
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

    /// +1 when the token opens an inline element, -1 when it closes one.
    pub(super) fn depth_change(&self) -> i32 {
        match self {
            Tok::Html { depth, .. } => i32::from(*depth),
            Tok::Ev {
                ev: Event::Start(t),
                ..
            } if is_inline_tag(t) => 1,
            Tok::Ev {
                ev: Event::End(t), ..
            } if is_inline_end(t) => -1,
            _ => 0,
        }
    }
}

pub(super) fn is_inline_tag(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

pub(super) fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

/// Reads pulldown-cmark's events one at a time ([`Tokenizer::event`]) and
/// keeps the tokens and the `@/` references they make.
pub(super) struct Tokenizer<'a, 'c> {
    dossier: &'c Dossier,
    opts: &'c DocOptions<'c>,
    source: &'c SourceText,
    ids: &'c mut IdCounter,
    diags: &'c mut Diagnostics,
    toks: Vec<Tok<'a>>,
    references: Vec<ItemId>,
    /// How many links and images the text at hand stands in.
    in_link: usize,
    in_image: usize,
    in_html_block: bool,
    /// The code block being read: its language and its text so far.
    code: Option<(String, String)>,
    /// The heading without an id being read: the index of its start token
    /// and its text so far (its id is made from the text at its end).
    heading: Option<(usize, String)>,
}

impl<'a, 'c> Tokenizer<'a, 'c> {
    pub(super) fn new(
        dossier: &'c Dossier,
        opts: &'c DocOptions<'c>,
        source: &'c SourceText,
        ids: &'c mut IdCounter,
        diags: &'c mut Diagnostics,
    ) -> Self {
        Tokenizer {
            dossier,
            opts,
            source,
            ids,
            diags,
            toks: Vec::new(),
            references: Vec::new(),
            in_link: 0,
            in_image: 0,
            in_html_block: false,
            code: None,
            heading: None,
        }
    }

    /// The tokens, and the items the `@/` links refer to.
    pub(super) fn finish(self) -> (Vec<Tok<'a>>, Vec<ItemId>) {
        (self.toks, self.references)
    }

    /// Takes one event, which starts at byte `offset` of the file.
    pub(super) fn event(&mut self, ev: Event<'a>, offset: usize) {
        if self.code.is_some() {
            self.code_event(ev);
            return;
        }
        if let (Some((_, text)), Event::Text(t) | Event::Code(t)) = (&mut self.heading, &ev) {
            text.push_str(t);
        }
        match ev {
            Event::Start(tag) => self.start_tag(tag, offset),
            Event::End(tag) => self.end_tag(tag, offset),
            Event::Text(t) => self.text(t),
            Event::SoftBreak => self.soft_break(),
            Event::Html(h) | Event::InlineHtml(h) if !self.opts.allow_raw_html => {
                self.raw_html_as_text(h)
            }
            ev => self.toks.push(Tok::Ev { ev, offset }),
        }
    }

    fn start_tag(&mut self, tag: Tag<'a>, offset: usize) {
        match tag {
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
                return;
            }
            Tag::Heading { id: None, .. } => {
                self.heading = Some((self.toks.len(), String::new()));
            }
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => {
                self.in_link += 1;
                let dest_url = self.link_destination(dest_url, offset);
                let tag = Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                };
                self.toks.push(Tok::Ev {
                    ev: Event::Start(tag),
                    offset,
                });
                return;
            }
            Tag::Image { .. } => self.in_image += 1,
            Tag::HtmlBlock => {
                self.in_html_block = true;
                if !self.opts.allow_raw_html {
                    self.toks.push(Tok::block_html("<pre class=\"raw-html\">"));
                    return;
                }
            }
            _ => {}
        }
        self.toks.push(Tok::Ev {
            ev: Event::Start(tag),
            offset,
        });
    }

    fn end_tag(&mut self, tag: TagEnd, offset: usize) {
        match tag {
            TagEnd::Heading(_) => self.name_heading(),
            TagEnd::Link => self.in_link = self.in_link.saturating_sub(1),
            TagEnd::Image => self.in_image = self.in_image.saturating_sub(1),
            TagEnd::HtmlBlock => {
                self.in_html_block = false;
                if !self.opts.allow_raw_html {
                    self.toks.push(Tok::block_html("</pre>"));
                    return;
                }
            }
            _ => {}
        }
        self.toks.push(Tok::Ev {
            ev: Event::End(tag),
            offset,
        });
    }

    /// Inside a code block: its text is kept, and written out whole,
    /// highlighted, at its end.
    fn code_event(&mut self, ev: Event<'a>) {
        match ev {
            Event::Text(t) => {
                if let Some((_, code)) = &mut self.code {
                    code.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let (lang, code) = self.code.take().unwrap_or_default();
                let html = if self.opts.inline {
                    format!("<code>{}</code>", escape_html(&code))
                } else {
                    highlight::code_block(&lang, &code)
                };
                self.toks.push(Tok::block_html(html));
            }
            _ => {}
        }
    }

    /// Gives the heading that ends here, when it has no id, one made from
    /// its text.
    fn name_heading(&mut self) {
        let Some((at, text)) = self.heading.take() else {
            return;
        };
        let new_id = self.ids.heading_id(&text);
        if let Some(Tok::Ev {
            ev: Event::Start(Tag::Heading { id, .. }),
            ..
        }) = self.toks.get_mut(at)
        {
            *id = Some(CowStr::from(new_id));
        }
    }

    /// Where a link leads: an `@/` path becomes the item's URL (or `#`,
    /// reported, when it names nothing); one that would run code is `#`,
    /// reported, unless raw HTML is allowed (which runs anything); any
    /// other is kept.
    fn link_destination(&mut self, dest: CowStr<'a>, offset: usize) -> CowStr<'a> {
        if let Some(scheme) =
            crate::util::html::script_scheme(&dest).filter(|_| !self.opts.allow_raw_html)
        {
            (self.diags).push(refs::script_link(self.source, &dest, scheme, offset));
            return CowStr::from("#");
        }
        if !dest.starts_with("@/") {
            return dest;
        }
        match refs::at_link(self.dossier, &dest, self.opts.root, self.source, offset) {
            Ok((url, target)) => {
                self.references.extend(target);
                CowStr::from(url)
            }
            Err(diagnostic) => {
                self.diags.push(diagnostic);
                CowStr::from("#")
            }
        }
    }

    fn text(&mut self, text: CowStr<'a>) {
        let shown = self.in_image == 0 && !self.in_html_block;
        self.toks.push(Tok::Text {
            text: text.into_string(),
            linkable: shown && self.in_link == 0,
            anchorable: shown,
        });
    }

    /// A soft line break renders like a space; as a space it lets a name
    /// wrapped across two source lines still be found.
    fn soft_break(&mut self) {
        self.toks.push(Tok::Text {
            text: " ".into(),
            linkable: self.in_link == 0 && self.in_image == 0,
            anchorable: self.in_image == 0,
        });
    }

    /// Raw HTML where none is allowed: shown as the text it is.
    fn raw_html_as_text(&mut self, html: CowStr<'a>) {
        self.toks.push(Tok::Text {
            text: html.into_string(),
            linkable: false,
            anchorable: false,
        });
    }
}

/// Joins adjacent text runs of the same kind: pulldown-cmark splits text at
/// some punctuation, and a name must be matched across such splits.
pub(super) fn merge_text(toks: Vec<Tok<'_>>) -> Vec<Tok<'_>> {
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
