//! Reading one row's values the way people type them into a draft entry;
//! what cannot be read is kept in the comments and noted for the report.

use super::headings::{Reader, letter};
use crate::model::lenient;
use crate::store::decode;
use crate::store::slug;
use crate::terminal::guide;
use toml::{Table, Value};

/// The note on a row with no status. A continuation row has none of its
/// own, and its partnership's row says it if need be.
pub(super) const ASSUMED_ACTIVE: &str = "no status given, so `active` was assumed";

/// Undoes the `'` a spreadsheet export put before text that looked like a
/// formula.
pub(super) fn unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) => rest,
        _ => text,
    }
}

/// What reading a row needs beyond its cells.
pub(super) struct RowContext<'a> {
    /// The sheet column of the grid's first column, for the letters shown.
    pub left: usize,
    /// Today, for a start date in the future.
    pub as_of: crate::model::Date,
    /// `partreg.toml`'s `[priorities]`: code → title.
    pub priorities: Option<&'a std::collections::BTreeMap<String, String>>,
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
    ctx: &RowContext<'_>,
) -> (Table, Option<String>, Vec<String>, Vec<String>) {
    let left = ctx.left;
    let mut draft = Table::new();
    let mut notes = Vec::new();
    let mut kept_raw = Vec::new();
    let mut per_representative = Vec::new();
    let mut id = None;
    // A separate level or position column, paired with the representatives by position.
    let (mut levels, mut positions): (Option<(String, Vec<String>)>, Option<(String, Vec<String>)>) = (None, None);
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
        // "TBC", "n/a": not known yet. Left unset, never guessed, and kept in the comments.
        if !matches!(reader, Reader::Text | Reader::List | Reader::Computed) && lenient::is_placeholder(raw) {
            notes.push(format!("{place}: {raw:?} means not known yet, so it was left unset"));
            add_comment(&mut draft, &format!("{}: {raw}", header[*col].trim()));
            continue;
        }
        let value = match reader {
            Reader::Computed => continue,
            Reader::Priorities => {
                // A title in partreg.toml may hold a comma ("Homes, jobs and growth"): it is kept whole.
                let known = |item: &str| {
                    ctx.priorities.is_some_and(|p| {
                        let wanted = super::headings::fold(item);
                        p.iter().any(|(code, title)| {
                            super::headings::fold(code) == wanted || super::headings::fold(title) == wanted
                        })
                    })
                };
                let items = split_codes(raw, known, &place, &mut notes);
                Value::Array(
                    items
                        .into_iter()
                        .map(|item| Value::String(priority(&item, ctx.priorities, &place, &mut notes)))
                        .collect(),
                )
            }
            Reader::Frequency => match lenient::frequency(raw) {
                Ok((f, note)) => {
                    if let Some(n) = note {
                        notes.push(format!("{place}: {n}"));
                    }
                    Value::String(f.into())
                }
                Err(e) => keep_raw(e, &mut notes),
            },
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
            Reader::Representatives => Value::Array(representatives(raw, &place, &mut notes)),
            Reader::PeopleLevels => {
                let items = split_people(raw)
                    .into_iter()
                    .flat_map(|item| {
                        split_codes(&item, |l| lenient::representative_level(l).is_ok(), &place, &mut notes)
                    })
                    .collect();
                levels = Some((place.clone(), items));
                continue;
            }
            Reader::PeoplePositions => {
                positions = Some((place.clone(), split_people(raw)));
                continue;
            }
            Reader::YesNo => lenient::yes_no(raw).map_or_else(|e| keep_raw(e, &mut notes), Value::Boolean),
            Reader::Hours => match (lenient::hours(raw), lenient::hours_range(raw)) {
                (Ok(h), _) => guide::hours_value(h),
                (Err(_), Some((a, b))) => {
                    let mid = f64::midpoint(a, b);
                    notes.push(format!("{place}: {raw:?} is a range, so its midpoint {mid} was used"));
                    guide::hours_value(mid)
                }
                (Err(e), None) => keep_raw(e, &mut notes),
            },
            Reader::Pounds => match lenient::pounds(raw).map(i64::try_from) {
                Ok(Ok(n)) => Value::Integer(n),
                Ok(Err(_)) => keep_raw("too large".into(), &mut notes),
                Err(e) => keep_raw(e, &mut notes),
            },
            Reader::Date => match lenient::date_or_partial(raw) {
                Ok((d, partial)) => {
                    if let Some(n) = partial {
                        notes.push(format!("{place}: {n}"));
                    }
                    if key == "started" && d > ctx.as_of {
                        notes.push(format!("{place}: the start date {d} is in the future; check it"));
                    }
                    guide::date_value(d)
                }
                Err(e) => keep_raw(e, &mut notes),
            },
            Reader::Level => match (lenient::level(raw), lenient::level_range(raw)) {
                (Ok(l), _) => Value::String(l.as_str_lower().into()),
                (Err(_), Some((l, a, b))) => {
                    notes.push(format!(
                        "{place}: {raw:?} gives two ratings, {} and {}, so the higher, {}, was used",
                        a.as_str_lower(),
                        b.as_str_lower(),
                        l.as_str_lower()
                    ));
                    Value::String(l.as_str_lower().into())
                }
                (Err(e), None) => keep_raw(e, &mut notes),
            },
            Reader::Choice(read) => read(raw).map_or_else(|e| keep_raw(e, &mut notes), |s| Value::String(s.into())),
            Reader::Choices(read) => {
                let items = split_codes(raw, |item| read(item).is_ok(), &place, &mut notes);
                let read: Result<Vec<Value>, String> = items
                    .iter()
                    .map(|item| read(item).map(|s| Value::String(s.into())))
                    .collect();
                read.map_or_else(|e| keep_raw(e, &mut notes), Value::Array)
            }
            // A spreadsheet may hold the number as 2 or 2.0.
            Reader::Places => match raw.parse::<f64>() {
                Ok(n) if (0.0..=50.0).contains(&n) && n.fract() == 0.0 => Value::Integer(n as i64),
                _ => keep_raw("not a number of places from 0 to 50".into(), &mut notes),
            },
        };
        if let Some(field) = key.strip_prefix("representatives.") {
            per_representative.push((field.to_string(), value, place));
            continue;
        }
        if notes
            .last()
            .is_some_and(|n| n.ends_with("(kept as written)") && n.starts_with(&place))
        {
            kept_raw.push(key.clone());
        }
        insert(&mut draft, key, value);
    }
    pair_people(&mut draft, levels, positions, &mut notes);
    // Representatives' roles and term apply to everyone the row names.
    for (field, value, place) in per_representative {
        match draft.get_mut("representatives").and_then(Value::as_array_mut) {
            Some(reps) => {
                for rep in reps.iter_mut().filter_map(Value::as_table_mut) {
                    rep.insert(field.clone(), value.clone());
                }
            }
            None => notes.push(format!(
                "{place}: there are no representatives in this row to give it to"
            )),
        }
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
        notes.push(ASSUMED_ACTIVE.into());
        draft.insert("status".into(), Value::String("active".into()));
    }
    (draft, id, notes, kept_raw)
}

