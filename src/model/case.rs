//! The case for joining a partnership (format Part 2, `[case]`), from the
//! policy's "When is a partnership appropriate?" and "Criteria for entering
//! into a new partnership".

use schemars::JsonSchema;
use serde::Serialize;

use super::choice;

choice! {
    /// A ground on which a partnership is appropriate.
    pub enum Ground {
        /// There is synergy between the partners.
        Synergy = "synergy",
        /// There is a clear benefit to the council and the district.
        ClearBenefit = "clear-benefit",
        /// The council has a statutory duty to take part.
        StatutoryDuty = "statutory-duty",
        /// The partners share a common purpose.
        CommonPurpose = "common-purpose",
        /// Outcomes need a coordinated approach.
        CoordinatedOutcomes = "coordinated-outcomes",
        /// The whole is more than the sum of its parts.
        MoreThanSum = "more-than-sum",
        /// The risk is acceptable.
        AcceptableRisk = "acceptable-risk",
        /// All parties agree.
        AllPartiesAgree = "all-parties-agree",
    }
}

/// The case for joining. Every key is optional.
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// The grounds on which the partnership is appropriate.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub grounds: Vec<Ground>,
    /// Does it support the council's corporate policies and priorities?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supports_corporate_policies: Option<bool>,
    /// Will it benefit the district?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benefits_district: Option<bool>,
    /// Will it achieve more than the council could alone?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub better_than_alone: Option<bool>,
    /// Are arrangements in place to monitor it?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monitoring_in_place: Option<bool>,
}
