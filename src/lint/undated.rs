//! `undated-event`: an event without a date cannot be loaded (`date` is
//! required), so what this rule finds is the next thing: an event dated
//! only to the year or the month, or marked `date_uncertain`, with no
//! `date_note` saying why. The reader is left to guess whether the day is
//! unknown or was left out.

use super::{rest_of_line, Warning, UNDATED_EVENT};
use crate::model::{Dossier, Event};

/// What the event's date lacks, and a note that would say why, when it
/// needs one.
fn vagueness(e: &Event) -> Option<(String, &'static str)> {
    if e.date_note.is_some() {
        return None;
    }
    let date = e.date;
    match (date.month, date.day) {
        (None, _) => Some((
            format!("is dated only to the year ({date})"),
            "the sources give only the year",
        )),
        (Some(_), None) => Some((
            format!("is dated only to the month ({date})"),
            "the sources give only the month",
        )),
        _ if e.date_uncertain => Some((
            format!("has an uncertain date ({date})"),
            "one source gives this day; the others none",
        )),
        _ => None,
    }
}

pub(super) fn check(d: &Dossier) -> Vec<Warning> {
    let mut found = Vec::new();
    for e in &d.events {
        let Some((vague, example)) = vagueness(e) else {
            continue;
        };
        let src = &e.text;
        let at = src
            .nth_front_matter_line(0, |l| l.starts_with("date:"))
            .unwrap_or(0);
        let message = format!("the event {vague} and no `date_note` says why");
        let hint = format!(
            "add a `date_note` saying what the sources give, such as `date_note: \"{example}\"`"
        );
        found.push(
            Warning::new(UNDATED_EVENT, &src.path, message, &e.title)
                .with(|w| w.at_span(&src.file, rest_of_line(&src.file, at)).hint(hint)),
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fixture, shown};
    use super::check;

    #[test]
    fn a_vague_date_needs_a_note() {
        let event = |date: &str, more: &str| {
            format!("---\ntitle: E\ndate: {date}\n{more}---\nIt happened.\n")
        };
        let f = fixture(&[
            ("content/events/a.md", &event("2031", "")),
            ("content/events/b.md", &event("2031-05", "")),
            (
                "content/events/c.md",
                &event("2031-05-13", "date_uncertain: true\n"),
            ),
            ("content/events/d.md", &event("2031-05-13", "")),
            (
                "content/events/e.md",
                &event("2031", "date_note: \"only the year\"\n"),
            ),
        ]);
        assert_eq!(
            shown(&check(&f.dossier)),
            [
                "undated-event: the event is dated only to the year (2031) and no `date_note` says why @ 3",
                "undated-event: the event is dated only to the month (2031-05) and no `date_note` says why @ 3",
                "undated-event: the event has an uncertain date (2031-05-13) and no `date_note` says why @ 3",
            ]
        );
    }
}
