//! The `check` report in its formats: `human` (snippets with a caret, in the
//! style of rustc), `json` (for tools) and `github` (workflow commands that
//! annotate a pull request).

use std::io::{self, Write};

use serde::Serialize;

use super::text::{Style, plural};
use crate::diagnostic::{Diagnostic, Location, Severity, safe};

/// What `check` found.
pub struct CheckReport<'a> {
    /// How many entry files were checked.
    pub files: usize,
    /// The findings to show, sorted.
    pub diagnostics: Vec<&'a Diagnostic>,
}

impl CheckReport<'_> {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity() == severity).count()
    }

    /// `2 errors, 1 warning in 16 files`.
    pub fn summary(&self) -> String {
        format!(
            "{}, {} in {}",
            plural(self.errors(), "error"),
            plural(self.warnings(), "warning"),
            plural(self.files, "file")
        )
    }
}

/// Lines longer than this are shown as a window around the fault.
const SNIPPET_WIDTH: usize = 100;

/// The human format: one block per finding, then the summary line.
pub fn human(report: &CheckReport<'_>, style: Style, mut w: impl Write) -> io::Result<()> {
    for d in &report.diagnostics {
        diagnostic(d, style, &mut w)?;
    }
    writeln!(w, "{}", style.bold(&report.summary()))
}

fn diagnostic(d: &Diagnostic, style: Style, w: &mut impl Write) -> io::Result<()> {
    let place = match &d.location {
        Some(l) => format!("{}:{}:{}", safe(&d.file), l.line, l.column),
        None => safe(&d.file).into_owned(),
    };
    let label = match d.severity() {
        Severity::Error => style.red(&format!("error[{}]", d.code.as_str())),
        Severity::Warning => style.yellow(&format!("warning[{}]", d.code.as_str())),
    };
    writeln!(w, "{}: {label}: {}", style.bold(&place), safe(&d.message))?;
    let width = d.location.as_ref().map_or(1, |l| l.line.to_string().len());
    let gutter = " ".repeat(width);
    if let Some(l) = &d.location {
        let (shown, caret_at, caret_len) = snippet(l);
        let bar = style.blue("|");
        writeln!(w, "{gutter} {bar}")?;
        writeln!(w, "{} {bar} {shown}", style.blue(&l.line.to_string()))?;
        let marks = "^".repeat(caret_len);
        let carets = if d.severity() == Severity::Error {
            style.red(&marks)
        } else {
            style.yellow(&marks)
        };
        writeln!(w, "{gutter} {bar} {}{carets}", " ".repeat(caret_at))?;
    }
    if !d.key.is_empty() {
        writeln!(w, "{gutter} = key: {}", safe(&d.key))?;
    }
    if let Some(hint) = &d.hint {
        writeln!(w, "{gutter} = {}: {}", style.cyan("hint"), safe(hint))?;
    }
    writeln!(w)
}

/// The source line made safe and short for a terminal, the caret's offset
/// and its length (in displayed characters).
fn snippet(l: &Location) -> (String, usize, usize) {
    // Counted, not collected: a line can be 600 KB long, and only a window
    // of it is shown.
    let len = l.source_line.chars().count();
    let start_col = l.column.saturating_sub(1).min(len);
    let end_col = if l.end_line == l.line {
        l.end_column.saturating_sub(1).min(len)
    } else {
        len
    };
    let caret_len = end_col.saturating_sub(start_col).max(1);
    // Show a window of the line when it is long, keeping the fault in view.
    let from = if len > SNIPPET_WIDTH {
        start_col.saturating_sub(SNIPPET_WIDTH / 3)
    } else {
        0
    };
    let to = (from + SNIPPET_WIDTH).min(len);
    let mut shown = String::new();
    if from > 0 {
        shown.push('…');
    }
    for c in l.source_line.chars().skip(from).take(to - from) {
        // Tabs become one space and control or invisible characters a
        // visible mark, so the caret stays aligned and the terminal safe.
        shown.push(match c {
            '\t' => ' ',
            c if c.is_control() || crate::diagnostic::is_invisible(c) => '�',
            c => c,
        });
    }
    if to < len {
        shown.push('…');
    }
    let offset = usize::from(from > 0);
    let caret_at = start_col - from + offset;
    let caret_len = caret_len.min(to.saturating_sub(start_col).max(1));
    (shown, caret_at, caret_len)
}

#[derive(Serialize)]
struct JsonReport<'a> {
    files: usize,
    errors: usize,
    warnings: usize,
    diagnostics: JsonDiagnostics<'a>,
}

/// The findings, written one by one as the document is written: a list of
/// 50,000 made first would be one more copy of the report in memory.
struct JsonDiagnostics<'a>(&'a [&'a Diagnostic]);

impl Serialize for JsonDiagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|d| JsonDiagnostic::of(d)))
    }
}

