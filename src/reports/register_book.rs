//! The whole register as one workbook (`list --format xlsx`) or one JSON
//! document (`list --format json`), laid out so that `import` recreates
//! every file from it with the same contents: the *register book*.
//!
//! The workbook has a sheet of partnerships (the listing's columns, then
//! the file's sub-folder and the keys the listing leaves out), one sheet per
//! repeated table of the format (representatives, reviews, concerns) and one
//! for the Appendix C answers, each row keyed by the partnership's id and,
//! for repeated tables, its place in the file ("No.", from 1), and a last
//! sheet, [`ABOUT_SHEET`], that marks the workbook as partreg's own with
//! the format version.
//!
//! Cells are filled from each file's own TOML, not from the model, so a key
//! left out of a file stays out (`budgeted` is not written as its default)
//! and the importer can tell one from the other. How values are written:
//!
//! * text as it is; numbers, money, yes/no and dates as typed cells;
//! * a list of plain values ([`Kind::List`]) one item a line; when that
//!   would be ambiguous (an empty list, an item that is empty, has a line
//!   break or starts a line with `[`) as a JSON array of strings instead,
//!   which the importer also reads;
//! * a table that is present but empty, or an empty list of tables, is named
//!   in the partnership's [`EMPTY_COLUMN`] column (a JSON array of keys).

use toml::Value;

use super::listing::Cell;
use crate::model::Date;

/// The name of the sheet that marks a workbook as partreg's own.
pub const ABOUT_SHEET: &str = "About this workbook";
/// The text in the About sheet's B1 cell that marks the workbook.
pub const MARKER: &str = "partreg register workbook";
/// The version of the layout, in the About sheet's B2 cell.
pub const BOOK_VERSION: u32 = 1;
/// The partnerships sheet: the listing's own name for it.
pub const PARTNERSHIPS_SHEET: &str = "Partnership Register";
/// The column key of the file's sub-folder.
pub const FOLDER_COLUMN: &str = "folder";
/// The column key naming tables and lists of tables present but empty.
pub const EMPTY_COLUMN: &str = "empty";
/// The heading of the column that keeps the order of repeated tables.
pub const NUMBER_HEADING: &str = "No.";

/// One partnership's file as the register book needs it: its sub-folder of
/// the register (`/`-separated, empty at the top) and its TOML as read.
#[derive(Clone, Debug)]
pub struct Filed {
    pub folder: String,
    pub entry: toml::Table,
}

/// The files of the listed partnerships, by id.
pub type Files = std::collections::BTreeMap<String, Filed>;

/// What type a key's value has in the format, which decides how a cell is
/// written and how its text is read back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Date,
    /// Whole pounds: written with a `£` format.
    Money,
    Integer,
    /// Hours: an integer when whole, else a float.
    Number,
    Bool,
    List,
    /// `reporting.reports_to`: one value or a list of them.
    TextOrList,
}

/// The type of the value at a key path (`risk.overall`, `reviews.year`).
pub fn kind(path: &str) -> Kind {
    match path {
        "started"
        | "reporting.last_report"
        | "approval.date"
        | "exit.approved_on"
        | "representatives.appointed"
        | "representatives.term_ends"
        | "reviews.date"
        | "concerns.raised"
        | "concerns.closed" => Kind::Date,
        "budget_contribution_gbp" | "reviews.budget_gbp" => Kind::Money,
        "member_places" | "reviews.year" => Kind::Integer,
        "staff_hours_per_month" => Kind::Number,
        "statutory"
        | "budgeted"
        | "exit.significant"
        | "exit.executive_reviewed"
        | "case.supports_corporate_policies"
        | "case.benefits_district"
        | "case.better_than_alone"
        | "case.monitoring_in_place"
        | "reviews.in_principle" => Kind::Bool,
        "partners"
        | "objectives"
        | "priorities"
        | "documents"
        | "exit.reasons"
        | "case.grounds"
        | "representatives.roles" => Kind::List,
        "reporting.reports_to" => Kind::TextOrList,
        _ => Kind::Text,
    }
}

