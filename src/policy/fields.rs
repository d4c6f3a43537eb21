//! The Appendix A fields as officers meet them: the question each answers,
//! the policy's guidance in our own words, and the `add` flag that sets it.
//! The guided `add` asks in this order; messages about missing fields name
//! the flags from here.

use crate::model::{Choice, Frequency, Governance, Kind, Role, Status};

/// What kind of answer a field takes.
#[derive(Clone, Copy, Debug)]
pub enum Answer {
    /// One line of text.
    Text,
    /// A longer text (written as a multi-line string when long).
    LongText,
    /// One value from a closed list: the spellings and what each means.
    Choice(fn() -> Vec<(&'static str, &'static str)>),
    YesNo,
    Hours,
    Pounds,
    Date,
    /// Several lines of text, one item each.
    List,
}

/// One field of an entry.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub key: &'static str,
    /// The `add` flag, without `--`.
    pub flag: &'static str,
    /// The question asked.
    pub question: &'static str,
    /// Guidance shown with the question.
    pub help: &'static str,
    pub answer: Answer,
    /// Required for every status (lists required only when active are not).
    pub required: bool,
}

fn choices<T: Choice + std::fmt::Debug>(describe: fn(T) -> &'static str) -> Vec<(&'static str, &'static str)> {
    T::ALL.iter().map(|c| (c.as_str(), describe(*c))).collect()
}

fn statuses() -> Vec<(&'static str, &'static str)> {
    choices::<Status>(|s| match s {
        Status::Proposed => "being considered; not joined yet",
        Status::Active => "the council takes part",
        Status::Exiting => "the council has decided to leave",
        Status::Exited => "the council has left",
        Status::Declined => "considered and not joined",
    })
}

fn kinds() -> Vec<(&'static str, &'static str)> {
    choices::<Kind>(|k| match k {
        Kind::Strategic => "a strategic, steering or oversight role",
        Kind::Operational => "an operational or delivery role",
    })
}

fn governances() -> Vec<(&'static str, &'static str)> {
    choices::<Governance>(|g| match g {
        Governance::Statutory => "required by law",
        Governance::FormalLegal => "a formal legal relationship with set roles and obligations",
        Governance::NonLegal => "partners have agreed to work together, without a legal agreement",
        Governance::Informal => "informal joint working on a project or programme",
    })
}

fn roles() -> Vec<(&'static str, &'static str)> {
    choices::<Role>(|r| match r {
        Role::Control => "we lead: we chair it or are the lead partner",
        Role::Influence => "we have a direct say in its decisions",
        Role::Information => "we attend to gather expertise and advice",
    })
}

fn frequencies() -> Vec<(&'static str, &'static str)> {
    choices::<Frequency>(|_| "")
}

