//! The reporting programme (`partreg programme`, format Part 2): for each
//! proposed, active or exiting partnership, how often it reports, who is
//! responsible, where the reports go, the last report and when the next is
//! due, with the data caveat. Overdue reports come first, then those with
//! no report recorded, then by the date the next is due.
//!
//! It also lists the dates that fall due, for the iCalendar file: next
//! reports, the end of the review year for entries due a review, and
//! representatives' terms ending.

use serde::Serialize;

use crate::model::{DataAssurance, Date, Entry, Frequency, Label, ReportsTo, Status};
use crate::policy::rules::next_report;
use crate::reports::appointments::name_key;

/// Where a partnership's reporting stands on the as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// The next report was due before the as-of date.
    Overdue,
    /// No last report is recorded, so no next date can be worked out.
    NoReport,
    /// The next report is due on or after the as-of date.
    Due,
    /// Ad-hoc reporting, or no frequency: no date falls due.
    NoDate,
}

impl Standing {
    pub fn words(self) -> &'static str {
        match self {
            Standing::Overdue => "overdue",
            Standing::NoReport => "no report recorded",
            Standing::Due => "due",
            Standing::NoDate => "no fixed date",
        }
    }
}

/// One partnership's line in the programme.
#[derive(Clone, Debug, Serialize)]
pub struct Line {
    pub id: String,
    pub name: String,
    /// Typed, so JSON has the tokens and people the labels.
    pub status: Status,
    pub frequency: Option<Frequency>,
    pub responsible: Option<String>,
    /// Always a list, even when the file holds one value.
    pub reports_to: Vec<ReportsTo>,
    pub last_report: Option<Date>,
    pub next_due: Option<Date>,
    pub standing: Standing,
    pub data: Option<DataAssurance>,
    pub caveat: Option<String>,
}

/// What kind of date falls due, for calendar events and their UIDs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DueKind {
    NextReport,
    ReviewDue,
    TermEnds,
}

impl DueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DueKind::NextReport => "next-report",
            DueKind::ReviewDue => "review-due",
            DueKind::TermEnds => "term-ends",
        }
    }
}

/// One date that falls due.
#[derive(Clone, Debug, Serialize)]
pub struct DueDate {
    pub date: Date,
    pub kind: DueKind,
    pub id: String,
    /// For a term: the representative's name key (never a list position),
    /// so the event keeps its identity when the list is reordered.
    pub who: Option<String>,
    pub summary: String,
    pub description: String,
}

impl DueDate {
    /// A UID that stays the same for the same files: id, kind of date and,
    /// for a term, the representative's name key.
    pub fn uid(&self) -> String {
        let mut uid = format!("{}-{}", self.id, self.kind.as_str());
        if let Some(who) = &self.who {
            uid.push('-');
            uid.extend(who.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }));
        }
        uid.push_str("@partreg");
        uid
    }
}

/// The programme.
#[derive(Clone, Debug, Serialize)]
pub struct Programme {
    pub council: Option<String>,
    pub as_of: Date,
    /// The end of the review year containing the as-of date.
    pub review_year_end: Date,
    pub lines: Vec<Line>,
    pub due: Vec<DueDate>,
}

