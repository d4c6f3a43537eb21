//! The Appendix B rubric as data: the risk and value criteria with the
//! policy's level texts, the thresholds that turn pounds and hours into
//! levels, how criteria combine into a rating, and the recommendation
//! matrix. The default is `schemas/criteria.yaml`, built into the binary; a
//! council can replace it with `rubric = "path"` in `partreg.toml`.
//!
//! A rubric is checked as a whole when it is loaded: a rubric that does not
//! make sense stops the run (exit 2) with the file, line and problem, rather
//! than rating partnerships wrongly.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::model::{Choice, Level, RISK_KEYS, VALUE_KEYS, choice};

/// The built-in rubric, the text of `schemas/criteria.yaml`.
pub const DEFAULT_RUBRIC: &str = include_str!("../../schemas/criteria.yaml");

/// The built-in rubric's [`Rubric::source`].
const BUILT_IN: &str = "built-in rubric";

/// Where `init` puts a copy of the built-in rubric for a council to edit,
/// relative to `partreg.toml`, and the `rubric =` setting that uses it.
pub const PROJECT_COPY: &str = "schemas/criteria.yaml";

choice! {
    /// What the value × risk matrix recommends for a partnership.
    pub enum Recommendation {
        /// Stay in the partnership.
        Retain = "retain",
        /// Stay, and manage the high risk actively.
        RetainManageRisk = "retain-manage-risk",
        /// Look again at the council's involvement.
        Review = "review",
        /// Consider leaving (with an exit strategy).
        ConsiderExit = "consider-exit",
    }
}

impl crate::model::Label for Recommendation {
    fn label(self) -> &'static str {
        match self {
            Recommendation::Retain => "Retain",
            Recommendation::RetainManageRisk => "Retain and manage the risk",
            Recommendation::Review => "Review",
            Recommendation::ConsiderExit => "Consider exit",
        }
    }
}

choice! {
    /// How the criteria on one side combine into one rating.
    pub enum Method {
        /// The average score, rounded half up by the cut points.
        Mean = "mean",
        /// The highest level of any criterion.
        Max = "max",
        /// The most common level; a tie falls back to the mean.
        Majority = "majority",
    }
}

/// Where a criterion's level comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Recorded in the entry's `[risk]` or `[value]` table.
    Recorded,
    /// Always worked out from `budget_contribution_gbp` (the resource criterion).
    Pounds,
    /// Recorded, or else worked out from `staff_hours_per_month`.
    RecordedOrHours,
}

/// One Appendix B criterion.
#[derive(Clone, Debug)]
pub struct Criterion {
    /// The key in register files (`failure_impact`), or `resource`.
    pub key: String,
    pub title: String,
    /// The policy's description of each level: `[low, medium, high]`.
    texts: [String; 3],
    pub basis: Basis,
}

impl Criterion {
    /// The rubric's description of a level of this criterion.
    pub fn text(&self, level: Level) -> &str {
        &self.texts[level_index(level)]
    }
}

/// Index of a level in `[low, medium, high]` arrays.
pub fn level_index(level: Level) -> usize {
    match level {
        Level::Low => 0,
        Level::Medium => 1,
        Level::High => 2,
    }
}

/// A loaded, checked rubric.
#[derive(Clone, Debug)]
pub struct Rubric {
    /// Where it came from, for messages: a path, or "built-in rubric".
    pub source: String,
    pub method: Method,
    /// A mean of at least this is High.
    pub cut_high: f64,
    /// A mean below this is Low.
    pub cut_low: f64,
    /// The share of a side's criteria that must be rated.
    pub coverage: f64,
    /// More than this many pounds a year is a High resource contribution.
    pub resource_high_above: u64,
    /// From this many pounds a year the resource contribution is Medium.
    pub resource_medium_from: u64,
    /// At least this many hours a month is a High time commitment.
    pub hours_high_from: f64,
    /// At least this many hours a month is a Medium time commitment.
    pub hours_medium_from: f64,
    pub risk: Vec<Criterion>,
    pub value: Vec<Criterion>,
    /// `matrix[value][risk]`, indexed by [`level_index`].
    matrix: [[Recommendation; 3]; 3],
}

