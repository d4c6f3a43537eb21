//! Hints that give the fix for everyday slips: UK dates, leftover merge
//! conflicts, curly quotes, a key after a table, closed lists, and money
//! or hours typed with their units.

use crate::support::{AS_OF, Project, VALID, diagnostics};

/// The single diagnostic `check` gives for `text` as an entry: its line,
/// message and hint.
fn only(text: &str) -> (u64, String, String) {
    let project = Project::new();
    project.write("register/a.toml", text);
    let (code, report) = project.check_json(&[]);
    assert_eq!(code, 1, "{report:#}");
    let all = diagnostics(&report);
    assert_eq!(all.len(), 1, "{report:#}");
    let d = &all[0];
    (
        d["line"].as_u64().unwrap(),
        d["message"].as_str().unwrap().to_string(),
        d["hint"].as_str().unwrap_or("").to_string(),
    )
}

/// VALID with its `started` line replaced.
fn with_line(line: &str) -> String {
    VALID.replacen("started = 2015-04-01", line, 1)
}

#[test]
fn a_uk_date_is_given_as_the_date_to_write() {
    let (_, _, hint) = only(&with_line("started = 31/03/2015"));
    assert!(hint.contains("write dates as 2015-03-31"), "{hint}");
    assert!(hint.contains("started = 2015-03-31"), "{hint}");
    let (_, _, hint) = only(&with_line("started = 1/4/15"));
    assert!(hint.contains("write dates as 2015-04-01"), "{hint}");
    // In quotes, too.
    let (_, _, hint) = only(&with_line("started = \"1/4/2015\""));
    assert!(hint.contains("write dates as 2015-04-01"), "{hint}");
    assert!(!hint.contains("double quotes"), "{hint}");
}

#[test]
fn a_leftover_merge_conflict_is_named_with_its_lines() {
    let text = VALID.replacen(
        "kind = \"operational\"",
        "<<<<<<< HEAD\nkind = \"operational\"\n=======\nkind = \"strategic\"\n>>>>>>> review-2026",
        1,
    );
    assert!(text.contains("<<<<<<<"), "the fixture has a kind line to conflict over");
    let start = text.lines().position(|l| l.starts_with("<<<<<<<")).unwrap() + 1;
    let (line, message, hint) = only(&text);
    assert_eq!(line as usize, start);
    assert!(message.contains("git merge conflict"), "{message}");
    assert!(message.contains(&format!("lines {start}-{}", start + 4)), "{message}");
    assert!(hint.contains("delete") && hint.contains("git add"), "{hint}");
}

#[test]
fn curly_quotes_are_named_with_the_fix() {
    let (_, _, hint) = only(&VALID.replacen("kind = \"operational\"", "kind = \u{201C}operational\u{201D}", 1));
    assert!(
        hint.contains("replace \u{201C} \u{201D} with straight quotes \""),
        "{hint}"
    );
    assert!(hint.contains("kind = \"operational\""), "{hint}");
}

#[test]
fn a_top_level_key_after_a_table_is_moved_above_the_first_table() {
    let text = format!("{VALID}comments = \"Typed at the end.\"\n");
    let first = text.lines().position(|l| l.starts_with('[')).unwrap() + 1;
    let (_, message, hint) = only(&text);
    assert!(message.contains("belongs to the whole partnership"), "{message}");
    assert_eq!(hint, format!("move this line above the first [table] (line {first})"));
}

/// A required key typed after a table is there, only in the wrong place:
/// one finding for it, not "missing" as well as "comes after a [risk] line".
#[test]
fn a_required_key_after_a_table_is_one_finding_not_also_missing() {
    let text = format!(
        "{}kind = \"operational\"\n",
        VALID.replacen("kind = \"operational\"\n", "", 1)
    );
    let (_, message, hint) = only(&text);
    assert!(message.contains("`kind` belongs to the whole partnership"), "{message}");
    assert!(hint.starts_with("move this line above the first [table]"), "{hint}");
    // Four such lines: four findings, one a line.
    let mut four = VALID.to_string();
    let mut tail = String::new();
    for line in [
        "kind = \"operational\"",
        "statutory = false",
        "role = \"influence\"",
        "comments = \"Keep under review.\"",
    ] {
        four = four.replacen(&format!("{line}\n"), "", 1);
        tail.push_str(line);
        tail.push('\n');
    }
    let project = Project::new();
    project.write("register/a.toml", format!("{four}{tail}"));
    let (code, report) = project.check_json(&[]);
    assert_eq!(code, 1, "{report:#}");
    let all = diagnostics(&report);
    assert_eq!(all.len(), 4, "{report:#}");
    assert!(all.iter().all(|d| d["code"] == "unknown-key"), "{report:#}");
}

