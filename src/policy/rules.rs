//! The policy's rules that weigh one part of an entry against another: what
//! an active partnership must have, when an exit strategy is needed, who must
//! approve an unbudgeted contribution, which priority codes exist, and the
//! date-based warnings (reviews overdue, terms ended).
//!
//! Rules run on a decoded [`Entry`]; the parsed document is at hand only to
//! find where in the file to point. The format's Part 2 rules live in the
//! submodules, by topic.

mod decisions;
mod reporting;
mod representation;

pub use decisions::answered;
pub use reporting::next_report;
pub use representation::serving_members;

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::DeTable;

use crate::diagnostic::{Code, Diagnostic, Source, quote};
use crate::model::{Approver, Date, Entry, Status};
use crate::policy::assessment::{self, Computed, SideAssessment};
use crate::policy::rubric::Rubric;
use crate::store::decode::span_of;

/// What the rules need beyond the entry itself.
pub struct RuleContext<'a> {
    /// "Today" for the date rules.
    pub as_of: Date,
    /// The corporate priority codes from `partreg.toml`, when it lists them.
    pub priorities: Option<&'a BTreeMap<String, String>>,
    /// The Appendix B rubric the ratings are checked against.
    pub rubric: &'a Rubric,
}

/// The name of the example entry `partreg init` writes.
pub const EXAMPLE_NAME: &str = "Example Community Safety Partnership";

/// What marks a priority title `partreg init` wrote as one to replace.
pub const PLACEHOLDER: &str = "(replace me)";

/// Applies every single-entry rule, appending findings to `out`.
pub fn check_entry(
    entry: &Entry,
    doc: &Spanned<DeTable<'_>>,
    source: &Source<'_>,
    cx: &RuleContext<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let id = std::path::Path::new(source.file)
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let mut r = Rules {
        entry,
        doc,
        source,
        out,
        id,
        rubric_method: cx.rubric.method,
    };
    r.active_requirements();
    r.exit_strategy();
    r.unbudgeted_approval();
    r.priority_codes(cx.priorities);
    r.placeholders(cx.priorities);
    r.reviews_due(cx.as_of);
    r.terms_ended(cx.as_of);
    r.lead_officer();
    r.roles_clarified();
    r.vacant_places(cx.as_of);
    r.report_in_future(cx.as_of);
    r.report_overdue(cx.as_of);
    r.exit_decided();
    r.new_partnership_assessed();
    r.portfolio_holder();
    let assessment = assessment::assess(entry, cx.rubric);
    r.ratings(&assessment.risk);
    r.ratings(&assessment.value);
}

/// The rules for an entry only partly read (`decode::Decoded::Partly`),
/// which stands in empty values for the parts that could not be read:
/// only findings about what was read are kept. Dropped are those about a
/// top-level key in `unread` (a stand-in empty list would be reported as
/// missing) and those of rules that weigh several parts together, which a
/// stand-in anywhere could make wrong. The rest are the findings the
/// officer would otherwise meet only after fixing the first ones.
pub fn check_partly_read(
    entry: &Entry,
    doc: &Spanned<DeTable<'_>>,
    source: &Source<'_>,
    cx: &RuleContext<'_>,
    unread: &[&str],
    out: &mut Vec<Diagnostic>,
) {
    const WEIGH_SEVERAL_PARTS: [Code; 6] = [
        Code::RatingMismatch,
        Code::IncompleteAssessment,
        Code::CabinetDecisionNeeded,
        Code::WrongApprover,
        Code::VacantPlace,
        Code::ExitNotReviewed,
    ];
    let mut found = Vec::new();
    check_entry(entry, doc, source, cx, &mut found);
    out.extend(found.into_iter().filter(|d| {
        let top = d.key.split(['.', '[']).next().unwrap_or("");
        !WEIGH_SEVERAL_PARTS.contains(&d.code) && !unread.contains(&top)
    }));
}

/// A hint made only when its finding is given.
type Hint<'h> = dyn Fn() -> String + 'h;

