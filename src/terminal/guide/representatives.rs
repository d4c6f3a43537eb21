//! The council's representatives on a partnership: for each, the level,
//! position, appointment and the end of the term. Several names typed on
//! one line ("Sam Jones / Alex Reed") are split, once confirmed.
//!
//! Every answer goes into a [`Table`] of the group's progress as it is
//! given (the people finished, the names still to ask about, and the one
//! being asked about as the guide's [`Steps`]), so that Ctrl-C in the
//! middle of a person keeps what was said, and `add --resume` carries on
//! from that person's next question. Esc goes back one question, with
//! every answer kept and offered again: within a person to their question
//! before; at their first question to the name prompt, starting on the
//! name(s) typed; at "Another representative" to the last person's last
//! question.

use std::io;

use toml::{Table, Value};

use super::several::{Several, tick};
use super::steps::Steps;
use super::{date_value, shown};
use crate::model::{Date, lenient};
use crate::policy::fields::{appointers, expected_roles, levels, terms};
use crate::terminal::prompt::Prompter;

/// The people finished, in `progress`.
const DONE: &str = "done";
/// Names typed together, still to be asked about.
const WAITING: &str = "waiting";
/// The person being asked about: their steps (`asked`, `answers`, the
/// name among the answers).
const CURRENT: &str = "current";
/// In a draft of an earlier partreg: the questions asked about the
/// current person, whose `current` table held only their answers.
const OLD_ASKED: &str = "asked";
/// After Esc at a person's first question: the name line to start the
/// name prompt on, and that person's steps (their answers are offered
/// again if the same name is given).
const TYPED: &str = "typed";
const HELD: &str = "held";

/// The answers in a half-finished group, for saying how many are kept.
pub fn answers_in(progress: &Table) -> usize {
    let people = progress
        .get(DONE)
        .and_then(Value::as_array)
        .map_or(0, |d| d.iter().filter_map(Value::as_table).map(Table::len).sum());
    let asked = |t: &Table| t.get(OLD_ASKED).and_then(Value::as_array).map_or(0, Vec::len);
    let current = match progress.get(CURRENT).and_then(Value::as_table) {
        Some(c) if c.contains_key("answers") => 1 + asked(c),
        Some(_) => 1 + asked(progress),
        None => 0,
    };
    people + current
}

/// A draft of an earlier partreg kept the current person's answers as
/// `current` and the questions asked about them as `asked` beside it; now
/// `current` is the person's steps. Such a draft is read into the new form.
fn read_older_draft(progress: &mut Table) {
    let Some(Value::Table(old)) = progress.get(CURRENT) else {
        return;
    };
    if old.contains_key("answers") {
        return;
    }
    let answers = Value::Table(old.clone());
    let asked = match progress.remove(OLD_ASKED) {
        Some(a @ Value::Array(_)) => a,
        _ => Value::Array(Vec::new()),
    };
    let mut person = Table::new();
    person.insert("asked".into(), asked);
    person.insert("answers".into(), answers);
    progress.insert(CURRENT.into(), Value::Table(person));
}

fn list<'a>(progress: &'a mut Table, key: &str) -> &'a mut Vec<Value> {
    super::steps::array(progress, key)
}

/// A person's steps, about to be asked, with only their name answered.
fn named(name: Value) -> Value {
    let mut answers = Table::new();
    answers.insert("name".into(), name);
    let mut person = Table::new();
    person.insert("answers".into(), Value::Table(answers));
    Value::Table(person)
}

/// The name in a person's steps.
fn name_of(person: &Table) -> Option<&str> {
    person.get("answers")?.get("name")?.as_str()
}

