//! Every document people read uses the policy's words, not the files'
//! tokens and ids (`show`, `assess --explain`, the appointments list and
//! the reporting programme in their human formats), and `show` and
//! `assess --explain` wrap at words to the terminal. Machine formats keep
//! the tokens.

use crate::support::{AS_OF, run_in};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn bundled(args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["--as-of", AS_OF]);
    let run = run_in(ROOT.as_ref(), &all);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.stdout
}

/// Tokens of the closed vocabularies that people must never read.
const TOKENS: [&str; 10] = [
    "annual-council",
    "retain-manage-risk",
    "consider-exit",
    "portfolio-holder",
    "communication-channel",
    "work-together",
    "management-support",
    "strategic-planning",
    "bimonthly",
    "non-legal",
];

fn no_tokens(what: &str, text: &str) {
    // An HTML page's style sheet names classes after tokens; people read the body.
    let text = text.split_once("</head>").map_or(text, |(_, body)| body);
    for token in TOKENS {
        assert!(!text.contains(token), "{what}: {token:?} in\n{text}");
    }
    // `cmt` as a word of its own (ids such as "…-cmt-…" do not occur).
    assert!(
        !text.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| w == "cmt"),
        "{what}: the token cmt in\n{text}"
    );
}

#[test]
fn show_reads_in_words_with_priority_titles() {
    let text = bundled(&["show", "breckland-health-and-wellbeing-partnership"]);
    for words in [
        "Status                       Active",
        "Governance                   Non-legal",
        "Meetings                     Every two months",
        "COMM: Healthy, safe and resilient communities; HOME: Good quality homes and preventing homelessness",
        "Sarah Linford (CMT)",
        "appointed by Council",
        "role: Act as a communication channel; Work together",
        "Recommendation               Retain",
        "Reports to                   Portfolio Holder",
        "Approved by                  CMT",
        "): Renegotiate:",
    ] {
        assert!(text.contains(words), "{words:?} not in\n{text}");
    }
    no_tokens("show", &text);
    // The id once, in the header, and where a command needs it.
    assert!(
        text.starts_with("Breckland Health and Wellbeing Partnership (breckland-health-and-wellbeing-partnership)\n")
    );
    let annual = bundled(&["show", "anglia-revenues-partnership"]);
    assert!(annual.contains("Retain and manage the risk"), "{annual}");
    no_tokens("show", &annual);
    // JSON keeps the tokens.
    let json = bundled(&["show", "anglia-revenues-partnership", "--format", "json"]);
    assert!(json.contains("\"retain-manage-risk\""), "{json}");
}

/// Whether every line fits `width` and no word of `source` is split
/// across lines: each line's words are whole words of the unwrapped text.
fn wrapped_at_words(wrapped: &str, source: &str, width: usize) {
    let words: std::collections::BTreeSet<&str> = source.split_whitespace().collect();
    for line in wrapped.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= width,
            "wider than {width}: {line:?}"
        );
        for word in line.split_whitespace() {
            assert!(words.contains(word), "{word:?} is broken: {line:?}\n{wrapped}");
        }
    }
}

#[test]
fn show_and_explain_wrap_at_words_to_the_width() {
    for args in [
        &["show", "breckland-health-and-wellbeing-partnership"][..],
        &["assess", "breckland-health-and-wellbeing-partnership", "--explain"][..],
    ] {
        let whole = bundled(args);
        assert!(
            whole.lines().any(|l| l.chars().count() > 120),
            "{args:?} has long lines to wrap"
        );
        for width in [80usize, 100, 120] {
            let w = width.to_string();
            let mut with = args.to_vec();
            with.extend(["--width", &w]);
            let wrapped = bundled(&with);
            wrapped_at_words(&wrapped, &whole, width);
            // Nothing lost or reordered: the same words in the same order.
            let a: Vec<&str> = whole.split_whitespace().collect();
            let b: Vec<&str> = wrapped.split_whitespace().collect();
            assert_eq!(a, b, "{args:?} at {width}");
        }
    }
    // A field continues under its value.
    let text = bundled(&["show", "breckland-health-and-wellbeing-partnership", "--width", "80"]);
    let function = text.lines().position(|l| l.starts_with("  Function ")).unwrap();
    let next = text.lines().nth(function + 1).unwrap();
    assert!(
        next.starts_with(&" ".repeat(31)) && !next.starts_with(&" ".repeat(32)),
        "{text}"
    );
}

#[test]
fn the_appointments_list_and_programme_read_in_words_without_ids() {
    for format in ["table", "markdown", "html"] {
        // The table wide enough for every column, without the ids `--wide` adds.
        let wide = ["--width", "300"];
        let more: &[&str] = if format == "table" { &wide } else { &[] };
        let list = bundled(&[&["appointments", "--format", format][..], more].concat());
        no_tokens(&format!("appointments {format}"), &list);
        assert!(list.contains("Act as a communication channel"), "{format}:\n{list}");
        assert!(list.contains("Four-year"), "{format}:\n{list}");
        assert!(
            !list.contains("breckland-health-and-wellbeing-partnership"),
            "{format}: ids:\n{list}"
        );
        let people = bundled(&[&["appointments", "--by-person", "--format", format][..], more].concat());
        no_tokens(&format!("appointments --by-person {format}"), &people);
        assert!(
            !people.contains("breckland-health-and-wellbeing-partnership"),
            "{format}:\n{people}"
        );
        let programme = bundled(&[&["programme", "--format", format][..], more].concat());
        no_tokens(&format!("programme {format}"), &programme);
        assert!(programme.contains("Portfolio Holder"), "{format}:\n{programme}");
    }
    // The calendar's summaries and descriptions too, unfolded.
    let ics = bundled(&["programme", "--format", "ics"]).replace("\r\n ", "");
    let people: String = ics
        .lines()
        .filter(|l| l.starts_with("SUMMARY:") || l.starts_with("DESCRIPTION:"))
        .collect::<Vec<_>>()
        .join("\n");
    no_tokens("programme ics", &people);
    assert!(people.contains("to Portfolio Holder"), "{people}");
    // Machine formats keep tokens and ids.
    let csv = bundled(&["appointments", "--format", "csv", "--no-bom"]);
    assert!(csv.contains("communication-channel") && csv.contains("breckland-health-and-wellbeing-partnership"));
    let json = bundled(&["programme", "--format", "json"]);
    assert!(json.contains("\"portfolio-holder\""), "{json}");
}
