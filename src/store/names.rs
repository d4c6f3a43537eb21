//! Names and ids that clash across the register's files: the same id in two
//! folders (`duplicate-id`), the same name (`duplicate-name`), names that
//! differ but look the same (`confusable-name`), and ids Windows keeps for
//! devices (`reserved-id`).
//!
//! Names are compared by a key (Part 2 of the format): NFKC, without
//! default-ignorable code points, trimmed, white space collapsed,
//! lower-cased. So a soft hyphen, a zero-width space, a full-width letter
//! or a decomposed "é" cannot make a second "Norfolk Waste Partnership".
//! Names whose keys differ but whose Unicode TR39 skeletons are equal
//! (a Cyrillic "о" for a Latin "o") are confusable — only when non-ASCII
//! is involved, so that "Modem" and "Modern" stay two names.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use unicode_normalization::UnicodeNormalization;
use unicode_security::confusable_detection::skeleton;

use super::register::{LoadedEntry, file_fault};
use super::slug;
use crate::diagnostic::{Code, Diagnostic, is_invisible, quote};

/// The comparison key of a name: two names with one key are the same name.
pub fn normalise_name(name: &str) -> String {
    // Most names are ASCII, which NFKC leaves as it is and which holds no
    // invisible character: skip both passes (a few % of `check`, on the
    // one thread the cross-file rules run on).
    if name.is_ascii() {
        return collapse(name).to_ascii_lowercase();
    }
    let visible: String = name.nfkc().filter(|&c| !is_invisible(c)).collect();
    collapse(&visible).to_lowercase()
}

/// Trims and collapses runs of white space to one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How a new name stands to one already on the register, by the very
/// rules `check` applies to two files, so that `add` and `import` never
/// write a file `check` then rejects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameClash {
    /// The same comparison key: `duplicate-name`.
    Same,
    /// Different keys, equal skeletons, not both ASCII: `confusable-name`.
    LooksSame,
}

/// Whether two comparison keys ([`normalise_name`]) clash; a blank key
/// clashes with nothing (it is reported as missing).
pub fn name_clash(new_key: &str, old_key: &str) -> Option<NameClash> {
    if new_key.is_empty() || old_key.is_empty() {
        None
    } else if new_key == old_key {
        Some(NameClash::Same)
    } else if !(new_key.is_ascii() && old_key.is_ascii()) && skeleton_of(new_key) == skeleton_of(old_key) {
        Some(NameClash::LooksSame)
    } else {
        None
    }
}

/// The TR39 skeleton of a comparison key: for comparing only, never shown.
fn skeleton_of(key: &str) -> String {
    skeleton(key).collect()
}

/// Every cross-file rule; each file of a group is told, naming the others,
/// so that checking any one of them shows the clash.
pub(super) fn cross_file_rules(entries: &mut [LoadedEntry]) {
    reserved_ids(entries);
    duplicate_ids(entries);
    let keys: Vec<Option<String>> = entries
        .iter_mut()
        .map(|e| match e.name_key.take() {
            Some(key) => Some(key),
            None => e.name().map(normalise_name),
        })
        .map(|k| k.filter(|k| !k.is_empty()))
        .collect();
    duplicate_names(entries, &keys);
    // Two names are confusable only where one of them is not ASCII (see
    // `confusable_names`): a register of ASCII names (the usual one) has
    // none, and need not have 10,000 skeletons made on this one thread.
    if keys.iter().flatten().any(|k| !k.is_ascii()) {
        confusable_names(entries, &keys);
    }
}

fn reserved_ids(entries: &mut [LoadedEntry]) {
    for e in entries.iter_mut() {
        if slug::is_reserved(&e.id) {
            let message = format!(
                "the id {} is a name Windows keeps for a device, so this file cannot be checked out on Windows",
                quote(&e.id)
            );
            let hint = format!("rename the file, e.g. {}-partnership.toml", e.id);
            e.diagnostics
                .push(file_fault(&e.file, Code::ReservedId, message, Some(&hint)));
        }
    }
}

fn duplicate_ids(entries: &mut [LoadedEntry]) {
    // Grouped by hashing: which group a file is in is all that matters (its
    // findings are sorted when printed), and comparing 10,000 long keys in
    // a tree was a part of the single-threaded tail of `check`.
    let mut ids: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        ids.entry(e.id.to_lowercase()).or_default().push(i);
    }
    for group in ids.values().filter(|g| g.len() > 1) {
        for &i in group {
            let others = others(entries, group.iter().copied().filter(|&j| j != i));
            let e = &mut entries[i];
            let message = format!("the id {} is also used by {others}", quote(&e.id));
            let hint = "ids must be unique across all folders: rename one of the files";
            e.diagnostics
                .push(file_fault(&e.file, Code::DuplicateId, message, Some(hint)));
        }
    }
}

fn duplicate_names(entries: &mut [LoadedEntry], keys: &[Option<String>]) {
    // A blank name is reported as missing already.
    let mut names: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        if let Some(key) = key {
            names.entry(key).or_default().push(i);
        }
    }
    for group in names.values().filter(|g| g.len() > 1) {
        for &i in group {
            let others = others(entries, group.iter().copied().filter(|&j| j != i));
            name_fault(
                &mut entries[i],
                Code::DuplicateName,
                |name| format!("the name {name} is also used by {others}"),
                "each partnership is on the register once: merge the files or make the names distinct",
            );
        }
    }
}

