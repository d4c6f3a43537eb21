//! Recording Appendix B ratings with `partreg assess`: `--set` and
//! `--interactive` edits that change only what they are asked to, keep the
//! file as it was written, refuse bad edits byte for byte, and never quietly
//! replace a deliberate overall rating.

use crate::support::{AS_OF, Project, VALID, run_with};

const COMMENTED: &str = r#"#:schema ../schemas/partnership.schema.json

# Heavily commented, oddly laid out: an edit must keep every byte of this.
name     =   "Test Waste Partnership"   # aligned by hand
lead_partner = "Norfolk County Council"
partners = [
    "Norfolk County Council",   # the lead
    "South Norfolk Council",
]
status = "active"
function = """
To plan and deliver household waste services jointly.
"""
objectives = ["Raise recycling rates"]
kind = "operational"
statutory = false
governance = "formal-legal"
role = "influence"
meeting_frequency = "quarterly"
priorities = ["P1"]
staff_hours_per_month = 6
budget_contribution_gbp = 12000
exit_impact = "Short-term disruption."
value_summary = "Shared contracts."
information_sharing = "Minutes go to the portfolio holder."

[[representatives]]
name = "Cllr Ann Brown"
level = "member"

# --- Appendix B ---
[risk]
failure_impact  = "medium"    # agreed at CMT
priority_impact = "medium"

reputation      = "low"       # local press only
administration  = "medium"
overall         = "medium"    # see minutes

[value]   # value criteria
corporate_plan = "high"
cost_reduction = "medium"
external_funding = "low"
reputation = "medium"
service_delivery = "high"
overall = "medium"

[reporting]
frequency = "quarterly"

[approval]
by = "cmt"

[[reviews]]
year = 2026
date = 2026-06-15
reviewer = "CI&P Team"
outcome = "continue"
# trailing comment
"#;

