//! The date axis of a timeline: period bands (months, or years for long
//! spans) with their names, and labelled day (or month) ticks with light
//! grid lines down to the bottom of the drawing.

use super::markup::{Line, Text};
use super::text_metrics::text_w;
use crate::model::date::{civil_from_days, days_from_civil};

/// Day numbers → x, over [d0, d1).
pub(super) struct Scale<'m> {
    pub d0: i64,
    pub d1: i64,
    pub x0: f64,
    pub x1: f64,
    /// The names of the months, January first, in the interface's
    /// language: the bands' and ticks' labels.
    pub months: &'m [String],
}

/// The English month names, for the layout tests.
#[cfg(test)]
pub(super) fn english_months() -> &'static [String] {
    static MONTHS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    MONTHS.get_or_init(|| crate::i18n::Strings::english_default().month_names())
}

impl Scale<'_> {
    /// The name of `month` (1 to 12).
    fn month_name(&self, month: u8) -> &str {
        usize::from(month)
            .checked_sub(1)
            .and_then(|i| self.months.get(i))
            .map_or("", String::as_str)
    }

    /// Pixels per day.
    pub(super) fn ppd(&self) -> f64 {
        (self.x1 - self.x0) / (self.d1 - self.d0) as f64
    }

    /// The left edge of day `d`.
    pub(super) fn x(&self, d: i64) -> f64 {
        self.x0 + (d - self.d0) as f64 * self.ppd()
    }

    /// Whether the axis is banded by year and ticked by month: past 400
    /// days, or when a month is too narrow for a three-letter name (a year
    /// on a phone), whose bands would otherwise go unlabelled.
    fn is_long(&self) -> bool {
        let month = self.ppd() * 30.0;
        self.d1 - self.d0 > 400 || month - 6.0 < band_w("Mmm")
    }
}

/// Size of the band names, px.
const BAND_FONT: f64 = 12.0;

/// Rough width of a band name: bold (the stylesheet's `.tl-band`), about a
/// tenth wider than [`text_w`] measures (found on a wide timeline, where
/// "March 2022" ran into the next month's line).
fn band_w(s: &str) -> f64 {
    text_w(s, BAND_FONT) * 1.1
}

/// Least distance between two ticks, px.
const TICK_GAP: f64 = 22.0;
/// Below the axis top: the baseline of band names, of tick labels, and the
/// axis line (where the grid lines start).
const BAND_BASELINE: f64 = 12.0;
const TICK_BASELINE: f64 = 27.0;
const AXIS_LINE: f64 = 31.0;

/// One calendar period drawn as a band, clipped to the scale.
pub(super) struct Band {
    /// Its left edge, where the line before it is drawn.
    pub x0: f64,
    /// The longest form of its name that fits, or empty.
    pub label: String,
}

/// One labelled tick: a day (its middle) or, on a long axis, a month (its
/// first day).
pub(super) struct Tick {
    pub x: f64,
    pub label: String,
}

/// The laid-out axis, from `top` (band names) to `bottom` (grid lines).
pub(super) struct Axis {
    pub top: f64,
    pub bottom: f64,
    pub x0: f64,
    pub x1: f64,
    pub bands: Vec<Band>,
    pub ticks: Vec<Tick>,
}

/// Lays out the axis of `s` between `top` and `bottom`.
pub(super) fn layout(s: &Scale, top: f64, bottom: f64) -> Axis {
    let months = !s.is_long();
    let bands = periods(s)
        .into_iter()
        .map(|p| {
            let (x0, x1) = (s.x(p.start), s.x(p.end));
            let label = band_label(p.full, p.short, x1 - x0 - 6.0, months);
            Band { x0, label }
        })
        .collect();
    Axis {
        top,
        bottom,
        x0: s.x0,
        x1: s.x1,
        bands,
        ticks: ticks(s),
    }
}

/// A month (or a year on a long axis) within the scale: its days, clipped
/// to [d0, d1), and its name in full and short.
struct Period {
    start: i64,
    end: i64,
    full: String,
    short: String,
}