/// The top-level fields, in the order the guided `add` asks them.
pub const FIELDS: [Field; 21] = [
    Field {
        key: "name",
        flag: "name",
        question: "What is the name of the partnership?",
        help: "Use the name the partnership uses for itself.",
        answer: Answer::Text,
        required: true,
    },
    Field {
        key: "lead_partner",
        flag: "lead-partner",
        question: "Which organisation is the lead partner?",
        help: "The organisation that leads the partnership (it may be the council).",
        answer: Answer::Text,
        required: true,
    },
    Field {
        key: "partners",
        flag: "partner",
        question: "Which other organisations take part?",
        help: "One organisation a line; an empty line when done.",
        answer: Answer::List,
        required: false,
    },
    Field {
        key: "status",
        flag: "status",
        question: "Where is the partnership in its life?",
        help: "A new partnership being considered is `proposed`.",
        answer: Answer::Choice(statuses),
        required: true,
    },
    Field {
        key: "function",
        flag: "function",
        question: "What is the partnership for?",
        help: "Its purpose, in a sentence or two.",
        answer: Answer::LongText,
        required: true,
    },
    Field {
        key: "objectives",
        flag: "objective",
        question: "What are its key objectives?",
        help: "One objective a line; an empty line when done. An active partnership needs at least one.",
        answer: Answer::List,
        required: false,
    },
    Field {
        key: "kind",
        flag: "kind",
        question: "Is it strategic or operational?",
        help: "Does it steer and oversee, or does it deliver? This should decide the level of representation.",
        answer: Answer::Choice(kinds),
        required: true,
    },
    Field {
        key: "statutory",
        flag: "statutory",
        question: "Is it a statutory partnership the council must attend?",
        help: "Yes if the law obliges the council to take part.",
        answer: Answer::YesNo,
        required: true,
    },
    Field {
        key: "governance",
        flag: "governance",
        question: "What are its governance arrangements?",
        help: "The policy names four kinds of arrangement.",
        answer: Answer::Choice(governances),
        required: true,
    },
    Field {
        key: "role",
        flag: "role",
        question: "What is the council's role in it?",
        help: "Control, influence or information gathering.",
        answer: Answer::Choice(roles),
        required: true,
    },
    Field {
        key: "meeting_frequency",
        flag: "meeting-frequency",
        question: "How often does it meet?",
        help: "",
        answer: Answer::Choice(frequencies),
        required: true,
    },
    Field {
        key: "priorities",
        flag: "priority",
        question: "Which corporate priorities or critical outcomes does it help deliver?",
        help: "One code a line (as listed in partreg.toml); an empty line when done. An active partnership needs at least one.",
        answer: Answer::List,
        required: false,
    },
    Field {
        key: "staff_hours_per_month",
        flag: "staff-hours-per-month",
        question: "About how many staff hours a month does it take?",
        help: "Count meetings, preparation (including briefing members), administration and the work that follows.",
        answer: Answer::Hours,
        required: true,
    },
    Field {
        key: "budget_contribution_gbp",
        flag: "budget-contribution-gbp",
        question: "How much does the council contribute a year, in pounds?",
        help: "Include partnership projects. 0 if nothing.",
        answer: Answer::Pounds,
        required: true,
    },
    Field {
        key: "budgeted",
        flag: "budgeted",
        question: "Is the contribution already in existing budgets?",
        help: "If not, joining needs Cabinet approval.",
        answer: Answer::YesNo,
        required: false,
    },
    Field {
        key: "budget_source",
        flag: "budget-source",
        question: "Which budget does it come from?",
        help: "Leave empty if there is no contribution.",
        answer: Answer::Text,
        required: false,
    },
    Field {
        key: "exit_impact",
        flag: "exit-impact",
        question: "What would happen if the council left?",
        help: "Think of service delivery (an inconvenience, short- or long-term problems), reputation, financial penalties and other risks.",
        answer: Answer::LongText,
        required: true,
    },
    Field {
        key: "value_summary",
        flag: "value-summary",
        question: "What does the partnership bring the council?",
        help: "Access to funding, grants or pooled resources; influence over key policy and decisions; reputation and good press.",
        answer: Answer::LongText,
        required: true,
    },
    Field {
        key: "information_sharing",
        flag: "information-sharing",
        question: "How is information from the partnership shared?",
        help: "How it reaches the officers and members who need it, and how we are briefed when other councils lead.",
        answer: Answer::LongText,
        required: true,
    },
    Field {
        key: "comments",
        flag: "comments",
        question: "Any comments or recommendations on future actions?",
        help: "Optional.",
        answer: Answer::LongText,
        required: false,
    },
    Field {
        key: "started",
        flag: "started",
        question: "When did the council join (YYYY-MM-DD)?",
        help: "Optional.",
        answer: Answer::Date,
        required: false,
    },
];

/// The flag that supplies a key path reported missing or wrong, for
/// messages to people using `add` or `import`: `lead_partner` →
/// `--lead-partner`, `risk.overall` → `--risk overall=LEVEL`.
pub fn flag_for(key: &str) -> String {
    let base = key.split('[').next().unwrap_or(key);
    if let Some(f) = FIELDS.iter().find(|f| f.key == base) {
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
        "case" | "case.grounds" => "--case-ground",
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
                k => &k.replace('_', "-"),
            };
            assert_eq!(f.flag, expected);
        }
        assert_eq!(flag_for("lead_partner"), "--lead-partner");
        assert_eq!(flag_for("objectives[0]"), "--objective");
        assert_eq!(flag_for("risk.overall"), "--risk overall=LEVEL");
        assert_eq!(flag_for("exit"), "--exit-risks");
    }
}