/// Asks for representatives until an empty name, carrying on from
/// `progress`. `None` on Esc at the first name (back one question).
pub fn ask(p: &mut dyn Prompter, needed: bool, today: Date, progress: &mut Table) -> io::Result<Option<Vec<Value>>> {
    read_older_draft(progress);
    loop {
        if let Some(Value::Table(_)) = progress.get(CURRENT) {
            let person = super::steps::table(progress, CURRENT);
            if details(p, needed, today, person)? {
                let answers = person
                    .get("answers")
                    .and_then(Value::as_table)
                    .cloned()
                    .unwrap_or_default();
                // In the order of the format: the name, then the steps.
                let rep: Table = std::iter::once("name")
                    .chain(STEPS)
                    .filter_map(|k| answers.get(k).map(|v| (k.to_string(), v.clone())))
                    .collect();
                list(progress, DONE).push(Value::Table(rep));
            } else {
                // Esc at their first question: back to the name prompt,
                // starting on their name and any typed with them.
                let held = progress.remove(CURRENT);
                let mut names: Vec<String> = held
                    .as_ref()
                    .and_then(Value::as_table)
                    .and_then(name_of)
                    .map(str::to_string)
                    .into_iter()
                    .collect();
                names.extend(
                    std::mem::take(list(progress, WAITING))
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string),
                );
                progress.insert(TYPED.into(), Value::String(names.join(" / ")));
                if let Some(held) = held {
                    progress.insert(HELD.into(), held);
                }
                progress.remove(WAITING);
                continue;
            }
            progress.remove(CURRENT);
            let waiting = list(progress, WAITING);
            if !waiting.is_empty() {
                let name = waiting.remove(0);
                progress.insert(CURRENT.into(), named(name));
            }
            continue;
        }
        let first = list(progress, DONE).is_empty();
        let prompt = if first {
            "Representative's name (empty for none)"
        } else {
            "Another representative (empty when done)"
        };
        let check = move |t: &str| {
            if needed && first && t.trim().is_empty() {
                Err("an active partnership needs at least one representative".to_string())
            } else {
                Ok(())
            }
        };
        let start = progress.get(TYPED).and_then(Value::as_str).map(str::to_string);
        let Some(typed) = p.input(prompt, start.as_deref(), &check)? else {
            if first {
                return Ok(None);
            }
            // Esc after some people: back to the last one's last question
            // (a name typed here stays, to start this prompt on again).
            if let Some(Value::Table(last)) = list(progress, DONE).pop() {
                let mut person = Table::new();
                let asked = STEPS[..STEPS.len() - 1].iter().map(|s| Value::String((*s).into()));
                person.insert("asked".into(), Value::Array(asked.collect()));
                // A question they have no answer to was answered "none".
                let empty = STEPS
                    .iter()
                    .filter(|s| !last.contains_key(**s))
                    .map(|s| Value::String((*s).into()));
                person.insert("empty".into(), Value::Array(empty.collect()));
                person.insert("answers".into(), Value::Table(last));
                progress.insert(CURRENT.into(), Value::Table(person));
            }
            continue;
        };
        if typed.trim().is_empty() {
            progress.remove(TYPED);
            progress.remove(HELD);
            return Ok(Some(std::mem::take(list(progress, DONE))));
        }
        progress.insert(TYPED.into(), Value::String(typed.trim().to_string()));
        let mut names = split(&typed);
        if names.len() > 1 {
            let question = format!(
                "That looks like {} people: {}. Add them as separate representatives?",
                names.len(),
                names.join(", ")
            );
            match p.confirm(&question, true)? {
                None => continue,
                Some(true) => {}
                Some(false) => names = vec![typed.trim().to_string()],
            }
        }
        progress.remove(TYPED);
        let first_name = names.remove(0);
        // The person left with Esc, named again: their answers come back.
        let person = match progress.remove(HELD) {
            Some(Value::Table(held)) if name_of(&held) == Some(first_name.as_str()) => Value::Table(held),
            _ => named(Value::String(first_name)),
        };
        progress.insert(CURRENT.into(), person);
        progress.insert(
            WAITING.into(),
            Value::Array(names.into_iter().map(Value::String).collect()),
        );
    }
}

