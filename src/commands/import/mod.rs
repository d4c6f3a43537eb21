//! `partreg import`: bring the council's old spreadsheet register into
//! partreg. Headers are matched to the register's keys and to the way
//! councils label them; values are read the way people type them; each
//! row becomes a file through the same code as `add`. Nothing from the
//! spreadsheet is lost and nothing on the register is overwritten.
//!
//! The steps, one module each: `sheet` reads the file into rows of text,
//! `headings` matches the heading row to register keys, `values` reads
//! each row into a draft entry; this module writes the files and the report.

use std::collections::BTreeMap;

use toml::Value;

use super::{Env, Outcome};
use crate::cli::{GlobalArgs, ImportArgs};
use crate::store::register::{self, LoadOptions};
use crate::store::slug;
use crate::store::{change, lock};

mod book;
mod choose;
mod continued;
mod headings;
mod interrupt;
mod kept;
mod recreate;
mod report;
mod sheet;
mod table;
mod unpacked;
mod values;
mod workbook;
use choose::Chosen;
use headings::{Known, letter, match_columns, read_mapping};
use sheet::read_grid;
use std::path::PathBuf;
use values::{RowContext, add_comment, read_row};

/// A worksheet as rows of text cells.
type Grid = Vec<Vec<String>>;

/// A note or section title as shown in the report: its first line, cut short.
fn clip(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() > 60 || line.len() < text.len() {
        format!("{}…", line.chars().take(60).collect::<String>())
    } else {
        line.to_string()
    }
}

