//! The annual review pack in its formats: a terminal `table` (fitted to 100
//! columns), `csv` (one row per partnership, stable columns), `json`,
//! `markdown` (a committee-ready report) and `html` (one self-contained,
//! printable page).

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use super::assess::{JsonCell, matrix_cells};
use super::csv::CsvOut;
use super::text::pounds;
use crate::model::{Choice, Level};
use crate::policy::assessment::{Computed, SideAssessment};
use crate::policy::rubric::Rubric;
use crate::reports::history::Changes;
use crate::reports::review::{Attention, ByLevel, ByStatus, Pack, Row, Urgency};

mod html;
mod markdown;
pub use html::html;
pub(crate) use html::{STYLE, h};
pub use markdown::markdown;
pub(crate) use markdown::md;

/// The CSV columns, in order. Documented in docs/review.md; do not reorder.
pub const CSV_COLUMNS: [&str; 24] = [
    "id",
    "name",
    "lead_partner",
    "status",
    "role",
    "staff_hours_per_month",
    "budget_contribution_gbp",
    "risk_computed",
    "risk_recorded",
    "value_computed",
    "value_recorded",
    "recommendation",
    "last_review_year",
    "last_review_outcome",
    "reviewed_this_year",
    "appointments_ending",
    "reporting_frequency",
    "reporting_responsible",
    "reports_to",
    "warnings",
    "budget_gbp",
    "budget_in_principle",
    "open_concerns",
    "data_caveat",
];

fn title(pack: &Pack<'_>) -> String {
    match pack.council {
        Some(c) => format!("{c}: Partnership Register annual review {}", pack.options.year),
        None => format!("Partnership Register annual review {}", pack.options.year),
    }
}

/// "High", or "High (computed Medium)" when the recorded rating differs.
fn rating(side: &SideAssessment<'_>) -> String {
    match (side.recorded, side.computed) {
        (Some(r), Computed::Rating(c)) if r != c => format!("{} (computed {})", r.title(), c.title()),
        (Some(r), _) => r.title().to_string(),
        (None, Computed::Rating(c)) => format!("{} (computed)", c.title()),
        (None, Computed::Incomplete) => "Unrated".to_string(),
    }
}

/// Hours for people: `1,968` or `6.5`.
fn hours(h: f64) -> String {
    if h.fract() == 0.0 && (0.0..1e15).contains(&h) {
        pounds(h as u64).trim_start_matches('£').to_string()
    } else {
        format!("{h}")
    }
}

fn appointments(r: &Row<'_>) -> String {
    r.appointments
        .iter()
        .map(|a| format!("{} ({}){}", a.name, a.term_ends, if a.expired { ", ended" } else { "" }))
        .collect::<Vec<_>>()
        .join("; ")
}

fn reporting(r: &Row<'_>) -> String {
    let Some(rep) = &r.entry.reporting else {
        return "none recorded".into();
    };
    let mut parts = Vec::new();
    if let Some(f) = rep.frequency {
        parts.push(f.as_str().to_string());
    }
    if let Some(who) = &rep.responsible {
        parts.push(format!("by {who}"));
    }
    if !rep.reports_to.is_empty() {
        parts.push(format!("to {}", reports_to(&rep.reports_to)));
    }
    parts.join(", ")
}

/// The contribution, with the budget allocated at the pack year's review
/// beside it: "£8,500 (2026 budget £9,000, in principle)".
fn contribution(r: &Row<'_>, year: i32) -> String {
    let amount = pounds(r.entry.budget_contribution_gbp);
    match r.budget {
        Some((b, in_principle)) => {
            let firm = if in_principle { "in principle" } else { "firm" };
            format!("{amount} ({year} budget {}, {firm})", pounds(b))
        }
        None => amount,
    }
}

/// The data caveat, when the figures are an estimate or unverified.
fn caveat(r: &Row<'_>) -> Option<String> {
    let rep = r.entry.reporting.as_ref()?;
    let data = rep.data.filter(|d| *d != crate::model::DataAssurance::Verified)?;
    Some(format!("{data}: {}", rep.caveat.as_deref().unwrap_or("")))
}

