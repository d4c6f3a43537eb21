//! Dates as people type them: every command that takes a date, flag or
//! prompt, reads ISO and the UK's day-first forms alike, and a date that
//! cannot be read is refused with its fault named and the forms that work.

use partreg::terminal::prompt::Answer;

use crate::add_guided::{SAVE, case_answers, guided, proposed_answers, text};
use crate::support::{AS_OF, COMPLETE_PROPOSED, Project, VALID};

/// 31 March 2026 in each form partreg reads.
const FORMS: [&str; 6] = [
    "2026-03-31",
    "31/03/2026",
    "31-03-2026",
    "31.03.2026",
    "31st March 2026",
    "31 Mar 2026",
];

/// What a person sees for a date that does not exist, and for a year typed
/// with a slip, from any command.
const FAULTS: [(&str, &str); 3] = [
    ("31/02/2026", "February 2026 has no day 31"),
    ("31-02-2026", "February 2026 has no day 31"),
    ("20/04/20266", "the year 20266 is outside 1000-9999"),
];

/// The forms the fault message shows.
const SHOWN: &str = "2026-03-31, 31/03/2026, 31-03-2026, 31.03.2026 (day before month) or 31 March 2026";

fn project_with_a() -> Project {
    let project = Project::new();
    project.write("register/a.toml", VALID);
    project
}

fn file(project: &Project) -> String {
    std::fs::read_to_string(project.path("register/a.toml")).unwrap()
}

/// Each command that takes a date, with `DATE` where it goes.
fn commands() -> Vec<Vec<&'static str>> {
    vec![
        vec!["check", "--as-of", "DATE"],
        [
            &["add", "--no-input", "--name", "Dated Forum", "--started", "DATE"][..],
            COMPLETE_PROPOSED,
        ]
        .concat(),
        vec![
            "concern",
            "a",
            "--raise",
            "Grant is late",
            "--by",
            "Lead Officer",
            "--date",
            "DATE",
        ],
        vec![
            "review",
            "--year",
            "2025",
            "--record",
            "a",
            "--reviewer",
            "CI&P Team",
            "--outcome",
            "continue",
            "--date",
            "DATE",
            "--as-of",
            AS_OF,
        ],
        vec!["appointments", "--meeting", "DATE", "--as-of", AS_OF],
    ]
}

fn with_date<'a>(args: &[&'a str], date: &'a str) -> Vec<&'a str> {
    args.iter().map(|a| if *a == "DATE" { date } else { a }).collect()
}

#[test]
fn every_date_flag_reads_iso_and_the_uk_forms_alike() {
    for args in commands() {
        let mut results = Vec::new();
        for form in FORMS {
            let project = project_with_a();
            let run = project.run(&with_date(&args, form));
            assert_ne!(run.code, 2, "{args:?} with {form}: {}", run.stderr);
            let written: Vec<String> = std::fs::read_dir(project.path("register"))
                .unwrap()
                .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
                .collect();
            results.push((run.code, run.stdout, written));
        }
        for (form, result) in FORMS.iter().zip(&results).skip(1) {
            assert_eq!(result, &results[0], "{args:?}: {form} is not read as 2026-03-31");
        }
    }
}

#[test]
fn the_date_flags_write_the_register_s_own_iso_date() {
    for form in &FORMS[1..] {
        let project = project_with_a();
        let concern = project.run(&with_date(&commands()[2], form));
        assert_eq!(concern.code, 0, "{}", concern.stderr);
        assert!(file(&project).contains("raised = 2026-03-31"), "{}", file(&project));
        let review = project.run(&with_date(&commands()[3], form));
        assert_eq!(review.code, 0, "{}", review.stderr);
        assert!(file(&project).contains("date = 2026-03-31"), "{}", file(&project));
        let add = project.run(&with_date(&commands()[1], form));
        assert_eq!(add.code, 0, "{}", add.stderr);
        let added = std::fs::read_to_string(project.path("register/dated-forum.toml")).unwrap();
        assert!(added.contains("started = 2026-03-31"), "{added}");
    }
}

#[test]
fn every_date_flag_names_the_fault_and_shows_the_forms() {
    for args in commands() {
        for (typed, fault) in FAULTS {
            let project = project_with_a();
            let run = project.run(&with_date(&args, typed));
            assert_eq!(run.code, 2, "{args:?} with {typed}: {}", run.stderr);
            assert!(run.stderr.contains(fault), "{args:?} with {typed}: {}", run.stderr);
            assert!(run.stderr.contains(SHOWN), "{args:?} with {typed}: {}", run.stderr);
            assert!(!run.stderr.contains("YYYY-MM-DD"), "{}", run.stderr);
            assert_eq!(file(&project), VALID, "{args:?} with {typed} changed the file");
        }
    }
    // The day-first reading is never mistaken for a year of 31.
    let run = Project::new().run(&["add", "--no-input", "--name", "X", "--started", "31-13-2025"]);
    assert!(run.stderr.contains("there is no month 13"), "{}", run.stderr);
    assert!(!run.stderr.contains("the year 31"), "{}", run.stderr);
}

#[test]
fn the_guided_add_reads_the_same_forms_and_names_the_fault() {
    for form in &FORMS[1..] {
        let project = Project::new();
        let mut answers = proposed_answers();
        answers[7] = Answer::Choose(2); // status: exiting
        let tail = answers.split_off(answers.len() - 2);
        answers.truncate(answers.len() - case_answers().len());
        answers.push(text("")); // joined: not known
        answers.extend([
            Answer::Choose(2), // reason: priorities-changed
            Answer::Choose(6), // Done (after the six reasons)
            text("Loss of influence."),
            text("Keep officer contact."),
            Answer::Choose(0),
            text("31/02/2026"),  // refused: no such day
            text("20/04/20266"), // refused: a slip in the year
            text(form),
            Answer::No,
        ]);
        answers.extend(tail);
        answers.push(SAVE);
        let (run, prompter) = guided(&project, answers, &[]);
        assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
        let refusals: Vec<&String> = prompter
            .transcript
            .iter()
            .filter(|t| t.starts_with("! ") && t.contains("is not a date"))
            .collect();
        assert_eq!(refusals.len(), 2, "{refusals:#?}");
        assert!(
            refusals[0].contains(FAULTS[0].1) && refusals[0].contains(SHOWN),
            "{}",
            refusals[0]
        );
        assert!(refusals[1].contains(FAULTS[2].1), "{}", refusals[1]);
        let t: toml::Table =
            toml::from_str(&std::fs::read_to_string(project.path("register/guided-partnership.toml")).unwrap())
                .unwrap();
        assert_eq!(t["exit"]["approved_on"].to_string(), "2026-03-31", "{form}");
    }
}
