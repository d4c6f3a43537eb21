//! "Did you mean …?" suggestions for misspelt keys and values.

/// The candidate closest to `typed`, if it is close enough to be a likely
/// typo: within a third of the word's length in edits (at least one), or
/// equal ignoring case and separators.
pub fn did_you_mean<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if typed.len() > 64 {
        return None; // nobody mistypes a key that long
    }
    let folded = fold(typed);
    let limit = (typed.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| {
            let distance = if fold(c) == folded {
                0
            } else {
                edit_distance(&folded, &fold(c))
            };
            (distance, c)
        })
        .filter(|&(d, _)| d <= limit)
        .min()
        .map(|(_, c)| c)
}

/// Lower case with `-`, `_` and spaces removed, so `Lead Partner` meets `lead_partner`.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Edit distance counting an insertion, deletion, substitution or swap of
/// two neighbouring characters as one edit (optimal string alignment, by
/// characters not bytes), so `nmae` is one slip away from `name`. strsim's
/// `osa_distance` is that measure, tested by its authors, and already built
/// for clap's own suggestions.
fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys() {
        let keys = ["lead_partner", "partners", "name"];
        assert_eq!(did_you_mean("lead_parter", keys), Some("lead_partner"));
        assert_eq!(did_you_mean("Lead Partner", keys), Some("lead_partner"));
        assert_eq!(did_you_mean("nmae", keys), Some("name"));
        assert_eq!(did_you_mean("budget", keys), None);
    }

    #[test]
    fn measures_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("monthy", "monthly"), 1);
        assert_eq!(edit_distance("nmae", "name"), 1);
        // Characters, not bytes: one accent is one edit.
        assert_eq!(edit_distance("café", "cafe"), 1);
    }
}
