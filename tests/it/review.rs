//! `partreg review --year`: a fixture register with known answers for every
//! column and summary figure, every format, changes since a git revision,
//! recording outcomes, and `--output` that never overwrites by accident.

use std::process::Command;

use serde_json::{Value, json};

use crate::support::{AS_OF, Project, VALID, run_in};

const REVIEW_2026: &str = "[[reviews]]\nyear = 2026\ndate = 2026-06-15\nreviewer = \"CI&P Team\"\noutcome = \"continue\"\nnotes = \"Performing well.\"\n";

/// Three partnerships in scope and one exited:
/// - alpha: active, reviewed for 2026; medium risk and value → review.
/// - beta: active, last reviewed for 2025; £60,000 and 10.5 hours; an
///   appointment ending 1 February 2027, inside the review year.
/// - gamma: proposed, value all low → consider-exit.
/// - delta: exited, left out unless --all.
fn fixture() -> Project {
    let project = Project::new();
    project.write(
        "register/alpha.toml",
        VALID.replace("Test Waste Partnership", "Alpha Partnership"),
    );
    let beta = VALID
        .replace("Test Waste Partnership", "Beta Partnership")
        .replace("staff_hours_per_month = 6", "staff_hours_per_month = 10.5")
        .replace("budget_contribution_gbp = 12000", "budget_contribution_gbp = 60000")
        .replace("term_ends = 2027-05-01", "term_ends = 2027-02-01")
        .replace(
            REVIEW_2026,
            "[[reviews]]\nyear = 2025\ndate = 2025-12-15\nreviewer = \"CI&P Team\"\noutcome = \"renegotiate\"\n",
        );
    assert!(beta.contains("year = 2025"));
    project.write("register/beta.toml", beta);
    let value_low = "[value]\ncorporate_plan = \"low\"\ncost_reduction = \"low\"\nexternal_funding = \"low\"\nreputation = \"low\"\nservice_delivery = \"low\"\noverall = \"low\"\n";
    let start = VALID.find("[value]").unwrap();
    let end = VALID.find("[reporting]").unwrap();
    let gamma = format!("{}{value_low}\n{}", &VALID[..start], &VALID[end..])
        .replace("Test Waste Partnership", "Gamma Partnership")
        .replace("status = \"active\"", "status = \"proposed\"")
        .replace("staff_hours_per_month = 6", "staff_hours_per_month = 2")
        .replace("budget_contribution_gbp = 12000", "budget_contribution_gbp = 0")
        .replace(REVIEW_2026, "");
    project.write("register/gamma.toml", gamma);
    let delta = VALID
        .replace("Test Waste Partnership", "Delta Partnership")
        .replace("status = \"active\"", "status = \"exited\"")
        + "\n[exit]\nreasons = [\"outcomes-achieved\"]\nrisks = \"Few.\"\ncontrols = \"None needed.\"\napproved_by = \"cmt\"\napproved_on = 2025-03-01\n";
    project.write("register/delta.toml", delta);
    let (code, report) = project.check_json(&[]);
    assert_eq!(code, 0, "the fixture must be valid: {report:#}");
    project
}

