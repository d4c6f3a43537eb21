//! The guided `add` driven for real, through a pseudo-terminal, as an
//! officer would: an active entry from the first question to a file that
//! passes `check --strict`, with Esc back and a change at the preview; and
//! Ctrl-C in a menu, which keeps a draft, puts the cursor back, and
//! `--resume` picks up; and a proposed partnership whose contribution is
//! not in existing budgets, still to go to Cabinet.
#![cfg(unix)]

use std::process::Command;

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

use crate::support::{AS_OF, Project};

pub(crate) fn session(project: &Project, extra: &[&str]) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_partreg"));
    cmd.args(["add", "--as-of", AS_OF])
        .args(extra)
        .current_dir(project.dir.path())
        .env_remove("CI")
        .env("TERM", "xterm");
    spawn_command(cmd, Some(20_000)).unwrap()
}

pub(crate) const DOWN: &str = "\x1b[B";
pub(crate) const UP: &str = "\x1b[A";
pub(crate) const ESC: &str = "\x1b";
pub(crate) const END: &str = "\x1b[F";
pub(crate) const HOME: &str = "\x1b[H";

/// Waits for a prompt, then types. The pause lets the prompt switch the
/// terminal to reading keys before they arrive, as a person's would.
/// Returns what was shown before the prompt.
pub(crate) fn answer(p: &mut PtySession, prompt: &str, keys: &str) -> String {
    let before = p
        .exp_string(prompt)
        .unwrap_or_else(|e| panic!("waiting for {prompt:?}: {e}"));
    std::thread::sleep(std::time::Duration::from_millis(150));
    p.send(keys).unwrap();
    p.flush().unwrap();
    before
}

pub(crate) fn exit_code(p: &mut PtySession) -> i32 {
    p.exp_eof().unwrap();
    match p.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("partreg ended by {other:?}"),
    }
}

pub(crate) fn screening(p: &mut PtySession) {
    answer(p, "officer network", "n");
    answer(p, "delegated or outsourced", "n");
    answer(p, "external body", "n");
}

/// The Appendix B criteria the guided flow asks, by their titles.
pub(crate) const CRITERIA: [&str; 14] = [
    "Time commitment",
    "Impact if the partnership fails",
    "Impact on Council priorities",
    "Reputation impact",
    "Importance for the administration",
    "Contribution to the Corporate Plan",
    "Cost of service delivery",
    "Access to external funding",
    "The Council's reputation",
    "Service delivery",
    "Service resilience",
    "Influence on decisions and policy",
    "Delivery of a statutory function",
    "Benefit against investment",
];

/// The questions of an active entry after its representatives, answered
/// up to the preview.
pub(crate) fn after_the_representatives(p: &mut PtySession) {
    let steps: Vec<(&str, String)> = vec![
        ("Who is the Lead Officer", "Jo Lead\r".into()),
        // The priorities show their titles from partreg.toml.
        ("P1  Growth", "\r".into()),
        // Enter again: the cursor stayed on P1, so its tick comes off
        // (P2 is not ticked by accident); then P1 again, and Done.
        ("Another priority", "\r".into()),
        ("P1  Growth", "\r".into()),
        ("Another priority", format!("{END}\r")),
        ("staff hours a month", "4\r".into()),
        ("contribute a year", "0\r".into()),
        ("if the council left", "Little.\r".into()),
        ("council's role", "\r".into()),
        ("bring the council", "Advice.\r".into()),
        ("information from the partnership shared", "Email.\r".into()),
        ("comments or recommendations", "\r".into()),
        ("When did the council join", "1/4/2025\r".into()),
        ("terms of reference", "\r".into()),
        ("how often is the partnership reported on", "\r".into()),
        ("responsible for reporting", "Jo Smith\r".into()),
        ("where are the reports submitted", "\r".into()),
        ("who approved it", "\r".into()),
        ("when was it made", "20/03/2025\r".into()),
        ("Portfolio Holder was consulted", "Cllr Pat Holder\r".into()),
    ];
    for (prompt, keys) in &steps {
        answer(p, prompt, keys);
    }
    for title in CRITERIA {
        answer(p, title, &format!("{UP}\r")); // Low
    }
    answer(p, "Overall risk rating", "\r");
    answer(p, "Overall value rating", "\r");
    answer(p, "when was it carried out", "15/10/2026\r");
    answer(p, "who carried it out", "CI&P Team\r");
    answer(p, "what did it decide", "\r");
    answer(p, "Appendix C questions for assessing", "\r");
}

