//! Stage 3 — render: the linked dossier through the Tera theme into output
//! files (path relative to the output root, bytes). Nothing is written here.

mod data;
mod feeds;
mod index;
mod mentions;
mod search;
pub mod svg;
pub mod theme;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::{Linked, Mention};
use crate::model::{ActorKind, AnnotationKind, Dossier, ItemKind, ItemRef, PartialDate};
use index::Index;
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use tera::Context;
pub use theme::Theme;

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

pub fn date_value(d: &PartialDate) -> Value {
    json!({
        "iso": d.to_string(),
        "human": d.human(),
        "partial": d.is_partial(),
        "precision": d.precision(),
    })
}

/// Other articles listed on an article page (sharing the most events).
const RELATED_MAX: usize = 12;

/// One thread's counters of articles sharing events with an article (one
/// per article), and which of them are set.
struct Scratch {
    counts: Vec<u32>,
    touched: Vec<usize>,
}

impl Scratch {
    fn new(articles: usize) -> Self {
        Scratch {
            counts: vec![0; articles],
            touched: Vec::new(),
        }
    }
}

/// Actors drawn in the network of the actors index: the most connected,
/// as many as a ring of labels can hold legibly.
const NETWORK_MAX: usize = 40;

fn kind_labels() -> Value {
    Value::Array(
        AnnotationKind::ALL
            .iter()
            .map(
                |k| json!({"kind": k.as_str(), "label": k.label(), "description": k.description()}),
            )
            .collect(),
    )
}

struct Renderer<'a> {
    ix: Index<'a>,
    theme: &'a Theme,
    mention_lists: mentions::MentionLists<'a>,
    site: Value,
    nav_pages: Value,
    kind_labels: Value,
    site_url: Option<String>,
}

/// A page's template context, built as one JSON object and handed to Tera
/// whole: `tera::Context::insert` would serialise (copy) every value again.
#[derive(Default)]
struct PageContext(serde_json::Map<String, Value>);

impl PageContext {
    /// Like `tera::Context::insert`.
    fn insert<T: serde::Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        self.put(key, serde_json::to_value(value).unwrap_or(Value::Null));
    }
    /// An owned value, moved in without a copy.
    fn put(&mut self, key: &str, value: Value) {
        self.0.insert(key.to_string(), value);
    }
    fn into_context(self) -> Context {
        Context::from_value(Value::Object(self.0)).unwrap_or_default()
    }
}

impl<'a> Renderer<'a> {
    fn base(&self, path: &str, title: &str, section: &str, source: Option<String>) -> PageContext {
        let depth = path.matches('/').count();
        let root = "../".repeat(depth);
        let mut ctx = PageContext::default();
        ctx.put("site", self.site.clone());
        ctx.insert("root", &root);
        ctx.insert("page_title", title);
        ctx.insert("section", section);
        ctx.put("nav_pages", self.nav_pages.clone());
        ctx.put("annotation_kinds", self.kind_labels.clone());
        let html = &self.ix.d.config.output.html;
        ctx.insert(
            "canonical",
            &self.site_url.as_ref().map(|u| format!("{u}{path}")),
        );
        ctx.insert(
            "feed_url",
            &self.site_url.as_ref().map(|_| format!("{root}feed.xml")),
        );
        ctx.insert("repo_url", &html.git_repository_url);
        let edit = match (&html.edit_url_template, source) {
            (Some(t), Some(p)) => Some(t.replace("{path}", &p)),
            _ => None,
        };
        ctx.insert("edit_url", &edit);
        ctx
    }

    fn page(&self, template: &str, path: &str, ctx: PageContext) -> Result<OutputFile, Diagnostic> {
        let html = self.theme.render(template, &ctx.into_context())?;
        Ok(OutputFile::new(path, html))
    }

    fn content_path(&self, rel: &std::path::Path) -> Option<String> {
        Some(rel.to_string_lossy().replace('\\', "/"))
    }

