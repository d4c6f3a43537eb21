//! The hostile-input corpus: `check` over `tests/hostile/`, a register of
//! well over 60 broken or malicious files (truncated files, 10,000-deep
//! nesting, 1 MB strings, NUL bytes, invalid UTF-8, CRLF, BOMs, every key
//! with wrong types, integers past i64, NaN and infinite hours, impossible
//! dates, invisible characters, file names that are not ids or try to leave
//! the folder). `tests/hostile/README.md` lists them;
//! `scripts/make-hostile-corpus.py` makes them. Files whose names Windows
//! cannot hold (`con.toml`) are not committed: the tests run over a copy of
//! the corpus made at test time, with those files added under their real
//! names (see [`AT_TEST_TIME`]).
//!
//! Whatever is in the register, `check` must finish, exit 1, never panic,
//! and name every file in at least one diagnostic: a file it says nothing
//! about is a file an officer believes is fine. The corpus is checked both
//! as the real binary (exit status, pipes, a crash shows as a signal) and
//! in-process (what the other tests use).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{AS_OF, diagnostics, run_in};

/// The issue asks for at least this many files.
const MIN_FILES: usize = 60;

/// Far longer than a check of the corpus takes (a few seconds in a debug
/// build): a run that takes longer is hanging.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// Files committed under a safe name in `tests/hostile/at-test-time/` and
/// the names they get in the copy's register: names Git for Windows cannot
/// check out.
const AT_TEST_TIME: &[(&str, &str)] = &[("reserved-device-name.toml", "con.toml")];

/// The corpus project folder (its `partreg.toml` and `register/`): a copy
/// of `tests/hostile/` under the test build's temporary folder, made once
/// per run, with the [`AT_TEST_TIME`] files added.
fn corpus() -> PathBuf {
    static COPY: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    COPY.get_or_init(|| {
        let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        // Copies left by earlier runs (over an hour old: not a run going on now).
        for old in std::fs::read_dir(tmp).into_iter().flatten().flatten() {
            let stale = old
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > Duration::from_secs(3600)));
            if stale && old.file_name().to_string_lossy().starts_with("hostile-corpus-") {
                let _ = std::fs::remove_dir_all(old.path());
            }
        }
        let copy = tmp.join(format!("hostile-corpus-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&copy);
        std::fs::create_dir_all(copy.join("register")).unwrap();
        // The copy is its own repository, as a council's register is: CI
        // formats then name files from here (`register/…`), not from the
        // partreg checkout that holds the build folder.
        std::fs::create_dir_all(copy.join(".git")).unwrap();
        std::fs::copy(committed.join("partreg.toml"), copy.join("partreg.toml")).unwrap();
        for item in walkdir::WalkDir::new(committed.join("register")) {
            let item = item.unwrap();
            let to = copy
                .join("register")
                .join(item.path().strip_prefix(committed.join("register")).unwrap());
            if item.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(item.path(), &to).unwrap();
            }
        }
        for (stored, name) in AT_TEST_TIME {
            std::fs::copy(
                committed.join("at-test-time").join(stored),
                copy.join("register").join(name),
            )
            .unwrap();
        }
        copy
    })
    .clone()
}

/// Every entry file of the corpus as reports show it (`register/<name>.toml`),
/// sub-folders included, hidden files skipped as partreg skips them.
fn corpus_files() -> BTreeSet<String> {
    fn walk(dir: &Path, shown: &str, out: &mut BTreeSet<String>) {
        for item in std::fs::read_dir(dir).unwrap() {
            let item = item.unwrap();
            let name = item.file_name().into_string().expect("corpus file names are UTF-8");
            if name.starts_with('.') {
                continue;
            }
            let path = format!("{shown}/{name}");
            let kind = item.file_type().unwrap();
            if kind.is_dir() {
                walk(&item.path(), &path, out);
            } else if kind.is_file() && name.ends_with(".toml") {
                out.insert(path);
            }
        }
    }
    let mut files = BTreeSet::new();
    walk(&corpus().join("register"), "register", &mut files);
    files
}

/// The `check` arguments for one format.
fn check_args(format: &str) -> Vec<&str> {
    vec!["check", "--format", format, "--as-of", AS_OF]
}

/// What the real binary did.
struct Finished {
    /// The exit code, or `None` when a signal ended it (a crash).
    code: Option<i32>,
    status: std::process::ExitStatus,
    stdout: String,
    stderr: String,
}

/// Runs the real binary in the corpus folder; kills it and fails the test
/// if it runs past [`TIME_LIMIT`]. The pipes are read on their own threads
/// so that a large report cannot fill a pipe and stall the child.
fn run_binary(args: &[&str]) -> Finished {
    let mut child = Command::new(env!("CARGO_BIN_EXE_partreg"))
        .args(args)
        .current_dir(corpus())
        // Colour is partreg's own escape codes; without it any ESC in the
        // output came from the input.
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).unwrap();
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("partreg {args:?} did not finish within {TIME_LIMIT:?}; killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let text = |bytes: Vec<u8>, pipe: &str| {
        String::from_utf8(bytes).unwrap_or_else(|e| panic!("partreg {args:?} wrote non-UTF-8 to {pipe}: {e}"))
    };
    Finished {
        code: status.code(),
        status,
        stdout: text(stdout.join().unwrap(), "stdout"),
        stderr: text(stderr.join().unwrap(), "stderr"),
    }
}

