//! The pre-commit hook, run by real pre-commit (`pre-commit try-repo`) on a
//! register repository: it passes a clean register and fails a broken one
//! with the finding shown. It uses the partreg on the PATH (the one this
//! test run built), so no build happens here. Skips, saying why, when
//! pre-commit or git is missing (`.ci/run` installs pre-commit).

use std::path::Path;
use std::process::{Command, Output};

use crate::support::{SETTINGS, VALID, skip};

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn try_repo(dir: &Path, home: &Path) -> Output {
    let partreg = Path::new(env!("CARGO_BIN_EXE_partreg"));
    let path = std::env::join_paths(
        std::iter::once(partreg.parent().unwrap().to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .unwrap();
    Command::new("pre-commit")
        .args(["try-repo", env!("CARGO_MANIFEST_DIR"), "partreg-check", "--all-files"])
        .current_dir(dir)
        .env("PATH", path)
        .env("PRE_COMMIT_HOME", home)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn the_hook_passes_a_clean_register_and_fails_a_broken_one() {
    if !have("pre-commit") {
        return skip("pre-commit is not installed (pip install pre-commit)");
    }
    if !have("git") {
        return skip("git is not installed");
    }
    let repo = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let dir = repo.path();
    git(dir, &["init", "-q"]);
    std::fs::write(dir.join("partreg.toml"), SETTINGS).unwrap();
    std::fs::create_dir(dir.join("register")).unwrap();
    std::fs::write(dir.join("register/waste.toml"), VALID).unwrap();
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "register"]);

    let clean = try_repo(dir, home.path());
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&clean.stdout),
        String::from_utf8_lossy(&clean.stderr)
    );
    assert!(clean.status.success(), "{said}");
    assert!(said.contains("partreg check") && said.contains("Passed"), "{said}");

    std::fs::write(
        dir.join("register/waste.toml"),
        VALID.replace("status = \"active\"", "status = \"Active\""),
    )
    .unwrap();
    git(dir, &["commit", "-q", "-am", "break it"]);
    let broken = try_repo(dir, home.path());
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&broken.stdout),
        String::from_utf8_lossy(&broken.stderr)
    );
    assert_eq!(broken.status.code(), Some(1), "{said}");
    assert!(said.contains("Failed") && said.contains("error[bad-value]"), "{said}");
}
