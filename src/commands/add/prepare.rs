//! Turning a draft into the file to write: its text, what it still lacks
//! for its status, and the refusals that keep the register whole (a name
//! or id already taken, a folder outside the register).

use crate::diagnostic::{Code, Severity};
use crate::policy::fields::{FIELDS, flag_for};
use crate::store::decode;
use crate::store::entry_file;
use crate::store::names::{self, NameClash};
use crate::store::register::{self, Project, Register};
use crate::store::slug;
use anyhow::bail;
use std::path::{Component, Path, PathBuf};
use toml::{Table, Value};

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
    pub(crate) fn require_complete(&self) -> anyhow::Result<()> {
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

impl Prepared {
    /// What stops the file being written, in words for the guided `add`:
    /// each missing answer named by its question.
    pub(crate) fn problems(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for key in &self.missing {
            let base = key.split('[').next().unwrap_or(key);
            let question = FIELDS
                .iter()
                .find(|f| f.key == key || f.key == base || key.starts_with(&format!("{}.", f.key)))
                .map_or_else(|| format!("`{key}`"), |f| format!("\"{}\"", f.question));
            let line = if key.starts_with("risk.") || key.starts_with("value.") {
                format!("{key} needs a rating (\"The Appendix B risk and value ratings\")")
            } else {
                format!("no answer to {question}")
            };
            if !out.contains(&line) {
                out.push(line);
            }
        }
        for d in &self.errors {
            let hint = d.hint.as_ref().map(|h| format!(" ({h})")).unwrap_or_default();
            out.push(format!("{}: {}{hint}", d.key, d.message));
        }
        out
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
    // The name heads the file as a comment, where a control character
    // (an escape, a line break) is not valid TOML: it is blanked there, and
    // the faulty `name` itself is what the check below reports.
    let header = vec![
        name.chars().map(|c| if c.is_control() { ' ' } else { c }).collect(),
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
    prepared.entry = checked.entry.map(|e| *e);
    prepared.missing.extend(missing_by_status(draft));
    let mut seen = std::collections::BTreeSet::new();
    prepared.missing.retain(|k| seen.insert(k.clone()));
    prepared
}

/// What the status requires that the draft lacks, worked out from the
/// draft itself so that every missing field is listed at once, even while
/// other fields are missing too (the rules run only on a complete entry).
pub(crate) fn missing_by_status(draft: &Table) -> Vec<String> {
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

/// Refuses a name already on the register (ignoring case and spacing), or
/// one that only looks the same (a Cyrillic "а" for a Latin "a"): the same
/// partnership must not be added twice under another id, and `check` would
/// reject both files. The comparison is `check`'s own ([`names::name_clash`]).
pub(crate) fn refuse_same_name(register: &Register, draft: &Table) -> anyhow::Result<()> {
    let Some(name) = draft.get("name").and_then(Value::as_str) else {
        return Ok(());
    };
    let wanted = register::normalise_name(name);
    // The same name first: it is the likelier mistake, and the plainer message.
    let mut looks_same = None;
    for e in &register.entries {
        let Some(theirs) = e.name() else { continue };
        match names::name_clash(&wanted, &register::normalise_name(theirs)) {
            Some(NameClash::Same) => bail!(
                "a partnership called {name:?} is already on the register, in {}\n  hint: update that file, or give this one a name that tells them apart",
                e.file
            ),
            Some(NameClash::LooksSame) if looks_same.is_none() => looks_same = Some((e, theirs)),
            _ => {}
        }
    }
    if let Some((existing, theirs)) = looks_same {
        // The look-alike letter may be in either name: it is pointed at
        // just after the name that holds it.
        let (mine, other) = (
            names::culprit(&wanted),
            names::culprit(&register::normalise_name(theirs)),
        );
        let other = if mine.is_empty() { other } else { String::new() };
        bail!(
            "the name {name:?}{mine} looks the same as {theirs:?}{other}, already on the register in {}\n  hint: a letter from another alphabet looks like a Latin one: retype the name by hand; if it is the same partnership, update that file instead",
            existing.file
        );
    }
    Ok(())
}

/// Refuses a name that is not one line of plain text (a tab, a line break,
/// an escape character), or that is on the register already or looks the
/// same as one there: `import`'s one check of a row's name, which it would
/// otherwise write with the fault only noted, for `check` to fail on.
pub(crate) fn refuse_name(register: &Register, draft: &Table) -> anyhow::Result<()> {
    if let Some(name) = draft.get("name").and_then(Value::as_str)
        && let Some(c) = name.chars().find(|c| c.is_control())
    {
        bail!(
            "the name {name:?} contains {}: a name must be one line of text\n  hint: retype the name as one line of plain text",
            decode::describe_char(c)
        );
    }
    refuse_same_name(register, draft)
}

/// The id: `--id`, else made from the name.
pub(crate) fn choose_id(given: Option<&str>, draft: &Table) -> anyhow::Result<String> {
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

/// `--folder`: a plain relative path inside the register. `shared\\services`
/// and `shared/services` are the same folder on every platform, and a
/// folder that differs only in case from one already in the register
/// (`Shared-Services` beside `shared-services`) is refused: on Windows and
/// macOS they are one folder, so git could not check both out.
pub(crate) fn sub_folder(register_dir: &Path, folder: Option<&Path>) -> anyhow::Result<PathBuf> {
    let Some(given) = folder else {
        return Ok(PathBuf::new());
    };
    let folder = crate::store::repo_path::portable(&given.to_string_lossy());
    for part in folder.components() {
        match part {
            Component::Normal(p) if !p.to_string_lossy().starts_with('.') => {}
            _ => bail!(
                "--folder {} must be a sub-folder inside the register, such as shared-services",
                given.display()
            ),
        }
    }
    refuse_case_twin(register_dir, &folder)?;
    Ok(folder)
}

/// Walks `folder` down from `register_dir`, refusing a part whose name an
/// existing folder there has in another case.
fn refuse_case_twin(register_dir: &Path, folder: &Path) -> anyhow::Result<()> {
    let mut here = register_dir.to_path_buf();
    for part in folder.components() {
        let wanted = part.as_os_str().to_string_lossy();
        if let Ok(entries) = std::fs::read_dir(&here) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name != wanted && name.to_lowercase() == wanted.to_lowercase() {
                    bail!(
                        "--folder {} would sit beside {} that differs only in case, which Windows and macOS treat as the same folder\n  hint: use --folder with the existing spelling",
                        folder.display(),
                        here.join(&name).display()
                    );
                }
            }
        }
        here.push(part);
    }
    Ok(())
}
