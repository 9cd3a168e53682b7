//! Pages that share well, and absolute URLs only where they must be: every
//! page has a description, Open Graph and Twitter card tags and the
//! favicon; the pages of articles, actors and events carry JSON-LD; the
//! canonical link, `og:url`, sitemap and feed are written only when the
//! site's absolute URL is known, from `book.toml` or `build --site-url`.
//! The river-spill fixture, built by the binary.

mod common;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SPILL_URL: &str = "https://example.org/spill/";

/// The river-spill fixture with `site_url` (or none) as its `site-url`.
fn spill(site_url: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("d");
    let from = fixture("river-spill");
    common::copy_tree(&from, &root);
    let toml = std::fs::read_to_string(root.join("book.toml")).unwrap();
    let line = format!("site-url = \"{SPILL_URL}\"\n");
    assert!(toml.contains(&line), "the fixture's site-url changed");
    let new = site_url.map_or(String::new(), |u| format!("site-url = \"{u}\"\n"));
    std::fs::write(root.join("book.toml"), toml.replace(&line, &new)).unwrap();
    (tmp, root)
}

/// `dossier build root -d root/out ARGS`.
fn build_with(root: &Path, args: &[&str]) -> (Output, PathBuf) {
    let out = root.join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--quiet", "build"])
        .arg(root)
        .arg("-d")
        .arg(&out)
        .args(args)
        .output()
        .expect("run dossier");
    (o, out)
}

/// The built site of the fixture with `site_url`, built with `args`.
fn built(site_url: Option<&str>, args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let (tmp, root) = spill(site_url);
    let (o, out) = build_with(&root, args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "build failed: {err}");
    (tmp, out)
}

