//! Asking one field of the form by the kind of answer it takes. The current
//! answer is always the starting point (the default), so going back or
//! changing an answer begins from what was said; every answer is checked
//! as it is given, by its kind and by the field's rule.

use std::io;

use toml::{Table, Value};

use super::several::{Several, tick};
use super::{Context, shown, typed};
use crate::model::lenient;
use crate::policy::fields::{self, Answer, Field};
use crate::terminal::prompt::Prompter;

/// Where the form goes after a question.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    Next,
    /// Esc: back one question.
    Back,
}

/// Asks one field and puts the answer in the draft (or takes it out, for
/// an optional field left empty). A field of several answers (a list, the
/// representatives, a choice of several) keeps each one in `partial`
/// under the field's key as it is given, and starts from what is there,
/// so that Ctrl-C halfway keeps them and a resumed draft carries on; the
/// entry is taken out once the field is answered, and kept when the field
/// is left with Esc holding answers (offered again when it is come back to).
pub fn ask(
    p: &mut dyn Prompter,
    field: &Field,
    ctx: &Context<'_>,
    draft: &mut Table,
    partial: &mut Table,
) -> io::Result<Flow> {
    let flow = ask_field(p, field, ctx, draft, partial)?;
    // Left with Esc, a group keeps what it holds: coming back to it offers
    // those answers again.
    let keep = flow == Flow::Back
        && partial
            .get(field.key)
            .and_then(Value::as_table)
            .is_some_and(super::steps::holds_answers);
    if !keep {
        partial.remove(field.key);
    }
    Ok(flow)
}

/// The progress of a field of several answers, in `partial`.
fn progress<'a>(partial: &'a mut Table, key: &str) -> &'a mut Table {
    super::steps::table(partial, key)
}

/// The strings kept under `key` in a field's progress.
fn kept(progress: &Table, key: &str) -> Vec<String> {
    progress
        .get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default()
}

fn keep(progress: &mut Table, key: &str, items: &[String]) {
    let values = items.iter().map(|s| Value::String(s.clone())).collect();
    progress.insert(key.into(), Value::Array(values));
}

