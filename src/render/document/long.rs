//! A long [`Document`] table (10,000 rows in a big register) written a
//! chunk of rows at a time, byte for byte the table
//! [`super::table`] lays out whole, so that comfy-table never holds every
//! row, and the text of every row, at once.
//!
//! The whole table's judgements are made first, from a pass over the rows
//! that keeps only each column's longest line and longest word: which
//! columns fit ([`super::decide`], the same judgement as a whole table's),
//! then each shown column's width, from a small probe table (see
//! `render::review::long_table`, whose reasoning holds for any column
//! constraints), then whether any row takes more than one line (a line
//! wider than its column's room is split, and only then: comfy-table's
//! rule), which gives the table rules between its rows. Each chunk is then
//! laid out with those widths fixed, and its own heading and inner borders
//! left out.

use std::io::{self, Write};

use comfy_table::{ColumnConstraint, Table, Width, presets};
use unicode_width::UnicodeWidthStr;

use super::{Document, NONE};
use crate::render::review::long_table;
use crate::render::table::{self, Fit};

/// The widest line of a cell as comfy-table counts it (at least 1).
fn widest(cell: &str) -> u16 {
    let w = cell.split('\n').map(UnicodeWidthStr::width).max().unwrap_or(0);
    u16::try_from(w).unwrap_or(u16::MAX).max(1)
}

