//! The lossless round trip: `list --format xlsx` and `list --format json`
//! carry the whole register, and `import` of either into an empty register
//! recreates every file, in the same sub-folder, with the same contents
//! (compared as parsed TOML values, file for file).

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{AS_OF, Project, SETTINGS, VALID, run_in};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every entry file under `dir/register`, by path relative to it, parsed.
fn parsed(dir: &Path) -> BTreeMap<String, toml::Table> {
    let register = dir.join("register");
    walkdir::WalkDir::new(&register)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .map(|e| {
            let rel = e.path().strip_prefix(&register).unwrap();
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let text = std::fs::read_to_string(e.path()).unwrap();
            (rel, toml::from_str(text.trim_start_matches('\u{FEFF}')).unwrap())
        })
        .collect()
}

/// Exports the register in `from` as `format`, imports it into an empty
/// project with `settings`, and returns that project.
fn through(from: &Path, format: &str, settings: &str) -> Project {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join(format!("register.{format}"));
    let export = run_in(from, &["list", "--format", format, "--output", file.to_str().unwrap()]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    let project = Project::bare();
    project.write("partreg.toml", settings);
    std::fs::create_dir_all(project.path("register")).unwrap();
    let run = project.run(&["import", file.to_str().unwrap(), "--as-of", AS_OF]);
    assert!(run.code <= 1, "{format}: {}\n{}", run.stdout, run.stderr);
    assert!(!run.stdout.contains("skipped"), "{format}: {}", run.stdout);
    project
}

fn assert_same(before: &BTreeMap<String, toml::Table>, after: &BTreeMap<String, toml::Table>, format: &str) {
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "{format}: the same files in the same folders"
    );
    for (file, entry) in before {
        assert_eq!(Some(entry), after.get(file), "{format}: {file}");
    }
}

#[test]
fn the_bundled_register_goes_out_and_back_unchanged() {
    let settings = std::fs::read_to_string(Path::new(ROOT).join("partreg.toml")).unwrap();
    let before = parsed(ROOT.as_ref());
    assert!(
        before.keys().any(|k| k.contains('/')),
        "the bundled register has sub-folders"
    );
    for format in ["xlsx", "json"] {
        let project = through(ROOT.as_ref(), format, &settings);
        assert_same(&before, &parsed(project.dir.path()), format);
        let check = project.run(&["check", "--as-of", AS_OF]);
        assert_eq!(check.code, 0, "{format}: {}", check.stderr);
    }
}

