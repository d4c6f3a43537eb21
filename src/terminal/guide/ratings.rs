//! The Appendix B criteria, one at a time with the policy's level texts,
//! then the overall ratings and their rationale.

use super::steps::Steps;
use crate::model::{Entry, Level};
use crate::policy::assessment::{self, Side};
use crate::policy::rubric::{Basis, Criterion, Rubric};
use crate::store::edit::{NewValue, RatingEdit};
use crate::terminal::overall;
use crate::terminal::prompt::Prompter;
use toml::{Table, Value};

/// Walks each Appendix B criterion (showing the policy's three level
/// texts), then the overall ratings, asking for a rationale where the
/// overall differs from the computed one. Returns the changes, or `None`
/// when the person goes back from the first criterion (or, with `back`
/// false, presses Esc at all: `assess --interactive` stops there).
/// `overall_required` (an active partnership) takes away the choice to
/// leave an overall rating unrecorded. Each choice is kept in `progress`
/// as it is made (`Steps`: the guided `add` keeps it in its draft): a
/// resumed walk carries on at the next question, and Esc goes back one,
/// starting on the choice made before.
pub fn ask_ratings(
    p: &mut dyn Prompter,
    entry: &Entry,
    rubric: &Rubric,
    overall_required: bool,
    back: bool,
    progress: &mut Table,
) -> std::io::Result<Option<Vec<RatingEdit>>> {
    let mut steps = Steps::new(progress);
    read_older_draft(&mut steps);
    steps.note_kept(p, "the Appendix B ratings")?;
    let rationale = |side: Side| match side {
        Side::Risk => entry.risk.rationale.as_deref(),
        Side::Value => entry.value.rationale.as_deref(),
    };
    let plan = |s: &Steps<'_>| {
        let mut plan: Vec<String> = criteria(rubric).map(|(side, c)| step(side, &c.key)).collect();
        let (draft, _) = rated(entry, rubric, s);
        let a = assessment::assess(&draft, rubric);
        for side in [&a.risk, &a.value] {
            let overall = step(side.side, "overall");
            let choice = chosen(s, &overall);
            plan.push(overall);
            if choice.is_some_and(|c| overall::has_follow_up(side, rationale(side.side), c)) {
                plan.push(step(side.side, "rationale"));
            }
        }
        plan
    };
    // The side whose heading is above the question being asked: a
    // heading is written whenever the side changes (a resumed walk starts
    // with one too).
    let mut heading: Option<Side> = None;
    let mut ask = |s: &mut Steps<'_>, name: &str| -> std::io::Result<Option<Option<Value>>> {
        let kept = chosen(s, name);
        let as_choice = |c: Option<usize>| c.map(|c| i64::try_from(c).ok().map(Value::Integer));
        if let Some((side, c)) = criteria(rubric).find(|(side, c)| step(*side, &c.key) == name) {
            if heading.replace(side) != Some(side) {
                p.note(&format!(
                    "\n{} criteria (Appendix B)",
                    if side == Side::Risk { "Risk" } else { "Value" }
                ))?;
                if side == Side::Risk {
                    p.note("  (The council's resource contribution is worked out from the yearly contribution.)")?;
                }
            }
            let current = level(entry, side, &c.key);
            let mut items: Vec<String> = LEVELS
                .iter()
                .map(|l| format!("{:<6}  {}", l.title(), c.text(*l)))
                .collect();
            items.push(match (current, c.basis) {
                (Some(l), _) => format!("Keep {}", l.title()),
                (None, Basis::RecordedOrHours) => "Not rated (work it out from the staff hours)".into(),
                (None, _) => "Not rated".into(),
            });
            return Ok(as_choice(p.select(&c.title, &items, kept.unwrap_or(LEVELS.len()))?));
        }
        let (draft, _) = rated(entry, rubric, s);
        let a = assessment::assess(&draft, rubric);
        for side in [&a.risk, &a.value] {
            if name == step(side.side, "overall") {
                return Ok(as_choice(overall::choose(p, side, overall_required, kept)?));
            }
            if name == step(side.side, "rationale") {
                let choice = chosen(s, &step(side.side, "overall")).unwrap_or(LEVELS.len());
                return overall::ask_follow_up(p, side, rationale(side.side), choice, s.answer(name));
            }
        }
        Ok(Some(None))
    };
    if !steps.walk(back, &plan, &mut ask)? {
        return Ok(None);
    }
    let (draft, mut edits) = rated(entry, rubric, &steps);
    let a = assessment::assess(&draft, rubric);
    for side in [&a.risk, &a.value] {
        let choice = chosen(&steps, &step(side.side, "overall")).unwrap_or(LEVELS.len());
        let answer = steps.answer(&step(side.side, "rationale"));
        edits.extend(overall::edits(side, rationale(side.side), choice, answer));
    }
    Ok(Some(edits))
}

