//! `partreg assess` and the Appendix B rules of `check`: scoring at every
//! boundary, each method, coverage, replaced and broken rubrics, the matrix,
//! every output format and files with errors (edits: `assess_edit.rs`).

use serde_json::Value;

use crate::support::{AS_OF, Project, VALID, codes};

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

#[test]
fn explain_names_the_rubric_it_reads_and_a_copy_it_does_not() {
    let project = Project::new();
    project.write("register/a.toml", VALID);
    let explain = |project: &Project| {
        let run = project.run(&["assess", "a", "--explain", "--as-of", AS_OF]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    let bare = explain(&project);
    assert!(bare.contains("Rated by the built-in rubric.\n"), "{bare}");
    assert!(!bare.contains("criteria.yaml"), "{bare}");
    // An unchanged copy (as `init` writes it) is the built-in rubric: no note.
    let builtin = include_str!("../../schemas/criteria.yaml");
    project.write("schemas/criteria.yaml", builtin.replace('\n', "\r\n"));
    assert_eq!(explain(&project), bare);
    // An edited copy rates nothing until partreg.toml names it, and says so.
    let edited = builtin.replacen("title: Time commitment", "title: Staff time", 1);
    project.write("schemas/criteria.yaml", &edited);
    let noted = explain(&project);
    assert!(
        noted.contains(
            "Rated by the built-in rubric.\nNote: schemas/criteria.yaml differs from the built-in rubric and is not used.\n  To rate by it, add rubric = \"schemas/criteria.yaml\" to partreg.toml.\n"
        ),
        "{noted}"
    );
    assert!(!noted.contains("Staff time"), "{noted}");
    project.write(
        "partreg.toml",
        format!("rubric = \"schemas/criteria.yaml\"\n{}", crate::support::SETTINGS),
    );
    let used = explain(&project);
    // (The path is as `Project::discover` loaded it, absolute.)
    let rated_by = used.lines().nth(1).unwrap();
    assert!(
        rated_by.starts_with("Rated by the rubric in ") && rated_by.ends_with("schemas/criteria.yaml."),
        "{used}"
    );
    assert!(!used.contains("Note:"), "{used}");
    assert!(used.contains("Staff time"), "{used}");
}