/// Data that a workbook holds awkwardly.
fn awkward() -> Project {
    let project = Project::new();
    let long = format!("Start. {}end.", "Forty characters of text for the limit. ".repeat(2000));
    assert!(long.len() > 32_767);
    project.write(
        "register/a/b/awkward.toml",
        VALID
            .replace("../schemas", "../../../schemas")
            .replace("Test Waste Partnership", "Smith; Jones & Partners / Norfolk")
            .replace(
                r#"partners = ["Norfolk County Council", "South Norfolk Council"]"#,
                r#"partners = ["Smith; Jones & Co", "A / B", "[bracketed]", "two\nlines"]"#,
            )
            .replace("comments = \"Keep under review.\"", &format!("comments = {long:?}"))
            .replace("started = 2015-04-01", "started = 1850-02-28")
            .replace("budget_source = \"Waste services revenue budget\"", "budget_source = \"0012\"")
            .replace("documents = [\"https://example.org/terms.pdf\"]", "documents = []")
            .replace("staff_hours_per_month = 6", "staff_hours_per_month = 2.25")
            .replace(r#"reports_to = "portfolio-holder""#, r#"reports_to = ["cabinet"]"#)
            .replace("name = \"Cllr Ann Brown\"", "name = \"Cllr Ann Brown / Jo Bloggs & Co; Ltd\"")
            .replace(
                "roles = [\"report-to-council\", \"monitor-performance\"]",
                "roles = []",
            )
            .replace("notes = \"Performing well.\"", "notes = \"Line one\\nLine two\\r\\nLine three\"")
            + &format!(
                "\n[[reviews]]\nyear = 2025\ndate = 1899-12-31\nreviewer = \"12\"\noutcome = \"continue\"\nnotes = {long:?}\n\n[case]\n\n[questions]\nhours_per_week = \"5\"\nstructure = \"TRUE\"\n"
            ),
    );
    project.write(
        "register/plain.toml",
        VALID
            .replace("Test Waste Partnership", "Plain Partnership")
            .replace("budgeted = true\n", "")
            .replace(
                r#"reports_to = "portfolio-holder""#,
                r#"reports_to = ["cabinet", "council"]"#,
            ),
    );
    project
}

#[test]
fn awkward_data_goes_out_and_back_unchanged() {
    let project = awkward();
    let before = parsed(project.dir.path());
    assert_eq!(before.len(), 2);
    for format in ["xlsx", "json"] {
        let back = through(project.dir.path(), format, SETTINGS);
        assert_same(&before, &parsed(back.dir.path()), format);
    }
}

#[test]
fn the_workbook_has_a_sheet_for_each_table_and_says_it_is_partregs() {
    use calamine::Reader;
    let project = awkward();
    let file = project.path("out.xlsx");
    let run = project.run(&["list", "--format", "xlsx", "--output", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut book = calamine::open_workbook_auto(&file).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Partnership Register",
            "Representatives",
            "Reviews",
            "Concerns",
            "Appendix C answers",
            "About this workbook"
        ]
    );
    let about = book.worksheet_range("About this workbook").unwrap();
    assert_eq!(
        about.get_value((0, 1)).unwrap().to_string(),
        "partreg register workbook"
    );
    let reviews = book.worksheet_range("Reviews").unwrap();
    let rows: Vec<Vec<String>> = reviews
        .rows()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .collect();
    assert_eq!(rows[0][..4], ["ID", "No.", "Year", "Date"]);
    // Each review in its own row, keyed by id and its place in the file.
    let keyed: Vec<(&str, &str)> = rows[1..].iter().map(|r| (r[0].as_str(), r[1].as_str())).collect();
    assert_eq!(keyed, [("awkward", "1"), ("awkward", "2"), ("plain", "1")]);
    // The 1899 date is text: Excel has no dates before 1900.
    assert_eq!(rows[2][3], "1899-12-31");
    let main = book.worksheet_range("Partnership Register").unwrap();
    let header: Vec<String> = main.rows().next().unwrap().iter().map(ToString::to_string).collect();
    let folder = header.iter().position(|h| h == "Folder").unwrap();
    assert_eq!(main.get_value((1, folder as u32)).unwrap().to_string(), "a/b");
    // The partners, one a line, or as JSON where a line would be ambiguous.
    let partners = header.iter().position(|h| h == "Partners").unwrap();
    assert_eq!(
        main.get_value((1, partners as u32)).unwrap().to_string(),
        r#"["Smith; Jones & Co","A / B","[bracketed]","two\nlines"]"#
    );
    assert_eq!(
        main.get_value((2, partners as u32)).unwrap().to_string(),
        "Norfolk County Council\nSouth Norfolk Council"
    );
}

#[test]
fn an_edited_workbook_keeps_what_partreg_does_not_know_and_reports_strays() {
    use rust_xlsxwriter::Workbook;
    let project = Project::new();
    let mut book = Workbook::new();
    let main = book.add_worksheet();
    main.set_name("Partnership Register").unwrap();
    for (c, h) in ["ID", "Partnership Name", "Status", "Officer's note", "Folder"]
        .iter()
        .enumerate()
    {
        main.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["", "Typed In Forum", "proposed", "ring Jo", "new/ones"]
        .iter()
        .enumerate()
    {
        main.write_string(1, c as u16, *v).unwrap();
    }
    let reps = book.add_worksheet();
    reps.set_name("Representatives").unwrap();
    for (c, h) in ["ID", "No.", "Name", "Level"].iter().enumerate() {
        reps.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["nobody", "1", "Cllr Lost", "member"].iter().enumerate() {
        reps.write_string(1, c as u16, *v).unwrap();
    }
    let about = book.add_worksheet();
    about.set_name("About this workbook").unwrap();
    about.write_string(0, 0, "Format").unwrap();
    about.write_string(0, 1, "partreg register workbook").unwrap();
    about.write_string(1, 0, "Format version").unwrap();
    about.write_number(1, 1, 1).unwrap();
    book.save(project.path("edited.xlsx")).unwrap();
    let run = project.run(&["import", "edited.xlsx", "--as-of", AS_OF]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("imported register/new/ones/typed-in-forum.toml"),
        "an id made from the name, in its folder: {}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\"nobody\" is not on the \"Partnership Register\" sheet")
            && run.stdout.contains("Cllr Lost"),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(project.path("register/new/ones/typed-in-forum.toml")).unwrap();
    assert!(text.contains("Officer's note: ring Jo"), "{text}");
}

#[test]
fn a_workbook_of_a_later_layout_is_refused() {
    use rust_xlsxwriter::Workbook;
    let project = Project::new();
    let mut book = Workbook::new();
    let about = book.add_worksheet();
    about.set_name("About this workbook").unwrap();
    about.write_string(0, 1, "partreg register workbook").unwrap();
    about.write_number(1, 1, 2).unwrap();
    book.save(project.path("later.xlsx")).unwrap();
    let run = project.run(&["import", "later.xlsx"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("format version 2"), "{}", run.stderr);
}

#[test]
fn json_without_whole_entries_is_refused_with_the_fix() {
    let project = Project::new();
    project.write(
        "old.json",
        r#"{"format_version": 1, "partnerships": [{"id": "x", "name": "X"}]}"#,
    );
    let run = project.run(&["import", "old.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("list --format json"), "{}", run.stderr);
}

#[test]
fn list_help_says_what_csv_leaves_out() {
    let run = run_in(ROOT.as_ref(), &["list", "--help"]);
    let help = run.stdout.replace('\n', " ");
    assert!(
        help.contains("CSV is one row per partnership and leaves out"),
        "{}",
        run.stdout
    );
    assert!(help.contains("use xlsx or json for a complete copy"), "{}", run.stdout);
}

#[test]
fn a_folder_or_id_that_would_leave_the_register_is_refused_row_by_row() {
    let project = Project::new();
    project.write(
        "hostile.json",
        r#"{"format_version": 1, "partnerships": [
            {"id": "out", "folder": "../../outside", "entry": {"name": "Out", "status": "proposed"}},
            {"id": "../evil", "folder": "", "entry": {"name": "Evil", "status": "proposed"}},
            {"id": "hidden", "folder": ".git/hooks", "entry": {"name": "Hidden", "status": "proposed"}},
            {"id": "fine", "folder": "a\\b", "entry": {"name": "Fine", "status": "proposed", "started": "1850-01-02"}}
        ]}"#,
    );
    let run = project.run(&["import", "hostile.json", "--as-of", AS_OF]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(run.stdout.matches(": skipped: ").count(), 3, "{}", run.stdout);
    assert!(
        run.stdout.contains("its folder \"../../outside\" cannot be used"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("its id \"../evil\" cannot be a file name"),
        "{}",
        run.stdout
    );
    let files: Vec<String> = parsed(project.dir.path()).into_keys().collect();
    assert_eq!(
        files,
        ["a/b/fine.toml"],
        "a backslash is a folder separator, as for --folder"
    );
    let fine = &parsed(project.dir.path())["a/b/fine.toml"];
    assert!(fine["started"].is_datetime(), "a string at a date key is a date again");
    assert!(!project.path("../outside").exists());
}

/// The round trip carries the data, not the `#` comments: `list` says so as
/// it exports, naming how many files had some, and `import` says so in its
/// report; a file partreg wrote itself (its `#:schema`, name and "Added
/// with" lines) is not said to have comments.
#[test]
fn the_round_trip_says_comments_are_not_carried() {
    let from = Project::new();
    from.write("register/a.toml", VALID);
    // b has no comments of its own (VALID's "# A test partnership." removed).
    let plain = VALID
        .replace("# A test partnership.\n", "")
        .replace("Test Waste", "Plain Waste");
    from.write("register/b.toml", &plain);
    for format in ["xlsx", "json"] {
        let out = tempfile::tempdir().unwrap();
        let file = out.path().join(format!("register.{format}"));
        let export = from.run(&["list", "--format", format, "--output", file.to_str().unwrap()]);
        assert_eq!(export.code, 0, "{}", export.stderr);
        let into = if format == "xlsx" { "the workbook" } else { "the JSON" };
        assert!(
            export.stderr.contains(&format!(
                "note: comments (# lines) in 1 file(s) are not carried into {into},\n  \
                 so files imported from it will not have them (git keeps the originals);\n  \
                 e.g. register/a.toml\n"
            )),
            "{}",
            export.stderr
        );
        assert!(export.stdout.is_empty(), "{}", export.stdout);
        let to = Project::new();
        let import = to.run(&["import", file.to_str().unwrap(), "--as-of", AS_OF]);
        assert!(import.code <= 1, "{}", import.stderr);
        assert!(
            import.stdout.contains(&format!(
                "comments (# lines) in the original files are not in {into}, so the files written do not have them"
            )),
            "{}",
            import.stdout
        );
        // The files import wrote have only partreg's own header: no note on the way out again.
        let again = to.run(&[
            "list",
            "--format",
            format,
            "--output",
            file.to_str().unwrap(),
            "--force",
        ]);
        assert_eq!(again.code, 0, "{}", again.stderr);
        assert!(!again.stderr.contains("comments"), "{}", again.stderr);
    }
    // JSON to stdout: the note is on stderr, the JSON alone on stdout.
    let run = from.run(&["list", "--format", "json"]);
    assert!(run.stderr.contains("are not carried into the JSON"), "{}", run.stderr);
    serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap();
    // Table and CSV carry no files, so say nothing.
    for format in ["table", "csv"] {
        assert!(!from.run(&["list", "--format", format]).stderr.contains("comments"));
    }
}

/// A register of `n` entries made from [`VALID`], ten to a sub-folder.
fn generated(n: usize) -> Project {
    let project = Project::new();
    for i in 0..n {
        let text = VALID.replace(
            "name = \"Test Waste Partnership\"",
            &format!("name = \"Generated Partnership {i}\""),
        );
        let text = text.replace("#:schema ../", "#:schema ../../");
        project.write(&format!("register/area-{}/generated-{i}.toml", i % 10), text);
    }
    project
}

/// A large register goes out as a workbook and comes back whole. Before,
/// `import` refused partreg's own workbook of 5,000 partnerships ("more than
/// 200000 cells in use"). 10,000 is shown to fit the limits by arithmetic
/// (workbook.rs's tests) and a sheet over the old limit reads
/// (untrusted.rs); 4,500 entries took 19 s of CPU here in a debug build
/// (90 s on a loaded machine), so this size keeps the test near ~20 s.
#[test]
fn a_large_register_goes_out_and_back_through_a_workbook() {
    const N: usize = 1_500;
    let from = generated(N);
    let before = parsed(from.dir.path());
    assert_eq!(before.len(), N);
    let project = through(from.dir.path(), "xlsx", SETTINGS);
    assert_same(&before, &parsed(project.dir.path()), "xlsx");
}
