//! The review pack as CMT reads it (issue 14, item 6): names rather than
//! ids, one "Needs attention" row per partnership, the policy's words rather
//! than file tokens, the matrix naming its partnerships, a register with
//! errors said so at the top (exit 1), and the HTML printed to PDF in
//! headless Chromium with no orphan rows or near-empty pages.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::support::{AS_OF, Project, VALID, run_in, skip};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn pack_in(dir: &Path, format: &str) -> crate::support::Run {
    run_in(dir, &["review", "--year", "2026", "--as-of", AS_OF, "--format", format])
}

fn bundled(format: &str) -> String {
    let run = pack_in(Path::new(ROOT), format);
    assert_eq!(run.code, 0, "the bundled register is clean: {}", run.stderr);
    run.stdout
}

/// The text a reader sees in an HTML page: tags dropped, entities of the
/// pack's own escaping undone.
fn visible(html: &str) -> String {
    let body = &html[html.find("<body>").unwrap()..];
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#39;", "'").replace("&amp;", "&")
}

/// The section of the terminal pack from `heading` to the next blank-line
/// heading.
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text.find(&format!("\n{heading}\n")).unwrap();
    let rest = &text[start + heading.len() + 2..];
    let end = rest.find("\n\n").unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn needs_attention_has_one_row_per_partnership_with_all_its_reasons() {
    let json: Value = serde_json::from_str(&bundled("json")).unwrap();
    let rows = json["needs_attention"].as_array().unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "one row per partnership: {ids:?}");
    let broadband = rows.iter().find(|r| r["id"] == "better-broadband-for-norfolk").unwrap();
    assert_eq!(broadband["name"], "Better Broadband for Norfolk Programme");
    assert_eq!(broadband["priority"], "high", "the highest of its reasons");
    let kinds: Vec<&str> = broadband["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["exit-decided", "consider-exit", "not-reviewed", "appointment-expiring"],
        "every reason, by priority then kind"
    );
    // Sorted by priority, then name.
    let order = |p: &Value| ["high", "medium", "low"].iter().position(|x| p == x).unwrap();
    let keys: Vec<(usize, String)> = rows
        .iter()
        .map(|r| (order(&r["priority"]), r["name"].as_str().unwrap().to_lowercase()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    // The flat list is still there, one item per reason, with the name.
    let flat = json["attention"].as_array().unwrap();
    let reasons: usize = rows.iter().map(|r| r["reasons"].as_array().unwrap().len()).sum();
    assert_eq!(flat.len(), reasons);
    assert!(flat.iter().all(|a| a["name"].is_string() && a["id"].is_string()));

    let table = bundled("table");
    let attention = section(&table, "Needs attention");
    assert_eq!(
        attention.matches("Better Broadband for Norfolk Programme").count(),
        1,
        "{attention}"
    );
    for format in ["markdown", "html"] {
        let text = bundled(format);
        let from = text.find("Needs attention").unwrap();
        let to = text[from..].find("Partnerships").unwrap() + from;
        let part = &text[from..to];
        assert_eq!(
            part.matches("Better Broadband for Norfolk Programme").count(),
            1,
            "{format}: {part}"
        );
        assert!(part.contains("no review recorded for 2026"), "{format}");
    }
}

/// What `check` warns of about a proposal, an overdue report or a new
/// partnership not assessed reaches CMT too, once per row, in check's words.
#[test]
fn the_pack_passes_on_cabinet_decisions_overdue_reports_and_unassessed_proposals() {
    let json: Value = serde_json::from_str(&bundled("json")).unwrap();
    let rows = json["needs_attention"].as_array().unwrap();
    let row = |id: &str| {
        rows.iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{id} needs attention"))
    };
    let kinds = |id: &str| -> Vec<String> {
        row(id)["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["kind"].as_str().unwrap().to_string())
            .collect()
    };
    let destination = "brecks-destination-partnership";
    assert_eq!(
        row(destination)["priority"],
        "high",
        "a Cabinet decision is needed first"
    );
    assert_eq!(kinds(destination)[0], "cabinet-decision");
    assert!(kinds("norfolk-joint-museums-committee").contains(&"report-overdue".to_string()));

    let project = Project::new();
    project.write(
        "register/heat.toml",
        VALID
            .replace("status = \"active\"", "status = \"proposed\"")
            .replace("budgeted = true", "budgeted = false")
            .replace("[approval]\nby = \"cmt\"\n", "[approval]\n"),
    );
    let markdown = pack_in(project.dir.path(), "markdown").stdout;
    let from = markdown.find("## Needs attention").expect("an attention section");
    let to = markdown[from..].find("## Partnerships").unwrap() + from;
    let attention = &markdown[from..to];
    assert!(attention.contains("still to go to Cabinet"), "{attention}");
    assert!(!attention.contains("; ;"), "{attention}");
    assert_eq!(
        attention.matches("a complete assessment").count(),
        0,
        "no repeated 'not recorded' words: {attention}"
    );
}

#[test]
fn human_formats_show_names_and_words_not_ids_and_tokens() {
    let formats = [
        ("table", bundled("table")),
        ("markdown", bundled("markdown")),
        ("html", visible(&bundled("html"))),
    ];
    for (format, text) in &formats {
        for words in [
            "Retain and manage the risk",
            "Consider exit",
            "Norfolk Parking Partnership",
        ] {
            assert!(text.contains(words), "{format} says {words:?}");
        }
        for token in [
            "retain-manage-risk",
            "consider-exit",
            "portfolio-holder",
            "to cmt",
            "ad-hoc",
            "better-broadband-for-norfolk",
            "norfolk-parking-partnership",
        ] {
            assert!(!text.contains(token), "{format} shows the token {token:?}:\n{text}");
        }
    }
    // Every format that shows both says a partnership's words the same way:
    // one mapping from token to label.
    for (format, text) in &formats[1..] {
        for words in ["Portfolio Holder", "to CMT", "As needed"] {
            assert!(text.contains(words), "{format} says {words:?}");
        }
    }
    // Ids on request in the table, where a command needs them.
    let run = run_in(
        Path::new(ROOT),
        &["review", "--year", "2026", "--as-of", AS_OF, "--ids"],
    );
    assert!(run.stdout.contains("norfolk-parking-partnership"), "{}", run.stdout);
}

#[test]
fn csv_and_json_keep_ids_and_tokens_and_add_names_and_labels() {
    let csv = bundled("csv");
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{FEFF}').as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let before = [
        "id",
        "name",
        "lead_partner",
        "status",
        "role",
        "staff_hours_per_month",
        "budget_contribution_gbp",
        "risk_computed",
        "risk_recorded",
        "value_computed",
        "value_recorded",
        "recommendation",
        "last_review_year",
        "last_review_outcome",
        "reviewed_this_year",
        "appointments_ending",
        "reporting_frequency",
        "reporting_responsible",
        "reports_to",
        "warnings",
        "budget_gbp",
        "budget_in_principle",
        "open_concerns",
        "data_caveat",
    ];
    assert_eq!(&headers[..before.len()], before, "the old columns keep their places");
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let anglia = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "anglia-revenues-partnership")
        .unwrap();
    assert_eq!(&anglia[at("recommendation")], "retain-manage-risk");
    assert_eq!(&anglia[at("recommendation_label")], "Retain and manage the risk");
    assert_eq!(&anglia[at("reports_to")], "cmt");
    assert_eq!(&anglia[at("reports_to_label")], "CMT");
    assert_eq!(&anglia[at("status_label")], "Active");

    let json: Value = serde_json::from_str(&bundled("json")).unwrap();
    let homes = json["partnerships"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "breckland-homelessness-partnership")
        .unwrap();
    assert_eq!(homes["recommendation"], "retain-manage-risk");
    assert_eq!(homes["recommendation_label"], "Retain and manage the risk");
    assert_eq!(
        homes["reporting"]["reports_to"],
        serde_json::json!(["portfolio-holder"])
    );
    assert_eq!(
        homes["reporting_label"],
        "Fortnightly, by Housing Options Manager, to Portfolio Holder"
    );
    let cell = json["summary"]["matrix"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["value"] == "low" && c["risk"] == "medium")
        .unwrap();
    assert_eq!(
        cell["ids"],
        serde_json::json!(["better-broadband-for-norfolk", "norfolk-parking-partnership"])
    );
    assert_eq!(
        cell["names"],
        serde_json::json!(["Better Broadband for Norfolk Programme", "Norfolk Parking Partnership"])
    );
    assert_eq!(cell["recommendation_label"], "Consider exit");
    assert_eq!(json["has_errors"], false);
}