const LEVELS: [Level; 3] = [Level::High, Level::Medium, Level::Low];

/// The criteria asked, side by side (the resource contribution is worked
/// out from the pounds, not asked).
fn criteria(rubric: &Rubric) -> impl Iterator<Item = (Side, &Criterion)> {
    let risk = rubric.risk.iter().map(|c| (Side::Risk, c));
    let value = rubric.value.iter().map(|c| (Side::Value, c));
    risk.chain(value).filter(|(_, c)| c.basis != Basis::Pounds)
}

/// A step's name: `risk.<key>`, `value.overall`, ...
fn step(side: Side, key: &str) -> String {
    format!("{}.{key}", side.as_str())
}

/// The menu item chosen at a step, when one was.
fn chosen(steps: &Steps<'_>, name: &str) -> Option<usize> {
    steps
        .answer(name)
        .and_then(Value::as_integer)
        .and_then(|i| usize::try_from(i).ok())
}

fn level(entry: &Entry, side: Side, key: &str) -> Option<Level> {
    match side {
        Side::Risk => entry.risk.level(key),
        Side::Value => entry.value.level(key),
    }
}

/// The entry as the criteria chosen so far rate it, and the changes they make.
fn rated(entry: &Entry, rubric: &Rubric, steps: &Steps<'_>) -> (Entry, Vec<RatingEdit>) {
    let mut draft = entry.clone();
    let mut edits = Vec::new();
    for (side, c) in criteria(rubric) {
        let current = level(entry, side, &c.key);
        let choice = chosen(steps, &step(side, &c.key)).unwrap_or(LEVELS.len());
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
    (draft, edits)
}

/// A draft of an earlier partreg kept each overall rating, once its
/// rationale was given, as the changes it made (`risk.overall = [{ key,
/// level | text | remove }]`); now the choice and the rationale are two
/// steps. Such a draft is read as those two steps, both asked.
fn read_older_draft(steps: &mut Steps<'_>) {
    for side in [Side::Risk, Side::Value] {
        let name = step(side, "overall");
        let Some(Value::Array(old)) = steps.answer(&name).cloned() else {
            continue;
        };
        let old: Vec<RatingEdit> = old.iter().filter_map(|e| read_edit(side, e)).collect();
        let follow = old.iter().find(|e| e.key == "rationale").map(|e| match &e.value {
            NewValue::Text(t) => Value::String(t.clone()),
            _ => Value::Boolean(true),
        });
        let choice = i64::try_from(overall::choice_of(&old)).unwrap_or(3);
        steps.keep(&name, Some(Value::Integer(choice)));
        steps.keep(&step(side, "rationale"), follow);
    }
}

/// A change kept in a draft of an earlier partreg: `{ key, level }`,
/// `{ key, text }` or `{ key, remove = true }` (made now only by tests).
#[cfg(test)]
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_that_kept_an_overall_rating_as_its_changes_is_read_as_two_steps() {
        let mut progress = Table::new();
        let mut steps = Steps::new(&mut progress);
        steps.keep("risk.time_commitment", Some(Value::Integer(0)));
        let old = [
            RatingEdit {
                side: Side::Risk,
                key: "overall".into(),
                value: NewValue::Level(Level::Low),
            },
            RatingEdit {
                side: Side::Risk,
                key: "rationale".into(),
                value: NewValue::Text("Why.".into()),
            },
        ];
        steps.keep("risk.overall", Some(Value::Array(old.iter().map(write_edit).collect())));
        read_older_draft(&mut steps);
        assert_eq!(chosen(&steps, "risk.overall"), Some(2), "Low");
        assert_eq!(steps.answer("risk.rationale"), Some(&Value::String("Why.".into())));
        assert!(steps.asked("risk.rationale"));
        assert!(!steps.asked("value.overall"));
        assert_eq!(steps.asked_count(), 3);
    }
}
