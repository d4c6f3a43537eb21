//! Turning a parsed TOML document into typed values while collecting every
//! fault on the way.
//!
//! serde stops at the first fault; officers need to see them all at once. So
//! each table is read through a [`Table`] that remembers which keys the
//! format asked for (whatever is left over is an unknown key, with a "did you
//! mean" hint), and each value through a typed reader on [`Decoder`] that
//! reports a wrong type, a bad choice or an impossible number as a
//! [`Diagnostic`] and carries on.
//!
//! The steps, one module each: [`parse`] here, `table` for looking keys
//! up (and the key paths findings name), `read` for the typed readers,
//! then `entry`, `settings` and `concerns` for what each file holds;
//! `slips` turns everyday mistakes (UK dates, merge conflicts, curly
//! quotes) into hints that say the fix.

mod concerns;
mod entry;
mod read;
mod settings;
mod slips;
mod table;
mod toml_version;

pub use entry::{Decoded, MAX_ID, decode_entry, decode_entry_partly, validate_id};
pub use read::{Decoder, describe_char};
pub use settings::{Calendar, Settings, decode_settings};
pub use table::{AsKey, KeyPath, Table, join, last_key, last_segment};

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Code, Diagnostic, Source};

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
                d.hint = Some(hint.into());
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
            d.hint = slips::syntax_hint(source.text, &span, &message).map(Into::into);
            diags.push(d);
            None
        }
    }
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
