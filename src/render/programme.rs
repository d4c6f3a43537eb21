//! The reporting programme as a [`Document`], as JSON, and as an
//! iCalendar file (RFC 5545) of the dates that fall due.
//!
//! The calendar is written by hand rather than with a crate: it is a few
//! lines, and every value in it must be deterministic (a calendar
//! subscription updates events in place by UID), which a builder that
//! invents UIDs and time stamps works against.

use std::io::{self, Write};

use super::document::Document;
use crate::model::{Choice, Date, Label};
use crate::reports::programme::Programme;

/// One row per partnership, overdue first: for CSV (`csv`) with the
/// tokens, else for people with the labels (only the one set is made).
pub fn document(p: &Programme, csv: bool) -> Document {
    let title = match &p.council {
        Some(c) => format!("{c}: reporting programme"),
        None => "Reporting programme".to_string(),
    };
    let overdue = p
        .lines
        .iter()
        .filter(|l| l.standing == crate::reports::programme::Standing::Overdue)
        .count();
    // For people the labels; for CSV the tokens.
    let lines = |people: bool| -> Vec<Vec<String>> {
        let say = |label: &'static str, token: &'static str| if people { label } else { token };
        p.lines
            .iter()
            .map(|l| {
                vec![
                    l.id.clone(),
                    l.name.clone(),
                    l.frequency.map_or("", |f| say(f.label(), f.as_str())).to_string(),
                    l.responsible.clone().unwrap_or_default(),
                    l.reports_to
                        .iter()
                        .map(|t| say(t.label(), t.as_str()))
                        .collect::<Vec<_>>()
                        .join("; "),
                    l.last_report.map_or_else(String::new, |d| d.to_string()),
                    l.next_due.map_or_else(String::new, |d| d.to_string()),
                    l.standing.words().to_string(),
                    match (l.data.map(|d| say(d.label(), d.as_str())), &l.caveat) {
                        (Some(d), Some(c)) => format!("{d}: {c}"),
                        (Some(d), None) => d.to_string(),
                        (None, Some(c)) => c.clone(),
                        (None, None) => String::new(),
                    },
                ]
            })
            .collect()
    };
    let rows = lines(!csv);
    Document {
        footer: format!("{title} · as of {}", p.as_of),
        title,
        intro: vec![format!(
            "For each proposed, active or exiting partnership: how often it reports, who is responsible, where the reports go, and when the next is due, as of {}. {overdue} overdue.",
            p.as_of
        )],
        headers: vec![
            "ID",
            "Partnership",
            "Frequency",
            "Responsible",
            "Reports to",
            "Last report",
            "Next due",
            "Standing",
            "Data (caveat)",
        ],
        rows,
        csv_rows: Vec::new(),
        notes: vec!["Figures marked Estimate or Unverified must be reported with their caveat.".into()],
        // When the next report is due, and by whom, matter most at a
        // glance; the last report's date is in the next due date.
        drop_first: vec!["Last report", "Frequency", "Reports to", "Responsible"],
        roomy: vec![("Partnership", 18), ("Responsible", 12)],
        every_column: "",
        full: Vec::new(),
    }
}

/// The programme as JSON; `reports_to` is always a list.
pub fn json(p: &Programme, w: impl Write) -> io::Result<()> {
    crate::render::formats::write_json(p, w)
}

/// An iCalendar file of the dates that fall due: all-day events (the day
/// after as the exclusive end), `DTSTAMP` from the as-of date, stable UIDs.
/// Written an event at a time (a calendar of 10,000 partnerships' dates is
/// megabytes; give `w` a buffer).
pub fn ics(p: &Programme, mut w: impl Write) -> io::Result<()> {
    let mut out = String::new();
    let stamp = format!("{}T000000Z", compact(p.as_of));
    let name = match &p.council {
        Some(c) => format!("{c}: partnership reporting programme"),
        None => "Partnership reporting programme".to_string(),
    };
    for line in [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//partreg//reporting programme//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("X-WR-CALNAME:{}", escape(&name)),
    ] {
        fold(&line, &mut out);
    }
    for due in &p.due {
        // DTEND is exclusive: the day after. On 9999-12-31 there is none.
        let Some(end) = crate::model::period::add_days(due.date, 1) else {
            continue;
        };
        for line in [
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", escape(&due.uid())),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", compact(due.date)),
            format!("DTEND;VALUE=DATE:{}", compact(end)),
            format!("SUMMARY:{}", escape(&due.summary)),
            format!("DESCRIPTION:{}", escape(&due.description)),
            format!("CATEGORIES:{}", due.kind.as_str()),
            "TRANSP:TRANSPARENT".into(),
            "END:VEVENT".into(),
        ] {
            fold(&line, &mut out);
        }
        w.write_all(out.as_bytes())?;
        out.clear();
    }
    fold("END:VCALENDAR", &mut out);
    w.write_all(out.as_bytes())
}

/// `20261130`: the form of a DATE value.
fn compact(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// RFC 5545 TEXT escaping: backslash, semicolon, comma and line breaks.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            // Other control characters are not allowed in TEXT.
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded so no line is longer than 75 octets
/// (continuations start with a space), never splitting a character, and
/// ending in CRLF.
fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        // A continuation line's leading space counts towards its 75.
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "é".repeat(100));
        fold(&line, &mut out);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
