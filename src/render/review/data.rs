//! The review pack for other programs: `csv` (one row per partnership, the
//! documented columns in order, then the words beside the tokens) and
//! `json` (`format_version` 1; see `schemas/output/review.schema.json`).

use std::io::{self, Write};

use serde::Serialize;

use super::{CSV_COLUMNS, appointments, caveat, rating, reasons_text, reporting, reports_to, reports_to_label};
use crate::model::{Choice, Label, Level};
use crate::policy::rubric::{Recommendation, Rubric};
use crate::render::assess::{JsonCell, matrix_cells};
use crate::render::csv::CsvOut;
use crate::reports::history::Changes;
use crate::reports::review::{ByLevel, ByStatus, FileErrors, NeedsAttention, Pack, Reason, Row, Urgency};

/// Each partnership's attention row, by id.
fn by_id<'p>(pack: &'p Pack<'_>) -> std::collections::HashMap<&'p str, &'p NeedsAttention<'p>> {
    pack.attention.iter().map(|n| (&*n.id, n)).collect()
}

/// One CSV row per partnership, columns as [`CSV_COLUMNS`].
pub fn csv(pack: &Pack<'_>, bom: bool, w: impl Write) -> io::Result<()> {
    let mut out = CsvOut::new(w, bom)?;
    out.header(&CSV_COLUMNS)?;
    let attention = by_id(pack);
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
        // The words beside the tokens (added within the format).
        out.text(e.status.label()).text(e.role.label());
        out.text(&rating(&a.risk)).text(&rating(&a.value));
        out.opt(a.recommendation.map(Label::label));
        out.opt(r.last_review.map(|(_, o)| o.label()));
        out.opt(rep.and_then(|x| x.frequency).map(Label::label));
        out.text(&rep.map(|x| reports_to_label(&x.reports_to)).unwrap_or_default());
        match attention.get(r.id) {
            Some(n) => out.text(n.priority.label()).text(&reasons_text(&n.reasons)),
            None => out.text("").text(""),
        };
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
    /// Whether `check` finds errors in the register (added within the format).
    has_errors: bool,
    /// The files with errors, left out or included.
    files_with_errors: &'a [FileErrors],
    summary: JsonSummary<'a>,
    /// One item per reason, as before the grouped `needs_attention`.
    attention: FlatAttention<'a, 'a>,
    /// One item per partnership, by priority then name.
    needs_attention: Vec<JsonNeeds<'a>>,
    partnerships: JsonRows<'a>,
    changes: Option<&'a Changes>,
}

/// The partnerships, each made into its JSON row only as it is written,
/// so 10,000 rows' labels are never held at once.
struct JsonRows<'a>(&'a [Row<'a>]);

impl Serialize for JsonRows<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(json_row))
    }
}

#[derive(Serialize)]
struct JsonAttention<'a> {
    severity: Urgency,
    id: &'a str,
    kind: &'static str,
    message: &'a str,
    name: &'a str,
}

/// The flat attention list, one item per reason, serialised straight from
/// the grouped rows through an index (a pair of small numbers per reason),
/// so the pack of a large register never holds a second list of items.
struct FlatAttention<'p, 'a> {
    rows: &'p [NeedsAttention<'a>],
    /// (row, reason) pairs in the flat list's order.
    order: Vec<(u32, u32)>,
}

impl<'p, 'a> FlatAttention<'p, 'a> {
    fn new(rows: &'p [NeedsAttention<'a>]) -> Self {
        let mut order: Vec<(u32, u32)> = rows
            .iter()
            .enumerate()
            .flat_map(|(i, n)| (0..n.reasons.len()).map(move |j| (index(i), index(j))))
            .collect();
        let key = |&(i, j): &(u32, u32)| {
            let n = &rows[i as usize];
            let r = &n.reasons[j as usize];
            (
                r.severity,
                crate::reports::review::rank(r.kind),
                &*n.id,
                r.message.as_str(),
            )
        };
        // The flat list keeps its order: by severity, kind, id, message.
        order.sort_by(|a, b| key(a).cmp(&key(b)));
        FlatAttention { rows, order }
    }
}

/// A position as a u32: a register has far fewer than 4 billion entries.
fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl Serialize for FlatAttention<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.order.iter().map(|&(i, j)| {
            let n = &self.rows[i as usize];
            let r = &n.reasons[j as usize];
            JsonAttention {
                severity: r.severity,
                id: &n.id,
                kind: r.kind,
                message: &r.message,
                name: &n.name,
            }
        }))
    }
}

#[derive(Serialize)]
struct JsonNeeds<'a> {
    id: &'a str,
    name: &'a str,
    priority: Urgency,
    priority_label: &'static str,
    reasons: &'a [Reason],
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    partnerships: usize,
    by_status: &'a ByStatus,
    by_risk: &'a ByLevel,
    by_value: &'a ByLevel,
    matrix: Vec<JsonMatrixCell<'a>>,
    /// `null` when out of range.
    total_contribution_gbp: Option<u64>,
    /// Added within version 1: the part of the total from proposed partnerships.
    proposed_contribution_gbp: Option<u64>,
    staff_hours_per_month: Option<f64>,
    staff_hours_per_year: Option<f64>,
    reviews_recorded: usize,
    reviews_due: usize,
}

