//! CSV output that is safe to open in Excel. Every CSV partreg writes goes
//! through [`CsvOut`]: text cells that a spreadsheet would run as a formula
//! (starting `=`, `+`, `-`, `@`, a tab or a line break) get a leading `'`,
//! numbers are written as plain numbers, quoting follows RFC 4180.

use std::io::Write;

/// Builds one CSV document row by row.
pub struct CsvOut<W: Write> {
    writer: csv::Writer<W>,
    row: Vec<String>,
}

/// The UTF-8 byte-order mark: without it Excel reads £ and accents wrongly.
pub const BOM: &str = "\u{FEFF}";

impl<W: Write> CsvOut<W> {
    /// A CSV document, starting with a byte-order mark when `bom` is set.
    pub fn new(mut out: W, bom: bool) -> std::io::Result<Self> {
        if bom {
            out.write_all(BOM.as_bytes())?;
        }
        Ok(CsvOut {
            writer: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(out),
            row: Vec::new(),
        })
    }

    /// A free-text cell, neutralised if Excel would treat it as a formula.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.row.push(neutralise(text));
        self
    }

    /// An optional text cell: empty when absent.
    pub fn opt(&mut self, text: Option<&str>) -> &mut Self {
        self.text(text.unwrap_or(""))
    }

    /// A number cell, written as it is (a negative number is still a number).
    pub fn number(&mut self, n: impl std::fmt::Display) -> &mut Self {
        self.row.push(n.to_string());
        self
    }

    /// Ends the row.
    pub fn end(&mut self) -> csv::Result<()> {
        self.writer.write_record(&self.row)?;
        self.row.clear();
        Ok(())
    }

    /// A whole row of text cells.
    pub fn header(&mut self, cells: &[&str]) -> csv::Result<()> {
        for c in cells {
            self.text(c);
        }
        self.end()
    }

    pub fn finish(mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

/// Prefixes `'` to text a spreadsheet would otherwise run as a formula.
pub fn neutralise(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n') => format!("'{text}"),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_first_characters_are_neutralised() {
        for bad in ["=1+1", "+44", "-2", "@SUM(A1)", "\tx", "\rx", "\nx"] {
            assert_eq!(neutralise(bad), format!("'{bad}"));
        }
        assert_eq!(neutralise("Norfolk"), "Norfolk");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn numbers_stay_numbers_and_quoting_follows_rfc_4180() {
        let mut buf = Vec::new();
        let mut out = CsvOut::new(&mut buf, false).unwrap();
        out.text("a, \"b\"").number(-5).number(2.5).end().unwrap();
        out.finish().unwrap();
        assert_eq!(String::from_utf8(buf).unwrap(), "\"a, \"\"b\"\"\",-5,2.5\r\n");
        let mut buf = Vec::new();
        let mut out = CsvOut::new(&mut buf, true).unwrap();
        out.text("£, here").end().unwrap();
        out.finish().unwrap();
        assert_eq!(String::from_utf8(buf).unwrap(), "\u{FEFF}\"£, here\"\r\n");
    }
}
