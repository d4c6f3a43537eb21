//! The typed readers: each turns one TOML value into text, a number, a
//! date, a choice or a list, or reports why it cannot, and carries on.
//!
//! A reader takes the value's key path as anything [`AsKey`]; it turns the
//! path into text only on the way to a finding, so a clean file builds none.

use std::ops::Range;
use std::rc::Rc;

use toml::de::DeValue;

use super::Node;
use super::table::{AsKey, KeyPath, Table, last_key, last_segment};
use crate::diagnostic::hint::did_you_mean;
use crate::diagnostic::{Code, Diagnostic, Source, is_invisible, quote};
use crate::model::{Choice, Date};

/// Reads typed values out of one file, collecting diagnostics.
pub struct Decoder<'s, 'i> {
    pub source: &'s Source<'i>,
    pub diags: Vec<Diagnostic>,
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
        d.hint = hint.map(|h| crate::diagnostic::shared(&h));
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
    pub fn table<'t, 'x, K: AsKey + ?Sized>(&mut self, v: &'t Node<'x>, key: &K) -> Option<Table<'t, 'x>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(Table::new(t, v.span(), Rc::from(key.key_text()), 16)),
            _ => {
                let hint = format!("write it as a section headed [{}] with its keys below", key.key_text());
                self.wrong_type(v, key.key_text(), "a table", Some(hint));
                None
            }
        }
    }

    /// The elements of a list, with their key paths.
    pub fn array<'t, 'x, K: AsKey + ?Sized>(
        &mut self,
        v: &'t Node<'x>,
        key: &K,
    ) -> Option<Vec<(&'t Node<'x>, KeyPath)>> {
        match v.get_ref() {
            DeValue::Array(items) => {
                // One copy of the list's path, shared by its items' paths.
                let parent: Rc<str> = Rc::from(key.key_text());
                Some(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| (item, KeyPath::index(&parent, i)))
                        .collect(),
                )
            }
            other => {
                let hint = match other {
                    DeValue::Table(_) => format!(
                        "head each one [[{}]], with two square brackets",
                        last_key(key.key_text())
                    ),
                    _ => "write a list in square brackets: [\"…\", \"…\"]".to_string(),
                };
                self.wrong_type(v, key.key_text(), "a list", Some(hint));
                None
            }
        }
    }

    /// A text value. Hidden characters are reported but the text is kept.
    pub fn string<K: AsKey + ?Sized>(&mut self, v: &Node<'_>, key: &K) -> Option<String> {
        self.string_of(v, key, Lines::Many)
    }

    /// A one-line text value (a name, an organisation, a position): a tab or
    /// line break in it is reported as well, but the text is kept.
    pub fn line<K: AsKey + ?Sized>(&mut self, v: &Node<'_>, key: &K) -> Option<String> {
        self.string_of(v, key, Lines::One)
    }

    /// A required one-line text that must not be blank.
    pub fn line_text<K: AsKey + ?Sized>(&mut self, v: &Node<'_>, key: &K) -> Option<String> {
        let s = self.line(v, key)?;
        self.not_blank(v, key, s)
    }

    fn string_of<K: AsKey + ?Sized>(&mut self, v: &Node<'_>, key: &K, lines: Lines) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => {
                self.check_hidden(v, key, s, lines);
                Some(s.to_string())
            }
            other => {
                let hint = match other {
                    DeValue::Array(_) => "this key takes one piece of text; join the items into one".to_string(),
                    _ => "put text in double quotes".to_string(),
                };
                self.wrong_type(v, key.key_text(), "text in quotes", Some(hint));
                None
            }
        }
    }

    /// A required text that must not be blank.
    pub fn text<K: AsKey + ?Sized>(&mut self, v: &Node<'_>, key: &K) -> Option<String> {
        let s = self.string(v, key)?;
        self.not_blank(v, key, s)
    }

    fn not_blank<K: AsKey + ?Sized>(&mut self, v: &Node<'_>, key: &K, s: String) -> Option<String> {
        if s.trim().is_empty() {
            let hint = if key.key_text().ends_with(']') {
                "remove the empty item from the list"
            } else {
                "fill it in"
            };
            self.push(
                v.span(),
                Code::MissingKey,
                key.key_text(),
                format!("`{}` is empty", last_segment(key.key_text())),
                Some(hint.into()),
            );
            return None;
        }
        Some(s)
    }

    fn check_hidden<K: AsKey + ?Sized>(&mut self, v: &Node<'_>, key: &K, s: &str, lines: Lines) {
        // Printable ASCII, nearly every value, has nothing hidden: one quick
        // pass over the bytes (folded, not stopping early, so it runs on
        // whole vectors) instead of decoding every character.
        if s.bytes().fold(true, |plain, b| plain & (0x20..0x7f).contains(&b)) {
            return;
        }
        let bad = s.chars().find(|&c| {
            is_invisible(c) || (c.is_control() && (lines == Lines::One || !matches!(c, '\n' | '\t' | '\r')))
        });
        if let Some(c @ ('\n' | '\t' | '\r')) = bad {
            // Prose may run over lines; a name or a position is shown on one
            // line of a table, where a break or tab cannot be printed.
            let what = if c == '\t' { "the tab" } else { "the line break" };
            self.push(
                v.span(),
                Code::HiddenCharacters,
                key.key_text(),
                format!(
                    "`{}` contains {}: it must be one line of text",
                    last_segment(key.key_text()),
                    describe_char(c)
                ),
                Some(format!("replace {what} with a space")),
            );
        } else if let Some(c) = bad {
            self.push(
                v.span(),
                Code::HiddenCharacters,
                key.key_text(),
                format!(
                    "`{}` contains a hidden character: {}",
                    last_segment(key.key_text()),
                    describe_char(c)
                ),
                Some("retype the text; hidden characters can make two different names look the same".into()),
            );
        }
    }

    pub fn boolean<K: AsKey + ?Sized>(&mut self, v: &Node<'_>, key: &K) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            DeValue::String(s) => {
                let hint = match s.trim().to_ascii_lowercase().as_str() {
                    "yes" | "y" | "true" => "write true, without quotes",
                    "no" | "n" | "false" => "write false, without quotes",
                    _ => "write true or false, without quotes",
                };
                self.wrong_type(v, key.key_text(), "true or false", Some(hint.into()));
                None
            }
            _ => {
                self.wrong_type(v, key.key_text(), "true or false", None);
                None
            }
        }
    }

    /// A whole number, allowing any sign.
    pub fn integer<K: AsKey + ?Sized>(&mut self, v: &Node<'_>, key: &K) -> Option<i64> {
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some(n),
                Err(_) => {
                    self.push(
                        v.span(),
                        Code::OutOfRange,
                        key.key_text(),
                        format!("`{}` is too large a number", last_key(key.key_text())),
                        None,
                    );
                    None
                }
            },
            DeValue::String(s) => {
                let hint = super::slips::number_hint(super::last_key(key.key_text()), s);
                self.wrong_type(v, key.key_text(), "a whole number", Some(hint));
                None
            }
            _ => {
                self.wrong_type(v, key.key_text(), "a whole number", None);
                None
            }
        }
    }

    /// Whole pounds: an integer of at least zero.
    pub fn pounds<K: AsKey + ?Sized>(&mut self, v: &Node<'_>, key: &K) -> Option<u64> {
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
            let message = format!(
                "`{}` must be in whole pounds, not {}",
                last_key(key.key_text()),
                f.as_str()
            );
            self.push(v.span(), Code::WrongType, key.key_text(), message, Some(hint));
            return None;
        }
        let n = self.integer(v, key)?;
        match u64::try_from(n) {
            Ok(n) => Some(n),
            Err(_) => {
                self.push(
                    v.span(),
                    Code::Negative,
                    key.key_text(),
                    format!("`{}` cannot be negative", last_key(key.key_text())),
                    Some("write the council's contribution as 0 or more".into()),
                );
                None
            }
        }
    }

    /// A finite number of at least zero (integer or decimal).
    pub fn hours<K: AsKey + ?Sized>(&mut self, v: &Node<'_>, key: &K) -> Option<f64> {
        let n = match v.get_ref() {
            DeValue::Float(f) => match f.as_str().parse::<f64>() {
                Ok(n) if n.is_finite() => n,
                _ => {
                    self.push(
                        v.span(),
                        Code::OutOfRange,
                        key.key_text(),
                        format!(
                            "`{}` must be a number of hours, not {}",
                            last_key(key.key_text()),
                            f.as_str()
                        ),
                        Some("estimate the hours a month, e.g. 6 or 2.5".into()),
                    );
                    return None;
                }
            },
            DeValue::Integer(_) => self.integer(v, key)? as f64,
            DeValue::String(s) => {
                let hint = super::slips::number_hint(super::last_key(key.key_text()), s);
                self.wrong_type(v, key.key_text(), "a number", Some(hint));
                return None;
            }
            _ => {
                self.wrong_type(v, key.key_text(), "a number", None);
                return None;
            }
        };
        if n < 0.0 {
            self.push(
                v.span(),
                Code::Negative,
                key.key_text(),
                format!("`{}` cannot be negative", last_key(key.key_text())),
                Some("estimate the hours as 0 or more".into()),
            );
            return None;
        }
        Some(n)
    }

    /// A TOML local date: no time, no offset.
    pub fn date<K: AsKey + ?Sized>(&mut self, v: &Node<'_>, key: &K) -> Option<Date> {
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
                            key.key_text(),
                            format!(
                                "`{}` has the year {year:04}, outside the register's years {}-{}",
                                last_key(key.key_text()),
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
                            key.key_text(),
                            format!("`{}` should be a date without a time", last_key(key.key_text())),
                            Some("write just the day, e.g. 2026-04-20".into()),
                        );
                        None
                    }
                }
            }
            DeValue::String(s) => {
                let hint = if Date::parse(s).is_some() {
                    format!("remove the quotes: {} = {}", last_key(key.key_text()), s.trim())
                } else if let Some(date) = super::slips::uk_date(s) {
                    super::slips::date_hint(last_key(key.key_text()), date)
                } else {
                    "write the date as YYYY-MM-DD without quotes, e.g. 2026-04-20".to_string()
                };
                self.wrong_type(v, key.key_text(), "a date", Some(hint));
                None
            }
            _ => {
                self.wrong_type(
                    v,
                    key.key_text(),
                    "a date",
                    Some("write the date as YYYY-MM-DD without quotes".into()),
                );
                None
            }
        }
    }

    /// One value of a closed list, spelt exactly.
    pub fn choice<T: Choice, K: AsKey + ?Sized>(&mut self, v: &Node<'_>, key: &K) -> Option<T> {
        let DeValue::String(s) = v.get_ref() else {
            let hint = format!("write one of {} in double quotes", T::spellings());
            self.wrong_type(v, key.key_text(), &format!("one of {}", T::spellings()), Some(hint));
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
            key.key_text(),
            format!(
                "{} is not allowed for `{}`: use {}",
                quote(s),
                last_key(key.key_text()),
                T::spellings()
            ),
            hint,
        );
        None
    }

    /// A list of texts. Every bad item is reported; any bad item makes the
    /// list unusable, so that rules never judge a list with holes in it.
    pub fn strings<K: AsKey + ?Sized>(&mut self, v: &Node<'_>, key: &K) -> Option<Vec<String>> {
        let items = self.array(v, key)?;
        let read: Vec<Option<String>> = items.into_iter().map(|(item, path)| self.text(item, &path)).collect();
        read.into_iter().collect()
    }

    /// A list of one-line texts (organisations, codes, paths), read like
    /// [`Decoder::strings`].
    pub fn lines<K: AsKey + ?Sized>(&mut self, v: &Node<'_>, key: &K) -> Option<Vec<String>> {
        let items = self.array(v, key)?;
        let read: Vec<Option<String>> = items
            .into_iter()
            .map(|(item, path)| self.line_text(item, &path))
            .collect();
        read.into_iter().collect()
    }

    /// A list of choices, read like [`Decoder::strings`].
    pub fn choices<T: Choice, K: AsKey + ?Sized>(&mut self, v: &Node<'_>, key: &K) -> Option<Vec<T>> {
        let items = self.array(v, key)?;
        let read: Vec<Option<T>> = items.into_iter().map(|(item, path)| self.choice(item, &path)).collect();
        read.into_iter().collect()
    }
}

/// Whether a text may run over several lines (prose: `function`, notes)
/// or is one line (a name, an organisation, a position, a code).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lines {
    Many,
    One,
}

/// A hidden character named for people: "a zero-width space (U+200B)".
pub fn describe_char(c: char) -> String {
    let name = match c {
        '\t' => "a tab",
        '\n' | '\r' => "a line break",
        '\u{1B}' => "an escape character",
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
