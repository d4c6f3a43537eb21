//! The register as a document (`partreg list`): a terminal table of the
//! main columns, and every column as CSV, JSON or an Excel workbook.

use std::io::{self, Write};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use super::csv::CsvOut;
use super::excel_limits;
use super::table::Fit;
use super::text::pounds;
use crate::model::Choice;
use crate::reports::listing::{Cell, Column};

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
/// keyed by column key.
pub fn json(columns: &[Column], lines: &[Line], mut w: impl Write) -> io::Result<()> {
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
                .collect()
        })
        .collect();
    #[derive(serde::Serialize)]
    struct Doc {
        partnerships: Vec<serde_json::Map<String, serde_json::Value>>,
    }
    super::formats::write_json(&Doc { partnerships: rows }, &mut w)
}

/// Every column as an Excel workbook: typed cells, pounds formatted as
/// money, dates as dates, the header row frozen and filters on. Text too long
/// for a cell goes on in continuation columns and dates before 1900 are
/// written as text ([`excel_limits`] has the convention `import` reads back).
pub fn xlsx(columns: &[Column], lines: &[Line]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Partnership Register")?;
    let header = Format::new().set_bold().set_text_wrap();
    let money = Format::new().set_num_format("£#,##0");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let hours = Format::new().set_num_format("0.##");
    // How many cells each column takes: one, plus continuations for the
    // longest text in it.
    let widths: Vec<usize> = (0..columns.len())
        .map(|c| {
            lines
                .iter()
                .filter_map(|l| match l.get(c) {
                    Some(Cell::Text(s)) => Some(excel_limits::pieces(s).len()),
                    _ => None,
                })
                .max()
                .unwrap_or(1)
        })
        .collect();
    let starts: Vec<usize> = widths
        .iter()
        .scan(0, |next, w| {
            let start = *next;
            *next += w;
            Some(start)
        })
        .collect();
    let total: usize = widths.iter().sum();
    if total > usize::from(u16::MAX) {
        return Err(XlsxError::ParameterError(format!(
            "the export needs {total} columns, more than a worksheet holds"
        )));
    }
    // Both fit: `total` is within u16, checked above.
    let col_at = |c: usize| c as u16;
    for (c, column) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, col_at(starts[c]), &column.label, &header)?;
        for extra in 1..widths[c] {
            let label = format!("{}{}", column.label, excel_limits::CONTINUED);
            sheet.write_string_with_format(0, col_at(starts[c] + extra), &label, &header)?;
        }
    }
    for (r, line) in lines.iter().enumerate() {
        let row = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, cell) in line.iter().enumerate() {
            let col = col_at(starts[c]);
            match cell {
                Cell::Text(s) => {
                    for (i, piece) in excel_limits::pieces(s).into_iter().enumerate() {
                        sheet.write_string(row, col_at(starts[c] + i), piece)?;
                    }
                }
                Cell::Number(n) => {
                    sheet.write_number_with_format(row, col, *n, &hours)?;
                }
                Cell::Money(n) => {
                    sheet.write_number_with_format(row, col, *n as f64, &money)?;
                }
                Cell::Bool(b) => {
                    sheet.write_boolean(row, col, *b)?;
                }
                Cell::Date(d) if d.year() < excel_limits::FIRST_EXCEL_YEAR => {
                    sheet.write_string(row, col, d.to_string())?;
                }
                Cell::Date(d) => {
                    let when = ExcelDateTime::from_ymd(d.year4(), d.month(), d.day())?;
                    sheet.write_datetime_with_format(row, col, &when, &date)?;
                }
                Cell::Array(items) if !items.is_empty() => {
                    sheet.write_string(row, col, items.join("; "))?;
                }
                Cell::Array(_) | Cell::Empty => {}
            }
        }
    }
    let last_row = u32::try_from(lines.len()).unwrap_or(u32::MAX);
    let last_col = col_at(total.saturating_sub(1));
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    sheet.autofit();
    // Long texts would make autofit columns very wide; cap them.
    for col in 0..=last_col {
        sheet.set_column_width(col, 40)?;
    }
    sheet.set_column_width(0, 32)?;
    book.save_to_buffer()
}
