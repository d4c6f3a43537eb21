//! Loading every entry in the register with its diagnostics (finding the
//! project first is [`super::project`], re-exported here).
//!
//! Loading never stops at a bad file: each file's faults become diagnostics
//! and the run goes on, so one `check` shows everything. Only faults that
//! make the whole run meaningless (no register folder, broken settings) are
//! errors here.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::bail;

use crate::diagnostic::{Code, Diagnostic, Location, Source, quote};
use crate::model::{Date, Entry};
use crate::policy::rules::{self, RuleContext};
use crate::store::decode::{self, Decoder};

pub use super::names::normalise_name;
pub use super::project::{Project, SETTINGS_FILE, one_line};

/// Files larger than this are refused: a real entry is a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

pub(super) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// One register file after loading.
#[derive(Debug)]
pub struct LoadedEntry {
    /// The id: the file name without `.toml`.
    pub id: String,
    /// The file as shown to people (see [`Project::display_path`]).
    pub file: String,
    pub path: PathBuf,
    /// The entry, when the file decoded without errors in its shape. Boxed:
    /// an entry is over 1 KB and most of a [`LoadedEntry`] would otherwise
    /// be its room, reserved even when `check` keeps no entries.
    pub entry: Option<Box<Entry>>,
    /// The name as written and where it is, for cross-file findings; kept
    /// even when other parts of the file are wrong.
    pub(super) name: Option<(String, Location)>,
    /// The name's comparison key ([`normalise_name`]), made on the thread
    /// that loaded the file rather than on the one the cross-file rules run
    /// on; taken by them.
    pub(super) name_key: Option<String>,
    /// This file's own findings.
    pub diagnostics: Vec<Diagnostic>,
}

/// The whole register, loaded.
#[derive(Debug, Default)]
pub struct Register {
    /// Every entry file, sorted by path.
    pub entries: Vec<LoadedEntry>,
    /// Folders that could not be read while walking.
    pub walk_diagnostics: Vec<Diagnostic>,
}

impl Register {
    /// Every finding, sorted.
    pub fn diagnostics(&self) -> Vec<&Diagnostic> {
        crate::diagnostic::sorted(
            self.entries
                .iter()
                .map(|e| e.diagnostics.as_slice())
                .chain(self.walk_diagnostics.iter().map(std::slice::from_ref)),
        )
    }

    /// Gives every finding's file the name `rename` makes of it, in place:
    /// machine formats name files as the repository does, and renaming the
    /// findings themselves (one name a file, shared) spares a copy of every
    /// finding. The findings' order is then no longer sorted: take them
    /// through [`Register::diagnostics`] or [`crate::diagnostic::sorted`].
    pub fn rename_files(&mut self, rename: impl Fn(&str) -> String + Sync) {
        let rename_entries = |entries: &mut [LoadedEntry]| {
            for e in entries {
                let Some(first) = e.diagnostics.first() else { continue };
                let old = std::sync::Arc::clone(&first.file);
                let new: std::sync::Arc<str> = rename(&old).into();
                for d in &mut e.diagnostics {
                    d.file = if d.file == old {
                        std::sync::Arc::clone(&new)
                    } else {
                        rename(&d.file).into()
                    };
                }
            }
        };
        // On two threads when there are many: this runs after the files
        // are read, while the other core would sit idle.
        if self.entries.len() < 1024 {
            rename_entries(&mut self.entries);
        } else {
            let half = self.entries.len() / 2;
            let (first, second) = self.entries.split_at_mut(half);
            std::thread::scope(|scope| {
                scope.spawn(|| rename_entries(second));
                rename_entries(first);
            });
        }
        for d in &mut self.walk_diagnostics {
            d.file = rename(&d.file).into();
        }
    }

    /// The file with this id, or an error that suggests the nearest one.
    pub fn find(&self, id: &str) -> anyhow::Result<&LoadedEntry> {
        let wanted = id.trim().trim_end_matches(".toml");
        if let Some(e) = self.entries.iter().find(|e| e.id == wanted) {
            return Ok(e);
        }
        let ids = || self.entries.iter().map(|e| e.id.as_str());
        let hint = crate::diagnostic::hint::did_you_mean(wanted, ids())
            .or_else(|| ids().find(|id| !wanted.is_empty() && id.starts_with(wanted)))
            .map(|near| format!("; did you mean {near}?"))
            .unwrap_or_else(|| "; `partreg assess --all` lists every id".to_string());
        bail!("there is no partnership with the id {wanted:?} in the register{hint}")
    }

    /// The entry with this id, for a command that needs to read or change
    /// it: an error when its file cannot be read into an entry.
    pub fn find_entry(&self, id: &str) -> anyhow::Result<(&LoadedEntry, &Entry)> {
        let target = self.find(id)?;
        match &target.entry {
            Some(entry) => Ok((target, &**entry)),
            None => bail!(
                "{} has errors; fix them first (`partreg check {}` shows them)",
                target.file,
                target.file
            ),
        }
    }

