//! Long lists in numbered pages (src/render/paginate.rs), on the river-spill
//! fixture built with one item a page: every page of each list exists, the
//! rel prev/next chain runs from the first page to the last and back, the
//! numbered navigation links only pages that exist, and every item is on
//! exactly one page.

mod common;
use common::*;
use std::collections::BTreeSet;
use std::path::Path;

/// The fixture built with `page-size` items a page.
fn build_paged(page_size: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("src");
    copy_tree(&fixture("river-spill"), &root);
    let toml = root.join("book.toml");
    let mut config = std::fs::read_to_string(&toml).unwrap();
    // `[output.html]` is the fixture's last table.
    config.push_str(&format!("page-size = {page_size}\n"));
    std::fs::write(&toml, config).unwrap();
    let out = t.path().join("book");
    dossier::build(&root, Some(&out)).unwrap();
    (t, out)
}

fn read(out: &Path, path: &str) -> String {
    std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `href` of the `<link rel="…">` in a page's head.
fn head_link(html: &str, rel: &str) -> Option<String> {
    let head = between(html, "<head>", "</head>").unwrap();
    between(head, &format!("<link rel=\"{rel}\" href=\""), "\"").map(str::to_string)
}

/// A path beside `path` (in its folder).
fn beside(path: &str, name: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{name}"),
        None => name.to_string(),
    }
}

/// Follows "next" from the list's first page to its last, checking that
/// each page says where it stands and links back: the pages, in order.
fn follow_chain(out: &Path, first: &str) -> Vec<String> {
    let mut pages = vec![first.to_string()];
    let html = read(out, first);
    assert_eq!(head_link(&html, "prev"), None, "{first} has a prev");
    let mut current = (first.to_string(), html);
    while let Some(next) = head_link(&current.1, "next") {
        let path = beside(&current.0, &next);
        let html = read(out, &path);
        let back = head_link(&html, "prev").unwrap_or_else(|| panic!("{path} has no prev"));
        assert_eq!(
            beside(&path, &back),
            current.0,
            "{path} links back elsewhere"
        );
        pages.push(path.clone());
        current = (path, html);
    }
    let total = pages.len();
    for (i, path) in pages.iter().enumerate() {
        let html = read(out, path);
        let nav = between(&html, "<nav class=\"pager\"", "</nav>")
            .unwrap_or_else(|| panic!("{path} has no pager"));
        assert!(
            nav.contains(&format!("Page {} of {total}", i + 1)),
            "{path}: {nav}"
        );
        let current: Vec<String> = (nav.split("aria-current=\"page\">").skip(1))
            .map(|s| s.split('<').next().unwrap().to_string())
            .collect();
        assert_eq!(current, [(i + 1).to_string()], "{path}");
        let linked: BTreeSet<String> = (attrs(nav, "href").iter())
            .map(|h| beside(path, h))
            .collect();
        let expected: BTreeSet<String> = pages.iter().cloned().collect();
        assert_eq!(linked, expected, "{path}: the numbered links");
        for l in &linked {
            assert!(out.join(l).is_file(), "{path} links {l}, which is missing");
        }
    }
    pages
}

/// The hrefs inside every element of `html` that starts with `open` and
/// ends with `close`.
fn hrefs_in(html: &str, open: &str, close: &str) -> Vec<String> {
    (html.split(open).skip(1))
        .flat_map(|piece| attrs(piece.split(close).next().unwrap(), "href"))
        .collect()
}

/// The items of every page of a list, checked to be on one page each.
fn items(out: &Path, pages: &[String], open: &str, close: &str) -> Vec<String> {
    let mut all = Vec::new();
    for p in pages {
        let on_page = hrefs_in(&read(out, p), open, close);
        assert!(!on_page.is_empty(), "{p} lists nothing");
        all.extend(on_page);
    }
    let unique: BTreeSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "an item is on two pages: {all:?}");
    all
}

