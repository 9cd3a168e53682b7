//! The print page (issue 18): `print.html` holds the whole dossier (the
//! overview, every article with every note as a numbered endnote, the
//! actors, the events and a timeline list), and a dossier too big for one
//! page continues on numbered pages, each item on exactly one, in order.

mod common;
use common::*;
use dossier::render::{print_page_name, print_pages, Theme, PRINT_PAGE_BUDGET};
use dossier::Checked;
use std::path::Path;

/// The Kazakhstan dossier at the repository's root.
fn kazakhstan() -> Checked {
    dossier::check(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap_or_else(|d| panic!("{d}"))
}

fn river_spill() -> Checked {
    dossier::check(&fixture("river-spill")).unwrap_or_else(|d| panic!("{d}"))
}

/// The text of a rendered file.
fn file<'c>(c: &'c Checked, path: &str) -> &'c str {
    let f = c.files.iter().find(|f| f.path == path);
    let f = f.unwrap_or_else(|| panic!("no {path}"));
    std::str::from_utf8(&f.bytes).unwrap()
}

/// What a reader sees of some HTML, without its spaces (a tag may or may
/// not stand between words): tags removed, the entities our escaper writes
/// decoded.
fn shown(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    collapsed(&text)
}

/// `text` without its spaces.
fn collapsed(text: &str) -> String {
    text.split_whitespace().collect()
}

/// Every article, note, actor and event of `c` is on the print page
/// `print`: titles, every note's quote and text as an endnote, names and
/// roles, and each event on the timeline list in date order.
fn assert_whole_dossier(c: &Checked, print: &str) {
    let d = &c.dossier;
    let text = shown(print);
    for (id, a) in d.articles.with_ids() {
        assert!(text.contains(&collapsed(&a.title)), "no article {}", a.slug);
        let la = c.linked.article(id);
        assert!(!la.annotations.is_empty() || a.annotations.is_empty());
        // The copy's ids are its page's, scoped: find them in the article.
        let start = print
            .find(&format!("id=\"article-{}\"", a.slug))
            .unwrap_or_else(|| panic!("no article {}", a.slug));
        let block = &print[start..start + print[start..].find("</article>").unwrap()];
        let scoped = |id: String| {
            (attrs(block, "id").into_iter())
                .find(|x| x.ends_with(&format!("-{id}")))
                .unwrap_or_else(|| panic!("{}: no id ending in {id}", a.slug))
        };
        for x in &la.annotations {
            let anchor = format!("id=\"{}\"", scoped(x.id.note().to_string()));
            let at = print
                .find(&anchor)
                .unwrap_or_else(|| panic!("no endnote {anchor}"));
            let end = at + print[at..].find("</li>").unwrap();
            let note = shown(&print[at..end]);
            let plain = collapsed(&x.note.plain);
            assert!(
                note.contains(&plain),
                "endnote {anchor}: {note:?} lacks {plain:?}"
            );
            assert!(
                note.contains(&collapsed(&x.exact)),
                "endnote {anchor} lacks its quote"
            );
            // The reference in the text leads to it; it leads back.
            let highlight = scoped(x.id.highlight().to_string());
            assert!(print.contains(&format!("href=\"#{}", &anchor[4..anchor.len() - 1])));
            assert!(
                print.contains(&format!("id=\"{highlight}\"")),
                "no {highlight}"
            );
            assert!(print[at..end].contains(&format!("href=\"#{highlight}\"")));
        }
    }
    for a in d.actors.iter() {
        assert!(print.contains(&format!("id=\"actor-{}\"", a.slug)));
        assert!(text.contains(&collapsed(&a.name)), "no actor {}", a.slug);
        if let Some(role) = &a.role {
            assert!(text.contains(&collapsed(role)), "no role of {}", a.slug);
        }
    }
    let mut events: Vec<_> = d.events.iter().collect();
    events.sort_by(|x, y| x.date.cmp(&y.date).then(x.slug.cmp(&y.slug)));
    let timeline = &print[print
        .find("class=\"print-timeline\"")
        .expect("no timeline list")..];
    let mut from = 0;
    for e in events {
        assert!(print.contains(&format!("id=\"event-{}\"", e.slug)));
        let link = format!("href=\"#event-{}\"", e.slug);
        let at = timeline[from..].find(&link);
        from += at.unwrap_or_else(|| panic!("{} not on the timeline in date order", e.slug));
    }
}

