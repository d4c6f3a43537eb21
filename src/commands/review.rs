//! `partreg review --year`: the annual review pack, and recording each
//! review's outcome back into the register.

use anyhow::{Context, bail};

use super::record::{self, set};
use super::{Env, Outcome};
use crate::cli::{GlobalArgs, ReviewArgs, ReviewFormat};
use crate::model::lenient;
use crate::model::{self, Date};
use crate::render::review as out;
use crate::reports::history;
use crate::reports::review::{self, ReviewOptions};
use crate::store::change;
use crate::store::register::{self, LoadOptions};

pub fn run(env: &mut Env<'_>, global: &GlobalArgs, args: &ReviewArgs) -> anyhow::Result<Outcome> {
    let project = env.project(global)?;
    let as_of = Env::load_options(global).as_of;
    let options = LoadOptions { as_of };
    // Without --since (which compares whole entries) or --record (which
    // reads its file again), the text the pack never shows is shed as
    // each file is loaded.
    let mut register = if args.since.is_none() && args.record.is_none() {
        register::load_trimmed(&project, options, review::shed_unshown)
    } else {
        register::load(&project, &[], options)
    };
    if let Some(id) = &args.record {
        return record(env, &project, &register, args, id, as_of);
    }
    let options = ReviewOptions {
        year: args.year,
        year_end: review::year_end(args.year, project.settings.review_year_end).with_context(|| {
            format!(
                "the review year {} would end after 9999, past the register's years",
                args.year
            )
        })?,
        as_of,
        all: args.all,
    };
    let changes = match &args.since {
        Some(rev) => {
            let old = history::entries_at(&project, rev, &project.rule_context(as_of))?;
            Some(history::compare(rev, &old, &register, &project.rubric))
        }
        None => None,
    };
    let pack = review::build(
        &mut register,
        &project.rubric,
        project.settings.council.as_deref(),
        options,
    );
    let rubric = &project.rubric;
    let terminal = if args.output.is_some() { None } else { env.stdout_width };
    let render = |mut w: &mut dyn std::io::Write| match args.format {
        ReviewFormat::Table => out::table(
            &pack,
            rubric,
            changes.as_ref(),
            args.table.fit(terminal),
            args.table.ids(),
            &mut w,
        ),
        ReviewFormat::Csv => out::csv(&pack, !args.no_bom, &mut w),
        ReviewFormat::Json => out::json(&pack, rubric, changes.as_ref(), &mut w),
        ReviewFormat::Markdown => out::markdown(&pack, rubric, changes.as_ref(), &mut w),
        ReviewFormat::Html => out::html(&pack, rubric, changes.as_ref(), &mut w),
    };
    match &args.output {
        // Streamed: a pack of 10,000 partnerships need not be held whole
        // in memory on its way to the terminal.
        None => render(&mut env.stdout)?,
        Some(path) => {
            // Built whole first, so the file is written at once or not at all.
            let mut text = Vec::new();
            render(&mut text)?;
            let path = env.cwd.join(path);
            super::write_output(&path, &text, args.force)?;
            writeln!(env.stderr, "Wrote {}.", path.display())?;
        }
    }
    let left_out: Vec<&str> = pack.left_out().map(|f| f.file.as_str()).collect();
    let outcome = env.left_out(&left_out)?;
    let kept: Vec<&str> = pack
        .errors
        .iter()
        .filter(|f| !f.left_out)
        .map(|f| f.file.as_str())
        .collect();
    if kept.is_empty() {
        return Ok(outcome);
    }
    let names: Vec<String> = kept
        .iter()
        .map(|f| crate::render::sanitize::escape(f).into_owned())
        .collect();
    writeln!(
        env.stderr,
        "note: the pack includes files with errors (run `partreg check` to see them): {}",
        names.join(", ")
    )?;
    Ok(super::Outcome::Problems)
}

