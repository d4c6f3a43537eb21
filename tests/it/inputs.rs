//! Bad input of every kind gives a clear diagnostic and never a panic.

use crate::support::{AS_OF, Project, VALID, codes, diagnostics};

/// Checks a register holding one file with these bytes; returns the codes.
fn codes_for(bytes: impl AsRef<[u8]>) -> Vec<String> {
    let project = Project::new();
    project.write("register/input.toml", bytes);
    let (code, report) = project.check_json(&[]);
    assert!(code == 1 || code == 0, "exit {code}");
    for d in diagnostics(&report) {
        assert_eq!(d["file"], "register/input.toml");
        assert!(!d["message"].as_str().unwrap().is_empty());
    }
    codes(&report)
}

#[test]
fn an_empty_file_lists_the_missing_keys() {
    let found = codes_for("");
    assert!(
        found.len() >= 10 && found.iter().all(|c| c == "missing-key"),
        "{found:?}"
    );
}

#[test]
fn a_binary_file_is_not_utf8() {
    assert_eq!(codes_for([0x89, b'P', b'N', b'G', 0, 0xFF, 0xFE]), ["not-utf8"]);
}

#[test]
fn a_nul_byte_is_a_syntax_error() {
    assert_eq!(codes_for("name = \"a\0b\"\n"), ["syntax"]);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let project = Project::new();
    project.write("register/bom.toml", format!("\u{FEFF}{VALID}"));
    assert_eq!(project.check_json(&[]).0, 0);
}

#[test]
fn windows_line_endings_are_accepted() {
    let project = Project::new();
    project.write("register/crlf.toml", VALID.replace('\n', "\r\n"));
    let (code, report) = project.check_json(&[]);
    assert_eq!(code, 0, "{report:#}");
}

#[test]
fn a_five_megabyte_file_is_read() {
    let big = format!("{VALID}comments2 = \"{}\"\n", "x".repeat(5 * 1024 * 1024));
    assert_eq!(codes_for(big), ["unknown-key"]);
}

#[test]
fn a_folder_named_like_an_entry_is_a_folder() {
    let project = Project::new();
    project.write("register/x.toml/inner.toml", VALID);
    let (code, report) = project.check_json(&[]);
    assert_eq!((code, report["files"].as_u64()), (0, Some(1)));
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_not_followed() {
    let project = Project::new();
    project.write("register/a.toml", VALID);
    project.write("outside/b.toml", "broken = ");
    std::os::unix::fs::symlink(project.path("register"), project.path("register/loop")).unwrap();
    std::os::unix::fs::symlink(project.path("outside/b.toml"), project.path("register/b.toml")).unwrap();
    std::os::unix::fs::symlink("self.toml", project.path("register/self.toml")).unwrap();
    let (code, report) = project.check_json(&[]);
    assert_eq!((code, report["files"].as_u64()), (0, Some(1)), "{report:#}");
}

#[test]
fn hidden_files_and_other_files_are_skipped() {
    let project = Project::new();
    project.write("register/a.toml", VALID);
    project.write("register/.draft.toml", "broken = ");
    project.write("register/.git/x.toml", "broken = ");
    project.write("register/notes.txt", "not an entry");
    let (code, report) = project.check_json(&[]);
    assert_eq!((code, report["files"].as_u64()), (0, Some(1)));
}

#[test]
fn deeply_nested_arrays() {
    let deep = format!("name = {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(codes_for(deep), ["syntax"]);
}

#[test]
fn deeply_nested_inline_tables() {
    let deep = format!("name = {}1{}\n", "{a=".repeat(10_000), "}".repeat(10_000));
    assert_eq!(codes_for(deep), ["syntax"]);
}

#[test]
fn duplicate_keys() {
    assert_eq!(
        codes_for(format!("{VALID}\nname = \"Again\"\n").replacen(
            "\n[[representatives]]",
            "\nname = \"x\"\n[[representatives]]",
            1
        )),
        ["syntax"]
    );
}

#[test]
fn wrong_types_everywhere() {
    let text = VALID
        .replace(
            "partners = [\"Norfolk County Council\", \"South Norfolk Council\"]",
            "partners = \"Norfolk County Council\"",
        )
        .replace("staff_hours_per_month = 6", "staff_hours_per_month = \"6 hours\"")
        .replace(
            "budget_contribution_gbp = 12000",
            "budget_contribution_gbp = \"£12,000\"",
        )
        .replace("started = 2015-04-01", "started = \"2015-04-01\"")
        .replace("[reporting]\nfrequency = \"quarterly\"", "[reporting]\nfrequency = 4")
        .replace("year = 2026", "year = \"2026\"");
    let found = codes_for(&text);
    assert_eq!(found, vec!["wrong-type"; 6]);
    let project = Project::new();
    project.write("register/input.toml", &text);
    let (_, report) = project.check_json(&[]);
    let hints: Vec<&str> = diagnostics(&report).iter().filter_map(|d| d["hint"].as_str()).collect();
    assert!(
        hints.contains(&"write the number of pounds without quotes, £ or commas: budget_contribution_gbp = 12000"),
        "{hints:?}"
    );
    assert!(hints.contains(&"remove the quotes: started = 2015-04-01"), "{hints:?}");
    assert!(
        hints.contains(&"write the number without quotes: year = 2026"),
        "{hints:?}"
    );
}

#[test]
fn a_table_where_a_value_belongs_and_the_reverse() {
    let text = VALID
        .replace("name = \"Test Waste Partnership\"", "name = { first = \"x\" }")
        .replace("[risk]\n", "risk = 3\n[risk_old]\n");
    let found = codes_for(text);
    assert!(found.contains(&"wrong-type".to_string()), "{found:?}");
}

#[test]
fn an_integer_too_large() {
    assert!(
        codes_for(VALID.replace("year = 2026", "year = 99999999999999999999999")).contains(&"out-of-range".to_string())
    );
}

#[test]
fn an_impossible_date() {
    assert_eq!(
        codes_for(VALID.replace("appointed = 2023-05-25", "appointed = 2025-02-30")),
        ["bad-date"]
    );
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let project = Project::new();
    // A raw escape character is a syntax error; the snippet must not echo it.
    project.write("register/raw.toml", format!("{VALID}\n\"\u{1b}[31mred\" = 1\n"));
    // A TOML-escaped one makes a key holding it; the message quotes it safely.
    project.write(
        "register/escaped.toml",
        format!("{}\n\"\\u001b[31mred\" = 1\n", VALID.replace("Test Waste", "Other")),
    );
    let run = project.run(&["check", "--as-of", AS_OF]);
    assert!(!run.stderr.contains('\u{1b}'), "{}", run.stderr);
    assert!(run.stderr.contains("raw.toml:68:2: error[syntax]"), "{}", run.stderr);
    assert!(run.stderr.contains("unknown key \"\\u{1b}[31mred\""), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let project = Project::new();
    project.write("register/secret.toml", VALID);
    let path = project.path("register/secret.toml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions do not stop reading. The same code
        // path is covered by `unreadable_file_too_large`.
        return;
    }
    let (code, report) = project.check_json(&[]);
    assert_eq!((code, codes(&report)), (1, vec!["unreadable".to_string()]));
}

#[test]
fn a_second_byte_order_mark_is_a_hidden_character() {
    assert_eq!(codes_for(format!("\u{FEFF}\u{FEFF}{VALID}")), ["hidden-characters"]);
}
