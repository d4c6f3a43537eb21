//! The JSON Schema of one register entry, generated from the types in
//! [`crate::model`] so that it can never drift from what `check` accepts.
//! `schemas/partnership.schema.json` is this output, committed; a test fails
//! when the two differ.

use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::model::Entry;

/// The schema as pretty-printed JSON, ending in a newline.
pub fn entry_schema() -> String {
    let schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<Entry>();
    let mut value = schema.to_value();
    drop_null(&mut value);
    // Put the schema's own description first, where a reader looks.
    if let Value::Object(map) = &mut value {
        let mut ordered = serde_json::Map::new();
        for key in ["$schema", "title", "description"] {
            if let Some(v) = map.remove(key) {
                ordered.insert(key.into(), v);
            }
        }
        ordered.append(map);
        *map = ordered;
    }
    // Serialising a `serde_json::Value` cannot fail.
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// TOML has no null, so an optional key is left out rather than set to null:
/// remove the `null` alternatives schemars adds for `Option` fields.
fn drop_null(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(options)) = map.get_mut("anyOf") {
                options.retain(|o| o.get("type").is_none_or(|t| t != "null"));
                if options.len() == 1 {
                    let only = options.remove(0);
                    map.remove("anyOf");
                    // In draft-07 a `$ref` hides its siblings (the
                    // description), so keep the reference inside `allOf`.
                    if only.get("$ref").is_some() {
                        map.insert("allOf".into(), Value::Array(vec![only]));
                    } else if let Value::Object(inner) = only {
                        for (k, v) in inner {
                            map.entry(k).or_insert(v);
                        }
                    }
                }
            }
            map.values_mut().for_each(drop_null);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null),
        _ => {}
    }
}
