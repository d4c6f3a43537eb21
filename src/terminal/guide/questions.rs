//! The Appendix C questions for assessing new and existing partnerships,
//! by section, so that they can be skipped as a whole or answered in part.

use super::several::{Several, tick};
use crate::terminal::prompt::Prompter;
use toml::{Table, Value};

/// The Appendix C questions: skipped as a whole, answered all, or
/// answered for the sections chosen; an empty answer skips one question.
/// `current` holds the answers given before, offered as defaults. `None`
/// on Esc (back one question).
pub fn ask_appendix_c(p: &mut dyn Prompter, current: &Table) -> std::io::Result<Option<Table>> {
    let sections = sections();
    let skip = if current.is_empty() {
        "Skip Appendix C for now".to_string()
    } else {
        format!("Keep the {} answers given", current.len())
    };
    let items = [
        skip,
        format!("Answer all {} questions (Enter skips one)", QUESTIONS.len()),
        format!("Answer some: choose from the sections ({})", sections.join(", ")),
    ];
    let Some(how) = p.select(
        "The Appendix C questions for assessing new and existing partnerships",
        &items,
        0,
    )?
    else {
        return Ok(None);
    };
    let chosen: Vec<&str> = match how {
        0 => return Ok(Some(current.clone())),
        1 => sections.clone(),
        _ => {
            let items: Vec<String> = sections
                .iter()
                .map(|s| {
                    let n = QUESTIONS.iter().filter(|(_, q)| section(q) == *s).count();
                    format!("{s} ({n} questions)")
                })
                .collect();
            let again = |_: &[usize]| "Another section, or Done".to_string();
            let menu = Several {
                question: "Which sections? (choose each, then Done)",
                again: &again,
                items: &items,
                done_empty: "Done",
                needed: None,
            };
            let mut ticked = Vec::new();
            if !tick(p, &menu, &mut ticked, &mut |_| {})? {
                return Ok(None);
            }
            let chosen: Vec<&str> = ticked.iter().map(|i| sections[*i]).collect();
            chosen
        }
    };
    let mut answers = current.clone();
    p.note("\nAppendix C questions (press Enter to skip any)")?;
    for (key, question) in QUESTIONS.iter().filter(|(_, q)| chosen.contains(&section(q))) {
        let default = answers.get(*key).and_then(Value::as_str).map(str::to_string);
        let Some(answer) = p.input(question, default.as_deref(), &|_| Ok(()))? else {
            return Ok(None);
        };
        if answer.trim().is_empty() {
            answers.remove(*key);
        } else {
            answers.insert((*key).to_string(), Value::String(answer.trim().to_string()));
        }
    }
    Ok(Some(answers))
}

/// The section of a question: the words before its colon.
fn section(question: &str) -> &str {
    question.split(':').next().unwrap_or(question)
}

/// The sections of Appendix C, in its order.
fn sections() -> Vec<&'static str> {
    let mut all: Vec<&str> = Vec::new();
    for (_, q) in QUESTIONS {
        if !all.contains(&section(q)) {
            all.push(section(q));
        }
    }
    all
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
