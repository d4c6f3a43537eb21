//! Untrusted input: dates with impossible years, hostile workbooks, CSVs
//! in mixed encodings, a hostile rubric, odd paths and TOML 1.1 syntax.
//! Each test is a finding from trying to break partreg; none may panic.

use crate::support::{AS_OF, Project, VALID, binary, codes, diagnostics};

/// A project whose sheet `old.csv` has one row with this `Start date`.
fn import_with_start(date: &str) -> (Project, crate::support::Run) {
    let project = Project::new();
    project.write(
        "old.csv",
        format!("Partnership Name,Function of partnership,Start date\nDereham Forum,To meet,{date}\n"),
    );
    let run = project.run(&["import", "old.csv", "--as-of", AS_OF]);
    (project, run)
}

#[test]
fn import_names_a_year_with_five_digits_and_keeps_it_as_written() {
    for year in ["20266", "65536", "99999"] {
        let (project, run) = import_with_start(&format!("20/04/{year}"));
        assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
        assert!(
            run.stdout.contains(&format!("the year {year} is outside 1000-9999")),
            "{}",
            run.stdout
        );
        let text = std::fs::read_to_string(project.path("register/dereham-forum.toml")).unwrap();
        // Kept as the text typed (which `check` then reports), never a made-up date.
        assert!(text.contains(&format!("started = \"20/04/{year}\"")), "{text}");
        assert!(!text.contains("0000-"), "{text}");
    }
}

