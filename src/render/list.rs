//! The register as a document (`partreg list`): a terminal table of the
//! main columns, and every column as CSV, JSON or an Excel workbook.

use std::io::{self, Write};

use super::csv::CsvOut;
use super::document::{self, Document};
use super::table::Fit;
use super::text::pounds;
use crate::model::{Choice, Label};
use crate::policy::rubric::Recommendation;
use crate::reports::listing::{Cell, Column};
use crate::reports::register_book::{self, FOLDER_COLUMN, Files};

/// One partnership's cells, in column order.
pub type Line = Vec<Cell>;

fn index(columns: &[Column], key: &str) -> usize {
    columns.iter().position(|c| c.key == key).unwrap_or(0)
}

/// The main columns as a terminal table, laid out like the appointments
/// list and the reporting programme ([`document::table`]): names in full,
/// wrapped at words; on a narrow terminal the least needed columns left
/// out first and named under the table. Values read as the review pack
/// writes them (Active, Retain and manage the risk), never as tokens.
/// Partnerships are named by name; `ids` adds their ids as a first column.
pub fn table(columns: &[Column], lines: &[Line], fit: Fit, ids: bool, w: impl Write) -> io::Result<()> {
    // Short headings: the register's own labels ("Staff time (hours per
    // month)") would make each column as wide as its label.
    let shown: [(&str, &'static str); 10] = [
        ("id", "ID"),
        ("name", "Name"),
        ("lead_partner", "Lead partner"),
        ("status", "Status"),
        ("meeting_frequency", "Meets"),
        ("staff_hours_per_month", "Hours a month"),
        ("budget_contribution_gbp", "£ a year"),
        ("risk.overall", "Risk"),
        ("value.overall", "Value"),
        ("recommendation", "Recommendation"),
    ];
    let rows = lines
        .iter()
        .map(|line| {
            shown
                .iter()
                .map(|(k, _)| match &line[index(columns, k)] {
                    Cell::Money(n) => pounds(*n),
                    Cell::Empty => String::new(),
                    Cell::Text(t) => words(k, t),
                    other => other.text(),
                })
                .collect()
        })
        .collect();
    let doc = Document {
        headers: shown.iter().map(|(_, h)| *h).collect(),
        rows,
        // On a narrow terminal, the columns least needed at a glance go first.
        drop_first: vec!["Lead partner", "Meets", "Hours a month", "Status"],
        roomy: vec![("Name", 60), ("Lead partner", 24), ("Recommendation", 26)],
        full: vec!["Name"],
        every_column: "`--format csv` and `--format xlsx`",
        ..Document::default()
    };
    // Cells are escaped as they go in (`table::add_wrapped_row`).
    document::table(&doc, fit, ids, w)
}

/// A token in a cell as people read it: ratings, statuses, meeting
/// frequencies and recommendations by their labels.
fn words(key: &str, token: &str) -> String {
    let label = match key {
        "risk.overall" | "value.overall" => crate::model::Level::from_str_exact(token).map(Label::label),
        "status" => crate::model::Status::from_str_exact(token).map(Label::label),
        "meeting_frequency" => crate::model::Frequency::from_str_exact(token).map(Label::label),
        "recommendation" => Recommendation::from_str_exact(token).map(Label::label),
        _ => None,
    };
    label.map_or_else(|| token.to_string(), str::to_string)
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
