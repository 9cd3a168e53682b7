//! The site as `dossier serve` serves it: the files of the last good build
//! in memory, the state of the last build, and [`Site::respond`], a pure
//! answer to a GET (no socket involved, so it is tested directly).
//!
//! Every HTML response gets the live-reload script (`livereload.js`): it
//! long-polls `/__dossier/poll` and reloads the page when a rebuild changed
//! the site; when a rebuild fails the last good site stays up and the script
//! shows the diagnostics in an overlay. The script exists only here:
//! `dossier build` output never contains it.

use super::http::{content_type, decode_path, encode_path, Reply};
use crate::diagnostics::Diagnostics;
use crate::render::OutputFile;
use crate::util::html::escape_html;
use crate::Checked;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// The site as served: the last good files and the state of the last build.
struct State {
    /// Changes on every server start, so that open pages reload after a restart.
    instance: String,
    /// Bumped when a build changes the served files.
    generation: u64,
    /// Bumped on every build result (success or failure).
    version: u64,
    files: Arc<HashMap<String, Arc<Vec<u8>>>>,
    /// The diagnostics of the last build, when it failed.
    error: Option<String>,
}

/// The state shared between the builder and the HTTP threads.
pub struct Site {
    state: Mutex<State>,
    changed: Condvar,
}

/// How long a poll waits for a new build before answering anyway.
const POLL_WAIT: Duration = Duration::from_secs(25);

impl Default for Site {
    fn default() -> Self {
        Self::new()
    }
}

