//! Reading values the way people type them on a command line or in a
//! spreadsheet: `£12,500`, `Yes`/`Y`/`No`, `High`/`H`/`Med`, `Quarterly`,
//! `Cllr Ann Brown (member)`. Each function returns the register's own
//! spelling, or a reason it could not.

use crate::model::{Choice, Date, Level, RepresentativeLevel, date};

/// Whole pounds: `12500`, `£12,500` or `12,500.00`: a plain figure with an
/// optional `£`, commas and zero pence.
pub fn pounds(text: &str) -> Result<u64, String> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',' && *c != ' ')
        .collect();
    let whole = cleaned
        .strip_suffix(".00")
        .or_else(|| cleaned.strip_suffix(".0"))
        .unwrap_or(&cleaned);
    if whole.starts_with('-') {
        return Err(format!("{text:?} is negative; the contribution is 0 or more"));
    }
    whole
        .parse::<u64>()
        .map_err(|_| format!("{text:?} is not a whole number of pounds, e.g. 12500 or £12,500"))
}

/// Hours: a number of at least zero, e.g. `6` or `2.5`.
pub fn hours(text: &str) -> Result<f64, String> {
    let cleaned = text.trim().trim_end_matches("hours").trim_end_matches('h').trim();
    match cleaned.parse::<f64>() {
        Ok(n) if n.is_finite() && n >= 0.0 => Ok(n),
        _ => Err(format!("{text:?} is not a number of hours, e.g. 6 or 2.5")),
    }
}

/// Yes or no: `true`/`false`, `yes`/`no`, `y`/`n`.
pub fn yes_no(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" => Ok(true),
        "false" | "no" | "n" => Ok(false),
        _ => Err(format!("{text:?} is not yes or no (true or false)")),
    }
}

/// A rating: `High`, `H`, `Med`, `m`, `LOW`…
pub fn level(text: &str) -> Result<Level, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "high" | "h" | "hi" => Ok(Level::High),
        "medium" | "med" | "m" | "moderate" => Ok(Level::Medium),
        "low" | "l" | "lo" => Ok(Level::Low),
        _ => Err(format!("{text:?} is not a rating: use high, medium or low")),
    }
}

/// A value from a closed list, forgiving case, spaces and underscores:
/// `Half Yearly` → `half-yearly`. Returns the file spelling.
pub fn choice<T: Choice>(text: &str) -> Result<&'static str, String> {
    let wanted = text.trim().to_lowercase().replace([' ', '_'], "-");
    T::from_str_exact(&wanted)
        .map(Choice::as_str)
        .ok_or_else(|| format!("{text:?} is not one of {}", T::spellings()))
}

/// A date `YYYY-MM-DD`, or `DD/MM/YYYY` as typed in the UK.
pub fn date(text: &str) -> Result<Date, String> {
    let t = text.trim();
    if let Some(d) = Date::parse(t) {
        return Ok(d);
    }
    if let [d, m, y] = t.split('/').collect::<Vec<_>>().as_slice()
        && let (Ok(d), Ok(m), Ok(y)) = (d.parse::<u8>(), m.parse::<u8>(), y.parse::<i32>())
        && let Some(date) = Date::new(y, m, d)
    {
        return Ok(date);
    }
    Err(not_a_date(text))
}

/// Why `text` is not a date: a year outside 1000-9999 (`20/04/20266`,
/// `0999-01-01`) is named as such, since it is usually a typing slip.
pub fn not_a_date(text: &str) -> String {
    let t = text.trim();
    let year = match (
        t.split('/').collect::<Vec<_>>().as_slice(),
        t.split('-').collect::<Vec<_>>().as_slice(),
    ) {
        ([_, _, y], _) | (_, [y, _, _]) => y.parse::<i64>().ok(),
        _ => None,
    };
    match year {
        Some(y) if !i32::try_from(y).is_ok_and(|y| date::YEARS.contains(&y)) => format!(
            "{text:?} is not a date: the year {y} is outside {}-{}; check it for a typing slip",
            date::YEARS.start(),
            date::YEARS.end()
        ),
        _ => format!("{text:?} is not a date: write YYYY-MM-DD, e.g. 2026-04-20"),
    }
}

