//! The words of a timeline: its `<title>` and the `<desc>` that states its
//! content for those who do not see it, in the interface's language.

use super::Size;
use crate::i18n::Strings;
use crate::model::Event;

pub(super) fn timeline_title(t: &Strings, size: Size) -> &str {
    t.get(match size {
        Size::Full => "chart.timeline_full",
        Size::FullEventsOnly => "chart.timeline_events",
        Size::Strip => "chart.timeline_strip",
    })
}

/// How many events, from when to when, how many of each kind of uncertain
/// or long mark; then the articles and context drawn with them.
pub(super) fn describe_timeline(
    t: &Strings,
    events: &[&Event],
    n_articles: usize,
    with_context: bool,
) -> Option<String> {
    let first = events.iter().map(|e| e.date).min()?;
    let last = events.iter().map(|e| e.end.unwrap_or(e.date)).max()?;
    let n = events.len();
    let counted = format!("{n} {}", t.count("count.event", n as u64));
    let mut desc = t.fill(
        "chart.events_from_to",
        &[
            ("events", &counted),
            ("from", &t.date(&first)),
            ("to", &t.date(&last)),
        ],
    );
    let kinds = mark_kinds(t, events);
    if !kinds.is_empty() {
        desc.push_str(": ");
        desc.push_str(&kinds.join("; "));
    }
    desc.push('.');
    if n_articles > 0 {
        let articles = format!(
            "{n_articles} {}",
            t.count("chart.dated_source_article", n_articles as u64)
        );
        desc.push(' ');
        desc.push_str(&t.fill("chart.articles_below", &[("articles", &articles)]));
    }
    if with_context {
        desc.push(' ');
        desc.push_str(t.get("chart.context"));
    }
    desc.push(' ');
    desc.push_str(t.get("chart.list_follows"));
    Some(desc)
}

/// The marks other than single known days, counted, with how they look.
fn mark_kinds(t: &Strings, events: &[&Event]) -> Vec<String> {
    let n_partial = events.iter().filter(|e| e.date.is_partial()).count();
    let n_spans = events.iter().filter(|e| e.end.is_some()).count();
    let n_uncertain = events.iter().filter(|e| e.date_uncertain).count();
    [
        (n_spans, "chart.spans"),
        (n_partial, "chart.partial"),
        (n_uncertain, "chart.uncertain"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, key)| t.fill(key, &[("n", &n)]))
    .collect()
}

/// "only the month is known", in the interface's language.
pub(super) fn only_known(t: &Strings, precision: &str) -> String {
    let word = t.get(match precision {
        "day" => "chart.precision_day",
        "month" => "chart.precision_month",
        _ => "chart.precision_year",
    });
    t.fill("chart.only_known", &[("precision", &word)])
}