/// Builds the programme. `review_year` is the review year containing
/// `as_of` and `review_year_end` the day it ends.
pub fn build<'a>(
    entries: impl Iterator<Item = (&'a str, &'a Entry)>,
    council: Option<&str>,
    as_of: Date,
    review_year: (i32, Date),
) -> Programme {
    let (year, year_end) = review_year;
    let mut lines = Vec::new();
    let mut due = Vec::new();
    for (id, e) in entries {
        if !matches!(e.status, Status::Proposed | Status::Active | Status::Exiting) {
            continue;
        }
        let r = e.reporting.as_ref();
        let frequency = r.and_then(|r| r.frequency);
        let last_report = r.and_then(|r| r.last_report);
        let next_due = next_report(e);
        let standing = match (next_due, last_report) {
            (Some(next), _) if next < as_of => Standing::Overdue,
            (Some(_), _) => Standing::Due,
            (None, None) => Standing::NoReport,
            (None, Some(_)) => Standing::NoDate,
        };
        let responsible = r.and_then(|r| r.responsible.clone());
        if let Some(next) = next_due {
            let to: Vec<&str> = r
                .map(|r| r.reports_to.iter().map(|t| t.label()).collect())
                .unwrap_or_default();
            due.push(DueDate {
                date: next,
                kind: DueKind::NextReport,
                id: id.to_string(),
                who: None,
                summary: format!("Report due: {}", e.name),
                description: format!(
                    "Report{}{}{}; the last was on {}.",
                    responsible.as_deref().map(|w| format!(" by {w}")).unwrap_or_default(),
                    if to.is_empty() {
                        String::new()
                    } else {
                        format!(" to {}", to.join(", "))
                    },
                    frequency.map_or_else(String::new, |f| format!(" ({})", f.label().to_lowercase())),
                    last_report.map_or_else(String::new, |d| d.to_string()),
                ),
            });
        }
        if e.status == Status::Active && !e.reviews.iter().any(|rv| rv.year == i64::from(year)) {
            due.push(DueDate {
                date: year_end,
                kind: DueKind::ReviewDue,
                id: id.to_string(),
                who: None,
                summary: format!("Annual review due: {}", e.name),
                description: format!("The {year} review of {} is not yet recorded.", e.name),
            });
        }
        for rep in &e.representatives {
            if let Some(end) = rep.term_ends.filter(|end| *end >= as_of) {
                due.push(DueDate {
                    date: end,
                    kind: DueKind::TermEnds,
                    id: id.to_string(),
                    who: Some(name_key(&rep.name)),
                    summary: format!("Term ends: {} on {}", rep.name, e.name),
                    description: format!("{} ({}) sits on {} until {end}.", rep.name, rep.level.label(), e.name),
                });
            }
        }
        lines.push(Line {
            id: id.to_string(),
            name: e.name.clone(),
            status: e.status,
            frequency,
            responsible,
            reports_to: r.map(|r| r.reports_to.clone()).unwrap_or_default(),
            last_report,
            next_due,
            standing,
            data: r.and_then(|r| r.data),
            caveat: r.and_then(|r| r.caveat.clone()),
        });
    }
    // Overdue first, then no report recorded, then by the date due; ties by id.
    lines.sort_by(|a, b| {
        let group = |l: &Line| match l.standing {
            Standing::Overdue => 0,
            Standing::NoReport => 1,
            Standing::Due => 2,
            Standing::NoDate => 3,
        };
        (group(a), a.next_due, &a.id).cmp(&(group(b), b.next_due, &b.id))
    });
    due.sort_by(|a, b| (a.date, &a.id, a.kind, &a.who).cmp(&(b.date, &b.id, b.kind, &b.who)));
    Programme {
        council: council.map(str::to_string),
        as_of,
        review_year_end: year_end,
        lines,
        due,
    }
}

/// Sheds what the programme and its calendar do not show, on the loading
/// thread (see [`crate::store::register::load_trimmed`]): they read the
/// name, the status, the reporting, the reviews' years and the
/// representatives' names, levels and term ends, and nothing at all of a
/// partnership that has ended. At 10,000 entries the rest was most of the
/// command's memory.
pub fn shed_unshown(e: &mut Entry) {
    super::shed_common(e);
    e.member_places = None;
    if matches!(e.status, Status::Proposed | Status::Active | Status::Exiting) {
        for r in &mut e.reviews {
            r.reviewer = String::new();
            r.notes = None;
        }
        for r in &mut e.representatives {
            r.position = None;
            r.roles = Vec::new();
            r.appointed_by = None;
        }
    } else {
        e.name = String::new();
        e.reporting = None;
        e.reviews = Vec::new();
        e.representatives = Vec::new();
    }
}

/// The review year containing `as_of` and the day it ends, for a review
/// year ending on `month_day` (default 31 March). `None` when that year
/// would end after 9999.
pub fn review_year(as_of: Date, month_day: Option<(u8, u8)>) -> Option<(i32, Date)> {
    let mut year = as_of.year() - 1;
    while crate::reports::review::year_end(year, month_day)? < as_of {
        year += 1;
    }
    Some((year, crate::reports::review::year_end(year, month_day)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_review_year_contains_the_day() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        assert_eq!(review_year(d(2026, 11, 30), None), Some((2026, d(2027, 3, 31))));
        assert_eq!(review_year(d(2027, 3, 31), None), Some((2026, d(2027, 3, 31))));
        assert_eq!(review_year(d(2027, 4, 1), None), Some((2027, d(2028, 3, 31))));
        assert_eq!(
            review_year(d(2026, 6, 1), Some((12, 31))),
            Some((2026, d(2026, 12, 31)))
        );
    }
}
