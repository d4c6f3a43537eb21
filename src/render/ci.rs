//! `check` findings for CI services: SARIF 2.1.0 (GitHub code scanning and
//! others), GitLab Code Quality, and a Markdown summary for a CI job page
//! (`$GITHUB_STEP_SUMMARY`).

use std::collections::BTreeSet;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::check::CheckReport;
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

/// SARIF 2.1.0: one run, a rule for every code (ids are the stable codes),
/// one result per finding with its region.
pub fn sarif(report: &CheckReport<'_>, mut w: impl Write) -> io::Result<()> {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|c| {
            json!({
                "id": c.as_str(),
                "name": c.as_str(),
                "shortDescription": {"text": c.about()},
                "fullDescription": {"text": c.about()},
                "help": {"text": format!("See docs/diagnostics.md#{} in the partreg repository.", c.as_str())},
                "defaultConfiguration": {"level": level(c.severity())},
            })
        })
        .collect();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let mut physical = json!({"artifactLocation": {"uri": uri(&d.file), "uriBaseId": "%SRCROOT%"}});
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
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut w, &doc)?;
    writeln!(w)
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

/// GitLab Code Quality: a JSON array, one issue per finding, each with a
/// fingerprint that is unique in the report and stable between runs.
pub fn gitlab(report: &CheckReport<'_>, mut w: impl Write) -> io::Result<()> {
    let mut seen = BTreeSet::new();
    let issues: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let line = d.location.as_ref().map_or(1, |l| l.line);
            let base = format!("{}\u{0}{}\u{0}{}\u{0}{}", d.file, d.code.as_str(), d.key, d.message);
            // Two identical findings in one file get different fingerprints.
            let mut n = 0u32;
            let fingerprint = loop {
                let f = format!("{:016x}{:016x}", fnv1a(&base), fnv1a(&format!("{base}\u{0}{n}")));
                if seen.insert(f.clone()) {
                    break f;
                }
                n += 1;
            };
            json!({
                "type": "issue",
                "check_name": d.code.as_str(),
                "description": message(d),
                "categories": ["Style"],
                "severity": if d.severity() == Severity::Error { "major" } else { "minor" },
                "fingerprint": fingerprint,
                "location": {"path": d.file, "lines": {"begin": line}},
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
