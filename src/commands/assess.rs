//! `partreg assess`: Appendix B ratings for the register, explained, as a
//! matrix, or changed in a file.

use std::path::Path;

use anyhow::bail;

use super::{Env, Outcome};
use crate::cli::{AssessArgs, GlobalArgs, TableFormat};
use crate::diagnostic::Severity;
use crate::model::{Choice, Status};
use crate::policy::assessment::{self, Matrix, Side};
use crate::policy::flag_hints;
use crate::policy::rubric::Rubric;
use crate::render::assess::{self as out, Row};
use crate::render::check::CheckReport;
use crate::render::text::Style;
use crate::store::change;
use crate::store::edit::{self, NewValue, RatingEdit};
use crate::store::register::{self, LoadedEntry, Project, Register};
use crate::terminal::prompt::Prompter;

pub fn run(env: &mut Env<'_>, global: &GlobalArgs, args: &AssessArgs) -> anyhow::Result<Outcome> {
    let project = env.project(global)?;
    let register = register::load(&project, &[], Env::load_options(global));
    if !args.set.is_empty() || args.interactive {
        return edit_one(env, global, &project, &register, args);
    }
    let (chosen, skipped) = choose(&register, &args.ids, args.all)?;
    let rows: Vec<Row<'_>> = chosen
        .iter()
        .filter_map(|e| {
            let entry = e.entry.as_ref()?;
            Some(Row {
                id: &e.id,
                entry,
                assessment: assessment::assess(entry, &project.rubric),
            })
        })
        .collect();
    if args.explain {
        if args.ids.is_empty() {
            bail!("name the partnership to explain: partreg assess ID --explain");
        }
        // Wrapped to the terminal (or `--width`); off a terminal, left
        // unwrapped like `show`.
        let explain_fit = match (args.table.wide, args.table.width.or(env.stdout_width)) {
            (false, Some(w)) => crate::render::table::Fit::new(false, Some(w), None),
            _ => crate::render::table::Fit::Wide,
        };
        let base = project
            .settings_path
            .as_deref()
            .and_then(Path::parent)
            .unwrap_or(&env.cwd);
        let unused_copy = project.rubric.unused_copy(base).map(|p| project.display_path(&p));
        for (i, row) in rows.iter().enumerate() {
            if i > 0 {
                writeln!(env.stdout)?;
            }
            out::explain(
                row,
                &project.rubric,
                unused_copy.as_deref(),
                explain_fit,
                &mut env.stdout,
            )?;
        }
    } else if args.matrix {
        let matrix = Matrix::build(rows.iter().map(|r| (r.id, &r.assessment)));
        match args.format {
            TableFormat::Table => {
                let fit = args.table.fit(env.stdout_width);
                out::matrix_table(&matrix, &project.rubric, args.names, fit, &mut env.stdout)?;
            }
            TableFormat::Csv => out::matrix_csv(&matrix, &project.rubric, !args.no_bom, &mut env.stdout)?,
            TableFormat::Json => out::matrix_json(&matrix, &project.rubric, &mut env.stdout)?,
        }
    } else {
        match args.format {
            TableFormat::Table => out::table(
                &rows,
                args.table.fit(env.stdout_width),
                args.table.ids(),
                &mut env.stdout,
            )?,
            TableFormat::Csv => out::csv(&rows, !args.no_bom, &mut env.stdout)?,
            TableFormat::Json => out::json(&rows, &mut env.stdout)?,
        }
    }
    Ok(env.left_out(&skipped)?)
}

/// The entries to assess, sorted by id, and the files left out because
/// they did not decode.
fn choose<'r>(
    register: &'r Register,
    ids: &[String],
    all: bool,
) -> anyhow::Result<(Vec<&'r LoadedEntry>, Vec<String>)> {
    let mut chosen: Vec<&LoadedEntry> = if ids.is_empty() {
        register
            .entries
            .iter()
            .filter(|e| {
                all || e
                    .entry
                    .as_ref()
                    .is_none_or(|x| matches!(x.status, Status::Proposed | Status::Active | Status::Exiting))
            })
            .collect()
    } else {
        ids.iter().map(|id| register.find(id)).collect::<anyhow::Result<_>>()?
    };
    chosen.sort_by(|a, b| a.id.cmp(&b.id).then(a.file.cmp(&b.file)));
    chosen.dedup_by(|a, b| a.file == b.file);
    let skipped = chosen
        .iter()
        .filter(|e| e.entry.is_none())
        .map(|e| e.file.clone())
        .collect();
    Ok((chosen, skipped))
}

