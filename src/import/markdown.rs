//! Writing an imported article: its front matter, and its paragraphs as
//! Markdown that renders back to exactly their text, so that a body taken
//! from a plain-text or HTML seed passes the provenance check.

use std::fmt::Write;

/// Characters that Markdown (with the dossier's extensions) may read as
/// markup anywhere in a line: escaped with a backslash.
const INLINE: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '~', '|'];

/// Characters that start a block (heading, quote, list, setext
/// underline) at the start of a line.
const LINE_START: &[char] = &['#', '>', '-', '+', '='];

/// A paragraph of plain text as Markdown that renders to the same text:
/// lines trimmed (indentation would make code), markup characters
/// escaped, and the marker of an ordered list (`1986.`) escaped at the
/// start of a line.
pub(crate) fn escape_paragraph(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push('\n');
        }
        escape_line(line, &mut out);
    }
    out
}

fn escape_line(line: &str, out: &mut String) {
    let list_number = line.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in line.char_indices() {
        let at_start = i == 0 && LINE_START.contains(&c);
        let ordered = list_number > 0 && i == list_number && (c == '.' || c == ')');
        if INLINE.contains(&c) || at_start || ordered || (c == '&' && is_entity(&line[i..])) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Whether `s` (starting with `&`) starts with what Markdown reads as an
/// entity or character reference (`&amp;`, `&#38;`).
fn is_entity(s: &str) -> bool {
    let name = &s[1..];
    let len = name
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
        .count();
    len > 0 && name[len..].starts_with(';')
}

/// The front matter's values, in the order they are written.
pub(crate) struct FrontMatter<'a> {
    pub title: &'a str,
    pub publisher: &'a str,
    pub url: Option<&'a str>,
    /// A valid date, or `None` for `null`.
    pub published: Option<&'a str>,
    pub seed: &'a str,
    pub language: Option<&'a str>,
}

/// The whole article file: front matter, then the paragraphs (already
/// Markdown), separated by blank lines.
pub(crate) fn article_file(fm: &FrontMatter<'_>, paragraphs: &[String]) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "title: {}", yaml_string(fm.title));
    let _ = writeln!(out, "source:\n  name: {}", yaml_string(fm.publisher));
    if let Some(url) = fm.url {
        let _ = writeln!(out, "  url: {}", yaml_string(url));
    }
    let _ = writeln!(out, "published: {}", fm.published.unwrap_or("null"));
    // Seed names that `add` makes (`005_<hex>.html`) need no quotes.
    let plain = fm
        .seed
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
        && fm.seed.contains(['_', '.']);
    let seed = if plain {
        fm.seed.to_string()
    } else {
        yaml_string(fm.seed)
    };
    let _ = writeln!(out, "seed: {seed}");
    if let Some(language) = fm.language {
        let _ = writeln!(out, "language: {}", yaml_string(language));
    }
    out.push_str("---\n");
    out.push_str(&paragraphs.join("\n\n"));
    out.push('\n');
    out
}

/// `s` as a YAML double-quoted scalar: a JSON string is one, with every
/// character YAML would otherwise read (`: `, ` #`, a leading quote…)
/// safely inside the quotes.
fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};

    /// The text a Markdown paragraph renders to (soft breaks as `\n`), or
    /// a description of the markup it unexpectedly made.
    fn rendered(markdown: &str) -> Result<String, String> {
        let mut text = String::new();
        let mut paragraphs = 0;
        for event in Parser::new_ext(markdown, crate::link::markdown::options()) {
            match event {
                Event::Start(Tag::Paragraph) => paragraphs += 1,
                Event::End(TagEnd::Paragraph) => {}
                Event::Text(t) => text.push_str(&t),
                Event::SoftBreak => text.push('\n'),
                other => return Err(format!("{other:?}")),
            }
        }
        (paragraphs == 1)
            .then_some(text)
            .ok_or(format!("{paragraphs} paragraphs"))
    }

    #[test]
    fn markup_characters_render_as_themselves() {
        for text in [
            "# Not a heading",
            "> not a quote",
            "- not a list\n+ nor this\n= nor a setext line\n---",
            "1986. The year.\n2) Second",
            "*stars* and _under_ and `ticks` and [brackets](x) and <b>tags</b>",
            "AT&T and &amp; and &#38; and a | pipe ~~struck~~ [^1]",
            "ends with a backslash \\",
            "    indented would be code",
            "a line\n===",
        ] {
            let expected: Vec<&str> = text.lines().map(str::trim).collect();
            assert_eq!(
                rendered(&escape_paragraph(text)),
                Ok(expected.join("\n")),
                "{text}"
            );
        }
        assert_eq!(escape_paragraph("AT&T said 3 > 2."), "AT&T said 3 > 2.");
    }

    proptest! {
        #[test]
        fn any_text_renders_to_itself(text in "[a-z0-9 #>+=*_`\\[\\]<>&;|~!()\\\\.:\n-]{1,40}") {
            prop_assume!(text.lines().any(|l| !l.trim().is_empty()));
            let expected: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            prop_assert_eq!(rendered(&escape_paragraph(&text)), Ok(expected.join("\n")));
        }
    }

    #[test]
    fn front_matter_values_survive_yaml() {
        let fm = FrontMatter {
            title: "Kazakhstan: \"I have ordered\" # shots",
            publisher: "'Quoted' Press",
            url: Some("https://x.example/a?b=1#c"),
            published: Some("2022-01-07"),
            seed: "005_0123456789abcdef.html",
            language: Some("en"),
        };
        let file = article_file(&fm, &["Body.".to_string()]);
        let yaml = file
            .strip_prefix("---\n")
            .unwrap()
            .split("---\n")
            .next()
            .unwrap();
        let v: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
        assert_eq!(v["title"].as_str(), Some(fm.title));
        assert_eq!(v["source"]["name"].as_str(), Some(fm.publisher));
        assert_eq!(v["source"]["url"].as_str(), fm.url);
        assert!(file.ends_with("---\nBody.\n"));
    }
}