/// A sheet of a repeated table (or of the Appendix C answers): its name,
/// the entry's key, whether it is a list of tables, and its keys and headings.
#[derive(Debug)]
pub struct TableSheet {
    pub name: &'static str,
    pub key: &'static str,
    pub repeated: bool,
    pub columns: &'static [(&'static str, &'static str)],
}

/// Every sheet besides the partnerships, in workbook order.
pub const TABLE_SHEETS: &[TableSheet] = &[
    TableSheet {
        name: "Representatives",
        key: "representatives",
        repeated: true,
        columns: &[
            ("name", "Name"),
            ("level", "Level"),
            ("position", "Position"),
            ("appointed", "Appointed"),
            ("term_ends", "Term ends"),
            ("roles", "Roles"),
            ("term", "Term"),
            ("appointed_by", "Appointed by"),
        ],
    },
    TableSheet {
        name: "Reviews",
        key: "reviews",
        repeated: true,
        columns: &[
            ("year", "Year"),
            ("date", "Date"),
            ("reviewer", "Reviewer"),
            ("outcome", "Outcome"),
            ("notes", "Notes"),
            ("budget_gbp", "Budget for the coming year (£)"),
            ("in_principle", "In principle (Y/N)"),
        ],
    },
    TableSheet {
        name: "Concerns",
        key: "concerns",
        repeated: true,
        columns: &[
            ("raised", "Raised"),
            ("by", "Raised by"),
            ("summary", "Summary"),
            ("escalated_to", "Escalated to"),
            ("advice", "Advice"),
            ("status", "Status"),
            ("closed", "Closed"),
        ],
    },
    TableSheet {
        name: "Appendix C answers",
        key: "questions",
        repeated: false,
        columns: &[
            ("structure", "Structure"),
            ("decision_makers", "Decision makers"),
            ("representation", "Representation"),
            ("member_powers", "Member powers"),
            ("other_authorities", "Other authorities"),
            ("feedback", "Feedback"),
            ("officers", "Officers"),
            ("hours_per_week", "Hours per week"),
            ("officer_roles", "Officer roles"),
            ("contribution", "Contribution"),
            ("contribution_budget", "Contribution budget"),
            ("payment", "Payment"),
            ("other_contributors", "Other contributors"),
            ("funding_received", "Funding received"),
            ("spending", "Spending"),
            ("effective", "Effective"),
            ("improvements", "Improvements"),
            ("aims", "Aims"),
            ("achieving", "Achieving"),
            ("council_help", "Council help"),
            ("importance", "Importance"),
            ("priority_link", "Priority link"),
            ("employs_staff", "Employs staff"),
            ("political_agendas", "Political agendas"),
        ],
    },
];

/// The partnership sheet's columns after the listing's: keys the listing
/// does not show, the sub-folder and the empty tables.
pub const EXTRA_COLUMNS: &[(&str, &str)] = &[
    ("exit.portfolio_holder", "Exit: Portfolio Holder"),
    ("case.grounds", "Case: grounds"),
    (
        "case.supports_corporate_policies",
        "Case: supports corporate policies (Y/N)",
    ),
    ("case.benefits_district", "Case: benefits the district (Y/N)"),
    ("case.better_than_alone", "Case: better than alone (Y/N)"),
    ("case.monitoring_in_place", "Case: monitoring in place (Y/N)"),
    (FOLDER_COLUMN, "Folder"),
    (EMPTY_COLUMN, "Empty tables"),
];

/// Listing columns that are worked out or summarised, never a key of the
/// file: the importer of a register book ignores them.
pub fn is_derived(column: &str) -> bool {
    matches!(
        column,
        "id" | "risk_computed" | "value_computed" | "recommendation" | "representatives"
    )
}

