//! `partreg add`: put a partnership on the register, guided on a terminal
//! or from flags, and never overwrite anything.

use std::path::{Component, Path, PathBuf};

use anyhow::{Context, bail};
use toml::{Table, Value};

use super::{Env, Outcome};
use crate::cli::{AddArgs, GlobalArgs};
use crate::diagnostic::{Code, Severity, Source};
use crate::model::lenient;
use crate::model::{Approver, ExitApprover, ExitReason, Frequency, Governance, Kind, ReportsTo, Role, Status};
use crate::policy::fields::flag_for;
use crate::store::atomic;
use crate::store::decode;
use crate::store::edit::{NewValue, RatingEdit};
use crate::store::entry_file;
use crate::store::register::{self, LoadOptions, Project, Register};
use crate::store::slug;
use crate::terminal::guide::{self, Screening};

pub fn run(env: &mut Env<'_>, global: &GlobalArgs, args: &AddArgs) -> anyhow::Result<Outcome> {
    let project = env.project(global)?;
    let as_of = Env::load_options(global).as_of;
    let register = register::load(&project, &[], LoadOptions { as_of });
    let mut draft = match &args.from {
        Some(path) => read_fragment(&env.cwd.join(path))?,
        None => Table::new(),
    };
    apply_flags(&mut draft, args)?;
    let folder = sub_folder(args.folder.as_deref())?;

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
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create the folder {}", dir.display()))?;
    }
    atomic::write(&path, prepared.text.as_bytes(), atomic::Mode::CreateNew).map_err(|e| {
        anyhow::anyhow!("{e:#}\n  hint: another file took the id {id:?} meanwhile; choose another with --id")
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

/// The file to write, checked.
pub(crate) struct Prepared {
    pub text: String,
    pub shown: String,
    pub entry: Option<crate::model::Entry>,
    /// Key paths of required fields that are missing.
    pub missing: Vec<String>,
    /// Every other error `check` would report.
    pub errors: Vec<crate::diagnostic::Diagnostic>,
    /// Warnings `check` would give, to mention after writing.
    pub warnings: Vec<String>,
}

impl Prepared {
    /// For `add`: stops with every missing field named by its flag, and
    /// every other error, when the file would not be complete and valid.
    fn require_complete(&self) -> anyhow::Result<()> {
        let mut problems: Vec<String> = Vec::new();
        let mut flags: Vec<String> = Vec::new();
        for key in &self.missing {
            let flag = flag_for(key);
            if !flags.contains(&flag) {
                flags.push(flag);
            }
        }
        if !flags.is_empty() {
            problems.push(format!("  missing: {}", flags.join(", ")));
        }
        for d in &self.errors {
            let hint = d.hint.as_ref().map(|h| format!(" ({h})")).unwrap_or_default();
            problems.push(format!("  {}: {}{hint}", flag_for(&d.key), d.message));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            bail!("the partnership cannot be added yet:\n{}", problems.join("\n"))
        }
    }
}

/// Renders the draft and checks it exactly as `check` would, sorting the
/// findings into missing fields, other errors and warnings. `how` says in
/// the file's header how it was made ("`partreg add`").
pub(crate) fn prepare(
    project: &Project,
    path: &Path,
    draft: &Table,
    as_of: crate::model::Date,
    folder: &Path,
    how: &str,
) -> Prepared {
    let depth = folder.components().count() + 1;
    let schema = format!("{}schemas/partnership.schema.json", "../".repeat(depth));
    let name = draft.get("name").and_then(Value::as_str).unwrap_or("New partnership");
    let header = vec![
        name.replace('\n', " "),
        format!("Added with {how} on {as_of}. What each field means: the schema named above."),
    ];
    let text = entry_file::render(draft, &schema, &header);
    let shown = project.display_path(path);
    let checked = register::check_bytes(path, shown.clone(), text.as_bytes(), &project.rule_context(as_of));
    let mut prepared = Prepared {
        text,
        shown,
        entry: None,
        missing: Vec::new(),
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    for d in checked.diagnostics {
        match (d.code, d.severity()) {
            (Code::BadId, _) => {}
            (Code::MissingKey | Code::MissingExit, _) if !d.message.ends_with("is empty") => {
                prepared.missing.push(d.key);
            }
            (_, Severity::Error) => prepared.errors.push(d),
            (_, Severity::Warning) => prepared.warnings.push(d.message),
        }
    }
    prepared.entry = checked.entry;
    prepared.missing.extend(missing_by_status(draft));
    let mut seen = std::collections::BTreeSet::new();
    prepared.missing.retain(|k| seen.insert(k.clone()));
    prepared
}

/// What the status requires that the draft lacks, worked out from the
/// draft itself so that every missing field is listed at once, even while
/// other fields are missing too (the rules run only on a complete entry).
fn missing_by_status(draft: &Table) -> Vec<String> {
    let mut missing = Vec::new();
    let has_items = |k: &str| draft.get(k).and_then(Value::as_array).is_some_and(|a| !a.is_empty());
    let has_in = |table: &str, k: &str| {
        draft
            .get(table)
            .and_then(Value::as_table)
            .is_some_and(|t| t.contains_key(k))
    };
    match draft.get("status").and_then(Value::as_str) {
        Some("active") => {
            for list in ["objectives", "priorities", "representatives"] {
                if !has_items(list) {
                    missing.push(list.to_string());
                }
            }
            for side in ["risk", "value"] {
                if !has_in(side, "overall") {
                    missing.push(format!("{side}.overall"));
                }
            }
        }
        Some(status @ ("exiting" | "exited")) => {
            let keys: &[&str] = if status == "exited" {
                &["risks", "controls", "approved_on"]
            } else {
                &["risks", "controls"]
            };
            for k in keys {
                if !has_in("exit", k) {
                    missing.push(format!("exit.{k}"));
                }
            }
        }
        _ => {}
    }
    missing
}

/// Refuses a name already on the register (ignoring case and spacing): the
/// same partnership must not be added twice under another id.
pub(crate) fn refuse_same_name(register: &Register, draft: &Table) -> anyhow::Result<()> {
    let Some(name) = draft.get("name").and_then(Value::as_str) else {
        return Ok(());
    };
    let wanted = register::normalise_name(name);
    if let Some(existing) = register
        .entries
        .iter()
        .find(|e| e.name().is_some_and(|n| register::normalise_name(n) == wanted))
    {
        bail!(
            "a partnership called {name:?} is already on the register, in {}\n  hint: update that file, or give this one a name that tells them apart",
            existing.file
        );
    }
    Ok(())
}

/// The id: `--id`, else made from the name.
fn choose_id(given: Option<&str>, draft: &Table) -> anyhow::Result<String> {
    if let Some(id) = given {
        let id = id.trim().trim_end_matches(".toml");
        if let Err(reason) = decode::validate_id(id) {
            bail!("--id {id:?} cannot be used: {reason}");
        }
        if slug::is_reserved(id) {
            bail!(
                "--id {id:?} cannot be used: Windows keeps that name for a device; add a word, e.g. {id}-partnership"
            );
        }
        return Ok(id.to_string());
    }
    let Some(name) = draft.get("name").and_then(Value::as_str) else {
        bail!("the partnership cannot be added yet:\n  missing: --name");
    };
    slug::from_name(name).ok_or_else(|| {
        anyhow::anyhow!(
            "no id can be made from the name {name:?}\n  hint: choose one with --id, e.g. --id broadband-partnership"
        )
    })
}

/// Refuses an id already on the register, in any folder and any case.
pub(crate) fn refuse_existing(register: &Register, id: &str) -> anyhow::Result<()> {
    if let Some(existing) = register.entries.iter().find(|e| e.id.eq_ignore_ascii_case(id)) {
        bail!(
            "the id {id:?} is already used by {}, which has been left as it was\n  hint: if this is a different partnership, choose another id with --id; if it is the same one, change that file instead",
            existing.file
        );
    }
    Ok(())
}

/// `--folder`: a plain relative path inside the register.
pub(crate) fn sub_folder(folder: Option<&Path>) -> anyhow::Result<PathBuf> {
    let Some(folder) = folder else {
        return Ok(PathBuf::new());
    };
    for part in folder.components() {
        match part {
            Component::Normal(p) if !p.to_string_lossy().starts_with('.') => {}
            _ => bail!(
                "--folder {} must be a sub-folder inside the register, such as shared-services",
                folder.display()
            ),
        }
    }
    Ok(folder.to_path_buf())
}

/// Reads a `--from` fragment.
fn read_fragment(path: &Path) -> anyhow::Result<Table> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    toml::from_str(text).map_err(|e| {
        let place = e.span().map(|s| {
            let shown = path.display().to_string();
            let l = Source::new(&shown, text).locate(s);
            format!(":{}:{}", l.line, l.column)
        });
        anyhow::anyhow!(
            "{}{}: not valid TOML: {}",
            path.display(),
            place.unwrap_or_default(),
            e.message()
        )
    })
}

/// Puts every flag into the draft, flags winning over `--from`. Every
/// value that cannot be read is reported, all at once.
fn apply_flags(draft: &mut Table, a: &AddArgs) -> anyhow::Result<()> {
    let mut f = Flags {
        draft,
        errors: Vec::new(),
    };
    f.text("name", &a.name);
    f.text("lead_partner", &a.lead_partner);
    f.list("partners", &a.partners);
    f.choice::<Status>("status", "status", &a.status);
    f.text("function", &a.function);
    f.list("objectives", &a.objectives);
    f.choice::<Kind>("kind", "kind", &a.kind);
    f.yes_no("statutory", "statutory", &a.statutory);
    f.choice::<Governance>("governance", "governance", &a.governance);
    f.choice::<Role>("role", "role", &a.role);
    f.choice::<Frequency>("meeting_frequency", "meeting-frequency", &a.meeting_frequency);
    f.list("priorities", &a.priorities);
    if let Some(h) = &a.staff_hours_per_month {
        match lenient::hours(h) {
            Ok(h) => f.set("staff_hours_per_month", guide::hours_value(h)),
            Err(e) => f.errors.push(format!("  --staff-hours-per-month: {e}")),
        }
    }
    if let Some(p) = &a.budget_contribution_gbp {
        match lenient::pounds(p).map(i64::try_from) {
            Ok(Ok(n)) => f.set("budget_contribution_gbp", Value::Integer(n)),
            Ok(Err(_)) => f.errors.push("  --budget-contribution-gbp: too large".into()),
            Err(e) => f.errors.push(format!("  --budget-contribution-gbp: {e}")),
        }
    }
    f.yes_no("budgeted", "budgeted", &a.budgeted);
    f.text("budget_source", &a.budget_source);
    f.text("exit_impact", &a.exit_impact);
    f.text("value_summary", &a.value_summary);
    f.text("information_sharing", &a.information_sharing);
    f.text("comments", &a.comments);
    f.date("started", "started", &a.started);
    f.list("documents", &a.documents);
    f.representatives(&a.representatives);
    f.ratings("risk", &a.risk);
    f.ratings("value", &a.value);
    f.sub("reporting", |f, t| {
        f.choice_in::<Frequency>(t, "frequency", "reporting-frequency", &a.reporting_frequency);
        f.text_in(t, "responsible", &a.reporting_responsible);
        f.choice_in::<ReportsTo>(t, "reports_to", "reports-to", &a.reports_to);
    });
    f.sub("approval", |f, t| {
        f.choice_in::<Approver>(t, "by", "approval-by", &a.approval_by);
        f.date_in(t, "date", "approval-date", &a.approval_date);
        f.text_in(t, "portfolio_holder", &a.portfolio_holder);
    });
    f.sub("exit", |f, t| {
        if !a.exit_reasons.is_empty() {
            let mut reasons = Vec::new();
            for r in &a.exit_reasons {
                match lenient::choice::<ExitReason>(r) {
                    Ok(s) => reasons.push(Value::String(s.into())),
                    Err(e) => f.errors.push(format!("  --exit-reason: {e}")),
                }
            }
            t.insert("reasons".into(), Value::Array(reasons));
        }
        f.text_in(t, "risks", &a.exit_risks);
        f.text_in(t, "controls", &a.exit_controls);
        f.choice_in::<ExitApprover>(t, "approved_by", "exit-approved-by", &a.exit_approved_by);
        f.date_in(t, "approved_on", "exit-approved-on", &a.exit_approved_on);
        f.yes_no_in(t, "significant", "exit-significant", &a.exit_significant);
        f.yes_no_in(
            t,
            "executive_reviewed",
            "exit-executive-reviewed",
            &a.exit_executive_reviewed,
        );
    });
    f.sub("questions", |f, t| {
        for q in &a.questions {
            match q.split_once('=') {
                Some((k, v)) if guide::QUESTIONS.iter().any(|(key, _)| *key == k.trim()) => {
                    t.insert(k.trim().into(), Value::String(v.trim().into()));
                }
                _ => f.errors.push(format!(
                    "  --question {q:?}: should be KEY=TEXT with KEY one of {}",
                    guide::QUESTIONS.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
                )),
            }
        }
    });
    if f.errors.is_empty() {
        Ok(())
    } else {
        bail!("some values cannot be used:\n{}", f.errors.join("\n"))
    }
}

struct Flags<'a> {
    draft: &'a mut Table,
    errors: Vec<String>,
}

impl Flags<'_> {
    fn set(&mut self, key: &str, v: Value) {
        self.draft.insert(key.into(), v);
    }

    fn text(&mut self, key: &str, v: &Option<String>) {
        if let Some(v) = v {
            self.set(key, Value::String(v.clone()));
        }
    }

    fn list(&mut self, key: &str, items: &[String]) {
        if !items.is_empty() {
            self.set(
                key,
                Value::Array(items.iter().map(|s| Value::String(s.clone())).collect()),
            );
        }
    }

    fn choice<T: crate::model::Choice>(&mut self, key: &str, flag: &str, v: &Option<String>) {
        let mut t = std::mem::take(self.draft);
        self.choice_in::<T>(&mut t, key, flag, v);
        *self.draft = t;
    }

    fn choice_in<T: crate::model::Choice>(&mut self, t: &mut Table, key: &str, flag: &str, v: &Option<String>) {
        if let Some(v) = v {
            match lenient::choice::<T>(v) {
                Ok(s) => {
                    t.insert(key.into(), Value::String(s.into()));
                }
                Err(e) => self.errors.push(format!("  --{flag}: {e}")),
            }
        }
    }

    fn yes_no(&mut self, key: &str, flag: &str, v: &Option<String>) {
        let mut t = std::mem::take(self.draft);
        self.yes_no_in(&mut t, key, flag, v);
        *self.draft = t;
    }

    fn yes_no_in(&mut self, t: &mut Table, key: &str, flag: &str, v: &Option<String>) {
        if let Some(v) = v {
            match lenient::yes_no(v) {
                Ok(b) => {
                    t.insert(key.into(), Value::Boolean(b));
                }
                Err(e) => self.errors.push(format!("  --{flag}: {e}")),
            }
        }
    }

    fn date(&mut self, key: &str, flag: &str, v: &Option<String>) {
        let mut t = std::mem::take(self.draft);
        self.date_in(&mut t, key, flag, v);
        *self.draft = t;
    }

    fn date_in(&mut self, t: &mut Table, key: &str, flag: &str, v: &Option<String>) {
        if let Some(v) = v {
            match lenient::date(v) {
                Ok(d) => {
                    t.insert(key.into(), guide::date_value(d));
                }
                Err(e) => self.errors.push(format!("  --{flag}: {e}")),
            }
        }
    }

    fn text_in(&mut self, t: &mut Table, key: &str, v: &Option<String>) {
        if let Some(v) = v {
            t.insert(key.into(), Value::String(v.clone()));
        }
    }

    /// Fills a sub-table, merging with what `--from` gave.
    fn sub(&mut self, name: &str, fill: impl FnOnce(&mut Self, &mut Table)) {
        let mut t = match self.draft.remove(name) {
            Some(Value::Table(t)) => t,
            Some(other) => {
                self.draft.insert(name.into(), other);
                return;
            }
            None => Table::new(),
        };
        fill(self, &mut t);
        if !t.is_empty() {
            self.draft.insert(name.into(), Value::Table(t));
        }
    }

    fn representatives(&mut self, reps: &[String]) {
        if reps.is_empty() {
            return;
        }
        let mut all = Vec::new();
        for r in reps {
            match lenient::representative(r) {
                Ok((name, level, position)) => {
                    let mut t = Table::new();
                    t.insert("name".into(), Value::String(name));
                    t.insert(
                        "level".into(),
                        Value::String(crate::model::Choice::as_str(level).into()),
                    );
                    if let Some(p) = position {
                        t.insert("position".into(), Value::String(p));
                    }
                    all.push(Value::Table(t));
                }
                Err(e) => self.errors.push(format!("  --representative: {e}")),
            }
        }
        self.set("representatives", Value::Array(all));
    }

    fn ratings(&mut self, side: &str, args: &[String]) {
        if args.is_empty() {
            return;
        }
        let mut edits = Vec::new();
        for a in args {
            match RatingEdit::parse(&format!("{side}.{a}")) {
                Ok(e) => edits.push(e),
                Err(e) => self.errors.push(format!("  --{side} {a}: {e}")),
            }
        }
        guide::apply_to_draft(self.draft, &edits);
        debug_assert!(
            edits
                .iter()
                .all(|e| matches!(e.value, NewValue::Level(_) | NewValue::Text(_)))
        );
    }
}
