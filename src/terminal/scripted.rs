//! A [`Prompter`] that answers from a script, for tests: each question
//! takes the next answer, and everything shown is kept in a transcript.

use std::io;

use super::prompt::{Prompter, interrupted};

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
