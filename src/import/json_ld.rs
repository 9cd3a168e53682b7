//! What a saved page's schema.org JSON-LD says of its article: many news
//! sites give their headline, date and publisher there and not in Open
//! Graph tags. Read as plain JSON (no context is fetched): the first node
//! typed as an article, in any `<script type="application/ld+json">`,
//! at its top or in an `@graph`, with `publisher` followed when it is a
//! reference to another node by `@id`.

use dom_query::Document;
use serde_json::Value;

/// The article's values, each as written, trimmed, left out when empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LdArticle {
    pub headline: Option<String>,
    pub published: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
}

/// The article of the page's JSON-LD, or nothing.
pub(crate) fn article_of(doc: &Document) -> LdArticle {
    let mut nodes = Vec::new();
    for script in doc.select("script[type=\"application/ld+json\"]").nodes() {
        if let Ok(v) = serde_json::from_str::<Value>(script.text().trim()) {
            collect_nodes(v, &mut nodes);
        }
    }
    let Some(article) = nodes.iter().find(|n| is_article(n)) else {
        return LdArticle::default();
    };
    let by_id = |v: &Value| -> Option<Value> {
        let id = v.get("@id")?.as_str()?;
        nodes
            .iter()
            .find(|n| n.get("@id").and_then(Value::as_str) == Some(id) && n.get("name").is_some())
            .cloned()
    };
    let publisher = article.get("publisher").map(first).map(|p| match by_id(p) {
        Some(node) if p.get("name").is_none() => node,
        _ => p.clone(),
    });
    LdArticle {
        headline: text(article, &["headline", "name"]),
        published: text(article, &["datePublished", "dateCreated"]),
        publisher: publisher.as_ref().and_then(name_of),
        url: ["url", "mainEntityOfPage"]
            .into_iter()
            .filter_map(|k| text(article, &[k]))
            .find(|u| u.starts_with("https://") || u.starts_with("http://")),
        language: text(article, &["inLanguage"]),
    }
}

/// Every node of a JSON-LD document: itself, the items of an array, the
/// nodes of an `@graph`.
fn collect_nodes(v: Value, out: &mut Vec<Value>) {
    match v {
        Value::Array(items) => items.into_iter().for_each(|i| collect_nodes(i, out)),
        Value::Object(mut m) => {
            if let Some(graph) = m.remove("@graph") {
                collect_nodes(graph, out);
            }
            out.push(Value::Object(m));
        }
        _ => {}
    }
}

/// Whether a node is typed as an article (`NewsArticle`, `Article`,
/// `ReportageNewsArticle`, `BlogPosting`…).
fn is_article(node: &Value) -> bool {
    let is = |t: &str| t.ends_with("Article") || t.ends_with("BlogPosting");
    match node.get("@type") {
        Some(Value::String(t)) => is(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is),
        _ => false,
    }
}

/// The first of a value that may be a list.
fn first(v: &Value) -> &Value {
    match v {
        Value::Array(items) => items.first().unwrap_or(v),
        _ => v,
    }
}

/// The first of `keys` that gives text: a string, or the `@id` of a
/// reference (`mainEntityOfPage: {"@id": "https://…"}`).
fn text(node: &Value, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| {
        let v = first(node.get(*k)?);
        let s = v.as_str().or_else(|| v.get("@id")?.as_str())?;
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        (!s.is_empty()).then_some(s)
    })
}

/// A publisher's name: the node's `name`, or the string it is.
fn name_of(v: &Value) -> Option<String> {
    let s = v.as_str().or_else(|| v.get("name")?.as_str())?;
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_news_article_in_a_graph_with_its_publisher_by_reference() {
        let html = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"Organization","@id":"https://x.example/#org","name":"The  Courier"},
            {"@type":"WebPage","@id":"https://x.example/a","name":"Page"},
            {"@type":["NewsArticle"],"headline":"Floods close the road","datePublished":"2031-05-12T08:00:00Z",
             "publisher":{"@id":"https://x.example/#org"},"mainEntityOfPage":{"@id":"https://x.example/a"},
             "inLanguage":"en-GB"}]}</script>
            <script type="application/ld+json">not json</script>"#;
        let ld = article_of(&Document::from(html));
        assert_eq!(
            ld,
            LdArticle {
                headline: Some("Floods close the road".into()),
                published: Some("2031-05-12T08:00:00Z".into()),
                publisher: Some("The Courier".into()),
                url: Some("https://x.example/a".into()),
                language: Some("en-GB".into()),
            }
        );
    }

    #[test]
    fn a_relative_url_gives_way_to_an_absolute_main_entity() {
        let html = r#"<script type="application/ld+json">{"@type":"NewsArticle","url":"/news/x",
            "mainEntityOfPage":"https://x.example/news/x"}</script>"#;
        let ld = article_of(&Document::from(html));
        assert_eq!(ld.url.as_deref(), Some("https://x.example/news/x"));
    }

    #[test]
    fn no_article_gives_nothing() {
        let html =
            r#"<script type="application/ld+json">[{"@type":"WebSite","name":"Site"}]</script>"#;
        assert_eq!(article_of(&Document::from(html)), LdArticle::default());
    }
}
