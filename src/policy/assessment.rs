//! Rating a partnership by the Appendix B rubric: each criterion's level and
//! where it came from, the rating each side's criteria give, and the
//! recommendation from the value × risk matrix.
//!
//! Pure computation over an [`Entry`] and a [`Rubric`]; `check`, `assess`,
//! `review` and the renderers all use these results and never re-derive them.

use serde::Serialize;

use crate::model::{Entry, Level};
use crate::policy::rubric::{Basis, Criterion, Method, Recommendation, Rubric};

/// Which side of Appendix B.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Risk,
    Value,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Risk => "risk",
            Side::Value => "value",
        }
    }
}

/// Where a criterion's level came from.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Written in the entry.
    Recorded,
    /// Worked out from the contribution or the staff hours.
    Derived,
}

/// One criterion that has a level.
#[derive(Clone, Debug)]
pub struct Rated<'r> {
    pub criterion: &'r Criterion,
    pub level: Level,
    pub source: Source,
}

/// What a side's criteria give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Computed {
    Rating(Level),
    /// Fewer than the rubric's share of criteria are rated.
    Incomplete,
}

impl Computed {
    pub fn as_str(self) -> &'static str {
        match self {
            Computed::Rating(level) => level.as_str_lower(),
            Computed::Incomplete => "incomplete",
        }
    }

    pub fn level(self) -> Option<Level> {
        match self {
            Computed::Rating(level) => Some(level),
            Computed::Incomplete => None,
        }
    }
}

/// One side (risk or value) of an assessment.
#[derive(Clone, Debug)]
pub struct SideAssessment<'r> {
    pub side: Side,
    /// The rated criteria, in the rubric's order.
    pub rated: Vec<Rated<'r>>,
    /// How many criteria the rubric has on this side.
    pub total: usize,
    /// How many must be rated for a computed rating.
    pub needed: usize,
    pub computed: Computed,
    /// The mean score of the rated criteria, if any are rated.
    pub score: Option<f64>,
    /// The recorded overall rating.
    pub recorded: Option<Level>,
    /// Whether a rationale is recorded for this side.
    pub has_rationale: bool,
}

impl SideAssessment<'_> {
    /// The rating that counts: the recorded overall, else the computed one.
    pub fn effective(&self) -> Option<Level> {
        self.recorded.or(self.computed.level())
    }

    /// The recorded overall differs from a computed rating.
    pub fn differs(&self) -> bool {
        matches!((self.recorded, self.computed), (Some(r), Computed::Rating(c)) if r != c)
    }

    /// The sum of the rated criteria's scores.
    pub fn sum(&self) -> u32 {
        self.rated.iter().map(|r| score(r.level)).sum()
    }
}

/// A whole assessment of one entry.
#[derive(Clone, Debug)]
pub struct Assessment<'r> {
    pub risk: SideAssessment<'r>,
    pub value: SideAssessment<'r>,
    /// From the matrix, using each side's effective rating; `None` when a
    /// side has no rating at all.
    pub recommendation: Option<Recommendation>,
}

impl Assessment<'_> {
    /// Either side's recorded overall differs from its computed rating.
    pub fn differs(&self) -> bool {
        self.risk.differs() || self.value.differs()
    }
}

/// The value × risk grid: which partnerships fall in each cell.
#[derive(Clone, Debug, Default)]
pub struct Matrix {
    /// `cells[value][risk]`, indexed by [`crate::policy::rubric::level_index`]: ids, sorted.
    pub cells: [[Vec<String>; 3]; 3],
    /// Partnerships with no rating on one side, so in no cell.
    pub unplaced: Vec<String>,
}

impl Matrix {
    /// Places each partnership by its effective ratings (recorded, else computed).
    pub fn build<'a>(items: impl IntoIterator<Item = (&'a str, &'a Assessment<'a>)>) -> Matrix {
        let mut m = Matrix::default();
        for (id, a) in items {
            match (a.value.effective(), a.risk.effective()) {
                (Some(v), Some(r)) => {
                    m.cells[crate::policy::rubric::level_index(v)][crate::policy::rubric::level_index(r)]
                        .push(id.to_string());
                }
                _ => m.unplaced.push(id.to_string()),
            }
        }
        m.cells.iter_mut().flatten().for_each(|ids| ids.sort());
        m.unplaced.sort();
        m
    }

    /// The ids in one cell.
    pub fn ids(&self, value: Level, risk: Level) -> &[String] {
        &self.cells[crate::policy::rubric::level_index(value)][crate::policy::rubric::level_index(risk)]
    }
}

/// high = 3, medium = 2, low = 1.
pub fn score(level: Level) -> u32 {
    match level {
        Level::Low => 1,
        Level::Medium => 2,
        Level::High => 3,
    }
}

/// Assesses an entry by the rubric.
pub fn assess<'r>(entry: &Entry, rubric: &'r Rubric) -> Assessment<'r> {
    let risk = side(entry, rubric, Side::Risk);
    let value = side(entry, rubric, Side::Value);
    // Retain, review or leave is a question only while the council takes
    // part (or might): an exited or declined partnership has no recommendation.
    let in_play = !matches!(
        entry.status,
        crate::model::Status::Exited | crate::model::Status::Declined
    );
    let recommendation = match (value.effective(), risk.effective()) {
        (Some(v), Some(r)) if in_play => Some(rubric.recommend(v, r)),
        _ => None,
    };
    Assessment {
        risk,
        value,
        recommendation,
    }
}

