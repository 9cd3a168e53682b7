//! Interface languages (issue 18): a Russian build of the river-spill
//! fixture has no English interface word left, month names in its dates
//! are Russian, a `[strings]` override changes its string on every page,
//! an unknown key is a diagnostic with place and hint; an Arabic article
//! in an English dossier is marked right to left.

mod common;
use common::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const EN: &str = include_str!("../src/i18n/en.toml");
const RU: &str = include_str!("../src/i18n/ru.toml");

/// The river-spill fixture in a temp dir, its `book.toml` changed by
/// `edit`.
fn spill(edit: impl Fn(String) -> String) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("d");
    copy_tree(&fixture("river-spill"), &root);
    let toml = std::fs::read_to_string(root.join("book.toml")).unwrap();
    assert!(
        toml.contains("language = \"en\""),
        "the fixture's language changed"
    );
    std::fs::write(root.join("book.toml"), edit(toml)).unwrap();
    (tmp, root)
}

fn russian(toml: String) -> String {
    toml.replace("language = \"en\"", "language = \"ru\"")
}

/// Every string value of a table, lists and counts' forms included.
fn values(v: &toml::Value, out: &mut Vec<String>) {
    match v {
        toml::Value::String(s) => out.push(s.clone()),
        toml::Value::Array(a) => a.iter().for_each(|x| values(x, out)),
        toml::Value::Table(t) => t.values().for_each(|x| values(x, out)),
        _ => {}
    }
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
}

/// The English interface words: words of four letters or more in en.toml's
/// values that no ru.toml value has (`dossier`, `JavaScript` are in both).
fn english_interface_words() -> BTreeSet<String> {
    let (mut en, mut ru) = (Vec::new(), Vec::new());
    values(&EN.parse::<toml::Value>().unwrap(), &mut en);
    values(&RU.parse::<toml::Value>().unwrap(), &mut ru);
    let ru: BTreeSet<&str> = ru.iter().flat_map(|v| words(v)).collect();
    en.iter()
        .flat_map(|v| words(v))
        .filter(|w| !ru.contains(w))
        .map(str::to_string)
        .collect()
}

/// The dossier's own words: every word of its content, seeds and
/// `book.toml`, front-matter values included but not their keys (`events:`
/// is schema, not content).
fn content_words(root: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for e in walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
    {
        if !e.file_type().is_file() {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap_or_default();
        for line in text.lines() {
            let value = match line.trim_start().trim_start_matches("- ").split_once(": ") {
                Some((key, value)) if key.chars().all(|c| c.is_ascii_lowercase() || c == '_') => {
                    value
                }
                _ => line,
            };
            out.extend(words(value).map(str::to_string));
        }
    }
    out
}

/// The words a page shows or says: its text and the attributes read
/// aloud or shown (labels, titles, placeholders, search's data words),
/// without scripts.
fn shown_words(html: &str) -> Vec<String> {
    // Scripts and code (the data page's commands) are not words shown.
    let mut text = html.to_string();
    for (open, close) in [("<script", "</script>"), ("<code>", "</code>")] {
        let mut kept = String::new();
        let mut rest = text.as_str();
        while let Some(i) = rest.find(open) {
            kept.push_str(&rest[..i]);
            rest = rest[i..].find(close).map_or("", |j| &rest[i + j..]);
        }
        kept.push_str(rest);
        text = kept;
    }
    let mut shown = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                shown.push(' ');
            }
            c if !in_tag => shown.push(c),
            _ => {}
        }
    }
    for attr in ["aria-label", "title", "placeholder"] {
        for v in attrs(html, attr) {
            shown.push(' ');
            shown.push_str(&v);
        }
    }
    // Search's words.
    for (i, _) in html.match_indices(" data-") {
        if let Some(v) = between(&html[i..], "=\"", "\"") {
            shown.push(' ');
            shown.push_str(v);
        }
    }
    // File names (`feed.xml`, `entities.ftm.json`) are names, not words.
    let is_file = |token: &str| token.contains(".") && !token.ends_with('.');
    let shown: Vec<&str> = shown.split_whitespace().filter(|t| !is_file(t)).collect();
    words(&shown.join(" ")).map(str::to_string).collect()
}

#[test]
fn a_russian_build_has_no_english_interface_word() {
    let (_tmp, root) = spill(russian);
    let (_out, book) = build(&root);
    let interface = english_interface_words();
    assert!(interface.contains("glance") && interface.contains("Timeline"));
    let content = content_words(&root);
    let mut left = Vec::new();
    let pages = files(&book);
    for (path, bytes) in pages.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        assert!(html.contains("<html lang=\"ru\">"), "{path}");
        for w in shown_words(&html) {
            if interface.contains(&w) && !content.contains(&w) {
                left.push(format!("{path}: {w}"));
            }
        }
    }
    left.dedup();
    assert!(
        left.is_empty(),
        "English interface words in a Russian build:\n{}",
        left.join("\n")
    );
    let index = String::from_utf8_lossy(&pages["index.html"]);
    assert!(index.contains(">Кратко</h2>"), "the index speaks Russian");
    // Counts take the Russian form the number asks for.
    assert!(
        index.contains("<strong>2</strong> исходные статьи"),
        "two articles: few"
    );
    assert!(
        index.contains("<strong>3</strong> участника"),
        "three actors: few"
    );
}

