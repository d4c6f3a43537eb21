//! A group of questions asked one after another (the Appendix C
//! questions, the Appendix B ratings, the exit strategy, one
//! representative), kept answer by answer in the group's progress table
//! under the draft's `[partial]`, so that Ctrl-C halfway keeps every answer
//! given and `add --resume` carries on at the next question not yet asked.
//! One way for every such group: each question is a named step, a step
//! asked is never asked again while the group is unfinished, and Esc goes
//! back one step ([`Steps::walk`]) with every answer kept, offered again as
//! the question's default.

use std::io;

use toml::{Table, Value};

use crate::terminal::prompt::Prompter;

/// The steps asked, in the order asked.
const ASKED: &str = "asked";
/// The answers to the steps asked, by step (a step left without an answer
/// has none here, but is in [`ASKED`]).
const ANSWERS: &str = "answers";
/// The steps answered with "none" (not recorded, not yet approved): so
/// that going back starts on that answer, not on the first item.
const EMPTY: &str = "empty";

/// Asks one step of a walk ([`Steps::walk`]): `Some(answer)` (`None`
/// inside: asked, left without an answer) or `None` on Esc.
pub type Ask<'a> = dyn FnMut(&mut Steps<'_>, &str) -> io::Result<Option<Option<Value>>> + 'a;

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
        let empty = answer.is_none();
        let answers = table(self.progress, ANSWERS);
        match answer {
            Some(v) => answers.insert(step.to_string(), v),
            None => answers.remove(step),
        };
        let left = array(self.progress, EMPTY);
        left.retain(|s| s.as_str() != Some(step));
        if empty {
            left.push(Value::String(step.to_string()));
        } else if left.is_empty() {
            self.progress.remove(EMPTY);
        }
        let asked = array(self.progress, ASKED);
        if !asked.iter().any(|s| s.as_str() == Some(step)) {
            asked.push(Value::String(step.to_string()));
        }
    }

    /// Holds an answer for a step without counting the step as asked: the
    /// ticks of a menu of several while they are being given, or an answer
    /// given before (coming back to a finished group), to start from.
    pub fn keep_unfinished(&mut self, step: &str, answer: Value) {
        table(self.progress, ANSWERS).insert(step.to_string(), answer);
    }

    /// The answer held for a step, asked or not: the one given before Esc
    /// went back past it, the ticks of a menu not yet finished, or the
    /// answer given to it. What the step's question starts on.
    pub fn answer(&self, step: &str) -> Option<&Value> {
        self.answers().and_then(|t| t.get(step))
    }

    /// Holds "none" as a step's answer without counting it as asked (an
    /// answer given before, coming back to a finished group).
    pub fn hold_empty(&mut self, step: &str) {
        table(self.progress, ANSWERS).remove(step);
        let left = array(self.progress, EMPTY);
        if !left.iter().any(|s| s.as_str() == Some(step)) {
            left.push(Value::String(step.to_string()));
        }
    }

    /// Whether a step was answered with "none" (and has no answer): a
    /// menu then starts on its "none" item.
    pub fn left_empty(&self, step: &str) -> bool {
        self.progress
            .get(EMPTY)
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().any(|s| s.as_str() == Some(step)))
    }

    /// Whether a step was asked (and so is not asked again).
    pub fn asked(&self, step: &str) -> bool {
        self.kept(step).is_some()
    }

    /// Counts `step` and every step asked after it as not asked, keeping
    /// their answers (Esc went back to `step`).
    fn unask_from(&mut self, step: &str) {
        let asked = array(self.progress, ASKED);
        if let Some(at) = asked.iter().position(|s| s.as_str() == Some(step)) {
            asked.truncate(at);
        }
    }

    /// Asks the steps of `plan` in order, from the first not yet asked:
    /// `plan` gives the steps as the answers stand (a step may depend on
    /// the answer to one before it), and `ask` asks one step, starting
    /// from [`Steps::answer`], giving `Some(answer)` or `None` on Esc.
    ///
    /// Esc goes back to the step before, which is asked again from its
    /// answer; Esc at the first step ends the walk (`false`) with every
    /// answer held and none counted as asked, so that coming back to the
    /// group offers them all again. With `back` false (a flow without a
    /// draft, where Esc means stop) any Esc ends the walk.
    pub fn walk(
        &mut self,
        back: bool,
        plan: &dyn Fn(&Steps<'_>) -> Vec<String>,
        ask: &mut Ask<'_>,
    ) -> io::Result<bool> {
        let mut i = 0;
        loop {
            let steps = plan(self);
            let Some(step) = steps.get(i) else {
                return Ok(true);
            };
            if self.asked(step) {
                i += 1;
                continue;
            }
            match ask(self, step)? {
                Some(answer) => {
                    self.keep(step, answer);
                    i += 1;
                }
                None if back && i > 0 => {
                    i -= 1;
                    self.unask_from(&steps[i]);
                }
                None => {
                    array(self.progress, ASKED).clear();
                    return Ok(false);
                }
            }
        }
    }
}

