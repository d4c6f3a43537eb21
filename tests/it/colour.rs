//! One colour rule for all output, clap's help and errors included:
//! `--color always|never` wins, then `NO_COLOR`, then whether that stream
//! is a terminal.

use std::process::{Command, Output};

use crate::support::Project;

const ESC: char = '\u{1b}';

fn partreg(project: &Project, args: &[&str], no_color: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_partreg"));
    cmd.args(args).current_dir(project.dir.path()).env_remove("NO_COLOR");
    if let Some(v) = no_color {
        cmd.env("NO_COLOR", v);
    }
    cmd.output().unwrap()
}

fn coloured(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes).contains(ESC)
}

#[test]
fn help_follows_the_flag_before_no_color() {
    let project = Project::new();
    for args in [
        &["--help", "--color", "never"][..],
        &["--color=never", "check", "--help"],
    ] {
        let out = partreg(&project, args, None);
        assert_eq!(out.status.code(), Some(0));
        assert!(!coloured(&out.stdout), "{args:?} has escape codes");
    }
    for args in [
        &["--color", "always", "--help"][..],
        &["check", "--color", "always", "--help"],
    ] {
        let out = partreg(&project, args, Some("1"));
        assert!(coloured(&out.stdout), "{args:?} with NO_COLOR=1: the flag wins");
    }
    // Into a file or pipe, with no flag: plain.
    assert!(!coloured(&partreg(&project, &["--help"], None).stdout));
}

#[test]
fn clap_errors_follow_the_same_rule() {
    let project = Project::new();
    let plain = partreg(&project, &["check", "--format", "yaml", "--color", "never"], None);
    assert_eq!(plain.status.code(), Some(2));
    assert!(!coloured(&plain.stderr) && String::from_utf8_lossy(&plain.stderr).contains("yaml"));
    let forced = partreg(&project, &["--color", "always", "check", "--format", "yaml"], Some("1"));
    assert_eq!(forced.status.code(), Some(2));
    assert!(coloured(&forced.stderr), "{}", String::from_utf8_lossy(&forced.stderr));
}

#[test]
fn findings_follow_the_flag_then_no_color() {
    let project = Project::new();
    project.write("register/x.toml", "name = 1\n");
    assert!(
        !coloured(&partreg(&project, &["check"], None).stderr),
        "not a terminal: no colour"
    );
    let forced = partreg(&project, &["--color", "always", "check"], Some("1"));
    assert!(coloured(&forced.stderr), "--color always beats NO_COLOR");
    assert!(String::from_utf8_lossy(&forced.stderr).contains("error["));
    let after = partreg(&project, &["check", "--color", "always"], None);
    assert!(coloured(&after.stderr), "--color after the command name counts too");
    let never = partreg(&project, &["--color", "always", "check", "--color", "never"], None);
    assert!(
        !coloured(&never.stderr),
        "the command's own --color wins over the one before it"
    );
}

#[cfg(unix)]
mod terminal {
    //! The default, `auto`, seen from a real terminal.

    use std::process::Command;

    use rexpect::session::spawn_command;

    /// Everything `partreg ARGS` prints to a pseudo-terminal.
    fn on_a_terminal(args: &[&str], no_color: Option<&str>) -> String {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_partreg"));
        cmd.args(args).env_remove("NO_COLOR").env("TERM", "xterm");
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        let mut session = spawn_command(cmd, Some(20_000)).unwrap();
        session.exp_eof().unwrap()
    }

    #[test]
    fn colour_on_a_terminal_unless_no_color() {
        assert!(
            on_a_terminal(&["--help"], None).contains(super::ESC),
            "help on a terminal is coloured"
        );
        assert!(
            !on_a_terminal(&["--help"], Some("1")).contains(super::ESC),
            "NO_COLOR=1"
        );
        assert!(
            on_a_terminal(&["--help"], Some("")).contains(super::ESC),
            "an empty NO_COLOR counts as unset"
        );
        assert!(!on_a_terminal(&["--help", "--color", "never"], None).contains(super::ESC));
        let error = on_a_terminal(&["check", "--format", "yaml"], None);
        assert!(error.contains(super::ESC) && error.contains("yaml"), "{error:?}");
    }
}
