//! Exit codes that stay honest when the output cannot be written: a reader
//! that closes the pipe early, and a full disk. Real processes, real pipes.

use std::process::{Command, Stdio};

use crate::support::{Project, VALID};

/// A register of `n` broken files: far more findings than a pipe holds
/// (64 KiB), so partreg is certain to write into a closed pipe.
fn broken_register(n: usize) -> Project {
    let project = Project::new();
    for i in 0..n {
        project.write(
            &format!("register/broken-{i:03}.toml"),
            "name = 1\nstatus = \"sleeping\"\n",
        );
    }
    project
}

/// Runs partreg with stdout a pipe whose reader has gone before partreg
/// writes: its exit code and what it said on stderr.
fn into_closed_pipe(project: &Project, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_partreg"))
        .args(args)
        .current_dir(project.dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_closed_pipe_keeps_the_exit_code_of_what_was_found() {
    let broken = broken_register(150);
    for format in ["sarif", "json", "gitlab", "github"] {
        let (code, stderr) = into_closed_pipe(&broken, &["check", "--format", format]);
        assert_eq!(code, Some(1), "--format {format} into a closed pipe: {stderr}");
        assert!(
            !stderr.contains("Broken pipe") && !stderr.contains("panicked"),
            "{stderr}"
        );
    }
    let clean = Project::new();
    for i in 0..150 {
        clean.write(
            &format!("register/p-{i:03}.toml"),
            VALID.replace("Test Waste", &format!("Test {i:03}")),
        );
    }
    let (code, stderr) = into_closed_pipe(&clean, &["list", "--format", "csv"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.is_empty(), "a closed pipe is not worth a message: {stderr}");
}

#[test]
fn a_shell_pipe_into_true_keeps_the_exit_code() {
    if Command::new("bash").arg("-c").arg("true").status().is_err() {
        crate::support::skip("bash is not installed");
        return;
    }
    let broken = broken_register(150);
    let status = Command::new("bash")
        .args(["-o", "pipefail", "-c", "\"$0\" check --format sarif | true"])
        .arg(env!("CARGO_BIN_EXE_partreg"))
        .current_dir(broken.dir.path())
        .status()
        .unwrap();
    assert_eq!(
        status.code(),
        Some(1),
        "`check --format sarif | true` on a broken register"
    );
}

#[test]
fn completions_and_man_into_a_closed_pipe_do_not_panic() {
    let project = Project::new();
    for args in [
        &["completions", "bash"][..],
        &["completions", "zsh"],
        &["man"],
        &["schema"],
        &["--help"],
    ] {
        let (code, stderr) = into_closed_pipe(&project, args);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

/// `/dev/full` fails every write with "no space left on device".
fn into_full_disk(project: &Project, args: &[&str]) -> Option<(Option<i32>, String)> {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        crate::support::skip("this system has no /dev/full");
        return None;
    };
    let out = Command::new(env!("CARGO_BIN_EXE_partreg"))
        .args(args)
        .current_dir(project.dir.path())
        .stdout(full)
        .output()
        .unwrap();
    Some((out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned()))
}

#[test]
fn a_full_disk_is_exit_2_with_a_message() {
    let broken = broken_register(3);
    let cases: [(&Project, &[&str]); 4] = [
        (&broken, &["completions", "bash"]),
        (&broken, &["check", "--format", "json"]),
        (&broken, &["check", "--format", "sarif"]),
        (&broken, &["man"]),
    ];
    for (project, args) in cases {
        let Some((code, stderr)) = into_full_disk(project, args) else {
            return;
        };
        assert_eq!(code, Some(2), "{args:?} onto a full disk: {stderr}");
        assert!(
            stderr.contains("error:") && stderr.contains("No space left"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
