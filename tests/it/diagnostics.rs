//! One test per diagnostic code: a fixture that has exactly that fault, and
//! the code, line and column partreg reports for it. The expected place is
//! found by searching the fixture text, so each test states *where* the
//! fault is, not a number copied from the tool's output.

use partreg::diagnostic::Code;

use crate::support::{AS_OF, Project, VALID, diagnostics, position_of};

/// Writes `text` as `register/<id>.toml` in a fresh project, checks, and
/// asserts that `code` is reported at the first occurrence of `needle`
/// (or with no place when `needle` is `None`). Returns the finding.
pub(crate) fn expect(id: &str, text: &str, code: &str, needle: Option<&str>) -> serde_json::Value {
    let project = Project::new();
    project.write(&format!("register/{id}.toml"), text);
    let (_, report) = project.check_json(&[]);
    let found = diagnostics(&report)
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {report:#}"))
        .clone();
    assert_eq!(found["file"], format!("register/{id}.toml"));
    match needle {
        Some(needle) => {
            let (line, column) = position_of(text, needle);
            assert_eq!(
                (found["line"].as_u64(), found["column"].as_u64()),
                (Some(line), Some(column)),
                "{found:#}"
            );
        }
        None => assert!(found["line"].is_null(), "{found:#}"),
    }
    found
}

/// VALID with one replacement, which must apply.
pub(crate) fn with(from: &str, to: &str) -> String {
    assert!(VALID.contains(from), "{from:?} not in VALID");
    VALID.replacen(from, to, 1)
}

#[test]
fn the_valid_fixture_is_clean() {
    let project = Project::new();
    project.write("register/test-waste.toml", VALID);
    let (code, report) = project.check_json(&["--strict"]);
    assert_eq!(report["diagnostics"], serde_json::json!([]), "{report:#}");
    assert_eq!(code, 0);
}

#[test]
fn unreadable_file_too_large() {
    let big = format!("{VALID}\n# {}\n", "x".repeat(9 * 1024 * 1024));
    let d = expect("big", &big, "unreadable", None);
    assert!(d["message"].as_str().unwrap().contains("MB"));
}

#[test]
fn not_utf8() {
    let mut bytes = with("Shared contracts", "Shared contr\u{1}cts").into_bytes();
    let at = bytes.iter().position(|&b| b == 1).unwrap();
    bytes[at] = 0xFF;
    let project = Project::new();
    project.write("register/latin1.toml", &bytes);
    let (code, report) = project.check_json(&[]);
    let d = &diagnostics(&report)[0];
    assert_eq!((d["code"].as_str(), code), (Some("not-utf8"), 1));
    let text = String::from_utf8_lossy(&bytes);
    let (line, column) = position_of(&text, "\u{FFFD}");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(line), Some(column)));
}

#[test]
fn syntax() {
    let text = with(
        "lead_partner = \"Norfolk County Council\"",
        "lead_partner = Norfolk County Council",
    );
    expect("syntax", &text, "syntax", Some("Norfolk County Council\npartners"));
}

#[test]
fn syntax_duplicate_key() {
    let text = with("kind = \"operational\"", "kind = \"operational\"\nkind = \"strategic\"");
    let d = expect("dup", &text, "syntax", Some("kind = \"strategic\""));
    assert!(d["message"].as_str().unwrap().contains("duplicate key"));
}

#[test]
fn bad_date_impossible_day() {
    let text = with("started = 2015-04-01", "started = 2025-02-30");
    expect("feb30", &text, "bad-date", Some("2025-02-30"));
}

#[test]
fn bad_date_with_a_time() {
    let text = with("started = 2015-04-01", "started = 2015-04-01T09:00:00");
    expect("datetime", &text, "bad-date", Some("2015-04-01T09"));
}

#[test]
fn wrong_type() {
    let text = with("statutory = false", "statutory = \"no\"");
    let d = expect("wrong-type", &text, "wrong-type", Some("\"no\""));
    assert_eq!(d["key"], "statutory");
    assert!(d["hint"].as_str().unwrap().contains("false"));
}

