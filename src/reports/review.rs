//! The annual review of the Partnership Register as data: one row per
//! partnership, the summary figures, the value × risk matrix and the list
//! of what needs the Corporate Management Team's attention. Renderers in
//! [`crate::render::review`] turn it into the pack; nothing here prints.

use serde::Serialize;

use crate::diagnostic::{Code, Severity};
use crate::model::{Choice, Concern, Date, Entry, Level, Outcome, Status};
use crate::policy::assessment::{self, Assessment, Matrix};
use crate::policy::rubric::{Recommendation, Rubric};
use crate::store::register::{LoadedEntry, Register};

/// Which review and how it is judged.
#[derive(Clone, Copy, Debug)]
pub struct ReviewOptions {
    pub year: i32,
    /// The last day of the review year.
    pub year_end: Date,
    /// "Today", for expired appointments and warnings.
    pub as_of: Date,
    /// Include exited and declined partnerships.
    pub all: bool,
}

/// The last day of review year `year`: `MM-DD` in the following year
/// (31 March by default, the UK financial year), or 31 December of `year`
/// itself when the review year is the calendar year. `None` when that day
/// falls past the register's years (never a stand-in date).
pub fn year_end(year: i32, month_day: Option<(u8, u8)>) -> Option<Date> {
    let (month, day) = month_day.unwrap_or((3, 31));
    let end_year = if (month, day) == (12, 31) { year } else { year + 1 };
    // 29 February in a year without one becomes 28 February.
    Date::new(end_year, month, day).or_else(|| Date::new(end_year, month, day.saturating_sub(1)))
}

/// A representative whose appointment ends by the end of the review year.
#[derive(Clone, Debug, Serialize)]
pub struct Appointment {
    pub name: String,
    pub level: &'static str,
    pub term_ends: String,
    /// Already ended on the as-of date.
    pub expired: bool,
}

/// One partnership in the pack.
#[derive(Debug)]
pub struct Row<'a> {
    pub id: &'a str,
    pub entry: &'a Entry,
    pub assessment: Assessment<'a>,
    pub reviewed_this_year: bool,
    /// The most recent review: year and outcome.
    pub last_review: Option<(i64, Outcome)>,
    pub appointments: Vec<Appointment>,
    /// `code: message` of each warning `check` gives for the entry.
    pub warnings: Vec<String>,
    /// The budget allocated for the coming year in the pack year's review,
    /// and whether it is only in principle (format Part 2).
    pub budget: Option<(u64, bool)>,
    /// Concerns still open on the as-of date: raised by then and not
    /// closed by then.
    pub open_concerns: Vec<&'a Concern>,
}

impl Row<'_> {
    /// Whether the annual review applies (active and exiting partnerships).
    pub fn review_due(&self) -> bool {
        matches!(self.entry.status, Status::Active | Status::Exiting)
    }
}

/// How urgent an attention item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Urgency {
    High,
    Medium,
    Low,
}

/// Something the Corporate Management Team should look at.
#[derive(Clone, Debug, Serialize)]
pub struct Attention {
    pub severity: Urgency,
    pub id: String,
    /// A stable short name for the kind of item.
    pub kind: &'static str,
    pub message: String,
}

/// Counts in a fixed order.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ByStatus {
    pub proposed: usize,
    pub active: usize,
    pub exiting: usize,
    pub exited: usize,
    pub declined: usize,
}

/// Counts of a rating (recorded, else computed).
#[derive(Clone, Debug, Default, Serialize)]
pub struct ByLevel {
    pub high: usize,
    pub medium: usize,
    pub low: usize,
    /// Neither recorded nor computable.
    pub unrated: usize,
}

impl ByLevel {
    fn add(&mut self, level: Option<Level>) {
        match level {
            Some(Level::High) => self.high += 1,
            Some(Level::Medium) => self.medium += 1,
            Some(Level::Low) => self.low += 1,
            None => self.unrated += 1,
        }
    }
}

