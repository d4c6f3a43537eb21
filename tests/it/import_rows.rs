//! `import` of rows that are not one partnership each: a second
//! representative on the row below (typed alone, or with the partnership's
//! cells merged down), rows that repeat an earlier one, and priorities typed
//! with commas. Nothing typed is dropped silently: it lands in a file, or it
//! is reported and kept in the import notes.

use crate::support::{AS_OF, Project};
use rust_xlsxwriter::{Format, Workbook};

const HEADINGS: [&str; 5] = [
    "Partnership Name",
    "Lead Partner",
    "Status",
    "BC Representative(s)",
    "Corporate Priorities",
];

fn read(project: &Project, rel: &str) -> toml::Table {
    toml::from_str(&std::fs::read_to_string(project.path(rel)).unwrap()).unwrap()
}

fn people(entry: &toml::Table) -> Vec<(String, String)> {
    entry["representatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let field = |k: &str| r.get(k).and_then(toml::Value::as_str).unwrap_or_default().to_string();
            (field("name"), field("level"))
        })
        .collect()
}

fn toml_files(project: &Project) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(project.path("register"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The tester's workbook: A2:A3, B2:B3, C2:C3 and E2:E3 merged, D2 and D3
/// two people. Before, row 3 was skipped as a repeat of row 2's id and Jo
/// Bloggs was in no file and not in the import notes.
#[test]
fn a_second_representative_under_merged_cells_joins_the_partnership_above() {
    let project = Project::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (col, h) in HEADINGS.iter().enumerate() {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    let plain = Format::new();
    sheet.merge_range(1, 0, 2, 0, "Swaffham Partnership", &plain).unwrap();
    sheet.merge_range(1, 1, 2, 1, "Swaffham TC", &plain).unwrap();
    sheet.merge_range(1, 2, 2, 2, "Active", &plain).unwrap();
    sheet.merge_range(1, 4, 2, 4, "P1", &plain).unwrap();
    sheet.write_string(1, 3, "Cllr A Smith").unwrap();
    sheet.write_string(2, 3, "Jo Bloggs (officer)").unwrap();
    for (col, v) in ["Wayland Forum", "NCC", "Active", "Cllr Z (member)", "P3"]
        .iter()
        .enumerate()
    {
        sheet.write_string(3, col as u16, *v).unwrap();
    }
    book.save(project.path("merged.xlsx")).unwrap();

    let json = project.run(&[
        "import",
        "merged.xlsx",
        "--dry-run",
        "--format",
        "json",
        "--as-of",
        AS_OF,
    ]);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let row3 = doc["rows"].as_array().unwrap().iter().find(|r| r["row"] == 3).unwrap();
    assert_eq!(row3["outcome"], "continued", "{row3}");
    assert_eq!(row3["file"], "register/swaffham-partnership.toml", "{row3}");

    let run = project.run(&["import", "merged.xlsx", "--as-of", AS_OF]);
    assert_eq!(
        toml_files(&project),
        ["swaffham-partnership.toml", "wayland-forum.toml"],
        "{}",
        run.stdout
    );
    let entry = read(&project, "register/swaffham-partnership.toml");
    assert_eq!(
        people(&entry),
        [
            ("Cllr A Smith".to_string(), "member".to_string()),
            ("Jo Bloggs".to_string(), "officer".to_string())
        ]
    );
    assert!(
        run.stdout
            .contains("row 3: continues row 2: representative(s) Jo Bloggs in register/swaffham-partnership.toml\n"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("skipped"), "{}", run.stdout);
    assert!(
        run.stderr.contains("2 imported (2 need attention), 0 skipped."),
        "{}",
        run.stderr
    );
}

/// The same layout in a CSV: row 3 blank but for the representative.
/// Before, it became a nameless `imported-row-3.toml`.
#[test]
fn a_row_of_only_a_representative_in_a_csv_joins_the_partnership_above() {
    let project = Project::new();
    project.write(
        "old.csv",
        "Partnership Name,Lead Partner,Status,BC Representative(s),Level,Corporate Priorities\n\
         Swaffham Partnership,Swaffham TC,Active,Cllr A Smith,member,P1\n\
         ,,,Jo Bloggs,officer,\n\
         ,,,Sam Reed (cmt),,\n\
         Wayland Forum,NCC,Active,Cllr Z (member),,P3\n",
    );
    let run = project.run(&["import", "old.csv", "--as-of", AS_OF]);
    assert_eq!(
        toml_files(&project),
        ["swaffham-partnership.toml", "wayland-forum.toml"],
        "{}",
        run.stdout
    );
    let entry = read(&project, "register/swaffham-partnership.toml");
    assert_eq!(
        people(&entry),
        [
            ("Cllr A Smith".to_string(), "member".to_string()),
            ("Jo Bloggs".to_string(), "officer".to_string()),
            ("Sam Reed".to_string(), "cmt".to_string())
        ]
    );
    assert!(
        run.stdout
            .contains("row 4: continues row 2: representative(s) Sam Reed in"),
        "{}",
        run.stdout
    );
}

/// A row of representatives with no partnership directly above it, and a
/// row that repeats an earlier name with cells of its own: neither can be
/// placed in a file, so each is reported and its typed cells are kept in
/// the import notes, never dropped or written as a made-up partnership.
#[test]
fn rows_that_cannot_be_placed_are_reported_and_kept_in_the_import_notes() {
    let project = Project::new();
    project.write(
        "old.csv",
        "Partnership Name,Lead Partner,Status,BC Representative(s),Corporate Priorities\n\
         ,,,Orphan Person (officer),\n\
         Swaffham Partnership,Swaffham TC,Active,Cllr A Smith,P1\n\
         ,,,,\n\
         ,,,Jo Bloggs (officer),\n\
         Swaffham Partnership,Active,Active,,P2\n",
    );
    let run = project.run(&["import", "old.csv", "--as-of", AS_OF]);
    assert_eq!(toml_files(&project), ["swaffham-partnership.toml"], "{}", run.stdout);
    for line in [
        "row 2: skipped: only representatives, with no partnership in the row directly above to add them to; kept in the import notes\n",
        "row 5: skipped: only representatives, with no partnership in the row directly above to add them to; kept in the import notes\n",
        "row 6: skipped: an earlier row already has the id \"swaffham-partnership\" (the same name?); kept in the import notes\n",
    ] {
        assert!(run.stdout.contains(line), "{line}\n{}", run.stdout);
    }
    let notes = std::fs::read_to_string(project.path("import-notes-old.md")).unwrap();
    for kept in [
        "* D2 (representatives not imported): Orphan Person (officer)\n",
        "* D5 (representatives not imported): Jo Bloggs (officer)\n",
        "* A6 (row not imported): Swaffham Partnership\n",
        "* B6 (row not imported): Active\n",
        "* C6 (row not imported): Active\n",
        "* E6 (row not imported): P2\n",
    ] {
        assert!(notes.contains(kept), "{kept}\n{notes}");
    }
    assert!(
        run.stdout.contains(
            "titles, sections, notes and rows not imported (6 cell(s)) kept as written in import-notes-old.md"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("1 imported (1 need attention), 3 skipped."),
        "{}",
        run.stderr
    );
}

/// "COMM, SERV" is two priorities, not one called "COMM, SERV"; the split is
/// said. A title with a comma in partreg.toml is read whole, and partners
/// (whose names may hold commas) are never split at commas.
#[test]
fn priorities_typed_with_commas_are_split_and_the_split_is_said() {
    let project = Project::new();
    project.write(
        "partreg.toml",
        "council = \"Test District Council\"\n\n[priorities]\nCOMM = \"Communities\"\nSERV = \"Services\"\nHOME = \"Homes, jobs and growth\"\n",
    );
    project.write(
        "old.csv",
        "Partnership Name,Lead Partner,Status,Corporate Priorities,Other partners\n\
         Safety Board,NCC,Active,\"COMM, SERV\",\"Department for Levelling Up, Housing and Communities\"\n\
         Homes Forum,NCC,Active,\"Homes, jobs and growth; SERV\",\n",
    );
    let run = project.run(&["import", "old.csv", "--as-of", AS_OF]);
    let safety = read(&project, "register/safety-board.toml");
    assert_eq!(
        safety["priorities"],
        toml::Value::from(vec!["COMM", "SERV"]),
        "{}",
        run.stdout
    );
    assert_eq!(
        safety["partners"],
        toml::Value::from(vec!["Department for Levelling Up, Housing and Communities"])
    );
    assert!(
        run.stdout
            .contains(r#"column D "Corporate Priorities": "COMM, SERV" was split at its commas into "COMM", "SERV""#),
        "{}",
        run.stdout
    );
    let homes = read(&project, "register/homes-forum.toml");
    assert_eq!(
        homes["priorities"],
        toml::Value::from(vec!["HOME", "SERV"]),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stdout.matches("was split at its commas").count(),
        1,
        "{}",
        run.stdout
    );
}
