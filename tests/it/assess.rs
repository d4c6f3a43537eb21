//! `partreg assess` and the Appendix B rules of `check`: scoring at every
//! boundary, each method, coverage, replaced and broken rubrics, the matrix,
//! every output format, and edits that keep the file as it was written.

use serde_json::Value;

use crate::support::{AS_OF, Project, VALID, codes, run_with};

/// VALID with its `[risk]` criteria, contribution and hours replaced.
fn entry(pounds: u64, hours: f64, risk: &str, value: &str) -> String {
    let start = VALID.find("[risk]").unwrap();
    let end = VALID.find("[reporting]").unwrap();
    let mut text = format!(
        "{}[risk]\n{risk}\n\n[value]\n{value}\n\n{}",
        &VALID[..start],
        &VALID[end..]
    );
    text = text.replace(
        "budget_contribution_gbp = 12000",
        &format!("budget_contribution_gbp = {pounds}"),
    );
    text.replace("staff_hours_per_month = 6", &format!("staff_hours_per_month = {hours}"))
}

const VALUE_MEDIUM: &str = "corporate_plan = \"medium\"\ncost_reduction = \"medium\"\nexternal_funding = \"medium\"\nreputation = \"medium\"\nservice_delivery = \"medium\"";

/// The assessment JSON of one entry written from `text`.
fn assess_one(text: &str) -> Value {
    let project = Project::new();
    project.write("register/x.toml", text);
    let run = project.run(&["assess", "x", "--format", "json", "--as-of", AS_OF]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let all: Value = serde_json::from_str(&run.stdout).unwrap();
    all["partnerships"][0].clone()
}

#[test]
fn pound_boundaries_at_the_low_rounding_edge() {
    // Five recorded risk criteria scoring 1+1+2+2+1 = 7, plus the resource
    // criterion: Low resource gives 8/6 = 1.33 (Low); Medium gives exactly
    // 9/6 = 1.5, which rounds half up to Medium.
    let risk = "time_commitment = \"low\"\nfailure_impact = \"low\"\npriority_impact = \"medium\"\nreputation = \"medium\"\nadministration = \"low\"";
    for (pounds, resource, computed) in [
        (0, "low", "low"),
        (49_999, "low", "low"),
        (50_000, "medium", "medium"),
        (100_000, "medium", "medium"),
    ] {
        let a = assess_one(&entry(pounds, 6.0, risk, VALUE_MEDIUM));
        assert_eq!(a["risk"]["criteria"]["resource"]["level"], resource, "£{pounds}");
        assert_eq!(a["risk"]["criteria"]["resource"]["source"], "derived");
        assert_eq!(a["risk"]["computed"], computed, "£{pounds}");
    }
}

#[test]
fn pound_boundaries_at_the_high_rounding_edge() {
    // Recorded 3+2+2+2+3 = 12: Medium resource gives 14/6 = 2.33 (Medium);
    // High resource gives exactly 15/6 = 2.5, which rounds up to High.
    let risk = "time_commitment = \"high\"\nfailure_impact = \"medium\"\npriority_impact = \"medium\"\nreputation = \"medium\"\nadministration = \"high\"";
    for (pounds, resource, computed, score) in [(100_000, "medium", "medium", 2.33), (100_001, "high", "high", 2.5)] {
        let a = assess_one(&entry(pounds, 6.0, risk, VALUE_MEDIUM));
        assert_eq!(a["risk"]["criteria"]["resource"]["level"], resource, "£{pounds}");
        assert_eq!(
            (a["risk"]["computed"].as_str(), a["risk"]["score"].as_f64()),
            (Some(computed), Some(score)),
            "£{pounds}"
        );
    }
}

#[test]
fn hour_thresholds_derive_the_time_commitment() {
    let risk = "failure_impact = \"medium\"\npriority_impact = \"medium\"";
    for (hours, level) in [
        (0.0, "low"),
        (3.99, "low"),
        (4.0, "medium"),
        (14.9, "medium"),
        (15.0, "high"),
        (60.0, "high"),
    ] {
        let a = assess_one(&entry(0, hours, risk, VALUE_MEDIUM));
        let time = &a["risk"]["criteria"]["time_commitment"];
        assert_eq!(
            (time["level"].as_str(), time["source"].as_str()),
            (Some(level), Some("derived")),
            "{hours} hours"
        );
    }
    // A recorded time commitment wins over the hours.
    let a = assess_one(&entry(
        0,
        60.0,
        "time_commitment = \"low\"\nfailure_impact = \"medium\"",
        VALUE_MEDIUM,
    ));
    assert_eq!(
        a["risk"]["criteria"]["time_commitment"],
        serde_json::json!({"level": "low", "source": "recorded"})
    );
}

#[test]
fn coverage_below_half_is_incomplete_on_each_side() {
    // Risk: resource and derived time count, so 2 of 6 without any recorded.
    let a = assess_one(&entry(0, 6.0, "", VALUE_MEDIUM));
    assert_eq!(
        (a["risk"]["computed"].as_str(), a["value"]["computed"].as_str()),
        (Some("incomplete"), Some("medium"))
    );
    assert_eq!(
        a["recommendation"],
        Value::Null,
        "no recorded overall: no recommendation"
    );
    let a = assess_one(&entry(0, 6.0, "failure_impact = \"low\"", VALUE_MEDIUM));
    assert_eq!(a["risk"]["computed"], "low", "3 of 6 is half: enough");
    // Value: 4 of 9 is under half, 5 is enough.
    let four =
        "corporate_plan = \"high\"\ncost_reduction = \"high\"\nexternal_funding = \"high\"\nreputation = \"high\"";
    let a = assess_one(&entry(0, 6.0, "failure_impact = \"low\"", four));
    assert_eq!(a["value"]["computed"], "incomplete");
    assert_eq!(a["value"]["score"], 3.0);
}

#[test]
fn an_incomplete_side_warns_and_its_recorded_rating_stands() {
    let project = Project::new();
    let text = entry(
        0,
        6.0,
        "overall = \"high\"",
        &format!("{VALUE_MEDIUM}\noverall = \"medium\""),
    );
    project.write("register/x.toml", &text);
    let (code, report) = project.check_json(&[]);
    assert_eq!((code, codes(&report)), (0, vec!["incomplete-assessment".to_string()]));
    let d = &report["diagnostics"][0];
    assert_eq!(d["key"], "risk");
    assert!(
        d["message"].as_str().unwrap().contains("only 2 of the 6 risk criteria"),
        "{d:#}"
    );
    let run = project.run(&["assess", "x", "--format", "json"]);
    let a: Value = serde_json::from_str::<Value>(&run.stdout).unwrap()["partnerships"].clone();
    assert_eq!(
        (a[0]["risk"]["recorded"].as_str(), a[0]["recommendation"].as_str()),
        (Some("high"), Some("review"))
    );
}

#[test]
fn a_recorded_rating_that_differs_needs_a_rationale() {
    let project = Project::new();
    let text = VALID.replace("overall = \"medium\"\n\n[value]", "overall = \"high\"\n\n[value]");
    project.write("register/x.toml", &text);
    let (code, report) = project.check_json(&[]);
    assert_eq!((code, codes(&report)), (1, vec!["rating-mismatch".to_string()]));
    let d = &report["diagnostics"][0];
    let (line, column) = crate::support::position_of(&text, "overall = |\"high\"");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64(), d["key"].as_str()),
        (Some(line), Some(column), Some("risk.overall"))
    );
    project.write(
        "register/x.toml",
        text.replace(
            "overall = \"high\"",
            "overall = \"high\"\nrationale = \"CMT judged the risk higher.\"",
        ),
    );
    assert_eq!(project.check_json(&[]).0, 0);
}

