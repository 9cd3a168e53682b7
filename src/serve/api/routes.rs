//! The API's answers: listing what a form picks from, and the writes.

use super::super::http::Reply;
use super::request::Request;
use super::{json_reply, store, Api, Refusal};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::edit::{self, EditError, NewAnnotation};
use crate::model::AnnotationKind;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;
use std::path::Path;

/// The body as JSON of type `T`: refused unless it says it is JSON and is.
fn body<T: DeserializeOwned>(req: &Request) -> Result<T, Refusal> {
    let ct = req.content_type.as_deref().unwrap_or("");
    if !ct
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("application/json")
    {
        return Err(Refusal::new(
            415,
            "send JSON with Content-Type: application/json",
        ));
    }
    serde_json::from_slice(&req.body).map_err(|e| Refusal::new(400, &format!("bad JSON: {e}")))
}

/// An annotation as the API takes it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AnnotationIn {
    article: Option<String>,
    quote: String,
    occurrence: Option<usize>,
    kind: String,
    note: String,
    #[serde(default)]
    actors: Vec<String>,
    #[serde(default)]
    events: Vec<String>,
}

impl AnnotationIn {
    fn with_id(self, id: String) -> NewAnnotation {
        NewAnnotation {
            id,
            quote: self.quote,
            occurrence: self.occurrence,
            kind: self.kind,
            note: self.note,
            actors: self.actors,
            events: self.events,
        }
    }
}

/// The kinds, actors and events a form picks from.
pub(super) fn items(api: &Api) -> Result<Reply, Refusal> {
    let (dossier, _) = crate::load::load_partial(&api.root).map_err(Refusal::diagnostics)?;
    let kinds: Vec<_> = AnnotationKind::ALL
        .iter()
        .map(|k| json!({"value": k.as_str(), "label": k.label(), "description": k.description()}))
        .collect();
    let actors: Vec<_> = dossier
        .actors
        .iter()
        .map(|a| json!({"slug": a.slug, "name": a.name, "aliases": a.aliases}))
        .collect();
    let events: Vec<_> = dossier
        .events
        .iter()
        .map(|e| json!({"slug": e.slug, "title": e.title, "aliases": e.aliases}))
        .collect();
    Ok(json_reply(
        200,
        &json!({"kinds": kinds, "actors": actors, "events": events}),
    ))
}

/// The annotations of an article as written, with their ids.
pub(super) fn list(api: &Api, article: &str) -> Result<Reply, Refusal> {
    let path = store::item_path(&api.root, "articles", article)?;
    let text = store::read_item(&api.root, &path)?;
    let entries = edit::annotation_entries(&text).map_err(|e| edit_refusal(api, &path, e))?;
    Ok(json_reply(200, &json!({ "annotations": entries })))
}

/// Adds an annotation with a new id: `201 {"id": …}`.
pub(super) fn create(api: &Api, req: &Request) -> Result<Reply, Refusal> {
    let mut a: AnnotationIn = body(req)?;
    let article = a
        .article
        .take()
        .ok_or_else(|| Refusal::new(400, "`article` is missing"))?;
    let path = store::item_path(&api.root, "articles", &article)?;
    let id = api.write(&path, |text| {
        let taken = edit::annotation_ids(text)?;
        let id = edit::fresh_id(&a.quote, a.occurrence, &taken).to_string();
        let new = edit::append_annotation(text, &a.with_id(id.clone()))?;
        Ok((new, id))
    })?;
    Ok(json_reply(201, &json!({ "id": id })))
}

/// Replaces annotation `id` of `article`, which keeps its id.
pub(super) fn update(api: &Api, req: &Request, article: &str, id: &str) -> Result<Reply, Refusal> {
    let a: AnnotationIn = body(req)?;
    if a.article.as_deref().is_some_and(|other| other != article) {
        return Err(Refusal::new(400, "`article` differs from the URL's"));
    }
    let path = store::item_path(&api.root, "articles", article)?;
    api.write(&path, |text| {
        Ok((
            edit::replace_annotation(text, id, &a.with_id(id.to_string()))?,
            (),
        ))
    })?;
    Ok(json_reply(200, &json!({ "id": id })))
}

