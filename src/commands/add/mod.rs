//! `partreg add`: put a partnership on the register, guided on a terminal
//! or from flags, and never overwrite anything.

use toml::{Table, Value};

use super::{Env, Outcome};
use crate::cli::{AddArgs, GlobalArgs};
use crate::policy::flag_hints;
use crate::store::register::{self, LoadOptions};
use crate::store::{change, lock};
use crate::terminal::guide::{self, Finish, Form, Screening};
use crate::terminal::prompt::{Prompter, fit_to_stderr, is_interrupt};

mod draft;
mod flags;
mod prepare;
use flags::{apply_flags, read_fragment};
use prepare::choose_id;
pub(crate) use prepare::{Prepared, prepare, refuse_existing, refuse_name, refuse_same_name, sub_folder};

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

    let prompter = if args.no_input {
        None
    } else {
        env.prompter.as_deref_mut()
    };
    if args.resume && prompter.is_none() {
        anyhow::bail!(
            "--resume asks the remaining questions, so it needs a terminal\n  hint: run `partreg add --resume` in a terminal window, without --no-input"
        );
    }
    let drafts = draft::dir(&project.register_dir);
    // The draft this add continues, to be saved over or removed at the end.
    let mut resumed: Option<std::path::PathBuf> = None;
    if let Some(p) = prompter {
        let mut form = Form::new(draft.clone());
        if args.resume {
            let chosen = match choose_draft(p, &drafts) {
                Err(e) if e.downcast_ref::<std::io::Error>().is_some_and(is_interrupt) => {
                    return interrupted_early(env);
                }
                other => other?,
            };
            match chosen {
                Some(Some(d)) => {
                    // Flags given now win over the draft's answers.
                    let mut answers = d.form.answers;
                    for (k, v) in &draft {
                        answers.insert(k.clone(), v.clone());
                    }
                    form = Form {
                        answers,
                        given: d.form.given,
                        answered: d.form.answered,
                        partial: d.form.partial,
                    };
                    form.given.extend(Form::new(draft.clone()).given);
                    resumed = Some(d.path);
                }
                Some(None) => {}
                None => return cancelled(env),
            }
        }
        if resumed.is_none() {
            let screening = match guide::screen(p) {
                Err(e) if is_interrupt(&e) => return interrupted_early(env),
                other => other?,
            };
            match screening {
                Screening::Partnership => {}
                Screening::NotAPartnership(why) => {
                    writeln!(env.stderr, "{}", fit_to_stderr(&format!("{why}\nNothing was written.")))?;
                    return Ok(Outcome::Clean);
                }
                Screening::Cancelled => return cancelled(env),
            }
        }
        let priorities: Vec<(String, String)> = project
            .settings
            .priorities
            .as_ref()
            .map(|p| p.iter().map(|(code, title)| (code.clone(), title.clone())).collect())
            .unwrap_or_default();
        let name_check = |name: &str| {
            let mut probe = Table::new();
            probe.insert("name".into(), Value::String(name.to_string()));
            refuse_same_name(&register, &probe)
                .map_err(|e| e.to_string().lines().next().unwrap_or_default().to_string())
        };
        let prepare_answers = |answers: &Table| {
            let mut d = answers.clone();
            d.entry("status").or_insert_with(|| Value::String("proposed".into()));
            let id = choose_id(args.id.as_deref(), &d).unwrap_or_else(|_| "new-partnership".into());
            let path = project.register_dir.join(&folder).join(format!("{id}.toml"));
            (id, prepare(&project, &path, &d, as_of, &folder, "`partreg add`"))
        };
        let entry = |answers: &Table| prepare_answers(answers).1.entry;
        let preview = |answers: &Table| {
            let (id, prepared) = prepare_answers(answers);
            let mut problems = prepared.problems();
            for refusal in [refuse_existing(&register, &id), refuse_same_name(&register, answers)] {
                if let Err(e) = refusal {
                    problems.push(e.to_string().lines().next().unwrap_or_default().to_string());
                }
            }
            guide::Preview {
                shown: prepared.shown,
                text: prepared.text,
                problems,
                notes: prepared.warnings,
            }
        };
        let ctx = guide::Context {
            priorities,
            name_check: &name_check,
            rubric: &project.rubric,
            today: as_of,
            entry: &entry,
            preview: &preview,
        };
        match guide::form::run(p, &mut form, &ctx) {
            Ok(Finish::Save) => draft = form.answers,
            Ok(Finish::Stop) => return stopped(env, &project, &drafts, resumed.as_deref(), &form, as_of, false),
            Err(e) if is_interrupt(&e) => {
                return stopped(env, &project, &drafts, resumed.as_deref(), &form, as_of, true);
            }
            Err(e) => return Err(e.into()),
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
    // The file does not exist yet: the fix is a flag, not an edit to it.
    flag_hints::in_flags_words(
        &mut prepared.errors,
        prepared.entry.as_ref(),
        &project.rubric,
        flag_hints::Flags::Add,
    );
    prepared.require_complete()?;

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
    if let Some(path) = resumed {
        // The entry is written: its draft has done its job.
        if std::fs::remove_file(&path).is_err() {
            let note = format!(
                "  note: the draft {} could not be removed; delete it by hand",
                path.display()
            );
            writeln!(env.stderr, "{}", fit_to_stderr(&note))?;
        }
    }
    for warning in &prepared.warnings {
        writeln!(env.stderr, "{}", fit_to_stderr(&format!("  note: {warning}")))?;
    }
    Ok(Outcome::Clean)
}

/// Chooses a draft to continue: `Some(None)` to start afresh, `None` when
/// the person stops.
fn choose_draft(p: &mut dyn Prompter, dir: &std::path::Path) -> anyhow::Result<Option<Option<draft::Draft>>> {
    let (mut drafts, unreadable) = draft::list(dir);
    for why in unreadable {
        p.note(&format!("  note: a draft was passed over: {why}"))?;
    }
    if drafts.is_empty() {
        p.note("There is no saved draft to continue; starting a new entry.")?;
        return Ok(Some(None));
    }
    let mut items: Vec<String> = drafts.iter().map(draft::Draft::label).collect();
    items.push("Start a new entry instead".into());
    match p.select("Which draft do you want to continue?", &items, 0)? {
        None => Ok(None),
        Some(i) if i < drafts.len() => Ok(Some(Some(drafts.swap_remove(i)))),
        Some(_) => Ok(Some(None)),
    }
}

/// Ends a guided add that wrote nothing, keeping its answers as a draft.
fn stopped(
    env: &mut Env<'_>,
    project: &crate::store::register::Project,
    dir: &std::path::Path,
    resumed: Option<&std::path::Path>,
    form: &Form,
    today: crate::model::Date,
    interrupted: bool,
) -> anyhow::Result<Outcome> {
    let outcome = if interrupted {
        Outcome::Interrupted
    } else {
        Outcome::Clean
    };
    if form.answers.is_empty() && resumed.is_none() {
        writeln!(env.stderr, "Stopped. Nothing was written.")?;
        return Ok(outcome);
    }
    let path = draft::save(dir, resumed, form, today)?;
    let n = form.count();
    let answers = if n == 1 { "answer is" } else { "answers are" };
    let message = format!(
        "Stopped; no entry was written. Your {n} {answers} kept as a draft in {}.\n  Continue with: partreg add --resume",
        project.display_path(&path)
    );
    writeln!(env.stderr, "{}", fit_to_stderr(&message))?;
    Ok(outcome)
}

/// Ctrl-C before the form began (the screening, choosing a draft).
fn interrupted_early(env: &mut Env<'_>) -> anyhow::Result<Outcome> {
    writeln!(env.stderr, "Stopped. Nothing was written.")?;
    Ok(Outcome::Interrupted)
}

fn cancelled(env: &mut Env<'_>) -> anyhow::Result<Outcome> {
    writeln!(env.stderr, "Stopped. Nothing was written.")?;
    Ok(Outcome::Clean)
}
