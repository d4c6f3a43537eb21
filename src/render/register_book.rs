//! The register book as an Excel workbook (`list --format xlsx`): the
//! partnerships sheet, a sheet per repeated table, the Appendix C answers
//! and the sheet that marks it as partreg's own
//! ([`crate::reports::register_book`] has the layout). Every sheet has typed
//! cells, pounds formatted as money, dates as dates, the header row frozen
//! and filters on. Text too long for a cell goes on in continuation columns
//! and dates before 1900 are written as text ([`excel_limits`] has the
//! convention `import` reads back).

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};

use super::excel_limits;
use crate::reports::listing::{Cell, Column};
use crate::reports::register_book::{
    self as book, ABOUT_SHEET, BOOK_VERSION, EXTRA_COLUMNS, Files, MARKER, NUMBER_HEADING, PARTNERSHIPS_SHEET,
    TABLE_SHEETS,
};

/// The whole register as one workbook. `lines` are the listing's rows (in
/// the listing's order); `files` each listed partnership's own TOML.
pub fn xlsx(columns: &[Column], lines: &[Vec<Cell>], files: &Files) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let ids: Vec<String> = lines
        .iter()
        .map(|l| l.first().map(Cell::text).unwrap_or_default())
        .collect();
    // The partnerships: the listing's cells, except that a file's own keys
    // come from its TOML, so that a key left out stays out.
    let mut headings: Vec<String> = columns.iter().map(|c| c.label.clone()).collect();
    headings.extend(EXTRA_COLUMNS.iter().map(|(_, label)| (*label).to_string()));
    let rows: Vec<Vec<Cell>> = lines
        .iter()
        .zip(&ids)
        .map(|(line, id)| {
            let Some(filed) = files.get(id) else {
                return line.clone();
            };
            let mut row: Vec<Cell> = columns
                .iter()
                .zip(line)
                .map(|(c, cell)| {
                    if book::is_derived(&c.key) {
                        cell.clone()
                    } else {
                        book::cell(&c.key, book::at(&filed.entry, &c.key))
                    }
                })
                .collect();
            for (key, _) in EXTRA_COLUMNS {
                row.push(match *key {
                    book::FOLDER_COLUMN if filed.folder.is_empty() => Cell::Empty,
                    book::FOLDER_COLUMN => Cell::Text(filed.folder.clone()),
                    book::EMPTY_COLUMN => match book::empty_tables(&filed.entry) {
                        empty if empty.is_empty() => Cell::Empty,
                        empty => Cell::Text(serde_json::to_string(&empty).unwrap_or_default()),
                    },
                    key => book::cell(key, book::at(&filed.entry, key)),
                });
            }
            row
        })
        .collect();
    sheet(workbook.add_worksheet(), PARTNERSHIPS_SHEET, &headings, &rows, 32)?;
    for table in TABLE_SHEETS {
        let mut headings = vec!["ID".to_string()];
        if table.repeated {
            headings.push(NUMBER_HEADING.to_string());
        }
        headings.extend(table.columns.iter().map(|(_, label)| (*label).to_string()));
        let mut rows = Vec::new();
        for id in &ids {
            let Some(filed) = files.get(id) else { continue };
            let items: Vec<&toml::Table> = match filed.entry.get(table.key) {
                Some(toml::Value::Array(items)) if table.repeated => {
                    items.iter().filter_map(toml::Value::as_table).collect()
                }
                Some(toml::Value::Table(t)) if !table.repeated => vec![t],
                _ => continue,
            };
            for (n, item) in items.into_iter().enumerate() {
                let mut row = vec![Cell::Text(id.clone())];
                if table.repeated {
                    row.push(Cell::Number((n + 1) as f64));
                }
                for (key, _) in table.columns {
                    row.push(book::cell(&format!("{}.{key}", table.key), item.get(*key)));
                }
                rows.push(row);
            }
        }
        sheet(workbook.add_worksheet(), table.name, &headings, &rows, 28)?;
    }
    about(workbook.add_worksheet())?;
    workbook.save_to_buffer()
}

