//! What the register looked like at an earlier git revision (last year's
//! review tag, say), and what has changed since: partnerships added,
//! removed, and changed in their ratings, money, hours, status and
//! representatives. Git is asked for the old files directly, so the working
//! tree is never touched.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, bail};
use serde::Serialize;
use serde_json::Value;

use crate::model::{Choice, Entry};
use crate::policy::assessment;
use crate::policy::rules::RuleContext;
use crate::store::register::{self, Project, Register};

/// A partnership added or removed.
#[derive(Clone, Debug, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// One field's old and new value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub old: Value,
    pub new: Value,
}

/// A partnership that changed, field by field.
#[derive(Clone, Debug, Serialize)]
pub struct Changed {
    pub id: String,
    pub fields: BTreeMap<String, Change>,
}

/// Everything that changed since a revision.
#[derive(Clone, Debug, Serialize)]
pub struct Changes {
    pub since: String,
    pub added: Vec<Named>,
    pub removed: Vec<Named>,
    pub changed: Vec<Changed>,
}

fn git(dir: &Path, args: &[&str]) -> anyhow::Result<std::process::Output> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .context("cannot run git; --since needs git installed")
}

/// The entries of the register as they were at `rev`, by id.
pub fn entries_at(project: &Project, rev: &str, cx: &RuleContext<'_>) -> anyhow::Result<BTreeMap<String, Entry>> {
    let dir = &project.register_dir;
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    if !top.status.success() {
        bail!(
            "the register folder {} is not in a git repository, so there is no history to compare with",
            dir.display()
        );
    }
    let root = PathBuf::from(String::from_utf8_lossy(&top.stdout).trim());
    let commit = git(
        &root,
        &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")],
    )?;
    if !commit.status.success() {
        bail!(
            "{rev:?} is not a revision of this repository\n  hint: give a tag (e.g. review-2025), a branch or a commit id; `git tag` lists the tags"
        );
    }
    let commit = String::from_utf8_lossy(&commit.stdout).trim().to_string();
    let canonical = dir
        .canonicalize()
        .with_context(|| format!("cannot read {}", dir.display()))?;
    let root = root.canonicalize().unwrap_or(root);
    let rel = canonical
        .strip_prefix(&root)
        .unwrap_or(Path::new(""))
        .to_string_lossy()
        .replace('\\', "/");
    let spec = if rel.is_empty() { ".".to_string() } else { rel };
    // `-z` ends each record with NUL, so a file name holding a newline (or
    // anything else) cannot run into the next one.
    let listing = git(&root, &["ls-tree", "-r", "-z", &commit, "--", &spec])?;
    if !listing.status.success() {
        bail!(
            "git could not list the register at {rev}: {}",
            String::from_utf8_lossy(&listing.stderr).trim()
        );
    }
    let files: Vec<(String, String)> = listing
        .stdout
        .split(|b| *b == 0)
        .filter_map(blob_record)
        .filter(|(_, p)| p.ends_with(".toml") && !p.split('/').any(|part| part.starts_with('.')))
        .collect();
    let ids: Vec<&str> = files.iter().map(|(id, _)| id.as_str()).collect();
    let blobs = cat_blobs(&root, &ids)?;
    let mut out = BTreeMap::new();
    for ((_, file), bytes) in files.iter().zip(blobs) {
        let path = root.join(file);
        let loaded = register::check_bytes(&path, file.clone(), &bytes, cx);
        if let Some(entry) = loaded.entry {
            out.insert(loaded.id, *entry);
        }
    }
    Ok(out)
}

/// One `ls-tree -z` record, `<mode> blob <object id>\t<path>`, as (object id, path).
fn blob_record(record: &[u8]) -> Option<(String, String)> {
    let tab = record.iter().position(|b| *b == b'\t')?;
    let (head, path) = (
        std::str::from_utf8(&record[..tab]).ok()?,
        std::str::from_utf8(&record[tab + 1..]).ok()?,
    );
    let mut fields = head.split(' ');
    let (_mode, kind, id) = (fields.next()?, fields.next()?, fields.next()?);
    (kind == "blob" && id.bytes().all(|b| b.is_ascii_hexdigit())).then(|| (id.to_string(), path.to_string()))
}