impl<'a> JsonDiagnostic<'a> {
    fn of(d: &'a Diagnostic) -> Self {
        JsonDiagnostic {
            file: &d.file,
            line: d.location.as_ref().map(|l| l.line),
            column: d.location.as_ref().map(|l| l.column),
            end_line: d.location.as_ref().map(|l| l.end_line),
            end_column: d.location.as_ref().map(|l| l.end_column),
            severity: d.severity(),
            code: d.code.as_str(),
            key: &d.key,
            message: &d.message,
            hint: d.hint.as_deref(),
        }
    }
}

/// Findings written to text a chunk at a time, this many to a chunk.
const JSON_CHUNK: usize = 1024;

/// Writes the findings as the pretty-printed JSON list that
/// `serde_json::to_writer_pretty` writes at the document's second level,
/// byte for byte, turning them into text on two threads: at 50,000 findings
/// (23 MB of JSON) this was most of the time `check` spent on one thread at
/// its end. Chunks are written in order as each pair is done, so at most
/// two chunks' text is held at once.
fn json_findings(diagnostics: &[&Diagnostic], w: &mut impl Write) -> io::Result<()> {
    if diagnostics.is_empty() {
        return w.write_all(b"[]");
    }
    w.write_all(b"[")?;
    let chunks: Vec<&[&Diagnostic]> = diagnostics.chunks(JSON_CHUNK).collect();
    for (n, pair) in chunks.chunks(2).enumerate() {
        let (first, second) = if let [a, b] = pair {
            std::thread::scope(|scope| {
                let later = scope.spawn(|| json_chunk(b));
                (
                    json_chunk(a),
                    Some(later.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))),
                )
            })
        } else {
            (json_chunk(pair[0]), None)
        };
        if n > 0 {
            w.write_all(b",")?;
        }
        w.write_all(&first)?;
        if let Some(second) = second {
            w.write_all(b",")?;
            w.write_all(&second)?;
        }
    }
    w.write_all(b"\n  ]")
}

/// One chunk of findings as JSON text, each on a new line and indented two
/// levels, separated by commas.
///
/// Written by hand rather than through serde: the shape is fixed, and
/// serde's pretty printer (then re-indented) was a tenth of `check`'s
/// time, spent on one thread after the files were read. The text is the
/// same byte for byte (a test compares the two); strings with anything
/// JSON must escape are still escaped by serde_json.
fn json_chunk(part: &[&Diagnostic]) -> Vec<u8> {
    let mut out = Vec::with_capacity(part.len() * 512);
    for (i, d) in part.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json_finding(d, &mut out);
    }
    out
}

fn json_finding(d: &Diagnostic, out: &mut Vec<u8>) {
    let l = d.location.as_ref();
    out.extend_from_slice(b"\n    {\n      \"file\": ");
    json_string(&d.file, out);
    for (name, value) in [
        (&b",\n      \"line\": "[..], l.map(|l| l.line)),
        (b",\n      \"column\": ", l.map(|l| l.column)),
        (b",\n      \"end_line\": ", l.map(|l| l.end_line)),
        (b",\n      \"end_column\": ", l.map(|l| l.end_column)),
    ] {
        out.extend_from_slice(name);
        match value {
            Some(n) => out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes()),
            None => out.extend_from_slice(b"null"),
        }
    }
    out.extend_from_slice(match d.severity() {
        Severity::Error => b",\n      \"severity\": \"error\"",
        Severity::Warning => b",\n      \"severity\": \"warning\"",
    });
    out.extend_from_slice(b",\n      \"code\": ");
    json_string(d.code.as_str(), out);
    out.extend_from_slice(b",\n      \"key\": ");
    json_string(&d.key, out);
    out.extend_from_slice(b",\n      \"message\": ");
    json_string(&d.message, out);
    out.extend_from_slice(b",\n      \"hint\": ");
    match d.hint.as_deref() {
        Some(hint) => json_string(hint, out),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b"\n    }");
}

/// A JSON string. Text with nothing to escape (nearly all of it) is copied
/// as it is; the rest goes through serde_json, so escapes are its own.
fn json_string(text: &str, out: &mut Vec<u8>) {
    // Folded without stopping early, so that it runs on whole vectors.
    let plain = text
        .bytes()
        .fold(true, |plain, b| plain & (b >= 0x20) & (b != b'"') & (b != b'\\'));
    if plain {
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
    } else {
        // Writing to a Vec cannot fail, and a &str is always valid JSON.
        let _ = serde_json::to_writer(&mut *out, text);
    }
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    severity: Severity,
    code: &'static str,
    key: &'a str,
    message: &'a str,
    hint: Option<&'a str>,
}

