//! Errors as values with places.
//!
//! Every problem found while loading, linking or rendering a dossier becomes a
//! [`Diagnostic`] that names the file, the line and column where there is one,
//! and a hint. Stages collect them into [`Diagnostics`] so that one run reports
//! every problem at once, sorted by file and line.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in the input, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Path relative to the dossier root (or as given, for files outside it).
    pub path: PathBuf,
    /// 1-based line, when the problem has a place in the file.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
    /// The text of the offending line, shown under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn new(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    /// Places the diagnostic at a 1-based line and column of `source`, and
    /// keeps that line's text for display.
    pub fn at(mut self, source: &str, line: usize, column: usize) -> Self {
        self.line = Some(line.max(1));
        self.column = Some(column.max(1));
        self.source_line = source.lines().nth(line.max(1) - 1).map(str::to_owned);
        self
    }

    /// Places the diagnostic at a byte offset of `source`.
    pub fn at_offset(self, source: &str, offset: usize) -> Self {
        let (line, column) = line_col(source, offset);
        self.at(source, line, column)
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    fn sort_key(&self) -> (&Path, usize, usize) {
        (&self.path, self.line.unwrap_or(0), self.column.unwrap_or(0))
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

impl fmt::Display for Diagnostic {
    /// Renders in the style of rustc: message, place, the offending line with a
    /// caret, and the hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        let place = match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{}:{}", self.path.display(), l, c),
            (Some(l), None) => format!("{}:{}", self.path.display(), l),
            _ => self.path.display().to_string(),
        };
        let gutter = self.line.map_or(1, |l| l.to_string().len());
        let pad = " ".repeat(gutter);
        writeln!(f, "{pad}--> {place}")?;
        if let (Some(line), Some(text)) = (self.line, &self.source_line) {
            writeln!(f, "{pad} |")?;
            writeln!(f, "{line} | {}", text.trim_end())?;
            let col = self.column.unwrap_or(1);
            let lead: String = text
                .chars()
                .take(col - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, "{pad} | {lead}^")?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "{pad} = hint: {hint}")?;
        }
        Ok(())
    }
}

/// Every diagnostic of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
    /// Sorted by file, line and column; duplicates removed.
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(|a, b| {
            a.sort_key()
                .cmp(&b.sort_key())
                .then(a.message.cmp(&b.message))
        });
        self.0.dedup();
        self
    }
    /// `Ok(value)` when nothing was reported, else every diagnostic.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self.sorted())
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        let n = self.0.len();
        write!(
            f,
            "{n} error{} found; nothing was written",
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Diagnostics {}

/// The candidate closest to `word` by edit distance, when close enough to be
/// a plausible typo: used for "did you mean" hints.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (levenshtein(word, c), c))
        .filter(|(d, c)| *d <= c.chars().count().max(word.chars().count()).div_ceil(3))
        .min()
        .map(|(_, c)| c)
}

