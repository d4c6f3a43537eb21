//! Reading partreg's own register book — the workbook `list --format xlsx`
//! writes, or the document `list --format json` prints — back into one TOML
//! table per partnership, with its sub-folder, so that [`super::recreate`]
//! writes the same files again. Nothing here guesses: each cell is read as
//! the type its key has in the format ([`register_book::read`]); a cell that
//! does not read is kept as text for `check` to report, and said.
//!
//! The layout is in [`crate::reports::register_book`]. An officer may have
//! edited the workbook: a column partreg does not know is kept in
//! `comments` with its heading, a row with no id takes one from its name,
//! and a row of another sheet whose id is not on the partnerships sheet is
//! reported with its cells, never silently dropped.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{anyhow, bail};
use toml::{Table, Value};

use super::values::add_comment;
use super::workbook::Worksheet;
use crate::reports::listing;
use crate::reports::register_book::{
    self as book, ABOUT_SHEET, BOOK_VERSION, EMPTY_COLUMN, EXTRA_COLUMNS, FOLDER_COLUMN, MARKER, NUMBER_HEADING,
    PARTNERSHIPS_SHEET, TABLE_SHEETS,
};

/// One partnership read from the book.
#[derive(Debug)]
pub(super) struct Rebuilt {
    /// Where it was read: the sheet (or file) and the 1-based row (or place in the list).
    pub sheet: String,
    pub row: usize,
    pub id: Option<String>,
    /// The sub-folder of the register, `/`-separated.
    pub folder: String,
    pub entry: Table,
    /// Cells that could not be read as their key's type.
    pub notes: Vec<String>,
}

/// What the book holds: the partnerships, and rows of other sheets that
/// belong to none of them (reported, with their cells).
#[derive(Debug, Default)]
pub(super) struct Book {
    /// Read from `list --format json` rather than a workbook.
    pub json: bool,
    pub partnerships: Vec<Rebuilt>,
    pub strays: Vec<(String, usize, String)>,
}

/// Whether the workbook is partreg's own: its [`ABOUT_SHEET`] carries the
/// [`MARKER`]. A book of a later layout version is refused rather than misread.
pub(super) fn is_own(sheets: &[Worksheet]) -> anyhow::Result<bool> {
    let Some(about) = sheets.iter().find(|s| s.name == ABOUT_SHEET) else {
        return Ok(false);
    };
    // Cells by their place on the sheet (the grid starts at the first used one).
    let cell = |r: usize, c: usize| {
        let row = about.grid.get(r.checked_sub(about.top)?)?;
        row.get(c.checked_sub(about.left)?).map(|s| s.trim())
    };
    if cell(0, 1) != Some(MARKER) {
        return Ok(false);
    }
    match cell(1, 1).and_then(|v| v.parse::<u32>().ok()) {
        Some(v) if v <= BOOK_VERSION => Ok(true),
        other => bail!(
            "this workbook was written by a partreg whose register book has format version {}; this partreg reads version {BOOK_VERSION}: \
             import it with that version of partreg, or export it again",
            other.map_or_else(|| "(unreadable)".to_string(), |v| v.to_string())
        ),
    }
}

/// The heading → key map of the partnerships sheet: the listing's labels
/// and keys, then the book's extra columns.
fn partnership_keys() -> BTreeMap<String, String> {
    let mut keys = BTreeMap::new();
    for c in listing::columns() {
        keys.insert(c.label.trim().to_lowercase(), c.key.clone());
        keys.insert(c.key.clone(), c.key);
    }
    for (key, label) in EXTRA_COLUMNS {
        keys.insert(label.to_lowercase(), (*key).to_string());
        keys.insert((*key).to_string(), (*key).to_string());
    }
    keys
}

/// Puts `value` at a dotted key path, making the table on the way.
fn put(entry: &mut Table, path: &str, value: Value) {
    match path.split_once('.') {
        Some((table, key)) => {
            if !entry.get(table).is_some_and(Value::is_table) {
                entry.insert(table.to_string(), Value::Table(Table::new()));
            }
            if let Some(Value::Table(t)) = entry.get_mut(table) {
                t.insert(key.to_string(), value);
            }
        }
        None => {
            entry.insert(path.to_string(), value);
        }
    }
}

/// Reads a cell into `entry` at `path`, or keeps it as text with a note.
fn read_cell(entry: &mut Table, notes: &mut Vec<String>, path: &str, text: &str, heading: &str) {
    match book::read(path, text) {
        Ok(v) => put(entry, path, v),
        Err(why) => {
            notes.push(format!("column {heading:?}: {why}; kept as written"));
            put(entry, path, Value::String(text.to_string()));
        }
    }
}

