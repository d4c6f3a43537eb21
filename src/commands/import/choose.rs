//! Choosing the worksheets to read and the heading row of each: the sheets
//! `--sheet` names, or else the first with a heading row partreg knows; the
//! others are named in the report with what they appear to hold. When no
//! heading row can be found nothing is written and the rows looked at are
//! shown, with how to name the row or map the headings.

use super::headings::Known;
use super::table::{self, MIN_HEADINGS, SEARCHED_ROWS};
use super::workbook::Worksheet;
use crate::cli::ImportArgs;
use anyhow::bail;

/// A worksheet to read and the grid index of its heading row.
pub(super) struct Chosen {
    pub sheet: Worksheet,
    pub header_index: usize,
}

/// The sheets to read, and one line for each sheet not read.
pub(super) fn sheets(
    all: Vec<Worksheet>,
    args: &ImportArgs,
    known: &Known,
) -> anyhow::Result<(Vec<Chosen>, Vec<String>)> {
    let file = args.file.display().to_string();
    for wanted in &args.sheet {
        if !all.iter().any(|s| s.name == *wanted) {
            let names: Vec<String> = all.iter().map(|s| format!("{:?}", s.name)).collect();
            bail!(
                "{file} has no sheet called {wanted:?}; its sheets are {}",
                names.join(", ")
            );
        }
    }
    let header_of = |sheet: &Worksheet| match args.header_row {
        Some(n) => (n as usize)
            .checked_sub(sheet.top + 1)
            .filter(|&i| table::usable(&sheet.grid, i, known)),
        None => table::find_header(&sheet.grid, known),
    };
    let mut chosen = Vec::new();
    let mut not_read = Vec::new();
    let mut first_failed: Option<Worksheet> = None;
    for sheet in all {
        let wanted = if args.sheet.is_empty() {
            chosen.is_empty()
        } else {
            args.sheet.contains(&sheet.name)
        };
        if !wanted {
            not_read.push(describe(&sheet, header_of(&sheet)));
            continue;
        }
        match header_of(&sheet) {
            Some(header_index) => chosen.push(Chosen { sheet, header_index }),
            None if args.sheet.is_empty() => {
                not_read.push(describe(&sheet, None));
                first_failed.get_or_insert(sheet);
            }
            None => return Err(no_headings(&file, &sheet, args, known)),
        }
    }
    match (chosen.is_empty(), first_failed) {
        (true, Some(sheet)) => Err(no_headings(&file, &sheet, args, known)),
        (true, None) => bail!("{file} has no worksheet to read"),
        _ => Ok((chosen, not_read)),
    }
}

/// One line on a sheet that is not read.
fn describe(sheet: &Worksheet, header: Option<usize>) -> String {
    let name = &sheet.name;
    let filled = sheet
        .grid
        .iter()
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .count();
    match header {
        _ if filled == 0 => format!("sheet {name:?} not read: it is empty"),
        Some(i) => format!(
            "sheet {name:?} not read: it appears to hold a table of {} row(s) with headings on row {}; add --sheet {name:?} to import it too",
            sheet.grid[i + 1..]
                .iter()
                .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
                .count(),
            sheet.top + i + 1
        ),
        None => {
            let first = sheet
                .grid
                .iter()
                .flatten()
                .find(|c| !c.trim().is_empty())
                .map(|c| {
                    c.lines()
                        .next()
                        .unwrap_or_default()
                        .chars()
                        .take(40)
                        .collect::<String>()
                })
                .unwrap_or_default();
            format!("sheet {name:?} not read: its {filled} row(s) have no headings partreg knows (it begins {first:?})")
        }
    }
}

/// The error for a sheet with no heading row: the rows looked at and how to go on.
fn no_headings(file: &str, sheet: &Worksheet, args: &ImportArgs, known: &Known) -> anyhow::Error {
    let looked = table::rows_looked_at(&sheet.grid, sheet.top, sheet.left, known);
    let which = match args.header_row {
        Some(n) => format!("row {n} of sheet {:?} is not a heading row partreg can use", sheet.name),
        None => format!(
            "no heading row found in the first {SEARCHED_ROWS} rows of sheet {:?}",
            sheet.name
        ),
    };
    anyhow::anyhow!(
        "{file}: {which}: it needs a \"Partnership Name\" column and at least {MIN_HEADINGS} headings partreg knows, so nothing was imported.\n\
         The rows looked at:\n{looked}\
         To go on: name the heading row with --header-row N, and map headings partreg does not know with --mapping FILE, \
         a TOML file of lines such as \"Name of scheme\" = \"name\" (see partreg import --help)"
    )
}
