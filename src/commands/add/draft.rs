//! Drafts: the answers of a guided `add` that stopped before it wrote an
//! entry, kept in `.partreg/drafts/` beside the register folder (with the
//! locks). Never inside the register, where `check` would read them as
//! entries; never named like partreg's temporary files, so the clean-up of
//! those never takes one. `add --resume` offers them back.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use toml::{Table, Value};

use crate::model::Date;
use crate::store::{atomic, lock, slug};
use crate::terminal::guide::Form;

/// The folder of drafts for a register.
pub(super) fn dir(register_dir: &Path) -> PathBuf {
    let locks = lock::lock_dir(register_dir);
    locks.parent().unwrap_or(&locks).join("drafts")
}

/// A draft on disk.
pub(super) struct Draft {
    pub path: PathBuf,
    pub form: Form,
    /// When it was saved (the `--as-of` day).
    pub saved: String,
}

impl Draft {
    /// The draft in a few words, for choosing one.
    pub fn label(&self) -> String {
        let name = self
            .form
            .answers
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("(no name yet)");
        format!("{name}  ({} answers, saved {})", self.form.count(), self.saved)
    }
}

/// Saves the answers, over `existing` when the form was resumed from it.
pub(super) fn save(dir: &Path, existing: Option<&Path>, form: &Form, today: Date) -> anyhow::Result<PathBuf> {
    fs::create_dir_all(dir).with_context(|| format!("cannot make the drafts folder {}", dir.display()))?;
    let path = match existing {
        Some(p) => p.to_path_buf(),
        None => free_name(dir, form),
    };
    let list = |keys: &[String]| Value::Array(keys.iter().map(|k| Value::String(k.clone())).collect());
    let mut t = Table::new();
    t.insert("saved".into(), Value::String(today.to_string()));
    t.insert("given".into(), list(&form.given));
    t.insert("answered".into(), list(&form.answered));
    t.insert("answers".into(), Value::Table(form.answers.clone()));
    if !form.partial.is_empty() {
        t.insert("partial".into(), Value::Table(form.partial.clone()));
    }
    let text = format!(
        "# The answers of a guided `partreg add` that stopped before it wrote an entry.\n# Continue with `partreg add --resume`; delete this file to drop them.\n{}",
        toml::to_string(&t)?
    );
    atomic::write(&path, text.as_bytes(), atomic::Mode::Replace)
        .with_context(|| format!("cannot save the draft {}", path.display()))?;
    Ok(path)
}

/// A file name from the partnership's name, not yet used.
fn free_name(dir: &Path, form: &Form) -> PathBuf {
    let stem = form
        .answers
        .get("name")
        .and_then(Value::as_str)
        .and_then(slug::from_name)
        .unwrap_or_else(|| "unnamed".into());
    (1..)
        .map(|n| match n {
            1 => dir.join(format!("{stem}.toml")),
            n => dir.join(format!("{stem}-{n}.toml")),
        })
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join("draft.toml"))
}

/// Every draft that can be read, by file name. One that cannot be read is
/// passed over with the reason, never removed.
pub(super) fn list(dir: &Path) -> (Vec<Draft>, Vec<String>) {
    let mut drafts = Vec::new();
    let mut unreadable = Vec::new();
    let Ok(items) = fs::read_dir(dir) else {
        return (drafts, unreadable);
    };
    let mut paths: Vec<PathBuf> = items
        .flatten()
        .map(|i| i.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        match load(&path) {
            Ok(d) => drafts.push(d),
            Err(e) => unreadable.push(format!("{}: {e:#}", path.display())),
        }
    }
    (drafts, unreadable)
}

fn load(path: &Path) -> anyhow::Result<Draft> {
    let text = fs::read_to_string(path)?;
    let mut t: Table = toml::from_str(&text).context("not a draft partreg can read")?;
    let keys = |v: Option<Value>| -> Vec<String> {
        v.and_then(|v| match v {
            Value::Array(a) => Some(a.into_iter().filter_map(|x| x.as_str().map(str::to_string)).collect()),
            _ => None,
        })
        .unwrap_or_default()
    };
    let Some(Value::Table(answers)) = t.remove("answers") else {
        anyhow::bail!("it has no [answers] table");
    };
    Ok(Draft {
        path: path.to_path_buf(),
        saved: t.get("saved").and_then(Value::as_str).unwrap_or("?").to_string(),
        form: Form {
            answers,
            given: keys(t.remove("given")),
            answered: keys(t.remove("answered")),
            // A draft saved before half-finished answers were kept has none.
            partial: match t.remove("partial") {
                Some(Value::Table(p)) => p,
                _ => Table::new(),
            },
        },
    })
}
