//! `partreg check` as a whole: exit codes, output formats, choosing files,
//! finding the project, strictness.

use crate::support::{AS_OF, Project, VALID, binary, codes, diagnostics, run_in};

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/broken-register");
const BUNDLED: &str = env!("CARGO_MANIFEST_DIR");

fn broken(format: &str) -> crate::support::Run {
    run_in(EXAMPLES.as_ref(), &["check", "--as-of", AS_OF, "--format", format])
}

/// The bundled register has no errors, and exactly one each of the four
/// warnings it is there to show (format Part 2), so the appointments list,
/// the reporting programme and the review pack have something real to show.
#[test]
fn the_bundled_register_is_clean() {
    let run = run_in(BUNDLED.as_ref(), &["check", "--format", "json", "--as-of", AS_OF]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let mut found = codes(&report);
    found.sort();
    assert_eq!(
        found,
        [
            "cabinet-decision-needed",
            "exit-decided",
            "report-overdue",
            "vacant-place"
        ],
        "{report:#}"
    );
    assert_eq!(report["errors"], 0);
    let strict = run_in(BUNDLED.as_ref(), &["check", "--strict", "--as-of", AS_OF]);
    assert_eq!(strict.code, 1, "the four warnings fail --strict");
}

#[test]
fn human_output_of_the_broken_example() {
    let run = broken("human");
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "", "human findings go to stderr");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn json_output_of_the_broken_example() {
    let run = broken("json");
    assert_eq!(run.code, 1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        report["errors"].as_u64().unwrap() as usize,
        diagnostics(&report).iter().filter(|d| d["severity"] == "error").count()
    );
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn github_output_of_the_broken_example() {
    let run = broken("github");
    assert_eq!(run.code, 1);
    assert!(
        run.stdout
            .lines()
            .all(|l| l.starts_with("::error file=") || l.starts_with("::warning file="))
    );
    assert!(run.stderr.contains(" errors, "), "summary on stderr: {}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn github_output_escapes_workflow_command_characters() {
    let project = Project::new();
    let text = VALID.replace(
        "name = \"Test Waste Partnership\"",
        "name = \"Test, 100%: Waste\"\nnmae = 1",
    );
    project.write("register/a,b.toml", &text);
    let run = project.run(&["check", "--format", "github", "--as-of", AS_OF]);
    let line = run.stdout.lines().find(|l| l.contains("unknown-key")).unwrap();
    assert!(
        line.starts_with("::error file=register/a%2Cb.toml,line=5,col=1,"),
        "{line}"
    );
    assert!(
        line.contains("title=unknown-key::unknown key \"nmae\"%0Ahint: did you mean `name`?"),
        "{line}"
    );
}

#[test]
fn json_shape_has_every_field() {
    let project = Project::new();
    project.write(
        "register/x.toml",
        VALID.replace("kind = \"operational\"", "kind = \"delivery\""),
    );
    let (code, report) = project.check_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(
        (
            report["files"].as_u64(),
            report["errors"].as_u64(),
            report["warnings"].as_u64()
        ),
        (Some(1), Some(1), Some(0))
    );
    let d = &diagnostics(&report)[0];
    let keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "severity",
            "code",
            "key",
            "message",
            "hint"
        ]
    );
    assert_eq!((d["end_line"].as_u64(), d["end_column"].as_u64()), (Some(10), Some(18)));
}

#[test]
fn every_fault_in_a_file_is_reported_in_one_run() {
    let project = Project::new();
    let text = VALID
        .replace("kind = \"operational\"", "kind = \"delivery\"")
        .replace("statutory = false", "statutory = \"no\"")
        .replace("lead_partner =", "lead_parter =")
        .replace("term_ends = 2027-05-01", "term_ends = 2020-01-01");
    project.write("register/many.toml", &text);
    let (_, report) = project.check_json(&[]);
    let mut found = codes(&report);
    found.sort();
    assert_eq!(
        found,
        [
            "bad-value",
            "missing-key",
            "term-before-appointed",
            "unknown-key",
            "wrong-type"
        ]
    );
}

/// A file missing a required key still gets the rules about its other
/// parts in the same run (the officer should not meet them only after
/// fixing the first findings), but no rule reports a part that could not be
/// read, nor weighs a stand-in for it against the rest.
#[test]
fn the_rules_about_what_was_read_come_in_the_same_run() {
    let project = Project::new();
    let text = VALID
        .replace(
            "function = \"To plan and deliver household waste services jointly.\"\n",
            "",
        )
        .replace("objectives = [\"Raise recycling rates\", \"Cut contamination\"]\n", "")
        .replace("lead_officer = \"Head of Waste\"\n", "")
        .replace("priorities = [\"P1\", \"P2\"]", "priorities = [\"P1\", \"P9\"]")
        .replace(
            "partners = [\"Norfolk County Council\", \"South Norfolk Council\"]",
            "partners = \"Norfolk County Council\"",
        )
        .replace("budget_contribution_gbp = 12000", "budget_contribution_gbp = \"a lot\"");
    project.write("register/partly.toml", &text);
    let (_, report) = project.check_json(&[]);
    let found: Vec<(String, String)> = diagnostics(&report)
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["key"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |code: &str, key: &str| found.iter().any(|(c, k)| c == code && k == key);
    // What could not be read…
    assert!(has("missing-key", "function"), "{found:?}");
    assert!(has("wrong-type", "partners"), "{found:?}");
    // …and, in the same run, what the rules say of the rest.
    assert!(has("missing-key", "objectives"), "{found:?}");
    assert!(has("no-lead-officer", "lead_officer"), "{found:?}");
    assert!(found.iter().any(|(c, _)| c == "unlisted-priority"), "{found:?}");
    // No rule reports the list that was not read as empty, and none weighs
    // the unread contribution against the ratings.
    assert!(!found.iter().any(|(c, _)| c == "no-partners"), "{found:?}");
    assert!(!found.iter().any(|(c, _)| c == "rating-mismatch"), "{found:?}");
    // A file with errors is still left out of the reports.
    let list = project.run(&["list", "--format", "json"]);
    assert!(!list.stdout.contains("Test Waste Partnership"), "{}", list.stdout);
}

#[test]
fn exit_codes_from_the_real_binary() {
    let project = Project::new();
    project.write("register/ok.toml", VALID);
    let ok = binary(project.dir.path(), &["check", "--as-of", AS_OF]);
    assert_eq!(ok.status.code(), Some(0));

    project.write("register/bad.toml", "name = ");
    let bad = binary(project.dir.path(), &["check", "--as-of", AS_OF]);
    assert_eq!(bad.status.code(), Some(1));

    let usage = binary(project.dir.path(), &["check", "--format", "yaml"]);
    assert_eq!(usage.status.code(), Some(2));
    let missing = binary(project.dir.path(), &["--register", "nowhere", "check"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nowhere"));
    let bad_date = binary(project.dir.path(), &["check", "--as-of", "2026-02-30"]);
    assert_eq!(bad_date.status.code(), Some(2));
}

#[test]
fn warnings_pass_unless_strict() {
    let project = Project::new();
    project.write(
        "register/w.toml",
        VALID.replace("term_ends = 2027-05-01", "term_ends = 2026-01-01"),
    );
    assert_eq!(project.check_json(&[]).0, 0);
    assert_eq!(project.check_json(&["--strict"]).0, 1);
    project.write("partreg.toml", format!("strict = true\n{}", crate::support::SETTINGS));
    assert_eq!(project.check_json(&[]).0, 1);
}

#[test]
fn as_of_moves_the_date_rules() {
    let project = Project::new();
    project.write("register/w.toml", VALID);
    let later = project.run(&["check", "--format", "json", "--as-of", "2027-06-16"]);
    let report: serde_json::Value = serde_json::from_str(&later.stdout).unwrap();
    let mut found = codes(&report);
    found.sort();
    assert_eq!(found, ["review-overdue", "term-expired"]);
}

#[test]
fn paths_limit_the_report_but_not_the_duplicate_search() {
    let project = Project::new();
    project.write(
        "register/a.toml",
        VALID.replace("kind = \"operational\"", "kind = \"x\""),
    );
    project.write("register/sub/b.toml", VALID);
    let (code, report) = project.check_json(&["register/sub/b.toml"]);
    assert_eq!(code, 1);
    assert_eq!(report["files"], 1);
    assert_eq!(codes(&report), ["duplicate-name"]);
    assert_eq!(diagnostics(&report)[0]["file"], "register/sub/b.toml");

    let (_, by_folder) = project.check_json(&["register/sub"]);
    assert_eq!(by_folder["files"], 1);
    let (_, other) = project.check_json(&["register/a.toml"]);
    let mut other_codes = codes(&other);
    other_codes.sort();
    assert_eq!(other_codes, ["bad-value", "duplicate-name"]);
}

#[test]
fn a_path_outside_the_register_is_checked_too() {
    let project = Project::new();
    project.write("register/a.toml", VALID);
    project.write(
        "drafts/new-one.toml",
        VALID.replace("kind = \"operational\"", "kind = \"x\""),
    );
    let (code, report) = project.check_json(&["drafts/new-one.toml"]);
    assert_eq!(code, 1);
    let mut found = codes(&report);
    found.sort();
    assert_eq!(found, ["bad-value", "duplicate-name"]);
}

#[test]
fn a_missing_path_cannot_run() {
    let project = Project::new();
    let run = project.run(&["check", "register/nope.toml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nope.toml does not exist"), "{}", run.stderr);
}

#[test]
fn settings_are_found_by_walking_up() {
    let project = Project::new();
    project.write("register/a.toml", VALID.replace("\"P2\"]", "\"P7\"]"));
    let deep = project.path("register/sub");
    std::fs::create_dir_all(&deep).unwrap();
    let run = run_in(&deep, &["check", "--format", "json", "--as-of", AS_OF]);
    assert!(
        run.stdout.contains("unlisted-priority"),
        "settings not found: {}",
        run.stdout
    );
}

#[test]
fn the_walk_up_stops_at_a_git_root() {
    let project = Project::new();
    std::fs::create_dir_all(project.path("inner/.git")).unwrap();
    project.write("inner/register/a.toml", VALID.replace("\"P2\"]", "\"P7\"]"));
    let run = run_in(&project.path("inner"), &["check", "--format", "json", "--as-of", AS_OF]);
    assert_eq!(run.code, 0, "the outer partreg.toml must not be used: {}", run.stdout);
}

#[test]
fn register_and_config_flags() {
    let project = Project::bare();
    project.write("elsewhere/entries/a.toml", VALID.replace("\"P2\"]", "\"P7\"]"));
    project.write("conf/settings.toml", crate::support::SETTINGS);
    let plain = project.run(&["--register", "elsewhere/entries", "check", "--as-of", AS_OF]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert!(plain.stderr.contains("in 1 file"), "{}", plain.stderr);
    let run = project.run(&[
        "--register",
        "elsewhere/entries",
        "--config",
        "conf/settings.toml",
        "check",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("entries/a.toml:"), "{}", run.stderr);
}

#[test]
fn the_settings_register_key_is_relative_to_the_settings_file() {
    let project = Project::bare();
    project.write("partreg.toml", "register = \"data/reg\"\n");
    project.write("data/reg/a.toml", VALID);
    project.write("sub/.keep", "");
    let run = run_in(&project.path("sub"), &["check", "--as-of", AS_OF]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("in 1 file"), "{}", run.stderr);
}

#[test]
fn broken_settings_cannot_run_and_say_where() {
    let project = Project::new();
    project.write("partreg.toml", "council = \"X\"\nstrikt = true\n");
    let run = project.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("partreg.toml:2:1: unknown key \"strikt\" (did you mean `strict`?)"),
        "{}",
        run.stderr
    );
}

#[test]
fn no_register_folder_gives_a_hint() {
    let project = Project::bare();
    let run = project.run(&["check"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("does not exist") && run.stderr.contains("--register"),
        "{}",
        run.stderr
    );
}

#[test]
fn summary_line_counts_files() {
    let project = Project::new();
    project.write("register/a.toml", VALID);
    project.write(
        "register/b.toml",
        VALID
            .replace("Test Waste", "Other")
            .replace("term_ends = 2027-05-01", "term_ends = 2026-01-01"),
    );
    let run = project.run(&["check", "--as-of", AS_OF]);
    assert_eq!(run.stderr.lines().last(), Some("0 errors, 1 warning in 2 files"));
}
