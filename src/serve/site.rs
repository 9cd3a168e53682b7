//! The site as `dossier serve` serves it: the files of the last good build
//! in a folder of the server's own ([`Folder`]), the state of the last
//! build, and [`Site::respond`], the answer to a GET (no socket involved,
//! so it is tested directly).
//!
//! Every HTML response gets the live-reload script (`livereload.js`),
//! added as the page is read: it long-polls `/__dossier/poll` and reloads
//! the page when a rebuild changed the site; when a rebuild fails the last
//! good site stays up and the script shows the diagnostics in an overlay.
//! The script exists only here: the files in the folder are what
//! `dossier build` writes, and never contain it.

use super::folder::Folder;
use super::http::{content_type, decode_path, encode_path, Reply};
use super::staged::{Served, Staged};
use super::ServeError;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::util::html::escape_html;
use std::path::Path;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// The state of the site as served.
struct State {
    /// Changes on every server start, so that open pages reload after a restart.
    instance: String,
    /// Bumped when a build changes the served files.
    generation: u64,
    /// Bumped on every build result (success or failure).
    version: u64,
    /// The diagnostics of the last build, when it failed.
    error: Option<String>,
}

/// The state shared between the builder and the HTTP threads.
pub struct Site {
    state: Mutex<State>,
    changed: Condvar,
    folder: Folder,
    /// The digest of each file served: what a rebuild is compared with.
    /// Held by the one rebuild being staged ([`Site::stage`]); pages are
    /// read from the folder, never through it.
    served: Mutex<Served>,
}

/// How long a poll waits for a new build before answering anyway.
const POLL_WAIT: Duration = Duration::from_secs(25);

impl Site {
    /// A site with nothing served yet, in a new folder of its own.
    pub fn new() -> Result<Self, ServeError> {
        let folder = Folder::create().map_err(|message| ServeError {
            message,
            hint: Some(
                "`dossier serve` keeps its site under the system's temporary folder: TMPDIR chooses another".into(),
            ),
        })?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        Ok(Site {
            state: Mutex::new(State {
                instance: format!("{:x}-{:x}", std::process::id(), nanos),
                generation: 0,
                version: 0,
                error: None,
            }),
            changed: Condvar::new(),
            folder,
            served: Mutex::new(Served::new()),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The folder the site is served from: exactly the files a cold build
    /// of the last good build writes.
    pub fn dir(&self) -> &Path {
        self.folder.site()
    }

    /// The server's own folder, which holds the site (removed when the
    /// server stops).
    pub(crate) fn root(&self) -> &Path {
        self.folder.root()
    }

    /// Starts a rebuild: the sink to render it into, to be
    /// [published](Staged::publish) once it succeeded. A rebuild staged
    /// meanwhile on another thread waits for this one to end.
    pub fn stage(&self) -> Result<Staged<'_>, Diagnostic> {
        let served = self.served.lock().unwrap_or_else(|e| e.into_inner());
        Staged::new(self, &self.folder, served)
    }

    /// Publishes `files` as a whole build: how many files changed.
    #[cfg(test)]
    pub(crate) fn publish(&self, files: Vec<crate::output::OutputFile>) -> usize {
        use crate::output::Sink;
        let staged = self.stage().unwrap();
        let made: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
        for f in files {
            staged.file(f).unwrap();
        }
        staged.publish(&made, &[], true).unwrap().changed
    }

    /// Records that a build was published with `changed` files changed:
    /// the open pages reload when any did.
    pub(crate) fn published(&self, changed: usize) {
        let mut st = self.lock();
        if changed > 0 || st.generation == 0 {
            st.generation += 1;
        }
        st.error = None;
        st.version += 1;
        drop(st);
        self.changed.notify_all();
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
        let (generation, instance, error) = {
            let st = self.lock();
            (st.generation, st.instance.clone(), st.error.clone())
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
            return self.not_found(&script);
        };
        let candidate = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.clone()
        };
        if let Some(bytes) = self.folder.read(&candidate) {
            let ct = content_type(&candidate);
            let body = if ct.starts_with("text/html") {
                inject(&bytes, &script)
            } else {
                bytes
            };
            return Reply::new(200, ct, body);
        }
        if self.folder.has_file(&format!("{rel}/index.html")) {
            // Relative links need the trailing slash.
            let mut r = Reply::new(301, "text/plain; charset=utf-8", "moved");
            r.location = Some(format!("/{}/", encode_path(&rel)));
            return r;
        }
        self.not_found(&script)
    }

    fn not_found(&self, script: &str) -> Reply {
        match self.folder.read("404.html") {
            Some(page) => Reply::new(404, "text/html; charset=utf-8", inject(&page, script)),
            None => Reply::new(404, "text/plain; charset=utf-8", "404 not found"),
        }
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
    use crate::output::{OutputFile, Sink};
    use std::sync::Arc;

    fn file(path: &str, body: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: body.as_bytes().to_vec(),
        }
    }

    fn files() -> Vec<OutputFile> {
        vec![
            file("index.html", "<html><body><p>home</p></body></html>"),
            file("actors/index.html", "<html><body>actors</body></html>"),
            file("style.css", "p{}"),
            file("404.html", "<html><body>lost</body></html>"),
            file("seeds/a b.txt", "seed"),
        ]
    }

    fn site() -> Site {
        let s = Site::new().unwrap();
        s.publish(files());
        s
    }

    /// Every file in the served folder, by path.
    fn on_disk(s: &Site) -> std::collections::BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(s.dir())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(s.dir()).unwrap();
                let rel = rel.to_string_lossy().replace('\\', "/");
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect()
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
        // The folder holds the build as it is, without the script.
        let disk = on_disk(&s);
        assert_eq!(disk.len(), 5);
        assert_eq!(disk["index.html"], b"<html><body><p>home</p></body></html>");
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
        assert_eq!(s.respond("/seeds").status, 404, "a folder without a page");
    }