fn ask_field(
    p: &mut dyn Prompter,
    field: &Field,
    ctx: &Context<'_>,
    draft: &mut Table,
    partial: &mut Table,
) -> io::Result<Flow> {
    let resuming = partial.contains_key(field.key);
    // A proposal's Cabinet question says why it is asked in its own note.
    let cabinet_question = is_cabinet_question(field, draft);
    if !field.help.is_empty() && !cabinet_question {
        p.note(&format!("  ({})", field.help))?;
    }
    let needed = field.needed(draft);
    let current = fields::get(draft, field.key).cloned();
    match field.answer {
        Answer::Choice(list) => ask_choice(p, field, ctx, draft, &list()),
        Answer::Decision if cabinet_question => ask_cabinet_decision(p, draft),
        Answer::Decision => ask_choice(p, field, ctx, draft, &fields::approvers()),
        Answer::Several(list) => {
            let items = list();
            let progress = progress(partial, field.key);
            if !resuming {
                let now: Vec<String> = current
                    .as_ref()
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
                    .unwrap_or_default();
                keep(progress, "chosen", &now);
            }
            Ok(match pick_several(p, field.question, &items, progress)? {
                None => Flow::Back,
                Some(chosen) if chosen.is_empty() => {
                    fields::remove(draft, field.key);
                    Flow::Next
                }
                Some(chosen) => {
                    let values = chosen.into_iter().map(|s| Value::String(s.into())).collect();
                    fields::set(draft, field.key, Value::Array(values));
                    Flow::Next
                }
            })
        }
        Answer::YesNoOrNotKnown => {
            let labels = ["Yes", "No", "Not known yet (leave it unanswered)"].map(String::from);
            let default = match current.as_ref().and_then(Value::as_bool) {
                Some(true) => 0,
                Some(false) => 1,
                None => 2,
            };
            Ok(match p.select(field.question, &labels, default)? {
                None => Flow::Back,
                Some(i @ (0 | 1)) => {
                    fields::set(draft, field.key, Value::Boolean(i == 0));
                    Flow::Next
                }
                Some(_) => {
                    fields::remove(draft, field.key);
                    Flow::Next
                }
            })
        }
        Answer::YesNo => {
            let default = current
                .as_ref()
                .and_then(Value::as_bool)
                .unwrap_or(field.key == "budgeted");
            Ok(match p.confirm(field.question, default)? {
                Some(b) => {
                    fields::set(draft, field.key, Value::Boolean(b));
                    Flow::Next
                }
                None => Flow::Back,
            })
        }
        Answer::List | Answer::Priorities | Answer::Representatives => {
            if let Some(items) = current
                .as_ref()
                .and_then(Value::as_array)
                .filter(|a| !a.is_empty() && !resuming)
            {
                let keep = [
                    format!("Keep them ({})", shown(&Value::Array(items.clone()))),
                    "Give them again".to_string(),
                ];
                match p.select(field.question, &keep, 0)? {
                    None => return Ok(Flow::Back),
                    Some(0) => return Ok(Flow::Next),
                    Some(_) => {}
                }
            }
            let progress = progress(partial, field.key);
            let items = match field.answer {
                Answer::Priorities if !ctx.priorities.is_empty() => {
                    ask_priorities(p, field, &ctx.priorities, needed, progress)?
                }
                Answer::Representatives => super::representatives::ask(p, needed, ctx.today, progress)?,
                _ => ask_list(p, field, needed, progress)?,
            };
            Ok(match items {
                None => Flow::Back,
                Some(items) => {
                    if items.is_empty() {
                        fields::remove(draft, field.key);
                    } else {
                        fields::set(draft, field.key, Value::Array(items));
                    }
                    Flow::Next
                }
            })
        }
        Answer::Ratings => super::form::ask_ratings_step(p, ctx, draft, progress(partial, field.key)),
        Answer::ExitStrategy => {
            let exited = draft.get("status").and_then(Value::as_str) == Some("exited");
            let now = current.as_ref().and_then(Value::as_table).cloned().unwrap_or_default();
            Ok(match super::ask_exit(p, exited, &now, progress(partial, field.key))? {
                None => Flow::Back,
                Some((exit, still_exiting)) => {
                    draft.insert("exit".into(), Value::Table(exit));
                    if still_exiting {
                        draft.insert("status".into(), Value::String("exiting".into()));
                    }
                    Flow::Next
                }
            })
        }
        Answer::AppendixC => {
            let now = current.as_ref().and_then(Value::as_table).cloned().unwrap_or_default();
            let progress = progress(partial, field.key);
            Ok(match super::questions::ask_appendix_c(p, &now, progress)? {
                None => Flow::Back,
                Some(answers) => {
                    if answers.is_empty() {
                        draft.remove("questions");
                    } else {
                        draft.insert("questions".into(), Value::Table(answers));
                    }
                    Flow::Next
                }
            })
        }
        kind @ (Answer::Text | Answer::LongText | Answer::Hours | Answer::Pounds | Answer::Date | Answer::Places) => {
            let name_check = (field.key == "name").then_some(ctx.name_check);
            let snapshot = draft.clone();
            let check = |t: &str| -> Result<(), String> {
                let t = t.trim();
                if t.is_empty() {
                    return if needed { Err("this is needed".into()) } else { Ok(()) };
                }
                if let Some(extra) = name_check {
                    extra(t)?;
                }
                match kind {
                    Answer::Hours => lenient::hours(t).map(|_| ())?,
                    Answer::Pounds => lenient::pounds(t).map(|_| ())?,
                    Answer::Date => lenient::date(t).map(|_| ())?,
                    Answer::Places => fields::places(t).map(|_| ())?,
                    _ => {}
                }
                match field.rule {
                    Some(rule) => rule(&snapshot, &typed(kind, t), ctx.today),
                    None => Ok(()),
                }
            };
            let default = current.as_ref().map(shown);
            Ok(match p.input(field.question, default.as_deref(), &check)? {
                None => Flow::Back,
                Some(t) if t.trim().is_empty() => {
                    fields::remove(draft, field.key);
                    Flow::Next
                }
                Some(t) => {
                    fields::set(draft, field.key, typed(kind, t.trim()));
                    Flow::Next
                }
            })
        }
    }
}