/// The summary figures.
#[derive(Debug)]
pub struct Summary {
    pub partnerships: usize,
    pub by_status: ByStatus,
    pub by_risk: ByLevel,
    pub by_value: ByLevel,
    pub matrix: Matrix,
    /// The sum of the contributions; `None` when it is past what a u64
    /// holds (it never wraps round to a small, real-looking figure).
    pub total_contribution_gbp: Option<u64>,
    /// The sum of the hours; `None` when it is past what an f64 holds.
    pub staff_hours_per_month: Option<f64>,
    pub staff_hours_per_year: Option<f64>,
    /// Partnerships due an annual review that have this year's recorded.
    pub reviews_recorded: usize,
    /// Partnerships due an annual review this year (active and exiting).
    pub reviews_due: usize,
}

/// The whole pack.
#[derive(Debug)]
pub struct Pack<'a> {
    pub council: Option<&'a str>,
    pub options: ReviewOptions,
    pub rows: Vec<Row<'a>>,
    pub summary: Summary,
    pub attention: Vec<Attention>,
    /// Files left out because they have errors.
    pub unreadable: Vec<String>,
}

/// Builds the review pack from the loaded register.
///
/// It takes the register to itself: each entry's findings are turned into
/// the row's warnings and dropped, so that a pack of 10,000 partnerships
/// does not hold the register's findings while its tables are built.
/// Anything that needs them (`--since`) runs first. (`review` also loads
/// the register with [`shed_unshown`] when it can.)
pub fn build<'a>(
    register: &'a mut Register,
    rubric: &'a Rubric,
    council: Option<&'a str>,
    options: ReviewOptions,
) -> Pack<'a> {
    let mut rows = Vec::new();
    let mut unreadable = Vec::new();
    for loaded in &mut register.entries {
        let LoadedEntry {
            id, entry, diagnostics, ..
        } = loaded;
        let findings = std::mem::take(diagnostics);
        let Some(entry) = entry.as_deref() else {
            unreadable.push(id.clone());
            continue;
        };
        if !options.all && matches!(entry.status, Status::Exited | Status::Declined) {
            continue;
        }
        let warnings = findings
            .into_iter()
            .filter(|d| d.severity() == Severity::Warning)
            .map(|d| format!("{}: {}", d.code.as_str(), d.message))
            .collect();
        rows.push(row(id, entry, rubric, options, warnings));
    }
    rows.sort_by(|a, b| a.id.cmp(b.id));
    let summary = summarise(&rows);
    let mut attention: Vec<Attention> = rows.iter().flat_map(|r| attention(r, options)).collect();
    for id in &unreadable {
        attention.push(Attention {
            severity: Urgency::High,
            id: id.clone(),
            kind: "file-errors",
            message: "the file has errors and is left out of this pack; `partreg check` shows them".into(),
        });
    }
    attention.sort_by(|a, b| {
        (a.severity, rank(a.kind), &a.id, &a.message).cmp(&(b.severity, rank(b.kind), &b.id, &b.message))
    });
    unreadable.sort();
    Pack {
        council,
        options,
        rows,
        summary,
        attention,
        unreadable,
    }
}

/// Frees the parts of an entry that no format of the pack shows or weighs
/// (`review` applies it as each file is loaded):
/// the prose, the lists of partners, objectives, priorities and documents,
/// the approval, the questions, the exit strategy's texts and the reviews'
/// notes. What stays is what the rows, the summary, the assessment and the
/// attention list read (name, lead partner, status, role, hours,
/// contribution, ratings, representatives, reporting, the exit's approval,
/// the reviews' years and outcomes).
pub fn shed_unshown(e: &mut Entry) {
    e.partners = Vec::new();
    e.function = String::new();
    e.objectives = Vec::new();
    e.priorities = Vec::new();
    e.budget_source = None;
    e.exit_impact = String::new();
    e.value_summary = String::new();
    e.information_sharing = String::new();
    e.comments = None;
    e.documents = Vec::new();
    e.approval = None;
    e.questions = None;
    if let Some(exit) = &mut e.exit {
        exit.risks = String::new();
        exit.controls = String::new();
    }
    for r in &mut e.reviews {
        r.notes = None;
        r.reviewer = String::new();
    }
    for r in &mut e.representatives {
        r.position = None;
    }
}