pub fn run(env: &mut Env<'_>, global: &GlobalArgs, args: &ImportArgs) -> anyhow::Result<Outcome> {
    let project = env.project(global)?;
    let as_of = Env::load_options(global).as_of;
    // The whole import holds the creation lock, so the names and ids it
    // checks cannot be taken meanwhile by an `add` or another import.
    let _lock = if args.dry_run {
        None
    } else {
        Some(lock::for_creation(&project.register_dir, &mut env.stderr)?)
    };
    let register = register::load(&project, &[], LoadOptions { as_of });
    let path = env.cwd.join(&args.file);
    if !args.dry_run {
        interrupt::watch(&args.file);
    }
    // `list --format json` and `list --format xlsx` hold the whole register:
    // read back whole, each file in its own folder.
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
        sheet::refuse_too_big(&path)?;
        return recreate::run(env, &project, &register, args, book::from_json(&path)?, as_of);
    }
    let sheet = read_grid(&path)?;
    if book::is_own(&sheet.sheets)? {
        return recreate::run(env, &project, &register, args, book::from_sheets(sheet.sheets)?, as_of);
    }
    for warning in &sheet.warnings {
        writeln!(env.stderr, "warning: {warning}")?;
    }
    let mapping = match &args.mapping {
        Some(m) => read_mapping(&env.cwd.join(m))?,
        None => BTreeMap::new(),
    };
    let known = Known::new(mapping);
    let (chosen, not_read) = choose::sheets(sheet.sheets, args, &known)?;
    let mut log = report::Log::default();
    for line in &not_read {
        log.say(line, serde_json::json!({"not_read": line}));
    }
    let folder = super::add::sub_folder(&project.register_dir, args.folder.as_deref())?;
    // A folder that leads outside the register stops the whole import, not row by row.
    change::confine(
        &project.register_dir,
        &project.register_dir.join(&folder).join("any.toml"),
    )?;
    let mut taken: Vec<String> = register.entries.iter().map(|e| e.id.to_lowercase()).collect();
    // Names imported so far, by row, so one partnership is not imported twice.
    let mut names: Vec<(usize, String)> = Vec::new();
    let (mut imported, mut attention, mut skipped) = (0, 0, 0);
    let several = chosen.len() > 1;
    let mut kept = kept::Kept::default();
    let mut any_unknown = false;
    for Chosen {
        mut sheet,
        header_index,
    } in chosen
    {
        // Text `list --format xlsx` split over `… (continued)` columns comes back whole.
        let width = sheet.grid.get(header_index).map_or(0, Vec::len);
        crate::render::excel_limits::join_continued(&mut sheet.grid[header_index..]);
        if sheet.grid.get(header_index).map_or(0, Vec::len) != width {
            // Columns were joined, so the merges' copies are no longer where
            // they were: every cell then counts as typed, as before merges were told apart.
            sheet.copied.clear();
        }
        let header = &sheet.grid[header_index];
        let (columns, unknown) = match_columns(header, &known, sheet.left)?;
        let at = if several {
            format!("sheet {:?}, ", sheet.name)
        } else {
            String::new()
        };
        any_unknown |= !unknown.is_empty();
        for (i, cells) in sheet.grid[..header_index].iter().enumerate() {
            kept.row(
                &sheet.name,
                sheet.top + i,
                sheet.left,
                cells,
                "title above the headings",
            );
        }
        if several || sheet.top + header_index > 0 {
            log.say(
                &format!("{at}row {}: the headings", sheet.top + header_index + 1),
                serde_json::json!({"sheet": sheet.name, "headings_row": sheet.top + header_index + 1}),
            );
        }
        for (col, name) in &unknown {
            writeln!(
                env.stderr,
                "note: column {} {name:?} is not a register field; its values are kept in `comments` (map it with --mapping, or to \"ignore\")",
                letter(*col + sheet.left)
            )?;
        }
        let ctx = RowContext {
            left: sheet.left,
            as_of,
            priorities: project.settings.priorities.as_ref(),
        };
        let rows = &sheet.grid[header_index + 1..];
        let kinds = table::classify(rows, header, !args.no_sections);
        // Rows of representatives only (the rest blank or merged down) add
        // their people to the partnership above: worked out before any is written.
        let typed: Vec<Option<Vec<String>>> = (0..rows.len())
            .map(|i| {
                let cells = sheet.typed(header_index + 1 + i);
                (kinds[i] == table::Row::Partnership && continued::people_only(&cells, &columns)).then_some(cells)
            })
            .collect();
        let parents = continued::parents(&kinds, &typed.iter().map(Option::is_some).collect::<Vec<_>>());
        let partnership_rows: Vec<&Vec<String>> = rows
            .iter()
            .zip(&kinds)
            .zip(&typed)
            .filter(|((_, k), _)| **k == table::Row::Partnership)
            .map(|((r, _), t)| t.as_ref().unwrap_or(r))
            .collect();
        let (table_text, table_json) = report::column_table(header, &columns, &unknown, &partnership_rows, &ctx);
        log.text.push_str(&table_text);
        log.columns
            .push(serde_json::json!({"sheet": sheet.name, "columns": table_json}));
        // Merges reaching below the headings put one cell's value into other
        // rows or columns: each is said, since the sheet shows it but did not hold it.
        let headings_row = sheet.top + header_index;
        for merge in sheet.merges.iter().filter(|m| m.last.0 > headings_row) {
            let (line, event) = report::merge(&sheet.name, merge);
            log.say(&format!("{at}{line}"), event);
        }
        let mut section: Option<PathBuf> = None;
        // What became of the last partnership row, for the rows that continue it.
        let mut last: Option<(usize, Result<String, String>)> = None;
        for (i, (cells, kind)) in rows.iter().zip(&kinds).enumerate() {
            let row = sheet.top + header_index + 1 + i + 1;
            match kind {
                table::Row::Blank => continue,
                table::Row::Note(text) => {
                    kept.row(&sheet.name, row - 1, sheet.left, cells, "note");
                    log.row(
                        &format!("{at}row {row}: a note, not a partnership: {:?}", clip(text)),
                        (&sheet.name, row, "note"),
                        Some(text),
                        &[],
                    );
                    continue;
                }
                table::Row::Section(text) => {
                    kept.row(&sheet.name, row - 1, sheet.left, cells, "section");
                    let sub = slug::from_name(text).map(PathBuf::from);
                    let said = match &sub {
                        Some(sub) => format!(
                            "{at}row {row}: section {:?}: the rows below go in register/{}/ (--no-sections to read it as a partnership)",
                            clip(text),
                            folder.join(sub).display()
                        ),
                        None => format!(
                            "{at}row {row}: section {:?}: no folder name can be made of it, so the rows below go in the register's folder",
                            clip(text)
                        ),
                    };
                    log.row(&said, (&sheet.name, row, "section"), Some(text), &[]);
                    section = sub;
                    continue;
                }
                table::Row::Partnership => {}
            }
            if let Some(parent) = parents[i] {
                let cells = typed[i].as_deref().unwrap_or_default();
                let outcome = parent.and(last.as_ref());
                let line = match outcome {
                    Some((above, Ok(shown))) => {
                        let (mut d, ..) = read_row(cells, &columns, &unknown, header, &ctx);
                        let people: Vec<String> =
                            continued::take_people(&mut d).iter().map(continued::name_of).collect();
                        let said = if people.is_empty() {
                            format!("{at}row {row}: merged cells of row {above} only, nothing of its own")
                        } else {
                            format!(
                                "{at}row {row}: continues row {above}: representative(s) {} in {shown}",
                                people.join("; ")
                            )
                        };
                        log.row(&said, (&sheet.name, row, "continued"), Some(shown.as_str()), &[]);
                        continue;
                    }
                    Some((above, Err(_))) => {
                        format!("{at}row {row}: skipped: it continues row {above}, which was skipped")
                    }
                    None => format!(
                        "{at}row {row}: skipped: only representatives, with no partnership in the row directly above to add them to"
                    ),
                };
                let kept_any = cells.iter().any(|c| !c.trim().is_empty());
                kept.typed_row(&sheet.name, row - 1, sheet.left, cells, "representatives not imported");
                log.row(
                    &format!("{line}{}", kept_in_notes(kept_any, args.dry_run)),
                    (&sheet.name, row, "skipped"),
                    None,
                    &[],
                );
                skipped += 1;
                continue;
            }
            let folder = match &section {
                Some(sub) => folder.join(sub),
                None => folder.clone(),
            };
            let header = header.as_slice();

            let (mut draft, given_id, mut notes, kept_raw) = read_row(cells, &columns, &unknown, header, &ctx);
            // The people of the rows that continue this one, with what was said about them.
            for j in (i + 1..rows.len()).take_while(|&j| parents[j] == Some(Some(i))) {
                let more = typed[j].as_deref().unwrap_or_default();
                let (mut d, _, more_notes, _) = read_row(more, &columns, &unknown, header, &ctx);
                continued::add_people(&mut draft, continued::take_people(&mut d));
                let at_row = sheet.top + header_index + 1 + j + 1;
                notes.extend(
                    more_notes
                        .into_iter()
                        .filter(|n| n != values::ASSUMED_ACTIVE)
                        .map(|n| format!("row {at_row}: {n}")),
                );
            }
            // Cells beyond the last heading (an unquoted "£1,500" splits in two)
            // are kept in the comments and reported, never dropped.
            let beyond: Vec<String> = cells
                .iter()
                .skip(header.len())
                .filter(|c| !c.trim().is_empty())
                .cloned()
                .collect();
            if !beyond.is_empty() {
                notes.push(format!(
                "{} cell(s) beyond the last heading (column {} on) kept in `comments`: {}; a value with a comma may need quotes",
                beyond.len(),
                letter(header.len() + sheet.left),
                beyond.join(" | ")
            ));
                add_comment(
                    &mut draft,
                    &format!("Cells beyond the last heading: {}", beyond.join(" | ")),
                );
            }
            let id = match given_id.or_else(|| draft.get("name").and_then(Value::as_str).and_then(slug::from_name)) {
                Some(id) => id,
                None => format!("imported-row-{row}"),
            };
            let name_key = draft.get("name").and_then(Value::as_str).map(register::normalise_name);
            let refusal = refusal(&register, (&taken, &names), &id, name_key.as_ref(), &draft);
            if let Some(refused) = refusal {
                // A repeat of an earlier row is kept as typed, so nothing it
                // adds (a cell merged down the name and typed beside it) is lost.
                let keep = refused.earlier_row;
                if keep {
                    kept.typed_row(
                        &sheet.name,
                        row - 1,
                        sheet.left,
                        &sheet.typed(header_index + 1 + i),
                        "row not imported",
                    );
                }
                log.row(
                    &format!(
                        "{at}row {row}: skipped: {}{}",
                        refused.reason,
                        kept_in_notes(keep, args.dry_run)
                    ),
                    (&sheet.name, row, "skipped"),
                    None,
                    &notes,
                );
                last = Some((row, Err(refused.reason)));
                skipped += 1;
                continue;
            }
            let file = project.register_dir.join(&folder).join(format!("{id}.toml"));
            let prepared = super::add::prepare(&project, &file, &draft, as_of, &folder, "`partreg import`");
            if !prepared.missing.is_empty() {
                let mut missing = prepared.missing.clone();
                missing.dedup();
                let words: Vec<String> = missing.iter().map(|k| report::in_words(k)).collect();
                notes.push(format!("still to fill in: {}", words.join("; ")));
            }
            // A value kept as written is already explained; `check` would only repeat it.
            notes.extend(
                prepared
                    .errors
                    .iter()
                    .filter(|d| {
                        !kept_raw
                            .iter()
                            .any(|k| d.key == *k || d.key.starts_with(&format!("{k}[")))
                    })
                    .map(|d| format!("{}: {}", d.key, d.message)),
            );
            let place = format!("{at}row {row}");
            match write_row(
                &mut log,
                args,
                &project,
                &file,
                &prepared,
                &notes,
                &place,
                (&sheet.name, row),
            ) {
                Written::Skipped => {
                    last = Some((row, Err(String::new())));
                    skipped += 1;
                }
                Written::Imported { attention: needs } => {
                    last = Some((row, Ok(prepared.shown.clone())));
                    taken.push(id.to_lowercase());
                    if let Some(k) = name_key {
                        names.push((row, k));
                    }
                    imported += 1;
                    attention += usize::from(needs);
                }
            }
        }
    }
    // The files are each on disk; this makes their names so too, once a folder.
    crate::store::atomic::sync_unsynced_folders();
    if !kept.cells.is_empty() {
        let file = kept::Kept::file_for(&project.register_dir, &path);
        let shown = project.display_path(&file);
        if !args.dry_run {
            write_new(&file, &kept.markdown(&args.file.display().to_string(), as_of))?;
        }
        let verb = if args.dry_run { "would be kept" } else { "kept" };
        let what = if kept.cells.iter().any(|c| c.what.ends_with("not imported")) {
            "titles, sections, notes and rows not imported"
        } else {
            "titles, sections and notes"
        };
        log.say(
            &format!("{what} ({} cell(s)) {verb} as written in {shown}", kept.cells.len()),
            serde_json::json!({"kept": true}),
        );
        log.kept = Some(serde_json::json!({"file": shown, "written": !args.dry_run, "cells": kept.json()}));
    }
    log.finish(
        &mut env.stdout,
        args.format == crate::cli::ImportFormat::Json,
        &serde_json::json!({"imported": imported, "need_attention": attention, "skipped": skipped, "dry_run": args.dry_run}),
    )?;
    if args.dry_run {
        writeln!(
            env.stderr,
            "{imported} would be imported ({attention} would need attention), {skipped} skipped (dry run: nothing written)."
        )?;
    } else {
        writeln!(
            env.stderr,
            "{imported} imported ({attention} need attention), {skipped} skipped."
        )?;
    }
    Ok(if attention == 0 && skipped == 0 && !any_unknown {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}

/// The first line of an error, for a report line.
fn first_line(e: &anyhow::Error) -> String {
    e.to_string().lines().next().unwrap_or_default().to_string()
}

/// Why a row cannot be imported without clobbering or repeating a
/// partnership: its id on the register or on an earlier row (`taken`, lower
/// case), its name on an earlier row (`names`: row and comparison key) or on
/// the register. The one place both kinds of import decide it.
fn refusal(
    register: &register::Register,
    (taken, names): (&[String], &[(usize, String)]),
    id: &str,
    name_key: Option<&String>,
    draft: &toml::Table,
) -> Option<Refused> {
    let (reason, earlier_row) = if let Err(e) = super::add::refuse_existing(register, id) {
        (first_line(&e), false)
    } else if taken.contains(&id.to_lowercase()) {
        (
            format!("an earlier row already has the id {id:?} (the same name?)"),
            true,
        )
    } else if let Some((earlier, _)) = name_key.and_then(|k| names.iter().find(|(_, n)| n == k)) {
        (format!("row {earlier} has the same name"), true)
    } else {
        (first_line(&super::add::refuse_name(register, draft).err()?), false)
    };
    Some(Refused { reason, earlier_row })
}

/// Why a row was not imported, and whether it was for repeating an earlier
/// row of this import (whose cells then go in the import notes) rather than
/// a partnership already on the register.
struct Refused {
    reason: String,
    earlier_row: bool,
}

/// What a skipped row's report line adds when its cells are kept in the
/// import notes (or would be, in a dry run).
fn kept_in_notes(kept: bool, dry_run: bool) -> &'static str {
    match (kept, dry_run) {
        (false, _) => "",
        (true, true) => "; would be kept in the import notes",
        (true, false) => "; kept in the import notes",
    }
}