/// Names typed on one line, split at `/` and `;`.
fn split(typed: &str) -> Vec<String> {
    typed
        .split(['/', ';'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

/// The questions about one person, in the order asked.
const STEPS: [&str; 7] = [
    "level",
    "position",
    "appointed",
    "term_ends",
    "roles",
    "term",
    "appointed_by",
];

/// One person's level, position, dates, the role expected of them, their
/// kind of term and who appointed them, over their steps in `person`:
/// each question asked only if it was not asked before (a resumed draft),
/// Esc back one question. `false` on Esc at their first question.
/// `needed` (an active partnership) asks for at least one role: the policy
/// wants the role clarified at the time of appointment.
fn details(p: &mut dyn Prompter, needed: bool, today: Date, person: &mut Table) -> io::Result<bool> {
    let name = name_of(person).unwrap_or("(no name)").to_string();
    let mut steps = Steps::new(person);
    let plan = |_: &Steps<'_>| STEPS.map(String::from).to_vec();
    let date = |s: &Steps<'_>, step: &str| s.answer(step).and_then(|d| lenient::date(&shown(d)).ok());
    let mut ask = |s: &mut Steps<'_>, step: &str| -> io::Result<Option<Option<Value>>> {
        let token = s.answer(step).and_then(Value::as_str).map(str::to_string);
        // A menu starts on the answer given; on "not recorded" (after the
        // choices) when that was the answer.
        let left_empty = s.left_empty(step);
        let index = |choices: &[(&str, &str)]| match choices.iter().position(|(t, _)| Some(*t) == token.as_deref()) {
            Some(i) => i,
            None if left_empty => choices.len(),
            None => 0,
        };
        let optional_date = |t: &str| {
            if t.trim().is_empty() {
                Ok(())
            } else {
                lenient::date(t).map(|_| ())
            }
        };
        Ok(match step {
            "level" => {
                let choices = levels();
                let labels: Vec<String> = choices.iter().map(|(s, d)| format!("{s:<9}{d}")).collect();
                p.select(&format!("{name}: their level"), &labels, index(&choices))?
                    .map(|level| choices.get(level).map(|(token, _)| Value::String((*token).into())))
            }
            "position" => p
                .input(
                    &format!("{name}: their position on the partnership, e.g. Chair (optional)"),
                    token.as_deref(),
                    &|_| Ok(()),
                )?
                .map(|position| {
                    Some(position.trim().to_string())
                        .filter(|t| !t.is_empty())
                        .map(Value::String)
                }),
            "appointed" => {
                let start = date(s, step).map(|d| d.to_string());
                p.input(
                    &format!("{name}: when were they appointed? (optional, e.g. 2026-05-21 or 21/05/2026)"),
                    start.as_deref(),
                    &optional_date,
                )?
                .map(|appointed| lenient::date(&appointed).ok().map(date_value))
            }
            "term_ends" => {
                let appointed = date(s, "appointed");
                let term_check = |t: &str| {
                    if t.trim().is_empty() {
                        return Ok(());
                    }
                    let end = lenient::date(t)?;
                    if let Some(start) = appointed
                        && end < start
                    {
                        return Err(format!("the term cannot end before the appointment ({start})"));
                    }
                    if end < today {
                        return Err(format!(
                            "{end} has passed, so that term is over: give the end of the current term, or leave it empty"
                        ));
                    }
                    Ok(())
                };
                let start = date(s, step).map(|d| d.to_string());
                p.input(
                    &format!("{name}: when does their term end? (optional)"),
                    start.as_deref(),
                    &term_check,
                )?
                .map(|term_ends| lenient::date(&term_ends).ok().map(date_value))
            }
            "roles" => ask_roles(p, &name, needed, s)?.map(|roles| {
                (!roles.is_empty()).then(|| Value::Array(roles.into_iter().map(|r| Value::String(r.into())).collect()))
            }),
            "term" => {
                let choices = terms();
                pick_or_none(
                    p,
                    &format!("{name}: their kind of appointment"),
                    &choices,
                    index(&choices),
                )?
                .map(|term| term.map(|t| Value::String(t.into())))
            }
            _ => {
                let choices = appointers();
                pick_or_none(p, &format!("{name}: who appointed them?"), &choices, index(&choices))?
                    .map(|by| by.map(|b| Value::String(b.into())))
            }
        })
    };
    steps.walk(true, &plan, &mut ask)
}

/// The roles expected of one person, ticked one at a time from the
/// policy's eight until "Done" ([`super::several`]), starting from those
/// held for the step (a resumed draft, or Esc back) and kept there as they
/// are ticked. `None` on Esc.
fn ask_roles(
    p: &mut dyn Prompter,
    name: &str,
    needed: bool,
    person: &mut Steps<'_>,
) -> io::Result<Option<Vec<&'static str>>> {
    let roles = expected_roles();
    let mut chosen: Vec<usize> = person
        .answer("roles")
        .and_then(Value::as_array)
        .map(|a| {
            (0..roles.len())
                .filter(|i| a.iter().any(|v| v.as_str() == Some(roles[*i].0)))
                .collect()
        })
        .unwrap_or_default();
    let words: Vec<String> = roles.iter().map(|(_, w)| (*w).to_string()).collect();
    let question = format!("{name}: the role expected of them (choose one, then more or Done)");
    let again = |_: &[usize]| format!("{name}: another role, or Done");
    let menu = Several {
        question: &question,
        again: &again,
        items: &words,
        done_empty: if needed { "Done" } else { "Done (no role recorded)" },
        // An active partnership's representative needs a role.
        needed: needed
            .then_some("  (The role expected of them is needed: the policy asks for it to be clear at appointment.)"),
    };
    let mut keep_roles = |c: &[usize]| {
        let kept = c.iter().map(|i| Value::String(roles[*i].0.into())).collect();
        person.keep_unfinished("roles", Value::Array(kept));
    };
    if !tick(p, &menu, &mut chosen, &mut keep_roles)? {
        return Ok(None);
    }
    Ok(Some(chosen.into_iter().map(|i| roles[i].0).collect()))
}

/// One value from a closed list, or "not recorded", starting on
/// `default`. `None` on Esc; `Some(None)` when not recorded.
fn pick_or_none(
    p: &mut dyn Prompter,
    question: &str,
    choices: &[(&'static str, &'static str)],
    default: usize,
) -> io::Result<Option<Option<&'static str>>> {
    // Two spaces at least before the description, so that the echo of the
    // choice is its token alone ("annual-council", not "annual-council
    // Annual Council": `chosen_label` stops at two spaces).
    let width = choices.iter().map(|(s, _)| s.len()).max().unwrap_or(0) + 2;
    let mut labels: Vec<String> = choices.iter().map(|(s, d)| format!("{s:<width$}{d}")).collect();
    labels.push("not recorded".into());
    let Some(i) = p.select(question, &labels, default)? else {
        return Ok(None);
    };
    Ok(Some(choices.get(i).map(|(s, _)| *s)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_typed_together_are_split() {
        assert_eq!(super::split("Sam Jones / Alex Reed"), ["Sam Jones", "Alex Reed"]);
        assert_eq!(super::split("A; B;"), ["A", "B"]);
        assert_eq!(super::split("Cllr Ann Brown"), ["Cllr Ann Brown"]);
    }
}
