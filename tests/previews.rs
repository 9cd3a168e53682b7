//! Previews (issue 18): the site holds, in scripts under `previews/`, a
//! preview of every actor, event, article and free page (an actor's name,
//! kind, role, opening and counts, an event's date and opening), each in
//! the script its URL hashes to; a page whose text links to items or has
//! notes loads the script that shows them, a local file loaded by a tag,
//! and carries none itself.

mod common;
use common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The text of the output file at `rel`.
fn read(out: &std::path::Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The tag that loads the previews on a page one folder down, with the
/// number of scripts they are in.
fn script_tag(shards: usize) -> String {
    format!(
        "<script src=\"../preview.js\" data-shards=\"{shards}\" data-note=\"Note\" defer></script>"
    )
}

/// 32-bit FNV-1a, written here apart from the build's.
fn fnv1a(text: &str) -> u32 {
    let mut h: u32 = 2_166_136_261;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(16_777_619);
    }
    h
}

/// Every preview of the site, by URL, and the number of scripts they are
/// in; each script is checked to be a call that adds its previews and to
/// hold only those whose URL hashes to it.
fn site_previews(out: &std::path::Path) -> (BTreeMap<String, Value>, usize) {
    let names: Vec<String> = std::fs::read_dir(out.join("previews"))
        .expect("no previews/ folder")
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    let count = names.len();
    let mut all = BTreeMap::new();
    for n in 0..count {
        let js = read(out, &format!("previews/{n}.js"));
        let json = (js.strip_prefix("DOSSIER_PREVIEWS.add("))
            .and_then(|j| j.strip_suffix(");\n"))
            .unwrap_or_else(|| panic!("previews/{n}.js is not one call: {js}"));
        assert!(!json.contains('<'), "previews/{n}.js has a `<`");
        let Value::Object(map) = serde_json::from_str(json).expect("JSON") else {
            panic!("previews/{n}.js: not an object");
        };
        for (url, preview) in map {
            assert_eq!(fnv1a(&url) as usize % count, n, "{url} in previews/{n}.js");
            assert!(all.insert(url.clone(), preview).is_none(), "{url} twice");
        }
    }
    (all, count)
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
    let (data, shards) = site_previews(&out);
    let html = read(&out, "articles/inquiry-opened.html");
    assert!(html.contains(&script_tag(shards)), "{html}");
    assert!(!html.contains("DOSSIER_PREVIEWS") && !html.contains("dossier-previews"));
    let body = between(
        &html,
        "<div class=\"article-body prose\">",
        "<div class=\"article-meta\">",
    )
    .unwrap();
    let linked = mentioned(body);
    assert!(linked.iter().any(|u| u.starts_with("actors/")));
    for url in linked
        .iter()
        .filter(|u| u.starts_with("actors/") || u.starts_with("events/"))
    {
        let p = data
            .get(url)
            .unwrap_or_else(|| panic!("no preview of {url}"));
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
            other => panic!("{url} is previewed as {other}"),
        }
    }
    assert!(read(&out, "preview.js").contains("previews/"));
}

#[test]
fn every_item_has_one_preview_and_only_pages_that_link_items_load_them() {
    let (_t, out) = build(&fixture("river-spill"));
    let d = dossier::check(&fixture("river-spill")).unwrap().dossier;
    let (data, shards) = site_previews(&out);
    let items = d.articles.len() + d.actors.len() + d.events.len() + d.pages.len();
    assert_eq!(data.len(), items);
    assert_eq!(shards, items.div_ceil(64));
    let urls: BTreeSet<String> = (d.actors.iter().map(|a| format!("actors/{}.html", a.slug)))
        .chain(d.events.iter().map(|e| format!("events/{}.html", e.slug)))
        .chain(
            d.articles
                .iter()
                .map(|a| format!("articles/{}.html", a.slug)),
        )
        .collect();
    assert!(
        urls.iter().all(|u| data.contains_key(u)),
        "{:?}",
        data.keys()
    );
    let loading = [
        "actors/ivanova.html",
        "events/valve-failure.html",
        "about.html",
    ]
    .iter()
    .filter(|p| read(&out, p).contains("preview.js"))
    .count();
    assert!(
        loading >= 2,
        "only {loading} of the three pages load previews"
    );
    // Lists link to every item but load no previews: a reader scanning a
    // list follows links.
    for list in [
        "timeline.html",
        "actors/index.html",
        "sources.html",
        "search.html",
    ] {
        assert!(
            !read(&out, list).contains("preview.js"),
            "{list} loads the script for nothing"
        );
    }
}

#[test]
fn the_kazakhstan_previews_are_in_small_scripts() {
    let c = dossier::check(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    let scripts: Vec<_> = (c.files.iter())
        .filter(|f| f.path.starts_with("previews/"))
        .collect();
    assert!(!scripts.is_empty());
    for f in scripts {
        // At most 64 items, a few hundred bytes each.
        assert!(
            f.bytes.len() < 40_000,
            "{}: {} bytes",
            f.path,
            f.bytes.len()
        );
    }
    for f in c.files.iter().filter(|f| f.path.starts_with("articles/")) {
        let html = std::str::from_utf8(&f.bytes).unwrap();
        assert!(!html.contains("dossier-previews"), "{}", f.path);
    }
}
