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
use crate::model::{Choice, Label, Level};
use crate::policy::assessment::{Computed, SideAssessment};
use crate::policy::rubric::{Recommendation, Rubric};
use crate::reports::history::Changes;
use crate::reports::review::{ByLevel, ByStatus, FileErrors, NeedsAttention, Pack, Reason, Row, Urgency, plural};

mod html;
mod markdown;
pub use html::html;
pub(crate) use html::{STYLE, h};
pub use markdown::markdown;
pub(crate) use markdown::md;

/// The CSV columns, in order. Documented in docs/review.md; do not reorder.
pub const CSV_COLUMNS: [&str; 34] = [
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
    // Added within the format: the words the human formats show.
    "status_label",
    "role_label",
    "risk",
    "value",
    "recommendation_label",
    "last_review_outcome_label",
    "reporting_frequency_label",
    "reports_to_label",
    "attention_priority",
    "attention",
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
        parts.push(f.label().to_string());
    }
    if let Some(who) = &rep.responsible {
        parts.push(format!("by {who}"));
    }
    if !rep.reports_to.is_empty() {
        parts.push(format!("to {}", reports_to_label(&rep.reports_to)));
    }
    if parts.is_empty() {
        return "none recorded".into();
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

/// Where reports go, as tokens for CSV: `cmt; cabinet`.
fn reports_to(to: &[crate::model::ReportsTo]) -> String {
    to.iter().map(|t| t.as_str()).collect::<Vec<_>>().join("; ")
}

/// Where reports go, in words: `CMT and Portfolio Holder`.
fn reports_to_label(to: &[crate::model::ReportsTo]) -> String {
    let words: Vec<&str> = to.iter().map(|t| t.label()).collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => words.concat(),
    }
}

