//! One partnership in full (`partreg show`): every field under the policy's
//! own headings, with its assessment and warnings.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::assess::{JsonSide, json_side};
use super::table::Fit;
use super::text::pounds;
use crate::diagnostic::Diagnostic;
use crate::model::{Choice, Entry, Label};
use crate::policy::assessment::{Assessment, Computed, SideAssessment};

#[derive(Serialize)]
struct JsonShow<'a> {
    id: &'a str,
    file: &'a str,
    entry: &'a Entry,
    assessment: JsonAssessment<'a>,
    diagnostics: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonAssessment<'a> {
    risk: JsonSide<'a>,
    value: JsonSide<'a>,
    recommendation: Option<&'static str>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    severity: crate::diagnostic::Severity,
    code: &'static str,
    key: &'a str,
    message: &'a str,
}

/// The entry, its assessment and its findings as JSON.
pub fn json(
    id: &str,
    file: &str,
    e: &Entry,
    a: &Assessment<'_>,
    diags: &[Diagnostic],
    mut w: impl Write,
) -> io::Result<()> {
    let doc = JsonShow {
        id,
        file,
        entry: e,
        assessment: JsonAssessment {
            risk: json_side(&a.risk),
            value: json_side(&a.value),
            recommendation: a.recommendation.map(Choice::as_str),
        },
        diagnostics: diags
            .iter()
            .map(|d| JsonFinding {
                severity: d.severity(),
                code: d.code.as_str(),
                key: &d.key,
                message: &d.message,
            })
            .collect(),
    };
    super::formats::write_json(&doc, &mut w)
}

fn field(w: &mut impl Write, label: &str, value: &str) -> io::Result<()> {
    if value.contains('\n') {
        writeln!(w, "  {label}:")?;
        for line in value.lines() {
            writeln!(w, "      {line}")?;
        }
        Ok(())
    } else {
        writeln!(w, "  {label:<28} {value}")
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "—".into()
    } else {
        items.join("; ")
    }
}

/// Labels for people, joined like other lists.
fn labels<T: Label>(items: &[T]) -> String {
    let words: Vec<String> = items.iter().map(|i| i.label().to_string()).collect();
    list(&words)
}

/// The priority codes with their titles from `partreg.toml`, so that a
/// reader need not know the codes.
fn priorities(codes: &[String], titles: Option<&BTreeMap<String, String>>) -> String {
    let named: Vec<String> = codes
        .iter()
        .map(|code| match titles.and_then(|t| t.get(code)) {
            Some(title) => format!("{code}: {title}"),
            None => code.clone(),
        })
        .collect();
    list(&named)
}

fn side_text(side: &SideAssessment<'_>) -> String {
    let computed = match side.computed {
        Computed::Rating(l) => l.title().to_string(),
        Computed::Incomplete => format!("incomplete ({} of {} criteria rated)", side.rated.len(), side.total),
    };
    match side.recorded {
        Some(r) => format!("{} recorded; {computed} computed", r.title()),
        None => format!("not recorded; {computed} computed"),
    }
}

/// What `show` needs besides the entry.
pub struct Shown<'a> {
    pub id: &'a str,
    pub file: &'a str,
    /// The priority titles from `partreg.toml`.
    pub priorities: Option<&'a BTreeMap<String, String>>,
    /// The terminal's width, to wrap long values at words.
    pub fit: Fit,
}

/// The entry for people: every value in words (labels, priority titles),
/// wrapped at words to the terminal.
pub fn text(shown: &Shown<'_>, e: &Entry, a: &Assessment<'_>, diags: &[Diagnostic], w: impl Write) -> io::Result<()> {
    let mut buf = Vec::new();
    body(shown, e, a, diags, &mut buf)?;
    let text = String::from_utf8_lossy(&buf);
    let mut w = super::sanitize::Terminal::new(w);
    w.write_all(super::wrap::lines(&text, shown.fit).as_bytes())
}

