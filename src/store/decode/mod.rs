//! Turning a parsed TOML document into typed values while collecting every
//! fault on the way.
//!
//! serde stops at the first fault; officers need to see them all at once. So
//! each table is read through a [`Table`] that remembers which keys the
//! format asked for (whatever is left over is an unknown key, with a "did you
//! mean" hint), and each value through a typed reader on [`Decoder`] that
//! reports a wrong type, a bad choice or an impossible number as a
//! [`Diagnostic`] and carries on.

mod concerns;
mod entry;
mod settings;
mod slips;
mod toml_version;

pub use entry::{MAX_ID, decode_entry, validate_id};
pub use settings::{Calendar, Settings, decode_settings};

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::hint::did_you_mean;
use crate::diagnostic::{Code, Diagnostic, Source, is_invisible, quote};
use crate::model::{Choice, Date};

/// A parsed value with its byte span.
pub type Node<'i> = Spanned<DeValue<'i>>;

/// Parses TOML text, turning syntax errors into diagnostics. Returns `None`
/// when the text is not valid TOML.
pub fn parse<'i>(source: &Source<'i>, diags: &mut Vec<Diagnostic>) -> Option<Spanned<DeTable<'i>>> {
    match DeTable::parse(source.text) {
        Ok(doc) => {
            toml_version::check(source, diags);
            Some(doc)
        }
        Err(err) => {
            // A leftover merge conflict is what went wrong, wherever the
            // parser happened to stop.
            if let Some((span, message, hint)) = slips::merge_conflict(source.text) {
                let mut d = source.at(span, Code::Syntax, "", message);
                d.hint = Some(hint);
                diags.push(d);
                return None;
            }
            let span = err.span().unwrap_or(0..0);
            let message = err.message().trim().to_string();
            // The parser checks calendar dates itself; give those their own code.
            let code = if message.starts_with("invalid date") {
                Code::BadDate
            } else {
                Code::Syntax
            };
            let mut d = source.at(span.clone(), code, "", format!("not valid TOML: {message}"));
            d.hint = slips::syntax_hint(source.text, &span, &message);
            diags.push(d);
            None
        }
    }
}

/// Reads typed values out of one file, collecting diagnostics.
pub struct Decoder<'s, 'i> {
    pub source: &'s Source<'i>,
    pub diags: Vec<Diagnostic>,
}