/// The JSON format: one document with counts and every finding.
pub fn json(report: &CheckReport<'_>, mut w: impl Write) -> io::Result<()> {
    // The document is written by serde with an empty list, which is then
    // filled by `json_findings`: the list is the document's last field.
    let doc = JsonReport {
        files: report.files,
        errors: report.errors(),
        warnings: report.warnings(),
        diagnostics: JsonDiagnostics(&[]),
    };
    let mut head = Vec::new();
    super::formats::write_json(&doc, &mut head)?;
    let Some(head) = head.strip_suffix(b"[]\n}\n") else {
        return Err(io::Error::other(
            "the check report's JSON does not end with its list of findings",
        ));
    };
    w.write_all(head)?;
    json_findings(&report.diagnostics, &mut w)?;
    w.write_all(b"\n}\n")
}

/// The GitHub Actions format: one workflow command per finding.
/// <https://docs.github.com/actions/reference/workflow-commands-for-github-actions>
pub fn github(report: &CheckReport<'_>, mut w: impl Write) -> io::Result<()> {
    for d in &report.diagnostics {
        let command = match d.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = vec![format!("file={}", escape_property(&d.file))];
        if let Some(l) = &d.location {
            props.push(format!("line={}", l.line));
            props.push(format!("col={}", l.column));
            props.push(format!("endLine={}", l.end_line));
            if l.end_line == l.line {
                props.push(format!("endColumn={}", l.end_column));
            }
        }
        props.push(format!("title={}", escape_property(d.code.as_str())));
        let mut message = d.message.clone();
        if let Some(hint) = &d.hint {
            message.push_str("\nhint: ");
            message.push_str(hint);
        }
        writeln!(w, "::{command} {}::{}", props.join(","), escape_data(&message))?;
    }
    Ok(())
}

/// Escapes a workflow command's message. Line breaks become `%0A` as
/// GitHub specifies; any other control character is written as an escape so
/// that it cannot start a command of its own.
pub fn escape_data(text: &str) -> String {
    let escaped = text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    safe(&escaped).into_owned()
}

/// Escapes a workflow command's property value, which also may not hold `:` or `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The findings written on two threads, a chunk at a time, are what
    /// serde writes for the whole document, for none, a few, and more than
    /// an odd number of chunks.
    #[test]
    fn json_in_chunks_is_serdes_json() {
        let src = crate::diagnostic::Source::new("register/a \"b\".toml", "a = 1\nb = \"\\n\"\n");
        // Text that needs no escape and text with every kind JSON has:
        // quotes, backslashes, control characters, DEL, non-ASCII, U+2028.
        let texts = [
            "plain words",
            "line\nbreak \u{1b} tab\t",
            "a \"quoted\" C:\\path",
            "\u{7f} £ Café \u{2028} 😀",
            "",
        ];
        let all: Vec<Diagnostic> = (0..JSON_CHUNK * 3 + 5)
            .map(|i| {
                let code = [crate::diagnostic::Code::TermExpired, crate::diagnostic::Code::BadValue][i % 2];
                let text = texts[i % texts.len()];
                let d = if i % 7 == 0 {
                    Diagnostic::about_file(text, code, format!("{text} {i}"), None)
                } else {
                    src.at(6..10, code, format!("k{i}{text}"), format!("{text} {i}"))
                };
                if i % 3 == 0 {
                    d.with_hint(texts[(i / 3) % texts.len()])
                } else {
                    d
                }
            })
            .collect();
        for n in [0, 1, 7, all.len()] {
            let report = CheckReport {
                files: 1,
                diagnostics: all[..n].iter().collect(),
            };
            let mut chunked = Vec::new();
            json(&report, &mut chunked).unwrap();
            let whole = JsonReport {
                files: 1,
                errors: report.errors(),
                warnings: report.warnings(),
                diagnostics: JsonDiagnostics(&report.diagnostics),
            };
            let mut expected = Vec::new();
            super::super::formats::write_json(&whole, &mut expected).unwrap();
            assert!(chunked == expected, "{n} findings differ");
        }
    }

    #[test]
    fn escapes_workflow_commands() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn long_lines_are_windowed_around_the_fault() {
        let line = format!("name = \"{}\"", "x".repeat(1000));
        let l = Location {
            line: 1,
            column: 500,
            end_line: 1,
            end_column: 501,
            source_line: line.into(),
        };
        let (shown, at, len) = snippet(&l);
        assert!(shown.chars().count() <= SNIPPET_WIDTH + 2);
        assert_eq!(shown.chars().nth(at), Some('x'));
        assert_eq!(len, 1);
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let l = Location {
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 2,
            source_line: "a\u{1b}[2J\u{202e}b".into(),
        };
        let (shown, _, _) = snippet(&l);
        assert!(!shown.contains('\u{1b}') && !shown.contains('\u{202e}'));
    }
}