#[test]
fn every_matrix_cell_gives_its_recommendation() {
    let expected = [
        ("high", "low", "retain"),
        ("high", "medium", "retain"),
        ("high", "high", "retain-manage-risk"),
        ("medium", "low", "retain"),
        ("medium", "medium", "review"),
        ("medium", "high", "review"),
        ("low", "low", "review"),
        ("low", "medium", "consider-exit"),
        ("low", "high", "consider-exit"),
    ];
    for (value, risk, recommendation) in expected {
        let text = entry(
            0,
            6.0,
            &format!("overall = \"{risk}\"\nrationale = \"Set for the test.\""),
            &format!("overall = \"{value}\"\nrationale = \"Set for the test.\""),
        );
        let a = assess_one(&text);
        assert_eq!(a["recommendation"], recommendation, "value {value}, risk {risk}");
    }
}

/// A project whose partreg.toml points at a changed copy of the rubric.
fn with_rubric(change: impl Fn(&str) -> String) -> Project {
    let project = Project::new();
    project.write("criteria.yaml", change(partreg::policy::rubric::DEFAULT_RUBRIC));
    project.write(
        "partreg.toml",
        format!("rubric = \"criteria.yaml\"\n{}", crate::support::SETTINGS),
    );
    project
}

#[test]
fn a_replaced_rubric_changes_the_ratings() {
    let text = entry(
        20_000,
        6.0,
        "failure_impact = \"low\"\npriority_impact = \"low\"",
        VALUE_MEDIUM,
    );
    assert_eq!(assess_one(&text)["risk"]["criteria"]["resource"]["level"], "low");
    let project = with_rubric(|r| {
        r.replace("high_above: 100000", "high_above: 15000")
            .replace("medium_from: 50000", "medium_from: 10000")
    });
    project.write("register/x.toml", &text);
    let run = project.run(&["assess", "--format", "json"]);
    let a: Value = serde_json::from_str::<Value>(&run.stdout).unwrap()["partnerships"].clone();
    assert_eq!(a[0]["risk"]["criteria"]["resource"]["level"], "high");
}

