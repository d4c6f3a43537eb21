//! Meeting people where they are: `list` and `show`, Excel-safe CSV, XLSX,
//! `import` from an old spreadsheet (and the round trip), CI formats for
//! `check`, shell completions and the manual page.

use serde_json::Value;

use crate::support::{AS_OF, Project, VALID, run_in};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn bundled(args: &[&str]) -> crate::support::Run {
    run_in(ROOT.as_ref(), args)
}

#[test]
fn list_table_shows_every_partnership() {
    let run = bundled(&["list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.matches("│ ").count() > 17);
    for name in [
        "Anglia Revenues Partnership",
        "Mid Norfolk Rural Skills",
        "Anglian Community Energy",
    ] {
        assert!(run.stdout.contains(name), "all statuses: {name}");
    }
    insta::assert_snapshot!(run.stdout);
}

fn list_json(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["list", "--format", "json"];
    all.extend_from_slice(args);
    let run = bundled(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["format_version"], 1);
    doc["partnerships"].as_array().unwrap().clone()
}

#[test]
fn list_filters_by_status_and_sorts() {
    let active = list_json(&["--status", "active", "--status", "Exiting"]);
    assert_eq!(active.len(), 13);
    assert!(
        active
            .iter()
            .all(|r| r["status"] == "active" || r["status"] == "exiting")
    );
    let by_budget = list_json(&["--sort", "budget"]);
    let money: Vec<u64> = by_budget
        .iter()
        .map(|r| r["budget_contribution_gbp"].as_u64().unwrap())
        .collect();
    assert!(money.windows(2).all(|w| w[0] >= w[1]), "largest first: {money:?}");
    let by_name = list_json(&["--sort", "name"]);
    let names: Vec<String> = by_name
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]));
    let bad = bundled(&["list", "--sort", "colour"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("budget"), "{}", bad.stderr);
}

#[test]
fn list_json_has_typed_values() {
    let rows = list_json(&[]);
    let waste = rows.iter().find(|r| r["id"] == "norfolk-waste-partnership").unwrap();
    assert_eq!(waste["staff_hours_per_month"], 6.5);
    assert_eq!(waste["budget_contribution_gbp"], 8500);
    assert_eq!(waste["statutory"], false);
    assert_eq!(waste["started"], "2010-04-01");
    assert_eq!(waste["risk.overall"], "low");
    assert_eq!(waste["recommendation"], "retain");
    assert!(
        waste["representatives"]
            .as_str()
            .unwrap()
            .contains("Cllr Helen Marsh (member)")
    );
}

/// A project with one entry whose comments start with `lead`.
fn with_comment(lead: &str) -> Project {
    let project = Project::new();
    let escaped = lead.replace('\t', "\\t").replace('\r', "\\r").replace('\n', "\\n");
    project.write(
        "register/x.toml",
        VALID.replace(
            "comments = \"Keep under review.\"",
            &format!("comments = \"{escaped}SUM(A1)\""),
        ),
    );
    project
}

