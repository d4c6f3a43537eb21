//! The pack's long terminal tables (the partnerships, and what needs
//! attention: 10,000 rows in a big register) written a chunk of rows at a
//! time, so that comfy-table never holds every row laid out at once — and
//! byte for byte the table it would have printed whole.
//!
//! Why that works: comfy-table chooses the column widths from each
//! column's cells on their own — the widest line, and, for a column it has
//! to narrow, the widest line left after splitting its cells at the width
//! it is trying. So the widths of the whole table are the widths of a small
//! *probe* table that holds, for each column, one cell of each line width
//! and the cell widest after a split at each width comfy-table may try.
//! comfy-table lays the probe out itself (its widths are read from its top
//! border); each chunk of rows is then laid out with those widths fixed,
//! and the chunks' own headings and inner borders are left out.
//!
//! The split is worked out here as comfy-table 8 does it (its
//! `split_line`), for text whose width is the sum of its characters'
//! widths. A cell with any other character is always put in the probe, so
//! the probe is right whatever such a cell would give.

use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};

use comfy_table::{ColumnConstraint, Width};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::render::table::{self, Fit};

/// Rows laid out at a time: small enough that a chunk's layout is a few
/// hundred KiB, large enough that the per-chunk work is nothing.
pub(crate) const CHUNK_ROWS: usize = 512;

/// Writes the table that `table::new(headers, fit, keep_whole)` with every
/// row of `rows()` added prints, and a line break. `rows` gives `count`
/// rows; it is called twice (once to measure, once to write) and must give
/// the same rows each time; each row's cells are final (already made safe
/// for a terminal).
pub(super) fn write<I>(
    w: &mut impl Write,
    headers: &[&str],
    fit: Fit,
    keep_whole: &[usize],
    (count, rows): (usize, impl Fn() -> I),
    chunk: usize,
) -> io::Result<()>
where
    I: Iterator<Item = Vec<String>>,
{
    let chunk = chunk.max(1);
    if count <= chunk {
        let mut t = table::new(headers, fit, keep_whole);
        for row in rows() {
            t.add_row(row);
        }
        return writeln!(w, "{t}");
    }
    let widths = widths(headers, fit, keep_whole, rows());
    let mut rows = rows().peekable();
    let mut first = true;
    while rows.peek().is_some() {
        let mut t = table::new(headers, fit, keep_whole);
        for (column, width) in t.column_iter_mut().zip(&widths) {
            column.set_constraint(ColumnConstraint::Absolute(Width::Fixed(*width)));
        }
        for row in rows.by_ref().take(chunk) {
            t.add_row(row);
        }
        let last = rows.peek().is_none();
        let lines: Vec<String> = t.lines().collect();
        drop(t);
        // The top border, the heading's lines, then the line under them.
        let body = 1 + lines.iter().skip(1).take_while(|l| l.starts_with('│')).count() + 1;
        let start = if first { 0 } else { body };
        let end = if last { lines.len() } else { lines.len() - 1 };
        for line in lines.get(start..end).unwrap_or_default() {
            writeln!(w, "{line}")?;
        }
        first = false;
    }
    Ok(())
}

/// The padded width of each column of the whole table, from the probe.
fn widths(headers: &[&str], fit: Fit, keep_whole: &[usize], rows: impl Iterator<Item = Vec<String>>) -> Vec<u16> {
    widths_with(|| table::new(headers, fit, keep_whole), headers.len(), fit, rows)
}

