//! No data loss: every command that writes goes through one atomic-write
//! helper, so a write that fails part-way leaves the original file exactly
//! as it was and no temporary file behind.

use std::process::Command;

use crate::support::{AS_OF, Project, VALID};

/// Runs the real binary with writes failing after 10 bytes.
fn failing(project: &Project, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_partreg"))
        .args(args)
        .current_dir(project.dir.path())
        .env("PARTREG_TEST_FAIL_WRITE", "10")
        .output()
        .unwrap()
}

#[test]
fn fuzz_regressions_are_replayed() {
    // Inputs that once made a fuzz target fail are kept here and must stay harmless.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
    assert!(dir.join("README.md").is_file());
    let project = Project::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "md") {
            continue;
        }
        project.write("register/replay.toml", std::fs::read(&path).unwrap());
        let (code, _) = project.check_json(&[]);
        assert!(code == 0 || code == 1, "{}: exit {code}", path.display());
    }
}

/// Every file under the project, with its bytes; partreg's own lock files
/// in `.partreg/` are not the project's.
fn snapshot(project: &Project) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(project.dir.path())
        .into_iter()
        .filter_entry(|e| e.file_name() != ".partreg")
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(project.dir.path())
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    all.sort();
    all
}

#[test]
fn a_write_that_fails_part_way_changes_nothing() {
    let project = Project::new();
    project.write("register/a.toml", VALID);
    project.write(
        "old.csv",
        "Partnership Name,Lead Partner,Status\nNew One,Someone,Active\n",
    );
    project.write("pack.html", "mine");
    let before = snapshot(&project);
    let mut add = vec!["add", "--no-input", "--name", "Another"];
    add.extend_from_slice(crate::support::COMPLETE_PROPOSED);
    let commands: [&[&str]; 6] = [
        &["assess", "a", "--set", "risk.reputation=high"],
        &[
            "review",
            "--year",
            "2026",
            "--record",
            "a",
            "--outcome",
            "exit",
            "--reviewer",
            "CMT",
            "--replace",
        ],
        &["review", "--year", "2026", "--output", "pack.html", "--force"],
        &["list", "--format", "csv", "--output", "pack.html", "--force"],
        &["import", "old.csv"],
        &add,
    ];
    for args in commands {
        let mut all = args.to_vec();
        all.extend(["--as-of", AS_OF]);
        let out = failing(&project, &all);
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(said.contains("failed part-way"), "{args:?}: {said}");
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(snapshot(&project), before, "{args:?} changed a file or left one behind");
    }
}

#[test]
fn init_that_fails_part_way_leaves_no_half_files() {
    for nth in ["10@1", "10@3", "10@5"] {
        let project = Project::bare();
        let out = Command::new(env!("CARGO_BIN_EXE_partreg"))
            .args(["init", "new"])
            .current_dir(project.dir.path())
            .env("PARTREG_TEST_FAIL_WRITE", nth)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{nth}");
        assert_eq!(snapshot(&project), vec![], "{nth}: no file at all is left");
        assert!(!project.path("new").exists(), "{nth}: nor the folders init made");
    }
}