/// The value at a dotted key path of an entry.
pub fn at<'a>(entry: &'a toml::Table, path: &str) -> Option<&'a Value> {
    match path.split_once('.') {
        Some((table, key)) => entry.get(table)?.as_table()?.get(key),
        None => entry.get(path),
    }
}

/// The cell for the value at `path`.
pub fn cell(path: &str, value: Option<&Value>) -> Cell {
    let Some(value) = value else {
        return Cell::Empty;
    };
    let k = kind(path);
    match value {
        Value::String(s) => Cell::Text(s.clone()),
        Value::Integer(n) if k == Kind::Money && *n >= 0 => Cell::Money(n.unsigned_abs()),
        Value::Integer(n) => Cell::Number(*n as f64),
        Value::Float(f) => Cell::Number(*f),
        Value::Boolean(b) => Cell::Bool(*b),
        Value::Datetime(d) => match Date::parse(&d.to_string()) {
            Some(date) => Cell::Date(date),
            None => Cell::Text(d.to_string()),
        },
        Value::Array(items) => {
            let texts: Vec<String> = items.iter().map(plain_text).collect();
            Cell::Text(encode_list(&texts, k == Kind::TextOrList))
        }
        Value::Table(_) => Cell::Text(value.to_string()),
    }
}

fn plain_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A list as cell text: one item a line, or a JSON array when that would be
/// ambiguous (`or_single`: also a list of one, which could be mistaken for
/// the single value `reports_to` may also hold).
pub fn encode_list(items: &[String], or_single: bool) -> String {
    let ambiguous = items.len() < 1 + usize::from(or_single)
        || items
            .iter()
            .any(|i| i.is_empty() || i.contains(['\n', '\r']) || i.starts_with('['));
    if ambiguous {
        serde_json::to_string(items).unwrap_or_default()
    } else {
        items.join("\n")
    }
}

/// Cell text as a list: a JSON array of strings, or else one item a line
/// (blank lines dropped).
pub fn decode_list(text: &str) -> Vec<String> {
    if text.trim_start().starts_with('[')
        && let Ok(items) = serde_json::from_str::<Vec<String>>(text)
    {
        return items;
    }
    text.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// The tables (and lists of tables) of an entry that are present but empty,
/// for [`EMPTY_COLUMN`].
pub fn empty_tables(entry: &toml::Table) -> Vec<String> {
    entry
        .iter()
        .filter(|(k, v)| match v {
            Value::Table(t) => t.is_empty(),
            Value::Array(a) => a.is_empty() && kind(k) != Kind::List,
            _ => false,
        })
        .map(|(k, _)| k.clone())
        .collect()
}

/// A cell's text read back as the value of the key at `path`, or why it
/// cannot be (the text is then kept as a string, for `check` to report).
pub fn read(path: &str, text: &str) -> Result<Value, String> {
    let trimmed = text.trim();
    match kind(path) {
        Kind::Text => Ok(Value::String(text.to_string())),
        Kind::Date => Date::parse(trimmed)
            .and_then(|d| d.to_string().parse::<toml::value::Datetime>().ok())
            .map(Value::Datetime)
            .ok_or_else(|| format!("{text:?} is not a date (YYYY-MM-DD)")),
        Kind::Money | Kind::Integer => trimmed
            .parse::<i64>()
            .map(Value::Integer)
            .map_err(|_| format!("{text:?} is not a whole number")),
        Kind::Number => match trimmed.parse::<i64>() {
            Ok(n) => Ok(Value::Integer(n)),
            Err(_) => trimmed
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .map(Value::Float)
                .ok_or_else(|| format!("{text:?} is not a number")),
        },
        Kind::Bool => match trimmed.to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" => Ok(Value::Boolean(true)),
            "false" | "no" | "n" => Ok(Value::Boolean(false)),
            _ => Err(format!("{text:?} is not yes or no")),
        },
        Kind::List => Ok(Value::Array(decode_list(text).into_iter().map(Value::String).collect())),
        Kind::TextOrList if trimmed.starts_with('[') => serde_json::from_str::<Vec<String>>(trimmed)
            .map(|items| Value::Array(items.into_iter().map(Value::String).collect()))
            .map_err(|_| format!("{text:?} is not a list such as [\"cabinet\", \"council\"]")),
        Kind::TextOrList if text.contains('\n') => {
            Ok(Value::Array(decode_list(text).into_iter().map(Value::String).collect()))
        }
        Kind::TextOrList => Ok(Value::String(text.to_string())),
    }
}

