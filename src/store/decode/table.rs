//! Reading one TOML table: looking keys up, reporting missing and unknown
//! keys, and the key paths (`representatives[0].term_ends`) that findings
//! name.
//!
//! A key path is only text when a finding needs it. Nearly every value in a
//! register is fine, so [`KeyPath`] holds the table's path (shared) and the
//! last key or index, and joins them the first time it is read as text:
//! building every path eagerly was about a tenth of `check`'s work.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::fmt;
use std::ops::{Deref, Range};
use std::rc::Rc;

use toml::Spanned;
use toml::de::DeTable;

use super::{Decoder, Node};
use crate::diagnostic::Code;
use crate::diagnostic::hint::did_you_mean;
use crate::diagnostic::quote;
use crate::model::Choice;

/// The path to a value, e.g. `representatives[0].term_ends`, joined into
/// text on first use (it reads as a `&str` through [`Deref`]).
#[derive(Clone)]
pub struct KeyPath {
    /// The enclosing table's or list's path; empty at the top of the file.
    parent: Rc<str>,
    last: Last,
    text: OnceCell<String>,
}

#[derive(Clone, Copy)]
enum Last {
    Key(&'static str),
    Index(usize),
}

impl KeyPath {
    pub(super) fn key(parent: &Rc<str>, key: &'static str) -> KeyPath {
        KeyPath {
            parent: Rc::clone(parent),
            last: Last::Key(key),
            text: OnceCell::new(),
        }
    }

    pub(super) fn index(parent: &Rc<str>, index: usize) -> KeyPath {
        KeyPath {
            parent: Rc::clone(parent),
            last: Last::Index(index),
            text: OnceCell::new(),
        }
    }
}

impl Deref for KeyPath {
    type Target = str;

    fn deref(&self) -> &str {
        self.text.get_or_init(|| self.join())
    }
}

impl KeyPath {
    /// The path as text, put together by hand: `format!` was most of the
    /// cost of a path, and every table's path is made.
    fn join(&self) -> String {
        let mut text = String::with_capacity(self.parent.len() + 24);
        match self.last {
            Last::Key(key) if self.parent.is_empty() => text.push_str(key),
            Last::Key(key) => {
                text.push_str(&self.parent);
                text.push('.');
                text.push_str(key);
            }
            Last::Index(i) => {
                text.push_str(&self.parent);
                text.push('[');
                text.push_str(itoa::Buffer::new().format(i));
                text.push(']');
            }
        }
        text
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.last, self.parent.is_empty()) {
            (Last::Key(key), true) => f.write_str(key),
            (Last::Key(key), false) => write!(f, "{}.{key}", self.parent),
            (Last::Index(i), _) => write!(f, "{}[{i}]", self.parent),
        }
    }
}

impl fmt::Debug for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}

/// Anything that names a value's key path: a [`KeyPath`] (text made only
/// when asked for) or plain text. The typed readers take either, and ask
/// for the text only when they report a finding.
pub trait AsKey {
    fn key_text(&self) -> &str;
}

impl AsKey for str {
    fn key_text(&self) -> &str {
        self
    }
}

impl AsKey for String {
    fn key_text(&self) -> &str {
        self
    }
}

impl AsKey for KeyPath {
    fn key_text(&self) -> &str {
        self
    }
}

/// A table being read: remembers the keys asked for so that the rest can be
/// reported as unknown.
pub struct Table<'t, 'i> {
    /// Where a missing key is reported: the table's header, or line 1.
    pub(super) span: Range<usize>,
    pub(super) path: Rc<str>,
    pub(super) known: Vec<&'static str>,
    /// The table's keys and values, in the file's order, each marked once
    /// asked for. Looked up by a scan that compares a number made from each
    /// key before its text: a table has a few dozen keys at most, and
    /// looking each asked-for key up in the parser's tree, then comparing
    /// every key with every known name at the end, was a tenth of
    /// `check`'s work.
    slots: Vec<Slot<'t, 'i>>,
}

struct Slot<'t, 'i> {
    print: u32,
    key: &'t Spanned<Cow<'i, str>>,
    value: &'t Node<'i>,
    asked: bool,
}

/// A key's length and first and last bytes in one number: two different
/// keys of a table rarely share it, so the text is compared only on a match.
fn fingerprint(key: &str) -> u32 {
    let bytes = key.as_bytes();
    let (first, last) = (bytes.first().copied().unwrap_or(0), bytes.last().copied().unwrap_or(0));
    (u32::try_from(bytes.len()).unwrap_or(u32::MAX).min(0xFFFF) << 16) | (u32::from(first) << 8) | u32::from(last)
}

/// Room for the keys the file's top level is asked for, made once: growing
/// the list a key at a time was a twentieth of `check`'s work. (Inner
/// tables, asked for fewer, start with room for 16.)
const KNOWN_KEYS: usize = 32;

