//! Drawing diagnostics as text, rustc-style, with annotate-snippets: the
//! message, `--> file:line:col`, the lines concerned with the span
//! underlined, other places (`::: file:line:col`) and `= hint:`.
//!
//! Whether to colour is the caller's choice, made here at rendering (the
//! command line colours on a terminal without NO_COLOR; the serve overlay and
//! `Display` never do).

use super::{Diagnostic, Diagnostics, Excerpt, Severity};
use annotate_snippets::renderer::{DEFAULT_ERROR_STYLE, DEFAULT_WARNING_STYLE};
use annotate_snippets::{AnnotationKind, Element, Group, Level, Origin, Renderer, Snippet};
use std::path::Path;

fn renderer(styled: bool) -> Renderer {
    if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

/// The lines of `excerpt` as a snippet of the file at `path`.
fn snippet<'a>(
    path: &Path,
    excerpt: &'a Excerpt,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    Snippet::source(excerpt.text.as_str())
        .line_start(excerpt.first_line)
        .path(path.to_string_lossy().into_owned())
}

impl Diagnostic {
    /// The diagnostic as text, with ANSI colours when `styled`; no trailing
    /// line break.
    pub fn render(&self, styled: bool) -> String {
        renderer(styled).render(&[self.group()])
    }

    fn group(&self) -> Group<'_> {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut elements: Vec<Element<'_>> = vec![self.place()];
        for label in &self.labels {
            if let Some(excerpt) = &label.excerpt {
                let annotation = AnnotationKind::Context
                    .span(excerpt.local(&label.span))
                    .label(label.message.as_str());
                elements.push(snippet(&label.path, excerpt).annotation(annotation).into());
            }
        }
        if let Some(hint) = &self.hint {
            elements.push(Level::HELP.with_name("hint").message(hint.as_str()).into());
        }
        let mut title = level.primary_title(self.message.as_str());
        if let Some(rule) = self.rule {
            title = title.id(rule);
        }
        title.elements(elements)
    }

    /// The lines the diagnostic is about, with its span and the labels in
    /// the same file; or only the file (and line) when there are no lines.
    fn place(&self) -> Element<'_> {
        let (Some(excerpt), Some(span)) = (&self.excerpt, &self.span) else {
            let mut origin = Origin::path(self.path.to_string_lossy().into_owned());
            if let Some(line) = self.line {
                origin = origin.line(line);
                if let Some(column) = self.column {
                    origin = origin.char_column(column);
                }
            }
            return origin.into();
        };
        let mut snippet = snippet(&self.path, excerpt)
            .annotation(AnnotationKind::Primary.span(excerpt.local(span)));
        for label in self.labels.iter().filter(|l| l.excerpt.is_none()) {
            snippet = snippet.annotation(
                AnnotationKind::Context
                    .span(excerpt.local(&label.span))
                    .label(label.message.as_str()),
            );
        }
        snippet.into()
    }
}

impl Diagnostics {
    /// Every diagnostic as text, each followed by a blank line, then the
    /// [`summary`](Self::summary) line (no trailing line break). With ANSI
    /// colours when `styled`.
    pub fn render(&self, styled: bool) -> String {
        use rayon::prelude::*;
        // Thousands of warnings on a newsroom's dossier: each drawn on
        // whichever core is free, then put in order.
        let drawn: Vec<String> = self.0.par_iter().map(|d| d.render(styled)).collect();
        let mut out = String::with_capacity(drawn.iter().map(|d| d.len() + 2).sum());
        for d in drawn {
            out.push_str(&d);
            out.push_str("\n\n");
        }
        let summary = self.summary();
        if styled {
            let style = if self.has_errors() {
                DEFAULT_ERROR_STYLE
            } else {
                DEFAULT_WARNING_STYLE
            };
            out.push_str(&format!(
                "{}{summary}{}",
                style.render(),
                style.render_reset()
            ));
        } else {
            out.push_str(&summary);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "---\ntitle: x\npublihsed: 2023-08-14\n---\nBody\n";

    #[test]
    fn plain_rendering_of_a_place_and_a_hint() {
        let d = Diagnostic::new("content/a.md", "unknown field `publihsed`")
            .at_span(SRC, 13..22)
            .hint("did you mean `published`?");
        assert_eq!(
            d.to_string(),
            "\
error: unknown field `publihsed`
 --> content/a.md:3:1
  |
3 | publihsed: 2023-08-14
  | ^^^^^^^^^
  |
  = hint: did you mean `published`?"
        );
    }

    #[test]
    fn a_warning_without_a_place() {
        let d = Diagnostic::warning("content/a.md", "the article has no annotations")
            .hint("annotate a quote");
        assert_eq!(
            Diagnostics(vec![d]).to_string(),
            "\
warning: the article has no annotations
--> content/a.md
 = hint: annotate a quote

1 warning found"
        );
    }

    #[test]
    fn a_warning_shows_its_rule() {
        let d = Diagnostic::warning("content/a.md", "`Scholz` is not linked")
            .rule("unlinked-mention")
            .at_span(SRC, 4..9);
        assert!(
            d.to_string().starts_with(
                "warning[unlinked-mention]: `Scholz` is not linked\n --> content/a.md:2:1"
            ),
            "{d}"
        );
    }

    #[test]
    fn labels_in_the_same_file_and_in_another() {
        let other = "---\nname: Y\naliases: [X]\n---\n";
        let d = Diagnostic::new("a.md", "`x` twice")
            .at_span(SRC, 4..9)
            .label("a.md", SRC, 13..22, "here too")
            .label("b.md", other, 22..23, "and here")
            .hint("h");
        assert_eq!(
            d.to_string(),
            "\
error: `x` twice
 --> a.md:2:1
  |
2 | title: x
  | ^^^^^
3 | publihsed: 2023-08-14
  | --------- here too
  |
 ::: b.md:3:11
  |
3 | aliases: [X]
  |           - and here
  |
  = hint: h"
        );
    }

    #[test]
    fn several_labels_in_one_file_share_its_lines() {
        let d = Diagnostic::new("a.md", "m")
            .at_span(SRC, 13..22)
            .label("a.md", SRC, 0..3, "one")
            .label("a.md", SRC, 39..43, "two");
        let shown = d.to_string();
        assert!(shown.contains("1 | ---\n  | --- one"), "{shown}");
        assert!(shown.contains("5 | Body\n  | ---- two"), "{shown}");
    }

    #[test]
    fn styled_is_plain_with_colours() {
        let d = Diagnostic::new("content/a.md", "m")
            .at_span(SRC, 13..22)
            .hint("h");
        let all = Diagnostics(vec![d]);
        let styled = all.render(true);
        assert!(styled.contains("\x1b["), "{styled:?}");
        let mut stripped = String::new();
        let mut in_escape = false;
        for c in styled.chars() {
            match (in_escape, c) {
                (false, '\x1b') => in_escape = true,
                (true, 'm') => in_escape = false,
                (true, _) => {}
                (false, c) => stripped.push(c),
            }
        }
        assert_eq!(stripped, all.render(false));
        assert!(!all.to_string().contains("nothing was written"));
    }
}