fn row<'a>(
    id: &'a str,
    entry: &'a Entry,
    rubric: &'a Rubric,
    options: ReviewOptions,
    warnings: Vec<String>,
) -> Row<'a> {
    let year = i64::from(options.year);
    let last_review = entry.reviews.iter().max_by_key(|r| r.year).map(|r| (r.year, r.outcome));
    let appointments = entry
        .representatives
        .iter()
        .filter_map(|r| {
            let end = r.term_ends.filter(|end| *end <= options.year_end)?;
            Some(Appointment {
                name: r.name.clone(),
                level: r.level.as_str(),
                term_ends: end.to_string(),
                expired: end < options.as_of,
            })
        })
        .collect();
    let this_year = entry.reviews.iter().find(|r| r.year == year);
    Row {
        id,
        entry,
        assessment: assessment::assess(entry, rubric),
        reviewed_this_year: this_year.is_some(),
        last_review,
        appointments,
        warnings,
        budget: this_year.and_then(|r| r.budget_gbp.map(|b| (b, r.in_principle))),
        open_concerns: entry
            .concerns
            .iter()
            .filter(|c| c.raised <= options.as_of && c.closed.is_none_or(|closed| closed > options.as_of))
            .collect(),
    }
}

fn summarise(rows: &[Row<'_>]) -> Summary {
    let mut by_status = ByStatus::default();
    let mut by_risk = ByLevel::default();
    let mut by_value = ByLevel::default();
    for r in rows {
        match r.entry.status {
            Status::Proposed => by_status.proposed += 1,
            Status::Active => by_status.active += 1,
            Status::Exiting => by_status.exiting += 1,
            Status::Exited => by_status.exited += 1,
            Status::Declined => by_status.declined += 1,
        }
        by_risk.add(r.assessment.risk.effective());
        by_value.add(r.assessment.value.effective());
    }
    let hours: f64 = rows.iter().map(|r| r.entry.staff_hours_per_month).sum();
    let finite = |h: f64| h.is_finite().then(|| round2(h));
    Summary {
        partnerships: rows.len(),
        by_status,
        by_risk,
        by_value,
        matrix: Matrix::build(rows.iter().map(|r| (r.id, &r.assessment))),
        total_contribution_gbp: rows
            .iter()
            .try_fold(0u64, |sum, r| sum.checked_add(r.entry.budget_contribution_gbp)),
        staff_hours_per_month: finite(hours),
        staff_hours_per_year: finite(hours * 12.0),
        reviews_recorded: rows.iter().filter(|r| r.review_due() && r.reviewed_this_year).count(),
        reviews_due: rows.iter().filter(|r| r.review_due()).count(),
    }
}

/// Rounds to two decimal places, so sums of decimal hours print cleanly.
pub fn round2(n: f64) -> f64 {
    (n * 100.0).round() / 100.0
}

/// The order of kinds within one severity, as the policy's review weighs
/// them: unreadable files, reviews not done, recommendations, ratings,
/// appointments, exit strategies, missing data.
fn rank(kind: &str) -> usize {
    const ORDER: [&str; 13] = [
        "file-errors",
        "open-concern",
        "exit-decided",
        "not-reviewed",
        "consider-exit",
        "review",
        "rating-differs",
        "appointment-expired",
        "appointment-expiring",
        "exit-strategy",
        "vacant-place",
        "data-caveat",
        "data-missing",
    ];
    ORDER.iter().position(|k| *k == kind).unwrap_or(ORDER.len())
}

/// What in one row needs attention.
fn attention(r: &Row<'_>, options: ReviewOptions) -> Vec<Attention> {
    let mut out = Vec::new();
    let mut push = |severity, kind, message: String| {
        out.push(Attention {
            severity,
            id: r.id.to_string(),
            kind,
            message,
        });
    };
    let e = r.entry;
    if r.review_due() && !r.reviewed_this_year {
        push(
            Urgency::Medium,
            "not-reviewed",
            format!("no review recorded for {}", options.year),
        );
    }
    let a = &r.assessment;
    match a.recommendation {
        Some(Recommendation::ConsiderExit) => push(
            Urgency::High,
            "consider-exit",
            format!(
                "the matrix recommends considering exit (value {}, risk {})",
                level(a.value.effective()),
                level(a.risk.effective())
            ),
        ),
        Some(Recommendation::Review) => push(
            Urgency::Medium,
            "review",
            format!(
                "the matrix recommends a review (value {}, risk {})",
                level(a.value.effective()),
                level(a.risk.effective())
            ),
        ),
        _ => {}
    }
    for side in [&a.risk, &a.value] {
        if side.differs() {
            let (Some(recorded), Some(computed)) = (side.recorded, side.computed.level()) else {
                continue;
            };
            push(
                Urgency::Medium,
                "rating-differs",
                format!(
                    "the recorded {} rating {} differs from the computed {}",
                    side.side.as_str(),
                    recorded.title(),
                    computed.title()
                ),
            );
        }
    }
    for ap in &r.appointments {
        if ap.expired {
            push(
                Urgency::High,
                "appointment-expired",
                format!("{}'s appointment ended on {}", ap.name, ap.term_ends),
            );
        } else {
            push(
                Urgency::Medium,
                "appointment-expiring",
                format!(
                    "{}'s appointment ends on {}, within the review year",
                    ap.name, ap.term_ends
                ),
            );
        }
    }
    if matches!(e.status, Status::Exiting | Status::Exited) {
        match &e.exit {
            None => push(Urgency::High, "exit-strategy", "no exit strategy is recorded".into()),
            Some(exit) if exit.approved_by.is_none() => {
                push(
                    Urgency::High,
                    "exit-strategy",
                    "the exit strategy has not been approved by CMT or the Executive".into(),
                );
            }
            Some(_) => {}
        }
    }
    part2_attention(r, options, &mut push);
    let missing: Vec<&str> = r
        .warnings
        .iter()
        .filter_map(|w| w.split_once(':').map(|(code, _)| code))
        .filter(|code| {
            [
                Code::NoReporting,
                Code::NoApproval,
                Code::NoPartners,
                Code::IncompleteAssessment,
            ]
            .iter()
            .any(|c| c.as_str() == *code)
        })
        .collect();
    if !missing.is_empty() {
        push(
            Urgency::Low,
            "data-missing",
            format!("data missing: {}", missing.join(", ")),
        );
    }
    out
}

/// The format Part 2 items: open concerns, an exit decided but not acted
/// on, vacant places and data reported with a caveat.
fn part2_attention(r: &Row<'_>, options: ReviewOptions, push: &mut impl FnMut(Urgency, &'static str, String)) {
    let e = r.entry;
    for c in &r.open_concerns {
        let to = c
            .escalated_to
            .as_deref()
            .map(|t| format!(", escalated to {t}"))
            .unwrap_or_default();
        push(
            Urgency::High,
            "open-concern",
            format!("open concern raised {} by {}{to}: {}", c.raised, c.by, c.summary),
        );
    }
    if e.status == Status::Active
        && let Some(review) = e
            .reviews
            .iter()
            .max_by_key(|r| r.year)
            .filter(|r| r.outcome == Outcome::Exit)
    {
        push(
            Urgency::High,
            "exit-decided",
            format!(
                "the {} review decided to exit, but the partnership is still active",
                review.year
            ),
        );
    }
    if e.status == Status::Active
        && let Some(places) = e.member_places
    {
        let serving = crate::policy::rules::serving_members(e, options.as_of);
        if usize::from(places) > serving {
            push(
                Urgency::Medium,
                "vacant-place",
                format!(
                    "{} of {places} places for Members vacant on {}",
                    usize::from(places) - serving,
                    options.as_of
                ),
            );
        }
    }
    if let Some(rep) = &e.reporting
        && let (Some(data), Some(caveat)) = (rep.data, &rep.caveat)
        && data != crate::model::DataAssurance::Verified
    {
        push(
            Urgency::Low,
            "data-caveat",
            format!("reported data is {data}: {caveat}"),
        );
    }
}

fn level(l: Option<Level>) -> &'static str {
    l.map_or("unrated", Level::title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_years_end_on_the_configured_day() {
        assert_eq!(year_end(2026, None), Date::new(2027, 3, 31));
        assert_eq!(year_end(2026, Some((12, 31))), Date::new(2026, 12, 31));
        assert_eq!(year_end(2026, Some((6, 30))), Date::new(2027, 6, 30));
        assert_eq!(year_end(2026, Some((2, 29))), Date::new(2027, 2, 28));
        assert_eq!(year_end(2027, Some((2, 29))), Date::new(2028, 2, 29));
        assert_eq!(year_end(9999, None), None);
    }
}
