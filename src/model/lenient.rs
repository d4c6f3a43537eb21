//! Reading values the way people type them on a command line or in a
//! spreadsheet: `£12,500`, `Yes`/`Y`/`No`, `High`/`H`/`Med`, `Quarterly`,
//! `Cllr Ann Brown (member)`. Each function returns the register's own
//! spelling, or a reason it could not.

use crate::model::{Choice, Level, RepresentativeLevel};

mod dates;
pub use dates::{DATE_FORMS, date, date_or_partial};

/// Whole pounds as people type them: `12500`, `£12,500`, `12,500.00`,
/// `£ 2,000`, `£5,000 p.a.`, `£150k`, `12.5k`, `£1.2m`, and `nil` for 0.
pub fn pounds(text: &str) -> Result<u64, String> {
    let lower = text.trim().to_lowercase();
    if matches!(lower.as_str(), "nil" | "none" | "nothing") {
        return Ok(0);
    }
    // "per year" words say what the register already means: a year's contribution.
    let mut t = lower.as_str();
    for suffix in [
        "per annum",
        "per year",
        "a year",
        "p.a.",
        "p.a",
        "pa",
        "/yr",
        "/year",
        "pounds",
        "gbp",
    ] {
        t = t.trim_end().strip_suffix(suffix).unwrap_or(t);
    }
    let cleaned: String = t
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    if cleaned.starts_with('-') {
        return Err(format!("{text:?} is negative; the contribution is 0 or more"));
    }
    let (figure, times) = match cleaned.strip_suffix('k') {
        Some(f) => (f, 1_000.0),
        None => match cleaned.strip_suffix('m') {
            Some(f) => (f, 1_000_000.0),
            None => (cleaned.as_str(), 1.0),
        },
    };
    let bad = || format!("{text:?} is not a whole number of pounds, e.g. 12500, £12,500 or £150k");
    // Digits and at most one point only: "1e5" and "inf" are not money.
    if figure.is_empty() || !figure.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(bad());
    }
    let n: f64 = figure.parse().map_err(|_| bad())?;
    let pounds = n * times;
    // Pence are not kept: £12,500.50 is reported, not rounded.
    if pounds.fract() != 0.0 || !(0.0..1e18).contains(&pounds) {
        return Err(bad());
    }
    Ok(pounds as u64)
}

/// Words that say a value is not known yet: left unset and reported, never guessed.
pub fn is_placeholder(text: &str) -> bool {
    let t: String = text
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '(' | ')'))
        .collect();
    matches!(
        t.as_str(),
        "tbc"
            | "tbd"
            | "tba"
            | "n/a"
            | "na"
            | "unknown"
            | "notknown"
            | "?"
            | "-"
            | "–"
            | "—"
            | "tobeconfirmed"
            | "notapplicable"
    )
}

/// Hours: a number of at least zero, e.g. `6`, `2.5`, `5 hrs`, `approx 5`.
pub fn hours(text: &str) -> Result<f64, String> {
    let mut t = text.trim().to_lowercase();
    for prefix in [
        "approximately",
        "approx.",
        "approx",
        "about",
        "around",
        "circa",
        "c.",
        "~",
    ] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.trim().to_string();
        }
    }
    for suffix in [
        "per month",
        "a month",
        "/month",
        "pm",
        "p/m",
        "hours",
        "hour",
        "hrs",
        "hr",
        "h",
    ] {
        if let Some(rest) = t.trim_end().strip_suffix(suffix) {
            t = rest.trim_end().to_string();
        }
    }
    match t.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && n >= 0.0 => Ok(n),
        // Now that `--staff-hours-per-month -2` reaches here (the flag takes
        // values starting with a hyphen), say what is wrong with it.
        Ok(n) if n.is_finite() && n < 0.0 => Err(format!("{text:?} is negative; staff hours are 0 or more")),
        _ => Err(format!("{text:?} is not a number of hours, e.g. 6 or 2.5")),
    }
}

/// A range of hours such as `2-3` or `2 to 3 hrs`: its two ends.
pub fn hours_range(text: &str) -> Option<(f64, f64)> {
    let t = text.trim().to_lowercase();
    let (a, b) = t.split_once(['-', '–']).or_else(|| t.split_once(" to "))?;
    let (a, b) = (hours(a).ok()?, hours(b).ok()?);
    (a <= b).then_some((a, b))
}

