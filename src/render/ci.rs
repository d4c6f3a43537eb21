//! `check` findings for CI services: SARIF 2.1.0 (GitHub code scanning and
//! others), GitLab Code Quality, and a Markdown summary for a CI job page
//! (`$GITHUB_STEP_SUMMARY`).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::check::CheckReport;
use crate::diagnostic::explain::Explanation;
use crate::diagnostic::{Code, Diagnostic, Severity};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn message(d: &Diagnostic) -> String {
    match &d.hint {
        Some(h) => format!("{} (hint: {h})", d.message),
        None => d.message.clone(),
    }
}

/// Where the diagnostics page is published, for links to a rule's section.
/// `None` when no address is known (none is invented).
pub type DocsUrl<'a> = Option<&'a str>;

/// A SARIF rule for `code`: its short description, the first paragraph of
/// its documentation as the full one, and the whole section (meaning,
/// example, fix) as help.
fn rule(code: Code, docs_url: DocsUrl<'_>) -> Value {
    let explanation = Explanation::of(code);
    let markdown = explanation.map_or_else(|| code.about().to_string(), |e| e.markdown.to_string());
    let text = explanation.map_or_else(|| code.about().to_string(), |e| e.text());
    let full = explanation.map_or_else(|| code.about().to_string(), |e| e.meaning());
    let mut rule = json!({
        "id": code.as_str(),
        "name": code.as_str(),
        "shortDescription": {"text": code.about()},
        "fullDescription": {"text": full},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": level(code.severity())},
    });
    if let Some(url) = docs_url {
        // The page's heading for a code is the code itself, so its anchor
        // is the code (GitHub, GitLab and most site builders agree).
        rule["helpUri"] = json!(format!("{}#{}", url.trim_end_matches('#'), code.as_str()));
    }
    rule
}

/// SARIF 2.1.0: one run, a rule for every code (ids are the stable codes),
/// one result per finding with its region. Columns count characters
/// (`unicodeCodePoints`), as partreg's do everywhere.
pub fn sarif(report: &CheckReport<'_>, docs_url: DocsUrl<'_>, mut w: impl Write) -> io::Result<()> {
    let rules: Vec<Value> = Code::ALL.iter().map(|&c| rule(c, docs_url)).collect();
    let fingerprints = fingerprints(report);
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .zip(&fingerprints)
        .map(|(d, fingerprint)| {
            let mut physical = json!({"artifactLocation": artifact_location(&d.file)});
            if let Some(l) = &d.location {
                physical["region"] = json!({
                    "startLine": l.line,
                    "startColumn": l.column,
                    "endLine": l.end_line,
                    "endColumn": l.end_column,
                });
            }
            let index = Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0);
            let mut result = json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": index,
                "level": level(d.severity()),
                "message": {"text": message(d)},
                "locations": [{"physicalLocation": physical}],
                "partialFingerprints": {"partreg/v1": fingerprint},
            });
            if !d.key.is_empty() {
                result["locations"][0]["logicalLocations"] = json!([{"fullyQualifiedName": d.key, "kind": "member"}]);
            }
            result
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "partreg",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut w, &doc)?;
    writeln!(w)
}

/// Where a file is, for SARIF: relative to `%SRCROOT%` (the repository
/// root) as a rule; a file with no relative name (on another Windows drive
/// or share, see `store::repo_path`) as an absolute `file:` URI instead.
fn artifact_location(file: &str) -> Value {
    let bytes = file.as_bytes();
    let drive = bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    if drive {
        json!({"uri": format!("file:///{}:{}", char::from(bytes[0]), uri(&file[2..]))})
    } else if let Some(share) = file.strip_prefix("//") {
        json!({"uri": format!("file://{}", uri(share))})
    } else if file.starts_with('/') {
        json!({"uri": format!("file://{}", uri(file))})
    } else {
        json!({"uri": uri(file), "uriBaseId": "%SRCROOT%"})
    }
}

