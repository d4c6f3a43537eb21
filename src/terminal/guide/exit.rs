//! The exit strategy, asked of a partnership that is being or has been left.

use super::date_value;
use super::several::{Several, tick};
use super::steps::Steps;
use crate::model::lenient;
use crate::terminal::prompt::Prompter;
use toml::{Table, Value};

/// Asks for the exit strategy of a partnership that is being or has been
/// left. `None` when the person cancels; the flag is set when a
/// significant partnership must be recorded as exiting, not exited, until
/// the Executive has reviewed its exit strategy. Each answer is kept in
/// `progress` as it is given (the guide's `Steps`), and a resumed exit strategy
/// carries on at the next question.
pub fn ask_exit(p: &mut dyn Prompter, exited: bool, progress: &mut Table) -> std::io::Result<Option<(Table, bool)>> {
    use crate::model::{Choice, ExitReason};
    p.note("\nExit strategy: the risks of leaving and the controls that limit them.")?;
    let mut steps = Steps::new(progress);
    steps.note_kept(p, "the exit strategy")?;
    let mut exit = Table::new();
    let words: Vec<String> = ExitReason::ALL.iter().map(|r| r.as_str().to_string()).collect();
    let reasons = match steps.kept("reasons") {
        Some(kept) => kept.cloned(),
        None => {
            let again = |_: &[usize]| "Why is the council leaving? (another reason, or Done)".to_string();
            let menu = Several {
                question: "Why is the council leaving? (choose each reason, then Done)",
                again: &again,
                items: &words,
                done_empty: "Done",
                needed: None,
            };
            let names = |c: &[usize]| Value::Array(c.iter().map(|i| Value::String(words[*i].clone())).collect());
            let before = steps
                .unfinished("reasons")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let mut chosen: Vec<usize> = (0..words.len())
                .filter(|i| before.iter().any(|v| v.as_str() == Some(words[*i].as_str())))
                .collect();
            if !tick(p, &menu, &mut chosen, &mut |c| {
                steps.keep_unfinished("reasons", names(c));
            })? {
                return Ok(None);
            }
            let reasons = (!chosen.is_empty()).then(|| names(&chosen));
            steps.keep("reasons", reasons.clone());
            reasons
        }
    };
    if let Some(reasons) = reasons {
        exit.insert("reasons".into(), reasons);
    }
    let required = |t: &str| {
        if t.trim().is_empty() {
            Err("this is needed".to_string())
        } else {
            Ok(())
        }
    };
    for (key, question) in [
        ("risks", "What are the risks of no longer being in the partnership?"),
        ("controls", "What controls will limit the impact of leaving?"),
    ] {
        let answer = match steps.kept(key) {
            Some(kept) => kept.cloned(),
            None => {
                let Some(typed) = p.input(question, None, &required)? else {
                    return Ok(None);
                };
                let answer = Some(Value::String(typed.trim().into()));
                steps.keep(key, answer.clone());
                answer
            }
        };
        if let Some(answer) = answer {
            exit.insert(key.into(), answer);
        }
    }
    let by = match steps.kept("approved_by") {
        Some(kept) => kept.cloned(),
        None => {
            let approvers = [
                "cmt       (the Corporate Management Team)".to_string(),
                "executive (for a particularly significant partnership)".to_string(),
                "not yet approved".to_string(),
            ];
            let Some(by) = p.select("Who approved the exit strategy?", &approvers, 0)? else {
                return Ok(None);
            };
            let by = ["cmt", "executive"].get(by).map(|b| Value::String((*b).into()));
            steps.keep("approved_by", by.clone());
            by
        }
    };
    if let Some(by) = by {
        exit.insert("approved_by".into(), by);
    }
    let on = match steps.kept("approved_on") {
        Some(kept) => kept.cloned(),
        None => {
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
            let Some(on) = p.input("When was it approved (YYYY-MM-DD)?", None, &date_check)? else {
                return Ok(None);
            };
            let on = lenient::date(&on).ok().map(date_value);
            steps.keep("approved_on", on.clone());
            on
        }
    };
    if let Some(on) = on {
        exit.insert("approved_on".into(), on);
    }
    let significant = match steps.kept("significant").map(|v| v.and_then(Value::as_bool)) {
        Some(kept) => kept.unwrap_or(false),
        None => {
            let Some(significant) = p.confirm("Is this a particularly significant partnership?", false)? else {
                return Ok(None);
            };
            steps.keep("significant", Some(Value::Boolean(significant)));
            significant
        }
    };
    exit.insert("significant".into(), Value::Boolean(significant));
    if significant {
        let Some(reviewed) = p.confirm("Has the Executive reviewed the exit strategy?", false)? else {
            return Ok(None);
        };
        exit.insert("executive_reviewed".into(), Value::Boolean(reviewed));
        if exited && !reviewed {
            p.note("A significant partnership cannot be recorded as exited until the Executive has reviewed its exit strategy.")?;
            return match p.confirm("Record it as exiting for now?", true)? {
                Some(true) => Ok(Some((exit, true))),
                _ => Ok(None),
            };
        }
    }
    Ok(Some((exit, false)))
}
