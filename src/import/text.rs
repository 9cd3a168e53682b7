//! A plain-text or Markdown source: its title (the first line), its
//! paragraphs, and the lines of site furniture to leave out of the body.

use super::front::{self, SourceMeta};

/// A text source split up: the title and the paragraphs after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TextSource {
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
    /// A Markdown source's front matter, when it opens with one.
    pub meta: Option<SourceMeta>,
}

/// Reads a `.txt` source. Paragraphs are separated by blank lines; a text
/// with no blank line has one paragraph per line (as many saved articles
/// do). The first line is the title; the rest of its paragraph, if any,
/// is the first paragraph.
pub(crate) fn read_text(text: &str) -> TextSource {
    let has_blank = text.lines().any(|l| l.trim().is_empty());
    let lines = text.lines().map(str::trim_end);
    let blocks: Vec<String> = if has_blank {
        split_blocks(lines.collect())
    } else {
        lines
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    };
    split_title(blocks, |line| line.trim().to_string())
}

/// Reads a `.md` source: blocks as Markdown separates them (blank lines
/// outside fenced code), each kept verbatim, after the front matter if it
/// opens with one. The title is the front matter's, else the first line
/// without the `#` of a heading; a first heading that repeats the front
/// matter's title is left out of the body.
pub(crate) fn read_markdown(text: &str) -> TextSource {
    let (meta, body) = front::split(text);
    let blocks = markdown_blocks(body);
    let Some(title) = meta.as_ref().and_then(|m| m.title.clone()) else {
        return TextSource {
            meta,
            ..split_title(blocks, markdown_title)
        };
    };
    let mut read = split_title(blocks.clone(), markdown_title);
    let repeated = read.title.as_deref().map(str::to_lowercase) == Some(title.to_lowercase());
    if !repeated {
        read.paragraphs = blocks;
    }
    TextSource {
        title: Some(title),
        meta,
        ..read
    }
}

/// The blocks of a Markdown text: separated by blank lines outside fenced
/// code, each as written.
fn markdown_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut block: Vec<&str> = Vec::new();
    let mut fence: Option<&str> = None;
    for line in text.lines().map(str::trim_end) {
        let marker = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| marker.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(f), Some(m)) if f == m => fence = None,
            _ => {}
        }
        if line.trim().is_empty() && fence.is_none() {
            if !block.is_empty() {
                blocks.push(std::mem::take(&mut block).join("\n"));
            }
        } else {
            block.push(line);
        }
    }
    if !block.is_empty() {
        blocks.push(block.join("\n"));
    }
    blocks
}

/// The title a reader sees in the first line of a Markdown source: the
/// text of an ATX heading (`## Title ##`, whose closing `#`s Markdown
/// drops), or of the line as written when it is not a heading, where a
/// closing `#` is part of the text (`Number #1 #`, `Learning C#`).
fn markdown_title(line: &str) -> String {
    let line = line.trim();
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let is_heading = (1..=6).contains(&hashes)
        && (line.len() == hashes || line[hashes..].starts_with([' ', '\t']));
    if is_heading {
        inline_text(line)
    } else {
        // Escaped, a trailing `#` cannot close the heading it is read as.
        let kept = match line.strip_suffix('#') {
            Some(rest) => format!("# {rest}\\#"),
            None => format!("# {line}"),
        };
        inline_text(&kept)
    }
}

