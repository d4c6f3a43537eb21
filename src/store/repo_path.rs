//! The names machine formats give files: relative to the root of the git
//! work tree that holds the register (otherwise to the current folder),
//! with `/` on every platform.
//!
//! GitHub annotations, SARIF alerts and GitLab Code Quality issues attach
//! to a file only when its path is the one the repository knows it by: a
//! register at `data/reg` must be named `data/reg/x.toml`, one in
//! `examples/broken-register/register` by that whole path. People reading
//! the human report need no such thing, so it keeps its shorter names.
//!
//! The work tree is found by walking up for `.git` (a folder, or a file in a
//! linked work tree or submodule) rather than by running git, which may not
//! be installed and costs a process. The path arithmetic itself is
//! [`relative`], a pure function on text that knows both Unix and Windows
//! spellings, so its Windows cases are tested on every platform.

use std::path::{Path, PathBuf};

/// A path written in `partreg.toml` (`register`, `rubric`) or given to
/// `--folder`, as this platform's path. The register is shared between
/// colleagues on Windows, macOS and Linux, so `data\reg` and `data/reg`
/// mean the same on every platform: both `/` and `\` separate parts. A path
/// that is absolute in either spelling (`/srv/reg`, `\\server\share\reg`,
/// `C:\Users\…\reg`, `C:/reg`) is kept as written, so that it is judged
/// (and, outside the project, refused) as the absolute path it is.
pub fn portable(text: &str) -> PathBuf {
    if is_absolute_anywhere(text) {
        return PathBuf::from(text);
    }
    text.split(['/', '\\']).filter(|p| !p.is_empty()).collect()
}

/// Whether a path is absolute on Unix or on Windows: a leading `/` or `\`
/// (which covers UNC shares), or a drive letter and colon.
fn is_absolute_anywhere(text: &str) -> bool {
    let b = text.as_bytes();
    text.starts_with(['/', '\\']) || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
}

/// The root of the git work tree holding `dir`: the nearest folder, from
/// `dir` upwards, with a `.git` folder or file.
pub fn work_tree_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().find(|d| d.join(".git").exists()).map(Path::to_path_buf)
}

/// How machine formats name the files of one register.
#[derive(Debug, Clone)]
pub struct RepoPaths {
    /// What names are relative to: the work tree's root, or the current folder.
    base: PathBuf,
    /// The folder the human names are relative to (the register's parent).
    shown_from: PathBuf,
    /// `shown_from`'s own machine name, which begins every plain name;
    /// `None` when names must be worked out whole.
    prefix: Option<String>,
}

impl RepoPaths {
    /// For a register folder `register_dir`, run from `cwd`. Both are made
    /// canonical (when they exist) so that a linked folder on the way, or
    /// `..` in `--register`, cannot make the two disagree.
    pub fn new(cwd: &Path, register_dir: &Path) -> RepoPaths {
        let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        let register = canonical(&cwd.join(register_dir));
        let shown_from = register.parent().map_or_else(|| register.clone(), Path::to_path_buf);
        let base = work_tree_root(&register).unwrap_or_else(|| canonical(cwd));
        RepoPaths::between(base, shown_from)
    }

    fn between(base: PathBuf, shown_from: PathBuf) -> RepoPaths {
        let from = relative(&base.to_string_lossy(), &shown_from.to_string_lossy(), cfg!(windows));
        // When the base lies below `shown_from` (`from` is all `..`), a
        // name can climb back down through it, so there is no prefix.
        let prefix = (!from.split('/').all(|p| p == "..")).then_some(from);
        RepoPaths {
            base,
            shown_from,
            prefix,
        }
    }

    /// The machine name of a file the human report calls `shown` (relative
    /// to the register's parent, or absolute for a file outside it).
    pub fn name(&self, shown: &str) -> String {
        // The usual name, `register/sub/x.toml`, is the prefix and the name
        // as it is: 10,000 of them are named after the files are read.
        if let Some(prefix) = &self.prefix
            && is_plain_relative(shown)
        {
            return if prefix == "." {
                shown.to_string()
            } else {
                format!("{prefix}/{shown}")
            };
        }
        let full = self.shown_from.join(shown);
        relative(&self.base.to_string_lossy(), &full.to_string_lossy(), cfg!(windows))
    }
}

