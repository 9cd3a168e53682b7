//! Errors as values with places.
//!
//! Every problem found while loading, linking or rendering a dossier becomes a
//! [`Diagnostic`]: a severity, the file, the span of the file it is about
//! (from which the line and column are computed), a message, a hint, and
//! other places that explain it (such as the other item that claims the same
//! alias). Stages collect them into [`Diagnostics`] so that one run reports
//! every problem at once, sorted by file and line.
//!
//! Diagnostics are data: [`Diagnostic::render`] draws them with
//! annotate-snippets, in colour or not as the caller decides, and
//! `#[derive(Serialize)]` gives `dossier check --format json` its fields.

mod render;
mod serde_hints;

pub use serde_hints::{choice_hint, explain_serde_message};

use serde::{Serialize, Serializer};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How bad a problem is: an error stops the build; a warning does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    fn is_error(&self) -> bool {
        *self == Severity::Error
    }
}

/// One problem in the input, with its place.
///
/// Serialised (for `check --format json`) as `path`, `line`, `column`,
/// `message`, `hint`, `severity` (`"error"` or `"warning"`) and `rule`
/// (a warning's, for `[[warnings.allow]]`; `null` for an error).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Path relative to the dossier root (or as given, for files outside it).
    #[serde(serialize_with = "lossy_path")]
    pub path: PathBuf,
    /// 1-based line, when the problem has a place in the file.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
    /// Last in the JSON: the fields before it are those the report has
    /// always had.
    pub severity: Severity,
    /// The name of the rule a warning comes from (`unlinked-mention`),
    /// shown as `warning[unlinked-mention]` so that it can be allowed by
    /// name in `book.toml`.
    pub rule: Option<&'static str>,
    /// The bytes of the file the problem is about, when it has a place.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    /// Other places that explain this one, in this file or others.
    #[serde(skip)]
    pub labels: Vec<Label>,
    /// The lines around `span` and the same-file labels, for display.
    #[serde(skip)]
    excerpt: Option<Excerpt>,
}

/// A secondary place of a [`Diagnostic`], with a few words on its part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    /// Bytes of the file at `path`.
    pub span: Range<usize>,
    pub message: String,
    /// Lines of another file; `None` when the label is in the diagnostic's
    /// own file and shown in its excerpt.
    excerpt: Option<Excerpt>,
}

/// Whole lines of a file, kept so that a diagnostic can be shown without the
/// file: `text` starts at byte `start` of the file, on line `first_line`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Excerpt {
    start: usize,
    first_line: usize,
    text: String,
}

impl Excerpt {
    /// The lines of `source` that `span` touches (without the last line's
    /// line break).
    fn of(source: &str, span: &Range<usize>) -> Excerpt {
        let start = source[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let end = source[span.end..]
            .find('\n')
            .map_or(source.len(), |i| span.end + i);
        let text = source[start..end].trim_end_matches('\r');
        Excerpt {
            start,
            first_line: source[..start].matches('\n').count() + 1,
            text: text.to_string(),
        }
    }

    /// `span` of the file as a range of `text`.
    fn local(&self, span: &Range<usize>) -> Range<usize> {
        let clamp = |i: usize| i.saturating_sub(self.start).min(self.text.len());
        clamp(span.start)..clamp(span.end)
    }
}

/// `span` clamped to `source` and widened to character boundaries.
fn clamp_span(source: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(source.len());
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, source.len());
    while !source.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

fn lossy_path<S: Serializer>(path: &Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&path.to_string_lossy())
}

