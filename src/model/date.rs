//! Partial dates: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.

use serde::{Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// The days of the week, in English, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Why a text is not a date, with the text as written (trimmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: more than three parts.
    NotADate { text: String },
    /// A valid date with a time after it (`2022-01-07T10:00:00Z`, as
    /// web pages and feeds write them): `date` is the date alone.
    WithTime { text: String, date: String },
    /// A part that is not all digits of the right length.
    BadPart { text: String, part: DatePart },
    /// A month outside 01 to 12.
    BadMonth { text: String, month: u32 },
    /// A day that the month does not have.
    NoSuchDay {
        text: String,
        year: i32,
        month: u8,
        max: u32,
    },
}

/// The parts of a date, each with the number of digits it is written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePart {
    Year,
    Month,
    Day,
}

impl DatePart {
    fn digits(self) -> usize {
        match self {
            DatePart::Year => 4,
            DatePart::Month | DatePart::Day => 2,
        }
    }
    fn name(self) -> &'static str {
        match self {
            DatePart::Year => "year",
            DatePart::Month => "month",
            DatePart::Day => "day",
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::NotADate { text } => write!(f, "`{text}` is not a date"),
            DateError::WithTime { text, date } => write!(
                f,
                "`{text}` is a date with a time: write the date alone, `{date}`"
            ),
            DateError::BadPart { text, part } => write!(
                f,
                "`{text}` is not a date: the {} must be {} digits",
                part.name(),
                part.digits()
            ),
            DateError::BadMonth { text, month } => {
                write!(f, "`{text}` has no month {month}: months run from 01 to 12")
            }
            DateError::NoSuchDay {
                text,
                year,
                month,
                max,
            } => write!(
                f,
                "`{text}` does not exist: {} {year} has {max} days",
                MONTHS[usize::from(*month).clamp(1, 12) - 1]
            ),
        }
    }
}

impl std::error::Error for DateError {}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(s: &str) -> Result<PartialDate, DateError> {
        let s = s.trim();
        if let Some((date, time)) = s.split_once(['T', 't', ' ']) {
            let is_time = time.starts_with(|c: char| c.is_ascii_digit());
            if is_time && date.len() == 10 && PartialDate::parse(date).is_ok() {
                return Err(DateError::WithTime {
                    text: s.to_string(),
                    date: date.to_string(),
                });
            }
        }
        let text = || s.to_string();
        let num = |p: &str, part: DatePart| -> Result<u32, DateError> {
            if p.len() != part.digits() || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DateError::BadPart { text: text(), part });
            }
            Ok(p.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
        };
        let parts: Vec<&str> = s.split('-').collect();
        if parts.len() > 3 {
            return Err(DateError::NotADate { text: text() });
        }
        // Four digits: at most 9999, which an i32 holds.
        let year = num(parts[0], DatePart::Year)? as i32;
        let month = match parts.get(1) {
            Some(m) => {
                let m = num(m, DatePart::Month)?;
                if !(1..=12).contains(&m) {
                    return Err(DateError::BadMonth {
                        text: text(),
                        month: m,
                    });
                }
                Some(m as u8)
            }
            None => None,
        };
        let day = match parts.get(2) {
            Some(d) => {
                let d = num(d, DatePart::Day)?;
                let month = month.unwrap_or(1);
                let max = days_in_month(year, month);
                if d < 1 || d > max {
                    return Err(DateError::NoSuchDay {
                        text: text(),
                        year,
                        month,
                        max,
                    });
                }
                Some(d as u8)
            }
            None => None,
        };
        Ok(PartialDate { year, month, day })
    }

    pub fn is_partial(&self) -> bool {
        self.day.is_none()
    }

    /// Sort key placing a partial date at the start of its period.
    pub fn sort_key(&self) -> (i32, u8, u8) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }

    /// The first and last full day the date may mean, as (year, month, day).
    pub fn range(&self) -> ((i32, u8, u8), (i32, u8, u8)) {
        let m0 = self.month.unwrap_or(1);
        let m1 = self.month.unwrap_or(12);
        let d0 = self.day.unwrap_or(1);
        let d1 = self.day.unwrap_or(days_in_month(self.year, m1) as u8);
        ((self.year, m0, d0), (self.year, m1, d1))
    }

    /// Human form: "7 January 2022", "January 2022", "2022".
    pub fn human(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[m as usize - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[m as usize - 1], self.year),
            _ => self.year.to_string(),
        }
    }

    /// Precision word: "day", "month" or "year".
    pub fn precision(&self) -> &'static str {
        match (self.month, self.day) {
            (Some(_), Some(_)) => "day",
            (Some(_), None) => "month",
            _ => "year",
        }
    }
}

pub fn days_in_month(year: i32, month: u8) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Whether `word` is the English name of a month or a day of the week
/// (`March`, `Friday`).
pub(crate) fn is_month_or_day_name(word: &str) -> bool {
    MONTHS.contains(&word) || WEEKDAYS.contains(&word)
}

/// The English name of `month` (1 to 12); empty for any other number.
pub fn month_name(month: u8) -> &'static str {
    usize::from(month)
        .checked_sub(1)
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("")
}