    /// Lets go of the register without freeing it piece by piece, for a
    /// command that ends the process next, which gives all its memory back
    /// at once: freeing 10,000 entries and their findings one by one took a
    /// tenth to a quarter of `check`'s, `programme`'s and `appointments`'
    /// time, on the one thread left running at the end. (It is only
    /// memory: the register holds no file or lock.)
    pub fn leave(self) {
        std::mem::forget(self);
    }

    /// The entries that decoded cleanly, with their ids.
    pub fn valid(&self) -> impl Iterator<Item = (&str, &Entry)> {
        self.entries
            .iter()
            .filter_map(|e| e.entry.as_deref().map(|entry| (e.id.as_str(), entry)))
    }
}

/// Options that change what the rules conclude.
#[derive(Clone, Copy, Debug)]
pub struct LoadOptions {
    pub as_of: Date,
}

/// Loads every entry under the register folder, plus any `extra` files
/// (given on the command line from outside it), and applies all the rules.
pub fn load(project: &Project, extra: &[PathBuf], options: LoadOptions) -> Register {
    load_with(project, extra, options, Keep::Entries)
}

/// Like [`load`], with `trim` applied to each decoded entry once its rules
/// have run, on the thread that loaded it: what `trim` frees is reused for
/// the next file there instead of staying in that thread's part of the
/// heap (`review` sheds the text its pack never shows).
pub fn load_trimmed(project: &Project, options: LoadOptions, trim: fn(&mut Entry)) -> Register {
    load_with(project, &[], options, Keep::Trimmed(trim))
}

/// Like [`load`], for `check`: only the findings are kept, not the decoded
/// entries (`entry` is always `None`), which halves the memory a large
/// register needs.
pub fn load_findings(project: &Project, extra: &[PathBuf], options: LoadOptions) -> Register {
    load_with(project, extra, options, Keep::Findings)
}

/// What loading keeps of each decoded entry.
#[derive(Clone, Copy)]
enum Keep {
    Findings,
    Entries,
    Trimmed(fn(&mut Entry)),
}

fn load_with(project: &Project, extra: &[PathBuf], options: LoadOptions, keep: Keep) -> Register {
    let mut register = Register::default();
    let cx = project.rule_context(options.as_of);
    register.entries = load_all(project, extra, &cx, keep, &mut register.walk_diagnostics);
    // The files were loaded in whatever order the threads took them.
    register.entries.sort_by(|a, b| a.file.cmp(&b.file));
    super::names::cross_file_rules(&mut register.entries);
    register
}

/// Files are handed to the loading threads in batches of this many: few
/// enough trips to the shared queue, small enough to keep both busy to the end.
const BATCH: usize = 16;

