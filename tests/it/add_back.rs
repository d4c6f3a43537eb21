//! The guided `add` in a pseudo-terminal, going back and resuming inside
//! a group of questions (the exit strategy, the ratings, Appendix C, a
//! representative): Ctrl-C and `--resume` carry on at the next question
//! not yet answered, Esc goes back one question with every answer kept,
//! and the screen after Esc says which question is being asked again
//! (checked on an 80-column tmux screen).
#![cfg(unix)]

use rexpect::session::PtySession;

use crate::add_terminal::{
    CRITERIA, DOWN, END, ESC, HOME, UP, UP_TO_THE_REPRESENTATIVES, after_the_representatives, answer, exit_code,
    screening, session,
};
use crate::support::{AS_OF, Project, Tmux};

/// Waits for a prompt, then presses Ctrl-C: the draft is kept.
fn ctrl_c_at(p: &mut PtySession, prompt: &str) {
    p.exp_string(prompt)
        .unwrap_or_else(|e| panic!("waiting for {prompt:?}: {e}"));
    std::thread::sleep(std::time::Duration::from_millis(150));
    p.send_control('c').unwrap();
    p.exp_string("kept as a draft").unwrap();
    assert_eq!(exit_code(p), 130);
}

/// The questions of a partnership the council has left, up to its exit
/// strategy.
const UP_TO_THE_EXIT: [(&str, &str); 23] = [
    ("name of the partnership", "Exit Partnership\r"),
    ("lead partner", "Norfolk County Council\r"),
    ("other organisations", "\r"),
    ("in its life", "\x1b[B\x1b[B\x1b[B\r"), // exited
    ("What is the partnership for", "Flood schemes.\r"),
    ("key objectives", "Fewer floods\r"),
    ("Another (empty when done)", "\r"),
    ("strategic or operational", "\r"),
    ("statutory partnership", "n"),
    ("governance arrangements", "\r"),
    ("How often does it meet", "\r"),
    ("places for Members", "1\r"),
    ("Representative's name", "\r"),
    ("P1  Growth", "\x1b[F\r"), // Done
    ("staff hours a month", "2\r"),
    ("contribute a year", "0\r"),
    ("if the council left", "Little.\r"),
    ("council's role", "\r"),
    ("bring the council", "Advice.\r"),
    ("information from the partnership shared", "Email.\r"),
    ("comments or recommendations", "\r"),
    ("When did the council join", "\r"),
    ("terms of reference", "\r"),
];

/// A new session up to the exit strategy, which is then answered up to
/// whether it is a particularly significant partnership (yes).
fn up_to_the_executive_review(project: &Project) -> PtySession {
    let mut p = session(project, &[]);
    screening(&mut p);
    for (prompt, keys) in UP_TO_THE_EXIT {
        answer(&mut p, prompt, keys);
    }
    answer(&mut p, "Why is the council leaving", &format!("{DOWN}\r"));
    answer(&mut p, "another reason, or Done", &format!("{END}\r"));
    answer(&mut p, "risks of no longer being", "Loss of influence.\r");
    answer(&mut p, "controls will limit", "Keep officer contact.\r");
    answer(&mut p, "Who approved the exit strategy", &format!("{DOWN}\r")); // the Executive
    answer(&mut p, "When was it approved", "1/10/2026\r");
    answer(&mut p, "particularly significant", "y");
    p
}

fn entry(project: &Project, file: &str) -> toml::Table {
    let text = std::fs::read_to_string(project.path(file)).unwrap();
    toml::from_str(&text).unwrap()
}

#[test]
fn ctrl_c_at_the_exit_strategys_last_question_resumes_there() {
    let project = Project::new();
    let mut p = up_to_the_executive_review(&project);
    answer(&mut p, "Executive reviewed", "n");
    ctrl_c_at(&mut p, "Record it as exiting for now");

    // The two yes/no questions answered are not asked again.
    let mut p = session(&project, &["--resume"]);
    answer(&mut p, "Exit Partnership", "\r");
    let before = answer(&mut p, "Record it as exiting for now", "y");
    assert!(!before.contains("Executive reviewed"), "{before}");
    assert!(!before.contains("particularly significant"), "{before}");
    answer(&mut p, "Rate it against the Appendix B", "n");
    answer(&mut p, "Appendix C questions for assessing", "\r");
    answer(&mut p, "What next?", "\r");
    p.exp_string("Added register/exit-partnership.toml").unwrap();
    assert_eq!(exit_code(&mut p), 0);
    let t = entry(&project, "register/exit-partnership.toml");
    assert_eq!(t["status"].as_str(), Some("exiting"), "{t:#?}");
    assert_eq!(t["exit"]["significant"].as_bool(), Some(true), "{t:#?}");
    assert_eq!(t["exit"]["executive_reviewed"].as_bool(), Some(false), "{t:#?}");
}

