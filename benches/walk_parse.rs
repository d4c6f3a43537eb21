//! `walk_parse`: the "bare program" baseline that partreg's performance is
//! measured against.
//!
//! It does the least work any Rust program must do to look at a register:
//! walk the register folder with `walkdir` (no symlink following, hidden
//! entries skipped), read every `*.toml` file into a `String` and parse it
//! the ordinary way, with `toml::from_str::<toml::Table>`. It is
//! single-threaded and deliberately straightforward: no schema, no checks, no
//! output beyond one summary line.
//!
//! `scripts/bench.sh` runs it side by side with `partreg check` on the same
//! generated register (from `shared/bench/gen-register.py`), in the same
//! hyperfine invocation, and reports partreg's time as a ratio to this one.
//! Ratios measured in one run on one machine stay meaningful where absolute
//! times would not (see `docs/performance.md`).
//!
//! Usage: `walk_parse REGISTER_DIR`, where `REGISTER_DIR` is the folder that
//! holds the entries (for example `target/bench-registers/10000/register`).
//! It prints `files=N errors=M` to stdout, where `errors` counts walk, read
//! and parse failures, and exits 0 whatever it found; it exits non-zero only
//! when `REGISTER_DIR` is not a readable folder.
//!
//! Arguments starting with `-` (such as the `--bench` that `cargo bench`
//! passes) are ignored. With no folder it prints usage to stderr and exits 0,
//! so a plain `cargo bench` does not fail.

use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use walkdir::{DirEntry, WalkDir};

const USAGE: &str = "usage: walk_parse REGISTER_DIR\n\
    Walks REGISTER_DIR, reads and TOML-parses every *.toml file, and prints \
    `files=N errors=M`.\n\
    The baseline for scripts/bench.sh; see docs/performance.md.";

/// Totals for one walk over a register folder.
#[derive(Debug, Default)]
struct Counts {
    /// `*.toml` files found (whether or not they could be read and parsed).
    files: u64,
    /// Walk errors, plus files that could not be read or did not parse.
    errors: u64,
}

/// A hidden entry is one whose name starts with a dot. The root itself is
/// never treated as hidden, so `.` or `./register` can be passed.
fn is_hidden(entry: &DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.')
}

fn is_toml_file(entry: &DirEntry) -> bool {
    entry.file_type().is_file() && entry.path().extension().is_some_and(|ext| ext == "toml")
}

fn walk_parse(root: &Path) -> Counts {
    let mut counts = Counts::default();
    let walker = WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| !is_hidden(e));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(_) => {
                counts.errors += 1;
                continue;
            }
        };
        if !is_toml_file(&entry) {
            continue;
        }
        counts.files += 1;
        let parsed = std::fs::read_to_string(entry.path())
            .ok()
            .and_then(|text| toml::from_str::<toml::Table>(&text).ok());
        match black_box(parsed) {
            Some(_) => {}
            None => counts.errors += 1,
        }
    }
    counts
}

/// Parses the arguments and measures; the summary goes to `out`, usage to `err`.
fn run(out: &mut impl Write, err: &mut impl Write) -> Result<ExitCode> {
    let mut folders = Vec::new();
    for arg in std::env::args_os().skip(1) {
        if arg == "-h" || arg == "--help" {
            writeln!(err, "{USAGE}")?;
            return Ok(ExitCode::SUCCESS);
        }
        if arg.to_string_lossy().starts_with('-') {
            // `cargo bench` passes `--bench`; harness-style flags mean nothing here.
            continue;
        }
        folders.push(PathBuf::from(arg));
    }
    let root = match folders.as_slice() {
        [] => {
            writeln!(err, "walk_parse: no register folder given, nothing measured.\n{USAGE}")?;
            return Ok(ExitCode::SUCCESS);
        }
        [root] => root,
        _ => bail!("expected one register folder, got {}\n{USAGE}", folders.len()),
    };
    let meta = std::fs::metadata(root).with_context(|| format!("cannot read register folder {}", root.display()))?;
    if !meta.is_dir() {
        bail!("{} is not a folder", root.display());
    }
    let counts = walk_parse(root);
    writeln!(out, "files={} errors={}", counts.files, counts.errors)?;
    Ok(ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let mut err = std::io::stderr().lock();
    match run(&mut std::io::stdout().lock(), &mut err) {
        Ok(code) => code,
        Err(e) => {
            // Nothing more can be done if stderr itself cannot be written.
            let _ = writeln!(err, "walk_parse: {e:#}");
            ExitCode::from(2)
        }
    }
}
