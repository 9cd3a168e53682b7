//! `dossier serve`'s write API through the real binary on 127.0.0.1, on a
//! copy of the river-spill fixture: writes that keep every other byte,
//! refusals that write nothing (403, 422, bad input), concurrent writes,
//! and a built site that never carries the token. Every wait is bounded;
//! the server is stopped on drop.

#![cfg(feature = "serve")]

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const ARTICLE: &str = "content/articles/spill-denied.md";
const PAGE: &str = "/articles/spill-denied.html";

/// A server on a copy of the fixture, stopped when the test ends.
struct Server {
    child: Child,
    addr: String,
    token: String,
    root: PathBuf,
    _tmp: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        common::stop_server(&mut self.child);
    }
}

/// A response: status and body.
type Response = (u16, String);

impl Server {
    fn start() -> Server {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("d");
        common::copy_tree(&common::fixture("river-spill"), &root);
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["serve", "-p", "0"])
            .arg(&root)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start dossier serve");
        let (tx, rx) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let addr = loop {
            let line = rx
                .recv_timeout(Duration::from_secs(30))
                .expect("dossier serve printed its address");
            if let Some(i) = line.find("http://127.0.0.1:") {
                let rest = &line[i + "http://".len()..];
                break rest[..rest.find('/').unwrap()].to_string();
            }
        };
        let mut server = Server {
            child,
            addr,
            token: String::new(),
            root,
            _tmp: tmp,
        };
        let (status, page) = server.send("GET", PAGE, &[], "");
        assert_eq!(status, 200, "{page}");
        let meta = "<meta name=\"dossier-token\" content=\"";
        let at = page.find(meta).expect("served pages carry the token") + meta.len();
        server.token = page[at..at + 64].to_string();
        server
    }

    /// Sends a request with a correct Host and `headers`: (status, body).
    fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Response {
        let host = format!("Host: {}\r\n", self.addr);
        let mut head = format!("{method} {path} HTTP/1.1\r\n");
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            head.push_str(&host);
        }
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        ));
        raw(&self.addr, &(head + body))
    }

    /// A JSON request with this run's token.
    fn api(&self, method: &str, path: &str, body: &str) -> Response {
        let headers = [
            ("X-Dossier-Token", self.token.as_str()),
            ("Content-Type", "application/json"),
        ];
        self.send(method, path, &headers, body)
    }

    /// The river-spill article's annotations as the API lists them.
    fn listed(&self) -> serde_json::Value {
        let token = [("X-Dossier-Token", self.token.as_str())];
        let (status, listed) =
            self.send("GET", "/__dossier/api/annotations/spill-denied", &token, "");
        assert_eq!(status, 200);
        json(&listed)
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap()
    }

    /// Every file under content/, to show that nothing was written.
    fn content(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        walkdir::WalkDir::new(self.root.join("content"))
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
            .collect()
    }

    /// Polls `path` until its body contains `needle` (or, with `present`
    /// false, no longer does), for at most 30 s.
    fn wait_for(&self, path: &str, needle: &str, present: bool) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let (_, body) = self.send("GET", path, &[], "");
            if body.contains(needle) == present {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{path}: `{needle}` never {present}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// Sends `request` as is: (status, body).
fn raw(addr: &str, request: &str) -> Response {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(request.as_bytes()).unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    common::parse_response(&out)
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

fn annotation(quote: &str) -> String {
    serde_json::json!({
        "article": "spill-denied", "quote": quote, "kind": "claim",
        "note": "Who *counted*? \"Nobody\": see # below.", "actors": ["kowalska"],
    })
    .to_string()
}

#[test]
fn post_adds_a_block_and_delete_gives_back_the_same_bytes() {
    let s = Server::start();
    let before = s.read(ARTICLE);
    let (status, body) = s.api(
        "POST",
        "/__dossier/api/annotations",
        &annotation("took samples on 3 March"),
    );
    assert_eq!(status, 201, "{body}");
    assert_eq!(json(&body)["id"], "took-samples-on-3-march");
    let after = s.read(ARTICLE);
    let end = before.find("---\nMayor").unwrap();
    assert_eq!(
        &after[..end],
        &before[..end],
        "everything before the new block is kept"
    );
    assert_eq!(&after[after.len() - (before.len() - end)..], &before[end..]);
    assert!(after[end..].starts_with(
        "  - id: took-samples-on-3-march\n    quote: \"took samples on 3 March\"\n    kind: claim\n"
    ));
    // The watcher rebuilds; the page has the note.
    s.wait_for(PAGE, "id=\"note-took-samples-on-3-march\"", true);
    assert_eq!(
        s.listed()["annotations"][4]["note"],
        "Who *counted*? \"Nobody\": see # below."
    );
    let (status, body) = s.api(
        "DELETE",
        "/__dossier/api/annotations/spill-denied/took-samples-on-3-march",
        "",
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        s.read(ARTICLE),
        before,
        "POST then DELETE is byte-identical"
    );
    s.wait_for(PAGE, "id=\"note-took-samples-on-3-march\"", false);
    let (status, _) = s.api(
        "DELETE",
        "/__dossier/api/annotations/spill-denied/took-samples-on-3-march",
        "",
    );
    assert_eq!(status, 404);
}

/// Characters YAML reads as line breaks (NEL, LINE and PARAGRAPH
/// SEPARATOR) are written escaped: the note lands and reads back as sent.
#[test]
fn a_note_with_the_line_breaks_yaml_folds_reads_back_as_sent() {
    let s = Server::start();
    let note = "One\u{85}two\u{2028}three\u{2029}four.";
    let body = serde_json::json!({
        "article": "spill-denied", "quote": "took samples on 3 March", "kind": "claim",
        "note": note,
    });
    let (status, body) = s.api("POST", "/__dossier/api/annotations", &body.to_string());
    assert_eq!(status, 201, "{body}");
    assert!(s
        .read(ARTICLE)
        .contains("note: \"One\\u0085two\\u2028three\\u2029four.\""));
    assert_eq!(s.listed()["annotations"][4]["note"], note);
}

#[test]
fn put_replaces_one_note_and_aliases_are_added() {
    let s = Server::start();
    let before = s.read(ARTICLE);
    let body = serde_json::json!({
        "quote": "no indication of any leak", "kind": "claim", "note": "Rewritten.",
        "actors": ["wisla-chemicals"], "events": ["valve-failure"],
    });
    let (status, reply) = s.api(
        "PUT",
        "/__dossier/api/annotations/spill-denied/no-indication-of-any-leak",
        &body.to_string(),
    );
    assert_eq!(status, 200, "{reply}");
    let after = s.read(ARTICLE);
    assert!(after.contains("  - id: no-indication-of-any-leak\n    quote: \"no indication of any leak\"\n    kind: claim\n    note: \"Rewritten.\"\n"));
    let (start, end) = (
        before.find("  - quote: \"no indication").unwrap(),
        before.find("  - quote: \"We will").unwrap(),
    );
    assert_eq!(
        after.replace(
            &after[start..after.find("  - quote: \"We will").unwrap()],
            ""
        ),
        before.replace(&before[start..end], "")
    );
    s.wait_for(PAGE, "Rewritten.", true);

    let actor = "content/actors/kowalska.md";
    let old = s.read(actor);
    let (status, reply) = s.api(
        "POST",
        "/__dossier/api/aliases",
        r#"{"item": "actors/kowalska", "alias": "the town mayor"}"#,
    );
    assert_eq!(status, 200, "{reply}");
    let new = s.read(actor);
    assert_eq!(
        new,
        old.replace("Mayor Kowalska]", "Mayor Kowalska, \"the town mayor\"]"),
        "only the alias is added"
    );
    assert_eq!(
        dossier::load::load(&s.root)
            .unwrap()
            .actors
            .iter()
            .find(|a| a.slug == "kowalska")
            .unwrap()
            .aliases
            .last()
            .unwrap(),
        "the town mayor"
    );
    // The same alias twice would not build.
    let (status, reply) = s.api(
        "POST",
        "/__dossier/api/aliases",
        r#"{"item": "actors/kowalska", "alias": "the town mayor"}"#,
    );
    assert_eq!(status, 422, "{reply}");
    assert_eq!(s.read(actor), new);
    let (status, _) = s.api(
        "POST",
        "/__dossier/api/aliases",
        r#"{"item": "events/inquiry", "alias": "the probe"}"#,
    );
    assert_eq!(status, 200);
}

#[test]
fn changes_that_would_not_build_are_422_and_write_nothing() {
    let s = Server::start();
    let before = s.content();
    let cases = [
        (annotation("turned purple"), "is not in the body"),
        (annotation("We will publish the results"), "occurrence"),
        (
            annotation("took samples").replace("\"kowalska\"", "\"kowalsky\""),
            "kowalsky",
        ),
    ];
    for (body, expected) in cases {
        let (status, reply) = s.api("POST", "/__dossier/api/annotations", &body);
        assert_eq!(status, 422, "{reply}");
        let diags = json(&reply)["diagnostics"].as_array().unwrap().clone();
        assert!(!diags.is_empty());
        let all = serde_json::to_string(&diags).unwrap();
        assert!(all.contains(expected), "{expected}: {all}");
        for d in &diags {
            for field in ["path", "line", "column", "message", "hint", "severity"] {
                assert!(d.get(field).is_some(), "{field} in {d}");
            }
            assert_eq!(d["severity"], "error");
        }
        assert_eq!(s.content(), before, "a refused change writes nothing");
    }
    // An actor whose page would be the list of actors.
    let index = r#"{"slug": "index", "name": "Index", "kind": "person"}"#;
    let (status, reply) = s.api("POST", "/__dossier/api/actors", index);
    assert_eq!(status, 422, "{reply}");
    assert!(
        reply.contains("the build makes `actors/index.html` itself"),
        "{reply}"
    );
    assert_eq!(s.content(), before, "a refused change writes nothing");
    // With its occurrence, the ambiguous quote is fine.
    let mut ok = json(&annotation("We will publish the results"));
    ok["occurrence"] = 1.into();
    let (status, reply) = s.api("POST", "/__dossier/api/annotations", &ok.to_string());
    assert_eq!(status, 201, "{reply}");
    assert_eq!(json(&reply)["id"], "we-will-publish-the-results");
}

#[test]
fn requests_not_from_this_servers_pages_are_403_and_write_nothing() {
    let s = Server::start();
    let before = s.content();
    let body = annotation("took samples");
    let ct = ("Content-Type", "application/json");
    let token = ("X-Dossier-Token", s.token.as_str());
    let wrong = "0".repeat(64);
    let cases: Vec<Vec<(&str, &str)>> = vec![
        vec![ct],
        vec![ct, ("X-Dossier-Token", &wrong)],
        vec![ct, ("X-Dossier-Token", &s.token[..63])],
        vec![ct, token, ("Origin", "http://evil.example")],
        vec![ct, token, ("Origin", "null")],
        vec![ct, token, ("Host", "evil.example")],
        vec![ct, token, ("Host", "rebound.example:80")],
    ];
    for headers in &cases {
        for (method, path) in [
            ("POST", "/__dossier/api/annotations"),
            (
                "DELETE",
                "/__dossier/api/annotations/spill-denied/no-indication-of-any-leak",
            ),
            ("POST", "/__dossier/api/aliases"),
            ("GET", "/__dossier/api/items"),
        ] {
            let (status, reply) = s.send(method, path, headers, &body);
            assert_eq!(status, 403, "{method} {path} {headers:?}: {reply}");
        }
    }
    assert_eq!(s.content(), before);
    // A page fetched through another name does not carry the token.
    let (status, page) = s.send("GET", PAGE, &[("Host", "rebound.example:80")], "");
    assert_eq!(status, 200);
    assert!(!page.contains("dossier-token") && !page.contains(&s.token));
}

#[test]
fn hostile_input_is_refused_before_any_file_is_touched() {
    let s = Server::start();
    let before = s.content();
    let traversal = annotation("took samples").replace("\"spill-denied\"", "\"../../book\"");
    let cases: Vec<(&str, &str, String, u16)> = vec![
        ("POST", "/__dossier/api/annotations", traversal, 400),
        (
            "POST",
            "/__dossier/api/annotations",
            annotation("x").replace("spill-denied", "no-such-article"),
            404,
        ),
        (
            "DELETE",
            "/__dossier/api/annotations/..%2F..%2Fbook.toml/x",
            String::new(),
            400,
        ),
        (
            "DELETE",
            "/__dossier/api/annotations/%2e%2e/x",
            String::new(),
            400,
        ),
        (
            "PUT",
            "/__dossier/api/annotations/Spill-Denied/x",
            annotation("x"),
            400,
        ),
        (
            "POST",
            "/__dossier/api/aliases",
            r#"{"item": "actors/../../book", "alias": "x"}"#.into(),
            400,
        ),
        (
            "POST",
            "/__dossier/api/aliases",
            r#"{"item": "pages/about", "alias": "x"}"#.into(),
            400,
        ),
        (
            "POST",
            "/__dossier/api/aliases",
            r#"{"item": "actors/kowalska", "alias": "a\nb"}"#.into(),
            400,
        ),
        (
            "POST",
            "/__dossier/api/annotations",
            "{not json".into(),
            400,
        ),
        (
            "POST",
            "/__dossier/api/annotations",
            r#"{"article": "spill-denied", "extra": 1}"#.into(),
            400,
        ),
        (
            "POST",
            "/__dossier/api/annotations",
            "x".repeat(300 * 1024),
            413,
        ),
        ("PATCH", "/__dossier/api/annotations", String::new(), 405),
        ("GET", "/__dossier/api/annotations", String::new(), 405),
        ("POST", "/__dossier/api/nope", "{}".into(), 404),
        (
            "POST",
            "/__dossier/api/actors",
            r#"{"slug": "../x", "name": "X", "kind": "person"}"#.into(),
            400,
        ),
        (
            "POST",
            "/__dossier/api/actors",
            r#"{"slug": "kowalska", "name": "X", "kind": "person"}"#.into(),
            409,
        ),
        (
            "POST",
            "/__dossier/api/actors",
            r#"{"slug": "x", "name": "X", "kind": "robot"}"#.into(),
            422,
        ),
    ];
    for (method, path, body, expected) in &cases {
        let (status, reply) = s.api(method, path, body);
        assert_eq!(status, *expected, "{method} {path}: {reply}");
        assert_eq!(s.content(), before, "{method} {path} wrote something");
    }
    // JSON only with a JSON content type (a plain form post is refused).
    let headers = [
        ("X-Dossier-Token", s.token.as_str()),
        ("Content-Type", "text/plain"),
    ];
    let (status, _) = s.send(
        "POST",
        "/__dossier/api/annotations",
        &headers,
        &annotation("took samples"),
    );
    assert_eq!(status, 415);
    assert_eq!(s.content(), before);
    // A new actor is created once, and never overwritten.
    let actor = r#"{"slug": "river-board", "name": "River Board", "kind": "organisation"}"#;
    assert_eq!(s.api("POST", "/__dossier/api/actors", actor).0, 201);
    assert_eq!(
        s.read("content/actors/river-board.md"),
        "---\nname: \"River Board\"\nkind: \"organisation\"\n---\n"
    );
    assert_eq!(s.api("POST", "/__dossier/api/actors", actor).0, 409);
}

#[test]
fn concurrent_posts_to_one_article_all_land() {
    let s = Server::start();
    let quotes = [
        "on Monday",
        "the river had",
        "The operator",
        "at its plant",
        "of the regional agency",
        "took samples",
        "on 3 March",
        "were not published",
    ];
    let replies: Vec<Response> = std::thread::scope(|scope| {
        let handles: Vec<_> = quotes
            .iter()
            .map(|q| {
                let s = &s;
                scope.spawn(move || s.api("POST", "/__dossier/api/annotations", &annotation(q)))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (status, body) in &replies {
        assert_eq!(*status, 201, "{body}");
    }
    let d = dossier::load::load(&s.root).unwrap_or_else(|e| panic!("{e}"));
    let article = d
        .articles
        .iter()
        .find(|a| a.slug == "spill-denied")
        .unwrap();
    assert_eq!(article.annotations.len(), 4 + quotes.len());
    dossier::check(&s.root).unwrap_or_else(|e| panic!("{e}"));
}

/// A dossier whose `templates/` holds a copy of the default theme (as one
/// customised by its author does): every non-HTML file there is published
/// as an asset, so the annotation tools must not live among them.
#[test]
fn built_sites_never_carry_the_token_or_the_tools() {
    let root = tempfile::tempdir().unwrap();
    common::copy_tree(&common::fixture("river-spill"), root.path());
    common::copy_tree(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates"),
        &root.path().join("templates"),
    );
    let (_tmp, out) = common::build(root.path());
    for (path, bytes) in common::files(&out) {
        let text = String::from_utf8_lossy(&bytes);
        for served_only in ["dossier-token", "data-dossier-annotate", "/__dossier/api"] {
            assert!(!text.contains(served_only), "{path} holds {served_only}");
        }
    }
}
