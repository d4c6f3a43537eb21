//! The records of what the council decided and how it keeps watch: the
//! reporting programme, the decision to join, the exit strategy and the
//! annual reviews.

use super::Approver;
use super::DataAssurance;
use super::Date;
use super::ExitApprover;
use super::ExitReason;
use super::Frequency;
use super::Outcome;
use super::ReportsTo;
use schemars::JsonSchema;
use serde::Serialize;

/// The reporting programme for the partnership.
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reporting {
    /// How often the partnership is reported on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frequency: Option<Frequency>,
    /// The member or officer responsible for reporting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub responsible: Option<String>,
    /// Where the reports are submitted: one place, or a list of them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    #[schemars(schema_with = "one_or_many_reports_to")]
    pub reports_to: Vec<ReportsTo>,
    /// When the last report was submitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_report: Option<Date>,
    /// The assurance on partnership or third-party data reported through the Corporate Plan and Quarterly Performance Reports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<DataAssurance>,
    /// The caveat printed with that data. Required when `data` is estimate or unverified.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caveat: Option<String>,
}

/// `reports_to` in a file may be one value or a list (Part 2 widened it;
/// a single string stays valid), so the schema allows both.
fn one_or_many_reports_to(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let one = generator.subschema_for::<ReportsTo>();
    schemars::json_schema!({
        "description": "Where the reports are submitted: one place, or a list of them.",
        "anyOf": [
            one,
            { "type": "array", "items": one }
        ]
    })
}

/// The decision to join.
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// Who approved joining. A contribution not in existing budgets must go to Cabinet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<Approver>,
    /// When it was approved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The Portfolio Holder consulted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub portfolio_holder: Option<String>,
}

/// The exit strategy: the risks of leaving and the controls that limit them.
#[derive(Clone, Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exit {
    /// Why the council is leaving.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub reasons: Vec<ExitReason>,
    /// The risks of no longer being in the partnership, explained in detail.
    pub risks: String,
    /// The controls put in place to limit the impact of leaving.
    pub controls: String,
    /// Who approved the exit strategy: CMT, or the Executive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<ExitApprover>,
    /// When the exit strategy was approved. Required once the council has exited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approved_on: Option<Date>,
    /// Is this a particularly significant partnership?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub significant: Option<bool>,
    /// Has the Executive reviewed the exit strategy? Required (true) before a significant partnership is marked exited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub executive_reviewed: Option<bool>,
    /// The Portfolio Holder consulted on the exit strategy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub portfolio_holder: Option<String>,
}

/// One annual review of the partnership.
#[derive(Clone, Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// The review year, e.g. 2026. At most one review a year.
    pub year: i64,
    /// When the review took place.
    pub date: Date,
    /// Who carried out the review.
    pub reviewer: String,
    /// What was decided: continue, renegotiate or exit.
    pub outcome: Outcome,
    /// Notes on the review.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The budget allocated for the coming year, in whole pounds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0))]
    pub budget_gbp: Option<u64>,
    /// Is the allocation only "in principle"?
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_principle: bool,
}
