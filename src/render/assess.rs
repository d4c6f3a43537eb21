//! `partreg assess` output: the ratings table (table, CSV, JSON), the
//! plain-English explanation of one assessment, and the value × risk matrix.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::csv::CsvOut;
use super::document::{self, Document, NONE};
use super::table::Fit;
use super::text::{level, pounds};
use crate::model::{Choice, Entry, Label, Level};
use crate::policy::assessment::{Assessment, Computed, Matrix, SideAssessment, Source, score};
use crate::policy::rubric::{Basis, Method, Recommendation, Rubric};

/// One partnership's assessment, with what identifies it.
pub struct Row<'a> {
    pub id: &'a str,
    pub entry: &'a Entry,
    pub assessment: Assessment<'a>,
}

pub fn computed_title(c: Computed) -> &'static str {
    match c {
        Computed::Rating(l) => l.title(),
        Computed::Incomplete => "Incomplete",
    }
}

/// The ratings as a terminal table, laid out as `list` lays out the
/// register ([`document::table`]): names in full, wrapped at words; values
/// as the review pack words them (Active, Retain and manage the risk); on a
/// narrow terminal the least needed columns left out first and named under
/// the table. Partnerships are named by name; `ids` adds their ids as a
/// first column.
pub fn table(rows: &[Row<'_>], fit: Fit, ids: bool, w: impl Write) -> io::Result<()> {
    let rows = rows
        .iter()
        .map(|r| {
            let a = &r.assessment;
            vec![
                r.id.to_string(),
                r.entry.name.clone(),
                r.entry.status.label().to_string(),
                computed_title(a.risk.computed).to_string(),
                level(a.risk.recorded).to_string(),
                computed_title(a.value.computed).to_string(),
                level(a.value.recorded).to_string(),
                if a.differs() { "Yes" } else { "No" }.to_string(),
                a.recommendation.map_or(NONE, Label::label).to_string(),
            ]
        })
        .collect();
    let doc = Document {
        headers: vec![
            "ID",
            "Name",
            "Status",
            COMPUTED[0],
            "Risk\nrecorded",
            COMPUTED[1],
            "Value\nrecorded",
            "Differs",
            "Recommendation",
        ],
        rows,
        // On a narrow terminal: the computed ratings go first (the pack and
        // `--explain` give them), then Differs, then the status. The name
        // and the recommendation are what the table is read for: each is
        // kept on one line while anything else can go.
        drop_first: vec![COMPUTED[0], COMPUTED[1], "Differs", "Status"],
        roomy: vec![("Name", 60), ("Recommendation", 26)],
        full: vec!["Name", "Recommendation"],
        every_column: "`--format csv` and `--format json`",
        ..Document::default()
    };
    // Cells are escaped as they go in (`table::add_wrapped_row`).
    document::table(&doc, fit, ids, w)
}

/// The headings of the computed ratings, the first columns left out.
const COMPUTED: [&str; 2] = ["Risk\ncomputed", "Value\ncomputed"];

/// The ratings as CSV, one row per partnership.
pub fn csv(rows: &[Row<'_>], bom: bool, w: impl Write) -> io::Result<()> {
    let mut out = CsvOut::new(w, bom)?;
    out.header(&[
        "id",
        "name",
        "status",
        "risk_computed",
        "risk_recorded",
        "risk_score",
        "value_computed",
        "value_recorded",
        "value_score",
        "differs",
        "recommendation",
    ])?;
    for r in rows {
        let a = &r.assessment;
        out.text(r.id).text(&r.entry.name).text(r.entry.status.as_str());
        for side in [&a.risk, &a.value] {
            out.text(side.computed.as_str())
                .opt(side.recorded.map(Level::as_str_lower));
            match side.score {
                Some(s) => out.number(format!("{s:.2}")),
                None => out.text(""),
            };
        }
        out.text(if a.differs() { "yes" } else { "no" });
        out.opt(a.recommendation.map(Choice::as_str));
        out.end()?;
    }
    out.finish()
}

#[derive(Serialize)]
struct JsonRow<'a> {
    id: &'a str,
    name: &'a str,
    status: &'static str,
    risk: JsonSide<'a>,
    value: JsonSide<'a>,
    recommendation: Option<&'static str>,
}

#[derive(Serialize)]
pub struct JsonSide<'a> {
    computed: &'static str,
    recorded: Option<&'static str>,
    score: Option<f64>,
    criteria: BTreeMap<&'a str, JsonCriterion>,
}

