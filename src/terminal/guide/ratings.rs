//! The Appendix B criteria, one at a time with the policy's level texts,
//! then the overall ratings and their rationale.

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
/// leave an overall rating unrecorded.
pub fn ask_ratings(
    p: &mut dyn Prompter,
    entry: &Entry,
    rubric: &Rubric,
    overall_required: bool,
) -> std::io::Result<Option<Vec<RatingEdit>>> {
    const LEVELS: [Level; 3] = [Level::High, Level::Medium, Level::Low];
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
            let Some(choice) = p.select(&c.title, &items, 3)? else {
                return Ok(None);
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
    for side in [&a.risk, &a.value] {
        let name = side.side.as_str();
        let mut items: Vec<String> = LEVELS.iter().map(|l| l.title().to_string()).collect();
        match side.recorded {
            Some(l) => items.push(format!("Keep {}", l.title())),
            None if !overall_required => items.push("Leave unrecorded".into()),
            None => {}
        }
        let default = side
            .computed
            .level()
            .map_or(items.len().min(4) - 1, |l| 2 - crate::policy::rubric::level_index(l));
        let prompt = match side.computed.level() {
            Some(l) => format!("Overall {name} rating (the criteria give {})", l.title()),
            None => format!("Overall {name} rating (too few criteria are rated to compute one)"),
        };
        let Some(choice) = p.select(&prompt, &items, default)? else {
            return Ok(None);
        };
        let Some(level) = LEVELS.get(choice).copied() else {
            continue;
        };
        if Some(level) != side.recorded {
            edits.push(RatingEdit {
                side: side.side,
                key: "overall".into(),
                value: NewValue::Level(level),
            });
        }
        if side.computed.level().is_some_and(|c| c != level) {
            let check = |t: &str| {
                if t.trim().is_empty() {
                    Err("a rationale is needed when the overall rating differs".to_string())
                } else {
                    Ok(())
                }
            };
            let question = format!("Why is the overall {name} rating {}?", level.title());
            let Some(text) = p.input(&question, None, &check)? else {
                return Ok(None);
            };
            edits.push(RatingEdit {
                side: side.side,
                key: "rationale".into(),
                value: NewValue::Text(text.trim().to_string()),
            });
        }
    }
    Ok(Some(edits))
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
            };
            t.insert(e.key.clone(), v);
        }
    }
}
