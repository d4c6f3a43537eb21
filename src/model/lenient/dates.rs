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
pub const DATE_FORMS: &str =
    "write it as 2026-03-31, 31/03/2026, 31-03-2026, 31.03.2026 (day before month) or 31 March 2026";

/// A whole date as typed: `2026-03-31` (year first), or day first as in the
/// UK, `31/03/2026`, `31-03-2026`, `31.03.2026`, `1/4/2026`, or with the
/// month in words (`1 April 2026`, `1st Apr 2026`, `1-Apr-2026`, `April 1,
/// 2026`: a named month cannot be mistaken, whichever side the day is). The
/// year has four digits, in 1000-9999. The error names what is wrong and
/// the forms that work.
pub fn date(text: &str) -> Result<Date, String> {
    let t = text.trim();
    match day_month_year(t).or_else(|| named_month(t)) {
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
    if day_month_year(t).or_else(|| named_month(t)).is_some() {
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
    let (y, d, year_first) = match (a.len(), c.len()) {
        (1..=2, 1..=2) => return Some(Err("write the year with all four digits (2026, not 26)".into())),
        (1..=2, _) => (c, a, false),
        (_, 1..=2) => (a, c, true),
        _ => return None,
    };
    let m: u8 = b.parse().ok()?;
    let d: u8 = d.parse().ok()?;
    // A year of any length is named as typed, leading zeros aside ("0999" is 999).
    let year_shown = y.trim_start_matches('0');
    let year = year_shown.parse::<i32>().ok().filter(|y| date::YEARS.contains(y));
    Some(match year {
        // A year-first date is the ISO form: its middle number is the
        // month, whatever the UK's habit.
        _ if !(1..=12).contains(&m) && year_first => Err(format!(
            "there is no month {m}: a date that starts with the year is year-month-day"
        )),
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

/// A whole date with the month in words: `1 April 2026`, `1st Apr 2026`,
/// `1st of April, 2026`, `01-Apr-2026` (a spreadsheet's spelling) or
/// `April 1, 2026`. `None` when the text is not of that shape (so that
/// `April 2015` stays a partial date for import); the fault when it is but
/// names no real day (`31 February 2026`).
fn named_month(t: &str) -> Option<Result<Date, String>> {
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-')
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("of"))
        .collect();
    let [first, second, year] = words.as_slice() else {
        return None;
    };
    let (d, m) = match (day(first), month(second), month(first), day(second)) {
        (Some(d), Some(m), _, _) | (_, _, Some(m), Some(d)) => (d, m),
        _ => return None,
    };
    if !(year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())) {
        return Some(Err("write the year with all four digits (2026, not 26)".into()));
    }
    let y = year.parse::<i32>().ok().filter(|y| date::YEARS.contains(y));
    Some(match y {
        None => Err(format!(
            "the year {year} is outside {}-{} (a typing slip?)",
            date::YEARS.start(),
            date::YEARS.end()
        )),
        Some(y) => Date::new(y, m, d).ok_or_else(|| format!("{} {y} has no day {d}", month_name(m))),
    })
}

/// A day of the month as written before or after a month's name: `1`,
/// `01`, `1st`, `22nd`, `3rd`, `4th` (any of the endings: a slip such as
/// "1th" still says which day).
fn day(word: &str) -> Option<u8> {
    let lower = word.to_ascii_lowercase();
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|end| lower.strip_suffix(end))
        .unwrap_or(&lower);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
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
        assert_eq!(date("31-03-2026"), Ok(d(2026, 3, 31)));
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
    fn reads_the_month_in_words_either_side_of_the_day() {
        for typed in [
            "1 April 2020",
            "1st April 2020",
            "1st of April 2020",
            "1 Apr 2020",
            "01-Apr-2020",
            "1 april, 2020",
            "April 1, 2020",
            "April 1st 2020",
            " 1 APR 2020 ",
        ] {
            assert_eq!(date(typed), Ok(d(2020, 4, 1)), "{typed}");
        }
        assert_eq!(date("22nd Sept 2025"), Ok(d(2025, 9, 22)));
        let fault = |typed: &str| date(typed).unwrap_err();
        assert!(fault("31st February 2026").contains("February 2026 has no day 31"));
        assert!(fault("1 April 20").contains("four digits"));
        assert!(fault("1 April 0999").contains("the year 0999 is outside"));
        for typed in [
            "1 Apirl 2020",
            "April 2020",
            "1 April",
            "first April 2020",
            "1 2 2020 x",
        ] {
            assert!(fault(typed).contains(DATE_FORMS), "{typed}: {}", fault(typed));
        }
    }

    #[test]
    fn a_year_first_date_with_no_such_month_is_not_blamed_on_day_first() {
        let fault = date("2021-13-01").unwrap_err();
        assert!(fault.contains("there is no month 13"), "{fault}");
        assert!(fault.contains("year-month-day"), "{fault}");
        assert!(!fault.contains("day first"), "{fault}");
        assert!(date("12/13/2025").unwrap_err().contains("day first"));
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
        assert_eq!(date_or_partial("1st April 2015"), Ok((d(2015, 4, 1), None)));
    }
}
