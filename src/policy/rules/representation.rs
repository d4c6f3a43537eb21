//! Rules from Council Representation and Roles and Responsibilities
//! (format Part 2): an active partnership has a Lead Officer, each
//! representative's role is clarified, and every place for Members is
//! filled.

use super::Rules;
use crate::diagnostic::Code;
use crate::model::{Date, RepresentativeLevel, Status};

impl Rules<'_, '_, '_> {
    /// The Lead Officer reports issues of concern to CMT; an active
    /// partnership without one has nobody to do so.
    pub(super) fn lead_officer(&mut self) {
        if self.entry.status != Status::Active || self.entry.lead_officer.is_some() {
            return;
        }
        let span = self.span(&["status"]);
        self.push(
            span,
            Code::NoLeadOfficer,
            "lead_officer",
            "this active partnership names no Lead Officer".into(),
            "add lead_officer = \"…\": the officer who reports issues of concern to the relevant member of CMT",
        );
    }

    /// "It is essential that the specific role expected of a Member or
    /// Officer is clarified at the time of their appointment."
    pub(super) fn roles_clarified(&mut self) {
        if self.entry.status != Status::Active {
            return;
        }
        for (i, rep) in self.entry.representatives.iter().enumerate() {
            if !rep.roles.is_empty() {
                continue;
            }
            let index = i.to_string();
            let span = if self.has(&["representatives", &index, "roles"]) {
                self.span(&["representatives", &index, "roles"])
            } else {
                self.span(&["representatives", &index, "name"])
            };
            self.push(
                span,
                Code::RoleNotClarified,
                &format!("representatives[{i}].roles"),
                format!("the role expected of {} has not been recorded", rep.name),
                "add roles = [\"…\"] to their [[representatives]] table, from: communication-channel, community-leader, report-to-council, work-together, promote-cohesion, monitor-performance, management-support, strategic-planning",
            );
        }
    }

    /// More places for Members than Members serving on the as-of date.
    pub(super) fn vacant_places(&mut self, as_of: Date) {
        let e = self.entry;
        let Some(places) = e.member_places.filter(|_| e.status == Status::Active) else {
            return;
        };
        let serving = serving_members(e, as_of);
        if usize::from(places) <= serving {
            return;
        }
        let vacant = usize::from(places) - serving;
        let span = self.span(&["member_places"]);
        let (noun, verb) = if vacant == 1 {
            ("place", "is")
        } else {
            ("places", "are")
        };
        self.push(
            span,
            Code::VacantPlace,
            "member_places",
            format!("the council has {places} places for Members but {serving} serving on {as_of}: {vacant} {noun} {verb} vacant"),
            "fill the place (the Executive may fill it during the year, with the Group Leaders) and add the Member as a [[representatives]] table, or correct member_places",
        );
    }
}

/// How many Members serve on `as_of`: appointed on or before it (or no
/// `appointed`) and with a term ending on or after it (or no `term_ends`).
pub fn serving_members(e: &crate::model::Entry, as_of: Date) -> usize {
    e.representatives
        .iter()
        .filter(|r| r.level == RepresentativeLevel::Member && r.serving_on(as_of))
        .count()
}
