//! Help, manual pages and "today": global options under their own heading
//! and only where they mean something, one man page per command, and the
//! local calendar date.

use std::process::Command;

use crate::support::{AS_OF, Project, binary};

fn stdout(project: &Project, args: &[&str]) -> String {
    let out = binary(project.dir.path(), args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const GLOBALS: [&str; 4] = ["--register", "--config", "--as-of", "--color"];

#[test]
fn global_options_have_their_own_heading_where_they_are_used() {
    let project = Project::new();
    for command in ["check", "assess", "review", "list", "show", "import", "add"] {
        let help = stdout(&project, &[command, "--help"]);
        let (own, global) = help
            .split_once("\nGlobal options:\n")
            .unwrap_or_else(|| panic!("`{command} --help` has no Global options heading:\n{help}"));
        for flag in GLOBALS {
            assert!(
                global.contains(flag),
                "`{command} --help`: {flag} is not under Global options"
            );
            assert!(
                !own.contains(&format!("  {flag} ")),
                "`{command} --help`: {flag} is among its own options"
            );
        }
    }
    let top = stdout(&project, &["--help"]);
    assert!(top.contains("\nGlobal options:\n      --register <DIR>"), "{top}");
    for command in ["schema", "man", "completions", "init"] {
        let help = stdout(&project, &[command, "--help"]);
        for flag in GLOBALS {
            assert!(
                !help.contains(flag),
                "`{command} --help` shows {flag}, which it ignores:\n{help}"
            );
        }
    }
}

#[test]
fn global_options_work_before_and_after_the_command_and_the_later_wins() {
    let project = Project::new();
    project.write("elsewhere/a.toml", crate::support::VALID);
    project.write("register/broken.toml", "name = 1\n");
    let before = binary(
        project.dir.path(),
        &["--register", "elsewhere", "check", "--as-of", AS_OF],
    );
    let after = binary(
        project.dir.path(),
        &["check", "--register", "elsewhere", "--as-of", AS_OF],
    );
    assert_eq!(
        before.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&before.stderr)
    );
    assert_eq!(
        after.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&after.stderr)
    );
    let both = binary(
        project.dir.path(),
        &[
            "--register",
            "elsewhere",
            "check",
            "--register",
            "register",
            "--as-of",
            AS_OF,
        ],
    );
    assert_eq!(both.status.code(), Some(1), "the command's own --register wins");
}

#[test]
fn fixed_values_are_declared_in_help() {
    let project = Project::new();
    let list = stdout(&project, &["list", "-h"]);
    assert!(list.contains("active") && list.contains("lead-partner"), "{list}");
    // Still read as people type them, and explained in partreg's words.
    let typed = binary(project.dir.path(), &["list", "--status", "Active", "--format", "csv"]);
    assert_eq!(
        typed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&typed.stderr)
    );
    let wrong = binary(project.dir.path(), &["list", "--sort", "size"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("is not a sort key"));
}

#[test]
fn man_writes_a_page_per_command_with_its_options() {
    let project = Project::new();
    let listed = stdout(&project, &["man", "--dir", "man1"]);
    let dir = project.path("man1");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let commands = [
        "add",
        "appointments",
        "assess",
        "check",
        "completions",
        "concern",
        "import",
        "init",
        "list",
        "man",
        "programme",
        "review",
        "schema",
        "show",
    ];
    let mut expected: Vec<String> = commands.iter().map(|c| format!("partreg-{c}.1")).collect();
    expected.push("partreg.1".into());
    expected.sort();
    assert_eq!(names, expected);
    assert_eq!(listed.lines().count(), expected.len(), "each file is named: {listed}");
    for name in &names {
        let page = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(page.starts_with(".ie") || page.starts_with(".TH"), "{name} is not roff");
        // Every page a SEE ALSO names exists.
        let see_also = page
            .split(".SH \"SEE ALSO\"\n")
            .nth(1)
            .unwrap_or_else(|| panic!("{name}: no SEE ALSO"));
        for reference in see_also.lines().next().unwrap().split(", ") {
            let file = reference.replace("\\-", "-").replace("(1)", ".1");
            assert!(
                names.contains(&file),
                "{name} refers to {reference}, which was not written"
            );
        }
    }
    let check = std::fs::read_to_string(dir.join("partreg-check.1")).unwrap();
    for option in ["\\-\\-strict", "\\-\\-summary", "\\-\\-format", "\\-\\-as\\-of"] {
        assert!(check.contains(option), "partreg-check.1 lacks {option}");
    }
    // The examples are kept one per line (no-fill), not run together.
    let examples = check.split(".SH EXAMPLES\n").nth(1).expect("an EXAMPLES section");
    assert!(examples.starts_with(".nf\n"), "{examples}");
    assert!(
        examples.contains("\npartreg check \\-\\-format sarif > partreg.sarif\n"),
        "{examples}"
    );
    // `partreg man` alone still prints the top page, naming no page it did not write.
    let top = stdout(&project, &["man"]);
    assert!(
        top.contains(".TH partreg 1") && !top.contains("partreg\\-check(1)"),
        "{top}"
    );
}

