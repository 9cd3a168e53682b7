//! The front matter a Markdown source may open with: YAML between `---`
//! lines (Jekyll, Hugo, Pandoc, Obsidian, a dossier's own articles) or
//! TOML between `+++` lines (Hugo, Zola). Its block is never part of the
//! body, and what it says of the article is taken under the names those
//! tools use.

use serde_yaml::Value;

/// What a source's front matter says of the article, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SourceMeta {
    pub title: Option<String>,
    pub publisher: Option<String>,
    /// A date or timestamp, as written (the caller keeps its date).
    pub published: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
}

/// Keys that name each value, first found wins, compared in lowercase.
const TITLE: &[&str] = &["title", "headline"];
const PUBLISHER: &[&str] = &["publisher", "publication", "site_name", "outlet", "source"];
const PUBLISHED: &[&str] = &[
    "published",
    "date_published",
    "datepublished",
    "published_at",
    "publishdate",
    "pubdate",
    "date",
];
const URL: &[&str] = &[
    "url",
    "canonical_url",
    "canonical",
    "source_url",
    "original_url",
    "link",
    "source",
];
const LANGUAGE: &[&str] = &["language", "lang", "languagecode"];

/// Splits `text` into its front matter (when it opens with one that is
/// closed and is a table of values, or empty) and the rest. A block that
/// is not (a text that opens with a `---` rule, YAML that does not parse)
/// is the text's own: nothing of it is dropped.
pub(crate) fn split(text: &str) -> (Option<SourceMeta>, &str) {
    let Some((fence, first_line)) = opening(text) else {
        return (None, text);
    };
    let mut at = first_line;
    for line in text[first_line..].split_inclusive('\n') {
        let end = at + line.len();
        let trimmed = line.trim_end();
        if trimmed == fence || (fence == "---" && trimmed == "...") {
            let block = &text[first_line..at];
            return match parse(fence, block) {
                Some(meta) => (Some(meta), &text[end..]),
                None => (None, text),
            };
        }
        at = end;
    }
    (None, text)
}

/// The fence a front matter opens with and where its first line starts.
fn opening(text: &str) -> Option<(&'static str, usize)> {
    let (line, rest) = text.split_once('\n')?;
    let fence = ["---", "+++"].into_iter().find(|f| line.trim_end() == *f)?;
    Some((fence, text.len() - rest.len()))
}

/// The values of a block that is a table of them, or empty; `None` for
/// any other block.
fn parse(fence: &str, block: &str) -> Option<SourceMeta> {
    if block.trim().is_empty() {
        return Some(SourceMeta::default());
    }
    let table = if fence == "+++" {
        toml::from_str::<toml::Value>(block).ok().map(from_toml)
    } else {
        serde_yaml::from_str::<Value>(block).ok()
    };
    match table {
        Some(Value::Mapping(m)) => Some(meta_of(&m)),
        _ => None,
    }
}

/// A TOML value as YAML's, dates as the text they are written as.
fn from_toml(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        toml::Value::Float(f) => Value::Number(f.into()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Sequence(a.into_iter().map(from_toml).collect()),
        toml::Value::Table(t) => Value::Mapping(
            t.into_iter()
                .map(|(k, v)| (Value::String(k), from_toml(v)))
                .collect(),
        ),
    }
}

fn meta_of(m: &serde_yaml::Mapping) -> SourceMeta {
    let text = |keys: &[&str], wanted: &dyn Fn(&str) -> bool| {
        keys.iter().find_map(|k| {
            m.iter().find_map(|(key, value)| {
                let name = key.as_str()?;
                let s = scalar(value)?;
                (name.eq_ignore_ascii_case(k) && wanted(&s)).then_some(s)
            })
        })
    };
    let is_url = |s: &str| s.starts_with("https://") || s.starts_with("http://");
    SourceMeta {
        title: text(TITLE, &|_| true),
        publisher: text(PUBLISHER, &|s| !is_url(s)),
        published: text(PUBLISHED, &|_| true),
        // A dossier's own article gives it as `source: {name, url}`.
        url: text(URL, &is_url).or_else(|| {
            let url = m.get("source")?.get("url").and_then(scalar)?;
            is_url(&url).then_some(url)
        }),
        language: text(LANGUAGE, &|_| true),
    }
}

/// A value's text when it is one string, number or date, not empty; the
/// name of a map (`publisher: {name: …}`, as schema.org writes it).
fn scalar(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Mapping(m) => return m.get("name").and_then(scalar),
        Value::Tagged(t) => return scalar(&t.value),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_gives_the_values_tools_write_and_is_left_out() {
        let md = "---\nTitle: \"Port reopens\"\ndate: 2022-01-07T10:00:00+06:00\n\
                  publisher:\n  name: Daily Example\nlink: https://x.example/a\nlang: en\n\
                  tags: [a, b]\n---\n# Port reopens\n\nText.\n";
        let (meta, rest) = split(md);
        let meta = meta.unwrap();
        assert_eq!(meta.title.as_deref(), Some("Port reopens"));
        assert_eq!(meta.published.as_deref(), Some("2022-01-07T10:00:00+06:00"));
        assert_eq!(meta.publisher.as_deref(), Some("Daily Example"));
        assert_eq!(meta.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(meta.language.as_deref(), Some("en"));
        assert_eq!(rest, "# Port reopens\n\nText.\n");
    }

    #[test]
    fn a_dossier_article_gives_its_source_name_and_url() {
        let md = "---\ntitle: T\nsource:\n  name: Daily\n  url: https://d.example/a\n---\nBody.\n";
        let meta = split(md).0.unwrap();
        assert_eq!(meta.publisher.as_deref(), Some("Daily"));
        assert_eq!(meta.url.as_deref(), Some("https://d.example/a"));
    }

    #[test]
    fn toml_front_matter_and_a_source_that_is_a_url() {
        let md = "+++\ntitle = \"Zola post\"\ndate = 2022-01-05\nsource = \"https://x.example/b\"\n+++\nBody.\n";
        let (meta, rest) = split(md);
        let meta = meta.unwrap();
        assert_eq!(meta.title.as_deref(), Some("Zola post"));
        assert_eq!(meta.published.as_deref(), Some("2022-01-05"));
        assert_eq!(meta.url.as_deref(), Some("https://x.example/b"));
        assert_eq!(meta.publisher, None);
        assert_eq!(rest, "Body.\n");
    }

    #[test]
    fn only_a_table_of_values_is_front_matter_the_rest_is_text() {
        // Prose between two rules, YAML that does not parse: nothing dropped.
        for text in [
            "---\nIntro paragraph.\n\n---\n\nBody.\n",
            "---\ntitle: [unclosed\n...\nBody.\n",
        ] {
            assert_eq!(split(text), (None, text));
        }
        assert_eq!(
            split("---\n---\nBody.\n"),
            (Some(SourceMeta::default()), "Body.\n")
        );
        let open = "---\ntitle: x\n\nNo closing line.\n";
        assert_eq!(split(open), (None, open));
        // A thematic break that is not the first line opens nothing.
        let text = "Title\n---\nBody\n---\n";
        assert_eq!(split(text), (None, text));
    }
}
