//! `dossier.json`: the dossier as data, annotations as W3C Web Annotations
//! (https://www.w3.org/TR/annotation-model/) with TextQuoteSelectors.

use crate::link::Linked;
use crate::model::Dossier;
use serde_json::json;

pub fn dossier_json(d: &Dossier, l: &Linked) -> String {
    let articles: Vec<_> = d
        .articles
        .iter()
        .map(|a| {
            json!({
                "slug": a.slug, "title": a.title, "url": format!("articles/{}.html", a.slug),
                "source": a.source, "published": a.published, "date_note": a.date_note,
                "seed": a.seed, "seed_url": format!("seeds/{}", a.seed),
                "language": a.language, "translated_from": a.translated_from, "summary": a.summary,
            })
        })
        .collect();
    let actors: Vec<_> = d
        .actors
        .iter()
        .map(|a| json!({"slug": a.slug, "name": a.name, "kind": a.kind, "role": a.role, "aliases": a.aliases, "url": format!("actors/{}.html", a.slug)}))
        .collect();
    let events: Vec<_> = d
        .events
        .iter()
        .map(|e| json!({"slug": e.slug, "title": e.title, "date": e.date, "end": e.end, "date_note": e.date_note,
            "date_uncertain": e.date_uncertain, "actors": e.actors, "aliases": e.aliases, "url": format!("events/{}.html", e.slug)}))
        .collect();
    let mentions: Vec<_> = l
        .mentions
        .iter()
        .map(|m| {
            json!({"target": m.target.to_string(), "source": m.source.to_string(),
            "url": format!("{}#{}", m.source.url(), m.id), "text": m.text, "in_note": m.in_note})
        })
        .collect();
    let mut annotations = Vec::new();
    for (a, la) in d.articles.iter().zip(&l.articles) {
        for x in &la.annotations {
            let mut body = vec![
                json!({"type": "TextualBody", "purpose": "commenting", "format": "text/markdown", "value": x.note_markdown}),
            ];
            body.push(
                json!({"type": "TextualBody", "purpose": "classifying", "value": x.kind.as_str()}),
            );
            for s in &x.actors {
                body.push(json!({"type": "SpecificResource", "purpose": "tagging", "source": format!("actors/{s}.html")}));
            }
            for s in &x.events {
                body.push(json!({"type": "SpecificResource", "purpose": "tagging", "source": format!("events/{s}.html")}));
            }
            annotations.push(json!({
                "@context": "http://www.w3.org/ns/anno.jsonld",
                "id": format!("articles/{}.html#ann-{}", a.slug, x.number),
                "type": "Annotation",
                "motivation": "commenting",
                "body": body,
                "target": {
                    "source": format!("articles/{}.html", a.slug),
                    "selector": {"type": "TextQuoteSelector", "exact": x.exact, "prefix": x.prefix, "suffix": x.suffix},
                },
            }));
        }
    }
    let doc = json!({
        "title": d.config.book.title,
        "description": d.config.book.description,
        "articles": articles,
        "actors": actors,
        "events": events,
        "mentions": mentions,
        "annotations": annotations,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
