//! URLs and values as text, for the records the render stage serialises,
//! and typed records handed to the templates as their context. [`Url`] is
//! the one place the render stage spells the URL of a page.

use crate::diagnostics::Diagnostic;
use crate::model::{ItemKind, ItemRef};
use serde::{Serialize, Serializer};
use std::fmt;

/// A value serialised as the text it displays, written straight into the
/// output: hundreds of thousands of records make no string each.
pub(super) struct Shown<T>(pub(super) T);

impl<T: fmt::Display> Serialize for Shown<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// Where a page is, from the site root: the one place the render stage
/// spells URLs. Written as text when displayed or serialised; the
/// templates put `root` (the way back from the page they make) in front.
#[derive(Debug, Clone, Copy)]
pub(super) enum Url<'a> {
    /// An item's page, as [`ItemRef::url`] (without making an `ItemRef`):
    /// `articles/x.html`, `actors/x.html`, `events/x.html`, free pages
    /// at the top (`x.html`).
    Item(ItemKind, &'a str),
    /// An annotation's highlight on its article's page: (article slug,
    /// number).
    Annotation(&'a str, usize),
    /// An annotation's side note on its article's page: (article slug,
    /// number).
    Note(&'a str, usize),
    /// A seed's page, its text as numbered lines.
    SeedPage(&'a str),
    /// A seed's text, verbatim.
    SeedText(&'a str),
}

impl<'a> Url<'a> {
    pub(super) fn of(r: &'a ItemRef) -> Self {
        Url::Item(r.kind, &r.slug)
    }
    pub(super) fn article(slug: &'a str) -> Self {
        Url::Item(ItemKind::Article, slug)
    }
    pub(super) fn actor(slug: &'a str) -> Self {
        Url::Item(ItemKind::Actor, slug)
    }
    pub(super) fn event(slug: &'a str) -> Self {
        Url::Item(ItemKind::Event, slug)
    }
    pub(super) fn page(slug: &'a str) -> Self {
        Url::Item(ItemKind::Page, slug)
    }
}

impl fmt::Display for Url<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Url::Item(ItemKind::Page, slug) => write!(f, "{slug}.html"),
            Url::Item(kind, slug) => write!(f, "{}/{slug}.html", kind.dir()),
            Url::Annotation(article, n) => write!(f, "articles/{article}.html#ann-{n}"),
            Url::Note(article, n) => write!(f, "articles/{article}.html#note-{n}"),
            Url::SeedPage(file) => write!(f, "seeds/{}", seed_page_name(file)),
            Url::SeedText(file) => write!(f, "seeds/{file}"),
        }
    }
}

impl Serialize for Url<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The file name of a seed's page in `seeds/` (the templates of pages in
/// other folders put the way to `seeds/` in front).
pub(super) fn seed_page_name(file: &str) -> String {
    format!("{file}.html")
}

/// `value` as the context of `template` for the page at `path`. Typed
/// contexts always serialise to an object; should one not, it is said.
pub(super) fn tera_context(
    template: &str,
    path: &str,
    value: &impl Serialize,
) -> Result<tera::Context, Diagnostic> {
    tera::Context::from_serialize(value).map_err(|e| {
        Diagnostic::new(
            path,
            format!(
                "cannot hand `{path}` to template `{template}`: {}",
                super::theme::error_chain(&e)
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_those_of_item_refs() {
        for kind in [
            ItemKind::Article,
            ItemKind::Actor,
            ItemKind::Event,
            ItemKind::Page,
        ] {
            let r = ItemRef::new(kind, "a-b");
            assert_eq!(Url::of(&r).to_string(), r.url());
        }
        assert_eq!(Url::Annotation("x", 3).to_string(), "articles/x.html#ann-3");
        assert_eq!(Url::Note("x", 3).to_string(), "articles/x.html#note-3");
        assert_eq!(Url::SeedPage("s.txt").to_string(), "seeds/s.txt.html");
        assert_eq!(Url::SeedText("s.txt").to_string(), "seeds/s.txt");
    }
}
