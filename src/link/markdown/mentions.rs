//! Mentions linked on the text runs where they may stand, each an element
//! with its id when the page records them.

use super::ids::{IdCounter, MentionId};
use super::tokens::Tok;
use super::{Doc, DocOptions, Linker, MentionHit};
use crate::model::{ItemId, ItemPath};

impl Doc<'_> {
    /// Links every mention in the linkable text runs, except those of the
    /// page's own item.
    pub(super) fn link_mentions(
        &mut self,
        linker: &Linker,
        opts: &DocOptions,
        ids: &mut IdCounter,
    ) {
        let toks = std::mem::take(&mut self.toks);
        let mut linking = Linking {
            linker,
            opts,
            ids,
            mentions: &mut self.mentions,
            out: Vec::with_capacity(toks.len()),
        };
        for tok in toks {
            match tok {
                Tok::Text {
                    text,
                    linkable: true,
                    anchorable,
                } => linking.run(text, anchorable),
                tok => linking.out.push(tok),
            }
        }
        self.toks = linking.out;
    }
}

/// What linking the mentions of one text works with, and the tokens made.
struct Linking<'l, 'a> {
    linker: &'l Linker<'l>,
    opts: &'l DocOptions<'l>,
    ids: &'l mut IdCounter,
    mentions: &'l mut Vec<MentionHit>,
    out: Vec<Tok<'a>>,
}

impl Linking<'_, '_> {
    /// One text run, split around the mentions in it.
    fn run(&mut self, text: String, anchorable: bool) {
        let words = |from: usize, to: usize| Tok::Text {
            text: text[from..to].to_string(),
            linkable: true,
            anchorable,
        };
        let mut last = 0;
        let matcher = self.linker.matcher;
        for found in matcher.find(&text) {
            let target = matcher.target(found.pattern);
            if self.opts.page == Some(target) {
                continue;
            }
            if found.start > last {
                self.out.push(words(last, found.start));
            }
            self.mention(target, &text[found.start..found.end], anchorable);
            last = found.end;
        }
        if last == 0 && !text.is_empty() {
            // Nothing was linked: the run stays as it is, not copied.
            self.out.push(Tok::Text {
                text,
                linkable: true,
                anchorable,
            });
        } else if last < text.len() {
            self.out.push(words(last, text.len()));
        }
    }

    /// The link of one mention, and its record.
    fn mention(&mut self, target: ItemId, words: &str, anchorable: bool) {
        let path = self.linker.dossier.path(target);
        let n = self.opts.record.then(|| self.ids.next(target));
        self.out.push(Tok::Html {
            html: self.open_tag(path, n),
            depth: 1,
            block: false,
            mention: Some(self.mentions.len()),
        });
        self.mentions.push(MentionHit {
            target,
            n,
            text: words.to_string(),
            block: 0,
            offset: 0,
        });
        self.out.push(Tok::Text {
            text: words.to_string(),
            linkable: false,
            anchorable,
        });
        self.out.push(Tok::Html {
            html: "</a>".into(),
            depth: -1,
            block: false,
            mention: None,
        });
    }

    /// `<a class="mention mention-actor" href="…" id="…">`, written in
    /// place: there is one per mention, hundreds of thousands in a large
    /// dossier, so no intermediate strings.
    fn open_tag(&self, path: ItemPath, n: Option<u32>) -> String {
        use std::fmt::Write;
        let root = self.opts.root;
        let mut html = String::with_capacity(64 + root.len() + 2 * path.slug.len());
        let kind = path.kind.singular();
        let _ = write!(
            html,
            "<a class=\"mention mention-{kind}\" href=\"{root}{}\"",
            path.url()
        );
        if let Some(n) = n {
            let _ = write!(html, " id=\"{}\"", MentionId(path, n, self.ids.note()));
        }
        html.push('>');
        html
    }
}
