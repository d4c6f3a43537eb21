//! The Appendix A fields as officers meet them: the question each answers,
//! the policy's guidance in our own words, and the `add` flag that sets it.
//! The guided `add` asks [`FIELDS`] in this order and nothing else: a new
//! key in the format becomes a new question by adding one entry here.
//! Messages about missing fields name the flags from here.

use toml::{Table, Value};

use crate::model::Date;

mod meanings;
mod paths;
pub use meanings::{
    CABINET_DECISIONS, appointers, approvers, expected_roles, grounds, levels, places, terms, unbudgeted,
};
use meanings::{
    cabinet_for_unbudgeted, frequencies, governances, kinds, not_in_future, outcomes, report_bodies, roles, statuses,
};
pub use paths::{as_date, derive, get, remove, set};

/// What kind of answer a field takes.
#[derive(Clone, Copy, Debug)]
pub enum Answer {
    /// One line of text.
    Text,
    /// A longer text (written as a multi-line string when long).
    LongText,
    /// One value from a closed list: the spellings and what each means.
    Choice(fn() -> Vec<(&'static str, &'static str)>),
    /// Any number of values from a closed list (none is an answer too),
    /// written as an array in the list's order.
    Several(fn() -> Vec<(&'static str, &'static str)>),
    YesNo,
    /// Yes, no, or not known yet (nothing written): a criterion the
    /// officer may not be able to answer yet.
    YesNoOrNotKnown,
    /// A whole number of places for Members, 0 to 50.
    Places,
    Hours,
    Pounds,
    Date,
    /// Several lines of text, one item each.
    List,
    /// The corporate priorities, chosen from `[priorities]` when the
    /// settings list them, else typed as codes.
    Priorities,
    /// The council's representatives, each with level, position and dates.
    Representatives,
    /// The Appendix B criteria and the overall ratings (key `risk`).
    Ratings,
    /// The exit strategy (key `exit`).
    ExitStrategy,
    /// The Appendix C questions (key `questions`).
    AppendixC,
    /// The decision to join (key `approval.by`): who approved it, or, for
    /// a proposed partnership whose contribution is not in existing
    /// budgets, whether Cabinet has decided yet.
    Decision,
}

/// When a field must have an answer for the entry to pass `check --strict`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    Optional,
    Always,
    /// For an active partnership (an error or a warning without it).
    Active,
}

/// When a field is asked at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    Always,
    /// Once the council has joined: active, exiting or exited.
    Joined,
    /// For an active partnership.
    Active,
    /// Being or having been left: exiting or exited.
    Leaving,
    /// When the council contributes money.
    Contribution,
    /// For a proposed partnership (the case for joining).
    Proposed,
    /// Where a decision to join is recorded: an active partnership, or a
    /// proposed one whose contribution is not in existing budgets (it
    /// must go to Cabinet, which may have decided already).
    Decision,
    /// Once a decision to join has been recorded: an active partnership,
    /// or a proposed one whose Cabinet decision has been given.
    Decided,
}

impl When {
    /// Whether a field is asked of this draft.
    pub fn applies(self, draft: &Table) -> bool {
        let status = draft.get("status").and_then(Value::as_str).unwrap_or_default();
        match self {
            When::Always => true,
            When::Joined => matches!(status, "active" | "exiting" | "exited"),
            When::Active => status == "active",
            When::Leaving => matches!(status, "exiting" | "exited"),
            When::Contribution => {
                draft
                    .get("budget_contribution_gbp")
                    .and_then(Value::as_integer)
                    .unwrap_or_default()
                    > 0
            }
            When::Proposed => status == "proposed",
            When::Decision => status == "active" || (status == "proposed" && unbudgeted(draft)),
            When::Decided => {
                status == "active" || (When::Decision.applies(draft) && get(draft, "approval.by").is_some())
            }
        }
    }
}

/// A rule between an answer and the rest of the draft, checked as the
/// answer is given: `Err` says why it cannot stand.
/// `today` is the `--as-of` date.
pub type Rule = fn(&Table, &Value, Date) -> Result<(), String>;

/// One field of an entry. `key` is a path: `reporting.frequency` is a key
/// of the `[reporting]` table, `reviews[0].date` one of the first
/// `[[reviews]]` table.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub key: &'static str,
    /// The `add` flag, without `--` (empty when there is none).
    pub flag: &'static str,
    /// The question asked.
    pub question: &'static str,
    /// Guidance shown with the question.
    pub help: &'static str,
    pub answer: Answer,
    pub need: Need,
    pub when: When,
    pub rule: Option<Rule>,
}