impl Rubric {
    /// The built-in rubric.
    pub fn builtin() -> anyhow::Result<Rubric> {
        // Not "(schemas/criteria.yaml)": a project's copy of that file is not
        // what the built-in rubric reads, so naming it misleads.
        Rubric::parse(DEFAULT_RUBRIC, BUILT_IN)
    }

    /// Whether this is the rubric built into partreg.
    pub fn is_builtin(&self) -> bool {
        self.source == BUILT_IN
    }

    /// The project's own `schemas/criteria.yaml` (under `base`, the folder
    /// of `partreg.toml`) when this rubric is the built-in one and that file
    /// differs from it: its edits change nothing until `partreg.toml` names
    /// it, which an officer editing it would not guess.
    pub fn unused_copy(&self, base: &Path) -> Option<std::path::PathBuf> {
        let path = base.join(PROJECT_COPY);
        if !self.is_builtin() {
            return None;
        }
        let text = std::fs::read_to_string(&path).ok()?;
        // A checkout with Windows line endings is still the same rubric.
        (text.replace("\r\n", "\n") != DEFAULT_RUBRIC.replace("\r\n", "\n")).then_some(path)
    }

    /// Reads a rubric file.
    pub fn load(path: &Path) -> anyhow::Result<Rubric> {
        let text = super::rubric_limits::read(path)?;
        Rubric::parse(&text, &path.display().to_string())
    }

    /// The rubric for people: "the built-in rubric" or "the rubric in
    /// criteria.yaml".
    pub fn describe(&self) -> String {
        if self.is_builtin() {
            format!("the {}", self.source)
        } else {
            format!("the rubric in {}", self.source)
        }
    }

    /// The recommendation for a value rating and a risk rating.
    pub fn recommend(&self, value: Level, risk: Level) -> Recommendation {
        self.matrix[level_index(value)][level_index(risk)]
    }

    /// The level of the resource criterion for a yearly contribution.
    pub fn resource_level(&self, pounds: u64) -> Level {
        if pounds > self.resource_high_above {
            Level::High
        } else if pounds >= self.resource_medium_from {
            Level::Medium
        } else {
            Level::Low
        }
    }

    /// The time commitment worked out from staff hours a month.
    pub fn time_level(&self, hours: f64) -> Level {
        if hours >= self.hours_high_from {
            Level::High
        } else if hours >= self.hours_medium_from {
            Level::Medium
        } else {
            Level::Low
        }
    }

    /// Parses and checks a rubric; `source` names it in messages.
    pub fn parse(text: &str, source: &str) -> anyhow::Result<Rubric> {
        super::rubric_limits::check_nesting(text, source)?;
        let raw: RawRubric = yaml_serde::from_str(text).map_err(|err| {
            let place = err
                .location()
                .map(|l| format!(":{}:{}", l.line(), l.column()))
                .unwrap_or_default();
            anyhow::anyhow!("the rubric {source}{place} cannot be read: {err}")
        })?;
        let problem = |path: &[&str], message: String| {
            let line = yaml_line(text, path).map(|l| format!(":{l}")).unwrap_or_default();
            anyhow::anyhow!("the rubric {source}{line}: {message}")
        };
        check_range(&raw, &problem)?;
        let risk = criteria(&raw.risk, "risk", &problem)?;
        let value = criteria(&raw.value, "value", &problem)?;
        let matrix = matrix(&raw.matrix, &problem)?;
        Ok(Rubric {
            source: source.to_string(),
            method: raw.method,
            cut_high: raw.cut_points.high,
            cut_low: raw.cut_points.low,
            coverage: raw.coverage,
            resource_high_above: raw.resource_gbp.high_above,
            resource_medium_from: raw.resource_gbp.medium_from,
            hours_high_from: raw.time_hours_per_month.high_from,
            hours_medium_from: raw.time_hours_per_month.medium_from,
            risk,
            value,
            matrix,
        })
    }
}