impl Diagnostic {
    /// An error about `path`, without a place in it (yet).
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            rule: None,
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            span: None,
            labels: Vec::new(),
            excerpt: None,
        }
    }

    /// A warning about `path`: reported, but the build goes on.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::new(path, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity.is_error()
    }

    /// Names the rule a warning comes from.
    pub fn rule(mut self, rule: &'static str) -> Self {
        self.rule = Some(rule);
        self
    }

    /// Places the diagnostic at the bytes `span` of `source`, the text of
    /// its file.
    pub fn at_span(mut self, source: &str, span: Range<usize>) -> Self {
        let span = clamp_span(source, span);
        let (line, column) = line_col(source, span.start);
        self.line = Some(line);
        self.column = Some(column);
        self.excerpt = Some(Excerpt::of(source, &span));
        self.span = Some(span);
        self
    }

    /// Places the diagnostic at a byte offset of `source`.
    pub fn at_offset(self, source: &str, offset: usize) -> Self {
        self.at_span(source, offset..offset)
    }

    /// Places the diagnostic at a 1-based line and column (in characters)
    /// of `source`.
    pub fn at(self, source: &str, line: usize, column: usize) -> Self {
        let offset = offset_of(source, line, column);
        self.at_span(source, offset..offset)
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds another place that explains this one: `span` of `source`, the
    /// text of the file at `path`.
    pub fn label(
        mut self,
        path: impl Into<PathBuf>,
        source: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let path = path.into();
        let span = clamp_span(source, span);
        let (line, column) = line_col(source, span.start);
        let same_file = path == self.path && self.span.is_some();
        let excerpt = if same_file {
            // One excerpt for every place in the file: from the first line
            // to the last.
            let spans = self.labels.iter().filter(|l| l.excerpt.is_none());
            let all = spans
                .map(|l| &l.span)
                .chain(&self.span)
                .fold(span.clone(), |all, s| {
                    all.start.min(s.start)..all.end.max(s.end)
                });
            self.excerpt = Some(Excerpt::of(source, &all));
            None
        } else {
            Some(Excerpt::of(source, &span))
        };
        self.labels.push(Label {
            path,
            line,
            column,
            span,
            message: message.into(),
            excerpt,
        });
        self
    }

    /// Errors before warnings, then by file and place.
    fn sort_key(&self) -> (Severity, &Path, usize, usize) {
        (
            self.severity,
            &self.path,
            self.line.unwrap_or(0),
            self.column.unwrap_or(0),
        )
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..offset].chars().count() + 1;
    (line, column)
}

/// The byte offset of a 1-based line and column (in characters), kept
/// within the line (and the text).
pub fn offset_of(source: &str, line: usize, column: usize) -> usize {
    let line_start = match line.max(1) - 1 {
        0 => 0,
        n => match source.match_indices('\n').nth(n - 1) {
            Some((i, _)) => i + 1,
            None => return source.len(),
        },
    };
    let rest = &source[line_start..];
    let line_len = rest.find('\n').unwrap_or(rest.len());
    let within = rest[..line_len]
        .char_indices()
        .nth(column.max(1) - 1)
        .map_or(line_len, |(i, _)| i);
    line_start + within
}

