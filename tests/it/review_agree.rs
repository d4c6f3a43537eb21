//! The review pack and `check` tell the same story: a review dated after
//! the as-of date is not done in either, `review --record` refuses such a
//! date unless told, decisions to follow up (renegotiate, exit) are in the
//! pack's attention list, and the exit strategy is judged by `check` alone.

use serde_json::Value;

use crate::support::{AS_OF, Project, VALID, codes, diagnostics};

/// The pack for 2026 as JSON, as of [`AS_OF`].
fn pack(project: &Project) -> Value {
    let run = project.run(&["review", "--year", "2026", "--format", "json", "--as-of", AS_OF]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

/// The reasons (kind, message) the pack gives for partnership `id`.
fn reasons(pack: &Value, id: &str) -> Vec<(String, String)> {
    pack["attention"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["id"] == id)
        .map(|a| {
            (
                a["kind"].as_str().unwrap().to_string(),
                a["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_review_dated_after_the_as_of_date_is_not_done_in_the_pack_as_in_check() {
    let project = Project::new();
    project.write(
        "register/a.toml",
        VALID.replacen("date = 2026-06-15", "date = 2026-12-31", 1),
    );
    let (_, report) = project.check_json(&[]);
    assert_eq!(codes(&report), ["review-overdue"], "{report:#}");
    let words = format!("the review dated 2026-12-31 is after {AS_OF}, so check its date");
    let told = diagnostics(&report)[0]["message"].as_str().unwrap().to_string();
    assert!(told.contains(&words), "{told}");

    let p = pack(&project);
    assert_eq!(p["partnerships"][0]["reviewed_this_year"], false, "{p:#}");
    assert_eq!(p["summary"]["reviews_recorded"], 0, "{p:#}");
    let not_reviewed: Vec<_> = reasons(&p, "a")
        .into_iter()
        .filter(|(k, _)| k == "not-reviewed")
        .collect();
    assert_eq!(not_reviewed.len(), 1, "{p:#}");
    assert_eq!(not_reviewed[0].1, format!("no review recorded for 2026: {words}"));

    // The human formats say it too, where they said "Done".
    let table = project.run(&["review", "--year", "2026", "--as-of", AS_OF, "--wide"]);
    assert_eq!(table.code, 0, "{}", table.stderr);
    assert!(!table.stdout.contains("Done"), "{}", table.stdout);
    assert!(
        table.stdout.contains("Not done: the review dated 2026-12-31"),
        "{}",
        table.stdout
    );
    let md = project.run(&["review", "--year", "2026", "--as-of", AS_OF, "--format", "markdown"]);
    assert!(md.stdout.contains(&format!("Not done: {words}")), "{}", md.stdout);

    // From its date on, it is done in both.
    let later = project.run(&["check", "--format", "json", "--as-of", "2027-01-05"]);
    let report: Value = serde_json::from_str(&later.stdout).unwrap();
    assert!(codes(&report).is_empty(), "{report:#}");
    let later = project.run(&["review", "--year", "2026", "--format", "json", "--as-of", "2027-01-05"]);
    let later: Value = serde_json::from_str(&later.stdout).unwrap();
    assert_eq!(later["partnerships"][0]["reviewed_this_year"], true, "{later:#}");
}

#[test]
fn record_refuses_a_date_after_today_unless_allowed() {
    let project = Project::new();
    let text = VALID.replacen("year = 2026\ndate = 2026-06-15", "year = 2025\ndate = 2025-06-15", 1);
    project.write("register/a.toml", &text);
    let record = |extra: &[&str]| {
        let mut args = vec![
            "review",
            "--year",
            "2026",
            "--as-of",
            AS_OF,
            "--record",
            "a",
            "--outcome",
            "renegotiate",
            "--reviewer",
            "CI&P Team",
            "--date",
            "31/12/2026",
        ];
        args.extend_from_slice(extra);
        project.run(&args)
    };
    let refused = record(&[]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains(&format!("--date 2026-12-31 is after today ({AS_OF})")),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("nothing was written"), "{}", refused.stderr);
    assert!(refused.stderr.contains("--allow-future-date"), "{}", refused.stderr);
    assert_eq!(std::fs::read_to_string(project.path("register/a.toml")).unwrap(), text);

    let allowed = record(&["--allow-future-date"]);
    assert_eq!(allowed.code, 0, "{}", allowed.stderr);
    assert!(
        allowed.stderr.contains("until then the pack shows it as not done"),
        "{}",
        allowed.stderr
    );
    assert!(
        std::fs::read_to_string(project.path("register/a.toml"))
            .unwrap()
            .contains("date = 2026-12-31")
    );
    // A date on or before today needs no leave.
    let today = project.run(&[
        "review",
        "--year",
        "2026",
        "--as-of",
        AS_OF,
        "--record",
        "a",
        "--outcome",
        "continue",
        "--reviewer",
        "CI&P Team",
        "--date",
        AS_OF,
        "--replace",
    ]);
    assert_eq!(today.code, 0, "{}", today.stderr);
    assert!(!today.stderr.contains("note:"), "{}", today.stderr);
}

#[test]
fn a_decision_to_renegotiate_or_exit_needs_attention() {
    let project = Project::new();
    project.write(
        "register/a.toml",
        VALID.replacen("outcome = \"continue\"", "outcome = \"renegotiate\"", 1),
    );
    project.write(
        "register/b.toml",
        VALID.replace("Test Waste Partnership", "Exit Partnership").replacen(
            "outcome = \"continue\"",
            "outcome = \"exit\"",
            1,
        ),
    );
    // Dated after the as-of date: not decided yet.
    project.write(
        "register/c.toml",
        VALID
            .replace("Test Waste Partnership", "Later Partnership")
            .replacen("outcome = \"continue\"", "outcome = \"renegotiate\"", 1)
            .replacen("date = 2026-06-15", "date = 2026-12-31", 1),
    );
    let p = pack(&project);
    let a = reasons(&p, "a");
    assert!(
        a.contains(&(
            "renegotiate".into(),
            "the 2026 review decided to renegotiate the council's part in the partnership, for CMT to follow up".into()
        )),
        "{a:?}"
    );
    let b = reasons(&p, "b");
    assert!(
        b.contains(&(
            "exit-decided".into(),
            "the 2026 review decided to exit, but the partnership is still active".into()
        )),
        "{b:?}"
    );
    assert!(!reasons(&p, "c").iter().any(|(k, _)| k == "renegotiate"), "{p:#}");
    let row = p["needs_attention"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "a")
        .unwrap();
    assert_eq!(row["priority"], "medium", "{row:#}");
}

#[test]
fn the_exit_strategy_is_judged_by_check_alone() {
    let project = Project::new();
    let exiting = VALID.replace("status = \"active\"", "status = \"exiting\"");
    // No approval yet: the format has no rule against it, so neither check
    // nor the pack reports it.
    project.write(
        "register/a.toml",
        format!("{exiting}\n[exit]\nreasons = [\"funding-ended\"]\nrisks = \"Few.\"\ncontrols = \"Notice given.\"\n"),
    );
    // No exit strategy at all: check's error, which the pack passes on.
    project.write(
        "register/b.toml",
        exiting.replace("Test Waste Partnership", "No Exit Partnership"),
    );
    let (_, report) = project.check_json(&[]);
    let found: Vec<(String, String)> = diagnostics(&report)
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [("register/b.toml".to_string(), "missing-exit".to_string())],
        "{report:#}"
    );

    let run = project.run(&["review", "--year", "2026", "--format", "json", "--as-of", AS_OF]);
    assert_eq!(run.code, 1, "the pack includes a file with errors: {}", run.stderr);
    let p: Value = serde_json::from_str(&run.stdout).unwrap();
    // The matrix's "review" (medium and medium) is the only reason left.
    let kinds = |id| -> Vec<String> { reasons(&p, id).into_iter().map(|(k, _)| k).collect() };
    assert_eq!(kinds("a"), ["review"], "{p:#}");
    assert_eq!(kinds("b"), ["file-errors", "review"], "{p:#}");
    assert!(reasons(&p, "b")[0].1.contains("needs an exit strategy"), "{p:#}");
}