/// The contents of many blobs, through one `git cat-file --batch`. They are
/// asked for by object id (hex digits only), never by path, and each answer
/// must name the id asked for, so the answers cannot shift against the
/// requests whatever the files are called.
fn cat_blobs(root: &Path, ids: &[&str]) -> anyhow::Result<Vec<Vec<u8>>> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot run git")?;
    let mut stdin = child.stdin.take().context("cannot talk to git")?;
    let requests: String = ids.iter().map(|id| format!("{id}\n")).collect();
    // Write from another thread so a large listing cannot deadlock on full pipes.
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let mut raw = Vec::new();
    child
        .stdout
        .take()
        .context("cannot talk to git")?
        .read_to_end(&mut raw)?;
    let _ = writer.join();
    child.wait()?;
    let mut out = Vec::with_capacity(ids.len());
    let mut rest = raw.as_slice();
    for id in ids {
        let line_end = rest
            .iter()
            .position(|b| *b == b'\n')
            .context("git's answer was cut short")?;
        let header = String::from_utf8_lossy(&rest[..line_end]).to_string();
        rest = &rest[line_end + 1..];
        let fields: Vec<&str> = header.split(' ').collect();
        match fields.as_slice() {
            [got, "missing"] if got == id => out.push(Vec::new()),
            [got, _, size] if got == id => {
                let size: usize = size
                    .parse()
                    .with_context(|| format!("git gave an unreadable answer: {header:?}"))?;
                let body = rest.get(..size).context("git's answer was cut short")?;
                out.push(body.to_vec());
                rest = rest.get(size + 1..).unwrap_or(&[]);
            }
            _ => bail!("git answered {header:?} when asked for {id}; the history cannot be read reliably"),
        }
    }
    Ok(out)
}

/// What changed between the old entries and the register now.
pub fn compare(
    since: &str,
    old: &BTreeMap<String, Entry>,
    now: &Register,
    rubric: &crate::policy::rubric::Rubric,
) -> Changes {
    let current: BTreeMap<&str, &Entry> = now.valid().collect();
    let named = |id: &str, e: &Entry| Named {
        id: id.to_string(),
        name: e.name.clone(),
    };
    let added = current
        .iter()
        .filter(|(id, _)| !old.contains_key(**id))
        .map(|(id, e)| named(id, e))
        .collect();
    let removed = old
        .iter()
        .filter(|(id, _)| !current.contains_key(id.as_str()))
        .map(|(id, e)| named(id, e))
        .collect();
    let changed = current
        .iter()
        .filter_map(|(id, new)| {
            let before = old.get(*id)?;
            let fields = differences(before, new, rubric);
            (!fields.is_empty()).then(|| Changed {
                id: (*id).to_string(),
                fields,
            })
        })
        .collect();
    Changes {
        since: since.to_string(),
        added,
        removed,
        changed,
    }
}

/// The compared fields of one entry, as JSON values.
fn facts(e: &Entry, rubric: &crate::policy::rubric::Rubric) -> BTreeMap<String, Value> {
    let a = assessment::assess(e, rubric);
    let level = |l: Option<crate::model::Level>| l.map_or(Value::Null, |l| Value::from(l.as_str_lower()));
    let mut reps: Vec<String> = e
        .representatives
        .iter()
        .map(|r| format!("{} ({})", r.name, r.level))
        .collect();
    reps.sort();
    BTreeMap::from([
        ("name".to_string(), Value::from(e.name.clone())),
        ("status".to_string(), Value::from(e.status.as_str())),
        (
            "budget_contribution_gbp".to_string(),
            Value::from(e.budget_contribution_gbp),
        ),
        (
            "staff_hours_per_month".to_string(),
            serde_json::Number::from_f64(e.staff_hours_per_month).map_or(Value::Null, Value::Number),
        ),
        ("risk.overall".to_string(), level(e.risk.overall)),
        ("risk.computed".to_string(), Value::from(a.risk.computed.as_str())),
        ("value.overall".to_string(), level(e.value.overall)),
        ("value.computed".to_string(), Value::from(a.value.computed.as_str())),
        ("representatives".to_string(), Value::from(reps)),
    ])
}

fn differences(old: &Entry, new: &Entry, rubric: &crate::policy::rubric::Rubric) -> BTreeMap<String, Change> {
    let (before, after) = (facts(old, rubric), facts(new, rubric));
    after
        .into_iter()
        .filter_map(|(field, new)| {
            let old = before.get(&field).cloned().unwrap_or(Value::Null);
            (old != new).then_some((field, Change { old, new }))
        })
        .collect()
}
