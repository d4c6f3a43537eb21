//! Look-alike names (Part 2 of the format): a second "Norfolk Waste
//! Partnership" made with an invisible character, a letter from another
//! alphabet or another Unicode spelling of an accent must be caught, and
//! ordinary different names ("Modem", "Modern") must not be. Ids Windows
//! keeps for devices are warned about and refused.

use serde_json::Value;

use crate::add::add;
use crate::support::{AS_OF, Project, VALID, diagnostics};

const NAME: &str = "\"Test Waste Partnership\"";

/// A register of two entries: `a` with `first` as its name, `b` with `second`.
fn pair(first: &str, second: &str) -> Value {
    let project = Project::new();
    project.write("register/a.toml", VALID.replace(NAME, &format!("\"{first}\"")));
    project.write("register/b.toml", VALID.replace(NAME, &format!("\"{second}\"")));
    project.check_json(&[]).1
}

/// `(code, file)` of every finding about a name or a hidden character.
fn name_findings(report: &Value) -> Vec<(String, String)> {
    diagnostics(report)
        .iter()
        .filter(|d| {
            matches!(
                d["code"].as_str(),
                Some("duplicate-name" | "confusable-name" | "hidden-characters")
            )
        })
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn both(code: &str) -> Vec<(String, String)> {
    ["register/a.toml", "register/b.toml"]
        .iter()
        .map(|f| (code.to_string(), f.to_string()))
        .collect()
}

#[test]
fn invisible_characters_make_no_second_name() {
    for (what, hidden) in [
        ("soft hyphen", "Norfolk Waste Part\u{ad}nership"),
        ("Arabic letter mark", "Norfolk Waste\u{61c} Partnership"),
        ("Hangul filler", "Norfolk\u{3164} Waste Partnership"),
        ("tag character", "Norfolk Waste Partnership\u{e0041}"),
    ] {
        let report = pair("Norfolk Waste Partnership", hidden);
        let mut found = name_findings(&report);
        found.sort();
        let mut expected = both("duplicate-name");
        expected.push(("hidden-characters".into(), "register/b.toml".into()));
        expected.sort();
        assert_eq!(found, expected, "{what}: {report:#}");
        let hidden = diagnostics(&report)
            .iter()
            .find(|d| d["code"] == "hidden-characters")
            .unwrap();
        assert_eq!(hidden["key"], "name", "{what}");
    }
}

#[test]
fn a_cyrillic_letter_is_a_confusable_name() {
    let report = pair("Norfolk Waste Partnership", "N\u{43e}rfolk Waste Partnership");
    assert_eq!(name_findings(&report), both("confusable-name"), "{report:#}");
    // Each file is told, naming the other.
    for d in diagnostics(&report) {
        let other = if d["file"] == "register/a.toml" {
            "register/b.toml"
        } else {
            "register/a.toml"
        };
        assert!(d["message"].as_str().unwrap().contains(other), "{d:#}");
        assert_eq!(d["key"], "name");
        assert_eq!(d["severity"], "error");
    }
}

#[test]
fn composed_and_decomposed_accents_are_one_name() {
    let report = pair("Caf\u{e9} Partnership", "Cafe\u{301} Partnership");
    assert_eq!(name_findings(&report), both("duplicate-name"), "{report:#}");
}

#[test]
fn ascii_look_alikes_stay_different() {
    let report = pair("Modem Partnership", "Modern Partnership");
    assert_eq!(name_findings(&report), Vec::<(String, String)>::new(), "{report:#}");
}

#[test]
fn a_group_of_three_names_every_other_file() {
    let project = Project::new();
    for (id, name) in [
        ("a", "Norfolk Waste"),
        ("b", "N\u{43e}rfolk Waste"),
        ("c", "Norf\u{43e}lk Waste"),
    ] {
        project.write(
            &format!("register/{id}.toml"),
            VALID.replace(NAME, &format!("\"{name}\"")),
        );
    }
    let (_, report) = project.check_json(&[]);
    let confusable: Vec<&Value> = diagnostics(&report)
        .iter()
        .filter(|d| d["code"] == "confusable-name")
        .collect();
    assert_eq!(confusable.len(), 3, "{report:#}");
    for d in confusable {
        let message = d["message"].as_str().unwrap();
        let mentioned = ["a", "b", "c"]
            .iter()
            .filter(|id| message.contains(&format!("register/{id}.toml")))
            .count();
        assert_eq!(mentioned, 2, "{message}");
    }
}

#[test]
fn reserved_ids_are_warned_about() {
    let project = Project::new();
    for id in ["con", "com0", "lpt0", "nul"] {
        project.write(
            &format!("register/{id}.toml"),
            VALID.replace(NAME, &format!("\"Test {id}\"")),
        );
    }
    let (code, report) = project.check_json(&[]);
    let found: Vec<(&str, &str)> = diagnostics(&report)
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["file"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("reserved-id", "register/com0.toml"),
            ("reserved-id", "register/con.toml"),
            ("reserved-id", "register/lpt0.toml"),
            ("reserved-id", "register/nul.toml"),
        ]
    );
    assert_eq!(code, 0, "a warning");
    assert_eq!(project.check_json(&["--strict"]).0, 1);
}

#[test]
fn add_and_import_refuse_reserved_ids() {
    let project = Project::new();
    for id in ["com0", "lpt0", "con", "lpt9"] {
        let run = add(&project, "Test Thing", &["--id", id]);
        assert_eq!(run.code, 2, "{id}: {}", run.stderr);
        assert!(run.stderr.contains("Windows"), "{id}: {}", run.stderr);
    }
    // A name that would make a reserved id gets a word added.
    project.write("rows.csv", "id,name,status\ncom0,Lpt0,active\n");
    let run = project.run(&["import", "rows.csv", "--as-of", AS_OF]);
    assert!(run.stdout.contains("cannot be an id"), "{}", run.stdout);
    assert!(
        project.path("register/lpt0-partnership.toml").is_file(),
        "{}",
        run.stdout
    );
    assert!(!project.path("register/com0.toml").exists());
}

#[test]
fn names_in_other_scripts_get_ids() {
    let project = Project::new();
    for (name, id) in [
        ("Партнёрство", "partniorstvo"),
        ("合作伙伴", "he-zuo-huo-ban"),
        ("Συνεργασία", "sunergasia"),
    ] {
        let run = add(&project, name, &[]);
        assert!(
            project.path(&format!("register/{id}.toml")).is_file(),
            "{name}: exit {}, {}",
            run.code,
            run.stderr
        );
    }
    // Arabic: whatever the transliteration, some valid id.
    let run = add(&project, "شراكة النفايات", &[]);
    assert!(!run.stderr.contains("no id can be made"), "{}", run.stderr);
    let ids: Vec<String> = std::fs::read_dir(project.path("register"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(ids.len(), 4, "{ids:?}: {}", run.stderr);
    for id in ids {
        let stem = id.strip_suffix(".toml").unwrap();
        assert!(
            stem.len() <= 64
                && stem
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{id}"
        );
    }
}

#[test]
fn add_refuses_a_second_spelling_of_a_name_on_the_register() {
    let project = Project::new();
    project.write("register/cafe.toml", VALID.replace(NAME, "\"Caf\u{e9} Partnership\""));
    let run = add(&project, "Cafe\u{301} Partnership", &["--id", "another-cafe"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("already on the register"), "{}", run.stderr);
    assert!(!project.path("register/another-cafe.toml").exists());
}