#[test]
fn missing_and_bad_choices_list_the_allowed_values() {
    let missing = VALID.replacen("kind = \"operational\"\n", "", 1);
    let (_, _, hint) = only(&missing);
    assert!(hint.contains("`strategic` or `operational`"), "{hint}");
    let (_, _, hint) = only(&VALID.replacen("kind = \"operational\"", "kind = \"tactical\"", 1));
    assert!(hint.contains("`strategic` or `operational`"), "{hint}");
    let (_, _, hint) = only(&VALID.replacen("kind = \"operational\"", "kind = 3", 1));
    assert!(hint.contains("`strategic` or `operational`"), "{hint}");
    // A representative's level, in an array of tables.
    let project = Project::new();
    let no_level = VALID.replacen("level = \"", "grade = \"", 1);
    project.write("register/a.toml", &no_level);
    let (_, report) = project.check_json(&[]);
    let hint = diagnostics(&report)
        .iter()
        .find(|d| d["code"] == "missing-key")
        .and_then(|d| d["hint"].as_str())
        .unwrap_or_default()
        .to_string();
    assert!(
        hint.contains("add a line `level = …`") && hint.contains("`member`"),
        "{hint}"
    );
}

#[test]
fn money_and_hours_typed_with_units_give_the_number_to_write() {
    let money = VALID
        .lines()
        .map(|l| {
            if l.starts_with("budget_contribution_gbp") {
                "budget_contribution_gbp = \"£12,000\"".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let (_, _, hint) = only(&money);
    assert!(hint.ends_with("budget_contribution_gbp = 12000"), "{hint}");
    let hours = VALID
        .lines()
        .map(|l| {
            if l.starts_with("staff_hours_per_month") {
                "staff_hours_per_month = \"6 hrs\"".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let (_, _, hint) = only(&hours);
    assert!(hint.ends_with("staff_hours_per_month = 6"), "{hint}");
    assert!(!hint.contains('£'), "{hint}");
}

#[test]
fn review_record_takes_a_uk_date() {
    let project = Project::new();
    project.write("register/a.toml", VALID);
    let run = project.run(&[
        "review",
        "--year",
        "2026",
        "--record",
        "a",
        "--replace",
        "--outcome",
        "continue",
        "--reviewer",
        "CI&P Team",
        "--date",
        "20/11/2026",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read_to_string(project.path("register/a.toml")).unwrap();
    assert!(after.contains("date = 2026-11-20"), "{after}");
}

#[test]
fn missing_reporting_and_approval_name_the_values_allowed() {
    let text = VALID
        .replace(
            "[reporting]\nfrequency = \"quarterly\"\nresponsible = \"Head of Waste\"\nreports_to = \"portfolio-holder\"\n\n",
            "",
        )
        .replace(
            "[approval]\nby = \"cmt\"\ndate = 2015-03-01\nportfolio_holder = \"Cllr Pat Jones\"\n\n",
            "",
        );
    let project = Project::new();
    project.write("register/a.toml", &text);
    let (_, report) = project.check_json(&[]);
    let hint = |code: &str| {
        diagnostics(&report)
            .iter()
            .find(|d| d["code"] == code)
            .and_then(|d| d["hint"].as_str())
            .unwrap_or_else(|| panic!("no {code}: {report:#}"))
            .to_string()
    };
    assert!(hint("no-reporting").contains("`quarterly`") && hint("no-reporting").contains("`portfolio-holder`"));
    assert!(hint("no-approval").contains("`cabinet`"));
}