fn pack(project: &Project, extra: &[&str]) -> Value {
    let mut args = vec!["review", "--year", "2026", "--format", "json", "--as-of", AS_OF];
    args.extend_from_slice(extra);
    let run = project.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn every_summary_figure() {
    let p = pack(&fixture(), &[]);
    assert_eq!(
        (p["council"].as_str(), p["year"].as_i64(), p["as_of"].as_str()),
        (Some("Test District Council"), Some(2026), Some(AS_OF))
    );
    assert_eq!(p["year_end"], "2027-03-31");
    let s = &p["summary"];
    assert_eq!(s["partnerships"], 3);
    assert_eq!(
        s["by_status"],
        json!({"proposed": 1, "active": 2, "exiting": 0, "exited": 0, "declined": 0})
    );
    assert_eq!(s["by_risk"], json!({"high": 0, "medium": 3, "low": 0, "unrated": 0}));
    assert_eq!(s["by_value"], json!({"high": 0, "medium": 2, "low": 1, "unrated": 0}));
    assert_eq!(s["total_contribution_gbp"], 72_000);
    assert_eq!(s["staff_hours_per_month"], 18.5);
    assert_eq!(s["staff_hours_per_year"], 222.0);
    assert_eq!(
        (s["reviews_recorded"].as_u64(), s["reviews_due"].as_u64()),
        (Some(1), Some(2))
    );
    let cells = s["matrix"].as_array().unwrap();
    let cell = |value: &str, risk: &str| {
        cells
            .iter()
            .find(|c| c["value"] == value && c["risk"] == risk)
            .unwrap()
            .clone()
    };
    assert_eq!(cell("medium", "medium")["ids"], json!(["alpha", "beta"]));
    assert_eq!(cell("low", "medium")["ids"], json!(["gamma"]));
    assert_eq!(cell("low", "medium")["recommendation"], "consider-exit");
    assert_eq!(cells.iter().map(|c| c["count"].as_u64().unwrap()).sum::<u64>(), 3);
    assert_eq!(p["changes"], Value::Null);
}

#[test]
fn every_column_of_a_row() {
    let p = pack(&fixture(), &[]);
    let rows = p["partnerships"].as_array().unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["alpha", "beta", "gamma"], "sorted, exited left out");
    let beta = &rows[1];
    assert_eq!(
        *beta,
        json!({
            "id": "beta",
            "name": "Beta Partnership",
            "lead_partner": "Norfolk County Council",
            "status": "active",
            "status_label": "Active",
            "role": "influence",
            "role_label": "Influence",
            "staff_hours_per_month": 10.5,
            "budget_contribution_gbp": 60000,
            "risk_computed": "medium",
            "risk_recorded": "medium",
            "risk_label": "Medium",
            "value_computed": "medium",
            "value_recorded": "medium",
            "value_label": "Medium",
            "recommendation": "review",
            "recommendation_label": "Review",
            "reviewed_this_year": false,
            "last_review_year": 2025,
            "last_review_outcome": "renegotiate",
            "last_review_outcome_label": "Renegotiate",
            "appointments_ending": [{"name": "Cllr Ann Brown", "level": "member", "term_ends": "2027-02-01", "expired": false}],
            "reporting": {"frequency": "quarterly", "responsible": "Head of Waste", "reports_to": ["portfolio-holder"]},
            "reporting_label": "Quarterly, by Head of Waste, to Portfolio Holder",
            "warnings": [],
            "budget_gbp": null,
            "budget_in_principle": null,
            "open_concerns": []
        })
    );
    assert_eq!(rows[0]["reviewed_this_year"], true);
    assert_eq!(rows[0]["appointments_ending"], json!([]));
    assert_eq!(rows[2]["recommendation"], "consider-exit");
    assert_eq!(rows[2]["last_review_year"], Value::Null);
}

#[test]
fn the_attention_list_is_sorted_by_severity() {
    let p = pack(&fixture(), &[]);
    let items: Vec<(String, String, String)> = p["attention"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["severity"].as_str().unwrap().into(),
                a["id"].as_str().unwrap().into(),
                a["kind"].as_str().unwrap().into(),
            )
        })
        .collect();
    let expected = [
        ("high", "gamma", "consider-exit"),
        // beta's 2025 review decided to renegotiate: CMT to follow it up.
        ("medium", "beta", "renegotiate"),
        ("medium", "beta", "not-reviewed"),
        ("medium", "alpha", "review"),
        ("medium", "beta", "review"),
        ("medium", "beta", "appointment-expiring"),
        // gamma is a proposal with no Appendix C answers (check's new-partnership-unassessed).
        ("medium", "gamma", "appendix-c"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| ((*a).into(), (*b).into(), (*c).into()))
        .collect();
    assert_eq!(items, expected);
}

