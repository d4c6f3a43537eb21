//! Format Part 2 (representation, reporting, concerns and decisions): one
//! test per new rule, each with a fixture holding exactly that fault and
//! the place partreg must point at, plus the new keys read back clean.

use crate::diagnostics::{expect, with};
use crate::support::{Project, VALID, codes};

/// VALID with every Part 2 key filled in.
fn full() -> String {
    let text = with(
        "lead_officer = \"Head of Waste\"\n",
        "lead_officer = \"Head of Waste\"\nmember_places = 1\n",
    );
    let text = text.replacen(
        "roles = [\"report-to-council\", \"monitor-performance\"]\n",
        "roles = [\"report-to-council\", \"monitor-performance\"]\nterm = \"four-year\"\nappointed_by = \"council\"\n",
        1,
    );
    let text = text.replacen(
        "reports_to = \"portfolio-holder\"\n",
        "reports_to = [\"portfolio-holder\", \"scrutiny\"]\nlast_report = 2026-10-01\ndata = \"estimate\"\ncaveat = \"Tonnages are the partnership's own estimate.\"\n",
        1,
    );
    text.replacen(
        "notes = \"Performing well.\"\n",
        "notes = \"Performing well.\"\nbudget_gbp = 12500\nin_principle = true\n\n[case]\ngrounds = [\"synergy\", \"clear-benefit\"]\nsupports_corporate_policies = true\nbenefits_district = true\n\n[[concerns]]\nraised = 2026-09-01\nby = \"Head of Waste\"\nsummary = \"Contract renewal is late.\"\nescalated_to = \"Director of Place\"\nadvice = \"Ask for a timetable.\"\nstatus = \"closed\"\nclosed = 2026-10-15\n\n[[concerns]]\nraised = 2026-11-01\nby = \"Cllr Ann Brown\"\nsummary = \"Missed collections are rising.\"\nstatus = \"open\"\n",
        1,
    )
}

#[test]
fn every_new_key_reads_back_clean() {
    let project = Project::new();
    project.write("register/test-waste.toml", full());
    let (code, report) = project.check_json(&["--strict"]);
    assert_eq!(report["diagnostics"], serde_json::json!([]), "{report:#}");
    assert_eq!(code, 0);
    let run = project.run(&[
        "show",
        "test-waste",
        "--format",
        "json",
        "--as-of",
        crate::support::AS_OF,
    ]);
    let shown: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let e = &shown["entry"];
    assert_eq!(
        e["reporting"]["reports_to"],
        serde_json::json!(["portfolio-holder", "scrutiny"])
    );
    assert_eq!(e["member_places"], 1);
    assert_eq!(e["representatives"][0]["term"], "four-year");
    assert_eq!(e["reviews"][0]["budget_gbp"], 12500);
    assert_eq!(e["concerns"][1]["status"], "open");
    assert_eq!(e["case"]["grounds"][1], "clear-benefit");
}

#[test]
fn a_single_reports_to_is_an_array_in_json() {
    let project = Project::new();
    project.write("register/test-waste.toml", VALID);
    let run = project.run(&["list", "--format", "json", "--as-of", crate::support::AS_OF]);
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        rows["partnerships"][0]["reporting.reports_to"],
        serde_json::json!(["portfolio-holder"])
    );
    let run = project.run(&[
        "show",
        "test-waste",
        "--format",
        "json",
        "--as-of",
        crate::support::AS_OF,
    ]);
    let shown: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        shown["entry"]["reporting"]["reports_to"],
        serde_json::json!(["portfolio-holder"])
    );
}

#[test]
fn caveat_missing_for_an_estimate() {
    for data in ["estimate", "unverified"] {
        let text = with(
            "reports_to = \"portfolio-holder\"\n",
            &format!("reports_to = \"portfolio-holder\"\ndata = \"{data}\"\n"),
        );
        let d = expect("estimate", &text, "missing-key", Some(&format!("data = |\"{data}\"")));
        assert_eq!(d["key"], "reporting.caveat");
    }
    // Verified data needs no caveat.
    let project = Project::new();
    let text = with(
        "reports_to = \"portfolio-holder\"\n",
        "reports_to = \"cmt\"\ndata = \"verified\"\n",
    );
    project.write("register/verified.toml", text);
    assert_eq!(project.check_json(&["--strict"]).0, 0);
}

