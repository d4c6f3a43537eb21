//! The review pack as Markdown: a committee-ready report that reads well
//! in a git host and converts to Word with pandoc.

use super::{
    RISKS, VALUES, appointments, change_lines, contribution, hours, last_review, rating, reporting, summary_lines,
    title, urgency,
};
use crate::model::Choice;
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
                format!(
                    "{} ({})",
                    pack.summary.matrix.ids(value, *risk).len(),
                    rubric.recommend(value, *risk)
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
            writeln!(w, "| {} | {} | {} |", urgency(a.severity), md(&a.id), md(&a.message))?;
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
            "| {} ({}) | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            md(&e.name),
            crate::render::markdown::code(r.id),
            md(&e.lead_partner),
            e.status,
            e.role,
            hours(e.staff_hours_per_month),
            contribution(r, pack.options.year),
            rating(&r.assessment.risk),
            rating(&r.assessment.value),
            r.assessment.recommendation.map_or("—", Choice::as_str),
            last_review(r),
            if r.reviewed_this_year {
                "done"
            } else if r.review_due() {
                "due"
            } else {
                "—"
            },
            md(&appointments(r)),
            md(&reporting(r)),
        )?;
    }
    if let Some(c) = changes {
        writeln!(w, "\n## Changes since {}\n", md(&c.since))?;
        for line in change_lines(c) {
            writeln!(w, "- {}", md(&line))?;
        }
    }
    Ok(())
}
