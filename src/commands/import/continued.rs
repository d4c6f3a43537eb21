//! Continuation rows: a row under a partnership whose only typed cells are
//! its representatives (the other cells blank, or merged down from the row
//! above, as councils lay out a second councillor or officer). Such a row
//! adds its people to the partnership above rather than being a
//! partnership of its own: read alone it would be skipped as a repeat of the
//! name above (merged) or written as a nameless `imported-row-N` (blank),
//! and either way the person would be lost.
//!
//! Which rows continue which is worked out for the whole sheet before any
//! row is written, so the partnership's file is written once, with everyone.

use toml::{Table, Value};

use super::headings::Reader;
use super::table::Row;

/// Whether a column holds a representative's details: the people, their
/// levels and positions, and Part 2's roles and term.
fn is_people_column(key: &str) -> bool {
    key == "representatives" || key.starts_with("representatives.")
}

/// Whether every typed cell of a row is in a representatives column (a row
/// with no typed cell at all, only merged copies, counts too: it adds nothing).
pub(super) fn people_only(typed: &[String], columns: &[(usize, String, Reader)]) -> bool {
    typed.iter().enumerate().all(|(col, cell)| {
        cell.trim().is_empty() || columns.iter().any(|(c, key, _)| *c == col && is_people_column(key))
    })
}

/// For each row below the headings, the row (index into `kinds`) whose
/// partnership it continues: `Some(Some(p))` for a continuation of row `p`,
/// `Some(None)` for a row of representatives with no partnership directly
/// above it (after the headings, a blank row, a note or a section), and
/// `None` for every other row.
pub(super) fn parents(kinds: &[Row], people_only: &[bool]) -> Vec<Option<Option<usize>>> {
    let mut out: Vec<Option<Option<usize>>> = Vec::with_capacity(kinds.len());
    for (i, kind) in kinds.iter().enumerate() {
        if *kind != Row::Partnership || !people_only[i] {
            out.push(None);
            continue;
        }
        let parent = match i.checked_sub(1) {
            // A continuation of a continuation continues the same partnership.
            Some(above) => match out[above] {
                Some(parent) => parent,
                None if kinds[above] == Row::Partnership => Some(above),
                None => None,
            },
            None => None,
        };
        out.push(Some(parent));
    }
    out
}

/// The representatives a continuation row's draft holds, taken out of it.
pub(super) fn take_people(draft: &mut Table) -> Vec<Value> {
    match draft.remove("representatives") {
        Some(Value::Array(people)) => people,
        _ => Vec::new(),
    }
}

/// A representative's name, for the report.
pub(super) fn name_of(person: &Value) -> String {
    person
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// Adds people to the draft's representatives, after any already there.
pub(super) fn add_people(draft: &mut Table, people: Vec<Value>) {
    if people.is_empty() {
        return;
    }
    match draft.get_mut("representatives") {
        Some(Value::Array(reps)) => reps.extend(people),
        _ => {
            draft.insert("representatives".into(), Value::Array(people));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_of_people_continues_the_partnership_directly_above() {
        let p = Row::Partnership;
        let kinds = [
            p.clone(),
            p.clone(),
            p.clone(),
            Row::Blank,
            p.clone(),
            Row::Note("Key".into()),
            p.clone(),
        ];
        let people = [true, true, true, false, true, false, false];
        assert_eq!(
            parents(&kinds, &people),
            [Some(None), Some(None), Some(None), None, Some(None), None, None]
        );
        let people = [false, true, true, false, true, false, true];
        assert_eq!(
            parents(&kinds, &people),
            [None, Some(Some(0)), Some(Some(0)), None, Some(None), None, Some(None)]
        );
    }

    #[test]
    fn only_representatives_columns_make_a_continuation() {
        let columns = vec![
            (0, "name".to_string(), Reader::Text),
            (1, "representatives".to_string(), Reader::Representatives),
            (2, "representatives.level".to_string(), Reader::PeopleLevels),
        ];
        let row = |cells: &[&str]| cells.iter().map(ToString::to_string).collect::<Vec<_>>();
        assert!(people_only(&row(&["", "Jo Bloggs", "officer"]), &columns));
        assert!(people_only(&row(&["", "", ""]), &columns));
        assert!(!people_only(&row(&["Forum", "Jo Bloggs", ""]), &columns));
        // A cell in a column partreg does not know, or past the headings, is typed data.
        assert!(!people_only(&row(&["", "Jo Bloggs", "", "£1,500"]), &columns));
    }
}
