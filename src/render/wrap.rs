//! Text for the terminal wrapped at words to its width (`show`,
//! `assess --explain`), so that a line is never broken mid-word
//! ("£12,50 / 0"). Each line that is too long continues under where its
//! value starts: under the value of a `  Label        value` field, else a
//! little in from the line's own indent.

use unicode_width::UnicodeWidthStr;

use super::table::Fit;

/// Every line of `text` wrapped to `fit`'s width; `--wide` leaves it as
/// it is.
pub fn lines(text: &str, fit: Fit) -> String {
    let Fit::Width(width) = fit else {
        return text.to_string();
    };
    let width = usize::from(width);
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        for row in hanging(line, width) {
            out.push_str(&row);
            out.push('\n');
        }
    }
    out
}

/// The column a line's continuation rows start at.
fn hang(line: &str) -> usize {
    let indent = line.len() - line.trim_start_matches(' ').len();
    // A field: two spaces, a label, padding of at least two spaces, the value.
    if indent == 2
        && let Some(gap) = line[indent..].find("  ")
    {
        let value = indent + gap + line[indent + gap..].len() - line[indent + gap..].trim_start_matches(' ').len();
        if value <= 40 && line[..value].is_ascii() {
            return value;
        }
    }
    if indent < 6 { indent + 4 } else { indent }
}

/// One line as rows of at most `width` columns, broken at spaces; a word
/// wider than a row has a row to itself.
fn hanging(line: &str, width: usize) -> Vec<String> {
    if line.width() <= width {
        return vec![line.to_string()];
    }
    let hang = hang(line);
    let indent = line.len() - line.trim_start_matches(' ').len();
    // A field's label and padding stay as they are on the first row.
    let start = if hang > indent + 4 { hang } else { indent };
    let mut rows = Vec::new();
    let mut row = line[..start].to_string();
    let mut fresh = true;
    for word in line[start..].split(' ').filter(|w| !w.is_empty()) {
        if !fresh && row.width() + 1 + word.width() > width {
            rows.push(std::mem::take(&mut row));
            row = " ".repeat(hang);
            fresh = true;
        }
        if !fresh {
            row.push(' ');
        }
        row.push_str(word);
        fresh = false;
    }
    rows.push(row);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_continue_under_their_value_and_words_stay_whole() {
        let line = format!("  {:<28} {}", "Contribution", "£12,500 a year, in existing budgets");
        let text = lines(&line, Fit::Width(50));
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(rows[0], "  Contribution                 £12,500 a year, in");
        assert_eq!(rows[1], format!("{}existing budgets", " ".repeat(31)));
        assert!(text.lines().all(|r| r.width() <= 50));
    }

    #[test]
    fn other_lines_continue_a_little_in_and_wide_keeps_them() {
        let line = "  1. 2026-01-05 raised by Jo Bloggs (Open): a long summary of the concern";
        let text = lines(line, Fit::Width(40));
        assert!(
            text.lines()
                .skip(1)
                .all(|r| r.starts_with("      ") && !r.starts_with("       "))
        );
        assert_eq!(lines(line, Fit::Wide), line);
    }
}
