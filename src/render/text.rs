//! Small helpers for terminal text: colour that respects `NO_COLOR` and
//! plural words.

/// ANSI styles, or nothing when colour is off.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub enabled: bool,
}

impl Style {
    /// Colour when `wanted` (the output is a terminal, or `--color always`)
    /// and `NO_COLOR` is unset or empty (<https://no-color.org>).
    pub fn new(wanted: bool) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            enabled: wanted && !no_color,
        }
    }

    pub fn paint(&self, code: &str, text: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn red(&self, text: &str) -> String {
        self.paint("1;31", text)
    }

    pub fn yellow(&self, text: &str) -> String {
        self.paint("1;33", text)
    }

    pub fn blue(&self, text: &str) -> String {
        self.paint("1;34", text)
    }

    pub fn cyan(&self, text: &str) -> String {
        self.paint("1;36", text)
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
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
