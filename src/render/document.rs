//! A report that is one titled table (the appointments list, the reporting
//! programme) in the formats people print and share: a terminal table,
//! CSV, Markdown and a printable HTML page styled like the review pack.
//! JSON is not here: each report writes its own data as JSON.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::csv::CsvOut;
use super::review::{STYLE, h, md};

/// A titled table with a few lines of introduction and notes below.
#[derive(Debug, Default)]
pub struct Document {
    pub title: String,
    pub intro: Vec<String>,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    pub notes: Vec<String>,
}

/// Shown in an empty cell, so a blank is never mistaken for a lost value.
pub const NONE: &str = "—";

/// Columns whose longest value is at most this wide are kept whole.
const SHORT: u16 = 12;

/// For a terminal: the title, the introduction, the table, the notes. The
/// first column (the id) is shown only when `ids` asks for it: people read
/// the partnership's name, and the id's width would squeeze every other
/// column.
pub fn table(doc: &Document, fit: super::table::Fit, ids: bool, mut w: impl Write) -> io::Result<()> {
    writeln!(w, "{}", doc.title)?;
    for line in &doc.intro {
        writeln!(w, "{line}")?;
    }
    writeln!(w)?;
    if doc.rows.is_empty() {
        writeln!(w, "(nothing to list)")?;
    } else {
        let mut t = super::table::new(&doc.headers, fit, &[0]);
        for row in &doc.rows {
            t.add_row(row.iter().map(|c| if c.is_empty() { NONE } else { c.as_str() }));
        }
        // Short values (dates, terms, yes/no, frequencies) are never broken
        // across lines; the long texts share what width is left.
        if matches!(fit, super::table::Fit::Width(_)) {
            let widths = t.column_max_content_widths();
            for (i, width) in widths.iter().enumerate() {
                if *width <= SHORT
                    && let Some(column) = t.column_mut(i)
                {
                    column.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
                }
            }
        }
        if !ids
            && doc.headers.first().is_some_and(|h| *h == "ID")
            && let Some(column) = t.column_mut(0)
        {
            column.set_constraint(comfy_table::ColumnConstraint::Hidden);
        }
        writeln!(w, "{t}")?;
    }
    for note in &doc.notes {
        writeln!(w, "{note}")?;
    }
    Ok(())
}

/// The table as CSV, headed by the column names; empty cells stay empty.
pub fn csv(doc: &Document, bom: bool, w: impl Write) -> io::Result<()> {
    let mut out = CsvOut::new(w, bom)?;
    out.header(&doc.headers)?;
    for row in &doc.rows {
        for cell in row {
            out.text(cell);
        }
        out.end()?;
    }
    out.finish()
}

/// A Markdown document for a committee paper.
pub fn markdown(doc: &Document, mut w: impl Write) -> io::Result<()> {
    writeln!(w, "# {}\n", md(&doc.title))?;
    for line in &doc.intro {
        writeln!(w, "{}\n", md(line))?;
    }
    writeln!(w, "| {} |", doc.headers.join(" | "))?;
    writeln!(w, "|{}", "---|".repeat(doc.headers.len()))?;
    for row in &doc.rows {
        let cells: Vec<String> = row.iter().map(|c| md(c)).collect();
        writeln!(w, "| {} |", cells.join(" | "))?;
    }
    for note in &doc.notes {
        writeln!(w, "\n{}", md(note))?;
    }
    Ok(())
}

/// One self-contained, printable HTML page (landscape A4, no scripts).
pub fn html(doc: &Document, mut w: impl Write) -> io::Result<()> {
    let mut s = String::new();
    let title = h(&doc.title);
    let _ = writeln!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<section class=\"wide\">\n<h1>{title}</h1>"
    );
    for line in &doc.intro {
        let _ = writeln!(s, "<p>{}</p>", h(line));
    }
    let _ = writeln!(s, "<table class=\"partnerships\">\n<thead><tr>");
    for header in &doc.headers {
        let _ = write!(s, "<th scope=\"col\">{}</th>", h(header));
    }
    let _ = writeln!(s, "</tr></thead>\n<tbody>");
    for row in &doc.rows {
        let _ = write!(s, "<tr>");
        for cell in row {
            let _ = write!(s, "<td>{}</td>", h(cell));
        }
        let _ = writeln!(s, "</tr>");
    }
    let _ = writeln!(s, "</tbody>\n</table>");
    for note in &doc.notes {
        let _ = writeln!(s, "<p>{}</p>", h(note));
    }
    let _ = writeln!(s, "</section>\n</body>\n</html>");
    w.write_all(s.as_bytes())
}