#[test]
fn unknown_key_with_hint() {
    let text = with("lead_partner =", "lead_parter =");
    let d = expect("typo", &text, "unknown-key", Some("lead_parter"));
    assert_eq!(d["hint"], "did you mean `lead_partner`?");
}

#[test]
fn unknown_key_in_a_table() {
    let text = with("[risk]\n", "[risk]\nresource = \"low\"\n");
    let d = expect("resource", &text, "unknown-key", Some("resource ="));
    assert_eq!(d["key"], "risk.resource");
}

#[test]
fn bad_value() {
    let text = with("meeting_frequency = \"quarterly\"", "meeting_frequency = \"monthy\"");
    let d = expect("monthy", &text, "bad-value", Some("\"monthy\""));
    assert_eq!(d["hint"], "did you mean `monthly`?");
}

#[test]
fn bad_value_in_capitals() {
    let text = with("status = \"active\"", "status = \"Active\"");
    let d = expect("caps", &text, "bad-value", Some("\"Active\""));
    assert_eq!(d["hint"], "write `active` (lower case)");
}

#[test]
fn missing_key_points_at_line_one() {
    let text = with(
        "function = \"To plan and deliver household waste services jointly.\"\n",
        "",
    );
    let d = expect("no-function", &text, "missing-key", Some("#:schema"));
    assert_eq!(d["key"], "function");
}

#[test]
fn missing_key_in_a_table_points_at_its_header() {
    let text = with("name = \"Cllr Ann Brown\"\n", "");
    let d = expect("no-rep-name", &text, "missing-key", Some("[[representatives]]"));
    assert_eq!(d["key"], "representatives[0].name");
}

#[test]
fn missing_list_on_an_active_partnership() {
    let text = with(
        "objectives = [\"Raise recycling rates\", \"Cut contamination\"]",
        "objectives = []",
    );
    let d = expect("no-objectives", &text, "missing-key", Some("objectives = |[]"));
    assert_eq!(d["key"], "objectives");
}

#[test]
fn missing_overall_rating_on_an_active_partnership() {
    let text = with("overall = \"medium\"\n\n[value]", "\n[value]");
    let d = expect("no-overall", &text, "missing-key", Some("[risk]"));
    assert_eq!(d["key"], "risk.overall");
}

#[test]
fn an_empty_list_item_is_reported_once_at_its_place() {
    let text = with(
        "objectives = [\"Raise recycling rates\", \"Cut contamination\"]",
        "objectives = [\"Raise recycling rates\", \"\"]",
    );
    let d = expect("empty-item", &text, "missing-key", Some("rates\", |\"\"]"));
    assert_eq!(
        (d["key"].as_str(), d["message"].as_str()),
        (Some("objectives[1]"), Some("`objectives[1]` is empty"))
    );
    let project = Project::new();
    project.write("register/empty-item.toml", &text);
    assert_eq!(crate::support::codes(&project.check_json(&[]).1), ["missing-key"]);
}

#[test]
fn unlisted_priority_points_at_its_own_item() {
    let text = with("priorities = [\"P1\", \"P2\"]", "priorities = [\"P1\", \"P2\", \"P7\"]");
    let d = expect("p7", &text, "unlisted-priority", Some("\"P7\""));
    assert_eq!(d["key"], "priorities[2]");
}

#[test]
fn decimal_pounds_are_refused_with_the_rounded_figure() {
    let text = with("budget_contribution_gbp = 12000", "budget_contribution_gbp = 2000.50");
    let d = expect("pence", &text, "wrong-type", Some("2000.50"));
    assert_eq!(d["hint"], "round to whole pounds: 2001");
}

#[test]
fn a_single_table_where_a_list_of_tables_belongs() {
    let text = with("[[representatives]]", "[representatives]");
    let d = expect("single", &text, "wrong-type", Some("[representatives]"));
    assert_eq!(d["hint"], "head each one [[representatives]], with two square brackets");
}

#[test]
fn a_missing_key_in_a_list_of_tables_names_the_table() {
    let text = with("reviewer = \"CI&P Team\"\n", "");
    let d = expect("no-reviewer", &text, "missing-key", Some("[[reviews]]"));
    assert_eq!(d["message"], "`reviewer` is missing from the 1st [[reviews]] table");
}