/// Yes or no in the forms people type: `true`/`false`, `yes`/`no`, `y`/`n`,
/// `1`/`0`, a tick, and text starting with the word (`Yes - statutory`).
pub fn yes_no(text: &str) -> Result<bool, String> {
    let t = text.trim().to_lowercase();
    let word: String = t.chars().take_while(|c| c.is_alphanumeric()).collect();
    match (t.as_str(), word.as_str()) {
        ("✓" | "✔" | "☑", _) | (_, "true" | "yes" | "y" | "1") => Ok(true),
        ("✗" | "✘" | "☐", _) | (_, "false" | "no" | "n" | "0" | "not") => Ok(false),
        _ => Err(format!("{text:?} is not yes or no (true or false)")),
    }
}

/// A rating given as two (`Low/Medium`, `Med-High`): the higher, since a
/// register errs on the side of caution, and the two read.
pub fn level_range(text: &str) -> Option<(Level, Level, Level)> {
    let (a, b) = text.split_once(['/', '-', '–'])?;
    let (a, b) = (level(a).ok()?, level(b).ok()?);
    let rank = |l: Level| match l {
        Level::Low => 0,
        Level::Medium => 1,
        Level::High => 2,
    };
    Some((if rank(a) >= rank(b) { a } else { b }, a, b))
}

/// A frequency as people write it: the register's spelling, and a note when
/// it was the nearest of the register's frequencies (`Every 6 weeks`).
pub fn frequency(text: &str) -> Result<(&'static str, Option<String>), String> {
    if let Ok(f) = choice::<crate::model::Frequency>(text) {
        return Ok((f, None));
    }
    let t: String = text.trim().to_lowercase().replace(['-', '_'], " ");
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let exact = match t.as_str() {
        "bi monthly" | "every two months" | "every 2 months" | "alternate months" => Some("bimonthly"),
        "twice a year" | "half yearly" | "6 monthly" | "six monthly" | "every six months" | "every 6 months"
        | "biannually" | "bi annually" => Some("half-yearly"),
        "once a year" | "annual" | "yearly" | "annually" | "every year" => Some("annually"),
        "every month" | "once a month" | "monthly" => Some("monthly"),
        "every week" | "once a week" => Some("weekly"),
        "every two weeks" | "every 2 weeks" | "fortnightly" => Some("fortnightly"),
        "every three months" | "every 3 months" | "quarterly" | "3 monthly" | "four times a year" => Some("quarterly"),
        "ad hoc" | "as needed" | "as required" | "when needed" | "adhoc" => Some("ad-hoc"),
        _ => None,
    };
    if let Some(f) = exact {
        return Ok((f, None));
    }
    let words: Vec<&str> = t.split(' ').collect();
    if let ["every", n, "weeks"] = words.as_slice() {
        let n: u32 = match *n {
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "eight" => 8,
            "ten" => 10,
            other => other.parse().map_err(|_| not_a_frequency(text))?,
        };
        let nearest = match n {
            0 => return Err(not_a_frequency(text)),
            1 => "weekly",
            2 => "fortnightly",
            3..=5 => "monthly",
            6..=10 => "bimonthly",
            11..=19 => "quarterly",
            20..=39 => "half-yearly",
            _ => "annually",
        };
        return Ok((
            nearest,
            Some(format!("{text:?} was read as {nearest}, the nearest the register has")),
        ));
    }
    Err(not_a_frequency(text))
}

/// Our role as people write it: `Lead` or `Chair` is control.
pub fn role(text: &str) -> Result<&'static str, String> {
    match text.trim().to_lowercase().as_str() {
        "lead" | "leader" | "chair" | "lead partner" | "leading" | "we lead" => Ok("control"),
        "attend" | "attendee" | "observer" | "observe" => Ok("information"),
        _ => choice::<crate::model::Role>(text),
    }
}

