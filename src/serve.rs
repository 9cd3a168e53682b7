//! `dossier serve`: build, serve on 127.0.0.1, rebuild on change, reload the
//! open pages.
//!
//! The site is served from memory (nothing is written to the build folder).
//! Every HTML response gets a small script that long-polls
//! `/__dossier/poll` and reloads the page when a rebuild changed the site;
//! when a rebuild fails the last good site stays up and the script shows the
//! diagnostics in an overlay. The script exists only here: `dossier build`
//! output never contains it.
//!
//! Rebuilds reuse the loaded theme (Tera templates and assets) until a file
//! under the templates folder or `book.toml` changes; syntect's syntax set is
//! loaded once per process.

use crate::config::{Config, CONFIG_FILE};
use crate::diagnostics::Diagnostics;
use crate::render::{OutputFile, Theme};
use crate::{Checked, Stage};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// What `dossier serve` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the site in a browser once it is served.
    pub open: bool,
}

/// What the server tells its user, for the binary to print.
#[derive(Debug)]
pub enum Report<'a> {
    /// A build that succeeded: how long it took, its pages, and how many
    /// output files differ from the previous good build.
    Built {
        elapsed: Duration,
        pages: usize,
        changed: usize,
        stages: &'a [(Stage, Duration)],
        trigger: &'a [PathBuf],
    },
    /// A build that failed: the last good site is still served.
    Failed {
        diagnostics: &'a Diagnostics,
        kept_previous: bool,
    },
    /// The server is up.
    Listening { url: &'a str },
    /// Something worth a line that is not an error (e.g. no browser to open).
    Note(&'a str),
}

/// A failure to start serving (not a content error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeError {
    pub message: String,
    pub hint: Option<String>,
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "error: {}", self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "\n  = hint: {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ServeError {}

/// Builds the dossier at one root again and again, keeping the theme between
/// builds until it may have changed.
pub struct Builder {
    root: PathBuf,
    theme: Option<Theme>,
}

impl Builder {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Builder {
            root: root.into(),
            theme: None,
        }
    }

    /// Checks the dossier, reusing the cached theme unless `theme_stale`
    /// (a template or `book.toml` changed). Stage times go to `stages`.
    pub fn build(
        &mut self,
        theme_stale: bool,
        stages: &mut Vec<(Stage, Duration)>,
    ) -> Result<Checked, Diagnostics> {
        if theme_stale {
            self.theme = None;
        }
        if self.theme.is_none() {
            if let Ok(config) = Config::load(&self.root) {
                let dir = &config.build.templates_dir;
                self.theme = Theme::load(&self.root.join(dir), dir).ok();
            }
        }
        stages.clear();
        crate::check_with(&self.root, self.theme.as_ref(), &mut |s, d| {
            stages.push((s, d))
        })
    }

    /// Whether a change to `path` makes the cached theme stale.
    pub fn affects_theme(&self, path: &Path) -> bool {
        let templates = Config::load(&self.root)
            .map(|c| c.build.templates_dir)
            .unwrap_or_else(|_| PathBuf::from("templates"));
        path == self.root.join(CONFIG_FILE) || path.starts_with(self.root.join(templates))
    }
}

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

