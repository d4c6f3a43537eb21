//! The Appendix C questions for assessing new and existing partnerships,
//! answered as free text.

use schemars::JsonSchema;
use serde::Serialize;

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
