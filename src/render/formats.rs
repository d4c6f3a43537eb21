//! The versioned JSON outputs (`--format json` of `check`, `assess`,
//! `review`, `list` and `show`): each is one JSON object whose first member
//! is `"format_version": 1`, described by a JSON Schema in
//! `schemas/output/` that `partreg schema --for NAME` prints.
//!
//! The promise (`docs/formats.md`): within a format version, members are
//! only added; ids and stable tokens (statuses, levels, recommendation
//! codes, diagnostic codes) keep their spelling, and human labels are added
//! beside them rather than replacing them. A change that breaks that is a
//! new version.

use std::io::{self, Write};

use serde::Serialize;

/// The version every JSON output carries.
pub const FORMAT_VERSION: u32 = 1;

/// Every JSON output's schema, by the name `schema --for` takes. A new
/// output is one line here and its file in `schemas/output/`.
pub const OUTPUT_SCHEMAS: &[(&str, &str)] = &[
    (
        "appointments",
        include_str!("../../schemas/output/appointments.schema.json"),
    ),
    (
        "appointments-by-person",
        include_str!("../../schemas/output/appointments-by-person.schema.json"),
    ),
    ("assess", include_str!("../../schemas/output/assess.schema.json")),
    (
        "assess-matrix",
        include_str!("../../schemas/output/assess-matrix.schema.json"),
    ),
    ("check", include_str!("../../schemas/output/check.schema.json")),
    ("import", include_str!("../../schemas/output/import.schema.json")),
    ("list", include_str!("../../schemas/output/list.schema.json")),
    ("programme", include_str!("../../schemas/output/programme.schema.json")),
    ("review", include_str!("../../schemas/output/review.schema.json")),
    ("show", include_str!("../../schemas/output/show.schema.json")),
];

/// The names `schema --for` accepts, for clap and completion.
pub fn names() -> Vec<&'static str> {
    OUTPUT_SCHEMAS.iter().map(|(name, _)| *name).collect()
}

/// The schema of the output called `name`.
pub fn schema(name: &str) -> Option<&'static str> {
    OUTPUT_SCHEMAS.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// A document with its format version in front.
#[derive(Serialize)]
struct Versioned<'a, T: Serialize> {
    format_version: u32,
    #[serde(flatten)]
    doc: &'a T,
}

/// Writes `doc` (which serialises as an object) as the one JSON object of
/// an output, `format_version` first, and a final line break.
pub fn write_json<T: Serialize>(doc: &T, mut w: impl Write) -> io::Result<()> {
    let versioned = Versioned {
        format_version: FORMAT_VERSION,
        doc,
    };
    serde_json::to_writer_pretty(&mut w, &versioned)?;
    writeln!(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_is_json_naming_its_version() {
        for (name, text) in OUTPUT_SCHEMAS {
            let schema: serde_json::Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                schema["properties"]["format_version"]["const"], FORMAT_VERSION,
                "{name}"
            );
            assert!(
                schema["required"]
                    .as_array()
                    .is_some_and(|r| r.contains(&"format_version".into())),
                "{name}"
            );
        }
        let mut sorted = names();
        sorted.sort_unstable();
        assert_eq!(sorted, names(), "kept in order, so listings are sorted");
    }

    #[test]
    fn the_version_comes_first() {
        #[derive(Serialize)]
        struct Doc {
            items: Vec<u8>,
        }
        let mut out = Vec::new();
        write_json(&Doc { items: vec![1] }, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("{\n  \"format_version\": 1,\n  \"items\""), "{text}");
    }
}