#[test]
fn import_in_a_real_process_does_not_panic_on_a_long_year() {
    let project = Project::new();
    project.write(
        "old.csv",
        "Partnership Name,Function of partnership,Start date\nDereham Forum,To meet,20/04/20266\n",
    );
    let out = binary(project.dir.path(), &["import", "old.csv", "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn check_reports_a_year_before_1000_as_bad_date() {
    let project = Project::new();
    let text = VALID.replace("started = 2015-04-01", "started = 0999-04-01");
    project.write("register/old.toml", &text);
    let (code, report) = project.check_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(codes(&report), ["bad-date"]);
    let d = &diagnostics(&report)[0];
    assert_eq!(d["key"], "started");
    assert_eq!(d["line"], crate::support::position_of(&text, "started = |0999").0);
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("the year 0999, outside the register's years 1000-9999"),
        "{d}"
    );
}

#[test]
fn command_line_dates_must_have_four_digit_years() {
    let project = Project::new();
    project.write("register/a.toml", VALID);
    for args in [
        vec!["check", "--as-of", "0999-12-31"],
        vec!["check", "--as-of", "10000-01-01"],
        vec![
            "review",
            "--year",
            "2026",
            "--record",
            "a",
            "--date",
            "0999-06-15",
            "--reviewer",
            "X",
            "--outcome",
            "continue",
        ],
    ] {
        let run = project.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("is outside 1000-9999"), "{args:?}: {}", run.stderr);
    }
    // The review year 9999 would end in 10000.
    let run = project.run(&["review", "--year", "9999", "--as-of", AS_OF]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("9999 is not in 1900..=9998"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(project.path("register/a.toml")).unwrap(), VALID);
}

#[test]
fn add_refuses_a_five_digit_year() {
    let project = Project::new();
    let run = project.run(&["add", "--name", "Dereham Forum", "--started", "20/04/20266"]);
    assert_ne!(run.code, 0);
    assert!(
        format!("{}{}", run.stdout, run.stderr).contains("the year 20266 is outside 1000-9999"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
}

/// Writes `cells` (row, column, text) to the first sheet of `name`.
fn workbook(project: &Project, name: &str, cells: &[(u32, u16, &str)]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (row, col, text) in cells {
        sheet.write_string(*row, *col, *text).unwrap();
    }
    book.save(project.path(name)).unwrap();
}

#[test]
fn import_refuses_a_sheet_whose_only_cell_is_the_last_one() {
    let project = Project::new();
    workbook(
        &project,
        "sparse.xlsx",
        &[(0, 0, "Partnership Name"), (1_048_575, 16_383, "x")],
    );
    // A real process: before, this aborted with a 512 GB allocation.
    let out = binary(project.dir.path(), &["import", "sparse.xlsx"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot read"), "{stderr}");
    assert!(
        stderr.contains("1048576 rows by 16384 columns (from A1 to XFD1048576)"),
        "{stderr}"
    );
    assert!(stderr.contains("limit of 2000000 cells"), "{stderr}");
    assert_eq!(std::fs::read_dir(project.path("register")).unwrap().count(), 0);
}

/// A sheet past the one limit is refused as its cells stream in, with the
/// same number the sparse-sheet refusal gives; a sheet of 202,101 cells
/// (refused before, at a lower limit) now reads.
#[test]
fn import_refuses_a_sheet_past_the_limit_and_reads_one_under_it() {
    let project = Project::new();
    workbook(
        &project,
        "long.xlsx",
        &[(0, 0, "Partnership Name"), (1, 1, "x"), (1_000_000, 1, "y")],
    );
    let run = project.run(&["import", "long.xlsx"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("1000001 rows by 2 columns (from A1 to B1000001), over partreg's limit of 2000000 cells"),
        "{}",
        run.stderr
    );
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for row in 0..2_001 {
        for col in 0..101 {
            sheet.write_number(row, col, 1.0).unwrap();
        }
    }
    book.save(project.path("big.xlsx")).unwrap();
    let run = project.run(&["import", "big.xlsx"]);
    assert!(!run.stderr.contains("cannot read"), "{}", run.stderr);
    assert!(run.stderr.contains("no heading row"), "{}", run.stderr);
}

/// A workbook whose shared strings unpack to 257 MB from a file of about
/// 260 KB: text compresses a thousandfold, and calamine reads that part
/// whole. Before, a file like this grew `import` past 4 GB for minutes.
#[test]
fn import_refuses_a_workbook_that_unpacks_to_hundreds_of_megabytes() {
    use std::io::Write as _;
    let project = Project::new();
    let file = std::fs::File::create(project.path("bomb.xlsx")).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("xl/sharedStrings.xml", options).unwrap();
    let chunk = vec![b'A'; 1 << 20];
    for _ in 0..257 {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap();
    let size = std::fs::metadata(project.path("bomb.xlsx")).unwrap().len();
    assert!(size < 2 * 1024 * 1024, "the test file should be small, is {size} bytes");
    // A real process, so a runaway allocation would show as a crash, not a test abort.
    let out = binary(project.dir.path(), &["import", "bomb.xlsx", "--dry-run"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("bomb.xlsx: it unpacks to more than 256 MB"), "{stderr}");
    assert!(stderr.contains("CSV UTF-8"), "{stderr}");
    assert_eq!(std::fs::read_dir(project.path("register")).unwrap().count(), 0);
}

#[test]
fn import_reads_a_table_that_does_not_start_at_a1() {
    let project = Project::new();
    workbook(
        &project,
        "offset.xlsx",
        &[
            (2, 1, "Partnership Name"),
            (2, 2, "Function of partnership"),
            (2, 3, "Status"),
            (3, 1, "Dereham Forum"),
            (3, 2, "To meet"),
            (3, 3, "Active"),
        ],
    );
    let run = project.run(&["import", "offset.xlsx", "--as-of", AS_OF]);
    assert!(run.stdout.contains("imported"), "{}\n{}", run.stdout, run.stderr);
    let text = std::fs::read_to_string(project.path("register/dereham-forum.toml")).unwrap();
    assert!(text.contains("function = \"To meet\""), "{text}");
}

#[test]
fn import_keeps_an_excel_date_outside_the_years_as_text() {
    let project = Project::new();
    let mut book = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Partnership Name").unwrap();
    sheet.write_string(0, 1, "Start date").unwrap();
    sheet.write_string(0, 2, "Status").unwrap();
    sheet.write_string(1, 0, "Dereham Forum").unwrap();
    sheet.write_string(1, 2, "Active").unwrap();
    // Day 3,000,000 after 1899-12-30 is in the year 10113.
    sheet.write_number_with_format(1, 1, 3_000_000.0, &date).unwrap();
    book.save(project.path("dates.xlsx")).unwrap();
    let run = project.run(&["import", "dates.xlsx", "--as-of", AS_OF]);
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("Excel date number 3000000, outside the years 1000-9999"),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(project.path("register/dereham-forum.toml")).unwrap();
    assert!(
        text.contains("started = \"Excel date number 3000000, outside the years 1000-9999\""),
        "{text}"
    );
}

#[test]
fn import_refuses_xls_and_ods_and_says_how_to_convert() {
    let project = Project::new();
    for name in ["old.xls", "old.ods"] {
        project.write(name, b"not read");
        let run = project.run(&["import", name]);
        assert_eq!(run.code, 2);
        assert!(
            run.stderr.contains("save it as an Excel Workbook (.xlsx)"),
            "{}",
            run.stderr
        );
    }
}

#[cfg(unix)]
#[test]
fn import_refuses_a_fifo_instead_of_hanging() {
    let project = Project::new();
    let fifo = project.path("pipe.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let run = project.run(&["import", "pipe.csv"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
}

#[test]
fn a_csv_mixing_utf8_and_another_encoding_is_refused_with_the_place() {
    let project = Project::new();
    let mut bytes = "Partnership Name,Function of partnership\nCafé Partnership,To meet\n"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"Dereham Forum,To meet \x96 and talk\n");
    project.write("mixed.csv", &bytes);
    let run = project.run(&["import", "mixed.csv"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("line 3, byte 23"), "{}", run.stderr);
    assert!(run.stderr.contains("0x96"), "{}", run.stderr);
    assert!(run.stderr.contains("CSV UTF-8 (Comma delimited)"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_dir(project.path("register")).unwrap().count(),
        0,
        "nothing imported"
    );
}

#[test]
fn a_windows_1252_csv_is_read_with_a_warning_on_every_run() {
    let project = Project::new();
    project.write(
        "cp1252.csv",
        b"Partnership Name,Function of partnership,Status\nCaf\xE9 Partnership,To meet,Active\n",
    );
    for args in [["import", "cp1252.csv"], ["import", "cp1252.csv"]] {
        let run = project.run(&args);
        assert!(
            run.stderr
                .contains("cp1252.csv is not UTF-8; it was read as Windows-1252"),
            "{}",
            run.stderr
        );
    }
    let entry = std::fs::read_dir(project.path("register"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    let text = std::fs::read_to_string(entry.path()).unwrap();
    assert!(text.contains("name = \"Café Partnership\""), "{text}");
}

/// A project whose `partreg.toml` names `rubric` as its rubric.
fn project_with_rubric(rubric: &str) -> Project {
    let project = Project::new();
    // Top-level settings come before the [priorities] table.
    let settings = crate::support::SETTINGS.replace("[priorities]", &format!("rubric = {rubric:?}\n\n[priorities]"));
    project.write("partreg.toml", settings);
    project.write("register/a.toml", VALID);
    project
}

#[test]
fn a_rubric_that_is_not_a_regular_file_is_refused_at_once() {
    // /dev/zero used to be read until memory ran out.
    if !std::path::Path::new("/dev/zero").exists() {
        eprintln!("skipped: no /dev/zero");
        return;
    }
    let project = project_with_rubric("/dev/zero");
    let started = std::time::Instant::now();
    let out = binary(project.dir.path(), &["check", "--as-of", AS_OF]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot read the rubric /dev/zero: it is not a regular file"),
        "{stderr}"
    );
    assert!(started.elapsed().as_secs() < 10);
}

#[cfg(unix)]
#[test]
fn a_rubric_fifo_does_not_hang() {
    let project = project_with_rubric("rubric.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(project.path("rubric.yaml"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let run = project.run(&["check", "--as-of", AS_OF]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("rubric.yaml: it is not a regular file"),
        "{}",
        run.stderr
    );
}

/// `--summary` appends, so `/dev/stdout` works; a pipe with no reader would
/// hang the CI step and a folder cannot take it: both refused before any work.
#[test]
fn check_summary_refuses_a_pipe_and_a_folder_but_writes_through_a_device() {
    let project = Project::new();
    project.write("register/ok.toml", VALID);
    std::fs::create_dir(project.path("folder")).unwrap();
    let run = project.run(&["check", "--as-of", AS_OF, "--summary", "folder"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("folder: it is a folder; nothing was written"),
        "{}",
        run.stderr
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let run = project.run(&["check", "--as-of", AS_OF, "--summary", "/dev/null"]);
        assert_eq!(run.code, 0, "appending to a device is fine: {}", run.stderr);
        let kind = std::fs::metadata("/dev/null").unwrap().file_type();
        assert!(kind.is_char_device(), "/dev/null is still a device");
    }
    let made = std::process::Command::new("mkfifo").arg(project.path("pipe")).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped the pipe case: mkfifo is not available");
        return;
    }
    // A real process: a hang would show as the test never finishing.
    let out = crate::support::binary(project.dir.path(), &["check", "--as-of", AS_OF, "--summary", "pipe"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("pipe: it is a pipe or socket"), "{stderr}");
}

#[test]
fn a_rubric_over_8_mb_is_refused() {
    let project = project_with_rubric("rubric.yaml");
    project.write("rubric.yaml", format!("# {}\n", "x".repeat(8 * 1024 * 1024)));
    let run = project.run(&["check", "--as-of", AS_OF]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("rubric.yaml: it is over 8 MB"), "{}", run.stderr);
}

#[test]
fn a_deeply_nested_rubric_is_refused_quickly_naming_the_line() {
    let project = project_with_rubric("rubric.yaml");
    project.write("rubric.yaml", format!("method: worst\nrisk: {}\n", "[".repeat(100_000)));
    let started = std::time::Instant::now();
    let run = project.run(&["check", "--as-of", AS_OF]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("rubric.yaml:2: lists and maps are nested more than 64 deep"),
        "{}",
        run.stderr
    );
    assert!(started.elapsed().as_secs() < 5, "took {:?}", started.elapsed());
}

/// [`VALID`] with its `[approval]` table written inline as `inline`.
fn with_inline_approval(inline: &str) -> String {
    let approval = "[approval]\nby = \"cmt\"\ndate = 2015-03-01\nportfolio_holder = \"Cllr Pat Jones\"\n";
    assert!(VALID.contains(approval));
    VALID.replace(approval, "").replace(
        "[[representatives]]",
        &format!("approval = {inline}\n\n[[representatives]]"),
    )
}

/// The `syntax` findings for one file: (line, message, hint).
fn syntax_findings(text: &str) -> Vec<(u64, String, String)> {
    let project = Project::new();
    project.write("register/a.toml", text);
    let (_, report) = project.check_json(&[]);
    diagnostics(&report)
        .iter()
        .filter(|d| d["code"] == "syntax")
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
                d["hint"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn toml_1_1_only_syntax_is_an_error_naming_toml_1_0() {
    let one_line = r#"{ by = "cmt", date = 2015-03-01, portfolio_holder = "Cllr Pat Jones" }"#;
    assert!(
        syntax_findings(&with_inline_approval(one_line)).is_empty(),
        "TOML 1.0 inline tables are fine"
    );
    let cases = [
        (
            with_inline_approval("{ by = \"cmt\",\n  date = 2015-03-01, portfolio_holder = \"Cllr Pat Jones\" }"),
            "an inline table `{ … }` must be on one line",
        ),
        (
            with_inline_approval(r#"{ by = "cmt", date = 2015-03-01, portfolio_holder = "Cllr Pat Jones", }"#),
            "cannot end with a comma",
        ),
        (
            VALID.replace("Keep under review.", r"Keep \e[31munder review."),
            r"`\e` is not an escape",
        ),
        (
            VALID.replace("Keep under review.", r"Keep \x41 review."),
            r"`\x` is not an escape",
        ),
    ];
    for (text, expected) in cases {
        let found = syntax_findings(&text);
        assert_eq!(found.len(), 1, "{expected}: {found:?}");
        let (line, message, hint) = &found[0];
        assert!(
            message.starts_with("not valid TOML 1.0: ") && message.contains(expected),
            "{message}"
        );
        assert!(hint.contains("TOML 1.0") && hint.contains("tomllib"), "{hint}");
        assert!(*line > 1, "points at the place: {line}");
    }
}

#[test]
fn toml_1_1_look_alikes_inside_strings_are_not_errors() {
    let text = VALID.replace(
        "Keep under review.",
        r#"Braces { and, } a \\e and \\x41, written out\n"#,
    ) + "\nnotes_block = \"\"\"\n{ a = 1,\n}\n\"\"\"\n";
    // notes_block is an unknown key, but no syntax finding.
    assert!(syntax_findings(&text).is_empty());
}

/// `check PATH` in a real process: (exit code, stderr).
fn check_path(project: &Project, path: &str) -> (Option<i32>, String) {
    let out = binary(project.dir.path(), &["check", "--as-of", AS_OF, path]);
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn check_on_a_path_it_cannot_check_says_why_and_exits_2() {
    let project = Project::new();
    project.write("register/a.toml", VALID);
    std::fs::create_dir_all(project.path("register/folder.toml")).unwrap();
    project.write("register/notes.txt", "x");
    project.write("register/.hidden.toml", VALID);
    project.write("register/.drafts/b.toml", VALID);
    let mut cases = vec![
        ("register/.drafts/b.toml", "names beginning with . are hidden"),
        (
            "register/folder.toml",
            "it is a folder, not an entry file, and holds no .toml files",
        ),
        ("register/notes.txt", "entry files end in lower-case .toml"),
        ("register/.hidden.toml", "names beginning with . are hidden"),
    ];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(project.path("register/a.toml"), project.path("register/link.toml")).unwrap();
        cases.push(("register/link.toml", "it is a symbolic link (to "));
        if std::process::Command::new("mkfifo")
            .arg(project.path("register/pipe.toml"))
            .status()
            .is_ok_and(|s| s.success())
        {
            // Before, a FIFO outside the register hung `check` for ever.
            cases.push((
                "register/pipe.toml",
                "it is not a regular file (a named pipe or device)",
            ));
        } else {
            eprintln!("skipped the FIFO case: mkfifo is not available");
        }
    }
    for (path, why) in cases {
        let (code, stderr) = check_path(&project, path);
        assert_eq!(code, Some(2), "{path}: {stderr}");
        assert!(
            stderr.contains(&format!("cannot check {path}: {why}")),
            "{path}: {stderr}"
        );
    }
    // The file itself still checks.
    assert_eq!(check_path(&project, "register/a.toml").0, Some(0));
}

#[test]
fn an_upper_case_toml_file_is_a_warning_not_silence() {
    let project = Project::new();
    project.write("register/a.toml", VALID);
    project.write("register/Old Entry.TOML", VALID);
    let (code, report) = project.check_json(&[]);
    assert_eq!(code, 0, "a warning only: {report:#}");
    assert_eq!(codes(&report), ["uppercase-extension"]);
    let d = &diagnostics(&report)[0];
    assert_eq!(d["file"], "register/Old Entry.TOML");
    assert_eq!(d["severity"], "warning");
    assert!(
        d["hint"].as_str().unwrap().contains("rename it to Old Entry.toml"),
        "{d}"
    );
    assert_eq!(project.check_json(&["--strict"]).0, 1);
}

#[test]
fn xlsx_export_keeps_long_text_and_old_dates_and_import_reads_them_back() {
    let long: String = (0..9_000).map(|i| format!("{i:04}é😀 ")).collect::<String>() + "end";
    assert!(long.encode_utf16().count() > 2 * 32_767, "needs three cells");
    let source = Project::new();
    let text = VALID
        .replace("Keep under review.", &long)
        .replace("started = 2015-04-01", "started = 1850-04-01");
    source.write("register/old-forum.toml", &text);
    assert_eq!(source.check_json(&[]).0, 0, "check accepts both");
    let out = source.path("register.xlsx");
    let run = source.run(&["list", "--format", "xlsx", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    use calamine::{Data, Reader};
    let mut book = calamine::open_workbook_auto(&out).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let header: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    let at = header
        .iter()
        .position(|h| h == "Comments and recommendations")
        .expect("a Comments column");
    assert_eq!(header[at + 1], "Comments and recommendations (continued)");
    assert_eq!(header[at + 2], "Comments and recommendations (continued)");
    assert_ne!(
        header.get(at + 3).map(String::as_str),
        Some("Comments and recommendations (continued)")
    );
    let started = header.iter().position(|h| h == "Date joined").unwrap();
    assert_eq!(
        rows[1][started],
        Data::String("1850-04-01".into()),
        "text, not a failure"
    );

    let target = Project::new();
    let run = target.run(&["import", out.to_str().unwrap(), "--as-of", AS_OF]);
    assert!(run.stdout.contains("imported"), "{}\n{}", run.stdout, run.stderr);
    let file = std::fs::read_dir(target.path("register"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let back: toml::Table = toml::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let comments = back["comments"].as_str().unwrap_or_default();
    // Not assert_eq!: the text is too long to print.
    assert!(
        comments == long,
        "the text comes back whole: {} of {} characters",
        comments.len(),
        long.len()
    );
    assert_eq!(back["started"].to_string(), "1850-04-01");
}

#[test]
fn review_totals_past_the_largest_number_say_so_instead_of_wrapping() {
    let project = Project::new();
    for (i, name) in ["Alpha", "Beta", "Gamma"].iter().enumerate() {
        project.write(
            &format!("register/p{i}.toml"),
            VALID
                .replace("Test Waste Partnership", &format!("{name} Partnership"))
                .replace(
                    "budget_contribution_gbp = 12000",
                    "budget_contribution_gbp = 9223372036854775807",
                )
                .replace("staff_hours_per_month = 6", "staff_hours_per_month = 1e308"),
        );
    }
    // A real process: before, the sum wrapped (release) or panicked (debug).
    let out = binary(project.dir.path(), &["review", "--year", "2026", "--as-of", AS_OF]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        stdout.contains(
            "Council contribution: out of range: the contributions add up to more than £18,446,744,073,709,551,615"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("Staff time: out of range"), "{stdout}");
    let json = project.run(&["review", "--year", "2026", "--as-of", AS_OF, "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert!(
        doc["summary"]["total_contribution_gbp"].is_null(),
        "{:#}",
        doc["summary"]
    );
    assert!(doc["summary"]["staff_hours_per_month"].is_null());
}
