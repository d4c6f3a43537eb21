//! The guided questions: screening whether something is a partnership at
//! all, asking for each Appendix A field with its guidance, and walking the
//! Appendix B criteria and the Appendix C questions. Everything goes
//! through a [`Prompter`], so tests drive it with scripted answers; nothing
//! here writes a file.

use toml::{Table, Value};

use crate::model::lenient;
use crate::policy::fields::{Answer, FIELDS, Field};
use crate::terminal::prompt::Prompter;

mod exit;
mod questions;
mod ratings;
pub use exit::ask_exit;
pub use questions::{QUESTIONS, ask_questions};
pub use ratings::{apply_to_draft, ask_ratings};

/// A check on a typed answer: `Err` says why it is refused.
pub type Check<'a> = dyn Fn(&str) -> Result<(), String> + 'a;

/// What the screening questions concluded.
#[derive(Debug, PartialEq, Eq)]
pub enum Screening {
    /// It is a partnership under the policy: carry on.
    Partnership,
    /// It is not; the text says why.
    NotAPartnership(&'static str),
    /// The person stopped.
    Cancelled,
}

/// The policy's three tests of what is *not* a partnership.
const SCREENING: [(&str, &str); 3] = [
    (
        "Is this an officer network, forum or consultation group that meets to share good practice (like Norfolk Finance Officers)?",
        "Officer networks, forums and consultation groups are not partnerships under the Partnership Policy, so they do not go on the register.",
    ),
    (
        "Is this a contract under which the council has delegated or outsourced one of its functions?",
        "Contracts that delegate or outsource a council function are not partnerships under the Partnership Policy; they are managed as contracts.",
    ),
    (
        "Is this an external body that has invited the council to take part?",
        "An external body the council is invited to take part in is not a partnership under the Partnership Policy, so it does not go on the register.",
    ),
];

/// Asks the screening questions.
pub fn screen(p: &mut dyn Prompter) -> std::io::Result<Screening> {
    p.note("First, three questions to check that this is a partnership under the Partnership Policy: two or more independent organisations agreeing to work towards common objectives, usually sharing risk, reward, decisions and resources.")?;
    for (question, answer) in SCREENING {
        match p.confirm(question, false)? {
            None => return Ok(Screening::Cancelled),
            Some(true) => return Ok(Screening::NotAPartnership(answer)),
            Some(false) => {}
        }
    }
    Ok(Screening::Partnership)
}

/// Asks for every field the draft does not have yet. `Ok(false)` when the
/// person cancels.
/// `name_check` refuses a name as it is typed (one already on the register).
pub fn ask_fields(
    p: &mut dyn Prompter,
    draft: &mut Table,
    priorities: Option<&[String]>,
    name_check: &Check<'_>,
) -> std::io::Result<bool> {
    for field in &FIELDS {
        if draft.contains_key(field.key) {
            continue;
        }
        // An active partnership must list objectives and priorities.
        let active = draft.get("status").and_then(Value::as_str) == Some("active");
        let needed = active && matches!(field.key, "objectives" | "priorities");
        let answer = match field.key {
            "priorities" if priorities.is_some_and(|c| !c.is_empty()) => {
                ask_from_list(p, field, priorities.unwrap_or_default(), needed)?
            }
            "name" => ask_field(p, field, needed, Some(name_check))?,
            _ => ask_field(p, field, needed, None)?,
        };
        match answer {
            Asked::Cancelled => return Ok(false),
            Asked::Skipped => {}
            Asked::Value(v) => {
                draft.insert(field.key.to_string(), v);
            }
        }
    }
    if !draft.contains_key("representatives") {
        let active = draft.get("status").and_then(Value::as_str) == Some("active");
        match ask_representatives(p, active)? {
            None => return Ok(false),
            Some(reps) if !reps.is_empty() => {
                draft.insert("representatives".into(), Value::Array(reps));
            }
            Some(_) => {}
        }
    }
    Ok(true)
}

enum Asked {
    Value(Value),
    Skipped,
    Cancelled,
}

/// Asks one field. `needed` makes a list require at least one item.
fn ask_field(
    p: &mut dyn Prompter,
    field: &Field,
    needed: bool,
    extra_check: Option<&Check<'_>>,
) -> std::io::Result<Asked> {
    if !field.help.is_empty() {
        p.note(&format!("  ({})", field.help))?;
    }
    let required = field.required;
    Ok(match field.answer {
        Answer::Choice(list) => {
            let items: Vec<(&str, &str)> = list();
            let shown: Vec<String> = items
                .iter()
                .map(|(s, d)| {
                    if d.is_empty() {
                        (*s).to_string()
                    } else {
                        format!("{s:<12} {d}")
                    }
                })
                .collect();
            match p.select(field.question, &shown, 0)? {
                Some(i) => Asked::Value(Value::String(items[i].0.to_string())),
                None => Asked::Cancelled,
            }
        }
        Answer::YesNo => match p.confirm(field.question, field.key == "budgeted")? {
            Some(b) => Asked::Value(Value::Boolean(b)),
            None => Asked::Cancelled,
        },
        Answer::List => {
            let mut items = Vec::new();
            loop {
                let prompt = if items.is_empty() {
                    field.question.to_string()
                } else {
                    "Another (empty when done)".into()
                };
                let first = items.is_empty();
                let check = move |t: &str| {
                    if needed && first && t.trim().is_empty() {
                        Err("an active partnership needs at least one".to_string())
                    } else {
                        Ok(())
                    }
                };
                match p.input(&prompt, None, &check)? {
                    None => return Ok(Asked::Cancelled),
                    Some(t) if t.trim().is_empty() => break,
                    Some(t) => items.push(Value::String(t.trim().to_string())),
                }
            }
            if items.is_empty() {
                Asked::Skipped
            } else {
                Asked::Value(Value::Array(items))
            }
        }
        kind => {
            let check = move |t: &str| -> Result<(), String> {
                let t = t.trim();
                if t.is_empty() {
                    return if required { Err("this is needed".into()) } else { Ok(()) };
                }
                if let Some(extra) = extra_check {
                    extra(t)?;
                }
                match kind {
                    Answer::Hours => lenient::hours(t).map(|_| ()),
                    Answer::Pounds => lenient::pounds(t).map(|_| ()),
                    Answer::Date => lenient::date(t).map(|_| ()),
                    _ => Ok(()),
                }
            };
            match p.input(field.question, None, &check)? {
                None => Asked::Cancelled,
                Some(t) if t.trim().is_empty() => Asked::Skipped,
                Some(t) => Asked::Value(typed(kind, t.trim())),
            }
        }
    })
}

/// A checked answer as a TOML value.
fn typed(kind: Answer, text: &str) -> Value {
    match kind {
        Answer::Hours => lenient::hours(text).map_or_else(|_| Value::String(text.into()), hours_value),
        Answer::Pounds => lenient::pounds(text)
            .ok()
            .and_then(|n| i64::try_from(n).ok())
            .map_or_else(|| Value::String(text.into()), Value::Integer),
        Answer::Date => lenient::date(text).map_or_else(|_| Value::String(text.into()), date_value),
        _ => Value::String(text.into()),
    }
}

/// Hours as a TOML number: whole hours as an integer (`6`), else `2.5`.
pub fn hours_value(h: f64) -> Value {
    if h.fract() == 0.0 && h < 1e15 {
        Value::Integer(h as i64)
    } else {
        Value::Float(h)
    }
}

/// A date as a TOML local date.
pub fn date_value(d: crate::model::Date) -> Value {
    let date = toml::value::Date {
        year: d.year4(),
        month: d.month(),
        day: d.day(),
    };
    Value::Datetime(toml::value::Datetime {
        date: Some(date),
        time: None,
        offset: None,
    })
}

fn ask_from_list(p: &mut dyn Prompter, field: &Field, codes: &[String], needed: bool) -> std::io::Result<Asked> {
    let mut chosen: Vec<String> = Vec::new();
    p.note("  (Choose each priority in turn; choose Done when finished.)")?;
    loop {
        let mut items: Vec<String> = codes.iter().filter(|c| !chosen.contains(c)).cloned().collect();
        if items.is_empty() {
            break;
        }
        items.push("Done".into());
        let prompt = if chosen.is_empty() {
            field.question.to_string()
        } else {
            format!("Another priority (chosen: {})", chosen.join(", "))
        };
        match p.select(&prompt, &items, 0)? {
            None => return Ok(Asked::Cancelled),
            Some(i) if i + 1 == items.len() && needed && chosen.is_empty() => {
                p.note("  (An active partnership needs at least one priority.)")?;
            }
            Some(i) if i + 1 == items.len() => break,
            Some(i) => chosen.push(items[i].clone()),
        }
    }
    Ok(if chosen.is_empty() {
        Asked::Skipped
    } else {
        Asked::Value(Value::Array(chosen.into_iter().map(Value::String).collect()))
    })
}

fn ask_representatives(p: &mut dyn Prompter, needed: bool) -> std::io::Result<Option<Vec<Value>>> {
    p.note("  (Who represents the council? Members and officers; an active partnership needs at least one.)")?;
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
        let Some(name) = p.input(prompt, None, &check)? else {
            return Ok(None);
        };
        if name.trim().is_empty() {
            return Ok(Some(reps));
        }
        let levels: Vec<String> = [
            "member  (a councillor)",
            "cmt     (Corporate Management Team)",
            "smt     (Senior Management Team)",
            "officer",
        ]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
        let Some(level) = p.select("Their level", &levels, 0)? else {
            return Ok(None);
        };
        let Some(position) = p.input(
            "Their position on the partnership, e.g. Chair (optional)",
            None,
            &|_| Ok(()),
        )?
        else {
            return Ok(None);
        };
        let mut t = Table::new();
        t.insert("name".into(), Value::String(name.trim().into()));
        let level = ["member", "cmt", "smt", "officer"][level.min(3)];
        t.insert("level".into(), Value::String(level.into()));
        if !position.trim().is_empty() {
            t.insert("position".into(), Value::String(position.trim().into()));
        }
        reps.push(Value::Table(t));
    }
}