/// Whether a name is relative parts joined by `/` with nothing for
/// [`relative`] to resolve: no root or drive, no empty, `.` or `..` part,
/// no `\\`.
fn is_plain_relative(name: &str) -> bool {
    !name.is_empty() && !name.contains(['\\', ':']) && name.split('/').all(|p| !matches!(p, "" | "." | ".."))
}

/// `target` relative to `base`, both absolute paths as text, with `/`
/// between the parts. `windows` says whether `\` also separates parts and
/// drive letters and UNC shares (`\\server\share`) are compared without
/// regard to case, as Windows does. A target on another drive or share has
/// no relative name: it is given whole, with `/`. `.` parts are dropped and
/// `..` parts resolved, so the result never climbs needlessly.
pub fn relative(base: &str, target: &str, windows: bool) -> String {
    let base = parts(base, windows);
    let target = parts(target, windows);
    let same = |a: &str, b: &str| if windows { a.eq_ignore_ascii_case(b) } else { a == b };
    // The first part is the root (`/`, `C:`, `//server/share`): another
    // root means no relative path exists.
    if base.first().zip(target.first()).is_none_or(|(a, b)| !same(a, b)) {
        return join_whole(&target);
    }
    let common = base.iter().zip(&target).take_while(|(a, b)| same(a, b)).count();
    let mut out: Vec<&str> = vec![".."; base.len() - common];
    out.extend(target[common..].iter().map(String::as_str));
    if out.is_empty() { ".".to_string() } else { out.join("/") }
}

/// A path's root followed by its parts, with `.` dropped and `..` applied.
fn parts(path: &str, windows: bool) -> Vec<String> {
    let is_sep = |c: char| c == '/' || (windows && c == '\\');
    let (root, rest) = split_root(path, windows);
    let mut out = vec![root];
    for part in rest.split(is_sep) {
        match part {
            "" | "." => {}
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
            }
            p => out.push(p.to_string()),
        }
    }
    out
}

/// The root of an absolute path written with `/` (`/`, `C:/`,
/// `//server/share`) and the rest. The extended prefixes `\\?\C:\` and
/// `\\?\UNC\server\share\` that canonical Windows paths carry are read as
/// the plain ones, so the two spellings of one file agree.
fn split_root(path: &str, windows: bool) -> (String, String) {
    if !windows {
        return ("/".to_string(), path.trim_start_matches('/').to_string());
    }
    let path = match path.strip_prefix(r"\\?\") {
        Some(rest) if rest.len() >= 4 && rest[..4].eq_ignore_ascii_case(r"UNC\") => format!(r"\\{}", &rest[4..]),
        Some(rest) => rest.to_string(),
        None => path.to_string(),
    };
    if path.starts_with(r"\\") || path.starts_with("//") {
        let mut pieces = path[2..].splitn(3, ['\\', '/']);
        let server = pieces.next().unwrap_or("");
        let share = pieces.next().unwrap_or("");
        let rest = pieces.next().unwrap_or("");
        return (format!("//{server}/{share}"), rest.to_string());
    }
    let bytes = path.as_bytes();
    if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
        return (path[..2].to_ascii_uppercase(), path[2..].to_string());
    }
    (String::new(), path)
}