impl Site {
    pub fn new() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        Site {
            state: Mutex::new(State {
                instance: format!("{:x}-{:x}", std::process::id(), nanos),
                generation: 0,
                version: 0,
                files: Arc::new(HashMap::new()),
                error: None,
            }),
            changed: Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Serves a checked build, as the server does after a change (the
    /// dossier itself is freed on another thread): how many pages it has and
    /// how many files changed.
    pub fn publish_checked(&self, checked: Checked) -> (usize, usize) {
        let Checked {
            dossier,
            linked,
            files,
            ..
        } = checked;
        crate::drop_in_background((dossier, linked));
        let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
        (pages, self.publish(files))
    }

    /// Publishes a good build; returns how many output files changed.
    /// The files are moved in; one that did not change keeps the bytes
    /// already served (a newsroom-size site is hundreds of megabytes).
    pub fn publish(&self, files: Vec<OutputFile>) -> usize {
        self.publish_files(files, true, &[])
    }

    /// Publishes an incremental build: when not `whole`, its files over
    /// those served (the others stay). How many pages the site has and how
    /// many files changed.
    pub fn publish_update(&self, update: crate::incremental::Update) -> (usize, usize) {
        let changed = self.publish_files(update.files, update.whole, &update.removed);
        let pages = self
            .lock()
            .files
            .keys()
            .filter(|p| p.ends_with(".html"))
            .count();
        (pages, changed)
    }

    /// Every file served now, by path.
    pub fn files(&self) -> Arc<HashMap<String, Arc<Vec<u8>>>> {
        Arc::clone(&self.lock().files)
    }

    /// [`Site::publish`]; the files served stay when not in `files` unless
    /// `whole` or `removed`.
    fn publish_files(&self, files: Vec<OutputFile>, whole: bool, removed: &[String]) -> usize {
        use rayon::prelude::*;
        // Compared outside the lock, so that pages are served meanwhile
        // (builds are published one at a time, by the one builder), and on
        // every core: a newsroom-size site is hundreds of megabytes.
        let old = Arc::clone(&self.lock().files);
        // Each file as it will be served, and the new copy when the served
        // one is kept.
        type Compared = (String, Arc<Vec<u8>>, Option<Vec<u8>>);
        let compared: Vec<Compared> = files
            .into_par_iter()
            .map(|f| match old.get(&f.path) {
                // The same bytes: the served copy stays, the new one goes.
                Some(b) if **b == f.bytes => (f.path, Arc::clone(b), Some(f.bytes)),
                _ => (f.path, Arc::new(f.bytes), None),
            })
            .collect();
        let mut changed = compared.iter().filter(|c| c.2.is_none()).count();
        let mut same = Vec::new();
        let mut new = HashMap::with_capacity(compared.len());
        for (path, bytes, copy) in compared {
            new.insert(path, bytes);
            same.extend(copy);
        }
        if whole {
            changed += old.keys().filter(|k| !new.contains_key(k.as_str())).count();
        } else {
            let removed: HashSet<&str> = removed.iter().map(String::as_str).collect();
            for (path, bytes) in old.iter() {
                if removed.contains(path.as_str()) {
                    changed += 1;
                } else {
                    new.entry(path.clone()).or_insert_with(|| Arc::clone(bytes));
                }
            }
        }
        drop(old);
        let mut st = self.lock();
        let mut previous = None;
        if changed > 0 || st.generation == 0 {
            previous = Some(std::mem::replace(&mut st.files, Arc::new(new)));
            st.generation += 1;
        }
        st.error = None;
        st.version += 1;
        drop(st);
        self.changed.notify_all();
        crate::drop_in_background((same, previous));
        changed
    }

    /// Records a failed build; the last good files stay served. Returns
    /// whether there is a good build to keep serving.
    pub fn fail(&self, diagnostics: &Diagnostics) -> bool {
        let mut st = self.lock();
        st.error = Some(diagnostics.to_string());
        st.version += 1;
        let kept = st.generation > 0;
        drop(st);
        self.changed.notify_all();
        kept
    }

    /// The live-reload state as JSON, waiting up to `wait` for a build newer
    /// than `since`.
    fn status_json(&self, since: Option<u64>, wait: Duration) -> String {
        let mut st = self.lock();
        if let Some(since) = since {
            let deadline = Instant::now() + wait;
            while st.version <= since {
                let now = Instant::now();
                if now >= deadline {
                    break;
                }
                st = self
                    .changed
                    .wait_timeout(st, deadline - now)
                    .map(|(g, _)| g)
                    .unwrap_or_else(|e| e.into_inner().0);
            }
        }
        serde_json::json!({
            "instance": st.instance,
            "generation": st.generation,
            "version": st.version,
            "error": st.error,
        })
        .to_string()
    }

    /// Answers a GET for `url` (path and query, as sent).
    pub fn respond(&self, url: &str) -> Reply {
        self.respond_waiting(url, POLL_WAIT)
    }

    fn respond_waiting(&self, url: &str, wait: Duration) -> Reply {
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        let path = path.split('#').next().unwrap_or("");
        match path {
            "/__dossier/poll" => {
                let since = query
                    .split('&')
                    .find_map(|kv| kv.strip_prefix("since="))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                Reply::new(200, "application/json", self.status_json(Some(since), wait))
            }
            "/__dossier/status" => {
                Reply::new(200, "application/json", self.status_json(None, wait))
            }
            _ => self.respond_file(path),
        }
    }

    /// A file of the last good build at the URL `path` (pages with the
    /// live-reload script), or the error page while there is none.
    fn respond_file(&self, path: &str) -> Reply {
        let (files, generation, instance, error) = {
            let st = self.lock();
            (
                st.files.clone(),
                st.generation,
                st.instance.clone(),
                st.error.clone(),
            )
        };
        let script = reload_script(&instance, generation);
        if generation == 0 {
            // No good build yet: every page is the error.
            let text = error.unwrap_or_else(|| "building…".into());
            return Reply::new(
                503,
                "text/html; charset=utf-8",
                inject(&error_page(&text), &script),
            );
        }
        let Some(rel) = decode_path(path) else {
            return not_found(&files, &script);
        };
        let candidate = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.clone()
        };
        if let Some(bytes) = files.get(&candidate) {
            let ct = content_type(&candidate);
            let body = if ct.starts_with("text/html") {
                inject(bytes, &script)
            } else {
                bytes.to_vec()
            };
            return Reply::new(200, ct, body);
        }
        if files.contains_key(&format!("{rel}/index.html")) {
            // Relative links need the trailing slash.
            let mut r = Reply::new(301, "text/plain; charset=utf-8", "moved");
            r.location = Some(format!("/{}/", encode_path(&rel)));
            return r;
        }
        not_found(&files, &script)
    }
}

fn not_found(files: &HashMap<String, Arc<Vec<u8>>>, script: &str) -> Reply {
    match files.get("404.html") {
        Some(page) => Reply::new(404, "text/html; charset=utf-8", inject(page, script)),
        None => Reply::new(404, "text/plain; charset=utf-8", "404 not found"),
    }
}

/// Marks the injected script; `dossier build` output never contains it.
pub(crate) const SCRIPT_MARKER: &str = "data-dossier-live-reload";

/// The live-reload script, with two placeholders for the build a page is
/// served from.
const LIVE_RELOAD: &str = include_str!("livereload.js");

/// The live-reload script for a page served at `generation` of `instance`.
/// The diagnostics reach the page as JSON and are shown with `textContent`,
/// never parsed as HTML.
fn reload_script(instance: &str, generation: u64) -> String {
    let instance = serde_json::to_string(instance).unwrap_or_else(|_| "\"\"".into());
    let script = LIVE_RELOAD
        .replacen("__DOSSIER_INSTANCE__", &instance, 1)
        .replacen("__DOSSIER_GENERATION__", &generation.to_string(), 1);
    format!("<script {SCRIPT_MARKER}>\n{script}</script>\n")
}

/// Inserts `script` before the last `</body>` (or at the end).
fn inject(page: &[u8], script: &str) -> Vec<u8> {
    let lower: Vec<u8> = page.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + script.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

/// The page served when no build has succeeded yet.
fn error_page(text: &str) -> Vec<u8> {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>dossier: build failed</title></head>\n\
         <body style=\"font:14px/1.5 ui-monospace,monospace;padding:2rem\"><h1>The dossier does not build yet</h1>\n\
         <pre id=\"__dossier-errors\" style=\"white-space:pre-wrap\">{}</pre>\n\
         <p>Fix the errors and save: this page reloads.</p></body></html>\n",
        escape_html(text)
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, body: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: body.as_bytes().to_vec(),
        }
    }