    fn article_pages(&self, emit: &Emit) {
        let d = self.ix.d;
        d.articles
            .par_iter()
            .zip(self.ix.l.articles.par_iter())
            .enumerate()
            .map_init(
                || Scratch::new(d.articles.len()),
                |scratch, (i, (a, la))| {
                let me = ItemRef::new(ItemKind::Article, &a.slug);
                let path = me.url();
                // Actors and events of this article: mentioned or annotated.
                let mut actor_counts: BTreeMap<&str, usize> = BTreeMap::new();
                let mut events: BTreeSet<&str> = BTreeSet::new();
                for m in self.ix.mentions_on(&me) {
                    match m.target.kind {
                        ItemKind::Actor => *actor_counts.entry(m.target.slug.as_str()).or_insert(0) += 1,
                        ItemKind::Event => {
                            events.insert(m.target.slug.as_str());
                        }
                        _ => {}
                    }
                }
                for to in self.ix.references_from(&me) {
                    match to.kind {
                        ItemKind::Actor => {
                            actor_counts.entry(to.slug.as_str()).or_insert(0);
                        }
                        ItemKind::Event => {
                            events.insert(to.slug.as_str());
                        }
                        _ => {}
                    }
                }
                let mut actors: Vec<Value> = actor_counts
                    .iter()
                    .filter_map(|(s, c)| d.actor(s).map(|x| (x, c)))
                    .map(|(x, c)| json!({"slug": x.slug, "name": x.name, "url": format!("actors/{}.html", x.slug), "count": c}))
                    .collect();
                actors.sort_by(|a, b| b["count"].as_u64().cmp(&a["count"].as_u64()).then(a["name"].as_str().cmp(&b["name"].as_str())));
                let mut ev: Vec<_> = events.iter().filter_map(|s| d.event(s)).collect();
                ev.sort_by(|a, b| a.date.cmp(&b.date).then(a.slug.cmp(&b.slug)));
                let (related_total, related) = self.related(i, &ev, scratch);
                let related: Vec<Value> = related
                    .into_iter()
                    .map(|(j, shared)| (&d.articles[j], shared))
                    .map(|(o, shared)| json!({"title": o.title, "url": format!("articles/{}.html", o.slug), "publisher": o.source.name, "shared": shared}))
                    .collect();
                let annotations: Vec<Value> = la
                    .annotations
                    .iter()
                    .map(|x| json!({"number": x.number, "kind": x.kind.as_str(), "label": x.kind.label(), "exact": x.exact, "note_html": x.note.html}))
                    .collect();
                let mut article = json!({
                    "slug": a.slug,
                    "title": a.title,
                    "source": a.source,
                    "published": a.published.as_ref().map(date_value),
                    "date_note": a.date_note,
                    "seed": a.seed,
                    "seed_page": format!("{}.html", a.seed),
                    "language": a.language,
                    "translated_from": a.translated_from,
                    "summary": a.summary,
                    "body_html": la.body.html,
                    "related_total": related_total,
                });
                // Lists are moved in: `json!` would serialise (copy) them again.
                article["annotations"] = Value::Array(annotations);
                article["actors"] = Value::Array(actors);
                article["events"] = ev.iter().map(|e| json!({"title": e.title, "url": format!("events/{}.html", e.slug), "date": date_value(&e.date)})).collect();
                article["related"] = Value::Array(related);
                let mut ctx = self.base(&path, &a.title, "articles", self.content_path(&a.text.path));
                ctx.put("article", article);
                self.page("article.html", &path, ctx)
            },
            )
            .for_each(emit);
    }

