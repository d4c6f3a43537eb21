//! The one reader for dates people type: every date flag (`--as-of`,
//! `--date`, `--started`, …), every date a guided prompt asks for, and whole
//! dates in an imported spreadsheet. ISO (`2026-03-31`) and the UK's day-first
//! forms (`31/03/2026`, `31-03-2026`, `31.03.2026`) are all read, so an
//! officer never has to learn which command wants which.
//!
//! Files in the register keep TOML's own dates (`2026-03-31`, the format);
//! this is only about what people type. When a date cannot be read, the
//! message names the fault ("February 2026 has no day 31") and shows the
//! forms that work.

use crate::model::{Date, date};

/// The forms [`date()`] reads, for messages and help text.
pub const DATE_FORMS: &str = "write it as 2026-03-31, 31/03/2026, 31-03-2026 or 31.03.2026 (day before month)";

/// A whole date as typed: `2026-03-31` (year first), or day first as in the
/// UK, `31/03/2026`, `31-03-2026`, `31.03.2026`, `1/4/2026`. The year has
/// four digits, in 1000-9999. The error names what is wrong and the forms
/// that work.
pub fn date(text: &str) -> Result<Date, String> {
    match day_month_year(text.trim()) {
        Some(Ok(d)) => Ok(d),
        Some(Err(fault)) => Err(format!("{text:?} is not a date: {fault}; {DATE_FORMS}")),
        None => Err(not_a_date(text)),
    }
}

/// A date as people type it: a whole date (`31/03/2025`, `31.03.2025`,
/// `2025-03-31`), or a month or a year (`2016-04`, `April 2015`, `Feb 2025`,
/// `1999`), read as its first day and said so in the second value. Only
/// import reads partial dates: an old register often has "April 2015" where
/// a start date should be, and the note says the first day was used.
pub fn date_or_partial(text: &str) -> Result<(Date, Option<String>), String> {
    let t = text.trim();
    if day_month_year(t).is_some() {
        return date(t).map(|d| (d, None));
    }
    let first_day = |y: i32, m: u8, what: &str| {
        Date::new(y, m, 1).map(|d| {
            (
                d,
                Some(format!(
                    "{text:?} gives only the {what}, so the first day, {d}, was used"
                )),
            )
        })
    };
    if let Ok(y) = t.parse::<i32>()
        && date::YEARS.contains(&y)
        && let Some(r) = first_day(y, 1, "year")
    {
        return Ok(r);
    }
    if let Some((y, m)) = t.split_once(['-', '/'])
        && y.len() == 4
        && let (Ok(y), Ok(m)) = (y.parse::<i32>(), m.parse::<u8>())
        && let Some(r) = first_day(y, m, "month")
    {
        return Ok(r);
    }
    if let Some((m, y)) = t.split_once([' ', '-', '/'])
        && let Some(m) = month(m)
        && let Ok(y) = y.trim().parse::<i32>()
        && let Some(r) = first_day(y, m, "month")
    {
        return Ok(r);
    }
    Err(not_a_date(text))
}

/// A whole date of three numbers: day, month, year (`31/03/2025`,
/// `31-03-2025`, `31.03.2025`, `1-4-2012`) or year, month, day
/// (`2025-03-31`, `2025-3-31`). `None` when the text is not of that shape;
/// the fault when it is but is not a date (`31-02-2025`, `20/04/20266`),
/// which is never guessed at.
fn day_month_year(t: &str) -> Option<Result<Date, String>> {
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(number(a) && number(b) && number(c)) || b.len() > 2 {
        return None;
    }
    // The year is the end with more than two digits; day and month have at most two.
    let (y, d) = match (a.len(), c.len()) {
        (1..=2, 1..=2) => return Some(Err("write the year with all four digits (2026, not 26)".into())),
        (1..=2, _) => (c, a),
        (_, 1..=2) => (a, c),
        _ => return None,
    };
    let m: u8 = b.parse().ok()?;
    let d: u8 = d.parse().ok()?;
    // A year of any length is named as typed, leading zeros aside ("0999" is 999).
    let year_shown = y.trim_start_matches('0');
    let year = year_shown.parse::<i32>().ok().filter(|y| date::YEARS.contains(y));
    Some(match year {
        _ if !(1..=12).contains(&m) => Err(format!(
            "there is no month {m} (dates are read day first, as in the UK)"
        )),
        None => Err(format!(
            "the year {} is outside {}-{} (a typing slip?)",
            if year_shown.is_empty() { "0" } else { year_shown },
            date::YEARS.start(),
            date::YEARS.end()
        )),
        Some(y) => Date::new(y, m, d).ok_or_else(|| format!("{} {y} has no day {d}", month_name(m))),
    })
}

