//! Finding the project: its settings file (`partreg.toml`, looked for from
//! the working folder upwards) and its register folder, which must stay
//! inside the project. Loading the register's files is [`super::register`].

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::diagnostic::{Diagnostic, Source};
use crate::model::Date;
use crate::policy::rubric::Rubric;
use crate::policy::rules::RuleContext;
use crate::store::decode::{self, Decoder, Settings};

/// The settings file's name.
pub const SETTINGS_FILE: &str = "partreg.toml";

/// Where the register is and how it is set up.
#[derive(Debug)]
pub struct Project {
    pub settings: Settings,
    /// The settings file, when one was found or given.
    pub settings_path: Option<PathBuf>,
    /// The register folder.
    pub register_dir: PathBuf,
    /// The Appendix B rubric: the settings' `rubric` file, or the built-in one.
    pub rubric: Rubric,
}

impl Project {
    /// Finds the project: `--config` names the settings file, otherwise
    /// `partreg.toml` is looked for from `cwd` upwards, stopping at the top
    /// of a git work tree. `--register` names the folder, otherwise the
    /// settings' `register` key (relative to the settings file), otherwise
    /// `register` beside the settings file or in `cwd`.
    pub fn discover(cwd: &Path, register: Option<&Path>, config: Option<&Path>) -> anyhow::Result<Project> {
        let settings_path = match config {
            Some(path) => {
                let path = cwd.join(path);
                if !path.is_file() {
                    bail!("the settings file {} does not exist", path.display());
                }
                Some(path)
            }
            None => find_settings(cwd),
        };
        let settings = match &settings_path {
            Some(path) => read_settings(path)?,
            None => Settings::default(),
        };
        let base = settings_path.as_deref().and_then(Path::parent).unwrap_or(cwd);
        let register_dir = match (register, &settings.register) {
            (Some(dir), _) => cwd.join(dir),
            // Written in a shared file: `data\\reg` means the same everywhere.
            (None, Some(dir)) => base.join(super::repo_path::portable(dir)),
            (None, None) => base.join("register"),
        };
        if !register_dir.is_dir() {
            let mut message = format!("the register folder {} does not exist", register_dir.display());
            if settings_path.is_none() && register.is_none() {
                message.push_str("\n  hint: run partreg inside a register project (a folder with partreg.toml), or pass --register DIR");
            }
            bail!(message);
        }
        if register.is_none() && settings_path.is_some() && !settings.register_outside_project {
            confine_to_project(base, &register_dir)?;
        }
        let rubric = match &settings.rubric {
            Some(path) => Rubric::load(&base.join(super::repo_path::portable(path)))?,
            None => Rubric::builtin()?,
        };
        Ok(Project {
            settings,
            settings_path,
            register_dir,
            rubric,
        })
    }

    /// What the rules need, for a given "today".
    pub fn rule_context(&self, as_of: Date) -> RuleContext<'_> {
        RuleContext {
            as_of,
            priorities: self.settings.priorities.as_ref(),
            rubric: &self.rubric,
        }
    }

    /// The name a file is shown under: relative to the folder that holds the
    /// register folder, with `/` separators (`register/waste.toml`).
    pub fn display_path(&self, path: &Path) -> String {
        let base = self.register_dir.parent().unwrap_or(Path::new(""));
        let shown = path.strip_prefix(base).unwrap_or(path);
        slash_path(shown)
    }
}

/// A path spelt with `/` between its parts, on every platform. A file
/// outside the project keeps its root once (`/tmp/x.toml`, `C:/x.toml`,
/// `//server/share/x.toml`), not doubled by a separator after the root;
/// Windows' verbatim `\\?\` prefix (from canonicalising) is left out.
pub(crate) fn slash_path(path: &Path) -> String {
    use std::path::{Component, Prefix};
    let mut out = String::new();
    for part in path.components() {
        match part {
            Component::Prefix(p) => match p.kind() {
                Prefix::Disk(d) | Prefix::VerbatimDisk(d) => {
                    out.push(char::from(d));
                    out.push(':');
                }
                Prefix::UNC(server, share) | Prefix::VerbatimUNC(server, share) => {
                    out.push_str("//");
                    out.push_str(&server.to_string_lossy());
                    out.push('/');
                    out.push_str(&share.to_string_lossy());
                }
                _ => out.push_str(&p.as_os_str().to_string_lossy()),
            },
            // The root is the separator itself; a UNC share is already a root.
            Component::RootDir => out.push('/'),
            other => {
                if !out.is_empty() && !out.ends_with('/') && !out.ends_with(':') {
                    out.push('/');
                }
                out.push_str(&other.as_os_str().to_string_lossy());
            }
        }
    }
    out
}

