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
    let rationales = [entry.risk.rationale.as_deref(), entry.value.rationale.as_deref()];
    for (side, rationale) in [&a.risk, &a.value].into_iter().zip(rationales) {
        if !crate::terminal::overall::ask(p, side, rationale, overall_required, &mut edits)? {
            return Ok(None);
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
                NewValue::Remove => {
                    t.remove(&e.key);
                    continue;
                }
            };
            t.insert(e.key.clone(), v);
        }
    }
}