    #[test]
    fn nothing_outside_the_served_folder_is_reachable() {
        let s = site();
        // Files beside the site, in the server's own folder and above it.
        std::fs::write(s.root().join("secret.txt"), "secret").unwrap();
        let staging = s.root().join("staging");
        std::fs::create_dir_all(&staging).unwrap();
        std::fs::write(staging.join("x.html"), "staged").unwrap();
        for url in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/actors/..%2f..%2fsecret.txt",
            "/..%5csecret.txt",
            "/actors/%2e%2e/%2e%2e/secret.txt",
            "/../staging/x.html",
            "/%2e/index.html",
            "/index.html%00.txt",
            "/bad%zz",
            "/%c0%ae%c0%ae/secret.txt",
        ] {
            let r = s.respond(url);
            assert_eq!(r.status, 404, "{url}");
            let body = String::from_utf8_lossy(&r.body);
            assert!(
                !body.contains("secret") && !body.contains("staged"),
                "{url}"
            );
        }
        // An absolute path is read inside the site (leading slashes go).
        let outside = s.root().join("secret.txt");
        let url = format!("/{}", outside.display());
        assert_eq!(s.respond(&url).status, 404);
        assert_eq!(s.respond("//index.html").status, 200);
    }

    #[test]
    fn a_failed_build_keeps_the_last_good_site_and_reports_escaped() {
        let s = site();
        // A rebuild that fails after writing: it is never published.
        let staged = s.stage().unwrap();
        staged
            .file(file("index.html", "<body>half</body>"))
            .unwrap();
        staged.file(file("new.html", "<body>new</body>")).unwrap();
        drop(staged);
        assert!(!s.root().join("staging").exists(), "staged files go");
        let mut d = Diagnostics::new();
        d.push(crate::Diagnostic::new("content/a.md", "bad <b>thing</b>"));
        assert!(s.fail(&d));
        let r = s.respond("/");
        assert_eq!(r.status, 200);
        assert!(String::from_utf8(r.body).unwrap().contains("home"));
        assert_eq!(s.respond("/new.html").status, 404);
        let status: serde_json::Value =
            serde_json::from_slice(&s.respond("/__dossier/status").body).unwrap();
        assert!(status["error"]
            .as_str()
            .unwrap()
            .contains("bad <b>thing</b>"));
        assert_eq!(status["generation"], 1);
        // Fixed: the error clears; identical output does not bump the generation.
        assert_eq!(s.publish(files()), 0);
        let status: serde_json::Value =
            serde_json::from_slice(&s.respond("/__dossier/status").body).unwrap();
        assert!(status["error"].is_null());
        assert_eq!(status["generation"], 1);
        assert_eq!(status["version"], 3);
    }

    #[test]
    fn without_a_good_build_every_page_is_the_escaped_error() {
        let s = Site::new().unwrap();
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

    /// The inode of a served file: the same one while it is not written.
    #[cfg(unix)]
    fn inode(s: &Site, rel: &str) -> u64 {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(s.dir().join(rel)).unwrap().ino()
    }

    #[test]
    fn publish_counts_changes_and_writes_only_changed_files() {
        let s = site();
        #[cfg(unix)]
        let before = inode(&s, "index.html");
        let mut again = files();
        // Nothing changed: the same generation, no file written.
        assert_eq!(s.publish(again.clone()), 0);
        assert_eq!(s.lock().generation, 1);
        // One file changed, one removed (and its folder), one added.
        again.retain(|f| f.path != "seeds/a b.txt");
        for f in again.iter_mut().filter(|f| f.path == "style.css") {
            f.bytes = b"p{color:red}".to_vec();
        }
        again.push(file("new/page.html", "<body>new</body>"));
        assert_eq!(s.publish(again.clone()), 3);
        assert_eq!(s.lock().generation, 2);
        #[cfg(unix)]
        assert_eq!(before, inode(&s, "index.html"), "an unchanged file stays");
        let disk = on_disk(&s);
        let expected: std::collections::BTreeMap<String, Vec<u8>> =
            again.into_iter().map(|f| (f.path, f.bytes)).collect();
        assert_eq!(disk, expected);
        assert!(!s.dir().join("seeds").exists(), "an emptied folder goes");
    }

    #[test]
    fn a_rebuild_never_makes_the_folder_of_a_stopped_server_again() {
        let s = site();
        let staged = s.stage().unwrap();
        // Stopped meanwhile: its folder is removed.
        std::fs::remove_dir_all(s.root()).unwrap();
        assert!(staged.file(file("a/b.html", "<body>b</body>")).is_err());
        // The write failed: the rebuild is never published.
        let made = ["a/b.html".to_string()];
        assert!(staged.publish(&made, &[], false).is_err());
        assert!(!s.root().exists());
    }

    #[test]
    fn an_incremental_publish_keeps_the_files_it_did_not_make() {
        let s = site();
        let staged = s.stage().unwrap();
        staged
            .file(file("actors/index.html", "<body>more actors</body>"))
            .unwrap();
        // Streamed, and the same as served: not written again.
        staged
            .stream("style.css", &mut |w| w.write_all(b"p{}"))
            .unwrap();
        let made = ["actors/index.html".to_string(), "style.css".to_string()];
        let published = staged
            .publish(&made, &["404.html".to_string()], false)
            .unwrap();
        assert_eq!(
            published,
            super::super::Published {
                pages: 2,
                changed: 2
            }
        );
        let disk = on_disk(&s);
        let paths: Vec<&str> = disk.keys().map(String::as_str).collect();
        assert_eq!(
            paths,
            [
                "actors/index.html",
                "index.html",
                "seeds/a b.txt",
                "style.css"
            ]
        );
        assert_eq!(disk["actors/index.html"], b"<body>more actors</body>");
        assert!(!s.root().join("staging").exists());
    }
}
