//! The limits a rubric file is read within, the same as for entries: a
//! regular file only (a FIFO would hang, `/dev/zero` never ends), at most
//! 8 MB, and nested at most [`MAX_NESTING`] deep (a 100,000-deep YAML took
//! the YAML reader 31 s). A real rubric is a few kilobytes nested four deep.

use std::io::Read as _;
use std::path::Path;

use anyhow::{anyhow, bail};

/// The largest rubric read, as for entries.
pub const MAX_BYTES: u64 = 8 * 1024 * 1024;
/// The deepest nesting of lists and maps a rubric may have.
pub const MAX_NESTING: usize = 64;

/// Reads the rubric file at `path` within the limits.
pub fn read(path: &Path) -> anyhow::Result<String> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| anyhow!("cannot read the rubric {shown}: {}", e.kind()))?;
    if !meta.is_file() {
        bail!(
            "cannot read the rubric {shown}: it is not a regular file (rubric = in partreg.toml must name a .yaml file)"
        );
    }
    let too_big = || {
        anyhow!(
            "cannot read the rubric {shown}: it is over {} MB; a rubric is a few kilobytes",
            MAX_BYTES / 1_048_576
        )
    };
    if meta.len() > MAX_BYTES {
        return Err(too_big());
    }
    // Read at most one byte past the limit, in case the file grows meanwhile.
    let file = std::fs::File::open(path).map_err(|e| anyhow!("cannot read the rubric {shown}: {}", e.kind()))?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| anyhow!("cannot read the rubric {shown}: {}", e.kind()))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_big());
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow!(
            "cannot read the rubric {shown}: it is not UTF-8 (byte {} is not); save it as UTF-8",
            e.utf8_error().valid_up_to() + 1
        )
    })
}

/// Refuses YAML nested deeper than [`MAX_NESTING`], before the YAML reader
/// sees it. A quick over-estimate: indentation levels, plus `- ` items that
/// open on one line, plus open `[` and `{` outside quotes and comments.
pub fn check_nesting(text: &str, source: &str) -> anyhow::Result<()> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    for (number, line) in text.lines().enumerate() {
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        if flow == 0 {
            while indents.last().is_some_and(|&i| i > indent) {
                indents.pop();
            }
            if indents.last().is_none_or(|&i| i < indent) {
                indents.push(indent);
            }
        }
        let mut rest = content;
        let mut dashes = 0;
        while let Some(after) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("? ")) {
            dashes += 1;
            rest = after.trim_start_matches(' ');
        }
        let mut deepest_flow = flow;
        let mut quote = None;
        let mut previous = ' ';
        for c in rest.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') if previous == ' ' => break,
                (None, '[' | '{') => {
                    flow += 1;
                    deepest_flow = deepest_flow.max(flow);
                }
                (None, ']' | '}') => flow = flow.saturating_sub(1),
                _ => {}
            }
            previous = c;
        }
        if indents.len() + dashes + deepest_flow > MAX_NESTING {
            bail!(
                "the rubric {source}:{}: lists and maps are nested more than {MAX_NESTING} deep; a rubric needs only a few levels",
                number + 1
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_rubric_is_within_the_limits() {
        assert!(check_nesting(super::super::rubric::DEFAULT_RUBRIC, "x").is_ok());
    }

    #[test]
    fn deep_nesting_of_each_kind_is_refused() {
        let flow = "a: ".to_string() + &"[".repeat(100_000);
        let dashes = "- ".repeat(100_000) + "x";
        let indented: String = (0..100).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
        for text in [flow, dashes, indented] {
            let err = check_nesting(&text, "r.yaml").unwrap_err().to_string();
            assert!(err.contains("nested more than 64 deep"), "{err}");
        }
        assert!(
            check_nesting(
                "a: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\n",
                "r"
            )
            .is_ok()
        );
    }
}
