//! The words of a timeline: its `<title>` and the `<desc>` that states its
//! content for those who do not see it.

use super::super::plural;
use super::Size;
use crate::model::Event;
use std::fmt::Write;

pub(super) fn timeline_title(size: Size) -> &'static str {
    match size {
        Size::Full => "Timeline of events and articles",
        Size::FullEventsOnly => "Timeline of events",
        Size::Strip => "Timeline strip",
    }
}

/// How many events, from when to when, how many of each kind of uncertain
/// or long mark; then the articles and context drawn with them.
pub(super) fn describe_timeline(
    events: &[&Event],
    n_articles: usize,
    with_context: bool,
) -> Option<String> {
    let first = events.iter().map(|e| e.date).min()?;
    let last = events.iter().map(|e| e.end.unwrap_or(e.date)).max()?;
    let mut desc = format!(
        "{} event{} from {} to {}",
        events.len(),
        plural(events.len()),
        first.human(),
        last.human()
    );
    let kinds = mark_kinds(events);
    if !kinds.is_empty() {
        let _ = write!(desc, ": {}", kinds.join("; "));
    }
    desc.push('.');
    if n_articles > 0 {
        let _ = write!(
            desc,
            " Below them, {n_articles} dated source article{} (diamonds).",
            plural(n_articles)
        );
    }
    if with_context {
        desc.push_str(" The dossier's other events are drawn faintly for context.");
    }
    desc.push_str(" The list that follows gives every event as text.");
    Some(desc)
}

/// The marks other than single known days, counted, with how they look.
fn mark_kinds(events: &[&Event]) -> Vec<String> {
    let n_partial = events.iter().filter(|e| e.date.is_partial()).count();
    let n_spans = events.iter().filter(|e| e.end.is_some()).count();
    let n_uncertain = events.iter().filter(|e| e.date_uncertain).count();
    let mut kinds = Vec::new();
    if n_spans > 0 {
        kinds.push(format!("{n_spans} lasting several days (bars)"));
    }
    if n_partial > 0 {
        kinds.push(format!(
            "{n_partial} known only to the month or year (light dashed bars across the whole period)"
        ));
    }
    if n_uncertain > 0 {
        kinds.push(format!(
            "{n_uncertain} with an uncertain date (hollow, marked with a question mark)"
        ));
    }
    kinds
}
