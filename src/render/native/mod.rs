//! Pages written without Tera, byte for byte what the embedded templates
//! make of the same typed context.
//!
//! At newsroom scale Tera's variable lookups, filters and the context each
//! page is turned into were most of what rendering an article page cost.
//! So while a dossier keeps the embedded `base.html`, `macros.html` and a
//! page's own template, that page is written here from the typed context
//! the template would have read; a dossier that overrides any of them gets
//! its templates rendered by Tera as before. `tests/engine.rs` builds
//! dossiers both ways and compares every file.

pub(super) mod base;
pub(super) mod macros;

use super::theme::Theme;
use crate::i18n::Strings;
use crate::util::html::escape_html_into;
use std::fmt::{self, Display, Write as _};

/// The templates every page written here stands for, besides its own.
const SHARED: [&str; 2] = ["base.html", "macros.html"];

/// Whether the page of `template` is written natively with `theme`: the
/// theme's `template`, `base.html` and `macros.html` are the embedded ones.
pub(super) fn writes(theme: &Theme, template: &str) -> bool {
    SHARED
        .iter()
        .chain([&template])
        .all(|t| theme.is_default(t))
}

/// A page being written: text goes in escaped as a template's `{{ … }}`
/// escapes it, markup as it is.
pub(super) struct Html(String);

impl Html {
    pub(super) fn with_capacity(n: usize) -> Self {
        Html(String::with_capacity(n))
    }

    /// Markup, as it is.
    pub(super) fn raw(&mut self, markup: &str) -> &mut Self {
        self.0.push_str(markup);
        self
    }

    /// Text, escaped (`{{ text }}`).
    pub(super) fn text(&mut self, text: &str) -> &mut Self {
        escape_html_into(&mut self.0, text);
        self
    }

    /// A value as its text, escaped (`{{ value }}`).
    pub(super) fn show(&mut self, value: impl Display) -> &mut Self {
        let _ = write!(Escaped(&mut self.0), "{value}");
        self
    }

    /// A count and its noun from the count table at `key`
    /// (`{{ n }} {{ t | plural(key=key, n=n) }}`).
    pub(super) fn counted(&mut self, n: usize, key: &str, t: &Strings) -> &mut Self {
        self.show(n).raw(" ").text(t.count(key, n as u64))
    }

    pub(super) fn into_string(self) -> String {
        self.0
    }
}

/// A `fmt::Write` that escapes what it is given, as a template would.
pub(super) struct Escaped<'a>(pub(super) &'a mut String);

impl fmt::Write for Escaped<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        escape_html_into(self.0, s);
        Ok(())
    }
}

/// A text a template's `{% if text %}` takes: there and not empty.
pub(super) fn given(text: &Option<impl AsRef<str>>) -> Option<&str> {
    text.as_ref().map(AsRef::as_ref).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_markup_kept() {
        let mut h = Html::with_capacity(0);
        h.raw("<b>")
            .text("a & <b>")
            .show(3)
            .show("\"q\"")
            .raw("</b>");
        assert_eq!(h.into_string(), "<b>a &amp; &lt;b&gt;3&quot;q&quot;</b>");
        assert_eq!(given(&Some("")), None);
        assert_eq!(given(&Some("x")), Some("x"));
        assert_eq!(given(&None::<String>), None);
    }

    /// The writers here spell out the embedded templates: a change to one
    /// of those must be made in its writer too (`tests/engine.rs` compares
    /// them, but only on the branches its dossiers reach). When this fails,
    /// update the writers (`native/base.rs`, `native/macros.rs`,
    /// `pages/<kind>/html.rs`), then the digest.
    #[test]
    fn the_templates_written_here_are_those_the_writers_spell() {
        let templates = [
            include_str!("../../../templates/base.html"),
            include_str!("../../../templates/macros.html"),
            include_str!("../../../templates/article.html"),
            include_str!("../../../templates/actor.html"),
            include_str!("../../../templates/event.html"),
            include_str!("../../../templates/print.html"),
        ];
        let digest = xxhash_rust::xxh3::xxh3_64(templates.concat().as_bytes());
        assert_eq!(format!("{digest:016x}"), "d7f9ebe6a699a696");
    }

    #[test]
    fn an_override_of_a_shared_template_hands_the_page_to_tera() {
        let dir = tempfile::tempdir().unwrap();
        let embedded = include_str!("../../../templates/article.html");
        std::fs::write(dir.path().join("article.html"), embedded).unwrap();
        let shown = std::path::Path::new("templates");
        let theme = Theme::load(dir.path(), shown).unwrap();
        assert!(writes(&theme, "article.html"));
        let macros = include_str!("../../../templates/macros.html");
        std::fs::write(
            dir.path().join("macros.html"),
            format!("{macros}{{# mine #}}"),
        )
        .unwrap();
        let theme = Theme::load(dir.path(), shown).unwrap();
        assert!(!writes(&theme, "article.html"));
    }
}
