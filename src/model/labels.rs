//! How the register's closed vocabularies read to people: the one mapping
//! from a file's token (`retain-manage-risk`, `cmt`, `portfolio-holder`) to
//! the words the policy uses (Retain and manage the risk, CMT, Portfolio
//! Holder). Every human format (tables, Markdown, HTML) shows [`Label::label`];
//! machine formats (CSV, JSON) keep the token and add the label beside it.
//!
//! The labels live here, apart from the [`choice!`](super::choice) lists,
//! so that each match is exhaustive: a new value cannot be added to a list
//! without its words.

use super::{
    AppointedBy, Approver, ConcernStatus, DataAssurance, ExitApprover, ExitReason, ExpectedRole, Frequency, Governance,
    Ground, Kind, Level, Outcome, ReportsTo, RepresentativeLevel, Role, Status, Term,
};

/// A value's words for people.
pub trait Label: Copy {
    /// The value as the policy writes it, capitalised for a table cell.
    fn label(self) -> &'static str;
}

impl Label for Level {
    fn label(self) -> &'static str {
        self.title()
    }
}

impl Label for Status {
    fn label(self) -> &'static str {
        match self {
            Status::Proposed => "Proposed",
            Status::Active => "Active",
            Status::Exiting => "Exiting",
            Status::Exited => "Exited",
            Status::Declined => "Declined",
        }
    }
}

impl Label for Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Strategic => "Strategic",
            Kind::Operational => "Operational",
        }
    }
}

impl Label for Governance {
    fn label(self) -> &'static str {
        match self {
            Governance::Statutory => "Statutory",
            Governance::FormalLegal => "Formal legal",
            Governance::NonLegal => "Non-legal",
            Governance::Informal => "Informal",
        }
    }
}

impl Label for Role {
    fn label(self) -> &'static str {
        match self {
            Role::Control => "Control",
            Role::Influence => "Influence",
            Role::Information => "Information",
        }
    }
}

impl Label for Frequency {
    fn label(self) -> &'static str {
        match self {
            Frequency::Weekly => "Weekly",
            Frequency::Fortnightly => "Fortnightly",
            Frequency::Monthly => "Monthly",
            Frequency::Bimonthly => "Every two months",
            Frequency::Quarterly => "Quarterly",
            Frequency::HalfYearly => "Half-yearly",
            Frequency::Annually => "Annually",
            Frequency::AdHoc => "As needed",
        }
    }
}

impl Label for RepresentativeLevel {
    fn label(self) -> &'static str {
        match self {
            RepresentativeLevel::Member => "Member",
            RepresentativeLevel::Cmt => "CMT",
            RepresentativeLevel::Smt => "SMT",
            RepresentativeLevel::Officer => "Officer",
        }
    }
}

impl Label for ReportsTo {
    fn label(self) -> &'static str {
        match self {
            ReportsTo::Cmt => "CMT",
            ReportsTo::Cabinet => "Cabinet",
            ReportsTo::Scrutiny => "Scrutiny",
            ReportsTo::Executive => "Executive",
            ReportsTo::Council => "Council",
            ReportsTo::PortfolioHolder => "Portfolio Holder",
        }
    }
}

impl Label for Approver {
    fn label(self) -> &'static str {
        match self {
            Approver::Cmt => "CMT",
            Approver::Cabinet => "Cabinet",
            Approver::Executive => "Executive",
            Approver::Council => "Council",
        }
    }
}

impl Label for ExitReason {
    fn label(self) -> &'static str {
        match self {
            ExitReason::OutcomesNotDelivered => "Outcomes not delivered",
            ExitReason::OutcomesAchieved => "Outcomes achieved",
            ExitReason::PrioritiesChanged => "Priorities changed",
            ExitReason::FundingEnded => "Funding ended",
            ExitReason::RiskOutweighsBenefit => "Risk outweighs the benefit",
            ExitReason::Other => "Other",
        }
    }
}

impl Label for ExitApprover {
    fn label(self) -> &'static str {
        match self {
            ExitApprover::Cmt => "CMT",
            ExitApprover::Executive => "Executive",
        }
    }
}

