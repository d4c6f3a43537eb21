//! The exit strategy, asked of a partnership that is being or has been left.

use super::date_value;
use super::several::{Several, tick};
use crate::model::lenient;
use crate::terminal::prompt::Prompter;
use toml::{Table, Value};

/// Asks for the exit strategy of a partnership that is being or has been
/// left. `None` when the person cancels; the flag is set when a
/// significant partnership must be recorded as exiting, not exited, until
/// the Executive has reviewed its exit strategy.
pub fn ask_exit(p: &mut dyn Prompter, exited: bool) -> std::io::Result<Option<(Table, bool)>> {
    use crate::model::{Choice, ExitReason};
    p.note("\nExit strategy: the risks of leaving and the controls that limit them.")?;
    let mut exit = Table::new();
    let words: Vec<String> = ExitReason::ALL.iter().map(|r| r.as_str().to_string()).collect();
    let again = |_: &[usize]| "Why is the council leaving? (another reason, or Done)".to_string();
    let menu = Several {
        question: "Why is the council leaving? (choose each reason, then Done)",
        again: &again,
        items: &words,
        done_empty: "Done",
        needed: None,
    };
    let mut chosen = Vec::new();
    if !tick(p, &menu, &mut chosen, &mut |_| {})? {
        return Ok(None);
    }
    let reasons: Vec<Value> = chosen.iter().map(|i| Value::String(words[*i].clone())).collect();
    if !reasons.is_empty() {
        exit.insert("reasons".into(), Value::Array(reasons));
    }
    let required = |t: &str| {
        if t.trim().is_empty() {
            Err("this is needed".to_string())
        } else {
            Ok(())
        }
    };
    let Some(risks) = p.input(
        "What are the risks of no longer being in the partnership?",
        None,
        &required,
    )?
    else {
        return Ok(None);
    };
    exit.insert("risks".into(), Value::String(risks.trim().into()));
    let Some(controls) = p.input("What controls will limit the impact of leaving?", None, &required)? else {
        return Ok(None);
    };
    exit.insert("controls".into(), Value::String(controls.trim().into()));
    let approvers = [
        "cmt       (the Corporate Management Team)".to_string(),
        "executive (for a particularly significant partnership)".to_string(),
        "not yet approved".to_string(),
    ];
    let Some(by) = p.select("Who approved the exit strategy?", &approvers, 0)? else {
        return Ok(None);
    };
    if by < 2 {
        exit.insert("approved_by".into(), Value::String(["cmt", "executive"][by].into()));
    }
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
    if let Ok(d) = lenient::date(&on) {
        exit.insert("approved_on".into(), date_value(d));
    }
    let Some(significant) = p.confirm("Is this a particularly significant partnership?", false)? else {
        return Ok(None);
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
