//! Questions asked on a terminal, behind a trait so that the guided flows
//! (`assess --interactive`, `add`) can be driven by scripted answers in
//! tests. Every method returns `Ok(None)` when the person presses Esc (the
//! guided `add` takes that as "back one question"), and an error of kind
//! [`io::ErrorKind::Interrupted`] on Ctrl-C (see [`is_interrupt`]); nothing
//! is written until a flow has all its answers.

use crate::render::sanitize::{escape, escape_keeping_lines};
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};

use dialoguer::console::{Key, Term, style};

use super::menu::{HINT, Menu, Step, chosen_label, first_shown};
pub use super::scripted::{Answer, Scripted};
use unicode_width::UnicodeWidthStr;

/// The error a prompt returns when the person presses Ctrl-C.
pub fn interrupted() -> io::Error {
    io::Error::new(io::ErrorKind::Interrupted, "stopped with Ctrl-C")
}

/// Whether an error is the person pressing Ctrl-C.
pub fn is_interrupt(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::Interrupted
}

/// Whether a prompt is reading keys. While one is, Ctrl-C reaches it as a
/// key (and the flow saves a draft); at any other moment the handler puts
/// the cursor back and ends the program as Ctrl-C always does.
static IN_PROMPT: AtomicBool = AtomicBool::new(false);

/// Installs the Ctrl-C handler once. The terminal library raises SIGINT
/// itself when it reads Ctrl-C in a menu; without a handler the program
/// would die there with the cursor hidden (dialoguer hides it in menus).
fn handle_ctrl_c() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // If no handler can be installed, Ctrl-C still ends the program;
        // only the cursor may stay hidden, so this is not worth failing for.
        // On Windows Ctrl-C never reaches a prompt as a key, so the
        // handler ends the program there even during a prompt (without a
        // draft) rather than leave the prompt waiting.
        let _ = ctrlc::set_handler(|| {
            if !(cfg!(unix) && IN_PROMPT.load(Ordering::SeqCst)) {
                let _ = Term::stderr().show_cursor();
                std::process::exit(130);
            }
        });
    });
}

