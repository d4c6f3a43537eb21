//! What every printable HTML page shares when printed to PDF (the review
//! pack, the appointments list, the reporting programme): a footer with
//! the council, the document and its date at the left and "Page N of M" at
//! the right, in `@page` margin boxes (which Chromium prints since version
//! 131).

use std::fmt::Write as _;

/// The `@page` rule that puts `footer` at the foot of every page, left,
/// and the page number, right.
pub fn footer_style(footer: &str) -> String {
    format!(
        "@page {{\n  @bottom-left {{ content: {}; font: 7.5pt Arial, Helvetica, sans-serif; color: #444; }}\n  @bottom-right {{ content: 'Page ' counter(page) ' of ' counter(pages); font: 7.5pt Arial, Helvetica, sans-serif; color: #444; }}\n}}\n",
        css_string(footer)
    )
}

/// Text for a CSS string: every character but plain letters, digits and a
/// few marks is written as a hex escape, so no text from the register can
/// end the string or the style sheet.
pub fn css_string(text: &str) -> String {
    let mut out = String::from("'");
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || " .,:;-()".contains(c) {
            out.push(c);
        } else {
            let _ = write!(out, "\\{:x} ", u32::from(c));
        }
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_text_cannot_end_the_string() {
        let css = footer_style("a'}</style><script>");
        assert!(!css.contains("</style>") && !css.contains("a'"), "{css}");
        assert!(css.contains("counter(pages)"));
    }
}
