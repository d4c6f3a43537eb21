//! The Partnership Register as a document: one row per partnership with the
//! Appendix A fields, the Appendix B criteria and ratings, the reporting
//! programme and the decision to join. `list` writes it (CSV, JSON, XLSX,
//! a terminal table) and `import` reads it back, so the column names here
//! are the contract between the two.

use crate::model::{Choice, Date, Entry, Level, RISK_KEYS, VALUE_KEYS};
use crate::policy::assessment::Assessment;

/// One cell, typed so that spreadsheets get numbers as numbers.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Money(u64),
    Bool(bool),
    Date(Date),
    /// Several values where JSON wants a list (`reports_to`); CSV, the
    /// terminal and spreadsheets join them with "; " like other lists.
    Array(Vec<String>),
    Empty,
}

impl Cell {
    /// The cell as text, the way CSV and the terminal show it.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Money(n) => n.to_string(),
            Cell::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::Array(items) => items.join("; "),
            Cell::Empty => String::new(),
        }
    }

    fn opt(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, |s| Cell::Text(s.to_string()))
    }

    fn level(l: Option<Level>) -> Cell {
        Cell::opt(l.map(Level::as_str_lower))
    }

    fn list(items: &[String]) -> Cell {
        if items.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(items.join("; "))
        }
    }
}

/// A column: its key (CSV and JSON header; what `import` reads) and its
/// label (spreadsheet and terminal header, in the policy's words).
#[derive(Clone, Debug)]
pub struct Column {
    pub key: String,
    pub label: String,
}

/// Every column, in order.
pub fn columns() -> Vec<Column> {
    let mut cols: Vec<(String, String)> = [
        ("id", "ID"),
        ("name", "Partnership Name"),
        ("lead_partner", "Lead Partner"),
        ("partners", "Partners"),
        ("status", "Status"),
        ("function", "Function of partnership"),
        ("objectives", "Key objectives"),
        ("kind", "Strategic or operational"),
        ("statutory", "Statutory (Y/N)"),
        ("governance", "Governance"),
        ("role", "Our role"),
        ("meeting_frequency", "Frequency of Meetings"),
        ("priorities", "Priorities / Critical Outcomes"),
        ("staff_hours_per_month", "Staff time (hours per month)"),
        ("budget_contribution_gbp", "Budget contribution (£)"),
        ("budgeted", "In existing budgets (Y/N)"),
        ("budget_source", "Budget source"),
        ("exit_impact", "Impact / risk of exit"),
        ("value_summary", "Value"),
        ("information_sharing", "How information is shared"),
        ("comments", "Comments and recommendations"),
        ("started", "Date joined"),
        ("documents", "Documents"),
        ("representatives", "BC Representative(s)"),
        ("lead_officer", "Lead Officer"),
        ("member_places", "Places"),
    ]
    .iter()
    .map(|(k, l)| ((*k).to_string(), (*l).to_string()))
    .collect();
    for key in RISK_KEYS {
        cols.push((format!("risk.{key}"), format!("Risk: {}", key.replace('_', " "))));
    }
    cols.extend([
        ("risk_computed".into(), "Computed risk".into()),
        ("risk.overall".into(), "Overall Risk Assessment".into()),
        ("risk.rationale".into(), "Risk rationale".into()),
    ]);
    for key in VALUE_KEYS {
        cols.push((format!("value.{key}"), format!("Value: {}", key.replace('_', " "))));
    }
    cols.extend([
        ("value_computed".into(), "Computed value".into()),
        ("value.overall".into(), "Overall Value Assessment".into()),
        ("value.rationale".into(), "Value rationale".into()),
        ("recommendation".into(), "Recommendation".into()),
        ("reporting.frequency".into(), "Reporting frequency".into()),
        ("reporting.responsible".into(), "Reporting responsible".into()),
        ("reporting.reports_to".into(), "Reports to".into()),
        ("reporting.last_report".into(), "Last report".into()),
        ("reporting.data".into(), "Data assurance".into()),
        ("reporting.caveat".into(), "Data caveat".into()),
        ("approval.by".into(), "Approved by".into()),
        ("approval.date".into(), "Approval date".into()),
        ("approval.portfolio_holder".into(), "Portfolio Holder".into()),
        ("exit.reasons".into(), "Exit: reasons".into()),
        ("exit.risks".into(), "Exit: risks".into()),
        ("exit.controls".into(), "Exit: controls".into()),
        ("exit.approved_by".into(), "Exit: approved by".into()),
        ("exit.approved_on".into(), "Exit: approved on".into()),
        ("exit.significant".into(), "Exit: significant (Y/N)".into()),
        (
            "exit.executive_reviewed".into(),
            "Exit: reviewed by the Executive (Y/N)".into(),
        ),
    ]);
    cols.into_iter().map(|(key, label)| Column { key, label }).collect()
}