/// Whether a progress table holds any answer: one left with Esc is kept
/// (its answers offered again when the group is come back to) only then.
pub(super) fn holds_answers(progress: &Table) -> bool {
    fn holds(v: &Value) -> bool {
        match v {
            Value::Table(t) => t.values().any(holds),
            Value::Array(a) => a.iter().any(holds),
            _ => true,
        }
    }
    progress.values().any(holds)
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
        assert!(steps.answer("c").is_some());
    }

    /// A scripted walk over steps a, b, c: each entry is the answer given
    /// (`None`: Esc), and what each step started on is recorded.
    fn walk(progress: &mut Table, back: bool, script: &[Option<&str>]) -> (bool, Vec<String>) {
        let mut script = script.iter();
        let mut seen = Vec::new();
        let mut steps = Steps::new(progress);
        let done = steps
            .walk(back, &|_| ["a", "b", "c"].map(String::from).to_vec(), &mut |s, step| {
                let start = s.answer(step).and_then(Value::as_str).unwrap_or("-");
                seen.push(format!("{step}:{start}"));
                Ok(script.next().copied().flatten().map(|a| Some(Value::String(a.into()))))
            })
            .unwrap();
        (done, seen)
    }

    #[test]
    fn esc_goes_back_one_step_and_offers_its_answer_again() {
        let mut progress = Table::new();
        let (done, seen) = walk(
            &mut progress,
            true,
            &[Some("1"), Some("2"), None, None, Some("1"), Some("2"), Some("3")],
        );
        assert!(done);
        assert_eq!(seen, ["a:-", "b:-", "c:-", "b:2", "a:1", "b:2", "c:-"]);
    }

    #[test]
    fn esc_at_the_first_step_leaves_with_every_answer_held() {
        let mut progress = Table::new();
        let (done, _) = walk(&mut progress, true, &[Some("1"), Some("2"), None, None, None]);
        assert!(!done);
        assert!(holds_answers(&progress));
        let steps = Steps::new(&mut progress);
        assert_eq!(steps.asked_count(), 0);
        assert_eq!(steps.answer("b"), Some(&Value::String("2".into())));
        // Coming back: every question starts on its answer.
        let (done, seen) = walk(&mut progress, true, &[Some("1"), Some("2"), Some("3")]);
        assert!(done);
        assert_eq!(seen, ["a:1", "b:2", "c:-"]);
    }

    #[test]
    fn a_resumed_walk_starts_at_the_first_step_not_asked_and_esc_still_goes_back() {
        let mut progress = Table::new();
        Steps::new(&mut progress).keep("a", Some(Value::String("1".into())));
        let (done, seen) = walk(&mut progress, true, &[None, Some("1"), Some("2"), Some("3")]);
        assert!(done);
        assert_eq!(seen, ["b:-", "a:1", "b:-", "c:-"]);
    }

    #[test]
    fn without_back_any_esc_ends_the_walk() {
        let mut progress = Table::new();
        let (done, seen) = walk(&mut progress, false, &[Some("1"), None]);
        assert!(!done);
        assert_eq!(seen, ["a:-", "b:-"]);
    }
}
