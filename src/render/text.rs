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
    fn plurals() {
        assert_eq!(plural(1, "file"), "1 file");
        assert_eq!(plural(0, "error"), "0 errors");
    }
}
