//! The Appendix B tables as recorded in a file: the risk and value
//! criteria, each side's overall rating and rationale, and the keys a file
//! may record in the policy's order.

use super::Level;
use schemars::JsonSchema;
use serde::Serialize;

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
