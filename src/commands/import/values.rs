//! Reading one row's values the way people type them into a draft entry;
//! what cannot be read is kept in the comments and noted for the report.

use super::headings::{Reader, letter};
use crate::model::lenient;
use crate::store::decode;
use crate::store::slug;
use crate::terminal::guide;
use toml::{Table, Value};

/// Undoes the `'` a spreadsheet export put before text that looked like a
/// formula.
pub(super) fn unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) => rest,
        _ => text,
    }
}

/// One row as a draft entry, the id column's value, notes on values that
/// could not be read, and the keys of those values (kept as written, so
/// nothing is lost).
#[allow(clippy::type_complexity)]
pub(super) fn read_row(
    cells: &[String],
    columns: &[(usize, String, Reader)],
    unknown: &[(usize, String)],
    header: &[String],
    left: usize,
) -> (Table, Option<String>, Vec<String>, Vec<String>) {
    let mut draft = Table::new();
    let mut notes = Vec::new();
    let mut kept_raw = Vec::new();
    let mut id = None;
    for (col, key, reader) in columns {
        let raw = cells.get(*col).map_or("", |c| unguard(c.trim()));
        if raw.is_empty() {
            continue;
        }
        let place = format!("column {} {:?}", letter(*col + left), header[*col]);
        let keep_raw = |why: String, notes: &mut Vec<String>| {
            notes.push(format!("{place}: {why} (kept as written)"));
            Value::String(raw.to_string())
        };
        let value = match reader {
            Reader::Computed => continue,
            Reader::Id => {
                let given = raw.trim_end_matches(".toml");
                if decode::validate_id(given).is_ok() && !slug::is_reserved(given) {
                    id = Some(given.to_string());
                } else {
                    notes.push(format!(
                        "{place}: {given:?} cannot be an id, so one is made from the name"
                    ));
                }
                continue;
            }
            Reader::Text => Value::String(raw.to_string()),
            Reader::List => Value::Array(split(raw).into_iter().map(Value::String).collect()),
            Reader::Representatives => {
                let mut reps = Vec::new();
                for item in split(raw) {
                    let mut t = Table::new();
                    match lenient::representative(&item) {
                        Ok((name, level, position)) => {
                            t.insert("name".into(), Value::String(name));
                            t.insert(
                                "level".into(),
                                Value::String(crate::model::Choice::as_str(level).into()),
                            );
                            if let Some(p) = position {
                                t.insert("position".into(), Value::String(p));
                            }
                        }
                        Err(_) => {
                            notes.push(format!("{place}: {item:?} has no level (member, cmt, smt or officer); write it as \"Name (level)\""));
                            t.insert("name".into(), Value::String(item));
                        }
                    }
                    reps.push(Value::Table(t));
                }
                Value::Array(reps)
            }
            Reader::YesNo => lenient::yes_no(raw).map_or_else(|e| keep_raw(e, &mut notes), Value::Boolean),
            Reader::Hours => lenient::hours(raw).map_or_else(|e| keep_raw(e, &mut notes), guide::hours_value),
            Reader::Pounds => match lenient::pounds(raw).map(i64::try_from) {
                Ok(Ok(n)) => Value::Integer(n),
                Ok(Err(_)) => keep_raw("too large".into(), &mut notes),
                Err(e) => keep_raw(e, &mut notes),
            },
            Reader::Date => lenient::date(raw).map_or_else(|e| keep_raw(e, &mut notes), guide::date_value),
            Reader::Level => {
                lenient::level(raw).map_or_else(|e| keep_raw(e, &mut notes), |l| Value::String(l.as_str_lower().into()))
            }
            Reader::Choice(read) => read(raw).map_or_else(|e| keep_raw(e, &mut notes), |s| Value::String(s.into())),
        };
        if notes
            .last()
            .is_some_and(|n| n.ends_with("(kept as written)") && n.starts_with(&place))
        {
            kept_raw.push(key.clone());
        }
        insert(&mut draft, key, value);
    }
    // Columns partreg does not know are kept in the comments, word for word.
    let extra: Vec<String> = unknown
        .iter()
        .filter_map(|(col, name)| {
            let v = cells.get(*col).map(|c| c.trim()).filter(|c| !c.is_empty())?;
            Some(format!("{name}: {v}"))
        })
        .collect();
    if !extra.is_empty() {
        add_comment(&mut draft, &format!("From the old register:\n{}", extra.join("\n")));
    }
    if !draft.contains_key("status") {
        notes.push("no status given, so `active` was assumed".into());
        draft.insert("status".into(), Value::String("active".into()));
    }
    (draft, id, notes, kept_raw)
}

/// Adds a paragraph to the entry's comments, keeping any already there.
pub(super) fn add_comment(draft: &mut Table, text: &str) {
    let mut comments = draft
        .get("comments")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_default();
    if !comments.is_empty() {
        comments.push_str("\n\n");
    }
    comments.push_str(text);
    draft.insert("comments".into(), Value::String(comments));
}

/// `a; b` or one a line.
pub(super) fn split(text: &str) -> Vec<String> {
    text.split([';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Puts a value at a key path such as `risk.overall`.
pub(super) fn insert(draft: &mut Table, key: &str, value: Value) {
    match key.split_once('.') {
        Some((table, field)) => {
            if let Value::Table(t) = draft.entry(table).or_insert_with(|| Value::Table(Table::new())) {
                t.insert(field.into(), value);
            }
        }
        None => {
            draft.insert(key.into(), value);
        }
    }
}
