//! What needs the Corporate Management Team's attention, one row per
//! partnership: every reason found in its entry, with the highest priority
//! among them, so CMT reads each partnership once.
//!
//! Priority order (docs/decisions.md, "Review pack"): a row's priority is the
//! highest of its reasons' (High, then Medium, then Low); rows are sorted by
//! priority, then by name, then by id; within a row the reasons are sorted by
//! priority, then by [`rank`] (the order the policy's review weighs them).

use std::borrow::Cow;

use serde::Serialize;

use super::{ReviewOptions, Row};
use crate::diagnostic::Code;
use crate::model::{DataAssurance, Label, Level, Outcome, Status};
use crate::policy::rubric::Recommendation;

/// How urgent an attention item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Urgency {
    High,
    Medium,
    Low,
}

impl Label for Urgency {
    fn label(self) -> &'static str {
        match self {
            Urgency::High => "High",
            Urgency::Medium => "Medium",
            Urgency::Low => "Low",
        }
    }
}

/// One reason a partnership needs attention.
#[derive(Clone, Debug, Serialize)]
pub struct Reason {
    pub severity: Urgency,
    /// A stable short name for the kind of item.
    pub kind: &'static str,
    pub message: String,
}

/// One partnership (or one file left out) and everything about it that
/// needs attention.
#[derive(Clone, Debug, Serialize)]
pub struct NeedsAttention<'a> {
    pub id: Cow<'a, str>,
    /// The partnership's name; the file for a file left out.
    pub name: Cow<'a, str>,
    /// The highest priority among the reasons.
    pub priority: Urgency,
    pub reasons: Vec<Reason>,
}

/// Gathers one row's reasons into its attention row, sorted; `None` when
/// nothing needs attention.
pub fn group<'a>(id: Cow<'a, str>, name: Cow<'a, str>, mut reasons: Vec<Reason>) -> Option<NeedsAttention<'a>> {
    reasons.sort_by(|a, b| (a.severity, rank(a.kind), &a.message).cmp(&(b.severity, rank(b.kind), &b.message)));
    let priority = reasons.first()?.severity;
    Some(NeedsAttention {
        id,
        name,
        priority,
        reasons,
    })
}

