//! Shell completion asked of the real shells: the script `partreg
//! completions SHELL` prints is loaded into bash, zsh and fish, and each is
//! asked to complete options whose values come from a closed list. Each
//! test skips, saying why, when its shell is not installed.

use std::path::Path;
use std::process::Command;

use crate::support::Project;

/// What partreg is asked to complete, and values each answer must hold.
const CASES: &[(&str, &[&str])] = &[
    (
        "partreg list --sort ",
        &["id", "lead-partner", "budget", "recommendation"],
    ),
    (
        "partreg list --status ",
        &["proposed", "active", "exiting", "exited", "declined"],
    ),
    (
        "partreg check --format ",
        &["human", "json", "github", "sarif", "gitlab"],
    ),
    ("partreg review --outcome ", &["continue", "renegotiate", "exit"]),
    ("partreg add --kind ", &["strategic", "operational"]),
    (
        "partreg add --meeting-frequency ",
        &["quarterly", "half-yearly", "ad-hoc"],
    ),
    ("partreg check --color ", &["auto", "always", "never"]),
    ("partreg --color ", &["auto", "always", "never"]),
    ("partreg completions ", &["bash", "zsh", "fish"]),
    ("partreg schema --for ", &["assess-matrix", "check", "review", "show"]),
];

/// Whether `shell` can be run; prints why the test is skipped when not.
fn have(shell: &str) -> bool {
    let found = Command::new(shell)
        .arg("-c")
        .arg("true")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        crate::support::skip(&format!("{shell} is not installed (apt-get install {shell})"));
    }
    found
}

/// The completion script for `shell`, written into `dir`.
fn script(dir: &Path, shell: &str, name: &str) -> std::path::PathBuf {
    let out = crate::support::binary(dir, &["completions", shell]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let path = dir.join(name);
    std::fs::write(&path, out.stdout).unwrap();
    path
}

/// What `shell -c program` prints, run in `dir`.
fn ask(shell: &str, program: &str, dir: &Path) -> String {
    let out = Command::new(shell)
        .arg("-c")
        .arg(program)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{shell}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn assert_offers(shell: &str, line: &str, answer: &str, wanted: &[&str]) {
    let words: Vec<&str> = answer.split_whitespace().collect();
    for w in wanted {
        assert!(
            words.contains(w),
            "{shell}: `{line}` should offer {w:?}; it offered:\n{answer}"
        );
    }
    // Values, not the file names in the folder (the old behaviour).
    assert!(
        !words.contains(&"bash.sh"),
        "{shell}: `{line}` offered file names:\n{answer}"
    );
}

#[test]
fn bash_completes_the_values_of_options() {
    if !have("bash") {
        return;
    }
    let project = Project::new();
    let dir = project.dir.path();
    let script = script(dir, "bash", "bash.sh");
    for (line, wanted) in CASES {
        let words: Vec<&str> = line.split_whitespace().collect();
        let prev = words[words.len() - 1];
        // What bash sets before it calls a completion function.
        let program = format!(
            "source {script:?}; COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; \
             COMP_WORDS=({} ''); COMP_CWORD={}; _partreg partreg '' {prev}; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            words.join(" "),
            words.len()
        );
        assert_offers("bash", line, &ask("bash", &program, dir), wanted);
    }
}

#[test]
fn fish_completes_the_values_of_options() {
    if !have("fish") {
        return;
    }
    let project = Project::new();
    let dir = project.dir.path();
    let script = script(dir, "fish", "partreg.fish");
    // clap_complete writes no fish completions for a positional argument's
    // values (`partreg completions SHELL`); bash and zsh get them.
    for (line, wanted) in CASES.iter().filter(|(l, _)| !l.starts_with("partreg completions")) {
        // clap_complete's fish script sees a top-level option without its
        // value yet as no command at all, so fish is asked the `--opt=` way
        // there (as fish itself offers it); values after a command work.
        let line = &if *line == "partreg --color " {
            "partreg --color=".to_string()
        } else {
            line.to_string()
        };
        let program = format!("source {script:?}; complete -C '{line}'");
        // Each line is a value, then a tab and its description.
        let values: String = ask("fish", &program, dir)
            .lines()
            .map(|l| {
                l.split('\t')
                    .next()
                    .unwrap_or_default()
                    .trim_start_matches("--color=")
                    .to_string()
                    + "\n"
            })
            .collect();
        assert_offers("fish", line, &values, wanted);
    }
}

/// zsh's completion system runs only in an interactive line editor, so the
/// test drives an interactive zsh in a pseudo-terminal (`zsh/zpty`), types
/// each line and a Tab, and reads the listing zsh prints.
#[test]
fn zsh_completes_the_values_of_options() {
    if !have("zsh") {
        return;
    }
    let project = Project::new();
    let dir = project.dir.path();
    std::fs::create_dir(dir.join("zfunc")).unwrap();
    script(&dir.join("zfunc"), "zsh", "_partreg");
    let driver = r#"
zmodload zsh/zpty || exit 3
zpty z 'zsh -f -i'
zpty -w z "PS1='> '; fpath=($PWD/zfunc \$fpath); autoload -Uz compinit; compinit -u -D; zstyle ':completion:*' list-prompt ''; unsetopt beep; LISTMAX=1000"
sleep 1
for line in "$@"; do
  zpty -w -n z "$line"$'\t'
  sleep 1.5
  out=''
  while zpty -r -t z chunk; do out+=$chunk; done
  print -r -- "=== $line"
  print -r -- "$out"
  zpty -w -n z $'\C-u'
  sleep 0.2
done
zpty -d z
"#;
    let lines: Vec<&str> = CASES.iter().map(|(l, _)| *l).collect();
    let out = Command::new("zsh")
        .args(["-f", "-c", driver, "zsh"])
        .args(&lines)
        .current_dir(dir)
        .env("TERM", "dumb")
        .output()
        .unwrap();
    assert!(out.status.success(), "zsh: {}", String::from_utf8_lossy(&out.stderr));
    let text = strip_escapes(&String::from_utf8_lossy(&out.stdout));
    for (line, wanted) in CASES {
        let answer = text
            .split(&format!("=== {line}\n"))
            .nth(1)
            .and_then(|rest| rest.split("=== ").next())
            .unwrap_or_else(|| panic!("zsh gave no answer for `{line}`:\n{text}"));
        assert_offers("zsh", line, answer, wanted);
    }
}

/// Terminal output without its control sequences, so words stand apart.
fn strip_escapes(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => {
                // CSI: ESC [ parameters, then one final letter.
                if chars.peek() == Some(&'[') {
                    chars.next();
                    for c in chars.by_ref() {
                        if c.is_ascii_alphabetic() || c == '~' {
                            break;
                        }
                    }
                }
                out.push(' ');
            }
            '\r' | '\u{8}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