#[test]
fn ctrl_c_while_typing_an_overall_ratings_rationale_keeps_the_rating() {
    let project = Project::new();
    let mut p = up_to_the_executive_review(&project);
    answer(&mut p, "Executive reviewed", "y");
    answer(&mut p, "Rate it against the Appendix B", "y");
    for title in CRITERIA {
        answer(&mut p, title, &format!("{UP}\r")); // Low
    }
    // High, where the criteria give Low: a rationale is needed.
    answer(&mut p, "Overall risk rating", &format!("{HOME}\r"));
    answer(&mut p, "Why is the overall risk rating High", "Half a reas");
    p.send_control('c').unwrap();
    p.exp_string("kept as a draft").unwrap();
    assert_eq!(exit_code(&mut p), 130);

    let mut p = session(&project, &["--resume"]);
    answer(&mut p, "Exit Partnership", "\r");
    let before = answer(
        &mut p,
        "Why is the overall risk rating High when the criteria give Low?",
        "Flood risk to the district.\r",
    );
    assert!(!before.contains("Overall risk rating"), "asked again: {before}");
    answer(&mut p, "Overall value rating", "\r");
    answer(&mut p, "Appendix C questions for assessing", "\r");
    answer(&mut p, "What next?", "\r");
    p.exp_string("Added register/exit-partnership.toml").unwrap();
    assert_eq!(exit_code(&mut p), 0);
    let t = entry(&project, "register/exit-partnership.toml");
    assert_eq!(t["risk"]["overall"].as_str(), Some("high"), "{t:#?}");
    assert_eq!(
        t["risk"]["rationale"].as_str(),
        Some("Flood risk to the district."),
        "{t:#?}"
    );
}

#[test]
fn esc_inside_the_exit_strategy_the_ratings_and_appendix_c_keeps_every_answer() {
    let project = Project::new();
    let mut p = session(&project, &[]);
    screening(&mut p);
    for (prompt, keys) in UP_TO_THE_EXIT {
        answer(&mut p, prompt, keys);
    }
    answer(&mut p, "Why is the council leaving", &format!("{DOWN}\r"));
    answer(&mut p, "another reason, or Done", &format!("{END}\r"));
    answer(&mut p, "risks of no longer being", "Loss of influence.\r");
    // Esc: back to the risks, typed in already; Enter keeps them (an
    // empty answer would be refused).
    answer(&mut p, "controls will limit", ESC);
    p.exp_string("back to").unwrap();
    answer(&mut p, "risks of no longer being", "\r");
    answer(&mut p, "controls will limit", "Keep officer contact.\r");
    answer(&mut p, "Who approved the exit strategy", &format!("{DOWN}\r"));
    answer(&mut p, "When was it approved", "1/10/2026\r");
    answer(&mut p, "particularly significant", "y");
    // Esc, then Enter: the yes given stays the answer.
    answer(&mut p, "Executive reviewed", ESC);
    answer(&mut p, "particularly significant", "\r");
    answer(&mut p, "Executive reviewed", "y");
    answer(&mut p, "Rate it against the Appendix B", "y");
    answer(&mut p, CRITERIA[0], &format!("{UP}\r")); // Low
    // Esc at the second criterion: the first starts on Low again.
    answer(&mut p, CRITERIA[1], ESC);
    answer(&mut p, CRITERIA[0], "\r");
    for title in &CRITERIA[1..] {
        answer(&mut p, title, &format!("{UP}{UP}\r")); // Medium
    }
    answer(&mut p, "Overall risk rating", "\r");
    answer(&mut p, "Overall value rating", "\r");
    answer(&mut p, "Appendix C questions for assessing", &format!("{DOWN}\r"));
    let questions = partreg::terminal::guide::QUESTIONS;
    let words = |i: usize| -> String { questions[i].1.chars().take(40).collect() };
    answer(&mut p, &words(0), "A board.\r");
    // Esc at the second: the first starts on its answer.
    answer(&mut p, &words(1), ESC);
    answer(&mut p, &words(0), "\r");
    for i in 1..questions.len() {
        answer(&mut p, &words(i), "\r");
    }
    answer(&mut p, "What next?", "\r");
    p.exp_string("Added register/exit-partnership.toml").unwrap();
    assert_eq!(exit_code(&mut p), 0);
    let t = entry(&project, "register/exit-partnership.toml");
    assert_eq!(t["exit"]["risks"].as_str(), Some("Loss of influence."), "{t:#?}");
    assert_eq!(t["exit"]["controls"].as_str(), Some("Keep officer contact."), "{t:#?}");
    assert_eq!(t["exit"]["significant"].as_bool(), Some(true), "{t:#?}");
    assert_eq!(t["exit"]["executive_reviewed"].as_bool(), Some(true), "{t:#?}");
    assert_eq!(t["status"].as_str(), Some("exited"), "{t:#?}");
    assert_eq!(t["risk"]["time_commitment"].as_str(), Some("low"), "{t:#?}");
    assert_eq!(t["questions"]["structure"].as_str(), Some("A board."), "{t:#?}");
}