impl fmt::Display for Diagnostic {
    /// The plain rendering (no colour), as `dossier` prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// Every diagnostic of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
    /// How many are errors (the rest are warnings).
    pub fn errors(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }
    /// Sorted by file, line and column, errors before warnings;
    /// duplicates removed.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            a.sort_key()
                .cmp(&b.sort_key())
                .then(a.message.cmp(&b.message))
        });
        self.0.dedup();
        self
    }
    /// Only the warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }
    /// `Ok(value)` when nothing was reported, else every diagnostic.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self.sorted())
        }
    }
    /// The closing line: "3 errors found", "1 error and 2 warnings found".
    pub fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let (errors, warnings) = (self.errors(), self.len() - self.errors());
        match (errors, warnings) {
            (e, 0) => format!("{} found", plural(e, "error")),
            (0, w) => format!("{} found", plural(w, "warning")),
            (e, w) => format!("{} and {} found", plural(e, "error"), plural(w, "warning")),
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    /// Every diagnostic in plain text, then the [`summary`](Self::summary).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for Diagnostics {}

/// The candidate closest to `word` by edit distance, when close enough to be
/// a plausible typo: used for "did you mean" hints. A swap of two
/// neighbouring letters counts as one edit (optimal string alignment), so
/// `qoute` is one typo away from `quote`.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::osa_distance(word, c), c))
        .filter(|(d, c)| *d <= c.chars().count().max(word.chars().count()).div_ceil(3))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_and_hint() {
        let src = "---\ntitel: x\n---\n";
        let d = Diagnostic::new("content/a.md", "unknown field `titel`")
            .at(src, 2, 1)
            .hint("did you mean `title`?");
        assert_eq!((d.line, d.column), (Some(2), Some(1)));
        assert_eq!(d.span, Some(4..4));
        let d = d.at_span(src, 4..9);
        assert_eq!((d.line, d.column), (Some(2), Some(1)));
    }

    #[test]
    fn line_col_counts_chars() {
        assert_eq!(line_col("ab\nцd", 5), (2, 2));
        assert_eq!(line_col("ab", 99), (1, 3));
        assert_eq!(offset_of("ab\nцd", 2, 2), 5);
        assert_eq!(offset_of("ab\nцd", 2, 9), 6);
        assert_eq!(offset_of("ab\nцd", 7, 1), 6);
        assert_eq!(offset_of("ab\nцd", 1, 1), 0);
    }

    #[test]
    fn places_outside_the_text_are_kept_inside() {
        let src = "ab\nцd";
        // Inside a character, past the end: never a panic.
        let d = Diagnostic::new("a.md", "m").at_span(src, 4..99);
        assert_eq!(d.span, Some(3..6));
        let d = Diagnostic::new("a.md", "m").at_offset(src, 99);
        assert_eq!((d.line, d.column), (Some(2), Some(3)));
        let _ = d.to_string();
    }

    #[test]
    fn any_text_and_place_renders_with_the_same_line_and_column() {
        let texts = [
            "a: b\r\nc: d\r\n",
            "x\ry: z\n",
            "\ttab: \u{200d}\u{1f469}\u{200d}\u{1f52c} e\u{301}\n",
            "\u{feff}---\nцd: \u{202e}rtl\u{1b}[31m\n\n",
            "",
            "\n\n",
        ];
        for text in texts {
            for start in 0..=text.len() + 1 {
                let d = Diagnostic::new("a.md", "m").at_span(text, start..start + 3);
                let place = format!("a.md:{}:{}", d.line.unwrap(), d.column.unwrap());
                let shown = d.to_string();
                assert!(shown.contains(&place), "{text:?} {start}: {place}\n{shown}");
                let d = d
                    .label("a.md", text, 0..1, "l")
                    .label("b.md", text, start..start, "m");
                let _ = (d.render(true), d.render(false));
            }
        }
    }

    #[test]
    fn swapped_letters_are_one_typo() {
        assert_eq!(strsim::osa_distance("qoute", "quote"), 1);
        assert_eq!(closest("qoute", ["quote", "kind", "note"]), Some("quote"));
        assert_eq!(closest("", ["quote"]), None);
        assert_eq!(closest("zzzzzz", ["person", "state"]), None);
    }

    #[test]
    fn summary_counts_errors_and_warnings() {
        let e = || Diagnostic::new("a.md", "e");
        let w = || Diagnostic::warning("a.md", "w");
        assert_eq!(Diagnostics(vec![e()]).summary(), "1 error found");
        assert_eq!(Diagnostics(vec![e(), e()]).summary(), "2 errors found");
        assert_eq!(Diagnostics(vec![w()]).summary(), "1 warning found");
        assert_eq!(
            Diagnostics(vec![e(), w(), w()]).summary(),
            "1 error and 2 warnings found"
        );
    }

    #[test]
    fn errors_come_before_warnings() {
        let all = Diagnostics(vec![
            Diagnostic::warning("a.md", "w"),
            Diagnostic::new("b.md", "e"),
            Diagnostic::new("a.md", "e"),
        ])
        .sorted();
        let shown: Vec<_> = all
            .iter()
            .map(|d| (d.path.to_str(), d.is_error()))
            .collect();
        assert_eq!(
            shown,
            [
                (Some("a.md"), true),
                (Some("b.md"), true),
                (Some("a.md"), false)
            ]
        );
    }

    #[test]
    fn json_has_the_fields_of_before_and_severity_and_rule() {
        let src = "---\ntitel: x\n---\n";
        let d = Diagnostic::new("content/a.md", "unknown field `titel`")
            .at_span(src, 4..9)
            .hint("did you mean `title`?");
        // The fields and order (serde_json sorts them) that `check --format
        // json` wrote by hand before, and the severity.
        let by_hand = serde_json::json!({
            "path": "content/a.md",
            "line": 2,
            "column": 1,
            "message": "unknown field `titel`",
            "hint": "did you mean `title`?",
            "severity": "error",
            "rule": null,
        });
        assert_eq!(serde_json::to_value(&d).unwrap(), by_hand);
        assert_eq!(
            serde_json::to_string(&serde_json::json!({ "diagnostics": [d] })).unwrap(),
            serde_json::to_string(&serde_json::json!({ "diagnostics": [by_hand] })).unwrap()
        );
        let w = Diagnostic::warning("a.md", "w").rule("unlinked-mention");
        let w = serde_json::to_value(w).unwrap();
        assert_eq!(w["severity"], "warning");
        assert!(w["line"].is_null());
        // A warning's rule is a field too, for editors to act on by name
        // (was left out of the JSON).
        assert_eq!(w["rule"], "unlinked-mention");
    }
}
