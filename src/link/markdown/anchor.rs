//! Annotations anchored in a rendered body: each quote's range highlighted
//! with `<mark>` (split at element boundaries, so a quote may span emphasis
//! or a mention link) and its side note put after it, outside any inline
//! element the quote ends in.

use super::tokens::Tok;
use super::Doc;
use crate::i18n::Strings;
use crate::model::{AnnotationKind, NoteId};
use crate::util::html::escape_html;

/// An annotation to anchor: its plain-text range and the side note's HTML.
pub struct Anchor {
    pub start: usize,
    pub end: usize,
    pub id: NoteId,
    /// The number shown: the note's place in reading order.
    pub number: usize,
    pub kind: AnnotationKind,
    pub note_html: String,
}

impl Doc<'_> {
    /// Highlights each anchor's range (split at element boundaries) and puts
    /// its side note after it, outside any inline element it ends in.
    /// Anchors must be sorted and must not overlap. The notes' words are
    /// English; [`anchor_in`](Self::anchor_in) takes the interface's.
    pub fn anchor(&mut self, anchors: &[Anchor]) {
        self.anchor_in(anchors, Strings::english_default(), "");
    }

    /// [`anchor`](Self::anchor), the notes' words (kind, link titles) from
    /// the interface strings `t`; `note_attrs` (` lang="en" dir="ltr"`,
    /// or empty) marks what each note holds (its head, text and permalink,
    /// all in the site's language) when that is in another language or
    /// direction than the body it stands in.
    pub fn anchor_in(&mut self, anchors: &[Anchor], t: &Strings, note_attrs: &str) {
        if anchors.is_empty() {
            return;
        }
        let (_, offsets) = self.plain();
        let toks = std::mem::take(&mut self.toks);
        let mut anchorer = Anchorer::new(anchors, toks.len(), (t, note_attrs));
        for (tok, plain_start) in toks.into_iter().zip(offsets) {
            match (tok, plain_start) {
                (
                    Tok::Text {
                        text,
                        linkable,
                        anchorable,
                    },
                    Some(start),
                ) => anchorer.text(&Run {
                    text: &text,
                    start,
                    linkable,
                    anchorable,
                }),
                (tok, _) => anchorer.markup(tok),
            }
        }
        self.toks = anchorer.finish();
    }
}

/// A text token of the plain text, starting at byte `start` of it.
struct Run<'t> {
    text: &'t str,
    start: usize,
    linkable: bool,
    anchorable: bool,
}

impl Run<'_> {
    /// The token for bytes `from..to` of the run.
    fn part<'a>(&self, from: usize, to: usize) -> Tok<'a> {
        Tok::Text {
            text: self.text[from..to].to_string(),
            linkable: self.linkable,
            anchorable: self.anchorable,
        }
    }
}

/// Walks the tokens once, in order, writing marks and notes between them.
struct Anchorer<'n, 'a> {
    anchors: &'n [Anchor],
    /// The interface strings, and the attributes of each note's text.
    words: (&'n Strings, &'n str),
    out: Vec<Tok<'a>>,
    /// The anchor whose range comes next or is being marked.
    current: usize,
    /// Whether its first `<mark>` (the one with its id) is written.
    marked: bool,
    /// Whether a `<mark>` is open.
    open: bool,
    /// The anchor whose range is done and whose note is yet to be placed.
    pending: Option<usize>,
    /// How many inline elements (links, emphasis…) are open here.
    depth: i32,
}

impl<'n, 'a> Anchorer<'n, 'a> {
    fn new(anchors: &'n [Anchor], toks: usize, words: (&'n Strings, &'n str)) -> Self {
        Anchorer {
            anchors,
            words,
            out: Vec::with_capacity(toks + anchors.len() * 4),
            current: 0,
            marked: false,
            open: false,
            pending: None,
            depth: 0,
        }
    }

    /// Anything but plain text: ends the mark, and may take the pending note.
    fn markup(&mut self, tok: Tok<'a>) {
        self.close_mark();
        // A pending note goes before the next element that starts at
        // paragraph level (never inside a link or emphasis), and before the
        // block ends.
        if tok.is_block_boundary() || self.depth <= 0 {
            self.flush_note();
        }
        self.depth += tok.depth_change();
        self.out.push(tok);
    }