#[test]
fn print_html_holds_the_whole_river_spill_dossier() {
    let c = river_spill();
    let print = file(&c, "print.html");
    assert_whole_dossier(&c, print);
    let intro = c
        .linked
        .intro
        .as_ref()
        .expect("the fixture has an overview");
    let opening = collapsed(intro.plain.lines().next().unwrap());
    assert!(shown(print).contains(&opening), "no overview");
    // The side notes are the endnotes: not in the text a second time.
    assert!(!print.contains("class=\"sidenote"));
    // Links from the root, and no element id twice.
    assert!(!print.contains("href=\"../"));
    let ids = attrs(print, "id");
    let unique: std::collections::BTreeSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "an element id stands twice");
    // Every page links to it.
    assert!(file(&c, "index.html").contains("href=\"print.html\""));
}

#[test]
fn print_html_holds_the_whole_kazakhstan_dossier() {
    let c = kazakhstan();
    let print = file(&c, "print.html");
    assert!(print.len() < PRINT_PAGE_BUDGET);
    assert!(!c.files.iter().any(|f| f.path == "print-2.html"));
    assert_whole_dossier(&c, print);
}

/// The element ids of the items (`article-…`, `actor-…`, `event-…`) on a
/// print page, in order.
fn item_anchors(html: &str) -> Vec<String> {
    let prefixes = ["article-", "actor-", "event-"];
    (attrs(html, "id").into_iter())
        .filter(|id| prefixes.iter().any(|p| id.starts_with(p)))
        .filter(|id| !id.contains("--") && !id.ends_with("-h") && !id.ends_with("-notes"))
        .collect()
}

#[test]
fn a_small_budget_splits_the_print_page_keeping_everything_once_in_order() {
    let c = kazakhstan();
    let theme = Theme::load(Path::new("/no/such/templates"), Path::new("templates")).unwrap();
    let whole = print_pages(&c.dossier, &c.linked, &theme, PRINT_PAGE_BUDGET).unwrap();
    assert_eq!(whole.len(), 1);
    let whole_html = std::str::from_utf8(&whole[0].bytes).unwrap();
    let budget = 40_000;
    let mut pages = print_pages(&c.dossier, &c.linked, &theme, budget).unwrap();
    pages.sort_by_key(|p| (p.path.len(), p.path.clone()));
    assert!(pages.len() > 3, "only {} pages", pages.len());
    let mut anchors = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        let number = i + 1;
        assert_eq!(p.path, print_page_name(number));
        let html = std::str::from_utf8(&p.bytes).unwrap();
        let items = item_anchors(html);
        assert!(
            html.len() <= budget || items.len() <= 1,
            "{} has {} bytes and {} items",
            p.path,
            html.len(),
            items.len()
        );
        // Each page links to its neighbours, in the page and in its head.
        let head = &html[..html.find("</head>").unwrap()];
        if number > 1 {
            let prev = format!("href=\"{}\" rel=\"prev\"", print_page_name(number - 1));
            assert!(html.contains(&prev), "{}", p.path);
            let link = format!(
                "<link rel=\"prev\" href=\"{}\">",
                print_page_name(number - 1)
            );
            assert!(head.contains(&link), "{}", p.path);
        } else {
            assert!(!head.contains("rel=\"prev\""), "{}", p.path);
        }
        if number < pages.len() {
            let next = format!("href=\"{}\" rel=\"next\"", print_page_name(number + 1));
            assert!(html.contains(&next), "{}", p.path);
            let link = format!(
                "<link rel=\"next\" href=\"{}\">",
                print_page_name(number + 1)
            );
            assert!(head.contains(&link), "{}", p.path);
        } else {
            assert!(!head.contains("rel=\"next\""), "{}", p.path);
        }
        anchors.extend(items);
    }
    assert_eq!(anchors, item_anchors(whole_html));
    // A timeline line on one page leads to its event on another.
    let last = std::str::from_utf8(&pages.last().unwrap().bytes).unwrap();
    let links = attrs(last, "href");
    let to_event = links
        .iter()
        .find(|h| h.starts_with("print-") && h.contains("#event-"));
    let to_event = to_event.expect("no timeline link to another print page");
    let (page, anchor) = to_event.split_once('#').unwrap();
    let target = pages.iter().find(|p| p.path == page).unwrap();
    let target = std::str::from_utf8(&target.bytes).unwrap();
    assert!(target.contains(&format!("id=\"{anchor}\"")), "{to_event}");
}