#[test]
fn expired_appointments_rating_differences_and_missing_data_need_attention() {
    let project = Project::new();
    let text = VALID
        .replace("term_ends = 2027-05-01", "term_ends = 2026-10-01")
        .replace("overall = \"medium\"\n\n[value]", "overall = \"high\"\nrationale = \"CMT view.\"\n\n[value]")
        .replace("[reporting]\nfrequency = \"quarterly\"\nresponsible = \"Head of Waste\"\nreports_to = \"portfolio-holder\"\n", "");
    project.write("register/x.toml", &text);
    let p = pack(&project, &[]);
    let kinds: Vec<&str> = p["attention"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    // The recorded High risk with Medium value makes the matrix say review.
    assert_eq!(
        kinds,
        ["appointment-expired", "review", "rating-differs", "data-missing"]
    );
    assert!(
        p["partnerships"][0]["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().starts_with("no-reporting:"))
    );
}

#[test]
fn all_includes_exited_and_declined() {
    let p = pack(&fixture(), &["--all"]);
    assert_eq!(p["summary"]["partnerships"], 4);
    assert_eq!(p["summary"]["by_status"]["exited"], 1);
}

#[test]
fn the_review_year_end_can_be_set() {
    let project = fixture();
    project.write(
        "partreg.toml",
        format!("review_year_end = \"12-31\"\n{}", crate::support::SETTINGS),
    );
    let p = pack(&project, &[]);
    assert_eq!(p["year_end"], "2026-12-31");
    assert_eq!(
        p["partnerships"][1]["appointments_ending"],
        json!([]),
        "1 February 2027 is after the calendar year"
    );
    project.write(
        "partreg.toml",
        format!("review_year_end = \"13-40\"\n{}", crate::support::SETTINGS),
    );
    let run = project.run(&["review", "--year", "2026"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is not a month and day"), "{}", run.stderr);
}

fn bundled(format: &str) -> String {
    let run = run_in(
        env!("CARGO_MANIFEST_DIR").as_ref(),
        &["review", "--year", "2026", "--as-of", AS_OF, "--format", format],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn table_format() {
    let out = bundled("table");
    assert!(out.lines().all(|l| l.chars().count() <= 100), "fits 100 columns");
    insta::assert_snapshot!(out);
}

#[test]
fn csv_format() {
    let out = bundled("csv");
    let header = out.lines().next().unwrap();
    assert_eq!(
        header,
        format!("\u{FEFF}{}", partreg::render::review::CSV_COLUMNS.join(","))
    );
    assert!(out.contains(",2850000,"), "money as a plain number: {out}");
    insta::assert_snapshot!(out);
}

#[test]
fn json_format() {
    insta::assert_snapshot!(bundled("json"));
}

#[test]
fn markdown_format() {
    let out = bundled("markdown");
    assert!(out.starts_with("# Breckland Council: Partnership Register annual review 2026\n"));
    insta::assert_snapshot!(out);
}

#[test]
fn html_format_is_a_real_table_and_grid() {
    let out = bundled("html");
    assert!(!out.contains("<script"), "no scripts");
    assert!(
        !out.contains("http://") && !out.contains("https://"),
        "nothing fetched from outside"
    );
    assert!(out.contains("@page { size: A4"));
    let dom = tl::parse(&out, tl::ParserOptions::default()).unwrap();
    let parser = dom.parser();
    let matrix = dom
        .query_selector("table.matrix")
        .unwrap()
        .next()
        .expect("a matrix table")
        .get(parser)
        .unwrap();
    let cells: Vec<_> = matrix.as_tag().unwrap().query_selector(parser, "td").unwrap().collect();
    assert_eq!(cells.len(), 9, "a 3 × 3 grid");
    let counts: u64 = cells
        .iter()
        .map(|c| {
            let tag = c.get(parser).unwrap().as_tag().unwrap();
            let count = tag.attributes().get("data-count").flatten().unwrap().as_utf8_str();
            count.parse::<u64>().unwrap()
        })
        .sum();
    assert_eq!(counts, 14, "every partnership in scope is counted once");
    let class_of = |c: &tl::NodeHandle| {
        c.get(parser)
            .unwrap()
            .as_tag()
            .unwrap()
            .attributes()
            .class()
            .map(|k| k.as_utf8_str().into_owned())
            .unwrap_or_default()
    };
    let consider = cells.iter().filter(|c| class_of(c) == "consider-exit").count();
    assert_eq!(
        consider, 1,
        "a cell that holds partnerships is coloured by its recommendation"
    );
    let empty: Vec<_> = cells.iter().filter(|c| class_of(c) == "empty").collect();
    assert_eq!(empty.len(), 4, "the cells with no partnership are quiet");
    for c in empty {
        let text = c.get(parser).unwrap().inner_text(parser);
        assert!(text.starts_with('–'), "{text}");
    }
    let text = matrix.inner_text(parser);
    for words in [
        "Retain and manage the risk",
        "Consider exit",
        "Norfolk Parking Partnership",
    ] {
        assert!(text.contains(words), "the matrix names {words}: {text}");
    }
    assert!(!text.contains("retain-manage-risk"), "{text}");
    let table = dom
        .query_selector("table.partnerships")
        .unwrap()
        .next()
        .expect("a partnerships table")
        .get(parser)
        .unwrap();
    let table = table.as_tag().unwrap();
    let rows = table.query_selector(parser, "tr").unwrap().count();
    assert_eq!(rows, 1 + 14, "a header row and one row per partnership");
    let headers = table.query_selector(parser, "th").unwrap().count();
    assert_eq!(headers, 10, "narrow enough for portrait A4");
    insta::assert_snapshot!(out);
}

#[test]
fn output_writes_a_file_and_never_overwrites_without_force() {
    let project = fixture();
    let run = project.run(&[
        "review",
        "--year",
        "2026",
        "--format",
        "html",
        "--output",
        "pack.html",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    let first = std::fs::read_to_string(project.path("pack.html")).unwrap();
    assert!(first.starts_with("<!DOCTYPE html>"));
    project.write("pack.html", "my notes");
    let refused = project.run(&["review", "--year", "2026", "--output", "pack.html"]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("already exists"), "{}", refused.stderr);
    assert_eq!(std::fs::read_to_string(project.path("pack.html")).unwrap(), "my notes");
    let forced = project.run(&[
        "review",
        "--year",
        "2026",
        "--format",
        "markdown",
        "--output",
        "pack.html",
        "--force",
    ]);
    assert_eq!(forced.code, 0);
    assert!(
        std::fs::read_to_string(project.path("pack.html"))
            .unwrap()
            .starts_with("# ")
    );
    let names: Vec<_> = std::fs::read_dir(project.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        !names.iter().any(|n| n.to_string_lossy().ends_with(".tmp")),
        "no temporary files: {names:?}"
    );
}

#[test]
fn record_appends_a_review_keeping_every_byte() {
    let project = fixture();
    let before = std::fs::read_to_string(project.path("register/beta.toml")).unwrap();
    let run = project.run(&[
        "review",
        "--year",
        "2026",
        "--record",
        "beta",
        "--outcome",
        "Renegotiate",
        "--reviewer",
        "CI&P Team",
        "--date",
        "2026-11-20",
        "--notes",
        "Terms to be renegotiated.",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("Recorded the 2026 review of Beta Partnership"),
        "{}",
        run.stderr
    );
    let after = std::fs::read_to_string(project.path("register/beta.toml")).unwrap();
    assert_eq!(
        after,
        format!(
            "{before}\n[[reviews]]\nyear = 2026\ndate = 2026-11-20\nreviewer = \"CI&P Team\"\noutcome = \"renegotiate\"\nnotes = \"Terms to be renegotiated.\"\n"
        )
    );
    let p = pack(&project, &[]);
    assert_eq!(p["summary"]["reviews_recorded"], 2);
}

#[test]
fn record_refuses_a_second_review_for_the_year_unless_replace() {
    let project = fixture();
    let before = std::fs::read_to_string(project.path("register/alpha.toml")).unwrap();
    let args = [
        "review",
        "--year",
        "2026",
        "--record",
        "alpha",
        "--outcome",
        "exit",
        "--reviewer",
        "CMT",
        "--date",
        "2026-11-21",
    ];
    let refused = project.run(&args);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("already has a review for 2026"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        std::fs::read_to_string(project.path("register/alpha.toml")).unwrap(),
        before
    );
    let mut replace = args.to_vec();
    replace.push("--replace");
    let run = project.run(&replace);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read_to_string(project.path("register/alpha.toml")).unwrap();
    assert!(
        after.contains("year = 2026\ndate = 2026-11-21\nreviewer = \"CMT\"\noutcome = \"exit\"\n"),
        "{after}"
    );
    assert!(
        !after.contains("Performing well."),
        "the old notes went with the old review"
    );
    assert_eq!(after.lines().count(), before.lines().count() - 1);
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(
        changed.len(),
        3,
        "only date, reviewer and outcome lines changed: {changed:?}"
    );
}

#[test]
fn record_checks_its_input() {
    let project = fixture();
    let bad_outcome = project.run(&[
        "review",
        "--year",
        "2026",
        "--record",
        "beta",
        "--outcome",
        "stay",
        "--reviewer",
        "CMT",
    ]);
    assert_eq!(bad_outcome.code, 2);
    assert!(bad_outcome.stderr.contains("--outcome"), "{}", bad_outcome.stderr);
    let no_reviewer = project.run(&["review", "--year", "2026", "--record", "beta", "--outcome", "continue"]);
    assert_eq!(no_reviewer.code, 2);
    let unknown = project.run(&[
        "review",
        "--year",
        "2026",
        "--record",
        "zeta",
        "--outcome",
        "continue",
        "--reviewer",
        "CMT",
    ]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("no partnership with the id \"zeta\""),
        "{}",
        unknown.stderr
    );
}

/// Runs git in the project, with a fixed identity.
fn git(project: &Project, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(project.dir.path())
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn since_lists_what_was_added_removed_and_changed() {
    let project = fixture();
    git(&project, &["init", "-q"]);
    git(&project, &["add", "-A"]);
    git(&project, &["commit", "-q", "-m", "2025 register"]);
    git(&project, &["tag", "review-2025"]);
    // A later commit, then working-tree changes: both count.
    std::fs::remove_file(project.path("register/gamma.toml")).unwrap();
    git(&project, &["commit", "-q", "-am", "gamma left"]);
    project.write(
        "register/epsilon.toml",
        VALID.replace("Test Waste Partnership", "Epsilon Partnership"),
    );
    let beta = std::fs::read_to_string(project.path("register/beta.toml")).unwrap();
    project.write(
        "register/beta.toml",
        beta.replace("budget_contribution_gbp = 60000", "budget_contribution_gbp = 110000")
            .replace("name = \"Cllr Ann Brown\"", "name = \"Cllr Bea Green\"")
            .replace(
                "overall = \"medium\"\n\n[value]",
                "overall = \"high\"\nrationale = \"Costs rose.\"\n\n[value]",
            ),
    );
    let p = pack(&project, &["--since", "review-2025"]);
    let c = &p["changes"];
    assert_eq!(c["since"], "review-2025");
    assert_eq!(c["added"], json!([{"id": "epsilon", "name": "Epsilon Partnership"}]));
    assert_eq!(c["removed"], json!([{"id": "gamma", "name": "Gamma Partnership"}]));
    let changed = c["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 1, "{changed:#?}");
    assert_eq!(changed[0]["id"], "beta");
    let fields = &changed[0]["fields"];
    assert_eq!(fields["budget_contribution_gbp"], json!({"old": 60000, "new": 110000}));
    assert_eq!(fields["risk.overall"], json!({"old": "medium", "new": "high"}));
    assert!(
        fields.get("risk.computed").is_none(),
        "£110,000 lifts the resource criterion, not the mean: {fields:#}"
    );
    assert_eq!(
        fields["representatives"],
        json!({"old": ["Cllr Ann Brown (member)"], "new": ["Cllr Bea Green (member)"]})
    );
    let status = Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(project.dir.path())
        .output()
        .unwrap();
    let status = String::from_utf8_lossy(&status.stdout);
    assert!(
        status.contains("register/beta.toml") && status.contains("register/epsilon.toml"),
        "the working tree is untouched: {status}"
    );
    let table = project.run(&["review", "--year", "2026", "--as-of", AS_OF, "--since", "review-2025"]);
    assert!(
        table
            .stdout
            .contains("changed: Beta Partnership: contribution £60,000 → £110,000"),
        "{}",
        table.stdout
    );
    // By name and in words: no ids or tokens in the human formats.
    for words in [
        "added: Epsilon Partnership",
        "removed: Gamma Partnership",
        "changed: Beta Partnership: recorded risk Medium → High",
    ] {
        assert!(table.stdout.contains(words), "{words}: {}", table.stdout);
    }
}

#[test]
fn since_says_clearly_when_it_cannot_compare() {
    let project = fixture();
    let no_repo = project.run(&["review", "--year", "2026", "--since", "review-2025"]);
    assert_eq!(no_repo.code, 2);
    assert!(no_repo.stderr.contains("not in a git repository"), "{}", no_repo.stderr);
    git(&project, &["init", "-q"]);
    git(&project, &["add", "-A"]);
    git(&project, &["commit", "-q", "-m", "first"]);
    let bad_rev = project.run(&["review", "--year", "2026", "--since", "no-such-tag"]);
    assert_eq!(bad_rev.code, 2);
    assert!(
        bad_rev.stderr.contains("\"no-such-tag\" is not a revision"),
        "{}",
        bad_rev.stderr
    );
}

#[cfg(unix)]
#[test]
fn since_is_not_misled_by_a_file_name_with_a_newline() {
    // Before, `git cat-file --batch` was asked by path, one per line, so
    // this name split into two requests and every later answer shifted by
    // one: beta was read as empty and reported as "added".
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let project = fixture();
    project.write(
        "register/beta\nold.toml",
        VALID.replace("Test Waste Partnership", "Odd Partnership"),
    );
    git(&project, &["init", "-q"]);
    git(&project, &["add", "-A"]);
    git(&project, &["commit", "-q", "-m", "2025 register"]);
    git(&project, &["tag", "review-2025"]);
    git(&project, &["rm", "-q", "register/beta\nold.toml"]);
    git(&project, &["commit", "-q", "-m", "odd file gone"]);
    let p = pack(&project, &["--since", "review-2025"]);
    let c = &p["changes"];
    assert_eq!(c["added"], json!([]), "{c:#}");
    assert_eq!(c["changed"], json!([]), "{c:#}");
    let removed: Vec<&str> = c["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(removed.iter().all(|n| *n == "Odd Partnership"), "{removed:?}");
}

/// Without `--since`, `review` sheds the text its pack never shows as each
/// file is loaded (to save memory); with `--since` it keeps whole entries
/// to compare them. The pack must be the same either way: every row,
/// figure, warning and attention item, with `--all` so that exited
/// partnerships and their exit strategies are in it too.
#[test]
fn the_pack_is_the_same_whether_unshown_text_is_shed_or_kept() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let project = fixture();
    git(&project, &["init", "-q"]);
    git(&project, &["add", "-A"]);
    git(&project, &["commit", "-q", "-m", "register"]);
    let mut shed = pack(&project, &["--all"]);
    let mut kept = pack(&project, &["--all", "--since", "HEAD"]);
    assert_eq!(shed["changes"], Value::Null);
    assert_eq!(kept["changes"]["changed"], json!([]), "{:#}", kept["changes"]);
    shed.as_object_mut().unwrap().remove("changes");
    kept.as_object_mut().unwrap().remove("changes");
    assert_eq!(shed["partnerships"].as_array().unwrap().len(), 4);
    assert_eq!(shed, kept);
}