/// A priority as its code in `partreg.toml`: the code or its title,
/// ignoring case and spacing; otherwise kept as written, with the closest
/// suggested.
fn priority(
    item: &str,
    priorities: Option<&std::collections::BTreeMap<String, String>>,
    place: &str,
    notes: &mut Vec<String>,
) -> String {
    let Some(priorities) = priorities else {
        return item.to_string();
    };
    let fold = |t: &str| super::headings::fold(t);
    let wanted = fold(item);
    if let Some((code, _)) = priorities
        .iter()
        .find(|(code, title)| fold(code) == wanted || fold(title) == wanted)
    {
        return code.clone();
    }
    let closest = priorities
        .iter()
        .map(|(code, title)| {
            let d = strsim::osa_distance(&wanted, &fold(title)).min(strsim::osa_distance(&wanted, &fold(code)));
            (d, code, title)
        })
        .min();
    let hint = match closest {
        Some((d, code, title)) if d <= wanted.len().max(3) / 3 => format!("; did you mean {code} ({title})?"),
        _ => format!(
            "; the priorities are {}",
            priorities
                .iter()
                .map(|(c, t)| format!("{c} ({t})"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    notes.push(format!("{place}: {item:?} is not a priority in partreg.toml{hint}"));
    item.to_string()
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

/// The representatives in a cell: `Cllr Ann Brown (member); Jo Smith (officer)`,
/// or separated by `/`, `&` or new lines. `Cllr` with no level is a member.
/// `Cllr` is not carried from one person to the next (`Cllr A / B`): B may
/// be an officer, so B is left without a level and the note says why.
fn representatives(raw: &str, place: &str, notes: &mut Vec<String>) -> Vec<Value> {
    let mut reps = Vec::new();
    let mut councillor: Option<String> = None;
    for item in split_people(raw) {
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
            Err(_) if is_councillor(&item) => {
                notes.push(format!(
                    "{place}: {item:?} is a councillor, so the level member was used"
                ));
                councillor.get_or_insert_with(|| item.clone());
                t.insert("name".into(), Value::String(item));
                t.insert("level".into(), Value::String("member".into()));
            }
            Err(_) => {
                if let Some(first) = &councillor {
                    notes.push(format!(
                        "{place}: {item:?} follows {first:?} without \"Cllr\", so it was not taken for a councillor; \
                         write \"Cllr {item}\" if it is one"
                    ));
                }
                t.insert("name".into(), Value::String(item));
            }
        }
        reps.push(Value::Table(t));
    }
    reps
}

fn is_councillor(name: &str) -> bool {
    let first = name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_end_matches('.')
        .to_lowercase();
    matches!(first.as_str(), "cllr" | "councillor" | "clr")
}

/// Gives each representative the level and position at the same place in
/// their columns; a representative still without a level is reported.
fn pair_people(
    draft: &mut Table,
    levels: Option<(String, Vec<String>)>,
    positions: Option<(String, Vec<String>)>,
    notes: &mut Vec<String>,
) {
    let Some(Value::Array(reps)) = draft.get_mut("representatives") else {
        for (place, items) in [levels, positions].into_iter().flatten() {
            notes.push(format!(
                "{place}: {} given, but there are no representatives to give it to (kept in comments)",
                items.join("; ")
            ));
            let text = format!("{}: {}", place, items.join("; "));
            add_comment(draft, &text);
        }
        return;
    };
    if let Some((place, items)) = &levels {
        // One level for several people is everyone's level.
        let one = items.len() == 1;
        if !one && items.len() != reps.len() {
            notes.push(format!(
                "{place}: {} level(s) for {} representative(s); they were paired in order, so check them",
                items.len(),
                reps.len()
            ));
        }
        for (i, rep) in reps.iter_mut().enumerate() {
            let Some(text) = items.get(if one { 0 } else { i }) else {
                break;
            };
            if let Value::Table(t) = rep {
                match lenient::representative_level(text) {
                    Ok(level) => {
                        t.insert(
                            "level".into(),
                            Value::String(crate::model::Choice::as_str(level).into()),
                        );
                    }
                    Err(e) => notes.push(format!("{place}: {e} (kept as written)")),
                }
                if !t.contains_key("level") {
                    t.insert("level".into(), Value::String(text.clone()));
                }
            }
        }
    }
    if let Some((place, items)) = &positions {
        if items.len() != reps.len() {
            notes.push(format!(
                "{place}: {} position(s) for {} representative(s); they were paired in order, so check them",
                items.len(),
                reps.len()
            ));
        }
        for (rep, text) in reps.iter_mut().zip(items) {
            if let Value::Table(t) = rep {
                t.insert("position".into(), Value::String(text.clone()));
            }
        }
    }
    for rep in reps.iter() {
        if let Value::Table(t) = rep
            && !t.contains_key("level")
        {
            let name = t.get("name").and_then(Value::as_str).unwrap_or_default();
            notes.push(format!(
                "representative {name:?} has no level: give one of member, cmt, smt or officer, as \"{name} (officer)\" or in a level column"
            ));
        }
    }
}

/// People or their levels in one cell, split on `;`, `/`, `&` and new lines,
/// but not inside brackets: `Jo Smith (CMT/SMT)` is one person.
pub(super) fn split_people(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 && matches!(c, ';' | '/' | '&' | '\n') {
            out.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    out.push(current);
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// `a; b` or one a line.
pub(super) fn split(text: &str) -> Vec<String> {
    text.split([';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The items of a cell in a column of codes (priorities, levels, Part 2's
/// `reports_to` and `roles`): split as [`split`] does, then each item that
/// does not read as it stands (`known`) split at its commas too, since
/// "ENV, ECON" is two codes, never one. Each such split is said in `notes`.
/// Columns of free text (partners, objectives, documents) are never split
/// at commas: an organisation's name may hold one (docs/decisions.md).
pub(super) fn split_codes(
    text: &str,
    known: impl Fn(&str) -> bool,
    place: &str,
    notes: &mut Vec<String>,
) -> Vec<String> {
    let mut out = Vec::new();
    for item in split(text) {
        let parts: Vec<String> = item
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if parts.len() < 2 || known(&item) {
            out.push(item);
            continue;
        }
        let shown: Vec<String> = parts.iter().map(|p| format!("{p:?}")).collect();
        notes.push(format!(
            "{place}: {item:?} was split at its commas into {}",
            shown.join(", ")
        ));
        out.extend(parts);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_split_at_commas_unless_the_whole_reads() {
        let mut notes = Vec::new();
        assert_eq!(
            split_codes("COMM, SERV; ENV", |_| false, "column H", &mut notes),
            ["COMM", "SERV", "ENV"]
        );
        assert_eq!(
            notes,
            [r#"column H: "COMM, SERV" was split at its commas into "COMM", "SERV""#]
        );
        let mut notes = Vec::new();
        let title = "Homes, jobs and growth";
        assert_eq!(split_codes(title, |t| t == title, "column H", &mut notes), [title]);
        assert_eq!(split_codes("ENV,", |_| false, "column H", &mut notes), ["ENV,"]);
        assert!(notes.is_empty(), "{notes:?}");
    }
}