fn body(shown: &Shown<'_>, e: &Entry, a: &Assessment<'_>, diags: &[Diagnostic], w: &mut Vec<u8>) -> io::Result<()> {
    let (id, file) = (shown.id, shown.file);
    writeln!(w, "{} ({id})", e.name)?;
    writeln!(w, "{file}\n")?;
    writeln!(w, "Partnership Register (Appendix A)")?;
    field(w, "Lead partner", &e.lead_partner)?;
    field(w, "Other partners", &list(&e.partners))?;
    field(w, "Status", e.status.label())?;
    field(w, "Function", &e.function)?;
    field(w, "Key objectives", &list(&e.objectives))?;
    field(w, "Strategic or operational", e.kind.label())?;
    field(w, "Statutory", if e.statutory { "yes" } else { "no" })?;
    field(w, "Governance", e.governance.label())?;
    field(w, "Our role", e.role.label())?;
    field(w, "Meetings", e.meeting_frequency.label())?;
    field(w, "Priorities", &priorities(&e.priorities, shown.priorities))?;
    field(w, "Staff time", &format!("{} hours a month", e.staff_hours_per_month))?;
    let budgeted = if e.budgeted {
        "in existing budgets"
    } else {
        "not in existing budgets"
    };
    field(
        w,
        "Contribution",
        &format!("{} a year, {budgeted}", pounds(e.budget_contribution_gbp)),
    )?;
    if let Some(s) = &e.budget_source {
        field(w, "Budget", s)?;
    }
    field(w, "Impact of leaving", &e.exit_impact)?;
    field(w, "Value", &e.value_summary)?;
    field(w, "Information sharing", &e.information_sharing)?;
    if let Some(c) = &e.comments {
        field(w, "Comments", c)?;
    }
    if let Some(d) = e.started {
        field(w, "Joined", &d.to_string())?;
    }
    if !e.documents.is_empty() {
        field(w, "Documents", &list(&e.documents))?;
    }
    writeln!(w, "\nCouncil representation")?;
    field(w, "Lead Officer", e.lead_officer.as_deref().unwrap_or("—"))?;
    if let Some(n) = e.member_places {
        field(w, "Places for Members", &n.to_string())?;
    }
    writeln!(w, "\nRepresentatives")?;
    if e.representatives.is_empty() {
        writeln!(w, "  none recorded")?;
    }
    for r in &e.representatives {
        let mut line = format!("{} ({})", r.name, r.level.label());
        if let Some(p) = &r.position {
            line.push_str(&format!(", {p}"));
        }
        if let Some(term) = r.term {
            line.push_str(&format!("; term: {}", term.label()));
        }
        if let Some(end) = r.term_ends {
            line.push_str(&format!(", ends {end}"));
        }
        if let Some(by) = r.appointed_by {
            line.push_str(&format!("; appointed by {}", by.label()));
        }
        writeln!(w, "  {line}")?;
        if !r.roles.is_empty() {
            writeln!(w, "      role: {}", labels(&r.roles))?;
        }
    }
    writeln!(w, "\nAssessment (Appendix B)")?;
    field(w, "Risk", &side_text(&a.risk))?;
    field(w, "Value", &side_text(&a.value))?;
    field(w, "Recommendation", a.recommendation.map_or("—", Label::label))?;
    for (label, rationale) in [
        ("Risk rationale", &e.risk.rationale),
        ("Value rationale", &e.value.rationale),
    ] {
        if let Some(r) = rationale {
            field(w, label, r)?;
        }
    }
    writeln!(w, "  (`partreg assess {id} --explain` shows the working.)")?;
    if let Some(r) = &e.reporting {
        writeln!(w, "\nReporting programme")?;
        field(w, "Frequency", r.frequency.map_or("—", Label::label))?;
        field(w, "Responsible", r.responsible.as_deref().unwrap_or("—"))?;
        field(w, "Reports to", &labels(&r.reports_to))?;
        if let Some(d) = r.last_report {
            field(w, "Last report", &d.to_string())?;
        }
        if let Some(next) = crate::policy::rules::next_report(e) {
            field(w, "Next report due", &next.to_string())?;
        }
        if let Some(data) = r.data {
            field(w, "Data", data.label())?;
        }
        if let Some(c) = &r.caveat {
            field(w, "Caveat", c)?;
        }
    }
    if let Some(ap) = &e.approval {
        writeln!(w, "\nDecision to join")?;
        field(w, "Approved by", ap.by.map_or("—", Label::label))?;
        field(w, "Date", &ap.date.map_or_else(|| "—".into(), |d| d.to_string()))?;
        field(w, "Portfolio Holder", ap.portfolio_holder.as_deref().unwrap_or("—"))?;
    }
    if let Some(c) = &e.case {
        writeln!(w, "\nThe case for joining")?;
        field(w, "Grounds", &labels(&c.grounds))?;
        let yes_no = |b: Option<bool>| b.map_or("—", |b| if b { "yes" } else { "no" });
        field(w, "Supports corporate policies", yes_no(c.supports_corporate_policies))?;
        field(w, "Benefits the district", yes_no(c.benefits_district))?;
        field(w, "Better than acting alone", yes_no(c.better_than_alone))?;
        field(w, "Monitoring in place", yes_no(c.monitoring_in_place))?;
    }
    if let Some(x) = &e.exit {
        writeln!(w, "\nExit strategy")?;
        field(w, "Reasons", &labels(&x.reasons))?;
        field(w, "Risks", &x.risks)?;
        field(w, "Controls", &x.controls)?;
        field(w, "Approved by", x.approved_by.map_or("not yet approved", Label::label))?;
        if let Some(d) = x.approved_on {
            field(w, "Approved on", &d.to_string())?;
        }
        if let Some(p) = &x.portfolio_holder {
            field(w, "Portfolio Holder", p)?;
        }
    }
    if !e.reviews.is_empty() {
        writeln!(w, "\nAnnual reviews")?;
        for r in &e.reviews {
            let notes = r.notes.as_deref().map(|n| format!(": {n}")).unwrap_or_default();
            writeln!(
                w,
                "  {} ({}, {}): {}{notes}",
                r.year,
                r.date,
                r.reviewer,
                r.outcome.label()
            )?;
            if let Some(b) = r.budget_gbp {
                let firm = if r.in_principle { "in principle" } else { "firm" };
                writeln!(w, "      budget for the coming year: {} ({firm})", pounds(b))?;
            }
        }
    }
    if !e.concerns.is_empty() {
        writeln!(w, "\nIssues of concern")?;
        // Numbered from 1, as `partreg concern ID --close N` takes them.
        for (n, c) in e.concerns.iter().enumerate() {
            let state = match c.closed {
                Some(d) => format!("closed {d}"),
                None => c.status.label().to_string(),
            };
            writeln!(
                w,
                "  {}. {} raised by {} ({state}): {}",
                n + 1,
                c.raised,
                c.by,
                c.summary
            )?;
            if let Some(to) = &c.escalated_to {
                writeln!(w, "      escalated to {to}")?;
            }
            if let Some(a) = &c.advice {
                writeln!(w, "      advice: {a}")?;
            }
        }
    }
    if let Some(q) = &e.questions {
        writeln!(w, "\nAppendix C answers")?;
        let mut q = q.clone();
        for (key, question) in crate::terminal::guide::QUESTIONS {
            if let Some(Some(answer)) = q.slot(key).map(std::option::Option::take) {
                writeln!(w, "  {question}")?;
                writeln!(w, "      {answer}")?;
            }
        }
    }
    if !diags.is_empty() {
        writeln!(w, "\nFindings")?;
        for d in diags {
            writeln!(
                w,
                "  {}[{}]: {}",
                if d.severity() == crate::diagnostic::Severity::Error {
                    "error"
                } else {
                    "warning"
                },
                d.code.as_str(),
                d.message
            )?;
        }
    }
    Ok(())
}
