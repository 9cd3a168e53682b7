//! What a timeline shows: one mark per event or dated article, with its
//! days, its shape and its words; where a mark sits on a scale.

use super::super::axis::Scale;
use super::describe::only_known;
use crate::i18n::Strings;
use crate::model::{Article, Event, PartialDate};
use std::fmt::Write;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Shape {
    /// A single known day.
    Day,
    /// From a date to an end date.
    Span,
    /// A date known only to the month or year: the whole period.
    Period,
    /// An article's publication.
    Article,
}

pub(super) struct Mark {
    pub href: String,
    pub label: String,
    /// Accessible name and tooltip: date, title, how sure.
    pub name: String,
    pub start: i64,
    /// Exclusive.
    pub end: i64,
    pub shape: Shape,
    /// Only the month or year is known (of the date or of the end).
    pub partial: bool,
    pub uncertain: bool,
    /// Drawn faintly without a link (the other events on an actor's strip).
    pub context: bool,
}

/// Narrowest a mark is drawn, px.
pub(super) const MIN_MARK_W: f64 = 6.0;
/// Room taken by the "?" beside an uncertain mark, px.
const QUESTION_W: f64 = 9.0;

impl Mark {
    pub(super) fn event(words: &Strings, e: &Event, root: &str, context: bool) -> Mark {
        let (s, t0) = e.date.day_span();
        let t = e.end.map(|x| x.day_span().1).unwrap_or(t0).max(t0);
        let shape = if e.end.is_some() {
            Shape::Span
        } else if e.date.is_partial() {
            Shape::Period
        } else {
            Shape::Day
        };
        Mark {
            href: format!("{root}events/{}.html", e.slug),
            label: e.title.clone(),
            name: event_name(words, e),
            start: s,
            end: t,
            shape,
            partial: e.date.is_partial() || e.end.is_some_and(|x| x.is_partial()),
            uncertain: e.date_uncertain,
            context,
        }
    }

    /// An article published on `published`.
    pub(super) fn article(t: &Strings, a: &Article, published: PartialDate, root: &str) -> Mark {
        let mut name = format!("{}: {} ({})", t.date(&published), a.title, a.source.name);
        if published.is_partial() {
            let _ = write!(name, ", {}", only_known(t, published.precision()));
        }
        let (s, t) = published.day_span();
        Mark {
            href: format!("{root}articles/{}.html", a.slug),
            label: format!("{}: {}", a.source.name, a.title),
            name,
            start: s,
            end: t,
            shape: if published.is_partial() {
                Shape::Period
            } else {
                Shape::Article
            },
            partial: published.is_partial(),
            uncertain: false,
            context: false,
        }
    }

    /// Whether a "?" is drawn beside it (not on faint context marks).
    pub(super) fn shows_question(&self) -> bool {
        self.uncertain && !self.context
    }

    /// Where it sits on `s`, at row top `y` with height `h`.
    pub(super) fn place(&self, s: &Scale, y: f64, h: f64) -> MarkBox {
        let (left, right) = self.extent(s);
        let reach = if self.shows_question() {
            right + QUESTION_W
        } else {
            right
        };
        MarkBox {
            left,
            right,
            reach,
            y,
            h,
        }
    }

    /// Left and right edge on `s`; a day is at least [`MIN_MARK_W`] wide,
    /// an article's diamond 10 px.
    fn extent(&self, s: &Scale) -> (f64, f64) {
        let (a, b) = (s.x(self.start), s.x(self.end));
        if self.shape == Shape::Article {
            let c = (a + b) / 2.0;
            return (c - 5.0, c + 5.0);
        }
        if b - a >= MIN_MARK_W {
            (a, b)
        } else {
            let c = (a + b) / 2.0;
            (c - MIN_MARK_W / 2.0, c + MIN_MARK_W / 2.0)
        }
    }

    /// Its CSS classes: shape, how sure, context.
    pub(super) fn classes(&self) -> String {
        let mut c = String::from("tl-mark");
        c.push_str(match self.shape {
            Shape::Day => " tl-day",
            Shape::Span => " tl-span",
            Shape::Period => " tl-period",
            Shape::Article => " tl-article",
        });
        if self.partial {
            c.push_str(" tl-partial");
        }
        if self.uncertain {
            c.push_str(" tl-uncertain");
        }
        if self.context {
            c.push_str(" tl-context");
        }
        c
    }
}

/// An event's accessible name: when, what, how sure.
fn event_name(t: &Strings, e: &Event) -> String {
    let when = match &e.end {
        Some(end) => format!("{} – {}", t.date(&e.date), t.date(end)),
        None => t.date(&e.date),
    };
    let mut name = format!("{when}: {}", e.title);
    if e.date.is_partial() && e.end.is_none() {
        let _ = write!(name, " ({})", only_known(t, e.date.precision()));
    }
    if e.date_uncertain {
        let _ = write!(name, " ({})", t.get("date.uncertain"));
    }
    name
}

/// A placed mark: its shape from `left` to `right` at row top `y`, height
/// `h`; `reach` is the right edge of all that is drawn (with a "?").
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct MarkBox {
    pub left: f64,
    pub right: f64,
    pub reach: f64,
    pub y: f64,
    pub h: f64,
}

/// The days the marks cover, padded by a thirtieth on each side (at least
/// a day): the domain of the scale.
pub(super) fn padded_days<'m>(marks: impl Iterator<Item = &'m Mark> + Clone) -> Option<(i64, i64)> {
    let min = marks.clone().map(|m| m.start).min()?;
    let max = marks.map(|m| m.end).max()?.max(min + 1);
    let pad = ((max - min) / 30).max(1);
    Some((min - pad, max + pad))
}

/// Days 0 to 100 over 1,000 px: the scale the layout tests draw on.
#[cfg(test)]
pub(super) fn test_scale() -> Scale<'static> {
    Scale {
        d0: 0,
        d1: 100,
        x0: 0.0,
        x1: 1000.0,
        months: super::super::axis::english_months(),
    }
}

#[cfg(test)]
pub(super) fn test_mark(start: i64, end: i64, shape: Shape, uncertain: bool) -> Mark {
    Mark {
        href: format!("e{start}.html"),
        label: format!("Event on day {start}"),
        name: String::new(),
        start,
        end,
        shape,
        partial: shape == Shape::Period,
        uncertain,
        context: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_widened_to_the_minimum_around_its_middle() {
        let b = test_mark(10, 11, Shape::Day, false).place(&test_scale(), 0.0, 8.0);
        assert_eq!((b.left, b.right, b.reach), (100.0, 110.0, 110.0));
        let narrow = Scale {
            x1: 200.0,
            ..test_scale()
        };
        let b = test_mark(10, 11, Shape::Day, false).place(&narrow, 0.0, 8.0);
        assert_eq!((b.left, b.right), (18.0, 24.0));
    }

    #[test]
    fn an_uncertain_mark_reaches_past_its_question_mark() {
        let b = test_mark(10, 20, Shape::Span, true).place(&test_scale(), 0.0, 8.0);
        assert_eq!((b.right, b.reach), (200.0, 209.0));
    }

    #[test]
    fn the_domain_is_padded() {
        let marks = [
            test_mark(100, 101, Shape::Day, false),
            test_mark(150, 400, Shape::Span, false),
        ];
        assert_eq!(padded_days(marks.iter()), Some((90, 410)));
        assert_eq!(padded_days([].iter()), None);
    }
}
