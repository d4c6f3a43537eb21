//! The Appendix A fields as officers meet them: the question each answers,
//! the policy's guidance in our own words, and the `add` flag that sets it.
//! The guided `add` asks [`FIELDS`] in this order and nothing else: a new
//! key in the format becomes a new question by adding one entry here.
//! Messages about missing fields name the flags from here.

use toml::{Table, Value};

use crate::model::Date;

mod meanings;
mod order;
mod paths;
pub use meanings::{
    CABINET_DECISIONS, appointers, approvers, expected_roles, grounds, levels, places, terms, unbudgeted,
};
pub use order::FIELDS;
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
        // A fault in the file as a whole (its TOML), not at any key: there
        // is no flag or --from key to name, and "``" would say nothing.
        "" => return "the file to be written".to_string(),
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
        assert_eq!(flag_for(""), "the file to be written");
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