/// `--set` and `--interactive`: change one file's ratings.
fn edit_one(
    env: &mut Env<'_>,
    global: &GlobalArgs,
    project: &Project,
    register: &Register,
    args: &AssessArgs,
) -> anyhow::Result<Outcome> {
    let [id] = args.ids.as_slice() else {
        bail!("name exactly one partnership to change: partreg assess ID --set risk.KEY=LEVEL");
    };
    let (target, entry) = register.find_entry(id)?;
    let edits = if args.interactive {
        let Some(prompter) = env.prompter.as_deref_mut() else {
            bail!(
                "--interactive needs a terminal to ask questions on; without one, give the ratings as flags, e.g.\n  partreg assess {} --set risk.reputation=high --set value.overall=medium",
                target.id
            );
        };
        match ask(prompter, entry, &project.rubric)? {
            Some(edits) => edits,
            None => {
                writeln!(env.stderr, "Nothing was changed.")?;
                return Ok(Outcome::Clean);
            }
        }
    } else {
        with_rationale(&args.set, args.rationale.as_deref())?
    };
    if edits.is_empty() {
        writeln!(env.stderr, "Nothing to change.")?;
        return Ok(Outcome::Clean);
    }
    let color = env.stderr_color(global);
    // Everything from reading the file to renaming the new one happens
    // under the file's lock, on the bytes read under it.
    let as_of = Env::load_options(global).as_of;
    let cx = project.rule_context(as_of);
    let mut report = Vec::new();
    let mut checked = None;
    let written = change::change_file(
        &project.register_dir,
        &target.path,
        &target.file,
        &mut env.stderr,
        |text| {
            let changed = edit::apply(text, &edits)?;
            // Check the result exactly as `check` would before anything is written.
            let after = register::check_bytes(&target.path, target.file.clone(), changed.as_bytes(), &cx);
            // Refuse an edit that adds an error; one the file already had is not
            // the edit's doing, and must not block fixing the others one at a time.
            let now = register::check_bytes(&target.path, target.file.clone(), text.as_bytes(), &cx);
            let had: Vec<(crate::diagnostic::Code, &str)> = target
                .diagnostics
                .iter()
                .chain(&now.diagnostics)
                .filter(|d| d.severity() == Severity::Error)
                .map(|d| (d.code, d.key.as_str()))
                .collect();
            let errors: Vec<_> = after
                .diagnostics
                .iter()
                .filter(|d| d.severity() == Severity::Error && !had.contains(&(d.code, d.key.as_str())))
                .collect();
            if !errors.is_empty() {
                // The officer is using --set: the fix is another --set.
                let mut worded: Vec<crate::diagnostic::Diagnostic> = errors.into_iter().cloned().collect();
                flag_hints::in_flags_words(
                    &mut worded,
                    after.entry.as_deref(),
                    &project.rubric,
                    flag_hints::Flags::Assess { id: &target.id },
                );
                let shown = CheckReport {
                    files: 1,
                    diagnostics: worded.iter().collect(),
                };
                crate::render::check::human(&shown, Style::new(color), &mut report)?;
                bail!(
                    "the change would leave {} with errors, so it was not written",
                    target.file
                );
            }
            checked = Some(after);
            Ok(Some(changed))
        },
    );
    if let Err(e) = written {
        env.stderr.write_all(&report)?;
        return Err(e);
    }
    for e in &edits {
        let shown = match &e.value {
            NewValue::Level(l) => format!("= {}", l.as_str()),
            NewValue::Text(t) => format!("= {t:?}"),
            NewValue::Remove => "removed".to_string(),
        };
        writeln!(env.stderr, "{}: {}.{} {shown}", target.file, e.side.as_str(), e.key)?;
    }
    if let Some(new_entry) = checked.as_ref().and_then(|c| c.entry.as_ref()) {
        let a = assessment::assess(new_entry, &project.rubric);
        writeln!(
            env.stderr,
            "Now: risk {} (computed {}), value {} (computed {}), recommendation {}.",
            crate::render::text::level(a.risk.effective()),
            out::computed_title(a.risk.computed),
            crate::render::text::level(a.value.effective()),
            out::computed_title(a.value.computed),
            // In the policy's words, as the table and the pack give it.
            a.recommendation.map_or("—", crate::model::Label::label)
        )?;
    }
    Ok(Outcome::Clean)
}

/// Adds `--rationale` to each side whose overall rating is being set.
fn with_rationale(set: &[RatingEdit], rationale: Option<&str>) -> anyhow::Result<Vec<RatingEdit>> {
    let mut edits = set.to_vec();
    let Some(text) = rationale else { return Ok(edits) };
    let text = text.trim();
    if text.is_empty() {
        bail!("--rationale cannot be empty");
    }
    let sides: Vec<Side> = set.iter().filter(|e| e.key == "overall").map(|e| e.side).collect();
    if sides.is_empty() {
        bail!("--rationale goes with an overall rating: add --set risk.overall=LEVEL or --set value.overall=LEVEL");
    }
    for side in sides {
        edits.push(RatingEdit {
            side,
            key: "rationale".into(),
            value: NewValue::Text(text.into()),
        });
    }
    Ok(edits)
}

/// Walks the criteria (see [`crate::terminal::guide::ask_ratings`]), then shows the
/// changes and asks before anything is written. `None` when the person
/// cancels or declines.
fn ask(p: &mut dyn Prompter, entry: &crate::model::Entry, rubric: &Rubric) -> anyhow::Result<Option<Vec<RatingEdit>>> {
    p.note(&format!(
        "Rating {} by the Appendix B criteria. Esc stops without changing anything.",
        entry.name
    ))?;
    let required = entry.status == crate::model::Status::Active;
    let Some(edits) = crate::terminal::guide::ask_ratings(p, entry, rubric, required, false, &mut toml::Table::new())?
    else {
        return Ok(None);
    };
    if edits.is_empty() {
        return Ok(Some(edits));
    }
    let summary: Vec<String> = edits
        .iter()
        .map(|e| match &e.value {
            NewValue::Level(l) => format!("  {}.{} = {}", e.side.as_str(), e.key, l),
            NewValue::Text(t) => format!("  {}.{} = {t:?}", e.side.as_str(), e.key),
            NewValue::Remove => format!("  {}.{} removed", e.side.as_str(), e.key),
        })
        .collect();
    p.note(&format!("\nChanges:\n{}", summary.join("\n")))?;
    match p.confirm("Write these changes to the file?", true)? {
        Some(true) => Ok(Some(edits)),
        _ => Ok(None),
    }
}