#[test]
fn empty_required_text_is_missing() {
    let text = with(
        "exit_impact = \"Short-term disruption to recycling contracts.\"",
        "exit_impact = \"  \"",
    );
    expect("blank", &text, "missing-key", Some("\"  \""));
}

#[test]
fn out_of_range_integer() {
    let text = with(
        "budget_contribution_gbp = 12000",
        "budget_contribution_gbp = 99999999999999999999",
    );
    expect("huge", &text, "out-of-range", Some("99999999999999999999"));
}

#[test]
fn out_of_range_nan_and_infinity() {
    for bad in ["nan", "inf", "+inf", "-nan"] {
        let text = with("staff_hours_per_month = 6", &format!("staff_hours_per_month = {bad}"));
        expect(
            "nan",
            &text,
            "out-of-range",
            Some(&format!("staff_hours_per_month = |{bad}")),
        );
    }
}

#[test]
fn out_of_range_name_length() {
    let long = "A".repeat(201);
    let text = with("name = \"Test Waste Partnership\"", &format!("name = \"{long}\""));
    expect("long-name", &text, "out-of-range", Some(&format!("\"{long}")));
}

#[test]
fn hidden_characters() {
    let text = with(
        "name = \"Test Waste Partnership\"",
        "name = \"Test Waste\u{200B} Partnership\"",
    );
    let d = expect("zwsp", &text, "hidden-characters", Some("\"Test Waste\u{200B}"));
    assert!(
        d["message"].as_str().unwrap().ends_with("a zero-width space (U+200B)"),
        "{d:#}"
    );
}

#[test]
fn negative_money() {
    let text = with("budget_contribution_gbp = 12000", "budget_contribution_gbp = -5");
    expect("neg-money", &text, "negative", Some("-5"));
}

#[test]
fn negative_hours() {
    let text = with("staff_hours_per_month = 6", "staff_hours_per_month = -0.5");
    expect("neg-hours", &text, "negative", Some("-0.5"));
}

#[test]
fn bad_id() {
    let d = expect("Waste_Partnership", VALID, "bad-id", None);
    assert!(d["hint"].as_str().unwrap().contains("rename"));
}

#[test]
fn duplicate_id_across_folders() {
    let project = Project::new();
    project.write("register/a/waste.toml", VALID);
    project.write(
        "register/b/waste.toml",
        VALID.replace("Test Waste Partnership", "Other"),
    );
    let (code, report) = project.check_json(&[]);
    assert_eq!(
        (crate::support::codes(&report), code),
        (vec!["duplicate-id".to_string(); 2], 1)
    );
    let d = &diagnostics(&report)[1];
    assert_eq!(d["file"], "register/b/waste.toml");
    assert!(d["message"].as_str().unwrap().contains("register/a/waste.toml"));
}

#[test]
fn duplicate_name_ignores_case_and_spacing() {
    let project = Project::new();
    project.write("register/a.toml", VALID);
    let second = VALID.replace("\"Test Waste Partnership\"", "\"  test   WASTE partnership \"");
    project.write("register/b.toml", &second);
    let (_, report) = project.check_json(&[]);
    // Both files are told, each naming the other, so checking either one shows it.
    let found: Vec<(&str, &str)> = diagnostics(&report)
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("duplicate-name", "register/a.toml"),
            ("duplicate-name", "register/b.toml")
        ]
    );
    let d = &diagnostics(&report)[1];
    assert!(d["message"].as_str().unwrap().contains("register/a.toml"));
    let (line, column) = position_of(&second, "\"  test");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(line), Some(column)));
}

#[test]
fn term_before_appointed() {
    let text = with("term_ends = 2027-05-01", "term_ends = 2022-05-01");
    expect("term", &text, "term-before-appointed", Some("2022-05-01"));
}

#[test]
fn missing_exit() {
    let text = with("status = \"active\"", "status = \"exiting\"");
    expect("leaving", &text, "missing-exit", Some("\"exiting\""));
}

