//! Each code's full explanation, read from `docs/diagnostics.md` at build
//! time: what it means, an example and the fix, for the rules of a SARIF
//! report (code-scanning views show a rule's help beside each alert).
//!
//! The documentation is the one place the explanations are written; the
//! binary embeds that page and cuts it at its `` ## `code` `` headings, so
//! the two cannot drift. A test makes sure every [`Code`] has its section.

use super::Code;

/// The page, as committed.
const DIAGNOSTICS_MD: &str = include_str!("../../docs/diagnostics.md");

/// One code's section of the page.
#[derive(Debug, Clone, Copy)]
pub struct Explanation {
    /// The section's Markdown, without its heading.
    pub markdown: &'static str,
}

impl Explanation {
    /// The section for `code`, if the page has one.
    pub fn of(code: Code) -> Option<Explanation> {
        let heading = format!("## `{}`", code.as_str());
        let mut rest = None;
        let mut offset = 0;
        for line in DIAGNOSTICS_MD.split_inclusive('\n') {
            if line.trim_end() == heading {
                rest = Some(&DIAGNOSTICS_MD[offset + line.len()..]);
                break;
            }
            offset += line.len();
        }
        let rest = rest?;
        // The section runs to the next heading of the same or higher level
        // (a `##` inside a code example is indented or fenced, never at the
        // start of a line outside a fence).
        let mut end = rest.len();
        let mut at = 0;
        let mut fenced = false;
        for line in rest.split_inclusive('\n') {
            if line.starts_with("```") {
                fenced = !fenced;
            } else if !fenced && (line.starts_with("## ") || line.starts_with("# ")) {
                end = at;
                break;
            }
            at += line.len();
        }
        Some(Explanation {
            markdown: rest[..end].trim(),
        })
    }

    /// What the code means: the section's first paragraph of prose (after
    /// the line giving the severity), on one line.
    pub fn meaning(&self) -> String {
        let mut paragraphs = self
            .markdown
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .skip_while(|p| p.starts_with("**Error**") || p.starts_with("**Warning**"));
        let mut meaning = paragraphs.next().unwrap_or_default().to_string();
        // A paragraph that introduces a list ("…cannot be right:") goes on
        // into the list.
        if meaning.ends_with(':')
            && let Some(list) = paragraphs.next()
        {
            meaning = format!("{meaning} {list}");
        }
        meaning.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The section as plain text, for viewers that do not render Markdown:
    /// examples indented by four spaces (fences dropped, contents kept as
    /// written), bold and code marks taken out of the prose.
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(self.markdown.len() + 256);
        let mut fenced = false;
        for line in self.markdown.lines() {
            if line.starts_with("```") {
                fenced = !fenced;
                continue;
            }
            if fenced {
                out.push_str("    ");
                out.push_str(line);
            } else {
                out.push_str(&line.replace("**", "").replace('`', ""));
            }
            out.push('\n');
        }
        out.trim_end().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_section_with_meaning_example_and_fix() {
        for &code in Code::ALL {
            let e = Explanation::of(code).unwrap_or_else(|| panic!("no section for {}", code.as_str()));
            assert!(e.markdown.contains("**Fix:**"), "{}: no fix", code.as_str());
            assert!(e.markdown.contains("```"), "{}: no example", code.as_str());
            assert!(!e.meaning().is_empty(), "{}: no meaning", code.as_str());
            assert_ne!(e.meaning(), code.about(), "{}", code.as_str());
            assert!(!e.markdown.contains(&format!("## `{}`", code.as_str())));
            // The section stops before the next code's.
            let others = Code::ALL.iter().filter(|c| **c != code);
            for other in others {
                assert!(!e.markdown.contains(&format!("\n## `{}`", other.as_str())));
            }
        }
    }

    #[test]
    fn plain_text_has_no_markdown_marks() {
        let e = Explanation::of(Code::UnknownKey).unwrap();
        let text = e.text();
        assert!(!text.contains("```") && !text.contains("**"));
        assert!(text.contains("Fix:"));
        // Examples keep their marks, indented.
        assert!(text.contains("\n       = hint: did you mean `reports_to`?"), "{text}");
    }
}
