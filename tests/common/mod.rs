//! Helpers shared by the integration tests: building fixtures into temp dirs
//! and reading the generated HTML (our own output: attributes are always
//! double-quoted, so simple scanning is enough).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub(crate) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies the dossier at `from` to `to` (made), leaving out a `book/`
/// output folder at its top: a fixture to break or change in a test.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        if rel.starts_with("book") {
            continue;
        }
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Builds `root` into a fresh temp dir with the library API.
pub(crate) fn build(root: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("book");
    dossier::build(root, Some(&out)).unwrap_or_else(|d| panic!("build failed:\n{d}"));
    (tmp, out)
}

/// The paths whose bytes differ between two sets of files (by path),
/// those in only one included.
pub(crate) fn differing<'a>(
    a: &'a BTreeMap<String, Vec<u8>>,
    b: &'a BTreeMap<String, Vec<u8>>,
) -> Vec<&'a String> {
    (a.keys().chain(b.keys()))
        .filter(|p| a.get(*p) != b.get(*p))
        .collect()
}

/// Every file under `dir`, by path relative to it.
pub(crate) fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Values of attribute `attr` in `html`.
pub(crate) fn attrs(html: &str, attr: &str) -> Vec<String> {
    let pat = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&pat) {
        rest = &rest[i + pat.len()..];
        if let Some(end) = rest.find('"') {
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

/// The text between `start` (exclusive) and the next `end`.
pub(crate) fn between<'a>(html: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = html.find(start)? + start.len();
    let j = html[i..].find(end)? + i;
    Some(&html[i..j])
}

/// Text content of an HTML fragment: tags removed, entities decoded.
pub(crate) fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every problem with internal links in a built site: missing targets,
/// missing fragments, directory links.
pub(crate) fn broken_links(out: &Path) -> Vec<String> {
    let all = files(out);
    let mut problems = Vec::new();
    for (path, bytes) in &all {
        if !path.ends_with(".html") || path == "404.html" {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        let dir = Path::new(path).parent().unwrap_or(Path::new(""));
        for href in attrs(&html, "href").into_iter().chain(attrs(&html, "src")) {
            if href.contains("://") || href.starts_with("mailto:") || href.starts_with("data:") {
                continue;
            }
            if href.starts_with('/') {
                problems.push(format!("{path}: absolute link {href}"));
                continue;
            }
            let (target, fragment) = match href.split_once('#') {
                Some((t, f)) => (t.to_string(), Some(f.to_string())),
                None => (href.clone(), None),
            };
            let target = target.split('?').next().unwrap_or("").to_string();
            let resolved = if target.is_empty() {
                path.clone()
            } else {
                normalize(&dir.join(&target))
            };
            if target.ends_with('/') {
                problems.push(format!("{path}: directory link {href}"));
                continue;
            }
            let Some(content) = all.get(&resolved) else {
                problems.push(format!("{path}: missing target {href} ({resolved})"));
                continue;
            };
            if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                let target_html = String::from_utf8_lossy(content);
                if !target_html.contains(&format!(" id=\"{f}\"")) {
                    problems.push(format!("{path}: missing fragment {href}"));
                }
            }
        }
    }
    problems
}

fn normalize(p: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

/// Entries of `dir` whose names start with `prefix`: a build's staging or
/// set-aside folders (`.book.tmp-…`), which must not outlive it.
pub(crate) fn entries_starting(dir: &Path, prefix: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect()
}

/// The status code and body of a raw HTTP/1.1 response.
pub(crate) fn parse_response(raw: &[u8]) -> (u16, String) {
    let text = String::from_utf8_lossy(raw);
    let status = (text.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status line");
    let body = (text.split_once("\r\n\r\n"))
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// The SHA-256 of `bytes`, in lowercase hex (as the site and the exports
/// give a seed's).
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Sends `signal` (`INT`, `TERM`) to `child` where a `kill` command runs,
/// and waits for it to end, for at most ten seconds: whether it ended.
pub(crate) fn signal(child: &mut std::process::Child, signal: &str) -> bool {
    use std::time::{Duration, Instant};
    let sent = std::process::Command::new("kill")
        .args([format!("-{signal}"), child.id().to_string()])
        .status()
        .is_ok_and(|s| s.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    while sent && Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

/// Stops a `dossier serve` child as a terminal would (SIGTERM), so that
/// it removes its folder; kills it if it does not end.
pub(crate) fn stop_server(child: &mut std::process::Child) {
    if !signal(child, "TERM") {
        let _ = child.kill();
        let _ = child.wait();
    }
}
