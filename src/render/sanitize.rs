//! Text from a register file, a spreadsheet or a file name, made safe to
//! print on a terminal: control characters (ESC and the 8-bit C1
//! introducers such as U+009B, which start escape sequences that recolour,
//! clear the screen, set the window title or hide a link; a bare `\r`,
//! which lets a line overwrite itself) and invisible or bidirectional
//! characters (U+202E makes text display reversed) are written as visible
//! escapes — `\u{1b}`, `\r`, `\u{202e}` — rather than deleted, so that a
//! person can still find the culprit in the file. Everything else,
//! accented and non-Latin letters included, is printed as it is.
//!
//! One rule for every sink: [`escape`] for one-line text (table cells,
//! messages), [`Terminal`] around a writer of terminal text as the last
//! line of defence. Table cells are escaped before the table measures them,
//! so that columns stay aligned (a display-width count treats a control
//! character as zero columns).

use std::borrow::Cow;
use std::io::{self, Write};

use crate::diagnostic::is_invisible;

/// Whether `c` must not reach a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_invisible(c)
}

/// Pushes the visible form of an unsafe character.
pub(crate) fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => out.push_str(&c.escape_unicode().to_string()),
    }
}

/// One-line text made safe: every unsafe character, line breaks included,
/// is written as its escape.
pub fn escape(text: &str) -> Cow<'_, str> {
    if is_safe(text, false) {
        return Cow::Borrowed(text);
    }
    escape_where(text, is_unsafe)
}

/// Text made safe while keeping its line breaks (`\n`), for text printed
/// over several lines.
pub fn escape_keeping_lines(text: &str) -> Cow<'_, str> {
    if is_safe(text, true) {
        return Cow::Borrowed(text);
    }
    escape_where(text, |c| c != '\n' && is_unsafe(c))
}

/// Whether text is safe as it is (line breaks too, if `lines`). Runs of
/// 32 printable ASCII bytes are passed over at once (a fold that does not
/// stop early, so it runs on whole vectors); only the other characters are
/// decoded and looked up. Decoding every character of a 10,000-entry
/// review table (whose borders are not ASCII) was a tenth of `review`'s
/// work.
fn is_safe(text: &str, lines: bool) -> bool {
    let plain = |b: u8| (0x20..0x7f).contains(&b) | (lines & (b == b'\n'));
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(run) = bytes.get(i..i + 32)
            && run.iter().fold(true, |all, &b| all & plain(b))
        {
            i += 32;
            continue;
        }
        // `i` is always at a character's start: it moves by whole ASCII
        // runs, ASCII bytes or characters.
        let Some(c) = text[i..].chars().next() else { break };
        if c.is_ascii() {
            if !plain(bytes[i]) {
                return false;
            }
        } else if is_unsafe(c) {
            return false;
        }
        i += c.len_utf8();
    }
    true
}

fn escape_where(text: &str, bad: impl Fn(char) -> bool) -> Cow<'_, str> {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if bad(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer of terminal text that escapes every unsafe character but the
/// line break, whatever the renderer above it forgot. It never sees
/// partreg's own colours: the renderers that use it print none.
#[derive(Debug)]
pub struct Terminal<W: Write> {
    inner: W,
    /// The start of a UTF-8 sequence split between two writes.
    pending: Vec<u8>,
}

impl<W: Write> Terminal<W> {
    pub fn new(inner: W) -> Self {
        Terminal {
            inner,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, text: &str) -> io::Result<()> {
        self.inner.write_all(escape_keeping_lines(text).as_bytes())
    }
}

impl<W: Write> Write for Terminal<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(buf);
        let mut rest: &[u8] = &bytes;
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.emit(text)?;
                    break;
                }
                Err(err) => {
                    let (good, bad) = rest.split_at(err.valid_up_to());
                    // `valid_up_to` bytes are UTF-8 by definition.
                    self.emit(std::str::from_utf8(good).unwrap_or_default())?;
                    match err.error_len() {
                        // An incomplete character at the end: wait for the rest.
                        None => {
                            self.pending = bad.to_vec();
                            break;
                        }
                        Some(n) => {
                            self.inner.write_all("\u{FFFD}".as_bytes())?;
                            rest = &bad[n..];
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            self.pending.clear();
            self.inner.write_all("\u{FFFD}".as_bytes())?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for Terminal<W> {
    fn drop(&mut self) {
        // A renderer that ends without flushing still shows a cut character.
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_rather_than_deletes() {
        assert_eq!(escape("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escape("x\ry\nz\t"), "x\\ry\\nz\\t");
        assert_eq!(escape("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(escape("abc\u{202e}lmth"), "abc\\u{202e}lmth");
        assert_eq!(escape("\u{1b}]8;;http://evil\u{7}x"), "\\u{1b}]8;;http://evil\\u{7}x");
        assert_eq!(escape("Café Партнёрство 合作"), "Café Партнёрство 合作");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
        assert_eq!(escape_keeping_lines("a\nb\r"), "a\nb\\r");
        // The quick path for plain ASCII still escapes DEL and line breaks.
        assert_eq!(escape("a\u{7f}b"), "a\\u{7f}b");
        assert_eq!(escape("a\nb"), "a\\nb");
        assert!(matches!(escape_keeping_lines("two\nlines"), Cow::Borrowed(_)));
        assert_eq!(escape_keeping_lines("\u{7f}\n"), "\\u{7f}\n");
        // Past a run of plain text, and among box-drawing characters.
        let long = format!("{}\u{1b}", "x".repeat(70));
        assert_eq!(escape(&long), format!("{}\\u{{1b}}", "x".repeat(70)));
        let boxed = format!("│ {} │\u{202e}│", "y".repeat(40));
        assert_eq!(
            escape_keeping_lines(&boxed),
            format!("│ {} │\\u{{202e}}│", "y".repeat(40))
        );
        assert!(matches!(
            escape_keeping_lines(&format!("┌{}┐\n│ Café │", "─".repeat(50))),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn the_writer_escapes_across_split_characters() {
        let mut out = Vec::new();
        {
            let mut t = Terminal::new(&mut out);
            let text = "é\u{1b}[31m\n";
            let bytes = text.as_bytes();
            // Split inside the two bytes of "é".
            t.write_all(&bytes[..1]).unwrap();
            t.write_all(&bytes[1..]).unwrap();
            t.write_all(b"\xff!").unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "é\\u{1b}[31m\n\u{FFFD}!");
    }
}