#[test]
fn dates_are_spelt_with_russian_month_names() {
    let (_tmp, root) = spill(russian);
    let (_out, book) = build(&root);
    let article = std::fs::read_to_string(book.join("articles/spill-denied.html")).unwrap();
    assert!(
        article.contains("<time datetime=\"2023-03-06\">6 марта 2023</time>"),
        "{}",
        between(&article, "<dt>Опубликовано</dt>", "</dd>").unwrap_or("no date")
    );
    let timeline = std::fs::read_to_string(book.join("timeline.html")).unwrap();
    // A month alone is in the nominative, and says it is only a month.
    assert!(timeline.contains(
        ">март 2023</time> <span class=\"tag tag-partial\">известен только месяц</span>"
    ));
}

#[test]
fn an_override_changes_its_string_on_every_page() {
    let (_tmp, root) = spill(|t| format!("{t}\n[strings]\nnav.timeline = \"Chronology\"\n"));
    let (_out, book) = build(&root);
    let pages = files(&book);
    let html: Vec<_> = pages.iter().filter(|(p, _)| p.ends_with(".html")).collect();
    assert!(html.len() > 10);
    for (path, bytes) in html {
        let page = String::from_utf8_lossy(bytes);
        assert!(
            page.contains(">Chronology</a></li>"),
            "{path} has the new navigation"
        );
        assert!(
            !page.contains(">Timeline</a></li>"),
            "{path} kept the old one"
        );
    }
}

#[test]
fn an_unknown_key_is_a_diagnostic_with_place_and_hint() {
    let (_tmp, root) = spill(|t| format!("{t}\n[strings]\nnav.timline = \"Chronology\"\n"));
    let e = dossier::build(&root, Some(&root.join("out"))).unwrap_err();
    let d = e
        .iter()
        .find(|d| d.message.contains("[strings]"))
        .expect("a [strings] error");
    assert_eq!(d.message, "[strings] has no key `nav.timline`");
    assert_eq!(d.hint.as_deref(), Some("did you mean `nav.timeline`?"));
    assert_eq!(d.path, Path::new("book.toml"));
    let toml = std::fs::read_to_string(root.join("book.toml")).unwrap();
    let line = toml
        .lines()
        .position(|l| l.starts_with("nav.timline"))
        .unwrap()
        + 1;
    assert_eq!(
        (d.line, d.column),
        (Some(line), Some(5)),
        "at the key's last part"
    );
    assert!(!root.join("out").exists(), "nothing is written");
}

#[test]
fn a_language_without_a_table_is_english_with_a_warning() {
    let (_tmp, root) = spill(|t| t.replace("language = \"en\"", "language = \"de\""));
    let (_out, book) = build(&root);
    let index = std::fs::read_to_string(book.join("index.html")).unwrap();
    assert!(index.contains("<html lang=\"de\">") && index.contains(">At a glance</h2>"));
    let checked = dossier::check(&root).unwrap();
    let warning = checked
        .warnings
        .iter()
        .find(|d| d.message.contains("language `de`"))
        .expect("a warning");
    assert!(
        warning.message.contains("stay English"),
        "{}",
        warning.message
    );
}

#[test]
fn an_arabic_article_is_marked_right_to_left() {
    let (_out, book) = build(&fixture("rtl"));
    let ar = std::fs::read_to_string(book.join("articles/harbour-fire-ar.html")).unwrap();
    assert!(ar.contains("<div class=\"article-body prose\" lang=\"ar\" dir=\"rtl\">"));
    assert!(ar.contains("<article class=\"article\" dir=\"rtl\""));
    assert!(ar.contains("<h1 id=\"article-title\" lang=\"ar\" dir=\"rtl\">"));
    // The interface around it and the notes' own words stay English, left to right.
    assert!(ar.contains("<header class=\"article-header\" dir=\"ltr\">"));
    // A side note's box keeps the article's direction (its place in the
    // margin); all it holds, its head and permalink too, is the site's.
    assert!(ar.contains("<span class=\"sidenote ann-context\" id=\"note-اندلع-حريق-كبير\" role=\"note\"><span class=\"note-body\" lang=\"en\" dir=\"ltr\"><span class=\"note-head\">"), "{ar}");
    assert_eq!(
        ar.matches("<span class=\"note-body\" lang=\"en\" dir=\"ltr\">")
            .count(),
        3
    );
    // Its reference in the text is named ("Note 1") in the site's language.
    assert!(ar.contains("<sup class=\"note-ref\"><a href=\"#note-اندلع-حريق-كبير\" aria-label=\"Note 1\" lang=\"en\" dir=\"ltr\">1</a></sup>"), "{ar}");
    let en = std::fs::read_to_string(book.join("articles/harbour-fire-en.html")).unwrap();
    assert!(en.contains("<div class=\"article-body prose\">"));
    assert!(!en.contains(" dir=\""));
}

#[test]
fn notes_in_an_article_of_another_language_are_marked_as_the_sites() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("d");
    copy_tree(&fixture("rtl"), &root);
    let article = root.join("content/articles/harbour-fire-en.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replace("language: en\n", "language: de\n")).unwrap();
    let (_out, book) = build(&root);
    let de = std::fs::read_to_string(book.join("articles/harbour-fire-en.html")).unwrap();
    assert!(de.contains("<div class=\"article-body prose\" lang=\"de\">"));
    // The same direction: the notes' words take back the site's language only.
    assert_eq!(
        de.matches(
            "role=\"note\"><span class=\"note-body\" lang=\"en\"><span class=\"note-head\">"
        )
        .count(),
        2,
        "{de}"
    );
    assert!(!de.contains(" dir=\""));
}
