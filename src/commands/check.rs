//! `partreg check`: load the register, apply every rule, print the findings.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::{Env, Outcome};
use crate::cli::{CheckArgs, CheckFormat, GlobalArgs};
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::render::{self, CheckReport, text::Style};
use crate::store::register::{self, Project, Register};
use crate::store::repo_path::RepoPaths;

pub fn run(env: &mut Env<'_>, global: &GlobalArgs, args: &CheckArgs) -> anyhow::Result<Outcome> {
    // Before any work, so a bad --summary stops the run at once.
    if let Some(path) = &args.summary {
        refuse_summary_target(&env.cwd.join(path))?;
    }
    let project = env.project(global)?;
    let selection = select(&env.cwd, &project, &args.paths)?;
    let extra: Vec<PathBuf> = selection.as_ref().map(|s| s.outside.clone()).unwrap_or_default();
    let mut register = register::load_findings(&project, &extra, Env::load_options(global));
    let (files, shown) = Shown::of(&register, &project, selection.as_ref());
    let strict = args.strict || project.settings.strict;
    let style = Style::new(env.stderr_color(global));
    let failing = |report: &CheckReport<'_>| {
        report.errors() > 0 || (strict && report.diagnostics.iter().any(|d| d.severity() == Severity::Warning))
    };

    let mut outcome = Outcome::Clean;
    if matches!(args.format, CheckFormat::Human) {
        let report = CheckReport {
            files,
            diagnostics: shown.pick(&register),
        };
        render::check::human(&report, style, &mut env.stderr)?;
        if failing(&report) {
            outcome = Outcome::Problems;
        }
        if args.summary.is_none() {
            register.leave();
            return Ok(outcome);
        }
    }
    // Machine formats name files as the repository does (see
    // `store::repo_path`); the human report, done by now, keeps the shorter
    // names. The findings are renamed in place rather than copied.
    let paths = RepoPaths::new(&env.cwd, &project.register_dir);
    register.rename_files(|file| paths.name(file));
    let machine = CheckReport {
        files,
        diagnostics: shown.pick(&register),
    };
    let docs_url = project.settings.docs_url.as_deref();
    match args.format {
        CheckFormat::Human => {}
        CheckFormat::Json => render::check::json(&machine, &mut env.stdout)?,
        CheckFormat::Github => {
            render::check::github(&machine, &mut env.stdout)?;
            writeln!(env.stderr, "{}", style.bold(&machine.summary()))?;
        }
        CheckFormat::Sarif => render::ci::sarif(&machine, docs_url, &mut env.stdout)?,
        CheckFormat::Gitlab => render::ci::gitlab(&machine, &mut env.stdout)?,
    }
    if let Some(path) = &args.summary {
        // CI summary files are appended to by every step, so this one
        // write appends rather than replacing.
        let path = env.cwd.join(path);
        let mut text = Vec::new();
        render::ci::summary(&machine, &mut text)?;
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .with_context(|| format!("cannot write the summary to {}", path.display()))?;
        std::io::Write::write_all(&mut file, &text)
            .with_context(|| format!("cannot write the summary to {}", path.display()))?;
    }
    if failing(&machine) {
        outcome = Outcome::Problems;
    }
    register.leave();
    Ok(outcome)
}

/// Which findings the report shows: every file's, or only those of the
/// files named on the command line. Chosen by position, before any
/// renaming, so the same findings are shown under either name.
struct Shown {
    /// Per entry file, whether it is shown; `None` for all.
    entries: Option<Vec<bool>>,
    /// Per finding from walking the folder, whether it is shown.
    walk: Option<Vec<bool>>,
}

impl Shown {
    /// What to show, and how many files that is.
    fn of(register: &Register, project: &Project, selection: Option<&Selection>) -> (usize, Shown) {
        let Some(s) = selection else {
            let all = Shown {
                entries: None,
                walk: None,
            };
            return (register.entries.len(), all);
        };
        let entries: Vec<bool> = register.entries.iter().map(|e| s.contains(project, &e.path)).collect();
        let chosen: BTreeSet<&str> = register
            .entries
            .iter()
            .zip(&entries)
            .filter(|(_, keep)| **keep)
            .map(|(e, _)| e.file.as_str())
            .collect();
        let walk = register
            .walk_diagnostics
            .iter()
            .map(|d| chosen.contains(&*d.file))
            .collect();
        let files = chosen.len();
        let shown = Shown {
            entries: Some(entries),
            walk: Some(walk),
        };
        (files, shown)
    }

    /// The findings shown, sorted.
    fn pick<'r>(&self, register: &'r Register) -> Vec<&'r Diagnostic> {
        let keep = |chosen: &Option<Vec<bool>>, i: usize| chosen.as_ref().is_none_or(|c| c[i]);
        let entries = register
            .entries
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(&self.entries, *i))
            .map(|(_, e)| e.diagnostics.as_slice());
        let walk = register
            .walk_diagnostics
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(&self.walk, *i))
            .map(|(_, d)| std::slice::from_ref(d));
        diagnostic::sorted(entries.chain(walk))
    }
}