/// One HTTP response, before it is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub location: Option<String>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Reply {
            status,
            content_type,
            body: body.into(),
            location: None,
        }
    }
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
        } = checked;
        crate::drop_in_background((dossier, linked));
        let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
        (pages, self.publish(files))
    }

    /// Publishes a good build; returns how many output files changed.
    /// The files are moved in; one that did not change keeps the bytes
    /// already served (a newsroom-size site is hundreds of megabytes).
    pub fn publish(&self, files: Vec<OutputFile>) -> usize {
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
        changed += old.keys().filter(|k| !new.contains_key(k.as_str())).count();
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
        let (path, query) = match url.split_once('?') {
            Some((p, q)) => (p, q),
            None => (url, ""),
        };
        let path = path.split('#').next().unwrap_or("");
        match path {
            "/__dossier/poll" => {
                let since = query
                    .split('&')
                    .find_map(|kv| kv.strip_prefix("since="))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                return Reply::new(200, "application/json", self.status_json(Some(since), wait));
            }
            "/__dossier/status" => {
                return Reply::new(200, "application/json", self.status_json(None, wait));
            }
            _ => {}
        }
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

/// The URL path as a relative output path, percent-decoded; `None` when it
/// would leave the site.
fn decode_path(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let s = String::from_utf8(out).ok()?;
    let s = s.trim_start_matches('/');
    if s.split('/')
        .any(|seg| seg == ".." || seg == "." || seg.contains('\\'))
        || s.contains('\0')
    {
        return None;
    }
    Some(s.to_string())
}

fn encode_path(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The Content-Type for an output path.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Marks the injected script; `dossier build` output never contains it.
pub const SCRIPT_MARKER: &str = "data-dossier-live-reload";

/// The live-reload script for a page served at `generation` of `instance`.
/// The diagnostics reach the page as JSON and are shown with `textContent`,
/// never parsed as HTML.
fn reload_script(instance: &str, generation: u64) -> String {
    let instance = serde_json::to_string(instance).unwrap_or_else(|_| "\"\"".into());
    format!(
        r#"<script {SCRIPT_MARKER}>
(function () {{
  var instance = {instance}, generation = {generation}, dismissed = -1;
  function overlay(error, version) {{
    var el = document.getElementById("__dossier-overlay");
    if (!error || dismissed === version) {{ if (el) el.remove(); return; }}
    if (!el) {{
      el = document.createElement("div");
      el.id = "__dossier-overlay";
      el.setAttribute("role", "alert");
      el.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;padding:2rem;background:rgba(24,24,24,.95);color:#f3f3f3;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";
      var head = document.createElement("p");
      head.style.cssText = "margin:0 0 1rem;font-weight:bold;color:#ff8a80";
      head.textContent = "dossier serve: the last change does not build. The page below is the last good build; fix the error and save to reload.";
      var pre = document.createElement("pre");
      pre.style.cssText = "margin:0;white-space:pre-wrap;font:inherit";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Dismiss";
      close.style.cssText = "margin-top:1rem;font:inherit";
      close.onclick = function () {{ dismissed = version; el.remove(); }};
      el.appendChild(head); el.appendChild(pre); el.appendChild(close);
      document.body.appendChild(el);
    }}
    el.querySelector("pre").textContent = error;
  }}
  function apply(s) {{
    if (s.instance !== instance || s.generation !== generation) {{ location.reload(); return false; }}
    overlay(s.error, s.version);
    return true;
  }}
  function get(url) {{
    return fetch(url, {{ cache: "no-store" }}).then(function (r) {{ return r.json(); }});
  }}
  // One tab polls and tells the others, so that many open tabs do not use
  // up the browser's connections to the server.
  var channel = "BroadcastChannel" in window ? new BroadcastChannel("dossier-live-reload") : null;
  if (channel) channel.onmessage = function (e) {{ apply(e.data); }};
  function poll(since, done) {{
    get("/__dossier/poll?since=" + since)
      .then(function (s) {{
        if (channel) channel.postMessage(s);
        if (apply(s)) poll(s.version, done); else done();
      }})
      .catch(function () {{ setTimeout(function () {{ poll(since, done); }}, 1000); }});
  }}
  if (channel && navigator.locks) {{
    get("/__dossier/status").then(apply, function () {{}});
    navigator.locks.request("dossier-live-reload", function () {{
      return new Promise(function (resolve) {{ poll(0, resolve); }});
    }});
  }} else {{
    poll(0, function () {{}});
  }}
}})();
</script>
"#
    )
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

/// Whether a changed path should trigger a rebuild: `book.toml` or anything
/// under the content, seeds or templates folders, except editor droppings.
pub fn is_relevant(root: &Path, watched_dirs: &[PathBuf], path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let junk = name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.starts_with(".#")
        || name == "4913"
        || name == ".DS_Store";
    !junk && (path == root.join(CONFIG_FILE) || watched_dirs.iter().any(|d| path.starts_with(d)))
}

/// The folders watched recursively: content, seeds and templates as
/// configured (defaults when `book.toml` does not load).
fn source_dirs(root: &Path) -> Vec<PathBuf> {
    let b = Config::load(root).map(|c| c.build).unwrap_or_default();
    vec![
        root.join(b.content_dir),
        root.join(b.seeds_dir),
        root.join(b.templates_dir),
    ]
}

/// Keeps the watches in line with the configured folders (which may be
/// created, removed or renamed in `book.toml` while serving).
struct Watches {
    watcher: notify::RecommendedWatcher,
    dirs: Vec<PathBuf>,
    active: Vec<PathBuf>,
}

impl Watches {
    fn sync(&mut self, root: &Path) {
        use notify::{RecursiveMode, Watcher};
        self.dirs = source_dirs(root);
        let want: Vec<PathBuf> = self.dirs.iter().filter(|d| d.is_dir()).cloned().collect();
        for gone in self.active.iter().filter(|d| !want.contains(d)) {
            let _ = self.watcher.unwatch(gone);
        }
        let mut active = Vec::new();
        for d in want {
            if self.active.contains(&d) || self.watcher.watch(&d, RecursiveMode::Recursive).is_ok()
            {
                active.push(d);
            }
        }
        self.active = active;
    }
}

/// How long the tree must be quiet before a rebuild, and the longest a
/// stream of changes may delay one.
const DEBOUNCE: Duration = Duration::from_millis(120);
const DEBOUNCE_MAX: Duration = Duration::from_millis(1000);

/// A running server's address, for callers that start it on port 0.
pub fn url_of(addr: SocketAddr) -> String {
    format!("http://{addr}/")
}

/// Builds, serves and watches until the process is stopped.
pub fn serve(opts: &Options, report: &mut dyn FnMut(Report)) -> Result<(), ServeError> {
    let root = std::fs::canonicalize(&opts.root).map_err(|e| ServeError {
        message: format!(
            "cannot open the dossier folder {}: {e}",
            opts.root.display()
        ),
        hint: Some("give the folder that holds book.toml, e.g. `dossier serve my-dossier`".into()),
    })?;
    let listener = TcpListener::bind(("127.0.0.1", opts.port)).map_err(|e| ServeError {
        message: format!("cannot listen on 127.0.0.1:{}: {e}", opts.port),
        hint: Some(format!(
            "another program may be using this port: choose another with `-p {}`, or `-p 0` for any free one",
            opts.port.wrapping_add(1).max(1024)
        )),
    })?;
    let addr = listener.local_addr().map_err(|e| ServeError {
        message: format!("the server has no address: {e}"),
        hint: None,
    })?;
    let site = Arc::new(Site::new());

    // Watch before the first build, so that no edit made during it is lost.
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let watcher = notify::recommended_watcher(tx).map_err(|e| ServeError {
        message: format!("cannot watch files for changes: {e}"),
        hint: Some("on Linux, raise fs.inotify.max_user_watches".into()),
    })?;
    let mut watches = Watches {
        watcher,
        dirs: Vec::new(),
        active: Vec::new(),
    };
    {
        use notify::{RecursiveMode, Watcher};
        watches
            .watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| ServeError {
                message: format!("cannot watch {}: {e}", root.display()),
                hint: None,
            })?;
    }
    watches.sync(&root);

    let mut builder = Builder::new(&root);
    rebuild(&mut builder, &site, true, &[], report);

    {
        let site = site.clone();
        std::thread::spawn(move || serve_http(listener, site));
    }
    let url = url_of(addr);
    report(Report::Listening { url: &url });
    if opts.open {
        if let Err(note) = open_browser(&url) {
            report(Report::Note(&note));
        }
    }

    loop {
        let Ok(first) = rx.recv() else {
            return Ok(());
        };
        let mut changed: Vec<PathBuf> = Vec::new();
        let take = |ev: notify::Result<notify::Event>, changed: &mut Vec<PathBuf>| {
            if let Ok(ev) = ev {
                if matches!(ev.kind, notify::EventKind::Access(_)) {
                    return;
                }
                for p in ev.paths {
                    if is_relevant(&root, &watches.dirs, &p) && !changed.contains(&p) {
                        changed.push(p);
                    }
                }
            }
        };
        take(first, &mut changed);
        let start = Instant::now();
        while start.elapsed() < DEBOUNCE_MAX {
            match rx.recv_timeout(DEBOUNCE) {
                Ok(ev) => take(ev, &mut changed),
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            }
        }
        if changed.is_empty() {
            continue;
        }
        let theme_stale = changed.iter().any(|p| builder.affects_theme(p));
        // Editors and tools write temporary files and rename them: name
        // the files that are there now, or else what was removed.
        let shown: Vec<&PathBuf> = match changed.iter().filter(|p| p.exists()).collect::<Vec<_>>() {
            existing if existing.is_empty() => changed.iter().collect(),
            existing => existing,
        };
        let rel: Vec<PathBuf> = shown
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap_or(p).to_path_buf())
            .collect();
        rebuild(&mut builder, &site, theme_stale, &rel, report);
        if theme_stale || changed.iter().any(|p| p.parent() == Some(root.as_path())) {
            watches.sync(&root);
        }
    }
}

fn rebuild(
    builder: &mut Builder,
    site: &Site,
    theme_stale: bool,
    trigger: &[PathBuf],
    report: &mut dyn FnMut(Report),
) {
    let start = Instant::now();
    let mut stages = Vec::new();
    match builder.build(theme_stale, &mut stages) {
        Ok(checked) => {
            let (pages, changed) = site.publish_checked(checked);
            report(Report::Built {
                elapsed: start.elapsed(),
                pages,
                changed,
                stages: &stages,
                trigger,
            });
        }
        Err(diagnostics) => {
            let kept_previous = site.fail(&diagnostics);
            report(Report::Failed {
                diagnostics: &diagnostics,
                kept_previous,
            });
        }
    }
}

/// Accepts connections on 127.0.0.1, one thread each (polls wait for
/// builds; pages must not wait for polls). One request per connection.
fn serve_http(listener: TcpListener, site: Arc<Site>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let site = site.clone();
        std::thread::spawn(move || {
            let _ = handle_connection(stream, &site);
        });
    }
}

