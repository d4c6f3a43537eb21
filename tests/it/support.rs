//! Helpers that make each integration test a few lines: a temporary
//! project with settings and a register folder, a complete valid entry to
//! start from, and ways to run partreg in-process, as the real binary, or
//! in a tmux session to see its screen ([`Tmux`]).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The "today" every test uses, so that date rules give the same answers
/// whenever the tests run.
pub const AS_OF: &str = "2026-11-30";

/// A complete, valid active entry as of [`AS_OF`]: every check passes.
pub const VALID: &str = r#"#:schema ../schemas/partnership.schema.json

# A test partnership.
name = "Test Waste Partnership"
lead_partner = "Norfolk County Council"
partners = ["Norfolk County Council", "South Norfolk Council"]
status = "active"
function = "To plan and deliver household waste services jointly."
objectives = ["Raise recycling rates", "Cut contamination"]
kind = "operational"
statutory = false
governance = "formal-legal"
role = "influence"
meeting_frequency = "quarterly"
priorities = ["P1", "P2"]
staff_hours_per_month = 6
budget_contribution_gbp = 12000
budgeted = true
budget_source = "Waste services revenue budget"
exit_impact = "Short-term disruption to recycling contracts."
value_summary = "Shared contracts and better prices."
information_sharing = "Minutes go to the portfolio holder."
comments = "Keep under review."
started = 2015-04-01
documents = ["https://example.org/terms.pdf"]
lead_officer = "Head of Waste"

[[representatives]]
name = "Cllr Ann Brown"
level = "member"
position = "Board member"
appointed = 2023-05-25
term_ends = 2027-05-01
roles = ["report-to-council", "monitor-performance"]

[risk]
failure_impact = "medium"
priority_impact = "medium"
reputation = "low"
administration = "medium"
overall = "medium"

[value]
corporate_plan = "high"
cost_reduction = "medium"
external_funding = "low"
reputation = "medium"
service_delivery = "high"
overall = "medium"

[reporting]
frequency = "quarterly"
responsible = "Head of Waste"
reports_to = "portfolio-holder"

[approval]
by = "cmt"
date = 2015-03-01
portfolio_holder = "Cllr Pat Jones"

[[reviews]]
year = 2026
date = 2026-06-15
reviewer = "CI&P Team"
outcome = "continue"
notes = "Performing well."
"#;

/// The `add` flags, besides `--name`, of a complete proposed partnership.
pub const COMPLETE_PROPOSED: &[&str] = &[
    "--lead-partner",
    "L",
    "--function",
    "F",
    "--kind",
    "strategic",
    "--statutory",
    "no",
    "--governance",
    "informal",
    "--role",
    "information",
    "--meeting-frequency",
    "ad-hoc",
    "--staff-hours-per-month",
    "1",
    "--budget-contribution-gbp",
    "0",
    "--exit-impact",
    "E",
    "--value-summary",
    "V",
    "--information-sharing",
    "I",
];

/// The settings every test project starts with.
pub const SETTINGS: &str = r#"council = "Test District Council"

[priorities]
P1 = "Growth"
P2 = "Communities"
P3 = "Environment"
"#;

/// A throwaway project folder: `partreg.toml` and `register/`.
pub struct Project {
    pub dir: tempfile::TempDir,
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: u8,
    pub stdout: String,
    pub stderr: String,
}

impl Project {
    /// A project with [`SETTINGS`] and an empty register folder.
    pub fn new() -> Self {
        let project = Project::bare();
        project.write("partreg.toml", SETTINGS);
        std::fs::create_dir_all(project.path("register")).unwrap();
        project
    }

