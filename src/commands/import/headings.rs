//! Mapping headings to register keys: every key an import can fill, how
//! its values are read, the names councils give the column, and the
//! `--mapping` file that overrides the guess.

use crate::model::lenient;
use crate::model::{Approver, DataAssurance, ExitApprover, ExpectedRole, Governance, Kind, ReportsTo, Term};
use anyhow::{Context, bail};
use std::collections::BTreeMap;
use std::path::Path;
use toml::Table;

/// How a column's values are read.
#[derive(Clone, Copy, Debug)]
pub(super) enum Reader {
    Text,
    List,
    Representatives,
    YesNo,
    Hours,
    Pounds,
    Date,
    Level,
    /// The level of each representative, in the order of the representatives column.
    PeopleLevels,
    /// The position (Chair, Member…) of each representative, in that order.
    PeoplePositions,
    Frequency,
    /// Priority codes, or their titles in `partreg.toml`.
    Priorities,
    Choice(fn(&str) -> Result<&'static str, String>),
    /// Several values of a closed list, `a; b` (Part 2 `reports_to`, `roles`).
    Choices(fn(&str) -> Result<&'static str, String>),
    /// A whole number of places, 0 to 50.
    Places,
    Id,
    /// Worked out by partreg; a value in the sheet is not needed.
    Computed,
}

/// Every register key an import can fill, how to read it, and the other
/// names councils give the column (compared without case, spaces or
/// punctuation).
pub(super) fn targets() -> Vec<(String, Reader, Vec<&'static str>)> {
    let mut t: Vec<(String, Reader, Vec<&'static str>)> = vec![
        ("id".into(), Reader::Id, vec!["ref", "reference"]),
        (
            "name".into(),
            Reader::Text,
            vec!["partnershipname", "partnership", "nameofpartnership", "title"],
        ),
        (
            "lead_partner".into(),
            Reader::Text,
            vec!["lead", "leadorganisation", "leadbody", "whoisthelead"],
        ),
        (
            "partners".into(),
            Reader::List,
            vec!["otherpartners", "partnerorganisations", "members", "otherorganisations"],
        ),
        ("status".into(), Reader::Choice(lenient::status), vec!["currentstatus"]),
        (
            "function".into(),
            Reader::Text,
            vec![
                "functionofpartnership",
                "functionofthepartnership",
                "purpose",
                "aim",
                "aims",
            ],
        ),
        (
            "objectives".into(),
            Reader::List,
            vec!["keyobjectives", "keypartnershipobjectives", "objective"],
        ),
        (
            "kind".into(),
            Reader::Choice(lenient::choice::<Kind>),
            vec![
                "strategicoroperational",
                "isthepartnershipstrategicoroperational",
                "type",
                "strategicoperational",
            ],
        ),
        (
            "statutory".into(),
            Reader::YesNo,
            vec![
                "statutoryyn",
                "statutorypartnership",
                "isthisastatutorypartnershipweareobligedtoattend",
                "isthisastatutorypartnershipweareobligedtoattendyn",
            ],
        ),
        (
            "governance".into(),
            Reader::Choice(lenient::choice::<Governance>),
            vec!["governancearrangements", "governancearrangement"],
        ),
        (
            "role".into(),
            Reader::Choice(lenient::role),
            vec![
                "ourrole",
                "bcrole",
                "councilsrole",
                "whatisourroleinthepartnership",
                "whatisourroleinthepartnershipcontrolinfluenceinformation",
            ],
        ),
        (
            "meeting_frequency".into(),
            Reader::Frequency,
            vec![
                "frequencyofmeetings",
                "meetingfrequency",
                "frequency",
                "meetings",
                "howoftendoesitmeet",
            ],
        ),
        (
            "priorities".into(),
            Reader::Priorities,
            vec![
                "corporatepriorities",
                "prioritycriticaloutcomes",
                "priority",
                "prioritiescriticaloutcomes",
                "whichprioritycriticaloutcomesdoesthepartnershiphelptodeliver",
            ],
        ),
        (
            "staff_hours_per_month".into(),
            Reader::Hours,
            vec![
                "staffhours",
                "stafftime",
                "stafftimehourspermonth",
                "stafftimehrspermonth",
                "stafftimehrsmonth",
                "hrspermonth",
                "hourspermonth",
                "estimationofstafftimeincpreparationmeetingandfollowuphourspermonth",
                "estimationofstafftime",
            ],
        ),
        (
            "budget_contribution_gbp".into(),
            Reader::Pounds,
            vec![
                "budgetcontribution",
                "contribution",
                "budget",
                "estimationofthecouncilsbudgetcontribution",
                "councilcontribution",
                "annualcontribution",
            ],
        ),
        (
            "budgeted".into(),
            Reader::YesNo,
            vec!["inexistingbudgets", "inexistingbudgetsyn", "budgetedyn"],
        ),
        ("budget_source".into(), Reader::Text, vec!["whichbudget", "budgetcode"]),
        (
            "exit_impact".into(),
            Reader::Text,
            vec![
                "impactriskofexit",
                "impactriskofexitfrompartnership",
                "impactofexit",
                "exitrisk",
                "riskofexit",
            ],
        ),
        (
            "value_summary".into(),
            Reader::Text,
            vec![
                "value",
                "valueaccesstoadditionalresourcesabilitytoinfluencekeypolicyandkeydecisionsenhancingreputation",
                "benefits",
            ],
        ),
        (
            "information_sharing".into(),
            Reader::Text,
            vec![
                "howisinformationshared",
                "howisinformationfromthepartnershipcurrentlyshared",
                "informationshared",
            ],
        ),
        (
            "comments".into(),
            Reader::Text,
            vec![
                "commentsandrecommendations",
                "commentsandrecommendationsonfutureactions",
                "notes",
                "comment",
            ],
        ),
        (
            "started".into(),
            Reader::Date,
            vec!["datejoined", "joined", "startdate", "start"],
        ),
        (
            "documents".into(),
            Reader::List,
            vec!["termsofreference", "agreement", "links"],
        ),
        (
            "representatives".into(),
            Reader::Representatives,
            vec![
                "bcrepresentatives",
                "bcrepresentative",
                "bcrepresentativess",
                "representative",
                "councilrepresentatives",
                "bcrepresentativesmembersandorofficers",
                "representatives",
                "bcrepresentativesmembersandorofficers",
                "councilrepresentativesmembersandorofficers",
            ],
        ),
        (
            "representatives.level".into(),
            Reader::PeopleLevels,
            vec![
                "cmtsmtmemberofficer",
                "cmtsmtmembersofficers",
                "memberofficercmtsmt",
                "level",
                "levels",
                "representativelevel",
                "representativeslevel",
                "representativelevels",
            ],
        ),
        (
            "representatives.position".into(),
            Reader::PeoplePositions,
            vec![
                "position",
                "positions",
                "representativeposition",
                "representativespositions",
                "roleonthepartnership",
            ],
        ),
        ("risk_computed".into(), Reader::Computed, vec!["computedrisk"]),
        ("value_computed".into(), Reader::Computed, vec!["computedvalue"]),
        ("recommendation".into(), Reader::Computed, vec![]),
        (
            "risk.overall".into(),
            Reader::Level,
            vec![
                "overallriskassessment",
                "overallrisk",
                "riskrating",
                "risk",
                "riskassessment",
                "riskrecorded",
            ],
        ),
        ("risk.rationale".into(), Reader::Text, vec!["riskrationale"]),
        (
            "value.overall".into(),
            Reader::Level,
            vec![
                "overallvalueassessment",
                "overallvalue",
                "valuerating",
                "valueassessment",
                "valueassessmentofthepartnership",
                "overallvalueassessmentofthepartnership",
                "valuerecorded",
            ],
        ),
        ("value.rationale".into(), Reader::Text, vec!["valuerationale"]),
        (
            "reporting.frequency".into(),
            Reader::Frequency,
            vec!["reportingfrequency"],
        ),
        (
            "reporting.responsible".into(),
            Reader::Text,
            vec!["reportingresponsible", "responsibleofficer"],
        ),
        (
            "reporting.reports_to".into(),
            Reader::Choices(lenient::choice::<ReportsTo>),
            vec!["reportsto"],
        ),
        (
            "reporting.last_report".into(),
            Reader::Date,
            vec!["lastreport", "datelastreport", "lastreported"],
        ),
        (
            "reporting.data".into(),
            Reader::Choice(lenient::choice::<DataAssurance>),
            vec!["dataassurance", "dataquality"],
        ),
        ("reporting.caveat".into(), Reader::Text, vec!["datacaveat", "caveat"]),
        ("lead_officer".into(), Reader::Text, vec!["leadofficer"]),
        (
            "member_places".into(),
            Reader::Places,
            vec!["places", "memberplaces", "numberofplaces"],
        ),
        // Plain "Role" stays the council's role in the partnership; these
        // apply to every representative named in the row.
        (
            "representatives.roles".into(),
            Reader::Choices(lenient::choice::<ExpectedRole>),
            vec!["representativeroles", "representativerole", "rolesofrepresentatives"],
        ),
        (
            "representatives.term".into(),
            Reader::Choice(lenient::choice::<Term>),
            vec!["term", "termofappointment", "representativeterm"],
        ),
        (
            "approval.by".into(),
            Reader::Choice(lenient::choice::<Approver>),
            vec!["approvedby"],
        ),
        (
            "approval.date".into(),
            Reader::Date,
            vec!["approvaldate", "dateapproved"],
        ),
        (
            "approval.portfolio_holder".into(),
            Reader::Text,
            vec!["portfolioholder"],
        ),
        (
            "exit.reasons".into(),
            Reader::List,
            vec!["exitreasons", "reasonsforleaving"],
        ),
        ("exit.risks".into(), Reader::Text, vec!["exitrisks", "risksofexit"]),
        ("exit.controls".into(), Reader::Text, vec!["exitcontrols"]),
        (
            "exit.approved_by".into(),
            Reader::Choice(lenient::choice::<ExitApprover>),
            vec!["exitapprovedby"],
        ),
        ("exit.approved_on".into(), Reader::Date, vec!["exitapprovedon"]),
        (
            "exit.significant".into(),
            Reader::YesNo,
            vec!["exitsignificant", "exitsignificantyn", "significant"],
        ),
        (
            "exit.executive_reviewed".into(),
            Reader::YesNo,
            vec![
                "exitreviewedbytheexecutive",
                "exitreviewedbytheexecutiveyn",
                "executivereviewed",
            ],
        ),
    ];
    for key in crate::model::RISK_KEYS {
        t.push((format!("risk.{key}"), Reader::Level, vec![]));
    }
    for key in crate::model::VALUE_KEYS {
        t.push((format!("value.{key}"), Reader::Level, vec![]));
    }
    t
}

/// Lower case letters and digits only: `Budget contribution (£)` →
/// `budgetcontribution`.
pub(super) fn fold(header: &str) -> String {
    header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The spreadsheet column letter: 0 → A, 26 → AA.
pub(super) fn letter(mut col: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, char::from(b'A' + (col % 26) as u8));
        if col < 26 {
            return s;
        }
        col = col / 26 - 1;
    }
}

/// A `--mapping` file: `"Their header" = "register_key"` (or `"ignore"`).
pub(super) fn read_mapping(path: &Path) -> anyhow::Result<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let table: Table =
        toml::from_str(&text).map_err(|e| anyhow::anyhow!("{} is not valid TOML: {}", path.display(), e.message()))?;
    let keys: Vec<String> = targets().into_iter().map(|(k, _, _)| k).collect();
    let mut out = BTreeMap::new();
    for (header, target) in table {
        let Some(target) = target.as_str() else {
            bail!(
                "{}: the mapping for {header:?} should be text, e.g. \"lead_partner\"",
                path.display()
            );
        };
        if target != "ignore" && !keys.iter().any(|k| k == target) {
            bail!(
                "{}: {target:?} (for {header:?}) is not a register key; use one of {}, or \"ignore\"",
                path.display(),
                keys.join(", ")
            );
        }
        out.insert(fold(&header), target.to_string());
    }
    Ok(out)
}

