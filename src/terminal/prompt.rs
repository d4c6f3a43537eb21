//! Questions asked on a terminal, behind a trait so that the guided flows
//! (`assess --interactive`, `add`) can be driven by scripted answers in
//! tests. Every method returns `Ok(None)` when the person cancels (Esc), and
//! nothing is written until a flow has all its answers.

use crate::render::sanitize::{escape, escape_keeping_lines};
use std::io;

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
        dialoguer::Error::IO(e) => e,
    }
}

// Prompts, choices and notes quote settings and the rubric (criterion
// titles and texts, priority titles): each is escaped as on every other
// terminal sink (`render::sanitize`) so that nothing in them can act on the
// terminal. The text a person types is theirs and is kept as typed.
impl Prompter for Terminal {
    fn note(&mut self, text: &str) -> io::Result<()> {
        self.term.write_line(&escape_keeping_lines(text))
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> io::Result<Option<usize>> {
        let items: Vec<String> = items.iter().map(|i| escape(i).into_owned()).collect();
        dialoguer::Select::with_theme(&self.theme)
            .with_prompt(escape(prompt))
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
        let mut input = dialoguer::Input::<String>::with_theme(&self.theme)
            .with_prompt(escape(prompt))
            .allow_empty(true)
            .validate_with(|text: &String| check(text).map_err(|why| escape(&why).into_owned()));
        if let Some(default) = default {
            input = input.default(default.to_string());
        }
        input.interact_text_on(&self.term).map(Some).map_err(to_io)
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> io::Result<Option<bool>> {
        dialoguer::Confirm::with_theme(&self.theme)
            .with_prompt(escape(prompt))
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

/// One scripted answer. `Cancel` stands for Esc; `Enter` takes whatever
/// the question starts on (its default), as pressing Enter does.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Enter,
    Choose(usize),
    Text(String),
    Yes,
    No,
    Cancel,
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
        self.answers.pop_front().ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("no scripted answer for {prompt:?}"),
            )
        })
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
        match self.next(prompt)? {
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
