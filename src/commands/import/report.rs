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
) -> String {
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
    out
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
