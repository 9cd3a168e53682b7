//! The list of one page's mentions of an item, each in its sentence: the
//! `mentions.html` partial of the actor and event pages.
//!
//! An actor named in thousands of paragraphs makes this list most of what
//! a big dossier renders, and Tera spends a variable lookup and a string on
//! every field of every mention. So when the theme's `mentions.html` is the
//! embedded default, the list is written here instead, byte for byte what
//! the template would give (a test renders both); a dossier that overrides
//! `mentions.html` gets its template rendered by Tera as usual.

use super::context::tera_context;
use super::native::Escaped;
use super::theme::Theme;
use crate::diagnostics::Diagnostic;
use crate::link::Mention;
use crate::model::Dossier;
use crate::util::html::escape_html_into;
use serde::Serialize;
use std::fmt::Write as _;

/// The partial's template name.
pub(super) const TEMPLATE: &str = "mentions.html";

/// How a theme's mention lists are made, for the dossier whose items the
/// mentions name.
pub(super) struct MentionLists<'t> {
    d: &'t Dossier,
    theme: &'t Theme,
    native: bool,
}

impl<'t> MentionLists<'t> {
    pub(super) fn new(d: &'t Dossier, theme: &'t Theme) -> Self {
        MentionLists {
            d,
            theme,
            native: theme.is_default(TEMPLATE),
        }
    }

    /// The list of `mentions`, all on the page at `url` (from the site
    /// root); with `notes`, a mention in a side note says so. Empty for no
    /// mentions.
    pub(super) fn render<'a>(
        &self,
        url: &str,
        mentions: &[&'a Mention],
        notes: bool,
    ) -> Result<String, Diagnostic> {
        if mentions.is_empty() {
            Ok(String::new())
        } else if self.native {
            Ok(native(self.d, url, mentions, notes))
        } else {
            let in_context = |m: &&'a Mention| InContext::new(self.d, m, notes);
            let list = List {
                t: &self.d.config.interface_strings,
                url,
                mentions: mentions.iter().map(in_context).collect(),
            };
            let ctx = tera_context(TEMPLATE, url, &list)?;
            self.theme.render(TEMPLATE, &ctx)
        }
    }
}

/// What `mentions.html` receives.
#[derive(Serialize)]
struct List<'a> {
    t: &'a crate::i18n::Strings,
    url: &'a str,
    mentions: Vec<InContext<'a>>,
}

/// The embedded `mentions.html`, written directly.
fn native(d: &Dossier, url: &str, mentions: &[&Mention], notes: bool) -> String {
    let mut out = String::with_capacity(mentions.len() * 320);
    out.push_str("<ul class=\"mentions\">");
    for m in mentions {
        let s = m.sentence();
        out.push_str("<li><a href=\"../");
        escape_html_into(&mut out, url);
        out.push('#');
        let _ = write!(Escaped(&mut out), "{}", m.id_shown(d));
        out.push_str("\"><bdi>");
        if s.cut_before {
            out.push('…');
        }
        escape_html_into(&mut out, s.before);
        out.push_str("<mark>");
        escape_html_into(&mut out, m.text());
        out.push_str("</mark>");
        escape_html_into(&mut out, s.after);
        if s.cut_after {
            out.push('…');
        }
        out.push_str("</bdi></a>");
        match m.note_number() {
            // Tera's `{% if i.in_note %}` is false for 0.
            Some(n) if notes && n != 0 => {
                let t = &d.config.interface_strings;
                out.push_str(" <span class=\"tag\">");
                escape_html_into(&mut out, &t.fill("annotation.in_note", &[("n", &n)]));
                out.push_str("</span>");
            }
            _ => {}
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

/// A mention with its sentence, for the template.
#[derive(Serialize)]
struct InContext<'a> {
    id: String,
    text: &'a str,
    before: String,
    after: String,
    /// Only where side notes are listed too (`notes`): the number of the
    /// note the mention stands in, or `null`.
    #[serde(skip_serializing_if = "Option::is_none")]
    in_note: Option<Option<usize>>,
}

impl<'a> InContext<'a> {
    fn new(d: &Dossier, m: &'a Mention, notes: bool) -> Self {
        let (before, after) = m.context();
        InContext {
            id: m.id(d),
            text: m.text(),
            before,
            after,
            in_note: notes.then_some(m.note_number()),
        }
    }
}
