//! Rules on the reporting programme (format Part 2): a last report dated in
//! the future, and a next report that is overdue.

use super::Rules;
use crate::diagnostic::Code;
use crate::model::{Date, Entry, Frequency, Status};

/// When the next report is due: the last report plus one period. `None`
/// without a frequency (or ad-hoc) or a last report.
pub fn next_report(e: &Entry) -> Option<Date> {
    let r = e.reporting.as_ref()?;
    let frequency = r.frequency.filter(|f| *f != Frequency::AdHoc)?;
    frequency.next_after(r.last_report?)
}

impl Rules<'_, '_, '_> {
    /// A last report after the as-of date is usually a mistyped date.
    pub(super) fn report_in_future(&mut self, as_of: Date) {
        let Some(last) = self.entry.reporting.as_ref().and_then(|r| r.last_report) else {
            return;
        };
        if last <= as_of {
            return;
        }
        let span = self.span(&["reporting", "last_report"]);
        self.push(
            span,
            Code::ReportDateFuture,
            "reporting.last_report",
            format!("the last report is dated {last}, after {as_of}"),
            "check the date: last_report is when the last report was submitted",
        );
    }

    /// The next report of an active partnership fell due before the as-of
    /// date.
    pub(super) fn report_overdue(&mut self, as_of: Date) {
        let e = self.entry;
        if e.status != Status::Active {
            return;
        }
        let Some(due) = next_report(e).filter(|due| *due < as_of) else {
            return;
        };
        let (frequency, last) = match &e.reporting {
            Some(r) => (r.frequency, r.last_report),
            None => return,
        };
        let (Some(frequency), Some(last)) = (frequency, last) else {
            return;
        };
        let span = self.span(&["reporting", "last_report"]);
        self.push(
            span,
            Code::ReportOverdue,
            "reporting.last_report",
            format!("the last report was on {last}; reporting {frequency}, the next was due by {due}"),
            "submit the report and update last_report under [reporting], or correct the frequency",
        );
    }
}