#[derive(Serialize)]
pub struct JsonCriterion {
    level: &'static str,
    source: Source,
}

pub fn json_side<'a>(side: &'a SideAssessment<'_>) -> JsonSide<'a> {
    JsonSide {
        computed: side.computed.as_str(),
        recorded: side.recorded.map(Level::as_str_lower),
        // Two decimal places: enough to see which side of a cut point it is.
        score: side.score.map(|s| (s * 100.0).round() / 100.0),
        criteria: side
            .rated
            .iter()
            .map(|r| {
                let c = JsonCriterion {
                    level: r.level.as_str_lower(),
                    source: r.source,
                };
                (r.criterion.key.as_str(), c)
            })
            .collect(),
    }
}

/// The ratings as JSON: one object, the partnerships in a list.
pub fn json(rows: &[Row<'_>], mut w: impl Write) -> io::Result<()> {
    #[derive(Serialize)]
    struct Doc<'a> {
        partnerships: Vec<JsonRow<'a>>,
    }
    let partnerships: Vec<JsonRow<'_>> = rows
        .iter()
        .map(|r| JsonRow {
            id: r.id,
            name: &r.entry.name,
            status: r.entry.status.as_str(),
            risk: json_side(&r.assessment.risk),
            value: json_side(&r.assessment.value),
            recommendation: r.assessment.recommendation.map(Choice::as_str),
        })
        .collect();
    super::formats::write_json(&Doc { partnerships }, &mut w)
}

/// The working behind one assessment, in plain English, wrapped at words
/// to `fit`'s width. `unused_copy` is the project's own copy of the rubric
/// when it differs from the built-in one that rated the partnership (see
/// [`Rubric::unused_copy`]), as shown to the user.
pub fn explain(
    row: &Row<'_>,
    rubric: &Rubric,
    unused_copy: Option<&str>,
    fit: super::table::Fit,
    w: impl Write,
) -> io::Result<()> {
    let mut buf = Vec::new();
    working(row, rubric, unused_copy, &mut buf)?;
    let text = String::from_utf8_lossy(&buf);
    super::sanitize::Terminal::new(w).write_all(super::wrap::lines(&text, fit).as_bytes())
}

fn working(row: &Row<'_>, rubric: &Rubric, unused_copy: Option<&str>, w: &mut Vec<u8>) -> io::Result<()> {
    let e = row.entry;
    let a = &row.assessment;
    writeln!(w, "{} ({}), {}", e.name, row.id, crate::model::Label::label(e.status))?;
    writeln!(w, "Rated by {}.", rubric.describe())?;
    if let Some(copy) = unused_copy {
        writeln!(
            w,
            "Note: {copy} differs from the built-in rubric and is not used.\n  To rate by it, add rubric = \"{}\" to partreg.toml.",
            crate::policy::rubric::PROJECT_COPY
        )?;
    }
    for side in [&a.risk, &a.value] {
        writeln!(w)?;
        explain_side(e, side, rubric, w)?;
    }
    writeln!(w)?;
    writeln!(w, "RECOMMENDATION")?;
    match (a.value.effective(), a.risk.effective(), a.recommendation) {
        (Some(v), Some(r), Some(rec)) => {
            writeln!(
                w,
                "  Value {} and risk {} (the {} value rating and the {} risk rating): {}.",
                v.title(),
                r.title(),
                which(&a.value),
                which(&a.risk),
                crate::model::Label::label(rec)
            )?;
            writeln!(w, "  {}", recommendation_meaning(rec))?;
        }
        _ if matches!(e.status, crate::model::Status::Exited | crate::model::Status::Declined) => {
            writeln!(w, "  None: the council has left, or did not join, this partnership.")?;
        }
        _ => writeln!(
            w,
            "  None: a side has neither a recorded nor a computed rating, so the matrix cannot be read."
        )?,
    }
    writeln!(w)?;
    writeln!(w, "TO CHANGE A RATING")?;
    writeln!(
        w,
        "  partreg assess {} --set risk.KEY=LEVEL or --set value.KEY=LEVEL, the LEVEL high, medium or low (for a rationale, its text). The keys:",
        row.id
    )?;
    writeln!(w, "{}", crate::policy::flag_hints::set_keys_lines())?;
    Ok(())
}

