//! The vocabularies of Council Representation and Roles and Responsibilities
//! (format Part 2): the role expected of a representative, the kind of term
//! and who made the appointment, and the assurance on reported data.

use super::{Date, Representative, choice};

impl Representative {
    /// Whether they serve on `day`: appointed on or before it (or no
    /// `appointed`) and with a term ending on or after it (or no
    /// `term_ends`).
    pub fn serving_on(&self, day: Date) -> bool {
        self.appointed.is_none_or(|a| a <= day) && self.term_ends.is_none_or(|t| t >= day)
    }
}

choice! {
    /// The role expected of a Member or Officer, clarified at appointment
    /// (the policy's eight roles, in its order).
    pub enum ExpectedRole {
        /// A communication channel between the council and the body.
        CommunicationChannel = "communication-channel",
        /// A community leader for the district.
        CommunityLeader = "community-leader",
        /// Reporting back to the council on the body's work.
        ReportToCouncil = "report-to-council",
        /// Helping the council and the body work together.
        WorkTogether = "work-together",
        /// Promoting community cohesion.
        PromoteCohesion = "promote-cohesion",
        /// Monitoring the body's performance.
        MonitorPerformance = "monitor-performance",
        /// Management support (officers).
        ManagementSupport = "management-support",
        /// Strategic planning.
        StrategicPlanning = "strategic-planning",
    }
}

impl ExpectedRole {
    /// The role in the policy's own words ("their role could require them to …").
    pub fn wording(self) -> &'static str {
        match self {
            ExpectedRole::CommunicationChannel => "act as a communication channel",
            ExpectedRole::CommunityLeader => "act as a community leader",
            ExpectedRole::ReportToCouncil => "report to Council",
            ExpectedRole::WorkTogether => "work together",
            ExpectedRole::PromoteCohesion => "promote cohesion",
            ExpectedRole::MonitorPerformance => "monitor performance",
            ExpectedRole::ManagementSupport => "provide management and administrative support",
            ExpectedRole::StrategicPlanning => "contribute to strategic planning",
        }
    }
}

choice! {
    /// The kind of appointment.
    pub enum Term {
        /// An annual appointment, agreed at Annual Council.
        Annual = "annual",
        /// A four-year appointment, agreed at the first Council meeting after an election, for the life of that Council.
        FourYear = "four-year",
        /// Open-ended (officers, until changed).
        Open = "open",
    }
}

choice! {
    /// Who made an appointment.
    pub enum AppointedBy {
        /// Annual Council.
        AnnualCouncil = "annual-council",
        /// A Council meeting.
        Council = "council",
        /// The Executive, filling a place during the year with the Group Leaders.
        Executive = "executive",
        /// The Corporate Management Team (officers).
        Cmt = "cmt",
        /// The Senior Management Team (officers).
        Smt = "smt",
    }
}

choice! {
    /// The assurance on partnership or third-party data reported through the Corporate Plan and Quarterly Performance Reports.
    pub enum DataAssurance {
        /// The data has been verified.
        Verified = "verified",
        /// The data is an estimate: a caveat is required.
        Estimate = "estimate",
        /// The data has not been verified: a caveat is required.
        Unverified = "unverified",
    }
}
