//! A report that is one titled table (the appointments list, the reporting
//! programme) in the formats people print and share: a terminal table,
//! CSV, Markdown and a printable HTML page styled like the review pack.
//! JSON is not here: each report writes its own data as JSON.

use std::io::{self, Write};

use comfy_table::{ColumnConstraint, Width};
use unicode_width::UnicodeWidthStr;

use super::csv::CsvOut;
use super::review::long_table::CHUNK_ROWS;
use super::review::{STYLE, h, md};
use super::table::Fit;

mod long;

/// A titled table with a few lines of introduction and notes below.
#[derive(Debug, Default)]
pub struct Document {
    pub title: String,
    pub intro: Vec<String>,
    pub headers: Vec<&'static str>,
    /// The rows as people read them: labels, not tokens.
    pub rows: Vec<Vec<String>>,
    /// The rows as CSV has them, with the tokens where `rows` has labels
    /// (a machine format keeps the files' spellings); empty when the same.
    pub csv_rows: Vec<Vec<String>>,
    pub notes: Vec<String>,
    /// On a terminal too narrow for every column, the headings of the
    /// columns left out first, the least needed first. Every other format
    /// has every column.
    pub drop_first: Vec<&'static str>,
    /// Columns (names) given up to this many characters a line before
    /// anything is judged to fit, so that a name is not wrapped a word to
    /// a line while less needed columns take the width.
    pub roomy: Vec<(&'static str, u16)>,
    /// Columns (names) each kept on one line, however long, before any
    /// column of `drop_first` is kept: `list`, where a partnership's name
    /// matters more than its meeting frequency. When they do not fit even
    /// with every `drop_first` column left out, they share the spare width
    /// like `roomy` columns.
    pub full: Vec<&'static str>,
    /// The formats that show every column, for the note under a table
    /// that left some out; empty for "`--format csv` and `--format html`".
    pub every_column: &'static str,
    /// At the foot of every printed page, beside "Page N of M": the
    /// council, the document and its date.
    pub footer: String,
}

/// The print rules the review pack has, for a table that runs over pages:
/// headings repeated on each page, rows never split, and short values
/// (dates, terms, yes/no) never broken inside ("2027-05-/20"), nor the
/// dates and hyphenated words within longer text ("term ends 2027-05-20").
const PRINT_STYLE: &str = "thead { display: table-header-group; }\ntr { break-inside: avoid; page-break-inside: avoid; }\n.whole { white-space: nowrap; }\n";

/// A cell for HTML, escaped, each hyphenated word (a date, "four-year")
/// held whole in a `whole` span so that the line breaks only at spaces.
fn words(cell: &str) -> String {
    if whole(cell).is_empty() {
        let words: Vec<String> = cell
            .split(' ')
            .map(|w| {
                if w.contains('-') && UnicodeWidthStr::width(w) <= LONGEST_WORD {
                    format!("<span class=\"whole\">{}</span>", h(w))
                } else {
                    h(w)
                }
            })
            .collect();
        words.join(" ")
    } else {
        h(cell)
    }
}

/// ` class="whole"` for a cell that must not break: one word (a date, a
/// term, a token) or a few characters.
fn whole(cell: &str) -> &'static str {
    let width = UnicodeWidthStr::width(cell);
    if width <= usize::from(SHORT) || (!cell.contains(' ') && width <= LONGEST_WORD) {
        " class=\"whole\""
    } else {
        ""
    }
}

/// Shown in an empty cell, so a blank is never mistaken for a lost value.
pub const NONE: &str = "—";

/// Columns whose longest value is at most this wide are kept whole.
const SHORT: u16 = 12;

/// A column is never narrower than its longest word, so words wrap whole,
/// up to this many characters: a longer "word" (a web address) is broken.
const LONGEST_WORD: usize = 24;

/// For a terminal: the title, the introduction, the table, the notes. The
/// column headed "ID" is shown only when `ids` asks for it: people read
/// the partnership's name, and the id's width would squeeze every other
/// column. Fitted to a width, cells wrap at word boundaries (see
/// `fit_columns`), and a line under the table names the columns left out
/// and how to see them.
///
/// A table of more than 512 rows (review's `CHUNK_ROWS`) is laid out that
/// many rows at a time (`render/document/long.rs`), byte for byte the same.
pub fn table(doc: &Document, fit: Fit, ids: bool, w: impl Write) -> io::Result<()> {
    table_in_chunks(doc, fit, ids, w, CHUNK_ROWS)
}

