//! Reading the first worksheet of an `.xlsx` workbook one cell at a time.
//!
//! calamine's `worksheet_range` allocates the whole rectangle from A1 (or the
//! first used cell) to the last used cell: a 1.6 KB file whose only cell is
//! XFD1048576 asks for ~512 GB. So cells are streamed into a sparse list
//! with caps on their number and on the rectangle they span, and a sheet
//! past either cap is refused ("cannot read", exit 2) before any grid is built.

use super::Grid;
use anyhow::{anyhow, bail};
use calamine::{DataRef, Reader as _, Xlsx, open_workbook};
use std::path::Path;

/// The most cells holding something that a sheet may have.
pub(super) const MAX_CELLS: usize = 200_000;
/// The most cells the rectangle from the first to the last used cell may hold
/// (e.g. 10,000 rows by 100 columns): the grid built is this big at most.
pub(super) const MAX_EXTENT: u64 = 1_000_000;

/// The first worksheet as rows of text, starting at its first used row and column.
pub(super) fn read_first_sheet(path: &Path) -> anyhow::Result<Grid> {
    let mut book: Xlsx<_> = open_workbook(path).map_err(|e| anyhow!("cannot read {}: {e}", path.display()))?;
    let Some(name) = book.sheet_names().first().cloned() else {
        bail!("{} has no worksheet", path.display());
    };
    let mut reader = book
        .worksheet_cells_reader(&name)
        .map_err(|e| anyhow!("cannot read {}: {e}", path.display()))?;
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    while let Some(cell) = reader
        .next_cell()
        .map_err(|e| anyhow!("cannot read {}: {e}", path.display()))?
    {
        let text = cell_text(cell.get_value());
        if text.is_empty() {
            continue;
        }
        if cells.len() == MAX_CELLS {
            bail!(
                "cannot read {}: its first sheet has more than {MAX_CELLS} cells in use, over partreg's limit; \
                 split it into several sheets",
                path.display()
            );
        }
        let (row, col) = cell.get_position();
        cells.push((row, col, text));
    }
    grid_from(path, cells)
}

/// Lays the cells out as rows, refusing a rectangle past [`MAX_EXTENT`].
fn grid_from(path: &Path, cells: Vec<(u32, u32, String)>) -> anyhow::Result<Grid> {
    let (Some(top), Some(left)) = (cells.iter().map(|c| c.0).min(), cells.iter().map(|c| c.1).min()) else {
        return Ok(Grid::new());
    };
    let bottom = cells.iter().map(|c| c.0).max().unwrap_or(top);
    let right = cells.iter().map(|c| c.1).max().unwrap_or(left);
    let (rows, cols) = (u64::from(bottom - top) + 1, u64::from(right - left) + 1);
    if rows.saturating_mul(cols) > MAX_EXTENT {
        bail!(
            "cannot read {}: its cells in use span {rows} rows by {cols} columns (from {} to {}), over partreg's limit of \
             {MAX_EXTENT} cells; delete the stray cells far from the table (Ctrl+End in Excel shows the last one)",
            path.display(),
            reference(top, left),
            reference(bottom, right)
        );
    }
    // Both fit: rows * cols <= MAX_EXTENT.
    let mut grid = vec![vec![String::new(); cols as usize]; rows as usize];
    for (row, col, text) in cells {
        grid[(row - top) as usize][(col - left) as usize] = text;
    }
    Ok(grid)
}

/// An A1-style reference for a 0-based row and column.
fn reference(row: u32, col: u32) -> String {
    format!("{}{}", super::headings::letter(col as usize), u64::from(row) + 1)
}

fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => {
            // Excel counts days from 1899-12-30 (25,569 days before 1970).
            let serial = d.as_f64();
            let date = serial
                .is_finite()
                .then(|| crate::model::Date::from_days_since_epoch(serial.floor() as i64 - 25_569))
                .flatten();
            date.map_or_else(
                // Left as text the import reports, never a real-looking date.
                || format!("Excel date number {serial}, outside the years 1000-9999"),
                |date| date.to_string(),
            )
        }
        DataRef::Error(e) => format!("{e:?}"),
    }
}
