//! Writing a new register file the way a person would lay it out: the
//! `#:schema` line, a short comment header, keys in the order of the format
//! specification, long texts as multi-line strings, lists one item a line
//! when they are long. Keys the format does not know are kept (after the
//! known ones) so that nothing given is lost; `check` then reports them.

use std::fmt::Write as _;

use toml::{Table, Value};

use crate::model::{Questions, RISK_KEYS, VALUE_KEYS};

/// The top-level keys, in the specification's order.
pub const TOP_KEYS: [&str; 24] = [
    "name",
    "lead_partner",
    "partners",
    "status",
    "function",
    "objectives",
    "kind",
    "statutory",
    "governance",
    "role",
    "meeting_frequency",
    "priorities",
    "staff_hours_per_month",
    "budget_contribution_gbp",
    "budgeted",
    "budget_source",
    "exit_impact",
    "value_summary",
    "information_sharing",
    "comments",
    "started",
    "documents",
    "lead_officer",
    "member_places",
];

/// The tables, in order, each with its keys in order; `true` for a list of
/// tables (`[[representatives]]`).
fn tables() -> Vec<(&'static str, bool, Vec<&'static str>)> {
    let with_overall = |keys: &[&'static str]| {
        let mut all = keys.to_vec();
        all.extend(["overall", "rationale"]);
        all
    };
    vec![
        (
            "representatives",
            true,
            vec![
                "name",
                "level",
                "position",
                "appointed",
                "term_ends",
                "roles",
                "term",
                "appointed_by",
            ],
        ),
        ("risk", false, with_overall(&RISK_KEYS)),
        ("value", false, with_overall(&VALUE_KEYS)),
        (
            "reporting",
            false,
            vec![
                "frequency",
                "responsible",
                "reports_to",
                "last_report",
                "data",
                "caveat",
            ],
        ),
        ("approval", false, vec!["by", "date", "portfolio_holder"]),
        (
            "case",
            false,
            vec![
                "grounds",
                "supports_corporate_policies",
                "benefits_district",
                "better_than_alone",
                "monitoring_in_place",
            ],
        ),
        (
            "exit",
            false,
            vec![
                "reasons",
                "risks",
                "controls",
                "approved_by",
                "approved_on",
                "significant",
                "executive_reviewed",
                "portfolio_holder",
            ],
        ),
        (
            "reviews",
            true,
            vec![
                "year",
                "date",
                "reviewer",
                "outcome",
                "notes",
                "budget_gbp",
                "in_principle",
            ],
        ),
        (
            "concerns",
            true,
            vec!["raised", "by", "summary", "escalated_to", "advice", "status", "closed"],
        ),
        ("questions", false, Questions::KEYS.to_vec()),
    ]
}

/// Texts longer than this are written as multi-line strings.
const WRAP: usize = 76;

