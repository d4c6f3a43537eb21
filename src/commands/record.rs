//! Recording into a register file, shared by `review --record` and
//! `concern`: append a table after every existing byte, change one
//! `[[table]]` item in place with `toml_edit`, and check the result before
//! it is written through the store's one locked writer.

use anyhow::{Context, bail};
use toml_edit::{DocumentMut, Item, Table};

use crate::diagnostic::Severity;
use crate::policy::rules::RuleContext;
use crate::store::register;

/// Appends a `[[name]]` table with these lines (each ending in `\n`) after
/// everything already in the file, so no byte of it changes; keeps the
/// file's line endings.
pub fn append_table(text: &str, name: &str, lines: &str) -> String {
    let mut out = text.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    let mut table = format!("\n[[{name}]]\n{lines}");
    if text.contains("\r\n") {
        table = table.replace('\n', "\r\n");
    }
    out.push_str(&table);
    out
}

/// Changes the `index`-th `[[name]]` table with `edit`, keeping the byte
/// order mark, the line endings and everything `edit` does not touch.
pub fn edit_item(
    text: &str,
    name: &str,
    index: usize,
    edit: impl FnOnce(&mut Table) -> anyhow::Result<()>,
) -> anyhow::Result<String> {
    let (bom, body) = text
        .strip_prefix('\u{FEFF}')
        .map_or(("", text), |rest| ("\u{FEFF}", rest));
    let mut doc: DocumentMut = body.parse().context("the file is not valid TOML")?;
    let Some(table) = doc
        .get_mut(name)
        .and_then(Item::as_array_of_tables_mut)
        .and_then(|all| all.get_mut(index))
    else {
        bail!(
            "the {name} in this file are not written as [[{name}]] tables, so partreg cannot change them; edit the file by hand"
        );
    };
    edit(table)?;
    let mut out = doc.to_string();
    if body.contains("\r\n") {
        // Lines partreg added end in \n; match the file's own endings.
        out = out.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    Ok(format!("{bom}{out}"))
}

/// Sets a value, keeping the spacing and comment around the old one.
pub fn set(table: &mut Table, key: &str, new: toml_edit::Value) {
    match table.get_mut(key) {
        Some(Item::Value(old)) => {
            let decor = old.decor().clone();
            *old = new;
            *old.decor_mut() = decor;
        }
        _ => {
            table.insert(key, Item::Value(new));
        }
    }
}

/// Text as a TOML string, quoted and escaped.
pub fn text(s: &str) -> String {
    crate::store::entry_file::value(&toml::Value::String(s.to_string()))
}

/// Checks the changed file, or says why it would not be written (`what`
/// names the change: "the review"). The write itself is the store's one
/// locked writer, [`crate::store::change::change_file`], which calls this
/// from inside its lock.
pub fn ensure_clean(
    path: &std::path::Path,
    file: &str,
    changed: &str,
    cx: &RuleContext<'_>,
    what: &str,
) -> anyhow::Result<()> {
    let checked = register::check_bytes(path, file.to_string(), changed.as_bytes(), cx);
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .map(register::one_line)
        .collect();
    if !errors.is_empty() {
        bail!(
            "{what} would leave {file} with errors, so it was not written:\n{}",
            errors.join("\n")
        );
    }
    Ok(())
}

/// The entry in `text`, the file as read under its lock, so that a change
/// builds on what is there now; refused while the file has errors.
pub fn entry_as_read(
    path: &std::path::Path,
    file: &str,
    text: &str,
    cx: &RuleContext<'_>,
) -> anyhow::Result<Box<crate::model::Entry>> {
    let now = register::check_bytes(path, file.to_string(), text.as_bytes(), cx);
    match now.entry {
        Some(entry) => Ok(entry),
        None => bail!("{file} has errors; fix them first (`partreg check {file}` shows them)"),
    }
}
