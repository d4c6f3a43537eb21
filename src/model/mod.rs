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
mod date;
pub mod lenient;
pub mod schema;

pub use choice::Choice;
pub(crate) use choice::choice;
pub use date::Date;

use schemars::JsonSchema;
use serde::Serialize;

choice! {
    /// A rating on the policy's three-point scale.
    pub enum Level {
        Low = "low",
        Medium = "medium",
        High = "high",
    }
}

impl Level {
    /// The spelling in files: `high`, `medium`, `low`.
    pub fn as_str_lower(self) -> &'static str {
        Choice::as_str(self)
    }

    /// How the level is shown to people: High, Medium or Low.
    pub fn title(self) -> &'static str {
        match self {
            Level::Low => "Low",
            Level::Medium => "Medium",
            Level::High => "High",
        }
    }
}

choice! {
    /// Where the partnership is in its life.
    pub enum Status {
        /// Being considered; not yet joined.
        Proposed = "proposed",
        /// The council takes part.
        Active = "active",
        /// The council has decided to leave and is carrying out its exit strategy.
        Exiting = "exiting",
        /// The council has left.
        Exited = "exited",
        /// Considered and not joined.
        Declined = "declined",
    }
}

choice! {
    /// Whether the partnership steers or delivers.
    pub enum Kind {
        /// A strategic, steering or oversight function.
        Strategic = "strategic",
        /// An operational or delivery function.
        Operational = "operational",
    }
}

choice! {
    /// The four governance arrangements the policy names.
    pub enum Governance {
        /// A statutory requirement.
        Statutory = "statutory",
        /// A formal legal relationship with defined roles, responsibilities and obligations.
        FormalLegal = "formal-legal",
        /// A non-legal relationship: partners agree to work together for residents.
        NonLegal = "non-legal",
        /// An informal joint working arrangement around a project or programme.
        Informal = "informal",
    }
}

choice! {
    /// The council's role in the partnership.
    pub enum Role {
        /// We lead: we chair the meetings or are the lead partner.
        Control = "control",
        /// We have a direct effect on the decisions made.
        Influence = "influence",
        /// We attend to gain expertise and advice from the other partners.
        Information = "information",
    }
}

choice! {
    /// How often something happens.
    pub enum Frequency {
        Weekly = "weekly",
        Fortnightly = "fortnightly",
        Monthly = "monthly",
        Bimonthly = "bimonthly",
        Quarterly = "quarterly",
        HalfYearly = "half-yearly",
        Annually = "annually",
        AdHoc = "ad-hoc",
    }
}

choice! {
    /// The position or level of a council representative.
    pub enum RepresentativeLevel {
        /// An elected member (councillor).
        Member = "member",
        /// A member of the Corporate Management Team.
        Cmt = "cmt",
        /// A member of the Senior Management Team.
        Smt = "smt",
        /// Another officer.
        Officer = "officer",
    }
}

choice! {
    /// Where reports on the partnership go.
    pub enum ReportsTo {
        Cmt = "cmt",
        Cabinet = "cabinet",
        Scrutiny = "scrutiny",
        Executive = "executive",
        Council = "council",
        PortfolioHolder = "portfolio-holder",
    }
}

choice! {
    /// Who decided that the council should join.
    pub enum Approver {
        Cmt = "cmt",
        Cabinet = "cabinet",
        Executive = "executive",
        Council = "council",
    }
}

choice! {
    /// Why the council is leaving a partnership.
    pub enum ExitReason {
        /// The partnership no longer delivers its agreed outcomes.
        OutcomesNotDelivered = "outcomes-not-delivered",
        /// The partnership has achieved what it set out to.
        OutcomesAchieved = "outcomes-achieved",
        /// It no longer serves the Corporate Priorities, or they have changed.
        PrioritiesChanged = "priorities-changed",
        /// External funding has ended, so it is no longer effective.
        FundingEnded = "funding-ended",
        /// The risk of staying outweighs the benefits.
        RiskOutweighsBenefit = "risk-outweighs-benefit",
        Other = "other",
    }
}

choice! {
    /// Who approved an exit strategy.
    pub enum ExitApprover {
        /// The Corporate Management Team, with the Portfolio Holder.
        Cmt = "cmt",
        /// The Executive, for particularly significant partnerships.
        Executive = "executive",
    }
}

choice! {
    /// What an annual review decided.
    pub enum Outcome {
        Continue = "continue",
        Renegotiate = "renegotiate",
        Exit = "exit",
    }
}

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
    /// One table per annual review of the partnership.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[serde(default)]
    pub reviews: Vec<Review>,
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
}

