//! The Appendix C questions for assessing new and existing partnerships,
//! by section, so that they can be skipped as a whole or answered in part.

use super::several::{Several, tick};
use super::steps::Steps;
use crate::terminal::prompt::Prompter;
use toml::{Table, Value};

/// The Appendix C questions: skipped as a whole, answered all, or
/// answered for the sections chosen; an empty answer skips one question.
/// `current` holds the answers given before, offered as defaults. Each
/// choice and answer is kept in `progress` as it is given ([`Steps`]): a
/// resumed group carries on at the next question, and Esc goes back one
/// question with every answer kept. `None` on Esc at the first question
/// (back one question of the form).
pub fn ask_appendix_c(p: &mut dyn Prompter, current: &Table, progress: &mut Table) -> std::io::Result<Option<Table>> {
    let mut steps = Steps::new(progress);
    steps.note_kept(p, "Appendix C")?;
    let sections = sections();
    let how = |s: &Steps<'_>| s.answer(HOW).and_then(Value::as_integer).unwrap_or(0);
    let chosen = |s: &Steps<'_>| -> Vec<&str> {
        match how(s) {
            1 => sections.clone(),
            _ => {
                let kept = s
                    .answer(SECTIONS)
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                sections
                    .iter()
                    .copied()
                    .filter(|s| kept.iter().any(|k| k.as_str() == Some(*s)))
                    .collect()
            }
        }
    };
    let plan = |s: &Steps<'_>| {
        let mut plan = vec![HOW.to_string()];
        if how(s) == 0 {
            return plan;
        }
        if how(s) == 2 {
            plan.push(SECTIONS.into());
        }
        let chosen = chosen(s);
        plan.extend(
            QUESTIONS
                .iter()
                .filter(|(_, q)| chosen.contains(&section(q)))
                .map(|(key, _)| (*key).to_string()),
        );
        plan
    };
    let mut first_question = true;
    let mut ask = |s: &mut Steps<'_>, step: &str| -> std::io::Result<Option<Option<Value>>> {
        if step == HOW {
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
            let start = usize::try_from(how(s)).unwrap_or(0);
            let how = p.select(
                "The Appendix C questions for assessing new and existing partnerships",
                &items,
                start,
            )?;
            first_question = true;
            return Ok(how.map(|h| Some(Value::Integer(i64::try_from(h).unwrap_or(1)))));
        }
        if step == SECTIONS {
            first_question = true;
            return ask_sections(p, &sections, s);
        }
        if first_question {
            p.note("\nAppendix C questions (press Enter to skip any)")?;
            first_question = false;
        }
        let question = QUESTIONS.iter().find(|(k, _)| *k == step).map_or(step, |(_, q)| *q);
        // Left empty before: it starts empty, not on the earlier answer.
        let earlier = if s.left_empty(step) { None } else { current.get(step) };
        let default = s.answer(step).or(earlier).and_then(Value::as_str).map(str::to_string);
        let Some(answer) = p.input(question, default.as_deref(), &|_| Ok(()))? else {
            return Ok(None);
        };
        Ok(Some(
            Some(answer.trim().to_string())
                .filter(|a| !a.is_empty())
                .map(Value::String),
        ))
    };
    if !steps.walk(true, &plan, &mut ask)? {
        return Ok(None);
    }
    let mut answers = current.clone();
    for step in plan(&steps).iter().skip_while(|s| *s == HOW || *s == SECTIONS) {
        match steps.answer(step) {
            Some(a) => answers.insert(step.clone(), a.clone()),
            None => answers.remove(step),
        };
    }
    Ok(Some(answers))
}

/// The step of how much of Appendix C is answered (0 skip, 1 all, 2 by section).
const HOW: &str = "how";
/// The step of the sections chosen.
const SECTIONS: &str = "sections";

/// The sections to answer, ticked one at a time; the ticks are kept as
/// they are given. `None` on Esc.
fn ask_sections(
    p: &mut dyn Prompter,
    sections: &[&str],
    steps: &mut Steps<'_>,
) -> std::io::Result<Option<Option<Value>>> {
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
    let names = |ticked: &[usize]| Value::Array(ticked.iter().map(|i| Value::String(sections[*i].into())).collect());
    let before = steps
        .answer(SECTIONS)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut ticked: Vec<usize> = (0..sections.len())
        .filter(|i| before.iter().any(|k| k.as_str() == Some(sections[*i])))
        .collect();
    if !tick(p, &menu, &mut ticked, &mut |t| {
        steps.keep_unfinished(SECTIONS, names(t));
    })? {
        return Ok(None);
    }
    Ok(Some(Some(names(&ticked))))
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
