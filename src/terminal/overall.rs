//! The overall risk and value ratings, asked after the criteria: the
//! question starts on what the file records, so pressing Enter never
//! replaces a deliberate rating; moving away from the computed rating asks
//! why (showing the reason recorded now), and moving back to it offers to
//! remove the reason that no longer applies.
//!
//! The choice and the question after it (the follow-up) are asked apart,
//! so that a flow keeping its answers one by one (the guided `add`'s
//! draft) keeps the choice while the reason is still being typed.

use toml::Value;

use crate::model::Level;
use crate::policy::assessment::{Computed, SideAssessment};
use crate::store::edit::{NewValue, RatingEdit};
use crate::terminal::prompt::Prompter;

const LEVELS: [Level; 3] = [Level::High, Level::Medium, Level::Low];

/// The menu of one side's overall rating: the items and the one it starts on.
fn menu(side: &SideAssessment<'_>, required: bool) -> (Vec<String>, usize) {
    let computed = side.computed.level();
    // The level items say which one the criteria give, so the officer sees
    // the computed rating without it being chosen for them.
    let mut items: Vec<String> = LEVELS
        .iter()
        .map(|l| {
            if Some(*l) == computed {
                format!("{}  (what the criteria give)", l.title())
            } else {
                l.title().to_string()
            }
        })
        .collect();
    match side.recorded {
        Some(l) => items.push(format!("Keep {}  (recorded now)", l.title())),
        None if !required => items.push("Leave unrecorded".into()),
        None => {}
    }
    // Start on what is recorded; with nothing recorded, on the computed level.
    let default = match (side.recorded, computed) {
        (Some(_), _) => 3,
        (None, Some(l)) => position(l),
        (None, None) => items.len() - 1,
    };
    (items, default)
}

/// Asks for one side's overall rating: the index of the item chosen (a
/// level, or the last item: keep what is recorded, or leave it
/// unrecorded), starting on `kept` when it was chosen before. `None` on Esc.
pub fn choose(
    p: &mut dyn Prompter,
    side: &SideAssessment<'_>,
    required: bool,
    kept: Option<usize>,
) -> std::io::Result<Option<usize>> {
    let (items, default) = menu(side, required);
    let name = side.side.as_str();
    let prompt = match side.computed {
        Computed::Rating(l) => format!("Overall {name} rating (the criteria give {})", l.title()),
        Computed::Incomplete => format!("Overall {name} rating (too few criteria are rated to compute one)"),
    };
    let default = kept.filter(|k| *k < items.len()).unwrap_or(default);
    p.select(&prompt, &items, default)
}

/// The question a choice leads to.
enum FollowUp {
    None,
    /// It differs from what the criteria give: why.
    Rationale {
        level: Level,
        computed: Level,
    },
    /// It is back to what the criteria give: remove the old reason?
    Remove,
}

/// The level a choice stands for, and whether it changes what is recorded.
fn level_of(side: &SideAssessment<'_>, choice: usize) -> (Option<Level>, bool) {
    let chosen = LEVELS.get(choice).copied();
    let changed = chosen.is_some_and(|l| Some(l) != side.recorded);
    (chosen.or(side.recorded), changed)
}

fn follow_up(side: &SideAssessment<'_>, rationale: Option<&str>, choice: usize) -> FollowUp {
    let (Some(level), changed) = level_of(side, choice) else {
        return FollowUp::None; // left unrecorded
    };
    match side.computed.level() {
        // Differs from the criteria: a reason is needed. Asked when the
        // rating changes (the old reason explained the old rating) or when
        // none is recorded (the criteria just changed under it).
        Some(c) if c != level && (changed || rationale.is_none()) => FollowUp::Rationale { level, computed: c },
        // Back to what the criteria give: the old reason explains a rating
        // no longer recorded.
        Some(c) if c == level && changed && rationale.is_some() => FollowUp::Remove,
        _ => FollowUp::None,
    }
}

