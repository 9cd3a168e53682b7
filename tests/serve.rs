//! `dossier serve` through the real binary on 127.0.0.1: pages carry the
//! live-reload script, edits show up, a broken edit keeps the last good site
//! and reports the error. Every wait is bounded; the server is stopped on drop.

#![cfg(feature = "serve")]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The server process, stopped when the test ends (also on panic).
struct Server {
    child: Child,
    addr: String,
    log: mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        common::stop_server(&mut self.child);
    }
}

/// The folders of the server `pid` under the system's temporary folder.
fn served_folders(pid: u32) -> Vec<std::path::PathBuf> {
    let prefix = format!("dossier-serve-{pid}-");
    let temp = std::env::temp_dir();
    common::entries_starting(&temp, &prefix)
        .into_iter()
        .map(|n| temp.join(n))
        .collect()
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["serve", "-p", "0"])
            .arg(root)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start dossier serve");
        let (tx, rx) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            addr: String::new(),
            log: rx,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            match server.log.recv_timeout(Duration::from_millis(200)) {
                Ok(line) => {
                    if let Some(i) = line.find("http://127.0.0.1:") {
                        let rest = &line[i + "http://".len()..];
                        server.addr = rest[..rest.find('/').unwrap()].to_string();
                        return server;
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if let Ok(Some(status)) = server.child.try_wait() {
                        panic!("dossier serve exited: {status}");
                    }
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => panic!("dossier serve closed stderr"),
            }
        }
        panic!("dossier serve did not print its address in time");
    }

    /// GET `path`: (status, body).
    fn get(&self, path: &str) -> (u16, String) {
        let mut s = TcpStream::connect(&self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).expect("read response");
        common::parse_response(&raw)
    }

    /// Polls `path` until `pred` holds on its body, for at most `secs`.
    fn wait_for(&self, path: &str, secs: u64, pred: impl Fn(u16, &str) -> bool) -> (u16, String) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let (status, body) = self.get(path);
            if pred(status, &body) {
                return (status, body);
            }
            if Instant::now() > deadline {
                panic!("{path} did not change in {secs} s; last {status}:\n{body}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

fn scaffold(tmp: &Path) -> std::path::PathBuf {
    let o = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("new")
        .arg(tmp.join("d"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    tmp.join("d")
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

const ARTICLE: &str = "/articles/harbour-bridge-to-close.html";

#[test]
fn serve_reloads_on_change_and_keeps_the_last_good_site_on_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let d = scaffold(tmp.path());
    let server = Server::start(&d);

    let (status, index) = server.get("/");
    assert_eq!(status, 200);
    assert!(
        index.contains("data-dossier-live-reload"),
        "no reload script:\n{index}"
    );
    assert!(index.contains("/__dossier/poll"));
    let (status, css) = server.get("/style.css");
    assert_eq!(status, 200);
    assert!(!css.contains("data-dossier-live-reload"));
    assert_eq!(server.get("/no-such-page.html").0, 404);
    let (_, status_json) = server.get("/__dossier/status");
    let first: serde_json::Value = serde_json::from_str(&status_json).unwrap();
    assert!(first["error"].is_null());

    // An edit shows up on the served page.
    let article = d.join("content/articles/harbour-bridge-to-close.md");
    edit(
        &article,
        "title: \"Harbour bridge to close",
        "title: \"Edited: harbour bridge to close",
    );
    server.wait_for(ARTICLE, 10, |s, b| {
        s == 200 && b.contains("Edited: harbour bridge")
    });
    let (_, s) = server.get("/__dossier/status");
    let second: serde_json::Value = serde_json::from_str(&s).unwrap();
    assert!(second["generation"].as_u64() > first["generation"].as_u64());

    // A broken edit: the error is reported, the last good page stays.
    let actor = d.join("content/actors/dana-okafor.md");
    edit(&actor, "kind: person", "kind: persn");
    let (_, s) = server.wait_for("/__dossier/status", 10, |_, b| b.contains("\"error\":\""));
    let broken: serde_json::Value = serde_json::from_str(&s).unwrap();
    let error = broken["error"].as_str().unwrap();
    assert!(error.contains("content/actors/dana-okafor.md:3"), "{error}");
    assert_eq!(
        broken["generation"], second["generation"],
        "the site did not change"
    );
    let (status, page) = server.get(ARTICLE);
    assert_eq!(status, 200);
    assert!(page.contains("Edited: harbour bridge") && page.contains("data-dossier-live-reload"));
    // A poll that is behind answers at once, with the error for the overlay.
    let (_, s) = server.get("/__dossier/poll?since=0");
    assert!(s.contains("persn"), "{s}");

    // Fixed: the error clears.
    edit(&actor, "kind: persn", "kind: person");
    server.wait_for("/__dossier/status", 10, |_, b| b.contains("\"error\":null"));

    // The terminal got the diagnostics too.
    let mut log: Vec<String> = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(5);
    let seen = |log: &[String]| {
        log.iter()
            .any(|l| l.contains("content/actors/dana-okafor.md:3"))
            && log.iter().any(|l| l.starts_with("rebuilt"))
    };
    while !seen(&log) && Instant::now() < deadline {
        if let Ok(line) = server.log.recv_timeout(Duration::from_millis(100)) {
            log.push(line);
        }
    }
    assert!(
        log.iter()
            .any(|l| l.contains("content/actors/dana-okafor.md:3")),
        "{log:#?}"
    );
    assert!(log.iter().any(|l| l.starts_with("rebuilt")), "{log:#?}");
}

#[test]
fn a_dossier_that_does_not_build_yet_is_served_as_an_error_page() {
    let tmp = tempfile::tempdir().unwrap();
    let d = scaffold(tmp.path());
    edit(&d.join("book.toml"), "[book]", "[bok]");
    let server = Server::start(&d);
    let (status, page) = server.get("/");
    assert_eq!(status, 503);
    assert!(
        page.contains("book.toml") && page.contains("data-dossier-live-reload"),
        "{page}"
    );
    edit(&d.join("book.toml"), "[bok]", "[book]");
    server.wait_for("/", 10, |s, b| s == 200 && b.contains("harbour bridge"));
}

/// The site is served from a folder of the server's own that holds what
/// `dossier build` writes (the live-reload script and the API's token are
/// added as pages are served), and that goes when the server is stopped.
#[cfg(unix)]
#[test]
fn the_served_folder_is_a_build_and_goes_when_the_server_stops() {
    let tmp = tempfile::tempdir().unwrap();
    let d = scaffold(tmp.path());
    let mut server = Server::start(&d);
    let folders = served_folders(server.child.id());
    assert_eq!(folders.len(), 1, "{folders:?}");
    let (status, page) = server.get("/");
    assert_eq!(status, 200);
    assert!(page.contains("data-dossier-live-reload"));
    let (_out, built) = common::build(&d);
    let served = common::files(&folders[0].join("site"));
    let cold = common::files(&built);
    let differ = common::differing(&cold, &served);
    assert!(
        differ.is_empty(),
        "served files differ from a build: {differ:?}"
    );
    assert!(
        common::signal(&mut server.child, "INT"),
        "Ctrl-C stops the server"
    );
    assert!(!folders[0].exists(), "its folder is removed");
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let tmp = tempfile::tempdir().unwrap();
    let d = scaffold(tmp.path());
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "-p", &port])
        .arg(&d)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dossier serve did not give up on a busy port");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(status.code(), Some(1), "{err}");
    assert!(err.contains("cannot listen") && err.contains("-p"), "{err}");
    drop(listener);
}
