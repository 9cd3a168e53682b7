//! Builds a synthetic dossier from the benchmark generator
//! (`crates/dossier-gen/src/corpus.rs`): many actors with Latin, accented and
//! Cyrillic aliases, partial dates, annotations across emphasis. What the
//! benchmarks measure must be a dossier that builds clean, and pages that
//! would grow with the square of the dossier stay bounded.

mod common;
#[path = "../crates/dossier-gen/src/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::fs;
use std::path::PathBuf;

/// A generated dossier in a temporary folder: (folder, dossier root, output).
fn generated(articles: usize, actors: usize) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("d");
    let c = corpus::Corpus::generate(corpus::Params {
        articles,
        actors,
        events: 30,
        seed: 3,
        mentioned: None,
    });
    c.write_dossier(&root).expect("corpus written");
    let out = dir.path().join("book");
    (dir, root, out)
}

#[test]
fn a_generated_dossier_builds_and_its_network_is_bounded() {
    let (_dir, root, out) = generated(120, 90);
    let summary = match dossier::build(&root, Some(&out)) {
        Ok(s) => s,
        Err(e) => panic!("the synthetic dossier builds:\n{e}"),
    };
    assert_eq!(summary.articles, 120);
    assert_eq!(summary.actors, 90);
    assert!(summary.annotations > 120, "{summary}");
    // Every article page and actor page was written.
    let count = |sub: &str| fs::read_dir(out.join(sub)).unwrap().count();
    assert_eq!(count("articles"), 120);
    assert_eq!(count("actors"), 91, "90 actor pages and the index");

    // The actors index draws only the most connected actors of a large
    // network, and says so; the lists still give every actor.
    let index = fs::read_to_string(out.join("actors/index.html")).unwrap();
    let wide = index
        .split("svg-wide")
        .nth(1)
        .and_then(|s| s.split("</svg>").next())
        .expect("the actors index has the wide network");
    let nodes = wide.matches("<circle").count();
    assert_eq!(nodes, 40, "the 40 most connected actors are drawn");
    let caption = "The 40 most connected of the ";
    assert!(
        index.contains(caption),
        "the caption says how many are drawn"
    );
    for a in fs::read_dir(root.join("content/actors")).unwrap() {
        let slug = a
            .unwrap()
            .path()
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            index.contains(&format!("href=\"../actors/{slug}.html\"")),
            "the list links {slug}"
        );
    }
}

#[test]
fn a_failed_render_leaves_the_previous_site_and_no_staging_directory() {
    let (dir, root, out) = generated(12, 10);
    dossier::build(&root, Some(&out)).expect("first build");
    let before = fs::read(out.join("index.html")).unwrap();
    // A template that fails while pages are already being written.
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/event.html"),
        "{% extends \"base.html\" %}{% block content %}{{ no_such_variable }}{% endblock content %}",
    )
    .unwrap();
    let err = dossier::build(&root, Some(&out)).expect_err("the build fails");
    assert!(err.to_string().contains("event.html"), "{err}");
    assert_eq!(fs::read(out.join("index.html")).unwrap(), before);
    let leftovers = common::entries_starting(dir.path(), ".");
    assert!(
        leftovers.is_empty(),
        "no staging directory left: {leftovers:?}"
    );
}

/// The `href`s of `html` between `start` and the next `end`.
fn links_between(html: &str, start: &str, end: &str) -> Vec<String> {
    common::between(html, start, end).map_or_else(Vec::new, |s| common::attrs(s, "href"))
}

#[test]
fn an_article_lists_six_other_sources_on_its_events_and_counts_the_rest() {
    let (_dir, root, out) = generated(120, 90);
    dossier::build(&root, Some(&out)).expect("the synthetic dossier builds");
    let mut counted = 0;
    for entry in fs::read_dir(out.join("articles")).unwrap() {
        let path = entry.unwrap().path();
        let me = format!(
            "../articles/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let html = fs::read_to_string(&path).unwrap();
        let shown = links_between(&html, "<ul class=\"related\">", "</ul>");
        assert!(shown.len() <= 6, "{me} lists {} others", shown.len());
        // Every other article that its events' pages name.
        let mut others = std::collections::BTreeSet::new();
        for event in links_between(&html, "<h2 id=\"events-h\">", "</section>") {
            let page = fs::read_to_string(out.join("articles").join(&event)).unwrap();
            // Its sources, each under its heading (notes may link others).
            let headings = page
                .split("<div class=\"source-report\">\n    <h3><a href=\"")
                .skip(1);
            others.extend(
                headings
                    .filter_map(|h| h.split('"').next())
                    .map(str::to_string),
            );
        }
        others.remove(&me);
        assert!(shown.iter().all(|h| others.contains(h)), "{me}: {shown:?}");
        let more = others.len() - shown.len();
        let line = format!("<p class=\"muted\">{more} more on the pages of the events.</p>");
        assert_eq!(html.contains(&line), more > 0, "{me}: {more} more");
        counted += usize::from(more > 0);
    }
    assert!(
        counted > 10,
        "only {counted} articles have more than six others"
    );
}