/// A status as people write it: `Closed` or `Ended` is exited, `Current` active.
pub fn status(text: &str) -> Result<&'static str, String> {
    match text.trim().to_lowercase().as_str() {
        "closed" | "ended" | "ceased" | "left" | "finished" | "dissolved" => Ok("exited"),
        "current" | "live" | "ongoing" | "open" => Ok("active"),
        "planned" | "proposal" | "new" => Ok("proposed"),
        "leaving" => Ok("exiting"),
        _ => choice::<crate::model::Status>(text),
    }
}

fn not_a_frequency(text: &str) -> String {
    format!(
        "{text:?} is not one of {}",
        <crate::model::Frequency as Choice>::spellings()
    )
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
    let level = representative_level(level)?;
    Ok((name.to_string(), level, position.map(str::to_string)))
}

/// A representative's level as people write it: `Member`, `Cllr`, `CMT`,
/// `Senior Management`, `Officer`…
pub fn representative_level(text: &str) -> Result<RepresentativeLevel, String> {
    match text.trim().trim_end_matches('s').to_ascii_lowercase().as_str() {
        "member" | "councillor" | "cllr" | "elected member" | "m" => Ok(RepresentativeLevel::Member),
        "cmt" | "corporate management team" | "director" => Ok(RepresentativeLevel::Cmt),
        "smt" | "senior management team" | "senior manager" | "head of service" => Ok(RepresentativeLevel::Smt),
        "officer" | "o" | "staff" => Ok(RepresentativeLevel::Officer),
        _ => Err(format!(
            "{:?} is not a level: use member, cmt, smt or officer",
            text.trim()
        )),
    }
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
        assert_eq!(pounds("12.5k"), Ok(12_500));
        assert_eq!(pounds("£1.2m"), Ok(1_200_000));
        assert_eq!(pounds("£150k"), Ok(150_000));
        assert_eq!(pounds("£5,000 p.a."), Ok(5_000));
        assert_eq!(pounds("£ 2,000"), Ok(2_000));
        assert_eq!(pounds("£0.00"), Ok(0));
        assert_eq!(pounds("nil"), Ok(0));
        assert!(pounds("£12,500.50").is_err());
        assert!(pounds("1e5").is_err());
        assert!(pounds("TBC").is_err());
        assert!(is_placeholder("TBC") && is_placeholder("n/a") && is_placeholder("N/A") && !is_placeholder("0"));
        assert!(pounds("").is_err());
    }

    #[test]
    fn reads_yes_no_levels_and_choices() {
        assert_eq!(yes_no("Y"), Ok(true));
        assert_eq!(yes_no("no"), Ok(false));
        assert!(yes_no("maybe").is_err());
        assert_eq!(level("Med"), Ok(Level::Medium));
        assert_eq!(level("H"), Ok(Level::High));
        assert!(level("very").is_err());
        assert_eq!(choice::<Frequency>("Half Yearly"), Ok("half-yearly"));
        assert_eq!(choice::<Frequency>("Quarterly"), Ok("quarterly"));
        assert!(choice::<Frequency>("sometimes").is_err());
        assert_eq!(hours("6.5"), Ok(6.5));
        assert_eq!(hours("approx 5"), Ok(5.0));
        assert_eq!(hours("5 hrs"), Ok(5.0));
        assert_eq!(hours_range("2-3"), Some((2.0, 3.0)));
        assert_eq!(hours_range("3-2"), None);
        assert_eq!(yes_no("Yes - statutory"), Ok(true));
        assert_eq!(yes_no("1"), Ok(true));
        assert_eq!(yes_no("N"), Ok(false));
        assert_eq!(level_range("Low/Medium").map(|r| r.0), Some(Level::Medium));
        assert_eq!(frequency("Bi-monthly"), Ok(("bimonthly", None)));
        assert_eq!(frequency("Twice a year"), Ok(("half-yearly", None)));
        assert_eq!(frequency("Half yearly"), Ok(("half-yearly", None)));
        assert_eq!(frequency("Ad hoc"), Ok(("ad-hoc", None)));
        assert_eq!(frequency("Every 6 weeks").unwrap().0, "bimonthly");
        assert!(frequency("Every 6 weeks").unwrap().1.is_some());
        assert!(frequency("sometimes").is_err());
        assert!(hours("nan").is_err());
        assert!(hours("-2").unwrap_err().contains("negative"));
        assert!(hours("-inf").unwrap_err().contains("not a number of hours"));
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
