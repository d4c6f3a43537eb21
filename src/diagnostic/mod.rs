//! Findings about the register: one [`Diagnostic`] type with its file, place,
//! key path, stable [`Code`], message and optional hint.
//!
//! Findings are data, not errors: the validator collects all of them and the
//! renderers in [`crate::render`] print them. A diagnostic resolves its byte
//! span to line and column when it is made and shares the source line for
//! the snippet: each faulty line is kept once per file however many findings
//! point into it, so memory stays linear in the file and the rest of the
//! file's text need not stay in memory. [`limits`] caps how many findings a
//! file shows.

pub mod explain;
pub mod hint;
pub mod limits;
mod source;

pub use source::Source;

use std::cell::RefCell;
use std::sync::Arc;

use serde::Serialize;

/// How serious a finding is. Errors always fail `check`; warnings fail it
/// only under `--strict`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($( $variant:ident = $text:literal, $severity:ident, $about:literal; )+) => {
        /// The stable, documented code of a finding (`docs/diagnostics.md`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( #[doc = $about] $variant ),+
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            /// The code as printed and documented, e.g. `unknown-key`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text),+
                }
            }

            /// Whether this code is an error or a warning.
            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity),+
                }
            }

            /// One sentence on what the code means (for SARIF rules and help).
            pub fn about(self) -> &'static str {
                match self {
                    $(Code::$variant => $about),+
                }
            }
        }
    };
}

codes! {
    Unreadable = "unreadable", Error,
        "The file could not be read (permissions, an I/O error, too large).";
    NotUtf8 = "not-utf8", Error,
        "The file is not UTF-8 text.";
    Syntax = "syntax", Error,
        "The file is not valid TOML.";
    BadDate = "bad-date", Error,
        "A date that is not a real calendar date, or a date-time where a date belongs.";
    WrongType = "wrong-type", Error,
        "A value of the wrong type, e.g. a string where a number belongs.";
    UnknownKey = "unknown-key", Error,
        "A key the format does not have.";
    BadValue = "bad-value", Error,
        "A value outside its closed list, e.g. `status = \"Active\"`.";
    MissingKey = "missing-key", Error,
        "A required key is absent (or a required list is empty).";
    OutOfRange = "out-of-range", Error,
        "A value that cannot be right: a number too large, not a number or infinite, a name too long, a review year out of range.";
    HiddenCharacters = "hidden-characters", Error,
        "Text containing invisible or control characters (zero-width spaces, right-to-left marks).";
    Negative = "negative", Error,
        "A negative amount of money or hours.";
    BadId = "bad-id", Error,
        "The file name is not a valid id.";
    DuplicateId = "duplicate-id", Error,
        "Two files have the same id.";
    DuplicateName = "duplicate-name", Error,
        "Two partnerships have the same name.";
    ConfusableName = "confusable-name", Error,
        "Two partnerships have different names that look the same (a Cyrillic \"о\" for a Latin \"o\").";
    TermBeforeAppointed = "term-before-appointed", Error,
        "A representative's term ends before they were appointed.";
    ClosedBeforeRaised = "closed-before-raised", Error,
        "A concern is closed before the day it was raised.";
    ClosedWhileOpen = "closed-while-open", Error,
        "A concern has a `closed` date but its status is still open.";
    MissingExit = "missing-exit", Error,
        "An exiting or exited partnership has no exit strategy.";
    ExitNotReviewed = "exit-not-reviewed", Error,
        "A significant partnership was exited without the Executive reviewing the exit strategy.";
    WrongApprover = "wrong-approver", Error,
        "An unbudgeted contribution was not approved by Cabinet.";
    UnlistedPriority = "unlisted-priority", Error,
        "A priority code that `partreg.toml` does not list.";
    DuplicateReviewYear = "duplicate-review-year", Error,
        "Two reviews in one file have the same year.";
    RatingMismatch = "rating-mismatch", Error,
        "A recorded overall rating differs from the computed one and no rationale says why.";
    ReviewOverdue = "review-overdue", Warning,
        "An active partnership has had no review in the last twelve months.";
    TermExpired = "term-expired", Warning,
        "A representative's term has ended.";
    IncompleteAssessment = "incomplete-assessment", Warning,
        "Too few Appendix B criteria are rated to compute a rating.";
    NoReporting = "no-reporting", Warning,
        "An active partnership has no reporting programme.";
    NoApproval = "no-approval", Warning,
        "An active partnership has no record of the decision to join.";
    NoPartners = "no-partners", Warning,
        "An active partnership lists no partner organisations.";
    Placeholder = "placeholder", Warning,
        "`partreg init`'s example entry, or a priority still titled \"(replace me)\", is in use.";
    ReservedId = "reserved-id", Warning,
        "An id Windows keeps for a device (`con`, `nul`, `com1`…): the file cannot be checked out on Windows.";

    UppercaseExtension = "uppercase-extension", Warning,
        "A file in the register ending in .TOML (any case but .toml), which is not read as an entry.";
    LeftoverTempFile = "leftover-temp-file", Warning,
        "A `.partreg-*.tmp` file in the register: a write by a partreg that was stopped or killed part-way.";
    CabinetDecisionNeeded = "cabinet-decision-needed", Warning,
        "A proposed partnership with a contribution not in existing budgets is still to go to Cabinet.";
    ReportDateFuture = "report-date-future", Warning,
        "The last report is dated after the as-of date (usually a mistyped date).";
    NoLeadOfficer = "no-lead-officer", Warning,
        "An active partnership names no Lead Officer.";
    RoleNotClarified = "role-not-clarified", Warning,
        "A representative of an active partnership has no roles recorded.";
    VacantPlace = "vacant-place", Warning,
        "An active partnership has more places for Members than Members serving.";
    ReportOverdue = "report-overdue", Warning,
        "The next report in the reporting programme was due before the as-of date.";
    ExitDecided = "exit-decided", Warning,
        "An active partnership's latest review decided to exit, but its status is still active.";
    NewPartnershipUnassessed = "new-partnership-unassessed", Warning,
        "A proposed partnership has fewer than half of the Appendix C questions answered.";
    NoPortfolioHolder = "no-portfolio-holder", Warning,
        "CMT approved joining but no Portfolio Holder is recorded.";
}

