//! Terminal tables, all built the same way: box-drawn borders, fitted to a
//! width (the terminal's, or 100 columns when the output is not a terminal,
//! so that output does not depend on the machine), one partnership to a
//! line with long text cut short with "…", and no column narrower than the
//! longest word of its heading. `--wide` ([`Fit::Wide`]) prints every
//! cell in full at its natural width instead.

use comfy_table::{ColumnConstraint, ContentArrangement, Row, Table, Width, presets};

/// The width of tables whose output is not a terminal, in columns.
pub const WIDTH: u16 = 100;

/// The narrowest width a table is fitted to; below it, fitting only makes
/// every column unreadable.
const NARROWEST: u16 = 40;

/// How a table is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// Fitted to this many columns, long cells cut short with "…".
    Width(u16),
    /// Every cell in full, however wide the table becomes.
    Wide,
}

impl Fit {
    /// The layout for `--wide`, a `--width N` given, and the terminal's
    /// width when stdout is one (else [`WIDTH`]).
    pub fn new(wide: bool, width: Option<u16>, terminal: Option<u16>) -> Fit {
        if wide {
            Fit::Wide
        } else {
            Fit::Width(width.or(terminal).unwrap_or(WIDTH).max(NARROWEST))
        }
    }
}

/// A table with these column headers, laid out by `fit`. The columns in
/// `keep_whole` (ids, levels, short words) are never cut short.
pub fn new(headers: &[&str], fit: Fit, keep_whole: &[usize]) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_header(headers.iter().copied());
    match fit {
        Fit::Width(width) => {
            table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width)
                .set_truncation_indicator("…");
            for (i, heading) in headers.iter().enumerate() {
                let Some(column) = table.column_mut(i) else { continue };
                if keep_whole.contains(&i) {
                    column.set_constraint(ColumnConstraint::ContentWidth);
                } else {
                    // Never narrower than the heading's longest word, so a
                    // heading is never broken mid-word.
                    let word = heading
                        .split_whitespace()
                        .map(unicode_width::UnicodeWidthStr::width)
                        .max()
                        .unwrap_or(1);
                    // comfy-table's widths include a space of padding either side.
                    let word = u16::try_from(word).unwrap_or(u16::MAX).saturating_add(2);
                    column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(word)));
                }
            }
        }
        Fit::Wide => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    table
}

/// After the rows are in: while the table cannot fit its width even with
/// every column at its narrowest, hides the next column of `drop_first`
/// (the least needed first), so that what remains stays one partnership to
/// a line and readable. `roomy` columns (a name) are given up to that many
/// characters, or their longest text, before anything is judged to fit.
/// Returns the headings hidden. A wide table hides nothing.
pub fn drop_to_fit(table: &mut Table, fit: Fit, drop_first: &[usize], roomy: &[(usize, u16)]) -> Vec<String> {
    let Fit::Width(width) = fit else { return Vec::new() };
    let content = table.column_max_content_widths();
    for &(i, room) in roomy {
        let want = content.get(i).copied().unwrap_or(1).min(room).saturating_add(2);
        if let Some(column) = table.column_mut(i)
            && let Some(ColumnConstraint::LowerBoundary(Width::Fixed(n))) = column.constraint()
            && *n < want
        {
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(want)));
        }
    }
    let headings: Vec<String> = table
        .header()
        .map(|h| h.cell_iter().map(|c| c.content().replace('\n', " ")).collect())
        .unwrap_or_default();
    let mut hidden = Vec::new();
    for &next in std::iter::once(&usize::MAX).chain(drop_first) {
        if next != usize::MAX
            && let Some(column) = table.column_mut(next)
        {
            column.set_constraint(ColumnConstraint::Hidden);
            hidden.push(headings.get(next).cloned().unwrap_or_default());
        }
        let shown: Vec<u16> = table
            .column_iter()
            .enumerate()
            .filter(|(_, c)| !c.is_hidden())
            .map(|(i, c)| match c.constraint() {
                Some(ColumnConstraint::LowerBoundary(Width::Fixed(n))) => *n,
                _ => content.get(i).copied().unwrap_or(1).saturating_add(2),
            })
            .collect();
        // Each column has its padded width and a border after it.
        let needed: u32 = shown.iter().map(|w| u32::from(*w) + 1).sum::<u32>() + 1;
        if needed <= u32::from(width) {
            break;
        }
    }
    hidden
}

/// Adds a row that a fitted table may wrap onto several lines: for the
/// one column whose text must be read whole (what needs attention).
pub fn add_wrapped_row(table: &mut Table, cells: impl IntoIterator<Item = String>) {
    table.add_row(
        cells
            .into_iter()
            .map(|c| super::sanitize::escape(&c).into_owned())
            .collect::<Vec<_>>(),
    );
}

/// Adds a row of cells that may hold text from a file: each is escaped
/// (`render::sanitize`) before the table measures it, so that a control
/// character can neither act on the terminal nor upset the column widths.
/// A fitted table keeps the row to one line, cutting long text with "…"
/// rather than wrapping it a word to a line.
pub fn add_row(table: &mut Table, cells: impl IntoIterator<Item = String>) {
    let mut row: Row = cells
        .into_iter()
        .map(|c| super::sanitize::escape(&c).into_owned())
        .collect::<Vec<_>>()
        .into();
    if !matches!(table.content_arrangement(), ContentArrangement::Disabled) {
        row.max_height(1);
    }
    table.add_row(row);
}
