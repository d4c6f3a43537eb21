//! The council's representatives on a partnership: for each, the level,
//! position, appointment and the end of the term. Several names typed on
//! one line ("Sam Jones / Alex Reed") are split, once confirmed.
//!
//! Every answer goes into a [`Table`] of the group's progress as it is
//! given (the people finished, the names still to ask about, and the one
//! being asked about with the questions asked so far), so that Ctrl-C in
//! the middle of a person keeps what was said, and `add --resume` carries
//! on from that person's next question.

use std::io;

use toml::{Table, Value};

use super::several::{Several, tick};
use super::{date_value, shown};
use crate::model::{Date, lenient};
use crate::policy::fields::{appointers, expected_roles, levels, terms};
use crate::terminal::prompt::Prompter;

/// The people finished, in `progress`.
const DONE: &str = "done";
/// Names typed together, still to be asked about.
const WAITING: &str = "waiting";
/// The person being asked about: their answers so far.
const CURRENT: &str = "current";
/// The questions asked about the current person (an optional one left
/// empty leaves no answer, but is not asked again).
const ASKED: &str = "asked";

/// The answers in a half-finished group, for saying how many are kept.
pub fn answers_in(progress: &Table) -> usize {
    let people = progress
        .get(DONE)
        .and_then(Value::as_array)
        .map_or(0, |d| d.iter().filter_map(Value::as_table).map(Table::len).sum());
    let current =
        progress.get(ASKED).and_then(Value::as_array).map_or(0, Vec::len) + usize::from(progress.contains_key(CURRENT));
    people + current
}

fn list<'a>(progress: &'a mut Table, key: &str) -> &'a mut Vec<Value> {
    super::steps::array(progress, key)
}

/// Asks for representatives until an empty name, carrying on from
/// `progress`. `None` on Esc at the first name (back one question); Esc
/// later starts that person again.
pub fn ask(p: &mut dyn Prompter, needed: bool, today: Date, progress: &mut Table) -> io::Result<Option<Vec<Value>>> {
    loop {
        if let Some(Value::Table(_)) = progress.get(CURRENT) {
            match details(p, needed, today, progress)? {
                Some(rep) => {
                    list(progress, DONE).push(Value::Table(rep));
                }
                // Esc: that person (and any typed with them) is asked again.
                None => {
                    progress.remove(WAITING);
                }
            }
            progress.remove(CURRENT);
            progress.remove(ASKED);
            let waiting = list(progress, WAITING);
            if !waiting.is_empty() {
                let name = waiting.remove(0);
                let mut current = Table::new();
                current.insert("name".into(), name);
                progress.insert(CURRENT.into(), Value::Table(current));
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
        let Some(typed) = p.input(prompt, None, &check)? else {
            if first {
                return Ok(None);
            }
            // Esc after some people: take the last one off and ask again.
            list(progress, DONE).pop();
            continue;
        };
        if typed.trim().is_empty() {
            return Ok(Some(std::mem::take(list(progress, DONE))));
        }
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
        let mut current = Table::new();
        current.insert("name".into(), Value::String(names.remove(0)));
        progress.insert(CURRENT.into(), Value::Table(current));
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

/// The current person's answers so far.
fn current(progress: &mut Table) -> &mut Table {
    super::steps::table(progress, CURRENT)
}

/// One person's level, position, dates, the role expected of them, their
/// kind of term and who appointed them, each question asked only if it was
/// not asked before (a resumed draft). `None` on Esc. `needed` (an active
/// partnership) asks for at least one role: the policy wants the role
/// clarified at the time of appointment.
fn details(p: &mut dyn Prompter, needed: bool, today: Date, progress: &mut Table) -> io::Result<Option<Table>> {
    let name = current(progress)
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("(no name)")
        .to_string();
    for step in STEPS {
        if list(progress, ASKED).iter().any(|a| a.as_str() == Some(step)) {
            continue;
        }
        let answer = match step {
            "level" => {
                let choices = levels();
                let labels: Vec<String> = choices.iter().map(|(s, d)| format!("{s:<9}{d}")).collect();
                let Some(level) = p.select(&format!("{name}: their level"), &labels, 0)? else {
                    return Ok(None);
                };
                choices.get(level).map(|(token, _)| Value::String((*token).into()))
            }
            "position" => {
                let Some(position) = p.input(
                    &format!("{name}: their position on the partnership, e.g. Chair (optional)"),
                    None,
                    &|_| Ok(()),
                )?
                else {
                    return Ok(None);
                };
                Some(position.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .map(Value::String)
            }
            "appointed" => {
                let date_check = |t: &str| {
                    if t.trim().is_empty() {
                        Ok(())
                    } else {
                        lenient::date(t).map(|_| ())
                    }
                };
                let Some(appointed) = p.input(
                    &format!("{name}: when were they appointed? (optional, e.g. 2026-05-21 or 21/05/2026)"),
                    None,
                    &date_check,
                )?
                else {
                    return Ok(None);
                };
                lenient::date(&appointed).ok().map(date_value)
            }
            "term_ends" => {
                let appointed = current(progress)
                    .get("appointed")
                    .and_then(|d| lenient::date(&shown(d)).ok());
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
                let Some(term_ends) = p.input(
                    &format!("{name}: when does their term end? (optional)"),
                    None,
                    &term_check,
                )?
                else {
                    return Ok(None);
                };
                lenient::date(&term_ends).ok().map(date_value)
            }
            "roles" => {
                let Some(roles) = ask_roles(p, &name, needed, current(progress))? else {
                    return Ok(None);
                };
                (!roles.is_empty()).then(|| Value::Array(roles.into_iter().map(|r| Value::String(r.into())).collect()))
            }
            "term" => {
                let Some(term) = pick_or_none(p, &format!("{name}: their kind of appointment"), &terms())? else {
                    return Ok(None);
                };
                term.map(|t| Value::String(t.into()))
            }
            _ => {
                let Some(by) = pick_or_none(p, &format!("{name}: who appointed them?"), &appointers())? else {
                    return Ok(None);
                };
                by.map(|b| Value::String(b.into()))
            }
        };
        match answer {
            Some(value) => current(progress).insert(step.into(), value),
            None => current(progress).remove(step),
        };
        list(progress, ASKED).push(Value::String(step.into()));
    }
    Ok(Some(current(progress).clone()))
}

/// The roles expected of one person, ticked one at a time from the
/// policy's eight until "Done" ([`super::several`]), starting from those
/// in `person` (a resumed draft) and kept there as they are ticked. `None`
/// on Esc.
fn ask_roles(
    p: &mut dyn Prompter,
    name: &str,
    needed: bool,
    person: &mut Table,
) -> io::Result<Option<Vec<&'static str>>> {
    let roles = expected_roles();
    let mut chosen: Vec<usize> = person
        .get("roles")
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
        person.insert("roles".into(), Value::Array(kept));
    };
    if !tick(p, &menu, &mut chosen, &mut keep_roles)? {
        return Ok(None);
    }
    Ok(Some(chosen.into_iter().map(|i| roles[i].0).collect()))
}

/// One value from a closed list, or "not recorded". `None` on Esc;
/// `Some(None)` when not recorded.
fn pick_or_none(
    p: &mut dyn Prompter,
    question: &str,
    choices: &[(&'static str, &'static str)],
) -> io::Result<Option<Option<&'static str>>> {
    let mut labels: Vec<String> = choices.iter().map(|(s, d)| format!("{s:<15}{d}")).collect();
    labels.push("not recorded".into());
    let Some(i) = p.select(question, &labels, 0)? else {
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
