//! `partreg concern ID --raise … | --close N`: records issues of concern
//! with the same care as `review --record`: the rest of the file is left
//! byte for byte, the result is checked before it is written, and the write
//! goes through the store's one locked writer, so two officers recording
//! at once never lose a concern.

use anyhow::{Context, bail};

use super::record::{self, text};
use super::{Env, Outcome};
use crate::cli::{ConcernArgs, GlobalArgs};
use crate::model::{ConcernStatus, Date};
use crate::store::change;
use crate::store::register::{self, LoadOptions};

pub fn run(env: &mut Env<'_>, global: &GlobalArgs, args: &ConcernArgs) -> anyhow::Result<Outcome> {
    let project = env.project(global)?;
    let as_of = Env::load_options(global).as_of;
    let register = register::load(&project, &[], LoadOptions { as_of });
    let (target, entry) = register.find_entry(&args.id)?;
    let date = args.date.unwrap_or(as_of);
    let cx = project.rule_context(as_of);
    let mut done = String::new();
    // The concerns are counted in the file as read under its lock, so a
    // concern another partreg has just raised is seen, not overwritten.
    change::change_file(
        &project.register_dir,
        &target.path,
        &target.file,
        &mut env.stderr,
        |before| {
            let entry = record::entry_as_read(&target.path, &target.file, before, &cx)?;
            let changed = match (&args.raise, args.close) {
                (Some(summary), None) => {
                    let by = args.by.as_deref().unwrap_or_default();
                    if summary.trim().is_empty() || by.trim().is_empty() {
                        bail!("--raise and --by cannot be empty: say what the concern is and who raised it");
                    }
                    let mut lines = vec![
                        format!("raised = {date}"),
                        format!("by = {}", text(by.trim())),
                        format!("summary = {}", text(summary.trim())),
                    ];
                    for (key, value) in [("escalated_to", &args.escalated_to), ("advice", &args.advice)] {
                        if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                            lines.push(format!("{key} = {}", text(v)));
                        }
                    }
                    lines.push("status = \"open\"".into());
                    let lines: String = lines.iter().map(|l| format!("{l}\n")).collect();
                    done = format!("Raised concern {}", entry.concerns.len() + 1);
                    record::append_table(before, "concerns", &lines)
                }
                (None, Some(n)) => {
                    let index = usize::try_from(n - 1).unwrap_or(usize::MAX);
                    let Some(concern) = entry.concerns.get(index) else {
                        bail!(
                            "{} has {} concern(s), so there is no concern {n}\n  hint: `partreg show {}` lists them",
                            target.file,
                            entry.concerns.len(),
                            target.id
                        );
                    };
                    if concern.status == ConcernStatus::Closed {
                        bail!(
                            "concern {n} in {} is already closed; it has been left as it was",
                            target.file
                        );
                    }
                    done = format!("Closed concern {n}");
                    close_concern(before, index, date)?
                }
                _ => bail!("say what to do: --raise SUMMARY --by NAME, or --close N"),
            };
            record::ensure_clean(&target.path, &target.file, &changed, &cx, "the change")?;
            Ok(Some(changed))
        },
    )?;
    writeln!(env.stderr, "{done} of {} in {}.", entry.name, target.file)?;
    Ok(Outcome::Clean)
}

/// Sets `status = "closed"` and `closed = DATE` on the `index`-th concern,
/// keeping everything else.
fn close_concern(text: &str, index: usize, date: Date) -> anyhow::Result<String> {
    record::edit_item(text, "concerns", index, |table| {
        record::set(table, "status", "closed".into());
        let day: toml_edit::Value = date.to_string().parse().context("a date")?;
        record::set(table, "closed", day);
        Ok(())
    })
}