/// Where reports go, joined for text: `cmt; cabinet`.
fn reports_to(to: &[crate::model::ReportsTo]) -> String {
    to.iter().map(|t| t.as_str()).collect::<Vec<_>>().join("; ")
}

fn last_review(r: &Row<'_>) -> String {
    r.last_review
        .map_or_else(|| "none".into(), |(y, o)| format!("{y}: {o}"))
}

fn by_status_text(s: &ByStatus) -> String {
    let parts = [
        ("proposed", s.proposed),
        ("active", s.active),
        ("exiting", s.exiting),
        ("exited", s.exited),
        ("declined", s.declined),
    ];
    parts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn by_level_text(l: &ByLevel) -> String {
    let mut s = format!("High {}, Medium {}, Low {}", l.high, l.medium, l.low);
    if l.unrated > 0 {
        let _ = write!(s, ", unrated {}", l.unrated);
    }
    s
}

fn urgency(u: Urgency) -> &'static str {
    match u {
        Urgency::High => "High",
        Urgency::Medium => "Medium",
        Urgency::Low => "Low",
    }
}

const VALUES: [Level; 3] = [Level::High, Level::Medium, Level::Low];
const RISKS: [Level; 3] = [Level::Low, Level::Medium, Level::High];

/// The summary lines shared by the text formats.
fn summary_lines(pack: &Pack<'_>) -> Vec<String> {
    let s = &pack.summary;
    vec![
        format!("Partnerships: {} ({})", s.partnerships, by_status_text(&s.by_status)),
        format!("Risk: {}", by_level_text(&s.by_risk)),
        format!("Value: {}", by_level_text(&s.by_value)),
        match s.total_contribution_gbp {
            Some(total) => format!("Council contribution: {} a year", pounds(total)),
            None => format!(
                "Council contribution: out of range: the contributions add up to more than {}; check for a mistyped amount",
                pounds(u64::MAX)
            ),
        },
        match (s.staff_hours_per_month, s.staff_hours_per_year) {
            (Some(month), Some(year)) => format!("Staff time: {} hours a month ({} a year)", hours(month), hours(year)),
            _ => "Staff time: out of range: the hours add up to more than can be counted; check for a mistyped figure"
                .to_string(),
        },
        format!(
            "Reviews for {}: {} of {} recorded",
            pack.options.year, s.reviews_recorded, s.reviews_due
        ),
    ]
}

/// The terminal pack, its tables laid out by `width`.
pub fn table(
    pack: &Pack<'_>,
    rubric: &Rubric,
    changes: Option<&Changes>,
    width: super::table::Fit,
    ids: bool,
    w: impl Write,
) -> io::Result<()> {
    // Partnerships by name, as CMT knows them; by id too on request.
    let named = |id: &str| {
        let name = pack.rows.iter().find(|r| *r.id == *id).map(|r| r.entry.name.as_str());
        match (name, ids) {
            (Some(name), true) => format!("{name} ({id})"),
            (Some(name), false) => name.to_string(),
            (None, _) => id.to_string(),
        }
    };
    let mut w = crate::render::sanitize::Terminal::new(w);
    writeln!(w, "{}", title(pack))?;
    writeln!(
        w,
        "Review year ending {}; as of {}.",
        pack.options.year_end, pack.options.as_of
    )?;
    writeln!(w, "\nSummary")?;
    for line in summary_lines(pack) {
        writeln!(w, "  {line}")?;
    }
    writeln!(w, "\nValue × risk")?;
    super::assess::matrix_table(&pack.summary.matrix, rubric, false, width, &mut w)?;
    writeln!(w, "\nNeeds attention")?;
    if pack.attention.is_empty() {
        writeln!(w, "  Nothing.")?;
    } else {
        let mut t = super::table::new(&["Priority", "Partnership", "What"], width, &[0]);
        for a in &pack.attention {
            // What needs attention is read whole, so it may wrap.
            crate::render::table::add_wrapped_row(
                &mut t,
                vec![urgency(a.severity).to_string(), named(&a.id), a.message.clone()],
            );
        }
        writeln!(w, "{t}")?;
    }
    writeln!(w, "\nPartnerships")?;
    let year = format!("{} review", pack.options.year);
    let mut t = super::table::new(&["Partnership", "Status", "Assessment", &year], width, &[1]);
    for r in &pack.rows {
        let a = &r.assessment;
        let assessment = format!(
            "Risk {}, value {}: {}",
            rating(&a.risk),
            rating(&a.value),
            a.recommendation.map_or("no recommendation", Choice::as_str)
        );
        let this_year = r.entry.reviews.iter().find(|x| x.year == i64::from(pack.options.year));
        let review = match (this_year, r.review_due()) {
            (Some(x), _) => match r.budget {
                Some(_) => format!("done: {}; {}", x.outcome, contribution(r, pack.options.year)),
                None => format!("done: {}", x.outcome),
            },
            (None, true) => match r.last_review {
                Some(_) => format!("due (last {})", last_review(r)),
                None => "due (never reviewed)".to_string(),
            },
            (None, false) => "not due".to_string(),
        };
        // A pack is read whole: its cells wrap rather than being cut.
        crate::render::table::add_wrapped_row(
            &mut t,
            vec![named(r.id), r.entry.status.to_string(), assessment, review],
        );
    }
    writeln!(w, "{t}")?;
    if let Some(c) = changes {
        writeln!(w, "\nChanges since {}", c.since)?;
        for line in change_lines(c) {
            writeln!(w, "  {line}")?;
        }
    }
    Ok(())
}