/// One value from a closed list, each shown with what it means.
fn ask_choice(
    p: &mut dyn Prompter,
    field: &Field,
    ctx: &Context<'_>,
    draft: &mut Table,
    items: &[(&'static str, &'static str)],
) -> io::Result<Flow> {
    let width = items.iter().map(|(s, _)| s.len()).max().unwrap_or(0) + 2;
    let mut labels: Vec<String> = items
        .iter()
        .map(|(s, d)| {
            if d.is_empty() {
                (*s).to_string()
            } else {
                format!("{s:<width$}{d}")
            }
        })
        .collect();
    // A list that may be left unanswered says so as its last choice.
    if !field.needed(draft) {
        labels.push("Leave it unanswered".into());
    }
    let current = fields::get(draft, field.key).and_then(Value::as_str);
    let default = items.iter().position(|(s, _)| Some(*s) == current).unwrap_or(0);
    loop {
        let Some(i) = p.select(field.question, &labels, default)? else {
            return Ok(Flow::Back);
        };
        if i >= items.len() {
            fields::remove(draft, field.key);
            return Ok(Flow::Next);
        }
        let value = Value::String(items[i].0.to_string());
        if let Some(rule) = field.rule
            && let Err(reason) = rule(draft, &value, ctx.today)
        {
            p.note(&format!("  ! {reason}"))?;
            continue;
        }
        fields::set(draft, field.key, value);
        return Ok(Flow::Next);
    }
}

/// The decision to join a proposed partnership is asked as the Cabinet's.
fn is_cabinet_question(field: &Field, draft: &Table) -> bool {
    matches!(field.answer, Answer::Decision) && draft.get("status").and_then(Value::as_str) == Some("proposed")
}

const CABINET_QUESTION: &str = "The decision to join: has the Cabinet (the Executive) decided yet?";

/// A field's question as it is asked of these answers (for the list of
/// answers to change).
pub fn asked_as(field: &Field, draft: &Table) -> &'static str {
    if is_cabinet_question(field, draft) {
        CABINET_QUESTION
    } else {
        field.question
    }
}

/// Whether the Cabinet (the Executive) has decided to join a proposed
/// partnership whose contribution is not in existing budgets. "Not yet"
/// records no `[approval] by` and says plainly that it is still to go to
/// Cabinet (what `check` warns of as `cabinet-decision-needed`).
fn ask_cabinet_decision(p: &mut dyn Prompter, draft: &mut Table) -> io::Result<Flow> {
    p.note("  (The contribution is not in existing budgets, so the Partnership Policy sends the proposal to the Cabinet for approval.)")?;
    let labels: Vec<String> = fields::CABINET_DECISIONS
        .iter()
        .map(|(_, words)| (*words).to_string())
        .collect();
    let now = fields::get(draft, "approval.by").and_then(Value::as_str);
    let default = fields::CABINET_DECISIONS
        .iter()
        .position(|(by, _)| by.is_some() && *by == now)
        .unwrap_or(0);
    let Some(i) = p.select(CABINET_QUESTION, &labels, default)? else {
        return Ok(Flow::Back);
    };
    match fields::CABINET_DECISIONS.get(i).and_then(|(by, _)| *by) {
        Some(by) => fields::set(draft, "approval.by", Value::String(by.into())),
        None => {
            fields::remove(draft, "approval.by");
            fields::remove(draft, "approval.date");
            p.note("  It is still to go to Cabinet: no decision is recorded for now, and `partreg check` will warn (cabinet-decision-needed) until one is. Once Cabinet has decided, record it under [approval]: by = \"cabinet\" and the date.")?;
        }
    }
    Ok(Flow::Next)
}

/// Any number of values from a closed list, ticked one at a time as the
/// representatives' roles are ([`super::several`]). Starts from the
/// `chosen` kept in `progress`, and keeps each tick there; the answer
/// keeps the list's order. `None` on Esc.
fn pick_several(
    p: &mut dyn Prompter,
    question: &str,
    items: &[(&'static str, &'static str)],
    progress: &mut Table,
) -> io::Result<Option<Vec<&'static str>>> {
    let kept_now = kept(progress, "chosen");
    let mut chosen: Vec<usize> = (0..items.len())
        .filter(|i| kept_now.iter().any(|k| k == items[*i].0))
        .collect();
    let words: Vec<String> = items.iter().map(|(_, w)| (*w).to_string()).collect();
    let again = |c: &[usize]| format!("{question} (chosen: {}; another, or Done)", c.len());
    let menu = Several {
        question,
        again: &again,
        items: &words,
        done_empty: "Done (none chosen)",
        needed: None,
    };
    let mut keep_chosen = |c: &[usize]| {
        let tokens: Vec<String> = c.iter().map(|i| items[*i].0.to_string()).collect();
        keep(progress, "chosen", &tokens);
    };
    if !tick(p, &menu, &mut chosen, &mut keep_chosen)? {
        return Ok(None);
    }
    Ok(Some(chosen.into_iter().map(|i| items[i].0).collect()))
}

