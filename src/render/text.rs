//! Small helpers for terminal text: colour and plural words.
//!
//! Colour is decided once for every stream, clap's help and errors
//! included: `--color always|never` wins, then `NO_COLOR` (any non-empty
//! value, <https://no-color.org>), then whether that stream is a terminal.
//! The escape codes come from `anstyle`, the crate clap styles its own help
//! with, so partreg's colours and clap's are written the same way.

use std::ffi::OsStr;

use anstyle::AnsiColor;

use crate::cli::ColorChoice;

/// Whether to colour a stream: the flag wins, then `NO_COLOR`, then
/// whether the stream is a terminal.
pub fn use_colour(flag: Option<ColorChoice>, stream_is_terminal: bool) -> bool {
    decide(flag, std::env::var_os("NO_COLOR").as_deref(), stream_is_terminal)
}

/// [`use_colour`] with the environment passed in, for tests.
pub fn decide(flag: Option<ColorChoice>, no_color: Option<&OsStr>, stream_is_terminal: bool) -> bool {
    match flag {
        Some(ColorChoice::Always) => true,
        Some(ColorChoice::Never) => false,
        Some(ColorChoice::Auto) | None => no_color.is_none_or(OsStr::is_empty) && stream_is_terminal,
    }
}

/// Styles for one stream, or nothing when colour is off.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub enabled: bool,
}

impl Style {
    /// Colour when `enabled` (decided by [`use_colour`]).
    pub fn new(enabled: bool) -> Self {
        Style { enabled }
    }

    fn paint(self, style: anstyle::Style, text: &str) -> String {
        if self.enabled {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    pub fn red(&self, text: &str) -> String {
        self.paint(AnsiColor::Red.on_default().bold(), text)
    }

    pub fn yellow(&self, text: &str) -> String {
        self.paint(AnsiColor::Yellow.on_default().bold(), text)
    }

    pub fn blue(&self, text: &str) -> String {
        self.paint(AnsiColor::Blue.on_default().bold(), text)
    }

    pub fn cyan(&self, text: &str) -> String {
        self.paint(AnsiColor::Cyan.on_default().bold(), text)
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint(anstyle::Style::new().bold(), text)
    }
}

/// `1 error`, `2 errors`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Pounds for people: `£1,250,000`.
pub fn pounds(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    out.push('£');
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A level or its absence for people: `High`, `—`.
pub fn level(level: Option<crate::model::Level>) -> &'static str {
    level.map_or("—", crate::model::Level::title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_pounds() {
        assert_eq!(pounds(0), "£0");
        assert_eq!(pounds(999), "£999");
        assert_eq!(pounds(1000), "£1,000");
        assert_eq!(pounds(1_250_000), "£1,250,000");
    }

    #[test]
    fn the_flag_wins_then_no_color_then_the_terminal() {
        let set = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        assert!(
            decide(Some(ColorChoice::Always), set, false),
            "--color always beats NO_COLOR"
        );
        assert!(
            !decide(Some(ColorChoice::Never), None, true),
            "--color never beats a terminal"
        );
        assert!(!decide(None, set, true), "NO_COLOR beats a terminal");
        assert!(!decide(Some(ColorChoice::Auto), set, true));
        assert!(decide(None, empty, true), "an empty NO_COLOR is unset");
        assert!(decide(None, None, true));
        assert!(!decide(None, None, false));
    }

    #[test]
    fn colours_with_ansi_codes_only_when_enabled() {
        assert_eq!(Style::new(false).red("error"), "error");
        let red = Style::new(true).red("error");
        assert!(
            red.starts_with('\u{1b}') && red.contains("error") && red.ends_with("\u{1b}[0m"),
            "{red:?}"
        );
    }

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "file"), "1 file");
        assert_eq!(plural(0, "error"), "0 errors");
    }
}