/// A matrix cell with the names and the recommendation's words beside the
/// ids and tokens.
#[derive(Serialize)]
struct JsonMatrixCell<'a> {
    #[serde(flatten)]
    cell: JsonCell<'a>,
    recommendation_label: &'static str,
    /// Every name in the cell, in the order of `ids`.
    names: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    id: &'a str,
    name: &'a str,
    lead_partner: &'a str,
    status: &'static str,
    status_label: &'static str,
    role: &'static str,
    role_label: &'static str,
    staff_hours_per_month: f64,
    budget_contribution_gbp: u64,
    risk_computed: &'static str,
    risk_recorded: Option<&'static str>,
    risk_label: String,
    value_computed: &'static str,
    value_recorded: Option<&'static str>,
    value_label: String,
    recommendation: Option<&'static str>,
    recommendation_label: Option<&'static str>,
    reviewed_this_year: bool,
    last_review_year: Option<i64>,
    last_review_outcome: Option<&'static str>,
    last_review_outcome_label: Option<&'static str>,
    appointments_ending: &'a [crate::reports::review::Appointment],
    reporting: Option<&'a crate::model::Reporting>,
    reporting_label: Option<String>,
    warnings: &'a [String],
    budget_gbp: Option<u64>,
    budget_in_principle: Option<bool>,
    open_concerns: &'a [&'a crate::model::Concern],
}

/// The pack as one JSON document.
pub fn json(pack: &Pack<'_>, rubric: &Rubric, changes: Option<&Changes>, mut w: impl Write) -> io::Result<()> {
    let s = &pack.summary;
    let matrix = matrix_cells(&s.matrix, rubric)
        .into_iter()
        .map(|cell| JsonMatrixCell {
            recommendation_label: Recommendation::from_str_exact(cell.recommendation).map_or("", Label::label),
            names: cell.ids.iter().map(|id| pack.name_of(id).unwrap_or(id)).collect(),
            cell,
        })
        .collect();
    let doc = JsonPack {
        council: pack.council,
        year: pack.options.year,
        year_end: pack.options.year_end.to_string(),
        as_of: pack.options.as_of.to_string(),
        has_errors: !pack.errors.is_empty(),
        files_with_errors: &pack.errors,
        summary: JsonSummary {
            partnerships: s.partnerships,
            by_status: &s.by_status,
            by_risk: &s.by_risk,
            by_value: &s.by_value,
            matrix,
            total_contribution_gbp: s.total_contribution_gbp,
            proposed_contribution_gbp: s.proposed_contribution_gbp,
            staff_hours_per_month: s.staff_hours_per_month,
            staff_hours_per_year: s.staff_hours_per_year,
            reviews_recorded: s.reviews_recorded,
            reviews_due: s.reviews_due,
        },
        attention: FlatAttention::new(&pack.attention),
        needs_attention: pack
            .attention
            .iter()
            .map(|n| JsonNeeds {
                id: &n.id,
                name: &n.name,
                priority: n.priority,
                priority_label: n.priority.label(),
                reasons: &n.reasons,
            })
            .collect(),
        partnerships: JsonRows(&pack.rows),
        changes,
    };
    crate::render::formats::write_json(&doc, &mut w)
}

/// One partnership's JSON row.
fn json_row<'a>(r: &'a Row<'a>) -> JsonRow<'a> {
    JsonRow {
        id: r.id,
        name: &r.entry.name,
        lead_partner: &r.entry.lead_partner,
        status: r.entry.status.as_str(),
        status_label: r.entry.status.label(),
        role: r.entry.role.as_str(),
        role_label: r.entry.role.label(),
        staff_hours_per_month: r.entry.staff_hours_per_month,
        budget_contribution_gbp: r.entry.budget_contribution_gbp,
        risk_computed: r.assessment.risk.computed.as_str(),
        risk_recorded: r.assessment.risk.recorded.map(Level::as_str_lower),
        risk_label: rating(&r.assessment.risk),
        value_computed: r.assessment.value.computed.as_str(),
        value_recorded: r.assessment.value.recorded.map(Level::as_str_lower),
        value_label: rating(&r.assessment.value),
        recommendation: r.assessment.recommendation.map(Choice::as_str),
        recommendation_label: r.assessment.recommendation.map(Label::label),
        reviewed_this_year: r.reviewed_this_year,
        last_review_year: r.last_review.map(|(y, _)| y),
        last_review_outcome: r.last_review.map(|(_, o)| o.as_str()),
        last_review_outcome_label: r.last_review.map(|(_, o)| o.label()),
        appointments_ending: &r.appointments,
        reporting: r.entry.reporting.as_ref(),
        reporting_label: r.entry.reporting.as_ref().map(|_| reporting(r)),
        warnings: &r.warnings,
        budget_gbp: r.budget.map(|(b, _)| b),
        budget_in_principle: r.budget.map(|(_, p)| p),
        open_concerns: &r.open_concerns,
    }
}