/// Whether a choice asks a question after it ([`ask_follow_up`]).
pub fn has_follow_up(side: &SideAssessment<'_>, rationale: Option<&str>, choice: usize) -> bool {
    !matches!(follow_up(side, rationale, choice), FollowUp::None)
}

/// Asks the question a choice leads to: the reason for a rating that
/// differs from the criteria (text), or whether to remove the reason
/// recorded for the old one (yes or no). `kept` is the answer given
/// before, to start from. `Some(None)` when the choice asks nothing;
/// `None` on Esc.
pub fn ask_follow_up(
    p: &mut dyn Prompter,
    side: &SideAssessment<'_>,
    rationale: Option<&str>,
    choice: usize,
    kept: Option<&Value>,
) -> std::io::Result<Option<Option<Value>>> {
    let name = side.side.as_str();
    match follow_up(side, rationale, choice) {
        FollowUp::None => Ok(Some(None)),
        FollowUp::Rationale { level, computed } => {
            if let Some(old) = rationale {
                p.note(&format!("  The reason recorded now: {old}"))?;
            }
            let check = |t: &str| {
                if t.trim().is_empty() {
                    Err("a rationale is needed when the overall rating differs from the criteria".to_string())
                } else {
                    Ok(())
                }
            };
            let question = format!(
                "Why is the overall {name} rating {} when the criteria give {}?",
                level.title(),
                computed.title()
            );
            let start = kept.and_then(Value::as_str).or(rationale);
            Ok(p.input(&question, start, &check)?
                .map(|text| Some(Value::String(text.trim().to_string()))))
        }
        FollowUp::Remove => {
            if let Some(old) = rationale {
                p.note(&format!("  The reason recorded now: {old}"))?;
            }
            let question = format!(
                "The overall {name} rating now matches the criteria; remove the reason recorded for the old one?"
            );
            let start = kept.and_then(Value::as_bool).unwrap_or(true);
            Ok(p.confirm(&question, start)?.map(|b| Some(Value::Boolean(b))))
        }
    }
}

/// The changes a choice and its follow-up's answer make: the overall
/// rating, and the rationale added, changed or removed.
pub fn edits(
    side: &SideAssessment<'_>,
    rationale: Option<&str>,
    choice: usize,
    answer: Option<&Value>,
) -> Vec<RatingEdit> {
    let mut edits = Vec::new();
    let (Some(level), changed) = level_of(side, choice) else {
        return edits;
    };
    if changed {
        edits.push(edit(side, "overall", NewValue::Level(level)));
    }
    match follow_up(side, rationale, choice) {
        FollowUp::Rationale { .. } => {
            if let Some(text) = answer.and_then(Value::as_str)
                && Some(text.trim()) != rationale.map(str::trim)
            {
                edits.push(edit(side, "rationale", NewValue::Text(text.trim().to_string())));
            }
        }
        FollowUp::Remove if answer.and_then(Value::as_bool) == Some(true) => {
            edits.push(edit(side, "rationale", NewValue::Remove));
        }
        _ => {}
    }
    edits
}

/// The choice that makes these changes to the overall rating (reading a
/// draft kept before the choice was kept apart): the level set, or the
/// last item (keep, or leave unrecorded).
pub fn choice_of(edits: &[RatingEdit]) -> usize {
    edits
        .iter()
        .find_map(|e| match (&*e.key, &e.value) {
            ("overall", NewValue::Level(l)) => Some(position(*l)),
            _ => None,
        })
        .unwrap_or(LEVELS.len())
}

fn position(level: Level) -> usize {
    LEVELS.iter().position(|l| *l == level).unwrap_or(0)
}

fn edit(side: &SideAssessment<'_>, key: &str, value: NewValue) -> RatingEdit {
    RatingEdit {
        side: side.side,
        key: key.into(),
        value,
    }
}
