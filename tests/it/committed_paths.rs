//! No committed path may stop the repository being checked out on Windows
//! (issue 11, item 8): no name Windows reserves for a device (`con`, `prn`,
//! `aux`, `nul`, `com0`–`com9`, `lpt0`–`lpt9`, with any extension), no
//! character Windows forbids (`< > : " | ? *`, control characters), no
//! trailing dot or space, and no two paths that differ only in case.
//! Hostile fixtures that need such names are made at test time
//! (`tests/it/hostile.rs`).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Why Windows cannot hold this path, if it cannot.
fn windows_fault(path: &str) -> Option<String> {
    for part in path.split('/') {
        let stem = part.split('.').next().unwrap_or_default();
        if partreg::store::slug::RESERVED
            .iter()
            .any(|r| r.eq_ignore_ascii_case(stem))
        {
            return Some(format!("{part:?} is a device name Windows reserves"));
        }
        if let Some(c) = part.chars().find(|&c| "<>:\"|?*".contains(c) || c.is_control()) {
            return Some(format!("{part:?} holds {c:?}, which Windows forbids in file names"));
        }
        if part.ends_with('.') || part.ends_with(' ') {
            return Some(format!("{part:?} ends with a dot or a space"));
        }
    }
    None
}

#[test]
fn the_rule_knows_what_windows_refuses() {
    for bad in [
        "tests/con.toml",
        "a/NUL",
        "lpt0.txt",
        "x/com9.tar.gz",
        "a<b",
        "a:b",
        "q?",
        "t\tab",
        "dot.",
        "space ",
    ] {
        assert!(windows_fault(bad).is_some(), "{bad}");
    }
    for good in [
        "tests/console.toml",
        "café.toml",
        "rlo-\u{202e}lmth.toml",
        "com10.toml",
        "a.b/c",
    ] {
        assert_eq!(windows_fault(good), None, "{good}");
    }
}

#[test]
fn every_committed_path_can_be_checked_out_on_windows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root.join(".git").exists() {
        eprintln!("skipped: {} is not a git work tree (no .git)", root.display());
        return;
    }
    let out = match Command::new("git").args(["ls-files", "-z"]).current_dir(root).output() {
        Ok(out) if out.status.success() => out,
        Ok(out) => {
            eprintln!("skipped: git ls-files failed: {}", String::from_utf8_lossy(&out.stderr));
            return;
        }
        Err(e) => {
            eprintln!("skipped: git is not available ({e})");
            return;
        }
    };
    // A set: during a merge, a conflicted path is listed once per stage.
    let paths: std::collections::BTreeSet<String> = out
        .stdout
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    assert!(paths.len() > 100, "git ls-files listed only {} paths", paths.len());
    let mut faults: Vec<String> = paths
        .iter()
        .filter_map(|p| windows_fault(p).map(|why| format!("{p}: {why}")))
        .collect();
    let mut by_case: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for p in &paths {
        by_case.entry(p.to_lowercase()).or_default().push(p);
    }
    for same in by_case.values().filter(|v| v.len() > 1) {
        faults.push(format!("{same:?} differ only in case"));
    }
    assert!(
        faults.is_empty(),
        "committed paths Git for Windows cannot check out (make such fixtures at test time):\n{}",
        faults.join("\n")
    );
}