#[test]
fn man_into_a_file_is_refused_and_the_file_kept() {
    let project = Project::new();
    project.write("notes.txt", "mine\n");
    let out = binary(project.dir.path(), &["man", "--dir", "notes.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("notes.txt is a file, not a folder") && stderr.contains("hint:"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(project.path("notes.txt")).unwrap(), "mine\n");
}

/// The pages rendered by the real formatter, when it is installed.
#[test]
fn man_pages_render_with_groff() {
    if Command::new("groff").arg("--version").output().is_err() {
        crate::support::skip("groff is not installed (apt-get install groff-base)");
        return;
    }
    let project = Project::new();
    stdout(&project, &["man", "--dir", "man1"]);
    let render = |name: &str| {
        let out = Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-P", "-cbou"])
            .arg(project.path("man1").join(name))
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(
            out.stderr.is_empty(),
            "groff warns on {name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    // Every page, with all warnings on (£, … and × included).
    for entry in std::fs::read_dir(project.path("man1")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let text = render(&name);
        assert!(
            text.contains("SYNOPSIS") && text.contains("SEE ALSO"),
            "{name}:\n{text}"
        );
    }
    let add = render("partreg-add.1");
    assert!(
        add.contains('…') && !add.contains('Â'),
        "accents and ellipses survive: {add}"
    );
    let text = render("partreg-check.1");
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    for example in [
        "partreg check --format json > findings.json",
        "partreg check --format sarif > partreg.sarif",
    ] {
        // groff may print hyphens as U+2010; compare as typed.
        assert!(
            lines
                .iter()
                .any(|l| l.replace(['\u{2010}', '\u{2212}'], "-") == example),
            "`{example}` is not a line of its own:\n{text}"
        );
    }
    assert!(lines.contains(&"EXAMPLES") && lines.contains(&"SEE ALSO"), "{text}");
}

/// "Today" is the local date: at any instant, 26 hours separate UTC+14
/// and UTC−12, so their dates differ, and each is what jiff says it is.
#[test]
fn today_is_the_local_date_and_tz_is_respected() {
    let project = Project::new();
    let as_of = |tz: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_partreg"))
            .args(["review", "--year", "2026", "--format", "json"])
            .current_dir(project.dir.path())
            .env("TZ", tz)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["as_of"].as_str().unwrap().to_string()
    };
    let expect = |tz: &str| {
        let zone = jiff::tz::TimeZone::get(tz).unwrap();
        zone.to_datetime(jiff::Timestamp::now()).date().to_string()
    };
    for tz in ["Etc/GMT-14", "Etc/GMT+12", "Europe/London"] {
        let before = expect(tz);
        let got = as_of(tz);
        let after = expect(tz);
        assert!(
            got == before || got == after,
            "TZ={tz}: partreg says {got}, jiff says {before}"
        );
    }
    assert_ne!(as_of("Etc/GMT-14"), as_of("Etc/GMT+12"));
    // --as-of still overrides the clock.
    let fixed = Command::new(env!("CARGO_BIN_EXE_partreg"))
        .args(["review", "--year", "2026", "--format", "json", "--as-of", AS_OF])
        .current_dir(project.dir.path())
        .env("TZ", "Etc/GMT-14")
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&fixed.stdout).unwrap();
    assert_eq!(json["as_of"], AS_OF);
}

/// Words that only a developer would write: clap's name, Rust type names,
/// rustdoc link brackets and issue numbers. A `///` comment on a flattened
/// clap struct once became the top-level `--help` and `man` description.
const DEVELOPER_TELLS: [&str; 5] = ["clap", "GlobalArgs", "[`", "#53", "struct"];

fn assert_no_developer_prose(what: &str, text: &str) {
    for tell in DEVELOPER_TELLS {
        assert!(
            !text.contains(tell),
            "{what} contains the developer's {tell:?}:\n{text}"
        );
    }
}

/// Every command's path (`["review"]`, …), however deeply nested, as the
/// words a person types.
fn command_paths(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let mut path = prefix.to_vec();
        path.push(sub.get_name().to_string());
        command_paths(sub, &path, out);
        out.push(path);
    }
}

#[test]
fn help_and_man_pages_hold_no_developer_prose() {
    use clap::CommandFactory;
    let project = Project::new();
    let mut paths = vec![Vec::new()];
    command_paths(&partreg::cli::Cli::command(), &[], &mut paths);
    paths.sort();
    assert!(paths.len() > 10, "{paths:?}");
    for path in &paths {
        let words: Vec<&str> = path.iter().map(String::as_str).collect();
        for form in [[&words[..], &["--help"]].concat(), [&words[..], &["-h"]].concat()] {
            assert_no_developer_prose(&form.join(" "), &stdout(&project, &form));
        }
        let help = [&["help"][..], &words[..]].concat();
        assert_no_developer_prose(&help.join(" "), &stdout(&project, &help));
    }
    assert_no_developer_prose("man", &stdout(&project, &["man"]));
    stdout(&project, &["man", "--dir", "man1"]);
    for entry in std::fs::read_dir(project.path("man1")).unwrap() {
        let path = entry.unwrap().path();
        let page = std::fs::read_to_string(&path).unwrap();
        assert_no_developer_prose(&path.display().to_string(), &page);
    }
}
