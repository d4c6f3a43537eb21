//! The register's domain types: one [`Entry`] per partnership file, with the
//! Appendix A fields, the Appendix B ratings, the reporting programme, the
//! decision to join, the exit strategy, annual reviews and the Appendix C
//! answers.
//!
//! These types are what a *valid* file means. They are built by
//! [`crate::store::decode`], which reports every fault it finds on the way, and they
//! are the source of `schemas/partnership.schema.json` (`partreg schema`):
//! the doc comments below become the schema's descriptions, so editors show
//! them as help.

mod choice;
pub mod date;
pub mod lenient;
pub mod period;
pub mod schema;

pub use choice::Choice;
pub(crate) use choice::choice;
pub use date::Date;

use schemars::JsonSchema;
use serde::Serialize;

mod case;
mod concerns;
mod decisions;
mod labels;
mod questions;
mod ratings;
mod representation;
mod vocabulary;
pub use case::*;
pub use concerns::*;
pub use decisions::*;
pub use labels::Label;
pub use questions::*;
pub use ratings::*;
pub use representation::*;
pub use vocabulary::*;

/// One partnership on the register: the contents of `register/<id>.toml`.
/// The id is the file's name, so it is not repeated inside the file.
#[derive(Clone, Debug, Serialize, JsonSchema)]
#[schemars(
    title = "Partnership register entry",
    description = "One partnership on the council's Partnership Register (Partnership Policy, Appendices A to C). The file name, without .toml, is its id."
)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// What is the name of the partnership?
    #[schemars(length(min = 1, max = 200))]
    pub name: String,
    /// Within the partnership, which organisation is the lead partner?
    pub lead_partner: String,
    /// The other organisations in the partnership. An active partnership without any gets a warning.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub partners: Vec<String>,
    /// Where the partnership is in its life.
    pub status: Status,
    /// What is the partnership for? Its purpose, in a sentence or two.
    pub function: String,
    /// The key partnership objectives. An active partnership needs at least one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Does the partnership have a strategic (steering, oversight) or an operational (delivery) function? This should decide the level of representation.
    pub kind: Kind,
    /// Is this a statutory partnership the council is obliged to attend?
    pub statutory: bool,
    /// The governance arrangement: statutory, formal legal relationship, non-legal relationship or informal joint working.
    pub governance: Governance,
    /// What is our role in the partnership: control (we lead or chair), influence (we shape decisions) or information (we gather expertise and advice)?
    pub role: Role,
    /// How often do the partnership's meetings take place?
    pub meeting_frequency: Frequency,
    /// The codes of the corporate priorities or critical outcomes the partnership helps to deliver. An active partnership needs at least one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub priorities: Vec<String>,
    /// Estimated staff hours a month spent on the partnership: meetings, preparation (including briefing members), administration and follow-up work.
    #[schemars(range(min = 0.0))]
    pub staff_hours_per_month: f64,
    /// Estimated financial contribution by the council, in whole pounds a year, including partnership projects.
    #[schemars(range(min = 0))]
    pub budget_contribution_gbp: u64,
    /// Is the contribution already in existing budgets? If not, joining needs Cabinet approval.
    #[serde(default = "default_true")]
    pub budgeted: bool,
    /// Which budget the contribution comes from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_source: Option<String>,
    /// What would happen if the council left? Service delivery (inconvenience, short- or long-term repercussions), reputation, financial penalties and risks.
    pub exit_impact: String,
    /// What the partnership brings the council: access to funding and pooled resources, influence over key policy and decisions, reputation.
    pub value_summary: String,
    /// How is information from the partnership shared with the officers and members who need it, and with other councils?
    pub information_sharing: String,
    /// Comments and recommendations on future actions for the partnership.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments: Option<String>,
    /// When the council joined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started: Option<Date>,
    /// Where the terms of reference or partnership agreement are kept (paths or web addresses).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub documents: Vec<String>,
    /// The Lead Officer, who reports issues of concern to the relevant member of CMT. An active partnership without one gets a warning.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_officer: Option<String>,
    /// How many places for Members the council has on the body (0 to 50).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 50))]
    pub member_places: Option<u8>,
    /// The members and officers who represent the council. An active partnership needs at least one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub representatives: Vec<Representative>,
    /// Appendix B risk criteria and the recorded Overall Risk Assessment.
    #[serde(default)]
    pub risk: Risk,
    /// Appendix B value criteria and the recorded Overall Value Assessment.
    #[serde(default)]
    pub value: Value,
    /// The reporting programme: how often, by whom and to where the partnership is reported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reporting: Option<Reporting>,
    /// The decision to join the partnership.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval: Option<Approval>,
    /// The exit strategy. Required when the status is exiting or exited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit: Option<Exit>,
    /// The case for joining (for a proposed partnership).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case: Option<Case>,
    /// One table per annual review of the partnership.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub reviews: Vec<Review>,
    /// Issues of concern, raised by the Lead Officer or a Member as they arise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub concerns: Vec<Concern>,
    /// Answers to the Appendix C questions for assessing a partnership.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub questions: Option<Questions>,
}

fn default_true() -> bool {
    true
}

/// A member or officer who represents the council on the partnership.
#[derive(Clone, Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Representative {
    /// Who attends for the council.
    pub name: String,
    /// Their position or level: member, cmt, smt or officer.
    pub level: RepresentativeLevel,
    /// Their place on the partnership, e.g. "Chair" or "Board member".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// When they were appointed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appointed: Option<Date>,
    /// When the appointment ends; not before `appointed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term_ends: Option<Date>,
    /// The roles expected of them, clarified at appointment. A representative of an active partnership without any gets a warning.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub roles: Vec<ExpectedRole>,
    /// The kind of appointment: annual, four-year or open-ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<Term>,
    /// Who made the appointment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appointed_by: Option<AppointedBy>,
}