/// The padded width of each shown column of the whole table that `make`
/// starts (headings and column constraints, no rows) with every row of
/// `rows` added, from a probe table `make` starts; hidden columns have
/// none. For the reports' documents (`render::document`) too.
pub(crate) fn widths_with(
    make: impl FnOnce() -> comfy_table::Table,
    columns: usize,
    fit: Fit,
    rows: impl Iterator<Item = Vec<String>>,
) -> Vec<u16> {
    // The widths comfy-table may try are at most the table's width.
    let tried = match fit {
        Fit::Width(width) => usize::from(width),
        Fit::Wide => 0,
    };
    let mut columns: Vec<Probe> = (0..columns).map(|_| Probe::new(tried)).collect();
    for row in rows {
        for (i, cell) in row.into_iter().enumerate() {
            if i >= columns.len() {
                columns.push(Probe::new(tried));
            }
            columns[i].add(cell);
        }
    }
    let kept: Vec<Vec<String>> = columns.into_iter().map(Probe::cells).collect();
    let height = kept.iter().map(Vec::len).max().unwrap_or(0);
    let mut probe = make();
    // An empty cell is never the widest, so it fills the shorter columns.
    for r in 0..height {
        probe.add_row(
            kept.iter()
                .map(|c| c.get(r).cloned().unwrap_or_default())
                .collect::<Vec<_>>(),
        );
    }
    let top = probe.lines().next().unwrap_or_default();
    let inner = top.trim_start_matches('┌').trim_end_matches('┐');
    inner
        .split('┬')
        .map(|s| u16::try_from(s.chars().count()).unwrap_or(u16::MAX))
        .collect()
}

/// What one column's probe keeps of its cells.
struct Probe {
    /// Cells already seen: one of each is enough.
    seen: HashSet<String>,
    /// One cell of each widest-line width.
    by_width: BTreeMap<usize, String>,
    /// For each width comfy-table may try, the cell whose lines are widest
    /// after splitting at it, and that width.
    by_split: Vec<Option<(usize, String)>>,
    /// Cells whose split is not worked out here.
    always: Vec<String>,
}

impl Probe {
    fn new(tried: usize) -> Probe {
        Probe {
            seen: HashSet::new(),
            by_width: BTreeMap::new(),
            by_split: vec![None; tried + 1],
            always: Vec::new(),
        }
    }

    fn add(&mut self, cell: String) {
        if self.seen.contains(&cell) {
            return;
        }
        let lines: Vec<&str> = cell.split('\n').collect();
        let widest = lines.iter().map(|l| l.width()).max().unwrap_or(0);
        self.by_width.entry(widest).or_insert_with(|| cell.clone());
        if !lines.iter().all(|l| l.chars().all(plain)) {
            self.always.push(cell.clone());
        } else {
            // Each line's words and their widths, measured once for all the
            // widths tried.
            let lines: Vec<(usize, Vec<(&str, usize)>)> = lines
                .iter()
                .map(|l| (l.width(), l.split(' ').map(|word| (word, word.width())).collect()))
                .collect();
            let mut scratch = Vec::new();
            // Below its widest line the cell is split; at and above it,
            // it is its widest line, which `by_width` covers.
            for at in 0..widest.min(self.by_split.len()) {
                // No split is wider than the width tried (or than one
                // character, at most 2 columns) nor than the cell: once a
                // cell reaches that, none can beat it.
                let bound = at.max(2).min(widest);
                if self.by_split[at].as_ref().is_some_and(|(w, _)| *w >= bound) {
                    continue;
                }
                let longest = lines
                    .iter()
                    .map(|(w, words)| {
                        if *w > at {
                            widest_after_split(words, at, &mut scratch)
                        } else {
                            *w
                        }
                    })
                    .max()
                    .unwrap_or(0);
                let best = &mut self.by_split[at];
                if best.as_ref().is_none_or(|(w, _)| longest > *w) {
                    *best = Some((longest, cell.clone()));
                }
            }
        }
        self.seen.insert(cell);
    }

    /// The cells the probe column holds, each once.
    fn cells(self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut seen = HashSet::new();
        let all = self
            .by_width
            .into_values()
            .chain(self.by_split.into_iter().flatten().map(|(_, c)| c))
            .chain(self.always);
        for cell in all {
            if seen.insert(cell.clone()) {
                out.push(cell);
            }
        }
        out
    }
}