type Problem<'a> = dyn Fn(&[&str], String) -> anyhow::Error + 'a;

fn check_range(raw: &RawRubric, problem: &Problem<'_>) -> anyhow::Result<()> {
    let cuts = &raw.cut_points;
    if !(1.0..=3.0).contains(&cuts.low) || !(1.0..=3.0).contains(&cuts.high) || cuts.low >= cuts.high {
        return Err(problem(
            &["cut_points"],
            format!(
                "the cut points must lie between 1 and 3 with low below high, not low {} and high {}",
                cuts.low, cuts.high
            ),
        ));
    }
    if !(raw.coverage > 0.0 && raw.coverage <= 1.0) {
        return Err(problem(
            &["coverage"],
            format!("coverage must be a share above 0 and at most 1, not {}", raw.coverage),
        ));
    }
    let gbp = &raw.resource_gbp;
    if gbp.medium_from > gbp.high_above {
        return Err(problem(
            &["resource_gbp", "medium_from"],
            format!(
                "the pound thresholds are out of order: medium_from ({}) is above high_above ({})",
                gbp.medium_from, gbp.high_above
            ),
        ));
    }
    let hours = &raw.time_hours_per_month;
    let finite = hours.medium_from.is_finite() && hours.high_from.is_finite();
    if !finite || hours.medium_from < 0.0 || hours.medium_from >= hours.high_from {
        return Err(problem(
            &["time_hours_per_month", "medium_from"],
            format!(
                "the hour thresholds are out of order: medium_from ({}) must be at least 0 and below high_from ({})",
                hours.medium_from, hours.high_from
            ),
        ));
    }
    Ok(())
}

fn criteria(raw: &[RawCriterion], side: &str, problem: &Problem<'_>) -> anyhow::Result<Vec<Criterion>> {
    let allowed: &[&str] = if side == "risk" { &RISK_KEYS } else { &VALUE_KEYS };
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for c in raw {
        let basis = match (side, c.key.as_str()) {
            ("risk", "resource") => Basis::Pounds,
            ("risk", "time_commitment") => Basis::RecordedOrHours,
            (_, key) if allowed.contains(&key) => Basis::Recorded,
            (_, key) => {
                let mut names: Vec<&str> = allowed.to_vec();
                if side == "risk" {
                    names.insert(0, "resource");
                }
                return Err(problem(
                    &[side, key],
                    format!(
                        "{key:?} is not a {side} criterion; the criteria are {}",
                        names.join(", ")
                    ),
                ));
            }
        };
        if seen.contains(&c.key) {
            return Err(problem(
                &[side, &c.key],
                format!("the {side} criterion {:?} is listed twice", c.key),
            ));
        }
        seen.push(c.key.clone());
        out.push(Criterion {
            key: c.key.clone(),
            title: c.title.clone(),
            texts: [c.low.clone(), c.medium.clone(), c.high.clone()],
            basis,
        });
    }
    if out.is_empty() {
        return Err(problem(&[side], format!("the {side} side has no criteria")));
    }
    if side == "risk" && !out.iter().any(|c| c.basis == Basis::Pounds) {
        return Err(problem(
            &["risk"],
            "the risk side must include the `resource` criterion, which the policy always counts".into(),
        ));
    }
    Ok(out)
}

fn matrix(
    raw: &BTreeMap<String, BTreeMap<String, String>>,
    problem: &Problem<'_>,
) -> anyhow::Result<[[Recommendation; 3]; 3]> {
    let mut out = [[Recommendation::Review; 3]; 3];
    for key in raw.keys() {
        if Level::from_str_exact(key).is_none() {
            return Err(problem(
                &["matrix", key],
                format!("the matrix has a row {key:?}; rows are the value ratings high, medium and low"),
            ));
        }
    }
    for value in Level::ALL {
        let Some(row) = raw.get(value.as_str()) else {
            return Err(problem(&["matrix"], format!("the matrix has no row for {value} value")));
        };
        for key in row.keys() {
            if Level::from_str_exact(key).is_none() {
                return Err(problem(
                    &["matrix", value.as_str(), key],
                    format!(
                        "the matrix row {value} has a column {key:?}; columns are the risk ratings high, medium and low"
                    ),
                ));
            }
        }
        for risk in Level::ALL {
            let Some(cell) = row.get(risk.as_str()) else {
                return Err(problem(
                    &["matrix", value.as_str()],
                    format!("the matrix cell for {value} value and {risk} risk is missing"),
                ));
            };
            let Some(recommendation) = Recommendation::from_str_exact(cell) else {
                return Err(problem(
                    &["matrix", value.as_str(), risk.as_str()],
                    format!("{cell:?} is not a recommendation; use {}", Recommendation::spellings()),
                ));
            };
            out[level_index(*value)][level_index(*risk)] = recommendation;
        }
    }
    Ok(out)
}

