//! The guided `add`: scripted answers through the [`Prompter`] trait, and
//! once for real through a pseudo-terminal.
//!
//! [`Prompter`]: partreg::terminal::prompt::Prompter

use partreg::terminal::prompt::{Answer, Scripted};

use crate::add::{add, read};
use crate::support::{AS_OF, Project, run_with};

/// Runs `add` with scripted answers.
fn guided(project: &Project, answers: Vec<Answer>, args: &[&str]) -> (crate::support::Run, Scripted) {
    let mut prompter = Scripted::new(answers);
    let mut all = vec!["add", "--as-of", AS_OF];
    all.extend_from_slice(args);
    let run = run_with(project.dir.path(), &all, Some(&mut prompter));
    (run, prompter)
}

fn text(s: &str) -> Answer {
    Answer::Text(s.into())
}

#[test]
fn screening_stops_what_is_not_a_partnership() {
    for stop_at in 0..3 {
        let project = Project::new();
        let mut answers = vec![Answer::No; stop_at];
        answers.push(Answer::Yes);
        let (run, prompter) = guided(&project, answers, &[]);
        assert_eq!(run.code, 0);
        assert!(
            run.stderr.contains("not a partnership") || run.stderr.contains("are not partnerships"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("Nothing was written"));
        assert!(prompter.finished());
        assert_eq!(std::fs::read_dir(project.path("register")).unwrap().count(), 0);
    }
}

/// Answers for the whole guided flow, in order, for a proposed entry.
fn full_answers() -> Vec<Answer> {
    let mut a = vec![Answer::No, Answer::No, Answer::No];
    a.extend([
        text("Guided Partnership"),
        text("Norfolk County Council"),
        text("South Norfolk Council"),
        text(""),
        Answer::Choose(0), // status: proposed
        text("To try the guided flow."),
        text(""),          // no objectives
        Answer::Choose(1), // operational
        Answer::No,        // not statutory
        Answer::Choose(2), // non-legal
        Answer::Choose(1), // influence
        Answer::Choose(4), // quarterly
        Answer::Choose(0), // priority P1
        Answer::Choose(2), // Done (P2, P3, Done)
        text("lots"),      // refused, asked again
        text("6.5"),
        text("£12,500"),
        Answer::Yes, // budgeted
        text(""),    // no budget source
        text("Some disruption."),
        text("Shared expertise."),
        text("Minutes to members."),
        text(""), // no comments
        text(""), // no start date
        text("Cllr Ann Brown"),
        Answer::Choose(0), // member
        text("Chair"),
        text(""),    // no more representatives
        Answer::No,  // no Appendix B now
        Answer::No,  // no Appendix C now
        Answer::Yes, // write it
    ]);
    a
}

#[test]
fn the_guided_flow_writes_what_was_answered() {
    let project = Project::new();
    let (run, prompter) = guided(&project, full_answers(), &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(prompter.finished());
    assert!(
        prompter
            .transcript
            .iter()
            .any(|t| t.contains("! \"lots\" is not a number of hours")),
        "the bad answer was refused"
    );
    let t: toml::Table = toml::from_str(&read(&project, "register/guided-partnership.toml")).unwrap();
    assert_eq!(t["governance"].as_str(), Some("non-legal"));
    assert_eq!(t["meeting_frequency"].as_str(), Some("quarterly"));
    assert_eq!(t["priorities"].as_array().unwrap().len(), 1);
    assert_eq!(t["staff_hours_per_month"].as_float(), Some(6.5));
    assert_eq!(t["budget_contribution_gbp"].as_integer(), Some(12_500));
    assert_eq!(t["representatives"][0]["position"].as_str(), Some("Chair"));
    assert_eq!(project.check_json(&[]).0, 0);
}

#[test]
fn the_guided_flow_offers_appendix_b_and_c() {
    let project = Project::new();
    let mut answers = full_answers();
    answers.truncate(answers.len() - 3);
    answers.push(Answer::Yes); // rate now
    // Risk: time, failure, priority, reputation, administration; value: nine.
    answers.extend([
        Answer::Choose(3),
        Answer::Choose(0),
        Answer::Choose(1),
        Answer::Choose(2),
        Answer::Choose(1),
    ]);
    answers.extend(std::iter::repeat_n(Answer::Choose(1), 9));
    answers.extend([Answer::Choose(1), Answer::Choose(0), text("CMT judged the value high.")]);
    answers.push(Answer::Yes); // Appendix C now
    answers.push(text("A joint board."));
    answers.extend(std::iter::repeat_n(text(""), 23));
    answers.push(Answer::Yes);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    let t: toml::Table = toml::from_str(&read(&project, "register/guided-partnership.toml")).unwrap();
    assert_eq!(t["risk"]["failure_impact"].as_str(), Some("high"));
    assert_eq!(t["value"]["overall"].as_str(), Some("high"));
    assert_eq!(t["value"]["rationale"].as_str(), Some("CMT judged the value high."));
    assert_eq!(t["questions"]["structure"].as_str(), Some("A joint board."));
    assert_eq!(project.check_json(&[]).0, 0);
}

#[test]
fn flags_given_are_not_asked_again() {
    let project = Project::new();
    let mut answers = full_answers();
    answers.remove(3); // the name comes from --name
    let (run, prompter) = guided(&project, answers, &["--name", "Guided Partnership"]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(!prompter.transcript.iter().any(|t| t.contains("What is the name")));
}

#[test]
fn cancelling_at_any_point_writes_nothing() {
    let full = full_answers();
    for stop in [3, 10, 20, full.len() - 1] {
        let project = Project::new();
        let mut answers = full[..stop].to_vec();
        answers.push(Answer::Cancel);
        let (run, _) = guided(&project, answers, &[]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stderr.contains("Nothing was written"), "{}", run.stderr);
        assert_eq!(
            std::fs::read_dir(project.path("register")).unwrap().count(),
            0,
            "stopped at {stop}"
        );
    }
    let project = Project::new();
    let mut declined = full_answers();
    *declined.last_mut().unwrap() = Answer::No;
    let (run, _) = guided(&project, declined, &[]);
    assert_eq!(run.code, 0);
    assert_eq!(std::fs::read_dir(project.path("register")).unwrap().count(), 0);
}

#[test]
fn no_input_never_asks() {
    let project = Project::new();
    let (run, prompter) = guided(&project, vec![], &["--no-input", "--name", "X"]);
    assert_eq!(run.code, 2);
    assert!(prompter.transcript.is_empty());
}

#[cfg(unix)]
mod terminal {
    //! The guided flow driven for real, through a pseudo-terminal.

    use std::process::Command;

    use rexpect::session::spawn_command;

    use crate::support::Project;

    fn session(project: &Project) -> rexpect::session::PtySession {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_partreg"));
        cmd.args(["add", "--as-of", crate::support::AS_OF])
            .current_dir(project.dir.path())
            .env_remove("CI")
            .env("TERM", "xterm");
        spawn_command(cmd, Some(20_000)).unwrap()
    }

    const DOWN: &str = "\x1b[B";

    /// Waits for a prompt, then types. The pause lets the prompt switch the
    /// terminal to reading keys before they arrive, as a person's would.
    fn answer(p: &mut rexpect::session::PtySession, prompt: &str, keys: &str) {
        p.exp_string(prompt)
            .unwrap_or_else(|e| panic!("waiting for {prompt:?}: {e}"));
        std::thread::sleep(std::time::Duration::from_millis(150));
        p.send(keys).unwrap();
        p.flush().unwrap();
    }

    #[test]
    fn a_person_at_a_terminal_adds_a_partnership() {
        let project = Project::new();
        std::fs::write(project.path("partreg.toml"), "council = \"Test\"\n").unwrap();
        let mut p = session(&project);
        answer(&mut p, "officer network", "n");
        answer(&mut p, "delegated or outsourced", "n");
        answer(&mut p, "external body", "n");
        let answers: [(&str, &str); 23] = [
            ("name of the partnership", "Terminal Partnership\r"),
            ("lead partner", "Norfolk County Council\r"),
            ("other organisations", "\r"),
            ("in its life", "\r"),
            ("What is the partnership for", "Trying a real terminal.\r"),
            ("key objectives", "\r"),
            ("strategic or operational", &format!("{DOWN}\r")),
            ("statutory partnership", "n"),
            ("governance arrangements", "\r"),
            ("council's role", "\r"),
            ("How often does it meet", "\r"),
            ("corporate priorities", "\r"),
            ("staff hours a month", "4\r"),
            ("contribute a year", "0\r"),
            ("existing budgets", "y"),
            ("Which budget", "\r"),
            ("if the council left", "Little.\r"),
            ("bring the council", "Advice.\r"),
            ("information from the partnership shared", "Email.\r"),
            ("comments or recommendations", "\r"),
            ("When did the council join", "\r"),
            ("Representative's name", "\r"),
            ("Appendix B risk and value criteria now", "n"),
        ];
        for (prompt, keys) in answers {
            answer(&mut p, prompt, keys);
        }
        answer(&mut p, "Appendix C questions now", "n");
        answer(&mut p, "Write it?", "y");
        p.exp_eof().unwrap();
        let text = std::fs::read_to_string(project.path("register/terminal-partnership.toml")).unwrap();
        assert!(text.contains("kind = \"operational\""), "{text}");
        assert!(text.contains("statutory = false"), "{text}");
    }

    #[test]
    fn ctrl_c_writes_nothing() {
        let project = Project::new();
        let mut p = session(&project);
        answer(&mut p, "officer network", "n");
        answer(&mut p, "delegated or outsourced", "n");
        answer(&mut p, "external body", "n");
        answer(&mut p, "name of the partnership", "Half Typed");
        p.send_control('c').unwrap();
        p.exp_eof().unwrap();
        assert_eq!(std::fs::read_dir(project.path("register")).unwrap().count(), 0);
    }
}

#[test]
fn the_guided_flow_for_an_active_partnership_rates_it_and_needs_its_lists() {
    let project = Project::new();
    let mut answers = full_answers();
    answers[7] = Answer::Choose(1); // status: active
    // Objectives: an empty first answer is refused, then one is given.
    answers.splice(9..10, [text(""), text("Raise recycling"), text("")]);
    let done = answers.len() - 3;
    answers.truncate(done); // up to the representatives
    // Risk: five criteria; value: nine; then the overall ratings as computed.
    answers.extend(std::iter::repeat_n(Answer::Choose(1), 14));
    answers.extend([Answer::Choose(1), Answer::Choose(1)]);
    answers.extend([Answer::No, Answer::Yes]);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(prompter.finished(), "{:#?}", prompter.transcript);
    assert!(
        prompter
            .transcript
            .iter()
            .any(|t| t.contains("! an active partnership needs at least one"))
    );
    assert!(
        prompter
            .transcript
            .iter()
            .any(|t| t.contains("needs its Appendix B risk and value ratings"))
    );
    let t: toml::Table = toml::from_str(&read(&project, "register/guided-partnership.toml")).unwrap();
    assert_eq!(t["status"].as_str(), Some("active"));
    assert_eq!(t["risk"]["overall"].as_str(), Some("medium"));
    assert_eq!(t["value"]["overall"].as_str(), Some("medium"));
    assert_eq!(project.check_json(&[]).0, 0);
}

#[test]
fn the_guided_flow_for_a_partnership_being_left_asks_for_the_exit_strategy() {
    let project = Project::new();
    let mut answers = full_answers();
    answers[7] = Answer::Choose(2); // status: exiting
    let done = answers.len() - 3;
    answers.truncate(done);
    answers.extend([
        Answer::Choose(2), // reason: priorities-changed
        Answer::Choose(5), // Done (five left, then Done)
        text("Loss of influence."),
        text("Keep officer contact."),
        Answer::Choose(0), // approved by CMT
        text("2026-10-01"),
        Answer::No, // not significant
        Answer::No, // no Appendix B now
        Answer::No, // no Appendix C
        Answer::Yes,
    ]);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    let t: toml::Table = toml::from_str(&read(&project, "register/guided-partnership.toml")).unwrap();
    assert_eq!(t["exit"]["reasons"][0].as_str(), Some("priorities-changed"));
    assert_eq!(t["exit"]["approved_by"].as_str(), Some("cmt"));
    assert_eq!(t["exit"]["approved_on"].to_string(), "2026-10-01");
    assert_eq!(project.check_json(&[]).0, 0);
}

#[test]
fn the_guided_flow_refuses_a_name_already_on_the_register_as_it_is_typed() {
    let project = Project::new();
    assert_eq!(add(&project, "Guided Partnership", &["--id", "first"]).code, 0);
    let mut answers = full_answers();
    answers.insert(3, text("guided  PARTNERSHIP")); // refused, asked again
    answers[4] = text("Another Guided Partnership");
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(
        prompter
            .transcript
            .iter()
            .any(|t| t.starts_with("! a partnership called \"guided  PARTNERSHIP\" is already on the register")),
        "{:#?}",
        prompter.transcript
    );
    assert!(project.path("register/another-guided-partnership.toml").is_file());
}

#[test]
fn a_significant_partnership_is_recorded_as_exiting_until_the_executive_has_reviewed_it() {
    let project = Project::new();
    let mut answers = full_answers();
    answers[7] = Answer::Choose(3); // status: exited
    let done = answers.len() - 3;
    answers.truncate(done);
    answers.extend([
        Answer::Choose(6), // Done: no reasons
        text("Loss of influence."),
        text("Keep officer contact."),
        Answer::Choose(1), // approved by the Executive
        text("2026-10-01"),
        Answer::Yes, // significant
        Answer::No,  // not yet reviewed by the Executive
        Answer::Yes, // record it as exiting for now
        Answer::No,  // no Appendix B now
        Answer::No,  // no Appendix C
        Answer::Yes,
    ]);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    let t: toml::Table = toml::from_str(&read(&project, "register/guided-partnership.toml")).unwrap();
    assert_eq!(t["status"].as_str(), Some("exiting"));
    assert_eq!(t["exit"]["executive_reviewed"].as_bool(), Some(false));
    assert_eq!(project.check_json(&[]).0, 0);
}