#[test]
fn exited_needs_approval_date() {
    let text = with("status = \"active\"", "status = \"exited\"")
        + "\n[exit]\nreasons = [\"funding-ended\"]\nrisks = \"Some.\"\ncontrols = \"Some.\"\n";
    let d = expect("exited", &text, "missing-key", Some("[exit]"));
    assert_eq!(d["key"], "exit.approved_on");
}

#[test]
fn exit_not_reviewed() {
    let text = with("status = \"active\"", "status = \"exited\"")
        + "\n[exit]\nrisks = \"Some.\"\ncontrols = \"Some.\"\napproved_by = \"cmt\"\napproved_on = 2026-01-10\nsignificant = true\nexecutive_reviewed = false\n";
    expect(
        "significant",
        &text,
        "exit-not-reviewed",
        Some("executive_reviewed = |false"),
    );
}

#[test]
fn wrong_approver() {
    let text = with("budgeted = true", "budgeted = false");
    let d = expect("unbudgeted", &text, "wrong-approver", Some("\"cmt\""));
    assert_eq!(d["key"], "approval.by");
}

#[test]
fn unlisted_priority() {
    let text = with("priorities = [\"P1\", \"P2\"]", "priorities = [\"P1\", \"P9\"]");
    let d = expect("p9", &text, "unlisted-priority", Some("\"P9\""));
    assert_eq!(d["key"], "priorities[1]");
}

#[test]
fn duplicate_review_year() {
    let text =
        format!("{VALID}\n[[reviews]]\nyear = 2026\ndate = 2026-07-01\nreviewer = \"CMT\"\noutcome = \"continue\"\n");
    let d = expect("twice", &text, "duplicate-review-year", Some("2026\ndate = 2026-07-01"));
    assert_eq!(d["key"], "reviews[1].year");
}

#[test]
fn review_overdue() {
    let text = with("date = 2026-06-15", "date = 2025-11-29");
    let d = expect("overdue", &text, "review-overdue", Some("[[reviews]]"));
    assert_eq!(d["severity"], "warning");
}

#[test]
fn the_twelve_months_run_from_the_day_after_a_year_ago() {
    let project = Project::new();
    project.write("register/edge.toml", with("date = 2026-06-15", "date = 2025-12-01"));
    let (_, report) = project.check_json(&[]);
    assert_eq!(report["warnings"], 0, "{report:#}");
    project.write("register/edge.toml", with("date = 2026-06-15", "date = 2025-11-30"));
    let (_, report) = project.check_json(&[]);
    assert_eq!(crate::support::codes(&report), ["review-overdue"]);
}

#[test]
fn a_review_dated_in_the_future_is_called_out() {
    let text = with("date = 2026-06-15", "date = 2027-03-10");
    let d = expect("future", &text, "review-overdue", Some("[[reviews]]"));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("the review dated 2027-03-10 is after 2026-11-30, so check its date"),
        "{d:#}"
    );
}

#[test]
fn term_expired() {
    let text = with("term_ends = 2027-05-01", "term_ends = 2026-11-29");
    expect("expired", &text, "term-expired", Some("2026-11-29"));
}

#[test]
fn no_reporting() {
    let text = with(
        "[reporting]\nfrequency = \"quarterly\"\nresponsible = \"Head of Waste\"\nreports_to = \"portfolio-holder\"\n",
        "",
    );
    expect("no-reporting", &text, "no-reporting", Some("\"active\""));
}

#[test]
fn no_approval() {
    let text = with(
        "[approval]\nby = \"cmt\"\ndate = 2015-03-01\nportfolio_holder = \"Cllr Pat Jones\"\n",
        "",
    );
    expect("no-approval", &text, "no-approval", Some("\"active\""));
}

#[test]
fn no_partners() {
    let text = with(
        "partners = [\"Norfolk County Council\", \"South Norfolk Council\"]",
        "partners = []",
    );
    expect("no-partners", &text, "no-partners", Some("partners = |[]"));
}

#[test]
fn rating_mismatch() {
    let text = with("overall = \"medium\"\n\n[value]", "overall = \"low\"\n\n[value]");
    let d = expect(
        "mismatch",
        &text,
        "rating-mismatch",
        Some("overall = |\"low\"\n\n[value]"),
    );
    assert_eq!(d["key"], "risk.overall");
}

