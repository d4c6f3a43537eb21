//! What each value of a closed list means, in words shown beside it when
//! the guided `add` offers the list, and the rules that tie one answer to
//! the others.

use toml::{Table, Value};

use super::as_date;
use crate::model::{
    AppointedBy, Approver, Choice, Date, ExpectedRole, Frequency, Governance, Ground, Kind, Outcome, ReportsTo,
    RepresentativeLevel, Role, Status, Term,
};

fn choices<T: Choice + std::fmt::Debug>(describe: fn(T) -> &'static str) -> Vec<(&'static str, &'static str)> {
    T::ALL.iter().map(|c| (c.as_str(), describe(*c))).collect()
}

pub(super) fn statuses() -> Vec<(&'static str, &'static str)> {
    choices::<Status>(|s| match s {
        Status::Proposed => "being considered; not joined yet",
        Status::Active => "the council takes part",
        Status::Exiting => "the council has decided to leave",
        Status::Exited => "the council has left",
        Status::Declined => "considered and not joined",
    })
}

pub(super) fn kinds() -> Vec<(&'static str, &'static str)> {
    choices::<Kind>(|k| match k {
        Kind::Strategic => "a strategic, steering or oversight role",
        Kind::Operational => "an operational or delivery role",
    })
}

pub(super) fn governances() -> Vec<(&'static str, &'static str)> {
    choices::<Governance>(|g| match g {
        Governance::Statutory => "required by law",
        Governance::FormalLegal => "a formal legal relationship with set roles and obligations",
        Governance::NonLegal => "partners have agreed to work together, without a legal agreement",
        Governance::Informal => "informal joint working on a project or programme",
    })
}

pub(super) fn roles() -> Vec<(&'static str, &'static str)> {
    choices::<Role>(|r| match r {
        Role::Control => "we lead: we chair it or are the lead partner",
        Role::Influence => "we have a direct say in its decisions",
        Role::Information => "we attend to gather expertise and advice",
    })
}

pub(super) fn frequencies() -> Vec<(&'static str, &'static str)> {
    choices::<Frequency>(|f| match f {
        Frequency::Weekly => "every week",
        Frequency::Fortnightly => "every two weeks",
        Frequency::Monthly => "every month",
        Frequency::Bimonthly => "every two months",
        Frequency::Quarterly => "four times a year",
        Frequency::HalfYearly => "twice a year",
        Frequency::Annually => "once a year",
        Frequency::AdHoc => "when needed, with no set pattern",
    })
}

/// The levels of a representative, with what each means.
pub fn levels() -> Vec<(&'static str, &'static str)> {
    choices::<RepresentativeLevel>(|l| match l {
        RepresentativeLevel::Member => "a councillor",
        RepresentativeLevel::Cmt => "Corporate Management Team",
        RepresentativeLevel::Smt => "Senior Management Team",
        RepresentativeLevel::Officer => "another officer",
    })
}

pub(super) fn report_bodies() -> Vec<(&'static str, &'static str)> {
    choices::<ReportsTo>(|r| match r {
        ReportsTo::Cmt => "the Corporate Management Team",
        ReportsTo::Cabinet => "the Cabinet",
        ReportsTo::Scrutiny => "the Scrutiny committee",
        ReportsTo::Executive => "the Executive",
        ReportsTo::Council => "a meeting of the full Council",
        ReportsTo::PortfolioHolder => "the relevant Portfolio Holder",
    })
}

pub fn approvers() -> Vec<(&'static str, &'static str)> {
    choices::<Approver>(|a| match a {
        Approver::Cmt => "the Corporate Management Team, with the Portfolio Holder",
        Approver::Cabinet => "the Cabinet (needed for a contribution not in existing budgets)",
        Approver::Executive => "the Executive (the policy's other name for the Cabinet's decision)",
        Approver::Council => "a meeting of the full Council",
    })
}

pub(super) fn outcomes() -> Vec<(&'static str, &'static str)> {
    choices::<Outcome>(|o| match o {
        Outcome::Continue => "stay in the partnership as it is",
        Outcome::Renegotiate => "stay, but renegotiate the terms",
        Outcome::Exit => "leave the partnership",
    })
}

