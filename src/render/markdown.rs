//! Text from the register made inert in Markdown (the review pack,
//! `check --summary` for a CI job page), so that data can never become
//! markup: a name holding `<script>`, `<img onerror=…>` or
//! `[x](javascript:…)` shows as those characters, not as HTML or a link,
//! and a `|`, a backtick or a line break cannot break a table.
//!
//! Control and invisible characters are first made visible
//! ([`super::sanitize`]); then `<`, `>` and `&` become HTML entities
//! (inert in every Markdown dialect, pandoc's included) and the other
//! characters Markdown gives meaning to are escaped with a backslash.

use super::sanitize;

/// Inline text for a paragraph, a list item or a table cell.
pub fn text(raw: &str) -> String {
    let visible = sanitize::escape(raw);
    let mut out = String::with_capacity(visible.len() + 8);
    for c in visible.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '!' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A code span (for file names and ids) that holds any text: the fence is
/// one backtick longer than the longest run inside, and `|` is escaped as
/// GitHub's tables require even within code.
pub fn code(raw: &str) -> String {
    let visible = sanitize::escape(raw).replace('|', "\\|");
    let mut longest = 0;
    let mut run = 0;
    for c in visible.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // A space keeps a backtick at either end from joining the fence.
    let pad = if visible.starts_with('`') || visible.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{visible}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_become_markup() {
        assert_eq!(
            text("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(text("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
        assert_eq!(text("a|b\nc"), "a\\|b\\\\nc");
        assert_eq!(text("King's Lynn & West"), "King's Lynn &amp; West");
        assert_eq!(text("\u{1b}[2J"), "\\\\u{1b}\\[2J");
    }

    #[test]
    fn code_spans_hold_backticks_and_pipes() {
        assert_eq!(code("register/a.toml"), "`register/a.toml`");
        assert_eq!(code("a`b|c.toml"), "``a`b\\|c.toml``");
        assert_eq!(code("`x``"), "``` `x`` ```");
    }
}