/// The longest request head read (request line and headers).
const MAX_HEAD: usize = 16 * 1024;

fn handle_connection(mut stream: TcpStream, site: &Site) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && !head.windows(2).any(|w| w == b"\n\n") {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Ok(());
        }
        head.extend_from_slice(&buf[..n]);
        if head.len() > MAX_HEAD {
            return write_reply(
                &mut stream,
                false,
                &Reply::new(431, "text/plain; charset=utf-8", "request header too large"),
            );
        }
    }
    let line = String::from_utf8_lossy(head.split(|&b| b == b'\n').next().unwrap_or_default())
        .into_owned();
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let reply = match method {
        "GET" | "HEAD" if target.starts_with('/') => site.respond(target),
        "GET" | "HEAD" => Reply::new(400, "text/plain; charset=utf-8", "bad request"),
        _ => Reply::new(405, "text/plain; charset=utf-8", "method not allowed"),
    };
    write_reply(&mut stream, method == "HEAD", &reply)
}

fn write_reply(stream: &mut TcpStream, head_only: bool, reply: &Reply) -> std::io::Result<()> {
    let reason = match reply.status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    };
    let mut out = format!(
        "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        reply.status,
        reply.content_type,
        reply.body.len()
    );
    if reply.status == 405 {
        out.push_str("Allow: GET, HEAD\r\n");
    }
    if let Some(loc) = &reply.location {
        out.push_str(&format!("Location: {loc}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    if !head_only {
        bytes.extend_from_slice(&reply.body);
    }
    stream.write_all(&bytes)?;
    stream.flush()?;
    let _ = stream.shutdown(std::net::Shutdown::Write);
    // Let the client read everything before the socket closes.
    let mut sink = [0u8; 512];
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    while matches!(stream.read(&mut sink), Ok(n) if n > 0) {}
    Ok(())
}

/// Opens `url` in the desktop's browser, when there is a way to.
fn open_browser(url: &str) -> Result<(), String> {
    let candidates: &[(&str, &[&str])] = if cfg!(target_os = "macos") {
        &[("open", &[])]
    } else if cfg!(windows) {
        &[("cmd", &["/C", "start", ""])]
    } else {
        &[
            ("xdg-open", &[]),
            ("sensible-browser", &[]),
            ("x-www-browser", &[]),
        ]
    };
    for (cmd, args) in candidates {
        let spawned = std::process::Command::new(cmd)
            .args(*args)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        if spawned.is_ok() {
            return Ok(());
        }
    }
    Err(format!("no browser opener found; open {url} yourself"))
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

    fn raw(addr: SocketAddr, request: &str) -> String {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn http_answers_while_many_polls_wait() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let s = Arc::new(site());
        {
            let s = s.clone();
            std::thread::spawn(move || serve_http(listener, s));
        }
        // Twelve open tabs of an old browser, each holding a poll.
        let polls: Vec<_> = (0..12)
            .map(|_| {
                std::thread::spawn(move || {
                    raw(
                        addr,
                        "GET /__dossier/poll?since=1 HTTP/1.1\r\nHost: x\r\n\r\n",
                    )
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(100));
        let t = Instant::now();
        let page = raw(
            addr,
            "GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n",
        );
        assert!(
            t.elapsed() < Duration::from_secs(2),
            "a page waited for polls"
        );
        assert!(page.starts_with("HTTP/1.1 200 OK\r\n"), "{page}");
        assert!(page.contains("Content-Type: text/html; charset=utf-8\r\n"));
        assert!(page.contains(SCRIPT_MARKER));
        let head = raw(addr, "HEAD /style.css HTTP/1.1\r\n\r\n");
        assert!(
            head.contains("Content-Length: 3\r\n") && head.ends_with("\r\n\r\n"),
            "{head:?}"
        );
        let post = raw(addr, "POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        assert!(post.starts_with("HTTP/1.1 405"), "{post}");
        let moved = raw(addr, "GET /actors HTTP/1.1\r\n\r\n");
        assert!(
            moved.starts_with("HTTP/1.1 301") && moved.contains("Location: /actors/\r\n"),
            "{moved}"
        );
        // A new build answers every poll.
        s.publish(vec![file("index.html", "<body>new</body>")]);
        for p in polls {
            let body = p.join().unwrap();
            assert!(body.contains("\"version\":2"), "{body}");
        }
    }

    #[test]
    fn relevant_paths() {
        let root = Path::new("/d");
        let dirs = vec![
            root.join("content"),
            root.join("seeds"),
            root.join("templates"),
        ];
        assert!(is_relevant(root, &dirs, Path::new("/d/book.toml")));
        assert!(is_relevant(
            root,
            &dirs,
            Path::new("/d/content/articles/a.md")
        ));
        assert!(is_relevant(root, &dirs, Path::new("/d/templates")));
        assert!(!is_relevant(
            root,
            &dirs,
            Path::new("/d/content/articles/.a.md.swp")
        ));
        assert!(!is_relevant(
            root,
            &dirs,
            Path::new("/d/content/articles/a.md~")
        ));
        assert!(!is_relevant(root, &dirs, Path::new("/d/book/index.html")));
        assert!(!is_relevant(root, &dirs, Path::new("/d/README.md")));
    }

    #[test]
    fn builder_reuses_the_theme_and_sees_changes() {
        let tmp = tempfile::tempdir().unwrap();
        crate::scaffold::scaffold(tmp.path()).unwrap();
        let mut b = Builder::new(tmp.path());
        let mut stages = Vec::new();
        let first = b.build(false, &mut stages).unwrap();
        assert!(b.theme.is_some());
        assert_eq!(
            stages.iter().map(|s| s.0).collect::<Vec<_>>(),
            [Stage::Load, Stage::Link, Stage::Render]
        );
        let actor = tmp.path().join("content/actors/dana-okafor.md");
        let text = std::fs::read_to_string(&actor).unwrap();
        std::fs::write(
            &actor,
            text.replace("on the state of the cables", "on the rusty cables"),
        )
        .unwrap();
        assert!(!b.affects_theme(&actor));
        assert!(b.affects_theme(&tmp.path().join("templates/base.html")));
        assert!(b.affects_theme(&tmp.path().join("book.toml")));
        let second = b.build(false, &mut stages).unwrap();
        let page = |c: &Checked| {
            c.files
                .iter()
                .find(|f| f.path == "actors/dana-okafor.html")
                .unwrap()
                .bytes
                .clone()
        };
        assert_ne!(page(&first), page(&second));
        assert!(String::from_utf8(page(&second))
            .unwrap()
            .contains("rusty cables"));
        // A template override is picked up once the theme is marked stale.
        std::fs::create_dir_all(tmp.path().join("templates")).unwrap();
        std::fs::write(tmp.path().join("templates/extra.txt"), "hello").unwrap();
        let third = b.build(true, &mut stages).unwrap();
        assert!(third.files.iter().any(|f| f.path == "extra.txt"));
    }
}
