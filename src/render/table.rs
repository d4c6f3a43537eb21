//! Terminal tables, all built the same way: box-drawn borders; on a
//! terminal, fitted to its width with long cells wrapped; elsewhere (a pipe,
//! a file, a snapshot) at their natural width, so output does not depend on
//! the machine.

use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets};

/// The width of the annual review pack's terminal tables, in columns.
pub const WIDTH: u16 = 100;

/// A table with these column headers, fitted to `width` columns if given.
/// The columns in `keep_whole` are never wrapped (ids, levels).
pub fn new(headers: &[&str], width: Option<u16>, keep_whole: &[usize]) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_header(headers.iter().copied());
    match width {
        Some(width) => {
            table
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width);
            for &i in keep_whole {
                if let Some(column) = table.column_mut(i) {
                    column.set_constraint(ColumnConstraint::ContentWidth);
                }
            }
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    table
}

/// Adds a row of cells that may hold text from a file: each is escaped
/// (`render::sanitize`) before the table measures it, so that a control
/// character can neither act on the terminal nor upset the column widths.
pub fn add_row(table: &mut Table, cells: impl IntoIterator<Item = String>) {
    table.add_row(
        cells
            .into_iter()
            .map(|c| super::sanitize::escape(&c).into_owned())
            .collect::<Vec<_>>(),
    );
}