/// Walks the register and loads its files (and `extra`) on every available
/// core. Each file is independent until the cross-file rules, so the walk
/// hands out files as it finds them, in batches, to threads that take the
/// next batch when they are done: loading starts before the walk ends, and
/// the walking thread loads too once it has walked.
fn load_all(
    project: &Project,
    extra: &[PathBuf],
    cx: &RuleContext<'_>,
    keep: Keep,
    walk_diagnostics: &mut Vec<Diagnostic>,
) -> Vec<LoadedEntry> {
    let load = |p: &PathBuf| {
        let mut loaded = load_file(p, project.display_path(p), cx);
        match (keep, loaded.entry.as_deref_mut()) {
            (Keep::Findings, _) => loaded.entry = None,
            (Keep::Trimmed(trim), Some(entry)) => trim(entry),
            _ => {}
        }
        loaded
    };
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if threads < 2 {
        let mut paths = Vec::new();
        walk(&project.register_dir, project, &mut paths, walk_diagnostics);
        paths.extend(extra.iter().cloned());
        return paths.iter().map(load).collect();
    }
    // Each file carries its place in the walk, so that the result is in the
    // walk's order whichever thread loaded what.
    let (send, receive) = std::sync::mpsc::channel::<Vec<(usize, PathBuf)>>();
    let queue = std::sync::Mutex::new(receive);
    // Takes batches until the walk is over and the queue empty.
    let work = || {
        let mut done = Vec::new();
        loop {
            // A poisoned lock means another loader panicked; that panic
            // surfaces when the threads are joined.
            let next = match queue.lock() {
                Ok(receiver) => receiver.recv(),
                Err(_) => break,
            };
            let Ok(batch) = next else { break };
            done.extend(batch.iter().map(|(at, path)| (*at, load(path))));
        }
        done
    };
    std::thread::scope(|scope| {
        // `check` (which keeps only findings) starts a loader for every
        // core besides the walking thread, which joins in once it has
        // walked: measured a tenth faster at 10,000 entries. The reports
        // start one fewer: a third thread's part of the heap put `review`
        // over its 64 MiB.
        let loaders = if matches!(keep, Keep::Findings) {
            threads
        } else {
            threads - 1
        };
        let workers: Vec<_> = (0..loaders).map(|_| scope.spawn(work)).collect();
        let mut batch = Vec::with_capacity(BATCH);
        let mut walked = 0;
        let mut found = |path| {
            batch.push((walked, path));
            walked += 1;
            if batch.len() == BATCH {
                // The receivers live until every batch is taken.
                let _ = send.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
            }
        };
        walk_each(&project.register_dir, project, walk_diagnostics, &mut found);
        extra.iter().cloned().for_each(&mut found);
        let _ = send.send(batch);
        drop(send);
        let mut all = work();
        for worker in workers {
            match worker.join() {
                Ok(part) => all.extend(part),
                // A panic in a worker is a bug; let it surface as one.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all.sort_unstable_by_key(|(at, _)| *at);
        all.into_iter().map(|(_, loaded)| loaded).collect()
    })
}

/// Collects the `*.toml` files below `dir`: hidden entries skipped, symbolic
/// links not followed, in the order the file system lists them. Callers
/// sort what they load by file name (as [`load`] does): sorting each folder
/// while walking compared the names' paths over and over, a twentieth of
/// `check`'s work, for an order that was then sorted again.
pub fn walk(dir: &Path, project: &Project, paths: &mut Vec<PathBuf>, diags: &mut Vec<Diagnostic>) {
    walk_each(dir, project, diags, &mut |path| paths.push(path));
}

/// [`walk`], handing each file to `found` as it is found.
fn walk_each(dir: &Path, project: &Project, diags: &mut Vec<Diagnostic>, found: &mut dyn FnMut(PathBuf)) {
    /// Whether a file name is one of partreg's temporary files,
    /// `.partreg-NAME-XXXXXX.tmp` (see `store::atomic`).
    fn is_temp_name(name: &str) -> bool {
        name.starts_with(".partreg-") && name.ends_with(".tmp")
    }
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            // Hidden entries are skipped, but for partreg's own temporary files, which are reported.
            e.depth() == 0 || !name.starts_with('.') || (e.file_type().is_file() && is_temp_name(&name))
        });
    for item in walker {
        match item {
            // Left by a partreg stopped part-way through a write; never
            // removed here, since it may be a live write of a running partreg.
            Ok(e) if e.file_type().is_file() && is_temp_name(&e.file_name().to_string_lossy()) => {
                diags.push(Diagnostic::about_file(
                    &project.display_path(e.path()),
                    Code::LeftoverTempFile,
                    "a temporary file left by a partreg that was stopped or killed while writing; it is not an entry and is not read",
                    Some("delete it once no partreg is running (a write in progress lasts a moment; this one was never finished)"),
                ));
            }
            Ok(e) if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "toml") => {
                found(e.into_path());
            }
            // `x.TOML` is not read (on Linux it is a different name from
            // `x.toml`), but silently leaving out an entry would hide it.
            Ok(e)
                if e.file_type().is_file() && e.path().extension().is_some_and(|x| x.eq_ignore_ascii_case("toml")) =>
            {
                let lower = e.path().with_extension("toml");
                let renamed = lower
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let hint = format!("rename it to {renamed} (with `git mv` if the register is in git)");
                diags.push(Diagnostic::about_file(
                    &project.display_path(e.path()),
                    Code::UppercaseExtension,
                    "this file is not checked: entry files end in lower-case `.toml`",
                    Some(&hint),
                ));
            }
            Ok(_) => {}
            Err(err) => {
                let shown = err
                    .path()
                    .map_or_else(|| project.display_path(dir), |p| project.display_path(p));
                let message = format!(
                    "cannot read this folder: {}",
                    err.io_error()
                        .map_or_else(|| "it loops back on itself".to_string(), io_reason)
                );
                diags.push(Diagnostic::about_file(&shown, Code::Unreadable, message, None));
            }
        }
    }
}

/// The reason behind an I/O error in plain words ("permission denied"),
/// without the operating system's error number.
fn io_reason(err: &std::io::Error) -> String {
    err.kind().to_string()
}

pub(super) fn file_fault(file: &str, code: Code, message: String, hint: Option<&str>) -> Diagnostic {
    Diagnostic::about_file(file, code, message, hint)
}

