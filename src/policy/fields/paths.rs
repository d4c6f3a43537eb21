//! Answers addressed by key path: `reporting.frequency` is a key of the
//! `[reporting]` table, `reviews[0].date` one of the first `[[reviews]]`.

use toml::{Table, Value};

use crate::model::Date;

/// A TOML date value as a [`Date`].
pub fn as_date(value: &Value) -> Option<Date> {
    match value {
        Value::Datetime(d) => Date::parse(&d.to_string()),
        _ => None,
    }
}

/// Keys worked out from other answers rather than asked: a review's year
/// is the year of its date.
pub fn derive(draft: &mut Table) {
    if let Some(year) = get(draft, "reviews[0].date").and_then(as_date).map(Date::year) {
        set(draft, "reviews[0].year", Value::Integer(i64::from(year)));
    }
}

/// The answer at a field's key path, if there is one.
pub fn get<'a>(draft: &'a Table, key: &str) -> Option<&'a Value> {
    let mut parts = key.split('.');
    let mut value = step(draft, parts.next()?)?;
    for part in parts {
        value = step(value.as_table()?, part)?;
    }
    Some(value)
}

fn step<'a>(t: &'a Table, part: &str) -> Option<&'a Value> {
    match part.strip_suffix("[0]") {
        Some(name) => t.get(name)?.as_array()?.first(),
        None => t.get(part),
    }
}

/// Sets the answer at a key path, making the tables on the way.
pub fn set(draft: &mut Table, key: &str, value: Value) {
    let (parents, last) = match key.rsplit_once('.') {
        Some((p, l)) => (p.split('.').collect::<Vec<_>>(), l),
        None => (Vec::new(), key),
    };
    let mut table = draft;
    for part in parents {
        let slot = match part.strip_suffix("[0]") {
            Some(name) => {
                let list = table
                    .entry(name)
                    .or_insert_with(|| Value::Array(vec![Value::Table(Table::new())]));
                if !matches!(list, Value::Array(a) if !a.is_empty()) {
                    *list = Value::Array(vec![Value::Table(Table::new())]);
                }
                match list {
                    Value::Array(a) => &mut a[0],
                    _ => return,
                }
            }
            None => table.entry(part).or_insert_with(|| Value::Table(Table::new())),
        };
        if !slot.is_table() {
            *slot = Value::Table(Table::new());
        }
        let Value::Table(t) = slot else { return };
        table = t;
    }
    table.insert(last.to_string(), value);
}

/// Removes the answer at a key path, and any table left empty by it.
pub fn remove(draft: &mut Table, key: &str) {
    let Some((first, rest)) = key.split_once('.') else {
        draft.remove(key);
        return;
    };
    let (name, in_list) = match first.strip_suffix("[0]") {
        Some(n) => (n, true),
        None => (first, false),
    };
    let empty = match draft.get_mut(name) {
        Some(Value::Table(t)) if !in_list => {
            remove(t, rest);
            t.is_empty()
        }
        Some(Value::Array(a)) if in_list => match a.first_mut() {
            Some(Value::Table(t)) => {
                remove(t, rest);
                t.is_empty()
            }
            _ => false,
        },
        _ => false,
    };
    if empty {
        draft.remove(name);
    }
}