#[test]
fn csv_neutralises_each_dangerous_first_character() {
    for lead in ["=", "+", "-", "@", "\t", "\r", "\n"] {
        let project = with_comment(lead);
        let run = project.run(&["list", "--format", "csv", "--no-bom"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let at = headers.iter().position(|h| h == "comments").unwrap();
        let record = reader.records().next().unwrap().unwrap();
        assert_eq!(&record[at], format!("'{lead}SUM(A1)"), "{lead:?}");
        // Numbers stay numbers.
        let money = headers.iter().position(|h| h == "budget_contribution_gbp").unwrap();
        assert_eq!(&record[money], "12000");
    }
}

#[test]
fn csv_has_a_byte_order_mark_unless_asked_not_to() {
    let with = bundled(&["list", "--format", "csv"]);
    assert!(with.stdout.starts_with("\u{FEFF}id,name,"));
    let without = bundled(&["list", "--format", "csv", "--no-bom"]);
    assert!(without.stdout.starts_with("id,name,"));
    let assess = bundled(&["assess", "--format", "csv", "--no-bom"]);
    assert!(assess.stdout.starts_with("id,"));
    let review = bundled(&["review", "--year", "2026", "--format", "csv"]);
    assert!(review.stdout.starts_with('\u{FEFF}'));
    assert!(with.stdout.contains("£") || with.stdout.contains("é") || with.stdout.is_char_boundary(3));
}

#[test]
fn xlsx_needs_an_output_file() {
    let run = bundled(&["list", "--format", "xlsx"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--output"), "{}", run.stderr);
}

#[test]
fn xlsx_reads_back_with_typed_cells() {
    use calamine::{Data, Reader};
    let project = Project::bare();
    let out = project.path("register.xlsx");
    let run = bundled(&["list", "--format", "xlsx", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut book = calamine::open_workbook_auto(&out).unwrap();
    assert_eq!(book.sheet_names()[0], "Partnership Register");
    assert_eq!(book.sheet_names().last().unwrap(), "About this workbook");
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.len(), 18, "a header and 17 partnerships");
    let header: Vec<String> = rows[0].iter().map(std::string::ToString::to_string).collect();
    assert_eq!(header[1], "Partnership Name");
    let col = |label: &str| header.iter().position(|h| h == label).unwrap();
    let waste = rows
        .iter()
        .find(|r| r[0] == Data::String("norfolk-waste-partnership".into()))
        .unwrap();
    assert_eq!(waste[col("Budget contribution (£)")], Data::Float(8500.0));
    assert_eq!(waste[col("Staff time (hours per month)")], Data::Float(6.5));
    assert_eq!(waste[col("Statutory (Y/N)")], Data::Bool(false));
    assert!(
        matches!(waste[col("Date joined")], Data::DateTime(_)),
        "{:?}",
        waste[col("Date joined")]
    );
    // Compare every text cell with the CSV export of the same register.
    let csv = bundled(&["list", "--format", "csv", "--no-bom"]);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    for (record, row) in reader.records().zip(rows.iter().skip(1)) {
        let record = record.unwrap();
        // The workbook's extra columns (folder, …) come after the CSV's.
        for (i, cell) in row.iter().enumerate().take(record.len()) {
            if let Data::String(s) = cell {
                let csv = crate::export::unguard(&record[i]);
                // Lists are one item a line in the workbook, `; `-separated in CSV.
                assert!(csv == s || csv == s.replace('\n', "; "), "{csv:?} / {s:?}");
            }
        }
    }
    // The workbook is a zip whose sheet freezes the header and turns filters on.
    let bytes = std::fs::read(&out).unwrap();
    let sheet = unzip_entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("state=\"frozen\"") && sheet.contains("<autoFilter"),
        "{}",
        &sheet[..sheet.len().min(600)]
    );
    assert!(unzip_entry(&bytes, "xl/styles.xml").contains("£#,##0"));
}

/// CSV guards text with a `'`; the workbook does not need to.
pub fn unguard(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) => rest,
        _ => s,
    }
}

/// One file from the workbook's zip archive, by name.
fn unzip_entry(zip: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut text = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn show_prints_one_entry_in_full() {
    let text = bundled(&["show", "norfolk-rivers-internal-drainage-board", "--as-of", AS_OF]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(text.stdout.contains("Risk rationale"));
    insta::assert_snapshot!(text.stdout);
    let json = bundled(&[
        "show",
        "norfolk-waste-partnership",
        "--format",
        "json",
        "--as-of",
        AS_OF,
    ]);
    let doc: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(doc["id"], "norfolk-waste-partnership");
    assert_eq!(doc["entry"]["budget_contribution_gbp"], 8500);
    assert_eq!(doc["assessment"]["recommendation"], "retain");
    assert_eq!(doc["assessment"]["risk"]["criteria"]["resource"]["source"], "derived");
    assert_eq!(bundled(&["show", "nope"]).code, 2);
}

/// A messy old register: odd headers, an extra column, a missing column,
/// blank rows, money and yes/no as people type them, a duplicate name and a
/// rating word partreg does not know.
const MESSY: &str = "Partnership Name,Lead Partner,Function of partnership,Strategic or Operational,Statutory (Y/N),Governance,Our Role,Frequency of Meetings,Staff time (hours per month),Budget contribution (£),Impact / risk of exit,Value,How is information from the partnership currently shared?,BC Representative(s),Overall Risk Assessment,Overall Value Assessment,Status,Last updated
Breckland Health Board,Norfolk County Council,Joint health planning,Strategic,Yes,Statutory,Influence,Quarterly,6,\"£12,500\",Some disruption,Health funding,Minutes to members,Cllr Ann Brown (member); Jo Smith (officer),Med,High,Active,2024-01-01
,,,,,,,,,,,,,,,,,
Thetford Town Forum,Breckland Council,Town centre forum,Operational,No,Informal,Control,Monthly,2.5,0,Little,Local voice,Email,Cllr Bob Green (member),Low,Sort of,Active,2024-02-01
breckland health board,Someone,Duplicate,Strategic,N,Statutory,Influence,Quarterly,1,0,x,y,z,Cllr C (member),Low,Low,Active,
Half Row,Breckland Council,,,,,,,,,,,,,,,Proposed,
";

fn messy_project() -> Project {
    let project = Project::new();
    project.write("partreg.toml", "council = \"Test\"\n");
    project.write("old.csv", MESSY);
    project
}

#[test]
fn import_reads_a_messy_spreadsheet() {
    let project = messy_project();
    let run = project.run(&["import", "old.csv", "--as-of", AS_OF]);
    assert_eq!(run.code, 1, "some rows need attention: {}\n{}", run.stdout, run.stderr);
    insta::assert_snapshot!(format!("{}\n--- stderr ---\n{}", run.stdout, run.stderr));
    let t: toml::Table =
        toml::from_str(&std::fs::read_to_string(project.path("register/breckland-health-board.toml")).unwrap())
            .unwrap();
    assert_eq!(t["budget_contribution_gbp"].as_integer(), Some(12_500));
    assert_eq!(t["statutory"].as_bool(), Some(true));
    assert_eq!(t["meeting_frequency"].as_str(), Some("quarterly"));
    assert_eq!(t["risk"]["overall"].as_str(), Some("medium"));
    assert_eq!(t["representatives"].as_array().unwrap().len(), 2);
    assert_eq!(t["representatives"][1]["level"].as_str(), Some("officer"));
    assert!(
        t["comments"].as_str().unwrap().contains("Last updated: 2024-01-01"),
        "the extra column is kept"
    );
    // The unknown rating word is kept as written, so nothing is lost, and reported.
    let forum = std::fs::read_to_string(project.path("register/thetford-town-forum.toml")).unwrap();
    assert!(forum.contains("overall = \"Sort of\""), "{forum}");
    assert!(run.stdout.contains("row 4: imported register/thetford-town-forum.toml; needs attention: column P \"Overall Value Assessment\": \"Sort of\" is not a rating"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("row 5: skipped: an earlier row already has the id \"breckland-health-board\""),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("row 6: imported register/half-row.toml; needs attention: still to fill in: function"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("row 3"), "blank rows are skipped silently");
}

#[test]
fn import_strict_skips_incomplete_rows_and_dry_run_writes_nothing() {
    let project = messy_project();
    let dry = project.run(&["import", "old.csv", "--dry-run"]);
    assert!(dry.stdout.contains("would import"), "{}", dry.stdout);
    assert_eq!(std::fs::read_dir(project.path("register")).unwrap().count(), 0);
    let strict = project.run(&["import", "old.csv", "--strict"]);
    assert_eq!(strict.code, 1);
    let files: Vec<String> = std::fs::read_dir(project.path("register"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!files.contains(&"half-row.toml".to_string()), "{files:?}");
    assert!(strict.stdout.contains("row 6: skipped (--strict)"), "{}", strict.stdout);
}

#[test]
fn import_never_overwrites() {
    let project = messy_project();
    project.write("register/breckland-health-board.toml", "# mine\n");
    let run = project.run(&["import", "old.csv"]);
    assert!(
        run.stdout.contains(
            "row 2: skipped: the id \"breckland-health-board\" is already used by register/breckland-health-board.toml"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(
        std::fs::read_to_string(project.path("register/breckland-health-board.toml")).unwrap(),
        "# mine\n"
    );
}

#[test]
fn import_with_a_mapping_file() {
    let project = messy_project();
    project.write("map.toml", "\"Last updated\" = \"ignore\"\n\"Our Role\" = \"role\"\n");
    let run = project.run(&["import", "old.csv", "--mapping", "map.toml"]);
    assert!(!run.stderr.contains("Last updated"), "{}", run.stderr);
    let text = std::fs::read_to_string(project.path("register/breckland-health-board.toml")).unwrap();
    assert!(!text.contains("Last updated"));
    project.write("bad-map.toml", "\"Our Role\" = \"rolez\"\n");
    let bad = project.run(&["import", "old.csv", "--mapping", "bad-map.toml"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("\"rolez\""), "{}", bad.stderr);
}

#[test]
fn import_cannot_read_is_exit_two() {
    let project = Project::new();
    assert_eq!(project.run(&["import", "missing.csv"]).code, 2);
    project.write("notes.txt", "x");
    assert_eq!(project.run(&["import", "notes.txt"]).code, 2);
    project.write("bad.xlsx", "not a zip");
    let run = project.run(&["import", "bad.xlsx"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// Every listed field of every entry, for comparing registers.
fn listed(dir: &std::path::Path) -> Vec<Value> {
    let run = run_in(dir, &["list", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    // The listed fields only: a CSV is one row per partnership and leaves out
    // the whole file and its folder (tests/it/round_trip.rs has those).
    let mut rows = doc["partnerships"].as_array().unwrap().clone();
    for row in &mut rows {
        let row = row.as_object_mut().unwrap();
        row.remove("entry");
        row.remove("folder");
    }
    rows
}

#[test]
fn list_csv_then_import_round_trips_the_register() {
    for format in ["csv", "xlsx"] {
        let project = Project::bare();
        std::fs::copy(
            std::path::Path::new(ROOT).join("partreg.toml"),
            project.path("partreg.toml"),
        )
        .unwrap();
        std::fs::create_dir_all(project.path("register")).unwrap();
        let file = project.path(&format!("export.{format}"));
        let export = bundled(&["list", "--format", format, "--output", file.to_str().unwrap()]);
        assert_eq!(export.code, 0, "{}", export.stderr);
        let run = project.run(&["import", file.file_name().unwrap().to_str().unwrap(), "--as-of", AS_OF]);
        assert_eq!(
            run.code, 0,
            "{format}: every row imports cleanly: {}\n{}",
            run.stdout, run.stderr
        );
        assert_eq!(listed(project.dir.path()), listed(ROOT.as_ref()), "{format}");
        let check = project.run(&["check", "--as-of", AS_OF]);
        assert_eq!(check.code, 0, "{}", check.stderr);
    }
}

fn broken(format: &str) -> crate::support::Run {
    run_in(
        std::path::Path::new(ROOT).join("examples/broken-register").as_path(),
        &["check", "--as-of", AS_OF, "--format", format],
    )
}

#[test]
fn sarif_has_the_required_fields() {
    let run = broken("sarif");
    assert_eq!(run.code, 1);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["version"], "2.1.0");
    let run0 = &doc["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "partreg");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), partreg::diagnostic::Code::ALL.len());
    let results = run0["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let id = r["ruleId"].as_str().unwrap();
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], id, "ruleIndex points at the rule");
        assert!(["error", "warning"].contains(&r["level"].as_str().unwrap()));
        assert!(!r["message"]["text"].as_str().unwrap().is_empty());
        let loc = &r["locations"][0]["physicalLocation"];
        assert!(
            loc["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .starts_with("examples/broken-register/register/"),
            "named from the root of the repository"
        );
        if let Some(region) = loc.get("region") {
            assert!(region["startLine"].as_u64().unwrap() >= 1 && region["startColumn"].as_u64().unwrap() >= 1);
        }
    }
}

#[test]
fn gitlab_has_unique_fingerprints() {
    let run = broken("gitlab");
    assert_eq!(run.code, 1);
    let issues: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    let mut prints: Vec<&str> = issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    for i in &issues {
        for field in ["description", "check_name", "severity"] {
            assert!(i[field].is_string(), "{field}: {i:#}");
        }
        assert!(i["location"]["path"].is_string() && i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
    let n = prints.len();
    prints.sort_unstable();
    prints.dedup();
    assert_eq!(prints.len(), n, "every fingerprint unique");
    let again = broken("gitlab");
    assert_eq!(again.stdout, run.stdout, "stable between runs");
}

#[test]
fn summary_appends_markdown_for_a_ci_page() {
    let project = Project::new();
    project.write(
        "register/x.toml",
        VALID.replace("kind = \"operational\"", "kind = \"x|y\""),
    );
    project.write("summary.md", "earlier step\n");
    let run = project.run(&[
        "check",
        "--format",
        "github",
        "--summary",
        "summary.md",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(run.code, 1);
    let text = std::fs::read_to_string(project.path("summary.md")).unwrap();
    assert!(
        text.starts_with("earlier step\n## ❌ Partnership Register check\n\n**1 error, 0 warnings in 1 file**"),
        "{text}"
    );
    assert!(
        text.contains("| error | `register/x.toml` | 10 | `bad-value` | \"x\\|y\" is not allowed"),
        "{text}"
    );
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = bundled(&["completions", shell]);
        assert_eq!(run.code, 0);
        assert!(
            run.stdout.contains("partreg") && run.stdout.contains("review"),
            "{shell}"
        );
    }
    let man = bundled(&["man"]);
    assert!(man.stdout.contains(".TH partreg 1") && man.stdout.contains("review"));
}

#[test]
fn every_command_has_examples_in_its_help() {
    use clap::CommandFactory;
    let cli = partreg::cli::Cli::command();
    for sub in cli.get_subcommands() {
        let help = sub.get_after_help().map(ToString::to_string).unwrap_or_default();
        assert!(
            help.contains("Example"),
            "`partreg {} --help` has no examples",
            sub.get_name()
        );
    }
}

#[test]
fn import_reads_windows_1252_csv() {
    let project = messy_project();
    let bytes = b"Partnership Name,Function of partnership,Budget contribution (\xA3)\nDereham\x92s Forum,\x93Quoted\x94 aims \x96 and more,\"\xA31,200\"\n".to_vec();
    project.write("cp1252.csv", &bytes);
    let run = project.run(&["import", "cp1252.csv"]);
    let text = std::fs::read_to_string(project.path("register/derehams-forum.toml")).unwrap();
    assert!(text.contains("name = \"Dereham’s Forum\""), "{text}\n{}", run.stdout);
    assert!(text.contains("function = \"“Quoted” aims – and more\""), "{text}");
    assert!(text.contains("budget_contribution_gbp = 1200"), "{text}");
}

#[test]
fn import_skips_a_name_already_on_the_register() {
    let project = messy_project();
    project.write(
        "register/health.toml",
        VALID.replace("Test Waste Partnership", "Breckland Health Board"),
    );
    let run = project.run(&["import", "old.csv"]);
    assert!(run.stdout.contains("row 2: skipped: a partnership called \"Breckland Health Board\" is already on the register, in register/health.toml"), "{}", run.stdout);
}

#[test]
fn sarif_uris_are_encoded_so_names_cannot_leave_the_folder() {
    assert_eq!(
        partreg::render::ci::uri("register/%2e%2e%2fetc.toml"),
        "register/%252e%252e%252fetc.toml"
    );
    assert_eq!(
        partreg::render::ci::uri("register/café sur.toml"),
        "register/caf%C3%A9%20sur.toml"
    );
}

#[test]
fn import_keeps_cells_beyond_the_headings_and_skips_a_name_repeated_in_the_sheet() {
    let project = messy_project();
    project.write(
        "uneven.csv",
        "Ref,Partnership Name,Budget contribution (£)\nabc,Forum One,£1,500\nxyz,forum  one,0\n",
    );
    let run = project.run(&["import", "uneven.csv"]);
    assert!(
        run.stdout
            .contains("row 2: imported register/abc.toml; needs attention: "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("1 cell(s) beyond the last heading (column D on) kept in `comments`: 500"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("row 3: skipped: row 2 has the same name"),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(project.path("register/abc.toml")).unwrap();
    assert!(text.contains("Cells beyond the last heading: 500"), "{text}");
}
