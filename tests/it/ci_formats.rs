//! What CI services are given: files named as the repository names them
//! (item 1 of issue 12) and finding identities that survive a new day
//! (item 2), in every machine format of `check`.

use std::path::Path;

use serde_json::Value;

use crate::support::{Project, Run, SETTINGS, VALID, run_in};

/// An entry with one error (`status = "Active"`), for a finding to locate.
fn broken() -> String {
    VALID.replace("status = \"active\"", "status = \"Active\"")
}

/// Every machine format's file name for the one finding, from `cwd`.
fn names(cwd: &Path, extra: &[&str]) -> Vec<(String, String)> {
    let run = |format: &str| -> Run {
        let mut args = vec!["check", "--as-of", crate::support::AS_OF, "--format", format];
        args.extend_from_slice(extra);
        let run = run_in(cwd, &args);
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        run
    };
    let mut out = Vec::new();
    let json: Value = serde_json::from_str(&run("json").stdout).unwrap();
    out.push((
        "json".into(),
        json["diagnostics"][0]["file"].as_str().unwrap().to_string(),
    ));
    let sarif: Value = serde_json::from_str(&run("sarif").stdout).unwrap();
    let location = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uriBaseId"], "%SRCROOT%");
    out.push(("sarif".into(), location["uri"].as_str().unwrap().to_string()));
    let gitlab: Value = serde_json::from_str(&run("gitlab").stdout).unwrap();
    out.push((
        "gitlab".into(),
        gitlab[0]["location"]["path"].as_str().unwrap().to_string(),
    ));
    let github = run("github").stdout;
    let file = github
        .split("file=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .unwrap_or_else(|| panic!("no file= in {github}"));
    out.push(("github".into(), file.to_string()));
    let summary = tempfile::NamedTempFile::new().unwrap();
    let mut args = vec!["check", "--as-of", crate::support::AS_OF, "--summary"];
    let summary_path = summary.path().to_str().unwrap();
    args.push(summary_path);
    args.extend_from_slice(extra);
    run_in(cwd, &args);
    let text = std::fs::read_to_string(summary.path()).unwrap();
    let row = text.lines().find(|l| l.starts_with("| error")).unwrap();
    out.push((
        "summary".into(),
        row.split(" | ").nth(1).unwrap().trim_matches('`').to_string(),
    ));
    out
}

fn assert_all(found: &[(String, String)], expected: &str) {
    for (format, name) in found {
        assert_eq!(name, expected, "--format {format}");
    }
}

#[test]
fn a_register_at_data_reg_is_named_from_the_repository_root() {
    let p = Project::bare();
    std::fs::create_dir(p.path(".git")).unwrap();
    p.write("partreg.toml", format!("register = \"data/reg\"\n{SETTINGS}"));
    p.write("data/reg/x.toml", broken());
    assert_all(&names(p.dir.path(), &[]), "data/reg/x.toml");
    // The human report keeps the short name, relative to the register's folder.
    let human = p.run(&["check", "--as-of", crate::support::AS_OF]);
    assert!(human.stderr.starts_with("reg/x.toml:"), "{}", human.stderr);
}

#[test]
fn a_register_in_a_sub_folder_of_a_repository_is_named_by_its_whole_path() {
    let p = Project::bare();
    // A linked work tree or submodule has a `.git` file, not a folder.
    p.write(".git", "gitdir: ../elsewhere/.git/worktrees/x\n");
    p.write("examples/broken-register/partreg.toml", SETTINGS);
    p.write("examples/broken-register/register/x.toml", broken());
    let project = p.path("examples/broken-register");
    assert_all(&names(&project, &[]), "examples/broken-register/register/x.toml");
}

#[test]
fn run_from_a_sub_folder_names_stay_those_of_the_repository() {
    let p = Project::bare();
    std::fs::create_dir(p.path(".git")).unwrap();
    p.write("partreg.toml", format!("register = \"data/reg\"\n{SETTINGS}"));
    p.write("data/reg/x.toml", broken());
    p.write("docs/notes.md", "");
    // Found by walking up from docs/ for partreg.toml.
    assert_all(&names(&p.path("docs"), &[]), "data/reg/x.toml");
    // And with the register named on the command line, from deeper down.
    assert_all(&names(&p.path("data/reg"), &["--register", "."]), "data/reg/x.toml");
}

#[test]
fn outside_a_repository_names_are_relative_to_the_current_folder() {
    let p = Project::bare();
    p.write("council/partreg.toml", format!("register = \"data/reg\"\n{SETTINGS}"));
    p.write("council/data/reg/x.toml", broken());
    assert_all(&names(&p.path("council"), &[]), "data/reg/x.toml");
    assert_all(
        &names(p.dir.path(), &["--config", "council/partreg.toml"]),
        "council/data/reg/x.toml",
    );
}

/// The fingerprints of every finding, by format, at `as_of`.
fn fingerprints(p: &Project, as_of: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
    let gitlab = p.run(&["check", "--as-of", as_of, "--format", "gitlab"]);
    let gitlab: Value = serde_json::from_str(&gitlab.stdout).unwrap();
    let sarif = p.run(&["check", "--as-of", as_of, "--format", "sarif"]);
    let sarif: Value = serde_json::from_str(&sarif.stdout).unwrap();
    let issues = gitlab.as_array().unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    (
        issues
            .iter()
            .map(|i| i["fingerprint"].as_str().unwrap().to_string())
            .collect(),
        results
            .iter()
            .map(|r| r["partialFingerprints"]["partreg/v1"].as_str().unwrap().to_string())
            .collect(),
        issues
            .iter()
            .map(|i| i["description"].as_str().unwrap().to_string())
            .collect(),
    )
}

#[test]
fn fingerprints_do_not_change_with_the_date_or_the_message() {
    let p = Project::new();
    // A review and a term that are overdue on both days, with the day in the message.
    p.write("register/waste.toml", VALID);
    let (gitlab_a, sarif_a, messages_a) = fingerprints(&p, "2027-09-01");
    let (gitlab_b, sarif_b, messages_b) = fingerprints(&p, "2027-12-01");
    assert!(messages_a.iter().any(|m| m.contains("2027-09-01")), "{messages_a:?}");
    assert_ne!(messages_a, messages_b, "the messages should differ between the days");
    assert!(!gitlab_a.is_empty());
    assert_eq!(gitlab_a, gitlab_b);
    assert_eq!(sarif_a, sarif_b);
    // Moving the finding down the file keeps its identity too.
    p.write("register/waste.toml", format!("# A comment added above.\n\n{VALID}"));
    let (gitlab_c, _, _) = fingerprints(&p, "2027-09-01");
    assert_eq!(gitlab_a, gitlab_c);
}
