//! First steps that work: `init` makes a git repository, and `check` warns
//! about init's example entry and placeholder priorities until replaced.

use crate::support::{AS_OF, Project, codes, run_in};

fn git_available() -> bool {
    let found = std::process::Command::new("git").arg("--version").output().is_ok();
    if !found {
        crate::support::skip("git is not installed");
    }
    found
}

#[test]
fn init_makes_a_git_repository_outside_one_and_says_so() {
    if !git_available() {
        return;
    }
    let project = Project::bare();
    let run = project.run(&["init", "reg", "--council", "Test Council"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(project.path("reg/.git").is_dir(), "{}", run.stderr);
    assert!(run.stderr.contains("created a git repository in"), "{}", run.stderr);
}

#[test]
fn init_inside_a_repository_makes_none() {
    if !git_available() {
        return;
    }
    let project = Project::bare();
    let ok = std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(project.dir.path())
        .status()
        .unwrap();
    assert!(ok.success());
    let run = project.run(&["init", "reg"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!project.path("reg/.git").exists());
    assert!(!run.stderr.contains("git repository"), "{}", run.stderr);
}

#[test]
fn check_warns_on_the_example_entry_and_placeholder_priorities_until_replaced() {
    let project = Project::bare();
    assert_eq!(project.run(&["init", "reg"]).code, 0);
    let dir = project.path("reg");
    let strict = run_in(&dir, &["check", "--strict", "--as-of", AS_OF]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(
        strict.stderr.contains("example entry `partreg init` wrote"),
        "{}",
        strict.stderr
    );
    assert!(
        strict.stderr.contains("priority \"P1\" is still the placeholder"),
        "{}",
        strict.stderr
    );
    let json = run_in(&dir, &["check", "--format", "json", "--as-of", AS_OF]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(codes(&report), ["placeholder", "placeholder"]);

    // Own priorities: only the example entry is left to warn about.
    let settings = std::fs::read_to_string(dir.join("partreg.toml"))
        .unwrap()
        .replace("First corporate priority (replace me)", "Community safety");
    std::fs::write(dir.join("partreg.toml"), settings).unwrap();
    let run = run_in(&dir, &["check", "--format", "json", "--as-of", AS_OF]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(codes(&report), ["placeholder"]);

    // The example renamed into a real partnership: clean under --strict.
    let entry = dir.join("register/example-partnership.toml");
    let text = std::fs::read_to_string(&entry).unwrap().replace(
        "Example Community Safety Partnership",
        "Breckland Community Safety Partnership",
    );
    std::fs::write(&entry, text).unwrap();
    let strict = run_in(&dir, &["check", "--strict", "--as-of", AS_OF]);
    assert_eq!(strict.code, 0, "{}", strict.stderr);
}

/// `init` shows where the Annual Council and election dates go, commented
/// out; uncommented as they are, `appointments` works from them.
#[test]
fn inits_calendar_example_works_once_uncommented() {
    let project = Project::bare();
    let run = project.run(&["init", "reg", "--council", "Test Council"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let settings = std::fs::read_to_string(project.path("reg/partreg.toml")).unwrap();
    assert!(settings.contains("# [calendar]"), "{settings}");
    let uncommented = settings
        .replace("# [calendar]", "[calendar]")
        .replace("# annual_council", "annual_council")
        .replace("# elections", "elections");
    std::fs::write(project.path("reg/partreg.toml"), uncommented).unwrap();
    let list = run_in(&project.path("reg"), &["appointments", "--as-of", AS_OF]);
    assert_eq!(list.code, 0, "{}", list.stderr);
}