fn side<'r>(entry: &Entry, rubric: &'r Rubric, side: Side) -> SideAssessment<'r> {
    let (criteria, recorded, has_rationale) = match side {
        Side::Risk => (&rubric.risk, entry.risk.overall, entry.risk.rationale.is_some()),
        Side::Value => (&rubric.value, entry.value.overall, entry.value.rationale.is_some()),
    };
    let rated: Vec<Rated<'r>> = criteria.iter().filter_map(|c| rate(entry, rubric, side, c)).collect();
    let total = criteria.len();
    // "Fewer than half present" is incomplete: need ceil(coverage × total).
    let needed = ((rubric.coverage * total as f64) - 1e-9).ceil().max(0.0) as usize;
    let levels: Vec<Level> = rated.iter().map(|r| r.level).collect();
    let computed = if rated.is_empty() || rated.len() < needed {
        Computed::Incomplete
    } else {
        Computed::Rating(combine(rubric, &levels))
    };
    let score =
        (!levels.is_empty()).then(|| levels.iter().map(|l| f64::from(score(*l))).sum::<f64>() / levels.len() as f64);
    SideAssessment {
        side,
        rated,
        total,
        needed,
        computed,
        score,
        recorded,
        has_rationale,
    }
}

/// The level of one criterion for an entry, if it has one.
fn rate<'r>(entry: &Entry, rubric: &Rubric, side: Side, c: &'r Criterion) -> Option<Rated<'r>> {
    let recorded = match side {
        Side::Risk => entry.risk.level(&c.key),
        Side::Value => entry.value.level(&c.key),
    };
    let (level, source) = match c.basis {
        Basis::Pounds => (rubric.resource_level(entry.budget_contribution_gbp), Source::Derived),
        Basis::RecordedOrHours => match recorded {
            Some(level) => (level, Source::Recorded),
            None => (rubric.time_level(entry.staff_hours_per_month), Source::Derived),
        },
        Basis::Recorded => (recorded?, Source::Recorded),
    };
    Some(Rated {
        criterion: c,
        level,
        source,
    })
}

/// Combines a side's levels by the rubric's method.
pub fn combine(rubric: &Rubric, levels: &[Level]) -> Level {
    match rubric.method {
        Method::Mean => by_mean(rubric, levels),
        Method::Max => levels.iter().copied().max().unwrap_or(Level::Low),
        Method::Majority => {
            let count = |l: Level| levels.iter().filter(|x| **x == l).count();
            let counts = [Level::Low, Level::Medium, Level::High].map(|l| (count(l), l));
            let top = counts.iter().map(|(n, _)| *n).max().unwrap_or(0);
            let leaders: Vec<Level> = counts.iter().filter(|(n, _)| *n == top).map(|(_, l)| *l).collect();
            match leaders.as_slice() {
                [only] => *only,
                _ => by_mean(rubric, levels),
            }
        }
    }
}

/// The mean rounded by the cut points. Compared as `sum >= cut × n` so that
/// a mean of exactly 2.5 is never lost to floating-point division.
fn by_mean(rubric: &Rubric, levels: &[Level]) -> Level {
    let n = levels.len() as f64;
    let sum: f64 = levels.iter().map(|l| f64::from(score(*l))).sum();
    if sum >= rubric.cut_high * n {
        Level::High
    } else if sum < rubric.cut_low * n {
        Level::Low
    } else {
        Level::Medium
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Level::{High, Low, Medium};

    fn rubric_with(method: &str) -> Rubric {
        let text = crate::policy::rubric::DEFAULT_RUBRIC.replace("method: mean", &format!("method: {method}"));
        Rubric::parse(&text, "test").unwrap()
    }

    #[test]
    fn mean_rounds_half_up() {
        let r = rubric_with("mean");
        assert_eq!(combine(&r, &[High, Medium]), High); // 2.5
        assert_eq!(combine(&r, &[Medium, Low]), Medium); // 1.5
        assert_eq!(combine(&r, &[Low, Low, Medium]), Low); // 1.33
        assert_eq!(combine(&r, &[High, High, Low, Low]), Medium); // 2.0
        assert_eq!(combine(&r, &[High, Medium, Medium, High, Medium, High]), High); // 2.5 over six
    }

    #[test]
    fn max_takes_the_highest() {
        let r = rubric_with("max");
        assert_eq!(combine(&r, &[Low, Low, High]), High);
        assert_eq!(combine(&r, &[Low, Medium]), Medium);
    }

    #[test]
    fn majority_takes_the_commonest_and_ties_fall_back_to_the_mean() {
        let r = rubric_with("majority");
        assert_eq!(combine(&r, &[Low, Low, High]), Low);
        assert_eq!(combine(&r, &[High, High, Low, Medium]), High);
        assert_eq!(combine(&r, &[High, Low]), Medium); // tie: mean 2.0
        assert_eq!(combine(&r, &[High, High, Medium, Medium]), High); // tie: mean 2.5
    }
}