/// Removes annotation `id` of `article`.
pub(super) fn delete(api: &Api, article: &str, id: &str) -> Result<Reply, Refusal> {
    let path = store::item_path(&api.root, "articles", article)?;
    api.write(&path, |text| Ok((edit::delete_annotation(text, id)?, ())))?;
    Ok(json_reply(200, &json!({ "id": id })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasIn {
    /// `actors/<slug>` or `events/<slug>`.
    item: String,
    alias: String,
}

/// Adds an alias to an actor or event.
pub(super) fn alias(api: &Api, req: &Request) -> Result<Reply, Refusal> {
    let a: AliasIn = body(req)?;
    let alias = a.alias.trim();
    if alias.is_empty() || alias.contains(['\n', '\r']) {
        return Err(Refusal::new(400, "an alias is one line of text"));
    }
    let path = match a.item.split_once('/') {
        Some((dir @ ("actors" | "events"), slug)) => store::item_path(&api.root, dir, slug)?,
        _ => {
            return Err(Refusal::new(
                400,
                "`item` is `actors/<slug>` or `events/<slug>`",
            ))
        }
    };
    api.write(&path, |text| Ok((edit::add_alias(text, alias)?, ())))?;
    Ok(json_reply(200, &json!({ "item": a.item, "alias": alias })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorIn {
    slug: String,
    name: String,
    kind: String,
}

/// Creates `actors/<slug>.md` with a name and a kind; never overwrites.
pub(super) fn new_actor(api: &Api, req: &Request) -> Result<Reply, Refusal> {
    let a: ActorIn = body(req)?;
    let path = store::item_path(&api.root, "actors", &a.slug)?;
    if a.name.trim().is_empty() || a.name.contains(['\n', '\r']) {
        return Err(Refusal::new(400, "a name is one line of text"));
    }
    let text = format!(
        "---\nname: {}\nkind: {}\n---\n",
        serde_json::Value::String(a.name.trim().into()),
        serde_json::Value::String(a.kind.clone())
    );
    let _writing = api.lock();
    if path.exists() {
        return Err(Refusal::new(409, "an actor with this slug exists already"));
    }
    store::check_change(&api.root, &path, &text).map_err(Refusal::diagnostics)?;
    store::write_atomic(&path, &text, true).map_err(|e| write_failed(&e))?;
    Ok(json_reply(
        201,
        &json!({ "item": format!("actors/{}", a.slug) }),
    ))
}

fn write_failed(e: &std::io::Error) -> Refusal {
    Refusal::new(500, &format!("the file could not be written: {e}"))
}

/// An edit refused, as a diagnostic on the file (404 for a missing note).
fn edit_refusal(api: &Api, path: &Path, e: EditError) -> Refusal {
    if let EditError::NoSuchAnnotation(_) = e {
        return Refusal::new(404, &e.to_string());
    }
    let shown = path.strip_prefix(&api.root).unwrap_or(path);
    let hint = "the front matter was left as it was";
    Refusal::diagnostics(Diagnostics::from(
        Diagnostic::new(shown, e.to_string()).hint(hint),
    ))
}

impl Api {
    fn lock(&self) -> std::sync::MutexGuard<'_, ()> {
        self.writing.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Applies `edit` to the file at `path` and writes the result, if the
    /// dossier still builds with it; one write at a time.
    fn write<T>(
        &self,
        path: &Path,
        edit: impl FnOnce(&str) -> Result<(String, T), EditError>,
    ) -> Result<T, Refusal> {
        let _writing = self.lock();
        let text = store::read_item(&self.root, path)?;
        let (new, out) = edit(&text).map_err(|e| edit_refusal(self, path, e))?;
        store::check_change(&self.root, path, &new).map_err(Refusal::diagnostics)?;
        store::write_atomic(path, &new, false).map_err(|e| write_failed(&e))?;
        Ok(out)
    }
}