/// A character that is a grapheme of its own and whose width adds up with
/// its neighbours': printable ASCII, Latin letters and signs (not the soft
/// hyphen), dashes, quotes and bullets, currency signs and arrows.
fn plain(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{ac}' | '\u{ae}'..='\u{2ff}' | '\u{2010}'..='\u{2027}' | '\u{20a0}'..='\u{20bf}' | '\u{2190}'..='\u{21ff}')
}

/// comfy-table's free room under which a line is taken as full.
const MIN_FREE_CHARS: usize = 2;

/// The width of the widest line comfy-table 8 makes of a line (of
/// [`plain`] characters, split at its spaces into `words`, each with its
/// width) when it splits it to fit `width` columns: its `split_line`, step
/// for step, counting widths instead of building the lines. `elements` is
/// scratch space, reused from call to call.
fn widest_after_split<'t>(words: &[(&'t str, usize)], width: usize, elements: &mut Vec<(&'t str, usize)>) -> usize {
    let mut widest = 0;
    elements.clear();
    elements.extend(words.iter().rev().copied());
    // The line being built: whether it holds anything, its width, and
    // comfy-table's own count of it (which a split word's space is not
    // added to, as there).
    let (mut filled, mut shown, mut length) = (false, 0usize, 0usize);
    while let Some((next, next_length)) = elements.pop() {
        let mut added = next_length + length;
        if filled {
            added += 1;
        }
        let mut remaining = width - length;
        if filled {
            remaining = remaining.saturating_sub(1);
        }
        if added <= width {
            if filled {
                shown += 1;
                length += 1;
            }
            filled |= !next.is_empty();
            shown += next_length;
            length += next_length;
            if length > width.saturating_sub(MIN_FREE_CHARS) {
                widest = widest.max(shown);
                (filled, shown, length) = (false, 0, 0);
            }
            continue;
        }
        if filled && remaining <= MIN_FREE_CHARS {
            elements.push((next, next_length));
            widest = widest.max(shown);
            (filled, shown, length) = (false, 0, 0);
            continue;
        }
        if next_length > width {
            let new_line = !filled;
            if !new_line {
                shown += 1;
            }
            let (head, tail) = split_long_word(remaining, next);
            if new_line && head.is_empty() {
                let mut chars = tail.chars();
                shown += chars.next().and_then(UnicodeWidthChar::width).unwrap_or(0);
                let rest = chars.as_str();
                elements.push((rest, rest.width()));
            } else {
                shown += head.width();
                elements.push((tail, tail.width()));
            }
            widest = widest.max(shown);
            (filled, shown, length) = (false, 0, 0);
            continue;
        }
        widest = widest.max(shown);
        (filled, shown, length) = (!next.is_empty(), next_length, next_length);
        if length > width.saturating_sub(MIN_FREE_CHARS) {
            widest = widest.max(shown);
            (filled, shown, length) = (false, 0, 0);
        }
    }
    if filled {
        widest = widest.max(shown);
    }
    widest
}