/// The periods the scale covers, in order.
fn periods(s: &Scale) -> Vec<Period> {
    let long = s.is_long();
    let mut out = Vec::new();
    let (y0, m0, _) = civil_from_days(s.d0);
    let (mut y, mut m) = (y0, if long { 1 } else { m0 });
    loop {
        let start = days_from_civil((y, m, 1));
        let (ny, nm) = if long || m == 12 {
            (y + 1, 1)
        } else {
            (y, m + 1)
        };
        let end = days_from_civil((ny, nm, 1));
        if start >= s.d1 {
            break;
        }
        if end > s.d0 {
            let (full, short) = if long {
                (y.to_string(), y.to_string())
            } else {
                let name = s.month_name(m);
                // The first three letters (by characters: not every
                // language's month names are ASCII).
                let abbr: String = name.chars().take(3).collect();
                (format!("{name} {y}"), format!("{abbr} {y}"))
            };
            out.push(Period {
                start: start.max(s.d0),
                end: end.min(s.d1),
                full,
                short,
            });
        }
        y = ny;
        m = nm;
    }
    out
}

/// The longest of `full`, `short` and, for a `month`, the first three
/// characters of `short` (a year is never cut: `202` is no year) that
/// fits `room` px; empty when none does.
fn band_label(full: String, short: String, room: f64, month: bool) -> String {
    // Cut by characters, never bytes: not every month's name is ASCII.
    let shortest: String = short.chars().take(3).collect();
    if band_w(&full) <= room {
        full
    } else if band_w(&short) <= room {
        short
    } else if month && band_w(&shortest) <= room {
        shortest
    } else {
        String::new()
    }
}

/// Ticks: the candidate days (or months), then those too close dropped.
fn ticks(s: &Scale) -> Vec<Tick> {
    let long = s.is_long();
    let ppd = s.ppd();
    let tick_x = |day: i64| if long { s.x(day) } else { s.x(day) + ppd / 2.0 };
    let mut out: Vec<Tick> = Vec::new();
    for day in s.d0..s.d1 {
        let (_, month, dd) = civil_from_days(day);
        if !tick_wanted(long, ppd, month, dd) {
            continue;
        }
        let x = tick_x(day);
        if let Some(prev) = out.last() {
            if x - prev.x < TICK_GAP {
                // Keep the first of a month over the day before it.
                if dd == 1 {
                    out.pop();
                } else {
                    continue;
                }
            }
        }
        let label = if long {
            s.month_name(month).chars().take(1).collect()
        } else {
            dd.to_string()
        };
        out.push(Tick { x, label });
    }
    out
}

/// Whether day `dd` of `month` is a tick candidate at `ppd` pixels per
/// day: every day, every other, weekly or fortnightly as room allows; on a
/// long axis the first of every month, or of every quarter.
fn tick_wanted(long: bool, ppd: f64, month: u8, dd: u8) -> bool {
    if long {
        dd == 1 && (ppd * 30.0 >= 26.0 || (ppd * 91.0 >= 26.0 && (month - 1).is_multiple_of(3)))
    } else if ppd >= TICK_GAP {
        true
    } else if ppd * 2.0 >= TICK_GAP {
        dd % 2 == 1 && dd != 31
    } else if ppd * 7.0 >= TICK_GAP {
        matches!(dd, 1 | 8 | 15 | 22 | 29)
    } else if ppd * 14.0 >= TICK_GAP {
        matches!(dd, 1 | 15)
    } else {
        false
    }
}

