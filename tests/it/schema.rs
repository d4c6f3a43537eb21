//! The JSON Schema: the committed file is what `partreg schema` prints, and
//! every bundled entry passes it under an independent validator.

use std::path::Path;

use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn the_committed_schema_is_up_to_date() {
    let committed = std::fs::read_to_string(Path::new(ROOT).join("schemas/partnership.schema.json")).unwrap();
    let generated = crate::support::run_in(ROOT.as_ref(), &["schema"]);
    assert_eq!(generated.code, 0);
    assert!(
        committed == generated.stdout,
        "schemas/partnership.schema.json is stale: run `cargo run -- schema > schemas/partnership.schema.json`"
    );
}

/// TOML to JSON as editors do it: dates become `YYYY-MM-DD` strings.
fn to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(to_json).collect()),
        toml::Value::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, to_json(v))).collect()),
    }
}

fn entry_files(dir: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .map(walkdir::DirEntry::into_path)
        .collect()
}

fn compile() -> (boon::Schemas, boon::SchemaIndex) {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(ROOT).join("schemas/partnership.schema.json")).unwrap(),
    )
    .unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource("file:///partnership.schema.json", schema)
        .unwrap();
    let index = compiler
        .compile("file:///partnership.schema.json", &mut schemas)
        .unwrap();
    (schemas, index)
}

#[test]
fn every_bundled_entry_passes_the_schema() {
    let (schemas, index) = compile();
    let files = entry_files(&Path::new(ROOT).join("register"));
    assert!(files.len() >= 12);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let instance = to_json(toml::from_str::<toml::Value>(&text).unwrap());
        if let Err(err) = schemas.validate(&instance, index) {
            panic!("{} fails the schema: {err:#}", file.display());
        }
    }
}

#[test]
fn the_schema_rejects_what_check_rejects() {
    let (schemas, index) = compile();
    let valid = to_json(toml::from_str::<toml::Value>(crate::support::VALID).unwrap());
    assert!(schemas.validate(&valid, index).is_ok());
    for (from, to) in [
        ("status = \"active\"", "status = \"Active\""),
        ("lead_partner =", "lead_parter ="),
        ("budget_contribution_gbp = 12000", "budget_contribution_gbp = -1"),
        ("reputation = \"low\"", "reputation = \"none\""),
    ] {
        let bad = to_json(toml::from_str::<toml::Value>(&crate::support::VALID.replace(from, to)).unwrap());
        assert!(schemas.validate(&bad, index).is_err(), "schema accepted {to}");
    }
}

#[test]
fn every_bundled_file_declares_the_schema() {
    for file in entry_files(&Path::new(ROOT).join("register")) {
        let text = std::fs::read_to_string(&file).unwrap();
        let depth = file
            .strip_prefix(Path::new(ROOT).join("register"))
            .unwrap()
            .components()
            .count();
        let expected = format!("#:schema {}schemas/partnership.schema.json", "../".repeat(depth));
        assert_eq!(text.lines().next(), Some(expected.as_str()), "{}", file.display());
    }
}