impl Label for Outcome {
    fn label(self) -> &'static str {
        match self {
            Outcome::Continue => "Continue",
            Outcome::Renegotiate => "Renegotiate",
            Outcome::Exit => "Exit",
        }
    }
}

impl Label for DataAssurance {
    fn label(self) -> &'static str {
        match self {
            DataAssurance::Verified => "Verified",
            DataAssurance::Estimate => "Estimate",
            DataAssurance::Unverified => "Unverified",
        }
    }
}

impl Label for ExpectedRole {
    /// The policy's words, as guided `add` offers them, capitalised.
    fn label(self) -> &'static str {
        match self {
            ExpectedRole::CommunicationChannel => "Act as a communication channel",
            ExpectedRole::CommunityLeader => "Act as a community leader",
            ExpectedRole::ReportToCouncil => "Report to Council",
            ExpectedRole::WorkTogether => "Work together",
            ExpectedRole::PromoteCohesion => "Promote cohesion",
            ExpectedRole::MonitorPerformance => "Monitor performance",
            ExpectedRole::ManagementSupport => "Provide management and administrative support",
            ExpectedRole::StrategicPlanning => "Contribute to strategic planning",
        }
    }
}

impl Label for Term {
    fn label(self) -> &'static str {
        match self {
            Term::Annual => "Annual",
            Term::FourYear => "Four-year",
            Term::Open => "Open-ended",
        }
    }
}

impl Label for AppointedBy {
    fn label(self) -> &'static str {
        match self {
            AppointedBy::AnnualCouncil => "Annual Council",
            AppointedBy::Council => "Council",
            AppointedBy::Executive => "Executive",
            AppointedBy::Cmt => "CMT",
            AppointedBy::Smt => "SMT",
        }
    }
}

impl Label for Ground {
    fn label(self) -> &'static str {
        match self {
            Ground::Synergy => "Synergy between the partners",
            Ground::ClearBenefit => "A clear benefit to the council and the district",
            Ground::StatutoryDuty => "A statutory duty",
            Ground::CommonPurpose => "A common purpose",
            Ground::CoordinatedOutcomes => "Outcomes that need a coordinated approach",
            Ground::MoreThanSum => "More than the sum of its parts",
            Ground::AcceptableRisk => "An acceptable risk",
            Ground::AllPartiesAgree => "All parties agree",
        }
    }
}

impl Label for ConcernStatus {
    fn label(self) -> &'static str {
        match self {
            ConcernStatus::Open => "Open",
            ConcernStatus::Closed => "Closed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Choice;

    /// Every label is words, never the token with its hyphens.
    fn words<T: Label + Choice>() {
        for v in T::ALL {
            let label = v.label();
            assert!(!label.is_empty());
            assert!(label.chars().next().is_some_and(char::is_uppercase), "{label}");
            assert!(!label.contains("--") && label != v.as_str(), "{label}");
        }
    }

    #[test]
    fn labels_are_words_not_tokens() {
        words::<Level>();
        words::<Status>();
        words::<Kind>();
        words::<Governance>();
        words::<Role>();
        words::<Frequency>();
        words::<RepresentativeLevel>();
        words::<ReportsTo>();
        words::<Approver>();
        words::<ExitReason>();
        words::<ExitApprover>();
        words::<Outcome>();
        words::<DataAssurance>();
        words::<ExpectedRole>();
        words::<Term>();
        words::<AppointedBy>();
        words::<Ground>();
        words::<ConcernStatus>();
        words::<crate::policy::rubric::Recommendation>();
    }

    #[test]
    fn roles_read_as_the_policy_words_them() {
        for role in ExpectedRole::ALL {
            assert!(role.label().eq_ignore_ascii_case(role.wording()), "{role:?}");
        }
    }

    #[test]
    fn the_policy_spells_its_bodies() {
        assert_eq!(ReportsTo::PortfolioHolder.label(), "Portfolio Holder");
        assert_eq!(ReportsTo::Cmt.label(), "CMT");
        assert_eq!(ReportsTo::Cabinet.label(), "Cabinet");
    }
}
