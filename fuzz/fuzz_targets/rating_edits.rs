//! Generated entries through `assess --set`-style edits: whatever the entry
//! and the edits, applying them never panics, and when the file was valid
//! the edited file still decodes with the edited levels.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use partreg::store::edit::{self, NewValue, RatingEdit};
use partreg::model::Date;
use partreg::store::register;
use partreg::policy::rubric::Rubric;
use partreg::policy::rules::RuleContext;
use toml::{Table, Value};

#[derive(Debug, Arbitrary)]
struct Input {
    name: String,
    lead: String,
    texts: Vec<String>,
    hours: u16,
    pounds: u32,
    flags: u8,
    criteria: Vec<(bool, u8, u8)>,
    edits: Vec<(bool, u8, u8)>,
    rationale: Option<String>,
}

const LEVELS: [&str; 3] = ["high", "medium", "low"];
const RISK: [&str; 6] = ["time_commitment", "failure_impact", "priority_impact", "reputation", "administration", "overall"];
const VALUE: [&str; 10] = [
    "corporate_plan", "cost_reduction", "external_funding", "reputation", "service_delivery", "resilience", "influence",
    "statutory_function", "benefit_vs_investment", "overall",
];

fn key(risk: bool, i: u8) -> (&'static str, &'static str) {
    if risk { ("risk", RISK[usize::from(i) % RISK.len()]) } else { ("value", VALUE[usize::from(i) % VALUE.len()]) }
}

fuzz_target!(|input: Input| {
    let text = |i: usize| input.texts.get(i).cloned().unwrap_or_else(|| "x".into());
    let mut t = Table::new();
    t.insert("name".into(), Value::String(input.name.clone()));
    t.insert("lead_partner".into(), Value::String(input.lead.clone()));
    t.insert("status".into(), Value::String(["proposed", "active", "declined"][usize::from(input.flags % 3)].into()));
    t.insert("function".into(), Value::String(text(0)));
    t.insert("kind".into(), Value::String("strategic".into()));
    t.insert("statutory".into(), Value::Boolean(input.flags & 8 != 0));
    t.insert("governance".into(), Value::String("informal".into()));
    t.insert("role".into(), Value::String("influence".into()));
    t.insert("meeting_frequency".into(), Value::String("monthly".into()));
    t.insert("staff_hours_per_month".into(), Value::Float(f64::from(input.hours) / 10.0));
    t.insert("budget_contribution_gbp".into(), Value::Integer(i64::from(input.pounds)));
    t.insert("exit_impact".into(), Value::String(text(1)));
    t.insert("value_summary".into(), Value::String(text(2)));
    t.insert("information_sharing".into(), Value::String(text(3)));
    let mut sides = [Table::new(), Table::new()];
    for (risk, i, level) in &input.criteria {
        let (side, k) = key(*risk, *i);
        sides[usize::from(side == "value")].insert(k.into(), Value::String(LEVELS[usize::from(*level % 3)].into()));
    }
    if let Some(r) = &input.rationale {
        for s in &mut sides {
            s.insert("rationale".into(), Value::String(r.clone()));
        }
    }
    let [risk, value] = sides;
    t.insert("risk".into(), Value::Table(risk));
    t.insert("value".into(), Value::Table(value));
    let file = partreg::store::entry_file::render(&t, "../schemas/partnership.schema.json", &[]);

    let edits: Vec<RatingEdit> = input
        .edits
        .iter()
        .filter_map(|(risk, i, level)| {
            let (side, k) = key(*risk, *i);
            RatingEdit::parse(&format!("{side}.{k}={}", LEVELS[usize::from(*level % 3)])).ok()
        })
        .collect();
    let Ok(edited) = edit::apply(&file, &edits) else { return };

    let rubric = Rubric::builtin().expect("the built-in rubric loads");
    let cx = RuleContext { as_of: Date::new(2026, 11, 30).expect("a real date"), priorities: None, rubric: &rubric };
    let path = std::path::Path::new("register/fuzz.toml");
    let before = register::check_bytes(path, "register/fuzz.toml".into(), file.as_bytes(), &cx);
    let after = register::check_bytes(path, "register/fuzz.toml".into(), edited.as_bytes(), &cx);
    if before.entry.is_some() {
        let entry = after.entry.expect("an edit of a decodable file still decodes");
        if let Some(last) = edits.last() {
            let NewValue::Level(level) = last.value else { return };
            let got = match last.side {
                partreg::policy::assessment::Side::Risk => entry.risk.level(&last.key).or(entry.risk.overall.filter(|_| last.key == "overall")),
                partreg::policy::assessment::Side::Value => entry.value.level(&last.key).or(entry.value.overall.filter(|_| last.key == "overall")),
            };
            assert_eq!(got, Some(level), "the last edit is in the file");
        }
    }
});