/// What a reader sees of one ATX heading line of Markdown: the text of
/// its emphasis, code and links without their marks (a title in front
/// matter is plain text, where `*` would show as written). Read as a
/// heading, so that a title such as `2022. The year` is not taken for a
/// list.
fn inline_text(heading: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut text = String::with_capacity(heading.len());
    for event in Parser::new(heading) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// Blank-line-separated blocks of `lines`, lines joined with `\n`.
fn split_blocks(lines: Vec<&str>) -> Vec<String> {
    lines
        .split(|l| l.trim().is_empty())
        .filter(|b| !b.is_empty())
        .map(|b| b.join("\n"))
        .collect()
}

/// The first line of the first block as the title (through `title_of`),
/// the rest as paragraphs.
fn split_title(mut blocks: Vec<String>, title_of: impl Fn(&str) -> String) -> TextSource {
    if blocks.is_empty() {
        return TextSource {
            title: None,
            paragraphs: blocks,
            meta: None,
        };
    }
    let first = blocks.remove(0);
    let (line, rest) = first.split_once('\n').unwrap_or((&first, ""));
    let title = Some(title_of(line)).filter(|t| !t.is_empty());
    if !rest.trim().is_empty() {
        blocks.insert(0, rest.to_string());
    }
    TextSource {
        title,
        paragraphs: blocks,
        meta: None,
    }
}

/// Whole paragraphs that are a site's furniture, not the article, compared
/// in lowercase with trailing `:`, `.`, `…` and `»` left off.
const FURNITURE: &[&str] = &[
    "advertisement",
    "back to top",
    "cancel reply",
    "click to enlarge",
    "comments",
    "enlarge image",
    "enlarge this image",
    "hide caption",
    "leave a comment",
    "leave a reply",
    "post navigation",
    "print",
    "read more",
    "related",
    "related articles",
    "related stories",
    "share",
    "share this",
    "share this article",
    "share this story",
    "skip to content",
    "skip to main content",
    "toggle caption",
];

/// Openings of short paragraphs that are furniture.
const FURNITURE_OPENINGS: &[&str] = &[
    "©",
    "(c) ",
    "copyright ©",
    "copyright (c)",
    "you must be logged in to post a comment",
    "share on ",
    "follow us on ",
    "sign up for our newsletter",
    "subscribe to our newsletter",
];

/// Whether `paragraph` is site furniture ("Leave a Reply", "Enlarge
/// image", a copyright line…) rather than the article's text.
pub(crate) fn is_furniture(paragraph: &str) -> bool {
    let p = paragraph.trim().to_lowercase();
    let short = p.chars().count() <= 200;
    let bare = p.trim_end_matches([':', '.', '…', '»', ' ']);
    let copyright_year = p
        .strip_prefix("copyright ")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    FURNITURE.contains(&bare)
        || (short && FURNITURE_OPENINGS.iter().any(|o| p.starts_with(o)))
        || (short && (copyright_year || p.contains("all rights reserved")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_paragraphs_by_blank_lines_else_by_lines() {
        let one_per_line = read_text("Title here\nFirst para.\n\u{20}\nSecond para.\n");
        assert_eq!(one_per_line.title.as_deref(), Some("Title here"));
        assert_eq!(one_per_line.paragraphs, ["First para.", "Second para."]);
        let lines = read_text("Title\nOne.\nTwo.\n");
        assert_eq!(lines.paragraphs, ["One.", "Two."]);
        let wrapped = read_text("Title\n\nOne line\nwrapped.  \n\nTwo.");
        assert_eq!(wrapped.paragraphs, ["One line\nwrapped.", "Two."]);
        assert_eq!(read_text("").title, None);
    }

    #[test]
    fn markdown_keeps_fenced_code_whole_and_takes_the_heading_as_title() {
        let md = read_markdown("# The title #\n\nText *here*.\n\n```\na\n\nb\n```\n");
        assert_eq!(md.title.as_deref(), Some("The title"));
        let marked =
            read_markdown("# The *port* of `Tallinn` [reopens](https://x.example) \\#1\n\nText.\n");
        assert_eq!(
            marked.title.as_deref(),
            Some("The port of Tallinn reopens #1")
        );
        let listlike = read_markdown("2022. A *year* - in review\n\nText.\n");
        assert_eq!(listlike.title.as_deref(), Some("2022. A year - in review"));
        assert_eq!(md.paragraphs, ["Text *here*.", "```\na\n\nb\n```"]);
    }

    #[test]
    fn a_markdown_title_keeps_the_hashes_that_are_its_text() {
        let title = |md: &str| read_markdown(md).title;
        // Not a heading: every `#` is text, a trailing one too.
        assert_eq!(
            title("Number #1 #\n\nText.").as_deref(),
            Some("Number #1 #")
        );
        assert_eq!(
            title("#hashtag protests\n\nText.").as_deref(),
            Some("#hashtag protests")
        );
        // A heading: its closing sequence goes, a `#` inside a word stays.
        assert_eq!(
            title("## Learning C#\n\nText.").as_deref(),
            Some("Learning C#")
        );
        assert_eq!(
            title("### Learning C# ###\n\nText.").as_deref(),
            Some("Learning C#")
        );
        assert_eq!(
            title("####### Seven\n\nText.").as_deref(),
            Some("####### Seven")
        );
    }

    #[test]
    fn furniture_lines() {
        for line in [
            "Leave a Reply",
            "Enlarge image",
            "© 2022 The Courier. All rights reserved.",
            "Copyright 2022 Example Media",
            "All rights reserved.",
            "Share this article:",
            "Related articles",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        for line in [
            "Copyright holders sued the company.",
            "The minister said all rights reserved for the state were lost, and the court agreed after a hearing lasting three days in which lawyers for both sides argued at length about the meaning of the old statute and its many amendments over the decades.",
            "Share prices fell.",
            "Comments by the mayor angered residents.",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }
}
