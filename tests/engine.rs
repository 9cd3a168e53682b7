//! The engine end to end on a fixture dossier (not Kazakhstan): Unicode
//! aliases, a quote spanning emphasis and a mention link, a repeated quote,
//! partial dates, an undated article, highlighted code.

mod common;
use common::*;
#[path = "../crates/dossier-gen/src/corpus.rs"]
#[allow(dead_code)]
mod corpus;

fn read(out: &std::path::Path, p: &str) -> String {
    std::fs::read_to_string(out.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"))
}

#[test]
fn every_internal_link_and_fragment_resolves() {
    let (_t, out) = build(&fixture("river-spill"));
    let problems = broken_links(&out);
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
    for page in [
        "index.html",
        "articles/spill-denied.html",
        "articles/inquiry-opened.html",
        "actors/index.html",
        "actors/kowalska.html",
        "events/valve-failure.html",
        "timeline.html",
        "sources.html",
        "search.html",
        "about.html",
        "seeds/spill-denied.txt",
        "404.html",
        ".nojekyll",
        "dossier.json",
        "sitemap.xml",
        "feed.xml",
        "search/meta.js",
    ] {
        assert!(out.join(page).exists(), "{page} missing");
    }
    // The seed is linked from its article, as published, with its size and
    // digest; the default theme makes no page for it.
    assert!(!out.join("seeds/spill-denied.txt.html").exists());
    let article = read(&out, "articles/spill-denied.html");
    let seed = std::fs::read(out.join("seeds/spill-denied.txt")).unwrap();
    let sha256 = common::sha256_hex(&seed);
    let card = format!(
        "<a href=\"../seeds/spill-denied.txt\">verbatim source text</a> <span class=\"muted\">(spill-denied.txt, {} bytes)</span> <span class=\"muted seed-digest\">SHA-256 <code class=\"digest\">{sha256}</code></span>",
        seed.len()
    );
    assert!(article.contains(&card), "{article}");
}

#[test]
fn mentions_are_linked_whole_word_leftmost_longest_with_unicode() {
    let (_t, out) = build(&fixture("river-spill"));
    let html = read(&out, "articles/spill-denied.html");
    // "Mayor Żaneta Kowalska": the full name is one mention, not two.
    assert!(html.contains("<a class=\"mention mention-actor\" href=\"../actors/kowalska.html\" id=\"a-kowalska-1\"><mark class=\"ann ann-source\">Żaneta Kowalska</mark></a>"), "{html}");
    // Cyrillic name; the inflected "Ивановой" is another word and stays plain.
    assert!(html.contains("id=\"a-ivanova-1\">Мария Иванова</a>"));
    assert!(html.contains("The results of Ивановой were not published."));
    assert_eq!(
        html.matches("mention-actor\" href=\"../actors/ivanova.html\"")
            .count(),
        1
    );
    // Event alias inside a note (its id begins with the note's).
    assert!(html.contains("<a class=\"mention mention-event\" href=\"../events/valve-failure.html\" id=\"note-no-indication-of-any-leak--e-valve-failure-1\">valve failed</a>"));
    // Never inside link text: the @/ link text "the inquiry report" has no mention, and
    // an actor's own page does not link the actor to itself.
    let profile = read(&out, "actors/ivanova.html");
    assert!(!profile.contains("mention-actor\" href=\"../actors/ivanova.html\""));
    // Mentions in profiles are linked too.
    assert!(profile.contains("href=\"../actors/kowalska.html\""));
}

#[test]
fn actor_page_links_back_to_every_mention_in_context() {
    let (_t, out) = build(&fixture("river-spill"));
    let page = read(&out, "actors/kowalska.html");
    let article = read(&out, "articles/spill-denied.html");
    let backlinks: Vec<String> = attrs(&page, "href")
        .into_iter()
        .filter(|h| {
            h.strip_prefix("../articles/spill-denied.html#")
                .is_some_and(|id| id.starts_with("a-kowalska-") || id.contains("--a-kowalska-"))
        })
        .collect();
    // Two in the body, one in note 1 (counted in the note).
    assert!(backlinks.contains(
        &"../articles/spill-denied.html#note-mayor-żaneta-kowalska-said--a-kowalska-1".to_string()
    ));
    assert_eq!(backlinks.len(), 3, "{backlinks:?}");
    for b in &backlinks {
        let id = b.split('#').nth(1).unwrap();
        assert!(
            article.contains(&format!("id=\"{id}\"")),
            "{id} not on the article page"
        );
    }
    // The sentence around the mention is shown.
    assert!(
        page.contains("Mayor <mark>Żaneta Kowalska</mark> said on Monday"),
        "{page}"
    );
    // Counted in the actors index (body mentions in articles: 2 + 1 in the bulletin).
    let index = read(&out, "actors/index.html");
    let at = index.find("href=\"../actors/kowalska.html\"").unwrap();
    let start = index[..at].rfind("<li").unwrap();
    let end = at + index[at..].find("</li>").unwrap();
    let entry = text(&index[start..end]);
    assert!(entry.contains("mentioned 3 times"), "{entry}");
}

#[test]
fn annotations_anchor_across_emphasis_mentions_and_repeats() {
    let (_t, out) = build(&fixture("river-spill"));
    let html = read(&out, "articles/spill-denied.html");
    let body = between(&html, "<div class=\"article-body prose\">", "</div>").unwrap();
    // Text highlighted per annotation, pieces joined across element boundaries.
    let mut marked: std::collections::BTreeMap<String, String> = Default::default();
    let mut current = None;
    for piece in body.split("<mark class=\"ann ann-").skip(1) {
        let (head, rest) = piece.split_once('>').unwrap();
        if let Some(id) = between(&format!(" {head}"), "id=\"", "\"") {
            current = Some(id.to_string());
        }
        let inner = rest.split("</mark>").next().unwrap();
        marked
            .entry(current.clone().unwrap())
            .or_default()
            .push_str(&text(inner));
    }
    // Ids from the quotes' first words (and the occurrence).
    assert_eq!(
        marked["ann-mayor-żaneta-kowalska-said"],
        "Mayor Żaneta Kowalska said"
    );
    assert_eq!(
        marked["ann-changed-colour-overnight"],
        "changed colour overnight"
    );
    assert_eq!(
        marked["ann-no-indication-of-any-leak"],
        "no indication of any leak"
    );
    assert_eq!(
        marked["ann-we-will-publish-the-results-2"],
        "We will publish the results"
    );
    // The repeated quote anchors on its second occurrence.
    assert!(body.contains("Kowalska</a> said. \"<mark class=\"ann ann-claim\" id=\"ann-we-will-publish-the-results-2\">"));
    // Side notes follow their highlight, outside the emphasis it ends in.
    // and after the punctuation that closes the sentence.
    assert!(body.contains("<em><mark class=\"ann ann-figure\">overnight</mark></em>.<sup class=\"note-ref\"><a href=\"#note-changed-colour-overnight\" aria-label=\"Note 2\">2</a></sup><span class=\"sidenote ann-figure\" id=\"note-changed-colour-overnight\" role=\"note\">"), "{body}");
    assert!(body.contains("<strong><mark class=\"ann ann-contradiction\">leak</mark></strong>\"<sup class=\"note-ref\">"), "{body}");
    // Notes render their Markdown: @/ links resolved relative to the page.
    assert!(body.contains("<a href=\"../articles/inquiry-opened.html\">inquiry report</a>"));
}

#[test]
fn timeline_is_chronological_with_partial_and_undated_entries_placed_honestly() {
    let (_t, out) = build(&fixture("river-spill"));
    let html = read(&out, "timeline.html");
    let list = between(&html, "<ol class=\"timeline\"", "</ol>").unwrap();
    let dates: Vec<String> = attrs(list, "datetime");
    // Events and dated articles; the year-only date comes first (start of its period),
    // then the month-only one, then days. End dates follow their start.
    assert_eq!(
        dates,
        vec![
            "2023",
            "2024-02",
            "2023-03",
            "2023-03-01",
            "2023-03-03",
            "2023-03-06"
        ]
    );
    assert!(list.contains("year only"));
    assert!(list.contains("month only"));
    assert!(list.contains("date uncertain"));
    // The undated article is listed apart, with its note.
    let undated = between(&html, ">Undated</h2>", "</ul>").unwrap();
    assert!(undated.contains("Inquiry opened into river spill"));
    assert!(undated.contains("refers to the night of 1 March"));
}

#[test]
fn code_blocks_are_highlighted_at_build_time() {
    let (_t, out) = build(&fixture("river-spill"));
    let about = read(&out, "about.html");
    assert!(about.contains("<code class=\"language-python\">"));
    assert!(about.contains("<span class=\"hl-"));
    let css = read(&out, "highlight.css");
    assert!(css.contains("prefers-color-scheme: dark"));
    // Highlighting is done at build time: the page's only script is the
    // theme's previews (every page reads completely without it).
    let scripts = about.matches("<script").count();
    let previews = about
        .matches("<script src=\"preview.js\" data-shards=")
        .count();
    assert_eq!(scripts, previews, "no highlighting script");
}

/// The event lists of an article, an actor and the index give an event's
/// dates as its page and the timeline do: from, to, and "date uncertain".
#[test]
fn event_lists_show_the_whole_span_and_its_uncertainty() {
    let (_t, out) = build(&fixture("river-spill"));
    let item = "<li><span class=\"ev-date\"><time datetime=\"2023\" class=\"partial-date\">2023</time> \
        <span class=\"tag tag-partial\">year only</span> – <time datetime=\"2024-02\" class=\"partial-date\">\
        February 2024</time> <span class=\"tag tag-partial\">month only</span></span> <span>\
        <a href=\"{prefix}events/inquiry.html\">The inquiry</a> <span class=\"tag tag-uncertain\">date uncertain</span>\
        </span></li>";
    for (page, prefix) in [
        ("articles/inquiry-opened.html", "../"),
        ("actors/kowalska.html", "../"),
        ("index.html", ""),
    ] {
        let html = read(&out, page);
        let want = item.replace("{prefix}", prefix);
        assert!(html.contains(&want), "{page}: no\n{want}\nin\n{html}");
    }
}

#[test]
fn event_page_shows_how_each_source_reports_it() {
    let (_t, out) = build(&fixture("river-spill"));
    let html = read(&out, "events/valve-failure.html");
    // Both articles: one annotates the event, the other mentions it in a note and
    // annotates it.
    assert!(html.contains("href=\"../articles/inquiry-opened.html\""));
    assert!(html.contains("href=\"../articles/spill-denied.html#ann-no-indication-of-any-leak\""));
    assert!(html.contains("href=\"../actors/wisla-chemicals.html\""));
    // The source's own words list its mentions of the event; a mention in
    // a note that the page already shows among the quotes is not listed
    // again as if the source said it.
    assert!(html.contains(
        "<ul class=\"mentions\"><li><a href=\"../articles/inquiry-opened.html#e-valve-failure-1\"><bdi>Wisła \
         Chemicals now says a <mark>valve failed</mark> during the night of 1 March.</bdi></a></li></ul>"
    ));
    assert!(!html.contains("#note-no-indication-of-any-leak--e-valve-failure-1"));
    assert!(!html.contains("in-notes"));
}

/// A note that mentions an event without being one of its quotes is listed
/// apart from the source's words, under a heading that says whose words
/// they are, with its note's number.
#[test]
fn event_page_lists_the_dossiers_notes_apart_from_the_sources_words() {
    let tmp = tempfile::tempdir().unwrap();
    let (_t, out) = build(&kazakhstan_copy(tmp.path()));
    let html = read(&out, "events/shoot-to-kill-order.html");
    let euractiv = html
        .split("<div class=\"source-report\">")
        .find(|part| part.contains("<bdi>EURACTIV</bdi>"))
        .expect("EURACTIV reports the order");
    let (words, notes) = euractiv
        .split_once("<p class=\"muted in-notes\">In the dossier&#39;s notes on this source:</p>")
        .expect("the notes are listed apart");
    assert!(!words.contains("#note-"), "{words}");
    assert!(
        notes.contains("#note-caused-among-other-things-by-outside--e-shoot-to-kill-order-1\">")
    );
    assert!(notes.contains("<span class=\"tag\">in note "));
}

/// An article's summary is the dossier's words, not the source's: a label
/// in the site's language says so, before it.
#[test]
fn an_articles_summary_is_labelled_as_the_dossiers_words() {
    let tmp = tempfile::tempdir().unwrap();
    let (_t, out) = build(&kazakhstan_copy(tmp.path()));
    let html = read(
        &out,
        "articles/putin-claims-unrest-in-kazakhstan-not-spontaneous.html",
    );
    assert!(
        html.contains("</dl>\n    <p class=\"summary-label\">The dossier&#39;s summary</p><p class=\"summary\">"),
        "{}",
        &html[html.find("</dl>").unwrap()..][..300]
    );
}

#[test]
fn dossier_json_names_the_mentions_parts_and_the_web_annotations() {
    let (_t, out) = build(&fixture("river-spill"));
    let v: serde_json::Value = serde_json::from_str(&read(&out, "dossier.json")).unwrap();
    // The manifest names the parts that hold the records, in order.
    let records = |key: &str| -> Vec<serde_json::Value> {
        (v[key].as_array().unwrap().iter())
            .flat_map(|part| {
                let part: serde_json::Value =
                    serde_json::from_str(&read(&out, part.as_str().unwrap())).unwrap();
                part.as_array().unwrap().clone()
            })
            .collect()
    };
    assert_eq!(v["mentions"][0], "data/mentions-1.json");
    // The notes are not repeated: the manifest names the file of the Web
    // Annotation collection that holds them (one page: the collection).
    assert_eq!(v["annotations"], serde_json::json!(["annotations.jsonld"]));
    assert!(!out.join("data/annotations-1.json").exists());
    let collection: serde_json::Value =
        serde_json::from_str(&read(&out, "annotations.jsonld")).unwrap();
    let anns = collection["first"]["items"].as_array().unwrap();
    assert_eq!(anns.len(), 6);
    let a = (anns.iter())
        .find(|a| a["id"] == "https://example.org/spill/articles/spill-denied.html#note-changed-colour-overnight")
        .unwrap();
    assert_eq!(a["type"], "Annotation");
    let quote = &a["target"][0]["selector"][0];
    assert_eq!(quote["type"], "TextQuoteSelector");
    assert_eq!(quote["exact"], "changed colour overnight");
    assert!(quote["prefix"]
        .as_str()
        .unwrap()
        .ends_with("the river had "));
    // Its highlight on the page is `ann-` and the same id.
    let page = read(&out, "articles/spill-denied.html");
    assert!(page.contains(r#"id="ann-changed-colour-overnight""#));
    assert_eq!(v["actors"].as_array().unwrap().len(), 3);
    // A record of the mentions is a page, with the mentions on it by what
    // they name: the words of each, in the order of their ids.
    let pages = records("mentions");
    let page = (pages.iter())
        .find(|p| p["source"] == "articles/spill-denied")
        .unwrap();
    assert!(
        page.get("url").is_none(),
        "the URL is <source>.html: {page}"
    );
    assert_eq!(
        page["mentions"]["actors/kowalska"],
        serde_json::json!(["Żaneta Kowalska", "Kowalska"])
    );
    assert_eq!(
        page["mentions"]["actors/ivanova"],
        serde_json::json!(["Мария Иванова"])
    );
    // Mentions in a side note, under its element id.
    assert_eq!(
        page["notes"]["note-no-indication-of-any-leak"]["events/valve-failure"],
        serde_json::json!(["valve failed"])
    );
    // Each id is on the page, around the words.
    let html = read(&out, "articles/spill-denied.html");
    for (id, words) in [
        ("a-kowalska-1", "Żaneta Kowalska"),
        ("a-kowalska-2", "Kowalska"),
        ("a-ivanova-1", "Мария Иванова"),
        (
            "note-no-indication-of-any-leak--e-valve-failure-1",
            "valve failed",
        ),
    ] {
        let link = between(&html, &format!("id=\"{id}\">"), "</a>").expect(id);
        assert_eq!(text(link), words, "{id}");
    }
    // Each page once: the mentions come in order of their pages.
    let mut sources: Vec<&str> = pages
        .iter()
        .map(|p| p["source"].as_str().unwrap())
        .collect();
    let n = sources.len();
    sources.sort_unstable();
    sources.dedup();
    assert_eq!(sources.len(), n);
}

#[test]
fn search_index_is_a_script_not_fetched() {
    let (_t, out) = build(&fixture("river-spill"));
    let js = read(&out, "search/frag-0.js");
    assert!(js.starts_with("DOSSIER_SEARCH.frag("));
    assert!(js.contains("Мария Иванова"));
    let search = read(&out, "search.html");
    assert!(search.contains("<script src=\"search.js\"></script>"));
    for (path, bytes) in files(&out) {
        if path.ends_with(".js") || path.ends_with(".html") {
            let s = String::from_utf8_lossy(&bytes);
            assert!(!s.contains("fetch("), "{path} uses fetch");
        }
    }
}

#[test]
fn an_absolute_site_url_gives_sitemap_feed_and_canonical_links_but_links_stay_relative() {
    // The fixture's site-url is a full URL; a path gives none of these
    // (tests/share.rs).
    let (_t, out) = build(&fixture("river-spill"));
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/spill/articles/spill-denied.html</loc>"));
    // RSS, each item with its source's date as given, an undated one with
    // none (was Atom, whose required `updated` gave an undated article the
    // newest article's date).
    let feed = read(&out, "feed.xml");
    let items: Vec<&str> = feed.split("<item>").skip(1).collect();
    assert_eq!(items.len(), 2, "{feed}");
    assert!(items[0].contains("spill-denied.html</link>"), "{feed}");
    assert!(items[0].contains("<dc:date>2023-03-06</dc:date>"), "{feed}");
    assert!(items[1].contains("inquiry-opened.html</link>"), "{feed}");
    assert!(!items[1].contains("date"), "an undated article: {feed}");
    let index = read(&out, "index.html");
    assert!(
        index.contains("<link rel=\"canonical\" href=\"https://example.org/spill/index.html\">")
    );
    assert!(index.contains("href=\"timeline.html\""));
    let not_found = read(&out, "404.html");
    assert!(
        not_found.contains("href=\"/spill/style.css\""),
        "404 works at any depth"
    );
}

#[test]
fn templates_are_overridable_by_file_name() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("d");
    common::copy_tree(&fixture("river-spill"), &root);
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(
        root.join("templates/page.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>OVERRIDDEN {{ page.title }}</h1>{% endblock content %}",
    )
    .unwrap();
    std::fs::write(root.join("templates/extra.css"), "body{}").unwrap();
    // The partial the actor and event pages embed, written natively while it
    // is the embedded one: an override of it is used all the same.
    std::fs::write(
        root.join("templates/mentions.html"),
        "<ol class=\"mine\">{% for i in mentions %}<li>{{ i.text }} in {{ url }}</li>{% endfor %}</ol>",
    )
    .unwrap();
    let (_t, out) = build(&root);
    assert!(read(&out, "about.html").contains("<h1>OVERRIDDEN About the fixture</h1>"));
    let actors: Vec<String> = std::fs::read_dir(out.join("actors"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(actors.iter().any(|p| p.contains("<ol class=\"mine\"><li>")));
    assert!(!actors.iter().any(|p| p.contains("<ul class=\"mentions\">")));
    assert!(out.join("extra.css").exists());
    // A theme's own `seed.html` gets a page per seed, with its lines.
    assert!(!out.join("seeds/spill-denied.txt.html").exists());
    std::fs::write(
        root.join("templates/seed.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>{{ seed.file }}</h1><ol>{{ seed.lines_html | safe }}</ol>{% endblock content %}",
    )
    .unwrap();
    let (_t2, out) = build(&root);
    let seed_page = read(&out, "seeds/spill-denied.txt.html");
    assert!(
        seed_page.contains("<h1>spill-denied.txt</h1><ol><li id=\"L1\">"),
        "{seed_page}"
    );
    // Others stay embedded.
    assert!(read(&out, "timeline.html").contains("<h1>Timeline</h1>"));
}

/// The repository's own dossier, copied to `tmp` (its `templates/` is
/// the embedded theme's copy).
fn kazakhstan_copy(tmp: &std::path::Path) -> std::path::PathBuf {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let kz = tmp.join("kz");
    for part in ["content", "seeds"] {
        common::copy_tree(&repo.join(part), &kz.join(part));
    }
    std::fs::copy(repo.join("book.toml"), kz.join("book.toml")).unwrap();
    kz
}

/// Where `a` and `b` part, with some of each from there.
fn first_difference(a: &[u8], b: &[u8]) -> String {
    let at = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let from = at.saturating_sub(80);
    let show = |s: &[u8]| {
        String::from_utf8_lossy(&s[from.min(s.len())..(at + 80).min(s.len())]).into_owned()
    };
    format!(
        "at byte {at}:\n  native: {}\n  tera:   {}",
        show(a),
        show(b)
    )
}

/// Builds each of `roots` as it is and again with the embedded
/// `overridden` templates given as overrides that differ by a comment (so
/// that Tera renders them), requires the same site byte for byte, and
/// returns the text of the pages under `under`: what the comparison saw.
fn native_equals_tera(
    tmp: &std::path::Path,
    roots: &[std::path::PathBuf],
    overridden: &[(&str, &str)],
    under: &[&str],
) -> String {
    let mut seen = String::new();
    for root in roots {
        let (_a, native) = build(root);
        let copy = tmp.join("with-override");
        let _ = std::fs::remove_dir_all(&copy);
        common::copy_tree(root, &copy);
        std::fs::create_dir_all(copy.join("templates")).unwrap();
        for (name, embedded) in overridden {
            let text = format!("{embedded}{{# by Tera #}}");
            std::fs::write(copy.join("templates").join(name), text).unwrap();
        }
        let (_b, tera) = build(&copy);
        let (native, tera) = (files(&native), files(&tera));
        assert_eq!(
            native.keys().collect::<Vec<_>>(),
            tera.keys().collect::<Vec<_>>()
        );
        for (path, bytes) in &native {
            assert!(
                *bytes == tera[path],
                "{path} of {} differs between the native page and Tera's:\n{}",
                root.display(),
                first_difference(bytes, &tera[path])
            );
            if under.iter().any(|u| path.starts_with(u)) {
                seen.push_str(&String::from_utf8_lossy(bytes));
            }
        }
    }
    seen
}

/// The mention lists of actor and event pages are written natively while
/// the theme's `mentions.html` is the embedded one; an override is rendered
/// by Tera. An override that differs only by a comment must therefore give
/// the same site, byte for byte: on this fixture, on the repository's own
/// dossier (sentences cut with an ellipsis, mentions in side notes, quotes
/// and ampersands to escape) and on a generated one.
#[test]
fn the_native_mention_list_is_the_embedded_template_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let roots = [fixture("river-spill"), kazakhstan_copy(tmp.path())];
    let mentions = ("mentions.html", include_str!("../templates/mentions.html"));
    let seen = native_equals_tera(tmp.path(), &roots, &[mentions], &["actors/", "events/"]);
    // What the comparison covered.
    for part in [
        "<ul class=\"mentions\">",
        "<span class=\"tag\">in note ",
        "…</bdi></a></li>",
        "<li><a href=\"../articles/",
    ] {
        assert!(seen.contains(part), "no page shows {part}");
    }
}

/// Dossiers that between them reach every branch of the page templates:
/// a generated one (long lists, numbered pages of mentions), right-to-left
/// and translated articles, a right-to-left site with no authors and no
/// description, a site URL, repository and edit links, a free page in the
/// navigation, interface strings in Russian, the repository's own dossier.
fn every_branch(tmp: &std::path::Path) -> Vec<std::path::PathBuf> {
    let linked = tmp.join("linked");
    common::copy_tree(&fixture("river-spill"), &linked);
    let toml = std::fs::read_to_string(linked.join("book.toml")).unwrap();
    let toml = toml.replace("language = \"en\"", "language = \"ru\"")
        + "git-repository-url = \"https://git.example/o/r\"\n"
        + "edit-url-template = \"https://git.example/o/r/edit/main/{path}\"\n";
    std::fs::write(linked.join("book.toml"), toml).unwrap();
    let article = linked.join("content/articles/spill-denied.md");
    let text = std::fs::read_to_string(&article).unwrap();
    let text = text.replacen("\ntitle:", "\ntranslated_from: pl\ntitle:", 1);
    std::fs::write(&article, text).unwrap();
    let generated = tmp.join("generated");
    let c = corpus::Corpus::generate(corpus::Params {
        articles: 120,
        actors: 90,
        events: 30,
        seed: 3,
        mentioned: None,
    });
    c.write_dossier(&generated).expect("corpus written");
    // Short pages: the lists of mentions run to numbered pages.
    let toml = generated.join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    assert!(
        text.trim_end().ends_with("site-url = \"/bench/\""),
        "{text}"
    );
    std::fs::write(&toml, text + "page-size = 5\n").unwrap();
    // A right-to-left site, with no authors and no description: its
    // pages are `dir="rtl"`, a left-to-right article among them.
    let rtl_site = tmp.join("rtl-site");
    common::copy_tree(&fixture("rtl"), &rtl_site);
    let toml = std::fs::read_to_string(rtl_site.join("book.toml")).unwrap();
    let toml: String = (toml.lines())
        .filter(|l| !l.starts_with("authors") && !l.starts_with("description"))
        .map(|l| l.replace("language = \"en\"", "language = \"ar\"") + "\n")
        .collect();
    std::fs::write(rtl_site.join("book.toml"), toml).unwrap();
    vec![
        generated,
        rtl_site,
        fixture("river-spill"),
        fixture("rtl"),
        fixture("warnings"),
        linked,
        kazakhstan_copy(tmp),
    ]
}

/// The article, actor, event and print pages are written natively while their
/// templates, `base.html` and `macros.html` are the embedded ones: byte for
/// byte what Tera makes of them, whichever is overridden (`base.html`,
/// `macros.html`, or the pages' own templates).
#[test]
fn the_native_pages_are_the_embedded_templates_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let roots = every_branch(tmp.path());
    let base = ("base.html", include_str!("../templates/base.html"));
    let macros = ("macros.html", include_str!("../templates/macros.html"));
    let own = [
        ("article.html", include_str!("../templates/article.html")),
        ("actor.html", include_str!("../templates/actor.html")),
        ("event.html", include_str!("../templates/event.html")),
        ("print.html", include_str!("../templates/print.html")),
    ];
    let pages = ["articles/", "actors/", "events/", "print"];
    let mut seen = String::new();
    for overridden in [&[base][..], &[macros], &own] {
        seen += &native_equals_tera(tmp.path(), &roots, overridden, &pages);
    }
    // What the comparison covered, of each kind of page.
    for part in [
        // base.html
        "<html lang=\"ar\" dir=\"rtl\">",
        "<link rel=\"canonical\"",
        "https://git.example/o/r/edit/main/content/articles/",
        "href=\"../about.html\"",
        "<script src=\"../preview.js\"",
        // article.html
        " lang=\"ar\"",
        " dir=\"ltr\"",
        "rel=\"external\"",
        "<span class=\"tag tag-undated\">",
        "<span class=\"tag tag-partial\">",
        "<span class=\"date-note\">",
        "aria-label=\"Виды аннотаций\"",
        "(язык оригинала: польский)",
        "more on the pages of the events.</p>",
        "<li value=\"1\">",
        "<meta name=\"citation_title\"",
        "<p class=\"summary-label\">",
        // The label in the site's language, the summary in the article's.
        "</p><p class=\"summary\" lang=\"ar\" dir=\"rtl\">",
        // actor.html
        "<link rel=\"prev\" href=\"",
        "<link rel=\"next\" href=\"",
        "<nav class=\"pager\" aria-label=\"",
        " aria-current=\"page\">2</a>",
        "<p class=\"role\">",
        "<span class=\"alias\">",
        "<section class=\"prose profile\"",
        "<span class=\"lg lg-context\"></span>",
        "<span class=\"lg lg-node lg-person\"></span>",
        "<ul class=\"quotes\"><li class=\"q-",
        "<h3 class=\"mention-source\">",
        "counting annotations and notes)",
        "упоминани",
        // event.html
        "</time> – <time",
        "<span class=\"tag tag-uncertain\">",
        "<p class=\"date-note\">",
        "<p class=\"actors\">",
        "<div class=\"source-report\">",
        // print.html
        "<nav class=\"print-pages\" aria-label=\"",
        "<span></span><span>Part 1 of ",
        "rel=\"next\">Part 2 →</a>",
        " (continued)</h2>",
        "<h2 class=\"print-section\" id=\"print-overview-h\">",
        "<ol class=\"print-timeline\">",
        "<ol class=\"endnotes\" aria-labelledby=\"",
        "<p class=\"lede no-print\">",
        "<title>The whole dossier, part 2 of ",
    ] {
        assert!(seen.contains(part), "no page shows {part}");
    }
}

/// An actor's "Every mention" counts and lists each article's own words
/// first; its mentions in the dossier's notes follow apart, under a heading
/// that says whose words they are: the groups' counts add up to the
/// header's count of mentions in the text.
#[test]
fn actor_mentions_in_notes_are_listed_apart_and_not_counted_as_the_sources() {
    let tmp = tempfile::tempdir().unwrap();
    let (_t, out) = build(&kazakhstan_copy(tmp.path()));
    let html = read(&out, "actors/tokayev.html");
    let stats = html.split("<p class=\"stats\">").nth(1).unwrap();
    let in_text: usize = stats.split(' ').next().unwrap().parse().unwrap();
    let every = html.split("<h2 id=\"mentions-h\">").nth(1).unwrap();
    let mut counted = 0;
    let mut in_notes = 0;
    for group in every.split("<h3 class=\"mention-source\">").skip(1) {
        let muted = group.split("<span class=\"muted\">").nth(1).unwrap();
        if let Some(count) = muted.strip_prefix("article · ") {
            counted += count.split('<').next().unwrap().parse::<usize>().unwrap();
        }
        let (words, notes) = group
            .split_once(
                "<p class=\"muted in-notes\">In the dossier&#39;s notes on this source:</p>",
            )
            .unwrap_or((group, ""));
        assert!(
            !words.contains("#note-"),
            "a note among the source's words:\n{words}"
        );
        in_notes += notes.matches("#note-").count();
    }
    assert_eq!(
        counted, in_text,
        "the articles' groups count the mentions in their text"
    );
    assert!(in_notes > 0, "Tokayev is named in notes");
}
