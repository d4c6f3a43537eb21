//! Memory under attack: a file with hundreds of thousands of faults on one
//! line is checked in a bounded amount of memory, showing a capped number of
//! findings and a note with the count of the rest.

use std::process::Command;

use crate::support::{AS_OF, Project, VALID, binary, codes, diagnostics, position_of};

/// VALID with its `partners` line replaced by `partners = [1,1,…]`: `n`
/// wrong-type faults on one 2n-byte line.
fn many_wrong_partners(n: usize) -> String {
    let ones = vec!["1"; n].join(",");
    let partners = "partners = [\"Norfolk County Council\", \"South Norfolk Council\"]";
    assert!(VALID.contains(partners));
    VALID.replace(partners, &format!("partners = [{ones}]"))
}

#[test]
fn a_line_of_300000_faults_shows_a_capped_count_in_a_real_process() {
    let project = Project::new();
    project.write("register/hostile.toml", many_wrong_partners(300_000));
    let out = binary(project.dir.path(), &["check", "--as-of", AS_OF]);
    // The human report is diagnostics, so it goes to stderr.
    let human = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{human}");
    // 20 shown, then one note for the other 299,980 at the 21st.
    assert_eq!(human.matches("error[wrong-type]").count(), 21, "{human}");
    assert!(
        human.contains(
            "register/hostile.toml:6:53: error[wrong-type]: 299,980 more findings like this under \
             `partners[*]` are not shown (at most 20 are shown for one key)"
        ),
        "{human}"
    );
    assert!(human.contains("= key: partners[*]"), "{human}");
    assert!(human.contains("21 errors, 0 warnings in 1 file"), "{human}");
    // Snippets are windows of the 600 KB line, not the line itself.
    assert!(human.len() < 40_000, "{} bytes of output", human.len());
}

/// Before spans and the cap, this file needed about 180 GB and aborted; now
/// it fits easily in 1 GiB of address space (the benchmark holds it to 256
/// MiB of resident memory: scripts/bench-attack.sh).
#[test]
fn a_line_of_300000_faults_is_checked_within_a_memory_limit() {
    if Command::new("sh").arg("-c").arg("ulimit -v 1048576").status().is_err() {
        eprintln!("skipped: no sh to set a memory limit with");
        return;
    }
    let project = Project::new();
    project.write("register/hostile.toml", many_wrong_partners(300_000));
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576 && exec \"$0\" check --format json --as-of 2026-11-30")
        .arg(env!("CARGO_BIN_EXE_partreg"))
        .current_dir(project.dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["errors"], 21);
}

#[test]
fn many_unlisted_priorities_are_capped_per_key() {
    let project = Project::new();
    let codes_line: Vec<String> = (0..20_000).map(|i| format!("\"X{i}\"")).collect();
    let text = VALID.replace(
        "priorities = [\"P1\", \"P2\"]",
        &format!("priorities = [{}]", codes_line.join(", ")),
    );
    project.write("register/many.toml", &text);
    let (code, report) = project.check_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(codes(&report), vec!["unlisted-priority"; 21]);
    let note = &diagnostics(&report)[20];
    assert_eq!(note["key"], "priorities[*]");
    assert!(
        note["message"]
            .as_str()
            .unwrap()
            .starts_with("19,980 more findings like this"),
        "{note}"
    );
    // The note is where the first one left out is: the 21st code, "X20".
    let (line, column) = position_of(&text, "\"X20\"");
    assert_eq!((&note["line"], &note["column"]), (&line.into(), &column.into()));
}

#[test]
fn a_file_shows_at_most_200_findings_in_all() {
    let project = Project::new();
    let unknown: String = (0..350).map(|i| format!("unknown_{i} = 1\n")).collect();
    project.write("register/keys.toml", format!("{unknown}{VALID}"));
    let (code, report) = project.check_json(&[]);
    assert_eq!(code, 1);
    let all = diagnostics(&report);
    assert_eq!(all.len(), 201, "{report}");
    let notes: Vec<_> = all
        .iter()
        .filter(|d| d["message"].as_str().unwrap().contains("not shown"))
        .collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0]["message"],
        "150 more findings in this file are not shown (at most 200 are shown for one file)"
    );
}

#[test]
fn a_normal_number_of_faults_is_shown_whole() {
    let project = Project::new();
    let codes_line: Vec<String> = (0..20).map(|i| format!("\"X{i}\"")).collect();
    let text = VALID.replace(
        "priorities = [\"P1\", \"P2\"]",
        &format!("priorities = [{}]", codes_line.join(", ")),
    );
    project.write("register/twenty.toml", text);
    let (_, report) = project.check_json(&[]);
    assert_eq!(codes(&report), vec!["unlisted-priority"; 20]);
    assert!(!report.to_string().contains("not shown"));
}

/// 10,000 copies of one file would give each copy a message naming 9,999
/// others: memory in the square of the register. Five are named, the rest
/// counted.
#[test]
fn a_large_group_of_duplicates_names_five_files_and_counts_the_rest() {
    let project = Project::new();
    for i in 0..30 {
        project.write(&format!("register/copy-{i:02}.toml"), VALID);
    }
    let (code, report) = project.check_json(&[]);
    assert_eq!(code, 1);
    let all = diagnostics(&report);
    assert_eq!(all.len(), 30);
    assert_eq!(
        all[0]["message"],
        "the name \"Test Waste Partnership\" is also used by register/copy-01.toml and \
         register/copy-02.toml and register/copy-03.toml and register/copy-04.toml and \
         register/copy-05.toml and 24 other files"
    );
    assert!(all.iter().all(|d| d["code"] == "duplicate-name"));
}
