//! Menus that take several answers (the representatives' roles, the
//! priorities, the reasons for leaving, the Appendix C sections, a field of
//! several choices), all alike: choosing an item ticks it, choosing it
//! again takes the tick off, and Done ends. The cursor stays on the item
//! just chosen, so pressing Enter twice takes the tick off again (to be
//! seen at once) rather than tick another item by accident.

use std::io;

use crate::terminal::prompt::Prompter;

/// One menu of several.
pub struct Several<'a> {
    /// The question while nothing is ticked.
    pub question: &'a str,
    /// The question once something is: it is given what is ticked.
    pub again: &'a dyn Fn(&[usize]) -> String,
    pub items: &'a [String],
    /// The last item while nothing is ticked ("Done (none chosen)").
    pub done_empty: &'a str,
    /// When nothing may be left ticked: the note shown on Done.
    pub needed: Option<&'a str>,
}

/// Asks until Done, from `chosen` (indices into the items, kept in the
/// items' order); `keep` is told of each change, so that the ticks
/// survive Ctrl-C. `false` on Esc.
pub fn tick(
    p: &mut dyn Prompter,
    menu: &Several<'_>,
    chosen: &mut Vec<usize>,
    keep: &mut dyn FnMut(&[usize]),
) -> io::Result<bool> {
    let mut cursor = 0;
    loop {
        let mut labels: Vec<String> = menu
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let mark = if chosen.contains(&i) { "✓" } else { " " };
                format!("{mark} {item}")
            })
            .collect();
        labels.push(if chosen.is_empty() { menu.done_empty } else { "Done" }.to_string());
        let question = if chosen.is_empty() {
            menu.question.to_string()
        } else {
            (menu.again)(chosen)
        };
        let Some(i) = p.select(&question, &labels, cursor)? else {
            return Ok(false);
        };
        if i >= menu.items.len() {
            match menu.needed {
                Some(note) if chosen.is_empty() => p.note(note)?,
                _ => return Ok(true),
            }
            continue;
        }
        match chosen.iter().position(|c| *c == i) {
            Some(at) => {
                chosen.remove(at);
            }
            None => {
                chosen.push(i);
                chosen.sort_unstable();
            }
        }
        keep(chosen);
        cursor = i;
    }
}
