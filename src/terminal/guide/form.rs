//! The guided `add` as one form: the answers in one table, every field of
//! [`FIELDS`] asked in order (those given as flags, and those that do not
//! apply to the status, are passed over), Esc going back one question, and
//! a preview at the end where the person can save, change any answer
//! chosen from a list, or stop.

use std::io;

use toml::{Table, Value};

use super::ask::{Flow, ask, asked_as};
use super::{Context, apply_to_draft, ask_ratings, shown};
use crate::policy::fields::{self, Answer, FIELDS, Field};
use crate::terminal::prompt::Prompter;

/// The answers so far, and which questions they came from.
#[derive(Debug, Default, Clone)]
pub struct Form {
    pub answers: Table,
    /// Keys given before the questions began (flags, `--from`): not asked.
    pub given: Vec<String>,
    /// Keys asked, answered or left empty, in the order asked.
    pub answered: Vec<String>,
    /// The question of several answers being asked (the representatives,
    /// a list), by its key: the answers given to it so far, kept so that
    /// Ctrl-C halfway loses none of them.
    pub partial: Table,
}

/// How the form ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Finish {
    /// Write the file.
    Save,
    /// Write nothing (the caller keeps the answers as a draft).
    Stop,
}

/// What the person chose at the preview.
enum Next {
    Save,
    Stop,
    /// Esc: back to the last question.
    Back,
    /// An answer was changed: ask whatever it made necessary.
    Again,
}

impl Form {
    /// A form starting from what flags and `--from` gave.
    pub fn new(answers: Table) -> Form {
        let given = FIELDS
            .iter()
            .filter(|f| fields::get(&answers, f.key).is_some())
            .map(|f| f.key.to_string())
            .collect();
        Form {
            answers,
            given,
            answered: Vec::new(),
            partial: Table::new(),
        }
    }

    /// How many answers the form holds: the questions given or answered,
    /// and those given so far to a question of several answers.
    pub fn count(&self) -> usize {
        let partial: usize = self
            .partial
            .iter()
            .map(|(key, progress)| match progress.as_table() {
                Some(t) if key == "representatives" => super::representatives::answers_in(t),
                // The items of a list, the ticks of a choice, the steps
                // asked of a group (not again those of them left empty).
                Some(t) => t
                    .iter()
                    .filter(|(k, _)| *k != "empty")
                    .filter_map(|(_, v)| v.as_array())
                    .map(Vec::len)
                    .sum(),
                None => 0,
            })
            .sum();
        self.given.len() + self.answered.len() + partial
    }

    /// Whether the form asks this field of the answers as they stand.
    fn asks(&self, field: &Field) -> bool {
        !self.given.iter().any(|k| k == field.key) && field.when.applies(&self.answers)
    }

    fn mark(&mut self, key: &str) {
        if !self.answered.iter().any(|k| k == key) {
            self.answered.push(key.to_string());
        }
    }

    /// Whether a question was answered and its answer still does: one left
    /// empty is asked again once the status needs it (a proposed entry
    /// changed to active at the preview).
    fn settled(&self, field: &Field) -> bool {
        self.answered.iter().any(|k| k == field.key)
            && !(field.needed(&self.answers) && fields::get(&self.answers, field.key).is_none())
    }

    /// The question before `i` that the form asks.
    fn previous(&self, i: usize) -> Option<usize> {
        (0..i).rev().find(|j| self.asks(&FIELDS[*j]))
    }

    /// Takes out answers to questions that no longer apply (the status was
    /// changed from `exiting` to `active`, say), so the file holds only
    /// what fits it.
    fn prune(&mut self) {
        for f in FIELDS {
            if !f.when.applies(&self.answers) && !self.given.iter().any(|k| k == f.key) {
                fields::remove(&mut self.answers, f.key);
                self.answered.retain(|k| k != f.key);
                // Answers held for a group left with Esc go with it.
                self.partial.remove(f.key);
            }
        }
        fields::derive(&mut self.answers);
    }
}

/// Asks every question the form needs, then shows the preview, until the
/// person saves or stops. Ctrl-C comes back as an interrupted error, with
/// the answers so far in `form`.
pub fn run(p: &mut dyn Prompter, form: &mut Form, ctx: &Context<'_>) -> io::Result<Finish> {
    // A resumed draft carries on after the questions already answered.
    let mut skip_answered = !form.answered.is_empty();
    let mut i = 0;
    loop {
        if i >= FIELDS.len() {
            match review(p, form, ctx)? {
                Next::Save => return Ok(Finish::Save),
                Next::Stop => return Ok(Finish::Stop),
                Next::Back => {
                    if let Some(j) = form.previous(FIELDS.len()) {
                        i = j;
                        skip_answered = false;
                    }
                }
                Next::Again => {
                    i = 0;
                    skip_answered = true;
                }
            }
            continue;
        }
        let field = &FIELDS[i];
        if !form.asks(field) || (skip_answered && form.settled(field)) {
            i += 1;
            continue;
        }
        match ask(p, field, ctx, &mut form.answers, &mut form.partial)? {
            Flow::Next => {
                form.mark(field.key);
                i += 1;
            }
            Flow::Back => match form.previous(i) {
                Some(j) => {
                    i = j;
                    skip_answered = false;
                }
                // Esc at the first question: there is nothing before it.
                None => return Ok(Finish::Stop),
            },
        }
    }
}