/// [`table`], laying out a table of more than `chunk` rows `chunk` rows at
/// a time.
fn table_in_chunks(doc: &Document, fit: Fit, ids: bool, mut w: impl Write, chunk: usize) -> io::Result<()> {
    // A bare table (`list`) has no title and no introduction.
    if !doc.title.is_empty() || !doc.intro.is_empty() {
        writeln!(w, "{}", doc.title)?;
        for line in &doc.intro {
            writeln!(w, "{line}")?;
        }
        writeln!(w)?;
    }
    if doc.rows.is_empty() {
        writeln!(w, "(nothing to list)")?;
    } else if doc.rows.len() > chunk && doc.rows.iter().all(|r| r.len() == doc.headers.len()) {
        let hidden = long::write(doc, fit, ids, &mut w, chunk)?;
        left_out_line(doc, fit, &hidden, &mut w)?;
    } else {
        let id = doc.headers.iter().position(|h| *h == "ID");
        let mut t = super::table::new(&doc.headers, fit, &id.into_iter().collect::<Vec<_>>());
        for row in &doc.rows {
            let cells = row
                .iter()
                .map(|c| if c.is_empty() { NONE.to_string() } else { c.clone() });
            super::table::add_wrapped_row(&mut t, cells);
        }
        if !ids && let Some(column) = id.and_then(|i| t.column_mut(i)) {
            column.set_constraint(ColumnConstraint::Hidden);
        }
        let hidden = match fit {
            Fit::Width(width) => fit_columns(&mut t, doc, width),
            Fit::Wide => Vec::new(),
        };
        writeln!(w, "{t}")?;
        left_out_line(doc, fit, &hidden, &mut w)?;
    }
    for note in &doc.notes {
        writeln!(w, "{note}")?;
    }
    Ok(())
}

/// The line under a fitted table that left columns out, naming them.
fn left_out_line(doc: &Document, fit: Fit, hidden: &[String], mut w: impl Write) -> io::Result<()> {
    if let (false, Fit::Width(width)) = (hidden.is_empty(), fit) {
        let every = if doc.every_column.is_empty() {
            "`--format csv` and `--format html`"
        } else {
            doc.every_column
        };
        writeln!(
            w,
            "Left out to fit {width} columns: {}.\n`--wide` shows every column, as do {every}.",
            hidden.join(", ")
        )?;
    }
    Ok(())
}

/// Fits the table to `width` columns so that no word is broken: each
/// column is at least as wide as its longest word (short values, such as
/// dates, as wide as their longest value); while those widths cannot fit,
/// the next column of `drop_first` is left out; what width is left goes to
/// the `roomy` columns (names) first, up to their room, so a name is not
/// wrapped a word to a line while other columns take the space. When a row
/// still takes several lines, a rule between rows shows where each ends.
/// Returns the headings left out.
fn fit_columns(t: &mut comfy_table::Table, doc: &Document, width: u16) -> Vec<String> {
    let longest = t.column_max_content_widths();
    let id = doc.headers.iter().position(|h| *h == "ID");
    // The longest word of each column that may wrap (with its heading).
    let mut word: Vec<Option<usize>> = doc.headers.iter().map(|h| longest_word(h)).collect();
    word.resize(longest.len(), None);
    for r in t.row_iter() {
        for (i, cell) in r.cell_iter().enumerate() {
            if let Some(slot) = word.get_mut(i) {
                *slot = (*slot).max(longest_word(&cell.content()));
            }
        }
    }
    let shown: Vec<bool> = (0..longest.len())
        .map(|i| t.column(i).is_some_and(|c| !c.is_hidden()))
        .collect();
    let (constraints, hidden) = decide(doc, width, (&longest, &word, id), shown);
    for (i, constraint) in constraints.into_iter().enumerate() {
        if let Some(column) = t.column_mut(i) {
            column.set_constraint(constraint);
        }
    }
    let text = t.to_string();
    let lines = text
        .lines()
        .skip_while(|l| !l.starts_with('╞'))
        .filter(|l| l.starts_with('│'))
        .count();
    if lines > doc.rows.len() {
        t.load_style(comfy_table::presets::UTF8_FULL);
    }
    hidden
}

/// The width of the widest word in `text`, if it has any.
fn longest_word(text: &str) -> Option<usize> {
    text.split_whitespace().map(UnicodeWidthStr::width).max()
}