/// A table being read: remembers the keys asked for so that the rest can be
/// reported as unknown.
pub struct Table<'t, 'i> {
    table: &'t DeTable<'i>,
    /// Where a missing key is reported: the table's header, or line 1.
    span: Range<usize>,
    path: String,
    known: Vec<&'static str>,
}

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
        Table {
            table: doc.get_ref(),
            span: 0..0,
            path: String::new(),
            known: Vec::new(),
        }
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// The value of an optional key, with its key path.
    pub fn get(&mut self, key: &'static str) -> Option<(&'t Node<'i>, String)> {
        self.known.push(key);
        self.table.get(key).map(|v| (v, join(&self.path, key)))
    }

    /// The value of a required key; reports `missing-key` when absent.
    pub fn require(&mut self, d: &mut Decoder<'_, '_>, key: &'static str) -> Option<(&'t Node<'i>, String)> {
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
        for (key, _) in self.table.iter() {
            let name = key.get_ref().as_ref();
            if self.known.contains(&name) {
                continue;
            }
            let hint = if self.path == "risk" && name == "resource" {
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

/// The TOML type of a value, as a person would say it.
fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

impl<'s, 'i> Decoder<'s, 'i> {
    pub fn new(source: &'s Source<'i>) -> Self {
        Decoder {
            source,
            diags: Vec::new(),
        }
    }

    pub fn push(&mut self, span: Range<usize>, code: Code, key: &str, message: String, hint: Option<String>) {
        if !self.source.admit(&span, code, key) {
            return;
        }
        // A key path is for reading; a 100,000-character key is cut short.
        let key: String = if key.chars().count() > 200 {
            key.chars().take(200).chain(['…']).collect()
        } else {
            key.to_string()
        };
        let mut d = self.source.at(span, code, key, message);
        d.hint = hint;
        self.diags.push(d);
    }

    fn wrong_type(&mut self, v: &Node<'_>, key: &str, expected: &str, hint: Option<String>) {
        let message = format!(
            "`{}` should be {expected}, not {}",
            last_key(key),
            type_name(v.get_ref())
        );
        self.push(v.span(), Code::WrongType, key, message, hint);
    }

    /// A table value (`[section]` or an inline `{ … }`).
    pub fn table<'t, 'x>(&mut self, v: &'t Node<'x>, key: &str) -> Option<Table<'t, 'x>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(Table {
                table: t,
                span: v.span(),
                path: key.to_string(),
                known: Vec::new(),
            }),
            _ => {
                let hint = format!("write it as a section headed [{key}] with its keys below");
                self.wrong_type(v, key, "a table", Some(hint));
                None
            }
        }
    }

    /// The elements of a list, with their key paths.
    pub fn array<'t, 'x>(&mut self, v: &'t Node<'x>, key: &str) -> Option<Vec<(&'t Node<'x>, String)>> {
        match v.get_ref() {
            DeValue::Array(items) => Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| (item, format!("{key}[{i}]")))
                    .collect(),
            ),
            other => {
                let hint = match other {
                    DeValue::Table(_) => format!("head each one [[{}]], with two square brackets", last_key(key)),
                    _ => "write a list in square brackets: [\"…\", \"…\"]".to_string(),
                };
                self.wrong_type(v, key, "a list", Some(hint));
                None
            }
        }
    }

    /// A text value. Hidden characters are reported but the text is kept.
    pub fn string(&mut self, v: &Node<'_>, key: &str) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => {
                self.check_hidden(v, key, s);
                Some(s.to_string())
            }
            other => {
                let hint = match other {
                    DeValue::Array(_) => "this key takes one piece of text; join the items into one".to_string(),
                    _ => "put text in double quotes".to_string(),
                };
                self.wrong_type(v, key, "text in quotes", Some(hint));
                None
            }
        }
    }

    /// A required text that must not be blank.
    pub fn text(&mut self, v: &Node<'_>, key: &str) -> Option<String> {
        let s = self.string(v, key)?;
        if s.trim().is_empty() {
            let hint = if key.ends_with(']') {
                "remove the empty item from the list"
            } else {
                "fill it in"
            };
            self.push(
                v.span(),
                Code::MissingKey,
                key,
                format!("`{}` is empty", last_segment(key)),
                Some(hint.into()),
            );
            return None;
        }
        Some(s)
    }

    fn check_hidden(&mut self, v: &Node<'_>, key: &str, s: &str) {
        let bad = s
            .chars()
            .find(|&c| is_invisible(c) || (c.is_control() && !matches!(c, '\n' | '\t' | '\r')));
        if let Some(c) = bad {
            self.push(
                v.span(),
                Code::HiddenCharacters,
                key,
                format!(
                    "`{}` contains a hidden character: {}",
                    last_segment(key),
                    describe_char(c)
                ),
                Some("retype the text; hidden characters can make two different names look the same".into()),
            );
        }
    }

    pub fn boolean(&mut self, v: &Node<'_>, key: &str) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            DeValue::String(s) => {
                let hint = match s.trim().to_ascii_lowercase().as_str() {
                    "yes" | "y" | "true" => "write true, without quotes",
                    "no" | "n" | "false" => "write false, without quotes",
                    _ => "write true or false, without quotes",
                };
                self.wrong_type(v, key, "true or false", Some(hint.into()));
                None
            }
            _ => {
                self.wrong_type(v, key, "true or false", None);
                None
            }
        }
    }

    /// A whole number, allowing any sign.
    pub fn integer(&mut self, v: &Node<'_>, key: &str) -> Option<i64> {
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some(n),
                Err(_) => {
                    self.push(
                        v.span(),
                        Code::OutOfRange,
                        key,
                        format!("`{}` is too large a number", last_key(key)),
                        None,
                    );
                    None
                }
            },
            DeValue::String(s) => {
                self.wrong_type(v, key, "a whole number", Some(slips::number_hint(last_key(key), s)));
                None
            }
            _ => {
                self.wrong_type(v, key, "a whole number", None);
                None
            }
        }
    }

    /// Whole pounds: an integer of at least zero.
    pub fn pounds(&mut self, v: &Node<'_>, key: &str) -> Option<u64> {
        if let DeValue::Float(f) = v.get_ref() {
            let rounded = f
                .as_str()
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite() && *n >= 0.0)
                .map(f64::round);
            let hint = match rounded {
                Some(n) if n < 1e15 => format!("round to whole pounds: {n:.0}"),
                _ => "write the yearly contribution in whole pounds, e.g. 12500".to_string(),
            };
            let message = format!("`{}` must be in whole pounds, not {}", last_key(key), f.as_str());
            self.push(v.span(), Code::WrongType, key, message, Some(hint));
            return None;
        }
        let n = self.integer(v, key)?;
        match u64::try_from(n) {
            Ok(n) => Some(n),
            Err(_) => {
                self.push(
                    v.span(),
                    Code::Negative,
                    key,
                    format!("`{}` cannot be negative", last_key(key)),
                    Some("write the council's contribution as 0 or more".into()),
                );
                None
            }
        }
    }

    /// A finite number of at least zero (integer or decimal).
    pub fn hours(&mut self, v: &Node<'_>, key: &str) -> Option<f64> {
        let n = match v.get_ref() {
            DeValue::Float(f) => match f.as_str().parse::<f64>() {
                Ok(n) if n.is_finite() => n,
                _ => {
                    self.push(
                        v.span(),
                        Code::OutOfRange,
                        key,
                        format!("`{}` must be a number of hours, not {}", last_key(key), f.as_str()),
                        Some("estimate the hours a month, e.g. 6 or 2.5".into()),
                    );
                    return None;
                }
            },
            DeValue::Integer(_) => self.integer(v, key)? as f64,
            DeValue::String(s) => {
                self.wrong_type(v, key, "a number", Some(slips::number_hint(last_key(key), s)));
                return None;
            }
            _ => {
                self.wrong_type(v, key, "a number", None);
                return None;
            }
        };
        if n < 0.0 {
            self.push(
                v.span(),
                Code::Negative,
                key,
                format!("`{}` cannot be negative", last_key(key)),
                Some("estimate the hours as 0 or more".into()),
            );
            return None;
        }
        Some(n)
    }

    /// A TOML local date: no time, no offset.
    pub fn date(&mut self, v: &Node<'_>, key: &str) -> Option<Date> {
        match v.get_ref() {
            DeValue::Datetime(dt) => {
                let date = dt
                    .date
                    .as_ref()
                    .and_then(|d| Date::new(i32::from(d.year), d.month, d.day));
                match (date, dt.date, dt.time, dt.offset) {
                    (Some(date), _, None, None) => Some(date),
                    // The TOML parser has checked the day exists, so only the year is wrong.
                    (None, Some(toml::value::Date { year, .. }), _, _) => {
                        self.push(
                            v.span(),
                            Code::BadDate,
                            key,
                            format!(
                                "`{}` has the year {year:04}, outside the register's years {}-{}",
                                last_key(key),
                                crate::model::date::YEARS.start(),
                                crate::model::date::YEARS.end()
                            ),
                            Some("check the year for a typing slip; dates are written YYYY-MM-DD".into()),
                        );
                        None
                    }
                    _ => {
                        self.push(
                            v.span(),
                            Code::BadDate,
                            key,
                            format!("`{}` should be a date without a time", last_key(key)),
                            Some("write just the day, e.g. 2026-04-20".into()),
                        );
                        None
                    }
                }
            }
            DeValue::String(s) => {
                let hint = if Date::parse(s).is_some() {
                    format!("remove the quotes: {} = {}", last_key(key), s.trim())
                } else if let Some(date) = slips::uk_date(s) {
                    slips::date_hint(last_key(key), date)
                } else {
                    "write the date as YYYY-MM-DD without quotes, e.g. 2026-04-20".to_string()
                };
                self.wrong_type(v, key, "a date", Some(hint));
                None
            }
            _ => {
                self.wrong_type(
                    v,
                    key,
                    "a date",
                    Some("write the date as YYYY-MM-DD without quotes".into()),
                );
                None
            }
        }
    }

    /// One value of a closed list, spelt exactly.
    pub fn choice<T: Choice>(&mut self, v: &Node<'_>, key: &str) -> Option<T> {
        let DeValue::String(s) = v.get_ref() else {
            let hint = format!("write one of {} in double quotes", T::spellings());
            self.wrong_type(v, key, &format!("one of {}", T::spellings()), Some(hint));
            return None;
        };
        if let Some(c) = T::from_str_exact(s) {
            return Some(c);
        }
        let wanted = s.trim().to_lowercase().replace([' ', '_'], "-");
        let hint = match T::from_str_exact(&wanted) {
            Some(c) => Some(format!("write `{}` (lower case)", c.as_str())),
            None => Some(did_you_mean(&wanted, T::ALL.iter().map(|c| c.as_str())).map_or_else(
                || format!("use one of {}", T::spellings()),
                |c| format!("did you mean `{c}`?"),
            )),
        };
        self.push(
            v.span(),
            Code::BadValue,
            key,
            format!(
                "{} is not allowed for `{}`: use {}",
                quote(s),
                last_key(key),
                T::spellings()
            ),
            hint,
        );
        None
    }

    /// A list of texts. Every bad item is reported; any bad item makes the
    /// list unusable, so that rules never judge a list with holes in it.
    pub fn strings(&mut self, v: &Node<'_>, key: &str) -> Option<Vec<String>> {
        let items = self.array(v, key)?;
        let read: Vec<Option<String>> = items.into_iter().map(|(item, path)| self.text(item, &path)).collect();
        read.into_iter().collect()
    }

    /// A list of choices, read like [`Decoder::strings`].
    pub fn choices<T: Choice>(&mut self, v: &Node<'_>, key: &str) -> Option<Vec<T>> {
        let items = self.array(v, key)?;
        let read: Vec<Option<T>> = items.into_iter().map(|(item, path)| self.choice(item, &path)).collect();
        read.into_iter().collect()
    }
}