/// Marks a prompt as reading keys until dropped, and always shows the
/// cursor again at the end, whatever the prompt did.
struct Reading(Term, #[cfg(unix)] Option<super::raw::Raw>);

impl Reading {
    fn start(term: &Term) -> Self {
        handle_ctrl_c();
        IN_PROMPT.store(true, Ordering::SeqCst);
        Reading(
            term.clone(),
            #[cfg(unix)]
            super::raw::Raw::start(),
        )
    }
}

impl Drop for Reading {
    fn drop(&mut self) {
        #[cfg(unix)]
        drop(self.1.take());
        IN_PROMPT.store(false, Ordering::SeqCst);
        let _ = self.0.show_cursor();
    }
}

/// Something that can ask a person questions.
pub trait Prompter {
    /// Shows text that needs no answer.
    fn note(&mut self, text: &str) -> io::Result<()>;
    /// Chooses one of `items`; `default` is highlighted first.
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> io::Result<Option<usize>>;
    /// Reads a line of text. `check` may refuse an answer with a reason, and
    /// the question is asked again.
    fn input(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> io::Result<Option<String>>;
    /// Asks yes or no.
    fn confirm(&mut self, prompt: &str, default: bool) -> io::Result<Option<bool>>;
}

/// The real terminal, on stderr (stdout stays for data).
pub struct Terminal {
    term: dialoguer::console::Term,
    /// Esc was pressed: the next question is one asked before, whose
    /// answer is still on the screen above.
    back: bool,
    /// The notes written since that Esc, held until the question after
    /// them says where Esc went ([`Terminal::after_esc`]).
    held: Vec<String>,
    /// The rows [`Terminal::after_esc`] wrote before the question being
    /// asked: Esc there clears them with the question, so that pressing
    /// Esc several times leaves one "back to" line, not a pile of them.
    esc_rows: usize,
}

impl Terminal {
    pub fn new() -> Self {
        Terminal {
            term: dialoguer::console::Term::stderr(),
            back: false,
            held: Vec::new(),
            esc_rows: 0,
        }
    }

    /// After Esc, says which question the person is back at before
    /// anything else is written: the answer given to it earlier is still
    /// on the screen above (it scrolls away, so it cannot be cleared), and
    /// without this line the screen would read as if that question had
    /// been answered and were being asked a second time.
    fn after_esc(&mut self, prompt: &str) -> io::Result<()> {
        self.esc_rows = 0;
        if !std::mem::take(&mut self.back) {
            return Ok(());
        }
        // "  ↩ back to: " and a column spare; a long question is cut (it
        // is written in full just below).
        let width = self.width().unwrap_or(usize::MAX).saturating_sub(14).max(20);
        let line = format!(
            "  {} {}",
            style("↩ back to:").dim(),
            style(cut(&escape(prompt), width)).dim()
        );
        self.term.write_line(&line)?;
        let mut rows = 1;
        for note in std::mem::take(&mut self.held) {
            rows += self.write_note(&note)?;
        }
        // Only rows known to be on the screen can be cleared again.
        self.esc_rows = if self.width().is_some() { rows } else { 0 };
        Ok(())
    }

    /// Esc: the next question is one asked before. Clears what
    /// [`Terminal::after_esc`] wrote for the question just left.
    fn went_back(&mut self) -> io::Result<()> {
        self.back = true;
        self.term.clear_last_lines(std::mem::take(&mut self.esc_rows))
    }

    /// Writes a note, wrapped to the terminal; returns the rows it took.
    fn write_note(&self, text: &str) -> io::Result<usize> {
        let text = escape_keeping_lines(text);
        let Some(width) = self.width() else {
            self.term.write_line(&text)?;
            return Ok(text.split('\n').count());
        };
        let lines: Vec<String> = text.split('\n').flat_map(|line| wrap(line, width)).collect();
        self.term.write_line(&lines.join("\n"))?;
        Ok(lines.len())
    }
}

impl Drop for Terminal {
    /// Notes held after an Esc that no question followed are still shown.
    fn drop(&mut self) {
        for note in std::mem::take(&mut self.held) {
            let _ = self.write_note(&note);
        }
    }
}

impl Default for Terminal {
    fn default() -> Self {
        Terminal::new()
    }
}

// Prompts, choices and notes quote settings and the rubric (criterion
// titles and texts, priority titles): each is escaped as on every other
// terminal sink (`render::sanitize`) so that nothing in them can act on the
// terminal. The text a person types is theirs and is kept as typed.
//
// Menus and yes-or-no questions are read key by key here rather than by
// dialoguer, whose menus choose on Space and whose yes-or-no question
// leaves Ctrl-C on the same row as the question: see [`super::menu`].
impl Terminal {
    /// The row a question is answered on: the question itself, or only
    /// the marker when the question was written above ([`Self::fit_prompt`]).
    fn head(prompt: &str, above: usize) -> String {
        if above == 0 {
            format!("{} {prompt} {}", style("?").yellow(), style("›").dim())
        } else {
            format!("  {}", style("›").dim())
        }
    }

    /// Reads one line, starting from `start`, on the row `head`; Esc
    /// clears it and the `above` rows of its question. `None` on Esc.
    fn read_line(&mut self, head: &str, above: usize, start: &str) -> io::Result<Option<String>> {
        let mut text: Vec<char> = start.chars().collect();
        self.term.write_str(&format!("{head} {start}"))?;
        loop {
            match self.term.read_key_raw()? {
                Key::Enter => {
                    self.term.write_line("")?;
                    return Ok(Some(text.into_iter().collect()));
                }
                Key::Escape => {
                    // The question goes, all its rows: the one before
                    // comes back in its place.
                    self.term.clear_line()?;
                    self.term.clear_last_lines(above)?;
                    return Ok(None);
                }
                Key::CtrlC => {
                    self.term.write_line("")?;
                    return Err(interrupted());
                }
                Key::Backspace if text.pop().is_some() => self.term.clear_chars(1)?,
                Key::Char(c) if !c.is_control() => {
                    text.push(c);
                    self.term.write_str(c.encode_utf8(&mut [0; 4]))?;
                }
                _ => {}
            }
        }
    }

    /// Writes the answer given in place of the question's last row.
    fn echo(&self, prompt: &str, above: usize, answer: &str) -> io::Result<()> {
        if above > 0 {
            // The question is on the rows above: the answer goes below it.
            return self
                .term
                .write_line(&format!("  {} {}", style("✔").green(), style(answer).green()));
        }
        let wide = UnicodeWidthStr::width(prompt) + UnicodeWidthStr::width(answer) + 5;
        if self.width().is_some_and(|w| wide > w) {
            // Beside the question it would wrap: on a row of its own.
            return self.term.write_line(&format!(
                "{} {prompt}\n  {} {}",
                style("✔").green(),
                style("·").dim(),
                style(answer).green()
            ));
        }
        self.term.write_line(&format!(
            "{} {prompt} {} {}",
            style("✔").green(),
            style("·").dim(),
            style(answer).green()
        ))
    }

    /// Draws a menu from `first`; returns how many rows it took.
    fn draw(&self, head: &str, menu: &Menu<'_>, page: usize, hint: bool) -> io::Result<usize> {
        self.term.write_line(head)?;
        let first = first_shown(menu.cursor, menu.items.len(), page);
        let mut rows = 1;
        for (i, item) in menu.items.iter().enumerate().skip(first).take(page) {
            let row = if i == menu.cursor {
                format!("{} {}", style("❯").cyan(), style(item).cyan())
            } else {
                format!("  {item}")
            };
            self.term.write_line(&row)?;
            rows += 1;
        }
        if hint {
            let width = self.width().unwrap_or(usize::MAX).saturating_sub(3);
            self.term.write_line(&format!("  {}", style(cut(HINT, width)).dim()))?;
            rows += 1;
        }
        Ok(rows)
    }
}

// Text wider than the terminal is fitted to it here: the terminal would
// break it mid-word, and a question or menu item that takes two rows is
// not cleared properly when the menu redraws (a stray copy stays on the
// screen). When the width is not known (not a terminal), nothing changes.
impl Terminal {
    fn width(&self) -> Option<usize> {
        self.term.size_checked().map(|(_, columns)| usize::from(columns))
    }

    /// A question that would not fit on one row beside its answer is
    /// written above, wrapped at words, and the row it is answered on
    /// keeps only the marker: splitting it so that its last few words
    /// share a row with the answer reads oddly. `room` is what the prompt
    /// needs beside the question (markers, the answer). Returns the
    /// question and how many rows were written above.
    fn fit_prompt(&self, prompt: &str, room: usize) -> io::Result<(String, usize)> {
        let Some(width) = self.width() else {
            return Ok((prompt.to_string(), 0));
        };
        if UnicodeWidthStr::width(prompt) + room <= width {
            return Ok((prompt.to_string(), 0));
        }
        let rows = wrap(prompt, width.saturating_sub(3).max(20));
        for (i, row) in rows.iter().enumerate() {
            let mark = if i == 0 {
                style("?").yellow().to_string()
            } else {
                " ".into()
            };
            self.term.write_line(&format!("{mark} {row}"))?;
        }
        Ok((prompt.to_string(), rows.len()))
    }
}

/// Words wrapped to rows of at most `width` columns (a word longer than
/// that has a row of its own); text that fits is kept as it is. Each row keeps the leading spaces of the
/// text, so an indented note stays indented.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    if UnicodeWidthStr::width(text) <= width {
        return vec![text.to_string()];
    }
    // A comment line (the preview's header) stays a comment on every row.
    let mut indent: String = text.chars().take_while(|c| *c == ' ').collect();
    if text[indent.len()..].starts_with("# ") {
        indent.push_str("# ");
    }
    let mut rows = Vec::new();
    let mut row = String::new();
    for word in text[indent.len()..].split(' ').filter(|w| !w.is_empty()) {
        let wanted = UnicodeWidthStr::width(row.as_str()) + 1 + UnicodeWidthStr::width(word);
        if !row.is_empty() && wanted > width {
            rows.push(std::mem::take(&mut row));
        }
        if row.is_empty() {
            row.push_str(&indent);
        } else {
            row.push(' ');
        }
        row.push_str(word);
    }
    if !row.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    rows
}

