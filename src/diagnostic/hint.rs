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
/// two neighbouring characters as one edit (optimal string alignment), so
/// `nmae` is one slip away from `name`.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
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
    }
}