/// VALID with one concern raised on 2026-09-01, ending in `tail`.
fn concern(tail: &str) -> String {
    format!("{VALID}\n[[concerns]]\nraised = 2026-09-01\nby = \"Head of Waste\"\nsummary = \"Late.\"\n{tail}")
}

#[test]
fn closed_before_raised() {
    let text = concern("status = \"closed\"\nclosed = 2026-08-01\n");
    let d = expect("concern", &text, "closed-before-raised", Some("closed = |2026-08-01"));
    assert_eq!(d["key"], "concerns[0].closed");
    assert_eq!(d["severity"], "error");
}

#[test]
fn closed_while_open() {
    let text = concern("status = \"open\"\nclosed = 2026-10-01\n");
    let d = expect("concern", &text, "closed-while-open", Some("closed = |2026-10-01"));
    assert_eq!(d["key"], "concerns[0].closed");
}

#[test]
fn closed_concern_without_its_date() {
    let text = concern("status = \"closed\"\n");
    let d = expect("concern", &text, "missing-key", Some("status = |\"closed\""));
    assert_eq!(d["key"], "concerns[0].closed");
}

#[test]
fn member_places_out_of_range_and_negative_budget() {
    for bad in ["51", "-1"] {
        let text = with("lead_officer = ", &format!("member_places = {bad}\nlead_officer = "));
        expect(
            "places",
            &text,
            "out-of-range",
            Some(&format!("member_places = |{bad}")),
        );
    }
    let text = with(
        "notes = \"Performing well.\"\n",
        "notes = \"Performing well.\"\nbudget_gbp = -5\n",
    );
    let d = expect("budget", &text, "negative", Some("budget_gbp = |-5"));
    assert_eq!(d["key"], "reviews[0].budget_gbp");
}

/// An unbudgeted contribution of 5,000 on an entry with this status and
/// this approver line (empty for none).
fn unbudgeted(status: &str, by: &str) -> String {
    let text = with("budgeted = true", "budgeted = false");
    let text = text.replacen("status = \"active\"", &format!("status = \"{status}\""), 1);
    text.replacen("by = \"cmt\"\n", by, 1)
}

#[test]
fn unbudgeted_contributions_go_to_cabinet_or_the_executive() {
    for by in ["by = \"cabinet\"\n", "by = \"executive\"\n"] {
        let project = Project::new();
        project.write("register/test-waste.toml", unbudgeted("active", by));
        let (_, report) = project.check_json(&[]);
        assert!(!codes(&report).contains(&"wrong-approver".to_string()), "{report:#}");
    }
    let d = expect(
        "cmt",
        &unbudgeted("active", "by = \"cmt\"\n"),
        "wrong-approver",
        Some("by = |\"cmt\""),
    );
    assert!(d["message"].as_str().unwrap().contains("Cabinet"));
    // Exited entries are still judged; declined ones are not.
    expect(
        "gone",
        &unbudgeted("exited", ""),
        "wrong-approver",
        Some("budgeted = |false"),
    );
    let project = Project::new();
    project.write("register/no.toml", unbudgeted("declined", ""));
    let (_, report) = project.check_json(&[]);
    assert!(!codes(&report).contains(&"wrong-approver".to_string()), "{report:#}");
}

#[test]
fn cabinet_decision_needed() {
    let text = unbudgeted("proposed", "");
    let d = expect("proposed", &text, "cabinet-decision-needed", Some("budgeted = |false"));
    assert_eq!(d["severity"], "warning");
    // A proposed entry with a wrong approver is still an error.
    expect(
        "proposed",
        &unbudgeted("proposed", "by = \"council\"\n"),
        "wrong-approver",
        Some("by = |\"council\""),
    );
}

#[test]
fn report_date_future() {
    let text = with(
        "reports_to = \"portfolio-holder\"\n",
        "reports_to = \"portfolio-holder\"\nlast_report = 2027-01-10\n",
    );
    let d = expect("future", &text, "report-date-future", Some("last_report = |2027-01-10"));
    assert_eq!(d["severity"], "warning");
}

#[test]
fn no_lead_officer() {
    let text = with("lead_officer = \"Head of Waste\"\n", "");
    let d = expect("nolead", &text, "no-lead-officer", Some("status = |\"active\""));
    assert_eq!(d["key"], "lead_officer");
}