/// The cells of one partnership, in [`columns`] order.
pub fn row(id: &str, e: &Entry, a: &Assessment<'_>) -> Vec<Cell> {
    let reps: Vec<String> = e
        .representatives
        .iter()
        .map(|r| format!("{} ({})", r.name, r.level))
        .collect();
    let mut cells = vec![
        Cell::Text(id.to_string()),
        Cell::Text(e.name.clone()),
        Cell::Text(e.lead_partner.clone()),
        Cell::list(&e.partners),
        Cell::Text(e.status.as_str().into()),
        Cell::Text(e.function.clone()),
        Cell::list(&e.objectives),
        Cell::Text(e.kind.as_str().into()),
        Cell::Bool(e.statutory),
        Cell::Text(e.governance.as_str().into()),
        Cell::Text(e.role.as_str().into()),
        Cell::Text(e.meeting_frequency.as_str().into()),
        Cell::list(&e.priorities),
        Cell::Number(e.staff_hours_per_month),
        Cell::Money(e.budget_contribution_gbp),
        Cell::Bool(e.budgeted),
        Cell::opt(e.budget_source.as_deref()),
        Cell::Text(e.exit_impact.clone()),
        Cell::Text(e.value_summary.clone()),
        Cell::Text(e.information_sharing.clone()),
        Cell::opt(e.comments.as_deref()),
        e.started.map_or(Cell::Empty, Cell::Date),
        Cell::list(&e.documents),
        Cell::list(&reps),
        Cell::opt(e.lead_officer.as_deref()),
        e.member_places.map_or(Cell::Empty, |n| Cell::Number(f64::from(n))),
    ];
    cells.extend(RISK_KEYS.iter().map(|k| Cell::level(e.risk.level(k))));
    cells.extend([
        Cell::Text(a.risk.computed.as_str().into()),
        Cell::level(e.risk.overall),
        Cell::opt(e.risk.rationale.as_deref()),
    ]);
    cells.extend(VALUE_KEYS.iter().map(|k| Cell::level(e.value.level(k))));
    cells.extend([
        Cell::Text(a.value.computed.as_str().into()),
        Cell::level(e.value.overall),
        Cell::opt(e.value.rationale.as_deref()),
        Cell::opt(a.recommendation.map(Choice::as_str)),
    ]);
    let rep = e.reporting.as_ref();
    cells.extend([
        Cell::opt(rep.and_then(|r| r.frequency).map(Choice::as_str)),
        Cell::opt(rep.and_then(|r| r.responsible.as_deref())),
        Cell::Array(
            rep.map(|r| r.reports_to.iter().map(|t| t.as_str().to_string()).collect())
                .unwrap_or_default(),
        ),
        rep.and_then(|r| r.last_report).map_or(Cell::Empty, Cell::Date),
        Cell::opt(rep.and_then(|r| r.data).map(Choice::as_str)),
        Cell::opt(rep.and_then(|r| r.caveat.as_deref())),
    ]);
    let app = e.approval.as_ref();
    cells.extend([
        Cell::opt(app.and_then(|a| a.by).map(Choice::as_str)),
        app.and_then(|a| a.date).map_or(Cell::Empty, Cell::Date),
        Cell::opt(app.and_then(|a| a.portfolio_holder.as_deref())),
    ]);
    match &e.exit {
        Some(x) => {
            let reasons: Vec<String> = x.reasons.iter().map(|r| r.as_str().to_string()).collect();
            cells.extend([
                Cell::list(&reasons),
                Cell::Text(x.risks.clone()),
                Cell::Text(x.controls.clone()),
                Cell::opt(x.approved_by.map(Choice::as_str)),
                x.approved_on.map_or(Cell::Empty, Cell::Date),
                x.significant.map_or(Cell::Empty, Cell::Bool),
                x.executive_reviewed.map_or(Cell::Empty, Cell::Bool),
            ]);
        }
        None => cells.extend(std::iter::repeat_n(Cell::Empty, 7)),
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_cell() {
        let text = include_str!("../../register/norfolk-waste-partnership.toml");
        let entry = {
            let source = crate::diagnostic::Source::new("x", text);
            let doc = crate::store::decode::parse(&source, &mut Vec::new()).unwrap();
            let mut d = crate::store::decode::Decoder::new(&source);
            crate::store::decode::decode_entry(&mut d, &doc).unwrap()
        };
        let rubric = crate::policy::rubric::Rubric::builtin().unwrap();
        let a = crate::policy::assessment::assess(&entry, &rubric);
        assert_eq!(row("x", &entry, &a).len(), columns().len());
        let keys: Vec<String> = columns().into_iter().map(|c| c.key).collect();
        let mut unique = keys.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), keys.len());
    }
}
