//! The Appendix C questions for assessing new and existing partnerships.

use crate::terminal::prompt::Prompter;
use toml::{Table, Value};

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
