//! [`Source`]: a file's text and name while it is checked, turning the
//! byte spans the parser gives into the lines and columns findings show.
//!
//! Locating is on the path of every finding (50,000 in a large register),
//! so it is kept cheap: small files count line breaks, large ones build an
//! index of line starts once, and the lines findings point into are copied
//! once each and shared.

use std::cell::{OnceCell, RefCell};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use super::{Code, Diagnostic, Location, limits};

/// A file's text and display name, for turning byte spans into
/// [`Diagnostic`]s while the text is at hand.
pub struct Source<'a> {
    pub file: &'a str,
    /// `file`, as the one copy the findings share.
    shared_file: OnceCell<Arc<str>>,
    pub text: &'a str,
    /// Byte offsets of line starts, built on the first finding in a file
    /// over [`COUNT_LINES_UP_TO`]: clean files never pay for it.
    line_starts: OnceCell<Vec<usize>>,
    /// The lines findings point into, by their start: one copy each, shared.
    lines: RefCell<BTreeMap<usize, Arc<str>>>,
    /// How many findings this file has shown and left out.
    limits: RefCell<limits::Limits>,
}

impl<'a> Source<'a> {
    pub fn new(file: &'a str, text: &'a str) -> Self {
        Source {
            file,
            shared_file: OnceCell::new(),
            text,
            line_starts: OnceCell::new(),
            lines: RefCell::new(BTreeMap::new()),
            limits: RefCell::new(limits::Limits::default()),
        }
    }

    /// Whether a finding of `code` under `key` at `span` is to be shown (see
    /// [`limits`]). Ask before building the finding: one left out is only
    /// counted, never located, so a file with 300,000 faults costs no more
    /// than one with a few hundred.
    pub fn admit(&self, span: &Range<usize>, code: Code, key: &str) -> bool {
        self.limits.borrow_mut().admit(span, code, key)
    }

    /// One note per group of findings left out, giving their count, at the
    /// place of the first one left out.
    pub fn left_out_notes(&self) -> Vec<Diagnostic> {
        let limits = self.limits.borrow();
        limits
            .left_out()
            .map(|left| {
                self.at(left.first.clone(), left.code, left.key.clone(), limits::message(left))
                    .with_hint(limits::HINT)
            })
            .collect()
    }

    /// A finding at `span` (byte offsets into the text).
    pub fn at(&self, span: Range<usize>, code: Code, key: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        // `format!` leaves room to grow that a finding, kept to the end of
        // the run, never uses.
        let mut message = message.into();
        message.shrink_to_fit();
        Diagnostic {
            file: Arc::clone(self.shared_file.get_or_init(|| self.file.into())),
            location: Some(self.locate(span)),
            code,
            key: key.into(),
            message,
            hint: None,
        }
    }

    /// Resolves a byte span to lines and columns. Out-of-range or
    /// mid-character offsets are clamped, so this never panics.
    pub fn locate(&self, span: Range<usize>) -> Location {
        let start = floor_char_boundary(self.text, span.start);
        let end = floor_char_boundary(self.text, span.end.max(span.start));
        let (line, column, line_start) = self.line_col(start);
        // Nearly every span is on one line: then the end is found from the
        // start, not from the top of the file again.
        let (end_line, end_column) = match memchr::memchr(b'\n', &self.text.as_bytes()[start..end]) {
            None => (line, column + self.text[start..end].chars().count()),
            Some(_) => {
                let (end_line, end_column, _) = self.line_col(end);
                (end_line, end_column)
            }
        };
        let line_end = self.text[line_start..]
            .find('\n')
            .map_or(self.text.len(), |i| line_start + i);
        let source_line = Arc::clone(
            self.lines
                .borrow_mut()
                .entry(line_start)
                .or_insert_with(|| self.text[line_start..line_end].trim_end_matches('\r').into()),
        );
        Location {
            line,
            column,
            end_line,
            end_column,
            source_line,
        }
    }

    /// Line, column (both 1-based) and the byte offset of the line's start.
    fn line_col(&self, offset: usize) -> (usize, usize, usize) {
        let (line, line_start) = if self.text.len() <= COUNT_LINES_UP_TO {
            // A few findings in a small file: counting line breaks is
            // cheaper than building the index (a thirtieth of `check`).
            let before = &self.text[..offset];
            let line = count_line_breaks(before.as_bytes()) + 1;
            (line, before.rfind('\n').map_or(0, |i| i + 1))
        } else {
            let starts = self.line_starts.get_or_init(|| {
                std::iter::once(0)
                    .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                    .collect()
            });
            // `starts[0] == 0 <= offset`, so the partition point is at least 1.
            let line = starts.partition_point(|&s| s <= offset);
            (line, starts[line - 1])
        };
        let column = self.text[line_start..offset].chars().count() + 1;
        (line, column, line_start)
    }
}

/// Files up to this size are located by counting line breaks; larger ones
/// (where findings are capped, but each count could read megabytes) by an
/// index of line starts built once.
const COUNT_LINES_UP_TO: usize = 16 * 1024;

/// The number of `\n` bytes. Counted in runs of 255 into a byte-sized
/// total, which the compiler turns into wide vector additions.
fn count_line_breaks(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|run| usize::from(run.iter().fold(0u8, |n, &b| n + u8::from(b == b'\n'))))
        .sum()
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut i = offset.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_spans_by_line_and_character() {
        let src = Source::new("register/a.toml", "a = 1\r\nname = \"Café £\"\nz = 2");
        let loc = src.locate(7..11);
        assert_eq!((loc.line, loc.column, loc.end_line, loc.end_column), (2, 1, 2, 5));
        assert_eq!(&*loc.source_line, "name = \"Café £\"");
        // Findings on one line share one copy of it.
        assert!(Arc::ptr_eq(&loc.source_line, &src.locate(12..13).source_line));
        // Columns count characters: `£` is after 5 characters of "Café ".
        let pound = src.text.find('£').unwrap();
        assert_eq!(src.locate(pound..pound + 2).column, 14);
    }

    /// Small files (lines counted) and large ones (an index of lines) give
    /// the same places as working them out character by character, for
    /// spans on one line and over several.
    #[test]
    fn both_ways_of_locating_agree_with_counting_by_hand() {
        fn by_hand(text: &str, offset: usize) -> (usize, usize) {
            let before = &text[..offset];
            let line = before.matches('\n').count() + 1;
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            (line, text[start..offset].chars().count() + 1)
        }
        let small = "a = 1\r\nname = \"Café £\"\n\nz = [\n  \"x\",\n]\n";
        let large = small.repeat(COUNT_LINES_UP_TO / small.len() + 2);
        assert!(large.len() > COUNT_LINES_UP_TO && small.len() <= COUNT_LINES_UP_TO);
        for text in [small, large.as_str()] {
            let src = Source::new("f", text);
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let step = if text.len() > 1000 { 89 } else { 3 };
            for (i, &start) in bounds.iter().enumerate().step_by(step) {
                for &end in bounds[i..].iter().take(40).step_by(7) {
                    let loc = src.locate(start..end);
                    assert_eq!((loc.line, loc.column), by_hand(text, start), "start of {start}..{end}");
                    assert_eq!(
                        (loc.end_line, loc.end_column),
                        by_hand(text, end),
                        "end of {start}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    fn clamps_out_of_range_spans() {
        let src = Source::new("f", "é");
        let loc = src.locate(1..99);
        assert_eq!((loc.line, loc.column), (1, 1));
    }
}
