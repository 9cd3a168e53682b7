//! The write API of `dossier serve`, under `/__dossier/api/`: what the
//! browser's "Annotate" form uses, and what an editor plugin can use too.
//! Every write changes one content file's front matter in place
//! ([`crate::edit`]), is checked by loading and linking the whole dossier
//! with the change, and is written atomically; the watcher then rebuilds
//! and the open pages reload.
//!
//! The server is a security boundary: every request needs this run's token
//! (`X-Dossier-Token`, carried by served pages only), a `Host` naming this
//! server and no foreign `Origin` ([`guard`]); slugs are checked before
//! they become paths, bodies are bounded and must be JSON.

mod guard;
mod page;
pub(crate) mod request;
mod routes;
mod store;

use super::http::Reply;
use crate::diagnostics::Diagnostics;
use request::Request;
use std::path::PathBuf;
use std::sync::Mutex;

/// Where the API's URLs start.
pub(crate) const PREFIX: &str = "/__dossier/api/";

/// The API of one `serve` run.
pub(crate) struct Api {
    /// The dossier folder, absolute (as the loader lists its files).
    root: PathBuf,
    /// This run's secret.
    token: String,
    /// The port the server listens on, for the `Host` and `Origin` checks.
    port: u16,
    /// Held from reading a file to writing it back, so that concurrent
    /// writes apply one after the other and none is lost.
    writing: Mutex<()>,
}

/// A request refused: its status and a JSON body saying why.
#[derive(Debug)]
pub(crate) struct Refusal {
    pub(crate) status: u16,
    body: serde_json::Value,
}

impl Refusal {
    pub(crate) fn new(status: u16, why: &str) -> Self {
        Refusal {
            status,
            body: serde_json::json!({ "error": why }),
        }
    }

    /// A change that would not build: 422 with the diagnostics, in the
    /// shape of `dossier check --format json`.
    pub(crate) fn diagnostics(d: Diagnostics) -> Self {
        Refusal {
            status: 422,
            body: serde_json::json!({ "diagnostics": d.0 }),
        }
    }

    fn reply(&self) -> Reply {
        json_reply(self.status, &self.body)
    }
}

/// A JSON reply.
fn json_reply(status: u16, body: &serde_json::Value) -> Reply {
    Reply::new(status, "application/json", body.to_string())
}

impl Api {
    /// The API for the dossier at `root` (absolute), served on `port`, with
    /// a new token.
    pub(crate) fn new(root: PathBuf, port: u16) -> Result<Api, String> {
        Ok(Api {
            root,
            token: guard::new_token()?,
            port,
            writing: Mutex::new(()),
        })
    }

    /// Reads the request whose head is `raw` off `stream` and answers it.
    pub(crate) fn handle_raw(&self, raw: &[u8], stream: &mut impl std::io::Read) -> Reply {
        match request::read(raw, stream) {
            Ok(req) => self.handle(&req),
            Err(refusal) => refusal.reply(),
        }
    }

    /// Answers one API request.
    pub(crate) fn handle(&self, req: &Request) -> Reply {
        match self.guard(req).and_then(|()| self.route(req)) {
            Ok(reply) => reply,
            Err(refusal) => refusal.reply(),
        }
    }

    /// Refuses requests that are not from this server's own pages.
    fn guard(&self, req: &Request) -> Result<(), Refusal> {
        if !guard::host_is_own(req.host.as_deref(), self.port) {
            return Err(Refusal::new(403, "the Host is not this server"));
        }
        if !guard::origin_is_own(req.origin.as_deref(), self.port) {
            return Err(Refusal::new(403, "cross-origin requests are refused"));
        }
        let token_ok = req
            .token
            .as_deref()
            .is_some_and(|t| guard::token_matches(t, &self.token));
        if !token_ok {
            return Err(Refusal::new(403, "missing or wrong X-Dossier-Token"));
        }
        Ok(())
    }

    fn route(&self, req: &Request) -> Result<Reply, Refusal> {
        let path = super::http::decode_path(&req.path)
            .ok_or_else(|| Refusal::new(400, "a path that leaves the API"))?;
        let rest = path.strip_prefix(&PREFIX[1..]).unwrap_or_default();
        let segments: Vec<&str> = rest.split('/').collect();
        match (req.method.as_str(), segments.as_slice()) {
            ("GET", ["items"]) => routes::items(self),
            ("GET", ["annotations", article]) => routes::list(self, article),
            ("POST", ["annotations"]) => routes::create(self, req),
            ("PUT", ["annotations", article, id]) => routes::update(self, req, article, id),
            ("DELETE", ["annotations", article, id]) => routes::delete(self, article, id),
            ("POST", ["aliases"]) => routes::alias(self, req),
            ("POST", ["actors"]) => routes::new_actor(self, req),
            (_, ["items"] | ["annotations", ..] | ["aliases"] | ["actors"]) => {
                Err(Refusal::new(405, "method not allowed here"))
            }
            _ => Err(Refusal::new(404, "no such API route")),
        }
    }

    /// A served page with this run's token and the annotation tools, when
    /// it was asked for by this server's name (a page fetched through a
    /// rebinding name never carries the token).
    pub(crate) fn decorate(&self, raw_head: &[u8], reply: Reply) -> Reply {
        let head = String::from_utf8_lossy(raw_head);
        if !reply.content_type.starts_with("text/html")
            || !guard::host_is_own(request::header(&head, "host"), self.port)
        {
            return reply;
        }
        page::decorate(reply, &self.token)
    }
}