/// The message for text that is not a date at all.
fn not_a_date(text: &str) -> String {
    format!("{text:?} is not a date: {DATE_FORMS}")
}

/// A month's name, for messages.
fn month_name(m: u8) -> &'static str {
    MONTHS
        .get(usize::from(m).wrapping_sub(1))
        .copied()
        .unwrap_or("that month")
}

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

/// A month's number from its name or first three letters (`Sept` too).
fn month(name: &str) -> Option<u8> {
    let n = name.trim().trim_end_matches('.').to_lowercase();
    if n.len() < 3 {
        return None;
    }
    let n = if n == "sept" { "sep".to_string() } else { n };
    MONTHS
        .iter()
        .position(|full| full.to_lowercase().starts_with(&n))
        .map(|i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, dd: u8) -> Date {
        Date::new(y, m, dd).unwrap()
    }

    #[test]
    fn reads_iso_and_the_uk_day_first_forms() {
        for typed in [
            "2026-03-31",
            "31/03/2026",
            "31-03-2026",
            "31.03.2026",
            " 31/3/2026 ",
            "2026-3-31",
        ] {
            assert_eq!(date(typed), Ok(d(2026, 3, 31)), "{typed}");
        }
        assert_eq!(date("1-4-2012"), Ok(d(2012, 4, 1)));
        assert_eq!(date("2024-02-29"), Ok(d(2024, 2, 29)));
    }

    #[test]
    fn names_the_fault_and_shows_the_forms() {
        let fault = |typed: &str| date(typed).unwrap_err();
        for typed in ["31/02/2026", "31-02-2026", "31.02.2026", "2026-02-31"] {
            assert!(fault(typed).contains("February 2026 has no day 31"), "{}", fault(typed));
        }
        assert!(fault("29/02/2025").contains("February 2025 has no day 29"));
        assert!(fault("20/04/20266").contains("the year 20266 is outside 1000-9999"));
        assert!(fault("20/04/65536").contains("the year 65536"));
        assert!(fault("0999-01-01").contains("the year 999 is outside"));
        assert!(fault("20/04/99999999999999999999").contains("the year 99999999999999999999 is outside"));
        assert!(fault("12/13/2025").contains("no month 13"));
        assert!(fault("31/03/26").contains("four digits"));
        for typed in ["31/02/2026", "tomorrow", "", "20260331", "31/03", "-1/03/2026"] {
            assert!(fault(typed).contains(DATE_FORMS), "{typed}: {}", fault(typed));
        }
        assert_eq!(date("31-03-2025"), Ok(d(2025, 3, 31)), "not the year 31");
    }

    #[test]
    fn import_also_reads_a_month_or_a_year() {
        assert_eq!(date_or_partial("31/03/2025"), Ok((d(2025, 3, 31), None)));
        assert_eq!(date_or_partial("31.03.2025"), Ok((d(2025, 3, 31), None)));
        assert_eq!(date_or_partial("2025-3-31"), Ok((d(2025, 3, 31), None)));
        assert!(
            date_or_partial("31-02-2025")
                .unwrap_err()
                .contains("February 2025 has no day 31")
        );
        assert!(date_or_partial("12-13-2025").unwrap_err().contains("no month 13"));
        assert_eq!(date_or_partial("2016-04").unwrap().0, d(2016, 4, 1));
        assert_eq!(date_or_partial("April 2015").unwrap().0, d(2015, 4, 1));
        assert_eq!(date_or_partial("Feb 2025").unwrap().0, d(2025, 2, 1));
        assert_eq!(date_or_partial("Sept 2025").unwrap().0, d(2025, 9, 1));
        assert_eq!(date_or_partial("1999").unwrap().0, d(1999, 1, 1));
        assert!(date_or_partial("1999").unwrap().1.unwrap().contains("only the year"));
        assert!(date_or_partial("Mayday").is_err());
    }
}