#[test]
fn esc_inside_a_representative_goes_back_one_question_and_keeps_their_answers() {
    let project = Project::new();
    let mut p = session(&project, &[]);
    screening(&mut p);
    for (prompt, keys) in UP_TO_THE_REPRESENTATIVES {
        answer(&mut p, prompt, keys);
    }
    answer(&mut p, "places for Members", "0\r"); // an officer is appointed
    answer(&mut p, "Representative's name", "Jo Smith\r");
    // Esc at their first question: back to the name, typed in already.
    answer(&mut p, "Jo Smith: their level", ESC);
    answer(&mut p, "Representative's name", "\r");
    answer(&mut p, "Jo Smith: their level", &format!("{DOWN}\r")); // cmt
    answer(&mut p, "Jo Smith: their position", "Chair\r");
    // Esc twice: back to the level, which starts on cmt; then the
    // position starts on Chair.
    answer(&mut p, "when were they appointed", ESC);
    answer(&mut p, "Jo Smith: their position", ESC);
    answer(&mut p, "Jo Smith: their level", "\r");
    answer(&mut p, "Jo Smith: their position", "\r");
    answer(&mut p, "when were they appointed", "21/05/2026\r");
    answer(&mut p, "when does their term end", "20/05/2027\r");
    answer(&mut p, "Jo Smith: the role expected of them", "\r");
    answer(&mut p, "Jo Smith: another role, or Done", &format!("{END}\r"));
    answer(&mut p, "Jo Smith: their kind of appointment", &format!("{DOWN}\r"));
    answer(&mut p, "Jo Smith: who appointed them", &format!("{DOWN}{DOWN}{DOWN}\r"));
    // Esc at "Another representative": back to the last question about
    // the last person, not taking them off.
    answer(&mut p, "Another representative", ESC);
    answer(&mut p, "Jo Smith: who appointed them", "\r");
    answer(&mut p, "Another representative", "\r");
    after_the_representatives(&mut p);
    answer(&mut p, "What next?", "\r");
    p.exp_string("Added register/flood-partnership.toml").unwrap();
    assert_eq!(exit_code(&mut p), 0);
    let t = entry(&project, "register/flood-partnership.toml");
    let reps = t["representatives"].as_array().unwrap();
    assert_eq!(reps.len(), 1, "{t:#?}");
    let rep = reps[0].as_table().unwrap();
    assert_eq!(rep["level"].as_str(), Some("cmt"), "{rep:#?}");
    assert_eq!(rep["position"].as_str(), Some("Chair"), "{rep:#?}");
    assert_eq!(rep["appointed"].to_string(), "2026-05-21", "{rep:#?}");
    assert_eq!(rep["term"].as_str(), Some("four-year"), "{rep:#?}");
    assert_eq!(rep["appointed_by"].as_str(), Some("cmt"), "{rep:#?}");
    let strict = project.run(&["check", "--strict", "--as-of", AS_OF]);
    assert_eq!(strict.code, 0, "{}{}", strict.stdout, strict.stderr);
}