#[test]
fn the_matrix_names_its_partnerships_and_quiets_empty_cells() {
    let table = bundled("table");
    let matrix = section(&table, "Value × risk");
    assert!(matrix.contains("2 · Consider exit"), "{matrix}");
    assert!(matrix.contains("• Norfolk Parking"), "{matrix}");
    let low = matrix.lines().find(|l| l.contains("Low value")).unwrap();
    assert!(
        low.contains('–') && !low.contains(" 0 "),
        "an empty cell is a quiet –: {low}"
    );
    let markdown = bundled("markdown");
    let row = markdown.lines().find(|l| l.starts_with("| **Low value**")).unwrap();
    assert_eq!(
        row,
        "| **Low value** | – | **2 · Consider exit:** Better Broadband for Norfolk Programme; Norfolk Parking Partnership | – |"
    );
}

/// `n` valid partnerships, all in one cell of the matrix, with names and
/// reporting lines of different lengths so that rows differ in height, and
/// a review not yet recorded for every third.
fn generated(n: usize) -> Project {
    let project = Project::new();
    for i in 0..n {
        let words = [
            "Forum",
            "Joint Working Board",
            "Shared Services and Delivery Partnership",
        ];
        let name = format!("Generated {:02} {}", i, words[i % 3]);
        let mut text = VALID.replace("Test Waste Partnership", &name).replace(
            "responsible = \"Head of Waste\"",
            &format!(
                "responsible = \"{}\"",
                ["Head of Waste", "Economic Development and Regeneration Manager"][i % 2]
            ),
        );
        if i % 3 == 0 {
            let review = text.find("[[reviews]]").unwrap();
            text.truncate(review);
        }
        project.write(&format!("register/generated-{i:02}.toml"), text);
    }
    project
}

