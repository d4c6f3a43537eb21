//! Ctrl-C (SIGINT) during `import`, in a real process: it says what was
//! written and how to finish, removes its own unfinished temporary file,
//! and running the same import again finishes it without duplicates.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{AS_OF, Project};

fn temps(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with(".partreg-") && n.ends_with(".tmp")
        })
        .collect()
}

/// Waits (generously, against a hang) until `ready` holds.
fn wait_until(what: &str, ready: impl Fn() -> bool) {
    let started = Instant::now();
    while !ready() {
        assert!(started.elapsed() < Duration::from_secs(60), "{what} never happened");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_during_import_says_what_was_written_and_a_second_run_finishes_it() {
    let project = Project::new();
    project.write(
        "old.csv",
        "Partnership Name,Lead Partner,Status\nAlpha Forum,NCC,Active\nBeta Board,NCC,Active\nGamma Group,NCC,Active\n",
    );
    let register = project.path("register");
    // Each write waits 5 s with its text in its temporary file: the first
    // finishes, and Ctrl-C comes while the second is half-way.
    let child = Command::new(env!("CARGO_BIN_EXE_partreg"))
        .args(["import", "old.csv", "--as-of", AS_OF])
        .current_dir(project.dir.path())
        .env("PARTREG_TEST_HOLD_WRITE", "5")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until("the second write", || {
        register.join("alpha-forum.toml").exists()
            && temps(&register)
                .iter()
                .any(|t| t.to_string_lossy().contains(".partreg-beta-board.toml-"))
    });
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let out = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{said}");
    assert!(
        said.contains("Import stopped (Ctrl-C): 1 partnership file(s) had been written, each one whole"),
        "{said}"
    );
    assert!(said.contains("has been removed (1 temporary file(s))"), "{said}");
    assert!(
        said.contains("run the same command again to finish it (partreg import old.csv)"),
        "{said}"
    );
    assert_eq!(
        temps(&register),
        Vec::<PathBuf>::new(),
        "its own temporary file is gone"
    );
    assert!(!register.join("beta-board.toml").exists());

    let again = project.run(&["import", "old.csv", "--as-of", AS_OF]);
    assert!(
        again
            .stdout
            .contains("row 2: skipped: the id \"alpha-forum\" is already used"),
        "{}",
        again.stdout
    );
    assert!(
        again.stderr.contains("2 imported (2 need attention), 1 skipped."),
        "{}",
        again.stderr
    );
    let mut files: Vec<String> = std::fs::read_dir(&register)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["alpha-forum.toml", "beta-board.toml", "gamma-group.toml"]);
    let (_, report) = project.check_json(&[]);
    assert!(!report.to_string().contains("leftover-temp-file"), "{report:#}");
}
