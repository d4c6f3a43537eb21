//! The policy's rules that weigh one part of an entry against another: what
//! an active partnership must have, when an exit strategy is needed, who must
//! approve an unbudgeted contribution, which priority codes exist, and the
//! date-based warnings (reviews overdue, terms ended).
//!
//! Rules run on a decoded [`Entry`]; the parsed document is at hand only to
//! find where in the file to point.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::DeTable;

use crate::decode::span_of;
use crate::diagnostic::{Code, Diagnostic, Source, quote};
use crate::model::{Approver, Date, Entry, Status};

/// What the rules need beyond the entry itself.
pub struct RuleContext<'a> {
    /// "Today" for the date rules.
    pub as_of: Date,
    /// The corporate priority codes from `partreg.toml`, when it lists them.
    pub priorities: Option<&'a BTreeMap<String, String>>,
}

/// Applies every single-entry rule, appending findings to `out`.
pub fn check_entry(
    entry: &Entry,
    doc: &Spanned<DeTable<'_>>,
    source: &Source<'_>,
    cx: &RuleContext<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let mut r = Rules {
        entry,
        doc,
        source,
        out,
    };
    r.active_requirements();
    r.exit_strategy();
    r.unbudgeted_approval();
    r.priority_codes(cx.priorities);
    r.reviews_due(cx.as_of);
    r.terms_ended(cx.as_of);
}

struct Rules<'a, 'd, 'i> {
    entry: &'a Entry,
    doc: &'d Spanned<DeTable<'i>>,
    source: &'a Source<'a>,
    out: &'a mut Vec<Diagnostic>,
}