#[test]
fn an_officer_adds_an_active_partnership_that_passes_check_strict() {
    let project = Project::new();
    let mut p = session(&project, &[]);
    screening(&mut p);
    answer(&mut p, "name of the partnership", "Terminal Partnership\r");
    // Esc goes back to the name, typed in already; Enter keeps it.
    answer(&mut p, "lead partner", ESC);
    answer(&mut p, "name of the partnership", "\r");
    let steps: Vec<(&str, String)> = vec![
        ("lead partner", "Norfolk County Council\r".into()),
        ("other organisations", "Breckland Council\r".into()),
        ("Another (empty when done)", "\r".into()),
        ("in its life", format!("{DOWN}\r")),
        ("What is the partnership for", "Trying a real terminal.\r".into()),
        ("key objectives", "Cut waste\r".into()),
        ("Another (empty when done)", "\r".into()),
        ("strategic or operational", format!("{DOWN}\r")),
        ("statutory partnership", "n".into()),
        ("governance arrangements", "\r".into()),
        ("How often does it meet", "\r".into()),
        // A typo in the places is refused there and then.
        ("places for Members", "1O\r".into()),
        ("places for Members", "1\r".into()),
        ("Representative's name", "Sam Jones / Alex Reed\r".into()),
        ("That looks like 2 people", "y".into()),
        ("Sam Jones: their level", "\r".into()),
        ("Sam Jones: their position", "Chair\r".into()),
        ("Sam Jones: when were they appointed", "21/05/2026\r".into()),
        ("Sam Jones: when does their term end", "2030-05-20\r".into()),
        // The role expected: the first, then Done (End: the cursor is on the next role).
        ("Sam Jones: the role expected of them", "\r".into()),
        ("Sam Jones: another role, or Done", format!("{END}\r")),
        ("Sam Jones: their kind of appointment", "\r".into()),
        ("Sam Jones: who appointed them", "\r".into()),
        ("Alex Reed: their level", format!("{DOWN}{DOWN}{DOWN}\r")),
        ("Alex Reed: their position", "\r".into()),
        ("Alex Reed: when were they appointed", "\r".into()),
        ("Alex Reed: when does their term end", "\r".into()),
        ("Alex Reed: the role expected of them", "\r".into()),
        ("Alex Reed: another role, or Done", format!("{END}\r")),
        ("Alex Reed: their kind of appointment", format!("{DOWN}{DOWN}\r")),
        ("Alex Reed: who appointed them", format!("{DOWN}{DOWN}{DOWN}\r")),
        ("Another representative", "\r".into()),
    ];
    for (prompt, keys) in &steps {
        answer(&mut p, prompt, keys);
    }
    after_the_representatives(&mut p);
    // At the preview: change the purpose, then save.
    answer(&mut p, "What next?", &format!("{DOWN}\r"));
    answer(
        &mut p,
        "Which answer do you want to change?",
        &format!("{DOWN}{DOWN}{DOWN}{DOWN}\r"),
    );
    let typed = "Trying a real terminal.".len();
    answer(
        &mut p,
        "What is the partnership for",
        &format!("{}A new purpose.\r", "\x7f".repeat(typed)),
    );
    answer(&mut p, "What next?", "\r");
    p.exp_string("Added register/terminal-partnership.toml").unwrap();
    assert_eq!(exit_code(&mut p), 0);

    let text = std::fs::read_to_string(project.path("register/terminal-partnership.toml")).unwrap();
    assert!(text.contains("function = \"A new purpose.\""), "{text}");
    assert!(text.contains("lead_partner = \"Norfolk County Council\""), "{text}");
    assert!(text.contains("name = \"Alex Reed\""), "{text}");
    assert!(text.contains("[approval]"), "{text}");
    // Part 2: the Lead Officer, and each representative's role and term.
    assert!(text.contains("lead_officer = \"Jo Lead\""), "{text}");
    assert!(text.contains("\"communication-channel\""), "{text}");
    assert!(text.contains("term = \"annual\""), "{text}");
    assert!(text.contains("term = \"open\""), "{text}");
    assert!(text.contains("appointed_by = \"cmt\""), "{text}");
    assert!(text.contains("member_places = 1"), "{text}");
    assert!(text.contains("priorities = [\"P1\"]"), "{text}");
    let strict = project.run(&["check", "--strict", "--as-of", AS_OF]);
    assert_eq!(strict.code, 0, "{}{}\n{text}", strict.stdout, strict.stderr);
}