/// `--record`: adds this year's `[[reviews]]` table to the end of the file.
fn record(
    env: &mut Env<'_>,
    project: &register::Project,
    register: &register::Register,
    args: &ReviewArgs,
    id: &str,
    as_of: Date,
) -> anyhow::Result<Outcome> {
    let (target, _) = register.find_entry(id)?;
    let outcome = lenient::choice::<model::Outcome>(args.outcome.as_deref().unwrap_or_default())
        .map_err(|e| anyhow::anyhow!("--outcome: {e}"))?;
    let reviewer = args.reviewer.as_deref().unwrap_or_default().trim();
    if reviewer.is_empty() {
        bail!("--reviewer cannot be empty: name who carried out the review");
    }
    let date = args.date.unwrap_or(as_of);
    // A review counts as done from its date (as `check` and the pack judge
    // it), so one dated later is almost always a slip in the date.
    if date > as_of && !args.allow_future_date {
        bail!(
            "--date {date} is after today ({as_of}): a review counts as done from its date, so until then the pack would show it as not done and `check` would warn review-overdue; nothing was written\n  hint: give the date the review took place, or add --allow-future-date to record it as dated"
        );
    }
    let year = i64::from(args.year);
    let notes = args.notes.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let budget = match &args.budget {
        Some(text) => {
            let pounds = lenient::pounds(text).map_err(|e| anyhow::anyhow!("--budget: {e}"))?;
            Some((pounds, args.in_principle))
        }
        None => None,
    };
    let cx = project.rule_context(as_of);
    let (mut replaced, mut name) = (false, String::new());
    // The reviews already there are read from the file under its lock, so
    // a review another partreg has just recorded is seen, not overwritten.
    change::change_file(
        &project.register_dir,
        &target.path,
        &target.file,
        &mut env.stderr,
        |before| {
            let entry = record::entry_as_read(&target.path, &target.file, before, &cx)?;
            let existing = entry.reviews.iter().position(|r| r.year == year);
            if let (Some(i), false) = (existing, args.replace) {
                bail!(
                    "{} already has a review for {} (dated {}, outcome {}); it has been left as it was\n  hint: add --replace to replace it",
                    target.file,
                    args.year,
                    entry.reviews[i].date,
                    entry.reviews[i].outcome
                );
            }
            let changed = match existing {
                None => append_review(before, year, date, reviewer, outcome, (notes, budget)),
                Some(i) => replace_review(before, i, date, reviewer, outcome, (notes, budget))?,
            };
            record::ensure_clean(&target.path, &target.file, &changed, &cx, "the review")?;
            replaced = existing.is_some();
            name = entry.name;
            Ok(Some(changed))
        },
    )?;
    if date > as_of {
        writeln!(
            env.stderr,
            "note: the review is dated {date}, after today ({as_of}): until then the pack shows it as not done and `check` warns review-overdue"
        )?;
    }
    let verb = if replaced { "Replaced" } else { "Recorded" };
    writeln!(
        env.stderr,
        "{verb} the {} review of {} in {}: {outcome}.",
        args.year, name, target.file
    )?;
    Ok(Outcome::Clean)
}

/// The optional parts of a review: its notes, and the budget allocated for
/// the coming year with whether it is only in principle.
type Extras<'a> = (Option<&'a str>, Option<(u64, bool)>);

/// The review as TOML lines.
fn review_lines(year: i64, date: Date, reviewer: &str, outcome: &str, (notes, budget): Extras<'_>) -> String {
    let text = super::record::text;
    let mut lines = format!(
        "year = {year}\ndate = {date}\nreviewer = {}\noutcome = \"{outcome}\"\n",
        text(reviewer)
    );
    if let Some(n) = notes {
        lines.push_str(&format!("notes = {}\n", text(n)));
    }
    if let Some((pounds, in_principle)) = budget {
        lines.push_str(&format!("budget_gbp = {pounds}\n"));
        if in_principle {
            lines.push_str("in_principle = true\n");
        }
    }
    lines
}

/// Appends a `[[reviews]]` table after everything already in the file, so
/// no byte of it changes.
fn append_review(text: &str, year: i64, date: Date, reviewer: &str, outcome: &str, extras: Extras<'_>) -> String {
    record::append_table(text, "reviews", &review_lines(year, date, reviewer, outcome, extras))
}

/// Replaces the values of the `index`-th review in place.
fn replace_review(
    text: &str,
    index: usize,
    date: Date,
    reviewer: &str,
    outcome: &str,
    (notes, budget): Extras<'_>,
) -> anyhow::Result<String> {
    record::edit_item(text, "reviews", index, |table| {
        let date_value: toml_edit::Value = date.to_string().parse().context("a date")?;
        set(table, "date", date_value);
        set(table, "reviewer", reviewer.into());
        set(table, "outcome", outcome.into());
        match notes {
            Some(n) => set(table, "notes", n.into()),
            None => {
                table.remove("notes");
            }
        }
        if let Some((pounds, in_principle)) = budget {
            let pounds = i64::try_from(pounds).map_err(|_| anyhow::anyhow!("--budget: £{pounds} is too large"))?;
            set(table, "budget_gbp", pounds.into());
            if in_principle {
                set(table, "in_principle", true.into());
            } else {
                table.remove("in_principle");
            }
        }
        Ok(())
    })
}