fn confusable_names(entries: &mut [LoadedEntry], keys: &[Option<String>]) {
    let mut skeletons: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, key) in keys.iter().enumerate() {
        if let Some(key) = key {
            skeletons.entry(skeleton_of(key)).or_default().push(i);
        }
    }
    for group in skeletons.values().filter(|g| g.len() > 1) {
        for &i in group {
            let mine = keys[i].as_deref().unwrap_or_default();
            // Other keys only (the same key is a duplicate), and only where
            // one side has a non-ASCII letter: ASCII look-alikes such as
            // "rn" and "m" are different words.
            let confused: BTreeSet<usize> = group
                .iter()
                .copied()
                .filter(|&j| {
                    let theirs = keys[j].as_deref().unwrap_or_default();
                    theirs != mine && !(theirs.is_ascii() && mine.is_ascii())
                })
                .collect();
            if confused.is_empty() {
                continue;
            }
            let others = others(entries, confused.iter().copied());
            name_fault(
                &mut entries[i],
                Code::ConfusableName,
                |name| {
                    format!(
                        "the name {name}{} looks the same as the name in {others}",
                        culprit(mine)
                    )
                },
                "one of the names has a letter from another alphabet that looks like a Latin one \
                 (e.g. a Cyrillic о): retype the name by hand, or merge the files if it is the same partnership",
            );
        }
    }
}

/// Points at the first letter that only looks like another one, e.g.
/// ` (its "о", U+043E, is not the letter it looks like)`; empty when the
/// name is all ASCII (the other name holds the look-alike).
pub(crate) fn culprit(key: &str) -> String {
    let found = key.chars().find(|&c| {
        let plain: String = std::iter::once(c).nfd().collect();
        !c.is_ascii() && skeleton_of(&plain) != plain
    });
    found.map_or_else(String::new, |c| {
        format!(
            " (its \"{c}\", U+{:04X}, is not the letter it looks like)",
            u32::from(c)
        )
    })
}

/// A finding at the entry's `name`.
fn name_fault(e: &mut LoadedEntry, code: Code, message: impl FnOnce(&str) -> String, hint: &str) {
    let Some((name, location)) = &e.name else { return };
    let d = Diagnostic {
        file: e.file.as_str().into(),
        location: Some(location.clone()),
        code,
        key: "name".into(),
        message: message(&quote(name)),
        hint: Some(hint.into()),
    };
    e.diagnostics.push(d);
}

/// The other files of a group, for a message: `register/a.toml and register/b.toml`.
/// Files named in one duplicate's message; the rest are counted.
const OTHERS_NAMED: usize = 5;

/// The other files of a group, for a message: `register/a.toml and
/// register/b.toml`. Past [`OTHERS_NAMED`] the rest are counted, not named:
/// 10,000 copies of one file would otherwise give 10,000 messages each
/// naming 9,999 files, memory in the square of the register's size.
fn others(entries: &[LoadedEntry], group: impl Iterator<Item = usize>) -> String {
    let all: Vec<usize> = group.collect();
    let mut files: Vec<&str> = all
        .iter()
        .take(OTHERS_NAMED)
        .map(|&j| entries[j].file.as_str())
        .collect();
    let rest = all.len() - files.len();
    let counted;
    if rest > 0 {
        counted = format!(
            "{} other {}",
            crate::diagnostic::limits::thousands(rest),
            if rest == 1 { "file" } else { "files" }
        );
        files.push(&counted);
    }
    files.join(" and ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_names_are_normalised_as_the_full_unicode_path_would() {
        for name in [
            "  Norfolk   Waste\tPartnership ",
            "NORFOLK WASTE PARTNERSHIP",
            "a\u{7}b",
            "",
            "Café",
        ] {
            let full = collapse(&name.nfkc().filter(|&c| !is_invisible(c)).collect::<String>()).to_lowercase();
            assert_eq!(normalise_name(name), full, "{name:?}");
        }
        assert_eq!(
            normalise_name("  Norfolk   Waste\tPartnership "),
            "norfolk waste partnership"
        );
    }

    #[test]
    fn names_compare_by_their_key() {
        let plain = normalise_name("Norfolk Waste Partnership");
        for twin in [
            "  norfolk   WASTE partnership ",
            "Norfolk Waste Part\u{ad}nership",
            "Norfolk Waste\u{61c} Partnership",
            "Norfolk\u{3164} Waste Partnership",
            "Norfolk Waste Partnership\u{e0041}",
            "Ｎorfolk Waste Partnership",
        ] {
            assert_eq!(normalise_name(twin), plain, "{twin:?}");
        }
        assert_eq!(normalise_name("Cafe\u{301}"), normalise_name("Caf\u{e9}"));
    }

    #[test]
    fn skeletons_catch_other_alphabets_only() {
        let latin = skeleton_of(&normalise_name("Norfolk Waste Partnership"));
        let cyrillic = skeleton_of(&normalise_name("N\u{43e}rfolk Waste Partnership"));
        assert_eq!(latin, cyrillic);
        // Equal skeletons, both ASCII: the rule above keeps them apart.
        assert_eq!(skeleton_of("modem"), skeleton_of("modern"));
    }
}
