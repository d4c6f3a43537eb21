//! Every `--format json` output is one object carrying `"format_version":
//! 1`, and real output validates against its schema in `schemas/output/`,
//! which `partreg schema --for NAME` prints (item 8 of issue 12).

use std::path::Path;

use serde_json::Value;

use crate::support::{AS_OF, Project, VALID, run_in};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn schema_file(name: &str) -> Value {
    let path = Path::new(ROOT).join(format!("schemas/output/{name}.schema.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn validate(name: &str, doc: &Value) -> Result<(), String> {
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let url = format!("file:///{name}.schema.json");
    compiler.add_resource(&url, schema_file(name)).unwrap();
    let index = compiler.compile(&url, &mut schemas).unwrap();
    schemas.validate(doc, index).map_err(|e| format!("{e:#}"))
}

/// Runs partreg in `cwd` and parses what it printed.
fn output(cwd: &Path, args: &[&str]) -> Value {
    let run = run_in(cwd, args);
    assert!(run.code < 2, "{args:?}: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{args:?} is not JSON ({e}): {}", run.stdout))
}

/// Every JSON output of the repository's own register and of the broken
/// example, by the name of its schema.
fn outputs() -> Vec<(&'static str, Value)> {
    let root = Path::new(ROOT);
    let broken = root.join("examples/broken-register");
    let mut all = Vec::new();
    for dir in [root, broken.as_path()] {
        all.push(("check", output(dir, &["check", "--format", "json", "--as-of", AS_OF])));
        all.push(("assess", output(dir, &["assess", "--format", "json", "--as-of", AS_OF])));
        all.push((
            "assess-matrix",
            output(dir, &["assess", "--matrix", "--format", "json"]),
        ));
        all.push(("list", output(dir, &["list", "--format", "json"])));
        let review = [
            "review", "--year", "2026", "--all", "--format", "json", "--as-of", AS_OF,
        ];
        all.push(("review", output(dir, &review)));
    }
    // The bundled register has a [calendar]; the meeting is found from it.
    all.push((
        "appointments",
        output(root, &["appointments", "--format", "json", "--as-of", AS_OF]),
    ));
    all.push((
        "appointments-by-person",
        output(
            root,
            &["appointments", "--by-person", "--format", "json", "--as-of", AS_OF],
        ),
    ));
    all.push((
        "programme",
        output(root, &["programme", "--format", "json", "--as-of", AS_OF]),
    ));
    let sheet = Project::new();
    sheet.write(
        "old.csv",
        "Partnership Name,Lead Partner,Status,Frequency of Meetings\nOld Forum,Breckland Council,Active,Bi-monthly\n",
    );
    all.push((
        "import",
        output(
            sheet.dir.path(),
            &["import", "old.csv", "--dry-run", "--format", "json", "--as-of", AS_OF],
        ),
    ));
    // A title above the headings and a note below: kept as written (`kept_verbatim`).
    sheet.write(
        "titled.csv",
        "Partnership Register 2025\nPartnership Name,Lead Partner,Status\nNew Forum,Breckland Council,Active\nKey: H = High\n",
    );
    let titled = output(
        sheet.dir.path(),
        &[
            "import",
            "titled.csv",
            "--dry-run",
            "--format",
            "json",
            "--as-of",
            AS_OF,
        ],
    );
    assert_eq!(
        titled["kept_verbatim"]["cells"].as_array().map(Vec::len),
        Some(2),
        "{titled}"
    );
    all.push(("import", titled));
    // partreg's own register, back from `list --format json`.
    let listed = run_in(root, &["list", "--format", "json"]);
    sheet.write("register.json", &listed.stdout);
    all.push((
        "import",
        output(
            sheet.dir.path(),
            &[
                "import",
                "register.json",
                "--dry-run",
                "--format",
                "json",
                "--as-of",
                AS_OF,
            ],
        ),
    ));
    all.push((
        "show",
        output(
            root,
            &[
                "show",
                "anglia-revenues-partnership",
                "--format",
                "json",
                "--as-of",
                AS_OF,
            ],
        ),
    ));
    let p = Project::new();
    // A later day, so that the entry has warnings to show.
    p.write("register/waste.toml", VALID);
    let show = output(
        p.dir.path(),
        &["show", "waste", "--format", "json", "--as-of", "2028-01-01"],
    );
    assert!(!show["diagnostics"].as_array().unwrap().is_empty());
    all.push(("show", show));
    all
}

#[test]
fn every_json_output_is_one_versioned_object_that_passes_its_schema() {
    let all = outputs();
    let names: std::collections::BTreeSet<&str> = all.iter().map(|(n, _)| *n).collect();
    assert_eq!(names.into_iter().collect::<Vec<_>>(), partreg::render::formats::names());
    for (name, doc) in &all {
        assert!(doc.is_object(), "{name}: not an object");
        assert_eq!(doc["format_version"], 1, "{name}");
        validate(name, doc).unwrap_or_else(|e| panic!("{name} does not pass its schema: {e}"));
    }
}

#[test]
fn the_schemas_reject_what_does_not_match() {
    // Guards the test above: a schema that accepted anything would pass.
    for (name, doc) in outputs() {
        let mut unversioned = doc.clone();
        unversioned["format_version"] = 2.into();
        assert!(validate(name, &unversioned).is_err(), "{name} accepts format_version 2");
        let bare = Value::Array(vec![doc]);
        assert!(validate(name, &bare).is_err(), "{name} accepts a bare array");
    }
    let mut check = output(Path::new(ROOT), &["check", "--format", "json", "--as-of", AS_OF]);
    check["diagnostics"] = serde_json::json!([{"file": "x", "severity": "fatal"}]);
    assert!(validate("check", &check).is_err());
}

#[test]
fn schema_for_prints_each_committed_schema() {
    for name in partreg::render::formats::names() {
        let run = run_in(Path::new(ROOT), &["schema", "--for", name]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let committed =
            std::fs::read_to_string(Path::new(ROOT).join(format!("schemas/output/{name}.schema.json"))).unwrap();
        assert!(
            run.stdout == committed,
            "schema --for {name} differs from the committed file"
        );
    }
    // Without --for, still the entry's schema.
    let entry = run_in(Path::new(ROOT), &["schema"]);
    assert!(entry.stdout.contains("\"title\"") && !entry.stdout.contains("format_version"));
    let unknown = run_in(Path::new(ROOT), &["schema", "--for", "nonsense"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("possible values") && unknown.stderr.contains("check"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn every_output_is_documented_with_its_promise() {
    let doc = std::fs::read_to_string(Path::new(ROOT).join("docs/formats.md")).unwrap();
    for name in partreg::render::formats::names() {
        assert!(
            doc.contains(&format!("`schema --for {name}`")),
            "docs/formats.md does not list {name}"
        );
    }
    assert!(doc.contains("fields are only added"));
    // Every schema file is in the table, so none is left unprinted.
    for file in std::fs::read_dir(Path::new(ROOT).join("schemas/output")).unwrap() {
        let file = file.unwrap().file_name().into_string().unwrap();
        let name = file.strip_suffix(".schema.json").unwrap();
        assert!(
            partreg::render::formats::schema(name).is_some(),
            "{file} is not in OUTPUT_SCHEMAS"
        );
    }
}

#[test]
fn show_names_its_file_from_the_repository_root() {
    let p = Project::bare();
    std::fs::create_dir(p.path(".git")).unwrap();
    p.write(
        "partreg.toml",
        format!("register = \"data/reg\"\n{}", crate::support::SETTINGS),
    );
    p.write("data/reg/waste.toml", VALID);
    let show = output(p.dir.path(), &["show", "waste", "--format", "json", "--as-of", AS_OF]);
    assert_eq!(show["file"], "data/reg/waste.toml");
}