/// The files named on the command line.
struct Selection {
    /// Canonical paths of every chosen file.
    files: BTreeSet<PathBuf>,
    /// Chosen files outside the register folder, to be loaded as well.
    outside: Vec<PathBuf>,
    /// The register folder, canonical.
    register_dir: PathBuf,
}

impl Selection {
    fn contains(&self, project: &Project, path: &Path) -> bool {
        // Register files lie below the register folder without symbolic
        // links, so their canonical path is the folder's plus the rest.
        let canonical = match path.strip_prefix(&project.register_dir) {
            Ok(rest) => self.register_dir.join(rest),
            Err(_) => path.canonicalize().unwrap_or_else(|_| path.to_path_buf()),
        };
        self.files.contains(&canonical)
    }
}

/// The entry files a path named on the command line stands for. A path that
/// stands for none (a link, a pipe, a folder with no entries, a file not
/// ending in `.toml`, a hidden one) cannot be checked: that is exit 2 with
/// the reason, never "0 files" and a clean exit.
fn named_files(path: &Path, given: &Path, project: &Project) -> anyhow::Result<Vec<PathBuf>> {
    let shown = given.display();
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        bail!("{shown} does not exist");
    };
    if meta.file_type().is_symlink() {
        let target =
            std::fs::read_link(path).map_or_else(|_| "somewhere unreadable".to_string(), |t| t.display().to_string());
        bail!(
            "cannot check {shown}: it is a symbolic link (to {target}); partreg does not follow links, which could point \
             outside the register; check the file itself"
        );
    }
    if meta.is_dir() {
        let mut found = Vec::new();
        register::walk(path, project, &mut found, &mut Vec::new());
        if found.is_empty() {
            let why = if path.extension().is_some_and(|x| x.eq_ignore_ascii_case("toml")) {
                "it is a folder, not an entry file, and holds no .toml files"
            } else {
                "it holds no .toml entry files"
            };
            bail!("cannot check {shown}: {why}; nothing was checked");
        }
        return Ok(found);
    }
    if !meta.is_file() {
        bail!("cannot check {shown}: it is not a regular file (a named pipe or device), so it was not read");
    }
    if path.extension().is_none_or(|x| x != "toml") {
        bail!("cannot check {shown}: entry files end in lower-case .toml; rename it to check it");
    }
    // Hidden below the register (a name or a folder beginning with `.`) is
    // never part of it; above it, a `.` folder is just where the project is.
    let below = path.strip_prefix(&project.register_dir).unwrap_or(Path::new(""));
    let hidden = |p: &Path| {
        p.components()
            .any(|c| matches!(c, std::path::Component::Normal(n) if n.to_string_lossy().starts_with('.')))
    };
    if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) || hidden(below) {
        bail!(
            "cannot check {shown}: names beginning with . are hidden and never part of the register; rename it to check it"
        );
    }
    Ok(vec![path.to_path_buf()])
}

fn select(cwd: &Path, project: &Project, paths: &[PathBuf]) -> anyhow::Result<Option<Selection>> {
    if paths.is_empty() {
        return Ok(None);
    }
    let register_dir = project
        .register_dir
        .canonicalize()
        .with_context(|| format!("cannot read the register folder {}", project.register_dir.display()))?;
    let mut files = BTreeSet::new();
    let mut outside = Vec::new();
    for given in paths {
        let path = cwd.join(given);
        let found = named_files(&path, given, project)?;
        for file in found {
            let canonical = file
                .canonicalize()
                .with_context(|| format!("cannot read {}", file.display()))?;
            if !canonical.starts_with(&register_dir) {
                outside.push(file);
            }
            files.insert(canonical);
        }
    }
    Ok(Some(Selection {
        files,
        outside,
        register_dir,
    }))
}

/// The summary is appended to, so a device such as `/dev/stdout` is
/// written through and never replaced; but a pipe with no reader would
/// make `check` wait for ever, and a folder cannot take it. Refused before
/// anything is written, naming what the path is.
fn refuse_summary_target(path: &std::path::Path) -> anyhow::Result<()> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(()); // not there yet: it is created
    };
    #[cfg(unix)]
    let is_pipe = {
        use std::os::unix::fs::FileTypeExt as _;
        meta.file_type().is_fifo() || meta.file_type().is_socket()
    };
    #[cfg(not(unix))]
    let is_pipe = false;
    let kind = if meta.is_dir() {
        "a folder"
    } else if is_pipe {
        "a pipe or socket, which would make partreg wait for a reader"
    } else {
        return Ok(());
    };
    anyhow::bail!(
        "cannot write the summary to {}: it is {kind}; nothing was written\n  hint: give the name of a file, e.g. --summary \"$GITHUB_STEP_SUMMARY\" in GitHub Actions",
        path.display()
    )
}
