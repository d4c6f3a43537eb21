//! The review pack as one self-contained, printable HTML page, laid out to
//! print on portrait A4 with a footer and page numbers.

use super::{
    RISKS, VALUES, appointments, cell_names, change_lines, contribution, error_lines, hours, last_review, rating,
    recommendation, reporting, summary_lines, this_year, title, urgency,
};
use crate::model::Label;
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

/// The pack's print style: portrait A4 throughout, so no page break is
/// forced; the council, the review and the page number in the footer
/// (`@page` margin boxes, which Chromium prints since version 131); rows
/// never split; a heading never left at the foot of a page; the first and
/// last rows of each table kept in groups of [`KEEP`] so that no page holds
/// a lone orphan row. See docs/decisions.md, "Review pack".
const PACK_STYLE: &str = r"
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 9.5pt; color: #111; margin: 0 auto; max-width: 186mm; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 12pt; margin: 12pt 0 5pt; border-bottom: 1px solid #444; break-after: avoid; page-break-after: avoid; }
p.errors { border: 2px solid #a00; background: #fdeaea; padding: 4pt 6pt; margin: 6pt 0; }
p.errors strong { color: #a00; }
ul.summary { margin: 0; padding-left: 14pt; }
table { border-collapse: collapse; width: 100%; margin-bottom: 6pt; }
thead { display: table-header-group; }
th, td { border: 1px solid #666; padding: 2.5pt 4pt; text-align: left; vertical-align: top; }
th { background: #e8e8e8; }
tr, tbody.keep { break-inside: avoid; page-break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; }
td ul { margin: 0; padding-left: 11pt; }
.sub { color: #444; font-size: 7.5pt; display: block; }
table.matrix { table-layout: fixed; }
table.matrix th[scope=row] { width: 22mm; }
table.matrix td { font-size: 8pt; }
table.matrix .count { font-size: 14pt; font-weight: bold; }
table.matrix .rec { font-weight: bold; }
table.matrix td.empty { background: #fff; color: #999; text-align: center; vertical-align: middle; font-size: 12pt; }
table.matrix td.empty .rec { display: block; font-weight: normal; font-size: 7.5pt; }
.retain { background: #e4f3e4; }
.retain-manage-risk { background: #fff4cf; }
.review { background: #ffe6c2; }
.consider-exit { background: #fad4d4; }
table.attention td:first-child { white-space: nowrap; }
tr.high td:first-child { font-weight: bold; }
table.partnerships { font-size: 7.5pt; table-layout: fixed; }
table.partnerships th, table.partnerships td { padding: 2pt 3pt; overflow-wrap: break-word; }
table.partnerships th { font-size: 7pt; }
";

/// How many rows at each end of a table are kept together on one page.
const KEEP: usize = 2;

/// Writes a table body of `len` rows in three groups, the first and last
/// [`KEEP`] rows each kept on one page, so a page break never leaves one
/// row alone under its heading or at the end of the table. Each row is
/// written straight into the page by `row`, and the page so far is passed
/// on to `w` every [`FLUSH_BYTES`], so a pack of 10,000 partnerships is
/// never held whole.
fn bodies(s: &mut String, w: &mut dyn Write, len: usize, mut row: impl FnMut(&mut String, usize)) -> io::Result<()> {
    let split = len > 2 * KEEP + 1;
    let _ = writeln!(s, "<tbody class=\"keep\">");
    for i in 0..len {
        if split && (i == KEEP || i == len - KEEP) {
            let class = if i == KEEP { "" } else { " class=\"keep\"" };
            let _ = writeln!(s, "</tbody>\n<tbody{class}>");
        }
        row(s, i);
        if s.len() >= FLUSH_BYTES {
            w.write_all(s.as_bytes())?;
            s.clear();
        }
    }
    let _ = writeln!(s, "</tbody>");
    Ok(())
}

/// How much of the page is held before it is written out.
const FLUSH_BYTES: usize = 64 * 1024;

/// One self-contained, printable HTML page: no scripts, no outside files.
pub fn html(pack: &Pack<'_>, rubric: &Rubric, changes: Option<&Changes>, mut w: impl Write) -> io::Result<()> {
    let mut s = String::new();
    let footer = format!("{} · as of {}", title(pack), pack.options.as_of);
    let _ = writeln!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">"
    );
    let _ = writeln!(
        s,
        "<title>{}</title>\n<style>{PACK_STYLE}{}</style>\n</head>\n<body>",
        h(&title(pack)),
        crate::render::print::footer_style(&footer),
    );
    let _ = writeln!(s, "<h1>{}</h1>", h(&title(pack)));
    let _ = writeln!(
        s,
        "<p>Review year ending {}. Prepared from the register as of {}.</p>",
        pack.options.year_end, pack.options.as_of
    );
    let errors = error_lines(pack);
    if let Some((first, rest)) = errors.split_first() {
        let _ = write!(s, "<p class=\"errors\" role=\"alert\"><strong>{}</strong>", h(first));
        for line in rest {
            let _ = write!(s, "<br>{}", h(line));
        }
        let _ = writeln!(s, "</p>");
    }
    let _ = writeln!(s, "<h2>Summary</h2>\n<ul class=\"summary\">");
    for line in summary_lines(pack) {
        let _ = writeln!(s, "<li>{}</li>", h(&line));
    }
    let _ = writeln!(s, "</ul>");
    matrix(&mut s, pack, rubric);
    attention(&mut s, &mut w, pack)?;
    partnerships(&mut s, &mut w, pack)?;
    if let Some(c) = changes {
        let _ = writeln!(s, "<h2>Changes since {}</h2>\n<ul>", h(&c.since));
        for line in change_lines(pack, c) {
            let _ = writeln!(s, "<li>{}</li>", h(&line));
        }
        let _ = writeln!(s, "</ul>");
    }
    let _ = writeln!(s, "</body>\n</html>");
    w.write_all(s.as_bytes())
}

/// The value × risk grid, the names in each cell; empty cells quiet.
fn matrix(s: &mut String, pack: &Pack<'_>, rubric: &Rubric) {
    let _ = writeln!(
        s,
        "<h2>Value × risk matrix</h2>\n<table class=\"matrix\">\n<caption>The partnerships in each cell, and what the matrix recommends</caption>"
    );
    let _ = writeln!(
        s,
        "<thead><tr><th scope=\"col\">Value \\ Risk</th><th scope=\"col\">Low risk</th><th scope=\"col\">Medium risk</th><th scope=\"col\">High risk</th></tr></thead>\n<tbody>"
    );
    for value in VALUES {
        let _ = write!(s, "<tr><th scope=\"row\">{} value</th>", value.title());
        for risk in RISKS {
            let rec = rubric.recommend(value, risk);
            let ids = pack.summary.matrix.ids(value, risk);
            let data = format!(
                "data-value=\"{}\" data-risk=\"{}\" data-count=\"{}\"",
                value.as_str_lower(),
                risk.as_str_lower(),
                ids.len()
            );
            if ids.is_empty() {
                let _ = write!(
                    s,
                    "<td class=\"empty\" {data}>–<span class=\"rec\">{}</span></td>",
                    rec.label()
                );
                continue;
            }
            let _ = write!(
                s,
                "<td class=\"{rec}\" {data}><span class=\"count\">{}</span> <span class=\"rec\">{}</span><ul>",
                ids.len(),
                rec.label()
            );
            for name in cell_names(pack, ids) {
                let _ = write!(s, "<li>{}</li>", h(&name));
            }
            let _ = write!(s, "</ul></td>");
        }
        let _ = writeln!(s, "</tr>");
    }
    let _ = writeln!(s, "</tbody>\n</table>");
    let unplaced = &pack.summary.matrix.unplaced;
    if !unplaced.is_empty() {
        let names: Vec<String> = unplaced.iter().map(|id| h(pack.name_of(id).unwrap_or(id))).collect();
        let _ = writeln!(s, "<p>Not placed (no rating on one side): {}</p>", names.join(", "));
    }
}

/// One row per partnership that needs attention, every reason in it.
fn attention(s: &mut String, w: &mut dyn Write, pack: &Pack<'_>) -> io::Result<()> {
    let _ = writeln!(s, "<h2>Needs attention</h2>");
    if pack.attention.is_empty() {
        let _ = writeln!(s, "<p>Nothing needs attention.</p>");
        return Ok(());
    }
    let _ = writeln!(
        s,
        "<table class=\"attention\">\n<thead><tr><th scope=\"col\">Priority</th><th scope=\"col\">Partnership</th><th scope=\"col\">What</th></tr></thead>"
    );
    bodies(s, w, pack.attention.len(), |s, i| {
        let a = &pack.attention[i];
        let class = if a.priority == Urgency::High {
            " class=\"high\""
        } else {
            ""
        };
        let _ = write!(
            s,
            "<tr{class}><td>{}</td><td>{}</td><td>",
            urgency(a.priority),
            h(&a.name)
        );
        if let [one] = a.reasons.as_slice() {
            s.push_str(&h(&one.message));
        } else {
            s.push_str("<ul>");
            for r in &a.reasons {
                let _ = write!(s, "<li>{}</li>", h(&r.message));
            }
            s.push_str("</ul>");
        }
        let _ = writeln!(s, "</td></tr>");
    })?;
    let _ = writeln!(s, "</table>");
    Ok(())
}

/// The table of partnerships, narrow enough for portrait A4.
fn partnerships(s: &mut String, w: &mut dyn Write, pack: &Pack<'_>) -> io::Result<()> {
    let _ = writeln!(s, "<h2>Partnerships</h2>\n<table class=\"partnerships\">");
    // Widths in per cent, so the names and reporting lines get the room.
    let _ = write!(s, "<colgroup>");
    for width in [15, 10, 6, 10, 9, 8, 12, 10, 10, 10] {
        let _ = write!(s, "<col style=\"width: {width}%\">");
    }
    let _ = writeln!(s, "</colgroup>");
    let _ = writeln!(
        s,
        "<thead><tr><th scope=\"col\">Partnership</th><th scope=\"col\">Status and role</th><th scope=\"col\">Hours a month</th><th scope=\"col\">Contribution</th><th scope=\"col\">Risk</th><th scope=\"col\">Value</th><th scope=\"col\">Recom&shy;mendation</th><th scope=\"col\">Reviews</th><th scope=\"col\">Appoint&shy;ments ending</th><th scope=\"col\">Reporting</th></tr></thead>"
    );
    let year = pack.options.year;
    bodies(s, w, pack.rows.len(), |s, i| {
        let r = &pack.rows[i];
        let e = r.entry;
        let _ = writeln!(
            s,
            "<tr id=\"{}\"><td>{}<span class=\"sub\">{}</span></td><td>{}<span class=\"sub\">{}</span></td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{year}: {}<span class=\"sub\">Last: {}</span></td><td>{}</td><td>{}</td></tr>",
            h(r.id),
            h(&e.name),
            h(&e.lead_partner),
            e.status.label(),
            e.role.label(),
            hours(e.staff_hours_per_month),
            h(&contribution(r, year)),
            h(&rating(&r.assessment.risk)),
            h(&rating(&r.assessment.value)),
            recommendation(r),
            h(&this_year(r, pack.options.as_of)),
            h(&last_review(r)),
            h(&appointments(r)),
            h(&reporting(r)),
        );
    })?;
    let _ = writeln!(s, "</table>");
    Ok(())
}
