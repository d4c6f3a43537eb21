//! Issues of concern (format Part 2, `[[concerns]]`): "Any issues of
//! concern… should be reported by the Lead Officer to the relevant member of
//! CMT as they arise".

use schemars::JsonSchema;
use serde::Serialize;

use super::{Date, choice};

choice! {
    /// Whether a concern is still being dealt with.
    pub enum ConcernStatus {
        Open = "open",
        Closed = "closed",
    }
}

/// One issue of concern, raised as it arose.
#[derive(Clone, Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Concern {
    /// When it was raised.
    pub raised: Date,
    /// The Lead Officer or Member who raised it.
    pub by: String,
    /// What the concern is.
    pub summary: String,
    /// The CMT member or Portfolio Holder it was reported to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalated_to: Option<String>,
    /// The advice given on the course of action.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
    /// open or closed.
    pub status: ConcernStatus,
    /// When it was closed; required when the status is closed, not before `raised`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed: Option<Date>,
}