/// Writes the table of `doc` (which has more than one row and cells for
/// every heading in each) as [`super::table`] would, `chunk` rows at a
/// time, and returns the headings left out to fit.
pub(super) fn write(doc: &Document, fit: Fit, ids: bool, w: &mut impl Write, chunk: usize) -> io::Result<Vec<String>> {
    let chunk = chunk.max(1);
    let id = doc.headers.iter().position(|h| *h == "ID");
    // A row's cells as the whole table has them: a blank shown as a dash,
    // and made safe for a terminal.
    let cells = |row: &[String]| -> Vec<String> {
        row.iter()
            .map(|c| crate::render::sanitize::escape(if c.is_empty() { NONE } else { c }).into_owned())
            .collect()
    };
    let mut shown: Vec<bool> = (0..doc.headers.len()).map(|i| ids || Some(i) != id).collect();
    let mut constraints: Vec<Option<ColumnConstraint>> = vec![None; doc.headers.len()];
    let mut hidden = Vec::new();
    if let Fit::Width(width) = fit {
        let mut longest: Vec<u16> = doc.headers.iter().map(|h| widest(h)).collect();
        let mut word: Vec<Option<usize>> = doc.headers.iter().map(|h| super::longest_word(h)).collect();
        for row in &doc.rows {
            for (i, cell) in cells(row).iter().enumerate() {
                longest[i] = longest[i].max(widest(cell));
                word[i] = word[i].max(super::longest_word(cell));
            }
        }
        let (decided, left_out) = super::decide(doc, width, (&longest, &word, id), shown.clone());
        for (i, c) in decided.into_iter().enumerate() {
            shown[i] = !matches!(c, ColumnConstraint::Hidden);
            constraints[i] = Some(c);
        }
        hidden = left_out;
    } else if let Some(i) = id.filter(|_| !ids) {
        constraints[i] = Some(ColumnConstraint::Hidden);
    }
    let start = || -> Table {
        let mut t = table::new(&doc.headers, fit, &id.into_iter().collect::<Vec<_>>());
        for (i, c) in constraints.iter().enumerate() {
            if let (Some(c), Some(column)) = (c, t.column_mut(i)) {
                column.set_constraint(*c);
            }
        }
        t
    };
    let widths = long_table::widths_with(start, doc.headers.len(), fit, doc.rows.iter().map(|r| cells(r)));
    // Each shown column's index and padded width.
    let columns: Vec<(usize, u16)> = (0..doc.headers.len())
        .filter(|i| shown[*i])
        .zip(widths.iter().copied())
        .collect();
    // Rules between rows when a row takes several lines: when a cell of a
    // shown column has a line break or a line wider than its room.
    let ruled = matches!(fit, Fit::Width(_))
        && doc.rows.iter().any(|row| {
            cells(row).iter().enumerate().any(|(i, cell)| {
                columns.iter().find(|(c, _)| *c == i).is_some_and(|(_, width)| {
                    cell.contains('\n') || UnicodeWidthStr::width(cell.as_str()) > usize::from(width.saturating_sub(2))
                })
            })
        });
    let mut rows = doc.rows.chunks(chunk).peekable();
    let mut first = true;
    while let Some(part) = rows.next() {
        let mut t = start();
        for (i, width) in &columns {
            if let Some(column) = t.column_mut(*i) {
                column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(*width)));
            }
        }
        if ruled {
            t.load_style(presets::UTF8_FULL);
        }
        for row in part {
            t.add_row(cells(row));
        }
        let last = rows.peek().is_none();
        let lines: Vec<String> = t.lines().collect();
        drop(t);
        // The top border, the heading's lines, then the line under them.
        let body = 1 + lines.iter().skip(1).take_while(|l| l.starts_with('│')).count() + 1;
        let from = if first { 0 } else { body };
        let to = if last { lines.len() } else { lines.len() - 1 };
        for line in lines.get(from..to).unwrap_or_default() {
            writeln!(w, "{line}")?;
        }
        if ruled && !last {
            // The rule the whole table has between this chunk's last row and
            // the next chunk's first: the bottom border, drawn as a rule.
            let bottom = lines.last().map(String::as_str).unwrap_or_default();
            let rule: String = bottom
                .chars()
                .map(|c| match c {
                    '└' => '├',
                    '─' => '╌',
                    '┴' => '┼',
                    '┘' => '┤',
                    c => c,
                })
                .collect();
            writeln!(w, "{rule}")?;
        }
        first = false;
    }
    Ok(hidden)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document shaped like the reports' (an id, names that are given
    /// room, columns dropped first), with `n` rows of varied text: blanks,
    /// dates, long words, accented and double-width letters, and some rows
    /// much longer than others, from a fixed seed.
    fn document(n: usize, seed: u64) -> Document {
        let words = [
            "Norfolk",
            "Waste",
            "Partnership",
            "2027-05-20",
            "four-year",
            "é",
            "Cllr",
            "Ann",
            "Brown-Smithson-Fotheringay",
            "https://example.org/a/very/long/address",
            "の会議",
            "yes",
            "(vacant)",
            "annual",
        ];
        let mut state = seed;
        let mut next = move |below: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % below
        };
        let headers = vec!["ID", "Outside body", "Member", "Term", "Roles", "Why"];
        let rows = (0..n)
            .map(|r| {
                let mut row = vec![format!("body-{r:04}")];
                for column in 1..headers.len() {
                    // The term stays short; the rest vary from blank to long.
                    let count = if column == 3 {
                        next(2)
                    } else {
                        let most = if next(5) == 0 { 12 } else { 4 };
                        next(most)
                    };
                    let cell: Vec<&str> = (0..count)
                        .map(|_| words[usize::try_from(next(words.len() as u64)).unwrap_or(0)])
                        .collect();
                    row.push(cell.join(" "));
                }
                row
            })
            .collect();
        Document {
            headers,
            rows,
            drop_first: vec!["Roles", "Term"],
            roomy: vec![("Outside body", 20), ("Member", 16)],
            ..Document::default()
        }
    }

    fn laid_out(doc: &Document, fit: Fit, ids: bool, chunk: usize) -> String {
        let mut out = Vec::new();
        super::super::table_in_chunks(doc, fit, ids, &mut out, chunk).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_table_written_in_chunks_is_the_table_laid_out_whole() {
        let (mut ruled, mut condensed, mut dropped) = (0, 0, 0);
        for seed in 0..6 {
            let doc = document(40 + 7 * usize::try_from(seed).unwrap_or(0), seed);
            for fit in [40, 52, 64, 80, 100, 140, 300]
                .map(Fit::Width)
                .into_iter()
                .chain([Fit::Wide])
            {
                for ids in [false, true] {
                    let whole = laid_out(&doc, fit, ids, usize::MAX);
                    for chunk in [1, 2, 7, 16] {
                        assert_eq!(
                            laid_out(&doc, fit, ids, chunk),
                            whole,
                            "seed {seed}, {fit:?}, ids {ids}, chunks of {chunk}"
                        );
                    }
                    if whole.contains('╌') {
                        ruled += 1;
                    } else {
                        condensed += 1;
                    }
                    dropped += usize::from(whole.contains("Left out to fit"));
                }
            }
        }
        // Both styles, and fitting by leaving columns out, were compared.
        assert!(
            ruled > 0 && condensed > 0 && dropped > 0,
            "{ruled} {condensed} {dropped}"
        );
    }

    #[test]
    fn a_table_longer_than_a_chunk_is_the_table_laid_out_whole() {
        // Over `CHUNK_ROWS` rows, `document::table` writes in chunks.
        let doc = document(CHUNK, 3);
        for (fit, ids) in [(Fit::Width(72), false), (Fit::Width(100), true), (Fit::Wide, false)] {
            let mut out = Vec::new();
            super::super::table(&doc, fit, ids, &mut out).unwrap();
            let out = String::from_utf8(out).unwrap();
            // Not `assert_eq!`: the tables are too long to show.
            assert!(out == laid_out(&doc, fit, ids, usize::MAX), "{fit:?}, ids {ids}");
        }
    }

    /// Rows enough for two chunks.
    const CHUNK: usize = crate::render::review::long_table::CHUNK_ROWS + 1;
}