    /// The other articles that share an event of `ev` with article `i`:
    /// how many there are, and those that share the most (at most
    /// [`RELATED_MAX`], in slug order), each with the titles of the events
    /// shared. The event pages list them all; an article page lists a few,
    /// so that pages do not grow with the square of the dossier.
    fn related(
        &self,
        i: usize,
        ev: &[&'a crate::model::Event],
        scratch: &mut Scratch,
    ) -> (usize, Vec<(usize, Vec<&'a str>)>) {
        let about = |e: &crate::model::Event| {
            self.ix
                .articles_about(&ItemRef::new(ItemKind::Event, &e.slug))
        };
        // Hundreds or thousands at newsroom scale: counted in this
        // thread's scratch array rather than in a map.
        let Scratch { counts, touched } = scratch;
        for e in ev {
            for &other in about(e) {
                if other != i {
                    if counts[other] == 0 {
                        touched.push(other);
                    }
                    counts[other] += 1;
                }
            }
        }
        let total = touched.len();
        // Those sharing the most; ties by slug (article order).
        let mut shown: Vec<usize> = touched.clone();
        if shown.len() > RELATED_MAX {
            shown.select_nth_unstable_by(RELATED_MAX - 1, |x, y| {
                counts[*y].cmp(&counts[*x]).then(x.cmp(y))
            });
            shown.truncate(RELATED_MAX);
        }
        shown.sort_unstable();
        for &o in touched.iter() {
            counts[o] = 0;
        }
        touched.clear();
        let related = shown
            .into_iter()
            .map(|j| {
                let shared = ev
                    .iter()
                    .filter(|e| about(e).contains(&j))
                    .map(|e| e.title.as_str())
                    .collect();
                (j, shared)
            })
            .collect();
        (total, related)
    }

    /// An item's mentions, by the page they stand on: its title, URL,
    /// kind, count and the rendered list (`mentions.html`).
    fn mention_groups(&self, r: &ItemRef) -> Result<Vec<Value>, Diagnostic> {
        let mut groups: Vec<(&ItemRef, Vec<&Mention>)> = Vec::new();
        for m in self.ix.mentions.get(r).map(Vec::as_slice).unwrap_or(&[]) {
            match groups.last_mut() {
                Some((src, v)) if **src == *m.source => v.push(m),
                _ => groups.push((&m.source, vec![m])),
            }
        }
        // Articles first, then profiles and event descriptions.
        groups.sort_by_key(|(src, _)| src.kind != ItemKind::Article);
        groups
            .into_iter()
            .map(|(src, ms)| {
                let url = src.url();
                let list = self.mention_lists.render(&url, &ms, true)?;
                Ok(json!({
                    "title": self.ix.title_of(src),
                    "url": url,
                    "kind": match src.kind { ItemKind::Article => "article", ItemKind::Actor => "profile", ItemKind::Event => "event", ItemKind::Page => "page" },
                    "count": ms.len(),
                    "mentions_html": list,
                }))
            })
            .collect()
    }

    fn quotes_for(&self, kind: ItemKind, slug: &str) -> Vec<Value> {
        let d = self.ix.d;
        let mut out = Vec::new();
        if let Some(tagged) = self.ix.tagged.get(&(kind, slug)) {
            for &(i, j) in tagged {
                let (a, x) = (&d.articles[i], &self.ix.l.articles[i].annotations[j]);
                out.push(json!({
                    "article_title": a.title,
                    "article_url": format!("articles/{}.html", a.slug),
                    "url": format!("articles/{}.html#ann-{}", a.slug, x.number),
                    "number": x.number,
                    "kind": x.kind.as_str(),
                    "label": x.kind.label(),
                    "exact": x.exact,
                    "note_html": x.note.html,
                }));
            }
        }
        out
    }

    fn actor_pages(&self, emit: &Emit) {
        let d = self.ix.d;
        d.actors
            .par_iter()
            .zip(self.ix.l.actors.par_iter())
            .map(|(a, lt)| {
                let me = ItemRef::new(ItemKind::Actor, &a.slug);
                let path = me.url();
                let mut events: Vec<_> = self
                    .ix
                    .actor_events
                    .get(a.slug.as_str())
                    .into_iter()
                    .flatten()
                    .map(|i| &d.events[*i])
                    .collect();
                events.sort_by(|x, y| x.date.cmp(&y.date).then(x.slug.cmp(&y.slug)));
                let mut co: Vec<(usize, &str)> =
                    self.ix.co.get(a.slug.as_str()).cloned().unwrap_or_default();
                co.sort_by(|p, q| q.0.cmp(&p.0).then(p.1.cmp(q.1)));
                co.truncate(12);
                // The network shows this actor and the companions listed
                // beside it: it needs only the links among them, not the
                // whole dossier's co-mentions.
                let shown = co.iter().map(|c| c.1).chain([a.slug.as_str()]).collect();
                let own_edges = edges_among(&self.ix.co_pairs, shown);
                let co_actors: Vec<Value> = co
                    .iter()
                    .filter_map(|(n, s)| d.actor(s).map(|x| json!({"name": x.name, "url": format!("actors/{}.html", x.slug), "count": n})))
                    .collect();
                let article_count = self.ix.articles_about(&me).len();
                let text_article_count = self
                    .ix
                    .mentions
                    .get(&me)
                    .map(|ms| {
                        // Mentions come page by page: count each run once,
                        // then the pages (an actor's hundreds of mentions
                        // are a few dozen runs).
                        let mut pages: Vec<&str> = Vec::new();
                        for m in ms.iter().filter(|m| m.source.kind == ItemKind::Article && m.in_note.is_none()) {
                            if pages.last() != Some(&m.source.slug.as_str()) {
                                pages.push(&m.source.slug);
                            }
                        }
                        pages.sort_unstable();
                        pages.dedup();
                        pages.len()
                    })
                    .unwrap_or(0);
                let mut actor = json!({
                    "slug": a.slug,
                    "name": a.name,
                    "kind": a.kind.as_str(),
                    "kind_label": match a.kind { ActorKind::Person => "Person", ActorKind::Organisation => "Organisation", ActorKind::State => "State" },
                    "role": a.role,
                    "aliases": a.aliases,
                    "profile_html": lt.html,
                    "mention_count": self.ix.count(&me),
                    "article_count": article_count,
                    "text_article_count": text_article_count,
                });
                // Lists are moved in: `json!` would serialise (copy) them again.
                actor["mentions"] = Value::Array(self.mention_groups(&me)?);
                actor["quotes"] = Value::Array(self.quotes_for(ItemKind::Actor, &a.slug));
                actor["events"] = events.iter().map(|e| json!({"title": e.title, "url": format!("events/{}.html", e.slug), "date": date_value(&e.date), "uncertain": e.date_uncertain})).collect();
                actor["co_actors"] = Value::Array(co_actors);
                actor["timeline_svg"] = svg::timeline(d, &events, "../", svg::Size::Strip).into();
                actor["network_svg"] = svg::network(d, &own_edges, Some(&a.slug), "../").into();
                let mut ctx = self.base(&path, &a.name, "actors", self.content_path(&a.text.path));
                ctx.put("actor", actor);
                self.page("actor.html", &path, ctx)
            })
            .for_each(emit);
    }

    fn event_pages(&self, emit: &Emit) {
        let d = self.ix.d;
        d.events
            .par_iter()
            .zip(self.ix.l.events.par_iter())
            .map(|(e, lt)| {
                let me = ItemRef::new(ItemKind::Event, &e.slug);
                let path = me.url();
                // This event's mentions in article texts, by article.
                let mut by_article: HashMap<&str, Vec<&Mention>> = HashMap::new();
                for m in self.ix.mentions.get(&me).map_or(&[][..], Vec::as_slice) {
                    if m.source.kind == ItemKind::Article {
                        by_article.entry(m.source.slug.as_str()).or_default().push(m);
                    }
                }
                let sources: Vec<Value> = self
                    .ix
                    .articles_about(&me)
                    .iter()
                    .map(|&i| (&d.articles[i], i))
                    .map(|(a, i)| {
                        let anns: Vec<Value> = self.ix.l.articles[i]
                            .annotations
                            .iter()
                            .filter(|x| x.events.contains(&e.slug))
                            .map(|x| json!({"number": x.number, "kind": x.kind.as_str(), "label": x.kind.label(), "exact": x.exact, "note_html": x.note.html}))
                            .collect();
                        let url = format!("articles/{}.html", a.slug);
                        let ms = by_article.get(a.slug.as_str()).map_or(&[][..], Vec::as_slice);
                        let list = self.mention_lists.render(&url, ms, false)?;
                        let mut source = json!({"title": a.title, "url": url, "publisher": a.source.name, "mention_count": ms.len()});
                        source["annotations"] = Value::Array(anns);
                        source["mentions_html"] = Value::String(list);
                        Ok(source)
                    })
                    .collect::<Result<_, Diagnostic>>()?;
                let actors: Vec<Value> = e
                    .actors
                    .iter()
                    .filter_map(|s| d.actor(s))
                    .map(|a| json!({"name": a.name, "url": format!("actors/{}.html", a.slug)}))
                    .collect();
                let mut event = json!({
                    "slug": e.slug,
                    "title": e.title,
                    "date": date_value(&e.date),
                    "end": e.end.as_ref().map(date_value),
                    "date_note": e.date_note,
                    "uncertain": e.date_uncertain,
                    "description_html": lt.html,
                });
                event["actors"] = Value::Array(actors);
                event["sources"] = Value::Array(sources);
                let mut ctx = self.base(&path, &e.title, "events", self.content_path(&e.text.path));
                ctx.put("event", event);
                self.page("event.html", &path, ctx)
            })
            .for_each(emit);
    }

    fn sorted_events(&self) -> Vec<&'a crate::model::Event> {
        let mut events: Vec<_> = self.ix.d.events.iter().collect();
        events.sort_by(|x, y| x.date.cmp(&y.date).then(x.slug.cmp(&y.slug)));
        events
    }

    fn index_page(&self) -> Result<OutputFile, Diagnostic> {
        let d = self.ix.d;
        let mut by_kind: BTreeMap<AnnotationKind, usize> = BTreeMap::new();
        for la in &self.ix.l.articles {
            for a in &la.annotations {
                *by_kind.entry(a.kind).or_insert(0) += 1;
            }
        }
        let total: usize = by_kind.values().sum();
        let mut actors: Vec<_> = d
            .actors
            .iter()
            .map(|a| (self.ix.count(&ItemRef::new(ItemKind::Actor, &a.slug)), a))
            .collect();
        actors.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.name.cmp(&y.1.name)));
        let events = self.sorted_events();
        let mut articles: Vec<_> = d.articles.iter().zip(&self.ix.l.articles).collect();
        articles.sort_by(|x, y| {
            x.0.published
                .cmp(&y.0.published)
                .then(x.0.slug.cmp(&y.0.slug))
        });
        let mut ctx = self.base(
            "index.html",
            &d.config.book.title,
            "index",
            Some("content/index.md".into()),
        );
        ctx.insert(
            "intro_html",
            &self.ix.l.intro.as_ref().map(|t| t.html.clone()),
        );
        ctx.put("stats", json!({
            "articles": d.articles.len(),
            "actors": d.actors.len(),
            "events": d.events.len(),
            "annotations": total,
            "by_kind": by_kind.iter().map(|(k, n)| json!({"kind": k.as_str(), "count": n})).collect::<Vec<_>>(),
        }));
        ctx.put("events", events.iter().map(|e| json!({"title": e.title, "url": format!("events/{}.html", e.slug), "date": date_value(&e.date), "uncertain": e.date_uncertain})).collect::<Value>());
        ctx.insert(
            "timeline_svg",
            &svg::timeline(d, &events, "", svg::Size::Strip),
        );
        ctx.put("actors", actors.iter().take(24).map(|(n, a)| json!({"name": a.name, "url": format!("actors/{}.html", a.slug), "count": n})).collect::<Value>());
        ctx.put("articles", articles.iter().map(|(a, la)| json!({
            "title": a.title, "url": format!("articles/{}.html", a.slug), "publisher": a.source.name,
            "published": a.published.as_ref().map(date_value), "annotations": la.annotations.len(),
        })).collect());
        self.page("index.html", "index.html", ctx)
    }

    fn actors_index(&self) -> Result<OutputFile, Diagnostic> {
        let d = self.ix.d;
        let groups: Vec<Value> = ActorKind::ALL
            .iter()
            .filter_map(|k| {
                let mut list: Vec<_> = d.actors.iter().filter(|a| a.kind == *k).collect();
                if list.is_empty() {
                    return None;
                }
                list.sort_by(|x, y| {
                    let cx = self.ix.count(&ItemRef::new(ItemKind::Actor, &x.slug));
                    let cy = self.ix.count(&ItemRef::new(ItemKind::Actor, &y.slug));
                    cy.cmp(&cx).then(x.name.cmp(&y.name))
                });
                Some(json!({
                    "kind": k.as_str(),
                    "label": k.plural_label(),
                    "actors": list.iter().map(|a| json!({"name": a.name, "role": a.role, "url": format!("actors/{}.html", a.slug), "count": self.ix.count(&ItemRef::new(ItemKind::Actor, &a.slug))})).collect::<Vec<_>>(),
                }))
            })
            .collect();
        let path = "actors/index.html";
        let mut ctx = self.base(path, "Actors", "actors", None);
        ctx.put("groups", Value::Array(groups));
        // The whole network, or its most connected part when it is too big
        // to read (the lists below give every actor).
        let mut linked: Vec<(usize, &str)> = self
            .ix
            .co
            .iter()
            .map(|(slug, links)| (links.iter().map(|l| l.0).sum(), *slug))
            .collect();
        linked.sort_by(|p, q| q.0.cmp(&p.0).then(p.1.cmp(q.1)));
        let total = linked.len();
        linked.truncate(NETWORK_MAX);
        let shown = linked.iter().map(|l| l.1).collect();
        let edges = edges_among(&self.ix.co_pairs, shown);
        ctx.insert("network_svg", &svg::network(d, &edges, None, "../"));
        ctx.insert("network_shown", &linked.len());
        ctx.insert("network_total", &total);
        self.page("actors.html", path, ctx)
    }

    fn timeline_page(&self) -> Result<OutputFile, Diagnostic> {
        let d = self.ix.d;
        let mut entries: Vec<(PartialDate, u8, String, Value)> = Vec::new();
        for e in &d.events {
            entries.push((
                e.date,
                0,
                e.slug.clone(),
                json!({
                    "kind": "event", "title": e.title, "url": format!("events/{}.html", e.slug),
                    "date": date_value(&e.date), "end": e.end.as_ref().map(date_value),
                    "uncertain": e.date_uncertain, "note": e.date_note,
                }),
            ));
        }
        let mut undated = Vec::new();
        for a in &d.articles {
            let v = json!({
                "kind": "article", "title": a.title, "url": format!("articles/{}.html", a.slug),
                "date": a.published.as_ref().map(date_value), "note": a.date_note, "uncertain": false,
            });
            match a.published {
                Some(p) => entries.push((p, 1, a.slug.clone(), v)),
                None => undated.push(v),
            }
        }
        entries.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        let mut ctx = self.base("timeline.html", "Timeline", "timeline", None);
        ctx.put("entries", entries.into_iter().map(|e| e.3).collect());
        ctx.put("undated", Value::Array(undated));
        ctx.insert(
            "timeline_svg",
            &svg::timeline(d, &self.sorted_events(), "", svg::Size::Full),
        );
        self.page("timeline.html", "timeline.html", ctx)
    }

    fn sources_page(&self) -> Result<OutputFile, Diagnostic> {
        let d = self.ix.d;
        let mut by_pub: BTreeMap<&str, Vec<&crate::model::Article>> = BTreeMap::new();
        for a in &d.articles {
            by_pub.entry(a.source.name.as_str()).or_default().push(a);
        }
        let publishers: Vec<Value> = by_pub
            .into_iter()
            .map(|(name, list)| json!({
                "name": name,
                "articles": list.iter().map(|a| json!({
                    "title": a.title, "url": format!("articles/{}.html", a.slug),
                    "published": a.published.as_ref().map(date_value), "date_note": a.date_note,
                    "via": a.source.via, "seed": a.seed, "seed_page": format!("{}.html", a.seed),
                })).collect::<Vec<_>>(),
            }))
            .collect();
        let mut ctx = self.base("sources.html", "Sources", "sources", None);
        ctx.put("publishers", Value::Array(publishers));
        self.page("sources.html", "sources.html", ctx)
    }

    fn seed_pages(&self, emit: &Emit) {
        let d = self.ix.d;
        d.seeds.par_iter().for_each(|(_, seed)| {
            let path = format!("seeds/{}.html", seed.file);
            let articles: Vec<Value> = self
                .ix
                .seed_articles
                .get(seed.file.as_str())
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .map(|i| &d.articles[*i])
                .map(|a| json!({"title": a.title, "url": format!("articles/{}.html", a.slug)}))
                .collect();
            let mut ctx = self.base(&path, &format!("Seed {}", seed.file), "sources", None);
            // The numbered lines as HTML, made here: a template loop over
            // every line of every seed is the slowest part of a large build.
            let mut lines_html = String::with_capacity(seed.text.len() * 11 / 10);
            for (n, line) in seed.text.lines().enumerate() {
                use std::fmt::Write;
                let _ = write!(lines_html, "<li id=\"L{}\">", n + 1);
                crate::link::markdown::escape_html_into(&mut lines_html, line);
                lines_html.push_str("</li>\n");
            }
            let mut seed_value =
                json!({"file": seed.file, "lines": seed.text.lines().collect::<Vec<_>>()});
            // Moved in: `json!` would copy them.
            seed_value["lines_html"] = Value::String(lines_html);
            seed_value["articles"] = Value::Array(articles);
            ctx.put("seed", seed_value);
            emit(self.page("seed.html", &path, ctx));
        });
    }

    fn free_pages(&self, emit: &Emit) {
        let d = self.ix.d;
        d.pages
            .iter()
            .zip(&self.ix.l.pages)
            .map(|(p, lt)| {
                let path = format!("{}.html", p.slug);
                let mut ctx = self.base(&path, &p.title, &path, self.content_path(&p.text.path));
                ctx.put("page", json!({"title": p.title, "html": lt.html}));
                self.page("page.html", &path, ctx)
            })
            .for_each(emit);
    }

    fn special_pages(&self, emit: &Emit) {
        let search = {
            let ctx = self.base("search.html", "Search", "search", None);
            self.page("search.html", "search.html", ctx)
        };
        let not_found = {
            // GitHub Pages serves 404.html at any depth: with a site-url its
            // links are absolute from there, otherwise relative to the root.
            let mut ctx = self.base("404.html", "Page not found", "404", None);
            if let Some(u) = &self.site_url {
                let root = if u.starts_with('/') {
                    u.clone()
                } else {
                    url_path(u)
                };
                ctx.insert("feed_url", &format!("{root}feed.xml"));
                ctx.insert("root", &root);
            }
            ctx.insert("canonical", &None::<String>);
            self.page("404.html", "404.html", ctx)
        };
        emit(search);
        emit(not_found);
    }
}

