//! `partreg man`: the manual pages, one per command.
//!
//! `clap_mangen` renders the name, synopsis, description and options of
//! each page. partreg adds what it cannot do well: the examples, kept one
//! per line (clap_mangen's EXTRA section runs them together as prose), the
//! exit status, and a SEE ALSO naming only pages that are written with it.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;
use roff::{Roff, bold, roman};

use crate::cli::Cli;

/// The manual section partreg's pages belong to.
const SECTION: &str = "1";

/// Prints the top page (`partreg man`).
pub fn print(w: &mut dyn Write) -> anyhow::Result<()> {
    let cmd = built();
    w.write_all(&page(&cmd, &cmd, false)?)?;
    Ok(())
}

/// Writes `partreg.1` and one `partreg-COMMAND.1` per command into `dir`
/// (created if missing), and names each file on `out`.
pub fn write_all(dir: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    if dir.is_file() {
        anyhow::bail!(
            "{} is a file, not a folder; it has been left as it was\n  hint: give --dir a folder for the pages, e.g. --dir man1",
            dir.display()
        );
    }
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("cannot create the folder {}: {e}", dir.display()))?;
    let top = built();
    let mut pages = vec![(file_name(&top), page(&top, &top, true)?)];
    for sub in subcommands(&top) {
        pages.push((file_name(sub), page(&top, sub, true)?));
    }
    pages.sort();
    for (name, bytes) in pages {
        let path = dir.join(&name);
        crate::store::atomic::write(&path, &bytes, crate::store::atomic::Mode::Replace)?;
        writeln!(out, "{}", path.display())?;
    }
    Ok(())
}

/// The command line with every sub-command's display name set
/// (`partreg-check`), as clap does when it builds.
fn built() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

fn subcommands(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands().filter(|s| !s.is_hide_set())
}

fn display_name(cmd: &clap::Command) -> &str {
    cmd.get_display_name().unwrap_or_else(|| cmd.get_name())
}

fn file_name(cmd: &clap::Command) -> String {
    format!("{}.{SECTION}", display_name(cmd))
}

/// One page in roff. `all_pages` says whether the other pages are written
/// too, so SEE ALSO may name them.
fn page(top: &clap::Command, cmd: &clap::Command, all_pages: bool) -> anyhow::Result<Vec<u8>> {
    // The examples and notes are rendered below, not by clap_mangen.
    let stripped = cmd.clone().after_help(None::<&str>).after_long_help(None::<&str>);
    let man = clap_mangen::Man::new(stripped.clone()).section(SECTION);
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    if stripped.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut out)?;
    }
    let mut roff = Roff::new();
    let is_top = std::ptr::eq(top, cmd);
    if is_top {
        roff.control("SH", ["COMMANDS"]);
        for sub in subcommands(top) {
            roff.control("TP", []);
            roff.text([bold(format!("partreg {}", sub.get_name()))]);
            if let Some(about) = sub.get_about() {
                roff.text([roman(about.to_string())]);
            }
        }
    }
    if let Some(after) = cmd.get_after_help() {
        extra_sections(&mut roff, &after.to_string());
    }
    let see_also: Vec<String> = if !all_pages {
        Vec::new()
    } else if is_top {
        subcommands(top)
            .map(|s| format!("{}({SECTION})", display_name(s)))
            .collect()
    } else {
        vec![format!("{}({SECTION})", display_name(top))]
    };
    if !see_also.is_empty() {
        roff.control("SH", ["SEE ALSO"]);
        roff.text([roman(see_also.join(", "))]);
    }
    if is_top && !all_pages {
        roff.control("SH", ["SEE ALSO"]);
        roff.text([roman(
            "partreg man --dir DIR writes this page and one page per command; partreg COMMAND --help explains each command.",
        )]);
    }
    out.extend_from_slice(roff.to_roff().as_bytes());
    Ok(ascii_roff(&String::from_utf8_lossy(&out)).into_bytes())
}

/// The page with every character past ASCII (`…`, `£`, `×`, `—`) written as
/// a roff glyph escape, `\[u2026]`: groff reads a page as Latin-1 unless
/// `man` runs it through `preconv`, and `groff -man` or `man -l` on another
/// system may not.
fn ascii_roff(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    for c in page.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    out
}

/// The help's closing text as man sections: each paragraph headed
/// `Examples:` becomes EXAMPLES, kept line by line; `Exit codes` becomes
/// EXIT STATUS; the rest is NOTES.
fn extra_sections(roff: &mut Roff, text: &str) {
    let mut examples = Vec::new();
    let mut exit = Vec::new();
    let mut notes = Vec::new();
    for paragraph in text.split("\n\n").map(str::trim_end).filter(|p| !p.trim().is_empty()) {
        let first = paragraph.lines().next().unwrap_or_default();
        if first.starts_with("Example") && first.ends_with(':') {
            examples.extend(paragraph.lines().skip(1).map(str::trim));
        } else if first.starts_with("Exit codes") {
            exit.push(paragraph);
        } else {
            notes.push(paragraph);
        }
    }
    if !notes.is_empty() {
        roff.control("SH", ["NOTES"]);
        for (i, p) in notes.iter().enumerate() {
            if i > 0 {
                roff.control("PP", []);
            }
            roff.text([roman(p.replace('\n', " "))]);
        }
    }
    if !examples.is_empty() {
        roff.control("SH", ["EXAMPLES"]);
        // No-fill: one example per line, as typed at the shell.
        roff.control("nf", []);
        roff.control("RS", ["4"]);
        for line in examples {
            roff.text([roman(line)]);
        }
        roff.control("RE", []);
        roff.control("fi", []);
    }
    if !exit.is_empty() {
        roff.control("SH", ["EXIT STATUS"]);
        for p in exit {
            roff.text([roman(p.replace('\n', " "))]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_past_ascii_become_glyph_escapes() {
        assert_eq!(ascii_roff("£12,500 … ×"), "\\[u00A3]12,500 \\[u2026] \\[u00D7]");
    }

    #[test]
    fn the_closing_help_splits_into_sections() {
        let mut roff = Roff::new();
        extra_sections(
            &mut roff,
            "Some words\nwrapped.\n\nExamples:\n  partreg check\n  partreg check --strict\n\nExit codes: 0 fine.",
        );
        let text = roff.to_roff();
        assert!(text.contains(".SH NOTES\nSome words wrapped.\n"), "{text}");
        assert!(
            text.contains(".SH EXAMPLES\n.nf\n.RS 4\npartreg check\npartreg check \\-\\-strict\n.RE\n.fi\n"),
            "{text}"
        );
        assert!(text.contains(".SH \"EXIT STATUS\"\nExit codes: 0 fine."), "{text}");
    }
}