/// Writes a file that must not exist yet: the notes never replace a file.
fn write_new(path: &std::path::Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
    f.write_all(text.as_bytes())
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))
}

/// How one row ended, for the tallies.
enum Written {
    Skipped,
    Imported { attention: bool },
}

/// Writes one prepared row as a new file (unless `--strict` refuses a row
/// with notes, or `--dry-run`) and logs how it ended: the one place both
/// an ordinary sheet and partreg's own register go through, so their
/// reports read alike. `place` starts each line ("row 7", "Reviews row 3").
#[allow(clippy::too_many_arguments)] // each is one fact about the row; a struct would only rename them
fn write_row(
    log: &mut report::Log,
    args: &ImportArgs,
    project: &register::Project,
    file: &std::path::Path,
    prepared: &super::add::Prepared,
    notes: &[String],
    place: &str,
    (sheet, row): (&str, usize),
) -> Written {
    if args.strict && !notes.is_empty() {
        log.row(
            &format!("{place}: skipped (--strict): {}", notes.join("; ")),
            (sheet, row, "skipped"),
            None,
            notes,
        );
        return Written::Skipped;
    }
    let written = (!args.dry_run).then(|| {
        let _writing = interrupt::writing();
        let written = change::create_one_of_many(&project.register_dir, file, &prepared.shown, &prepared.text);
        if written.is_ok() {
            interrupt::wrote();
        }
        written
    });
    if let Some(Err(e)) = written {
        log.row(
            &format!("{place}: skipped: {e:#}"),
            (sheet, row, "skipped"),
            None,
            notes,
        );
        return Written::Skipped;
    }
    let verb = if args.dry_run { "would import" } else { "imported" };
    let outcome = if args.dry_run { "would-import" } else { "imported" };
    let line = if notes.is_empty() {
        format!("{place}: {verb} {}", prepared.shown)
    } else {
        format!(
            "{place}: {verb} {}; needs attention: {}",
            prepared.shown,
            notes.join("; ")
        )
    };
    log.row(&line, (sheet, row, outcome), Some(&prepared.shown), notes);
    Written::Imported {
        attention: !notes.is_empty(),
    }
}
