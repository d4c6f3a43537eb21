//! Terminal tables fit the width they are given: one partnership to a
//! line, names rather than ids, long text cut with "…", no heading broken
//! mid-word; `--wide` prints everything; off a terminal, 100 columns.

use crate::support::{AS_OF, Project};

/// A copy of the bundled register (its settings and entries).
pub fn bundled() -> Project {
    let project = Project::bare();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("partreg.toml"), project.path("partreg.toml")).unwrap();
    copy_dir(&root.join("register"), &project.path("register"));
    project
}

pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn width(line: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(line)
}

/// The table rows (lines starting with │) after the heading rule.
fn body(table: &str) -> Vec<&str> {
    table
        .lines()
        .skip_while(|l| !l.starts_with('╞'))
        .skip(1)
        .take_while(|l| l.starts_with('│'))
        .collect()
}

fn names(project: &Project) -> Vec<String> {
    let run = project.run(&["list", "--format", "json", "--as-of", AS_OF]);
    let rows: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    rows["partnerships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn list_and_assess_fit_80_100_and_120_columns_one_partnership_a_line() {
    let project = bundled();
    let all = names(&project);
    for n in [80usize, 100, 120] {
        for (command, heading) in [
            (&["list"][..], "Recommendation"),
            (&["assess", "--all"][..], "Recommendation"),
        ] {
            let mut args = command.to_vec();
            let w = n.to_string();
            args.extend(["--width", &w, "--as-of", AS_OF]);
            let run = project.run(&args);
            assert_eq!(run.code, 0, "{}", run.stderr);
            for line in run.stdout.lines() {
                assert!(width(line) <= n, "{args:?}: {} columns:\n{}", width(line), run.stdout);
            }
            let rows = body(&run.stdout);
            assert_eq!(
                rows.len(),
                all.len(),
                "one line per partnership at {n}:\n{}",
                run.stdout
            );
            // Named by name, not id.
            assert!(rows[0].contains("Anglia Revenues Partnership"), "{}", run.stdout);
            assert!(!run.stdout.contains("anglia-revenues-partnership"), "{}", run.stdout);
            // No heading broken mid-word.
            assert!(run.stdout.lines().nth(1).unwrap().contains(heading), "{}", run.stdout);
        }
    }
}

#[test]
fn long_names_are_cut_with_an_ellipsis_not_wrapped() {
    let project = bundled();
    let run = project.run(&["list", "--width", "80", "--as-of", AS_OF]);
    let rows = body(&run.stdout);
    assert!(rows.iter().any(|r| r.contains('…')), "{}", run.stdout);
    // The name column keeps room for a readable name.
    assert!(
        rows.iter().any(|r| r.contains("Anglian Community Energy")),
        "{}",
        run.stdout
    );
}

#[test]
fn off_a_terminal_tables_are_100_columns_and_wide_gives_everything() {
    let project = bundled();
    let run = project.run(&["list", "--as-of", AS_OF]);
    let widest = run.stdout.lines().map(width).max().unwrap();
    assert!(widest <= 100, "{widest}:\n{}", run.stdout);
    let wide = project.run(&["list", "--wide", "--as-of", AS_OF]);
    assert!(wide.stdout.lines().map(width).max().unwrap() > 100);
    for name in names(&project) {
        assert!(wide.stdout.contains(&name), "{name} in full:\n{}", wide.stdout);
    }
    assert!(
        wide.stdout.contains("anglia-revenues-partnership"),
        "--wide shows ids too"
    );
    assert!(wide.stdout.contains("Lead partner"));
}

#[test]
fn ids_on_request() {
    let project = bundled();
    for command in [&["list"][..], &["assess"][..]] {
        let mut args = command.to_vec();
        args.extend(["--ids", "--as-of", AS_OF]);
        let run = project.run(&args);
        assert!(run.stdout.contains("anglia-revenues-partnership"), "{}", run.stdout);
        assert!(run.stdout.contains("Anglia Revenues Partnership"), "{}", run.stdout);
    }
}

#[test]
fn review_pack_tables_fit_and_name_partnerships() {
    let project = bundled();
    for n in [80usize, 100, 120] {
        let w = n.to_string();
        let run = project.run(&["review", "--year", "2026", "--width", &w, "--as-of", AS_OF]);
        for line in run.stdout.lines() {
            assert!(width(line) <= n, "{n}: {line}\n{}", run.stdout);
        }
        assert!(run.stdout.contains("Norfolk Parking Partnership"), "{}", run.stdout);
        assert!(!run.stdout.contains("norfolk-parking-partnership"), "{}", run.stdout);
    }
}

#[test]
fn text_is_sanitised_before_it_is_measured() {
    let project = Project::new();
    project.write(
        "register/a.toml",
        crate::support::VALID.replace(
            "Test Waste Partnership",
            "Test \\u001B[31mWaste\\u0007 Partnership of many words in a long name",
        ),
    );
    let run = project.run(&["list", "--width", "80", "--as-of", AS_OF]);
    assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
    for line in run.stdout.lines() {
        assert!(width(line) <= 80, "{line}");
    }
    assert_eq!(body(&run.stdout).len(), 1, "{}", run.stdout);
}
