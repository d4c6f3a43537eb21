//! Reading the worksheets of an `.xlsx` workbook one cell at a time, with
//! each merged cell's value copied to every cell of the merge, as Excel shows it.
//!
//! calamine's `worksheet_range` allocates the whole rectangle from A1 (or the
//! first used cell) to the last used cell: a 1.6 KB file whose only cell is
//! XFD1048576 asks for ~512 GB. So cells are streamed into a sparse list
//! with caps on their number and on the rectangle they span, and a sheet
//! past either cap is refused ("cannot read", exit 2) before any grid is built.

use super::Grid;
use anyhow::{anyhow, bail};
use calamine::{DataRef, Dimensions, Reader as _, Xlsx, open_workbook};
use std::path::Path;

/// The one limit on a sheet's size: the most cells the rectangle from the
/// first to the last used cell may hold (e.g. 20,000 rows by 100 columns),
/// so the grid built is this big at most (about 50 MB of empty cells). A
/// sheet cannot have more cells in use than its rectangle holds, so the
/// same number caps the cells read, counted as they stream in (a damaged
/// file may name one cell many times). `list --format xlsx` writes one row
/// per partnership and fewer than 100 columns, so partreg's own workbook of
/// 10,000 partnerships and more reads back (see the test below).
pub(super) const MAX_EXTENT: u64 = 2_000_000;
/// [`MAX_EXTENT`] as a count of cells.
pub(super) const MAX_CELLS: usize = MAX_EXTENT as usize;

/// One worksheet as rows of text, from its first used row and column.
pub(super) struct Worksheet {
    pub name: String,
    pub grid: Grid,
    /// The 0-based sheet row and column of `grid[0][0]`.
    pub top: usize,
    pub left: usize,
    /// The merges whose value was copied into other cells, for the report.
    pub merges: Vec<Merge>,
    /// For each grid row, the runs of columns (first, last) whose value is
    /// a merge's copy, not typed there: a row whose only typed cells are
    /// representatives continues the partnership above (see `continued`).
    /// Empty when nothing was copied.
    pub copied: Vec<Vec<(usize, usize)>>,
}

impl Worksheet {
    /// The cells of grid row `index` as typed: a merge's copies left blank.
    pub(super) fn typed(&self, index: usize) -> Vec<String> {
        let mut cells = self.grid.get(index).cloned().unwrap_or_default();
        for &(first, last) in self.copied.get(index).map_or(&[][..], Vec::as_slice) {
            for cell in &mut cells[first..=last] {
                cell.clear();
            }
        }
        cells
    }
}

/// A merged range whose top-left value was copied into the rest of it, in
/// 0-based sheet rows and columns (the part inside the grid).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Merge {
    pub first: (usize, usize),
    pub last: (usize, usize),
    pub value: String,
}

/// Every worksheet, in the workbook's order.
pub(super) fn read_sheets(path: &Path) -> anyhow::Result<Vec<Worksheet>> {
    super::unpacked::refuse_too_big_unpacked(path)?;
    let mut book: Xlsx<_> = open_workbook(path).map_err(|e| anyhow!("cannot read {}: {e}", path.display()))?;
    let names = book.sheet_names().clone();
    if names.is_empty() {
        bail!("{} has no worksheet", path.display());
    }
    let mut sheets = Vec::new();
    for name in names {
        let cells = read_cells(&mut book, path, &name)?;
        // A damaged merge list is no reason to refuse the sheet: its cells still read.
        let merges = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
        let (grid, top, left) = grid_from(path, cells)?;
        let mut sheet = Worksheet {
            name,
            grid,
            top,
            left,
            merges: Vec::new(),
            copied: Vec::new(),
        };
        fill_merges(&mut sheet, &merges);
        sheets.push(sheet);
    }
    Ok(sheets)
}

fn read_cells(
    book: &mut Xlsx<std::io::BufReader<std::fs::File>>,
    path: &Path,
    name: &str,
) -> anyhow::Result<Vec<(u32, u32, String)>> {
    let mut reader = book
        .worksheet_cells_reader(name)
        .map_err(|e| anyhow!("cannot read {}: {e}", path.display()))?;
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    // The rectangle so far, so a far stray cell stops the reading at once
    // rather than after the rest of the sheet is held in memory.
    let mut span: Option<[u32; 4]> = None;
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
                "cannot read {}: its sheet {name:?} has more than {MAX_CELLS} cells in use, over partreg's limit of \
                 {MAX_EXTENT} cells; split it into several sheets",
                path.display()
            );
        }
        let (row, col) = cell.get_position();
        let [top, left, bottom, right] = span.get_or_insert([row, col, row, col]);
        (*top, *left, *bottom, *right) = ((*top).min(row), (*left).min(col), (*bottom).max(row), (*right).max(col));
        if extent(*top, *left, *bottom, *right) > MAX_EXTENT {
            return Err(too_wide(path, (*top, *left), (*bottom, *right)));
        }
        cells.push((row, col, text));
    }
    Ok(cells)
}

