//! What Excel cannot hold, and how the register's export gets round it so
//! that nothing `check` accepts is lost on the way to a workbook.
//!
//! * A cell holds at most 32,767 characters (UTF-16 units). Longer text is
//!   split over *continuation columns*: right after the column `Comments`
//!   come `Comments (continued)` columns, as many as the longest text needs,
//!   each holding the next piece. `import` joins every run of `… (continued)`
//!   columns back onto the column before them, so the text comes back whole.
//! * Excel dates start in 1900; an earlier date (which the register allows
//!   from the year 1000) is written as text `YYYY-MM-DD`, which `import`
//!   reads as a date again.

/// The most UTF-16 units Excel keeps in one cell.
pub const MAX_CELL_UNITS: usize = 32_767;

/// The ending of a continuation column's heading.
pub const CONTINUED: &str = " (continued)";

/// The first year Excel can hold as a date.
pub const FIRST_EXCEL_YEAR: i32 = 1900;

/// `text` in pieces that each fit a cell, split between characters.
pub fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut units) = (0, 0);
    for (at, c) in text.char_indices() {
        if units + c.len_utf16() > MAX_CELL_UNITS {
            out.push(&text[start..at]);
            (start, units) = (at, 0);
        }
        units += c.len_utf16();
    }
    out.push(&text[start..]);
    out
}

/// Joins continuation columns back onto the column before them, in place:
/// the reverse of the export. Row 0 is the heading row; a `… (continued)`
/// column counts only right after its own column or another continuation.
pub fn join_continued(grid: &mut [Vec<String>]) {
    let Some(header) = grid.first() else {
        return;
    };
    // For each column, the column it continues (None for an ordinary one).
    let mut base_of: Vec<Option<usize>> = Vec::with_capacity(header.len());
    let mut last_base: Option<usize> = None;
    for (col, heading) in header.iter().enumerate() {
        let continues = heading
            .strip_suffix(CONTINUED)
            .and(last_base)
            .filter(|&b| header[b].trim() == heading.trim_end_matches(CONTINUED).trim());
        if continues.is_none() {
            last_base = Some(col);
        }
        base_of.push(continues);
    }
    if base_of.iter().all(Option::is_none) {
        return;
    }
    for (r, row) in grid.iter_mut().enumerate() {
        let mut joined: Vec<String> = Vec::with_capacity(row.len());
        // Where each ordinary column landed in `joined`.
        let mut landed: Vec<Option<usize>> = vec![None; row.len()];
        for (col, cell) in std::mem::take(row).into_iter().enumerate() {
            match base_of.get(col).copied().flatten() {
                // The heading row keeps only the base heading.
                Some(base) if r > 0 => {
                    if let Some(at) = landed[base] {
                        joined[at].push_str(&cell);
                    }
                }
                Some(_) => {}
                None => {
                    landed[col] = Some(joined.len());
                    joined.push(cell);
                }
            }
        }
        *row = joined;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_splits_between_characters_and_joins_back() {
        let text = "é".repeat(MAX_CELL_UNITS) + &"😀".repeat(20_000) + "end";
        let parts = pieces(&text);
        assert!(parts.iter().all(|p| p.encode_utf16().count() <= MAX_CELL_UNITS));
        assert_eq!(parts.len(), 3);
        assert_eq!(parts.concat(), text);
        assert_eq!(pieces(""), [""]);
    }

    #[test]
    fn continuation_columns_join_onto_their_own_column_only() {
        let row = |cells: &[&str]| cells.iter().map(|c| (*c).to_string()).collect::<Vec<_>>();
        let mut grid = vec![
            row(&[
                "Name",
                "Comments",
                "Comments (continued)",
                "Comments (continued)",
                "Other (continued)",
            ]),
            row(&["A", "one ", "two ", "three", "kept"]),
            row(&["B", "short"]),
        ];
        join_continued(&mut grid);
        assert_eq!(grid[0], row(&["Name", "Comments", "Other (continued)"]));
        assert_eq!(grid[1], row(&["A", "one two three", "kept"]));
        assert_eq!(grid[2], row(&["B", "short"]));
    }
}
