//! `partreg add`: put a partnership on the register, guided on a terminal
//! or from flags, and never overwrite anything.

use toml::{Table, Value};

use super::{Env, Outcome};
use crate::cli::{AddArgs, GlobalArgs};
use crate::store::register::{self, LoadOptions};
use crate::store::{change, lock};
use crate::terminal::guide::{self, Screening};

mod flags;
mod prepare;
use flags::{apply_flags, read_fragment};
use prepare::choose_id;
pub(crate) use prepare::{prepare, refuse_existing, refuse_same_name, sub_folder};

pub fn run(env: &mut Env<'_>, global: &GlobalArgs, args: &AddArgs) -> anyhow::Result<Outcome> {
    let project = env.project(global)?;
    let as_of = Env::load_options(global).as_of;
    let register = register::load(&project, &[], LoadOptions { as_of });
    let mut draft = match &args.from {
        Some(path) => read_fragment(&env.cwd.join(path))?,
        None => Table::new(),
    };
    apply_flags(&mut draft, args)?;
    let folder = sub_folder(&project.register_dir, args.folder.as_deref())?;

    let mut prompter = if args.no_input {
        None
    } else {
        env.prompter.as_deref_mut()
    };
    if let Some(p) = prompter.as_deref_mut() {
        match guide::screen(p)? {
            Screening::Partnership => {}
            Screening::NotAPartnership(why) => {
                writeln!(env.stderr, "{why}\nNothing was written.")?;
                return Ok(Outcome::Clean);
            }
            Screening::Cancelled => return cancelled(env),
        }
        let codes: Option<Vec<String>> = project
            .settings
            .priorities
            .as_ref()
            .map(|p| p.keys().cloned().collect());
        let name_check = |name: &str| {
            let mut probe = Table::new();
            probe.insert("name".into(), Value::String(name.to_string()));
            refuse_same_name(&register, &probe)
                .map_err(|e| e.to_string().lines().next().unwrap_or_default().to_string())
        };
        if !guide::ask_fields(p, &mut draft, codes.as_deref(), &name_check)? {
            return cancelled(env);
        }
    }

    // A new partnership is being considered unless said otherwise.
    draft
        .entry("status")
        .or_insert_with(|| Value::String("proposed".into()));
    let id = choose_id(args.id.as_deref(), &draft)?;
    refuse_existing(&register, &id)?;
    refuse_same_name(&register, &draft)?;
    let path = project.register_dir.join(&folder).join(format!("{id}.toml"));
    let mut prepared = prepare(&project, &path, &draft, as_of, &folder, "`partreg add`");
    if prompter.is_none() {
        prepared.require_complete()?;
    }

    if let Some(p) = prompter {
        let status = draft
            .get("status")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        if matches!(status.as_str(), "exiting" | "exited") && !draft.contains_key("exit") {
            match guide::ask_exit(p, status == "exited")? {
                Some((exit, still_exiting)) => {
                    draft.insert("exit".into(), Value::Table(exit));
                    if still_exiting {
                        draft.insert("status".into(), Value::String("exiting".into()));
                    }
                }
                None => return cancelled(env),
            }
            prepared = prepare(&project, &path, &draft, as_of, &folder, "`partreg add`");
        }
        if let Some(entry) = prepared.entry.as_ref() {
            // An active partnership must carry its overall ratings, so it is
            // rated now rather than offered.
            let rate = if status == "active" {
                p.note("\nAn active partnership needs its Appendix B risk and value ratings: rate them now.")?;
                true
            } else {
                p.confirm("Rate it against the Appendix B risk and value criteria now?", true)? == Some(true)
            };
            if rate {
                match guide::ask_ratings(p, entry, &project.rubric, status == "active")? {
                    Some(edits) => guide::apply_to_draft(&mut draft, &edits),
                    None => return cancelled(env),
                }
            }
        }
        if !draft.contains_key("questions") && p.confirm("Answer the Appendix C questions now?", false)? == Some(true) {
            match guide::ask_questions(p)? {
                Some(answers) if !answers.is_empty() => {
                    draft.insert("questions".into(), Value::Table(answers));
                }
                Some(_) => {}
                None => return cancelled(env),
            }
        }
        prepared = prepare(&project, &path, &draft, as_of, &folder, "`partreg add`");
        prepared.require_complete()?;
        p.note(&format!(
            "\nThis is the file partreg will write, {}:\n\n{}",
            prepared.shown, prepared.text
        ))?;
        if p.confirm("Write it?", true)? != Some(true) {
            return cancelled(env);
        }
    }

    if args.dry_run {
        env.stdout.write_all(prepared.text.as_bytes())?;
        writeln!(env.stderr, "Dry run: {} was not written.", prepared.shown)?;
        return Ok(Outcome::Clean);
    }
    // Under the register-wide creation lock, look again: another partreg
    // may have added the same partnership, under any id, since this one
    // loaded the register.
    let _lock = lock::for_creation(&project.register_dir, &mut env.stderr)?;
    let now = register::load(&project, &[], LoadOptions { as_of });
    refuse_existing(&now, &id)?;
    refuse_same_name(&now, &draft)?;
    change::create_file(&project.register_dir, &path, &prepared.shown, &prepared.text).map_err(|e| {
        if path.exists() {
            anyhow::anyhow!("{e:#}\n  hint: another file took the id {id:?} meanwhile; choose another with --id")
        } else {
            e
        }
    })?;
    writeln!(env.stderr, "Added {}.", prepared.shown)?;
    for warning in &prepared.warnings {
        writeln!(env.stderr, "  note: {warning}")?;
    }
    Ok(Outcome::Clean)
}

fn cancelled(env: &mut Env<'_>) -> anyhow::Result<Outcome> {
    writeln!(env.stderr, "Stopped. Nothing was written.")?;
    Ok(Outcome::Clean)
}
