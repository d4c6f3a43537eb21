//! Esc inside the guided `add`'s groups of questions, with scripted
//! answers: back one question with every answer kept and offered again
//! (the exit strategy come back to, the ratings, a list, the
//! representatives). The same through a real terminal: [`super::add_back`].

use partreg::terminal::prompt::Answer;

use crate::add_guided::{SAVE, exiting_answers, guided, proposed_answers, text};
use crate::support::Project;

fn entry(project: &Project, file: &str) -> toml::Table {
    let text = std::fs::read_to_string(project.path(file)).unwrap();
    toml::from_str(&text).unwrap()
}

#[test]
fn esc_back_into_a_finished_exit_strategy_offers_its_answers() {
    let project = Project::new();
    let (mut answers, tail) = exiting_answers();
    answers.extend([
        Answer::Choose(2), // reason: priorities-changed
        Answer::Choose(6), // Done
        text("Loss of influence."),
        text("Keep officer contact."),
        Answer::Choose(2), // not yet approved
        text(""),
        Answer::No, // not significant
        // "Rate it now?": Esc, back into the exit strategy. Every question
        // starts on its answer: Done, then Enter throughout.
        Answer::Cancel,
        Answer::Choose(6),
        Answer::Enter,
        Answer::Enter,
        Answer::Enter,
        Answer::Enter,
        Answer::Enter,
    ]);
    answers.extend(tail);
    answers.push(SAVE);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(prompter.finished(), "{:#?}", prompter.transcript);
    let t = entry(&project, "register/guided-partnership.toml");
    let exit = t["exit"].as_table().unwrap();
    assert_eq!(exit["reasons"][0].as_str(), Some("priorities-changed"), "{exit:#?}");
    assert_eq!(exit["risks"].as_str(), Some("Loss of influence."), "{exit:#?}");
    assert_eq!(exit["controls"].as_str(), Some("Keep officer contact."), "{exit:#?}");
    assert!(!exit.contains_key("approved_by"), "still not yet approved: {exit:#?}");
    assert_eq!(exit["significant"].as_bool(), Some(false), "{exit:#?}");
}

#[test]
fn esc_at_the_first_criterion_goes_back_to_whether_to_rate_now() {
    let project = Project::new();
    let mut answers = proposed_answers();
    let skip_c = answers.pop().unwrap();
    answers.pop(); // the ratings offer
    answers.extend([Answer::Yes, Answer::Cancel, Answer::No, skip_c, SAVE]);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(prompter.finished(), "{:#?}", prompter.transcript);
    let offers = prompter
        .transcript
        .iter()
        .filter(|t| t.contains("Rate it against the Appendix B"))
        .count();
    assert_eq!(offers, 2, "{:#?}", prompter.transcript);
}

#[test]
fn a_resumed_rating_walk_says_which_criteria_it_is_on() {
    let project = Project::new();
    let mut answers = proposed_answers();
    let skip_c = answers.pop().unwrap();
    answers.pop();
    answers.extend([Answer::Yes, Answer::Choose(0), Answer::Choose(1), Answer::Interrupt]);
    let (run, _) = guided(&project, answers, &[]);
    assert_eq!(run.code, 130, "{}", run.stderr);
    let mut again = vec![Answer::Choose(0)];
    again.extend(std::iter::repeat_n(Answer::Choose(3), 14));
    again.extend([skip_c, SAVE]);
    let (run, prompter) = guided(&project, again, &["--resume"]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    let t = &prompter.transcript;
    let heading = t.iter().position(|l| l.contains("Risk criteria (Appendix B)"));
    let third = t
        .iter()
        .position(|l| l.starts_with("? ") && l.contains("Impact on Council priorities"));
    assert!(heading.is_some() && heading < third, "{t:#?}");
}

#[test]
fn esc_in_a_list_goes_back_one_item_and_keeps_the_items_after_it() {
    let project = Project::new();
    let mut answers = proposed_answers();
    let at = answers
        .iter()
        .position(|a| *a == text("South Norfolk Council"))
        .unwrap();
    answers.splice(
        at..at + 2,
        [
            text("South Norfolk Council"),
            text("Breckland Council"),
            Answer::Cancel, // at "Another": back to Breckland
            Answer::Cancel, // back to South Norfolk
            Answer::Enter,  // kept
            Answer::Enter,  // Breckland, offered again: kept
            text(""),       // done
        ],
    );
    answers.push(SAVE);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(prompter.finished(), "{:#?}", prompter.transcript);
    let t = entry(&project, "register/guided-partnership.toml");
    let partners: Vec<&str> = t["partners"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(toml::Value::as_str)
        .collect();
    assert_eq!(partners, ["South Norfolk Council", "Breckland Council"], "{t:#?}");
}

#[test]
fn esc_back_past_a_person_just_named_keeps_their_name_and_answers() {
    let project = Project::new();
    let mut answers = proposed_answers();
    let at = answers.iter().position(|a| *a == text("Cllr Ann Brown")).unwrap();
    // After Cllr Ann Brown's nine answers, instead of "no more":
    answers.splice(
        at + 9..at + 10,
        [
            text("Kim Lee"),
            Answer::Choose(3), // officer
            Answer::Cancel,    // at the position: back to the level
            Answer::Cancel,    // back to the name prompt, on "Kim Lee"
            Answer::Cancel,    // back to Cllr Ann Brown's last question
            Answer::Enter,     // still "not recorded"
            Answer::Enter,     // "Kim Lee" again
            Answer::Enter,     // still an officer
            text(""),
            text(""),
            text(""),
            Answer::Choose(8),
            Answer::Choose(3),
            Answer::Choose(5),
            text(""), // no more
        ],
    );
    answers.push(SAVE);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(prompter.finished(), "{:#?}", prompter.transcript);
    let t = entry(&project, "register/guided-partnership.toml");
    let reps = t["representatives"].as_array().unwrap();
    assert_eq!(reps.len(), 2, "{t:#?}");
    assert!(reps[0].get("appointed_by").is_none(), "{t:#?}");
    assert_eq!(reps[1]["name"].as_str(), Some("Kim Lee"), "{t:#?}");
    assert_eq!(reps[1]["level"].as_str(), Some("officer"), "{t:#?}");
}