fn change_lines(c: &Changes) -> Vec<String> {
    let mut lines = Vec::new();
    for a in &c.added {
        lines.push(format!("added: {} ({})", a.id, a.name));
    }
    for r in &c.removed {
        lines.push(format!("removed: {} ({})", r.id, r.name));
    }
    for ch in &c.changed {
        for (field, change) in &ch.fields {
            lines.push(format!(
                "changed: {} {field}: {} → {}",
                ch.id,
                show(&change.old),
                show(&change.new)
            ));
        }
    }
    if lines.is_empty() {
        lines.push("no changes".into());
    }
    lines
}

fn show(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "none".into(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(show).collect();
            if parts.is_empty() {
                "none".into()
            } else {
                parts.join("; ")
            }
        }
        other => other.to_string(),
    }
}

/// One CSV row per partnership, columns as [`CSV_COLUMNS`].
pub fn csv(pack: &Pack<'_>, bom: bool, w: impl Write) -> io::Result<()> {
    let mut out = CsvOut::new(w, bom)?;
    out.header(&CSV_COLUMNS)?;
    for r in &pack.rows {
        let e = r.entry;
        let a = &r.assessment;
        out.text(r.id)
            .text(&e.name)
            .text(&e.lead_partner)
            .text(e.status.as_str())
            .text(e.role.as_str());
        out.number(e.staff_hours_per_month).number(e.budget_contribution_gbp);
        out.text(a.risk.computed.as_str())
            .opt(a.risk.recorded.map(Level::as_str_lower));
        out.text(a.value.computed.as_str())
            .opt(a.value.recorded.map(Level::as_str_lower));
        out.opt(a.recommendation.map(Choice::as_str));
        match r.last_review {
            Some((year, outcome)) => out.number(year).text(outcome.as_str()),
            None => out.text("").text(""),
        };
        out.text(if r.reviewed_this_year { "yes" } else { "no" });
        out.text(&appointments(r));
        let rep = e.reporting.as_ref();
        out.opt(rep.and_then(|x| x.frequency).map(Choice::as_str));
        out.opt(rep.and_then(|x| x.responsible.as_deref()));
        out.text(&rep.map(|x| reports_to(&x.reports_to)).unwrap_or_default());
        out.text(&r.warnings.join("; "));
        match r.budget {
            Some((b, in_principle)) => out.number(b).text(if in_principle { "yes" } else { "no" }),
            None => out.text("").text(""),
        };
        let open: Vec<String> = r
            .open_concerns
            .iter()
            .map(|c| format!("{}: {}", c.raised, c.summary))
            .collect();
        out.text(&open.join("; "));
        out.text(&caveat(r).unwrap_or_default());
        out.end()?;
    }
    out.finish()
}