#[test]
fn a_full_cell_names_eight_and_says_how_many_more() {
    let project = generated(12);
    let html = pack_in(project.dir.path(), "html");
    assert_eq!(html.code, 0, "{}", html.stderr);
    assert!(visible(&html.stdout).contains("and 4 more"));
    let json: Value = serde_json::from_str(&pack_in(project.dir.path(), "json").stdout).unwrap();
    let cell = json["summary"]["matrix"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["count"] == 12)
        .unwrap();
    assert_eq!(cell["names"].as_array().unwrap().len(), 12, "JSON names them all");
}

/// A copy of the bundled register with one file that cannot be read and
/// one that reads but breaks a rule.
fn broken() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(Path::new(ROOT).join("partreg.toml"), dir.path().join("partreg.toml")).unwrap();
    let register = dir.path().join("register");
    std::fs::create_dir(&register).unwrap();
    for entry in std::fs::read_dir(Path::new(ROOT).join("register")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&path, register.join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(register.join("half-typed.toml"), "name = \"Half typed\n").unwrap();
    let waste = register.join("norfolk-waste-partnership.toml");
    let text = std::fs::read_to_string(&waste).unwrap();
    assert!(text.contains("priorities = [\""));
    std::fs::write(
        &waste,
        text.replacen("priorities = [\"", "priorities = [\"ZZ9\", \"", 1),
    )
    .unwrap();
    dir
}