#[test]
fn an_edit_changes_only_the_edited_values() {
    let project = Project::new();
    project.write("register/commented.toml", COMMENTED);
    let run = project.run(&[
        "assess",
        "commented",
        "--set",
        "risk.reputation=HIGH",
        "--set",
        "value.external_funding=medium",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read_to_string(project.path("register/commented.toml")).unwrap();
    let changed: Vec<(&str, &str)> = COMMENTED.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(
        changed,
        [
            (
                "reputation      = \"low\"       # local press only",
                "reputation      = \"high\"       # local press only"
            ),
            ("external_funding = \"low\"", "external_funding = \"medium\""),
        ]
    );
    assert_eq!(COMMENTED.lines().count(), after.lines().count());
    insta::assert_snapshot!(after);
    assert!(run.stderr.contains("risk.reputation = high"), "{}", run.stderr);
    // The new recommendation in the policy's words, as the table gives it.
    let now = run
        .stderr
        .lines()
        .find(|l| l.starts_with("Now: "))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    let said = now.rsplit("recommendation ").next().unwrap().trim_end_matches('.');
    assert!(
        ["Retain", "Retain and manage the risk", "Review", "Consider exit"].contains(&said),
        "{now}"
    );
    assert_eq!(
        std::fs::read_dir(project.path("register")).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn an_edit_adding_a_key_and_a_rationale() {
    let project = Project::new();
    project.write("register/commented.toml", COMMENTED);
    let run = project.run(&[
        "assess",
        "commented",
        "--set",
        "risk.overall=high",
        "--rationale",
        "Flood risk judged higher by CMT.",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read_to_string(project.path("register/commented.toml")).unwrap();
    assert!(
        after.contains(
            "overall         = \"high\"    # see minutes\nrationale = \"Flood risk judged higher by CMT.\"\n"
        ),
        "{after}"
    );
    assert_eq!(project.check_json(&[]).0, 0);
}

#[test]
fn refused_edits_leave_the_file_byte_identical() {
    let project = Project::new();
    project.write("register/commented.toml", COMMENTED);
    let refusals: [&[&str]; 7] = [
        &["--set", "risk.reputation=very"],
        &["--set", "risk.resource=high"],
        &["--set", "risk.reputaton=high"],
        &["--set", "value.failure_impact=low"],
        &["--set", "risk.overall=high"],
        &["--set", "risk.reputation=high", "--rationale", "no overall given"],
        &["--set", "risk.overall=low", "--rationale", "   "],
    ];
    for extra in refusals {
        let mut args = vec!["assess", "commented"];
        args.extend_from_slice(extra);
        let run = project.run(&args);
        assert_eq!(run.code, 2, "{extra:?}: {}", run.stderr);
        assert_eq!(
            std::fs::read_to_string(project.path("register/commented.toml")).unwrap(),
            COMMENTED,
            "{extra:?}"
        );
    }
    let mismatch = project.run(&["assess", "commented", "--set", "risk.overall=high"]);
    assert!(
        mismatch.stderr.contains("error[rating-mismatch]") && mismatch.stderr.contains("was not written"),
        "{}",
        mismatch.stderr
    );
    // The officer is using --set: the hint names the flags that fix it,
    // not the line to type in the file.
    for flags in [
        "--set risk.rationale=\"…\"",
        "--rationale \"…\"",
        "or --set risk.overall=",
    ] {
        assert!(mismatch.stderr.contains(flags), "{flags}: {}", mismatch.stderr);
    }
    assert!(!mismatch.stderr.contains("under [risk]"), "{}", mismatch.stderr);
    assert_eq!(
        std::fs::read_dir(project.path("register")).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn an_edit_needs_one_valid_entry() {
    let project = Project::new();
    project.write("register/a.toml", VALID);
    project.write(
        "register/b.toml",
        VALID
            .replace("Test Waste", "Other")
            .replace("kind = \"operational\"", "kind = \"x\""),
    );
    let two = project.run(&["assess", "a", "register/b", "--set", "risk.reputation=high"]);
    assert_eq!(two.code, 2);
    let broken = project.run(&["assess", "b", "--set", "risk.reputation=high"]);
    assert_eq!(broken.code, 2);
    assert!(broken.stderr.contains("has errors"), "{}", broken.stderr);
}

#[test]
fn interactive_without_a_terminal_names_the_flags() {
    let project = Project::new();
    project.write("register/a.toml", VALID);
    let run = project.run(&["assess", "a", "--interactive"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--set risk.reputation=high"), "{}", run.stderr);
}

#[test]
fn interactive_walks_each_criterion_and_writes_the_answers() {
    use partreg::terminal::prompt::{Answer, Scripted};
    let project = Project::new();
    project.write("register/a.toml", VALID);
    // Risk: time, failure, priority, reputation, administration (resource is
    // never asked); then value's nine; then both overall ratings.
    let mut answers = vec![
        Answer::Choose(3),
        Answer::Choose(0),
        Answer::Choose(3),
        Answer::Choose(0),
        Answer::Choose(3),
    ];
    answers.extend(std::iter::repeat_n(Answer::Choose(3), 9));
    // Risk overall: keep Medium (computed medium: 1+2+3+2+3+2=13/6=2.17); value overall: keep.
    answers.extend([Answer::Choose(3), Answer::Choose(3), Answer::Yes]);
    let mut prompter = Scripted::new(answers);
    let run = run_with(
        project.dir.path(),
        &["assess", "a", "--interactive", "--as-of", AS_OF],
        Some(&mut prompter),
    );
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(prompter.finished());
    let after = std::fs::read_to_string(project.path("register/a.toml")).unwrap();
    assert!(
        after.contains("failure_impact = \"high\"") && after.contains("reputation = \"high\"\nadministration"),
        "{after}"
    );
    assert!(
        prompter
            .transcript
            .iter()
            .any(|t| t.contains("Impact if the partnership fails"))
    );
}

#[test]
fn interactive_cancel_writes_nothing() {
    use partreg::terminal::prompt::{Answer, Scripted};
    let project = Project::new();
    project.write("register/a.toml", VALID);
    let mut prompter = Scripted::new([Answer::Choose(0), Answer::Cancel]);
    let run = run_with(
        project.dir.path(),
        &["assess", "a", "--interactive"],
        Some(&mut prompter),
    );
    assert_eq!(run.code, 0);
    assert!(run.stderr.contains("Nothing was changed"));
    assert_eq!(std::fs::read_to_string(project.path("register/a.toml")).unwrap(), VALID);
}

#[test]
fn an_edit_is_not_blocked_by_an_error_the_file_already_had() {
    let project = Project::new();
    // Two overall ratings that differ from the computed ones, neither explained.
    let text = VALID
        .replace("overall = \"medium\"\n\n[value]", "overall = \"high\"\n\n[value]")
        .replace(
            "overall = \"medium\"\n\n[reporting]",
            "overall = \"high\"\n\n[reporting]",
        );
    project.write("register/two.toml", &text);
    assert_eq!(
        crate::support::codes(&project.check_json(&[]).1),
        ["rating-mismatch", "rating-mismatch"]
    );
    let run = project.run(&["assess", "two", "--set", "risk.overall=medium"]);
    assert_eq!(
        run.code, 0,
        "fixing one is allowed while the other remains: {}",
        run.stderr
    );
    assert_eq!(crate::support::codes(&project.check_json(&[]).1), ["rating-mismatch"]);
}

/// A file whose risk overall is a deliberate High (computed Medium), explained.
fn deliberate_high() -> String {
    VALID.replace(
        "overall = \"medium\"\n\n[value]",
        "overall = \"high\"\nrationale = \"Pension liability if it fails.\"\n\n[value]",
    )
}

/// Every criterion and both overall ratings answered with Enter, then the
/// rest of the script.
fn enter_through(
    rest: impl IntoIterator<Item = partreg::terminal::prompt::Answer>,
) -> Vec<partreg::terminal::prompt::Answer> {
    use partreg::terminal::prompt::Answer;
    // Five risk criteria (resource is never asked), nine value criteria.
    let mut answers = vec![Answer::Enter; 14];
    answers.extend(rest);
    answers
}

#[test]
fn interactive_enter_throughout_keeps_a_deliberate_overall_rating() {
    use partreg::terminal::prompt::{Answer, Scripted};
    let project = Project::new();
    let text = deliberate_high();
    project.write("register/a.toml", &text);
    let mut prompter = Scripted::new(enter_through([Answer::Enter, Answer::Enter]));
    let run = run_with(
        project.dir.path(),
        &["assess", "a", "--interactive", "--as-of", AS_OF],
        Some(&mut prompter),
    );
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(prompter.finished(), "{:#?}", prompter.transcript);
    assert!(run.stderr.contains("Nothing to change"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(project.path("register/a.toml")).unwrap(), text);
}

#[test]
fn interactive_moving_away_from_the_computed_rating_asks_why_showing_the_old_reason() {
    use partreg::terminal::prompt::{Answer, Scripted};
    let project = Project::new();
    project.write("register/a.toml", deliberate_high());
    // Risk overall: Low (computed Medium) -> asked why; value: keep.
    let mut prompter = Scripted::new(enter_through([
        Answer::Choose(2),
        Answer::Text("Mitigated by the new contract.".into()),
        Answer::Enter,
        Answer::Yes,
    ]));
    let run = run_with(
        project.dir.path(),
        &["assess", "a", "--interactive", "--as-of", AS_OF],
        Some(&mut prompter),
    );
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(prompter.finished(), "{:#?}", prompter.transcript);
    let t = &prompter.transcript;
    assert!(
        t.iter()
            .any(|l| l.contains("reason recorded now: Pension liability if it fails.")),
        "{t:#?}"
    );
    assert!(
        t.iter()
            .any(|l| l.contains("Why is the overall risk rating Low when the criteria give Medium?")),
        "{t:#?}"
    );
    let changes = t.iter().find(|l| l.contains("Changes:")).expect("a Changes list");
    assert!(changes.contains("risk.overall = low"), "{changes}");
    assert!(
        changes.contains("risk.rationale = \"Mitigated by the new contract.\""),
        "{changes}"
    );
    let after = std::fs::read_to_string(project.path("register/a.toml")).unwrap();
    assert!(
        after.contains("overall = \"low\"\nrationale = \"Mitigated by the new contract.\""),
        "{after}"
    );
}

#[test]
fn interactive_returning_to_the_computed_rating_offers_to_remove_the_old_reason() {
    use partreg::terminal::prompt::{Answer, Scripted};
    let project = Project::new();
    project.write("register/a.toml", deliberate_high());
    // Risk overall: Medium, what the criteria give; remove the reason (Enter: yes).
    let mut prompter = Scripted::new(enter_through([
        Answer::Choose(1),
        Answer::Enter,
        Answer::Enter,
        Answer::Yes,
    ]));
    let run = run_with(
        project.dir.path(),
        &["assess", "a", "--interactive", "--as-of", AS_OF],
        Some(&mut prompter),
    );
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(prompter.finished(), "{:#?}", prompter.transcript);
    let changes = prompter
        .transcript
        .iter()
        .find(|l| l.contains("Changes:"))
        .expect("a Changes list");
    assert!(changes.contains("risk.overall = medium"), "{changes}");
    assert!(changes.contains("risk.rationale removed"), "{changes}");
    let after = std::fs::read_to_string(project.path("register/a.toml")).unwrap();
    assert_eq!(after, VALID, "back to the file with no rationale");
    assert!(run.stderr.contains("risk.rationale removed"), "{}", run.stderr);
}

#[test]
fn interactive_returning_to_the_computed_rating_can_keep_the_old_reason() {
    use partreg::terminal::prompt::{Answer, Scripted};
    let project = Project::new();
    project.write("register/a.toml", deliberate_high());
    let mut prompter = Scripted::new(enter_through([
        Answer::Choose(1),
        Answer::No,
        Answer::Enter,
        Answer::Yes,
    ]));
    let run = run_with(
        project.dir.path(),
        &["assess", "a", "--interactive", "--as-of", AS_OF],
        Some(&mut prompter),
    );
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    let after = std::fs::read_to_string(project.path("register/a.toml")).unwrap();
    assert!(
        after.contains("overall = \"medium\"\nrationale = \"Pension liability if it fails.\""),
        "{after}"
    );
}

/// The keys `--set` takes are in `assess --help` and `--explain`, not only
/// in the error for a wrong one.
#[test]
fn the_set_keys_are_listed_in_help_and_explain() {
    let project = Project::new();
    project.write("register/commented.toml", COMMENTED);
    let help = crate::support::binary(&project.path(""), &["assess", "--help"]);
    let help = String::from_utf8(help.stdout).unwrap();
    let explain = project.run(&["assess", "commented", "--explain", "--as-of", AS_OF]);
    assert_eq!(explain.code, 0, "{}", explain.stderr);
    for text in [&help, &explain.stdout] {
        for key in [
            "risk.KEY: time_commitment,",
            "failure_impact,",
            "value.KEY: corporate_plan,",
            "cost_reduction,",
            "benefit_vs_investment,",
            "rationale",
        ] {
            assert!(text.contains(key), "{key}:\n{text}");
        }
        assert!(
            !text.contains("resource,"),
            "the resource criterion cannot be set:\n{text}"
        );
    }
    assert!(
        explain.stdout.contains("partreg assess commented --set risk.KEY=LEVEL"),
        "{}",
        explain.stdout
    );
}
