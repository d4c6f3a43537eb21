//! `partreg add` and `partreg init`: scriptable flags, the guided flow
//! (scripted, and once for real through a pseudo-terminal), ids, and never
//! overwriting anything.

use std::path::Path;

use crate::support::{AS_OF, Project};

/// The flags every new entry needs, after `--name`.
const REQUIRED: [&str; 22] = [
    "--lead-partner",
    "Norfolk County Council",
    "--function",
    "To run household waste services jointly.",
    "--kind",
    "operational",
    "--statutory",
    "false",
    "--governance",
    "formal-legal",
    "--role",
    "influence",
    "--meeting-frequency",
    "quarterly",
    "--staff-hours-per-month",
    "6",
    "--budget-contribution-gbp",
    "12000",
    "--exit-impact",
    "Short-term disruption.",
    "--value-summary",
    "Shared contracts.",
];

pub(crate) fn add(project: &Project, name: &str, extra: &[&str]) -> crate::support::Run {
    let mut args = vec!["add", "--no-input", "--as-of", AS_OF, "--name", name];
    args.extend_from_slice(&REQUIRED);
    args.extend(["--information-sharing", "Minutes to the portfolio holder."]);
    args.extend_from_slice(extra);
    project.run(&args)
}

pub(crate) fn read(project: &Project, rel: &str) -> String {
    std::fs::read_to_string(project.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn adds_a_file_that_checks_clean() {
    let project = Project::new();
    let run = add(&project, "Norfolk Waste Partnership", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("Added register/norfolk-waste-partnership.toml."),
        "{}",
        run.stderr
    );
    let text = read(&project, "register/norfolk-waste-partnership.toml");
    assert!(text.starts_with("#:schema ../schemas/partnership.schema.json\n\n# Norfolk Waste Partnership\n"));
    assert!(text.contains("status = \"proposed\"\n"), "the default status: {text}");
    insta::assert_snapshot!(text);
    let (code, report) = project.check_json(&[]);
    assert_eq!(code, 0, "{report:#}");
}

#[test]
fn every_flag_reaches_the_file() {
    let project = Project::new();
    let extra = [
        "--partner",
        "South Norfolk Council",
        "--partner",
        "Breckland Council",
        "--status",
        "Active",
        "--objective",
        "Raise recycling",
        "--objective",
        "Cut contamination",
        "--priority",
        "P1",
        "--priority",
        "P2",
        "--budgeted",
        "no",
        "--budget-source",
        "Waste budget",
        "--comments",
        "=SUM(A1) looks like a formula but is only text",
        "--started",
        "01/04/2015",
        "--document",
        "https://example.org/terms.pdf",
        "--representative",
        "Cllr Ann Brown:member:Chair",
        "--representative",
        "Jo Smith (officer)",
        "--risk",
        "failure_impact=medium",
        "--risk",
        "reputation=Low",
        "--risk",
        "overall=medium",
        "--value",
        "corporate_plan=high",
        "--value",
        "cost_reduction=med",
        "--value",
        "external_funding=low",
        "--value",
        "reputation=medium",
        "--value",
        "service_delivery=high",
        "--value",
        "overall=medium",
        "--reporting-frequency",
        "half yearly",
        "--reporting-responsible",
        "Head of Waste",
        "--reports-to",
        "portfolio-holder",
        "--approval-by",
        "cabinet",
        "--approval-date",
        "2015-03-01",
        "--portfolio-holder",
        "Cllr Pat Jones",
        "--question",
        "aims=Less waste",
        "--question",
        "effective=Yes, mostly",
        "--id",
        "waste",
    ];
    let run = add(&project, "Norfolk Waste Partnership", &extra);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = read(&project, "register/waste.toml");
    let t: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(t["status"].as_str(), Some("active"));
    assert_eq!(t["partners"].as_array().unwrap().len(), 2);
    assert_eq!(t["objectives"].as_array().unwrap().len(), 2);
    assert_eq!(t["priorities"].as_array().unwrap().len(), 2);
    assert_eq!(t["budgeted"].as_bool(), Some(false));
    assert_eq!(t["budget_source"].as_str(), Some("Waste budget"));
    assert_eq!(t["started"].to_string(), "2015-04-01");
    assert_eq!(t["documents"][0].as_str(), Some("https://example.org/terms.pdf"));
    assert_eq!(t["representatives"][0]["position"].as_str(), Some("Chair"));
    assert_eq!(t["representatives"][1]["level"].as_str(), Some("officer"));
    assert_eq!(t["risk"]["reputation"].as_str(), Some("low"));
    assert_eq!(t["value"]["cost_reduction"].as_str(), Some("medium"));
    assert_eq!(t["reporting"]["frequency"].as_str(), Some("half-yearly"));
    assert_eq!(t["reporting"]["reports_to"].as_str(), Some("portfolio-holder"));
    assert_eq!(t["approval"]["by"].as_str(), Some("cabinet"));
    assert_eq!(t["approval"]["portfolio_holder"].as_str(), Some("Cllr Pat Jones"));
    assert_eq!(t["questions"]["effective"].as_str(), Some("Yes, mostly"));
    assert_eq!(
        t["comments"].as_str(),
        Some("=SUM(A1) looks like a formula but is only text")
    );
    let (code, report) = project.check_json(&[]);
    assert_eq!(code, 0, "{report:#}");
}

#[test]
fn exit_flags_complete_an_exiting_entry() {
    let project = Project::new();
    let extra = [
        "--status",
        "exited",
        "--exit-reason",
        "funding-ended",
        "--exit-reason",
        "outcomes achieved",
        "--exit-risks",
        "Loss of data sharing.",
        "--exit-controls",
        "Keep the data agreement.",
        "--exit-approved-by",
        "executive",
        "--exit-approved-on",
        "2026-01-10",
        "--exit-significant",
        "yes",
        "--exit-executive-reviewed",
        "yes",
        "--risk",
        "failure_impact=low",
        "--value",
        "corporate_plan=low",
        "--value",
        "cost_reduction=low",
        "--value",
        "reputation=low",
        "--value",
        "influence=low",
        "--value",
        "resilience=low",
    ];
    let run = add(&project, "Old Partnership", &extra);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t: toml::Table = toml::from_str(&read(&project, "register/old-partnership.toml")).unwrap();
    assert_eq!(t["exit"]["reasons"].as_array().unwrap().len(), 2);
    assert_eq!(t["exit"]["executive_reviewed"].as_bool(), Some(true));
    assert_eq!(project.check_json(&[]).0, 0);
}

#[test]
fn without_input_every_missing_field_is_listed_by_its_flag() {
    let project = Project::new();
    let run = project.run(&["add", "--no-input", "--name", "Half Done", "--status", "active"]);
    assert_eq!(run.code, 2);
    let expected = "missing: --lead-partner, --function, --kind, --statutory, --governance, --role, --meeting-frequency, \
                    --staff-hours-per-month, --budget-contribution-gbp, --exit-impact, --value-summary, --information-sharing";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    assert_eq!(std::fs::read_dir(project.path("register")).unwrap().count(), 0);
    let nothing = project.run(&["add", "--no-input"]);
    assert_eq!(nothing.code, 2);
    assert!(nothing.stderr.contains("missing: --name"), "{}", nothing.stderr);
}

#[test]
fn active_requirements_are_listed_by_flag_too() {
    let project = Project::new();
    let run = add(&project, "Needs More", &["--status", "active"]);
    assert_eq!(run.code, 2);
    for flag in [
        "--objective",
        "--priority",
        "--representative",
        "--risk overall=LEVEL",
        "--value overall=LEVEL",
    ] {
        assert!(run.stderr.contains(flag), "{flag}: {}", run.stderr);
    }
}

#[test]
fn bad_values_are_all_reported_at_once() {
    let project = Project::new();
    let run = add(
        &project,
        "Bad Values",
        &[
            "--status",
            "Activ",
            "--started",
            "2026-02-30",
            "--budgeted",
            "perhaps",
            "--risk",
            "resource=high",
        ],
    );
    assert_eq!(run.code, 2);
    for part in [
        "--status: \"Activ\" is not one of",
        "--started: \"2026-02-30\" is not a date",
        "--budgeted: \"perhaps\" is not yes or no",
        "--risk resource=high",
    ] {
        assert!(run.stderr.contains(part), "{part}: {}", run.stderr);
    }
    let bad_hours = project.run(&[
        "add",
        "--no-input",
        "--name",
        "Bad Hours",
        "--staff-hours-per-month",
        "lots",
    ]);
    assert!(
        bad_hours.stderr.contains("not a number of hours"),
        "{}",
        bad_hours.stderr
    );
}

#[test]
fn from_reads_a_fragment_and_flags_win() {
    let project = Project::new();
    project.write("draft.toml", "name = \"From File\"\nlead_partner = \"Draft Lead\"\nkind = \"strategic\"\n[risk]\nfailure_impact = \"high\"\n");
    let mut args = vec!["add", "--no-input", "--from", "draft.toml"];
    args.extend_from_slice(&REQUIRED);
    args.extend(["--information-sharing", "Minutes."]);
    let run = project.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t: toml::Table = toml::from_str(&read(&project, "register/from-file.toml")).unwrap();
    assert_eq!(
        t["lead_partner"].as_str(),
        Some("Norfolk County Council"),
        "the flag wins"
    );
    assert_eq!(t["kind"].as_str(), Some("operational"));
    assert_eq!(t["risk"]["failure_impact"].as_str(), Some("high"), "kept from the file");
    project.write("broken.toml", "name = \n");
    let broken = project.run(&["add", "--no-input", "--from", "broken.toml"]);
    assert_eq!(broken.code, 2);
    assert!(broken.stderr.contains("broken.toml:1:"), "{}", broken.stderr);
}

#[test]
fn the_case_for_joining_comes_from_flags_and_from_a_file_flags_winning() {
    let project = Project::new();
    project.write(
        "draft.toml",
        "name = \"Case File\"\n[case]\ngrounds = [\"synergy\"]\nbenefits_district = true\nbetter_than_alone = true\n",
    );
    let mut args = vec!["add", "--no-input", "--from", "draft.toml"];
    args.extend_from_slice(&REQUIRED);
    args.extend([
        "--status",
        "proposed",
        "--information-sharing",
        "Minutes.",
        "--case-ground",
        "common purpose",
        "--case-ground",
        "acceptable-risk",
        "--case-supports-corporate-policies",
        "yes",
        "--case-better-than-alone",
        "false",
        "--case-monitoring-in-place",
        "true",
    ]);
    let run = project.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t: toml::Table = toml::from_str(&read(&project, "register/case-file.toml")).unwrap();
    let case = t["case"].as_table().unwrap();
    let grounds: Vec<&str> = case["grounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap())
        .collect();
    assert_eq!(grounds, ["common-purpose", "acceptable-risk"], "the flags win");
    assert_eq!(case["supports_corporate_policies"].as_bool(), Some(true));
    assert_eq!(case["benefits_district"].as_bool(), Some(true), "kept from the file");
    assert_eq!(case["better_than_alone"].as_bool(), Some(false), "the flag wins");
    assert_eq!(case["monitoring_in_place"].as_bool(), Some(true));
    assert_eq!(project.check_json(&[]).0, 0);

    let bad = project.run(&["add", "--no-input", "--name", "X", "--case-benefits-district", "maybe"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--case-benefits-district"), "{}", bad.stderr);
    let bad = project.run(&["add", "--no-input", "--name", "X", "--case-ground", "vibes"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--case-ground"), "{}", bad.stderr);
}

#[test]
fn ids_from_awkward_names() {
    let cases = [
        ("Café Société de Dereham", "cafe-societe-de-dereham"),
        ("Health & Wellbeing (Board) — 2026!", "health-and-wellbeing-board-2026"),
        ("Festival 🎉 Partnership", "festival-partnership"),
        ("CON", "con-partnership"),
        ("../../escape", "escape"),
    ];
    for (name, id) in cases {
        let project = Project::new();
        let run = add(&project, name, &[]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert!(
            project.path(&format!("register/{id}.toml")).is_file(),
            "{name} → {id}: {}",
            run.stderr
        );
    }
    let project = Project::new();
    let long = "Partnership ".repeat(17);
    assert_eq!(
        add(&project, long.trim(), &[]).code,
        2,
        "a 203-character name is too long for the register"
    );
    let long = "Word ".repeat(39);
    let run = add(&project, long.trim(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = std::fs::read_dir(project.path("register"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    assert!(file.file_name().len() <= 64 + 5, "{:?}", file.file_name());
    for name in ["   ", "..", "🎉"] {
        let run = add(&Project::new(), name, &[]);
        assert_eq!(run.code, 2, "{name:?}");
        assert!(run.stderr.contains("--id"), "{name:?}: {}", run.stderr);
    }
}

#[test]
fn a_given_id_is_checked() {
    let project = Project::new();
    for bad in ["Bad_Id", "../x", "con", "-x"] {
        let run = add(&project, "Some Partnership", &["--id", bad]);
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
    }
    assert_eq!(add(&project, "Some Partnership", &["--id", "my-id"]).code, 0);
    assert!(project.path("register/my-id.toml").is_file());
}

#[test]
fn never_overwrites_an_existing_id() {
    let project = Project::new();
    project.write(
        "register/shared/norfolk-waste-partnership.toml",
        "# mine, with an error: name = \n",
    );
    project.write("register/Other-Case.toml", "# also mine\n");
    let before: Vec<Vec<u8>> = [
        "register/shared/norfolk-waste-partnership.toml",
        "register/Other-Case.toml",
    ]
    .iter()
    .map(|p| std::fs::read(project.path(p)).unwrap())
    .collect();
    let same = add(&project, "Norfolk Waste Partnership", &[]);
    assert_eq!(same.code, 2);
    assert!(
        same.stderr
            .contains("already used by register/shared/norfolk-waste-partnership.toml"),
        "{}",
        same.stderr
    );
    let case = add(&project, "Other Case", &[]);
    assert_eq!(case.code, 2, "ids differing only in case clash");
    assert!(case.stderr.contains("register/Other-Case.toml"), "{}", case.stderr);
    let after: Vec<Vec<u8>> = [
        "register/shared/norfolk-waste-partnership.toml",
        "register/Other-Case.toml",
    ]
    .iter()
    .map(|p| std::fs::read(project.path(p)).unwrap())
    .collect();
    assert_eq!(before, after);
    assert!(!project.path("register/norfolk-waste-partnership.toml").exists());
}

#[test]
fn racing_adds_leave_exactly_one_file() {
    let project = Project::new();
    let mut args: Vec<String> = [
        "add",
        "--no-input",
        "--name",
        "Race Partnership",
        "--information-sharing",
        "Minutes.",
    ]
    .iter()
    .map(std::string::ToString::to_string)
    .collect();
    args.extend(REQUIRED.iter().map(std::string::ToString::to_string));
    let children: Vec<std::process::Child> = (0..6)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_partreg"))
                .args(&args)
                .current_dir(project.dir.path())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<std::process::Output> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    let winners = outputs.iter().filter(|o| o.status.code() == Some(0)).count();
    assert_eq!(winners, 1, "{outputs:#?}");
    for o in outputs.iter().filter(|o| o.status.code() != Some(0)) {
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("race-partnership"), "{err}");
    }
    let files: Vec<_> = std::fs::read_dir(project.path("register"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files, ["race-partnership.toml"], "exactly one file, no temporary files");
}

#[test]
fn dry_run_prints_and_writes_nothing() {
    let project = Project::new();
    let run = add(&project, "Dry Partnership", &["--dry-run"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("#:schema ../schemas/partnership.schema.json"));
    assert!(run.stdout.contains("name = \"Dry Partnership\""));
    assert_eq!(std::fs::read_dir(project.path("register")).unwrap().count(), 0);
}

#[test]
fn folder_puts_the_file_in_a_sub_folder() {
    let project = Project::new();
    let run = add(&project, "Shared Legal", &["--folder", "shared-services"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = read(&project, "register/shared-services/shared-legal.toml");
    assert!(text.starts_with("#:schema ../../schemas/partnership.schema.json"));
    for bad in ["../outside", "/tmp", ".hidden"] {
        assert_eq!(add(&project, "Elsewhere", &["--folder", bad]).code, 2, "{bad}");
    }
}

#[test]
fn init_scaffolds_a_register_that_checks_clean() {
    let project = Project::bare();
    let run = project.run(&["init", "new-council", "--council", "Test District Council"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for rel in [
        "partreg.toml",
        "register/example-partnership.toml",
        "schemas/partnership.schema.json",
        "schemas/criteria.yaml",
        ".github/workflows/partreg.yml",
    ] {
        assert!(project.path(&format!("new-council/{rel}")).is_file(), "{rel}");
    }
    assert!(read(&project, "new-council/partreg.toml").contains("council = \"Test District Council\""));
    // Valid as it stands; only init's placeholders are warned about (see
    // first_steps.rs), so `check --strict` fails until they are replaced.
    let check = crate::support::run_in(&project.path("new-council"), &["check", "--as-of", AS_OF]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(check.stderr.contains("0 errors, 2 warnings"), "{}", check.stderr);
    assert_eq!(
        read(&project, "new-council/schemas/partnership.schema.json"),
        read_repo("schemas/partnership.schema.json")
    );
    assert_eq!(
        read(&project, "new-council/schemas/criteria.yaml"),
        read_repo("schemas/criteria.yaml")
    );
}

fn read_repo(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap()
}

#[test]
fn init_never_overwrites() {
    let project = Project::bare();
    project.write("partreg.toml", "council = \"Mine\"\n");
    let run = project.run(&["init"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("partreg.toml") && run.stderr.contains("nothing was written"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&project, "partreg.toml"), "council = \"Mine\"\n");
    assert!(!project.path("register").exists(), "nothing at all was written");
}

#[test]
fn a_name_already_on_the_register_is_refused_whatever_the_id() {
    let project = Project::new();
    assert_eq!(add(&project, "Norfolk Waste Partnership", &[]).code, 0);
    let before = read(&project, "register/norfolk-waste-partnership.toml");
    let again = add(&project, "norfolk  WASTE partnership", &["--id", "waste-copy"]);
    assert_eq!(again.code, 2);
    assert!(
        again
            .stderr
            .contains("already on the register, in register/norfolk-waste-partnership.toml"),
        "{}",
        again.stderr
    );
    assert!(!project.path("register/waste-copy.toml").exists());
    assert_eq!(read(&project, "register/norfolk-waste-partnership.toml"), before);
}

#[test]
fn without_input_an_active_entry_lists_everything_missing_at_once() {
    let project = Project::new();
    let run = project.run(&[
        "add",
        "--no-input",
        "--status",
        "active",
        "--name",
        "Test Thing",
        "--lead-partner",
        "X",
    ]);
    assert_eq!(run.code, 2);
    for flag in [
        "--function",
        "--information-sharing",
        "--objective",
        "--priority",
        "--representative",
        "--risk overall=LEVEL",
        "--value overall=LEVEL",
    ] {
        assert!(run.stderr.contains(flag), "{flag}: {}", run.stderr);
    }
    let leaving = project.run(&["add", "--no-input", "--status", "exiting", "--name", "Test Thing"]);
    assert!(
        leaving.stderr.contains("--exit-risks") && leaving.stderr.contains("--exit-controls"),
        "{}",
        leaving.stderr
    );
}
#[cfg(unix)]
#[test]
fn new_files_get_ordinary_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let project = Project::new();
    assert_eq!(add(&project, "Open Partnership", &[]).code, 0);
    // The same mode std gives a new file here: 0666 less the umask.
    std::fs::write(project.path("register/plain.txt"), "x").unwrap();
    let mode = |p: &str| std::fs::metadata(project.path(p)).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode("register/open-partnership.toml"), mode("register/plain.txt"));
}

/// A recorded overall rating the criteria do not give, typed as flags: the
/// fix is another flag, not an edit to a file that does not exist yet.
#[test]
fn a_rating_mismatch_in_flags_is_hinted_in_flags() {
    let project = Project::new();
    let mut extra = Vec::new();
    for key in ["failure_impact", "priority_impact", "reputation", "administration"] {
        extra.extend(["--risk".to_string(), format!("{key}=high")]);
    }
    extra.extend(["--risk".to_string(), "overall=low".to_string()]);
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    let run = add(&project, "Norfolk Waste Partnership", &extra);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--risk rationale=\"…\""), "{}", run.stderr);
    assert!(run.stderr.contains("or --risk overall="), "{}", run.stderr);
    assert!(!run.stderr.contains("under [risk]"), "{}", run.stderr);
    assert!(!run.stderr.contains("partreg assess"), "{}", run.stderr);
    assert!(!project.path("register/norfolk-waste-partnership.toml").exists());
    // Following the hint adds it.
    let mut with_reason = extra.clone();
    with_reason.extend(["--risk", "rationale=CMT judge the risk low."]);
    let run = add(&project, "Norfolk Waste Partnership", &with_reason);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