impl Rules<'_, '_, '_> {
    fn span(&self, path: &[&str]) -> Range<usize> {
        span_of(self.doc, path)
    }

    fn push(&mut self, span: Range<usize>, code: Code, key: &str, message: String, hint: &str) {
        let mut d = self.source.at(span, code, key, message);
        if !hint.is_empty() {
            d.hint = Some(hint.to_string());
        }
        self.out.push(d);
    }

    /// An active partnership needs objectives, priorities, representatives
    /// and recorded overall ratings; it should have a reporting programme, a
    /// recorded approval and its partners listed.
    fn active_requirements(&mut self) {
        let e = self.entry;
        if e.status != Status::Active {
            return;
        }
        let status = self.span(&["status"]);
        let lists = [
            (
                "objectives",
                e.objectives.is_empty(),
                "add objectives = [\"…\"] with the key partnership objectives",
            ),
            (
                "priorities",
                e.priorities.is_empty(),
                "add priorities = [\"…\"] with the corporate priority codes it helps deliver",
            ),
            (
                "representatives",
                e.representatives.is_empty(),
                "add a [[representatives]] table with name and level for each person who attends",
            ),
        ];
        for (key, missing, hint) in lists {
            if missing {
                let span = if self.doc.get_ref().contains_key(key) {
                    self.span(&[key])
                } else {
                    status.clone()
                };
                self.push(
                    span,
                    Code::MissingKey,
                    key,
                    format!("an active partnership needs at least one entry in `{key}`"),
                    hint,
                );
            }
        }
        let overall = [("risk", e.risk.overall.is_none()), ("value", e.value.overall.is_none())];
        for (side, missing) in overall {
            if missing {
                let span = if self.doc.get_ref().contains_key(side) {
                    self.span(&[side])
                } else {
                    status.clone()
                };
                self.push(
                    span,
                    Code::MissingKey,
                    &format!("{side}.overall"),
                    format!("an active partnership needs a recorded overall {side} rating"),
                    &format!("add overall = \"high\", \"medium\" or \"low\" under [{side}]"),
                );
            }
        }
        let missing_warnings = [
            (
                "reporting",
                e.reporting.is_none(),
                Code::NoReporting,
                "has no reporting programme",
                "add [reporting] with frequency, responsible and reports_to",
            ),
            (
                "approval",
                e.approval.is_none(),
                Code::NoApproval,
                "has no record of the decision to join",
                "add [approval] with by, date and portfolio_holder",
            ),
            (
                "partners",
                e.partners.is_empty(),
                Code::NoPartners,
                "lists no partner organisations",
                "add partners = [\"…\"] with the other organisations",
            ),
        ];
        for (key, missing, code, what, hint) in missing_warnings {
            if missing {
                let span = if self.doc.get_ref().contains_key(key) {
                    self.span(&[key])
                } else {
                    status.clone()
                };
                self.push(span, code, key, format!("this active partnership {what}"), hint);
            }
        }
    }

    /// Leaving needs an exit strategy; having left needs its approval date,
    /// and a significant partnership needs the Executive's review.
    fn exit_strategy(&mut self) {
        let e = self.entry;
        if !matches!(e.status, Status::Exiting | Status::Exited) {
            return;
        }
        let Some(exit) = &e.exit else {
            let span = self.span(&["status"]);
            self.push(
                span,
                Code::MissingExit,
                "exit",
                format!("a partnership that is {} needs an exit strategy", e.status),
                "add an [exit] table with the risks of leaving and the controls that limit them (risks, controls)",
            );
            return;
        };
        if e.status != Status::Exited {
            return;
        }
        if exit.approved_on.is_none() {
            let span = self.span(&["exit"]);
            self.push(
                span,
                Code::MissingKey,
                "exit.approved_on",
                "an exited partnership needs the date its exit strategy was approved".into(),
                "add approved_on = YYYY-MM-DD under [exit]",
            );
        }
        if exit.significant == Some(true) && exit.executive_reviewed != Some(true) {
            let span = self.span(&["exit", "executive_reviewed"]);
            self.push(
                span,
                Code::ExitNotReviewed,
                "exit.executive_reviewed",
                "a significant partnership's exit strategy must be reviewed by the Executive before it is exited"
                    .into(),
                "once the Executive has reviewed it, set executive_reviewed = true under [exit]",
            );
        }
    }

    /// A direct contribution that is not in existing budgets goes to Cabinet.
    fn unbudgeted_approval(&mut self) {
        let e = self.entry;
        if e.budgeted || e.budget_contribution_gbp == 0 {
            return;
        }
        let by = e.approval.as_ref().and_then(|a| a.by);
        if by == Some(Approver::Cabinet) {
            return;
        }
        let span = match by {
            Some(_) => self.span(&["approval", "by"]),
            None => self.span(&["budgeted"]),
        };
        let message = match by {
            Some(by) => format!("a contribution not in existing budgets must be approved by Cabinet, not {by}"),
            None => "a contribution not in existing budgets must be approved by Cabinet".into(),
        };
        self.push(
            span,
            Code::WrongApprover,
            "approval.by",
            message,
            "record the Cabinet decision: by = \"cabinet\" under [approval]",
        );
    }

    /// Every priority code must be one `partreg.toml` lists, when it lists any.
    fn priority_codes(&mut self, known: Option<&BTreeMap<String, String>>) {
        let Some(known) = known else { return };
        for (i, code) in self.entry.priorities.iter().enumerate() {
            if known.contains_key(code) {
                continue;
            }
            // The entry decoded, so its list holds every item of the file's
            // list in order: index i is the file's i-th item.
            let span = self.span(&["priorities", &i.to_string()]);
            let hint = crate::hint::did_you_mean(code, known.keys().map(String::as_str))
                .map(|c| format!("did you mean `{c}`?"))
                .unwrap_or_else(|| {
                    format!(
                        "the codes in partreg.toml are: {}",
                        known.keys().cloned().collect::<Vec<_>>().join(", ")
                    )
                });
            self.push(
                span,
                Code::UnlistedPriority,
                &format!("priorities[{i}]"),
                format!("priority code {} is not listed in partreg.toml", quote(code)),
                &hint,
            );
        }
    }

    /// An active partnership should have been reviewed in the last twelve
    /// months (up to and including the as-of date).
    fn reviews_due(&mut self, as_of: Date) {
        let e = self.entry;
        if e.status != Status::Active {
            return;
        }
        // The twelve months up to and including `as_of` start the day after
        // the same date a year earlier.
        let year_before = as_of.one_year_before();
        if e.reviews.iter().any(|r| r.date > year_before && r.date <= as_of) {
            return;
        }
        let last = e.reviews.iter().map(|r| r.date).filter(|d| *d <= as_of).max();
        let future = e.reviews.iter().map(|r| r.date).filter(|d| *d > as_of).min();
        let message = match (last, future) {
            (_, Some(date)) => {
                format!("no review in the twelve months to {as_of}; a review is dated {date}, which is later")
            }
            (Some(date), None) => format!("no review in the twelve months to {as_of}; the last was on {date}"),
            (None, None) => "this active partnership has no recorded review".into(),
        };
        let span = match e.reviews.len() {
            0 => self.span(&["status"]),
            n => self.span(&["reviews", &(n - 1).to_string()]),
        };
        self.push(
            span,
            Code::ReviewOverdue,
            "reviews",
            message,
            "review it and record the outcome in a [[reviews]] table",
        );
    }

    /// Representatives whose term has ended, on partnerships still in play.
    fn terms_ended(&mut self, as_of: Date) {
        let e = self.entry;
        if matches!(e.status, Status::Exited | Status::Declined) {
            return;
        }
        for (i, rep) in e.representatives.iter().enumerate() {
            let Some(end) = rep.term_ends.filter(|end| *end < as_of) else {
                continue;
            };
            let span = self.span(&["representatives", &i.to_string(), "term_ends"]);
            self.push(
                span,
                Code::TermExpired,
                &format!("representatives[{i}].term_ends"),
                format!("{}'s term ended on {end}", rep.name),
                "record the reappointment with a new term_ends, or replace the representative",
            );
        }
    }
}