/// Refuses a register folder, named by the settings, that resolves (links
/// included) outside the project folder: partreg writes into it.
fn confine_to_project(project: &Path, register_dir: &Path) -> anyhow::Result<()> {
    let (Ok(inside), Ok(register)) = (fs::canonicalize(project), fs::canonicalize(register_dir)) else {
        return Ok(());
    };
    if !register.starts_with(&inside) {
        bail!(
            "the register folder {} is outside the project folder {}, so partreg will not use it\n  hint: move the register inside the project, pass --register {} to use it this once, or add `register_outside_project = true` to {SETTINGS_FILE} if it is meant to be there",
            register.display(),
            inside.display(),
            register.display()
        );
    }
    Ok(())
}

fn find_settings(cwd: &Path) -> Option<PathBuf> {
    for dir in cwd.ancestors() {
        let candidate = dir.join(SETTINGS_FILE);
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    None
}

/// Reads `partreg.toml`; any fault in it stops the run (exit 2), listing
/// every fault with its place.
fn read_settings(path: &Path) -> anyhow::Result<Settings> {
    let bytes = fs::read(path).with_context(|| format!("cannot read the settings file {}", path.display()))?;
    let shown = path.display().to_string();
    let text = match std::str::from_utf8(super::register::strip_bom(&bytes)) {
        Ok(text) => text,
        Err(_) => bail!("the settings file {shown} is not UTF-8 text"),
    };
    let source = Source::new(&shown, text);
    let mut diags = Vec::new();
    let settings = decode::parse(&source, &mut diags).map(|doc| {
        let mut d = Decoder::new(&source);
        let settings = decode::decode_settings(&mut d, &doc);
        diags.extend(d.diags);
        diags.extend(source.left_out_notes());
        settings
    });
    match settings {
        Some(settings) if diags.is_empty() => Ok(settings),
        _ => {
            diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            let lines: Vec<String> = diags.iter().map(one_line).collect();
            bail!("the settings file has problems:\n{}", lines.join("\n"))
        }
    }
}

/// A diagnostic on one line, for messages that are not a `check` report.
pub fn one_line(d: &Diagnostic) -> String {
    let place = match &d.location {
        Some(l) => format!("{}:{}:{}", d.file, l.line, l.column),
        None => d.file.to_string(),
    };
    let hint = d.hint.as_ref().map(|h| format!(" ({h})")).unwrap_or_default();
    format!("  {place}: {}{hint}", d.message)
}

#[cfg(test)]
mod tests {
    use super::slash_path;
    use std::path::Path;

    #[test]
    fn relative_paths_are_joined_with_slashes() {
        assert_eq!(
            slash_path(Path::new("register/shared/waste.toml")),
            "register/shared/waste.toml"
        );
        assert_eq!(slash_path(Path::new("waste.toml")), "waste.toml");
    }

    #[cfg(unix)]
    #[test]
    fn a_file_outside_the_project_keeps_one_root_slash() {
        assert_eq!(slash_path(Path::new("/tmp/x/outside.toml")), "/tmp/x/outside.toml");
        assert_eq!(slash_path(Path::new("/")), "/");
    }

    #[cfg(windows)]
    #[test]
    fn windows_spellings_keep_their_drive_or_share_once() {
        assert_eq!(slash_path(Path::new(r"C:\x\outside.toml")), "C:/x/outside.toml");
        assert_eq!(slash_path(Path::new(r"\\?\C:\x\outside.toml")), "C:/x/outside.toml");
        assert_eq!(slash_path(Path::new(r"\\server\share\x.toml")), "//server/share/x.toml");
        assert_eq!(
            slash_path(Path::new(r"\\?\UNC\server\share\x.toml")),
            "//server/share/x.toml"
        );
        assert_eq!(slash_path(Path::new(r"C:x.toml")), "C:x.toml");
        assert_eq!(
            slash_path(Path::new(r"register\shared\waste.toml")),
            "register/shared/waste.toml"
        );
    }
}