#[test]
fn a_register_with_errors_says_so_at_the_top_names_the_files_and_exits_1() {
    let dir = broken();
    for format in ["table", "markdown", "html"] {
        let run = pack_in(dir.path(), format);
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        let text = if format == "html" {
            visible(&run.stdout)
        } else {
            assert!(
                format != "table" || run.stdout.lines().all(|l| l.chars().count() <= 100),
                "the warning wraps to the table's width"
            );
            // The table wraps the warning to its width: read it whole.
            run.stdout.replace("\n  ", " ")
        };
        let warning = text
            .find("The register has errors")
            .unwrap_or_else(|| panic!("{format}: {text}"));
        assert!(warning < text.find("Summary").unwrap(), "{format}: at the top");
        let top = &text[warning..text.find("Summary").unwrap()];
        assert!(top.contains("finds errors in 2 files"), "{format}: {top}");
        assert!(
            top.contains("Left out of this pack: register/half-typed.toml (1 error; first: line 1: not valid TOML"),
            "{format}: {top}"
        );
        assert!(
            top.contains("Included, but with errors: register/norfolk-waste-partnership.toml"),
            "{format}: {top}"
        );
        assert!(top.contains("ZZ9"), "{format}: why: {top}");
        assert!(top.contains("partreg check"), "{format}: the fix: {top}");
    }
    let run = pack_in(dir.path(), "json");
    assert_eq!(run.code, 1);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["has_errors"], true);
    let files: Vec<(&str, bool)> = json["files_with_errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), f["left_out"].as_bool().unwrap()))
        .collect();
    assert_eq!(
        files,
        [
            ("register/half-typed.toml", true),
            ("register/norfolk-waste-partnership.toml", false)
        ]
    );
    let waste = json["needs_attention"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "norfolk-waste-partnership")
        .unwrap();
    assert_eq!(waste["priority"], "high", "a file with errors is high priority");
    assert_eq!(waste["reasons"][0]["kind"], "file-errors");
    let csv = pack_in(dir.path(), "csv");
    assert_eq!(csv.code, 1);
    assert!(csv.stderr.contains("register/half-typed.toml"), "{}", csv.stderr);
    assert!(
        csv.stderr.contains("register/norfolk-waste-partnership.toml"),
        "{}",
        csv.stderr
    );
    // The real process exits 1 too, and 0 on the clean register.
    let out = crate::support::binary(dir.path(), &["review", "--year", "2026", "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(1));
    let out = crate::support::binary(Path::new(ROOT), &["review", "--year", "2026", "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("The register has errors"));
}

/// The text of each page of a PDF, from `pdftotext -layout` (pages end in
/// a form feed).
fn pages(pdf: &Path) -> Option<Vec<String>> {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .ok()?;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Some(pages)
}

/// A page's text without its footer line and blank lines.
fn body_lines(page: &str) -> Vec<&str> {
    page.lines()
        .filter(|l| !l.trim().is_empty() && !l.contains("Partnership Register annual review 2026 · as of"))
        .collect()
}

/// Prints `html` to PDF with headless Chromium; `None` (the test skips)
/// when Chromium or pdftotext is not installed.
fn print(html: &str, dir: &Path) -> Option<Vec<String>> {
    let chromium = ["chromium", "chromium-browser", "google-chrome"].into_iter().find(|c| {
        Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let Some(chromium) = chromium else {
        skip("Chromium is not installed (apt-get install chromium): the pack is not printed to PDF");
        return None;
    };
    if Command::new("pdftotext").arg("-v").output().is_err() {
        skip("pdftotext is not installed (apt-get install poppler-utils): the PDF's pages are not read");
        return None;
    }
    let page = dir.join("pack.html");
    let pdf = dir.join("pack.pdf");
    std::fs::write(&page, html).unwrap();
    let mut child = Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // A browser that hangs (no display, no D-Bus) must not hang the tests.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("Chromium did not finish printing within two minutes");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(pdf.exists(), "Chromium printed nothing");
    pages(&pdf)
}

/// What the printed pack must look like: every page but the last at least
/// 40% as full as the fullest (no page left near-empty by a forced break),
/// the last page holding at least two rows of a table or a whole section
/// (no orphan row), the footer with the council, the date and "Page N of M"
/// on every page, and the page count within `max_pages`.
fn assert_prints_well(pages: &[String], rows: &[String], max_pages: usize, what: &str) {
    assert!(
        !pages.is_empty() && pages.len() <= max_pages,
        "{what}: {} pages",
        pages.len()
    );
    let total = pages.len();
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Page {} of {total}", i + 1)),
            "{what}: page {} has its number: {page}",
            i + 1
        );
        assert!(page.contains("as of 2026-11-30"), "{what}: the footer has the date");
    }
    let fullest = pages.iter().map(|p| body_lines(p).len()).max().unwrap();
    for (i, page) in pages[..total - 1].iter().enumerate() {
        let lines = body_lines(page).len();
        assert!(
            lines * 10 >= fullest * 4,
            "{what}: page {} holds {lines} lines against {fullest} on the fullest: near-empty\n{page}",
            i + 1
        );
    }
    if total > 1 {
        let last = &pages[total - 1];
        let on_last = rows.iter().filter(|name| last.contains(name.as_str())).count();
        assert!(
            on_last >= 2 || body_lines(last).len() * 10 >= fullest * 4,
            "{what}: the last page holds {on_last} row(s): an orphan\n{last}"
        );
    }
}

/// The first two words of each partnership's name: the start of its row,
/// short enough not to wrap in the printed name column.
fn pack_names(json: &str) -> Vec<String> {
    let json: Value = serde_json::from_str(json).unwrap();
    json["partnerships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let words: Vec<&str> = p["name"].as_str().unwrap().split(' ').take(2).collect();
            words.join(" ")
        })
        .collect()
}

#[test]
fn the_html_pack_prints_on_a4_without_orphan_rows_or_near_empty_pages() {
    let dir = tempfile::tempdir().unwrap();
    let html = bundled("html");
    assert!(html.contains("@page { size: A4;"));
    assert!(html.contains("counter(page)"));
    let Some(pages) = print(&html, dir.path()) else { return };
    // Words that start each row and do not wrap in the name column.
    let names: Vec<String> = pack_names(&bundled("json"));
    assert_prints_well(&pages, &names, 3, "the bundled register");
    assert!(pages[0].contains("Breckland Council: Partnership Register annual review 2026"));

    let project = generated(60);
    let run = pack_in(project.dir.path(), "html");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let Some(pages) = print(&run.stdout, dir.path()) else {
        return;
    };
    let names: Vec<String> = (0..60).map(|i| format!("Generated {i:02}")).collect();
    assert_prints_well(&pages, &names, 12, "60 generated partnerships");
    for name in &names {
        assert!(pages.iter().any(|p| p.contains(name.as_str())), "{name} is printed");
    }
}

/// Whether a printed line ends a date or a hyphenated word part-way
/// ("2027-05-", "four-"): a value broken inside, which the lists' short
/// cells must never be.
fn broken_inside(line: &str) -> bool {
    line.split_whitespace().any(|word| {
        word.ends_with('-')
            && word.len() > 1
            && word[..word.len() - 1]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

#[test]
fn the_appointments_list_and_the_programme_print_with_the_packs_footer_and_whole_dates() {
    let dir = tempfile::tempdir().unwrap();
    for (command, title) in [
        ("appointments", "Breckland Council: appointments to outside bodies"),
        ("programme", "Breckland Council: reporting programme"),
    ] {
        let run = run_in(Path::new(ROOT), &[command, "--as-of", AS_OF, "--format", "html"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let html = run.stdout;
        // The pack's footer (shared, not copied) and its print rules.
        assert!(html.contains("counter(page) ' of ' counter(pages)"), "{html}");
        assert!(html.contains(".whole { white-space: nowrap; }"), "{html}");
        assert!(html.contains("<td class=\"whole\">2027-05-20</td>") || command == "programme");
        let Some(pages) = print(&html, dir.path()) else { return };
        let total = pages.len();
        for (i, page) in pages.iter().enumerate() {
            assert!(
                page.contains(&format!("Page {} of {total}", i + 1)),
                "{command}: page {} has its number:\n{page}",
                i + 1
            );
            assert!(
                page.contains("as of 2026-11-30"),
                "{command}: the footer has the date:\n{page}"
            );
            assert!(
                page.contains("Breckland Council"),
                "{command}: the footer has the council:\n{page}"
            );
            for line in page.lines() {
                assert!(
                    !broken_inside(line),
                    "{command}: broken inside a value: {line:?}\n{page}"
                );
            }
        }
        assert!(pages[0].contains(title), "{}", pages[0]);
    }
}
