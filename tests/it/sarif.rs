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