#[test]
fn each_method_combines_differently() {
    // Risk levels: resource low, time low (1 hour), then low, low, high:
    // mean 7/5 = 1.4 (Low), highest High, most common Low.
    let risk = "failure_impact = \"low\"\npriority_impact = \"low\"\nreputation = \"high\"";
    let text = entry(0, 1.0, risk, VALUE_MEDIUM);
    for (method, computed) in [("mean", "low"), ("max", "high"), ("majority", "low")] {
        let project = with_rubric(|r| r.replace("method: mean", &format!("method: {method}")));
        project.write("register/x.toml", &text);
        let run = project.run(&["assess", "--format", "json"]);
        let a: Value = serde_json::from_str::<Value>(&run.stdout).unwrap()["partnerships"].clone();
        assert_eq!(a[0]["risk"]["computed"], computed, "{method}");
    }
}

#[test]
fn a_broken_rubric_stops_the_run_naming_the_line() {
    let line_of = |needle: &str| crate::support::position_of(partreg::policy::rubric::DEFAULT_RUBRIC, needle).0;
    let pounds = format!(
        "criteria.yaml:{}: the pound thresholds are out of order",
        line_of("medium_from: 50000")
    );
    let hours = format!(
        "criteria.yaml:{}: the hour thresholds are out of order",
        line_of("medium_from: 4")
    );
    type Change<'a> = &'a dyn Fn(&str) -> String;
    let cases: [(&str, Change<'_>, &str); 5] = [
        (
            "thresholds out of order",
            &|r: &str| r.replace("medium_from: 50000", "medium_from: 150000"),
            &pounds,
        ),
        (
            "hours out of order",
            &|r: &str| r.replace("medium_from: 4", "medium_from: 40"),
            &hours,
        ),
        (
            "a matrix cell missing",
            &|r: &str| r.replace("    high: retain-manage-risk\n", ""),
            "the matrix cell for high value and high risk is missing",
        ),
        (
            "a bad recommendation",
            &|r: &str| r.replace("high: consider-exit", "high: leave"),
            "\"leave\" is not a recommendation",
        ),
        (
            "malformed YAML",
            &|r: &str| r.replace("coverage: 0.5", "coverage: [0.5"),
            "criteria.yaml:",
        ),
    ];
    for (what, change, expected) in cases {
        let project = with_rubric(change);
        project.write("register/x.toml", VALID);
        let run = project.run(&["check"]);
        assert_eq!(run.code, 2, "{what}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{what}: {}", run.stderr);
    }
}

#[test]
fn a_rubric_with_an_unknown_criterion_is_refused() {
    let project = with_rubric(|r| r.replace("key: administration", "key: admin"));
    project.write("register/x.toml", VALID);
    let run = project.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("\"admin\" is not a risk criterion"),
        "{}",
        run.stderr
    );
}

fn bundled(args: &[&str]) -> crate::support::Run {
    crate::support::run_in(env!("CARGO_MANIFEST_DIR").as_ref(), args)
}

#[test]
fn table_output() {
    let run = bundled(&["assess", "--as-of", AS_OF]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn csv_output() {
    let run = bundled(&["assess", "--all", "--format", "csv", "--as-of", AS_OF]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .starts_with("\u{FEFF}id,name,status,risk_computed,risk_recorded,risk_score,")
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn json_output() {
    let run = bundled(&[
        "assess",
        "norfolk-waste-partnership",
        "better-broadband-for-norfolk",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn explain_output() {
    let run = bundled(&["assess", "norfolk-rivers-internal-drainage-board", "--explain"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Rationale: "));
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn matrix_outputs() {
    let table = bundled(&["assess", "--matrix", "--names"]);
    insta::assert_snapshot!("matrix_table", table.stdout);
    let csv = bundled(&["assess", "--matrix", "--format", "csv"]);
    insta::assert_snapshot!("matrix_csv", csv.stdout);
    let json = bundled(&["assess", "--matrix", "--format", "json", "--all"]);
    let doc: Value = serde_json::from_str(&json.stdout).unwrap();
    let total: u64 = doc["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64().unwrap())
        .sum();
    assert_eq!(total as usize + doc["unplaced"].as_array().unwrap().len(), 17);
    insta::assert_snapshot!("matrix_json", json.stdout);
}

#[test]
fn default_selection_and_all() {
    let run = bundled(&["assess", "--format", "json"]);
    let ids: Vec<String> = serde_json::from_str::<Value>(&run.stdout).unwrap()["partnerships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["status"].as_str().unwrap().to_string())
        .collect();
    assert!(
        ids.iter()
            .all(|s| ["proposed", "active", "exiting"].contains(&s.as_str()))
    );
    let all = bundled(&["assess", "--all", "--format", "json"]);
    assert_eq!(
        serde_json::from_str::<Value>(&all.stdout).unwrap()["partnerships"]
            .as_array()
            .unwrap()
            .len(),
        17
    );
}

#[test]
fn an_unknown_id_cannot_run_and_suggests_one() {
    let run = bundled(&["assess", "norfolk-wast"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean norfolk-waste-partnership?"),
        "{}",
        run.stderr
    );
}

#[test]
fn files_with_errors_are_left_out_and_named() {
    let project = Project::new();
    project.write("register/ok.toml", VALID);
    project.write("register/bad.toml", "name = 1\n");
    let run = project.run(&["assess", "--format", "json"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("register/bad.toml"), "{}", run.stderr);
    assert_eq!(
        serde_json::from_str::<Value>(&run.stdout).unwrap()["partnerships"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

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
