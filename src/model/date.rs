//! Calendar dates as the register writes them: TOML local dates such as
//! `2026-04-20`, with no time and no time zone.
//!
//! partreg only needs to compare dates and step back a year, so a small
//! hand-written type is clearer than a date-time crate for that. "Today" is
//! different: it depends on the time zone and its summer-time rules, which
//! `jiff` reads from the system's time-zone database (honouring `TZ`).

use std::fmt;

/// The years a register date may have (Part 2 of the format): four digits,
/// so every reader (TOML, Excel, `tomllib`) agrees on them.
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// A valid proleptic-Gregorian calendar date. Constructing one checks that the
/// day exists and the year is in [`YEARS`], so a `Date` is never 2025-02-30
/// or 20266-04-20.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, if that day exists and its year is in [`YEARS`].
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let valid = YEARS.contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Parses `YYYY-MM-DD`, the form used on the command line.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y) && digits(m) && digits(d)) {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Today's date where partreg runs: the local calendar date in the
    /// machine's time zone (`TZ` respected). Between midnight and 1 a.m. in
    /// British Summer Time the UTC date is still yesterday.
    pub fn today() -> Date {
        Date::on(jiff::Timestamp::now(), &jiff::tz::TimeZone::system())
    }

    /// The calendar date an instant falls on in a time zone.
    pub fn on(instant: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> Date {
        let date = zone.to_datetime(instant).date();
        // jiff's dates are valid; a clock outside the years 1000-9999 is
        // broken, and 1970 is what an unset clock reads anyway.
        Date::new(
            i32::from(date.year()),
            date.month().unsigned_abs(),
            date.day().unsigned_abs(),
        )
        .unwrap_or(Date {
            year: 1970,
            month: 1,
            day: 1,
        })
    }

    /// The same day one year earlier; 29 February becomes 28 February.
    pub fn one_year_before(self) -> Date {
        let year = self.year - 1;
        let day = self.day.min(days_in_month(year, self.month));
        Date {
            year,
            month: self.month,
            day,
        }
    }

    /// The year as the four digits TOML writes; a `Date` always has them.
    pub fn year4(self) -> u16 {
        // YEARS keeps the year in 1000..=9999, so this never saturates.
        u16::try_from(self.year).unwrap_or(9999)
    }

    /// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to a date,
    /// or `None` when that day falls outside [`YEARS`] (a spreadsheet serial
    /// number can be anything).
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        // Beyond this the arithmetic below could overflow; it is far outside YEARS.
        if days.unsigned_abs() > 10_000_000 {
            return None;
        }
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        // The arithmetic keeps day in 1..=31 and month in 1..=12.
        Date::new(i32::try_from(year).ok()?, month as u8, day as u8)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // Editors map TOML local dates to strings in this format.
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "description": "A TOML local date, written without quotes: 2026-04-20."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_days_that_do_not_exist() {
        assert!(Date::new(2025, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2025, 4, 31).is_none());
        assert!(Date::new(2025, 13, 1).is_none());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
    }

    #[test]
    fn parses_command_line_dates() {
        assert_eq!(Date::parse("2026-04-20"), Date::new(2026, 4, 20));
        assert_eq!(Date::parse("2026-4-20"), None);
        assert_eq!(Date::parse("2026-02-30"), None);
        assert_eq!(Date::parse("20260420"), None);
        assert_eq!(Date::parse("2026-04-2x"), None);
    }

    #[test]
    fn converts_days_since_epoch() {
        assert_eq!(Date::from_days_since_epoch(0), Date::new(1970, 1, 1));
        assert_eq!(Date::from_days_since_epoch(20_422), Date::new(2025, 11, 30));
        assert_eq!(Date::from_days_since_epoch(19_782), Date::new(2024, 2, 29));
        // 0000-12-31 and 10000-01-01 are outside the register's years.
        assert_eq!(Date::from_days_since_epoch(-719_529), None);
        assert_eq!(Date::from_days_since_epoch(2_932_897), None);
        assert_eq!(Date::from_days_since_epoch(i64::MIN), None);
    }

    #[test]
    fn years_are_four_digits() {
        assert!(Date::new(999, 12, 31).is_none());
        assert!(Date::new(1000, 1, 1).is_some());
        assert!(Date::new(9999, 12, 31).is_some());
        assert!(Date::new(10_000, 1, 1).is_none());
        assert!(Date::new(65_536, 1, 1).is_none());
        assert_eq!(Date::parse("0999-01-01"), None);
    }

    fn instant(text: &str) -> jiff::Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn today_is_the_local_calendar_date() {
        let london = jiff::tz::TimeZone::get("Europe/London").unwrap();
        // 00:30 BST on 1 June is 23:30 UTC on 31 May.
        assert_eq!(
            Date::on(instant("2026-05-31T23:30:00Z"), &london),
            Date::new(2026, 6, 1).unwrap()
        );
        assert_eq!(
            Date::on(instant("2026-05-31T23:30:00Z"), &jiff::tz::TimeZone::UTC),
            Date::new(2026, 5, 31).unwrap()
        );
        // In winter London is on UTC: 23:30 UTC on 31 December is still 31 December.
        assert_eq!(
            Date::on(instant("2026-12-31T23:30:00Z"), &london),
            Date::new(2026, 12, 31).unwrap()
        );
        let tokyo = jiff::tz::TimeZone::get("Asia/Tokyo").unwrap();
        assert_eq!(
            Date::on(instant("2026-02-28T15:00:00Z"), &tokyo),
            Date::new(2026, 3, 1).unwrap()
        );
    }

    #[test]
    fn steps_back_one_year() {
        let d = Date::new(2024, 2, 29).unwrap();
        assert_eq!(d.one_year_before(), Date::new(2023, 2, 28).unwrap());
        assert_eq!(d.to_string(), "2024-02-29");
    }
}
