//! `check --format sarif` is valid SARIF 2.1.0: the output for the broken
//! example register, and for a clean one, validates against the official
//! OASIS schema vendored in `tests/schemas/`.

use std::path::Path;

use serde_json::Value;

use crate::support::{AS_OF, run_in};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn validate(doc: &Value) -> Result<(), String> {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(ROOT).join("tests/schemas/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("file:///sarif.json", schema).unwrap();
    let index = compiler.compile("file:///sarif.json", &mut schemas).unwrap();
    schemas.validate(doc, index).map_err(|e| format!("{e:#}"))
}

#[test]
fn sarif_for_a_broken_register_validates_against_the_oasis_schema() {
    let run = run_in(
        Path::new(ROOT).join("examples/broken-register").as_path(),
        &["check", "--as-of", AS_OF, "--format", "sarif"],
    );
    assert_eq!(run.code, 1);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(!doc["runs"][0]["results"].as_array().unwrap().is_empty());
    validate(&doc).unwrap();
}

#[test]
fn sarif_for_a_clean_register_validates_too() {
    let run = run_in(Path::new(ROOT), &["check", "--as-of", AS_OF, "--format", "sarif"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    validate(&doc).unwrap();
}

#[test]
fn the_validator_rejects_what_is_not_sarif() {
    // Guards the two tests above: a schema that accepted anything would
    // make them pass whatever partreg wrote.
    let bad = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {}}]});
    assert!(validate(&bad).is_err());
}

fn broken_register_sarif(extra_settings: Option<&str>) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path();
    std::fs::create_dir(project.join(".git")).unwrap();
    let settings = format!("{}{}", extra_settings.unwrap_or(""), crate::support::SETTINGS);
    std::fs::write(project.join("partreg.toml"), settings).unwrap();
    std::fs::create_dir(project.join("register")).unwrap();
    let text = crate::support::VALID.replace("status = \"active\"", "status = \"Active\"");
    std::fs::write(project.join("register/café-£.toml"), text).unwrap();
    let run = run_in(project, &["check", "--as-of", AS_OF, "--format", "sarif"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn every_rule_carries_its_documentation() {
    let doc = broken_register_sarif(None);
    validate(&doc).unwrap();
    let run = &doc["runs"][0];
    // partreg counts columns in characters, not UTF-16 units.
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let docs = std::fs::read_to_string(Path::new(ROOT).join("docs/diagnostics.md")).unwrap();
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), docs.matches("\n## `").count());
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        let short = rule["shortDescription"]["text"].as_str().unwrap();
        let full = rule["fullDescription"]["text"].as_str().unwrap();
        assert!(full.len() > short.len() && full != short, "{id}: {full}");
        let markdown = rule["help"]["markdown"].as_str().unwrap();
        let text = rule["help"]["text"].as_str().unwrap();
        // The doc's section itself: meaning, an example and the fix.
        assert!(docs.contains(markdown), "{id}: help.markdown is not the doc's section");
        assert!(markdown.contains("**Fix:**") && markdown.contains("```"), "{id}");
        assert!(text.contains("Fix:") && !text.contains("```"), "{id}");
        // No address is known, so none is invented.
        assert!(rule.get("helpUri").is_none(), "{id}");
    }
    let uri = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "register/caf%C3%A9-%C2%A3.toml");
}

#[test]
fn help_links_to_the_rule_when_docs_url_is_set() {
    let doc = broken_register_sarif(Some(
        "docs_url = \"https://docs.example.org/partreg/diagnostics.html\"\n",
    ));
    validate(&doc).unwrap();
    let rules = doc["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        assert_eq!(
            rule["helpUri"],
            format!("https://docs.example.org/partreg/diagnostics.html#{id}")
        );
    }
}

#[test]
fn a_docs_url_that_is_not_an_address_is_refused() {
    let p = crate::support::Project::bare();
    p.write("partreg.toml", "docs_url = \"docs/diagnostics.md\"\n");
    std::fs::create_dir(p.path("register")).unwrap();
    let run = p.run(&["check", "--format", "sarif"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("partreg.toml:1:12") && run.stderr.contains("not a web address"),
        "{}",
        run.stderr
    );
}