#[test]
fn role_not_clarified() {
    let text = with("roles = [\"report-to-council\", \"monitor-performance\"]\n", "");
    let d = expect(
        "noroles",
        &text,
        "role-not-clarified",
        Some("name = |\"Cllr Ann Brown\""),
    );
    assert_eq!(d["key"], "representatives[0].roles");
    let text = with("roles = [\"report-to-council\", \"monitor-performance\"]", "roles = []");
    expect("emptyroles", &text, "role-not-clarified", Some("roles = |[]"));
}

#[test]
fn vacant_place() {
    let text = with("lead_officer = ", "member_places = 2\nlead_officer = ");
    let d = expect("vacant", &text, "vacant-place", Some("member_places = |2"));
    assert!(d["message"].as_str().unwrap().contains("1 place is vacant"), "{d:#}");
    // A member whose term has ended does not fill the place.
    let text = with("lead_officer = ", "member_places = 1\nlead_officer = ").replacen(
        "term_ends = 2027-05-01",
        "term_ends = 2026-05-01",
        1,
    );
    expect("ended", &text, "vacant-place", Some("member_places = |1"));
    // Filled: no warning.
    let project = Project::new();
    project.write(
        "register/full.toml",
        with("lead_officer = ", "member_places = 1\nlead_officer = "),
    );
    assert_eq!(project.check_json(&["--strict"]).0, 0);
}

#[test]
fn report_overdue() {
    // Quarterly from 2026-08-31: due 2026-11-30 (clamped), not overdue on the 30th.
    let last = |date: &str| {
        with(
            "reports_to = \"portfolio-holder\"\n",
            &format!("reports_to = \"portfolio-holder\"\nlast_report = {date}\n"),
        )
    };
    let project = Project::new();
    project.write("register/due.toml", last("2026-08-31"));
    assert_eq!(project.check_json(&["--strict"]).0, 0);
    let d = expect(
        "late",
        &last("2026-08-29"),
        "report-overdue",
        Some("last_report = |2026-08-29"),
    );
    assert!(d["message"].as_str().unwrap().contains("2026-11-29"), "{d:#}");
    // Ad-hoc reporting is never overdue.
    let project = Project::new();
    project.write(
        "register/adhoc.toml",
        last("2020-01-01").replacen(
            "frequency = \"quarterly\"\nresponsible",
            "frequency = \"ad-hoc\"\nresponsible",
            1,
        ),
    );
    assert_eq!(project.check_json(&["--strict"]).0, 0);
}

#[test]
fn exit_decided() {
    let text = with("outcome = \"continue\"", "outcome = \"exit\"");
    let d = expect("leaving", &text, "exit-decided", Some("outcome = |\"exit\""));
    assert_eq!(d["key"], "reviews[0].outcome");
}

#[test]
fn new_partnership_unassessed() {
    let text = with("status = \"active\"", "status = \"proposed\"");
    let d = expect(
        "newone",
        &text,
        "new-partnership-unassessed",
        Some("status = |\"proposed\""),
    );
    assert!(d["message"].as_str().unwrap().contains("0 of the 24"), "{d:#}");
    let keys = partreg::model::Questions::KEYS;
    let answers: String = keys[..12].iter().map(|k| format!("{k} = \"Yes.\"\n")).collect();
    let project = Project::new();
    project.write("register/assessed.toml", format!("{text}\n[questions]\n{answers}"));
    let (_, report) = project.check_json(&[]);
    assert!(
        !codes(&report).contains(&"new-partnership-unassessed".to_string()),
        "{report:#}"
    );
}

#[test]
fn no_portfolio_holder() {
    let text = with("portfolio_holder = \"Cllr Pat Jones\"\n", "");
    let d = expect("nopfh", &text, "no-portfolio-holder", Some("by = |\"cmt\""));
    assert_eq!(d["key"], "approval.portfolio_holder");
}