/// Every line of `text` wrapped to `width` columns, a continued line
/// indented like its first row: for the messages a command writes to
/// the terminal itself.
pub fn wrap_lines(text: &str, width: usize) -> String {
    text.split('\n')
        .flat_map(|line| {
            let rows = wrap(line, width);
            let indent: String = line.chars().take_while(|c| *c == ' ').collect();
            let more = if indent.is_empty() { "  ".to_string() } else { indent };
            rows.into_iter().enumerate().map(move |(i, row)| {
                if i == 0 || row.starts_with(' ') {
                    row
                } else {
                    format!("{more}{row}")
                }
            })
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` wrapped to the width of the terminal on stderr, when stderr is
/// one; unchanged otherwise (a pipe, a file, a test).
pub fn fit_to_stderr(text: &str) -> String {
    match Term::stderr().size_checked() {
        Some((_, columns)) => wrap_lines(text, usize::from(columns).saturating_sub(1).max(20)),
        None => text.to_string(),
    }
}

/// A menu item cut to `width`, with "…" where it was cut. The menu
/// library measures items in bytes, not columns, when it works out how
/// many rows to clear, so the item is held to `width` bytes: one counted
/// as wider than the terminal leaves stray rows behind on every redraw.
fn cut(item: &str, width: usize) -> String {
    if item.len() <= width {
        return item.to_string();
    }
    let mut out = String::new();
    for c in item.chars() {
        if out.len() + c.len_utf8() + '…'.len_utf8() > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

impl Prompter for Terminal {
    fn note(&mut self, text: &str) -> io::Result<()> {
        if self.back {
            self.held.push(text.to_string());
            return Ok(());
        }
        self.esc_rows = 0;
        self.write_note(text).map(|_| ())
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> io::Result<Option<usize>> {
        self.after_esc(prompt)?;
        // "❯ " before each item, and a column spare.
        let fit = |i: &str| match self.width() {
            Some(w) => cut(i, w.saturating_sub(3)),
            None => i.to_string(),
        };
        let items: Vec<String> = items.iter().map(|i| fit(&escape(i))).collect();
        let (prompt, above) = self.fit_prompt(&escape(prompt), 6)?;
        let head = Self::head(&prompt, above);
        let _reading = Reading::start(&self.term);
        // The question, the hint and a spare row beside the items.
        let rows = self.term.size_checked().map_or(24, |(r, _)| usize::from(r));
        let page = rows.saturating_sub(above + 3).max(3);
        let mut menu = Menu {
            items: &items,
            cursor: default.min(items.len().saturating_sub(1)),
        };
        self.term.hide_cursor()?;
        let mut hint = false;
        loop {
            let drawn = self.draw(&head, &menu, page, hint)?;
            let step = menu.key(&self.term.read_key_raw()?, page);
            self.term.clear_last_lines(drawn)?;
            hint = false;
            match step {
                Step::Moved => {}
                Step::Hint => hint = true,
                Step::Chose(i) => {
                    self.echo(&prompt, above, chosen_label(&items[i]))?;
                    return Ok(Some(i));
                }
                Step::Back => {
                    self.term.clear_last_lines(above)?;
                    self.went_back()?;
                    return Ok(None);
                }
                Step::Interrupt => return Err(interrupted()),
            }
        }
    }

    fn input(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> io::Result<Option<String>> {
        self.after_esc(prompt)?;
        let _reading = Reading::start(&self.term);
        // dialoguer's `Input` ignores Esc, so the line is read key by key
        // here: Esc goes back, Ctrl-C stops, and a default (the current
        // answer, when one is changed) is there to edit.
        let mut start = default.unwrap_or_default().to_string();
        let (prompt, mut above) = self.fit_prompt(&escape(prompt), 24)?;
        let head = Self::head(&prompt, above);
        loop {
            let Some(text) = self.read_line(&head, above, &start)? else {
                self.went_back()?;
                return Ok(None);
            };
            match check(&text) {
                Ok(()) => return Ok(Some(text)),
                Err(reason) => {
                    self.term
                        .write_line(&format!("  {} {}", style("✘").red(), escape(&reason)))?;
                    start = String::new();
                    // Esc after a refusal clears only the row it is on.
                    above = 0;
                    self.esc_rows = 0;
                }
            }
        }
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> io::Result<Option<bool>> {
        self.after_esc(prompt)?;
        let (prompt, above) = self.fit_prompt(&escape(prompt), 14)?;
        let _reading = Reading::start(&self.term);
        let hint = if default { "(Y/n)" } else { "(y/N)" };
        self.term
            .write_str(&format!("{} {} ", Self::head(&prompt, above), style(hint).dim()))?;
        // y or n answers at once, Enter takes the default; other keys do
        // nothing, so a word typed here cannot answer.
        let answer = loop {
            match self.term.read_key_raw()? {
                Key::Char('y' | 'Y') => break true,
                Key::Char('n' | 'N') => break false,
                Key::Enter => break default,
                Key::Escape => {
                    self.term.clear_line()?;
                    self.term.clear_last_lines(above)?;
                    self.went_back()?;
                    return Ok(None);
                }
                Key::CtrlC => {
                    self.term.write_line("")?;
                    return Err(interrupted());
                }
                _ => {}
            }
        };
        self.term.clear_line()?;
        self.echo(&prompt, above, if answer { "yes" } else { "no" })?;
        Ok(Some(answer))
    }
}

#[cfg(test)]
mod tests {
    use super::{cut, wrap, wrap_lines};

    #[test]
    fn messages_wrap_at_words_at_80_columns() {
        let message = "Stopped; no entry was written. Your 17 answers are kept as a draft in .partreg/drafts/flood-partnership.toml.\n  Continue with: partreg add --resume";
        let wrapped = wrap_lines(message, 79);
        assert!(wrapped.lines().all(|l| l.chars().count() <= 79), "{wrapped}");
        assert!(
            wrapped.contains("\n  .partreg/drafts/flood-partnership.toml."),
            "{wrapped}"
        );
        let note = wrap_lines(
            "  note: an example of a long note that a command writes after saving an entry on the register",
            40,
        );
        assert!(note.lines().all(|l| l.starts_with("  ")), "{note}");
    }

    #[test]
    fn long_text_wraps_at_words_and_keeps_its_indent() {
        assert_eq!(wrap("  (a b c)", 80), ["  (a b c)"]);
        assert_eq!(wrap("  one two three four", 12), ["  one two", "  three four"]);
        assert_eq!(wrap("a verylongwordindeed b", 8), ["a", "verylongwordindeed", "b"]);
        assert_eq!(wrap("keeps  two  spaces", 80), ["keeps  two  spaces"]);
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("# a comment that wraps", 12), ["# a comment", "# that wraps"]);
    }

    #[test]
    fn menu_items_are_cut_with_an_ellipsis() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(cut("synergy between the aims", 10), "synergy…");
        assert!(cut("✓ ééééééééééééé", 12).len() <= 12);
    }
}
