//! `import` of a register shaped like the ones councils keep by hand: a
//! merged title and a note above the headings, section rows, Appendix A's own
//! headings, a key and notes under the table, merged cells and a second sheet.

use crate::support::{AS_OF, Project};
use rust_xlsxwriter::{Format, Workbook};

/// Appendix A's own headings, as a council types them.
const HEADINGS: &[&str] = &[
    "Partnership Name",
    "Lead Partner",
    "Function of partnership",
    "Is the partnership Strategic or Operational?",
    "Is this a statutory partnership we are obliged to attend? (Y/N)",
    "Frequency of Meetings",
    "BC Representative (s) (Members and/or Officers)",
    "Staff time (hrs per month)",
    "Budget contribution (£)",
    "Status",
];

/// The realistic messy workbook, saved as `old.xlsx` in the project.
pub fn messy_workbook(project: &Project) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Register").unwrap();
    let plain = Format::new();
    let last = (HEADINGS.len() - 1) as u16;
    sheet
        .merge_range(
            0,
            0,
            0,
            last,
            "Breckland Council - Partnership Register 2025/26",
            &plain,
        )
        .unwrap();
    sheet
        .write_string(
            1,
            0,
            "Please update your rows by the end of March and tell the Policy team.",
        )
        .unwrap();
    for (col, heading) in HEADINGS.iter().enumerate() {
        sheet.write_string(2, col as u16, *heading).unwrap();
    }
    sheet.write_string(3, 0, "SHARED SERVICES").unwrap();
    let rows: &[&[&str]] = &[
        &[
            "Anglia Revenues Partnership",
            "",
            "Shared revenues and benefits service",
            "Operational",
            "N",
            "Monthly",
            "Jo Smith (officer)",
            "6",
            "12500",
            "Active",
        ],
        &[
            "Shared Legal Service",
            "",
            "Legal advice for both councils",
            "Operational",
            "No",
            "Every 6 weeks",
            "Ann Lee (officer)",
            "2-3",
            "TBC",
            "Active",
        ],
    ];
    for (i, row) in rows.iter().enumerate() {
        for (col, text) in row.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(4 + i as u32, col as u16, *text).unwrap();
            }
        }
    }
    // One lead partner for both rows, merged as councils do.
    sheet
        .merge_range(4, 1, 5, 1, "South Holland District Council", &plain)
        .unwrap();
    sheet.write_string(6, 0, "HEALTH AND WELLBEING").unwrap();
    let health: &[&str] = &[
        "Breckland Health Board",
        "Norfolk County Council",
        "Joint health planning",
        "Strategic",
        "Yes",
        "Quarterly",
        "Cllr Ann Brown",
        "4",
        "£1.2m",
        "Active",
    ];
    for (col, text) in health.iter().enumerate() {
        sheet.write_string(7, col as u16, *text).unwrap();
    }
    sheet.write_string(9, 0, "Key: H = High, M = Medium, L = Low").unwrap();
    sheet
        .write_string(10, 0, "Source: Policy team register - do not edit the column headings")
        .unwrap();
    sheet
        .write_string(11, 0, "* Figures to be confirmed by Finance")
        .unwrap();
    let closed = book.add_worksheet().set_name("Closed").unwrap();
    for (col, heading) in HEADINGS.iter().enumerate() {
        closed.write_string(0, col as u16, *heading).unwrap();
    }
    closed.write_string(1, 0, "Old Town Forum").unwrap();
    closed.write_string(1, 9, "Closed").unwrap();
    book.save(project.path("old.xlsx")).unwrap();
}