/// The headings partreg knows: the register's keys with their other names,
/// `list`'s own column labels, and a `--mapping` file.
pub(super) struct Known {
    targets: Vec<(String, Reader, Vec<&'static str>)>,
    labels: Vec<(String, String)>,
    mapping: BTreeMap<String, String>,
}

impl Known {
    pub(super) fn new(mapping: BTreeMap<String, String>) -> Self {
        Known {
            targets: targets(),
            // `list` labels its spreadsheet columns; those labels always read back.
            labels: crate::reports::listing::columns()
                .into_iter()
                .map(|c| (fold(&c.label), c.key))
                .collect(),
            mapping,
        }
    }

    /// The key a heading fills, `"ignore"` for one mapped away, or `None`.
    pub(super) fn key(&self, heading: &str) -> Option<String> {
        let folded = fold(heading.trim_start_matches('\u{FEFF}'));
        if folded.is_empty() {
            return None;
        }
        match self.mapping.get(&folded) {
            Some(k) => Some(k.clone()),
            None => self
                .targets
                .iter()
                .find(|(k, _, aliases)| fold(k) == folded || aliases.contains(&folded.as_str()))
                .map(|(k, _, _)| k.clone())
                .or_else(|| {
                    self.labels
                        .iter()
                        .find(|(label, _)| *label == folded)
                        .map(|(_, key)| key.clone())
                }),
        }
    }
}

/// Which register key each column fills, and the columns that fill none.
/// `left` is the sheet column of the first cell, for the letters shown.
#[allow(clippy::type_complexity)]
pub(super) fn match_columns(
    header: &[String],
    known: &Known,
    left: usize,
) -> anyhow::Result<(Vec<(usize, String, Reader)>, Vec<(usize, String)>)> {
    let targets = &known.targets;
    let mut columns: Vec<(usize, String, Reader)> = Vec::new();
    let mut unknown = Vec::new();
    for (col, name) in header.iter().enumerate() {
        if fold(name).is_empty() {
            continue;
        }
        let key = match known.key(name) {
            Some(k) if k == "ignore" => continue,
            other => other,
        };
        match key {
            Some(key) => {
                if let Some((other, _, _)) = columns.iter().find(|(_, k, _)| *k == key) {
                    bail!(
                        "columns {} and {} both hold {key}; map one of them to \"ignore\" with --mapping",
                        letter(*other + left),
                        letter(col + left)
                    );
                }
                let reader = targets
                    .iter()
                    .find(|(k, _, _)| *k == key)
                    .map_or(Reader::Text, |(_, r, _)| *r);
                columns.push((col, key, reader));
            }
            None => unknown.push((col, name.clone())),
        }
    }
    Ok((columns, unknown))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
        assert_eq!(letter(701), "ZZ");
    }

    #[test]
    fn headers_fold_to_keys() {
        assert_eq!(fold("Budget contribution (£)"), "budgetcontribution");
        assert_eq!(fold("BC Representative(s)"), "bcrepresentatives");
        assert_eq!(fold("Statutory (Y/N)"), "statutoryyn");
    }
}
