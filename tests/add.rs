//! `dossier add`: sources imported into a copy of a small dossier
//! (`tests/fixtures/add/dossier`), which must then pass `dossier check`,
//! provenance included; and every refusal, with its whole text, writing
//! nothing.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_dossier");

/// A copy of the small dossier to add sources into.
struct Dossier {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Dossier {
    fn new() -> Dossier {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("dossier");
        common::copy_tree(&common::fixture("add/dossier"), &root);
        Dossier { _tmp: tmp, root }
    }

    /// Runs `dossier add ARGS --root ROOT` from the repository's folder
    /// (sources are named as `tests/fixtures/add/sources/…`).
    fn add(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .arg("add")
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    }

    fn check(&self) -> Output {
        Command::new(BIN)
            .args(["check", "--deny-warnings"])
            .arg(&self.root)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap()
    }

    fn tree(&self) -> BTreeMap<String, Vec<u8>> {
        common::files(&self.root)
    }
}

fn source(name: &str) -> String {
    format!("tests/fixtures/add/sources/{name}")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Adds, checks that it succeeded and that the dossier then checks
/// clean with warnings denied.
fn add_ok(d: &Dossier, args: &[&str]) -> String {
    let out = d.add(args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let check = d.check();
    assert_eq!(
        check.status.code(),
        Some(0),
        "check failed:\n{}",
        stderr(&check)
    );
    stderr(&out)
}

const COURIER_SEED: &str = "seeds/001_09ee29b088850bb4.html";
const COURIER_ARTICLE: &str =
    "content/articles/ferry-crews-strike-over-pay-halting-island-crossings.md";

#[test]
fn a_saved_news_page_becomes_a_seed_and_an_article() {
    let d = Dossier::new();
    let printed = add_ok(&d, &[&source("harbour-courier.html")]);
    assert_eq!(
        printed,
        format!(
            "added tests/fixtures/add/sources/harbour-courier.html → {COURIER_SEED} and {COURIER_ARTICLE} (5 paragraphs)
  title      Ferry crews strike over pay, halting island crossings  (from og:title, JSON-LD or <title>)
  publisher  The Harbour Courier  (from og:site_name or JSON-LD)
  published  2031-05-13  (from article:published_time, JSON-LD or <time>)
  url        https://harbourcourier.example/news/2031/05/13/ferry-crews-strike  (from the canonical link, og:url or JSON-LD)
Confirm the title, publisher and date of the article against the source, then run `dossier check`.
"
        )
    );
    // The page verbatim, byte for byte.
    assert_eq!(
        std::fs::read(d.root.join(COURIER_SEED)).unwrap(),
        std::fs::read(source("harbour-courier.html")).unwrap()
    );
    // The whole article: no cookie banner, navigation, byline, share
    // buttons, advertisement, related articles, comments or footer.
    assert_eq!(
        d.read(COURIER_ARTICLE),
        r#"---
title: "Ferry crews strike over pay, halting island crossings"
source:
  name: "The Harbour Courier"
  url: "https://harbourcourier.example/news/2031/05/13/ferry-crews-strike"
published: 2031-05-13
seed: 001_09ee29b088850bb4.html
language: "en"
---
Ferry services between Port Alder and Marren Island were suspended on Tuesday after crews walked out in a dispute over pay, leaving about 2,000 islanders without their only regular link to the mainland.

The Alder Ferry Company said all 14 scheduled crossings had been cancelled and that it did not expect services to resume before Thursday. "We regret the disruption to passengers and are ready to talk at any time," a company spokesperson said.

The Maritime Workers' Union said its members had rejected a 2.5% offer, which it called "a cut in real terms" after two years of rising prices. Union organiser Nadia Olsen said crews were "not asking for the moon, only for what the job paid five years ago".

Islanders with hospital appointments on the mainland will be carried by a chartered fishing boat, the island council said, and the council's own launch will take children to the secondary school in Port Alder.

Talks between the company and the union are due to resume on Wednesday afternoon at the offices of the conciliation service in Port Alder.
"#
    );
}

#[test]
fn a_wordpress_page_in_windows_1252_with_comments_and_related_posts() {
    let d = Dossier::new();
    add_ok(&d, &[&source("valley-gazette.htm")]);
    let article =
        d.read("content/articles/valley-road-to-stay-shut-after-landslip-council-says.md");
    for wanted in [
        "title: \"Valley road to stay shut after landslip, council says\"",
        "  name: \"The Valley Gazette\"",
        "  url: \"https://valleygazette.example/2031/11/valley-road-to-stay-shut/\"",
        // The post's date, not a reader comment's.
        "published: 2031-11-04\n",
        "seed: 001_3c5d07e056d6d0c5.htm\n",
        "language: \"en-GB\"",
        // Decoded from windows-1252; `[sic]` escaped so it stays text.
        "after Saturday’s landslip",
        "“We were told \\[sic\\] the road would be open in a week,”",
        "£250,000",
    ] {
        assert!(article.contains(wanted), "{wanted:?} not in:\n{article}");
    }
    for furniture in [
        "Enlarge image",
        "Share this",
        "Related",
        "Leave a Reply",
        "Everybody knew",
        "Post navigation",
        "Recent Posts",
        "cookies",
        "Copyright",
        "_paq",
    ] {
        assert!(!article.contains(furniture), "{furniture:?} in:\n{article}");
    }
    let body = article.split("---\n").nth(2).unwrap();
    assert_eq!(body.matches("\n\n").count() + 1, 5, "{body}");
}

#[test]
fn a_text_source_with_furniture_lines_and_flags() {
    let d = Dossier::new();
    add_ok(
        &d,
        &[
            &source("council-statement.txt"),
            "--publisher",
            "Marren Island Council",
            "--published",
            "2031-05-14",
            "--url",
            "https://marren.example/news/boat",
            "--slug",
            "emergency-boat",
        ],
    );
    assert_eq!(
        d.read("content/articles/emergency-boat.md"),
        r#"---
title: "Island council sets up emergency boat service during ferry strike"
source:
  name: "Marren Island Council"
  url: "https://marren.example/news/boat"
published: 2031-05-14
seed: 001_a2257bd921437e0a.txt
---
Marren Island Council has chartered a fishing boat to carry islanders with hospital appointments to the mainland while the ferry crews' strike lasts.

The boat, the Sea Lark, will leave the island pier at 08:00 and return from Port Alder at 16:30 each day. Places must be booked by telephone the day before.

"Nobody on this island should miss treatment because of a dispute they have no part in," said council leader Ruth Kavanagh.

The council's launch will take secondary pupils to school in Port Alder, leaving at 07:45. Parents should bring children to the pier by 07:30.

The council said the service would cost about 1,200 a day, and that it would ask the ferry company to pay.
"#
    );
}

#[test]
fn a_markdown_source_keeps_its_markdown() {
    let d = Dossier::new();
    add_ok(
        &d,
        &[
            &source("union-briefing.md"),
            "--publisher",
            "Maritime Workers' Union",
        ],
    );
    let article = d.read("content/articles/union-briefing-why-ferry-crews-are-on-strike.md");
    assert!(article.contains("title: \"Union briefing: why ferry crews are on strike\""));
    assert!(article.contains("seed: 001_"), "{article}");
    assert!(article.contains("published: null\n"));
    assert!(
        article.contains("on **12 May 2031** to explain"),
        "{article}"
    );
    assert!(article.contains("been offered *2.5%*"), "{article}");
    assert!(!article.contains("Print"), "{article}");
}

/// A post of a static site (Jekyll here) opens with front matter: its
/// values fill the article's, its block and the heading that repeats its
/// title are no part of the body, and the article passes the provenance
/// check against the post as written.
#[test]
fn a_markdown_source_with_front_matter_gives_its_values() {
    let d = Dossier::new();
    let told = add_ok(&d, &[&source("harbour-blog.md")]);
    let article = d.read("content/articles/harbour-master-the-pier-will-reopen-on-monday.md");
    assert_eq!(
        article.split("---\n").nth(1).unwrap(),
        "title: \"Harbour master: the pier will reopen on Monday\"\n\
         source:\n  name: \"Port Alder Weekly\"\n  \
         url: \"https://weekly.example/2031/05/pier-reopens\"\n\
         published: 2031-05-14\n\
         seed: 001_08c1f5a01102a682.md\n\
         language: \"en-GB\"\n"
    );
    let body = article.rsplit("---\n").next().unwrap();
    assert!(
        body.starts_with("The harbour master said on Wednesday"),
        "{body}"
    );
    assert!(
        !body.contains("layout") && !body.contains("# Harbour"),
        "{body}"
    );
    assert!(told.contains("the front matter"), "{told}");
}

/// A page that gives its metadata in schema.org JSON-LD only (no Open
/// Graph): headline, publisher by reference, date, URL and language are
/// taken from there, and " - Island Radio News" is left off the title.
#[test]
fn a_page_with_json_ld_only_gives_its_values() {
    let d = Dossier::new();
    add_ok(&d, &[&source("ferry-ld.html")]);
    let article = d.read("content/articles/ferry-timetable-restored-after-strike-ends.md");
    let front = article.split("---\n").nth(1).unwrap();
    assert!(
        front.starts_with(
            "title: \"Ferry timetable restored after strike ends\"\n\
         source:\n  name: \"Island Radio News\"\n  \
         url: \"https://islandradio.example/news/ferry-timetable-restored\"\n\
         published: 2031-05-20\n"
        ),
        "{front}"
    );
    // Written as a code, as `check` wants it (`en_GB` in the page).
    assert!(front.ends_with("language: \"en-GB\"\n"), "{front}");
}

#[test]
fn several_sources_are_numbered_in_order() {
    let d = Dossier::new();
    add_ok(
        &d,
        &[
            &source("harbour-courier.html"),
            &source("valley-gazette.htm"),
            &source("council-statement.txt"),
            "--publisher",
            "Marren Island Council",
        ],
    );
    let seeds: Vec<String> = d
        .tree()
        .into_keys()
        .filter(|k| k.starts_with("seeds/"))
        .collect();
    assert_eq!(
        seeds,
        [
            "seeds/000_ce26cae8c46ff2ad.txt",
            "seeds/001_09ee29b088850bb4.html",
            "seeds/002_3c5d07e056d6d0c5.htm",
            "seeds/003_a2257bd921437e0a.txt",
        ]
    );
    // --publisher names the publisher of a source that names none; a
    // page's own og:site_name gives way to it too.
    let courier = d.read(COURIER_ARTICLE);
    assert!(
        courier.contains("name: \"Marren Island Council\""),
        "{courier}"
    );
}

/// An HTML seed is published as its extracted text, never as a page.
#[test]
fn an_html_seed_is_published_inert_and_its_exports_agree() {
    let d = Dossier::new();
    add_ok(&d, &[&source("harbour-courier.html")]);
    // An annotation, to have a quote located in the published seed text.
    let path = d.root.join(COURIER_ARTICLE);
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        "language: \"en\"\n",
        "language: \"en\"\nannotations:\n  - quote: \"a 2.5% offer\"\n    kind: figure\n    note: The union's figure.\n",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let (_tmp, out) = common::build(&d.root);
    let files = common::files(&out);
    let seed_files: Vec<&String> = files
        .keys()
        .filter(|k| k.starts_with("seeds/001_"))
        .collect();
    assert_eq!(seed_files, ["seeds/001_09ee29b088850bb4.html.txt"]);
    assert!(!files.contains_key("seeds/001_09ee29b088850bb4.html"));
    for (name, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("googletagmanager") && !text.contains("pixel.tracker"),
            "{name} carries the saved page's scripts"
        );
    }
    let published =
        String::from_utf8(files["seeds/001_09ee29b088850bb4.html.txt"].clone()).unwrap();
    assert!(!published.contains("<script"));
    assert!(published
        .starts_with("Ferry crews strike over pay, halting island crossings\n\nFerry services"));
    let article_page = String::from_utf8_lossy(
        &files["articles/ferry-crews-strike-over-pay-halting-island-crossings.html"],
    );
    assert!(article_page.contains("href=\"../seeds/001_09ee29b088850bb4.html.txt\""));
    let digest = common::sha256_hex(published.as_bytes());
    assert!(article_page.contains(&format!("<code class=\"digest\">{digest}</code>")));

    // dossier.json: the hash and size of the published text.
    let json: serde_json::Value = serde_json::from_slice(&files["dossier.json"]).unwrap();
    let article = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["seed"] == "001_09ee29b088850bb4.html")
        .unwrap();
    assert_eq!(article["seed_url"], "seeds/001_09ee29b088850bb4.html.txt");
    assert_eq!(article["seed_size"], published.len());
    assert_eq!(
        article["seed_sha256"].as_str().unwrap(),
        common::sha256_hex(published.as_bytes())
    );

    // annotations.jsonld: the position selector slices the published text.
    let anno: serde_json::Value = serde_json::from_slice(&files["annotations.jsonld"]).unwrap();
    let targets = anno.to_string();
    assert!(
        targets.contains("001_09ee29b088850bb4.html.txt"),
        "{targets}"
    );
    let position = find_position(&anno).expect("a TextPositionSelector");
    let slice: String = published
        .chars()
        .skip(position.0)
        .take(position.1 - position.0)
        .collect();
    assert_eq!(slice, "a 2.5% offer");
}

/// The (start, end) of the first TextPositionSelector in `v`.
fn find_position(v: &serde_json::Value) -> Option<(usize, usize)> {
    match v {
        serde_json::Value::Object(map)
            if map.get("type").is_some_and(|t| t == "TextPositionSelector") =>
        {
            Some((
                map["start"].as_u64()? as usize,
                map["end"].as_u64()? as usize,
            ))
        }
        serde_json::Value::Object(map) => map.values().find_map(find_position),
        serde_json::Value::Array(items) => items.iter().find_map(find_position),
        _ => None,
    }
}

/// Runs `add`, expects exit 1 with exactly `expected` on stderr, and no
/// change to the dossier.
fn refused(d: &Dossier, args: &[&str], expected: &str) {
    let before = d.tree();
    let out = d.add(args);
    assert_eq!(stderr(&out), expected);
    assert_eq!(out.status.code(), Some(1));
    assert!(d.tree() == before, "the dossier changed");
}

#[test]
fn a_source_already_in_the_dossier_names_the_article_using_it() {
    let d = Dossier::new();
    let copy = d.root.join("statement copy.txt");
    std::fs::copy(d.root.join("seeds/000_ce26cae8c46ff2ad.txt"), &copy).unwrap();
    refused(
        &d,
        &[copy.to_str().unwrap()],
        &format!(
            "error: this source is already in the dossier: seeds/000_ce26cae8c46ff2ad.txt has the same content and content/articles/new-ferry-timetable.md uses it
--> {}
 = hint: annotate content/articles/new-ferry-timetable.md instead of importing the text again

1 error found; nothing was written
",
            copy.display()
        ),
    );
    // The same source twice in one run.
    refused(
        &d,
        &[
            &source("harbour-courier.html"),
            &source("harbour-courier.html"),
        ],
        "error: this source has the same content as tests/fixtures/add/sources/harbour-courier.html
--> tests/fixtures/add/sources/harbour-courier.html
 = hint: give each source once

1 error found; nothing was written
",
    );
}

#[test]
fn an_existing_slug_is_never_overwritten() {
    let d = Dossier::new();
    refused(
        &d,
        &[
            &source("harbour-courier.html"),
            "--slug",
            "new-ferry-timetable",
        ],
        "error: this source would be written as content/articles/new-ferry-timetable.md, which already exists; `dossier add` never overwrites
--> tests/fixtures/add/sources/harbour-courier.html
 = hint: choose another slug with `--slug NAME`

1 error found; nothing was written
",
    );
}

/// Two sources of one run that would be written as the same article: the
/// second is told, with the first named.
#[test]
fn two_sources_of_one_run_with_one_slug_name_each_other() {
    let d = Dossier::new();
    let (a, b) = (d.root.join("first.txt"), d.root.join("second.txt"));
    std::fs::write(&a, "Ferry fares rise\n\nThe ferry costs more from May.\n").unwrap();
    std::fs::write(
        &b,
        "Ferry fares rise\n\nFares go up by a tenth, the operator said.\n",
    )
    .unwrap();
    let (a, b) = (a.display().to_string(), b.display().to_string());
    refused(
        &d,
        &[&a, &b, "--publisher", "Harbour Courier"],
        &format!(
            "error: this source would be written as content/articles/ferry-fares-rise.md, as would {a} in this run
--> {b}
 = hint: add one of them on its own with `--slug NAME`

1 error found; nothing was written
"
        ),
    );
}

#[test]
fn empty_binary_and_undecodable_sources_are_refused_together() {
    let d = Dossier::new();
    let dir = d._tmp.path();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_string_lossy().into_owned()
    };
    let empty = write("empty.txt", b"");
    let blank = write("blank.md", b" \n\n");
    let binary = write("scan.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let latin1 = write(
        "latin1.txt",
        b"Caf\xe9 owners protest\n\nThe owners of the caf\xe9 said.\n",
    );
    let page = write(
        "page.html",
        b"<html><title>Caf\xe9</title><p>Text.</p></html>",
    );
    let pdf = write("report.pdf", b"%PDF-1.7");
    // "Заголовок\n\nТекст." in windows-1251, and a text saved as UTF-16.
    let cp1251 = write(
        "cp1251.txt",
        b"\xc7\xe0\xe3\xee\xeb\xee\xe2\xee\xea\n\n\xd2\xe5\xea\xf1\xf2.\n",
    );
    let utf16 = write("utf16.txt", b"\xff\xfeT\0i\0t\0l\0e\0\n\0");
    // "Текст" in UTF-8, then a stray byte.
    let stray = write(
        "stray.txt",
        b"\xd0\xa2\xd0\xb5\xd0\xba\xd1\x81\xd1\x82\n\nA \xff.\n",
    );
    let p = |s: &str| format!("--> {s}");
    refused(
        &d,
        &[
            &empty,
            &blank,
            &binary,
            &latin1,
            &cp1251,
            &utf16,
            &stray,
            &page,
            &pdf,
            &source("valley-gazette.htm"),
        ],
        &format!(
            "error: the file is empty
{}
 = hint: give the file that holds the article's text

error: the file is empty
{}
 = hint: give the file that holds the article's text

error: the file is binary, not text (it contains NUL bytes)
{}
 = hint: give the article as a .txt, .md or saved .html file

error: the file is not valid UTF-8 (at byte 3)
{}
 = hint: convert it to UTF-8 from its encoding, e.g. `iconv -f WINDOWS-1252 -t UTF-8` for Western European text

error: the file is not valid UTF-8 (at byte 0)
{}
 = hint: convert it to UTF-8 from its one-byte encoding, e.g. `iconv -f WINDOWS-1251 -t UTF-8` for Cyrillic (KOI8-R is another; WINDOWS-1253 Greek, -1255 Hebrew, -1256 Arabic)

error: the file is UTF-16 text
{}
 = hint: save it as UTF-8, e.g. `iconv -f UTF-16 -t UTF-8`

error: the file is not valid UTF-8 (at byte 14)
{}
 = hint: the text is UTF-8 up to byte 14: remove or retype the character there, and do not convert the whole file

error: the page is not valid UTF-8 and does not say which charset it is in
{}
 = hint: add `<meta charset=\"…\">` naming its encoding (e.g. windows-1252), or save it as UTF-8

error: not a source `dossier add` can import
{}
 = hint: give a .txt or .md file, or a web page saved as .html or .htm

9 errors found; nothing was written
",
            p(&empty),
            p(&blank),
            p(&binary),
            p(&latin1),
            p(&cp1251),
            p(&utf16),
            p(&stray),
            p(&page),
            p(&pdf)
        ),
    );
}

