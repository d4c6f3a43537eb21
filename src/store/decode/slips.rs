//! Everyday slips an officer makes typing an entry, recognised so that the
//! hint gives the fix rather than the TOML parser's view of it: a date
//! typed the UK way (`31/03/2027`), a leftover git merge conflict, Word's
//! curly quotes, a key typed at the end of the file after a `[table]`, and
//! money or hours typed with their units.

use std::ops::Range;

use toml_parser::lexer::TokenKind;

use crate::model::{Date, lenient};

/// The quotation marks word processors put in place of `"` and `'`.
const CURLY: &[char] = &[
    '\u{201C}', '\u{201D}', '\u{201E}', '\u{201F}', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}', '\u{00AB}',
    '\u{00BB}', '\u{2039}', '\u{203A}', '\u{2033}', '\u{FF02}', '\u{300C}', '\u{300D}',
];

/// A date as typed in the UK, `31/03/2027` or `1/4/27`, read as a date.
/// Two-digit years are taken as 20YY, as a council officer means them.
pub fn uk_date(text: &str) -> Option<Date> {
    let t = text.trim().trim_matches(|c| c == '"' || c == '\'');
    if let Ok(d) = lenient::date(t)
        && t.contains('/')
    {
        return Some(d);
    }
    let parts: Vec<&str> = t.split(['/', '.']).collect();
    let [d, m, y] = parts.as_slice() else { return None };
    let (d, m) = (d.parse::<u8>().ok()?, m.parse::<u8>().ok()?);
    let y = match y.len() {
        2 => 2000 + y.parse::<i32>().ok()?,
        4 => y.parse::<i32>().ok()?,
        _ => return None,
    };
    Date::new(y, m, d)
}

/// The hint for a date typed the UK way.
pub fn date_hint(key: &str, date: Date) -> String {
    format!("write dates as {date} (year-month-day, no quotes): {key} = {date}")
}

/// The hint for a syntax error, from what the file holds where the parser
/// stopped: `span` is the parser's, `message` its words.
pub fn syntax_hint(text: &str, span: &Range<usize>, message: &str) -> Option<String> {
    let line = line_at(text, span.start);
    let at = text.get(span.clone()).unwrap_or("").trim();
    let key = line.split_once('=').map(|(k, _)| k.trim()).filter(|k| !k.is_empty());
    if let Some(date) = uk_date(at) {
        return Some(date_hint(key.unwrap_or("term_ends"), date));
    }
    let curly: Vec<char> = CURLY.iter().copied().filter(|c| line.contains(*c)).collect();
    if !curly.is_empty() {
        let shown: String = curly.iter().map(char::to_string).collect::<Vec<_>>().join(" ");
        let fixed: String = line
            .trim()
            .chars()
            .map(|c| if CURLY.contains(&c) { '"' } else { c })
            .collect();
        return Some(format!(
            "replace {shown} with straight quotes \" (a word processor changed them): {fixed}"
        ));
    }
    let hint = if message.contains("duplicate key") {
        "each key may appear once in a table; remove or rename the second one"
    } else if message.contains("recursion") {
        "values are nested too deeply; the register never needs more than a few levels"
    } else if message.contains("invalid date") {
        "dates are written YYYY-MM-DD and must exist on the calendar"
    } else if message.contains("must be quoted") {
        "text must be in double quotes; use \"\"\" … \"\"\" for text over several lines"
    } else if message.contains("visible characters") {
        "text may not hold control characters; write a tab as \\t and a new line as \\n"
    } else {
        return None;
    };
    Some(hint.to_string())
}

/// A git merge conflict left in the file: where its first marker is, the
/// message naming every conflict's lines, and what to do.
pub fn merge_conflict(text: &str) -> Option<(Range<usize>, String, String)> {
    let mut conflicts: Vec<(usize, usize)> = Vec::new();
    let mut first: Option<Range<usize>> = None;
    let mut open: Option<usize> = None;
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let n = i + 1;
        if line.starts_with("<<<<<<<") {
            open = Some(n);
            first.get_or_insert(offset..offset + line.trim_end().len());
        } else if line.starts_with(">>>>>>>") {
            conflicts.push((open.take().unwrap_or(n), n));
        }
        offset += line.len();
    }
    if let Some(start) = open {
        conflicts.push((start, text.lines().count()));
    }
    let first = first?;
    let lines: Vec<String> = conflicts.iter().map(|(a, b)| format!("lines {a}-{b}")).collect();
    let message = format!(
        "the file still holds a git merge conflict ({}): two versions of it met in a merge",
        lines.join(", ")
    );
    let hint = "between `<<<<<<<` and `=======` is one version, between `=======` and `>>>>>>>` the other: keep the lines you want, delete the rest and the three marker lines, run `partreg check`, then `git add` the file to finish the merge".to_string();
    Some((first, message, hint))
}

/// The line (1-based) and text of the first `[table]` or `[[table]]`
/// header, found with the TOML lexer so a `[` inside a string or a list
/// is never taken for one.
pub fn first_table_line(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut line_start = true;
    for token in toml_parser::Source::new(text).lex() {
        let kind = token.kind();
        match kind {
            TokenKind::LeftSquareBracket if depth == 0 && line_start => {
                return Some(text[..token.span().start()].matches('\n').count() + 1);
            }
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => depth += 1,
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => depth = depth.saturating_sub(1),
            _ => {}
        }
        match kind {
            TokenKind::Newline => line_start = true,
            TokenKind::Whitespace => {}
            _ => line_start = false,
        }
    }
    None
}

/// The number to write for money or hours typed as text with units:
/// `"£12,000"` → `12000`, `"6 hrs"` → `6`.
pub fn number_hint(key: &str, text: &str) -> String {
    let pounds = key.ends_with("_gbp");
    let read = if pounds {
        lenient::pounds(text).ok().map(|n| n.to_string())
    } else {
        let t = text.trim().to_lowercase();
        let t = t
            .trim_end_matches(|c: char| c.is_alphabetic() || c == '.' || c == '/' || c == ' ')
            .trim();
        lenient::hours(t).ok().map(|n| n.to_string())
    };
    let read = read.or_else(|| {
        let digits: String = text.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
        (!digits.is_empty()).then_some(digits)
    });
    match read {
        Some(n) if pounds => format!("write the number of pounds without quotes, £ or commas: {key} = {n}"),
        Some(n) if key.contains("hours") => format!("write the number of hours without quotes or units: {key} = {n}"),
        Some(n) => format!("write the number without quotes: {key} = {n}"),
        None => "write a number without quotes".into(),
    }
}

/// The text of the line holding byte `at`.
fn line_at(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    text.get(start..end).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_uk_dates() {
        assert_eq!(uk_date("31/03/2027"), Date::new(2027, 3, 31));
        assert_eq!(uk_date("1/4/27"), Date::new(2027, 4, 1));
        assert_eq!(uk_date("31/02/2027"), None);
        assert_eq!(uk_date("operational"), None);
    }

    #[test]
    fn finds_the_first_table() {
        assert_eq!(first_table_line("a = [1]\nb = \"[x]\"\n\n[risk]\n"), Some(4));
        assert_eq!(first_table_line("a = 1\n"), None);
    }

    #[test]
    fn reads_numbers_with_units() {
        assert!(number_hint("budget_contribution_gbp", "£12,000").ends_with("= 12000"));
        assert!(number_hint("staff_hours_per_month", "6 hrs").ends_with("= 6"));
        assert!(number_hint("staff_hours_per_month", "2.5 hours/month").ends_with("= 2.5"));
    }
}