    fn site() -> Site {
        let s = Site::new();
        s.publish(vec![
            file("index.html", "<html><body><p>home</p></body></html>"),
            file("actors/index.html", "<html><body>actors</body></html>"),
            file("style.css", "p{}"),
            file("404.html", "<html><body>lost</body></html>"),
            file("seeds/a b.txt", "seed"),
        ]);
        s
    }

    #[test]
    fn serves_pages_with_the_script_and_assets_without() {
        let s = site();
        let r = s.respond("/");
        assert_eq!(r.status, 200);
        let body = String::from_utf8(r.body).unwrap();
        assert!(body.contains(SCRIPT_MARKER));
        assert!(body.find(SCRIPT_MARKER).unwrap() < body.find("</body>").unwrap());
        let css = s.respond("/style.css?x=1");
        assert_eq!(
            (css.status, css.content_type),
            (200, "text/css; charset=utf-8")
        );
        assert_eq!(css.body, b"p{}");
        assert_eq!(s.respond("/seeds/a%20b.txt").body, b"seed");
    }

    #[test]
    fn folders_redirect_and_missing_paths_get_404_html() {
        let s = site();
        let r = s.respond("/actors");
        assert_eq!((r.status, r.location.as_deref()), (301, Some("/actors/")));
        assert_eq!(s.respond("/actors/").status, 200);
        let r = s.respond("/nope.html");
        assert_eq!(r.status, 404);
        assert!(String::from_utf8(r.body).unwrap().contains("lost"));
        assert_eq!(s.respond("/../etc/passwd").status, 404);
        assert_eq!(s.respond("/%2e%2e/x").status, 404);
        assert_eq!(s.respond("/bad%zz").status, 404);
    }