/// Fails unless the run ended by itself with `expected` and without a panic
/// message. A stack overflow or other crash shows as a signal, not a code.
fn assert_clean_exit(run: &Finished, args: &[&str], expected: &[i32]) {
    assert!(
        !run.stderr.contains("panicked") && !run.stdout.contains("panicked"),
        "partreg {args:?} panicked:\n{}",
        tail(&run.stderr)
    );
    assert!(
        run.code.is_some_and(|c| expected.contains(&c)),
        "partreg {args:?} ended with {}, expected exit {expected:?}:\n{}",
        run.status,
        tail(&run.stderr)
    );
}

/// The end of a long output, for failure messages.
fn tail(text: &str) -> &str {
    let start = text.len().saturating_sub(4000);
    let start = (start..text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    &text[start..]
}

/// Checks a JSON report against the corpus: it counts every file, names
/// every file in at least one diagnostic, and names no file that is not
/// in the corpus (nothing read from outside the folder, no name mangled).
fn assert_names_every_file(report: &Value) {
    let files = corpus_files();
    assert_eq!(
        report["files"].as_u64(),
        Some(files.len() as u64),
        "the report's file count"
    );
    assert!(report["errors"].as_u64().unwrap() > 0, "the corpus has errors");
    let mut named: BTreeMap<&str, usize> = BTreeMap::new();
    for d in diagnostics(report) {
        let file = d["file"].as_str().unwrap();
        assert!(
            files.contains(file),
            "a diagnostic names {file:?}, which is not a corpus file: {d:#}"
        );
        assert!(!d["message"].as_str().unwrap().is_empty(), "{d:#}");
        *named.entry(file).or_default() += 1;
    }
    let missed: Vec<&String> = files.iter().filter(|f| !named.contains_key(f.as_str())).collect();
    assert!(
        missed.is_empty(),
        "no diagnostic names {} of the {} corpus files: {missed:#?}",
        missed.len(),
        files.len()
    );
}

#[test]
fn the_corpus_has_at_least_60_files() {
    let files = corpus_files();
    assert!(
        files.len() >= MIN_FILES,
        "only {} files in tests/hostile/register",
        files.len()
    );
    // Settings the corpus relies on (priority codes P1..P3): a missing file
    // would make every run fail for the wrong reason.
    assert!(corpus().join("partreg.toml").is_file());
    for (_, name) in AT_TEST_TIME {
        assert!(files.contains(&format!("register/{name}")), "{name} is not in the copy");
    }
}

#[test]
fn the_binary_names_every_hostile_file_and_does_not_panic() {
    let args = check_args("json");
    let run = run_binary(&args);
    // The issue allows 2 ("could not run"); the report below can only be
    // there after a run that finished its work, so in practice it is 1.
    assert_clean_exit(&run, &args, &[1, 2]);
    let report: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not a JSON report ({e}); stderr:\n{}", tail(&run.stderr)));
    assert_names_every_file(&report);
}

#[test]
fn in_process_names_every_hostile_file_and_does_not_panic() {
    // On a thread of its own, so that a hang fails the test instead of
    // stalling the whole run; a panic there arrives as a disconnect.
    let (send, receive) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        send.send(run_in(&corpus(), &check_args("json"))).unwrap();
    });
    let run = match receive.recv_timeout(TIME_LIMIT) {
        Ok(run) => run,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("check did not finish within {TIME_LIMIT:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => match worker.join() {
            Err(panic) => std::panic::resume_unwind(panic),
            Ok(()) => unreachable!("the worker sends before it ends"),
        },
    };
    assert!(!run.stderr.contains("panicked"), "{}", tail(&run.stderr));
    assert!(matches!(run.code, 1 | 2), "exit {}: {}", run.code, tail(&run.stderr));
    let report: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not a JSON report ({e}); stderr:\n{}", tail(&run.stderr)));
    assert_names_every_file(&report);
}

