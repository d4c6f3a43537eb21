//! Finding the table in a sheet people made by hand: the heading row (the
//! row among the first [`SEARCHED_ROWS`] that matches the most known
//! headings, or the one `--header-row` names), and what each row below it
//! is — a partnership, a section heading whose text becomes the sub-folder
//! of the rows below it, a note, or blank.

use super::Grid;
use super::headings::{Known, letter};

/// How many rows from the top are searched for the headings.
pub(super) const SEARCHED_ROWS: usize = 30;
/// The fewest recognised headings that make a heading row.
pub(super) const MIN_HEADINGS: usize = 3;

/// What a row below the headings is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Row {
    Blank,
    Partnership,
    /// A title such as "SHARED SERVICES": the rows below go in its sub-folder.
    Section(String),
    /// "Key: H = High…", "Source: …", "* Figures to be confirmed…", or text after the table.
    Note(String),
}

/// How well a row reads as the heading row: the headings it matches and
/// whether one of them is the partnership's name.
pub(super) fn score(row: &[String], known: &Known) -> (usize, bool) {
    let keys: Vec<String> = row
        .iter()
        .filter_map(|c| known.key(c))
        .filter(|k| k != "ignore")
        .collect();
    let mut distinct = keys.clone();
    distinct.sort();
    distinct.dedup();
    (distinct.len(), keys.iter().any(|k| k == "name"))
}

/// The grid index of the heading row, or `None` when no row of the first
/// [`SEARCHED_ROWS`] has a name column and [`MIN_HEADINGS`] known headings.
/// Ties go to the higher row, since titles sit above the headings.
pub(super) fn find_header(grid: &Grid, known: &Known) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in grid.iter().take(SEARCHED_ROWS).enumerate() {
        let (n, has_name) = score(row, known);
        if has_name && n >= MIN_HEADINGS && best.is_none_or(|(_, b)| n > b) {
            best = Some((i, n));
        }
    }
    best.map(|(i, _)| i)
}

/// Whether the heading row at `index` is good enough to import from.
pub(super) fn usable(grid: &Grid, index: usize, known: &Known) -> bool {
    grid.get(index).is_some_and(|row| {
        let (n, has_name) = score(row, known);
        has_name && n >= MIN_HEADINGS
    })
}

/// The rows looked at, as an officer sees them, for the message that no
/// heading row was found.
pub(super) fn rows_looked_at(grid: &Grid, top: usize, left: usize, known: &Known) -> String {
    let mut out = String::new();
    for (i, row) in grid.iter().take(SEARCHED_ROWS).enumerate() {
        let filled: Vec<(usize, &String)> = row.iter().enumerate().filter(|(_, c)| !c.trim().is_empty()).collect();
        if filled.is_empty() {
            continue;
        }
        let (n, _) = score(row, known);
        let shown: Vec<String> = filled
            .iter()
            .take(6)
            .map(|(col, c)| format!("{} {:?}", letter(col + left), clip(c.trim(), 30)))
            .collect();
        let more = if filled.len() > 6 {
            format!(" and {} more", filled.len() - 6)
        } else {
            String::new()
        };
        out.push_str(&format!(
            "  row {}: {}{more} ({n} known heading(s))\n",
            top + i + 1,
            shown.join(", ")
        ));
    }
    if out.is_empty() {
        out.push_str("  (the first rows are all blank)\n");
    }
    out
}

fn clip(text: &str, max: usize) -> String {
    let first_line = text.lines().next().unwrap_or_default();
    if first_line.chars().count() > max || first_line.len() < text.len() {
        format!("{}…", first_line.chars().take(max).collect::<String>())
    } else {
        first_line.to_string()
    }
}

/// The one text of a row that holds a single value (one filled cell in the
/// table's first column, or the same text over a merge across the table).
fn single_value(row: &[String], first_col: usize) -> Option<&str> {
    let mut filled = row.iter().enumerate().filter(|(_, c)| !c.trim().is_empty());
    let (col, text) = filled.next()?;
    let rest: Vec<_> = filled.collect();
    if rest.is_empty() {
        return (col <= first_col).then_some(text.trim());
    }
    rest.iter().all(|(_, c)| c.trim() == text.trim()).then_some(text.trim())
}

/// Whether a single value reads as a note: `*`, `Key`, `Note`, `NB`, `Source`.
fn is_note(text: &str) -> bool {
    if text.starts_with('*') {
        return true;
    }
    let word: String = text
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(word.as_str(), "key" | "note" | "notes" | "nb" | "source" | "sources")
}

/// What each row below the heading row is. With `sections` off, a row that
/// would be a section heading is read as a partnership.
pub(super) fn classify(rows: &[Vec<String>], header: &[String], sections: bool) -> Vec<Row> {
    let first_col = header.iter().position(|h| !h.trim().is_empty()).unwrap_or(0);
    let singles: Vec<Option<&str>> = rows.iter().map(|r| single_value(r, first_col)).collect();
    let blank = |r: &Vec<String>| r.iter().all(|c| c.trim().is_empty());
    let last_data = rows.iter().zip(&singles).rposition(|(r, s)| !blank(r) && s.is_none());
    rows.iter()
        .zip(&singles)
        .enumerate()
        .map(|(i, (row, single))| match single {
            _ if blank(row) => Row::Blank,
            None => Row::Partnership,
            Some(text) if is_note(text) || last_data.is_none_or(|last| i > last) => Row::Note(text.to_string()),
            Some(_) if !sections => Row::Partnership,
            Some(text) => Row::Section(text.to_string()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn tells_sections_notes_and_partnerships_apart() {
        let header = row(&["Partnership Name", "Lead Partner", "Status"]);
        let rows = vec![
            row(&["SHARED SERVICES", "", ""]),
            row(&["Forum", "Breckland", "Active"]),
            row(&["", "", ""]),
            row(&["Key: H = High", "", ""]),
            row(&["HEALTH", "HEALTH", "HEALTH"]),
            row(&["Board", "NHS", "Active"]),
            row(&["Source: finance system", "", ""]),
            row(&["Last updated March", "", ""]),
        ];
        assert_eq!(
            classify(&rows, &header, true),
            vec![
                Row::Section("SHARED SERVICES".into()),
                Row::Partnership,
                Row::Blank,
                Row::Note("Key: H = High".into()),
                Row::Section("HEALTH".into()),
                Row::Partnership,
                Row::Note("Source: finance system".into()),
                Row::Note("Last updated March".into()),
            ]
        );
        let plain = classify(&rows, &header, false);
        assert_eq!(plain[0], Row::Partnership);
        assert_eq!(plain[3], Row::Note("Key: H = High".into()));
    }

    #[test]
    fn keyboard_is_not_a_key() {
        assert!(is_note("Key: H = High"));
        assert!(is_note("NB figures"));
        assert!(!is_note("Keyworkers Housing Forum"));
    }
}
