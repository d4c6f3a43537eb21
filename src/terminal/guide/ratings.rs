//! The Appendix B criteria, one at a time with the policy's level texts,
//! then the overall ratings and their rationale.

use super::steps::Steps;
use crate::model::{Entry, Level};
use crate::policy::assessment::{self, Side};
use crate::policy::rubric::{Basis, Rubric};
use crate::store::edit::{NewValue, RatingEdit};
use crate::terminal::prompt::Prompter;
use toml::{Table, Value};

/// Walks each Appendix B criterion (showing the policy's three level
/// texts), then the overall ratings, asking for a rationale where the
/// overall differs from the computed one. Returns the changes, or `None`
/// when the person cancels.
/// `overall_required` (an active partnership) takes away the choice to
/// leave an overall rating unrecorded. Each choice is kept in `progress`
/// as it is made (`Steps`: the guided `add` keeps it in its draft), and
/// a resumed walk carries on at the next criterion.
pub fn ask_ratings(
    p: &mut dyn Prompter,
    entry: &Entry,
    rubric: &Rubric,
    overall_required: bool,
    progress: &mut Table,
) -> std::io::Result<Option<Vec<RatingEdit>>> {
    const LEVELS: [Level; 3] = [Level::High, Level::Medium, Level::Low];
    let mut steps = Steps::new(progress);
    steps.note_kept(p, "the Appendix B ratings")?;
    let mut edits = Vec::new();
    let mut draft = entry.clone();
    for side in [Side::Risk, Side::Value] {
        let criteria = if side == Side::Risk {
            &rubric.risk
        } else {
            &rubric.value
        };
        p.note(&format!(
            "\n{} criteria (Appendix B)",
            if side == Side::Risk { "Risk" } else { "Value" }
        ))?;
        if side == Side::Risk {
            p.note("  (The council's resource contribution is worked out from the yearly contribution.)")?;
        }
        for c in criteria.iter().filter(|c| c.basis != Basis::Pounds) {
            let current = match side {
                Side::Risk => entry.risk.level(&c.key),
                Side::Value => entry.value.level(&c.key),
            };
            let mut items: Vec<String> = LEVELS
                .iter()
                .map(|l| format!("{:<6}  {}", l.title(), c.text(*l)))
                .collect();
            items.push(match (current, c.basis) {
                (Some(l), _) => format!("Keep {}", l.title()),
                (None, Basis::RecordedOrHours) => "Not rated (work it out from the staff hours)".into(),
                (None, _) => "Not rated".into(),
            });
            let step = format!("{}.{}", side.as_str(), c.key);
            let kept = steps
                .kept(&step)
                .map(|v| v.and_then(Value::as_integer).and_then(|i| usize::try_from(i).ok()));
            let choice = match kept {
                Some(choice) => choice.unwrap_or(LEVELS.len()),
                None => {
                    let Some(choice) = p.select(&c.title, &items, 3)? else {
                        return Ok(None);
                    };
                    steps.keep(&step, i64::try_from(choice).ok().map(Value::Integer));
                    choice
                }
            };
            if let Some(level) = LEVELS.get(choice).copied().filter(|l| Some(*l) != current) {
                edits.push(RatingEdit {
                    side,
                    key: c.key.clone(),
                    value: NewValue::Level(level),
                });
                let slot = match side {
                    Side::Risk => draft.risk.slot(&c.key),
                    Side::Value => draft.value.slot(&c.key),
                };
                if let Some(slot) = slot {
                    *slot = Some(level);
                }
            }
        }
    }
    let a = assessment::assess(&draft, rubric);
    let rationales = [entry.risk.rationale.as_deref(), entry.value.rationale.as_deref()];
    for (side, rationale) in [&a.risk, &a.value].into_iter().zip(rationales) {
        let step = format!("{}.overall", side.side.as_str());
        if let Some(kept) = steps.kept(&step) {
            edits.extend(
                kept.and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|e| read_edit(side.side, e)),
            );
            continue;
        }
        let before = edits.len();
        if !crate::terminal::overall::ask(p, side, rationale, overall_required, &mut edits)? {
            return Ok(None);
        }
        let made = edits.get(before..).unwrap_or_default().iter().map(write_edit).collect();
        steps.keep(&step, Some(Value::Array(made)));
    }
    Ok(Some(edits))
}

/// A change kept in a draft: `{ key, level }`, `{ key, text }` or
/// `{ key, remove = true }`.
fn write_edit(e: &RatingEdit) -> Value {
    let mut t = Table::new();
    t.insert("key".into(), Value::String(e.key.clone()));
    match &e.value {
        NewValue::Level(l) => t.insert("level".into(), Value::String(l.as_str_lower().into())),
        NewValue::Text(s) => t.insert("text".into(), Value::String(s.clone())),
        NewValue::Remove => t.insert("remove".into(), Value::Boolean(true)),
    };
    Value::Table(t)
}

/// A change read back from a draft; one it cannot read is passed over
/// (the question is then answered as if it had not been changed).
fn read_edit(side: Side, v: &Value) -> Option<RatingEdit> {
    let t = v.as_table()?;
    let key = t.get("key")?.as_str()?.to_string();
    let value = if let Some(l) = t.get("level").and_then(Value::as_str) {
        NewValue::Level(crate::model::lenient::level(l).ok()?)
    } else if let Some(s) = t.get("text").and_then(Value::as_str) {
        NewValue::Text(s.to_string())
    } else if t.get("remove").and_then(Value::as_bool) == Some(true) {
        NewValue::Remove
    } else {
        return None;
    };
    Some(RatingEdit { side, key, value })
}

/// Applies rating edits to a draft table (for a file not written yet).
pub fn apply_to_draft(draft: &mut Table, edits: &[RatingEdit]) {
    for e in edits {
        let side = draft
            .entry(e.side.as_str())
            .or_insert_with(|| Value::Table(Table::new()));
        if let Value::Table(t) = side {
            let v = match &e.value {
                NewValue::Level(l) => Value::String(l.as_str_lower().into()),
                NewValue::Text(s) => Value::String(s.clone()),
                NewValue::Remove => {
                    t.remove(&e.key);
                    continue;
                }
            };
            t.insert(e.key.clone(), v);
        }
    }
}
