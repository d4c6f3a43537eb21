//! The review pack as one self-contained, printable HTML page: the summary
//! and matrix on portrait A4, the table of partnerships on landscape pages.

use super::{
    RISKS, VALUES, appointments, change_lines, contribution, hours, last_review, rating, reporting, summary_lines,
    title, urgency,
};
use crate::model::Choice;
use crate::policy::rubric::Rubric;
use crate::reports::history::Changes;
use crate::reports::review::{Pack, Urgency};
use std::fmt::Write as _;
use std::io::{self, Write};

/// Escapes text for HTML.
pub(crate) fn h(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub(crate) const STYLE: &str = r"
@page { size: A4; margin: 15mm; }
@page wide { size: A4 landscape; margin: 12mm; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 10pt; color: #111; margin: 0 auto; max-width: 273mm; }
section.narrow { max-width: 180mm; }
section.wide { page: wide; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 12pt; margin: 14pt 0 6pt; border-bottom: 1px solid #444; }
table { border-collapse: collapse; width: 100%; margin-bottom: 8pt; }
th, td { border: 1px solid #666; padding: 3pt 4pt; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
td.num { text-align: right; }
tr { page-break-inside: avoid; }
table.matrix { width: auto; }
table.partnerships { font-size: 8pt; }
table.partnerships th, table.partnerships td { padding: 2pt 3pt; overflow-wrap: break-word; }
table.attention td:nth-child(2) { overflow-wrap: anywhere; }
table.matrix td { width: 34mm; height: 14mm; text-align: center; font-size: 11pt; }
table.matrix .count { font-size: 16pt; font-weight: bold; display: block; }
.retain { background: #d9f0d9; }
.retain-manage-risk { background: #fff1c2; border: 2px dashed #333; }
.review { background: #ffe0b3; border: 2px dotted #333; }
.consider-exit { background: #f8c9c9; border: 3px double #333; }
.high { font-weight: bold; }
@media print { h2 { page-break-after: avoid; } }
";

/// One self-contained, printable HTML page: no scripts, no outside files.
pub fn html(pack: &Pack<'_>, rubric: &Rubric, changes: Option<&Changes>, mut w: impl Write) -> io::Result<()> {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">"
    );
    let _ = writeln!(
        s,
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        h(&title(pack))
    );
    let _ = writeln!(s, "<section class=\"narrow\">\n<h1>{}</h1>", h(&title(pack)));
    let _ = writeln!(
        s,
        "<p>Review year ending {}. Prepared from the register as of {}.</p>",
        pack.options.year_end, pack.options.as_of
    );
    let _ = writeln!(s, "<h2>Summary</h2>\n<ul>");
    for line in summary_lines(pack) {
        let _ = writeln!(s, "<li>{}</li>", h(&line));
    }
    let _ = writeln!(s, "</ul>\n<h2>Value × risk matrix</h2>");
    let _ = writeln!(
        s,
        "<table class=\"matrix\">\n<caption>Number of partnerships in each cell, and what the matrix recommends</caption>"
    );
    let _ = writeln!(
        s,
        "<thead><tr><th scope=\"col\">Value \\ Risk</th><th scope=\"col\">Low risk</th><th scope=\"col\">Medium risk</th><th scope=\"col\">High risk</th></tr></thead>\n<tbody>"
    );
    for value in VALUES {
        let _ = write!(s, "<tr><th scope=\"row\">{} value</th>", value.title());
        for risk in RISKS {
            let rec = rubric.recommend(value, risk);
            let count = pack.summary.matrix.ids(value, risk).len();
            let _ = write!(
                s,
                "<td class=\"{rec}\" data-value=\"{}\" data-risk=\"{}\"><span class=\"count\">{count}</span>{rec}</td>",
                value.as_str_lower(),
                risk.as_str_lower()
            );
        }
        let _ = writeln!(s, "</tr>");
    }
    let _ = writeln!(s, "</tbody>\n</table>");
    let _ = writeln!(s, "<h2>Needs attention</h2>");
    if pack.attention.is_empty() {
        let _ = writeln!(s, "<p>Nothing needs attention.</p>");
    } else {
        let _ = writeln!(
            s,
            "<table class=\"attention\">\n<thead><tr><th scope=\"col\">Priority</th><th scope=\"col\">Partnership</th><th scope=\"col\">What</th></tr></thead>\n<tbody>"
        );
        for a in &pack.attention {
            let class = if a.severity == Urgency::High {
                " class=\"high\""
            } else {
                ""
            };
            let _ = writeln!(
                s,
                "<tr{class}><td>{}</td><td>{}</td><td>{}</td></tr>",
                urgency(a.severity),
                h(&a.id),
                h(&a.message)
            );
        }
        let _ = writeln!(s, "</tbody>\n</table>");
    }
    // The wide table of partnerships prints on landscape pages.
    let _ = writeln!(
        s,
        "</section>\n<section class=\"wide\">\n<h2>Partnerships</h2>\n<table class=\"partnerships\">"
    );
    let _ = writeln!(
        s,
        "<thead><tr><th scope=\"col\">Partnership</th><th scope=\"col\">Lead partner</th><th scope=\"col\">Status</th><th scope=\"col\">Role</th><th scope=\"col\">Hours a month</th><th scope=\"col\">Contribution</th><th scope=\"col\">Risk</th><th scope=\"col\">Value</th><th scope=\"col\">Recommendation</th><th scope=\"col\">Last review</th><th scope=\"col\">{} review</th><th scope=\"col\">Appointments ending</th><th scope=\"col\">Reporting</th></tr></thead>\n<tbody>",
        pack.options.year
    );
    for r in &pack.rows {
        let e = r.entry;
        let _ = writeln!(
            s,
            "<tr id=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            h(r.id),
            h(&e.name),
            h(&e.lead_partner),
            e.status,
            e.role,
            hours(e.staff_hours_per_month),
            h(&contribution(r, pack.options.year)),
            h(&rating(&r.assessment.risk)),
            h(&rating(&r.assessment.value)),
            r.assessment.recommendation.map_or("—", Choice::as_str),
            h(&last_review(r)),
            if r.reviewed_this_year {
                "done"
            } else if r.review_due() {
                "due"
            } else {
                "—"
            },
            h(&appointments(r)),
            h(&reporting(r)),
        );
    }
    let _ = writeln!(s, "</tbody>\n</table>\n</section>");
    if let Some(c) = changes {
        let _ = writeln!(
            s,
            "<section class=\"narrow\">\n<h2>Changes since {}</h2>\n<ul>",
            h(&c.since)
        );
        for line in change_lines(c) {
            let _ = writeln!(s, "<li>{}</li>", h(&line));
        }
        let _ = writeln!(s, "</ul>\n</section>");
    }
    let _ = writeln!(s, "</body>\n</html>");
    w.write_all(s.as_bytes())
}