/// The text of a new entry file. `schema` is the relative path to the JSON
/// Schema; `header` lines become `# ` comments.
pub fn render(entry: &Table, schema: &str, header: &[String]) -> String {
    let mut out = format!("#:schema {schema}\n\n");
    for line in header {
        let _ = writeln!(out, "# {line}");
    }
    if !header.is_empty() {
        out.push('\n');
    }
    let tables = tables();
    let is_table_key = |k: &str| tables.iter().any(|(name, _, _)| *name == k);
    // Plain values first: in TOML they must come before any [table].
    let plain = |(k, v): &(&String, &Value)| !is_table_key(k) && !matches!(v, Value::Table(_)) && !is_table_array(v);
    let mut top: Vec<(&String, &Value)> = ordered(entry, &TOP_KEYS).into_iter().filter(plain).collect();
    top.extend(
        entry
            .iter()
            .filter(|(k, v)| !TOP_KEYS.contains(&k.as_str()) && plain(&(*k, *v))),
    );
    for (k, v) in top {
        key_value(&mut out, k, v);
    }
    for (name, is_array, keys) in &tables {
        match entry.get(*name) {
            Some(Value::Table(t)) if !is_array => {
                let _ = write!(out, "\n[{name}]\n");
                for (k, v) in ordered_all(t, keys) {
                    key_value(&mut out, k, v);
                }
            }
            Some(Value::Array(items)) if *is_array && is_table_array(&Value::Array(items.clone())) => {
                for item in items {
                    if let Value::Table(t) = item {
                        let _ = write!(out, "\n[[{name}]]\n");
                        for (k, v) in ordered_all(t, keys) {
                            key_value(&mut out, k, v);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    // Tables the format does not know, kept so nothing is lost.
    for (k, v) in entry
        .iter()
        .filter(|(k, v)| !is_table_key(k) && matches!(v, Value::Table(_)))
    {
        if let Value::Table(t) = v {
            let _ = write!(out, "\n[{}]\n", key(k));
            for (k, v) in t {
                key_value(&mut out, k, v);
            }
        }
    }
    out
}

fn is_table_array(v: &Value) -> bool {
    matches!(v, Value::Array(items) if !items.is_empty() && items.iter().all(|i| matches!(i, Value::Table(_))))
}

/// The known keys present, in order.
fn ordered<'t>(t: &'t Table, keys: &[&str]) -> Vec<(&'t String, &'t Value)> {
    keys.iter().filter_map(|k| t.get_key_value(*k)).collect()
}

/// The known keys in order, then any others.
fn ordered_all<'t>(t: &'t Table, keys: &[&str]) -> Vec<(&'t String, &'t Value)> {
    let mut all = ordered(t, keys);
    all.extend(t.iter().filter(|(k, _)| !keys.contains(&k.as_str())));
    all
}

fn key(k: &str) -> String {
    if !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
        k.to_string()
    } else {
        basic_string(k)
    }
}

fn key_value(out: &mut String, k: &str, v: &Value) {
    let _ = writeln!(out, "{} = {}", key(k), value(v));
}

/// A value as TOML text, laid out as [`render`] does.
pub fn value(v: &Value) -> String {
    match v {
        Value::String(s) if s.contains('\n') || s.chars().count() > WRAP => multi_line(s),
        Value::String(s) => basic_string(s),
        Value::Array(items) if items.iter().all(|i| matches!(i, Value::String(_))) => {
            let parts: Vec<String> = items.iter().map(value).collect();
            let inline = format!("[{}]", parts.join(", "));
            if inline.chars().count() <= WRAP {
                inline
            } else {
                let mut s = String::from("[\n");
                for p in parts {
                    let _ = writeln!(s, "    {p},");
                }
                s.push(']');
                s
            }
        }
        other => other.to_string(),
    }
}

/// A one-line TOML basic string.
fn basic_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        escape(&mut out, c, false);
    }
    out.push('"');
    out
}

fn escape(out: &mut String, c: char, multi_line: bool) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' if multi_line => out.push('\n'),
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        c if c.is_control() => {
            let _ = write!(out, "\\u{:04X}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// A multi-line basic string. Long lines are wrapped at spaces with a
/// line-ending backslash, which TOML removes with the line break and the
/// next line's indentation, so the text read back is exactly the text given.
fn multi_line(s: &str) -> String {
    let mut out = String::from("\"\"\"\n");
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut width = 0;
        let words: Vec<&str> = line.split(' ').collect();
        for (j, word) in words.iter().enumerate() {
            let last = j + 1 == words.len();
            // A wrap point needs a word after it: a backslash before spaces
            // would swallow them.
            if width > 0 && width + word.chars().count() > WRAP && !word.is_empty() {
                out.push_str("\\\n");
                width = 0;
            }
            for c in word.chars() {
                escape(&mut out, c, true);
            }
            width += word.chars().count();
            if !last {
                out.push(' ');
                width += 1;
            }
        }
    }
    // The closing quotes follow the text directly, so nothing is added to
    // it (every quote in the text is escaped, so they cannot run together).
    out.push_str("\"\"\"");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) {
        let mut t = Table::new();
        t.insert("name".into(), Value::String(text.into()));
        let rendered = render(&t, "s.json", &[]);
        let back: Table = toml::from_str(&rendered).unwrap_or_else(|e| panic!("{e}\n{rendered}"));
        assert_eq!(back["name"].as_str(), Some(text), "{rendered}");
    }

    #[test]
    fn strings_read_back_exactly() {
        round_trip("plain");
        round_trip("with \"quotes\" and \\ backslash");
        round_trip(&"long text with many words ".repeat(12));
        round_trip("two\nlines\n\nand a blank one\n");
        round_trip("ends with a quote\"");
        round_trip("three quotes \"\"\" inside");
        round_trip("trailing spaces   ");
        round_trip("  leading spaces and a very long line that will need to be wrapped somewhere along its length ok");
        round_trip("tab\there and a bell \u{7}");
        round_trip(&format!("{} {}", "x".repeat(100), "y".repeat(100)));
        round_trip("words  with  double  spaces  repeated across a line that is long enough to wrap at some point");
    }

    #[test]
    fn keys_come_out_in_the_specification_order() {
        let t: Table = toml::from_str(
            "status = \"active\"\nname = \"N\"\nzzz = 1\n[value]\noverall = \"low\"\ncorporate_plan = \"high\"\n[risk]\noverall = \"low\"\n[[representatives]]\nlevel = \"member\"\nname = \"A\"\n",
        )
        .unwrap();
        let text = render(&t, "../schemas/partnership.schema.json", &["Header".into()]);
        assert_eq!(
            text,
            "#:schema ../schemas/partnership.schema.json\n\n# Header\n\nname = \"N\"\nstatus = \"active\"\nzzz = 1\n\n[[representatives]]\nname = \"A\"\nlevel = \"member\"\n\n[risk]\noverall = \"low\"\n\n[value]\ncorporate_plan = \"high\"\noverall = \"low\"\n"
        );
    }
}