#[test]
fn ctrl_c_in_a_menu_keeps_a_draft_and_shows_the_cursor_and_resume_carries_on() {
    let project = Project::new();
    let mut p = session(&project, &[]);
    screening(&mut p);
    answer(&mut p, "name of the partnership", "Half Typed\r");
    answer(&mut p, "lead partner", "Somebody\r");
    answer(&mut p, "other organisations", "\r");
    p.exp_string("in its life").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(150));
    p.send_control('c').unwrap();
    let shown = p.exp_string("kept as a draft").unwrap();
    assert!(shown.contains("\x1b[?25h"), "the cursor was not shown again: {shown:?}");
    assert_eq!(exit_code(&mut p), 130);
    assert_eq!(std::fs::read_dir(project.path("register")).unwrap().count(), 0);
    assert!(project.path(".partreg/drafts/half-typed.toml").is_file());

    // --resume offers the draft and asks the next question; Esc there goes
    // back to the one before; Ctrl-C at a text prompt saves again.
    let mut p = session(&project, &["--resume"]);
    answer(&mut p, "Half Typed", "\r");
    answer(&mut p, "in its life", ESC);
    answer(&mut p, "other organisations", "Breckland Council\r");
    answer(&mut p, "Another (empty when done)", "\r");
    answer(&mut p, "in its life", "\r");
    p.exp_string("What is the partnership for").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(150));
    p.send_control('c').unwrap();
    p.exp_string("half-typed.toml").unwrap();
    assert_eq!(exit_code(&mut p), 130);
    let draft = std::fs::read_to_string(project.path(".partreg/drafts/half-typed.toml")).unwrap();
    assert!(draft.contains("Breckland Council"), "{draft}");
    assert!(draft.contains("status = \"proposed\""), "{draft}");
    assert_eq!(std::fs::read_dir(project.path(".partreg/drafts")).unwrap().count(), 1);
}

/// The questions of an active entry up to its representatives.
pub(crate) const UP_TO_THE_REPRESENTATIVES: [(&str, &str); 12] = [
    ("name of the partnership", "Flood Partnership\r"),
    ("lead partner", "Norfolk County Council\r"),
    ("other organisations", "Breckland Council\r"),
    ("Another (empty when done)", "\r"),
    ("in its life", "\x1b[B\r"),
    ("What is the partnership for", "Flood schemes.\r"),
    ("key objectives", "Fewer floods\r"),
    ("Another (empty when done)", "\r"),
    ("strategic or operational", "\x1b[B\r"),
    ("statutory partnership", "n"),
    ("governance arrangements", "\r"),
    ("How often does it meet", "\r"),
];

