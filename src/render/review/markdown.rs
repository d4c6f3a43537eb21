//! The review pack as Markdown: a committee-ready report that reads well
//! in a git host and converts to Word with pandoc.

use super::{
    RISKS, VALUES, appointments, cell_names, change_lines, contribution, error_lines, hours, last_review, rating,
    reasons_text, recommendation, reporting, summary_lines, this_year, title, urgency,
};
use crate::model::Label;
use crate::policy::rubric::Rubric;
use crate::reports::history::Changes;
use crate::reports::review::Pack;
use std::io::{self, Write};

/// Text from the register, inert in Markdown.
pub(crate) fn md(text: &str) -> String {
    crate::render::markdown::text(text)
}

/// A committee-ready Markdown report.
pub fn markdown(pack: &Pack<'_>, rubric: &Rubric, changes: Option<&Changes>, mut w: impl Write) -> io::Result<()> {
    writeln!(w, "# {}\n", md(&title(pack)))?;
    writeln!(
        w,
        "Review year ending {}. Prepared from the register as of {}.\n",
        pack.options.year_end, pack.options.as_of
    )?;
    let errors = error_lines(pack);
    if let Some((first, rest)) = errors.split_first() {
        writeln!(w, "> **{}**", md(first))?;
        for line in rest {
            writeln!(w, ">\n> {}", md(line))?;
        }
        writeln!(w)?;
    }
    writeln!(w, "## Summary\n")?;
    for line in summary_lines(pack) {
        writeln!(w, "- {}", md(&line))?;
    }
    writeln!(w, "\n## Value × risk matrix\n")?;
    writeln!(w, "| Value \\\\ Risk | Low risk | Medium risk | High risk |")?;
    writeln!(w, "|---|---|---|---|")?;
    for value in VALUES {
        let cells: Vec<String> = RISKS
            .iter()
            .map(|risk| {
                let ids = pack.summary.matrix.ids(value, *risk);
                if ids.is_empty() {
                    return "–".to_string();
                }
                let names: Vec<String> = cell_names(pack, ids).iter().map(|n| md(n)).collect();
                format!(
                    "**{} · {}:** {}",
                    ids.len(),
                    rubric.recommend(value, *risk).label(),
                    names.join("; ")
                )
            })
            .collect();
        writeln!(w, "| **{} value** | {} |", value.title(), cells.join(" | "))?;
    }
    writeln!(w, "\n## Needs attention\n")?;
    if pack.attention.is_empty() {
        writeln!(w, "Nothing needs attention.")?;
    } else {
        writeln!(w, "| Priority | Partnership | What |")?;
        writeln!(w, "|---|---|---|")?;
        for a in &pack.attention {
            writeln!(
                w,
                "| {} | {} | {} |",
                urgency(a.priority),
                md(&a.name),
                md(&reasons_text(&a.reasons))
            )?;
        }
    }
    writeln!(w, "\n## Partnerships\n")?;
    writeln!(
        w,
        "| Partnership | Lead partner | Status | Role | Hours a month | Contribution | Risk | Value | Recommendation | Last review | {} review | Appointments ending | Reporting |",
        pack.options.year
    )?;
    writeln!(w, "|---|---|---|---|---:|---:|---|---|---|---|---|---|---|")?;
    for r in &pack.rows {
        let e = r.entry;
        writeln!(
            w,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            md(&e.name),
            md(&e.lead_partner),
            e.status.label(),
            e.role.label(),
            hours(e.staff_hours_per_month),
            contribution(r, pack.options.year),
            rating(&r.assessment.risk),
            rating(&r.assessment.value),
            recommendation(r),
            last_review(r),
            this_year(r, pack.options.as_of),
            md(&appointments(r)),
            md(&reporting(r)),
        )?;
    }
    if let Some(c) = changes {
        writeln!(w, "\n## Changes since {}\n", md(&c.since))?;
        for line in change_lines(pack, c) {
            writeln!(w, "- {}", md(&line))?;
        }
    }
    Ok(())
}
