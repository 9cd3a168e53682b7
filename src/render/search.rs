//! The search index, shipped as a script that defines it (browsers block
//! `fetch()` on file://, as mdBook's `searchindex.js` works around).

use crate::link::Linked;
use crate::model::Dossier;
use serde_json::json;

pub fn index_js(d: &Dossier, l: &Linked) -> String {
    let mut docs = Vec::new();
    for (a, la) in d.articles.iter().zip(&l.articles) {
        docs.push(json!({"kind": "article", "title": a.title, "url": format!("articles/{}.html", a.slug),
            "text": format!("{} {} {}", a.source.name, a.summary.clone().unwrap_or_default(), la.body.plain)}));
        for x in &la.annotations {
            docs.push(json!({"kind": format!("{} note", x.kind.as_str()), "title": format!("Note {} on “{}”", x.number, a.title),
                "url": format!("articles/{}.html#note-{}", a.slug, x.number),
                "text": format!("“{}” {}", x.exact, x.note.plain)}));
        }
    }
    for (a, lt) in d.actors.iter().zip(&l.actors) {
        docs.push(json!({"kind": "actor", "title": a.name, "url": format!("actors/{}.html", a.slug),
            "text": format!("{} {} {}", a.role.clone().unwrap_or_default(), a.aliases.join(", "), lt.plain)}));
    }
    for (e, lt) in d.events.iter().zip(&l.events) {
        docs.push(
            json!({"kind": "event", "title": e.title, "url": format!("events/{}.html", e.slug),
            "text": format!("{} {}", e.date.human(), lt.plain)}),
        );
    }
    for (p, lt) in d.pages.iter().zip(&l.pages) {
        docs.push(json!({"kind": "page", "title": p.title, "url": format!("{}.html", p.slug), "text": lt.plain}));
    }
    let data =
        serde_json::to_string(&json!({ "docs": docs })).unwrap_or_else(|_| "{\"docs\":[]}".into());
    // `</script>` cannot occur in a JSON string written by serde for a .js
    // file loaded by src, but keep `<` escaped anyway for inline reuse.
    format!(
        "window.DOSSIER_SEARCH = {};\n",
        data.replace('<', "\\u003c")
    )
}