fn sheet_named<'a>(sheets: &'a mut [Worksheet], name: &str) -> Option<&'a mut Worksheet> {
    let sheet = sheets.iter_mut().find(|s| s.name == name)?;
    // Long text split over `… (continued)` columns comes back whole.
    crate::render::excel_limits::join_continued(&mut sheet.grid);
    Some(sheet)
}

/// Reads the partnerships and the tables of every other sheet.
pub(super) fn from_sheets(mut sheets: Vec<Worksheet>) -> anyhow::Result<Book> {
    let mut out = Book::default();
    let Some(main) = sheet_named(&mut sheets, PARTNERSHIPS_SHEET) else {
        bail!("this partreg workbook has no {PARTNERSHIPS_SHEET:?} sheet, so there is nothing to import");
    };
    let keys = partnership_keys();
    let header: Vec<String> = main.grid.first().cloned().unwrap_or_default();
    let columns: Vec<Option<String>> = header
        .iter()
        .map(|h| keys.get(&h.trim().to_lowercase()).cloned())
        .collect();
    let id_col = columns.iter().position(|c| c.as_deref() == Some("id"));
    for (i, cells) in main.grid.iter().enumerate().skip(1) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut r = Rebuilt {
            sheet: main.name.clone(),
            row: main.top + i + 1,
            id: id_col
                .and_then(|c| cells.get(c))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            folder: String::new(),
            entry: Table::new(),
            notes: Vec::new(),
        };
        let mut kept: Vec<String> = Vec::new();
        for (col, text) in cells.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let heading = header.get(col).map_or("", |h| h.trim());
            match columns.get(col).cloned().flatten() {
                Some(key) if key == FOLDER_COLUMN => r.folder = text.trim().to_string(),
                Some(key) if key == EMPTY_COLUMN => {
                    for name in book::decode_list(text) {
                        let empty = match name.as_str() {
                            "representatives" | "reviews" | "concerns" => Value::Array(Vec::new()),
                            _ => Value::Table(Table::new()),
                        };
                        r.entry.entry(name).or_insert(empty);
                    }
                }
                Some(key) if book::is_derived(&key) => {}
                Some(key) => read_cell(&mut r.entry, &mut r.notes, &key, text, heading),
                // A column an officer added: kept with its heading.
                None => kept.push(format!(
                    "{}: {text}",
                    if heading.is_empty() { "(no heading)" } else { heading }
                )),
            }
        }
        for k in &kept {
            add_comment(&mut r.entry, k);
        }
        if !kept.is_empty() {
            r.notes.push(format!(
                "{} cell(s) under headings partreg does not know kept in `comments`",
                kept.len()
            ));
        }
        out.partnerships.push(r);
    }
    let ids: BTreeMap<String, usize> = out
        .partnerships
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.id.clone().map(|id| (id, i)))
        .collect();
    for table in TABLE_SHEETS {
        let Some(sheet) = sheet_named(&mut sheets, table.name) else {
            continue;
        };
        let header: Vec<String> = sheet.grid.first().cloned().unwrap_or_default();
        let key_of = |h: &str| -> Option<&'static str> {
            let h = h.trim();
            table
                .columns
                .iter()
                .find(|(k, label)| label.eq_ignore_ascii_case(h) || *k == h)
                .map(|(k, _)| *k)
        };
        let id_col = header.iter().position(|h| h.trim().eq_ignore_ascii_case("id"));
        let no_col = header.iter().position(|h| h.trim() == NUMBER_HEADING);
        // (owner, number, row, table) so each file's tables keep their order.
        let mut items: Vec<(usize, f64, usize, Table)> = Vec::new();
        for (i, cells) in sheet.grid.iter().enumerate().skip(1) {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let row = sheet.top + i + 1;
            let id = id_col.and_then(|c| cells.get(c)).map_or("", |s| s.trim());
            let Some(&owner) = ids.get(id) else {
                let filled: Vec<String> = cells
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| !c.trim().is_empty())
                    .map(|(c, text)| format!("{}: {text}", header.get(c).map_or("", |h| h.trim())))
                    .collect();
                out.strays.push((
                    sheet.name.clone(),
                    row,
                    format!(
                        "its ID {id:?} is not on the {PARTNERSHIPS_SHEET:?} sheet, so it was not imported; its cells: {}",
                        filled.join(" | ")
                    ),
                ));
                continue;
            };
            let number = no_col
                .and_then(|c| cells.get(c))
                .and_then(|s| s.trim().parse::<f64>().ok())
                .unwrap_or(f64::MAX);
            let mut item = Table::new();
            let mut kept = Vec::new();
            for (col, text) in cells.iter().enumerate() {
                if text.is_empty() || Some(col) == id_col || Some(col) == no_col {
                    continue;
                }
                let heading = header.get(col).map_or("", |h| h.trim());
                match key_of(heading) {
                    Some(key) => {
                        let path = format!("{}.{key}", table.key);
                        let notes = &mut out.partnerships[owner].notes;
                        match book::read(&path, text) {
                            Ok(v) => {
                                item.insert(key.to_string(), v);
                            }
                            Err(why) => {
                                notes.push(format!(
                                    "sheet {:?} row {row}, column {heading:?}: {why}; kept as written",
                                    sheet.name
                                ));
                                item.insert(key.to_string(), Value::String(text.to_string()));
                            }
                        }
                    }
                    None => kept.push(format!("{} row {row}, {heading}: {text}", sheet.name)),
                }
            }
            let owner_entry = &mut out.partnerships[owner];
            for k in &kept {
                add_comment(&mut owner_entry.entry, k);
                owner_entry.notes.push(format!(
                    "sheet {:?} row {row}: a cell under a heading partreg does not know kept in `comments`",
                    sheet.name
                ));
            }
            items.push((owner, number, row, item));
        }
        items.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (owner, _, row, item) in items {
            let entry = &mut out.partnerships[owner].entry;
            if table.repeated {
                match entry.get_mut(table.key) {
                    Some(Value::Array(list)) => list.push(Value::Table(item)),
                    _ => {
                        entry.insert(table.key.to_string(), Value::Array(vec![Value::Table(item)]));
                    }
                }
            } else if entry.contains_key(table.key) {
                out.partnerships[owner].notes.push(format!(
                    "sheet {:?} row {row}: a second row for this partnership; only the first was read",
                    table.name
                ));
            } else {
                entry.insert(table.key.to_string(), Value::Table(item));
            }
        }
    }
    Ok(out)
}