/// Edit distance counting a swap of two neighbouring letters as one edit
/// (optimal string alignment): `qoute` is one typo away from `quote`.
fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j - 1] + cost)
                .min(d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// Turns a serde (YAML or TOML) error message into a message without its
/// position suffix and a "did you mean" hint for unknown fields and variants.
pub fn explain_serde_message(raw: &str) -> (String, Option<String>) {
    let message = match raw.find(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    };
    let message = plain_words(message);
    let hint = unknown_name_hint(&message).or_else(|| type_hint(&message));
    (message, hint)
}

/// Replaces serde's names for Rust types with the words an author knows.
fn plain_words(message: &str) -> String {
    let mut m = message.to_string();
    // `expected struct ArticleFm`: a Rust type name means nothing to an author.
    while let Some(i) = m.find("expected struct ") {
        let rest = &m[i + "expected struct ".len()..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let tail = rest[end..].to_string();
        m = format!("{}expected `key: value` fields{tail}", &m[..i]);
    }
    for (from, to) in [
        ("invalid type: sequence", "invalid type: a list"),
        ("invalid type: map", "invalid type: `key: value` fields"),
        ("invalid type: unit value", "invalid type: nothing"),
        ("expected a sequence", "expected a list"),
        ("expected a map", "expected `key: value` fields"),
        ("expected usize", "expected a number"),
        ("expected u64", "expected a number"),
        ("expected u32", "expected a number"),
        ("expected i64", "expected a number"),
        ("expected i32", "expected a number"),
        ("expected a string", "expected text"),
        ("expected a boolean", "expected `true` or `false`"),
    ] {
        m = m.replace(from, to);
    }
    m
}

/// A hint for a value of the wrong type.
fn type_hint(message: &str) -> Option<String> {
    let hint = if message.contains("expected a list") {
        "write a list as `[a, b]`, or one `- a` line per entry"
    } else if message.contains("expected a number") {
        "write a plain number, such as `2`"
    } else if message.contains("expected `key: value` fields") {
        "front matter is a set of `key: value` lines between two `---` lines"
    } else if message.contains("expected `true` or `false`") {
        "write `true` or `false`, without quotes"
    } else if message.contains("expected text") {
        "write text; put it in quotes if it starts with a special character or contains `: `"
    } else if message.contains("missing field") {
        "add the field"
    } else {
        return None;
    };
    Some(hint.to_string())
}

fn unknown_name_hint(message: &str) -> Option<String> {
    let (what, rest) = if let Some(i) = message.find("unknown field `") {
        ("field", &message[i + "unknown field `".len()..])
    } else if let Some(i) = message.find("unknown variant `") {
        ("value", &message[i + "unknown variant `".len()..])
    } else {
        return None;
    };
    let end = rest.find('`')?;
    let word = &rest[..end];
    let expected: Vec<&str> = rest[end..].split('`').skip(2).step_by(2).collect();
    if expected.is_empty() {
        return Some(format!("this {what} is not allowed here"));
    }
    match closest(word, expected.iter().copied()) {
        Some(best) => Some(format!("did you mean `{best}`?")),
        None => Some(format!(
            "allowed: {}",
            expected
                .iter()
                .map(|e| format!("`{e}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_place_line_and_hint() {
        let src = "---\ntitel: x\n---\n";
        let d = Diagnostic::new("content/a.md", "unknown field `titel`")
            .at(src, 2, 1)
            .hint("did you mean `title`?");
        let out = d.to_string();
        assert!(out.contains("--> content/a.md:2:1"), "{out}");
        assert!(out.contains("2 | titel: x"), "{out}");
        assert!(out.contains("= hint: did you mean `title`?"), "{out}");
    }

    #[test]
    fn line_col_counts_chars() {
        assert_eq!(line_col("ab\nцd", 5), (2, 2));
        assert_eq!(line_col("ab", 99), (1, 3));
    }

    #[test]
    fn hints_unknown_fields_and_variants() {
        let (m, h) = explain_serde_message(
            "unknown field `titel`, expected one of `title`, `kind` at line 3 column 1",
        );
        assert_eq!(m, "unknown field `titel`, expected one of `title`, `kind`");
        assert_eq!(h.as_deref(), Some("did you mean `title`?"));
        let (_, h) = explain_serde_message("unknown variant `persn`, expected `person` or `state`");
        assert_eq!(h.as_deref(), Some("did you mean `person`?"));
        let (_, h) =
            explain_serde_message("unknown variant `zzzzzz`, expected `person` or `state`");
        assert_eq!(h.as_deref(), Some("allowed: `person`, `state`"));
    }

    #[test]
    fn swapped_letters_are_one_typo() {
        assert_eq!(levenshtein("qoute", "quote"), 1);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(closest("qoute", ["quote", "kind", "note"]), Some("quote"));
        assert_eq!(closest("", ["quote"]), None);
    }

    #[test]
    fn rust_type_names_become_plain_words() {
        let (m, h) = explain_serde_message("invalid type: sequence, expected struct ActorFm");
        assert_eq!(m, "invalid type: a list, expected `key: value` fields");
        assert!(h.unwrap().contains("`key: value` lines"));
        let (m, h) = explain_serde_message(
            "annotations[2].occurrence: invalid type: string \"first\", expected usize",
        );
        assert_eq!(
            m,
            "annotations[2].occurrence: invalid type: string \"first\", expected a number"
        );
        assert!(h.unwrap().contains("number"));
        let (m, _) = explain_serde_message("invalid type: string \"x\", expected a sequence");
        assert!(m.ends_with("expected a list"));
    }
}