/// Days since 1970-01-01 (negative before it) of a (year, month, day) in
/// the proleptic Gregorian calendar.
pub fn days_from_civil((year, month, day): (i32, u8, u8)) -> i64 {
    // Howard Hinnant's days_from_civil: years start in March, so that the
    // leap day is the last of its year.
    let y = if month <= 2 { year - 1 } else { year } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let year_of_era = y - era * 400;
    let m = month as i64;
    let day_of_year = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146097 + day_of_era - 719468
}

/// The (year, month, day) of a day number: the inverse of
/// [`days_from_civil`].
pub fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let day_of_era = z - era * 146097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    let y = year_of_era + era * 400;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let d = day_of_year - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    ((if m <= 2 { y + 1 } else { y }) as i32, m as u8, d as u8)
}

impl PartialDate {
    /// The days the date may mean as day numbers ([`days_from_civil`]):
    /// `[first, last + 1)`, so a full date spans one day and `2022` 365.
    pub fn day_span(&self) -> (i64, i64) {
        let (first, last) = self.range();
        (days_from_civil(first), days_from_civil(last) + 1)
    }
}

impl fmt::Display for PartialDate {
    /// ISO form, valid in `<time datetime>`: `2022`, `2022-01`, `2022-01-07`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.sort_key().cmp(&other.sort_key())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_after_a_date_is_told_but_not_a_word() {
        let e = PartialDate::parse("2023-08-30T09:15:00Z").unwrap_err();
        assert!(matches!(e, DateError::WithTime { ref date, .. } if date == "2023-08-30"));
        let e = PartialDate::parse("2023-08-30 09:15").unwrap_err();
        assert!(matches!(e, DateError::WithTime { .. }));
        let e = PartialDate::parse("2023-08-30 approx").unwrap_err();
        assert!(matches!(e, DateError::BadPart { .. }), "{e:?}");
    }

    #[test]
    fn parses_all_precisions() {
        assert_eq!(PartialDate::parse("2022").unwrap().to_string(), "2022");
        assert_eq!(
            PartialDate::parse("2022-01").unwrap().human(),
            "January 2022"
        );
        assert_eq!(
            PartialDate::parse("2022-01-07").unwrap().human(),
            "7 January 2022"
        );
        assert_eq!(PartialDate::parse("2024-02-29").unwrap().day, Some(29));
    }

    #[test]
    fn rejects_impossible_dates() {
        let e = PartialDate::parse("2021-13-45").unwrap_err();
        assert!(matches!(e, DateError::BadMonth { month: 13, .. }));
        assert_eq!(
            e.to_string(),
            "`2021-13-45` has no month 13: months run from 01 to 12"
        );
        let e = PartialDate::parse(" 2023-02-29").unwrap_err();
        assert!(matches!(e, DateError::NoSuchDay { max: 28, .. }));
        assert_eq!(
            e.to_string(),
            "`2023-02-29` does not exist: February 2023 has 28 days"
        );
        assert_eq!(
            PartialDate::parse("22-01-01").unwrap_err().to_string(),
            "`22-01-01` is not a date: the year must be 4 digits"
        );
        assert!(matches!(
            PartialDate::parse("2022/01/01"),
            Err(DateError::BadPart {
                part: DatePart::Year,
                ..
            })
        ));
        assert!(matches!(
            PartialDate::parse("2022-1"),
            Err(DateError::BadPart {
                part: DatePart::Month,
                ..
            })
        ));
        assert_eq!(
            PartialDate::parse("2022-01-01-01").unwrap_err().to_string(),
            "`2022-01-01-01` is not a date"
        );
        assert!(PartialDate::parse("").is_err());
    }

    #[test]
    fn partial_dates_sort_at_start_of_period() {
        let y = PartialDate::parse("2022").unwrap();
        let m = PartialDate::parse("2022-01").unwrap();
        let d = PartialDate::parse("2022-01-01").unwrap();
        let mut v = vec![d, m, y];
        v.sort();
        assert_eq!(v, vec![y, m, d]);
        assert_eq!(m.range().1, (2022, 1, 31));
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(days_from_civil((1970, 1, 1)), 0);
        assert_eq!(
            days_from_civil((2022, 1, 7)) - days_from_civil((2021, 12, 31)),
            7
        );
        for z in [-800_000, -1, 0, 1, 18_999, 19_000, 19_364, 40_000] {
            assert_eq!(days_from_civil(civil_from_days(z)), z);
        }
        assert_eq!(
            civil_from_days(days_from_civil((2024, 2, 29))),
            (2024, 2, 29)
        );
    }

    #[test]
    fn day_span_covers_the_whole_period() {
        let span = |s: &str| PartialDate::parse(s).unwrap().day_span();
        let (a, b) = span("2022-01-07");
        assert_eq!((a, b - a), (days_from_civil((2022, 1, 7)), 1));
        let (a, b) = span("2024-02");
        assert_eq!(b - a, 29);
        let (a, b) = span("2022");
        assert_eq!(
            (a, b),
            (days_from_civil((2022, 1, 1)), days_from_civil((2023, 1, 1)))
        );
    }

    #[test]
    fn month_names() {
        assert_eq!(month_name(1), "January");
        assert_eq!(month_name(12), "December");
        assert_eq!(month_name(0), "");
        assert_eq!(month_name(13), "");
    }
}
