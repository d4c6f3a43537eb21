//! Changing ratings in a register file without disturbing anything else:
//! comments, key order, blank lines and every untouched byte stay as the
//! officer wrote them (`toml_edit`, never a rewrite through serde).

use anyhow::{Context, bail};
use toml_edit::{DocumentMut, Item, Table};

use crate::diagnostic::hint::did_you_mean;
use crate::model::{Choice, Level, RISK_KEYS, VALUE_KEYS};
use crate::policy::assessment::Side;

/// What a `--set` changes.
#[derive(Clone, Debug, PartialEq)]
pub enum NewValue {
    Level(Level),
    Text(String),
    /// Take the key out of the file (a rationale that no longer applies).
    Remove,
}

/// One change to a rating: `risk.reputation = high`.
#[derive(Clone, Debug, PartialEq)]
pub struct RatingEdit {
    pub side: Side,
    pub key: String,
    pub value: NewValue,
}

impl RatingEdit {
    /// Reads `risk.reputation=high`, `value.overall=medium` or
    /// `risk.rationale=TEXT`. Levels may be written in any case.
    pub fn parse(arg: &str) -> Result<RatingEdit, String> {
        let Some((path, raw)) = arg.split_once('=') else {
            return Err(format!("{arg:?} should be KEY=VALUE, e.g. risk.reputation=high"));
        };
        let path = path.trim();
        let (side, key) = match path.split_once('.') {
            Some(("risk", key)) => (Side::Risk, key),
            Some(("value", key)) => (Side::Value, key),
            _ => {
                return Err(format!(
                    "{path:?} should start with risk. or value., e.g. risk.reputation"
                ));
            }
        };
        let criteria: &[&str] = if side == Side::Risk { &RISK_KEYS } else { &VALUE_KEYS };
        if side == Side::Risk && key == "resource" {
            return Err(
                "the resource criterion cannot be set: it is always worked out from budget_contribution_gbp".into(),
            );
        }
        if key == "rationale" {
            let text = raw.trim();
            if text.is_empty() {
                return Err("a rationale cannot be empty".into());
            }
            return Ok(RatingEdit {
                side,
                key: key.into(),
                value: NewValue::Text(text.into()),
            });
        }
        if key != "overall" && !criteria.contains(&key) {
            let mut names: Vec<&str> = criteria.to_vec();
            names.extend(["overall", "rationale"]);
            let hint = did_you_mean(key, names.iter().copied())
                .map(|k| format!("did you mean {}.{k}?", side.as_str()))
                .unwrap_or_else(|| format!("the keys are: {}", names.join(", ")));
            return Err(format!("{path:?} is not a {} criterion; {hint}", side.as_str()));
        }
        let level = crate::model::lenient::level(raw)
            .map_err(|_| format!("{:?} is not a level for {path}: use high, medium or low", raw.trim()))?;
        Ok(RatingEdit {
            side,
            key: key.into(),
            value: NewValue::Level(level),
        })
    }
}

/// Applies the edits to a file's text and returns the new text. Only the
/// edited values change; a missing `[risk]` or `[value]` table is added at
/// the end of the file.
pub fn apply(text: &str, edits: &[RatingEdit]) -> anyhow::Result<String> {
    let (bom, body) = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => ("\u{FEFF}", rest),
        None => ("", text),
    };
    let mut doc: DocumentMut = body
        .parse()
        .context("the file is not valid TOML; fix it first (`partreg check` shows how)")?;
    for edit in edits {
        let side = edit.side.as_str();
        if doc.get(side).is_none() {
            let mut table = Table::new();
            table.decor_mut().set_prefix("\n");
            doc.insert(side, Item::Table(table));
        }
        let Some(table) = doc.get_mut(side).and_then(Item::as_table_like_mut) else {
            bail!("`{side}` in the file is not a table; fix it first (`partreg check` shows how)");
        };
        let new = match &edit.value {
            NewValue::Level(level) => toml_edit::Value::from(level.as_str()),
            NewValue::Text(text) => toml_edit::Value::from(text.as_str()),
            NewValue::Remove => {
                table.remove(&edit.key);
                continue;
            }
        };
        match table.get_mut(&edit.key) {
            Some(Item::Value(old)) => {
                // Keep the spacing and any comment after the old value.
                let decor = old.decor().clone();
                *old = new;
                *old.decor_mut() = decor;
            }
            Some(other) => *other = Item::Value(new),
            None => {
                table.insert(&edit.key, Item::Value(new));
            }
        }
    }
    let mut out = doc.to_string();
    if body.contains("\r\n") {
        // Lines partreg added end in \n; match the file's own endings.
        out = out.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    Ok(format!("{bom}{out}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_set_arguments() {
        let e = RatingEdit::parse("risk.reputation=High").unwrap();
        assert_eq!(
            (e.side, e.key.as_str(), e.value),
            (Side::Risk, "reputation", NewValue::Level(Level::High))
        );
        let e = RatingEdit::parse("value.rationale=Judged by CMT = fine").unwrap();
        assert_eq!(e.value, NewValue::Text("Judged by CMT = fine".into()));
        assert!(
            RatingEdit::parse("risk.resource=high")
                .unwrap_err()
                .contains("budget_contribution_gbp")
        );
        assert!(
            RatingEdit::parse("risk.reputaton=high")
                .unwrap_err()
                .contains("did you mean risk.reputation?")
        );
        assert!(
            RatingEdit::parse("risk.reputation=very")
                .unwrap_err()
                .contains("high, medium or low")
        );
        assert!(RatingEdit::parse("reputation=high").is_err());
        assert!(RatingEdit::parse("risk.reputation").is_err());
        assert!(RatingEdit::parse("value.cost_reduction=low").is_ok());
        assert!(RatingEdit::parse("value.failure_impact=low").is_err());
    }

    #[test]
    fn edits_keep_everything_else() {
        let text = "# head\nname = \"x\"  # the name\n\n[risk]\n# why\nreputation = \"low\"   # was low\n\n[value]\noverall = \"low\"\n";
        let edits = [
            RatingEdit::parse("risk.reputation=high").unwrap(),
            RatingEdit::parse("risk.overall=medium").unwrap(),
        ];
        let out = apply(text, &edits).unwrap();
        assert_eq!(
            out,
            "# head\nname = \"x\"  # the name\n\n[risk]\n# why\nreputation = \"high\"   # was low\noverall = \"medium\"\n\n[value]\noverall = \"low\"\n"
        );
    }

    #[test]
    fn adds_a_missing_table_and_keeps_crlf_and_bom() {
        let text = "\u{FEFF}name = \"x\"\r\n";
        let out = apply(text, &[RatingEdit::parse("value.overall=low").unwrap()]).unwrap();
        assert_eq!(out, "\u{FEFF}name = \"x\"\r\n\r\n[value]\r\noverall = \"low\"\r\n");
    }
}