/// Where in a file a finding is: 1-based lines and columns (columns count
/// characters, not bytes), plus the text of the first line for the snippet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// The whole first line of the span, without its line ending; shared by
    /// every finding on that line (see [`Source::locate`]).
    pub source_line: Arc<str>,
}

/// One finding.
///
/// A register of 10,000 entries can have 50,000 findings, all kept until the
/// sorted report is printed, so a finding is kept small: its file name is
/// one copy per file, and its hint (which repeats from file to file: the
/// same advice each time) is a shared copy (see [`shared`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, relative to the folder that holds the register folder, with
    /// `/`; one copy shared by all of the file's findings.
    pub file: Arc<str>,
    /// `None` only for findings about the file as a whole (e.g. unreadable).
    pub location: Option<Location>,
    pub code: Code,
    /// The key path, e.g. `representatives[0].term_ends`; empty for the file.
    pub key: String,
    pub message: String,
    pub hint: Option<Arc<str>>,
}

impl Diagnostic {
    /// A finding about a whole file (it has no place in it).
    pub fn about_file(file: &str, code: Code, message: impl Into<String>, hint: Option<&str>) -> Diagnostic {
        Diagnostic {
            file: file.into(),
            location: None,
            code,
            key: String::new(),
            message: message.into(),
            hint: hint.map(shared),
        }
    }

    /// The same finding with this hint.
    pub fn with_hint(self, hint: &str) -> Diagnostic {
        Diagnostic {
            hint: Some(shared(hint)),
            ..self
        }
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// The order findings are printed in: by file, then place, then code.
    pub fn sort_key(&self) -> (&str, usize, usize, Code, &str) {
        let (line, column) = self.location.as_ref().map_or((0, 0), |l| (l.line, l.column));
        (&self.file, line, column, self.code, &self.message)
    }

    /// [`Self::sort_key`] without the file, for findings known to share one.
    fn place_key(&self) -> (usize, usize, Code, &str) {
        let (line, column) = self.location.as_ref().map_or((0, 0), |l| (l.line, l.column));
        (line, column, self.code, &self.message)
    }
}

/// Sorts findings into the order they are printed in ([`Diagnostic::sort_key`]),
/// given in groups that each hold one file's findings (in any order), the
/// groups in any order. The result is exactly what one stable sort of all
/// the groups laid end to end gives, but the long file names are compared
/// once a group rather than once a comparison of findings: sorting 50,000
/// findings of 10,000 files was a good part of `check`'s single-threaded
/// tail. A group whose findings name more than one file is sorted whole.
pub fn sorted<'a>(groups: impl IntoIterator<Item = &'a [Diagnostic]>) -> Vec<&'a Diagnostic> {
    let mut groups: Vec<&[Diagnostic]> = groups.into_iter().filter(|g| !g.is_empty()).collect();
    if groups.iter().any(|g| {
        g.iter()
            .any(|d| !Arc::ptr_eq(&d.file, &g[0].file) && d.file != g[0].file)
    }) {
        let mut all: Vec<&Diagnostic> = groups.into_iter().flatten().collect();
        all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        return all;
    }
    // Stable: groups of one file keep their order, as in one sort of all.
    groups.sort_by(|a, b| a[0].file.cmp(&b[0].file));
    let mut all = Vec::with_capacity(groups.iter().map(|g| g.len()).sum());
    let mut run = 0;
    while run < groups.len() {
        let file = &groups[run][0].file;
        let end = run + groups[run..].iter().take_while(|g| g[0].file == *file).count();
        let start = all.len();
        all.extend(groups[run..end].iter().copied().flatten());
        all[start..].sort_by(|a, b| a.place_key().cmp(&b.place_key()));
        run = end;
    }
    all
}