/// The co-mentions among `shown` actors (keys ordered as in
/// `Linked::co_mentions`: first < second).
fn edges_among(
    co: &HashMap<(&str, &str), usize>,
    mut shown: Vec<&str>,
) -> BTreeMap<(String, String), usize> {
    shown.sort_unstable();
    shown.dedup();
    let mut out = BTreeMap::new();
    for (i, x) in shown.iter().enumerate() {
        for y in &shown[i + 1..] {
            if let Some(n) = co.get(&(*x, *y)) {
                out.insert((x.to_string(), y.to_string()), *n);
            }
        }
    }
    out
}

/// The path part of an absolute URL (`https://h/x/` → `/x/`).
fn url_path(u: &str) -> String {
    match u
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()))
    {
        Some(p) => p,
        None => "/".into(),
    }
}

/// Takes each result of rendering one page, as soon as it is made.
type Emit<'e> = dyn Fn(Result<OutputFile, Diagnostic>) + Sync + 'e;

/// Where rendered files go: kept in memory (`check`, `serve`) or written
/// into the staging directory of a build as they are made, so that a large
/// dossier never holds its whole site in memory.
pub trait Sink: Sync {
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic>;
    /// A file of bytes the caller keeps. By default they are copied, then
    /// `file`d.
    fn bytes(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.file(OutputFile::new(path, bytes))
    }
    /// A verbatim copy of the file at `from` (the seed texts). By default it
    /// is read, then `file`d.
    fn copy(&self, path: &str, from: &std::path::Path) -> Result<(), Diagnostic> {
        let bytes = std::fs::read(from).map_err(|e| unreadable_copy(from, path, e))?;
        self.file(OutputFile::new(path, bytes))
    }
    /// A file written piece by piece by `write` (large data files need not
    /// be held in memory whole). By default it is collected, then `file`d.
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Diagnostic> {
        let mut bytes = Vec::new();
        write(&mut bytes)
            .map_err(|e| Diagnostic::new(path, format!("cannot make `{path}`: {e}")))?;
        self.file(OutputFile::new(path, bytes))
    }
}