fn read(project: &Project, rel: &str) -> toml::Table {
    let text = std::fs::read_to_string(project.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    toml::from_str(&text).unwrap()
}

#[test]
fn finds_the_headings_below_a_title_and_reads_sections_into_folders() {
    let project = Project::new();
    messy_workbook(&project);
    let run = project.run(&["import", "old.xlsx", "--as-of", AS_OF]);
    let said = format!("{}\n{}", run.stdout, run.stderr);
    assert!(said.contains("row 3: the headings"), "{said}");
    assert!(
        said.contains("row 4: section \"SHARED SERVICES\": the rows below go in register/shared-services/"),
        "{said}"
    );
    assert!(
        said.contains("row 10: a note, not a partnership: \"Key: H = High"),
        "{said}"
    );
    assert!(said.contains("row 11: a note, not a partnership: \"Source:"), "{said}");
    assert!(
        said.contains("row 12: a note, not a partnership: \"* Figures"),
        "{said}"
    );
    assert!(
        said.contains("sheet \"Closed\" not read: it appears to hold a table of 1 row(s) with headings on row 1; add --sheet \"Closed\""),
        "{said}"
    );
    let arp = read(&project, "register/shared-services/anglia-revenues-partnership.toml");
    let legal = read(&project, "register/shared-services/shared-legal-service.toml");
    // The lead partner merged over both rows is in both files.
    assert_eq!(arp["lead_partner"].as_str(), Some("South Holland District Council"));
    assert_eq!(legal["lead_partner"].as_str(), Some("South Holland District Council"));
    assert_eq!(arp["statutory"].as_bool(), Some(false));
    assert_eq!(arp["kind"].as_str(), Some("operational"));
    assert_eq!(arp["staff_hours_per_month"].as_integer(), Some(6));
    let board = read(&project, "register/health-and-wellbeing/breckland-health-board.toml");
    assert_eq!(board["representatives"][0]["level"].as_str(), Some("member"));
    // Nothing else became a partnership.
    let all: Vec<_> = walkdir(&project.path("register"));
    assert_eq!(all.len(), 3, "{all:?}");
}

#[test]
fn no_sections_and_named_sheets() {
    let project = Project::new();
    messy_workbook(&project);
    let run = project.run(&[
        "import",
        "old.xlsx",
        "--no-sections",
        "--sheet",
        "Register",
        "--sheet",
        "Closed",
        "--dry-run",
    ]);
    let said = format!("{}\n{}", run.stdout, run.stderr);
    assert!(said.contains("would import register/shared-services.toml"), "{said}");
    assert!(
        said.contains("sheet \"Closed\", row 2: would import register/old-town-forum.toml"),
        "{said}"
    );
    assert!(said.contains("sheet \"Register\", row 10: a note"), "{said}");
    let missing = project.run(&["import", "old.xlsx", "--sheet", "Current"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .contains("has no sheet called \"Current\"; its sheets are \"Register\", \"Closed\""),
        "{}",
        missing.stderr
    );
}

#[test]
fn a_sheet_with_no_heading_row_writes_nothing_and_shows_the_rows() {
    let project = Project::new();
    project.write(
        "odd.csv",
        "Register of schemes\nScheme,Who leads,Money\nForum,Breckland,0\n",
    );
    let run = project.run(&["import", "odd.csv"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("no heading row found in the first 30 rows"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("row 2: A \"Scheme\", B \"Who leads\", C \"Money\" (0 known heading(s))"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--header-row N"), "{}", run.stderr);
    assert_eq!(walkdir(&project.path("register")).len(), 0);
    // Named and mapped, the same sheet imports.
    project.write(
        "map.toml",
        "Scheme = \"name\"\n\"Who leads\" = \"lead_partner\"\nMoney = \"budget_contribution_gbp\"\n",
    );
    let run = project.run(&[
        "import",
        "odd.csv",
        "--header-row",
        "2",
        "--mapping",
        "map.toml",
        "--as-of",
        AS_OF,
    ]);
    assert!(
        run.stdout.contains("row 3: imported register/forum.toml"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    // A row named that is not the headings is refused, showing the rows.
    let wrong = project.run(&["import", "odd.csv", "--header-row", "1", "--mapping", "map.toml"]);
    assert_eq!(wrong.code, 2);
    assert!(
        wrong.stderr.contains("row 1 of sheet \"odd\" is not a heading row"),
        "{}",
        wrong.stderr
    );
}

/// Every `.toml` file below `dir`.
fn walkdir(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// A CSV of values as people type them, imported; returns the run and the project.
fn typed(rows: &str) -> (crate::support::Run, Project) {
    let project = Project::new();
    project.write(
        "typed.csv",
        format!(
            "Partnership Name,Budget contribution (£),Staff time (hrs per month),Frequency of Meetings,Statutory (Y/N),Overall Risk Assessment,Our Role,Priority / Critical Outcomes,Date joined,Status\n{rows}"
        ),
    );
    let run = project.run(&["import", "typed.csv", "--as-of", AS_OF]);
    (run, project)
}

#[test]
fn money_as_people_type_it() {
    let cases = [
        ("£1.2m", Some(1_200_000)),
        ("£150k", Some(150_000)),
        ("12.5k", Some(12_500)),
        ("\"£5,000 p.a.\"", Some(5_000)),
        ("\"£ 2,000\"", Some(2_000)),
        ("£0.00", Some(0)),
        ("nil", Some(0)),
        ("TBC", None),
        ("n/a", None),
        ("", None),
    ];
    let rows: String = cases
        .iter()
        .enumerate()
        .map(|(i, (money, _))| format!("Forum {i},{money},,,,,,,,Active\n"))
        .collect();
    let (run, project) = typed(&rows);
    for (i, (money, want)) in cases.iter().enumerate() {
        let t = read(&project, &format!("register/forum-{i}.toml"));
        assert_eq!(
            t.get("budget_contribution_gbp").and_then(toml::Value::as_integer),
            *want,
            "{money}: {}",
            run.stdout
        );
    }
    assert!(
        run.stdout
            .contains("column B \"Budget contribution (£)\": \"TBC\" means not known yet, so it was left unset"),
        "{}",
        run.stdout
    );
    assert!(
        read(&project, "register/forum-7.toml")["comments"]
            .as_str()
            .unwrap()
            .contains("Budget contribution (£): TBC")
    );
}

#[test]
fn hours_frequencies_yes_no_levels_roles_priorities_and_dates_as_people_type_them() {
    let (run, project) = typed(
        "A,0,2-3,Bi-monthly,Yes - statutory,H,Lead,growth; Comunities,April 2015,Active\n\
         B,0,approx 5,Every 6 weeks,N,Low/Medium,Influence,P3,2027-05-01,Active\n\
         C,0,5 hrs,Twice a year,y,Med,Control,Safe towns,1999,Active\n\
         D,0,1,Half yearly,no,L,Information,P1,31/03/2025,Active\n\
         E,0,1,Ad hoc,1,M,Information,P1,2016-04,Closed\n",
    );
    let out = &run.stdout;
    let t = |id: &str| read(&project, &format!("register/{id}.toml"));
    assert_eq!(t("a")["staff_hours_per_month"].as_float(), Some(2.5));
    assert!(
        out.contains("\"2-3\" is a range, so its midpoint 2.5 was used"),
        "{out}"
    );
    assert_eq!(t("b")["staff_hours_per_month"].as_integer(), Some(5));
    assert_eq!(t("c")["staff_hours_per_month"].as_integer(), Some(5));
    assert_eq!(t("a")["meeting_frequency"].as_str(), Some("bimonthly"));
    assert_eq!(t("b")["meeting_frequency"].as_str(), Some("bimonthly"));
    assert!(
        out.contains("\"Every 6 weeks\" was read as bimonthly, the nearest the register has"),
        "{out}"
    );
    assert_eq!(t("c")["meeting_frequency"].as_str(), Some("half-yearly"));
    assert_eq!(t("d")["meeting_frequency"].as_str(), Some("half-yearly"));
    assert_eq!(t("e")["meeting_frequency"].as_str(), Some("ad-hoc"));
    for (id, yes) in [("a", true), ("b", false), ("c", true), ("d", false), ("e", true)] {
        assert_eq!(t(id)["statutory"].as_bool(), Some(yes), "{id}");
    }
    assert_eq!(t("a")["risk"]["overall"].as_str(), Some("high"));
    assert_eq!(t("b")["risk"]["overall"].as_str(), Some("medium"));
    assert!(
        out.contains("\"Low/Medium\" gives two ratings, low and medium, so the higher, medium, was used"),
        "{out}"
    );
    assert_eq!(t("c")["risk"]["overall"].as_str(), Some("medium"));
    assert_eq!(t("d")["risk"]["overall"].as_str(), Some("low"));
    assert_eq!(t("a")["role"].as_str(), Some("control"));
    assert_eq!(t("a")["priorities"].as_array().unwrap()[0].as_str(), Some("P1"));
    assert!(
        out.contains("\"Comunities\" is not a priority in partreg.toml; did you mean P2 (Communities)?"),
        "{out}"
    );
    assert!(out.contains("\"Safe towns\" is not a priority in partreg.toml; the priorities are P1 (Growth), P2 (Communities), P3 (Environment)"), "{out}");
    assert_eq!(t("b")["priorities"].as_array().unwrap()[0].as_str(), Some("P3"));
    assert_eq!(
        t("a")["started"].as_datetime().map(ToString::to_string),
        Some("2015-04-01".into())
    );
    assert!(
        out.contains("\"April 2015\" gives only the month, so the first day, 2015-04-01, was used"),
        "{out}"
    );
    assert!(
        out.contains("the start date 2027-05-01 is in the future; check it"),
        "{out}"
    );
    assert_eq!(
        t("c")["started"].as_datetime().map(ToString::to_string),
        Some("1999-01-01".into())
    );
    assert_eq!(
        t("d")["started"].as_datetime().map(ToString::to_string),
        Some("2025-03-31".into())
    );
    assert_eq!(
        t("e")["started"].as_datetime().map(ToString::to_string),
        Some("2016-04-01".into())
    );
    assert_eq!(t("e")["status"].as_str(), Some("exited"));
}

#[test]
fn representatives_are_split_and_paired_with_a_level_column() {
    let project = Project::new();
    project.write(
        "people.csv",
        "Partnership Name,BC Representative (s) (Members and/or Officers),CMT / SMT / Member / Officer,Status\n\
         A,Cllr Alan Smith / Jo Bloggs,Member / Officer,Active\n\
         B,Cllr Ann Brown & Tom Reed (officer),,Active\n\
         C,\"Jo Smith\nAnn Lee\",SMT,Active\n\
         D,Sam Fox; Kim Day,CMT; Boss,Active\n",
    );
    let run = project.run(&["import", "people.csv", "--as-of", AS_OF]);
    let t = |id: &str| read(&project, &format!("register/{id}.toml"));
    let people = |id: &str| -> Vec<(String, String)> {
        t(id)["representatives"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["name"].as_str().unwrap().to_string(),
                    r.get("level").and_then(toml::Value::as_str).unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    let pair = |n: &str, l: &str| (n.to_string(), l.to_string());
    assert_eq!(
        people("a"),
        vec![pair("Cllr Alan Smith", "member"), pair("Jo Bloggs", "officer")]
    );
    assert_eq!(
        people("b"),
        vec![pair("Cllr Ann Brown", "member"), pair("Tom Reed", "officer")]
    );
    assert!(
        run.stdout
            .contains("\"Cllr Ann Brown\" is a councillor, so the level member was used"),
        "{}",
        run.stdout
    );
    assert_eq!(people("c"), vec![pair("Jo Smith", "smt"), pair("Ann Lee", "smt")]);
    assert_eq!(people("d"), vec![pair("Sam Fox", "cmt"), pair("Kim Day", "Boss")]);
    assert!(
        run.stdout
            .contains("\"Boss\" is not a level: use member, cmt, smt or officer"),
        "{}",
        run.stdout
    );
    // Both person fields can be mapped by hand too.
    project.write(
        "map.toml",
        "Who = \"representatives\"\nGrade = \"representatives.level\"\nAs = \"representatives.position\"\n",
    );
    project.write(
        "mapped.csv",
        "Partnership Name,Who,Grade,As\nE,Jo Smith; Ann Lee,officer; member,Secretary; Chair\n",
    );
    let run = project.run(&["import", "mapped.csv", "--mapping", "map.toml", "--as-of", AS_OF]);
    assert!(
        run.stdout.contains("imported register/e.toml"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
    let e = t("e");
    assert_eq!(e["representatives"][1]["level"].as_str(), Some("member"));
    assert_eq!(e["representatives"][1]["position"].as_str(), Some("Chair"));
}

#[test]
fn the_officers_guide_shows_the_real_report_for_the_messy_workbook() {
    let project = Project::new();
    messy_workbook(&project);
    let run = project.run(&["import", "old.xlsx", "--dry-run", "--as-of", AS_OF]);
    let guide = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/user-guide.md")).unwrap();
    let report = format!("{}{}", run.stdout, run.stderr);
    assert!(
        guide.contains(&format!("```text\n{report}```")),
        "docs/user-guide.md should show this report as it is:\n{report}"
    );
}

#[test]
fn every_cell_of_the_partnership_rows_lands_in_a_field_or_in_comments() {
    let project = Project::new();
    messy_workbook(&project);
    let run = project.run(&["import", "old.xlsx", "--as-of", AS_OF]);
    // Where each column lands, as the register names it.
    let fields = [
        "name",
        "lead_partner",
        "function",
        "kind",
        "statutory",
        "meeting_frequency",
        "representatives",
        "staff_hours_per_month",
        "budget_contribution_gbp",
        "status",
    ];
    // The sheet's partnership rows: every one of their cells is filled
    // (the lead partner through its merge).
    let files = [
        "shared-services/anglia-revenues-partnership",
        "shared-services/shared-legal-service",
        "health-and-wellbeing/breckland-health-board",
    ];
    let (mut cells_in, mut cells_out) = (0, 0);
    for file in files {
        let t = read(&project, &format!("register/{file}.toml"));
        let comments = t.get("comments").and_then(toml::Value::as_str).unwrap_or("");
        for (field, heading) in fields.iter().zip(HEADINGS) {
            cells_in += 1;
            // In its field, or (a value not known yet, "TBC") in the comments under its heading.
            if t.contains_key(*field) || comments.contains(&format!("{heading}: ")) {
                cells_out += 1;
            } else {
                panic!("{file}: the cell under {heading:?} was dropped:\n{}", run.stdout);
            }
        }
    }
    assert!(
        read(&project, "register/shared-services/shared-legal-service.toml")["comments"]
            .as_str()
            .unwrap()
            .contains("Budget contribution (£): TBC")
    );
    assert_eq!(cells_in, 30);
    assert_eq!(cells_out, cells_in);
    // Every other non-empty cell of the sheet read (the titles above the
    // headings, the section rows, the key and notes under the table) is in
    // the notes file beside the register, as written, with its place.
    let notes =
        std::fs::read_to_string(project.path("import-notes-old.md")).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    assert!(
        run.stdout
            .contains("titles, sections and notes (7 cell(s)) kept as written in import-notes-old.md"),
        "{}",
        run.stdout
    );
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(project.path("old.xlsx")).unwrap();
    let sheet = book.worksheet_range("Register").unwrap();
    let partnership_rows = [4, 5, 7];
    let (mut other_in, mut other_out) = (0, 0);
    for (row, col, cell) in sheet.used_cells() {
        let text = cell.to_string();
        if text.trim().is_empty() || row == 2 || partnership_rows.contains(&row) {
            continue;
        }
        other_in += 1;
        let place = format!("* {}{} (", (b'A' + col as u8) as char, row + 1);
        if notes.lines().any(|l| l.starts_with(&place) && l.ends_with(&text)) {
            other_out += 1;
        } else {
            panic!("the cell {place:?} {text:?} was dropped:\n{notes}");
        }
    }
    assert_eq!(other_in, 7, "two titles, two sections, a key and two notes");
    assert_eq!(other_out, other_in);
    // The notes never replace a file: a second import writes beside it.
    let again = project.run(&["import", "old.xlsx", "--as-of", AS_OF]);
    assert!(again.stdout.contains("import-notes-old-2.md"), "{}", again.stdout);
    assert_eq!(
        std::fs::read_to_string(project.path("import-notes-old.md")).unwrap(),
        notes
    );
}

#[test]
fn the_json_report_matches_its_schema() {
    let project = Project::new();
    messy_workbook(&project);
    let run = project.run(&["import", "old.xlsx", "--dry-run", "--format", "json", "--as-of", AS_OF]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/schemas/output/import.schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("file:///import-report.json", schema).unwrap();
    let index = compiler.compile("file:///import-report.json", &mut schemas).unwrap();
    schemas.validate(&doc, index).map_err(|e| format!("{e:#}")).unwrap();
    assert_eq!(doc["totals"]["imported"], 3);
    assert_eq!(doc["totals"]["dry_run"], true);
    assert_eq!(doc["sheets_not_read"].as_array().unwrap().len(), 1);
    let rows = doc["rows"].as_array().unwrap();
    let legal = rows.iter().find(|r| r["row"] == 6).unwrap();
    assert_eq!(legal["outcome"], "would-import");
    assert_eq!(legal["file"], "register/shared-services/shared-legal-service.toml");
    assert!(
        legal["needs_attention"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n.as_str().unwrap().contains("\"TBC\" means not known yet"))
    );
    assert_eq!(rows.iter().filter(|r| r["outcome"] == "note").count(), 3);
    assert_eq!(rows.iter().filter(|r| r["outcome"] == "section").count(), 2);
    let budget = doc["columns"][0]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["column"] == "I")
        .unwrap();
    assert_eq!(budget["read_into"], "budget_contribution_gbp");
    assert_eq!(budget["examples"][0], "TBC");
    // Nothing written by a dry run, in either format.
    assert_eq!(walkdir(&project.path("register")).len(), 0);
}

#[test]
fn dates_with_dashes_and_dots_are_read_day_first_and_impossible_days_reported() {
    let (run, project) = typed(
        "A,0,1,Monthly,no,L,Information,P1,31-03-2025,Active\n\
         B,0,1,Monthly,no,L,Information,P1,1-4-2012,Active\n\
         C,0,1,Monthly,no,L,Information,P1,31.03.2025,Active\n\
         D,0,1,Monthly,no,L,Information,P1,01/04/2012,Active\n\
         E,0,1,Monthly,no,L,Information,P1,31-02-2025,Active\n",
    );
    let started = |id: &str| {
        read(&project, &format!("register/{id}.toml"))
            .get("started")
            .map(ToString::to_string)
    };
    assert_eq!(started("a").as_deref(), Some("2025-03-31"));
    assert_eq!(started("b").as_deref(), Some("2012-04-01"));
    assert_eq!(started("c").as_deref(), Some("2025-03-31"));
    assert_eq!(started("d").as_deref(), Some("2012-04-01"));
    // Reported, never moved to another day.
    assert!(
        run.stdout
            .contains("\"31-02-2025\" is not a date: February 2025 has no day 31"),
        "{}",
        run.stdout
    );
    assert!(
        !read(&project, "register/e.toml")
            .get("started")
            .is_some_and(toml::Value::is_datetime),
        "{}",
        run.stdout
    );
}

/// A merged cell fills every row it covers, as Excel shows it; the report
/// says so for each merge below the headings (not for the title merged
/// across the top), in words and in the JSON.
#[test]
fn each_merge_that_filled_rows_is_reported() {
    let project = Project::new();
    messy_workbook(&project);
    let said = project
        .run(&["import", "old.xlsx", "--dry-run", "--as-of", AS_OF])
        .stdout;
    assert!(
        said.contains("B5:B6 merged: \"South Holland District Council\" used for rows 5 and 6\n"),
        "{said}"
    );
    assert_eq!(
        said.matches(" merged: ").count(),
        1,
        "the title's merge is not a data merge: {said}"
    );
    let run = project.run(&["import", "old.xlsx", "--dry-run", "--format", "json", "--as-of", AS_OF]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        doc["merged_cells"],
        serde_json::json!([{
            "sheet": "Register",
            "range": "B5:B6",
            "value": "South Holland District Council",
            "rows": [5, 6],
        }])
    );
    // A CSV has no merges: the member is there, and empty.
    project.write(
        "old.csv",
        "Partnership Name,Lead Partner,Status\nDereham Forum,Breckland Council,Active\n",
    );
    let run = project.run(&["import", "old.csv", "--dry-run", "--format", "json", "--as-of", AS_OF]);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["merged_cells"], serde_json::json!([]));
}

/// "Cllr A / B": the title is not carried to B (who may be an officer), and
/// the report says why B has no level. Decided in docs/decisions.md.
#[test]
fn cllr_on_the_first_name_only_is_not_carried_and_is_said() {
    let project = Project::new();
    project.write(
        "old.csv",
        "Partnership Name,Lead Partner,BC Representative (s) (Members and/or Officers)\n\
         Dereham Forum,Breckland Council,Cllr Ann Brown / Jo Smith\n",
    );
    let run = project.run(&["import", "old.csv", "--as-of", AS_OF]);
    assert!(
        run.stdout.contains(
            "\"Jo Smith\" follows \"Cllr Ann Brown\" without \"Cllr\", so it was not taken for a councillor; write \"Cllr Jo Smith\" if it is one"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("representative \"Jo Smith\" has no level"),
        "{}",
        run.stdout
    );
    let forum = read(&project, "register/dereham-forum.toml");
    let reps = forum["representatives"].as_array().unwrap();
    assert_eq!(reps[0]["level"].as_str(), Some("member"));
    assert_eq!(reps[1]["name"].as_str(), Some("Jo Smith"));
    assert!(reps[1].get("level").is_none(), "{reps:?}");
}