struct Rules<'a, 'd, 'i> {
    entry: &'a Entry,
    doc: &'d Spanned<DeTable<'i>>,
    source: &'a Source<'a>,
    out: &'a mut Vec<Diagnostic>,
    /// The entry's id, for hints that name a command to run.
    id: String,
    rubric_method: crate::policy::rubric::Method,
}

impl Rules<'_, '_, '_> {
    fn span(&self, path: &[&str]) -> Range<usize> {
        span_of(self.doc, path)
    }

    /// Whether the file has a value at this key path.
    fn has(&self, path: &[&str]) -> bool {
        let span = self.span(path);
        let parent = if path.len() > 1 {
            self.span(&path[..path.len() - 1])
        } else {
            0..0
        };
        span != parent && span != (0..0)
    }

    fn push(&mut self, span: Range<usize>, code: Code, key: &str, message: String, hint: &str) {
        if !self.source.admit(&span, code, key) {
            return;
        }
        let mut d = self.source.at(span, code, key, message);
        if !hint.is_empty() {
            d.hint = Some(crate::diagnostic::shared(hint));
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
        // The hints name the values each closed list allows; made only for
        // a warning given (they were a thirtieth of `check`'s work when
        // made for every file).
        use crate::model::Choice;
        let reporting_hint = || {
            format!(
                "add [reporting] with frequency ({}), responsible and reports_to ({})",
                crate::model::Frequency::spellings(),
                crate::model::ReportsTo::spellings()
            )
        };
        let approval_hint = || {
            format!(
                "add [approval] with by ({}), date and portfolio_holder",
                crate::model::Approver::spellings()
            )
        };
        let partners_hint = || "add partners = [\"…\"] with the other organisations".to_string();
        let missing_warnings: [(&str, bool, Code, &str, &Hint<'_>); 3] = [
            (
                "reporting",
                e.reporting.is_none(),
                Code::NoReporting,
                "has no reporting programme",
                &reporting_hint,
            ),
            (
                "approval",
                e.approval.is_none(),
                Code::NoApproval,
                "has no record of the decision to join",
                &approval_hint,
            ),
            (
                "partners",
                e.partners.is_empty(),
                Code::NoPartners,
                "lists no partner organisations",
                &partners_hint,
            ),
        ];
        for (key, missing, code, what, hint) in missing_warnings {
            if missing {
                let span = if self.doc.get_ref().contains_key(key) {
                    self.span(&[key])
                } else {
                    status.clone()
                };
                self.push(span, code, key, format!("this active partnership {what}"), &hint());
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

    /// A direct contribution that is not in existing budgets goes to
    /// Cabinet (the policy also calls it the Executive). A proposed
    /// partnership may still be waiting for that decision; a declined one
    /// is not judged.
    fn unbudgeted_approval(&mut self) {
        let e = self.entry;
        if e.budgeted || e.budget_contribution_gbp == 0 || e.status == Status::Declined {
            return;
        }
        let by = e.approval.as_ref().and_then(|a| a.by);
        if matches!(by, Some(Approver::Cabinet | Approver::Executive)) {
            return;
        }
        if by.is_none() && e.status == Status::Proposed {
            let span = self.span(&["budgeted"]);
            self.push(
                span,
                Code::CabinetDecisionNeeded,
                "approval.by",
                "the contribution is not in existing budgets, so joining is still to go to Cabinet".into(),
                "once Cabinet has decided, record it: by = \"cabinet\" and the date under [approval]",
            );
            return;
        }
        let span = match by {
            Some(_) => self.span(&["approval", "by"]),
            None => self.span(&["budgeted"]),
        };
        let message = match by {
            Some(by) => {
                format!("a contribution not in existing budgets must be approved by Cabinet (the Executive), not {by}")
            }
            None => "a contribution not in existing budgets must be approved by Cabinet (the Executive)".into(),
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
            let hint = crate::diagnostic::hint::did_you_mean(code, known.keys().map(String::as_str))
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

    /// What `partreg init` wrote to show the format is not the council's
    /// register: its example entry, and priorities still titled
    /// "(replace me)". A warning, so a new register can be tried at once,
    /// and `check --strict` (the workflow init writes) fails until they go.
    fn placeholders(&mut self, known: Option<&BTreeMap<String, String>>) {
        if self.entry.name == EXAMPLE_NAME {
            let span = self.span(&["name"]);
            self.push(
                span,
                Code::Placeholder,
                "name",
                "this is the example entry `partreg init` wrote, not one of the council's partnerships".into(),
                "replace it with a real partnership (run `partreg add`, or edit this file), then delete this file",
            );
        }
        let Some(known) = known else { return };
        for (i, code) in self.entry.priorities.iter().enumerate() {
            let Some(title) = known.get(code).filter(|t| t.contains(PLACEHOLDER)) else {
                continue;
            };
            let span = self.span(&["priorities", &i.to_string()]);
            self.push(
                span,
                Code::Placeholder,
                &format!("priorities[{i}]"),
                format!("priority {} is still the placeholder {} from `partreg init`", quote(code), quote(title)),
                "list your council's own corporate priorities under [priorities] in partreg.toml (code = title), and use those codes here",
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
        let last = e
            .reviews
            .iter()
            .enumerate()
            .filter(|(_, r)| r.date <= as_of)
            .max_by_key(|(_, r)| r.date);
        let future = e
            .reviews
            .iter()
            .enumerate()
            .filter(|(_, r)| r.date > as_of)
            .min_by_key(|(_, r)| r.date);
        let mut message = match last {
            Some((_, r)) => format!("no review in the twelve months to {as_of}; the last was on {}", r.date),
            None => format!("no review in the twelve months to {as_of}"),
        };
        if let Some((_, r)) = future {
            message.push_str(&format!(
                "; the review dated {} is after {as_of}, so check its date",
                r.date
            ));
        }
        // Point at the review the message is about: the future one, else the last.
        let span = match future.or(last) {
            Some((i, _)) => self.span(&["reviews", &i.to_string()]),
            None => self.span(&["status"]),
        };
        self.push(
            span,
            Code::ReviewOverdue,
            "reviews",
            message,
            "review it and record the outcome in a [[reviews]] table",
        );
    }

    /// A recorded overall rating that differs from what the criteria give
    /// needs a rationale; a side with too few criteria rated gets a warning
    /// (for partnerships still in play), and its recorded rating stands.
    fn ratings(&mut self, side: &SideAssessment<'_>) {
        let name = side.side.as_str();
        if let (Some(recorded), Computed::Rating(computed)) = (side.recorded, side.computed)
            && recorded != computed
            && !side.has_rationale
        {
            let span = self.span(&[name, "overall"]);
            let score = match (self.rubric_method, side.score) {
                (crate::policy::rubric::Method::Mean, Some(s)) => format!(" (mean score {s:.2})"),
                _ => String::new(),
            };
            self.push(
                span,
                Code::RatingMismatch,
                &format!("{name}.overall"),
                format!("the recorded overall {name} is {recorded} but the criteria give {computed}{score}, and there is no rationale"),
                &format!(
                    "add rationale = \"…\" under [{name}] to explain the judgement, or set overall = \"{computed}\"; `partreg assess {} --explain` shows the working", self.id
                ),
            );
        }
        if side.computed == Computed::Incomplete && !matches!(self.entry.status, Status::Exited | Status::Declined) {
            let span = if self.doc.get_ref().contains_key(name) {
                self.span(&[name])
            } else {
                self.span(&["status"])
            };
            let counted = if side.side == assessment::Side::Risk {
                " (counting the resource contribution and time commitment)"
            } else {
                ""
            };
            self.push(
                span,
                Code::IncompleteAssessment,
                name,
                format!(
                    "only {} of the {} {name} criteria are rated{counted}; at least {} are needed to compute a rating",
                    side.rated.len(),
                    side.total,
                    side.needed
                ),
                &format!(
                    "rate more of the criteria under [{name}]; `partreg assess {} --interactive` walks through them",
                    self.id
                ),
            );
        }
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
