//! The annual review of the Partnership Register as data: one row per
//! partnership, the summary figures, the value × risk matrix and the list
//! of what needs the Corporate Management Team's attention. Renderers in
//! [`crate::render::review`] turn it into the pack; nothing here prints.

use std::borrow::Cow;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Choice, Concern, Date, Entry, Level, Outcome, Status};
use crate::policy::assessment::{self, Assessment, Matrix};
use crate::policy::rubric::Rubric;
use crate::store::register::{LoadedEntry, Register};

mod attention;
pub use attention::{NeedsAttention, Reason, Urgency, rank};

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
    /// This year's review is recorded and dated on or before the as-of
    /// date. One dated after it is not done yet, as `check` judges it.
    pub reviewed_this_year: bool,
    /// The date of this year's review when it is after the as-of date
    /// (usually a mistyped date): the pack says so in `check`'s words.
    pub review_dated_later: Option<Date>,
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

/// A file `check` finds errors in: left out of the pack when it could not
/// be read into an entry, else kept in it with its errors named.
#[derive(Clone, Debug, Serialize)]
pub struct FileErrors {
    /// The file as shown to people (`register/x.toml`).
    pub file: String,
    pub id: String,
    /// How many errors `check` finds in it.
    pub errors: usize,
    /// The first error, for the pack: `line 3: the message`.
    pub first: String,
    /// Left out of the pack's figures and tables.
    pub left_out: bool,
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
    /// The part of the total from proposed partnerships, which the council
    /// has not joined yet (so CMT can tell money spent from money asked for).
    pub proposed_contribution_gbp: Option<u64>,
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
    /// One row per partnership that needs attention, by priority then name.
    pub attention: Vec<NeedsAttention<'a>>,
    /// Files `check` finds errors in, sorted by file: the pack says so at
    /// the top and `review` exits 1.
    pub errors: Vec<FileErrors>,
}

impl<'a> Pack<'a> {
    /// The files left out of the pack because they could not be read.
    pub fn left_out(&self) -> impl Iterator<Item = &FileErrors> {
        self.errors.iter().filter(|f| f.left_out)
    }

    /// The name of the partnership with this id, when it is in the pack.
    pub fn name_of(&self, id: &str) -> Option<&'a str> {
        // Rows are sorted by id.
        let i = self.rows.binary_search_by(|r| r.id.cmp(id)).ok()?;
        Some(self.rows[i].entry.name.as_str())
    }
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
    let mut rows = Vec::with_capacity(register.entries.len());
    let mut errors: Vec<FileErrors> = register
        .walk_diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .map(|d| FileErrors {
            file: d.file.to_string(),
            id: d.file.to_string(),
            errors: 1,
            first: first_error(d),
            left_out: true,
        })
        .collect();
    for loaded in &mut register.entries {
        let LoadedEntry {
            id,
            file,
            entry,
            diagnostics,
            ..
        } = loaded;
        let findings = std::mem::take(diagnostics);
        let mut failing = findings.iter().filter(|d| d.severity() == Severity::Error);
        if let Some(first) = failing.next() {
            errors.push(FileErrors {
                file: file.clone(),
                id: id.clone(),
                errors: 1 + failing.count(),
                first: first_error(first),
                left_out: entry.is_none(),
            });
        }
        let Some(entry) = entry.as_deref() else {
            continue;
        };
        if !options.all && matches!(entry.status, Status::Exited | Status::Declined) {
            continue;
        }
        // Collected by reference into a list of their own: collected by
        // value, the strings would keep the findings' far larger
        // allocation (4 MiB over 10,000 entries) for the whole pack.
        let warnings = findings
            .iter()
            .filter(|d| d.severity() == Severity::Warning)
            .map(|d| format!("{}: {}", d.code.as_str(), d.message))
            .collect();
        drop(findings);
        rows.push(row(id, entry, rubric, options, warnings));
    }
    rows.sort_by(|a, b| a.id.cmp(b.id));
    errors.sort_by(|a, b| a.file.cmp(&b.file));
    let summary = summarise(&rows);
    let kept_with_errors: std::collections::HashMap<&str, &FileErrors> = errors
        .iter()
        .filter(|f| !f.left_out)
        .map(|f| (f.id.as_str(), f))
        .collect();
    let mut needs: Vec<NeedsAttention<'a>> = rows
        .iter()
        .filter_map(|r| {
            let mut reasons = attention::reasons(r, options);
            if let Some(f) = kept_with_errors.get(r.id) {
                reasons.push(Reason {
                    severity: Urgency::High,
                    kind: "file-errors",
                    message: format!(
                        "{} has {} (first: {}); `partreg check` shows them",
                        f.file,
                        plural(f.errors, "error"),
                        f.first
                    ),
                });
            }
            attention::group(Cow::Borrowed(r.id), Cow::Borrowed(r.entry.name.as_str()), reasons)
        })
        .collect();
    for f in errors.iter().filter(|f| f.left_out) {
        let reason = Reason {
            severity: Urgency::High,
            kind: "file-errors",
            message: format!(
                "left out of this pack: {} ({}); `partreg check` shows them",
                plural(f.errors, "error"),
                f.first
            ),
        };
        needs.extend(attention::group(
            Cow::Owned(f.id.clone()),
            Cow::Owned(f.file.clone()),
            vec![reason],
        ));
    }
    attention::sort(&mut needs);
    Pack {
        council,
        options,
        rows,
        summary,
        attention: needs,
        errors,
    }
}

/// `line 3: the message`, or the message alone for a file-wide finding.
fn first_error(d: &Diagnostic) -> String {
    match &d.location {
        Some(l) => format!("line {}: {}", l.line, d.message),
        None => d.message.clone(),
    }
}

/// `1 error`, `3 errors`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
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
        reviewed_this_year: this_year.is_some_and(|r| r.date <= options.as_of),
        review_dated_later: this_year.map(|r| r.date).filter(|d| *d > options.as_of),
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
        proposed_contribution_gbp: rows
            .iter()
            .filter(|r| r.entry.status == Status::Proposed)
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