/// Reads the document `list --format json` prints. Each partnership must
/// carry its `entry` (the whole file), which this partreg writes.
pub(super) fn from_json(path: &Path) -> anyhow::Result<Book> {
    let text = std::fs::read_to_string(path).map_err(|e| anyhow!("cannot read {}: {e}", path.display()))?;
    let doc: serde_json::Value = serde_json::from_str(text.strip_prefix('\u{FEFF}').unwrap_or(&text))
        .map_err(|e| anyhow!("cannot read {}: it is not JSON: {e}", path.display()))?;
    let shown = path.display();
    let list = doc
        .get("partnerships")
        .and_then(serde_json::Value::as_array)
        .ok_or_else(|| {
            anyhow!(
                "cannot read {shown}: it is not the output of `partreg list --format json` (no \"partnerships\" list)"
            )
        })?;
    match doc.get("format_version").and_then(serde_json::Value::as_u64) {
        Some(1) => {}
        other => bail!(
            "cannot read {shown}: its format_version is {}, and this partreg reads version 1",
            other.map_or_else(|| "missing".to_string(), |v| v.to_string())
        ),
    }
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut out = Book {
        json: true,
        ..Book::default()
    };
    for (i, p) in list.iter().enumerate() {
        let id = p.get("id").and_then(serde_json::Value::as_str).map(str::to_string);
        let Some(entry) = p.get("entry") else {
            bail!(
                "cannot read {shown}: partnership {} has no \"entry\" (the whole file), which partreg 0.1 and later write; \
                 run `partreg list --format json` again and import that",
                i + 1
            );
        };
        let entry = match book::from_json("", entry) {
            Ok(Value::Table(t)) => t,
            Ok(_) => bail!(
                "cannot read {shown}: partnership {}'s \"entry\" is not an object",
                i + 1
            ),
            Err(why) => bail!("cannot read {shown}: partnership {}: {why}", i + 1),
        };
        out.partnerships.push(Rebuilt {
            sheet: name.clone(),
            row: i + 1,
            id,
            folder: p
                .get(FOLDER_COLUMN)
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_string(),
            entry,
            notes: Vec::new(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_heading_of_the_partnerships_sheet_is_known() {
        let keys = partnership_keys();
        for c in listing::columns() {
            assert_eq!(keys.get(&c.label.to_lowercase()), Some(&c.key));
        }
        let mut e = Table::new();
        put(&mut e, "risk.overall", Value::String("high".into()));
        put(&mut e, "risk.reputation", Value::String("low".into()));
        assert_eq!(e["risk"].as_table().map(Table::len), Some(2));
    }
}
