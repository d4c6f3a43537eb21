//! Rules on the council's decisions (format Part 2): an exit decided at
//! review but not acted on, a new partnership not yet assessed against
//! Appendix C, and a CMT decision without its Portfolio Holder.

use super::Rules;
use crate::diagnostic::Code;
use crate::model::{Approver, Outcome, Questions, Status};

impl Rules<'_, '_, '_> {
    /// The latest review of an active partnership decided to exit.
    pub(super) fn exit_decided(&mut self) {
        let e = self.entry;
        if e.status != Status::Active {
            return;
        }
        let Some((i, review)) = e.reviews.iter().enumerate().max_by_key(|(_, r)| r.year) else {
            return;
        };
        if review.outcome != Outcome::Exit {
            return;
        }
        let span = self.span(&["reviews", &i.to_string(), "outcome"]);
        self.push(
            span,
            Code::ExitDecided,
            &format!("reviews[{i}].outcome"),
            format!(
                "the {} review decided to exit, but the partnership is still active",
                review.year
            ),
            "set status = \"exiting\" and add an [exit] table with the exit strategy (risks, controls)",
        );
    }

    /// A proposed partnership should be assessed with the Appendix C
    /// questions before the decision to join.
    pub(super) fn new_partnership_assessed(&mut self) {
        let e = self.entry;
        if e.status != Status::Proposed {
            return;
        }
        let answered = e.questions.as_ref().map_or(0, answered);
        let total = Questions::KEYS.len();
        if answered * 2 >= total {
            return;
        }
        let span = if e.questions.is_some() {
            self.span(&["questions"])
        } else {
            self.span(&["status"])
        };
        self.push(
            span,
            Code::NewPartnershipUnassessed,
            "questions",
            format!(
                "only {answered} of the {total} Appendix C questions are answered; a new partnership should be assessed with at least half of them"
            ),
            &format!(
                "answer the questions under [questions]; `partreg add --interactive` asks them, or see `partreg show {}`",
                self.id
            ),
        );
    }

    /// CMT decides with the relevant Portfolio Holder.
    pub(super) fn portfolio_holder(&mut self) {
        let e = self.entry;
        if !matches!(e.status, Status::Proposed | Status::Active | Status::Exiting) {
            return;
        }
        let Some(approval) = &e.approval else { return };
        if approval.by != Some(Approver::Cmt) || approval.portfolio_holder.is_some() {
            return;
        }
        let span = self.span(&["approval", "by"]);
        self.push(
            span,
            Code::NoPortfolioHolder,
            "approval.portfolio_holder",
            "CMT approved joining, but no Portfolio Holder is recorded".into(),
            "add portfolio_holder = \"…\" under [approval]: CMT decides with the relevant Portfolio Holder",
        );
    }
}

/// How many Appendix C questions have a non-blank answer.
pub fn answered(q: &Questions) -> usize {
    let mut q = q.clone();
    Questions::KEYS
        .iter()
        .filter(|k| {
            q.slot(k)
                .is_some_and(|a| a.as_deref().is_some_and(|a| !a.trim().is_empty()))
        })
        .count()
}
