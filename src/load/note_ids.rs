//! The ids of an article's annotations ([`NoteId`]): each `id:` checked,
//! the others derived from their quotes, and no id used twice in the
//! article, since each names an element of its page.

use super::frontmatter::{self, Step};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::note_id::MAX_CHARS;
use crate::model::{NoteId, SourceText};
use crate::util::text::truncate;
use std::collections::HashMap;

/// What names one annotation, as written.
pub(super) struct Written<'a> {
    pub(super) id: Option<&'a str>,
    pub(super) quote: &'a str,
    pub(super) occurrence: Option<usize>,
}

impl Written<'_> {
    /// Where the id is written: the `id:` of annotation `i`, or its quote.
    fn path(&self, i: usize) -> [Step; 3] {
        let key = if self.id.is_some() { "id" } else { "quote" };
        [Step::Key("annotations"), Step::Index(i), Step::Key(key)]
    }
}

/// Each annotation's id, in order. Reports each invalid `id:` (that
/// annotation gets its derived id, not checked further) and each id that
/// an earlier annotation has.
pub(super) fn note_ids(
    text: &SourceText,
    written: &[Written],
    diags: &mut Diagnostics,
) -> Vec<NoteId> {
    let mut ids = Vec::with_capacity(written.len());
    let mut first: HashMap<NoteId, usize> = HashMap::new();
    for (i, w) in written.iter().enumerate() {
        let id = match w.id.map(NoteId::parse) {
            None => NoteId::derive(w.quote, w.occurrence),
            Some(Ok(id)) => id,
            Some(Err(why)) => {
                diags.push(invalid(text, i, w, &why.to_string()));
                ids.push(NoteId::derive(w.quote, w.occurrence));
                continue;
            }
        };
        // An empty quote is reported as such; its id means nothing.
        let wordless = w.id.is_none() && w.quote.trim().is_empty();
        if !wordless {
            if let Some(&j) = first.get(&id) {
                diags.push(twice(text, &id, (j, &written[j]), (i, w)));
            } else {
                first.insert(id.clone(), i);
            }
        }
        ids.push(id);
    }
    ids
}

/// An `id:` that is not a valid id, and why.
fn invalid(text: &SourceText, i: usize, w: &Written, why: &str) -> Diagnostic {
    let written = w.id.unwrap_or_default();
    let message = format!(
        "`{}` is not a valid annotation id: {why}",
        truncate(written, 70)
    );
    let rule = format!(
        "lowercase letters and digits joined by single hyphens, at most {MAX_CHARS} characters"
    );
    let hint = match NoteId::suggest(written) {
        Some(id) => format!("write `id: {id}`: {rule}"),
        None => format!("write {rule}, such as `id: mayor-denies-leak`"),
    };
    frontmatter::place(Diagnostic::new(&text.path, message), text, &w.path(i)).hint(hint)
}