/// A shared copy of a text that many findings hold: hints repeat
/// from file to file, so each thread keeps one copy of each (up to a few
/// thousand different ones; past that, copies are made as before, so a
/// register full of one-off hints cannot grow the table without end).
pub fn shared(text: &str) -> Arc<str> {
    const MOST: usize = 4096;
    thread_local! {
        static SHARED: RefCell<std::collections::HashSet<Arc<str>>> = RefCell::default();
    }
    SHARED.with_borrow_mut(|set| {
        if let Some(found) = set.get(text) {
            return Arc::clone(found);
        }
        let made: Arc<str> = text.into();
        if set.len() < MOST {
            set.insert(Arc::clone(&made));
        }
        made
    })
}

/// Quotes text from a user's file for a message: shortened when long, with
/// control characters escaped so they cannot disturb a terminal.
pub fn quote(text: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::with_capacity(text.len().min(MAX) + 8);
    out.push('"');
    for (i, c) in text.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            c if crate::render::sanitize::is_unsafe(c) => crate::render::sanitize::push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text made safe for a terminal or a CI log: control and invisible
/// characters are written as escapes; everything else is kept.
pub fn safe(text: &str) -> std::borrow::Cow<'_, str> {
    crate::render::sanitize::escape(text)
}

/// Characters that change how text looks without being seen: Unicode's
/// default-ignorable code points (soft hyphen, zero-width spaces and
/// joiners, U+061C, the Hangul fillers, variation selectors, tag
/// characters…) and the bidirectional controls behind "Trojan source".
/// A name holding one looks exactly like the name without it.
pub fn is_invisible(c: char) -> bool {
    // Default_Ignorable_Code_Point, DerivedCoreProperties.txt (Unicode
    // 15.1); the bidi embeddings, overrides and isolates (U+202A–E,
    // U+2066–9) and U+200E/F are among them.
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_hostile_text_safely() {
        assert_eq!(quote("a\u{1b}[31m"), "\"a\\u{1b}[31m\"");
        assert_eq!(quote("x\u{202e}y"), "\"x\\u{202e}y\"");
        for c in ['\u{ad}', '\u{61c}', '\u{3164}', '\u{e0041}', '\u{2066}', '\u{fe0f}'] {
            assert!(is_invisible(c), "U+{:04X}", u32::from(c));
        }
        for c in ['a', 'é', 'о', ' ', '-', '\u{a0}'] {
            assert!(!is_invisible(c), "U+{:04X}", u32::from(c));
        }
        assert!(quote(&"x".repeat(1000)).chars().count() < 70);
    }

    /// `sorted` must print exactly what one stable sort of every finding
    /// printed before it: files in order, equal files (an entry and a
    /// folder finding of one name) merged, and ties kept in their order.
    #[test]
    fn sorting_by_file_groups_is_one_stable_sort() {
        let files = [
            "register/b.toml",
            "register/a.toml",
            "register/a/b.toml",
            "register/a.toml",
        ];
        let mut seed = 7_u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            usize::try_from((seed >> 33) % n).unwrap_or(0)
        };
        for _ in 0..200 {
            let groups: Vec<Vec<Diagnostic>> = (0..next(6))
                .map(|_| {
                    let src = Source::new(files[next(4)], "a = 1\nb = 2\nc = 3\n");
                    (0..next(5))
                        .map(|i| {
                            let at = next(3) * 6;
                            let code = [Code::TermExpired, Code::BadValue][next(2)];
                            let d = src.at(at..at + 1, code, "k", format!("m{}", next(2)));
                            // Ties (same place, code and message) are common here;
                            // the check below compares findings by identity.
                            Diagnostic {
                                key: format!("{i}"),
                                ..d
                            }
                        })
                        .collect()
                })
                .collect();
            let mut expected: Vec<&Diagnostic> = groups.iter().flatten().collect();
            expected.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            let got = sorted(groups.iter().map(Vec::as_slice));
            assert_eq!(
                got.iter().map(|d| std::ptr::from_ref(*d)).collect::<Vec<_>>(),
                expected.iter().map(|d| std::ptr::from_ref(*d)).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn hints_are_shared() {
        assert!(Arc::ptr_eq(
            &shared("add a Lead Officer"),
            &shared("add a Lead Officer")
        ));
    }

    #[test]
    fn every_code_has_a_unique_spelling() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{} twice", code.as_str());
        }
    }
}
