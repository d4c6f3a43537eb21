//! The council's representatives on a partnership: for each, the level,
//! position, appointment and the end of the term. Several names typed on
//! one line ("Sam Jones / Alex Reed") are split, once confirmed.

use std::io;

use toml::{Table, Value};

use super::date_value;
use crate::model::{Date, lenient};
use crate::policy::fields::{appointers, expected_roles, levels, terms};
use crate::terminal::prompt::Prompter;

/// Asks for representatives until an empty name. `None` on Esc at the
/// first name (back one question); Esc later starts that person again.
pub fn ask(p: &mut dyn Prompter, needed: bool, today: Date) -> io::Result<Option<Vec<Value>>> {
    let mut reps = Vec::new();
    loop {
        let prompt = if reps.is_empty() {
            "Representative's name (empty for none)"
        } else {
            "Another representative (empty when done)"
        };
        let first = reps.is_empty();
        let check = move |t: &str| {
            if needed && first && t.trim().is_empty() {
                Err("an active partnership needs at least one representative".to_string())
            } else {
                Ok(())
            }
        };
        let Some(typed) = p.input(prompt, None, &check)? else {
            if reps.is_empty() {
                return Ok(None);
            }
            // Esc after some people: take the last one off and ask again.
            reps.pop();
            continue;
        };
        if typed.trim().is_empty() {
            return Ok(Some(reps));
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
        for name in names {
            match details(p, &name, needed, today)? {
                Some(rep) => reps.push(Value::Table(rep)),
                None => break,
            }
        }
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

/// One person's level, position, dates, the role expected of them, their
/// kind of term and who appointed them. `None` on Esc. `needed` (an active
/// partnership) asks for at least one role: the policy wants the role
/// clarified at the time of appointment.
fn details(p: &mut dyn Prompter, name: &str, needed: bool, today: Date) -> io::Result<Option<Table>> {
    let choices = levels();
    let labels: Vec<String> = choices.iter().map(|(s, d)| format!("{s:<9}{d}")).collect();
    let Some(level) = p.select(&format!("{name}: their level"), &labels, 0)? else {
        return Ok(None);
    };
    let Some(position) = p.input(
        &format!("{name}: their position on the partnership, e.g. Chair (optional)"),
        None,
        &|_| Ok(()),
    )?
    else {
        return Ok(None);
    };
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
    let appointed = lenient::date(&appointed).ok();
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
    let Some(roles) = ask_roles(p, name, needed)? else {
        return Ok(None);
    };
    let Some(term) = pick_or_none(p, &format!("{name}: their kind of appointment"), &terms())? else {
        return Ok(None);
    };
    let Some(appointed_by) = pick_or_none(p, &format!("{name}: who appointed them?"), &appointers())? else {
        return Ok(None);
    };
    let mut t = Table::new();
    t.insert("name".into(), Value::String(name.into()));
    t.insert(
        "level".into(),
        Value::String(choices[level.min(choices.len() - 1)].0.into()),
    );
    if !position.trim().is_empty() {
        t.insert("position".into(), Value::String(position.trim().into()));
    }
    if let Some(d) = appointed {
        t.insert("appointed".into(), date_value(d));
    }
    if let Ok(d) = lenient::date(&term_ends) {
        t.insert("term_ends".into(), date_value(d));
    }
    if !roles.is_empty() {
        t.insert(
            "roles".into(),
            Value::Array(roles.into_iter().map(|r| Value::String(r.into())).collect()),
        );
    }
    if let Some(term) = term {
        t.insert("term".into(), Value::String(term.into()));
    }
    if let Some(by) = appointed_by {
        t.insert("appointed_by".into(), Value::String(by.into()));
    }
    Ok(Some(t))
}

/// The roles expected of one person, chosen one at a time from the
/// policy's eight until "Done". `None` on Esc.
fn ask_roles(p: &mut dyn Prompter, name: &str, needed: bool) -> io::Result<Option<Vec<&'static str>>> {
    let roles = expected_roles();
    let mut chosen: Vec<&'static str> = Vec::new();
    loop {
        let mut labels: Vec<String> = roles
            .iter()
            .map(|(token, words)| {
                let mark = if chosen.contains(token) { "✓" } else { " " };
                format!("{mark} {words}")
            })
            .collect();
        let done = if chosen.is_empty() && !needed {
            "Done (no role recorded)"
        } else {
            "Done"
        };
        labels.push(done.to_string());
        let question = if chosen.is_empty() {
            format!("{name}: the role expected of them (choose one, then more or Done)")
        } else {
            format!("{name}: another role, or Done")
        };
        let Some(i) = p.select(&question, &labels, if chosen.is_empty() { 0 } else { labels.len() - 1 })? else {
            return Ok(None);
        };
        match roles.get(i) {
            Some((token, _)) => {
                if let Some(at) = chosen.iter().position(|c| c == token) {
                    chosen.remove(at); // chosen again: taken off
                } else {
                    chosen.push(token);
                }
            }
            // An active partnership's representative needs a role.
            None if chosen.is_empty() && needed => {}
            None => {
                // In the policy's order, whatever order they were picked in.
                chosen.sort_by_key(|c| roles.iter().position(|(t, _)| t == c));
                return Ok(Some(chosen));
            }
        }
    }
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
