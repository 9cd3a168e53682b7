//! Property tests of the link stage.
//!
//! - Linking preserves the text: for Markdown-ish text with actor names in
//!   it, the text of dossier's HTML (tags stripped, entities decoded) is the
//!   text of pulldown-cmark's own HTML of the same Markdown.
//! - Anchoring highlights exactly the quote: any substring of a paragraph,
//!   given as an annotation's quote, comes out as the concatenated contents
//!   of the `<mark class="ann…">` elements, whatever emphasis, links and
//!   mentions it crosses.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod entries;

use proptest::prelude::*;

/// Names that stress the matcher: multi-word, overlapping, hyphenated,
/// non-Latin, with Markdown or HTML special characters.
const NAMES: &[&str] = &[
    "Denise Okafor",
    "Mayor Okafor",
    "Okafor",
    "Harlow Falls Water Authority",
    "Water Authority",
    "Kassym-Jomart Tokayev",
    "Tokayev",
    "ОДКБ",
    "Żaneta Kowalska",
    "A&B Chemicals",
    "E. coli",
    "DEQ",
];

const WORDS: &[&str] = &[
    "the",
    "water",
    "said",
    "on",
    "Monday",
    "31,000",
    "customers",
    "“boil”",
    "‘tap’",
    "\"quoted\"",
    "it's",
    "&",
    "<",
    "5 > 3",
    "é",
    "中文",
    "—",
    "tested",
    "positive",
    "for",
    "Falls",
    "Authority",
    "Mayor",
    "okafor",
    "Okafors",
    "DEQs",
    "coli",
    "E.",
    "a-b",
    "x_y",
    "🙂",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(WORDS).prop_map(str::to_string),
        2 => prop::sample::select(NAMES).prop_map(str::to_string),
        1 => "[a-z]{1,8}",
    ]
}

fn words(n: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(word(), n).prop_map(|w| w.join(" "))
}

/// An inline piece: words, or words in emphasis, a link, a code span.
fn inline() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => words(1..5),
        1 => words(1..4).prop_map(|w| format!("*{w}*")),
        1 => words(1..4).prop_map(|w| format!("**{w}**")),
        1 => words(1..3).prop_map(|w| format!("[{w}](https://example.org/a)")),
        1 => words(1..3).prop_map(|w| format!("[{w}](@/events/e0.md)")),
        1 => "[a-z ]{1,10}".prop_map(|w| format!("`{w}`")),
    ]
}

/// A paragraph: inline pieces separated by spaces or single line breaks.
fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec((inline(), prop::bool::weighted(0.2)), 1..8).prop_map(|parts| {
        let mut p = String::new();
        for (i, (piece, newline)) in parts.into_iter().enumerate() {
            if i > 0 {
                p.push(if newline { '\n' } else { ' ' });
            }
            p.push_str(&piece);
        }
        p
    })
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => paragraph(),
        1 => words(1..5).prop_map(|w| format!("## {w}")),
        1 => prop::collection::vec(paragraph(), 1..4)
            .prop_map(|items| items.iter().map(|i| format!("- {}", i.replace('\n', " "))).collect::<Vec<_>>().join("\n")),
        1 => paragraph().prop_map(|p| format!("> {}", p.replace('\n', " "))),
        1 => words(1..6).prop_map(|w| format!("```\n{w}\n```")),
        1 => words(1..3).prop_map(|w| format!("![{w}](picture.png)")),
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(block(), 1..6).prop_map(|b| b.join("\n\n") + "\n")
}

