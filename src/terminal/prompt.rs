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
struct Reading(Term);

impl Reading {
    fn start(term: &Term) -> Self {
        handle_ctrl_c();
        IN_PROMPT.store(true, Ordering::SeqCst);
        Reading(term.clone())
    }
}

impl Drop for Reading {
    fn drop(&mut self) {
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
    theme: dialoguer::theme::ColorfulTheme,
}

impl Terminal {
    pub fn new() -> Self {
        Terminal {
            term: dialoguer::console::Term::stderr(),
            theme: dialoguer::theme::ColorfulTheme::default(),
        }
    }
}

impl Default for Terminal {
    fn default() -> Self {
        Terminal::new()
    }
}

fn to_io(err: dialoguer::Error) -> io::Error {
    match err {
        dialoguer::Error::IO(e) if is_interrupt(&e) => interrupted(),
        dialoguer::Error::IO(e) => e,
    }
}

// Prompts, choices and notes quote settings and the rubric (criterion
// titles and texts, priority titles): each is escaped as on every other
// terminal sink (`render::sanitize`) so that nothing in them can act on the
// terminal. The text a person types is theirs and is kept as typed.
impl Terminal {
    /// Reads one line, starting from `start`. `None` on Esc.
    fn read_line(&mut self, prompt: &str, start: &str) -> io::Result<Option<String>> {
        let mut text: Vec<char> = start.chars().collect();
        self.term.write_str(&format!(
            "{} {prompt} {} {start}",
            style("?").yellow(),
            style("›").dim()
        ))?;
        loop {
            match self.term.read_key_raw()? {
                Key::Enter => {
                    self.term.write_line("")?;
                    return Ok(Some(text.into_iter().collect()));
                }
                Key::Escape => {
                    self.term.write_line(&format!("  {}", style("(back)").dim()))?;
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
}

// Text wider than the terminal is fitted to it here: the terminal would
// break it mid-word, and a question or menu item that takes two rows is
// not cleared properly when the menu redraws (a stray copy stays on the
// screen). When the width is not known (not a terminal), nothing changes.
impl Terminal {
    fn width(&self) -> Option<usize> {
        self.term.size_checked().map(|(_, columns)| usize::from(columns))
    }

    /// A question that would not fit on one row: all but its last row are
    /// written first, and the last row is what the prompt shows. `room` is
    /// what the prompt needs beside the question (markers, the answer).
    fn fit_prompt(&self, prompt: &str, room: usize) -> io::Result<String> {
        let Some(width) = self.width() else {
            return Ok(prompt.to_string());
        };
        if UnicodeWidthStr::width(prompt) + room <= width {
            return Ok(prompt.to_string());
        }
        let mut rows = wrap(prompt, width.saturating_sub(room).max(20));
        let last = rows.pop().unwrap_or_default();
        for row in rows {
            self.term.write_line(&format!("  {row}"))?;
        }
        Ok(last)
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
        let text = escape_keeping_lines(text);
        let Some(width) = self.width() else {
            return self.term.write_line(&text);
        };
        let lines: Vec<String> = text.split('\n').flat_map(|line| wrap(line, width)).collect();
        self.term.write_line(&lines.join("\n"))
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> io::Result<Option<usize>> {
        // "❯ " before each item, and a column spare.
        let fit = |i: &str| match self.width() {
            Some(w) => cut(i, w.saturating_sub(3)),
            None => i.to_string(),
        };
        let items: Vec<String> = items.iter().map(|i| fit(&escape(i))).collect();
        let prompt = self.fit_prompt(&escape(prompt), 6)?;
        let _reading = Reading::start(&self.term);
        dialoguer::Select::with_theme(&self.theme)
            .with_prompt(prompt)
            .items(&items)
            .default(default)
            .interact_on_opt(&self.term)
            .map_err(to_io)
    }

    fn input(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> io::Result<Option<String>> {
        let _reading = Reading::start(&self.term);
        // dialoguer's `Input` ignores Esc, so the line is read key by key
        // here: Esc goes back, Ctrl-C stops, and a default (the current
        // answer, when one is changed) is there to edit.
        let mut start = default.unwrap_or_default().to_string();
        let prompt = self.fit_prompt(&escape(prompt), 24)?;
        loop {
            let Some(text) = self.read_line(&prompt, &start)? else {
                return Ok(None);
            };
            match check(&text) {
                Ok(()) => return Ok(Some(text)),
                Err(reason) => {
                    self.term
                        .write_line(&format!("  {} {}", style("✘").red(), escape(&reason)))?;
                    start = String::new();
                }
            }
        }
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> io::Result<Option<bool>> {
        let prompt = self.fit_prompt(&escape(prompt), 14)?;
        let _reading = Reading::start(&self.term);
        dialoguer::Confirm::with_theme(&self.theme)
            .with_prompt(prompt)
            .default(default)
            .interact_on_opt(&self.term)
            .map_err(to_io)
    }
}

/// Answers given in advance, for tests: each question takes the next answer.
#[derive(Debug, Default)]
pub struct Scripted {
    answers: std::collections::VecDeque<Answer>,
    /// Everything shown, in order: notes and prompts.
    pub transcript: Vec<String>,
}

/// One scripted answer. `Cancel` stands for Esc, `Interrupt` for Ctrl-C;
/// `Enter` takes whatever the question starts on (its default), as pressing
/// Enter does.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Enter,
    Choose(usize),
    Text(String),
    Yes,
    No,
    Cancel,
    Interrupt,
}

impl Scripted {
    pub fn new(answers: impl IntoIterator<Item = Answer>) -> Self {
        Scripted {
            answers: answers.into_iter().collect(),
            transcript: Vec::new(),
        }
    }

    fn next(&mut self, prompt: &str) -> io::Result<Answer> {
        self.transcript.push(format!("? {prompt}"));
        match self.answers.pop_front() {
            Some(Answer::Interrupt) => Err(interrupted()),
            Some(a) => Ok(a),
            None => Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("no scripted answer for {prompt:?}"),
            )),
        }
    }

    /// Whether every answer was used.
    pub fn finished(&self) -> bool {
        self.answers.is_empty()
    }
}

fn unexpected(prompt: &str, answer: &Answer) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("scripted answer {answer:?} does not fit {prompt:?}"),
    )
}

impl Prompter for Scripted {
    fn note(&mut self, text: &str) -> io::Result<()> {
        self.transcript.push(text.to_string());
        Ok(())
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> io::Result<Option<usize>> {
        let answer = self.next(prompt)?;
        self.transcript.extend(items.iter().map(|i| format!("  - {i}")));
        match answer {
            Answer::Choose(i) if i < items.len() => Ok(Some(i)),
            Answer::Enter if default < items.len() => Ok(Some(default)),
            Answer::Cancel => Ok(None),
            other => Err(unexpected(prompt, &other)),
        }
    }

    fn input(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> io::Result<Option<String>> {
        loop {
            match self.next(prompt)? {
                answer @ (Answer::Text(_) | Answer::Enter) => {
                    let text = if let Answer::Text(text) = answer {
                        text
                    } else {
                        String::new()
                    };
                    let text = if text.is_empty() {
                        default.unwrap_or("").to_string()
                    } else {
                        text
                    };
                    match check(&text) {
                        Ok(()) => return Ok(Some(text)),
                        Err(reason) => self.transcript.push(format!("! {reason}")),
                    }
                }
                Answer::Cancel => return Ok(None),
                other => return Err(unexpected(prompt, &other)),
            }
        }
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> io::Result<Option<bool>> {
        match self.next(prompt)? {
            Answer::Enter => Ok(Some(default)),
            Answer::Yes => Ok(Some(true)),
            Answer::No => Ok(Some(false)),
            Answer::Cancel => Ok(None),
            other => Err(unexpected(prompt, &other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{cut, wrap};

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