fn which(side: &SideAssessment<'_>) -> &'static str {
    if side.recorded.is_some() {
        "recorded"
    } else {
        "computed"
    }
}

fn recommendation_meaning(r: Recommendation) -> &'static str {
    match r {
        Recommendation::Retain => "Retain: stay in the partnership.",
        Recommendation::RetainManageRisk => "Retain and manage the risk: stay, with the high risk actively managed.",
        Recommendation::Review => "Review: look again at the council's involvement at the annual review.",
        Recommendation::ConsiderExit => {
            "Consider exit: weigh leaving, with an exit strategy if the council decides to go."
        }
    }
}

fn explain_side(e: &Entry, side: &SideAssessment<'_>, rubric: &Rubric, w: &mut impl Write) -> io::Result<()> {
    let name = side.side.as_str();
    writeln!(w, "{}", name.to_uppercase())?;
    let criteria = if name == "risk" { &rubric.risk } else { &rubric.value };
    for c in criteria {
        let Some(rated) = side.rated.iter().find(|r| r.criterion.key == c.key) else {
            writeln!(w, "  {}: not rated", c.title)?;
            continue;
        };
        let origin = match (rated.source, c.basis) {
            (Source::Recorded, _) => "recorded".to_string(),
            (Source::Derived, Basis::Pounds) => {
                format!(
                    "worked out from the contribution of {} a year: {}",
                    pounds(e.budget_contribution_gbp),
                    pound_rule(rubric, rated.level)
                )
            }
            (Source::Derived, _) => format!(
                "worked out from {} staff hours a month: {}",
                e.staff_hours_per_month,
                hour_rule(rubric, rated.level)
            ),
        };
        writeln!(w, "  {}: {} ({origin})", c.title, rated.level.title())?;
        writeln!(w, "      \"{}\"", c.text(rated.level))?;
    }
    writeln!(
        w,
        "  {} of {} criteria rated; at least {} are needed.",
        side.rated.len(),
        side.total,
        side.needed
    )?;
    match side.computed {
        Computed::Incomplete => writeln!(w, "  Too few criteria are rated, so no {name} rating is computed.")?,
        Computed::Rating(computed) => arithmetic(side, rubric, computed, w)?,
    }
    match (side.recorded, side.computed) {
        (None, Computed::Rating(_)) => writeln!(
            w,
            "  No overall {name} rating is recorded, so the computed one is used."
        )?,
        (None, Computed::Incomplete) => writeln!(w, "  No overall {name} rating is recorded either.")?,
        (Some(r), Computed::Incomplete) => {
            writeln!(w, "  The recorded overall {name} rating, {}, stands.", r.title())?;
        }
        (Some(r), Computed::Rating(c)) if r == c => {
            writeln!(w, "  The recorded overall {name} rating, {}, agrees.", r.title())?;
        }
        (Some(r), Computed::Rating(c)) => {
            writeln!(
                w,
                "  The recorded overall {name} rating is {}, not the computed {}; the recorded one is used.",
                r.title(),
                c.title()
            )?;
            let rationale = match name {
                "risk" => e.risk.rationale.as_deref(),
                _ => e.value.rationale.as_deref(),
            };
            match rationale {
                Some(text) => writeln!(w, "  Rationale: {text}")?,
                None => writeln!(
                    w,
                    "  No rationale is recorded: `partreg check` reports this as an error."
                )?,
            }
        }
    }
    Ok(())
}

fn arithmetic(side: &SideAssessment<'_>, rubric: &Rubric, computed: Level, w: &mut impl Write) -> io::Result<()> {
    let name = side.side.as_str();
    let scores: Vec<String> = side.rated.iter().map(|r| score(r.level).to_string()).collect();
    let n = side.rated.len();
    let mean = f64::from(side.sum()) / n as f64;
    writeln!(
        w,
        "  Scores (High 3, Medium 2, Low 1): {} = {}; {} ÷ {n} = {mean:.2}.",
        scores.join(" + "),
        side.sum(),
        side.sum()
    )?;
    match rubric.method {
        Method::Mean => writeln!(
            w,
            "  A mean of {} or more is High, under {} is Low, anything between is Medium: the computed {name} rating is {}.",
            rubric.cut_high,
            rubric.cut_low,
            computed.title()
        ),
        Method::Max => writeln!(
            w,
            "  The rubric takes the highest level of any criterion: the computed {name} rating is {}.",
            computed.title()
        ),
        Method::Majority => writeln!(
            w,
            "  The rubric takes the most common level (a tie is settled by the mean): the computed {name} rating is {}.",
            computed.title()
        ),
    }
}