/// Reads, parses, decodes and checks one file.
fn load_file(path: &Path, file: String, cx: &RuleContext<'_>) -> LoadedEntry {
    match read_limited(path) {
        Ok(bytes) => check_bytes(path, file, &bytes, cx),
        Err(message) => {
            let mut loaded = LoadedEntry::new(path, file);
            loaded
                .diagnostics
                .push(file_fault(&loaded.file, Code::Unreadable, message, None));
            loaded
        }
    }
}

impl LoadedEntry {
    /// The name as written in the file, when it has one.
    pub fn name(&self) -> Option<&str> {
        self.name.as_ref().map(|(n, _)| n.as_str())
    }

    /// A file about to be read; its name is checked as an id straight away.
    fn new(path: &Path, file: String) -> LoadedEntry {
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut loaded = LoadedEntry {
            id,
            file,
            path: path.to_path_buf(),
            entry: None,
            name: None,
            name_key: None,
            diagnostics: Vec::new(),
        };
        if let Err(reason) = decode::validate_id(&loaded.id) {
            let message = format!("{} is not a valid id: {reason}", quote(&loaded.id));
            // The example is the file's own name made into an id ("Watton
            // Town.toml" → watton-town.toml), so it can be used as it is.
            let example =
                crate::store::slug::from_name(&loaded.id).unwrap_or_else(|| "norfolk-waste-partnership".into());
            let hint = format!("rename the file, e.g. {example}.toml");
            loaded
                .diagnostics
                .push(file_fault(&loaded.file, Code::BadId, message, Some(&hint)));
        }
        loaded
    }
}

/// Checks a file's contents as if they were at `path`: decoding and every
/// single-file rule. Used for files on disk and for edits before they are
/// written.
pub fn check_bytes(path: &Path, file: String, bytes: &[u8], cx: &RuleContext<'_>) -> LoadedEntry {
    let mut loaded = LoadedEntry::new(path, file);
    let bytes = strip_bom(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = String::from_utf8_lossy(&bytes[..err.valid_up_to()]);
            let source = Source::new(&loaded.file, &valid);
            let at = valid.len();
            let d = source.at(at..at, Code::NotUtf8, "", "the file is not UTF-8 text".to_string());
            loaded
                .diagnostics
                .push(d.with_hint("save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)"));
            return loaded;
        }
    };
    let source = Source::new(&loaded.file, text);
    if text.starts_with('\u{FEFF}') {
        // One byte-order mark is tolerated; a second is a hidden character.
        let d = source.at(
            0..3,
            Code::HiddenCharacters,
            "",
            "the file starts with more than one byte-order mark".to_string(),
        );
        loaded
            .diagnostics
            .push(d.with_hint("save the file again as UTF-8; the extra invisible mark at the start will go"));
    }
    let Some(doc) = decode::parse(&source, &mut loaded.diagnostics) else {
        return loaded;
    };
    let mut decoder = Decoder::new(&source);
    let decoded = decode::decode_entry_partly(&mut decoder, &doc);
    loaded.diagnostics.append(&mut decoder.diags);
    let entry = match decoded {
        decode::Decoded::Whole(entry) => {
            rules::check_entry(&entry, &doc, &source, cx, &mut loaded.diagnostics);
            Some(entry)
        }
        // The rules about the parts that were read run too, so that every
        // finding comes in one run; the entry itself is not kept.
        decode::Decoded::Partly(entry) => {
            let unread: Vec<&str> = loaded
                .diagnostics
                .iter()
                .filter(|d| d.severity() == crate::diagnostic::Severity::Error)
                .map(|d| d.key.split(['.', '[']).next().unwrap_or(""))
                .collect();
            let mut found = Vec::new();
            rules::check_partly_read(&entry, &doc, &source, cx, &unread, &mut found);
            loaded.diagnostics.append(&mut found);
            None
        }
        decode::Decoded::Nothing => None,
    };
    if let Some(name) = doc.get_ref().get("name").and_then(|v| v.get_ref().as_str()) {
        loaded.name = Some((name.to_string(), source.locate(decode::span_of(&doc, &["name"]))));
        loaded.name_key = Some(normalise_name(name));
    }
    loaded.diagnostics.extend(source.left_out_notes());
    // Kept until the end of the run for 10,000 files: no room to spare.
    loaded.diagnostics.shrink_to_fit();
    loaded.entry = entry.map(Box::new);
    loaded
}

fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let fault = |e: std::io::Error| format!("cannot read the file: {}", io_reason(&e));
    // The size is asked of the open file, not of the path: one look-up of
    // the path per file rather than two (`fs::read` opens it again).
    let file = fs::File::open(path).map_err(fault)?;
    let too_large = |len: u64| {
        format!(
            "the file is {:.1} MB; an entry is a few kilobytes, so partreg does not read files over {} MB",
            len as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        )
    };
    let meta = file.metadata().map_err(fault)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    // Read to the end, past the size seen (a file can grow meanwhile), but
    // never past the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(fault)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}