/// A representative as `Name:level[:position]` (the `add` flag) or
/// `Name (level)` (as the register lists them).
pub fn representative(text: &str) -> Result<(String, RepresentativeLevel, Option<String>), String> {
    let t = text.trim();
    let (name, level, position) = if let Some(open) = t.rfind('(').filter(|_| t.ends_with(')')) {
        (t[..open].trim(), &t[open + 1..t.len() - 1], None)
    } else {
        let mut parts = t.splitn(3, ':');
        let name = parts.next().unwrap_or("").trim();
        let Some(level) = parts.next() else {
            return Err(format!(
                "{text:?} should be Name:level[:position], e.g. \"Cllr Ann Brown:member:Chair\""
            ));
        };
        (name, level, parts.next().map(str::trim).filter(|p| !p.is_empty()))
    };
    if name.is_empty() {
        return Err(format!("{text:?} has no name"));
    }
    let level = match level.trim().to_ascii_lowercase().as_str() {
        "member" | "councillor" | "cllr" => RepresentativeLevel::Member,
        "cmt" => RepresentativeLevel::Cmt,
        "smt" => RepresentativeLevel::Smt,
        "officer" => RepresentativeLevel::Officer,
        other => return Err(format!("{other:?} is not a level: use member, cmt, smt or officer")),
    };
    Ok((name.to_string(), level, position.map(str::to_string)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Frequency;

    #[test]
    fn reads_money_as_typed() {
        assert_eq!(pounds("£12,500"), Ok(12_500));
        assert_eq!(pounds(" 12500 "), Ok(12_500));
        assert_eq!(pounds("12,500.00"), Ok(12_500));
        assert!(pounds("-5").is_err());
        assert!(pounds("12.5k").is_err());
        assert!(pounds("").is_err());
    }

    #[test]
    fn reads_yes_no_levels_choices_and_dates() {
        assert_eq!(yes_no("Y"), Ok(true));
        assert_eq!(yes_no("no"), Ok(false));
        assert!(yes_no("maybe").is_err());
        assert_eq!(level("Med"), Ok(Level::Medium));
        assert_eq!(level("H"), Ok(Level::High));
        assert!(level("very").is_err());
        assert_eq!(choice::<Frequency>("Half Yearly"), Ok("half-yearly"));
        assert_eq!(choice::<Frequency>("Quarterly"), Ok("quarterly"));
        assert!(choice::<Frequency>("sometimes").is_err());
        assert_eq!(date("20/04/2026"), Ok(Date::new(2026, 4, 20).unwrap()));
        assert_eq!(date("2026-04-20"), Ok(Date::new(2026, 4, 20).unwrap()));
        assert!(
            date("20/04/20266")
                .unwrap_err()
                .contains("the year 20266 is outside 1000-9999")
        );
        assert!(date("20/04/65536").unwrap_err().contains("the year 65536"));
        assert!(date("0999-01-01").unwrap_err().contains("the year 999"));
        assert!(
            date("20/04/99999999999999999999")
                .unwrap_err()
                .contains("write YYYY-MM-DD")
        );
        assert!(date("30/02/2026").is_err());
        assert_eq!(hours("6.5"), Ok(6.5));
        assert!(hours("nan").is_err());
    }

    #[test]
    fn reads_representatives() {
        assert_eq!(
            representative("Cllr Ann Brown:member:Chair"),
            Ok((
                "Cllr Ann Brown".into(),
                RepresentativeLevel::Member,
                Some("Chair".into())
            ))
        );
        assert_eq!(
            representative("Cllr Ann Brown (member)"),
            Ok(("Cllr Ann Brown".into(), RepresentativeLevel::Member, None))
        );
        assert_eq!(
            representative("Jo Smith:officer"),
            Ok(("Jo Smith".into(), RepresentativeLevel::Officer, None))
        );
        assert!(representative("Jo Smith").is_err());
        assert!(representative("Jo Smith:boss").is_err());
        assert!(representative(":member").is_err());
    }
}
