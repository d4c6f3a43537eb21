//! The exit strategy, asked of a partnership that is being or has been left.

use super::several::{Several, tick};
use super::steps::Steps;
use super::{date_value, shown};
use crate::model::lenient;
use crate::terminal::prompt::Prompter;
use toml::{Table, Value};

/// The steps of the exit strategy, in the order asked; the last two only
/// for a significant partnership (and "record it as exiting" only for one
/// recorded as exited that the Executive has not reviewed).
const STEPS: [&str; 8] = [
    "reasons",
    "risks",
    "controls",
    "approved_by",
    "approved_on",
    "significant",
    "executive_reviewed",
    "exiting",
];

/// The approvers offered, by their tokens (`None`: not yet approved).
const APPROVERS: [(Option<&str>, &str); 3] = [
    (Some("cmt"), "cmt       (the Corporate Management Team)"),
    (
        Some("executive"),
        "executive (for a particularly significant partnership)",
    ),
    (None, "not yet approved"),
];

/// Asks for the exit strategy of a partnership that is being or has been
/// left. `None` when the person goes back (Esc at its first question); the
/// flag is set when a significant partnership must be recorded as exiting,
/// not exited, until the Executive has reviewed its exit strategy. Each
/// answer is kept in `progress` as it is given (the guide's `Steps`): a
/// resumed exit strategy carries on at the next question, and Esc goes
/// back one question with every answer kept. `current` is the exit
/// strategy answered before (coming back to it), offered as the defaults.
pub fn ask_exit(
    p: &mut dyn Prompter,
    exited: bool,
    current: &Table,
    progress: &mut Table,
) -> std::io::Result<Option<(Table, bool)>> {
    use crate::model::{Choice, ExitReason};
    p.note("\nExit strategy: the risks of leaving and the controls that limit them.")?;
    let mut steps = Steps::new(progress);
    steps.note_kept(p, "the exit strategy")?;
    // Coming back to a finished exit strategy: its answers are the defaults.
    if steps.asked_count() == 0 && !current.is_empty() {
        for (key, value) in current {
            if steps.answer(key).is_none() {
                steps.keep_unfinished(key, value.clone());
            }
        }
        // No approver recorded: it was "not yet approved".
        if !current.contains_key("approved_by") && steps.answer("approved_by").is_none() {
            steps.hold_empty("approved_by");
        }
    }
    let words: Vec<String> = ExitReason::ALL.iter().map(|r| r.as_str().to_string()).collect();
    let flag = |s: &Steps<'_>, step: &str| s.answer(step).and_then(Value::as_bool);
    let plan = |s: &Steps<'_>| {
        let mut plan: Vec<String> = STEPS[..6].iter().map(|s| (*s).to_string()).collect();
        if flag(s, "significant") == Some(true) {
            plan.push("executive_reviewed".into());
            if exited && flag(s, "executive_reviewed") == Some(false) {
                plan.push("exiting".into());
            }
        }
        plan
    };
    let required = |t: &str| {
        if t.trim().is_empty() {
            Err("this is needed".to_string())
        } else {
            Ok(())
        }
    };
    let date_check = move |t: &str| {
        if t.trim().is_empty() {
            return if exited {
                Err("an exited partnership needs the date its exit strategy was approved".into())
            } else {
                Ok(())
            };
        }
        lenient::date(t).map(|_| ())
    };
    let mut ask = |s: &mut Steps<'_>, step: &str| -> std::io::Result<Option<Option<Value>>> {
        let text = s.answer(step).map(shown);
        Ok(match step {
            "reasons" => {
                let again = |_: &[usize]| "Why is the council leaving? (another reason, or Done)".to_string();
                let menu = Several {
                    question: "Why is the council leaving? (choose each reason, then Done)",
                    again: &again,
                    items: &words,
                    done_empty: "Done",
                    needed: None,
                };
                let names = |c: &[usize]| Value::Array(c.iter().map(|i| Value::String(words[*i].clone())).collect());
                let before = s.answer(step).and_then(Value::as_array).cloned().unwrap_or_default();
                let mut chosen: Vec<usize> = (0..words.len())
                    .filter(|i| before.iter().any(|v| v.as_str() == Some(words[*i].as_str())))
                    .collect();
                tick(p, &menu, &mut chosen, &mut |c| s.keep_unfinished(step, names(c)))?
                    .then(|| (!chosen.is_empty()).then(|| names(&chosen)))
            }
            "risks" | "controls" => {
                let question = if step == "risks" {
                    "What are the risks of no longer being in the partnership?"
                } else {
                    "What controls will limit the impact of leaving?"
                };
                p.input(question, text.as_deref(), &required)?
                    .map(|typed| Some(Value::String(typed.trim().into())))
            }
            "approved_by" => {
                let labels: Vec<String> = APPROVERS.iter().map(|(_, l)| (*l).to_string()).collect();
                let now = s.answer(step).and_then(Value::as_str);
                let default = if s.left_empty(step) {
                    APPROVERS.len() - 1
                } else {
                    APPROVERS
                        .iter()
                        .position(|(by, _)| by.is_some() && *by == now)
                        .unwrap_or(0)
                };
                p.select("Who approved the exit strategy?", &labels, default)?.map(|i| {
                    APPROVERS
                        .get(i)
                        .and_then(|(by, _)| *by)
                        .map(|b| Value::String(b.into()))
                })
            }
            "approved_on" => p
                .input("When was it approved (YYYY-MM-DD)?", text.as_deref(), &date_check)?
                .map(|on| lenient::date(&on).ok().map(date_value)),
            "significant" => p
                .confirm(
                    "Is this a particularly significant partnership?",
                    flag(s, step).unwrap_or(false),
                )?
                .map(|b| Some(Value::Boolean(b))),
            "executive_reviewed" => p
                .confirm(
                    "Has the Executive reviewed the exit strategy?",
                    flag(s, step).unwrap_or(false),
                )?
                .map(|b| Some(Value::Boolean(b))),
            _ => {
                p.note("A significant partnership cannot be recorded as exited until the Executive has reviewed its exit strategy.")?;
                // No: back to whether the Executive has reviewed it.
                match p.confirm("Record it as exiting for now?", true)? {
                    Some(true) => Some(Some(Value::Boolean(true))),
                    _ => None,
                }
            }
        })
    };
    if !steps.walk(true, &plan, &mut ask)? {
        return Ok(None);
    }
    // Anything else a `--from` file gave the exit strategy is kept.
    let mut exit: Table = current
        .iter()
        .filter(|(k, _)| !STEPS.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut still_exiting = false;
    for step in plan(&steps) {
        let Some(value) = steps.answer(&step).cloned() else {
            continue;
        };
        match step.as_str() {
            "exiting" => still_exiting = true,
            _ => {
                exit.insert(step, value);
            }
        }
    }
    Ok(Some((exit, still_exiting)))
}
