//! A group of questions asked one after another (the Appendix C
//! questions, the Appendix B ratings, the exit strategy), kept answer by
//! answer in the group's progress table under the draft's `[partial]`, so
//! that Ctrl-C halfway keeps every answer given and `add --resume` carries
//! on at the next question not yet asked. One way for every such group:
//! each question is a named step, and a step asked is never asked again
//! while the group is unfinished.

use std::io;

use toml::{Table, Value};

use crate::terminal::prompt::Prompter;

/// The steps asked, in the order asked.
const ASKED: &str = "asked";
/// The answers to the steps asked, by step (a step left without an answer
/// has none here, but is in [`ASKED`]).
const ANSWERS: &str = "answers";

/// The steps of one group, over its progress table.
pub struct Steps<'a> {
    progress: &'a mut Table,
}

impl<'a> Steps<'a> {
    pub fn new(progress: &'a mut Table) -> Steps<'a> {
        Steps { progress }
    }

    /// How many steps were asked before (a resumed draft).
    pub fn asked_count(&self) -> usize {
        self.progress.get(ASKED).and_then(Value::as_array).map_or(0, Vec::len)
    }

    /// Says, once at the start of a resumed group, that the answers given
    /// before are kept and not asked again.
    pub fn note_kept(&self, p: &mut dyn Prompter, group: &str) -> io::Result<()> {
        match self.asked_count() {
            0 => Ok(()),
            n => p.note(&format!(
                "  ({n} {} to {group} kept from the draft; carrying on from the next question.)",
                if n == 1 { "answer" } else { "answers" }
            )),
        }
    }

    /// The answer kept for a step: `None` when it was not asked yet,
    /// `Some(None)` when it was asked and left without an answer.
    pub fn kept(&self, step: &str) -> Option<Option<&Value>> {
        let asked = self
            .progress
            .get(ASKED)
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().any(|s| s.as_str() == Some(step)));
        asked.then(|| self.answers().and_then(|t| t.get(step)))
    }

    fn answers(&self) -> Option<&Table> {
        self.progress.get(ANSWERS).and_then(Value::as_table)
    }

    /// Keeps the answer to a step as it is given (`None`: asked, no answer).
    pub fn keep(&mut self, step: &str, answer: Option<Value>) {
        let answers = table(self.progress, ANSWERS);
        match answer {
            Some(v) => answers.insert(step.to_string(), v),
            None => answers.remove(step),
        };
        let asked = array(self.progress, ASKED);
        if !asked.iter().any(|s| s.as_str() == Some(step)) {
            asked.push(Value::String(step.to_string()));
        }
    }

    /// Keeps a step's answer while it is still being given (the ticks of a
    /// menu of several), without counting the step as asked.
    pub fn keep_unfinished(&mut self, step: &str, answer: Value) {
        table(self.progress, ANSWERS).insert(step.to_string(), answer);
    }

    /// The answer being given to a step not yet finished (see
    /// [`Steps::keep_unfinished`]).
    pub fn unfinished(&self, step: &str) -> Option<&Value> {
        self.answers().and_then(|t| t.get(step))
    }
}

/// The table under `key` in a progress table, made (or put in place of
/// anything else a hand-edited draft left there) when missing. Shared by
/// every group that keeps half-finished answers.
pub(super) fn table<'t>(progress: &'t mut Table, key: &str) -> &'t mut Table {
    let slot = progress
        .entry(key.to_string())
        .or_insert_with(|| Value::Table(Table::new()));
    if !slot.is_table() {
        *slot = Value::Table(Table::new());
    }
    match slot {
        Value::Table(t) => t,
        _ => unreachable!("a table was put in its place"),
    }
}

/// The array under `key` in a progress table, made when missing (see [`table`]).
pub(super) fn array<'t>(progress: &'t mut Table, key: &str) -> &'t mut Vec<Value> {
    let slot = progress
        .entry(key.to_string())
        .or_insert_with(|| Value::Array(Vec::new()));
    if !slot.is_array() {
        *slot = Value::Array(Vec::new());
    }
    match slot {
        Value::Array(a) => a,
        _ => unreachable!("an array was put in its place"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_asked_is_kept_with_or_without_an_answer() {
        let mut progress = Table::new();
        let mut steps = Steps::new(&mut progress);
        assert_eq!(steps.kept("a"), None);
        steps.keep("a", Some(Value::String("yes".into())));
        steps.keep("b", None);
        assert_eq!(steps.kept("a"), Some(Some(&Value::String("yes".into()))));
        assert_eq!(steps.kept("b"), Some(None));
        assert_eq!(steps.asked_count(), 2);
        steps.keep_unfinished("c", Value::Array(vec![]));
        assert_eq!(steps.kept("c"), None);
        assert!(steps.unfinished("c").is_some());
    }
}