/// The recommendation in words, or "No recommendation".
fn recommendation(r: &Row<'_>) -> &'static str {
    r.assessment.recommendation.map_or("No recommendation", Label::label)
}

fn last_review(r: &Row<'_>) -> String {
    r.last_review
        .map_or_else(|| "None".into(), |(y, o)| format!("{y}: {}", o.label()))
}

/// This year's review for the tables: "Done", "Due" or "Not due".
fn this_year(r: &Row<'_>) -> &'static str {
    if r.reviewed_this_year {
        "Done"
    } else if r.review_due() {
        "Due"
    } else {
        "Not due"
    }
}

/// The lines that open the pack when the register has errors: what is
/// wrong, which files are left out and why, and the fix. Empty when clean.
fn error_lines(pack: &Pack<'_>) -> Vec<String> {
    if pack.errors.is_empty() {
        return Vec::new();
    }
    let left = pack.left_out().count();
    let mut headline = format!(
        "The register has errors: `partreg check` finds errors in {}.",
        plural(pack.errors.len(), "file")
    );
    if left > 0 {
        let _ = write!(
            headline,
            " {} left out of this pack, so its figures are incomplete.",
            if left == 1 {
                "1 is".to_string()
            } else {
                format!("{left} are")
            }
        );
    }
    headline.push_str(" Fix them (`partreg check` shows each) and make the pack again.");
    let mut lines = vec![headline];
    let describe = |f: &FileErrors| format!("{} ({}; first: {})", f.file, plural(f.errors, "error"), f.first);
    let left_out: Vec<String> = pack.left_out().map(describe).collect();
    if !left_out.is_empty() {
        lines.push(format!("Left out of this pack: {}.", left_out.join("; ")));
    }
    let kept: Vec<String> = pack.errors.iter().filter(|f| !f.left_out).map(describe).collect();
    if !kept.is_empty() {
        lines.push(format!("Included, but with errors: {}.", kept.join("; ")));
    }
    lines
}

/// How many names a matrix cell lists before "and N more": enough for a
/// district council's register, few enough that a printed cell stays small.
const CELL_NAMES: usize = 8;

/// The names in one matrix cell, sorted, with "and N more" past
/// [`CELL_NAMES`].
fn cell_names(pack: &Pack<'_>, ids: &[String]) -> Vec<String> {
    let mut names: Vec<&str> = ids.iter().map(|id| pack.name_of(id).unwrap_or(id)).collect();
    names.sort_by_cached_key(|n| n.to_lowercase());
    let more = names.len().saturating_sub(CELL_NAMES);
    let mut out: Vec<String> = names.iter().take(CELL_NAMES).map(|n| (*n).to_string()).collect();
    if more > 0 {
        out.push(format!("and {more} more"));
    }
    out
}

/// All of a row's reasons, for one cell: "a; b; c".
fn reasons_text(reasons: &[Reason]) -> String {
    reasons
        .iter()
        .map(|r| r.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
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
    u.label()
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
    let named = |id: &str, name: &str| {
        if ids {
            format!("{name} ({id})")
        } else {
            name.to_string()
        }
    };
    let mut w = crate::render::sanitize::Terminal::new(w);
    writeln!(w, "{}", title(pack))?;
    writeln!(
        w,
        "Review year ending {}; as of {}.",
        pack.options.year_end, pack.options.as_of
    )?;
    for line in error_lines(pack) {
        writeln!(w)?;
        for (i, part) in wrap(&sanitize_line(&line), width).iter().enumerate() {
            writeln!(w, "{} {part}", if i == 0 { "!" } else { " " })?;
        }
    }
    writeln!(w, "\nSummary")?;
    for line in summary_lines(pack) {
        writeln!(w, "  {line}")?;
    }
    writeln!(w, "\nValue × risk")?;
    matrix_table(pack, rubric, width, &mut w)?;
    writeln!(w, "\nNeeds attention")?;
    if pack.attention.is_empty() {
        writeln!(w, "  Nothing.")?;
    } else {
        let mut t = super::table::new(&["Priority", "Partnership", "What"], width, &[0]);
        for a in &pack.attention {
            // What needs attention is read whole, so it may wrap; each
            // reason starts a line of its own.
            let what: Vec<String> = a
                .reasons
                .iter()
                .map(|r| format!("• {}", sanitize_line(&r.message)))
                .collect();
            t.add_row(vec![
                urgency(a.priority).to_string(),
                sanitize_line(&named(&a.id, &a.name)),
                what.join("\n"),
            ]);
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
            recommendation(r)
        );
        let this_year = r.entry.reviews.iter().find(|x| x.year == i64::from(pack.options.year));
        let review = match (this_year, r.review_due()) {
            (Some(x), _) => match r.budget {
                Some(_) => format!("Done: {}; {}", x.outcome.label(), contribution(r, pack.options.year)),
                None => format!("Done: {}", x.outcome.label()),
            },
            (None, true) => match r.last_review {
                Some(_) => format!("Due (last {})", last_review(r)),
                None => "Due (never reviewed)".to_string(),
            },
            (None, false) => "Not due".to_string(),
        };
        // A pack is read whole: its cells wrap rather than being cut.
        crate::render::table::add_wrapped_row(
            &mut t,
            vec![
                named(r.id, &r.entry.name),
                r.entry.status.label().to_string(),
                assessment,
                review,
            ],
        );
    }
    writeln!(w, "{t}")?;
    if let Some(c) = changes {
        writeln!(w, "\nChanges since {}", c.since)?;
        for line in change_lines(pack, c) {
            writeln!(w, "  {line}")?;
        }
    }
    Ok(())
}

/// Splits text into lines at spaces to fit a table's width (less the
/// two-column "! " margin); `--wide` keeps it one line.
fn wrap(text: &str, fit: super::table::Fit) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let super::table::Fit::Width(width) = fit else {
        return vec![text.to_string()];
    };
    let room = usize::from(width).saturating_sub(2).max(20);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.width() + 1 + word.width() > room {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

/// Text from the register made safe for one line of a table cell.
fn sanitize_line(text: &str) -> String {
    crate::render::sanitize::escape(text).into_owned()
}

/// The value × risk grid with the names in each cell; an empty cell is a
/// quiet "–", so the cells that hold partnerships stand out.
fn matrix_table(pack: &Pack<'_>, rubric: &Rubric, fit: super::table::Fit, w: &mut impl Write) -> io::Result<()> {
    let m = &pack.summary.matrix;
    let mut t = super::table::new(&["Value \\ Risk", "Low risk", "Medium risk", "High risk"], fit, &[0]);
    for value in VALUES {
        let mut row = vec![format!("{} value", value.title())];
        for risk in RISKS {
            let ids = m.ids(value, risk);
            if ids.is_empty() {
                row.push("–".to_string());
                continue;
            }
            let mut cell = format!("{} · {}", ids.len(), rubric.recommend(value, risk).label());
            for name in cell_names(pack, ids) {
                cell.push_str("\n• ");
                cell.push_str(&sanitize_line(&name));
            }
            row.push(cell);
        }
        t.add_row(row);
    }
    writeln!(w, "{t}")?;
    if !m.unplaced.is_empty() {
        let names: Vec<String> = m
            .unplaced
            .iter()
            .map(|id| sanitize_line(pack.name_of(id).unwrap_or(id)))
            .collect();
        writeln!(w, "Not placed (no rating on one side): {}", names.join(", "))?;
    }
    Ok(())
}

/// What changed since the revision, by name and in words.
fn change_lines(pack: &Pack<'_>, c: &Changes) -> Vec<String> {
    let mut lines = Vec::new();
    for a in &c.added {
        lines.push(format!("added: {}", a.name));
    }
    for r in &c.removed {
        lines.push(format!("removed: {}", r.name));
    }
    for ch in &c.changed {
        let name = pack.name_of(&ch.id).unwrap_or(&ch.id);
        for (field, change) in &ch.fields {
            lines.push(format!(
                "changed: {name}: {} {} → {}",
                field_words(field),
                show_field(field, &change.old),
                show_field(field, &change.new)
            ));
        }
    }
    if lines.is_empty() {
        lines.push("no changes".into());
    }
    lines
}

/// A compared field in words (the keys are `--since`'s JSON names).
fn field_words(field: &str) -> &str {
    match field {
        "budget_contribution_gbp" => "contribution",
        "staff_hours_per_month" => "hours a month",
        "risk.overall" => "recorded risk",
        "risk.computed" => "computed risk",
        "value.overall" => "recorded value",
        "value.computed" => "computed value",
        other => other,
    }
}

/// A compared value in words: statuses and ratings by their labels, money
/// in pounds.
fn show_field(field: &str, v: &serde_json::Value) -> String {
    match (field, v) {
        ("status", serde_json::Value::String(s)) => {
            crate::model::Status::from_str_exact(s).map_or_else(|| s.clone(), |st| st.label().to_string())
        }
        ("risk.overall" | "risk.computed" | "value.overall" | "value.computed", serde_json::Value::String(s)) => {
            Level::from_str_exact(s).map_or_else(|| "Incomplete".to_string(), |l| l.title().to_string())
        }
        ("budget_contribution_gbp", serde_json::Value::Number(n)) => n.as_u64().map_or_else(|| n.to_string(), pounds),
        _ => show(v),
    }
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
    partnerships: Vec<JsonRow<'a>>,
    changes: Option<&'a Changes>,
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
        partnerships: pack
            .rows
            .iter()
            .map(|r| JsonRow {
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
            })
            .collect(),
        changes,
    };
    super::formats::write_json(&doc, &mut w)
}