/// The `wrong-type-*` and `every-key-as-*` files start with
/// `# expect wrong-type: N`: N keys hold a value of a wrong type, and each
/// must be reported once, not only the first nor the table around them.
#[test]
fn every_wrong_type_is_reported_once() {
    let run = run_binary(&check_args("json"));
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let mut found: BTreeMap<String, usize> = BTreeMap::new();
    for d in diagnostics(&report).iter().filter(|d| d["code"] == "wrong-type") {
        *found.entry(d["file"].as_str().unwrap().to_string()).or_default() += 1;
    }
    let mut checked = 0;
    let mut wrong = Vec::new();
    for file in corpus_files() {
        let text = std::fs::read(corpus().join(&file)).unwrap();
        let first = text.split(|&b| b == b'\n').next().unwrap_or_default();
        let Some(n) = std::str::from_utf8(first)
            .ok()
            .and_then(|l| l.strip_prefix("# expect wrong-type: "))
        else {
            continue;
        };
        checked += 1;
        let expected: usize = n.trim().parse().unwrap();
        let got = found.get(&file).copied().unwrap_or(0);
        if got != expected {
            wrong.push(format!("{file}: {got} wrong-type diagnostics, expected {expected}"));
        }
    }
    assert!(checked >= 30, "only {checked} files say how many wrong types they hold");
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Characters that must never reach a terminal: control characters (ESC
/// starts escape sequences that recolour, move the cursor or set the window
/// title) other than line breaks, and the invisible and bidirectional
/// characters that make text display as something else (soft hyphens,
/// Hangul fillers, variation selectors and tag characters among them).
fn is_unsafe_for_a_terminal(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{115F}'..='\u{1160}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// Where the first unsafe character is, for a failure message.
fn first_unsafe(text: &str) -> Option<String> {
    let (line_no, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.chars().any(is_unsafe_for_a_terminal))?;
    let c = line.chars().find(|&c| is_unsafe_for_a_terminal(c)).unwrap();
    Some(format!("U+{:04X} on line {}: {line:?}", u32::from(c), line_no + 1))
}

#[test]
fn every_format_survives_the_corpus() {
    for format in ["human", "github", "sarif", "gitlab"] {
        let args = check_args(format);
        let run = run_binary(&args);
        assert_clean_exit(&run, &args, &[1]);
        match format {
            "human" => {
                // The findings go to stderr; nothing in either stream may
                // act on the terminal it is printed to.
                for (pipe, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
                    assert!(!text.contains('\u{1b}'), "raw ESC in human {pipe}");
                    assert!(!text.contains('\u{202E}'), "raw U+202E in human {pipe}");
                    if let Some(at) = first_unsafe(text) {
                        panic!("human {pipe} holds a character unsafe for a terminal: {at}");
                    }
                }
                for file in corpus_files() {
                    // File names are shown escaped where they hold unsafe
                    // characters; check only those that need no escaping.
                    if !file.chars().any(is_unsafe_for_a_terminal) {
                        assert!(
                            run.stderr.contains(&format!("{file}:")),
                            "human output never names {file}"
                        );
                    }
                }
            }
            "github" => {
                // Each finding is one workflow command: a line break or a
                // `::` smuggled in through a file name or value would start
                // a command of its own.
                let bad: Vec<&str> = run
                    .stdout
                    .lines()
                    .filter(|l| !(l.starts_with("::error file=register/") || l.starts_with("::warning file=register/")))
                    .take(5)
                    .collect();
                assert!(bad.is_empty(), "lines that are not partreg's own commands: {bad:#?}");
                assert!(!run.stdout.contains('\u{1b}'), "raw ESC in github output");
            }
            _ => {
                let doc: Value = serde_json::from_str(&run.stdout)
                    .unwrap_or_else(|e| panic!("{format} output is not JSON ({e}): {}", tail(&run.stdout)));
                assert!(!doc.is_null());
            }
        }
    }
}

/// Decodes `%XX` escapes; `None` when one is malformed or the result is not
/// UTF-8.
fn percent_decode(uri: &str) -> Option<String> {
    let bytes = uri.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// SARIF locations are URI references (RFC 3986): a consumer decodes them.
/// A file named `%2e%2e%2fetc.toml` written as it is would be read as
/// `register/../etc.toml`, a file outside the register, and a space or a
/// non-ASCII letter makes the URI invalid. Each file must be written so
/// that it decodes back to itself. GitLab's `location.path` is a plain path.
#[test]
fn ci_reports_point_at_every_file_itself() {
    let files = corpus_files();

    let run = run_binary(&check_args("sarif"));
    let sarif: Value = serde_json::from_str(&run.stdout).unwrap();
    let mut bad = BTreeSet::new();
    let mut named = BTreeSet::new();
    for result in sarif["runs"][0]["results"].as_array().unwrap() {
        for location in result["locations"].as_array().into_iter().flatten() {
            let uri = location["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap();
            let legal = uri
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c));
            match percent_decode(uri) {
                Some(path) if legal && files.contains(&path) => {
                    named.insert(path);
                }
                decoded => {
                    bad.insert(format!("{uri:?} (decodes to {decoded:?})"));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "SARIF URIs that are not the URI of a corpus file: {bad:#?}"
    );
    let missed: Vec<&String> = files.difference(&named).collect();
    assert!(missed.is_empty(), "SARIF results never point at {missed:#?}");

    let run = run_binary(&check_args("gitlab"));
    let gitlab: Value = serde_json::from_str(&run.stdout).unwrap();
    let named: BTreeSet<String> = gitlab
        .as_array()
        .unwrap()
        .iter()
        .map(|issue| issue["location"]["path"].as_str().unwrap().to_string())
        .collect();
    let missed: Vec<&String> = files.difference(&named).collect();
    assert!(missed.is_empty(), "GitLab issues never point at {missed:#?}");
    let strangers: Vec<&String> = named.difference(&files).collect();
    assert!(
        strangers.is_empty(),
        "GitLab issues point at files not in the corpus: {strangers:#?}"
    );
}
