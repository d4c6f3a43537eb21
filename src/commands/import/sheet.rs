//! Reading the sheet: a CSV or the worksheets of an Excel workbook, as
//! rows of text cells, with any warning the reader must see on every run.
//!
//! A CSV's encoding is never guessed silently: UTF-8 is read as it is; a
//! file with no UTF-8 in it at all is read as Windows-1252 (Excel's plain
//! "CSV") with a warning; a file that mixes the two is refused, naming the
//! first bad byte, because either reading would garble part of it.

use super::workbook::Worksheet;
use anyhow::{Context, bail};
use std::path::Path;

/// The largest sheet file read, CSV or workbook. A council register is a few
/// hundred rows; this leaves room for a hundred times that.
pub(super) const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A file's sheets read into text, and warnings to print before anything else.
pub(super) struct Sheet {
    pub sheets: Vec<Worksheet>,
    pub warnings: Vec<String>,
}

/// Refuses a path that is not a regular file or is over [`MAX_FILE_BYTES`].
pub(super) fn refuse_too_big(path: &Path) -> anyhow::Result<()> {
    let meta = std::fs::metadata(path).map_err(|_| anyhow::anyhow!("{} does not exist", path.display()))?;
    // Only a regular file: a FIFO would hang, a device never end.
    if !meta.is_file() {
        bail!("cannot read {}: it is not a regular file", path.display());
    }
    if meta.len() > MAX_FILE_BYTES {
        bail!(
            "cannot read {}: it is {} MB, over the {} MB limit for a sheet; split it into several files",
            path.display(),
            meta.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        );
    }
    Ok(())
}

/// Reads a CSV or spreadsheet into rows of text.
pub(super) fn read_grid(path: &Path) -> anyhow::Result<Sheet> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    refuse_too_big(path)?;
    match ext.as_str() {
        "csv" => read_csv(path),
        "xlsx" | "xlsm" => Ok(Sheet {
            sheets: super::workbook::read_sheets(path)?,
            warnings: Vec::new(),
        }),
        "xls" | "ods" => bail!(
            "cannot read {}: partreg reads workbooks only as .xlsx, whose cells it can read one at a time within limits \
             (.xls and .ods are read whole into memory, which a damaged or hostile file can exhaust); \
             open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx), or as \"CSV UTF-8\"",
            path.display()
        ),
        _ => bail!(
            "{} is not a .csv, .xlsx or .json file (.json: what `partreg list --format json` writes)",
            path.display()
        ),
    }
}

fn read_csv(path: &Path) -> anyhow::Result<Sheet> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut warnings = Vec::new();
    let text = match decode(bytes) {
        Encoding::Utf8(t) => t.to_string(),
        Encoding::Windows1252 => {
            warnings.push(format!(
                "{} is not UTF-8; it was read as Windows-1252 (Excel's plain \"CSV\"). Check accented names and £ signs in the result; \
                 to be sure, save it from Excel as \"CSV UTF-8 (Comma delimited)\" and import that",
                path.display()
            ));
            bytes.iter().map(|&b| windows_1252(b)).collect()
        }
        Encoding::Mixed { offset } => {
            let (line, column) = line_and_byte(bytes, offset);
            bail!(
                "cannot read {}: line {line}, byte {column} (byte {} of the file) is 0x{:02X}, which is not UTF-8, \
                 yet other text in the file is UTF-8, so part of it would be garbled whichever way it was read; \
                 in Excel, save it with File > Save As > \"CSV UTF-8 (Comma delimited)\" and import that file",
                path.display(),
                offset + 1,
                bytes[offset]
            )
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut grid = Vec::new();
    for record in reader.records() {
        let record = record.with_context(|| format!("{} is not valid CSV", path.display()))?;
        grid.push(record.iter().map(str::to_string).collect());
    }
    let name = path
        .file_stem()
        .map_or_else(|| "CSV".to_string(), |s| s.to_string_lossy().into_owned());
    Ok(Sheet {
        sheets: vec![Worksheet {
            name,
            grid,
            top: 0,
            left: 0,
            merges: Vec::new(),
            copied: Vec::new(),
        }],
        warnings,
    })
}

/// How the bytes of a CSV are to be read.
#[derive(Debug, PartialEq)]
enum Encoding<'a> {
    Utf8(&'a str),
    /// Not UTF-8 anywhere: every byte above 0x7F stands alone.
    Windows1252,
    /// Some UTF-8 and some bytes that are not; `offset` is the first bad byte.
    Mixed {
        offset: usize,
    },
}

fn decode(bytes: &[u8]) -> Encoding<'_> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Encoding::Utf8(text);
    }
    let mut first_bad = None;
    let mut any_utf8 = false;
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        // A valid multi-byte character shows the file was written as UTF-8.
        any_utf8 |= !chunk.valid().is_ascii();
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            first_bad.get_or_insert(at);
        }
        at += chunk.invalid().len();
    }
    match first_bad {
        Some(offset) if any_utf8 => Encoding::Mixed { offset },
        _ => Encoding::Windows1252,
    }
}

/// The 1-based line and byte-in-line of a byte offset.
fn line_and_byte(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    (line, offset - start + 1)
}

/// A Windows-1252 byte as a character. It is Latin-1 but for 0x80–0x9F,
/// where Windows keeps curly quotes, dashes and the euro sign.
pub(super) fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_the_encodings_apart() {
        assert_eq!(decode("Café".as_bytes()), Encoding::Utf8("Café"));
        assert_eq!(decode(b"Caf\xE9 \xA31,500"), Encoding::Windows1252);
        assert_eq!(decode(b"Caf\xC3\xA9\nx\xFF"), Encoding::Mixed { offset: 7 });
        assert_eq!(line_and_byte(b"Caf\xC3\xA9\nx\xFF", 7), (2, 2));
    }
}