/// Joins a key onto a key path: `representatives[0]` + `name`.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl<'t, 'i> Table<'t, 'i> {
    pub fn root(doc: &'t Spanned<DeTable<'i>>) -> Self {
        Table::new(doc.get_ref(), 0..0, Rc::from(""), KNOWN_KEYS)
    }

    pub(super) fn new(table: &'t DeTable<'i>, span: Range<usize>, path: Rc<str>, room: usize) -> Self {
        let slots = table
            .iter()
            .map(|(key, value)| Slot {
                print: fingerprint(key.get_ref()),
                key,
                value,
                asked: false,
            })
            .collect();
        Table {
            span,
            path,
            known: Vec::with_capacity(room),
            slots,
        }
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// The value of an optional key, with its key path.
    pub fn get(&mut self, key: &'static str) -> Option<(&'t Node<'i>, KeyPath)> {
        self.known.push(key);
        let print = fingerprint(key);
        let slot = self
            .slots
            .iter_mut()
            .find(|slot| slot.print == print && slot.key.get_ref() == key)?;
        slot.asked = true;
        Some((slot.value, KeyPath::key(&self.path, key)))
    }

    /// The value of a required key; reports `missing-key` when absent.
    pub fn require(&mut self, d: &mut Decoder<'_, '_>, key: &'static str) -> Option<(&'t Node<'i>, KeyPath)> {
        let found = self.get(key);
        if found.is_none() {
            let path = join(&self.path, key);
            let place = describe_table(&self.path);
            d.push(
                self.span.clone(),
                Code::MissingKey,
                &path,
                format!("`{key}` is missing from {place}"),
                Some(format!("add a line `{key} = …` to {place}")),
            );
        }
        found
    }

    /// A required value from a closed list; when it is missing the hint
    /// names the values allowed.
    pub fn require_choice<T: Choice>(&mut self, d: &mut Decoder<'_, '_>, key: &'static str) -> Option<T> {
        let found = self.get(key);
        let Some((v, path)) = found else {
            let path = join(&self.path, key);
            let place = describe_table(&self.path);
            d.push(
                self.span.clone(),
                Code::MissingKey,
                &path,
                format!("`{key}` is missing from {place}"),
                Some(format!(
                    "add a line `{key} = …` to {place} with one of {}",
                    T::spellings()
                )),
            );
            return None;
        };
        d.choice(v, &path)
    }

    /// Reports every key that was not asked for.
    pub fn finish(self, d: &mut Decoder<'_, '_>) {
        for slot in self.slots.iter().filter(|slot| !slot.asked) {
            let key = slot.key;
            let name = key.get_ref().as_ref();
            let hint = if &*self.path == "risk" && name == "resource" {
                Some("the resource criterion is never written: partreg works it out from budget_contribution_gbp, so delete this line".to_string())
            } else {
                None
            };
            let hint = hint
                .or_else(|| did_you_mean(name, self.known.iter().copied()).map(|k| format!("did you mean `{k}`?")))
                .or_else(|| Some(format!("the keys allowed here are: {}", self.known.join(", "))));
            let place = if self.path.is_empty() {
                String::new()
            } else {
                format!(" in {}", describe_table(&self.path))
            };
            d.push(
                key.span(),
                Code::UnknownKey,
                &join(&self.path, name),
                format!("unknown key {}{place}", quote(name)),
                hint,
            );
        }
    }
}

/// A table as the file shows it: `the file`, `[risk]`, or
/// `the 2nd [[representatives]] table` for an item of an array of tables.
fn describe_table(path: &str) -> String {
    if path.is_empty() {
        return "the file".into();
    }
    if let Some((base, index)) = path.strip_suffix(']').and_then(|p| p.rsplit_once('['))
        && let Ok(i) = index.parse::<usize>()
    {
        return format!("the {} [[{base}]] table", ordinal(i + 1));
    }
    format!("[{path}]")
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The last segment of a key path with any list index: `partners[1]`.
pub fn last_segment(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

/// The last segment of a key path, for messages: `term_ends`.
pub fn last_key(path: &str) -> &str {
    let tail = path.rsplit('.').next().unwrap_or(path);
    tail.split('[').next().unwrap_or(tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_paths_read_as_the_file_names_them() {
        let top: Rc<str> = Rc::from("");
        let reps: Rc<str> = Rc::from("representatives");
        let first: Rc<str> = Rc::from(&*KeyPath::index(&reps, 0));
        assert_eq!(&*KeyPath::key(&top, "name"), "name");
        assert_eq!(&*KeyPath::index(&reps, 0), "representatives[0]");
        let term = KeyPath::key(&first, "term_ends");
        assert_eq!(term.to_string(), "representatives[0].term_ends");
        assert_eq!(&*term, "representatives[0].term_ends");
        assert_eq!(term.key_text(), "representatives[0].term_ends");
        assert_eq!(last_key(&term), "term_ends");
    }

    #[test]
    fn a_path_is_not_made_into_text_until_it_is_read() {
        let parent: Rc<str> = Rc::from("risk");
        let path = KeyPath::key(&parent, "reputation");
        assert!(path.text.get().is_none());
        assert_eq!(&*path, "risk.reputation");
        assert!(path.text.get().is_some());
    }
}
