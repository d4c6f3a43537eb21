//! Paths as colleagues on Windows write them: `register = 'data\reg'` in
//! the shared settings and `--folder shared\services` mean the same on
//! every platform, and no writer makes a folder that differs only in case
//! from one already in the register (one folder on Windows and macOS).

use crate::add::add;
use crate::support::{Project, SETTINGS, VALID};

#[test]
fn a_register_setting_with_backslashes_is_found_on_every_platform() {
    let project = Project::bare();
    project.write("partreg.toml", format!("register = 'data\\reg'\n{SETTINGS}"));
    project.write("data/reg/test-waste-partnership.toml", VALID);
    let (code, report) = project.check_json(&[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["files"], 1);
}

#[test]
fn a_rubric_setting_with_backslashes_is_found_too() {
    let project = Project::new();
    let rubric = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/criteria.yaml")).unwrap();
    project.write("config/criteria.yaml", rubric);
    project.write("partreg.toml", format!("rubric = 'config\\criteria.yaml'\n{SETTINGS}"));
    project.write("register/test-waste-partnership.toml", VALID);
    let (code, report) = project.check_json(&[]);
    assert_eq!(code, 0, "{report:#}");
    // And the setting is really read: a rubric that is not there stops the run.
    project.write("partreg.toml", format!("rubric = 'config\\missing.yaml'\n{SETTINGS}"));
    let run = project.run(&["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("missing.yaml"), "{}", run.stderr);
}

#[test]
fn a_windows_absolute_register_is_not_taken_for_a_relative_one() {
    let project = Project::bare();
    project.write(
        "partreg.toml",
        format!("register = 'C:\\Users\\officer\\register'\n{SETTINGS}"),
    );
    // On Linux no such folder exists; the point is that partreg does not
    // look for a folder called `C:` inside the project.
    std::fs::create_dir_all(project.path("C:/Users/officer/register")).unwrap();
    let run = project.run(&["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn folder_with_backslashes_makes_nested_folders() {
    let project = Project::new();
    let run = add(
        &project,
        "Shared Revenues Partnership",
        &["--folder", "shared\\services"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        project
            .path("register/shared/services/shared-revenues-partnership.toml")
            .is_file()
    );
}

#[test]
fn a_folder_differing_only_in_case_is_refused() {
    let project = Project::new();
    std::fs::create_dir_all(project.path("register/shared-services")).unwrap();
    let run = add(
        &project,
        "Anglia Revenues Partnership",
        &["--folder", "Shared-Services"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("differs only in case"), "{}", run.stderr);
    assert!(!project.path("register/Shared-Services").exists());
    // The existing spelling is fine.
    let run = add(
        &project,
        "Anglia Revenues Partnership",
        &["--folder", "shared-services"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn import_refuses_a_folder_differing_only_in_case_too() {
    let project = Project::new();
    std::fs::create_dir_all(project.path("register/closed")).unwrap();
    project.write(
        "old.csv",
        "Partnership Name,Lead Partner,Status\nOld Forum,Breckland Council,active\n",
    );
    let run = project.run(&["import", "old.csv", "--folder", "Closed"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("differs only in case"), "{}", run.stderr);
    assert!(!project.path("register/Closed").exists());
}

#[test]
fn recording_and_replacing_a_review_keeps_windows_line_endings_and_the_bom() {
    let project = Project::new();
    let windows = format!("\u{feff}{}", VALID.replace('\n', "\r\n"));
    project.write("register/test-waste-partnership.toml", &windows);
    let record = |extra: &[&str]| {
        let mut args = vec![
            "review",
            "--year",
            "2027",
            "--record",
            "test-waste-partnership",
            "--outcome",
            "continue",
            "--reviewer",
            "CI&P Team",
            "--date",
            "20/11/2026",
            "--as-of",
            crate::support::AS_OF,
        ];
        args.extend_from_slice(extra);
        project.run(&args)
    };
    for extra in [&[][..], &["--replace", "--notes", "Agreed at CMT"][..]] {
        let run = record(extra);
        assert_eq!(run.code, 0, "{extra:?}: {}", run.stderr);
        let bytes = std::fs::read(project.path("register/test-waste-partnership.toml")).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with('\u{feff}'), "{extra:?}: the BOM is kept");
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "{extra:?}: CRLF kept:\n{text}"
        );
    }
}
