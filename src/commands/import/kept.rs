//! The text of a sheet that is not a partnership — titles above the
//! headings, section rows, notes and keys under the table, and the typed
//! cells of a row that repeats an earlier one or of representatives with no
//! partnership to add them to — kept as written,
//! so that no non-empty cell of a sheet read is lost. It goes into one
//! Markdown file beside the register folder (`import-notes-<sheet file>.md`,
//! never over an existing file), each cell with its sheet, its place (`A1`)
//! and what partreg took it for; the report names the file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::headings::letter;

/// One cell kept: its sheet, its place (`A1`), what it was taken for and its text.
#[derive(Debug)]
pub(super) struct Cell {
    pub sheet: String,
    pub place: String,
    pub what: &'static str,
    pub text: String,
}

/// Every cell kept in one import, in sheet order.
#[derive(Debug, Default)]
pub(super) struct Kept {
    pub cells: Vec<Cell>,
}

impl Kept {
    /// Keeps the non-empty cells of one row, each distinct text once (a
    /// merged title is copied into every cell of its merge).
    /// `row` and `left` are the sheet's 0-based row and first column.
    pub(super) fn row(&mut self, sheet: &str, row: usize, left: usize, cells: &[String], what: &'static str) {
        self.cells_of(sheet, (row, left), cells, what, true);
    }

    /// Keeps every non-empty cell of a row as typed (merged copies already
    /// left out), each in its place even when two hold the same text: a row
    /// not imported, whose "Low" for risk and "Low" for value both count.
    pub(super) fn typed_row(&mut self, sheet: &str, row: usize, left: usize, cells: &[String], what: &'static str) {
        self.cells_of(sheet, (row, left), cells, what, false);
    }

    fn cells_of(&mut self, sheet: &str, (row, left): (usize, usize), cells: &[String], what: &'static str, once: bool) {
        let mut seen: Vec<&str> = Vec::new();
        for (col, text) in cells.iter().enumerate() {
            let trimmed = text.trim();
            if trimmed.is_empty() || (once && seen.contains(&trimmed)) {
                continue;
            }
            seen.push(trimmed);
            self.cells.push(Cell {
                sheet: sheet.to_string(),
                place: format!("{}{}", letter(col + left), row + 1),
                what,
                text: text.clone(),
            });
        }
    }

    /// The file the cells go in: beside the register folder, named after the
    /// sheet file, with `-2`, `-3`… when that name is taken.
    pub(super) fn file_for(register_dir: &Path, sheet_file: &Path) -> PathBuf {
        let stem = sheet_file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .and_then(|s| crate::store::slug::from_name(&s))
            .unwrap_or_else(|| "sheet".to_string());
        let beside = register_dir.parent().unwrap_or(register_dir);
        let mut n = 1;
        loop {
            let name = if n == 1 {
                format!("import-notes-{stem}.md")
            } else {
                format!("import-notes-{stem}-{n}.md")
            };
            let path = beside.join(name);
            if !path.exists() {
                return path;
            }
            n += 1;
        }
    }

    /// The file's text: a heading, then one item per cell, its text as written.
    pub(super) fn markdown(&self, sheet_file: &str, as_of: crate::model::Date) -> String {
        let mut out = format!(
            "# Not imported: the titles, notes and other cells of {sheet_file}\n\n\
             Kept by `partreg import` on {as_of}: every cell of the sheets read that is not in a partnership's file \
             (titles, sections, notes, and the typed cells of rows that were not imported), as it was written, \
             with its place in the sheet.\n"
        );
        let mut sheet: Option<&str> = None;
        for c in &self.cells {
            if sheet != Some(c.sheet.as_str()) {
                let _ = write!(out, "\n## Sheet {:?}\n\n", c.sheet);
                sheet = Some(&c.sheet);
            }
            // Continuation lines indented, so a cell of several lines stays one item.
            let text = c.text.replace("\r\n", "\n").replace('\n', "\n  ");
            let _ = writeln!(out, "* {} ({}): {text}", c.place, c.what);
        }
        out
    }

    /// The cells as JSON, for the report's `kept_verbatim`.
    pub(super) fn json(&self) -> Vec<serde_json::Value> {
        self.cells
            .iter()
            .map(|c| serde_json::json!({"sheet": c.sheet, "cell": c.place, "what": c.what, "text": c.text}))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merged_title_is_kept_once_and_lines_stay_together() {
        let mut kept = Kept::default();
        let title = "Register 2025".to_string();
        kept.row(
            "Register",
            0,
            0,
            &[title.clone(), title.clone(), String::new()],
            "title",
        );
        kept.row("Register", 9, 1, &["Key:\nH = High".to_string()], "note");
        assert_eq!(kept.cells.len(), 2);
        kept.typed_row(
            "Register",
            11,
            0,
            &["Low".to_string(), "Low".to_string()],
            "row not imported",
        );
        assert_eq!(kept.cells.len(), 4, "both typed cells, each in its place");
        assert_eq!(kept.cells[1].place, "B10");
        let md = kept.markdown("old.xlsx", crate::model::Date::new(2026, 1, 2).unwrap());
        assert!(md.contains("* A1 (title): Register 2025\n"), "{md}");
        assert!(md.contains("* B10 (note): Key:\n  H = High\n"), "{md}");
    }
}