#[test]
fn calendar_settings_are_read_and_checked() {
    let project = Project::new();
    project.write(
        "partreg.toml",
        format!(
            "{}\n[calendar]\nannual_council = [2027-05-20, 2026-05-21]\nelections = [2027-05-06]\n",
            crate::support::SETTINGS
        ),
    );
    project.write("register/test-waste.toml", VALID);
    assert_eq!(project.check_json(&["--strict"]).0, 0);
    project.write(
        "partreg.toml",
        format!(
            "{}\n[calendar]\nannual_council = [\"May\"]\nmeetings = []\n",
            crate::support::SETTINGS
        ),
    );
    let run = project.run(&["check", "--as-of", crate::support::AS_OF]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("calendar.annual_council[0]") || run.stderr.contains("date"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("meetings"), "{}", run.stderr);
}

#[test]
fn import_reads_the_part2_headings() {
    let project = Project::new();
    let csv = "Partnership Name,Lead Partner,Status,Role,Lead Officer,Places,BC Representative(s),Representative role(s),Term,Reports to,Last report\n\
        Test Forum,Norfolk County Council,proposed,influence,Head of Planning,2,Cllr Ann Brown (member),report-to-council; monitor-performance,annual,cmt; scrutiny,2026-10-01\n";
    project.write("old.csv", csv);
    let run = project.run(&["import", "old.csv", "--as-of", crate::support::AS_OF]);
    assert!(
        run.stdout.contains("imported") || run.stderr.contains("imported"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    let text = std::fs::read_to_string(project.path("register/test-forum.toml")).unwrap();
    let t: toml::Table = text.parse().unwrap();
    assert_eq!(
        t["role"].as_str(),
        Some("influence"),
        "plain Role stays the council's role"
    );
    assert_eq!(t["lead_officer"].as_str(), Some("Head of Planning"));
    assert_eq!(t["member_places"].as_integer(), Some(2));
    let rep = &t["representatives"][0];
    assert_eq!(rep["roles"].as_array().unwrap().len(), 2);
    assert_eq!(rep["term"].as_str(), Some("annual"));
    assert_eq!(t["reporting"]["reports_to"][1].as_str(), Some("scrutiny"));
    assert_eq!(t["reporting"]["last_report"].to_string(), "2026-10-01");
}

#[test]
fn show_prints_the_part2_keys_under_the_policy_headings() {
    let project = Project::new();
    project.write("register/test-waste.toml", full());
    let run = project.run(&["show", "test-waste", "--as-of", crate::support::AS_OF]);
    for expected in [
        "Council representation",
        "Lead Officer                 Head of Waste",
        "Places for Members           1",
        "Cllr Ann Brown (Member), Board member; term: Four-year, ends 2027-05-01; appointed by Council",
        "role: Report to Council; Monitor performance",
        "Reports to                   Portfolio Holder; Scrutiny",
        "Next report due              2027-01-01",
        "Caveat                       Tonnages are the partnership's own estimate.",
        "The case for joining",
        "budget for the coming year: £12,500 (in principle)",
        "Issues of concern",
        "1. 2026-09-01 raised by Head of Waste (closed 2026-10-15): Contract renewal is late.",
        // Labels, not tokens.
        "Meetings                     Quarterly",
    ] {
        assert!(run.stdout.contains(expected), "{expected:?} not in\n{}", run.stdout);
    }
}

#[test]
fn concerns_are_raised_and_closed_keeping_every_other_byte() {
    let project = Project::new();
    let original = VALID.replace("\n", "\r\n");
    project.write("register/test-waste.toml", &original);
    let raise = |summary: &str| {
        project.run(&[
            "concern",
            "test-waste",
            "--raise",
            summary,
            "--by",
            "Head of Waste",
            "--escalated-to",
            "Director of Place",
            "--as-of",
            crate::support::AS_OF,
        ])
    };
    let run = raise("Missed collections, again; \"urgent\"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read_to_string(project.path("register/test-waste.toml")).unwrap();
    assert!(after.starts_with(&original), "nothing before the new table changes");
    assert!(!after.replace("\r\n", "").contains('\n'), "CRLF kept");
    let (code, report) = project.check_json(&["--strict"]);
    assert_eq!(
        (code, report["diagnostics"].clone()),
        (0, serde_json::json!([])),
        "{report:#}"
    );
    // Close it: status and date set, the rest of the file as it was.
    let close = |n: &str| {
        project.run(&[
            "concern",
            "test-waste",
            "--close",
            n,
            "--date",
            "2026-12-01",
            "--as-of",
            crate::support::AS_OF,
        ])
    };
    let run = close("1");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let closed = std::fs::read_to_string(project.path("register/test-waste.toml")).unwrap();
    assert!(closed.starts_with(&original));
    let t: toml::Table = closed.parse().unwrap();
    let c = &t["concerns"][0];
    assert_eq!(
        (c["status"].as_str(), c["closed"].to_string().as_str()),
        (Some("closed"), "2026-12-01")
    );
    assert_eq!(c["summary"].as_str(), Some("Missed collections, again; \"urgent\""));
    // Closing it again, or a concern that is not there, changes nothing.
    for n in ["1", "2"] {
        let run = close(n);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert_eq!(
            std::fs::read_to_string(project.path("register/test-waste.toml")).unwrap(),
            closed
        );
    }
}

#[test]
fn a_closing_date_before_the_concern_was_raised_is_refused() {
    let project = Project::new();
    project.write("register/test-waste.toml", VALID);
    let run = project.run(&[
        "concern",
        "test-waste",
        "--raise",
        "Late",
        "--by",
        "Head of Waste",
        "--date",
        "2026-11-01",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = std::fs::read_to_string(project.path("register/test-waste.toml")).unwrap();
    let run = project.run(&["concern", "test-waste", "--close", "1", "--date", "2026-10-01"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("before it was raised"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(project.path("register/test-waste.toml")).unwrap(),
        before
    );
}

#[test]
fn review_record_takes_the_budget() {
    let project = Project::new();
    project.write("register/test-waste.toml", VALID);
    let record = |extra: &[&str]| {
        let mut args = vec![
            "review",
            "--year",
            "2027",
            "--record",
            "test-waste",
            "--outcome",
            "continue",
            "--reviewer",
            "CI&P Team",
            "--date",
            "2027-06-01",
            // A review dated after today needs leave (review_agree.rs).
            "--allow-future-date",
            "--as-of",
            crate::support::AS_OF,
        ];
        args.extend_from_slice(extra);
        project.run(&args)
    };
    let run = record(&["--budget", "£12,500", "--in-principle"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t: toml::Table = std::fs::read_to_string(project.path("register/test-waste.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let review = &t["reviews"][1];
    assert_eq!(
        (review["budget_gbp"].as_integer(), review["in_principle"].as_bool()),
        (Some(12_500), Some(true))
    );
    // Replacing it with a firm budget drops in_principle.
    let run = record(&["--replace", "--budget", "13000"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t: toml::Table = std::fs::read_to_string(project.path("register/test-waste.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let review = &t["reviews"][1];
    assert_eq!(
        (review["budget_gbp"].as_integer(), review.get("in_principle")),
        (Some(13_000), None)
    );
    assert_eq!(record(&["--replace", "--budget", "lots"]).code, 2);
}

#[test]
fn scripted_add_takes_the_part2_keys() {
    let project = Project::new();
    let run = crate::add::add(
        &project,
        "Thetford Town Forum",
        &[
            "--budgeted",
            "false",
            "--lead-officer",
            "Head of Place",
            "--member-places",
            "2",
            "--representative",
            "Cllr Ann Brown:member:Board member",
            "--representative-role",
            "community leader",
            "--representative-role",
            "report-to-council",
            "--representative-term",
            "annual",
            "--appointed-by",
            "annual-council",
            "--case-ground",
            "synergy",
            "--reports-to",
            "cmt, scrutiny",
            "--last-report",
            "2026-10-01",
            "--data",
            "estimate",
            "--caveat",
            "Footfall is estimated.",
            "--id",
            "forum",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = crate::add::read(&project, "register/forum.toml");
    let t: toml::Table = text.parse().unwrap();
    assert_eq!(t["lead_officer"].as_str(), Some("Head of Place"));
    assert_eq!(t["member_places"].as_integer(), Some(2));
    let rep = &t["representatives"][0];
    assert_eq!(rep["roles"][0].as_str(), Some("community-leader"));
    assert_eq!(
        (rep["term"].as_str(), rep["appointed_by"].as_str()),
        (Some("annual"), Some("annual-council"))
    );
    assert_eq!(t["case"]["grounds"][0].as_str(), Some("synergy"));
    assert_eq!(t["reporting"]["reports_to"][1].as_str(), Some("scrutiny"));
    assert_eq!(t["reporting"]["caveat"].as_str(), Some("Footfall is estimated."));
    // A proposed partnership with an unbudgeted contribution is still to go to Cabinet.
    let (_, report) = project.check_json(&[]);
    assert!(
        codes(&report).contains(&"cabinet-decision-needed".to_string()),
        "{report:#}"
    );
    // Bad values are all reported at once, and nothing is written.
    let run = crate::add::add(
        &project,
        "Other Forum",
        &[
            "--member-places",
            "99",
            "--representative-role",
            "chair",
            "--id",
            "other",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("--member-places") && run.stderr.contains("--representative-role"),
        "{}",
        run.stderr
    );
    assert!(!project.path("register/other.toml").exists());
}