#[test]
fn every_long_list_is_split_into_chained_pages_holding_each_item_once() {
    let (_t, out) = build_paged(1);
    let index = follow_chain(&out, "index.html");
    assert_eq!(index, ["index.html", "index.2.html"]);
    // Each page of the overview says which it is in its title.
    assert!(read(&out, "index.html").contains("<title>Overview — "));
    assert!(read(&out, "index.2.html").contains("<title>Overview (page 2 of 2) — "));
    let articles = items(&out, &index, "<ul class=\"source-list\"", "</ul>");
    assert_eq!(articles.len(), 2);

    let sources = follow_chain(&out, "sources.html");
    assert_eq!(sources.len(), 2);
    // The article links (each item also links its seed's page).
    let listed: Vec<String> = items(&out, &sources, "<ul class=\"source-list\">", "</ul>")
        .into_iter()
        .filter(|h| h.starts_with("articles/"))
        .collect();
    assert_eq!(listed.len(), 2);

    // Four events and two dated articles.
    let timeline = follow_chain(&out, "timeline.html");
    assert_eq!(timeline.len(), 6);
    assert_eq!(
        items(&out, &timeline, "<li class=\"timeline-entry", "</li>").len(),
        6
    );

    let actors = follow_chain(&out, "actors/index.html");
    assert_eq!(actors.len(), 3);
    assert_eq!(
        items(&out, &actors, "<ul class=\"actor-list\">", "</ul>").len(),
        3
    );

    // An event reported by both articles: one article a page.
    let event = follow_chain(&out, "events/valve-failure.html");
    assert_eq!(event.len(), 2);
    let reports = items(&out, &event, "<div class=\"source-report\">", "</h3>");
    assert_eq!(reports.len(), 2);
}

#[test]
fn an_actors_mentions_run_over_pages_with_its_profile_on_the_first() {
    let (_t, out) = build_paged(1);
    let first = read(&out, "actors/kowalska.html");
    assert!(first.contains("<link rel=\"next\" href=\"kowalska.2.html\">"));
    let pages = follow_chain(&out, "actors/kowalska.html");
    assert!(pages.len() >= 2, "{pages:?}");
    let sources = items(&out, &pages, "<h3 class=\"mention-source\">", "</h3>");
    assert_eq!(sources.len(), pages.len());
    // The later pages repeat the header, not the profile.
    let second = read(&out, &pages[1]);
    assert!(
        second.contains("<title>Żaneta Kowalska (page 2 of"),
        "{second}"
    );
    assert!(!second.contains("class=\"prose profile\""));
}

#[test]
fn lists_that_fit_on_a_page_have_no_pager() {
    let (_t, out) = build_paged(100);
    for page in [
        "index.html",
        "sources.html",
        "timeline.html",
        "actors/index.html",
    ] {
        let html = read(&out, page);
        assert!(!html.contains("class=\"pager\""), "{page}");
        assert_eq!(head_link(&html, "next"), None, "{page}");
    }
    assert!(!out.join("index.2.html").exists());
}

#[test]
fn a_page_size_of_zero_is_refused() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("src");
    copy_tree(&fixture("river-spill"), &root);
    let toml = root.join("book.toml");
    let config = std::fs::read_to_string(&toml).unwrap() + "page-size = 0\n";
    std::fs::write(&toml, config).unwrap();
    let err = dossier::build(&root, Some(&t.path().join("book"))).unwrap_err();
    assert!(err.has_errors());
}

/// Every page the build makes under a name an item could have (a slug's:
/// `print-2.html`, `actors/index.html`, not `sources.2.html`) is one that
/// `ItemKind::taken_page` keeps from the items: no item's page can
/// overwrite it. On the fixture built with every list paged.
#[test]
fn the_pages_the_build_makes_itself_are_the_names_items_may_not_take() {
    use dossier::model::ItemKind;
    let (_t, out) = build_paged(1);
    let d = dossier::load::load(&fixture("river-spill")).unwrap();
    let mut checked = BTreeSet::new();
    for (dir, kind) in [
        ("", ItemKind::Page),
        ("actors/", ItemKind::Actor),
        ("events/", ItemKind::Event),
        ("articles/", ItemKind::Article),
    ] {
        for entry in std::fs::read_dir(out.join(dir)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let Some(stem) = name.strip_suffix(".html") else {
                continue;
            };
            let is_items = d.contains(&dossier::model::ItemRef::new(kind, stem));
            if !dossier::load::is_valid_slug(stem) || is_items {
                continue;
            }
            checked.insert(format!("{dir}{name}"));
            assert_eq!(
                kind.taken_page(stem).as_deref(),
                Some(format!("{dir}{name}").as_str()),
                "{dir}{name} is made by the build, but an item may be called `{stem}`"
            );
        }
    }
    let expected = [
        "404.html",
        "actors/index.html",
        "data.html",
        "index.html",
        "print.html",
        "search.html",
        "sources.html",
        "timeline.html",
    ];
    assert_eq!(
        checked.iter().map(String::as_str).collect::<Vec<_>>(),
        expected
    );
}