/// A path with no relative name, given whole with `/`.
fn join_whole(parts: &[String]) -> String {
    match parts.split_first() {
        Some((root, rest)) if root == "/" => format!("/{}", rest.join("/")),
        Some((root, rest)) => std::iter::once(root.as_str())
            .chain(rest.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("/"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts_of(p: &Path) -> Vec<String> {
        p.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect()
    }

    /// The quick way to a usual name gives what working it out whole does.
    #[test]
    fn plain_names_take_the_prefix() {
        let bases = [
            "/repo",
            "/repo/reg",
            "/repo/reg/register",
            "/repo/reg/register/sub",
            "/other",
            "/",
        ];
        let froms = ["/repo/reg", "/repo", "/"];
        let names = [
            "register/a.toml",
            "register/sub/b.toml",
            "x.toml",
            "register/../a.toml",
            "./a.toml",
            "register//a.toml",
            "/abs/a.toml",
        ];
        for base in bases {
            for from in froms {
                let paths = RepoPaths::between(PathBuf::from(base), PathBuf::from(from));
                for name in names {
                    let full = Path::new(from).join(name);
                    let whole = relative(base, &full.to_string_lossy(), cfg!(windows));
                    assert_eq!(paths.name(name), whole, "{name} from {from}, base {base}");
                }
            }
        }
    }

    #[test]
    fn settings_paths_mean_the_same_on_every_platform() {
        assert_eq!(parts_of(&portable("data\\reg")), ["data", "reg"]);
        assert_eq!(parts_of(&portable("data/reg")), ["data", "reg"]);
        assert_eq!(parts_of(&portable("data\\sub/reg\\")), ["data", "sub", "reg"]);
        assert_eq!(parts_of(&portable(".\\register")), [".", "register"]);
        assert_eq!(parts_of(&portable("..\\shared\\reg")), ["..", "shared", "reg"]);
        assert_eq!(parts_of(&portable("shared-services")), ["shared-services"]);
    }

    #[test]
    fn absolute_paths_in_either_spelling_are_kept_whole() {
        for text in [
            "C:\\Users\\officer\\register",
            "c:/register",
            "\\\\council-fs\\share\\register",
            "\\\\?\\C:\\register",
            "/srv/register",
        ] {
            assert_eq!(portable(text), PathBuf::from(text), "{text}");
        }
    }

    #[test]
    fn unix_paths() {
        assert_eq!(relative("/repo", "/repo/data/reg/x.toml", false), "data/reg/x.toml");
        assert_eq!(relative("/repo/sub", "/repo/reg/x.toml", false), "../reg/x.toml");
        assert_eq!(relative("/repo/", "/repo/./a/../b.toml", false), "b.toml");
        assert_eq!(relative("/repo", "/repo", false), ".");
        // A backslash is an ordinary character in a Unix file name.
        assert_eq!(relative("/r", r"/r/a\b.toml", false), r"a\b.toml");
    }

    #[test]
    fn windows_drive_paths() {
        assert_eq!(
            relative(r"C:\Users\sam\council", r"C:\Users\sam\council\data\reg\x.toml", true),
            "data/reg/x.toml"
        );
        // Drive letters and names compare without regard to case.
        assert_eq!(
            relative(r"c:\Users\Sam\council", r"C:\users\sam\council\register\x.toml", true),
            "register/x.toml"
        );
        assert_eq!(
            relative(r"C:\repo\docs", r"C:\repo\data\reg\x.toml", true),
            "../data/reg/x.toml"
        );
        // Mixed separators, and the extended prefix canonical paths carry.
        assert_eq!(
            relative(r"\\?\C:\repo", "C:/repo/data/reg/x.toml", true),
            "data/reg/x.toml"
        );
        // Another drive has no relative name.
        assert_eq!(relative(r"C:\repo", r"D:\reg\x.toml", true), "D:/reg/x.toml");
    }

    #[test]
    fn windows_unc_paths() {
        assert_eq!(
            relative(
                r"\\fileserver\shared\council",
                r"\\fileserver\shared\council\register\x.toml",
                true
            ),
            "register/x.toml"
        );
        assert_eq!(
            relative(
                r"\\?\UNC\fileserver\shared\council",
                r"\\FileServer\Shared\council\data\reg\x.toml",
                true
            ),
            "data/reg/x.toml"
        );
        assert_eq!(
            relative(r"\\fileserver\shared", r"\\other\shared\x.toml", true),
            "//other/shared/x.toml"
        );
        assert_eq!(
            relative(r"C:\repo", r"\\server\share\x.toml", true),
            "//server/share/x.toml"
        );
    }

    #[test]
    fn finds_the_work_tree_by_its_git_entry() {
        let dir = tempfile::tempdir().unwrap();
        let inner = dir.path().join("examples/broken-register/register");
        std::fs::create_dir_all(&inner).unwrap();
        assert_eq!(work_tree_root(&inner).filter(|r| r.starts_with(dir.path())), None);
        // A linked work tree has a `.git` file, not a folder.
        std::fs::write(dir.path().join(".git"), "gitdir: /elsewhere\n").unwrap();
        assert_eq!(work_tree_root(&inner).as_deref(), Some(dir.path()));
        let paths = RepoPaths::new(dir.path(), Path::new("examples/broken-register/register"));
        assert_eq!(
            paths.name("register/x.toml"),
            "examples/broken-register/register/x.toml"
        );
    }
}