impl Axis {
    pub(super) fn write(&self, out: &mut String) {
        for (i, band) in self.bands.iter().enumerate() {
            if i > 0 {
                Line::vertical("tl-grid-major", band.x0, self.top, self.bottom).write(out);
            }
            if !band.label.is_empty() {
                Text {
                    class: "tl-band",
                    x: band.x0 + 4.0,
                    y: self.top + BAND_BASELINE,
                    anchor: None,
                    text: &band.label,
                }
                .write(out);
            }
        }
        for tick in &self.ticks {
            Line::vertical("tl-grid", tick.x, self.top + AXIS_LINE, self.bottom).write(out);
            Text {
                class: "tl-tick",
                x: tick.x,
                y: self.top + TICK_BASELINE,
                anchor: Some("middle"),
                text: &tick.label,
            }
            .write(out);
        }
        Line::horizontal("tl-axis", self.x0, self.x1, self.top + AXIS_LINE).write(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale(from: (i32, u8, u8), to: (i32, u8, u8), width: f64) -> Scale<'static> {
        Scale {
            d0: days_from_civil(from),
            d1: days_from_civil(to),
            x0: 8.0,
            x1: width - 8.0,
            months: english_months(),
        }
    }

    #[test]
    fn bands_follow_the_months_in_order() {
        let s = scale((2022, 1, 20), (2022, 4, 10), 1040.0);
        let axis = layout(&s, 2.0, 100.0);
        assert_eq!(axis.bands[0].x0, s.x0);
        assert_eq!(axis.bands[1].x0, s.x(days_from_civil((2022, 2, 1))));
        assert!(axis.bands.windows(2).all(|p| p[0].x0 < p[1].x0));
        assert!(axis.bands.iter().all(|b| b.x0 < s.x1));
        let labels: Vec<&str> = axis.bands.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(
            labels,
            ["January 2022", "February 2022", "March 2022", "April 2022"]
        );
    }

    #[test]
    fn band_names_shorten_to_fit() {
        let label = |room| band_label("September 2022".into(), "Sep 2022".into(), room, true);
        assert_eq!(label(500.0), "September 2022");
        assert_eq!(label(70.0), "Sep 2022");
        assert_eq!(label(28.0), "Sep");
        assert_eq!(label(5.0), "");
        // A year is whole or not written.
        assert_eq!(band_label("2021".into(), "2021".into(), 26.0, false), "");
    }

    #[test]
    fn long_spans_are_banded_by_year_and_ticked_by_month() {
        let s = scale((2019, 6, 1), (2022, 3, 1), 1040.0);
        let axis = layout(&s, 2.0, 100.0);
        let years: Vec<&str> = axis.bands.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(years, ["2019", "2020", "2021", "2022"]);
        assert!(axis.ticks.iter().all(|t| t.label.len() == 1));
    }

    #[test]
    fn ticks_are_in_order_and_never_closer_than_the_gap() {
        for (from, to, width) in [
            ((2022, 1, 1), (2022, 1, 20), 1040.0),
            ((2022, 1, 1), (2022, 3, 1), 1040.0),
            ((2022, 1, 1), (2022, 3, 1), 350.0),
            ((2022, 1, 1), (2022, 8, 1), 350.0),
            ((2015, 1, 1), (2022, 12, 31), 1040.0),
        ] {
            let axis = layout(&scale(from, to, width), 2.0, 100.0);
            assert!(!axis.ticks.is_empty(), "{from:?}..{to:?} at {width}");
            for pair in axis.ticks.windows(2) {
                assert!(pair[1].x - pair[0].x >= TICK_GAP, "{from:?}..{to:?}");
            }
        }
    }

    #[test]
    fn a_year_on_a_phone_is_banded_by_year_and_ticked_by_month() {
        // Month bands would be too narrow for their names (found on a
        // phone: a year's axis showed "Jul" alone).
        let axis = layout(&scale((2022, 1, 1), (2022, 12, 31), 350.0), 2.0, 100.0);
        let bands: Vec<&str> = axis.bands.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(bands, ["2022"]);
        let ticks: Vec<&str> = axis.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(ticks.len(), 12, "{ticks:?}");
        assert!(ticks.iter().all(|t| t.chars().count() == 1));
        // Seven months on a phone still have room for their names.
        let axis = layout(&scale((2022, 1, 1), (2022, 8, 1), 350.0), 2.0, 100.0);
        assert!(axis.bands.iter().all(|b| !b.label.is_empty()));
    }

    #[test]
    fn a_wide_short_span_ticks_every_day_at_its_middle() {
        let s = scale((2022, 1, 1), (2022, 1, 11), 1040.0);
        let axis = layout(&s, 2.0, 100.0);
        let labels: Vec<&str> = axis.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
        assert_eq!(axis.ticks[0].x, s.x0 + s.ppd() / 2.0);
    }
}