/// The sheet that marks the workbook as partreg's own and says what each sheet holds.
fn about(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet.set_name(ABOUT_SHEET)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    sheet.write_string_with_format(0, 0, "Format", &bold)?;
    sheet.write_string(0, 1, MARKER)?;
    sheet.write_string_with_format(1, 0, "Format version", &bold)?;
    sheet.write_number(1, 1, f64::from(BOOK_VERSION))?;
    sheet.write_string_with_format(2, 0, "Written by", &bold)?;
    sheet.write_string(2, 1, concat!("partreg ", env!("CARGO_PKG_VERSION")))?;
    let mut lines = vec![
        (
            PARTNERSHIPS_SHEET.to_string(),
            "one row per partnership file; \"Folder\" is its sub-folder of the register".to_string(),
        ),
        (
            "Lists".into(),
            "a cell of several values holds one a line (Alt+Enter in Excel), or a JSON list such as [\"a\", \"b\"]"
                .into(),
        ),
    ];
    for t in TABLE_SHEETS {
        let what = if t.repeated {
            format!("the [[{}]] of each file, in order (\"{NUMBER_HEADING}\")", t.key)
        } else {
            format!("the [{}] of each file that has one", t.key)
        };
        lines.push((t.name.to_string(), what));
    }
    lines.push((
        "Going back".into(),
        "partreg import of this workbook into a register recreates every file in its folder".into(),
    ));
    for (i, (name, what)) in lines.iter().enumerate() {
        let row = 4 + u32::try_from(i).unwrap_or(0);
        sheet.write_string_with_format(row, 0, name, &bold)?;
        sheet.write_string_with_format(row, 1, what, &wrap)?;
    }
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(1, 90)?;
    Ok(())
}

/// One sheet of typed cells under a frozen, filtered heading row. The first
/// column is `first_width` wide, the others 40 (or less when autofit says so).
fn sheet(
    sheet: &mut Worksheet,
    name: &str,
    headings: &[String],
    lines: &[Vec<Cell>],
    first_width: u16,
) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    let header = Format::new().set_bold().set_text_wrap();
    let money = Format::new().set_num_format("£#,##0");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    // "0.##" alone shows a whole number with a trailing point ("40."), so
    // whole numbers (hours, places, years, "No.") get "0".
    let fraction = Format::new().set_num_format("0.##");
    let whole = Format::new().set_num_format("0");
    let lines_format = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    // How many cells each column takes: one, plus continuations for the
    // longest text in it.
    let widths: Vec<usize> = (0..headings.len())
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
    for (c, label) in headings.iter().enumerate() {
        sheet.write_string_with_format(0, col_at(starts[c]), label, &header)?;
        for extra in 1..widths[c] {
            let label = format!("{label}{}", excel_limits::CONTINUED);
            sheet.write_string_with_format(0, col_at(starts[c] + extra), &label, &header)?;
        }
    }
    for (r, line) in lines.iter().enumerate() {
        let row = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, cell) in line.iter().enumerate() {
            let col = col_at(starts[c]);
            match cell {
                // Wrapped when it has lines (a list is one item a line): Excel
                // shows the lines of an unwrapped cell run together.
                Cell::Text(s) if s.contains('\n') => {
                    for (i, piece) in excel_limits::pieces(s).into_iter().enumerate() {
                        sheet.write_string_with_format(row, col_at(starts[c] + i), piece, &lines_format)?;
                    }
                }
                Cell::Text(s) => {
                    for (i, piece) in excel_limits::pieces(s).into_iter().enumerate() {
                        sheet.write_string(row, col_at(starts[c] + i), piece)?;
                    }
                }
                Cell::Number(n) => {
                    let format = if n.fract() == 0.0 { &whole } else { &fraction };
                    sheet.write_number_with_format(row, col, *n, format)?;
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
    sheet.set_column_width(0, first_width)?;
    Ok(())
}