/// The preview: the file as it would be written, what stops it, and the
/// choice of saving, changing an answer or stopping.
fn review(p: &mut dyn Prompter, form: &mut Form, ctx: &Context<'_>) -> io::Result<Next> {
    loop {
        form.prune();
        let preview = (ctx.preview)(&form.answers);
        p.note(&format!(
            "\nThis is the file partreg will write, {}:\n\n{}",
            preview.shown, preview.text
        ))?;
        for note in &preview.notes {
            p.note(&format!("  warning (`partreg check --strict` fails on it): {note}"))?;
        }
        let mut items = Vec::new();
        if preview.problems.is_empty() {
            items.push("Save: write this file");
        } else {
            p.note(&format!(
                "It cannot be written yet:\n{}\nChoose \"Change an answer\" to put it right.",
                preview
                    .problems
                    .iter()
                    .map(|m| format!("  - {m}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ))?;
        }
        items.extend(["Change an answer", "Stop: write nothing, keep the answers as a draft"]);
        let labels: Vec<String> = items.iter().map(|s| (*s).to_string()).collect();
        let Some(i) = p.select("What next?", &labels, 0)? else {
            return Ok(Next::Back);
        };
        match items[i] {
            "Change an answer" => {
                if change(p, form, ctx)? {
                    return Ok(Next::Again);
                }
            }
            s if s.starts_with("Save") => return Ok(Next::Save),
            _ => return Ok(Next::Stop),
        }
    }
}

/// Lets the person choose one answer and asks that question again, with
/// the current answer filled in. `false` when they changed nothing.
fn change(p: &mut dyn Prompter, form: &mut Form, ctx: &Context<'_>) -> io::Result<bool> {
    let choices: Vec<&Field> = FIELDS.iter().filter(|f| f.when.applies(&form.answers)).collect();
    let mut items: Vec<String> = choices
        .iter()
        .map(|f| {
            // Long questions (the policy's criteria) are cut so that the
            // answer still shows on a narrow terminal.
            format!(
                "{}  [{}]",
                shorten(asked_as(f, &form.answers), 48),
                shorten(&summary(&form.answers, f), 60)
            )
        })
        .collect();
    items.push("Back to the preview".into());
    let Some(i) = p.select("Which answer do you want to change?", &items, 0)? else {
        return Ok(false);
    };
    let Some(field) = choices.get(i) else {
        return Ok(false);
    };
    if ask(p, field, ctx, &mut form.answers, &mut form.partial)? == Flow::Next {
        form.given.retain(|k| k != field.key);
        form.mark(field.key);
    }
    Ok(true)
}

/// Text cut to `most` characters, with "…" where it was cut.
fn shorten(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_string();
    }
    let mut out: String = text.chars().take(most - 1).collect();
    out.push('…');
    out
}

/// An answer in a few words, for the list of answers to change.
fn summary(answers: &Table, field: &Field) -> String {
    if matches!(field.answer, Answer::Ratings) {
        let overall = |side: &str| {
            fields::get(answers, &format!("{side}.overall")).map_or_else(|| "not rated".to_string(), shown)
        };
        return format!("risk {}, value {}", overall("risk"), overall("value"));
    }
    fields::get(answers, field.key).map_or_else(|| "no answer".to_string(), shown)
}

/// The ratings, as one question: an active partnership must be rated,
/// others may be ("Rate it now?", asked again when Esc comes back to it
/// from the first criterion). `progress` keeps each choice as it is made;
/// a resumed one is not asked whether to rate again.
pub(super) fn ask_ratings_step(
    p: &mut dyn Prompter,
    ctx: &Context<'_>,
    draft: &mut Table,
    progress: &mut Table,
) -> io::Result<Flow> {
    let active = draft.get("status").and_then(Value::as_str) == Some("active");
    let Some(entry) = (ctx.entry)(draft) else {
        p.note("  (The ratings can be given once the answers above are complete; or later, with `partreg assess --interactive`.)")?;
        return Ok(Flow::Next);
    };
    if active {
        p.note("\nAn active partnership needs its Appendix B risk and value ratings: rate them now.")?;
    }
    let mut resumed = progress
        .get("asked")
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty());
    loop {
        if !active && !resumed {
            match p.confirm("Rate it against the Appendix B risk and value criteria now?", true)? {
                None => return Ok(Flow::Back),
                Some(false) => return Ok(Flow::Next),
                Some(true) => {}
            }
        }
        match ask_ratings(p, &entry, ctx.rubric, active, true, progress)? {
            // Esc at the first criterion: back to "Rate it now?".
            None if !active => resumed = false,
            None => return Ok(Flow::Back),
            Some(edits) => {
                apply_to_draft(draft, &edits);
                return Ok(Flow::Next);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_held_for_a_group_that_no_longer_applies_go_at_the_preview() {
        let mut answers = Table::new();
        answers.insert("status".into(), Value::String("active".into()));
        let mut form = Form::new(answers);
        let mut held = Table::new();
        held.insert("answers".into(), Value::Table(Table::new()));
        form.partial.insert("exit".into(), Value::Table(held.clone()));
        form.partial.insert("questions".into(), Value::Table(held));
        form.prune();
        assert!(!form.partial.contains_key("exit"), "{:?}", form.partial);
        assert!(form.partial.contains_key("questions"), "Appendix C applies");
    }
}
