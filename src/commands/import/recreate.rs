//! Writing the files of a register book ([`super::book`]) back into the
//! register: each partnership in its own sub-folder (under `--folder`, when
//! given), through the same rendering and checks as `add`, never over an
//! existing file or id, with the same report, totals and exit code as an
//! import of an ordinary sheet.

use toml::Value;

use super::book::Book;
use super::report::{self, Log};
use crate::cli::ImportArgs;
use crate::commands::{Env, Outcome};
use crate::store::register::{self, Project, Register};
use crate::store::{decode, slug};

/// Writes every partnership of `book` (or, with `--dry-run`, says what would be written).
pub(super) fn run(
    env: &mut Env<'_>,
    project: &Project,
    register: &Register,
    args: &ImportArgs,
    book: Book,
    as_of: crate::model::Date,
) -> anyhow::Result<Outcome> {
    let base = crate::commands::add::sub_folder(&project.register_dir, args.folder.as_deref())?;
    // The book's own layout says where everything is: these options have nothing to choose.
    let unused: Vec<&str> = [
        (!args.sheet.is_empty(), "--sheet"),
        (args.header_row.is_some(), "--header-row"),
        (args.mapping.is_some(), "--mapping"),
        (args.no_sections, "--no-sections"),
    ]
    .into_iter()
    .filter_map(|(given, flag)| given.then_some(flag))
    .collect();
    if !unused.is_empty() {
        writeln!(
            env.stderr,
            "note: {} not used: a register partreg wrote is read whole, every sheet and column in its place",
            unused.join(", ")
        )?;
    }
    let mut log = Log::default();
    let what = if book.json {
        "a register partreg wrote as JSON"
    } else {
        "a workbook partreg wrote"
    };
    log.say(
        &format!("{what}: each partnership goes back in its own folder"),
        // Text only: the JSON report has no member for it.
        serde_json::json!({"register_book": true}),
    );
    log.say(
        &format!(
            "comments (# lines) in the original files are not in {}, so the files written do not have them",
            if book.json { "the JSON" } else { "the workbook" }
        ),
        // Text only, as above.
        serde_json::json!({"register_book": true}),
    );
    let mut taken: Vec<String> = register.entries.iter().map(|e| e.id.to_lowercase()).collect();
    let mut names: Vec<(usize, String)> = Vec::new();
    let (mut imported, mut attention, mut skipped) = (0, 0, 0);
    for (sheet, row, why) in &book.strays {
        log.row(
            &format!("sheet {sheet:?}, row {row}: skipped: {why}"),
            (sheet, *row, "skipped"),
            None,
            &[],
        );
        skipped += 1;
    }
    let json = book.json;
    for r in book.partnerships {
        // Every partnership is on the one sheet (or in the one list): its row is enough.
        let at = if json {
            format!("partnership {}", r.row)
        } else {
            format!("row {}", r.row)
        };
        let mut notes = r.notes;
        let name_key = r
            .entry
            .get("name")
            .and_then(Value::as_str)
            .map(register::normalise_name);
        let id =
            r.id.clone()
                .or_else(|| r.entry.get("name").and_then(Value::as_str).and_then(slug::from_name));
        let folder = if r.folder.is_empty() {
            Ok(base.clone())
        } else {
            crate::commands::add::sub_folder(&project.register_dir, Some(&base.join(&r.folder)))
                .map_err(|e| anyhow::anyhow!("its folder {:?} cannot be used: {e}", r.folder))
        };
        let refusal = match (&id, &folder) {
            (None, _) => Some("it has no id and no name to make one from".to_string()),
            (Some(id), _) if decode::validate_id(id).is_err() || slug::is_reserved(id) => {
                Some(format!("its id {id:?} cannot be a file name in the register"))
            }
            (_, Err(e)) => Some(super::first_line(e)),
            (Some(id), _) => {
                super::refusal(register, (&taken, &names), id, name_key.as_ref(), &r.entry).map(|r| r.reason)
            }
        };
        let (Some(id), Ok(folder), None) = (id, folder, refusal.as_ref()) else {
            let reason = refusal.unwrap_or_default();
            log.row(
                &format!("{at}: skipped: {reason}"),
                (&r.sheet, r.row, "skipped"),
                None,
                &notes,
            );
            skipped += 1;
            continue;
        };
        let file = project.register_dir.join(&folder).join(format!("{id}.toml"));
        let prepared = crate::commands::add::prepare(
            project,
            &file,
            &r.entry,
            as_of,
            &folder,
            "`partreg import` from a register partreg wrote",
        );
        if !prepared.missing.is_empty() {
            let words: Vec<String> = prepared.missing.iter().map(|k| report::in_words(k)).collect();
            notes.push(format!("still to fill in: {}", words.join("; ")));
        }
        notes.extend(prepared.errors.iter().map(|d| format!("{}: {}", d.key, d.message)));
        match super::write_row(
            &mut log,
            args,
            project,
            &file,
            &prepared,
            &notes,
            &at,
            (&r.sheet, r.row),
        ) {
            super::Written::Skipped => skipped += 1,
            super::Written::Imported { attention: needs } => {
                taken.push(id.to_lowercase());
                if let Some(k) = name_key {
                    names.push((r.row, k));
                }
                imported += 1;
                attention += usize::from(needs);
            }
        }
    }
    // The files are each on disk; this makes their names so too, once a folder.
    crate::store::atomic::sync_unsynced_folders();
    log.finish(
        &mut env.stdout,
        args.format == crate::cli::ImportFormat::Json,
        &serde_json::json!({"imported": imported, "need_attention": attention, "skipped": skipped, "dry_run": args.dry_run}),
    )?;
    let written = if args.dry_run { "would be imported" } else { "imported" };
    writeln!(
        env.stderr,
        "{imported} {written} ({attention} need attention), {skipped} skipped{}.",
        if args.dry_run {
            " (dry run: nothing written)"
        } else {
            ""
        }
    )?;
    Ok(if attention == 0 && skipped == 0 {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}
