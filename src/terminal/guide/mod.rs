//! The guided questions: screening whether something is a partnership at
//! all, then the form ([`form`]) that asks every field of
//! [`crate::policy::fields::FIELDS`] with its guidance (`ask`), lets the
//! person go back with Esc, and ends on a preview where any answer can be
//! changed. Everything goes through a [`Prompter`], so tests drive it with
//! scripted answers; nothing here writes a file.

use toml::{Table, Value};

use crate::model::{Date, Entry, lenient};
use crate::policy::rubric::Rubric;
use crate::terminal::prompt::Prompter;

mod ask;
mod exit;
pub mod form;
mod questions;
mod ratings;
mod representatives;
mod several;
mod steps;
pub use exit::ask_exit;
pub use form::{Finish, Form};
pub use questions::QUESTIONS;
pub use ratings::{apply_to_draft, ask_ratings};

/// A check on a typed answer: `Err` says why it is refused.
pub type Check<'a> = dyn Fn(&str) -> Result<(), String> + 'a;

/// What the guided `add` needs from the register around it.
pub struct Context<'a> {
    /// The `[priorities]` of the settings: code and title.
    pub priorities: Vec<(String, String)>,
    /// Refuses a name already on the register, as it is typed.
    pub name_check: &'a Check<'a>,
    pub rubric: &'a Rubric,
    /// The `--as-of` date: dates of things done may not be after it.
    pub today: Date,
    /// The entry the answers make, once they make one (for the ratings).
    pub entry: &'a dyn Fn(&Table) -> Option<Entry>,
    /// The file the answers make, and what stops it being written.
    pub preview: &'a dyn Fn(&Table) -> Preview,
}

/// The file the answers would write.
#[derive(Debug)]
pub struct Preview {
    /// Where, as shown to the person.
    pub shown: String,
    pub text: String,
    /// What `check --strict` would refuse in it, in words; empty when it
    /// can be written.
    pub problems: Vec<String>,
    /// What `check` would warn about (`check --strict` fails on these).
    pub notes: Vec<String>,
}

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

/// Asks the screening questions. Esc goes back to the one before; Esc at
/// the first stops.
pub fn screen(p: &mut dyn Prompter) -> std::io::Result<Screening> {
    p.note("First, three questions to check that this is a partnership under the Partnership Policy: two or more independent organisations agreeing to work towards common objectives, usually sharing risk, reward, decisions and resources. (Esc goes back one question; Ctrl-C stops and keeps your answers as a draft.)")?;
    let mut i = 0;
    while i < SCREENING.len() {
        let (question, answer) = SCREENING[i];
        match p.confirm(question, false)? {
            None if i == 0 => return Ok(Screening::Cancelled),
            None => i -= 1,
            Some(true) => return Ok(Screening::NotAPartnership(answer)),
            Some(false) => i += 1,
        }
    }
    Ok(Screening::Partnership)
}

/// A checked answer as a TOML value.
fn typed(kind: crate::policy::fields::Answer, text: &str) -> Value {
    use crate::policy::fields::Answer;
    match kind {
        Answer::Hours => lenient::hours(text).map_or_else(|_| Value::String(text.into()), hours_value),
        Answer::Pounds => lenient::pounds(text)
            .ok()
            .and_then(|n| i64::try_from(n).ok())
            .map_or_else(|| Value::String(text.into()), Value::Integer),
        Answer::Date => lenient::date(text).map_or_else(|_| Value::String(text.into()), date_value),
        Answer::Places => crate::policy::fields::places(text)
            .map_or_else(|_| Value::String(text.into()), |n| Value::Integer(n.into())),
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

/// An answer as the person would type it again: text unquoted, lists
/// joined, dates as written in files.
pub fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Boolean(true) => "yes".into(),
        Value::Boolean(false) => "no".into(),
        Value::Array(items) => items.iter().map(shown).collect::<Vec<_>>().join("; "),
        Value::Table(t) => match t.get("name") {
            Some(name) => {
                let level = t.get("level").map(shown).unwrap_or_default();
                format!("{} ({level})", shown(name))
            }
            None => format!("{} answered", t.len()),
        },
        other => other.to_string(),
    }
}