#[test]
fn a_source_without_a_publisher_needs_the_flag() {
    let d = Dossier::new();
    refused(
        &d,
        &[
            &source("council-statement.txt"),
            &source("union-briefing.md"),
        ],
        "error: the source does not name its publisher
--> tests/fixtures/add/sources/council-statement.txt
 = hint: name it with `--publisher \"…\"` (the outlet that published the text)

error: the source does not name its publisher
--> tests/fixtures/add/sources/union-briefing.md
 = hint: name it with `--publisher \"…\"` (the outlet that published the text)

2 errors found; nothing was written
",
    );
}

#[test]
fn single_article_flags_with_several_sources_are_a_usage_error() {
    let d = Dossier::new();
    let before = d.tree();
    let out = d.add(&[
        &source("council-statement.txt"),
        &source("union-briefing.md"),
        "--title",
        "T",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with(
        "error: --title sets one article's value and cannot be used with several sources; add them one at a time\n\nUsage: dossier add [OPTIONS] <SOURCE>..."
    ), "{}", stderr(&out));
    let bad_date = d.add(&[
        &source("council-statement.txt"),
        "--published",
        "2031-02-30",
    ]);
    assert_eq!(bad_date.status.code(), Some(2), "{}", stderr(&bad_date));
    assert!(d.tree() == before);
}

#[test]
fn a_dossier_without_book_toml_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["add", &source("council-statement.txt"), "--root"])
        .arg(tmp.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: no book.toml here"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

/// The text the loader checks an HTML seed against is the text `add`
/// extracted: the same function, the same bytes, every time.
#[test]
fn html_seed_text_is_deterministic() {
    let bytes =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(source("valley-gazette.htm")))
            .unwrap();
    let first = dossier::import::html::seed_text(&bytes).unwrap();
    for _ in 0..3 {
        assert_eq!(dossier::import::html::seed_text(&bytes).unwrap(), first);
    }
}
