//! Reading the sheet: a CSV (UTF-8, or Windows-1252 when it is not) or the
//! first worksheet of an Excel workbook, as rows of text cells.

use super::Grid;
use anyhow::{Context, bail};
use std::path::Path;

/// Reads a CSV or spreadsheet into rows of text.
pub(super) fn read_grid(path: &Path) -> anyhow::Result<Grid> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !path.is_file() {
        bail!("{} does not exist", path.display());
    }
    match ext.as_str() {
        "csv" => {
            let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            let text = match std::str::from_utf8(bytes) {
                Ok(t) => t.to_string(),
                // Excel's plain "CSV" is Windows-1252: £ is 0xA3, ’ is 0x92.
                Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
            };
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            let mut grid = Vec::new();
            for record in reader.records() {
                let record = record.with_context(|| format!("{} is not valid CSV", path.display()))?;
                grid.push(record.iter().map(str::to_string).collect());
            }
            Ok(grid)
        }
        "xlsx" | "xlsm" | "xls" | "ods" => {
            use calamine::{Data, Reader as _};
            let mut book = calamine::open_workbook_auto(path)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
            let Some(Ok(range)) = book.worksheet_range_at(0) else {
                bail!("{} has no worksheet", path.display());
            };
            Ok(range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            Data::Empty => String::new(),
                            Data::String(s) => s.clone(),
                            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
                            Data::Float(f) => f.to_string(),
                            Data::Int(i) => i.to_string(),
                            Data::Bool(b) => b.to_string(),
                            Data::DateTime(d) => {
                                let days = d.as_f64().floor() as i64 - 25_569;
                                crate::model::Date::from_days_since_epoch(days).to_string()
                            }
                            Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                            Data::Error(e) => format!("{e:?}"),
                        })
                        .collect()
                })
                .collect())
        }
        _ => bail!("{} is not a .csv or .xlsx file", path.display()),
    }
}

/// A Windows-1252 byte as a character. It is Latin-1 but for 0x80–0x9F,
/// where Windows keeps curly quotes, dashes and the euro sign.
pub(super) fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}