/// A relative path as a URI reference: each segment percent-encoded, so
/// that a file named `%2e%2e%2fetc.toml` cannot be read as `../etc.toml`
/// and spaces or accents make a valid URI.
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(char::from(b)),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// FNV-1a, 64 bits: a small, stable hash for fingerprints (not security).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One identity per finding, stable between runs: from the code, the file
/// and the key path, and a counter telling apart findings that share all
/// three. Never from the message (which holds dates, names and the as-of
/// day) nor the line (which moves when lines are added above), so a
/// finding keeps its identity until it is fixed.
fn fingerprints(report: &CheckReport<'_>) -> Vec<String> {
    let mut occurrences: BTreeMap<(&str, &str, &str), u32> = BTreeMap::new();
    report
        .diagnostics
        .iter()
        .map(|d| {
            let n = occurrences.entry((d.code.as_str(), &d.file, &d.key)).or_insert(0);
            let base = format!("{}\u{0}{}\u{0}{}\u{0}{n}", d.code.as_str(), d.file, d.key);
            *n += 1;
            // Two halves with different inputs make 128 bits, so that two
            // findings of one report do not share a fingerprint by chance.
            format!("{:016x}{:016x}", fnv1a(&base), fnv1a(&format!("partreg\u{0}{base}")))
        })
        .collect()
}

/// GitLab Code Quality: a JSON array, one issue per finding, each with a
/// fingerprint that is unique in the report and stable between runs.
pub fn gitlab(report: &CheckReport<'_>, mut w: impl Write) -> io::Result<()> {
    let fingerprints = fingerprints(report);
    let issues: Vec<Value> = report
        .diagnostics
        .iter()
        .zip(fingerprints)
        .map(|(d, fingerprint)| {
            let line = d.location.as_ref().map_or(1, |l| l.line);
            json!({
                "type": "issue",
                "check_name": d.code.as_str(),
                "description": message(d),
                "categories": ["Style"],
                "severity": if d.severity() == Severity::Error { "major" } else { "minor" },
                "fingerprint": fingerprint,
                "location": {"path": &*d.file, "lines": {"begin": line}},
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut w, &issues)?;
    writeln!(w)
}

/// A Markdown summary for a CI job page.
pub fn summary(report: &CheckReport<'_>, mut w: impl Write) -> io::Result<()> {
    let icon = if report.errors() > 0 {
        "❌"
    } else if report.warnings() > 0 {
        "⚠️"
    } else {
        "✅"
    };
    writeln!(w, "## {icon} Partnership Register check\n")?;
    writeln!(w, "**{}**\n", report.summary())?;
    if report.diagnostics.is_empty() {
        return writeln!(w, "Nothing to fix.");
    }
    writeln!(w, "| | File | Line | Code | Message |")?;
    writeln!(w, "|---|---|---:|---|---|")?;
    for d in &report.diagnostics {
        let mark = if d.severity() == Severity::Error {
            "error"
        } else {
            "warning"
        };
        let line = d.location.as_ref().map_or(String::new(), |l| l.line.to_string());
        writeln!(
            w,
            "| {mark} | {} | {line} | `{}` | {} |",
            super::markdown::code(&d.file),
            d.code.as_str(),
            super::markdown::text(&message(d))
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn finding(key: &str, message: &str, line: usize) -> Diagnostic {
        Diagnostic {
            file: "data/reg/x.toml".into(),
            location: Some(crate::diagnostic::Location {
                line,
                column: 1,
                end_line: line,
                end_column: 2,
                source_line: "x".into(),
            }),
            code: Code::HiddenCharacters,
            key: key.into(),
            message: message.into(),
            hint: None,
        }
    }

    #[test]
    fn files_without_a_relative_name_get_absolute_uris() {
        assert_eq!(
            artifact_location("data/reg/caf\u{e9}.toml"),
            json!({"uri": "data/reg/caf%C3%A9.toml", "uriBaseId": "%SRCROOT%"})
        );
        assert_eq!(
            artifact_location("D:/reg/x.toml"),
            json!({"uri": "file:///D:/reg/x.toml"})
        );
        assert_eq!(
            artifact_location("//server/share/x y.toml"),
            json!({"uri": "file://server/share/x%20y.toml"})
        );
        assert_eq!(
            artifact_location("/srv/reg/x.toml"),
            json!({"uri": "file:///srv/reg/x.toml"})
        );
    }

    #[test]
    fn fingerprints_count_findings_that_share_code_file_and_key() {
        let same = [
            finding("name", "one", 3),
            finding("name", "two", 3),
            finding("aims", "one", 3),
        ];
        let report = CheckReport {
            files: 1,
            diagnostics: same.iter().collect(),
        };
        let prints = fingerprints(&report);
        let unique: BTreeSet<&String> = prints.iter().collect();
        assert_eq!(unique.len(), 3, "{prints:?}");
        // Another message and another line: the same identities.
        let moved = [
            finding("name", "changed", 9),
            finding("name", "again", 9),
            finding("aims", "x", 1),
        ];
        let report = CheckReport {
            files: 1,
            diagnostics: moved.iter().collect(),
        };
        assert_eq!(fingerprints(&report), prints);
    }
}