/// The Appendix B risk criteria. The council resource contribution is not
/// written here: it is always worked out from `budget_contribution_gbp`.
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// Considerable (high), moderate (medium) or minimal (low) time commitment from the council. Worked out from staff_hours_per_month when left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_commitment: Option<Level>,
    /// If the partnership failed: medium- to long-term problems (high), short-term problems (medium) or an inconvenience (low).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_impact: Option<Level>,
    /// Impact on achieving the council's priorities: critical (high), moderate (medium) or not material (low).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority_impact: Option<Level>,
    /// Reputation impact: serious, sub-regional or national (high); moderate, local (medium); minimal (low).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reputation: Option<Level>,
    /// Importance for the administration: significant (high), moderate (medium), little or none (low).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub administration: Option<Level>,
    /// The recorded Overall Risk Assessment. Required for an active partnership.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overall: Option<Level>,
    /// Why the recorded overall rating differs from the computed one. Required when they differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
}

/// The Appendix B value criteria.
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Value {
    /// Contribution to delivering the Corporate Plan: significant, moderate or little.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corporate_plan: Option<Level>,
    /// Reduction in the cost of service delivery: significant, some or none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost_reduction: Option<Level>,
    /// Opportunity to access external funding: significant, some, little or none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_funding: Option<Level>,
    /// Enhancement of the council's reputation: significant, moderate or little.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reputation: Option<Level>,
    /// Improvement to service delivery: significant, moderate or minimal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_delivery: Option<Level>,
    /// Improvement to service resilience: significant, moderate or minimal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resilience: Option<Level>,
    /// Influence on decisions and policy: key sub-regionally and locally (high), key locally (medium), minimal (low).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub influence: Option<Level>,
    /// Support for delivering a statutory function: significant, moderate or none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statutory_function: Option<Level>,
    /// Benefit against the time and money invested: benefit exceeds investment (high), is in proportion (medium), or investment exceeds benefit (low).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benefit_vs_investment: Option<Level>,
    /// The recorded Overall Value Assessment. Required for an active partnership.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overall: Option<Level>,
    /// Why the recorded overall rating differs from the computed one. Required when they differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
}

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
    /// Where the reports are submitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reports_to: Option<ReportsTo>,
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
}

/// Answers to the Appendix C questions for assessing new and existing
/// partnerships. Every answer is optional free text.
#[derive(Clone, Debug, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Questions {
    /// Governance: what is the structure of the partnership or committee?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub structure: Option<String>,
    /// Governance: who has decision-making power?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision_makers: Option<String>,
    /// Governance: who represents the council at each level?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub representation: Option<String>,
    /// Governance: what power does each person have?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_powers: Option<String>,
    /// Governance: which other authorities are involved?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_authorities: Option<String>,
    /// Governance: how does information feed back to the council?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feedback: Option<String>,
    /// Officer resources: which council officers are involved?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub officers: Option<String>,
    /// Officer resources: how much time does the partnership take, in hours a week?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours_per_week: Option<String>,
    /// Officer resources: what is their role within the partnership?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub officer_roles: Option<String>,
    /// Finance: does the council make a financial contribution?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contribution: Option<String>,
    /// Finance: which budget is it from?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contribution_budget: Option<String>,
    /// Finance: is it a one-off or an annual payment?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment: Option<String>,
    /// Finance: who else contributes?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_contributors: Option<String>,
    /// Finance: does the council receive funding through being in the partnership?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funding_received: Option<String>,
    /// Finance: what is the money spent on?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spending: Option<String>,
    /// Effectiveness: is the partnership effective, and why?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective: Option<String>,
    /// Effectiveness: how could it be made more effective?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub improvements: Option<String>,
    /// Effectiveness: what is the partnership trying to achieve?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aims: Option<String>,
    /// Effectiveness: is it achieving it?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub achieving: Option<String>,
    /// Effectiveness: can the council help to make it better?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub council_help: Option<String>,
    /// Importance: is the partnership important to us, and why?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub importance: Option<String>,
    /// Importance: how is it linked to the corporate priorities?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority_link: Option<String>,
    /// Importance: does the partnership employ anyone?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub employs_staff: Option<String>,
    /// Importance: are there emerging strategic or political agendas the partnership can help with?
    #[serde(skip_serializing_if = "Option::is_none")]
    pub political_agendas: Option<String>,
}

impl Questions {
    /// The Appendix C question keys, in the policy's order.
    pub const KEYS: [&'static str; 24] = [
        "structure",
        "decision_makers",
        "representation",
        "member_powers",
        "other_authorities",
        "feedback",
        "officers",
        "hours_per_week",
        "officer_roles",
        "contribution",
        "contribution_budget",
        "payment",
        "other_contributors",
        "funding_received",
        "spending",
        "effective",
        "improvements",
        "aims",
        "achieving",
        "council_help",
        "importance",
        "priority_link",
        "employs_staff",
        "political_agendas",
    ];