/// Whether the draft's contribution is a direct one not in existing
/// budgets: the case the policy sends to Cabinet.
pub fn unbudgeted(draft: &Table) -> bool {
    draft.get("budgeted").and_then(Value::as_bool) == Some(false)
        && draft
            .get("budget_contribution_gbp")
            .and_then(Value::as_integer)
            .unwrap_or_default()
            > 0
}

/// The policy: a direct contribution not in existing budgets goes to
/// Cabinet, which it also calls the Executive (format Part 2 takes both).
pub(super) fn cabinet_for_unbudgeted(draft: &Table, by: &Value, _today: Date) -> Result<(), String> {
    if unbudgeted(draft) && !matches!(by.as_str(), Some("cabinet" | "executive")) {
        return Err("the contribution is not in existing budgets, so the Partnership Policy needs the Cabinet (the Executive) to approve joining: choose cabinet or executive (or change the answer about budgets at the end)".into());
    }
    Ok(())
}

/// What a proposed partnership with an unbudgeted contribution can say
/// about the Cabinet decision: the token written as `[approval] by`
/// (`None`: not decided yet, nothing written) and the words shown.
pub const CABINET_DECISIONS: [(Option<&str>, &str); 3] = [
    (None, "Not yet: it is still to go to Cabinet"),
    (Some("cabinet"), "Yes: the Cabinet has decided"),
    (
        Some("executive"),
        "Yes: the Executive has decided (the same decision, by its other name)",
    ),
];

/// `member_places`: a whole number of places from 0 to 50, as typed.
pub fn places(text: &str) -> Result<u8, String> {
    let t = text.trim();
    match t.parse::<i64>() {
        Ok(n) if (0..=50).contains(&n) => Ok(n as u8),
        Ok(n) if n < 0 => Err(format!("{n} is below 0: give how many places there are, 0 if none")),
        Ok(n) => Err(format!(
            "{n} is more than 50 places: give the number of places for Members, from 0 to 50"
        )),
        Err(_) => Err(format!(
            "{t:?} is not a number: give how many places for Members, from 0 to 50, e.g. 2"
        )),
    }
}

/// The grounds on which a partnership may be appropriate, each in the
/// policy's own words ("A partnership may be appropriate when there is: …").
pub fn grounds() -> Vec<(&'static str, &'static str)> {
    choices::<Ground>(|g| match g {
        Ground::Synergy => {
            "synergy between the aims and objectives of the partnership with the Council's aims and strategic objectives"
        }
        Ground::ClearBenefit => "no doubt that the Council will benefit from its involvement",
        Ground::StatutoryDuty => "a statutory duty to do so",
        Ground::CommonPurpose => "common purpose between the parties involved",
        Ground::CoordinatedOutcomes => "an opportunity to achieve co-ordinated and cohesive outcomes",
        Ground::MoreThanSum => "the potential to deliver more than the sum of individual contributions",
        Ground::AcceptableRisk => "an acceptable level of risk",
        Ground::AllPartiesAgree => {
            "agreement of all the parties involved to the need for the partnership in these terms"
        }
    })
}

/// A date of something that has happened: not after today.
pub(super) fn not_in_future(_draft: &Table, date: &Value, today: Date) -> Result<(), String> {
    match as_date(date) {
        Some(d) if d > today => Err(format!("{d} is after today ({today}): give the date it happened")),
        _ => Ok(()),
    }
}

/// The policy's eight roles for a Member or Officer, in its order and
/// its words.
pub fn expected_roles() -> Vec<(&'static str, &'static str)> {
    choices::<ExpectedRole>(ExpectedRole::wording)
}

/// The kinds of appointment.
pub fn terms() -> Vec<(&'static str, &'static str)> {
    choices::<Term>(|t| match t {
        Term::Annual => "agreed each year at Annual Council",
        Term::FourYear => "agreed after an election, for the life of that Council",
        Term::Open => "open-ended, usually officers, until changed",
    })
}

/// Who makes an appointment.
pub fn appointers() -> Vec<(&'static str, &'static str)> {
    choices::<AppointedBy>(|a| match a {
        AppointedBy::AnnualCouncil => "Annual Council",
        AppointedBy::Council => "a Council meeting",
        AppointedBy::Executive => "the Executive, filling a place during the year",
        AppointedBy::Cmt => "the Corporate Management Team (officers)",
        AppointedBy::Smt => "the Senior Management Team (officers)",
    })
}
