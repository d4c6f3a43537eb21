//! The column table at the top of the import report: each heading, the
//! field it is read into (or "kept in comments"), how many rows hold a value
//! in it that could not be read as it stands, and two of those values, so
//! an officer can fix a whole column at once.

use super::headings::{Reader, letter};
use super::values::{RowContext, read_row};

/// Widest heading shown; longer ones are cut with `…`.
const HEADING_WIDTH: usize = 40;

/// The table for one sheet, read from its partnership rows.
pub(super) fn column_table(
    header: &[String],
    columns: &[(usize, String, Reader)],
    unknown: &[(usize, String)],
    rows: &[&Vec<String>],
    ctx: &RowContext<'_>,
) -> (String, Vec<serde_json::Value>) {
    // For each column: the rows whose value in it was reported, and two examples.
    let mut problems: Vec<(usize, Vec<String>)> = vec![(0, Vec::new()); header.len()];
    for cells in rows {
        let (_, _, notes, _) = read_row(cells, columns, unknown, header, ctx);
        for (col, _, _) in columns {
            let place = format!("column {} ", letter(col + ctx.left));
            if notes.iter().any(|n| n.starts_with(&place)) {
                let (count, examples) = &mut problems[*col];
                *count += 1;
                let value = cells.get(*col).map_or("", |c| c.trim());
                if examples.len() < 2 && !examples.iter().any(|e| e == value) {
                    examples.push(value.to_string());
                }
            }
        }
    }
    let mut json = Vec::new();
    let mut lines: Vec<[String; 5]> = vec![[
        "Column".into(),
        "Heading".into(),
        "Read into".into(),
        "Reported".into(),
        "Examples".into(),
    ]];
    for (col, heading) in header.iter().enumerate() {
        if heading.trim().is_empty() {
            continue;
        }
        let target = match (
            columns.iter().find(|(c, _, _)| *c == col),
            unknown.iter().any(|(c, _)| *c == col),
        ) {
            (Some((_, _, Reader::Computed)), _) => "ignored (partreg works it out)".to_string(),
            (Some((_, key, _)), _) => key.clone(),
            (None, true) => "kept in comments".to_string(),
            (None, false) => "ignored (--mapping)".to_string(),
        };
        let (count, examples) = &problems[col];
        json.push(serde_json::json!({
            "column": letter(col + ctx.left),
            "heading": heading.trim(),
            "read_into": target,
            "rows_reported": count,
            "examples": examples,
        }));
        let examples: Vec<String> = examples.iter().map(|e| format!("{:?}", clip(e, 20))).collect();
        lines.push([
            letter(col + ctx.left),
            clip(heading.trim(), HEADING_WIDTH),
            target,
            if *count == 0 { String::new() } else { count.to_string() },
            examples.join(", "),
        ]);
    }
    let widths: Vec<usize> = (0..5)
        .map(|i| lines.iter().map(|l| l[i].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for line in &lines {
        let mut text = String::new();
        for (i, cell) in line.iter().enumerate() {
            if i == 4 {
                text.push_str(cell);
            } else {
                text.push_str(&format!("{cell:<w$}  ", w = widths[i]));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    }
    (out, json)
}

/// The report's line for a merged range whose value was copied into the
/// rest of it, e.g. `B8:B9 merged: "Breckland Council" used for rows 8 and
/// 9`, and its JSON (`merged_cells`).
pub(super) fn merge(sheet: &str, m: &super::workbook::Merge) -> (String, serde_json::Value) {
    let cell = |(r, c): (usize, usize)| format!("{}{}", super::letter(c), r + 1);
    let range = format!("{}:{}", cell(m.first), cell(m.last));
    let (first_row, last_row) = (m.first.0 + 1, m.last.0 + 1);
    let used_for = match last_row - first_row {
        0 => format!(
            "used for columns {} to {} of row {first_row}",
            super::letter(m.first.1),
            super::letter(m.last.1)
        ),
        1 => format!("used for rows {first_row} and {last_row}"),
        _ => format!("used for rows {first_row} to {last_row}"),
    };
    let line = format!("{range} merged: {:?} {used_for}", super::clip(&m.value));
    let event = serde_json::json!({"merged": {
        "sheet": sheet,
        "range": range,
        "value": m.value,
        "rows": (first_row..=last_row).collect::<Vec<_>>(),
    }});
    (line, event)
}

/// The report as it is built: the text for people, and the same as JSON.
#[derive(Default)]
pub(super) struct Log {
    pub text: String,
    pub columns: Vec<serde_json::Value>,
    /// The cells kept as written (`kept_verbatim` in the JSON), if any.
    pub kept: Option<serde_json::Value>,
    events: Vec<serde_json::Value>,
}

impl Log {
    /// A line of the report and its JSON.
    pub(super) fn say(&mut self, line: &str, event: serde_json::Value) {
        self.text.push_str(line);
        self.text.push('\n');
        self.events.push(event);
    }

    /// What became of one row: `(sheet, row, outcome)`, the file or text, and the notes on it.
    pub(super) fn row(
        &mut self,
        line: &str,
        (sheet, row, outcome): (&str, usize, &str),
        what: Option<&str>,
        notes: &[String],
    ) {
        let key = if matches!(outcome, "note" | "section") {
            "text"
        } else {
            "file"
        };
        let mut event = serde_json::json!({"sheet": sheet, "row": row, "outcome": outcome, "needs_attention": notes});
        if let Some(what) = what {
            event[key] = serde_json::Value::String(what.to_string());
        }
        if outcome == "skipped" {
            event["reason"] = serde_json::Value::String(
                line.split_once(": skipped")
                    .map_or("", |(_, r)| r.trim_start_matches([':', ' ']))
                    .to_string(),
            );
        }
        self.say(line, event);
    }

    /// Writes the report: the text, or one JSON document with `totals`.
    pub(super) fn finish(
        self,
        out: &mut dyn std::io::Write,
        json: bool,
        totals: &serde_json::Value,
    ) -> std::io::Result<()> {
        if json {
            let pick = |key: &str| -> Vec<serde_json::Value> {
                self.events.iter().filter(|e| e.get(key).is_some()).cloned().collect()
            };
            let not_read: Vec<serde_json::Value> =
                pick("not_read").into_iter().map(|e| e["not_read"].clone()).collect();
            let mut doc = serde_json::json!({
                "sheets_not_read": not_read,
                "headings": pick("headings_row"),
                "columns": self.columns,
                "rows": pick("row"),
                "merged_cells": pick("merged").into_iter().map(|e| e["merged"].clone()).collect::<Vec<_>>(),
                "totals": totals,
            });
            if let Some(kept) = self.kept {
                doc["kept_verbatim"] = kept;
            }
            crate::render::formats::write_json(&doc, out)
        } else {
            write!(out, "{}", self.text)
        }
    }
}

/// A missing field in an officer's words, with the values it allows:
/// `role` → `role (control, influence or information)`.
pub(super) fn in_words(key: &str) -> String {
    use crate::policy::fields::{Answer, FIELDS};
    let (base, index) = match key.split_once('[') {
        Some((base, rest)) => (
            base,
            rest.split_once(']').map(|(_, after)| after.trim_start_matches('.')),
        ),
        None => (key, None),
    };
    let words = match (base, index) {
        ("representatives", Some("level")) => return "a representative's level (member, cmt, smt or officer)".into(),
        ("risk.overall", _) => return "overall risk rating (high, medium or low)".into(),
        ("value.overall", _) => return "overall value rating (high, medium or low)".into(),
        _ => base.replace(['_', '.'], " "),
    };
    let words = words
        .replace(" gbp", " (£)")
        .replace("staff hours per month", "staff hours a month");
    match FIELDS.iter().find(|f| f.key == base).map(|f| f.answer) {
        Some(Answer::Choice(list)) => {
            let values: Vec<&str> = list().into_iter().map(|(v, _)| v).collect();
            match values.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{words} ({} or {last})", rest.join(", ")),
                _ => words,
            }
        }
        Some(Answer::YesNo) => format!("{words} (yes or no)"),
        _ => words,
    }
}

fn clip(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() > max || line.len() < text.len() {
        format!("{}…", line.chars().take(max.saturating_sub(1)).collect::<String>())
    } else {
        line.to_string()
    }
}