    /// An empty folder.
    pub fn bare() -> Self {
        Project {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes a file, creating its folders.
    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Self {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Runs partreg in-process in this folder.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.dir.path(), args)
    }

    /// `check --format json --as-of AS_OF` plus `args`, parsed.
    pub fn check_json(&self, args: &[&str]) -> (u8, Value) {
        let mut all = vec!["check", "--format", "json", "--as-of", AS_OF];
        all.extend_from_slice(args);
        let run = self.run(&all);
        let json = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", run.stdout, run.stderr));
        (run.code, json)
    }
}

/// Runs partreg in-process with `cwd` as the working folder.
pub fn run_in(cwd: &Path, args: &[&str]) -> Run {
    run_with(cwd, args, None)
}

/// Runs partreg in-process with someone answering its questions.
pub fn run_with(cwd: &Path, args: &[&str], prompter: Option<&mut dyn partreg::terminal::prompt::Prompter>) -> Run {
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let mut env = partreg::Env {
        cwd: cwd.to_path_buf(),
        stdout: &mut stdout,
        stderr: &mut stderr,
        stderr_is_terminal: false,
        stdout_is_terminal: false,
        stdout_width: None,
        // Reborrow for the buffers' shorter lifetime.
        prompter: prompter.map(|p| p as &mut dyn partreg::terminal::prompt::Prompter),
    };
    let argv = std::iter::once("partreg").chain(args.iter().copied()).map(Into::into);
    let code = partreg::run(argv, &mut env);
    Run {
        code,
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

/// Runs the real binary, for what only a process shows (exit status, pipes).
pub fn binary(cwd: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_partreg"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

/// The diagnostics of a JSON report.
pub fn diagnostics(report: &Value) -> &Vec<Value> {
    report["diagnostics"].as_array().unwrap()
}

/// The codes of a JSON report, in order.
pub fn codes(report: &Value) -> Vec<String> {
    diagnostics(report)
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// The 1-based line and column where `needle` first occurs in `text`,
/// counting columns in characters: what a diagnostic should point at. A `|`
/// in the needle marks the place within it: `"kind = |"` points after `= `.
pub fn position_of(text: &str, needle: &str) -> (u64, u64) {
    let (context, rest) = needle.split_once('|').unwrap_or(("", needle));
    let whole = format!("{context}{rest}");
    let at = text.find(&whole).unwrap_or_else(|| panic!("{whole:?} not in fixture")) + context.len();
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line as u64, column as u64)
}

/// Says why a test that needs an outside tool did nothing: `cargo test`
/// must pass with only the Rust toolchain, and the reason shows with
/// `--nocapture` (and in the output of a failing run).
#[allow(clippy::print_stdout)]
pub fn skip(reason: &str) {
    println!("skipped: {reason}");
}

/// `partreg add --as-of AS_OF` plus `args` running in a detached tmux
/// session `columns` wide, for what the screen shows
/// (a pseudo-terminal's stream holds every row ever written; tmux keeps
/// only what is on the screen, as an officer sees it).
#[cfg(unix)]
pub struct Tmux {
    /// The server's socket, in a folder of its own that goes with it (a
    /// named socket under /tmp would outlive the test).
    socket: PathBuf,
    _dir: tempfile::TempDir,
}

#[cfg(unix)]
impl Tmux {
    /// `None` when tmux is not installed (the test then says so and passes).
    pub fn start(project: &Project, columns: u16, args: &[&str]) -> Option<Tmux> {
        let dir = tempfile::tempdir().ok()?;
        let socket = dir.path().join("tmux");
        let mut cmd = std::process::Command::new("tmux");
        cmd.arg("-S")
            .arg(&socket)
            .args(["-f", "/dev/null", "new-session", "-d", "-s", "t"])
            .args(["-x", &columns.to_string(), "-y", "40", "-c"])
            .arg(project.dir.path())
            .args(["--", env!("CARGO_BIN_EXE_partreg"), "add", "--as-of", AS_OF])
            .args(args)
            .env_remove("CI");
        match cmd.status() {
            Ok(s) if s.success() => Some(Tmux { socket, _dir: dir }),
            _ => None,
        }
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = std::process::Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The screen, without the empty rows below the cursor.
    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t"]).trim_end().to_string()
    }

    /// Waits until the screen's last rows hold `text`; returns the screen.
    pub fn wait_for(&self, text: &str) -> String {
        for _ in 0..200 {
            let screen = self.screen();
            let tail: Vec<&str> = screen.lines().rev().take(12).collect();
            if tail.iter().any(|row| row.contains(text)) {
                std::thread::sleep(std::time::Duration::from_millis(150));
                return screen;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("{text:?} never showed; the screen:\n{}", self.screen());
    }

    /// Waits for `text`, then sends tmux key names (`Enter`, `Escape`,
    /// `Down`) or, for anything else, the characters typed.
    pub fn answer(&self, text: &str, keys: &[&str]) -> String {
        let screen = self.wait_for(text);
        for key in keys {
            if ["Enter", "Escape", "Down", "Up", "End", "Home"].contains(key) {
                self.tmux(&["send-keys", "-t", "t", key]);
            } else {
                self.tmux(&["send-keys", "-t", "t", "-l", key]);
            }
            std::thread::sleep(std::time::Duration::from_millis(60));
        }
        screen
    }
}

#[cfg(unix)]
impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}