#[test]
fn ctrl_c_halfway_through_a_representative_keeps_them_and_resume_goes_on_from_the_next_question() {
    let project = Project::new();
    let mut p = session(&project, &[]);
    screening(&mut p);
    for (prompt, keys) in UP_TO_THE_REPRESENTATIVES {
        answer(&mut p, prompt, keys);
    }
    answer(&mut p, "places for Members", "1\r");
    answer(&mut p, "Representative's name", "Cllr Jo Smith\r");
    answer(&mut p, "Cllr Jo Smith: their level", "\r");
    answer(&mut p, "Cllr Jo Smith: their position", "Chair\r");
    answer(&mut p, "when were they appointed", "21/05/2026\r");
    answer(&mut p, "when does their term end", "20/05/2027\r");
    // An answer typed while a menu shows chooses nothing (its letters
    // jump, its spaces show how to choose) and does not leak into the next
    // question; Home and Enter then choose the first role.
    answer(
        &mut p,
        "Cllr Jo Smith: the role expected of them",
        "Influence over flood schemes.",
    );
    answer(&mut p, "Enter chooses", &format!("{HOME}\r"));
    answer(&mut p, "Cllr Jo Smith: another role, or Done", &format!("{END}\r"));
    p.exp_string("Cllr Jo Smith: their kind of appointment").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(150));
    p.send_control('c').unwrap();
    // The message starts on a row of its own and says what was kept.
    p.exp_string("\x1b[?25hStopped; no entry was written. Your 17 answers")
        .unwrap();
    assert_eq!(exit_code(&mut p), 130);
    let draft = std::fs::read_to_string(project.path(".partreg/drafts/flood-partnership.toml")).unwrap();
    assert!(draft.contains("Cllr Jo Smith"), "{draft}");
    assert!(draft.contains("2027-05-20"), "{draft}");
    assert!(draft.contains("roles = [\"communication-channel\"]\n"), "{draft}");

    // --resume carries on at that person's next question: nothing retyped.
    let mut p = session(&project, &["--resume"]);
    answer(&mut p, "Flood Partnership", "\r");
    let before = answer(&mut p, "Cllr Jo Smith: their kind of appointment", "\r");
    assert!(!before.contains("Representative's name"), "{before}");
    answer(&mut p, "Cllr Jo Smith: who appointed them", "\r");
    answer(&mut p, "Another representative", "\r");
    after_the_representatives(&mut p);
    answer(&mut p, "What next?", "\r");
    p.exp_string("Added register/flood-partnership.toml").unwrap();
    assert_eq!(exit_code(&mut p), 0);
    let text = std::fs::read_to_string(project.path("register/flood-partnership.toml")).unwrap();
    assert!(text.contains("name = \"Cllr Jo Smith\""), "{text}");
    assert!(text.contains("position = \"Chair\""), "{text}");
    assert!(text.contains("appointed = 2026-05-21"), "{text}");
    assert!(text.contains("term_ends = 2027-05-20"), "{text}");
    assert!(text.contains("roles = ["), "{text}");
}