/// The longest start of `word` that fits `allowed` columns, and the rest.
fn split_long_word(allowed: usize, word: &str) -> (&str, &str) {
    let mut used = 0;
    for (i, c) in word.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > allowed {
            return word.split_at(i);
        }
        used += w;
    }
    (word, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table as comfy-table prints it whole.
    fn whole(headers: &[&str], fit: Fit, keep: &[usize], rows: &[Vec<String>]) -> String {
        let mut t = table::new(headers, fit, keep);
        for r in rows {
            t.add_row(r.clone());
        }
        format!("{t}\n")
    }

    fn chunked(headers: &[&str], fit: Fit, keep: &[usize], rows: &[Vec<String>], chunk: usize) -> String {
        let mut out = Vec::new();
        write(
            &mut out,
            headers,
            fit,
            keep,
            (rows.len(), || rows.iter().cloned()),
            chunk,
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Words of many lengths, some longer than any column, some accented,
    /// some wide (CJK) or joined (emoji), some cells over several lines.
    fn rows(n: usize, seed: u64) -> Vec<Vec<String>> {
        let words = [
            "a",
            "of",
            "the",
            "Norfolk",
            "Partnership",
            "Café",
            "£9,000",
            "Waste",
            "Board",
            "•",
            "–",
            "(2026",
            "budget",
            "firm)",
            "Antidisestablishmentarianism-and-more",
            "東京都",
            "🙂‍↕️",
            "x",
            "Retain",
            "and",
            "manage",
            "risk",
            "Done:",
            "",
        ];
        let mut state = seed;
        let mut next = move |m: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) as usize) % m
        };
        (0..n)
            .map(|_| {
                (0..4)
                    .map(|_| {
                        let lines = 1 + next(3) * next(2);
                        (0..lines)
                            .map(|_| {
                                let len = next(12);
                                (0..len).map(|_| words[next(words.len())]).collect::<Vec<_>>().join(" ")
                            })
                            .collect::<Vec<_>>()
                            .join("\n")
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_table_over_many_chunks_is_the_table_laid_out_whole() {
        let headers = ["Partnership", "Status", "Assessment", "2026 review"];
        for seed in 0..8 {
            let rows = rows(60, seed);
            for fit in [
                Fit::Width(40),
                Fit::Width(61),
                Fit::Width(100),
                Fit::Width(157),
                Fit::Wide,
            ] {
                for keep in [&[1][..], &[0], &[]] {
                    let expected = whole(&headers, fit, keep, &rows);
                    for chunk in [7, 59] {
                        assert_eq!(
                            chunked(&headers, fit, keep, &rows, chunk),
                            expected,
                            "seed {seed}, {fit:?}, keep {keep:?}, chunks of {chunk}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_cell_that_splits_wider_than_one_as_wide_sets_the_width() {
        // Both first cells are 44 columns wide; at most widths only the
        // second, met later, splits into lines as wide as 29.
        let two_words = format!("{} {}", "a".repeat(21), "b".repeat(22));
        let many_words = ["abcd"; 9].join(" ");
        let long = ["Retain and manage the risk"; 4].join(" ");
        let rows: Vec<Vec<String>> = [two_words, many_words, "x".into(), "y".into(), "z".into()]
            .into_iter()
            .map(|c| vec![c, long.clone()])
            .collect();
        for width in 40..=130 {
            let fit = Fit::Width(width);
            assert_eq!(
                chunked(&["A", "B"], fit, &[], &rows, 2),
                whole(&["A", "B"], fit, &[], &rows),
                "{fit:?}"
            );
        }
    }

    #[test]
    fn a_table_within_one_chunk_is_laid_out_whole() {
        let headers = ["Priority", "Partnership", "What"];
        let rows = rows(5, 7);
        let rows: Vec<Vec<String>> = rows.into_iter().map(|r| r.into_iter().take(3).collect()).collect();
        assert_eq!(
            chunked(&headers, Fit::Width(80), &[0], &rows, 5),
            whole(&headers, Fit::Width(80), &[0], &rows)
        );
        assert_eq!(
            chunked(&headers, Fit::Width(80), &[0], &[], 5),
            whole(&headers, Fit::Width(80), &[0], &[])
        );
    }

    #[test]
    fn splitting_counts_as_comfy_table_lays_out() {
        // One column of content width 10 holds the split lines.
        for (text, expected) in [
            ("Attleborough Alliance Climate", 10),
            ("a b c d e f g h i j k l", 9),
            ("Antidisestablishmentarianism", 10),
            ("ab cdefghijklmnopq", 10),
        ] {
            let words: Vec<(&str, usize)> = text.split(' ').map(|w| (w, w.width())).collect();
            assert_eq!(widest_after_split(&words, 10, &mut Vec::new()), expected, "{text}");
        }
    }
}
