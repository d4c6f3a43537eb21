//! The register is TOML 1.0. The `toml` crate reads TOML 1.1 too, but other
//! readers of the register (Python's `tomllib`, most editors' checkers) do
//! not, so syntax only 1.1 allows is a `syntax` error: an inline table over
//! several lines or with a trailing comma, and the `\e` and `\xHH` escapes.
//! (The parser already refuses 1.1's bare keys beyond ASCII.)
//!
//! Found by a pass over the token stream of a file that parsed: the lexer
//! tells strings, comments and brackets apart, so a `{` or `\e` inside a
//! string is never mistaken for syntax.

use std::ops::Range;

use toml_parser::lexer::TokenKind;

use crate::diagnostic::{Code, Diagnostic, Source};

const HINT: &str =
    "the register format is TOML 1.0, which other readers of the register (such as Python's tomllib) require";

/// Reports each TOML 1.1-only form once per file, at its first use.
pub fn check(source: &Source<'_>, diags: &mut Vec<Diagnostic>) {
    let text = source.text;
    // Every 1.1-only form needs a `{` or a `\`; most entries have neither,
    // and a vector scan for two bytes is far cheaper than lexing the file
    // again (a byte-at-a-time scan was a twentieth of `check`'s work).
    if memchr::memchr2(b'{', b'\\', text.as_bytes()).is_none() {
        return;
    }
    let mut found: Vec<(Form, Range<usize>)> = Vec::new();
    let mut note = |form: Form, span: Range<usize>| {
        if !found.iter().any(|(f, _)| *f == form) {
            found.push((form, span));
        }
    };
    // The open brackets, innermost last: `{` or `[`.
    let mut open: Vec<TokenKind> = Vec::new();
    // The last token that was not white space, to find `, }`.
    let mut last: Option<(TokenKind, usize)> = None;
    for token in toml_parser::Source::new(text).lex() {
        let span = token.span().start()..token.span().end();
        let kind = token.kind();
        let in_inline_table = open.last() == Some(&TokenKind::LeftCurlyBracket);
        match kind {
            TokenKind::LeftCurlyBracket | TokenKind::LeftSquareBracket => open.push(kind),
            TokenKind::RightCurlyBracket => {
                if let Some((TokenKind::Comma, at)) = last {
                    note(Form::TrailingComma, at..at + 1);
                }
                open.pop();
            }
            TokenKind::RightSquareBracket => {
                open.pop();
            }
            TokenKind::Newline | TokenKind::Comment if in_inline_table => {
                note(Form::MultiLineInlineTable, span.clone());
            }
            TokenKind::BasicString | TokenKind::MlBasicString => {
                if let Some((form, at)) = new_escape(&text[span.clone()]) {
                    note(form, span.start + at..span.start + at + 2);
                }
            }
            _ => {}
        }
        if kind != TokenKind::Whitespace {
            last = Some((kind, span.start));
        }
    }
    for (form, span) in found {
        let mut d = source.at(
            span,
            Code::Syntax,
            "",
            format!("not valid TOML 1.0: {}", form.message()),
        );
        d.hint = Some(format!("{}; {}", form.fix(), HINT).into());
        diags.push(d);
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Form {
    MultiLineInlineTable,
    TrailingComma,
    EscapeE,
    EscapeX,
}

impl Form {
    fn message(self) -> &'static str {
        match self {
            Form::MultiLineInlineTable => "an inline table `{ … }` must be on one line, without comments",
            Form::TrailingComma => "an inline table `{ … }` cannot end with a comma",
            Form::EscapeE => "`\\e` is not an escape in TOML 1.0",
            Form::EscapeX => "`\\x` is not an escape in TOML 1.0",
        }
    }

    fn fix(self) -> &'static str {
        match self {
            Form::MultiLineInlineTable => "write the table on one line, or as a [table] section of its own",
            Form::TrailingComma => "remove the comma before `}`",
            Form::EscapeE => "write the escape character as \\u001B (or, better, leave it out)",
            Form::EscapeX => "write \\xHH as \\u00HH, e.g. \\x41 as \\u0041 (or just the character)",
        }
    }
}

/// The first escape only TOML 1.1 has in a basic string's raw text, with
/// its byte offset. Each `\` takes the next character with it, so `\\e` is
/// a backslash and an `e`.
fn new_escape(raw: &str) -> Option<(Form, usize)> {
    let mut chars = raw.char_indices();
    while let Some((at, c)) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some((_, 'e')) => return Some((Form::EscapeE, at)),
                Some((_, 'x')) => return Some((Form::EscapeX, at)),
                _ => {}
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_read_in_pairs() {
        assert_eq!(new_escape(r#""a\eb""#), Some((Form::EscapeE, 2)));
        assert_eq!(new_escape(r#""\x41""#), Some((Form::EscapeX, 1)));
        assert_eq!(new_escape(r#""a\\e \\x""#), None);
        assert_eq!(new_escape(r#""\u001B\n""#), None);
    }
}
