//! No injection into any output (issue 11, item 6): hostile strings in
//! names, values, file names and the council's name — ESC and OSC
//! sequences, a bare CR, an 8-bit C1 introducer, a right-to-left override,
//! HTML and `javascript:` links, backticks and `|` in file names, a line
//! break in the council's name — must come out inert in every output, as
//! the real binary prints them.

use std::path::Path;
use std::process::Command;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

use crate::support::{AS_OF, Project, VALID};

/// Characters that act on a terminal or disguise text: none may be printed raw.
const TERMINAL_HOSTILE: [char; 5] = ['\u{1b}', '\u{7}', '\r', '\u{9b}', '\u{202e}'];

/// Markup a name could smuggle into a Markdown or HTML page.
const HTML_AND_LINKS: &str = "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))";

/// A project whose register holds a clean entry named with HTML and a
/// `javascript:` link, entries whose values hold control characters, files
/// whose names hold them, and a council name with a line break and HTML.
fn hostile_project() -> Project {
    let project = Project::new();
    project.write(
        "partreg.toml",
        crate::support::SETTINGS.replace(
            "council = \"Test District Council\"",
            // Control characters are refused in settings (hidden-characters),
            // so the name carries a line break and markup.
            "council = \"Evil\\n# Council <script>alert(1)</script>\"",
        ),
    );
    let named = |name: &str| VALID.replace("\"Test Waste Partnership\"", &format!("\"{name}\""));
    project.write("register/markup.toml", named(HTML_AND_LINKS));
    // TOML escapes: the file is valid text, the value is not.
    project.write(
        "register/escapes.toml",
        named("A \\u001b[2J \\u001b]8;;http://evil\\u0007x \\r \\u009b31m"),
    );
    for (i, file) in [
        "esc\u{1b}[2J.toml",
        "osc\u{1b}]8;;http:evil\u{7}.toml",
        "cr\rreturn.toml",
        "c1\u{9b}31m.toml",
        "rlo-\u{202e}lmth.toml",
        "tick`and|pipe.toml",
    ]
    .iter()
    .enumerate()
    {
        project.write(&format!("register/{file}"), named(&format!("Hostile file {i}")));
    }
    project
}

/// Runs the real binary; returns stdout and stderr.
fn run(dir: &Path, args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_partreg"))
        .args(args)
        .args(["--as-of", AS_OF])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    let (stdout, stderr) = (text(out.stdout), text(out.stderr));
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    (stdout, stderr)
}

#[test]
fn terminal_outputs_print_no_raw_control_characters() {
    let project = hostile_project();
    let dir = project.dir.path();
    let mut checked = 0;
    for args in [
        vec!["check"],
        vec!["list"],
        vec!["show", "markup"],
        vec!["show", "escapes"],
        vec!["show", "esc\u{1b}[2J"],
        vec!["assess"],
        vec!["assess", "markup", "--explain"],
        vec!["assess", "--matrix", "--names"],
        vec!["review", "--year", "2026"],
    ] {
        let (stdout, stderr) = run(dir, &args);
        for (pipe, text) in [("stdout", &stdout), ("stderr", &stderr)] {
            for c in TERMINAL_HOSTILE {
                assert!(
                    !text.contains(c),
                    "partreg {args:?} printed a raw U+{:04X} on {pipe}:\n{text}",
                    u32::from(c)
                );
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 9);
    // Escaped, not deleted: the culprit can still be found.
    let (_, stderr) = run(dir, &["check"]);
    assert!(stderr.contains("esc\\u{1b}[2J.toml"), "{stderr}");
    assert!(stderr.contains("cr\\rreturn.toml"), "{stderr}");
    // The pack names partnerships by name; --ids shows the ids as well.
    let (stdout, _) = run(dir, &["review", "--year", "2026", "--ids"]);
    assert!(
        stdout.contains("esc\\u{1b}[2J"),
        "the hostile id is listed, escaped:\n{stdout}"
    );
    // Escaped before the table measured the cells: every line of the
    // `list` table is as wide as the others (all characters here are one
    // column wide), with the hostile id in it.
    let (stdout, _) = run(dir, &["list", "--ids"]);
    assert!(stdout.contains("esc\\u{1b}[2J"), "{stdout}");
    // (The note under the table, naming the columns left out, is not table.)
    let widths: std::collections::BTreeSet<usize> = stdout
        .lines()
        .filter(|l| l.starts_with(['┌', '│', '╞', '├', '└']))
        .map(|l| l.chars().count())
        .collect();
    assert_eq!(widths.len(), 1, "ragged table:\n{stdout}");
    // The clean entry is shown, its markup as plain characters.
    let (stdout, _) = run(dir, &["show", "markup"]);
    assert!(stdout.contains(HTML_AND_LINKS), "{stdout}");
}

/// Markdown rendered as GitHub would (tables on), to HTML.
fn render(markdown: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(markdown, Options::ENABLE_TABLES));
    out
}

/// Fails if the rendered HTML holds markup or a link that came from data.
fn assert_inert(what: &str, markdown: &str) {
    let page = render(markdown);
    for bad in ["<script", "<img", "javascript:alert(1)\"", "href=\"javascript"] {
        assert!(!page.contains(bad), "{what}: {bad:?} survived:\n{page}");
    }
    let links = Parser::new_ext(markdown, Options::ENABLE_TABLES)
        .filter(|e| matches!(e, Event::Start(Tag::Link { .. } | Tag::Image { .. })))
        .count();
    assert_eq!(links, 0, "{what}: a link or image from data:\n{markdown}");
    assert!(
        !Parser::new_ext(markdown, Options::ENABLE_TABLES).any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))),
        "{what}: raw HTML:\n{markdown}"
    );
}

