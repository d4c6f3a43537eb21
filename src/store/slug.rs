//! Ids for new partnerships, made from their names: lower-case ASCII
//! letters and digits joined by single hyphens, at most 64 characters, and
//! never a name Windows keeps for devices. Accents are folded (é → e) and
//! other scripts transliterated ("Партнёрство" → partnerstvo, "合作伙伴" →
//! he-zuo-huo-ban) with `deunicode`, so that every name made of letters
//! gets an id.

use unicode_normalization::UnicodeNormalization;

use crate::store::decode::MAX_ID;

/// Names Windows reserves for devices, with or without an extension: a
/// file called `con.toml` cannot be opened there, and Git for Windows
/// cannot check out a repository that holds one. The one list for ids
/// (`check`, `add`, `import`) and for committed paths.
pub const RESERVED: [&str; 24] = [
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt0",
    "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Whether Windows reserves this id (in any case).
pub fn is_reserved(id: &str) -> bool {
    RESERVED.iter().any(|r| r.eq_ignore_ascii_case(id))
}

/// The id for a name, or `None` when nothing usable is left (a name of
/// only symbols or emoji).
pub fn from_name(name: &str) -> Option<String> {
    let mut slug = String::with_capacity(name.len());
    let mut gap = false;
    // Composed first, so that a letter is transliterated whole ("ё", not
    // "е" and a diaeresis); a decomposed accent left over is dropped.
    for c in name.nfc() {
        let folded: &str = match c {
            '&' => "and",
            c if c.is_ascii_alphanumeric() => {
                if gap && !slug.is_empty() {
                    slug.push('-');
                }
                gap = false;
                slug.push(c.to_ascii_lowercase());
                continue;
            }
            c if unicode_normalization::char::is_combining_mark(c) => continue,
            // Apostrophes join rather than split: "King's Lynn" → kings-lynn.
            '\'' | '’' => continue,
            // Letters and digits of any script become ASCII; symbols and
            // emoji (which deunicode would spell out as words) are gaps.
            c if c.is_alphanumeric() => match deunicode::deunicode_char(c) {
                Some(ascii) => {
                    push_words(&mut slug, &mut gap, ascii);
                    continue;
                }
                None => {
                    gap = true;
                    continue;
                }
            },
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

/// Appends a transliteration ("Zhong ", "ss", "@"): its letters and digits
/// join the id, anything else separates words.
fn push_words(slug: &mut String, gap: &mut bool, ascii: &str) {
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if *gap && !slug.is_empty() {
                slug.push('-');
            }
            *gap = false;
            slug.push(c.to_ascii_lowercase());
        } else if c != '\'' {
            *gap = true;
        }
    }
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
            ("COM0", "com0-partnership"),
            ("lpt0", "lpt0-partnership"),
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
        for name in ["", "   ", "..", "🎉🎉", "—", "★ ☆", "‼"] {
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

    #[test]
    fn names_in_other_scripts_get_ids() {
        let cases = [
            ("Партнёрство", "partniorstvo"),
            ("合作伙伴", "he-zuo-huo-ban"),
            ("Συνεργασία Κρήτης", "sunergasia-kretes"),
            ("中文", "zhong-wen"),
        ];
        for (name, id) in cases {
            assert_eq!(from_name(name).as_deref(), Some(id), "{name:?}");
        }
        // Arabic and a very long Chinese name: whatever the spelling, a
        // valid id of at most 64 characters.
        for name in ["شراكة النفايات", &"合作伙伴关系".repeat(30), "Коп", "Nul", "ЛПТ1"] {
            let id = from_name(name).unwrap_or_else(|| panic!("no id for {name:?}"));
            assert!(crate::store::decode::validate_id(&id).is_ok(), "{name:?} → {id:?}");
            assert!(id.len() <= 64 && !is_reserved(&id), "{name:?} → {id:?}");
        }
    }

    #[test]
    fn the_reserved_list_has_every_device_name() {
        for n in 0..=9 {
            assert!(is_reserved(&format!("com{n}")) && is_reserved(&format!("LPT{n}")));
        }
        for id in ["con", "PRN", "aux", "nul"] {
            assert!(is_reserved(id));
        }
        assert!(!is_reserved("com10") && !is_reserved("console"));
    }
}
