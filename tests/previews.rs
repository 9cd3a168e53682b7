//! Previews (issue 18): each page carries, as a JSON data block, a preview
//! of every actor, event, article and free page its text links to (its
//! mentions and `@/` links), and nothing else: an actor's name, kind, role,
//! opening and counts, an event's date and opening. The script that shows
//! them is a local file loaded by a tag.

mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeSet;

/// The text of the output file at `rel`.
fn read(out: &std::path::Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

const BLOCK: &str = "<script type=\"application/json\" id=\"dossier-previews\" data-note=\"Note\">";

/// The previews a page carries, if any.
fn previews(html: &str) -> Option<serde_json::Map<String, Value>> {
    let json = between(html, BLOCK, "</script>")?;
    assert!(!json.contains('<'), "a `<` in the data block could end it");
    match serde_json::from_str(json).expect("the previews are JSON") {
        Value::Object(map) => Some(map),
        other => panic!("previews are not an object: {other}"),
    }
}

/// The pages (from the site root) that the links of the texts on a page one
/// folder down lead to: its mentions and the links in its body.
fn mentioned(html: &str) -> BTreeSet<String> {
    attrs(html, "href")
        .into_iter()
        .filter_map(|h| h.strip_prefix("../").map(str::to_string))
        .filter(|h| !h.contains('#'))
        .collect()
}

#[test]
fn an_article_previews_every_actor_and_event_it_mentions() {
    let (_t, out) = build(&fixture("river-spill"));
    let d = dossier::check(&fixture("river-spill")).unwrap().dossier;
    let html = read(&out, "articles/inquiry-opened.html");
    let data = previews(&html).expect("the article carries previews");
    let body = between(
        &html,
        "<div class=\"article-body prose\">",
        "<div class=\"article-meta\">",
    )
    .unwrap();
    let linked = mentioned(body);
    assert!(!linked.is_empty());
    for url in &linked {
        if url.starts_with("actors/") || url.starts_with("events/") {
            assert!(data.contains_key(url), "no preview of {url}");
        }
    }
    for (url, p) in &data {
        assert!(
            linked.contains(url),
            "a preview of {url}, which the text does not link to"
        );
        let slug = url.split('/').nth(1).unwrap().trim_end_matches(".html");
        match p["type"].as_str().unwrap() {
            "actor" => {
                let a = d.actors.iter().find(|a| a.slug == slug).unwrap();
                assert_eq!(p["name"], a.name.as_str());
                let kind = p["kicker"].as_str().unwrap().to_lowercase();
                assert!(kind.ends_with(a.kind.as_str()), "{kind}");
                assert_eq!(p["role"].as_str(), a.role.as_deref());
                // "N mention(s) in M article(s)", both at least one.
                let counts = p["counts"].as_str().unwrap();
                assert!(
                    !counts.starts_with('0') && counts.contains(" in "),
                    "{counts}"
                );
                assert!(!counts.contains(" in 0 "), "{counts}");
            }
            "event" => {
                let e = d.events.iter().find(|e| e.slug == slug).unwrap();
                assert_eq!(p["title"], e.title.as_str());
                assert_eq!(p["date"], e.date.human().as_str());
                assert_eq!(p["uncertain"].is_string(), e.date_uncertain);
            }
            _ => {}
        }
    }
    assert!(html.contains("<script src=\"../preview.js\" defer></script>"));
    assert!(read(&out, "preview.js").contains("dossier-previews"));
}

#[test]
fn actor_event_and_free_pages_preview_what_their_text_links_to_and_lists_none() {
    let (_t, out) = build(&fixture("river-spill"));
    let actor = read(&out, "actors/ivanova.html");
    let event = read(&out, "events/valve-failure.html");
    let free = read(&out, "about.html");
    let carrying = [&actor, &event, &free]
        .iter()
        .filter(|h| previews(h).is_some())
        .count();
    assert!(
        carrying >= 2,
        "only {carrying} of the three pages carry previews"
    );
    // Its own item is never among them.
    for (url, page) in [
        ("actors/ivanova.html", &actor),
        ("events/valve-failure.html", &event),
    ] {
        let data = previews(page).unwrap_or_default();
        assert!(!data.contains_key(url), "{url} previews itself");
    }
    // Lists link to every item but carry no previews: a page's previews
    // grow with its text, not with the dossier.
    for list in [
        "timeline.html",
        "actors/index.html",
        "sources.html",
        "search.html",
    ] {
        let html = read(&out, list);
        assert!(previews(&html).is_none(), "{list} carries previews");
        assert!(
            !html.contains("preview.js"),
            "{list} loads the script for nothing"
        );
    }
}

#[test]
fn the_kazakhstan_article_pages_stay_small() {
    let c = dossier::check(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    for f in c.files.iter().filter(|f| f.path.starts_with("articles/")) {
        let html = std::str::from_utf8(&f.bytes).unwrap();
        let json = between(html, BLOCK, "</script>").unwrap_or("");
        // A few dozen items, a few hundred bytes each.
        assert!(
            json.len() < 16_000,
            "{}: {} bytes of previews",
            f.path,
            json.len()
        );
    }
}