/// Text content of HTML: tags removed, entities decoded, whitespace runs
/// folded (HTML shows any run as one space).
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn decode(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|e| *e < 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => '\u{a0}',
                n if n.starts_with("#x") || n.starts_with("#X") => {
                    char::from_u32(u32::from_str_radix(&n[2..], 16).ok()?)?
                }
                n if n.starts_with('#') => char::from_u32(n[1..].parse().ok()?)?,
                _ => return None,
            };
            Some((c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn pulldown_html(markdown: &str) -> String {
    let mut html = String::new();
    let parser = pulldown_cmark::Parser::new_ext(markdown, dossier::link::markdown::options());
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// The text inside `<mark class="ann…">` elements, in order.
fn marked(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("<mark class=\"ann") {
        rest = &rest[i..];
        let open_end = rest.find('>').expect("tag end") + 1;
        let close = rest.find("</mark>").expect("mark closed");
        out.push_str(&rest[open_end..close]);
        rest = &rest[close + "</mark>".len()..];
    }
    // Tags inside the marks (mention links, emphasis) do not count.
    let mut text = String::new();
    let mut in_tag = false;
    for c in out.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode(&text)
}

/// Every `<tag` has its `</tag>`, in order: the output is well nested.
fn assert_well_nested(html: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').expect("tag end");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let void = ["br", "hr", "img", "input", "meta", "link", "wbr"].contains(&name.as_str());
        if tag.starts_with('!') || void || tag.ends_with('/') {
            continue;
        }
        if tag.starts_with('/') {
            assert_eq!(stack.pop().as_deref(), Some(name.as_str()), "in {html}");
        } else {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?} in {html}");
}

/// `cases` cases, unless `PROPTEST_CASES` asks for another number.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        max_global_rejects: cases.max(1024),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn linking_preserves_the_text(
        markdown in document(),
        names in prop::sample::subsequence(NAMES, 0..NAMES.len()),
    ) {
        let (html, _, diags) = entries::render_markdown(&names, &markdown, false, false);
        prop_assert!(diags.is_empty(), "{}", diags);
        prop_assert_eq!(text_of(&html), text_of(&pulldown_html(&markdown)), "{}", html);
        assert_well_nested(&html);
    }

    #[test]
    fn every_name_outside_links_and_code_is_linked(
        before in words(0..4),
        after in words(0..4),
        name in prop::sample::select(NAMES),
    ) {
        // A name standing alone between spaces is always a mention.
        let markdown = format!("{before} {name} {after}\n");
        let (html, _, _) = entries::render_markdown(NAMES, &markdown, false, false);
        // In a mention, perhaps a longer one ("Mayor Okafor" for "Okafor").
        let mentions: Vec<String> = html
            .split("<a class=\"mention")
            .skip(1)
            .map(|m| decode(&m[m.find('>').unwrap() + 1..m.find("</a>").unwrap()]))
            .collect();
        prop_assert!(mentions.iter().any(|m| m.contains(name)), "{} not linked in {}", name, html);
    }

    #[test]
    fn anchoring_highlights_exactly_the_range(
        markdown in document(),
        names in prop::sample::subsequence(NAMES, 0..NAMES.len()),
        from in 0.0f64..1.0,
        len in 0.0f64..1.0,
    ) {
        // Direct: any range of the plain text within one block.
        let (_, plain, _) = entries::render_markdown(&names, &markdown, false, false);
        let blocks: Vec<(usize, &str)> = plain
            .split('\u{1}')
            .scan(0, |at, b| { let s = *at; *at += b.len() + 1; Some((s, b)) })
            .filter(|(_, b)| !b.is_empty())
            .collect();
        prop_assume!(!blocks.is_empty());
        let (base, block) = blocks[(from * blocks.len() as f64) as usize % blocks.len()];
        let chars: Vec<(usize, char)> = block.char_indices().collect();
        let s = (from * chars.len() as f64) as usize % chars.len();
        let e = (s + 1 + (len * (chars.len() - s) as f64) as usize).min(chars.len());
        let start = base + chars[s].0;
        let end = base + chars.get(e).map_or(block.len(), |c| c.0);
        let html = anchor_directly(&names, &markdown, start, end);
        prop_assert_eq!(marked(&html), &plain[start..end], "{}", html);
        assert_well_nested(&html);
    }

    #[test]
    fn any_substring_as_a_quote_anchors_end_to_end(
        paragraphs in prop::collection::vec(paragraph(), 1..4),
        names in prop::sample::subsequence(NAMES, 0..NAMES.len()),
        which in 0usize..4,
        from in 0.0f64..1.0,
        len in 0.0f64..1.0,
    ) {
        let body = paragraphs.join("\n\n") + "\n";
        let (_, plain, _) = entries::render_markdown(&names, &body, false, false);
        let blocks: Vec<&str> = plain.split('\u{1}').filter(|b| !b.trim().is_empty()).collect();
        prop_assume!(!blocks.is_empty());
        let block = blocks[which % blocks.len()];
        let chars: Vec<(usize, char)> = block.char_indices().collect();
        let s = (from * chars.len() as f64) as usize % chars.len();
        let e = (s + 1 + (len * (chars.len() - s) as f64) as usize).min(chars.len());
        let quote = block[chars[s].0..chars.get(e).map_or(block.len(), |c| c.0)].trim();
        // Folding (typographic quotes, spaces) would make the quote match
        // other spellings too; keep to quotes that are their own folding.
        prop_assume!(!quote.is_empty());
        // Which occurrence of the quote in the whole text is ours, counted
        // as quotes are compared: typography and whitespace runs folded.
        let at = plain.find(block).unwrap() + chars[s].0 + (block[chars[s].0..].len() - block[chars[s].0..].trim_start().len());
        let folded = fold_ws(&plain);
        let starts: Vec<usize> = folded.match_indices(&fold_ws(quote)).map(|(i, _)| i).collect();
        let at = fold_ws(&plain[..at]).len();
        let occurrence = starts.iter().position(|s| *s == at).map(|i| i + 1);
        prop_assume!(occurrence.is_some());
        let occurrence = if starts.len() == 1 { None } else { occurrence };

        let article = entries::article("a", &body, &[(quote, occurrence)]);
        let d = entries::dossier(&names, None, vec![article]);
        let linked = dossier::link::link(&d).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let (_, a) = linked.articles().next().expect("one article");
        prop_assert_eq!(a.annotations.len(), 1);
        prop_assert_eq!(&a.annotations[0].exact, quote);
        prop_assert_eq!(marked(&a.body.html), quote, "{}", a.body.html);
        assert_well_nested(&a.body.html);
    }
}

/// Text as quotes are compared with it (README: "typographic quotes and
/// spacing may differ"): typographic quotes and dashes as ASCII, invisible
/// characters dropped, whitespace runs as one space, leading space dropped.
fn fold_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.chars() {
        let c = match c {
            '\u{AD}' | '\u{200B}' | '\u{FEFF}' => continue,
            '‘' | '’' | '‚' | '‛' | '′' | '`' => '\'',
            '“' | '”' | '„' | '‟' | '″' | '«' | '»' => '"',
            '–' | '—' | '−' => '-',
            c => c,
        };
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    out
}

fn anchor_directly(names: &[&str], markdown: &str, start: usize, end: usize) -> String {
    use dossier::link::markdown::{self, Anchor, DocOptions, IdCounter, Input, Linker};
    let d = entries::dossier(names, Some("the event"), Vec::new());
    let matcher = dossier::link::matcher::Matcher::build(&d).expect("the names build an automaton");
    let linker = Linker {
        dossier: &d,
        matcher: &matcher,
    };
    let src = entries::source("content/articles/x.md", markdown);
    let opts = DocOptions {
        root: "../",
        page: None,
        record: true,
        inline: false,
        allow_raw_html: false,
    };
    let mut ids = IdCounter::default();
    let mut diags = dossier::Diagnostics::new();
    let input = Input {
        markdown: src.body(),
        base: src.body_start,
        source: &src,
    };
    let mut doc = markdown::parse(&linker, input, &opts, &mut ids, &mut diags);
    doc.anchor(&[Anchor {
        start,
        end,
        id: dossier::model::NoteId::derive("note", None),
        number: 1,
        kind: dossier::model::AnnotationKind::Context,
        note_html: "<em>note</em>".into(),
    }]);
    doc.into_html()
}