fn pound_rule(r: &Rubric, level: Level) -> String {
    match level {
        Level::High => format!("more than {}", pounds(r.resource_high_above)),
        Level::Medium => format!(
            "from {} to {}",
            pounds(r.resource_medium_from),
            pounds(r.resource_high_above)
        ),
        Level::Low => format!("less than {}", pounds(r.resource_medium_from)),
    }
}

fn hour_rule(r: &Rubric, level: Level) -> String {
    match level {
        Level::High => format!("{} or more", r.hours_high_from),
        Level::Medium => format!("at least {} and under {}", r.hours_medium_from, r.hours_high_from),
        Level::Low => format!("under {}", r.hours_medium_from),
    }
}

const ORDER: [Level; 3] = [Level::High, Level::Medium, Level::Low];
const COLUMNS: [Level; 3] = [Level::Low, Level::Medium, Level::High];

/// The value × risk grid as a terminal table: counts and recommendations,
/// and the ids when `names` is set. Its columns are never cut: an id is
/// only of use whole.
pub fn matrix_table(m: &Matrix, rubric: &Rubric, names: bool, fit: Fit, w: impl Write) -> io::Result<()> {
    let mut w = super::sanitize::Terminal::new(w);
    let mut t = super::table::new(
        &["Value \\ Risk", "Low risk", "Medium risk", "High risk"],
        fit,
        &[0, 1, 2, 3],
    );
    for value in ORDER {
        let mut row = vec![format!("{} value", value.title())];
        for risk in COLUMNS {
            let ids = m.ids(value, risk);
            let mut cell = format!("{} · {}", ids.len(), rubric.recommend(value, risk));
            if names {
                for id in ids {
                    cell.push('\n');
                    cell.push_str(&super::sanitize::escape(id));
                }
            }
            row.push(cell);
        }
        t.add_row(row);
    }
    writeln!(w, "{t}")?;
    if !m.unplaced.is_empty() {
        writeln!(w, "Not placed (no rating on one side): {}", m.unplaced.join(", "))?;
    }
    Ok(())
}

/// The grid as CSV: one row per cell.
pub fn matrix_csv(m: &Matrix, rubric: &Rubric, bom: bool, w: impl Write) -> io::Result<()> {
    let mut out = CsvOut::new(w, bom)?;
    out.header(&["value", "risk", "recommendation", "count", "ids"])?;
    for value in ORDER {
        for risk in COLUMNS {
            let ids = m.ids(value, risk);
            out.text(value.as_str_lower())
                .text(risk.as_str_lower())
                .text(rubric.recommend(value, risk).as_str());
            out.number(ids.len()).text(&ids.join("; ")).end()?;
        }
    }
    out.finish()
}

#[derive(Serialize)]
pub struct JsonCell<'a> {
    pub value: &'static str,
    pub risk: &'static str,
    pub recommendation: &'static str,
    pub count: usize,
    pub ids: &'a [String],
}

/// The nine cells, for JSON: high value first, low risk first.
pub fn matrix_cells<'a>(m: &'a Matrix, rubric: &Rubric) -> Vec<JsonCell<'a>> {
    ORDER
        .iter()
        .flat_map(|&value| COLUMNS.iter().map(move |&risk| (value, risk)))
        .map(|(value, risk)| {
            let ids = m.ids(value, risk);
            JsonCell {
                value: value.as_str_lower(),
                risk: risk.as_str_lower(),
                recommendation: rubric.recommend(value, risk).as_str(),
                count: ids.len(),
                ids,
            }
        })
        .collect()
}

/// The grid as JSON.
pub fn matrix_json(m: &Matrix, rubric: &Rubric, mut w: impl Write) -> io::Result<()> {
    #[derive(Serialize)]
    struct Doc<'a> {
        cells: Vec<JsonCell<'a>>,
        unplaced: &'a [String],
    }
    let doc = Doc {
        cells: matrix_cells(m, rubric),
        unplaced: &m.unplaced,
    };
    super::formats::write_json(&doc, &mut w)
}