#[derive(Serialize)]
struct JsonPack<'a> {
    council: Option<&'a str>,
    year: i32,
    year_end: String,
    as_of: String,
    summary: JsonSummary<'a>,
    attention: &'a [Attention],
    partnerships: Vec<JsonRow<'a>>,
    changes: Option<&'a Changes>,
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    partnerships: usize,
    by_status: &'a ByStatus,
    by_risk: &'a ByLevel,
    by_value: &'a ByLevel,
    matrix: Vec<JsonCell<'a>>,
    /// `null` when out of range.
    total_contribution_gbp: Option<u64>,
    staff_hours_per_month: Option<f64>,
    staff_hours_per_year: Option<f64>,
    reviews_recorded: usize,
    reviews_due: usize,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    id: &'a str,
    name: &'a str,
    lead_partner: &'a str,
    status: &'static str,
    role: &'static str,
    staff_hours_per_month: f64,
    budget_contribution_gbp: u64,
    risk_computed: &'static str,
    risk_recorded: Option<&'static str>,
    value_computed: &'static str,
    value_recorded: Option<&'static str>,
    recommendation: Option<&'static str>,
    reviewed_this_year: bool,
    last_review_year: Option<i64>,
    last_review_outcome: Option<&'static str>,
    appointments_ending: &'a [crate::reports::review::Appointment],
    reporting: Option<&'a crate::model::Reporting>,
    warnings: &'a [String],
    budget_gbp: Option<u64>,
    budget_in_principle: Option<bool>,
    open_concerns: &'a [&'a crate::model::Concern],
}

/// The pack as one JSON document.
pub fn json(pack: &Pack<'_>, rubric: &Rubric, changes: Option<&Changes>, mut w: impl Write) -> io::Result<()> {
    let s = &pack.summary;
    let doc = JsonPack {
        council: pack.council,
        year: pack.options.year,
        year_end: pack.options.year_end.to_string(),
        as_of: pack.options.as_of.to_string(),
        summary: JsonSummary {
            partnerships: s.partnerships,
            by_status: &s.by_status,
            by_risk: &s.by_risk,
            by_value: &s.by_value,
            matrix: matrix_cells(&s.matrix, rubric),
            total_contribution_gbp: s.total_contribution_gbp,
            staff_hours_per_month: s.staff_hours_per_month,
            staff_hours_per_year: s.staff_hours_per_year,
            reviews_recorded: s.reviews_recorded,
            reviews_due: s.reviews_due,
        },
        attention: &pack.attention,
        partnerships: pack
            .rows
            .iter()
            .map(|r| JsonRow {
                id: r.id,
                name: &r.entry.name,
                lead_partner: &r.entry.lead_partner,
                status: r.entry.status.as_str(),
                role: r.entry.role.as_str(),
                staff_hours_per_month: r.entry.staff_hours_per_month,
                budget_contribution_gbp: r.entry.budget_contribution_gbp,
                risk_computed: r.assessment.risk.computed.as_str(),
                risk_recorded: r.assessment.risk.recorded.map(Level::as_str_lower),
                value_computed: r.assessment.value.computed.as_str(),
                value_recorded: r.assessment.value.recorded.map(Level::as_str_lower),
                recommendation: r.assessment.recommendation.map(Choice::as_str),
                reviewed_this_year: r.reviewed_this_year,
                last_review_year: r.last_review.map(|(y, _)| y),
                last_review_outcome: r.last_review.map(|(_, o)| o.as_str()),
                appointments_ending: &r.appointments,
                reporting: r.entry.reporting.as_ref(),
                warnings: &r.warnings,
                budget_gbp: r.budget.map(|(b, _)| b),
                budget_in_principle: r.budget.map(|(_, p)| p),
                open_concerns: &r.open_concerns,
            })
            .collect(),
        changes,
    };
    super::formats::write_json(&doc, &mut w)
}