/// The last segment of a key path with any list index: `partners[1]`.
pub fn last_segment(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

/// A hidden character named for people: "a zero-width space (U+200B)".
pub fn describe_char(c: char) -> String {
    let name = match c {
        '\u{200B}' => "a zero-width space",
        '\u{200C}' => "a zero-width non-joiner",
        '\u{200D}' => "a zero-width joiner",
        '\u{200E}' => "a left-to-right mark",
        '\u{200F}' => "a right-to-left mark",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => "a text-direction control",
        '\u{2060}'..='\u{2064}' => "an invisible joiner",
        '\u{FEFF}' => "a zero-width no-break space",
        '\u{00AD}' => "a soft hyphen",
        '\u{061C}' => "an Arabic letter mark (a text-direction control)",
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => "a Hangul filler (an invisible letter)",
        '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' => "a variation selector",
        '\u{E0000}'..='\u{E007F}' => "a tag character (invisible)",
        c if crate::diagnostic::is_invisible(c) => "an invisible character",
        _ => "a control character",
    };
    format!("{name} (U+{:04X})", u32::from(c))
}

/// The last segment of a key path, for messages: `term_ends`.
pub fn last_key(path: &str) -> &str {
    let tail = path.rsplit('.').next().unwrap_or(path);
    tail.split('[').next().unwrap_or(tail)
}

/// Finds the span of the value at a key path (`["approval", "by"]`,
/// `["priorities", "2"]`) in a parsed document, or of the nearest enclosing
/// value that exists; the whole file's start when nothing matches.
pub fn span_of(doc: &Spanned<DeTable<'_>>, path: &[&str]) -> Range<usize> {
    let mut span = 0..0;
    let mut current: Option<&DeValue<'_>> = None;
    for (depth, seg) in path.iter().enumerate() {
        let next = match (depth, current) {
            (0, _) => doc.get_ref().get(*seg),
            (_, Some(DeValue::Table(t))) => t.get(*seg),
            (_, Some(DeValue::Array(a))) => seg.parse::<usize>().ok().and_then(|i| a.get(i)),
            _ => None,
        };
        match next {
            Some(v) => {
                span = v.span();
                current = Some(v.get_ref());
            }
            None => break,
        }
    }
    span
}