    /// A run of plain text, cut where anchors start and end.
    fn text(&mut self, run: &Run) {
        let anchors = self.anchors;
        let mut s = 0;
        while s < run.text.len() {
            let at = run.start + s;
            s = match anchors.get(self.current) {
                Some(a) if at >= a.start && at < a.end => self.marked_part(run, s, a),
                next => self.unmarked_part(run, s, next.map(|a| a.start)),
            };
        }
    }

    /// The part of the run from `s` that `a` covers; returns where it ends.
    fn marked_part(&mut self, run: &Run, s: usize, a: &Anchor) -> usize {
        let until = (a.end - run.start).min(run.text.len());
        self.open_mark(a);
        self.out.push(run.part(s, until));
        if run.start + until >= a.end {
            self.close_mark();
            self.flush_note();
            self.pending = Some(self.current);
            self.current += 1;
            self.marked = false;
        }
        until
    }

    /// The part of the run from `s` up to the next anchor's start (if it
    /// starts in the run); returns where it ends.
    fn unmarked_part(&mut self, run: &Run, s: usize, next_start: Option<usize>) -> usize {
        let at = run.start + s;
        let until = match next_start {
            Some(start) if start > at => (start - run.start).min(run.text.len()),
            _ => run.text.len(),
        };
        let mut s = s;
        if self.depth <= 0 && self.pending.is_some() {
            // Punctuation that closes the quote's sentence stays with it, so
            // no line starts with a lone "." when notes are shown inline.
            let punct = closing_punctuation(&run.text[s..until]);
            if punct > 0 {
                self.out.push(run.part(s, s + punct));
                s += punct;
            }
            self.flush_note();
        }
        self.out.push(run.part(s, until));
        until
    }

    /// Opens a `<mark>` for `a` unless one is open; its first one has its id.
    fn open_mark(&mut self, a: &Anchor) {
        if self.open {
            return;
        }
        let kind = a.kind.as_str();
        let id = if self.marked {
            String::new()
        } else {
            format!(" id=\"{}\"", a.id.highlight())
        };
        self.marked = true;
        self.out.push(Tok::inline_html(format!(
            "<mark class=\"ann ann-{kind}\"{id}>"
        )));
        self.open = true;
    }

    fn close_mark(&mut self) {
        if self.open {
            self.out.push(Tok::inline_html("</mark>"));
            self.open = false;
        }
    }

    /// Writes the pending note, if any.
    fn flush_note(&mut self) {
        if let Some(p) = self.pending.take() {
            self.out
                .push(Tok::inline_html(note_html(&self.anchors[p], self.words)));
        }
    }

    fn finish(mut self) -> Vec<Tok<'a>> {
        self.close_mark();
        self.flush_note();
        self.out
    }
}

/// The note reference and the side note of an anchor: its number links
/// back to the highlight, and a permalink to the note ends it.
fn note_html(a: &Anchor, (t, note_attrs): (&Strings, &str)) -> String {
    let n = a.number;
    let kind = a.kind.as_str();
    let (mark, note) = (a.id.highlight(), a.id.note());
    let label = escape_html(t.annotation_kind(a.kind).0);
    let link_to = escape_html(&t.fill("annotation.link_to_note", &[("n", &n)]));
    let link_title = escape_html(t.get("annotation.link_to_this_note"));
    // Said as "Note 1", not a bare number (the visible "1" within it), in
    // the site's language where the text around it is in another.
    let ref_name = escape_html(&t.fill("annotation.note_ref", &[("n", &n)]));
    let inner = format!(
        "<span class=\"note-head\"><a class=\"note-num\" href=\"#{mark}\">{n}</a> <span class=\"note-kind\">{label}</span></span> {} <a class=\"note-link\" href=\"#{note}\" aria-label=\"{link_to}\" title=\"{link_title}\">#</a>",
        a.note_html
    );
    // The note box keeps the body's direction (its place in the margin);
    // what is in it, all in the site's language, is marked as such.
    let inner = match note_attrs {
        "" => inner,
        attrs => format!("<span class=\"note-body\"{attrs}>{inner}</span>"),
    };
    format!(
        "<sup class=\"note-ref\"><a href=\"#{note}\" aria-label=\"{ref_name}\"{note_attrs}>{n}</a></sup><span class=\"sidenote ann-{kind}\" id=\"{note}\" role=\"note\">{inner}</span>"
    )
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