impl Field {
    /// Whether this draft must have an answer.
    pub fn needed(&self, draft: &Table) -> bool {
        match self.need {
            Need::Optional => false,
            Need::Always => true,
            Need::Active => When::Active.applies(draft),
        }
    }
}

/// Every key of an entry the guided `add` asks, in the order it asks them:
/// Appendix A's order, then the reporting programme and the decision to
/// join (from the policy's sections on reporting and on entering a
/// partnership), the ratings, the latest review and Appendix C.
pub const FIELDS: &[Field] = &[
    Field {
        key: "name",
        flag: "name",
        question: "What is the name of the partnership?",
        help: "Use the name the partnership uses for itself.",
        answer: Answer::Text,
        need: Need::Always,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "lead_partner",
        flag: "lead-partner",
        question: "Which organisation is the lead partner?",
        help: "The organisation that leads the partnership (it may be the council).",
        answer: Answer::Text,
        need: Need::Always,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "partners",
        flag: "partner",
        question: "Which other organisations take part?",
        help: "One organisation at a time; an empty answer when done.",
        answer: Answer::List,
        need: Need::Active,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "status",
        flag: "status",
        question: "Where is the partnership in its life?",
        help: "A new partnership being considered is `proposed`.",
        answer: Answer::Choice(statuses),
        need: Need::Always,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "function",
        flag: "function",
        question: "What is the partnership for?",
        help: "Its purpose, in a sentence or two.",
        answer: Answer::LongText,
        need: Need::Always,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "objectives",
        flag: "objective",
        question: "What are its key objectives?",
        help: "One objective at a time; an empty answer when done. An active partnership needs at least one.",
        answer: Answer::List,
        need: Need::Active,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "kind",
        flag: "kind",
        question: "Is it strategic or operational?",
        help: "Does it steer and oversee, or does it deliver? This should decide the level of representation.",
        answer: Answer::Choice(kinds),
        need: Need::Always,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "statutory",
        flag: "statutory",
        question: "Is it a statutory partnership the council must attend?",
        help: "Yes if the law obliges the council to take part.",
        answer: Answer::YesNo,
        need: Need::Always,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "governance",
        flag: "governance",
        question: "What are its governance arrangements?",
        help: "The policy names four kinds of arrangement.",
        answer: Answer::Choice(governances),
        need: Need::Always,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "meeting_frequency",
        flag: "meeting-frequency",
        question: "How often does it meet?",
        help: "",
        answer: Answer::Choice(frequencies),
        need: Need::Always,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "member_places",
        flag: "member-places",
        question: "How many places for Members does the council have on it?",
        help: "The seats for councillors that the council fills on this body, as on the list of outside bodies sent to Group Leaders for nominations: a number from 0 to 50, 0 if none. Leave it empty if not known.",
        answer: Answer::Places,
        need: Need::Optional,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "representatives",
        flag: "representative",
        question: "Who represents the council on it?",
        help: "Members and officers, each with their level; an active partnership needs at least one.",
        answer: Answer::Representatives,
        need: Need::Active,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "lead_officer",
        flag: "lead-officer",
        question: "Who is the Lead Officer?",
        help: "The officer who reports any issue of concern to the relevant member of CMT as it arises.",
        answer: Answer::Text,
        need: Need::Active,
        when: When::Active,
        rule: None,
    },
    Field {
        key: "priorities",
        flag: "priority",
        question: "Which corporate priorities or critical outcomes does it help deliver?",
        help: "An active partnership needs at least one.",
        answer: Answer::Priorities,
        need: Need::Active,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "staff_hours_per_month",
        flag: "staff-hours-per-month",
        question: "About how many staff hours a month does it take?",
        help: "Count meetings, preparation (including briefing members), administration and the work that follows.",
        answer: Answer::Hours,
        need: Need::Always,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "budget_contribution_gbp",
        flag: "budget-contribution-gbp",
        question: "How much does the council contribute a year, in pounds?",
        help: "Include partnership projects. 0 if nothing.",
        answer: Answer::Pounds,
        need: Need::Always,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "budgeted",
        flag: "budgeted",
        question: "Is the contribution already in existing budgets?",
        help: "If not, joining needs Cabinet approval.",
        answer: Answer::YesNo,
        need: Need::Optional,
        when: When::Contribution,
        rule: None,
    },
    Field {
        key: "budget_source",
        flag: "budget-source",
        question: "Which budget does it come from?",
        help: "Optional.",
        answer: Answer::Text,
        need: Need::Optional,
        when: When::Contribution,
        rule: None,
    },
    Field {
        key: "exit_impact",
        flag: "exit-impact",
        question: "What would happen if the council left?",
        help: "Think of service delivery (an inconvenience, short- or long-term problems), reputation, financial penalties and other risks.",
        answer: Answer::LongText,
        need: Need::Always,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "role",
        flag: "role",
        question: "What is the council's role in it?",
        help: "Control, influence or information gathering.",
        answer: Answer::Choice(roles),
        need: Need::Always,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "value_summary",
        flag: "value-summary",
        question: "What does the partnership bring the council?",
        help: "Access to funding, grants or pooled resources; influence over key policy and decisions; reputation and good press.",
        answer: Answer::LongText,
        need: Need::Always,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "information_sharing",
        flag: "information-sharing",
        question: "How is information from the partnership shared?",
        help: "How it reaches the officers and members who need it, and how we are briefed when other councils lead.",
        answer: Answer::LongText,
        need: Need::Always,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "comments",
        flag: "comments",
        question: "Any comments or recommendations on future actions?",
        help: "Optional.",
        answer: Answer::LongText,
        need: Need::Optional,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "started",
        flag: "started",
        question: "When did the council join?",
        help: "Optional. A date such as 2026-04-20 or 20/04/2026.",
        answer: Answer::Date,
        need: Need::Optional,
        when: When::Joined,
        rule: None,
    },
    Field {
        key: "documents",
        flag: "document",
        question: "Where are its terms of reference or agreement kept (a path or web address)?",
        help: "One place at a time; an empty answer when done. Optional.",
        answer: Answer::List,
        need: Need::Optional,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "case.grounds",
        flag: "case-ground",
        question: "The case for joining: a partnership may be appropriate when there is…",
        help: "The grounds from the policy's \"When is a partnership appropriate?\": choose each that applies (choose it again to take it off), then Done. None is an answer too.",
        answer: Answer::Several(grounds),
        need: Need::Optional,
        when: When::Proposed,
        rule: None,
    },
    Field {
        key: "case.supports_corporate_policies",
        flag: "case-supports-corporate-policies",
        question: "The case for joining: does the work of the partnership support and contribute to the Council's Corporate Policies?",
        help: "The policy's four most important criteria for entering a new partnership follow, in its words. \"Not known yet\" writes nothing.",
        answer: Answer::YesNoOrNotKnown,
        need: Need::Optional,
        when: When::Proposed,
        rule: None,
    },
    Field {
        key: "case.benefits_district",
        flag: "case-benefits-district",
        question: "The case for joining: does the work of the partnership benefit residents, businesses and visitors to the district?",
        help: "",
        answer: Answer::YesNoOrNotKnown,
        need: Need::Optional,
        when: When::Proposed,
        rule: None,
    },
    Field {
        key: "case.better_than_alone",
        flag: "case-better-than-alone",
        question: "The case for joining: is the partnership able to carry out or support functions the Council needs efficiently, or enable better performance than we could achieve on our own?",
        help: "",
        answer: Answer::YesNoOrNotKnown,
        need: Need::Optional,
        when: When::Proposed,
        rule: None,
    },
    Field {
        key: "case.monitoring_in_place",
        flag: "case-monitoring-in-place",
        question: "The case for joining: are arrangements in place to regularly monitor and report on the effectiveness of the partnership?",
        help: "",
        answer: Answer::YesNoOrNotKnown,
        need: Need::Optional,
        when: When::Proposed,
        rule: None,
    },
    Field {
        key: "reporting.frequency",
        flag: "reporting-frequency",
        question: "Reporting programme: how often is the partnership reported on?",
        help: "The programme drawn up by the CI&P Team: how often, by whom, and where the reports go.",
        answer: Answer::Choice(frequencies),
        need: Need::Active,
        when: When::Active,
        rule: None,
    },
    Field {
        key: "reporting.responsible",
        flag: "reporting-responsible",
        question: "Reporting programme: which Member or Officer is responsible for reporting?",
        help: "",
        answer: Answer::Text,
        need: Need::Active,
        when: When::Active,
        rule: None,
    },
    Field {
        key: "reporting.reports_to",
        flag: "reports-to",
        question: "Reporting programme: where are the reports submitted?",
        help: "",
        answer: Answer::Choice(report_bodies),
        need: Need::Active,
        when: When::Active,
        rule: None,
    },
    Field {
        key: "approval.by",
        flag: "approval-by",
        question: "The decision to join: who approved it?",
        help: "CMT and the relevant Portfolio Holder decide whether to join; a contribution not in existing budgets goes to the Cabinet.",
        answer: Answer::Decision,
        need: Need::Active,
        when: When::Decision,
        rule: Some(cabinet_for_unbudgeted),
    },
    Field {
        key: "approval.date",
        flag: "approval-date",
        question: "The decision to join: when was it made?",
        help: "A date such as 2026-04-20 or 20/04/2026.",
        answer: Answer::Date,
        need: Need::Active,
        when: When::Decided,
        rule: Some(not_in_future),
    },
    Field {
        key: "approval.portfolio_holder",
        flag: "portfolio-holder",
        question: "The decision to join: which Portfolio Holder was consulted?",
        help: "",
        answer: Answer::Text,
        need: Need::Active,
        when: When::Active,
        rule: None,
    },
    Field {
        key: "exit",
        flag: "exit-risks",
        question: "The exit strategy",
        help: "",
        answer: Answer::ExitStrategy,
        need: Need::Optional,
        when: When::Leaving,
        rule: None,
    },
    Field {
        key: "risk",
        flag: "risk",
        question: "The Appendix B risk and value ratings",
        help: "",
        answer: Answer::Ratings,
        need: Need::Active,
        when: When::Always,
        rule: None,
    },
    Field {
        key: "reviews[0].date",
        flag: "",
        question: "The latest annual review: when was it carried out?",
        help: "An active partnership needs a review in the last twelve months. A date such as 2026-04-20 or 20/04/2026.",
        answer: Answer::Date,
        need: Need::Active,
        when: When::Active,
        rule: Some(not_in_future),
    },
    Field {
        key: "reviews[0].reviewer",
        flag: "",
        question: "The latest annual review: who carried it out?",
        help: "",
        answer: Answer::Text,
        need: Need::Active,
        when: When::Active,
        rule: None,
    },
    Field {
        key: "reviews[0].outcome",
        flag: "",
        question: "The latest annual review: what did it decide?",
        help: "",
        answer: Answer::Choice(outcomes),
        need: Need::Active,
        when: When::Active,
        rule: None,
    },
    Field {
        key: "questions",
        flag: "question",
        question: "The Appendix C questions",
        help: "",
        answer: Answer::AppendixC,
        need: Need::Optional,
        when: When::Always,
        rule: None,
    },
];