/// Several lines of text, one item each; an empty answer ends the list.
/// Starts from (and keeps each item in) the `items` of `progress`, asking
/// from the item at `at` (how many are given; all of them when a draft has
/// no `at`). Esc goes back to the item before, which starts on its text,
/// and the items after it stay, each offered again as its question's
/// default; `None` on Esc at the first (the items all held).
fn ask_list(p: &mut dyn Prompter, field: &Field, needed: bool, progress: &mut Table) -> io::Result<Option<Vec<Value>>> {
    let mut items: Vec<String> = kept(progress, "items");
    let mut at = progress
        .get("at")
        .and_then(Value::as_integer)
        .and_then(|n| usize::try_from(n).ok())
        .map_or(items.len(), |n| n.min(items.len()));
    let keep_at = |progress: &mut Table, at: usize| {
        progress.insert("at".into(), Value::Integer(i64::try_from(at).unwrap_or(i64::MAX)));
    };
    loop {
        let prompt = if at == 0 {
            field.question.to_string()
        } else {
            "Another (empty when done)".into()
        };
        let first = at == 0;
        let check = move |t: &str| {
            if needed && first && t.trim().is_empty() {
                Err("an active partnership needs at least one".to_string())
            } else {
                Ok(())
            }
        };
        match p.input(&prompt, items.get(at).map(String::as_str), &check)? {
            None if at == 0 => return Ok(None),
            None => {
                at -= 1;
                keep_at(progress, at);
            }
            // Emptied: the list ends here (items held after it go).
            Some(t) if t.trim().is_empty() => {
                items.truncate(at);
                return Ok(Some(items.into_iter().map(Value::String).collect()));
            }
            Some(t) => {
                match items.get_mut(at) {
                    Some(item) => *item = t.trim().to_string(),
                    None => items.push(t.trim().to_string()),
                }
                at += 1;
                keep(progress, "items", &items);
                keep_at(progress, at);
            }
        }
    }
}

/// The corporate priorities, ticked one at a time from the settings'
/// `[priorities]`, each shown with its title.
fn ask_priorities(
    p: &mut dyn Prompter,
    field: &Field,
    codes: &[(String, String)],
    needed: bool,
    progress: &mut Table,
) -> io::Result<Option<Vec<Value>>> {
    let kept_now = kept(progress, "chosen");
    let mut chosen: Vec<usize> = (0..codes.len()).filter(|i| kept_now.contains(&codes[*i].0)).collect();
    p.note("  (Choose each priority in turn; choose Done when finished.)")?;
    let width = codes.iter().map(|(c, _)| c.chars().count()).max().unwrap_or(0) + 2;
    let items: Vec<String> = codes
        .iter()
        .map(|(code, title)| format!("{code:<width$}{title}"))
        .collect();
    let again = |c: &[usize]| {
        let names: Vec<&str> = c.iter().map(|i| codes[*i].0.as_str()).collect();
        format!("Another priority (chosen: {})", names.join(", "))
    };
    let menu = Several {
        question: field.question,
        again: &again,
        items: &items,
        done_empty: "Done",
        needed: needed.then_some("  (An active partnership needs at least one priority.)"),
    };
    let mut keep_chosen = |c: &[usize]| {
        let names: Vec<String> = c.iter().map(|i| codes[*i].0.clone()).collect();
        keep(progress, "chosen", &names);
    };
    if !tick(p, &menu, &mut chosen, &mut keep_chosen)? {
        return Ok(None);
    }
    Ok(Some(
        chosen.into_iter().map(|i| Value::String(codes[i].0.clone())).collect(),
    ))
}
