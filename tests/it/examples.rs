//! Every example in `--help` (each command's examples) and in README.md's
//! ```sh blocks runs: each is run by a shell on a copy of the bundled
//! register, as of 2026-11-30, and must exit 0, or the code its text states
//! ("exit 1"). Input files the examples name are made first (fixtures);
//! steps that need a person at a terminal, the network or another tool are
//! listed in EXEMPT with the reason.

use std::path::Path;
use std::process::Command;

use clap::CommandFactory;

/// Examples not run here, each with why.
const EXEMPT: &[(&str, &str)] = &[
    (
        "partreg add",
        "asks questions: needs a person at a terminal (tests/it/add_guided.rs drives it)",
    ),
    (
        "--interactive",
        "asks questions: needs a person at a terminal (tests/it/assess.rs drives it)",
    ),
    (
        "man -l",
        "runs the man viewer, an outside program that waits for a person",
    ),
    (
        "man partreg-check",
        "runs the man viewer, an outside program that waits for a person",
    ),
    ("sha256sum", "checks a downloaded release"),
    ("shasum", "checks a downloaded release"),
    ("cargo ", "builds partreg from source (the test suite itself)"),
    ("$PROFILE", "PowerShell's profile: PowerShell is not installed here"),
];

/// The example command lines of `--help`: lines starting `partreg ` in
/// each command's examples, joined across `\` line ends, with the
/// description after a run of spaces (or in brackets) taken off.
fn help_examples() -> Vec<(String, i32)> {
    let mut texts = Vec::new();
    let mut cli = partreg::cli::Cli::command();
    cli.build();
    texts.push(cli.get_after_help().map(ToString::to_string).unwrap_or_default());
    for sub in cli.get_subcommands() {
        texts.push(sub.get_after_help().map(ToString::to_string).unwrap_or_default());
    }
    texts.iter().flat_map(|t| command_lines(t, "  partreg ")).collect()
}

/// README.md's ```sh blocks, a command a line (joined across `\`), with
/// `# comments` taken off.
fn readme_examples() -> Vec<(String, i32)> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let mut blocks = String::new();
    let mut inside = false;
    for line in readme.lines() {
        if line.trim_start().starts_with("```") {
            inside = !inside && line.trim_start() == "```sh";
            continue;
        }
        if inside {
            blocks.push_str("  ");
            blocks.push_str(line.trim_start());
            blocks.push('\n');
        }
    }
    command_lines(&blocks, "  ")
}

/// Each command with the exit code its line states ("exit 1"), else 0.
fn command_lines(text: &str, start: &str) -> Vec<(String, i32)> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(rest) = line.strip_prefix(start) else { continue };
        let mut command = if start == "  partreg " {
            format!("partreg {rest}")
        } else {
            rest.to_string()
        };
        while command.trim_end().ends_with('\\') {
            command = command.trim_end().trim_end_matches('\\').to_string();
            command.push(' ');
            command.push_str(lines.next().unwrap_or("").trim());
        }
        let code = if command.contains("exit 1") { 1 } else { 0 };
        // A comment or a description after the command.
        if let Some(at) = command.find(" # ") {
            command.truncate(at);
        }
        if let Some(at) = command.find("   ") {
            command.truncate(at);
        }
        if let Some(at) = command.find("  (") {
            command.truncate(at);
        }
        let command = command.trim().to_string();
        if !command.is_empty() && !command.starts_with('#') {
            out.push((command, code));
        }
    }
    out
}