/// The 1-based line of a key path in a YAML text such as this rubric: each
/// segment is found as `segment:` (or a list item `- key: segment`) indented
/// more deeply than the one before. Good enough for messages about a
/// rubric that has already parsed.
fn yaml_line(text: &str, path: &[&str]) -> Option<usize> {
    let mut found = None;
    let mut min_indent = 0;
    let mut start = 0;
    let lines: Vec<&str> = text.lines().collect();
    for seg in path {
        let (i, indent) = lines.iter().enumerate().skip(start).find_map(|(i, line)| {
            let indent = line.len() - line.trim_start().len();
            let body = line.trim_start().trim_start_matches("- ");
            let hit = body.starts_with(&format!("{seg}:")) || body == format!("key: {seg}");
            (hit && indent >= min_indent).then_some((i, indent))
        })?;
        found = Some(i + 1);
        min_indent = indent + 1;
        start = i + 1;
    }
    found
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRubric {
    method: Method,
    cut_points: RawCuts,
    coverage: f64,
    resource_gbp: RawPounds,
    time_hours_per_month: RawHours,
    risk: Vec<RawCriterion>,
    value: Vec<RawCriterion>,
    matrix: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCuts {
    high: f64,
    low: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPounds {
    high_above: u64,
    medium_from: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHours {
    high_from: f64,
    medium_from: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    key: String,
    title: String,
    high: String,
    medium: String,
    low: String,
}

impl<'de> Deserialize<'de> for Method {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Method::from_str_exact(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("{text:?} is not a method; use {}", Method::spellings())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rubric() -> Rubric {
        Rubric::builtin().unwrap()
    }

    #[test]
    fn the_builtin_rubric_loads() {
        let r = rubric();
        assert_eq!(r.risk.len(), 6);
        assert_eq!(r.value.len(), 9);
        assert_eq!(r.method, Method::Mean);
        assert_eq!(r.recommend(Level::Low, Level::High), Recommendation::ConsiderExit);
    }

    #[test]
    fn pound_boundaries() {
        let r = rubric();
        let cases = [
            (0, Level::Low),
            (49_999, Level::Low),
            (50_000, Level::Medium),
            (100_000, Level::Medium),
            (100_001, Level::High),
        ];
        for (pounds, level) in cases {
            assert_eq!(r.resource_level(pounds), level, "£{pounds}");
        }
    }

    #[test]
    fn hour_boundaries() {
        let r = rubric();
        let cases = [
            (0.0, Level::Low),
            (3.9, Level::Low),
            (4.0, Level::Medium),
            (14.99, Level::Medium),
            (15.0, Level::High),
        ];
        for (hours, level) in cases {
            assert_eq!(r.time_level(hours), level, "{hours} hours");
        }
    }

    #[test]
    fn finds_lines_of_key_paths() {
        assert_eq!(
            yaml_line("a:\n  b: 1\nmatrix:\n  low:\n    high: x\n", &["matrix", "low", "high"]),
            Some(5)
        );
        assert_eq!(
            yaml_line(
                "risk:\n  - key: resource\n  - key: reputation\n",
                &["risk", "reputation"]
            ),
            Some(3)
        );
        assert_eq!(yaml_line("a: 1\n", &["b"]), None);
    }
}