    #[test]
    fn a_failed_build_keeps_the_last_good_site_and_reports_escaped() {
        let s = site();
        let mut d = Diagnostics::new();
        d.push(crate::Diagnostic::new("content/a.md", "bad <b>thing</b>"));
        assert!(s.fail(&d));
        let r = s.respond("/");
        assert_eq!(r.status, 200);
        assert!(String::from_utf8(r.body).unwrap().contains("home"));
        let status: serde_json::Value =
            serde_json::from_slice(&s.respond("/__dossier/status").body).unwrap();
        assert!(status["error"]
            .as_str()
            .unwrap()
            .contains("bad <b>thing</b>"));
        assert_eq!(status["generation"], 1);
        // Fixed: the error clears; identical output does not bump the generation.
        s.publish(vec![
            file("index.html", "<html><body><p>home</p></body></html>"),
            file("actors/index.html", "<html><body>actors</body></html>"),
            file("style.css", "p{}"),
            file("404.html", "<html><body>lost</body></html>"),
            file("seeds/a b.txt", "seed"),
        ]);
        let status: serde_json::Value =
            serde_json::from_slice(&s.respond("/__dossier/status").body).unwrap();
        assert!(status["error"].is_null());
        assert_eq!(status["generation"], 1);
        assert_eq!(status["version"], 3);
    }

    #[test]
    fn without_a_good_build_every_page_is_the_escaped_error() {
        let s = Site::new();
        let mut d = Diagnostics::new();
        d.push(crate::Diagnostic::new(
            "book.toml",
            "x <script>alert(1)</script>",
        ));
        assert!(!s.fail(&d));
        let r = s.respond("/articles/a.html");
        assert_eq!(r.status, 503);
        let body = String::from_utf8(r.body).unwrap();
        assert!(
            body.contains("x &lt;script&gt;alert(1)&lt;/script&gt;"),
            "{body}"
        );
        assert!(!body.contains("<script>alert"));
        assert!(body.contains(SCRIPT_MARKER));
    }

    #[test]
    fn polls_wait_for_a_newer_build() {
        let s = Arc::new(site());
        let t = Instant::now();
        let r = s.respond_waiting("/__dossier/poll?since=1", Duration::from_millis(50));
        assert!(t.elapsed() >= Duration::from_millis(50));
        let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(v["version"], 1);
        let s2 = s.clone();
        let waiter = std::thread::spawn(move || {
            s2.respond_waiting("/__dossier/poll?since=1", Duration::from_secs(10))
        });
        std::thread::sleep(Duration::from_millis(50));
        s.publish(vec![file("index.html", "<body>new</body>")]);
        let v: serde_json::Value = serde_json::from_slice(&waiter.join().unwrap().body).unwrap();
        assert_eq!(
            (v["version"].as_u64(), v["generation"].as_u64()),
            (Some(2), Some(2))
        );
    }

    #[test]
    fn publish_counts_changes_and_keeps_the_bytes_of_unchanged_files() {
        let s = site();
        let before = Arc::clone(&s.lock().files);
        let mut again: Vec<OutputFile> = before
            .iter()
            .map(|(p, b)| OutputFile {
                path: p.clone(),
                bytes: b.to_vec(),
            })
            .collect();
        // Nothing changed: the same generation, the same bytes served.
        assert_eq!(s.publish(again.clone()), 0);
        assert_eq!(s.lock().generation, 1);
        // One file changed, one removed, one added.
        again.retain(|f| f.path != "404.html");
        for f in again.iter_mut().filter(|f| f.path == "style.css") {
            f.bytes = b"p{color:red}".to_vec();
        }
        again.push(file("new.html", "<body>new</body>"));
        assert_eq!(s.publish(again), 3);
        let after = Arc::clone(&s.lock().files);
        assert_eq!(s.lock().generation, 2);
        assert!(
            Arc::ptr_eq(&before["index.html"], &after["index.html"]),
            "an unchanged file keeps the bytes already served"
        );
        assert_eq!(after["style.css"].as_slice(), b"p{color:red}");
        assert!(!after.contains_key("404.html") && after.contains_key("new.html"));
    }
}