    /// The answer slot for a question key.
    pub fn slot(&mut self, key: &str) -> Option<&mut Option<String>> {
        Some(match key {
            "structure" => &mut self.structure,
            "decision_makers" => &mut self.decision_makers,
            "representation" => &mut self.representation,
            "member_powers" => &mut self.member_powers,
            "other_authorities" => &mut self.other_authorities,
            "feedback" => &mut self.feedback,
            "officers" => &mut self.officers,
            "hours_per_week" => &mut self.hours_per_week,
            "officer_roles" => &mut self.officer_roles,
            "contribution" => &mut self.contribution,
            "contribution_budget" => &mut self.contribution_budget,
            "payment" => &mut self.payment,
            "other_contributors" => &mut self.other_contributors,
            "funding_received" => &mut self.funding_received,
            "spending" => &mut self.spending,
            "effective" => &mut self.effective,
            "improvements" => &mut self.improvements,
            "aims" => &mut self.aims,
            "achieving" => &mut self.achieving,
            "council_help" => &mut self.council_help,
            "importance" => &mut self.importance,
            "priority_link" => &mut self.priority_link,
            "employs_staff" => &mut self.employs_staff,
            "political_agendas" => &mut self.political_agendas,
            _ => return None,
        })
    }
}

/// The risk criterion keys a file may record, in the policy's order. The
/// resource criterion is absent on purpose: it is always computed.
pub const RISK_KEYS: [&str; 5] = [
    "time_commitment",
    "failure_impact",
    "priority_impact",
    "reputation",
    "administration",
];

/// The value criterion keys, in the policy's order.
pub const VALUE_KEYS: [&str; 9] = [
    "corporate_plan",
    "cost_reduction",
    "external_funding",
    "reputation",
    "service_delivery",
    "resilience",
    "influence",
    "statutory_function",
    "benefit_vs_investment",
];

/// What the two sides of Appendix B have in common: recorded criteria, an
/// overall rating and its rationale. Lets one decoder read either table.
pub trait Ratings: Default {
    /// The criterion keys a file may record, in the policy's order.
    const KEYS: &'static [&'static str];
    /// The recorded level of a criterion key from [`Ratings::KEYS`].
    fn slot(&mut self, key: &str) -> Option<&mut Option<Level>>;
    fn overall_mut(&mut self) -> &mut Option<Level>;
    fn rationale_mut(&mut self) -> &mut Option<String>;
}

impl Ratings for Risk {
    const KEYS: &'static [&'static str] = &RISK_KEYS;

    fn slot(&mut self, key: &str) -> Option<&mut Option<Level>> {
        Risk::slot(self, key)
    }

    fn overall_mut(&mut self) -> &mut Option<Level> {
        &mut self.overall
    }

    fn rationale_mut(&mut self) -> &mut Option<String> {
        &mut self.rationale
    }
}

impl Ratings for Value {
    const KEYS: &'static [&'static str] = &VALUE_KEYS;

    fn slot(&mut self, key: &str) -> Option<&mut Option<Level>> {
        Value::slot(self, key)
    }

    fn overall_mut(&mut self) -> &mut Option<Level> {
        &mut self.overall
    }

    fn rationale_mut(&mut self) -> &mut Option<String> {
        &mut self.rationale
    }
}

impl Risk {
    /// The recorded level of a criterion, by its key.
    pub fn level(&self, key: &str) -> Option<Level> {
        match key {
            "time_commitment" => self.time_commitment,
            "failure_impact" => self.failure_impact,
            "priority_impact" => self.priority_impact,
            "reputation" => self.reputation,
            "administration" => self.administration,
            _ => None,
        }
    }

    /// The recorded level of a criterion key from [`RISK_KEYS`].
    pub fn slot(&mut self, key: &str) -> Option<&mut Option<Level>> {
        Some(match key {
            "time_commitment" => &mut self.time_commitment,
            "failure_impact" => &mut self.failure_impact,
            "priority_impact" => &mut self.priority_impact,
            "reputation" => &mut self.reputation,
            "administration" => &mut self.administration,
            _ => return None,
        })
    }
}

impl Value {
    /// The recorded level of a criterion, by its key.
    pub fn level(&self, key: &str) -> Option<Level> {
        match key {
            "corporate_plan" => self.corporate_plan,
            "cost_reduction" => self.cost_reduction,
            "external_funding" => self.external_funding,
            "reputation" => self.reputation,
            "service_delivery" => self.service_delivery,
            "resilience" => self.resilience,
            "influence" => self.influence,
            "statutory_function" => self.statutory_function,
            "benefit_vs_investment" => self.benefit_vs_investment,
            _ => None,
        }
    }

    /// The recorded level of a criterion key from [`VALUE_KEYS`].
    pub fn slot(&mut self, key: &str) -> Option<&mut Option<Level>> {
        Some(match key {
            "corporate_plan" => &mut self.corporate_plan,
            "cost_reduction" => &mut self.cost_reduction,
            "external_funding" => &mut self.external_funding,
            "reputation" => &mut self.reputation,
            "service_delivery" => &mut self.service_delivery,
            "resilience" => &mut self.resilience,
            "influence" => &mut self.influence,
            "statutory_function" => &mut self.statutory_function,
            "benefit_vs_investment" => &mut self.benefit_vs_investment,
            _ => return None,
        })
    }
}
