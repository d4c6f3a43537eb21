//! The keys of a menu, apart from drawing it, so that what each key does
//! can be tested: arrows, Home/End and Page Up/Down move, Enter chooses,
//! Esc goes back, Ctrl-C stops. Nothing else chooses: a typed letter or
//! digit jumps to the next item that starts with it, and any other key
//! (Space among them) only shows a hint. A person who types an answer
//! while a menu is showing so never chooses by accident, and nothing
//! typed leaks into the next question.

use dialoguer::console::Key;

/// What a key did.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
    /// The cursor moved, or nothing happened: draw again.
    Moved,
    /// The key does nothing here: say how to choose.
    Hint,
    Chose(usize),
    Back,
    Interrupt,
}

/// The hint shown after a key that does nothing in a menu.
pub const HINT: &str = "(↑ ↓ move, Enter chooses, Esc goes back; a letter jumps to an item)";

/// A menu's items and the highlighted one.
pub struct Menu<'a> {
    pub items: &'a [String],
    pub cursor: usize,
}

impl Menu<'_> {
    /// Acts on one key. `page` is how many items show at once.
    pub fn key(&mut self, key: &Key, page: usize) -> Step {
        let last = self.items.len().saturating_sub(1);
        match key {
            Key::Enter if !self.items.is_empty() => return Step::Chose(self.cursor.min(last)),
            Key::Escape => return Step::Back,
            Key::CtrlC => return Step::Interrupt,
            Key::ArrowUp | Key::BackTab => {
                self.cursor = if self.cursor == 0 { last } else { self.cursor - 1 };
            }
            Key::ArrowDown | Key::Tab => {
                self.cursor = if self.cursor >= last { 0 } else { self.cursor + 1 };
            }
            Key::Home => self.cursor = 0,
            Key::End => self.cursor = last,
            Key::PageUp => self.cursor = self.cursor.saturating_sub(page.max(1)),
            Key::PageDown => self.cursor = (self.cursor + page.max(1)).min(last),
            Key::Char(c) if c.is_alphanumeric() => return self.jump(*c),
            _ => return Step::Hint,
        }
        Step::Moved
    }

    /// To the next item after the cursor whose words start with `c`.
    fn jump(&mut self, c: char) -> Step {
        let n = self.items.len();
        let starts = |i: usize| {
            words(&self.items[i])
                .chars()
                .next()
                .is_some_and(|f| f.to_lowercase().eq(c.to_lowercase()))
        };
        match (1..=n).map(|d| (self.cursor + d) % n).find(|i| starts(*i)) {
            Some(i) => {
                self.cursor = i;
                Step::Moved
            }
            None => Step::Hint,
        }
    }
}

/// An item without the tick of a menu of several ("✓ ").
fn words(item: &str) -> &str {
    item.trim_start_matches(['✓', ' '])
}

/// What is echoed once an item is chosen: its words up to the padding
/// before its description ("non-legal", not the whole row), so that the
/// answer reads short and never wraps.
pub fn chosen_label(item: &str) -> &str {
    let words = words(item);
    match words.find("  ") {
        Some(at) => words[..at].trim_end(),
        None => words.trim_end_matches('…').trim_end(),
    }
}

/// The first item to show so that the cursor is on the page.
pub fn first_shown(cursor: usize, len: usize, page: usize) -> usize {
    if len <= page || cursor < page / 2 {
        0
    } else {
        (cursor - page / 2).min(len - page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Vec<String> {
        ["✓ Influence decisions", "  Report back", "  Control the budget", "Done"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn typed_letters_and_space_never_choose() {
        let items = items();
        let mut m = Menu {
            items: &items,
            cursor: 0,
        };
        for c in "Influence over flood schemes.".chars() {
            assert!(!matches!(m.key(&Key::Char(c), 10), Step::Chose(_)), "{c:?} chose");
        }
        assert_eq!(m.key(&Key::Char(' '), 10), Step::Hint);
        assert_eq!(m.key(&Key::Char('.'), 10), Step::Hint);
    }

    #[test]
    fn a_letter_jumps_to_the_next_item_it_starts() {
        let items = items();
        let mut m = Menu {
            items: &items,
            cursor: 0,
        };
        assert_eq!(m.key(&Key::Char('c'), 10), Step::Moved);
        assert_eq!(m.cursor, 2);
        assert_eq!(m.key(&Key::Char('D'), 10), Step::Moved);
        assert_eq!(m.cursor, 3);
        assert_eq!(m.key(&Key::Char('z'), 10), Step::Hint);
        assert_eq!(m.cursor, 3);
        assert_eq!(m.key(&Key::Enter, 10), Step::Chose(3));
    }

    #[test]
    fn arrows_wrap_and_home_end_go_to_the_ends() {
        let items = items();
        let mut m = Menu {
            items: &items,
            cursor: 0,
        };
        m.key(&Key::ArrowUp, 10);
        assert_eq!(m.cursor, 3);
        m.key(&Key::ArrowDown, 10);
        assert_eq!(m.cursor, 0);
        m.key(&Key::End, 10);
        assert_eq!(m.cursor, 3);
        m.key(&Key::Home, 10);
        assert_eq!(m.cursor, 0);
        assert_eq!(m.key(&Key::Escape, 10), Step::Back);
        assert_eq!(m.key(&Key::CtrlC, 10), Step::Interrupt);
    }

    #[test]
    fn the_echo_is_the_label_without_its_description() {
        assert_eq!(chosen_label("non-legal     partners have agreed to…"), "non-legal");
        assert_eq!(chosen_label("✓ Report back"), "Report back");
        assert_eq!(chosen_label("Leave it unanswered"), "Leave it unanswered");
        assert_eq!(chosen_label("P1  Growth"), "P1");
    }

    #[test]
    fn the_page_follows_the_cursor() {
        assert_eq!(first_shown(0, 5, 10), 0);
        assert_eq!(first_shown(9, 30, 10), 4);
        assert_eq!(first_shown(29, 30, 10), 20);
    }
}
