//! The overall risk and value ratings, asked after the criteria: the
//! question starts on what the file records, so pressing Enter never
//! replaces a deliberate rating; moving away from the computed rating asks
//! why (showing the reason recorded now), and moving back to it offers to
//! remove the reason that no longer applies.

use crate::model::Level;
use crate::policy::assessment::{Computed, SideAssessment};
use crate::store::edit::{NewValue, RatingEdit};
use crate::terminal::prompt::Prompter;

const LEVELS: [Level; 3] = [Level::High, Level::Medium, Level::Low];

/// Asks for one side's overall rating and pushes the changes it makes
/// (overall, rationale added, changed or removed) onto `edits`. `rationale`
/// is the one the file records now. `false` when the person cancels.
pub fn ask(
    p: &mut dyn Prompter,
    side: &SideAssessment<'_>,
    rationale: Option<&str>,
    required: bool,
    edits: &mut Vec<RatingEdit>,
) -> std::io::Result<bool> {
    let name = side.side.as_str();
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
    let prompt = match side.computed {
        Computed::Rating(l) => format!("Overall {name} rating (the criteria give {})", l.title()),
        Computed::Incomplete => format!("Overall {name} rating (too few criteria are rated to compute one)"),
    };
    let Some(choice) = p.select(&prompt, &items, default)? else {
        return Ok(false);
    };
    let chosen = LEVELS.get(choice).copied();
    let Some(level) = chosen.or(side.recorded) else {
        return Ok(true); // left unrecorded
    };
    let changed = chosen.is_some_and(|l| Some(l) != side.recorded);
    if changed {
        edits.push(edit(side, "overall", NewValue::Level(level)));
    }
    match computed {
        // Differs from the criteria: a reason is needed. Asked when the
        // rating changes (the old reason explained the old rating) or when
        // none is recorded (the criteria just changed under it).
        Some(c) if c != level && (changed || rationale.is_none()) => {
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
                c.title()
            );
            let Some(text) = p.input(&question, rationale, &check)? else {
                return Ok(false);
            };
            if Some(text.trim()) != rationale.map(str::trim) {
                edits.push(edit(side, "rationale", NewValue::Text(text.trim().to_string())));
            }
        }
        // Back to what the criteria give: the old reason explains a rating
        // no longer recorded.
        Some(c) if c == level && changed => {
            if let Some(old) = rationale {
                p.note(&format!("  The reason recorded now: {old}"))?;
                let question = format!(
                    "The overall {name} rating now matches the criteria; remove the reason recorded for the old one?"
                );
                match p.confirm(&question, true)? {
                    Some(true) => edits.push(edit(side, "rationale", NewValue::Remove)),
                    Some(false) => {}
                    None => return Ok(false),
                }
            }
        }
        _ => {}
    }
    Ok(true)
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