/// Each article's date as the sources list gives it: "undated" where it
/// has none, its date note, who it came through and what it is translated
/// from; each event's date note: the print page reads no more certain
/// than the site.
#[test]
fn the_print_page_gives_each_date_as_the_content_says_it() {
    let c = river_spill();
    let print = file(&c, "print.html");
    for line in [
        "<p class=\"muted\"><bdi>Agency bulletin</bdi> · <span class=\"tag tag-undated\">undated</span> \
         — undated; refers to the night of 1 March</p>",
        "<p class=\"muted\"><bdi>The Riverside Courier</bdi> · <time datetime=\"2023-03-06\">6 March 2023</time> \
         · via Example Wire</p>",
        "<p class=\"date-note\">the night of 1 March, per the agency bulletin</p>",
    ] {
        assert!(print.contains(line), "no {line}");
    }
    let k = kazakhstan();
    let print = file(&k, "print.html");
    let translated: Vec<_> = (k.dossier.articles.iter())
        .filter(|a| a.translated_from.is_some())
        .collect();
    assert!(
        !translated.is_empty(),
        "the Kazakhstan dossier has a translation"
    );
    // The language by its name, as the article page gives it.
    let names = [
        ("de", "German"),
        ("ru", "Russian"),
        ("kk", "Kazakh"),
        ("en", "English"),
    ];
    for a in translated {
        let code = a.translated_from.as_deref().unwrap();
        let name = names.iter().find(|(c, _)| *c == code).map(|(_, n)| n);
        let from = format!(
            "translated from {}",
            name.expect("a language the test names")
        );
        assert!(print.contains(&from), "{}: no {from}", a.slug);
        assert!(
            !print.contains(&format!("translated from {code}<")),
            "{}: a code",
            a.slug
        );
    }
    let noted = k.dossier.events.iter().filter(|e| e.date_note.is_some());
    assert!(noted.clone().count() > 1, "its events have date notes");
    for e in noted {
        if let Some(note) = &e.date_note {
            let escaped = note
                .replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('\'', "&#39;");
            assert!(print.contains(&escaped), "{}: no date note", e.slug);
        }
    }
}

/// An article in another language and direction than the site's is marked
/// so on the print page as on its own: its title, its text and the quotes
/// of its notes; the print timeline gives an event's whole span.
#[test]
fn the_print_page_keeps_an_articles_language_and_an_events_span() {
    let rtl = dossier::check(&fixture("rtl")).unwrap_or_else(|d| panic!("{d}"));
    let print = file(&rtl, "print.html");
    for marked in [
        "<article class=\"print-item print-article\" id=\"article-harbour-fire-ar\" dir=\"rtl\" ",
        "<p class=\"muted\" dir=\"ltr\"><bdi>",
        "<h4 id=\"article-harbour-fire-ar-notes\" dir=\"ltr\">",
        "<ol class=\"endnotes\" dir=\"ltr\" ",
        "<h3 id=\"article-harbour-fire-ar-h\" lang=\"ar\" dir=\"rtl\">",
        "<div class=\"article-body prose\" lang=\"ar\" dir=\"rtl\">",
        "<span class=\"an-quote\">“<bdi lang=\"ar\" dir=\"rtl\">",
    ] {
        assert!(print.contains(marked), "no {marked}");
    }
    assert!(print.contains("<h3 id=\"article-harbour-fire-en-h\"><a "));
    let c = river_spill();
    let print = file(&c, "print.html");
    let span = "<li><span class=\"timeline-date\"><time datetime=\"2023\" class=\"partial-date\">2023</time> \
        <span class=\"tag tag-partial\">year only</span> – <time datetime=\"2024-02\" class=\"partial-date\">\
        February 2024</time> <span class=\"tag tag-partial\">month only</span></span> <a href=\"#event-inquiry\">";
    assert!(print.contains(span), "no {span}");
}
