//! `yaml-comment`: in YAML, ` #` starts a comment, so a text written
//! without quotes ends where a `#` follows a space (`note: Petrov's #1
//! source` is the note "Petrov's"). The rest is dropped without a word: a
//! note cut short, or a quote anchored on fewer words than the author
//! meant. Said for the fields that hold prose.

use super::{Warning, YAML_COMMENT};
use crate::model::{Dossier, SourceText};

/// The front matter keys whose values are text a reader sees.
const TEXT_KEYS: [&str; 8] = [
    "title",
    "summary",
    "note",
    "quote",
    "date_note",
    "name",
    "role",
    "via",
];

pub(super) fn check(d: &Dossier) -> Vec<Warning> {
    let texts = (d.articles.iter().map(|a| &a.text))
        .chain(d.actors.iter().map(|a| &a.text))
        .chain(d.events.iter().map(|e| &e.text))
        .chain(d.pages.iter().map(|p| &p.text))
        .chain(d.intro.as_ref());
    texts.flat_map(in_text).collect()
}

/// The commented-out ends of the text fields of one file.
fn in_text(text: &SourceText) -> Vec<Warning> {
    let mut found = Vec::new();
    let mut offset = text.front_matter_start;
    for line in text.front_matter().split_inclusive('\n') {
        if let Some((key, kept, comment_at)) = cut_by_comment(line) {
            let at = offset + comment_at;
            let message = format!("` #` starts a YAML comment: this {key} ends at \"{kept}\"");
            let hint = format!(
                "put the whole {key} in quotes, `{key}: \"…\"`, to keep what follows the #"
            );
            found.push(
                Warning::new(YAML_COMMENT, &text.path, message, key)
                    .with(|w| w.at_span(&text.file, at..at + 2).hint(hint)),
            );
        }
        offset += line.len();
    }
    found
}

/// For a line `key: value # rest` (in a list item too) whose key is one of
/// [`TEXT_KEYS`] and whose value is plain (not quoted, not a block): the
/// key, the value YAML keeps, and the byte of the ` #` in the line.
fn cut_by_comment(line: &str) -> Option<(&'static str, &str, usize)> {
    let body = line.trim_start();
    let body = body.strip_prefix("- ").map_or(body, str::trim_start);
    let (key, value) = body.split_once(':')?;
    let key = TEXT_KEYS.iter().find(|k| **k == key.trim_end())?;
    let value = value.strip_prefix([' ', '\t'])?.trim_start();
    if value.starts_with(['"', '\'', '|', '>', '[', '{', '#']) {
        return None;
    }
    let cut = value.find(" #").or_else(|| value.find("\t#"))?;
    let at = line.len() - value.len() + cut;
    Some((key, value[..cut].trim_end(), at))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fixture, shown};
    use super::{check, cut_by_comment};

    #[test]
    fn a_plain_text_cut_by_a_comment() {
        fn cut(l: &str) -> Option<(&str, &str, &str)> {
            cut_by_comment(l).map(|(k, kept, at)| (k, kept, &l[at..]))
        }
        assert_eq!(
            cut("    note: Governor Petrov #1 source.\n"),
            Some(("note", "Governor Petrov", " #1 source.\n"))
        );
        // A `#` with no space before it is text.
        assert_eq!(
            cut("  - quote: C# and F# # why\n").map(|c| c.1),
            Some("C# and F#")
        );
        assert_eq!(cut("  - quote: C# and F#\n"), None);
        assert_eq!(cut("note: \"Petrov #1 source\"\n"), None);
        assert_eq!(cut("title: 'A # B'\n"), None);
        assert_eq!(cut("kind: claim # checked\n"), None);
        assert_eq!(cut("note: |\n"), None);
    }

    #[test]
    fn every_cut_note_is_said_at_its_place() {
        let f = fixture(&[
            ("seeds/s.txt", "The port reopened on Monday.\n"),
            (
                "content/articles/port.md",
                "---\ntitle: Port\nsource: {name: Wire}\nseed: s.txt\nannotations:\n  - quote: The port reopened\n    kind: context\n    note: Per the #1 wire.\n---\nThe port reopened on Monday.\n",
            ),
        ]);
        assert_eq!(
            shown(&check(&f.dossier)),
            ["yaml-comment: ` #` starts a YAML comment: this note ends at \"Per the\" @ 8"]
        );
    }
}