#[test]
fn incomplete_assessment() {
    let text = with(
        "corporate_plan = \"high\"\ncost_reduction = \"medium\"\nexternal_funding = \"low\"\n",
        "",
    );
    let d = expect("thin", &text, "incomplete-assessment", Some("[value]"));
    assert_eq!(
        (d["key"].as_str(), d["severity"].as_str()),
        (Some("value"), Some("warning"))
    );
}

#[test]
fn uppercase_extension() {
    let project = Project::new();
    project.write("register/Old Forum.TOML", VALID);
    let (_, report) = project.check_json(&[]);
    let d = &diagnostics(&report)[0];
    assert_eq!(
        (d["code"].as_str(), d["file"].as_str()),
        (Some("uppercase-extension"), Some("register/Old Forum.TOML"))
    );
    assert!(d["line"].is_null());
    assert_eq!(report["files"], 0, "{report:#}");
}

/// A temporary file left by a stopped partreg is reported (it is hidden, so
/// before it was passed over in silence) and left where it is.
#[test]
fn leftover_temp_file() {
    let project = Project::new();
    project.write("register/a.toml", VALID);
    project.write("register/area/.partreg-b.toml-Ab12Cd.tmp", "name = \"Half");
    project.write("register/.hidden-notes.tmp", "not partreg's");
    let (code, report) = project.check_json(&[]);
    assert_eq!(code, 0, "a warning: {report:#}");
    let found: Vec<_> = diagnostics(&report)
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [(
            "leftover-temp-file",
            "register/area/.partreg-b.toml-Ab12Cd.tmp",
            "warning"
        )]
    );
    let d = &diagnostics(&report)[0];
    assert!(
        d["hint"]
            .as_str()
            .unwrap()
            .contains("delete it once no partreg is running"),
        "{d}"
    );
    assert_eq!(report["files"], 1, "{report:#}");
    assert!(
        project.path("register/area/.partreg-b.toml-Ab12Cd.tmp").exists(),
        "never deleted by check"
    );
}

#[test]
fn every_code_is_tested_here_and_documented() {
    let tests = concat!(include_str!("diagnostics.rs"), include_str!("part2.rs"));
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagnostics.md")).unwrap();
    for code in Code::ALL {
        let quoted = format!("\"{}\"", code.as_str());
        assert!(tests.matches(&quoted).count() >= 1, "no test for {}", code.as_str());
        assert!(
            docs.contains(&format!("## `{}`", code.as_str())),
            "{} is not in docs/diagnostics.md",
            code.as_str()
        );
    }
    assert_eq!(AS_OF, "2026-11-30");
}

#[test]
fn confusable_name_with_a_cyrillic_letter() {
    let project = Project::new();
    project.write("register/a.toml", VALID);
    let second = VALID.replace("\"Test Waste Partnership\"", "\"Test W\u{430}ste Partnership\"");
    project.write("register/b.toml", &second);
    let (code, report) = project.check_json(&[]);
    assert_eq!(code, 1);
    let d = diagnostics(&report)
        .iter()
        .find(|d| d["code"] == "confusable-name" && d["file"] == "register/b.toml")
        .unwrap_or_else(|| panic!("{report:#}"));
    assert!(d["message"].as_str().unwrap().contains("register/a.toml"));
    let (line, column) = position_of(&second, "\"Test W\u{430}ste");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(line), Some(column)));
}

#[test]
fn reserved_id() {
    let d = expect("aux", VALID, "reserved-id", None);
    assert_eq!(d["severity"], "warning");
    assert!(d["hint"].as_str().unwrap().contains("aux-partnership.toml"), "{d:#}");
}

#[test]
fn placeholder() {
    let text = VALID.replace("\"Test Waste Partnership\"", "\"Example Community Safety Partnership\"");
    let d = expect("example", &text, "placeholder", Some("\"Example Community"));
    assert_eq!(d["severity"], "warning");
    assert!(d["hint"].as_str().unwrap().contains("partreg add"), "{d:#}");
}