#[test]
fn an_officer_adds_a_proposal_still_to_go_to_cabinet() {
    let project = Project::new();
    let mut p = session(&project, &[]);
    screening(&mut p);
    let steps: Vec<(&str, String)> = vec![
        ("name of the partnership", "Cabinet Proposal\r".into()),
        ("lead partner", "Norfolk County Council\r".into()),
        ("other organisations", "\r".into()),
        ("in its life", "\r".into()), // proposed
        ("What is the partnership for", "A joint visitor scheme.\r".into()),
        ("key objectives", "\r".into()),
        ("strategic or operational", "\r".into()),
        ("statutory partnership", "n".into()),
        ("governance arrangements", "\r".into()),
        ("How often does it meet", "\r".into()),
        ("places for Members", "51\r".into()), // refused: more than 50
        ("places for Members", "2\r".into()),
        ("Representative's name", "\r".into()),
        ("P1  Growth", "\r".into()),
        ("Another priority", format!("{END}\r")),
        ("staff hours a month", "3\r".into()),
        ("contribute a year", "£15,000\r".into()),
        ("already in existing budgets", "n".into()),
        ("Which budget does it come from", "\r".into()),
        ("if the council left", "Little.\r".into()),
        ("council's role", "\r".into()),
        ("bring the council", "Visitors.\r".into()),
        ("information from the partnership shared", "Email.\r".into()),
        ("comments or recommendations", "\r".into()),
        ("terms of reference", "\r".into()),
        // The grounds: synergy, then a statutory duty (the cursor stays
        // on the one ticked, so it is two down), then Done.
        ("may be appropriate when there is", "\r".into()),
        ("another, or Done", format!("{DOWN}{DOWN}\r")),
        ("another, or Done", format!("{END}\r")),
        // The criteria start on "Not known yet": Yes is two up.
        (
            "support and contribute to the Council's Corporate Policies",
            format!("{UP}{UP}\r"),
        ),
        // Esc: back to the one before, which now starts on Yes.
        ("benefit residents, businesses and visitors", ESC.into()),
        (
            "support and contribute to the Council's Corporate Policies",
            "\r".into(),
        ),
        ("benefit residents, businesses and visitors", format!("{UP}{UP}\r")),
        ("better performance than we could achieve on our own", format!("{UP}\r")), // No
        ("regularly monitor and report", "\r".into()),                              // not known
        ("has the Cabinet (the Executive) decided yet", "\r".into()),               // not yet
    ];
    for (prompt, keys) in &steps {
        answer(&mut p, prompt, keys);
    }
    p.exp_string("It is still to go to Cabinet").unwrap();
    answer(&mut p, "Rate it against the Appendix B", "y");
    for title in CRITERIA {
        answer(&mut p, title, &format!("{UP}\r")); // Low
    }
    answer(&mut p, "Overall risk rating", "\r");
    answer(&mut p, "Overall value rating", "\r");
    // Appendix C: all questions, half of them answered, so the proposal is
    // assessed as the policy asks of a new partnership.
    answer(&mut p, "Appendix C questions for assessing", &format!("{DOWN}\r"));
    for (i, (_, question)) in partreg::terminal::guide::QUESTIONS.iter().enumerate() {
        let words: String = question.chars().take(40).collect();
        answer(&mut p, &words, if i % 2 == 0 { "Answered.\r" } else { "\r" });
    }
    let preview = answer(&mut p, "What next?", "\r");
    assert!(
        preview.contains("cabinet-decision-needed") || preview.contains("still to go to Cabinet"),
        "{preview}"
    );
    p.exp_string("Added register/cabinet-proposal.toml").unwrap();
    assert_eq!(exit_code(&mut p), 0);

    let text = std::fs::read_to_string(project.path("register/cabinet-proposal.toml")).unwrap();
    let t: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(t["member_places"].as_integer(), Some(2), "{text}");
    let case = t["case"].as_table().unwrap_or_else(|| panic!("no [case]: {text}"));
    let grounds: Vec<&str> = case["grounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap())
        .collect();
    assert_eq!(grounds, ["synergy", "statutory-duty"], "{text}");
    assert_eq!(case["supports_corporate_policies"].as_bool(), Some(true), "{text}");
    assert_eq!(case["benefits_district"].as_bool(), Some(true), "{text}");
    assert_eq!(case["better_than_alone"].as_bool(), Some(false), "{text}");
    assert!(!case.contains_key("monitoring_in_place"), "{text}");
    assert!(
        t.get("approval").and_then(|a| a.get("by")).is_none(),
        "no approval.by: {text}"
    );

    let check = project.run(&["check", "--format", "json", "--as-of", AS_OF]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    let json: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    let found: Vec<(&str, &str)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(found, [("cabinet-decision-needed", "warning")], "{text}");
}
