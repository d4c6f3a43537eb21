//! The guided questions: screening whether something is a partnership at
//! all, asking for each Appendix A field with its guidance, and walking the
//! Appendix B criteria and the Appendix C questions. Everything goes
//! through a [`Prompter`], so tests drive it with scripted answers; nothing
//! here writes a file.

use toml::{Table, Value};

use crate::model::lenient;
use crate::model::{Entry, Level};
use crate::policy::assessment::{self, Side};
use crate::policy::fields::{Answer, FIELDS, Field};
use crate::policy::rubric::{Basis, Rubric};
use crate::store::edit::{NewValue, RatingEdit};
use crate::terminal::prompt::Prompter;

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
        year: u16::try_from(d.year()).unwrap_or(0),
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

/// Asks for the exit strategy of a partnership that is being or has been
/// left. `None` when the person cancels; the flag is set when a
/// significant partnership must be recorded as exiting, not exited, until
/// the Executive has reviewed its exit strategy.
pub fn ask_exit(p: &mut dyn Prompter, exited: bool) -> std::io::Result<Option<(Table, bool)>> {
    use crate::model::{Choice, ExitReason};
    p.note("\nExit strategy: the risks of leaving and the controls that limit them.")?;
    let mut exit = Table::new();
    let mut reasons: Vec<Value> = Vec::new();
    loop {
        let mut items: Vec<String> = ExitReason::ALL
            .iter()
            .map(|r| r.as_str().to_string())
            .filter(|r| !reasons.iter().any(|x| x.as_str() == Some(r)))
            .collect();
        items.push("Done".into());
        let Some(i) = p.select("Why is the council leaving? (choose each reason, then Done)", &items, 0)? else {
            return Ok(None);
        };
        if i + 1 == items.len() {
            break;
        }
        reasons.push(Value::String(items[i].clone()));
    }
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

/// Walks each Appendix B criterion (showing the policy's three level
/// texts), then the overall ratings, asking for a rationale where the
/// overall differs from the computed one. Returns the changes, or `None`
/// when the person cancels.
/// `overall_required` (an active partnership) takes away the choice to
/// leave an overall rating unrecorded.
pub fn ask_ratings(
    p: &mut dyn Prompter,
    entry: &Entry,
    rubric: &Rubric,
    overall_required: bool,
) -> std::io::Result<Option<Vec<RatingEdit>>> {
    const LEVELS: [Level; 3] = [Level::High, Level::Medium, Level::Low];
    let mut edits = Vec::new();
    let mut draft = entry.clone();
    for side in [Side::Risk, Side::Value] {
        let criteria = if side == Side::Risk {
            &rubric.risk
        } else {
            &rubric.value
        };
        p.note(&format!(
            "\n{} criteria (Appendix B)",
            if side == Side::Risk { "Risk" } else { "Value" }
        ))?;
        if side == Side::Risk {
            p.note("  (The council's resource contribution is worked out from the yearly contribution.)")?;
        }
        for c in criteria.iter().filter(|c| c.basis != Basis::Pounds) {
            let current = match side {
                Side::Risk => entry.risk.level(&c.key),
                Side::Value => entry.value.level(&c.key),
            };
            let mut items: Vec<String> = LEVELS
                .iter()
                .map(|l| format!("{:<6}  {}", l.title(), c.text(*l)))
                .collect();
            items.push(match (current, c.basis) {
                (Some(l), _) => format!("Keep {}", l.title()),
                (None, Basis::RecordedOrHours) => "Not rated (work it out from the staff hours)".into(),
                (None, _) => "Not rated".into(),
            });
            let Some(choice) = p.select(&c.title, &items, 3)? else {
                return Ok(None);
            };
            if let Some(level) = LEVELS.get(choice).copied().filter(|l| Some(*l) != current) {
                edits.push(RatingEdit {
                    side,
                    key: c.key.clone(),
                    value: NewValue::Level(level),
                });
                let slot = match side {
                    Side::Risk => draft.risk.slot(&c.key),
                    Side::Value => draft.value.slot(&c.key),
                };
                if let Some(slot) = slot {
                    *slot = Some(level);
                }
            }
        }
    }
    let a = assessment::assess(&draft, rubric);
    for side in [&a.risk, &a.value] {
        let name = side.side.as_str();
        let mut items: Vec<String> = LEVELS.iter().map(|l| l.title().to_string()).collect();
        match side.recorded {
            Some(l) => items.push(format!("Keep {}", l.title())),
            None if !overall_required => items.push("Leave unrecorded".into()),
            None => {}
        }
        let default = side
            .computed
            .level()
            .map_or(items.len().min(4) - 1, |l| 2 - crate::policy::rubric::level_index(l));
        let prompt = match side.computed.level() {
            Some(l) => format!("Overall {name} rating (the criteria give {})", l.title()),
            None => format!("Overall {name} rating (too few criteria are rated to compute one)"),
        };
        let Some(choice) = p.select(&prompt, &items, default)? else {
            return Ok(None);
        };
        let Some(level) = LEVELS.get(choice).copied() else {
            continue;
        };
        if Some(level) != side.recorded {
            edits.push(RatingEdit {
                side: side.side,
                key: "overall".into(),
                value: NewValue::Level(level),
            });
        }
        if side.computed.level().is_some_and(|c| c != level) {
            let check = |t: &str| {
                if t.trim().is_empty() {
                    Err("a rationale is needed when the overall rating differs".to_string())
                } else {
                    Ok(())
                }
            };
            let question = format!("Why is the overall {name} rating {}?", level.title());
            let Some(text) = p.input(&question, None, &check)? else {
                return Ok(None);
            };
            edits.push(RatingEdit {
                side: side.side,
                key: "rationale".into(),
                value: NewValue::Text(text.trim().to_string()),
            });
        }
    }
    Ok(Some(edits))
}

/// Applies rating edits to a draft table (for a file not written yet).
pub fn apply_to_draft(draft: &mut Table, edits: &[RatingEdit]) {
    for e in edits {
        let side = draft
            .entry(e.side.as_str())
            .or_insert_with(|| Value::Table(Table::new()));
        if let Value::Table(t) = side {
            let v = match &e.value {
                NewValue::Level(l) => Value::String(l.as_str_lower().into()),
                NewValue::Text(s) => Value::String(s.clone()),
            };
            t.insert(e.key.clone(), v);
        }
    }
}

/// Asks the Appendix C questions; an empty answer skips one. `None` when
/// the person cancels.
pub fn ask_questions(p: &mut dyn Prompter) -> std::io::Result<Option<Table>> {
    let mut answers = Table::new();
    p.note("\nAppendix C questions (press Enter to skip any)")?;
    for (key, question) in QUESTIONS {
        let Some(answer) = p.input(question, None, &|_| Ok(()))? else {
            return Ok(None);
        };
        if !answer.trim().is_empty() {
            answers.insert(key.to_string(), Value::String(answer.trim().to_string()));
        }
    }
    Ok(Some(answers))
}

/// The Appendix C questions, by their keys in the format.
pub const QUESTIONS: [(&str, &str); 24] = [
    (
        "structure",
        "Governance: what is the structure of the partnership or committee?",
    ),
    ("decision_makers", "Governance: who has decision-making power?"),
    (
        "representation",
        "Governance: who represents the council at each level?",
    ),
    ("member_powers", "Governance: what power does each person have?"),
    ("other_authorities", "Governance: which other authorities are involved?"),
    ("feedback", "Governance: how does information feed back to the council?"),
    ("officers", "Officer resources: which council officers are involved?"),
    (
        "hours_per_week",
        "Officer resources: how much time does it take, in hours a week?",
    ),
    (
        "officer_roles",
        "Officer resources: what is their role within the partnership?",
    ),
    (
        "contribution",
        "Finance: does the council make a financial contribution?",
    ),
    ("contribution_budget", "Finance: which budget is it from?"),
    ("payment", "Finance: is it a one-off or an annual payment?"),
    ("other_contributors", "Finance: who else contributes?"),
    (
        "funding_received",
        "Finance: does the council receive funding through the partnership?",
    ),
    ("spending", "Finance: what is the money spent on?"),
    ("effective", "Effectiveness: is the partnership effective, and why?"),
    ("improvements", "Effectiveness: how could it be made more effective?"),
    ("aims", "Effectiveness: what is the partnership trying to achieve?"),
    ("achieving", "Effectiveness: is it achieving it?"),
    ("council_help", "Effectiveness: can the council help to make it better?"),
    ("importance", "Importance: is the partnership important to us, and why?"),
    (
        "priority_link",
        "Importance: how is it linked to the corporate priorities?",
    ),
    ("employs_staff", "Importance: does the partnership employ anyone?"),
    (
        "political_agendas",
        "Importance: are there emerging strategic or political agendas it can help with?",
    ),
];
