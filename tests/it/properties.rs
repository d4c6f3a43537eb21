//! Property tests: whatever entry partreg writes passes `check`; rating
//! edits keep files valid and change nothing but the edited values; and no
//! mutation of a valid file can make `check` panic.

use proptest::prelude::*;
use toml::{Table, Value};

use partreg::model::Date;
use partreg::policy::rubric::Rubric;
use partreg::policy::rules::RuleContext;
use partreg::store::edit::{self, RatingEdit};
use partreg::store::register::{self, LoadedEntry};

/// Text a person might write: letters from several scripts, digits,
/// punctuation TOML must escape (quotes, backslashes), tabs and new lines.
fn text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9éßøŁ中£€ '\"\\\\,.&()/\\-\t\n]{0,60}".prop_map(|s| s)
}

/// Text on one line (a name, an organisation, a code): no tab or line
/// break, which `check` refuses in such fields.
fn line() -> impl Strategy<Value = String> {
    "[A-Za-z0-9éßøŁ中£€ '\"\\\\,.&()/\\-]{0,60}".prop_map(|s| s)
}

/// Non-blank one-line text, for required one-line fields.
fn required_line() -> impl Strategy<Value = String> {
    ("[A-Za-z]", line()).prop_map(|(first, rest)| format!("{first}{rest}"))
}

/// A list of one-line texts.
fn lines(min: usize) -> impl Strategy<Value = Vec<Value>> {
    proptest::collection::vec(required_line().prop_map(Value::String), min..4)
}

/// Non-blank text, for required fields.
fn required() -> impl Strategy<Value = String> {
    ("[A-Za-z]", text()).prop_map(|(first, rest)| format!("{first}{rest}"))
}

fn one_of(items: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(items).prop_map(str::to_string)
}

const LEVELS: &[&str] = &["high", "medium", "low"];
const RISK: &[&str] = &[
    "time_commitment",
    "failure_impact",
    "priority_impact",
    "reputation",
    "administration",
];
const VALUE: &[&str] = &[
    "corporate_plan",
    "cost_reduction",
    "external_funding",
    "reputation",
    "service_delivery",
    "resilience",
    "influence",
    "statutory_function",
    "benefit_vs_investment",
];

/// A side's criteria, each rated or not, and an overall rating with a
/// rationale (so a recorded rating never needs checking against the mean).
fn side(keys: &'static [&'static str]) -> impl Strategy<Value = Table> {
    (
        proptest::collection::vec(proptest::option::of(one_of(LEVELS)), keys.len()),
        one_of(LEVELS),
        required(),
    )
        .prop_map(move |(levels, overall, rationale)| {
            let mut t = Table::new();
            for (key, level) in keys.iter().zip(levels) {
                if let Some(level) = level {
                    t.insert((*key).to_string(), Value::String(level));
                }
            }
            t.insert("overall".into(), Value::String(overall));
            t.insert("rationale".into(), Value::String(rationale));
            t
        })
}

fn strings(min: usize) -> impl Strategy<Value = Vec<Value>> {
    proptest::collection::vec(required().prop_map(Value::String), min..4)
}

/// A complete, valid entry as a draft, the way `add` builds one.
fn entry() -> impl Strategy<Value = Table> {
    let names =
        ("[A-Z][a-z]{2,12}", line()).prop_map(|(a, b)| format!("{a} {b}").chars().take(200).collect::<String>());
    let basics = (
        names,
        required_line(),
        one_of(&["proposed", "active", "declined"]),
        required(),
        one_of(&["strategic", "operational"]),
        any::<bool>(),
        one_of(&["statutory", "formal-legal", "non-legal", "informal"]),
        one_of(&["control", "influence", "information"]),
        one_of(&[
            "weekly",
            "fortnightly",
            "monthly",
            "bimonthly",
            "quarterly",
            "half-yearly",
            "annually",
            "ad-hoc",
        ]),
    );
    let money = (
        0u32..100_000,
        0u64..2_000_000,
        required(),
        required(),
        required(),
        proptest::option::of(text()),
    );
    let parts = (
        lines(1),
        lines(1),
        proptest::collection::vec(
            (
                "[A-Z][a-z]{1,8} [A-Z][a-z]{1,8}",
                one_of(&["member", "cmt", "smt", "officer"]),
            ),
            1..3,
        ),
        side(RISK),
        side(VALUE),
        strings(1),
    );
    (basics, money, parts).prop_map(|(b, m, p)| {
        let mut t = Table::new();
        let mut put = |k: &str, v: Value| {
            t.insert(k.to_string(), v);
        };
        put("name", Value::String(b.0));
        put("lead_partner", Value::String(b.1));
        put("partners", Value::Array(p.0.clone()));
        put("status", Value::String(b.2));
        put("function", Value::String(b.3));
        put("objectives", Value::Array(p.5));
        put("kind", Value::String(b.4));
        put("statutory", Value::Boolean(b.5));
        put("governance", Value::String(b.6));
        put("role", Value::String(b.7));
        put("meeting_frequency", Value::String(b.8));
        put("priorities", Value::Array(p.1));
        put(
            "staff_hours_per_month",
            partreg::terminal::guide::hours_value(f64::from(m.0) / 100.0),
        );
        put("budget_contribution_gbp", Value::Integer(i64::try_from(m.1).unwrap()));
        put("exit_impact", Value::String(m.2));
        put("value_summary", Value::String(m.3));
        put("information_sharing", Value::String(m.4));
        if let Some(c) = m.5 {
            put("comments", Value::String(c));
        }
        let reps =
            p.2.into_iter()
                .map(|(name, level)| {
                    let mut r = Table::new();
                    r.insert("name".into(), Value::String(name));
                    r.insert("level".into(), Value::String(level));
                    Value::Table(r)
                })
                .collect();
        put("representatives", Value::Array(reps));
        put("risk", Value::Table(p.3));
        put("value", Value::Table(p.4));
        let mut reporting = Table::new();
        reporting.insert("frequency".into(), Value::String("quarterly".into()));
        put("reporting", Value::Table(reporting));
        let mut approval = Table::new();
        approval.insert("by".into(), Value::String("cabinet".into()));
        put("approval", Value::Table(approval));
        let mut review = Table::new();
        review.insert("year".into(), Value::Integer(2026));
        review.insert(
            "date".into(),
            partreg::terminal::guide::date_value(Date::new(2026, 6, 1).unwrap()),
        );
        review.insert("reviewer".into(), Value::String("CI&P Team".into()));
        review.insert("outcome".into(), Value::String("continue".into()));
        put("reviews", Value::Array(vec![Value::Table(review)]));
        t
    })
}