/// Sorts the rows by priority, then name (ignoring case), then id.
pub fn sort(rows: &mut [NeedsAttention<'_>]) {
    // Each row's key is made once: folding both names in every comparison
    // was a fifth of `review`'s work at 10,000 entries. (Text folded to a
    // String sorts as its characters do: UTF-8 keeps their order.)
    rows.sort_by_cached_key(|r| {
        let folded: String = r.name.chars().flat_map(char::to_lowercase).collect();
        (r.priority, folded, r.id.to_string())
    });
}

/// The order of kinds within one priority, as the policy's review weighs
/// them: files with errors, open concerns, decisions to follow up, reviews
/// not done, recommendations, ratings, appointments, missing data.
pub fn rank(kind: &str) -> usize {
    const ORDER: [&str; 17] = [
        "file-errors",
        "open-concern",
        "exit-decided",
        "renegotiate",
        "cabinet-decision",
        "not-reviewed",
        "report-overdue",
        "consider-exit",
        "review",
        "rating-differs",
        "appointment-expired",
        "appointment-expiring",
        "vacant-place",
        "appendix-c",
        "rating-incomplete",
        "data-caveat",
        "data-missing",
    ];
    ORDER.iter().position(|k| *k == kind).unwrap_or(ORDER.len())
}

/// What in one row needs attention.
pub fn reasons(r: &Row<'_>, options: ReviewOptions) -> Vec<Reason> {
    let mut out = Vec::new();
    let mut push = |severity, kind, message: String| {
        out.push(Reason {
            severity,
            kind,
            message,
        });
    };
    if r.review_due() && !r.reviewed_this_year {
        // A review dated after the as-of date is not done yet: `check`
        // warns review-overdue for it, and the pack says so in its words.
        let later = r
            .review_dated_later
            .map(|d| format!(": the review dated {d} is after {}, so check its date", options.as_of))
            .unwrap_or_default();
        push(
            Urgency::Medium,
            "not-reviewed",
            format!("no review recorded for {}{later}", options.year),
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
    // The exit strategy is judged by `check` alone (docs/decisions.md,
    // "Review pack and check agree"): a missing one is its error
    // missing-exit, shown here as the file's errors; the format has no rule
    // that an exiting partnership's strategy is approved yet, so the pack
    // makes none of its own.
    part2(r, options, &mut push);
    for (code, message) in r.warnings.iter().filter_map(|w| w.split_once(": ")) {
        if let Some((severity, kind)) = told_by_check(code) {
            // check's own words, which are written for officers. A row's
            // reasons are joined with "; ", so a reason must not hold one: an
            // overdue report keeps its due date, the others their first
            // clause (the rest is advice for the officer, not news for CMT).
            let words = if kind == "report-overdue" {
                message.replace("; ", ", ")
            } else {
                message.split_once("; ").map_or(message, |(first, _)| first).to_string()
            };
            push(severity, kind, words);
        }
    }
    let mut missing: Vec<&str> = r
        .warnings
        .iter()
        .filter_map(|w| w.split_once(':').map(|(code, _)| code))
        .filter_map(missing_words)
        .collect();
    missing.dedup();
    if !missing.is_empty() {
        push(
            Urgency::Low,
            "data-missing",
            format!("not recorded: {}", missing.join(", ")),
        );
    }
    out
}

/// The warnings of `check` that the pack passes on in check's words, with
/// their priority and kind. The rest are covered by the pack's own reasons
/// (reviews, ratings, appointments, Part 2 items) or by [`missing_words`].
fn told_by_check(code: &str) -> Option<(Urgency, &'static str)> {
    [
        // A contribution outside existing budgets needs Cabinet before the
        // council joins: CMT must see it before anything else about a proposal.
        (Code::CabinetDecisionNeeded, Urgency::High, "cabinet-decision"),
        (Code::ReportOverdue, Urgency::Medium, "report-overdue"),
        (Code::NewPartnershipUnassessed, Urgency::Medium, "appendix-c"),
        (Code::IncompleteAssessment, Urgency::Low, "rating-incomplete"),
    ]
    .into_iter()
    .find(|(c, ..)| c.as_str() == code)
    .map(|(_, severity, kind)| (severity, kind))
}

/// The words for a warning that means something is not recorded.
fn missing_words(code: &str) -> Option<&'static str> {
    [
        (Code::NoReporting, "the reporting programme"),
        (Code::NoApproval, "the decision to join"),
        (Code::NoPartners, "the partners"),
    ]
    .into_iter()
    .find(|(c, _)| c.as_str() == code)
    .map(|(_, words)| words)
}

/// The format Part 2 items: open concerns, an exit decided but not acted
/// on, vacant places and data reported with a caveat.
fn part2(r: &Row<'_>, options: ReviewOptions, push: &mut impl FnMut(Urgency, &'static str, String)) {
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
    // A renegotiation is an action for CMT to follow up, as an exit is; a
    // review dated after the as-of date has not happened yet.
    if e.status == Status::Active
        && let Some(review) = e
            .reviews
            .iter()
            .filter(|r| r.date <= options.as_of)
            .max_by_key(|r| r.year)
            .filter(|r| r.outcome == Outcome::Renegotiate)
    {
        push(
            Urgency::Medium,
            "renegotiate",
            format!(
                "the {} review decided to renegotiate the council's part in the partnership, for CMT to follow up",
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
        && data != DataAssurance::Verified
    {
        let what = match data {
            DataAssurance::Estimate => "an estimate",
            _ => "not verified",
        };
        push(
            Urgency::Low,
            "data-caveat",
            format!("reported data is {what}: {caveat}"),
        );
    }
}

fn level(l: Option<Level>) -> &'static str {
    l.map_or("unrated", Level::title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(severity: Urgency, kind: &'static str) -> Reason {
        Reason {
            severity,
            kind,
            message: kind.into(),
        }
    }

    #[test]
    fn a_row_takes_its_highest_priority_and_sorts_its_reasons() {
        let row = group(
            "a".into(),
            "A".into(),
            vec![
                reason(Urgency::Low, "data-missing"),
                reason(Urgency::Medium, "not-reviewed"),
                reason(Urgency::High, "consider-exit"),
                reason(Urgency::High, "open-concern"),
            ],
        )
        .unwrap();
        assert_eq!(row.priority, Urgency::High);
        let kinds: Vec<&str> = row.reasons.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, ["open-concern", "consider-exit", "not-reviewed", "data-missing"]);
        assert!(group("b".into(), "B".into(), Vec::new()).is_none());
    }

    #[test]
    fn warnings_check_words_for_officers_become_reasons_without_semicolons() {
        assert_eq!(
            told_by_check("cabinet-decision-needed"),
            Some((Urgency::High, "cabinet-decision"))
        );
        assert_eq!(
            told_by_check("new-partnership-unassessed").map(|t| t.1),
            Some("appendix-c")
        );
        assert_eq!(told_by_check("report-overdue").map(|t| t.1), Some("report-overdue"));
        assert_eq!(
            told_by_check("vacant-place"),
            None,
            "the pack words vacant places itself"
        );
        for kind in ["cabinet-decision", "report-overdue", "appendix-c", "rating-incomplete"] {
            assert!(rank(kind) < rank("data-missing"), "{kind} has a place in the order");
        }
    }

    #[test]
    fn rows_sort_by_priority_then_name_then_id() {
        let mut rows: Vec<NeedsAttention<'_>> = [
            ("z", "alpha", Urgency::Medium),
            ("y", "Beta", Urgency::High),
            ("x", "alpha", Urgency::High),
            ("w", "Alpha", Urgency::High),
        ]
        .into_iter()
        .filter_map(|(id, name, u)| group(id.into(), name.into(), vec![reason(u, "review")]))
        .collect();
        sort(&mut rows);
        let order: Vec<&str> = rows.iter().map(|r| &*r.id).collect();
        assert_eq!(order, ["w", "x", "y", "z"]);
    }
}