/// What [`fit_columns`] decides from each column's longest line
/// (`longest`, heading included, as comfy-table measures it) and longest
/// word (`word`), given the columns `shown` so far and the id column:
/// each column's constraint, and the headings left out. Laid out whole or
/// in chunks ([`long`]), a table is fitted by this one judgement.
fn decide(
    doc: &Document,
    width: u16,
    (longest, word, id): (&[u16], &[Option<usize>], Option<usize>),
    mut shown: Vec<bool>,
) -> (Vec<ColumnConstraint>, Vec<String>) {
    // The narrowest each column can be, padding included.
    let mut least: Vec<u16> = Vec::new();
    // Kept whole: short values, and ids (a command needs them exact).
    let whole = |i: usize| longest[i] <= SHORT || Some(i) == id;
    for (i, content) in longest.iter().enumerate() {
        let n = if whole(i) {
            *content
        } else {
            let word = word.get(i).copied().flatten().unwrap_or(1).min(LONGEST_WORD);
            u16::try_from(word).unwrap_or(u16::MAX)
        };
        // comfy-table's widths include a space of padding either side.
        least.push(n.saturating_add(2));
    }
    let index = |h: &str| doc.headers.iter().position(|x| *x == h);
    // Each shown column has its width and a border after it, and the table
    // a border before the first.
    let needed = |shown: &[bool], least: &[u16]| -> u32 {
        1 + least
            .iter()
            .zip(shown)
            .filter(|(_, s)| **s)
            .map(|(w, _)| u32::from(*w) + 1)
            .sum::<u32>()
    };
    // Judged with the `full` columns at their longest value.
    let mut judged = least.clone();
    for i in doc.full.iter().filter_map(|h| index(h)) {
        judged[i] = judged[i].max(longest[i].saturating_add(2));
    }
    let mut hidden = Vec::new();
    for heading in &doc.drop_first {
        if needed(&shown, &judged) <= u32::from(width) {
            break;
        }
        if let Some(i) = index(heading).filter(|i| shown[*i]) {
            shown[i] = false;
            // A heading set on two lines (`assess`) is named on one.
            hidden.push(heading.replace('\n', " "));
        }
    }
    if needed(&shown, &judged) <= u32::from(width) {
        least = judged;
    }
    // The spare width is shared out a column at a time, so that every
    // name gets some of it.
    let mut spare = u32::from(width).saturating_sub(needed(&shown, &least));
    let roomy: Vec<(usize, u16)> = doc
        .roomy
        .iter()
        .filter_map(|(h, room)| index(h).filter(|i| shown[*i]).map(|i| (i, longest[i].min(*room) + 2)))
        .collect();
    while spare > 0 {
        let mut grew = false;
        for &(i, want) in &roomy {
            if spare > 0 && least[i] < want {
                least[i] += 1;
                spare -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    let constraints = least
        .iter()
        .zip(&shown)
        .enumerate()
        .map(|(i, (w, s))| match (s, whole(i)) {
            (false, _) => ColumnConstraint::Hidden,
            // Short values (dates, terms, yes/no) are never broken.
            (true, true) => ColumnConstraint::ContentWidth,
            (true, false) => ColumnConstraint::LowerBoundary(Width::Fixed(*w)),
        })
        .collect();
    (constraints, hidden)
}

/// The table as CSV, headed by the column names; empty cells stay empty.
pub fn csv(doc: &Document, bom: bool, w: impl Write) -> io::Result<()> {
    let mut out = CsvOut::new(w, bom)?;
    out.header(&doc.headers)?;
    let rows = if doc.csv_rows.is_empty() {
        &doc.rows
    } else {
        &doc.csv_rows
    };
    for row in rows {
        for cell in row {
            out.text(cell);
        }
        out.end()?;
    }
    out.finish()
}

/// The columns a paper shows: every one but the id, which only a command
/// needs (people read the name beside it).
fn paper_columns(doc: &Document) -> Vec<usize> {
    (0..doc.headers.len()).filter(|i| doc.headers[*i] != "ID").collect()
}

/// A Markdown document for a committee paper.
pub fn markdown(doc: &Document, mut w: impl Write) -> io::Result<()> {
    writeln!(w, "# {}\n", md(&doc.title))?;
    for line in &doc.intro {
        writeln!(w, "{}\n", md(line))?;
    }
    let columns = paper_columns(doc);
    let headers: Vec<&str> = columns.iter().map(|i| doc.headers[*i]).collect();
    writeln!(w, "| {} |", headers.join(" | "))?;
    writeln!(w, "|{}", "---|".repeat(headers.len()))?;
    for row in &doc.rows {
        let cells: Vec<String> = columns
            .iter()
            .map(|i| md(row.get(*i).map_or("", String::as_str)))
            .collect();
        writeln!(w, "| {} |", cells.join(" | "))?;
    }
    for note in &doc.notes {
        writeln!(w, "\n{}", md(note))?;
    }
    Ok(())
}

/// One self-contained, printable HTML page (landscape A4, no scripts).
///
/// Written as it is made, a row at a time, rather than built whole first:
/// a page of 10,000 rows is megabytes (give `w` a buffer).
pub fn html(doc: &Document, mut w: impl Write) -> io::Result<()> {
    let title = h(&doc.title);
    writeln!(
        w,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{STYLE}{PRINT_STYLE}{}</style>\n</head>\n<body>\n<section class=\"wide\">\n<h1>{title}</h1>",
        super::print::footer_style(if doc.footer.is_empty() { &doc.title } else { &doc.footer })
    )?;
    for line in &doc.intro {
        writeln!(w, "<p>{}</p>", h(line))?;
    }
    let columns = paper_columns(doc);
    writeln!(w, "<table class=\"partnerships\">\n<thead><tr>")?;
    for i in &columns {
        write!(w, "<th scope=\"col\">{}</th>", h(doc.headers[*i]))?;
    }
    writeln!(w, "</tr></thead>\n<tbody>")?;
    for row in &doc.rows {
        write!(w, "<tr>")?;
        for i in &columns {
            let cell = row.get(*i).map_or("", String::as_str);
            write!(w, "<td{}>{}</td>", whole(cell), words(cell))?;
        }
        writeln!(w, "</tr>")?;
    }
    writeln!(w, "</tbody>\n</table>")?;
    for note in &doc.notes {
        writeln!(w, "<p>{}</p>", h(note))?;
    }
    writeln!(w, "</section>\n</body>\n</html>")?;
    Ok(())
}