/// A file to copy into the output that cannot be read (for [`Sink::copy`]).
pub fn unreadable_copy(from: &std::path::Path, path: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::new(
        from,
        format!("cannot read the file to copy to `{path}`: {e}"),
    )
    .hint("was it removed or renamed during the build? build again")
}

/// Keeps nothing: for checking that a site renders (`dossier check`)
/// without holding it, which at newsroom scale is a gigabyte.
pub struct Discard;

impl Sink for Discard {
    fn file(&self, _: OutputFile) -> Result<(), Diagnostic> {
        Ok(())
    }
    fn bytes(&self, _: &str, _: &[u8]) -> Result<(), Diagnostic> {
        Ok(())
    }
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), Diagnostic> {
        write(&mut std::io::sink())
            .map_err(|e| Diagnostic::new(path, format!("cannot make `{path}`: {e}")))
    }
}

/// Collects the files in memory.
#[derive(Default)]
pub struct Collect(std::sync::Mutex<Vec<OutputFile>>);

impl Sink for Collect {
    fn file(&self, file: OutputFile) -> Result<(), Diagnostic> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(file);
        Ok(())
    }
}

impl Collect {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// What [`render_into`] made.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rendered {
    pub files: usize,
    pub pages: usize,
}

/// Renders every page, asset and data file of the site into memory.
pub fn render(d: &Dossier, l: &Linked, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostics> {
    let sink = Collect::default();
    render_into(d, l, theme, &sink)?;
    Ok(sink.into_files())
}

/// Renders every page, asset and data file of the site, handing each file
/// to `sink` as soon as it is made (from several threads). Errors of every
/// page are collected; on any, the caller must discard what the sink got.
pub fn render_into(
    d: &Dossier,
    l: &Linked,
    theme: &Theme,
    sink: &dyn Sink,
) -> Result<Rendered, Diagnostics> {
    let site_url = d.config.output.html.site_url();
    let mut pages: Vec<_> = d.pages.iter().collect();
    pages.sort_by(|x, y| x.order.cmp(&y.order).then(x.slug.cmp(&y.slug)));
    let r = Renderer {
        ix: Index::new(d, l),
        theme,
        mention_lists: mentions::MentionLists::new(theme),
        site: json!({
            "title": d.config.book.title,
            "description": d.config.book.description,
            "authors": d.config.book.authors,
            "language": d.config.book.language,
        }),
        nav_pages: Value::Array(
            pages
                .iter()
                .map(|p| json!({"title": p.title, "url": format!("{}.html", p.slug)}))
                .collect(),
        ),
        kind_labels: kind_labels(),
        site_url: site_url.clone(),
    };
    let diags = std::sync::Mutex::new(Diagnostics::new());
    // Every path written, to find two outputs with one name and for the sitemap.
    let paths = std::sync::Mutex::new(Vec::<String>::new());
    // Notes what became of one output: its path, or its error.
    let record = |path: &str, res: Result<(), Diagnostic>| match res {
        Ok(()) => paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.into()),
        Err(e) => diags.lock().unwrap_or_else(|e| e.into_inner()).push(e),
    };
    let emit = |res: Result<OutputFile, Diagnostic>| match res {
        Ok(f) => {
            let path = f.path.clone();
            record(&path, sink.file(f));
        }
        Err(e) => diags.lock().unwrap_or_else(|e| e.into_inner()).push(e),
    };
    // The data files and the one-of-a-kind pages are each a single serial
    // pass: they are spawned as tasks of their own, and the threads take
    // them between the pages of the parallel loops, so that no core waits
    // for the longest of them.
    rayon::scope(|s| {
        // dossier.json holds every text: streamed, never whole.
        let record_data = &record;
        s.spawn(move |_| {
            let write = &mut |w: &mut dyn std::io::Write| data::write_dossier_json(d, l, w);
            record_data("dossier.json", sink.stream("dossier.json", write))
        });
        // The search index: many small scripts, each handed over as made.
        let record_search = &record;
        s.spawn(move |_| search::write_files(d, l, &|p, b| record_search(p, sink.bytes(p, b))));
        let (r, emit) = (&r, &emit);
        type Single<'r> = fn(&Renderer<'r>) -> Result<OutputFile, Diagnostic>;
        let singles: [Single; 4] = [
            Renderer::index_page,
            Renderer::actors_index,
            Renderer::timeline_page,
            Renderer::sources_page,
        ];
        for page in singles {
            s.spawn(move |_| emit(page(r)));
        }
        s.spawn(|_| {
            r.free_pages(emit);
            r.special_pages(emit);
        });
        if let Some(u) = &site_url {
            s.spawn(move |_| emit(Ok(OutputFile::new("feed.xml", feeds::atom(d, u)))));
        }
        // The kinds of page are tasks too, so that a thread done with its
        // share of one kind takes up another instead of waiting for the
        // last pages of the first.
        s.spawn(|_| r.actor_pages(emit));
        s.spawn(|_| r.event_pages(emit));
        s.spawn(|_| r.seed_pages(emit));
        let record = &record;
        s.spawn(move |_| {
            d.seeds.par_iter().for_each(|(_, seed)| {
                let path = format!("seeds/{}", seed.file);
                let res = if seed.utf8 {
                    sink.bytes(&path, seed.text.as_bytes())
                } else {
                    sink.copy(&path, &seed.path)
                };
                record(&path, res);
            })
        });
        r.article_pages(emit);
    });
    for (name, bytes) in &theme.assets {
        emit(Ok(OutputFile::new(name.clone(), bytes.clone())));
    }
    emit(Ok(OutputFile::new(
        "highlight.css",
        crate::highlight::stylesheet(),
    )));
    emit(Ok(OutputFile::new(".nojekyll", Vec::new())));
    if let Some(u) = &site_url {
        let mut pages: Vec<String> = paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .filter(|p| p.ends_with(".html") && *p != "404.html")
            .cloned()
            .collect();
        pages.sort();
        let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
        emit(Ok(OutputFile::new(
            "sitemap.xml",
            feeds::sitemap(u, &pages),
        )));
    }
    let mut paths = paths.into_inner().unwrap_or_else(|e| e.into_inner());
    paths.sort();
    let mut diags = diags.into_inner().unwrap_or_else(|e| e.into_inner());
    for w in paths.windows(2) {
        if w[0] == w[1] {
            diags.push(
                Diagnostic::new(&w[0], format!("two outputs would be written to `{}`", w[0])).hint(
                    "a free page or template asset has the name of a generated page: rename it",
                ),
            );
        }
    }
    let rendered = Rendered {
        files: paths.len(),
        pages: paths.iter().filter(|p| p.ends_with(".html")).count(),
    };
    diags.into_result(rendered)
}