/// The annotation `second` has the id of the annotation `first`.
fn twice(
    text: &SourceText,
    id: &NoteId,
    first: (usize, &Written),
    second: (usize, &Written),
) -> Diagnostic {
    let message = format!("two annotations of this article have the id `{id}`");
    let mut d = frontmatter::place(
        Diagnostic::new(&text.path, message),
        text,
        &second.1.path(second.0),
    );
    if let Some(span) = frontmatter::span_of(text, &first.1.path(first.0)) {
        d = d.label(&text.path, &text.file, span, "the first");
    }
    d.hint(if first.1.id.is_some() && second.1.id.is_some() {
        "ids name notes in their article's URLs: give one of them another `id:`"
    } else {
        "an annotation without `id:` is named by the first words of its quote: give one of them an `id:`"
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;
    use std::path::Path;

    /// The article `front` (the front matter's annotations) loads as.
    fn load(annotations: &str) -> Result<Article, Diagnostics> {
        let file = format!(
            "---\ntitle: T\nsource:\n  name: S\nseed: s.txt\nannotations:\n{annotations}---\nBody.\n"
        );
        let text = frontmatter::split(Path::new("a.md"), file).unwrap();
        let (article, named) = super::super::items::article("a".into(), text)?;
        named.errors.into_result(article)
    }

    fn ids(annotations: &str) -> Vec<String> {
        let article = load(annotations).unwrap_or_else(|d| panic!("{d:?}"));
        article
            .annotations
            .iter()
            .map(|a| a.id.to_string())
            .collect()
    }

    fn errors(annotations: &str) -> Vec<Diagnostic> {
        load(annotations)
            .map(|_| ())
            .unwrap_err()
            .iter()
            .cloned()
            .collect()
    }

    #[test]
    fn ids_are_written_or_derived() {
        let found = ids("  - quote: Mayor Żaneta said\n    kind: source\n    note: N\n  - id: my-note\n    quote: Mayor Żaneta said\n    occurrence: 2\n    kind: claim\n    note: N\n  - quote: Mayor Żaneta said\n    occurrence: 3\n    kind: claim\n    note: N\n");
        assert_eq!(
            found,
            ["mayor-żaneta-said", "my-note", "mayor-żaneta-said-3"]
        );
    }

    #[test]
    fn a_bare_number_is_an_id() {
        let found = ids("  - id: 2022\n    quote: q\n    kind: source\n    note: N\n");
        assert_eq!(found, ["2022"]);
        let e = errors("  - id: [a]\n    quote: q\n    kind: source\n    note: N\n");
        assert!(e[0].message.contains("expected an id such as"), "{e:?}");
        let e = errors("  - id: -3\n    quote: q\n    kind: source\n    note: N\n");
        assert!(
            e[0].message.contains("hyphens may only join words"),
            "{e:?}"
        );
    }

    #[test]
    fn an_invalid_id_is_placed_with_a_suggestion() {
        let e = errors("  - id: Mayor_Said\n    quote: q\n    kind: source\n    note: N\n");
        assert_eq!(e.len(), 1);
        assert_eq!(
            e[0].message,
            "`Mayor_Said` is not a valid annotation id: `M` is an uppercase letter"
        );
        assert_eq!((e[0].line, e[0].column), (Some(7), Some(9)));
        let hint = e[0].hint.as_deref().unwrap();
        assert!(
            hint.starts_with("write `id: mayor-said`: lowercase"),
            "{hint}"
        );
    }

    #[test]
    fn an_id_used_twice_points_at_both() {
        // Derived: the same first six words.
        let e = errors("  - quote: one two three four five six seven\n    kind: source\n    note: N\n  - quote: One two three four five six, eight\n    kind: claim\n    note: N\n");
        assert_eq!(e.len(), 1);
        assert_eq!(
            e[0].message,
            "two annotations of this article have the id `one-two-three-four-five-six`"
        );
        assert_eq!(e[0].line, Some(10));
        assert_eq!(e[0].labels.len(), 1);
        assert_eq!(
            (e[0].labels[0].line, &*e[0].labels[0].message),
            (7, "the first")
        );
        assert!(e[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("give one of them an `id:`"));
        // Written on the second, derived on the first.
        let e = errors("  - quote: Said so\n    kind: source\n    note: N\n  - id: said-so\n    quote: other\n    kind: claim\n    note: N\n");
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].line, e[0].column), (Some(10), Some(9)));
        // Both written.
        let e = errors("  - id: x\n    quote: a\n    kind: source\n    note: N\n  - id: x\n    quote: b\n    kind: claim\n    note: N\n");
        assert_eq!(e.len(), 1);
        assert!(e[0].hint.as_deref().unwrap().contains("another `id:`"));
    }

    #[test]
    fn empty_quotes_are_not_reported_twice() {
        // The empty quotes are reported by the whole-dossier checks.
        let found = ids("  - quote: \"\"\n    kind: source\n    note: N\n  - quote: \" \"\n    kind: claim\n    note: N\n");
        assert_eq!(found, ["note", "note"]);
    }
}