/// The flag that supplies a key path reported missing or wrong, for
/// messages to people using `add` or `import`: `lead_partner` →
/// `--lead-partner`, `risk.overall` → `--risk overall=LEVEL`.
pub fn flag_for(key: &str) -> String {
    let base = key.split('[').next().unwrap_or(key);
    if let Some(f) = FIELDS
        .iter()
        .find(|f| f.key == base && !f.flag.is_empty() && f.flag != "risk")
    {
        return format!("--{}", f.flag);
    }
    let flag = match base {
        "documents" => "--document",
        "representatives" => "--representative",
        k if k.starts_with("representatives") => "--representative",
        "reporting.frequency" => "--reporting-frequency",
        "reporting.responsible" => "--reporting-responsible",
        "reporting.reports_to" => "--reports-to",
        "reporting.last_report" => "--last-report",
        "reporting.data" => "--data",
        "reporting.caveat" => "--caveat",
        "lead_officer" => "--lead-officer",
        "member_places" => "--member-places",
        "case" => "--case-ground",
        "approval.by" => "--approval-by",
        "approval.date" => "--approval-date",
        "approval.portfolio_holder" => "--portfolio-holder",
        "exit" | "exit.risks" => "--exit-risks",
        "exit.controls" => "--exit-controls",
        "exit.reasons" => "--exit-reason",
        "exit.approved_by" => "--exit-approved-by",
        "exit.approved_on" => "--exit-approved-on",
        "exit.significant" => "--exit-significant",
        "exit.executive_reviewed" => "--exit-executive-reviewed",
        k if k.starts_with("risk.") => return format!("--risk {}=LEVEL", &k[5..]),
        k if k.starts_with("value.") => return format!("--value {}=LEVEL", &k[6..]),
        k if k.starts_with("questions.") => return format!("--question {}=TEXT", &k[10..]),
        k => return format!("`{k}` (in a --from file)"),
    };
    flag.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_are_the_keys_with_hyphens() {
        for f in FIELDS {
            let expected = match f.key {
                "partners" => "partner",
                "objectives" => "objective",
                "priorities" => "priority",
                "representatives" => "representative",
                "documents" => "document",
                "case.grounds" => "case-ground",
                "reporting.reports_to" => "reports-to",
                "approval.portfolio_holder" => "portfolio-holder",
                "exit" => "exit-risks",
                "questions" => "question",
                k if k.starts_with("reviews") => "",
                k => &k.replace(['_', '.'], "-"),
            };
            assert_eq!(f.flag, expected);
        }
        assert_eq!(flag_for("lead_partner"), "--lead-partner");
        assert_eq!(flag_for("objectives[0]"), "--objective");
        assert_eq!(flag_for("risk.overall"), "--risk overall=LEVEL");
        assert_eq!(flag_for("exit"), "--exit-risks");
        assert_eq!(flag_for("approval.by"), "--approval-by");
    }

    #[test]
    fn member_places_are_a_whole_number_from_0_to_50() {
        assert_eq!(places("0"), Ok(0));
        assert_eq!(places(" 50 "), Ok(50));
        assert!(places("51").unwrap_err().contains("more than 50"));
        assert!(places("-1").unwrap_err().contains("below 0"));
        assert!(places("two").unwrap_err().contains("not a number"));
        assert!(places("1.5").is_err());
        assert!(places("").is_err());
    }

    fn draft(text: &str) -> Table {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn the_cabinet_question_is_for_a_proposal_not_in_budgets() {
        let unbudgeted = "status = \"proposed\"\nbudget_contribution_gbp = 15000\nbudgeted = false\n";
        let d = draft(unbudgeted);
        assert!(When::Decision.applies(&d));
        assert!(!When::Decided.applies(&d), "no date until Cabinet has decided");
        let decided = draft(&format!("{unbudgeted}[approval]\nby = \"cabinet\"\n"));
        assert!(When::Decided.applies(&decided));
        for budgeted in [
            "status = \"proposed\"\nbudget_contribution_gbp = 15000\n",
            "status = \"proposed\"\nbudget_contribution_gbp = 0\nbudgeted = false\n",
            "status = \"declined\"\nbudget_contribution_gbp = 15000\nbudgeted = false\n",
        ] {
            assert!(!When::Decision.applies(&draft(budgeted)), "{budgeted}");
        }
        assert!(When::Decision.applies(&draft("status = \"active\"\n")));
        assert!(When::Proposed.applies(&d) && !When::Proposed.applies(&draft("status = \"active\"\n")));
    }

    #[test]
    fn an_unbudgeted_contribution_takes_the_cabinet_by_either_name() {
        let today = Date::parse("2026-11-30").unwrap();
        let d = draft("status = \"active\"\nbudget_contribution_gbp = 15000\nbudgeted = false\n");
        let by = |s: &str| Value::String(s.into());
        assert!(meanings::cabinet_for_unbudgeted(&d, &by("cabinet"), today).is_ok());
        assert!(meanings::cabinet_for_unbudgeted(&d, &by("executive"), today).is_ok());
        let refused = meanings::cabinet_for_unbudgeted(&d, &by("cmt"), today).unwrap_err();
        assert!(refused.contains("Cabinet (the Executive)"), "{refused}");
        let budgeted = draft("status = \"active\"\nbudget_contribution_gbp = 15000\n");
        assert!(meanings::cabinet_for_unbudgeted(&budgeted, &by("cmt"), today).is_ok());
    }

    #[test]
    fn the_grounds_are_the_policys_eight_in_its_order_and_words() {
        let g = grounds();
        assert_eq!(g.len(), 8);
        assert_eq!(g[0].0, "synergy");
        assert!(g[0].1.starts_with("synergy between the aims and objectives"));
        assert_eq!(
            g[7],
            (
                "all-parties-agree",
                "agreement of all the parties involved to the need for the partnership in these terms"
            )
        );
    }

    #[test]
    fn answers_are_set_and_removed_by_their_paths() {
        let mut t = Table::new();
        set(&mut t, "reviews[0].date", Value::Integer(1));
        set(&mut t, "reviews[0].reviewer", Value::String("A".into()));
        set(&mut t, "approval.by", Value::String("cmt".into()));
        assert_eq!(get(&t, "reviews[0].reviewer").and_then(Value::as_str), Some("A"));
        assert_eq!(get(&t, "approval.by").and_then(Value::as_str), Some("cmt"));
        remove(&mut t, "approval.by");
        assert!(!t.contains_key("approval"));
        remove(&mut t, "reviews[0].date");
        remove(&mut t, "reviews[0].reviewer");
        assert!(t.is_empty(), "{t:?}");
    }
}