/// An entry's TOML as JSON, dates as `YYYY-MM-DD` strings (the JSON form of
/// `list --format json`'s `entry` member).
pub fn to_json(value: &Value) -> serde_json::Value {
    match value {
        Value::String(s) => serde_json::Value::from(s.clone()),
        Value::Integer(n) => serde_json::Value::from(*n),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(serde_json::Value::Null, serde_json::Value::Number),
        Value::Boolean(b) => serde_json::Value::from(*b),
        Value::Datetime(d) => serde_json::Value::from(d.to_string()),
        Value::Array(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
        Value::Table(t) => serde_json::Value::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect()),
    }
}

/// The JSON form read back as TOML: strings at date keys become dates again
/// (`path` is the key path so far, without list positions).
pub fn from_json(path: &str, value: &serde_json::Value) -> Result<Value, String> {
    Ok(match value {
        serde_json::Value::Null => return Err(format!("{path}: null is not a value a file can hold")),
        serde_json::Value::Bool(b) => Value::Boolean(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Float(n.as_f64().ok_or_else(|| format!("{path}: {n} is too large"))?),
        },
        serde_json::Value::String(s) if kind(path) == Kind::Date => read(path, s).unwrap_or(Value::String(s.clone())),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(items) => {
            Value::Array(items.iter().map(|i| from_json(path, i)).collect::<Result<_, _>>()?)
        }
        serde_json::Value::Object(map) => {
            let mut table = toml::Table::new();
            for (k, v) in map {
                let inner = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                table.insert(k.clone(), from_json(&inner, v)?);
            }
            Value::Table(table)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_come_back_as_they_went() {
        let cases: &[&[&str]] = &[
            &[],
            &["one"],
            &["Smith; Jones & Co", "A / B"],
            &["", "x"],
            &["two\nlines", "y"],
            &["[not json"],
        ];
        for items in cases {
            let items: Vec<String> = items.iter().map(ToString::to_string).collect();
            for json in [false, true] {
                assert_eq!(decode_list(&encode_list(&items, json)), items, "{items:?}");
            }
        }
        assert_eq!(encode_list(&["a".into(), "b".into()], true), "a\nb");
        assert_eq!(encode_list(&["a".into()], true), "[\"a\"]");
        assert_eq!(decode_list("a\r\n\nb\n"), ["a", "b"]);
    }

    #[test]
    fn cells_read_back_by_the_type_of_their_key() {
        assert_eq!(read("staff_hours_per_month", "6"), Ok(Value::Integer(6)));
        assert_eq!(read("staff_hours_per_month", "6.5"), Ok(Value::Float(6.5)));
        assert_eq!(read("comments", " 12 "), Ok(Value::String(" 12 ".into())));
        assert!(read("started", "1850-02-01").is_ok_and(|v| v.is_datetime()));
        assert!(read("started", "31/02/2025").is_err());
        assert_eq!(read("budgeted", "false"), Ok(Value::Boolean(false)));
        assert_eq!(
            read("reporting.reports_to", "cabinet"),
            Ok(Value::String("cabinet".into()))
        );
        assert_eq!(
            read("reporting.reports_to", "[\"cabinet\"]"),
            Ok(Value::Array(vec![Value::String("cabinet".into())]))
        );
    }
}
