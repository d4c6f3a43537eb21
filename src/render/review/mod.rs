//! The annual review pack in its formats: a terminal `table` (fitted to 100
//! columns), `csv` (one row per partnership, stable columns), `json`,
//! `markdown` (a committee-ready report) and `html` (one self-contained,
//! printable page).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::text::pounds;
use crate::model::{Choice, Label, Level};
use crate::policy::assessment::{Computed, SideAssessment};
use crate::policy::rubric::Rubric;
use crate::reports::history::Changes;
use crate::reports::review::{ByLevel, ByStatus, FileErrors, Pack, Reason, Row, Urgency, plural};

mod data;
mod html;
pub(crate) mod long_table;
mod markdown;
pub use data::{csv, json};
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
        .map_or_else(|| "None yet".into(), |(y, o)| format!("{y}: {}", o.label()))
}

/// This year's review when it is dated after the as-of date, as `check`
/// words it: "Not done: the review dated 2026-12-31 is after 2026-12-02, so
/// check its date".
fn later_review(r: &Row<'_>, as_of: crate::model::Date) -> String {
    r.review_dated_later.map_or_else(String::new, |d| {
        format!("Not done: the review dated {d} is after {as_of}, so check its date")
    })
}

/// This year's review for the tables: "Done", "Due" or "Not due" (or, when
/// it is dated after the as-of date, "Not done" and why).
fn this_year(r: &Row<'_>, as_of: crate::model::Date) -> std::borrow::Cow<'static, str> {
    if r.review_dated_later.is_some() {
        return later_review(r, as_of).into();
    }
    let word = if r.reviewed_this_year {
        "Done"
    } else if r.review_due() {
        "Due"
    } else {
        "Not due"
    };
    word.into()
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
        match (s.total_contribution_gbp, s.proposed_contribution_gbp) {
            (Some(total), Some(proposed)) if proposed > 0 => format!(
                "Council contribution: {} a year, plus {} proposed",
                pounds(total - proposed),
                pounds(proposed)
            ),
            (Some(total), _) => format!("Council contribution: {} a year", pounds(total)),
            (None, _) => format!(
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
        // What needs attention is read whole, so it may wrap; each reason
        // starts a line of its own.
        let rows = || {
            pack.attention.iter().map(|a| {
                let what: Vec<String> = a
                    .reasons
                    .iter()
                    .map(|r| format!("• {}", sanitize_line(&r.message)))
                    .collect();
                vec![
                    urgency(a.priority).to_string(),
                    sanitize_line(&named(&a.id, &a.name)),
                    what.join("\n"),
                ]
            })
        };
        long_table::write(
            &mut w,
            &["Priority", "Partnership", "What"],
            width,
            &[0],
            (pack.attention.len(), rows),
            long_table::CHUNK_ROWS,
        )?;
    }
    writeln!(w, "\nPartnerships")?;
    let year = format!("{} review", pack.options.year);
    let rows = || {
        pack.rows.iter().map(|r| {
            let a = &r.assessment;
            let assessment = format!(
                "Risk {}, value {}: {}",
                rating(&a.risk),
                rating(&a.value),
                recommendation(r)
            );
            let this_year = r
                .entry
                .reviews
                .iter()
                .find(|x| x.year == i64::from(pack.options.year))
                .filter(|_| r.reviewed_this_year);
            let review = match (this_year, r.review_due()) {
                // Dated after the as-of date: not done yet, in check's words.
                (None, _) if r.review_dated_later.is_some() => later_review(r, pack.options.as_of),
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
            [
                named(r.id, &r.entry.name),
                r.entry.status.label().to_string(),
                assessment,
                review,
            ]
            .iter()
            .map(|c| sanitize_line(c))
            .collect::<Vec<_>>()
        })
    };
    long_table::write(
        &mut w,
        &["Partnership", "Status", "Assessment", &year],
        width,
        &[1],
        (pack.rows.len(), rows),
        long_table::CHUNK_ROWS,
    )?;
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