/// The rows from the last "back to" line on.
fn after_the_last_back(screen: &str) -> Vec<&str> {
    let rows: Vec<&str> = screen.lines().collect();
    let at = rows
        .iter()
        .rposition(|r| r.contains("↩ back to:"))
        .unwrap_or_else(|| panic!("no \"back to\" line:\n{screen}"));
    rows[at..].to_vec()
}

#[test]
fn after_esc_the_screen_says_which_question_is_asked_again_at_80_columns() {
    let project = Project::new();
    let Some(t) = Tmux::start(&project, 80, &[]) else {
        crate::support::skip("tmux is not installed");
        return;
    };
    for q in ["officer network", "delegated or outsourced", "external body"] {
        t.answer(q, &["n"]);
    }
    t.answer("name of the partnership", &["Screen Partnership", "Enter"]);
    t.answer("lead partner", &["Norfolk", "Enter"]);
    t.answer("other organisations", &["Escape"]);
    let screen = t.wait_for("↩ back to:");
    let rows = after_the_last_back(&screen);
    assert_eq!(
        rows[0].trim(),
        "↩ back to: Which organisation is the lead partner?",
        "{screen}"
    );
    assert_eq!(
        rows.last().unwrap().trim_end(),
        "? Which organisation is the lead partner? › Norfolk",
        "{screen}"
    );
    // Esc again: one "back to" line, for the question now asked.
    t.answer("lead partner? › Norfolk", &["Escape"]);
    let screen = t.wait_for("› Screen Partnership");
    assert_eq!(screen.matches("↩ back to:").count(), 1, "{screen}");
    let rows = after_the_last_back(&screen);
    assert_eq!(
        rows[0].trim(),
        "↩ back to: What is the name of the partnership?",
        "{screen}"
    );
    assert_eq!(
        rows.last().unwrap().trim_end(),
        "? What is the name of the partnership? › Screen Partnership",
        "{screen}"
    );

    // Inside a representative: the question asked again, wrapped above
    // its answer row, under its "back to" line.
    t.answer("› Screen Partnership", &["Enter"]);
    t.answer("lead partner? › Norfolk", &["Enter"]);
    t.answer("other organisations", &["Enter"]);
    t.answer("in its life", &["Down", "Enter"]); // active
    t.answer("What is the partnership for", &["Screens.", "Enter"]);
    t.answer("key objectives", &["Clarity", "Enter"]);
    t.answer("Another (empty when done)", &["Enter"]);
    t.answer("strategic or operational", &["Enter"]);
    t.answer("statutory partnership", &["n"]);
    t.answer("governance arrangements", &["Enter"]);
    t.answer("How often does it meet", &["Enter"]);
    t.answer("places for Members", &["0", "Enter"]);
    t.answer("Representative's name", &["Jo Smith", "Enter"]);
    t.answer("Jo Smith: their level", &["Down", "Enter"]);
    t.answer("Jo Smith: their position", &["Chair", "Enter"]);
    t.answer("when were they appointed", &["Escape"]);
    let screen = t.wait_for("› Chair");
    let rows = after_the_last_back(&screen);
    // Cut to fit the row: the question is written in full below it.
    assert!(
        rows[0]
            .trim()
            .starts_with("↩ back to: Jo Smith: their position on the partnership"),
        "{screen}"
    );
    assert_eq!(
        rows[1..],
        [
            "? Jo Smith: their position on the partnership, e.g. Chair (optional)",
            "  › Chair"
        ],
        "{screen}"
    );
    assert!(
        screen.lines().all(|r| unicode_width(r) <= 80),
        "a row wider than the screen:\n{screen}"
    );

    // A choice is echoed as its word alone, even the longest.
    t.answer("› Chair", &["Enter"]);
    t.answer("when were they appointed", &["Enter"]);
    t.answer("when does their term end", &["Enter"]);
    t.answer("Jo Smith: the role expected of them", &["Enter"]);
    t.answer("Jo Smith: another role, or Done", &["End", "Enter"]);
    t.answer("Jo Smith: their kind of appointment", &["Enter"]);
    t.answer("Jo Smith: who appointed them", &["Enter"]);
    let screen = t.wait_for("Another representative");
    assert!(
        screen
            .lines()
            .any(|r| r.trim_end() == "✔ Jo Smith: who appointed them? · annual-council"),
        "{screen}"
    );
}

/// Columns a row takes (the screen's rows are plain text: no colours).
fn unicode_width(row: &str) -> usize {
    row.chars().count()
}
