//! The register's closed vocabularies, declared with [`choice!`]: levels,
//! statuses, kinds of partnership, roles, frequencies, approvers and outcomes.
//! Each value's doc comment is its meaning in the JSON Schema.

use super::Choice;
use super::choice;

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