fn check(text: &[u8]) -> LoadedEntry {
    let rubric = Rubric::builtin().unwrap();
    let cx = RuleContext {
        as_of: Date::new(2026, 11, 30).unwrap(),
        priorities: None,
        rubric: &rubric,
    };
    register::check_bytes(
        std::path::Path::new("register/generated.toml"),
        "register/generated.toml".into(),
        text,
        &cx,
    )
}

fn render(draft: &Table) -> String {
    partreg::store::entry_file::render(draft, "../schemas/partnership.schema.json", &["Generated".into()])
}

fn errors(loaded: &LoadedEntry) -> Vec<String> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity() == partreg::diagnostic::Severity::Error)
        .map(|d| format!("{}: {}", d.key, d.message))
        .collect()
}

fn edits() -> impl Strategy<Value = Vec<RatingEdit>> {
    let one = (any::<bool>(), 0usize..10, one_of(LEVELS)).prop_map(|(risk, i, level)| {
        let (side, keys) = if risk { ("risk", RISK) } else { ("value", VALUE) };
        RatingEdit::parse(&format!("{side}.{}={level}", keys[i % keys.len()])).unwrap()
    });
    proptest::collection::vec(one, 1..6)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_entry_partreg_writes_passes_check(draft in entry()) {
        let text = render(&draft);
        let loaded = check(text.as_bytes());
        prop_assert!(errors(&loaded).is_empty(), "{:?}\n{text}", errors(&loaded));
        // And every text comes back exactly as it was given.
        let entry = loaded.entry.expect("decoded");
        prop_assert_eq!(Some(entry.name.as_str()), draft["name"].as_str());
        prop_assert_eq!(Some(entry.function.as_str()), draft["function"].as_str());
        prop_assert_eq!(entry.comments.as_deref(), draft.get("comments").and_then(Value::as_str));
    }

    #[test]
    fn rating_edits_keep_the_file_valid(draft in entry(), changes in edits()) {
        let text = render(&draft);
        let edited = edit::apply(&text, &changes).unwrap();
        let loaded = check(edited.as_bytes());
        prop_assert!(errors(&loaded).is_empty(), "{:?}\n{edited}", errors(&loaded));
        let entry = loaded.entry.expect("decoded");
        // The last edit of each key wins.
        for e in &changes {
            let last = changes.iter().rev().find(|x| x.side == e.side && x.key == e.key).unwrap();
            let edit::NewValue::Level(level) = last.value else { continue };
            let got = match e.side {
                partreg::policy::assessment::Side::Risk => entry.risk.level(&e.key),
                partreg::policy::assessment::Side::Value => entry.value.level(&e.key),
            };
            prop_assert_eq!(got, Some(level));
        }
    }

    #[test]
    fn an_edit_changes_no_byte_outside_the_edited_values(draft in entry(), changes in edits()) {
        let text = render(&draft);
        let edited = edit::apply(&text, &changes).unwrap();
        // Set aside the lines of the edited keys (changed in place, or added
        // at the end of their table); everything else is byte for byte the same.
        let touched = |line: &str| changes.iter().any(|e| line.starts_with(&format!("{} = ", e.key)));
        let before: Vec<&str> = text.split_inclusive('\n').filter(|l| !touched(l)).collect();
        let after: Vec<&str> = edited.split_inclusive('\n').filter(|l| !touched(l)).collect();
        prop_assert_eq!(before, after);
    }

    #[test]
    fn no_mutation_of_a_valid_file_makes_check_panic(
        draft in entry(),
        at in any::<proptest::sample::Index>(),
        cut in 0usize..40,
        insert in proptest::collection::vec(any::<u8>(), 0..12),
    ) {
        let mut bytes = render(&draft).into_bytes();
        let start = at.index(bytes.len());
        let end = (start + cut).min(bytes.len());
        bytes.splice(start..end, insert);
        let loaded = check(&bytes);
        let lines = String::from_utf8_lossy(&bytes).lines().count().max(1);
        for d in &loaded.diagnostics {
            if let Some(l) = &d.location {
                prop_assert!(l.line >= 1 && l.line <= lines + 1 && l.column >= 1, "{d:?}");
            }
        }
    }
}
