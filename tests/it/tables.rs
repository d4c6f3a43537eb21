//! Terminal tables fit the width they are given: names rather than ids,
//! no heading broken mid-word; `assess` one partnership to a line with
//! long text cut with "…", `list` names in full wrapped at words with the
//! columns it left out named; `--wide` prints everything; off a terminal,
//! 100 columns.

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

/// `assess` is laid out as `list` is: every line fits, names whole (wrapped
/// at words, never cut with "…"), the policy's words rather than tokens,
/// and the columns left out named under the table with how to see them.
#[test]
fn assess_fits_80_100_and_120_columns_and_says_what_it_left_out() {
    let project = bundled();
    let all = names(&project);
    for n in [80usize, 100, 120] {
        let w = n.to_string();
        let args = ["assess", "--all", "--width", &w, "--as-of", AS_OF];
        let run = project.run(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        for line in run.stdout.lines() {
            assert!(width(line) <= n, "{args:?}: {} columns:\n{}", width(line), run.stdout);
        }
        // With no rule between rows, each row is one line.
        let shown: Vec<String> = if run.stdout.contains('├') {
            cells(&run.stdout, 0)
        } else {
            body(&run.stdout)
                .iter()
                .map(|l| l.trim_matches('│').split('┆').next().unwrap().trim().to_string())
                .collect()
        };
        assert_eq!(shown.len(), all.len(), "{n}:\n{}", run.stdout);
        for name in &all {
            assert!(shown.contains(name), "{n}: {name} not whole in\n{}", run.stdout);
        }
        assert!(!run.stdout.contains('…'), "{n}:\n{}", run.stdout);
        assert!(!run.stdout.contains("anglia-revenues-partnership"), "{}", run.stdout);
        // No heading broken mid-word; the recommendation in the policy's words.
        assert!(
            run.stdout.lines().nth(1).unwrap().contains("Recommendation"),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout.contains("Retain and manage the risk"),
            "{n}:\n{}",
            run.stdout
        );
        for token in ["retain-manage-risk", "consider-exit", "┆ active"] {
            assert!(!run.stdout.contains(token), "{n}: {token}:\n{}", run.stdout);
        }
        let left_out = format!("Left out to fit {n} columns: Risk computed, Value computed");
        assert!(run.stdout.contains(&left_out), "{}", run.stdout);
        assert!(run.stdout.contains("`--wide` shows every column"), "{}", run.stdout);
    }
    // At 120 columns each partnership has one line, with its status.
    let run = project.run(&["assess", "--all", "--width", "120", "--as-of", AS_OF]);
    assert_eq!(body(&run.stdout).len(), names(&project).len(), "{}", run.stdout);
    assert!(run.stdout.contains("┆ Active"), "{}", run.stdout);
    // --wide: every column, in words.
    let wide = project.run(&["assess", "--all", "--wide", "--as-of", AS_OF]);
    assert!(!wide.stdout.contains("Left out"), "{}", wide.stdout);
    for heading in ["Risk", "computed", "Differs", "Status"] {
        assert!(wide.stdout.contains(heading), "{heading}:\n{}", wide.stdout);
    }
    assert!(wide.stdout.contains("Consider exit"), "{}", wide.stdout);
}

/// One column's cells, each row's lines joined: a name wrapped at words
/// read whole again.
fn cells(table: &str, column: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in table.lines().skip_while(|l| !l.starts_with('╞')).skip(1) {
        if line.starts_with('│') {
            let cell = line.trim_matches('│').split('┆').nth(column).unwrap_or("").trim();
            if !cell.is_empty() {
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(cell);
            }
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    out
}

#[test]
fn list_gives_names_in_full_and_says_what_it_left_out() {
    let project = bundled();
    let all = names(&project);
    for n in [80usize, 100, 120] {
        let w = n.to_string();
        let run = project.run(&["list", "--width", &w, "--as-of", AS_OF]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        for line in run.stdout.lines() {
            assert!(width(line) <= n, "{n}: {} columns:\n{}", width(line), run.stdout);
        }
        // Every name whole, wrapped at words and never cut with "…".
        let shown = cells(&run.stdout, 0);
        assert_eq!(shown.len(), all.len(), "{n}:\n{}", run.stdout);
        for name in &all {
            assert!(shown.contains(name), "{n}: {name} not whole in\n{}", run.stdout);
        }
        assert!(!run.stdout.contains('…'), "{n}:\n{}", run.stdout);
        assert!(!run.stdout.contains("anglia-revenues-partnership"), "{}", run.stdout);
        // The columns left out are named, with how to see them.
        let left_out = format!("Left out to fit {n} columns: Lead partner, Meets");
        assert!(run.stdout.contains(&left_out), "{}", run.stdout);
        assert!(run.stdout.contains("`--wide` shows every column"), "{}", run.stdout);
    }
    // At 120 columns even the longest name has a line to itself.
    let run = project.run(&["list", "--width", "120", "--as-of", AS_OF]);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.contains("Breckland Homelessness and Housing Options Partnership")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.lines().nth(1).unwrap().contains("Status"), "{}", run.stdout);
    // At 80 the less needed columns go first; the name and the
    // recommendation stay.
    let run = project.run(&["list", "--width", "80", "--as-of", AS_OF]);
    let left_out = "Left out to fit 80 columns: Lead partner, Meets, Hours a month, Status.";
    assert!(run.stdout.contains(left_out), "{}", run.stdout);
    assert!(
        run.stdout.lines().nth(1).unwrap().contains("Recommendation"),
        "{}",
        run.stdout
    );
}

#[test]
fn list_shows_labels_not_tokens() {
    let project = bundled();
    let run = project.run(&["list", "--wide", "--as-of", AS_OF]);
    for label in [
        "Retain and manage the risk",
        "Consider exit",
        "Active",
        "Declined",
        "Every two months",
        "As needed",
    ] {
        assert!(run.stdout.contains(label), "{label}:\n{}", run.stdout);
    }
    for token in ["retain-manage-risk", "consider-exit", "┆ active", "bimonthly", "ad-hoc"] {
        assert!(!run.stdout.contains(token), "{token}:\n{}", run.stdout);
    }
    // Machine formats keep the tokens.
    let csv = project.run(&["list", "--format", "csv", "--as-of", AS_OF]);
    assert!(csv.stdout.contains("retain-manage-risk"), "{}", csv.stdout);
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
        // The name may be wrapped at words beside the id.
        assert!(run.stdout.contains("Anglia"), "{}", run.stdout);
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
    // One partnership, its name wrapped at words.
    assert_eq!(cells(&run.stdout, 0).len(), 1, "{}", run.stdout);
}
