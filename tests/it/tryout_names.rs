//! Faults an officer-style try-out found in names, ids, paths, flags and
//! dates: a look-alike name `add` wrote and `check` then rejected, tabs and
//! line breaks in one-line fields, an escape character blamed on a --from
//! file, a `bad-id` hint that ignored the file's own name, a doubled root
//! slash for a file outside the register, text flags that could not start
//! with a hyphen, and dates written with the month in words.

use crate::add::add;
use crate::support::{AS_OF, COMPLETE_PROPOSED, Project, VALID, diagnostics};

const NAME: &str = "\"Test Waste Partnership\"";

/// The files in the register folder, sorted.
fn files(project: &Project) -> Vec<String> {
    let mut all: Vec<String> = std::fs::read_dir(project.path("register"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    all.sort();
    all
}

/// `add --no-input` of a complete proposed partnership called `name`,
/// without the flag `without` of [`COMPLETE_PROPOSED`], then `extra`.
fn add_with(project: &Project, name: &str, without: &str, extra: &[&str]) -> crate::support::Run {
    let mut args = vec!["add", "--no-input", "--as-of", AS_OF, "--name", name];
    for pair in COMPLETE_PROPOSED.chunks(2) {
        if pair[0] != without {
            args.extend_from_slice(pair);
        }
    }
    args.extend_from_slice(extra);
    project.run(&args)
}

#[test]
fn add_and_import_refuse_a_name_that_only_looks_like_one_on_the_register() {
    let project = Project::new();
    project.write(
        "register/nwp.toml",
        VALID.replace(NAME, "\"Norfolk Waste Partnership\""),
    );
    // A Cyrillic "а" (U+0430) for the Latin "a" of "Waste".
    let run = add(&project, "Norfolk W\u{430}ste Partnership", &["--id", "nwp-two"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("looks the same as"), "{}", run.stderr);
    assert!(run.stderr.contains("register/nwp.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("U+0430"), "{}", run.stderr);
    assert_eq!(files(&project), ["nwp.toml"]);

    project.write(
        "rows.csv",
        "id,name,status\nnwp-two,Norfolk W\u{430}ste Partnership,proposed\n",
    );
    let run = project.run(&["import", "rows.csv", "--as-of", AS_OF]);
    assert!(run.stdout.contains("skipped"), "{}", run.stdout);
    assert!(run.stdout.contains("looks the same as"), "{}", run.stdout);
    assert!(run.stdout.contains("register/nwp.toml"), "{}", run.stdout);
    assert_eq!(files(&project), ["nwp.toml"]);
    // What was refused is what `check` would reject: the register is clean.
    assert_eq!(project.check_json(&[]).0, 0);
}

#[test]
fn the_look_alike_letter_may_be_in_the_name_on_the_register() {
    let project = Project::new();
    project.write(
        "register/nwp.toml",
        VALID.replace(NAME, "\"Norfolk W\u{430}ste Partnership\""),
    );
    let run = add(&project, "Norfolk Waste Partnership", &["--id", "nwp-two"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("looks the same as"), "{}", run.stderr);
    assert!(run.stderr.contains("U+0430"), "{}", run.stderr);
    assert_eq!(files(&project), ["nwp.toml"]);
}

#[test]
fn one_line_fields_with_a_tab_or_line_break_are_errors_but_prose_may_run_over_lines() {
    let project = Project::new();
    let text = VALID
        .replace(NAME, "\"Swaffham\\nForum\"")
        .replace(
            "lead_partner = \"Norfolk County Council\"",
            "lead_partner = \"Norfolk\\tCounty Council\"",
        )
        .replace("name = \"Cllr Ann Brown\"", "name = \"Cllr Ann\\r\\nBrown\"")
        .replace(
            "function = \"To plan and deliver household waste services jointly.\"",
            "function = \"\"\"\nTo plan household waste services.\n\tAnd to deliver them jointly.\"\"\"",
        );
    project.write("register/a.toml", text);
    let (code, report) = project.check_json(&[]);
    assert_eq!(code, 1, "{report:#}");
    let found: Vec<(String, String)> = diagnostics(&report)
        .iter()
        .map(|d| (d["code"].as_str().unwrap().into(), d["key"].as_str().unwrap().into()))
        .collect();
    for key in ["name", "lead_partner", "representatives[0].name"] {
        assert!(
            found.contains(&("hidden-characters".into(), key.into())),
            "{key}: {report:#}"
        );
    }
    assert!(!found.iter().any(|(_, k)| k == "function"), "{report:#}");
    let name = diagnostics(&report).iter().find(|d| d["key"] == "name").unwrap();
    assert!(name["message"].as_str().unwrap().contains("a line break"), "{name:#}");
    assert!(name["hint"].as_str().unwrap().contains("with a space"), "{name:#}");
}

#[test]
fn add_and_import_refuse_a_name_of_more_than_one_line() {
    let project = Project::new();
    let run = add(&project, "Swaffham\nForum", &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("--name") && run.stderr.contains("line break"),
        "{}",
        run.stderr
    );
    let run = add(&project, "Dereham Leisure\tTrust", &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("a tab"), "{}", run.stderr);
    assert!(files(&project).is_empty());

    project.write(
        "rows.csv",
        "name,status,lead_partner\n\"Dereham Leisure\tTrust\",proposed,Breckland Council\n",
    );
    let run = project.run(&["import", "rows.csv", "--as-of", AS_OF]);
    assert!(run.stdout.contains("row 2: skipped"), "{}", run.stdout);
    assert!(run.stdout.contains("a tab"), "{}", run.stdout);
    assert!(files(&project).is_empty());
}

#[test]
fn an_escape_character_in_a_name_is_blamed_on_the_name() {
    let project = Project::new();
    let run = add(&project, "Esc\u{1b}[31m Partnership", &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--name"), "{}", run.stderr);
    assert!(run.stderr.contains("U+001B"), "{}", run.stderr);
    assert!(!run.stderr.contains("--from"), "{}", run.stderr);
    assert!(!run.stderr.contains("not valid TOML"), "{}", run.stderr);
    assert!(files(&project).is_empty());
}

#[test]
fn the_bad_id_hint_is_made_from_the_files_own_name() {
    let project = Project::new();
    project.write("register/odd dir/Watton Town.toml", VALID);
    let (_, report) = project.check_json(&[]);
    let bad = diagnostics(&report)
        .iter()
        .find(|d| d["code"] == "bad-id")
        .unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(bad["hint"], "rename the file, e.g. watton-town.toml", "{bad:#}");
}

#[cfg(unix)]
#[test]
fn a_file_outside_the_register_is_shown_with_one_root_slash() {
    let project = Project::new();
    let outside = tempfile::tempdir().unwrap();
    let path = outside.path().join("outside.toml");
    std::fs::write(&path, VALID.replace("term_ends = 2027-05-01", "term_ends = 2020-05-01")).unwrap();
    let shown = path.to_str().unwrap();
    let run = project.run(&["check", "--as-of", AS_OF, shown]);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains(&format!("{shown}:")), "{all}");
    assert!(!all.contains(&format!("/{shown}")), "{all}");
}

#[test]
fn text_flags_take_values_that_start_with_a_hyphen() {
    let project = Project::new();
    for given in [&["--exit-impact", "-1"][..], &["--exit-impact=-1"][..]] {
        let run = add_with(
            &project,
            "Minus Partnership",
            "--exit-impact",
            &[given, &["--dry-run"]].concat(),
        );
        assert_eq!(run.code, 0, "{given:?}: {}", run.stderr);
        assert!(run.stdout.contains("exit_impact = \"-1\""), "{}", run.stdout);
    }
    // A negative number reaches partreg, which says what is wrong with it.
    let run = add_with(
        &project,
        "Minus Partnership",
        "--staff-hours-per-month",
        &["--staff-hours-per-month", "-2"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--staff-hours-per-month"), "{}", run.stderr);
    assert!(run.stderr.contains("negative"), "{}", run.stderr);
    assert!(!run.stderr.contains("unexpected argument"), "{}", run.stderr);
    assert!(files(&project).is_empty());
}

#[test]
fn a_forgotten_text_value_does_not_swallow_the_next_flag() {
    let project = Project::new();
    let run = add_with(&project, "Swallow Partnership", "", &["--comments", "--dry-run"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--comments needs a value"), "{}", run.stderr);
    assert!(
        files(&project).is_empty(),
        "the --dry-run was not taken as the comments"
    );
}

#[test]
fn dates_may_be_written_with_the_month_in_words() {
    let project = Project::new();
    for typed in ["1st April 2020", "1 Apr 2020", "April 1, 2020"] {
        let run = add(&project, "Dated Partnership", &["--started", typed, "--dry-run"]);
        assert_eq!(run.code, 0, "{typed}: {}", run.stderr);
        assert!(run.stdout.contains("started = 2020-04-01"), "{typed}: {}", run.stdout);
    }
    let run = add(&project, "Dated Partnership", &["--started", "2021-13-01", "--dry-run"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("there is no month 13"), "{}", run.stderr);
    assert!(!run.stderr.contains("day first"), "{}", run.stderr);
}