/// Copies the value of each merge's top-left cell to the rest of it. Only
/// the part of a merge inside the grid is filled, so a merge over the whole
/// sheet costs no more than the grid already holds.
fn fill_merges(sheet: &mut Worksheet, merges: &[Dimensions]) {
    let rows = sheet.grid.len();
    let cols = sheet.grid.first().map_or(0, Vec::len);
    for m in merges {
        let (r0, c0) = (m.start.0 as usize, m.start.1 as usize);
        let (r1, c1) = (m.end.0 as usize, m.end.1 as usize);
        let (Some(r0), Some(c0)) = (r0.checked_sub(sheet.top), c0.checked_sub(sheet.left)) else {
            continue;
        };
        if r0 >= rows || c0 >= cols {
            continue;
        }
        let value = sheet.grid[r0][c0].clone();
        if value.is_empty() {
            continue;
        }
        let r1 = (r1 - sheet.top).min(rows - 1);
        let c1 = (c1 - sheet.left).min(cols - 1);
        let mut filled = false;
        if sheet.copied.len() < rows {
            sheet.copied.resize(rows, Vec::new());
        }
        for (r, row) in sheet.grid[r0..=r1].iter_mut().enumerate() {
            let runs = &mut sheet.copied[r0 + r];
            for (c, cell) in row[c0..=c1].iter_mut().enumerate() {
                if cell.is_empty() {
                    cell.clone_from(&value);
                    filled = true;
                    let c = c0 + c;
                    match runs.last_mut() {
                        Some((_, last)) if *last + 1 == c => *last = c,
                        _ => runs.push((c, c)),
                    }
                }
            }
        }
        // Said in the report: a value copied into another row is data the
        // sheet did not hold there, however Excel shows it.
        if filled {
            let at = |r: usize, c: usize| (r + sheet.top, c + sheet.left);
            sheet.merges.push(Merge {
                first: at(r0, c0),
                last: at(r1, c1),
                value,
            });
        }
    }
}

/// Lays the cells out as rows, refusing a rectangle past [`MAX_EXTENT`].
fn grid_from(path: &Path, cells: Vec<(u32, u32, String)>) -> anyhow::Result<(Grid, usize, usize)> {
    let (Some(top), Some(left)) = (cells.iter().map(|c| c.0).min(), cells.iter().map(|c| c.1).min()) else {
        return Ok((Grid::new(), 0, 0));
    };
    let bottom = cells.iter().map(|c| c.0).max().unwrap_or(top);
    let right = cells.iter().map(|c| c.1).max().unwrap_or(left);
    if extent(top, left, bottom, right) > MAX_EXTENT {
        return Err(too_wide(path, (top, left), (bottom, right)));
    }
    let (rows, cols) = (u64::from(bottom - top) + 1, u64::from(right - left) + 1);
    // Both fit: rows * cols <= MAX_EXTENT.
    let mut grid = vec![vec![String::new(); cols as usize]; rows as usize];
    for (row, col, text) in cells {
        grid[(row - top) as usize][(col - left) as usize] = text;
    }
    Ok((grid, top as usize, left as usize))
}

/// How many cells the rectangle from `top`/`left` to `bottom`/`right` holds.
fn extent(top: u32, left: u32, bottom: u32, right: u32) -> u64 {
    (u64::from(bottom - top) + 1).saturating_mul(u64::from(right - left) + 1)
}

/// The refusal of a sheet whose cells in use span more than [`MAX_EXTENT`].
fn too_wide(path: &Path, (top, left): (u32, u32), (bottom, right): (u32, u32)) -> anyhow::Error {
    anyhow!(
        "cannot read {}: its cells in use span {} rows by {} columns (from {} to {}), over partreg's limit of \
         {MAX_EXTENT} cells; delete the stray cells far from the table (Ctrl+End in Excel shows the last one), \
         or split the table into several sheets",
        path.display(),
        u64::from(bottom - top) + 1,
        u64::from(right - left) + 1,
        reference(top, left),
        reference(bottom, right)
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    /// partreg's own export of 10,000 partnerships must read back: its
    /// widest sheet is the register, one row per partnership (and the
    /// headings) by one column per `list` column, with room for texts split
    /// over `… (continued)` columns. Reading such a workbook is tested end
    /// to end at a smaller size (tests/it/round_trip.rs), since 10,000 takes
    /// too long in a debug build.
    #[test]
    fn partregs_own_workbook_of_10000_partnerships_fits_the_limits() {
        let columns = crate::reports::listing::columns().len() as u64;
        assert!(columns < 100, "{columns} columns");
        let rows = 10_000 + 1;
        assert!(rows * (columns + 20) <= MAX_EXTENT, "{rows} rows by {columns} columns");
        assert_eq!(
            MAX_CELLS as u64, MAX_EXTENT,
            "one limit, said the same way in both refusals"
        );
    }

    #[test]
    fn the_rectangle_counts_every_row_and_column_it_covers() {
        assert_eq!(extent(0, 0, 0, 0), 1);
        assert_eq!(extent(3, 2, 4, 4), 6);
        assert_eq!(extent(0, 0, 1_048_575, 16_383), 1_048_576 * 16_384);
    }
}