fn read(out: &Path, p: &str) -> String {
    std::fs::read_to_string(out.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// The `content` of `<meta {attr}="{key}">` in `html`, entities decoded.
fn meta(html: &str, attr: &str, key: &str) -> Option<String> {
    let raw = between(html, &format!("<meta {attr}=\"{key}\" content=\""), "\"")?;
    Some(text(raw))
}

/// The `href` of `<link rel="{rel}"…>` in `html`.
fn link(html: &str, rel: &str) -> Option<String> {
    let tag = between(html, &format!("<link rel=\"{rel}\""), ">")?;
    between(tag, "href=\"", "\"").map(str::to_string)
}

/// The page's JSON-LD, parsed.
fn json_ld(html: &str) -> Option<Value> {
    let json = between(html, "<script type=\"application/ld+json\">", "</script>")?;
    Some(serde_json::from_str(json).unwrap_or_else(|e| panic!("JSON-LD: {e}\n{json}")))
}

/// The HTML pages of a built site, by path.
fn pages(out: &Path) -> Vec<(String, String)> {
    files(out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

#[test]
fn every_page_has_a_description_card_tags_and_the_favicon() {
    let (_t, out) = built(None, &[]);
    let pages = pages(&out);
    assert!(pages.len() > 15, "{} pages", pages.len());
    for (path, html) in &pages {
        let head = between(html, "<head>", "</head>").unwrap();
        let description = meta(head, "name", "description");
        assert!(description.is_some(), "{path}: no description");
        assert_eq!(
            meta(head, "property", "og:description"),
            description,
            "{path}"
        );
        assert!(meta(head, "property", "og:title").is_some(), "{path}");
        assert!(meta(head, "property", "og:type").is_some(), "{path}");
        assert_eq!(
            meta(head, "name", "twitter:card").as_deref(),
            Some("summary")
        );
        let icon = link(head, "icon").unwrap_or_else(|| panic!("{path}: no favicon"));
        assert!(
            icon.starts_with("data:image/svg+xml;base64,"),
            "{path}: {icon}"
        );
        // Whatever the page, a JSON-LD script is well-formed data.
        if let Some(ld) = json_ld(head) {
            assert_eq!(ld["@context"], "https://schema.org", "{path}");
        }
    }
    // Each item's page describes itself; the others, the dossier.
    let description = |p: &str| meta(&read(&out, p), "name", "description").unwrap();
    let summary = "The mayor reports a colour change; the operator denies a leak.";
    assert_eq!(description("articles/spill-denied.html"), summary);
    assert_eq!(description("actors/kowalska.html"), "Mayor");
    assert_eq!(
        description("events/spill-season.html"),
        "Known only to the month."
    );
    let dossier = "A fictional test dossier about a chemical spill";
    assert_eq!(description("timeline.html"), dossier);
    let article = read(&out, "articles/spill-denied.html");
    let title = meta(&article, "property", "og:title");
    assert_eq!(
        title.as_deref(),
        Some("Factory denies spill as river turns brown")
    );
    assert_eq!(
        meta(&article, "property", "og:type").as_deref(),
        Some("article")
    );
}

#[test]
fn json_ld_describes_articles_actors_and_events() {
    let (_t, out) = built(None, &[]);
    let ld = |p: &str| json_ld(&read(&out, p)).unwrap_or_else(|| panic!("{p}: no JSON-LD"));
    let article = ld("articles/spill-denied.html");
    assert_eq!(article["@type"], "NewsArticle");
    assert_eq!(
        article["headline"],
        "Factory denies spill as river turns brown"
    );
    assert_eq!(article["isBasedOn"], "https://courier.example/spill");
    assert_eq!(article["datePublished"], "2023-03-06");
    assert_eq!(article["publisher"]["name"], "The Riverside Courier");
    assert!(article.get("url").is_none(), "no absolute URL is known");
    // An undated article without an original URL says neither.
    let undated = ld("articles/inquiry-opened.html");
    assert!(undated.get("datePublished").is_none() && undated.get("isBasedOn").is_none());

    let person = ld("actors/kowalska.html");
    assert_eq!(person["@type"], "Person");
    assert_eq!(person["name"], "Żaneta Kowalska");
    let aliases = serde_json::json!(["Kowalska", "Mayor Kowalska"]);
    assert_eq!(person["alternateName"], aliases);
    assert_eq!(person["description"], "Mayor");
    let operator = ld("actors/wisla-chemicals.html");
    assert_eq!(operator["@type"], "Organization");
    assert!(operator.get("alternateName").is_none(), "no aliases");

    // A date the content marks uncertain is not stated (schema.org has
    // no word for it); partial dates stay partial.
    let inquiry = ld("events/inquiry.html");
    assert_eq!(inquiry["@type"], "Event");
    assert_eq!(inquiry["name"], "The inquiry");
    assert!(inquiry.get("startDate").is_none() && inquiry.get("endDate").is_none());
    let month = ld("events/spill-season.html");
    assert_eq!(month["startDate"], "2023-03");
    assert!(month.get("endDate").is_none());
    assert_eq!(month["alternateName"], serde_json::json!(["the spill"]));
    assert_eq!(ld("events/samples-taken.html")["startDate"], "2023-03-03");
    // Pages that are no item's carry none.
    assert!(json_ld(&read(&out, "timeline.html")).is_none());
}

#[test]
fn without_an_absolute_url_no_page_claims_an_address() {
    let (_t, out) = built(None, &[]);
    for (path, html) in pages(&out) {
        assert!(link(&html, "canonical").is_none(), "{path}: canonical");
        assert!(
            meta(&html, "property", "og:url").is_none(),
            "{path}: og:url"
        );
        assert!(!html.contains("application/rss+xml"), "{path}: feed link");
    }
    assert!(!out.join("sitemap.xml").exists());
    assert!(!out.join("feed.xml").exists());
}

#[test]
fn site_url_flag_gives_canonical_og_url_sitemap_and_feed() {
    let (_t, out) = built(None, &["--site-url", SPILL_URL]);
    let article = read(&out, "articles/spill-denied.html");
    let url = format!("{SPILL_URL}articles/spill-denied.html");
    assert_eq!(link(&article, "canonical"), Some(url.clone()));
    assert_eq!(meta(&article, "property", "og:url"), Some(url.clone()));
    assert_eq!(json_ld(&article).unwrap()["url"], url.as_str());
    let actor = json_ld(&read(&out, "actors/kowalska.html")).unwrap();
    assert_eq!(actor["url"], format!("{SPILL_URL}actors/kowalska.html"));
    assert!(article.contains("href=\"../feed.xml\""), "feed link");
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains(&format!("<loc>{url}</loc>")), "{sitemap}");
    assert!(read(&out, "feed.xml").contains(&format!("<link>{url}</link>")));
    // The 404 page: links from the site's path, no canonical link.
    let not_found = read(&out, "404.html");
    assert!(not_found.contains("href=\"/spill/style.css\""));
    assert!(not_found.contains("href=\"/spill/feed.xml\""));
    assert!(link(&not_found, "canonical").is_none());
}

#[test]
fn the_flag_overrides_book_toml() {
    let (_t, out) = built(
        Some("/spill/"),
        &["--site-url", "https://example.org/other"],
    );
    let index = read(&out, "index.html");
    let url = "https://example.org/other/index.html";
    assert_eq!(link(&index, "canonical").as_deref(), Some(url));
    assert!(read(&out, "404.html").contains("href=\"/other/style.css\""));
}

#[test]
fn a_path_only_site_url_serves_the_404_page_and_nothing_else() {
    let (_t, out) = built(Some("/spill/"), &[]);
    let not_found = read(&out, "404.html");
    assert!(
        not_found.contains("href=\"/spill/style.css\""),
        "{not_found}"
    );
    assert!(
        not_found.contains("href=\"/spill/index.html\""),
        "{not_found}"
    );
    assert!(!not_found.contains("feed.xml"), "no feed to link to");
    let index = read(&out, "index.html");
    assert!(
        link(&index, "canonical").is_none(),
        "a path is no canonical URL"
    );
    assert!(
        index.contains("href=\"timeline.html\""),
        "links stay relative"
    );
    assert!(!out.join("sitemap.xml").exists());
    assert!(!out.join("feed.xml").exists());
}

#[test]
fn a_wrong_site_url_flag_is_a_usage_error() {
    let (_t, root) = spill(None);
    let (o, out) = build_with(&root, &["--site-url", "example.org/spill"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("neither a URL nor an absolute path"), "{err}");
    assert!(!out.exists(), "nothing is written");
}
