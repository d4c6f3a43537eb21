//! Ids for new partnerships, made from their names: lower-case ASCII
//! letters and digits joined by single hyphens, accents folded (é → e), at
//! most 64 characters, and never a name Windows keeps for devices.

use unicode_normalization::UnicodeNormalization;

use crate::store::decode::MAX_ID;

/// Names Windows reserves for devices: a file called `con.toml` cannot be
/// opened there.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Whether Windows reserves this name.
pub fn is_reserved(id: &str) -> bool {
    RESERVED.contains(&id)
}

/// The id for a name, or `None` when nothing usable is left.
pub fn from_name(name: &str) -> Option<String> {
    let mut slug = String::with_capacity(name.len());
    let mut gap = false;
    for c in name.nfkd() {
        let folded: &str = match c {
            'ß' => "ss",
            'æ' | 'Æ' => "ae",
            'œ' | 'Œ' => "oe",
            'ø' | 'Ø' => "o",
            'ł' | 'Ł' => "l",
            'đ' | 'Đ' => "d",
            'þ' | 'Þ' => "th",
            '&' => "and",
            c if c.is_ascii_alphanumeric() => {
                if gap && !slug.is_empty() {
                    slug.push('-');
                }
                gap = false;
                slug.push(c.to_ascii_lowercase());
                continue;
            }
            // Combining accents left by the decomposition: é became e + ´.
            c if unicode_normalization::char::is_combining_mark(c) => continue,
            // Apostrophes join rather than split: "King's Lynn" → kings-lynn.
            '\'' | '’' => continue,
            _ => {
                gap = true;
                continue;
            }
        };
        if gap && !slug.is_empty() {
            slug.push('-');
        }
        gap = false;
        slug.push_str(folded);
    }
    let mut slug = shorten(&slug);
    if slug.is_empty() {
        return None;
    }
    if is_reserved(&slug) {
        slug.push_str("-partnership");
    }
    Some(slug)
}

/// Cuts an id to at most [`MAX_ID`] characters, at a hyphen when one is near.
fn shorten(slug: &str) -> String {
    if slug.len() <= MAX_ID {
        return slug.to_string();
    }
    let cut = &slug[..MAX_ID];
    let cut = match cut.rfind('-') {
        Some(i) if i >= MAX_ID / 2 => &cut[..i],
        _ => cut,
    };
    cut.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_ids_from_names() {
        let cases = [
            ("Norfolk Waste Partnership", "norfolk-waste-partnership"),
            ("  Café   Société -- Dereham!! ", "cafe-societe-dereham"),
            ("King's Lynn & West Norfolk", "kings-lynn-and-west-norfolk"),
            ("Straße Øresund", "strasse-oresund"),
            ("Health 🎉 Board", "health-board"),
            ("CON", "con-partnership"),
            ("com1", "com1-partnership"),
            ("../../etc/passwd", "etc-passwd"),
            ("A/B\\C", "a-b-c"),
        ];
        for (name, id) in cases {
            assert_eq!(from_name(name).as_deref(), Some(id), "{name:?}");
            assert!(crate::store::decode::validate_id(id).is_ok());
        }
    }

    #[test]
    fn refuses_names_with_nothing_usable() {
        for name in ["", "   ", "..", "🎉🎉", "—", "中文"] {
            assert_eq!(from_name(name), None, "{name:?}");
        }
    }

    #[test]
    fn long_names_are_cut_at_a_hyphen() {
        let name = "word ".repeat(40);
        let id = from_name(&name).unwrap();
        assert!(id.len() <= 64 && !id.ends_with('-'), "{id}");
        assert!(crate::store::decode::validate_id(&id).is_ok());
        let solid = "x".repeat(200);
        assert_eq!(from_name(&solid).unwrap().len(), 64);
    }
}