/// A copy of the bundled register in a git repository tagged
/// `review-2025`, with the input files the examples name.
fn workspace() -> crate::support::Project {
    let project = crate::tables::bundled();
    let dir = project.dir.path();
    let bin = env!("CARGO_BIN_EXE_partreg");
    // The old spreadsheet: the register as a workbook and as CSV, under
    // names the register does not hold yet, so importing adds them.
    let sheet_from = crate::support::Project::new();
    sheet_from.write(
        "register/dereham-market-town-partnership.toml",
        crate::support::VALID
            .replace("Test Waste Partnership", "Dereham Market Town Partnership")
            .replace("[\"P1\", \"P2\"]", "[\"COMM\"]"),
    );
    for (format, file) in [("xlsx", "old-register.xlsx"), ("csv", "old-register.csv")] {
        let out = Command::new(bin)
            .args(["list", "--format", format, "--output"])
            .arg(dir.join(file))
            .current_dir(sheet_from.dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    // A council's own workbook: a title and a note above the headings in
    // row 3, a sheet of current and one of closed partnerships.
    let mut book = rust_xlsxwriter::Workbook::new();
    for (sheet_name, name, status) in [
        ("Current", "Attleborough Town Partnership", "active"),
        ("Closed", "Old Thetford Forum", "exited"),
    ] {
        let sheet = book.add_worksheet().set_name(sheet_name).unwrap();
        sheet.write(0, 0, "Breckland Council: Partnership Register").unwrap();
        sheet.write(1, 0, "Source: CI&P Team").unwrap();
        for (col, heading) in ["Partnership Name", "Lead Partner", "Status"].iter().enumerate() {
            sheet.write(2, u16::try_from(col).unwrap(), *heading).unwrap();
        }
        for (col, value) in [name, "Breckland Council", status].iter().enumerate() {
            sheet.write(3, u16::try_from(col).unwrap(), *value).unwrap();
        }
    }
    book.save(dir.join("council-sheet.xlsx")).unwrap();
    project.write("headers.toml", "");
    crate::tables::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas"),
        &project.path("schemas"),
    );
    project.write(
        "draft.toml",
        crate::support::VALID
            .replace("Test Waste Partnership", "Swaffham Town Partnership")
            .replace("[\"P1\", \"P2\"]", "[\"COMM\"]")
            .replace("status = \"active\"\n", ""),
    );
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.org")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.org")
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    };
    assert!(
        git(&["init", "-q"]) && git(&["add", "-A"]) && git(&["commit", "-qm", "2025"]) && git(&["tag", "review-2025"])
    );
    project
}

fn exempt(command: &str) -> Option<&'static str> {
    EXEMPT
        .iter()
        .find(|(pattern, _)| {
            if *pattern == "partreg add" {
                command == "partreg add"
            } else {
                command.contains(pattern)
            }
        })
        .map(|(_, why)| *why)
}

#[test]
fn every_example_in_help_and_the_readme_runs() {
    if Command::new("git").arg("--version").output().is_err() {
        crate::support::skip("git is not installed (the examples need a repository)");
        return;
    }
    let bin = Path::new(env!("CARGO_BIN_EXE_partreg"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut examples = help_examples();
    assert!(examples.len() > 25, "help examples found: {examples:#?}");
    let readme = readme_examples();
    assert!(readme.len() > 15, "README examples found: {readme:#?}");
    examples.extend(readme);
    let mut failures = Vec::new();
    let mut ran = 0;
    for (command, expected) in &examples {
        let expected = *expected;
        if let Some(why) = exempt(command) {
            crate::support::skip(&format!("{command}: {why}"));
            continue;
        }
        // Each on a fresh copy: examples that write must not meet each other's files.
        let project = workspace();
        let home = project.path("home");
        std::fs::create_dir_all(home.join(".local/share/man/man1")).unwrap();
        std::fs::create_dir_all(home.join(".local/share/bash-completion/completions")).unwrap();
        std::fs::create_dir_all(home.join(".zfunc")).unwrap();
        std::fs::create_dir_all(home.join(".config/fish/completions")).unwrap();
        let with_date = if command.starts_with("partreg ")
            && !command.contains("--as-of")
            && !command.contains("partreg man")
            && !command.contains("partreg completions")
            && !command.contains("partreg schema")
            && !command.contains("partreg init")
        {
            format!("{command} --as-of 2026-11-30")
        } else {
            command.clone()
        };
        let out = Command::new("sh")
            .args(["-c", &with_date])
            .current_dir(project.dir.path())
            .env("PATH", &path)
            .env("HOME", &home)
            .env("GITHUB_STEP_SUMMARY", project.path("summary.md"))
            .env_remove("CI")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        ran += 1;
        let code = out.status.code().unwrap_or(-1);
        if code != expected {
            failures.push(format!(
                "{with_date}\n  exit {code}, expected {expected}\n  {}",
                String::from_utf8_lossy(&out.stderr)
                    .lines()
                    .take(6)
                    .collect::<Vec<_>>()
                    .join("\n  ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {ran} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
