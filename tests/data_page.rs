//! The exports as the site shows them: `data.html` lists every data file
//! written, and an article page carries its citation (Highwire meta tags
//! for Zotero, a "Cite this" block linking the citation files).

mod common;
use common::*;

fn read(out: &std::path::Path, p: &str) -> String {
    std::fs::read_to_string(out.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"))
}

#[test]
fn data_page_lists_every_data_file_and_every_page_links_it() {
    let (_t, out) = build(&fixture("river-spill"));
    let html = read(&out, "data.html");
    let links = attrs(&html, "href");
    for file in [
        "dossier.json",
        "annotations.jsonld",
        "entities.ftm.json",
        "timeline.json",
        "feed.xml",
    ] {
        assert!(out.join(file).exists(), "{file} was not written");
        assert!(
            links.iter().any(|l| l == file),
            "data.html does not link {file}"
        );
    }
    assert!(
        html.contains("cite/&lt;slug&gt;.csl.json, .bib, .ris"),
        "{html}"
    );
    for spec in [
        "https://www.w3.org/TR/annotation-model/",
        "https://timeline.knightlab.com/docs/json-format.html",
    ] {
        assert!(links.iter().any(|l| l == spec), "no link to {spec}");
    }
    for page in ["index.html", "actors/kowalska.html"] {
        let links = attrs(&read(&out, page), "href");
        let to_data = if page.contains('/') {
            "../data.html"
        } else {
            "data.html"
        };
        assert!(
            links.iter().any(|l| l == to_data),
            "{page} does not link data.html"
        );
    }
    assert!(broken_links(&out).is_empty(), "{:?}", broken_links(&out));
}

#[test]
fn article_page_carries_highwire_tags_and_a_cite_block() {
    let (_t, out) = build(&fixture("river-spill"));
    let html = read(&out, "articles/spill-denied.html");
    let head = between(&html, "<head>", "</head>").expect("a head");
    for tag in [
        r#"<meta name="citation_title" content="Factory denies spill as river turns brown">"#,
        r#"<meta name="citation_journal_title" content="The Riverside Courier">"#,
        r#"<meta name="citation_publisher" content="The Riverside Courier">"#,
        r#"<meta name="citation_publication_date" content="2023/03/06">"#,
        r#"<meta name="citation_public_url" content="https://courier.example/spill">"#,
        r#"<meta name="citation_fulltext_html_url" content="https://courier.example/spill">"#,
        r#"<meta name="citation_language" content="en">"#,
    ] {
        assert!(head.contains(tag), "no {tag} in\n{head}");
    }
    let cite = between(&html, r#"<h2 id="cite-h">Cite this</h2>"#, "</section>")
        .expect("a Cite this block");
    assert!(
        text(cite).contains(
            "The Riverside Courier. “Factory denies spill as river turns brown.” 6 March 2023."
        ),
        "{cite}"
    );
    for ext in ["csl.json", "bib", "ris"] {
        let href = format!("../cite/spill-denied.{ext}");
        assert!(attrs(cite, "href").contains(&href), "no link to {href}");
        assert!(out.join(&href[3..]).exists(), "{href} missing");
    }
    // An undated article has no publication date to claim.
    let undated = read(&out, "articles/inquiry-opened.html");
    assert!(undated.contains(r#"<meta name="citation_title""#));
    assert!(!undated.contains("citation_publication_date"));
    assert!(!undated.contains("citation_public_url"));
}