/// The number of cells in each table row, header included.
fn row_widths(markdown: &str) -> Vec<usize> {
    let mut widths = Vec::new();
    let mut cells = 0;
    for e in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match e {
            Event::Start(Tag::TableHead | Tag::TableRow) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => widths.push(cells),
            _ => {}
        }
    }
    widths
}

#[test]
fn the_markdown_pack_cannot_become_markup() {
    let project = hostile_project();
    let (markdown, _) = run(
        project.dir.path(),
        &["review", "--year", "2026", "--format", "markdown"],
    );
    assert!(
        markdown.contains("script"),
        "the markup entry is in the pack:\n{markdown}"
    );
    assert_inert("review --format markdown", &markdown);
    for c in TERMINAL_HOSTILE {
        assert!(!markdown.contains(c), "raw U+{:04X} in the pack", u32::from(c));
    }
    // The council's name is one heading, however it is written.
    assert!(markdown.starts_with("# "), "{markdown}");
    let headings = Parser::new(&markdown)
        .filter(|e| matches!(e, Event::Start(Tag::Heading { .. })))
        .count();
    assert_eq!(headings, markdown.lines().filter(|l| l.starts_with('#')).count());
}

#[test]
fn the_html_pack_stays_escaped() {
    let project = hostile_project();
    let (page, _) = run(project.dir.path(), &["review", "--year", "2026", "--format", "html"]);
    assert!(page.contains("&lt;script&gt;"), "the markup entry is in the pack");
    for bad in ["<script>alert", "<img src=x", "href=\"javascript"] {
        assert!(!page.contains(bad), "{bad:?} survived in the HTML pack");
    }
}

#[test]
fn the_ci_summary_escapes_everything_it_writes() {
    let project = hostile_project();
    // A quoted key holding HTML: the unknown-key message quotes it.
    project.write(
        "register/quoted-key.toml",
        format!("{VALID}\n\"<img src=x onerror=alert(1)>\" = 1\n"),
    );
    let (_, stderr) = run(project.dir.path(), &["check", "--summary", "summary.md"]);
    let summary = std::fs::read_to_string(project.path("summary.md")).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    assert!(summary.contains("onerror"), "the quoted key is reported:\n{summary}");
    assert!(
        summary.contains("tick"),
        "the file with a backtick is reported:\n{summary}"
    );
    assert_inert("check --summary", &summary);
    let widths = row_widths(&summary);
    assert!(widths.len() > 8, "{summary}");
    assert!(
        widths.iter().all(|&w| w == 5),
        "a row does not have 5 cells: {widths:?}\n{summary}"
    );
    for c in TERMINAL_HOSTILE {
        assert!(!summary.contains(c), "raw U+{:04X} in the summary", u32::from(c));
    }
    // The file name with a backtick and a pipe is shown whole, in one code span.
    let page = render(&summary);
    assert!(page.contains("<code>register/tick`and|pipe.toml</code>"), "{page}");
}

#[test]
fn init_writes_the_council_name_as_a_toml_string() {
    let project = Project::bare();
    let council = "Breckland\nrubric = \"/x\"\n[priorities]\nX = \"y\" # '''\"\"\"";
    let out = Command::new(env!("CARGO_BIN_EXE_partreg"))
        .args(["init", "--council", council])
        .current_dir(project.dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(project.path("partreg.toml")).unwrap();
    let settings: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(settings["council"].as_str(), Some(council), "{text}");
    assert!(!settings.contains_key("rubric"), "a live setting was written:\n{text}");
    assert!(!settings["priorities"].as_table().unwrap().contains_key("X"), "{text}");
    // And partreg itself reads the settings as written.
    let check = Command::new(env!("CARGO_BIN_EXE_partreg"))
        .args(["check", "--as-of", AS_OF])
        .current_dir(project.dir.path())
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

/// The guided questions, on a real (pseudo-)terminal: a rubric's criterion
/// title holding an OSC sequence (it would set the window title) is shown
/// escaped in the choice it heads.
#[test]
fn prompts_show_rubric_text_escaped() {
    let project = Project::new();
    let rubric = include_str!("../../schemas/criteria.yaml").replacen(
        "title: Time commitment",
        "title: \"Time \\e]0;pwned\\a commitment\"",
        1,
    );
    project.write("criteria.yaml", rubric);
    project.write(
        "partreg.toml",
        format!("rubric = \"criteria.yaml\"\n{}", crate::support::SETTINGS),
    );
    project.write("register/test-waste.toml", VALID);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_partreg"));
    cmd.args(["assess", "test-waste", "--interactive", "--as-of", AS_OF])
        .current_dir(project.dir.path())
        .env_remove("CI")
        .env("TERM", "xterm");
    let mut p = rexpect::session::spawn_command(cmd, Some(10_000)).unwrap();
    let seen = p
        .exp_string("Time \\u{1b}]0;pwned\\u{7} commitment")
        .unwrap_or_else(|e| panic!("the escaped title never showed: {e}"));
    assert!(!seen.contains("]0;pwned"), "the raw sequence came first: {seen:?}");
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
    assert_eq!(
        std::fs::read_to_string(project.path("register/test-waste.toml")).unwrap(),
        VALID
    );
    // And `--explain`, which quotes the rubric too.
    let (stdout, _) = run(project.dir.path(), &["assess", "test-waste", "--explain"]);
    assert!(stdout.contains("Time \\u{1b}]0;pwned\\u{7} commitment"), "{stdout}");
    assert!(!stdout.contains('\u{1b}') && !stdout.contains('\u{7}'), "{stdout}");
}
