//! How many findings one file may show: at most [`PER_KEY`] of one kind
//! under one key and [`PER_FILE`] in all, then one note with the count of
//! the rest.
//!
//! A hostile or badly exported file can hold hundreds of thousands of faults
//! on one line (`partners = [1,1,1,…]`). Reporting each one costs memory and
//! time for every finding and helps nobody: the officer fixes the kind of
//! fault once. So findings past the limits are only counted, before they are
//! located or built, and the count is reported where the first one left out
//! would have been.

use std::collections::BTreeMap;
use std::ops::Range;

use super::Code;

/// Findings of one code under one key (list positions ignored) that are shown.
pub const PER_KEY: usize = 20;
/// Findings shown for one file in all.
pub const PER_FILE: usize = 200;

/// The findings left out of one group, for the note that counts them.
#[derive(Debug)]
pub struct LeftOut {
    pub code: Code,
    /// The key with list positions written `[*]`; empty for the file as a whole.
    pub key: String,
    pub count: usize,
    /// Where the first one left out was.
    pub first: Range<usize>,
}

/// The counts kept while one file is checked.
#[derive(Debug, Default)]
pub struct Limits {
    shown: usize,
    per_key: BTreeMap<(Code, String), usize>,
    left_out_key: BTreeMap<(Code, String), LeftOut>,
    left_out_file: Option<LeftOut>,
}

impl Limits {
    /// Whether a finding of `code` under `key` at `span` is shown; when it
    /// is not, it is counted.
    pub fn admit(&mut self, span: &Range<usize>, code: Code, key: &str) -> bool {
        let group = group_of(key);
        let seen = self.per_key.entry((code, group.clone())).or_insert(0);
        if *seen >= PER_KEY {
            let left = self
                .left_out_key
                .entry((code, group.clone()))
                .or_insert_with(|| LeftOut {
                    code,
                    key: group,
                    count: 0,
                    first: span.clone(),
                });
            left.count += 1;
            return false;
        }
        if self.shown >= PER_FILE {
            let left = self.left_out_file.get_or_insert_with(|| LeftOut {
                code,
                key: String::new(),
                count: 0,
                first: span.clone(),
            });
            left.count += 1;
            return false;
        }
        *seen += 1;
        self.shown += 1;
        true
    }

    /// Every group with findings left out, in a stable order (the file's
    /// own count last).
    pub fn left_out(&self) -> impl Iterator<Item = &LeftOut> {
        self.left_out_key.values().chain(&self.left_out_file)
    }
}

/// The key a finding is counted under: list positions do not make a new
/// key, so `partners[7]` and `partners[8]` are both `partners[*]`.
fn group_of(key: &str) -> String {
    let mut out = String::with_capacity(key.len().min(256));
    let mut rest = key;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(']') {
            Some(close) if after[..close].bytes().all(|b| b.is_ascii_digit()) => {
                out.push_str("[*]");
                rest = &after[close + 1..];
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The note's message: `299,980 more findings like this under partners[*] are not shown`.
pub fn message(left: &LeftOut) -> String {
    let count = thousands(left.count);
    let what = if left.count == 1 { "finding" } else { "findings" };
    if left.key.is_empty() {
        format!("{count} more {what} in this file are not shown (at most {PER_FILE} are shown for one file)")
    } else {
        format!(
            "{count} more {what} like this under `{}` are not shown (at most {PER_KEY} are shown for one key)",
            left.key
        )
    }
}

/// The hint on every such note.
pub const HINT: &str = "fix the findings shown (they are usually one mistake repeated) and run partreg check again";

/// `299980` written `299,980`, as people read counts.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_positions_share_a_key() {
        assert_eq!(group_of("partners[12]"), "partners[*]");
        assert_eq!(group_of("reviews[0].risk.a[3]"), "reviews[*].risk.a[*]");
        assert_eq!(group_of("odd[x]"), "odd[x]");
        assert_eq!(group_of("open["), "open[");
    }

    #[test]
    fn counts_past_the_limits() {
        let mut limits = Limits::default();
        let shown = (0..PER_KEY + 5)
            .filter(|&i| limits.admit(&(i..i + 1), Code::WrongType, &format!("partners[{i}]")))
            .count();
        assert_eq!(shown, PER_KEY);
        let left: Vec<_> = limits.left_out().collect();
        assert_eq!((left.len(), left[0].count, left[0].first.start), (1, 5, PER_KEY));
        assert_eq!(
            message(left[0]),
            "5 more findings like this under `partners[*]` are not shown (at most 20 are shown for one key)"
        );
        assert_eq!(thousands(299_980), "299,980");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn caps_a_file_with_many_different_keys() {
        let mut limits = Limits::default();
        let shown = (0..PER_FILE + 7)
            .filter(|&i| limits.admit(&(i..i), Code::UnknownKey, &format!("k{i}")))
            .count();
        assert_eq!(shown, PER_FILE);
        let left: Vec<_> = limits.left_out().collect();
        assert_eq!((left.len(), left[0].count, left[0].key.as_str()), (1, 7, ""));
    }
}
