//! The register as a document (`partreg list`): a terminal table of the
//! main columns, and every column as CSV, JSON or an Excel workbook.

use std::io::{self, Write};

use super::csv::CsvOut;
use super::table::Fit;
use super::text::pounds;
use crate::model::Choice;
use crate::reports::listing::{Cell, Column};
use crate::reports::register_book::{self, FOLDER_COLUMN, Files};

/// One partnership's cells, in column order.
pub type Line = Vec<Cell>;

fn index(columns: &[Column], key: &str) -> usize {
    columns.iter().position(|c| c.key == key).unwrap_or(0)
}

/// The main columns as a terminal table.
/// Partnerships are named by name; `ids` adds their ids as a first column.
pub fn table(columns: &[Column], lines: &[Line], fit: Fit, ids: bool, w: impl Write) -> io::Result<()> {
    let all = [
        "id",
        "name",
        "lead_partner",
        "status",
        "meeting_frequency",
        "staff_hours_per_month",
        "budget_contribution_gbp",
        "risk.overall",
        "value.overall",
        "recommendation",
    ];
    let shown = if ids { &all[..] } else { &all[1..] };
    // Short headings: the register's own labels ("Staff time (hours per
    // month)") would make each column as wide as its label.
    let headers: Vec<&str> = shown
        .iter()
        .map(|k| match *k {
            "id" => "ID",
            "name" => "Name",
            "lead_partner" => "Lead partner",
            "status" => "Status",
            "meeting_frequency" => "Meets",
            "staff_hours_per_month" => "Hours a\nmonth",
            "budget_contribution_gbp" => "£ a year",
            "risk.overall" => "Risk",
            "value.overall" => "Value",
            "recommendation" => "Recommendation",
            other => columns[index(columns, other)].label.as_str(),
        })
        .collect();
    // Status, meeting frequency, hours, money and ratings are short words
    // or figures, never cut short.
    let keep: Vec<usize> = shown
        .iter()
        .enumerate()
        .filter(|(_, k)| !matches!(**k, "name" | "lead_partner" | "recommendation"))
        .map(|(i, _)| i)
        .collect();
    // On a narrow terminal, the columns least needed at a glance go first.
    let drop: Vec<usize> = ["lead_partner", "meeting_frequency", "staff_hours_per_month", "status"]
        .iter()
        .filter_map(|k| shown.iter().position(|s| s == k))
        .collect();
    let mut t = super::table::new(&headers, fit, &keep);
    for line in lines {
        let row: Vec<String> = shown
            .iter()
            .map(|k| match &line[index(columns, k)] {
                Cell::Money(n) => pounds(*n),
                Cell::Empty => "—".into(),
                // Ratings as people write them: High, Medium, Low.
                Cell::Text(t) if k.ends_with(".overall") => {
                    crate::model::Level::from_str_exact(t).map_or_else(|| t.clone(), |l| l.title().to_string())
                }
                other => other.text(),
            })
            .collect();
        super::table::add_row(&mut t, row);
    }
    let name = shown.iter().position(|k| *k == "name").unwrap_or(0);
    super::table::drop_to_fit(&mut t, fit, &drop, &[(name, 28)]);
    writeln!(super::sanitize::Terminal::new(w), "{t}")
}

/// Every column as CSV, headed by the column keys.
pub fn csv(columns: &[Column], lines: &[Line], bom: bool, w: impl Write) -> io::Result<()> {
    let mut out = CsvOut::new(w, bom)?;
    let keys: Vec<&str> = columns.iter().map(|c| c.key.as_str()).collect();
    out.header(&keys)?;
    for line in lines {
        for cell in line {
            match cell {
                Cell::Number(n) => out.number(n),
                Cell::Money(n) => out.number(n),
                other => out.text(&other.text()),
            };
        }
        out.end()?;
    }
    out.finish()
}

/// Every column as JSON: one object, the partnerships in a list of objects
/// keyed by column key, each with its `folder` and its file's whole `entry`
/// (so that `import` can recreate the file from it).
pub fn json(columns: &[Column], lines: &[Line], files: &Files, mut w: impl Write) -> io::Result<()> {
    let rows: Vec<serde_json::Map<String, serde_json::Value>> = lines
        .iter()
        .map(|line| {
            columns
                .iter()
                .zip(line)
                .map(|(c, cell)| {
                    let v = match cell {
                        Cell::Text(s) => serde_json::Value::from(s.clone()),
                        Cell::Number(n) => {
                            serde_json::Number::from_f64(*n).map_or(serde_json::Value::Null, serde_json::Value::Number)
                        }
                        Cell::Money(n) => serde_json::Value::from(*n),
                        Cell::Bool(b) => serde_json::Value::from(*b),
                        Cell::Date(d) => serde_json::Value::from(d.to_string()),
                        Cell::Array(items) => serde_json::Value::from(items.clone()),
                        Cell::Empty => serde_json::Value::Null,
                    };
                    (c.key.clone(), v)
                })
                .collect::<serde_json::Map<_, _>>()
        })
        .map(|mut row| {
            let filed = row
                .get("id")
                .and_then(serde_json::Value::as_str)
                .and_then(|id| files.get(id));
            if let Some(filed) = filed {
                row.insert(FOLDER_COLUMN.into(), filed.folder.clone().into());
                row.insert(
                    "entry".into(),
                    register_book::to_json(&toml::Value::Table(filed.entry.clone())),
                );
            }
            row
        })
        .collect();
    #[derive(serde::Serialize)]
    struct Doc {
        partnerships: Vec<serde_json::Map<String, serde_json::Value>>,
    }
    super::formats::write_json(&Doc { partnerships: rows }, &mut w)
}
