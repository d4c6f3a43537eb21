//! `partreg init`: a new council's register, ready to fill in. Nothing that
//! exists is ever overwritten: if any file is already there, nothing at all
//! is written.

use std::path::PathBuf;

use anyhow::{Context, bail};

use super::{Env, Outcome};
use crate::cli::InitArgs;
use crate::policy::rubric::DEFAULT_RUBRIC;
use crate::store::atomic;

const EXAMPLE: &str = include_str!("../../examples/init/register/example-partnership.toml");
/// partreg's own working files, which are never part of the register.
const GITIGNORE: &str = "\
# partreg's own working files: lock files (and drafts of a guided `add`).
.partreg/
# A write in progress; one is left behind only if partreg was killed.
.partreg-*.tmp
";
/// The CI workflow: the very file shipped as `examples/github-actions.yml`,
/// so the two cannot differ.
pub const WORKFLOW: &str = include_str!("../../examples/github-actions.yml");

pub fn run(env: &mut Env<'_>, args: &InitArgs) -> anyhow::Result<Outcome> {
    let dir = match &args.dir {
        Some(d) => env.cwd.join(d),
        None => env.cwd.clone(),
    };
    let council = args.council.as_deref().unwrap_or("Your Council");
    let settings = settings(council);
    let mut files: Vec<(&str, String)> = vec![
        ("partreg.toml", settings),
        ("register/example-partnership.toml", EXAMPLE.to_string()),
        ("schemas/partnership.schema.json", crate::model::schema::entry_schema()),
        ("schemas/criteria.yaml", DEFAULT_RUBRIC.to_string()),
        (".github/workflows/partreg.yml", WORKFLOW.to_string()),
    ];
    // A project that already has a .gitignore keeps it as it is; the lines
    // to add are shown instead.
    let gitignore_exists = dir.join(".gitignore").exists();
    if !gitignore_exists {
        files.push((".gitignore", GITIGNORE.to_string()));
    }
    let existing: Vec<String> = files
        .iter()
        .map(|(rel, _)| dir.join(rel))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        bail!(
            "these files already exist, so nothing was written (partreg init never overwrites):\n  {}",
            existing.join("\n  ")
        );
    }
    let mut created: Vec<PathBuf> = Vec::new();
    // Folders this run makes, so that a failure can take them back too.
    let mut new_dirs: Vec<PathBuf> = Vec::new();
    for (rel, text) in &files {
        let path: PathBuf = dir.join(rel);
        for ancestor in path.ancestors().skip(1) {
            if !ancestor.as_os_str().is_empty() && !ancestor.exists() && !new_dirs.iter().any(|d| d == ancestor) {
                new_dirs.push(ancestor.to_path_buf());
            }
        }
        let written = path
            .parent()
            .map_or(Ok(()), |parent| {
                std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))
            })
            .and_then(|()| atomic::write(&path, text.as_bytes(), atomic::Mode::CreateNew));
        if let Err(err) = written {
            // All or nothing: take back the files this run created.
            for done in &created {
                let _ = std::fs::remove_file(done);
            }
            // Deepest first; only folders left empty are removed.
            new_dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
            for d in &new_dirs {
                let _ = std::fs::remove_dir(d);
            }
            return Err(err.context("nothing was set up"));
        }
        created.push(path);
    }
    for path in &created {
        writeln!(env.stderr, "created {}", path.display())?;
    }
    if gitignore_exists {
        let existing = std::fs::read_to_string(dir.join(".gitignore")).unwrap_or_default();
        let missing: Vec<&str> = GITIGNORE
            .lines()
            .filter(|l| !l.starts_with('#') && !existing.lines().any(|e| e.trim() == *l))
            .collect();
        if !missing.is_empty() {
            writeln!(
                env.stderr,
                "note: {} was left as it was; add these lines to it so that git ignores partreg's working files:\n  {}",
                dir.join(".gitignore").display(),
                missing.join("\n  ")
            )?;
        }
    }
    git_repository(env, &dir)?;
    writeln!(
        env.stderr,
        "\nNext: list your corporate priorities in partreg.toml, replace the example entry \
         (or run `partreg add`), and run `partreg check`."
    )?;
    Ok(Outcome::Clean)
}

/// The register's history is kept by git (`review --since`, the CI
/// workflow), so a project made outside a repository gets one. Inside a
/// repository (a council's existing one) nothing is done; without git, the
/// officer is told how to get it.
fn git_repository(env: &mut Env<'_>, dir: &std::path::Path) -> anyhow::Result<()> {
    let inside = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["rev-parse", "--is-inside-work-tree"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    match inside {
        Err(_) => writeln!(
            env.stderr,
            "note: git is not installed, so no git repository was made; install git (https://git-scm.com) and run `git init` in {} to keep the register's history",
            dir.display()
        )?,
        Ok(status) if status.success() => {}
        Ok(_) => {
            let made = std::process::Command::new("git")
                .arg("-C")
                .arg(dir)
                .args(["init", "--quiet"])
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status();
            if made.is_ok_and(|s| s.success()) {
                writeln!(
                    env.stderr,
                    "created a git repository in {} (git keeps the register's history)",
                    dir.display()
                )?;
            } else {
                writeln!(
                    env.stderr,
                    "note: `git init` failed in {}; run it yourself to keep the register's history",
                    dir.display()
                )?;
            }
        }
    }
    Ok(())
}

/// The settings file. The council's name is written only as a TOML string
/// made by a TOML encoder, never into a comment or a line of its own: a
/// name holding a line break, a quote or `rubric = "/x"` stays text.
fn settings(council: &str) -> String {
    let quoted = toml_edit::Value::from(council).to_string();
    format!(
        "# partreg settings for this council's Partnership Register.\n\
         # Every key is optional; see the partreg README.\n\n\
         # The council's name, shown in reports.\n\
         council = {quoted}\n\n\
         # The folder holding one file per partnership.\n\
         register = \"register\"\n\n\
         # Uncomment to rate partnerships by your own copy of the Appendix B rubric.\n\
         # rubric = \"schemas/criteria.yaml\"\n\n\
         # Make warnings (reviews overdue, terms ended…) fail `partreg check`.\n\
         strict = false\n\n\
         # Your corporate priorities or critical outcomes: code = title. Entries\n\
         # may only use codes listed here. Replace these examples with your own.\n\
         [priorities]\n\
         P1 = \"First corporate priority (replace me)\"\n\
         P2 = \"Second corporate priority (replace me)\"\n\n\
         # The dates of Annual Council and of the district elections, which\n\
         # `partreg appointments` works from. Uncomment and put in your own.\n\
         # [calendar]\n\
         # annual_council = [2027-05-20]\n\
         # elections = [2027-05-06]\n"
    )
}
