//! The list of one page's mentions of an item, each in its sentence: the
//! `mentions.html` partial of the actor and event pages.
//!
//! An actor named in thousands of paragraphs makes this list most of what
//! a big dossier renders, and Tera spends a variable lookup and a string on
//! every field of every mention. So when the theme's `mentions.html` is the
//! embedded default, the list is written here instead, byte for byte what
//! the template would give (a test renders both); a dossier that overrides
//! `mentions.html` gets its template rendered by Tera as usual.

use super::theme::Theme;
use crate::diagnostics::Diagnostic;
use crate::link::markdown::escape_html_into;
use crate::link::Mention;
use serde_json::Value;
use std::fmt::Write as _;

/// The partial's template name.
pub(super) const TEMPLATE: &str = "mentions.html";

/// How a theme's mention lists are made.
pub(super) struct MentionLists<'t> {
    theme: &'t Theme,
    native: bool,
}

impl<'t> MentionLists<'t> {
    pub(super) fn new(theme: &'t Theme) -> Self {
        MentionLists {
            theme,
            native: theme.is_default(TEMPLATE),
        }
    }

    /// The list of `mentions`, all on the page at `url` (from the site
    /// root); with `notes`, a mention in a side note says so. Empty for no
    /// mentions.
    pub(super) fn render(
        &self,
        url: &str,
        mentions: &[&Mention],
        notes: bool,
    ) -> Result<String, Diagnostic> {
        if mentions.is_empty() {
            Ok(String::new())
        } else if self.native {
            Ok(native(url, mentions, notes))
        } else {
            let items = mentions.iter().map(|m| in_context(m, notes)).collect();
            let mut ctx = tera::Context::new();
            ctx.insert("url", url);
            ctx.insert("mentions", &Value::Array(items));
            self.theme.render(TEMPLATE, &ctx)
        }
    }
}

/// The embedded `mentions.html`, written directly.
fn native(url: &str, mentions: &[&Mention], notes: bool) -> String {
    let mut out = String::with_capacity(mentions.len() * 320);
    out.push_str("<ul class=\"mentions\">");
    for m in mentions {
        let s = m.sentence();
        out.push_str("<li><a href=\"../");
        escape_html_into(&mut out, url);
        out.push('#');
        let _ = write!(Escaped(&mut out), "{}", m.id_shown());
        out.push_str("\">");
        if s.cut_before {
            out.push('…');
        }
        escape_html_into(&mut out, s.before);
        out.push_str("<mark class=\"mention-hit\">");
        escape_html_into(&mut out, m.text());
        out.push_str("</mark>");
        escape_html_into(&mut out, s.after);
        if s.cut_after {
            out.push('…');
        }
        out.push_str("</a>");
        match m.in_note {
            // Tera's `{% if i.in_note %}` is false for 0.
            Some(n) if notes && n != 0 => {
                let _ = write!(out, " <span class=\"tag\">in note {n}</span>");
            }
            _ => {}
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

/// A `fmt::Write` that escapes what it is given, as a template would.
struct Escaped<'a>(&'a mut String);

impl std::fmt::Write for Escaped<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        escape_html_into(self.0, s);
        Ok(())
    }
}

/// A mention with its sentence, for the template: `id`, `text`, `before`,
/// `after` and, with `notes`, `in_note`. Built field by field: `json!`
/// would copy every string once more.
pub(super) fn in_context(m: &Mention, notes: bool) -> Value {
    let (before, after) = m.context();
    let mut o = serde_json::Map::new();
    o.insert("id".into(), Value::String(m.id()));
    o.insert("text".into(), Value::String(m.text().to_string()));
    o.insert("before".into(), Value::String(before));
    o.insert("after".into(), Value::String(after));
    if notes {
        o.insert("in_note".into(), m.in_note.map_or(Value::Null, Value::from));
    }
    Value::Object(o)
}
