//! How big a workbook is once unpacked, checked before calamine opens it.
//!
//! An `.xlsx` file is a zip archive of XML parts, and calamine reads some
//! parts whole when it opens the workbook (the shared strings, where every
//! piece of text lives). Text compresses very well: a 1.5 MB file can hold a
//! 1.5 GB shared-strings part, which made `import` grow past 4 GB and run for
//! minutes. So every part is unpacked once into nothing, counting bytes, and a
//! workbook that unpacks past [`MAX_UNPACKED_BYTES`] is refused before it is
//! read. The sizes the archive declares are checked first (cheap), but they
//! are only the archive's word, so the real sizes are counted too.

use anyhow::anyhow;
use std::io::{BufReader, Read as _};
use std::path::Path;

/// The most a workbook may unpack to, all parts together. A council's
/// register unpacks to a few hundred KB; a workbook of the 64 MB largest file
/// partreg reads, of ordinary cells, to a few hundred MB at most.
pub(super) const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;

/// Refuses a workbook that unpacks to more than [`MAX_UNPACKED_BYTES`].
pub(super) fn refuse_too_big_unpacked(path: &Path) -> anyhow::Result<()> {
    check_unpacked(path, MAX_UNPACKED_BYTES)
}

fn check_unpacked(path: &Path, limit: u64) -> anyhow::Result<()> {
    let unreadable = |e: &dyn std::fmt::Display| {
        anyhow!(
            "cannot read {}: it is not a workbook partreg can open ({e}); open it in Excel and save it again \
             as an Excel Workbook (.xlsx), or save the sheet as \"CSV UTF-8\" and import that",
            path.display()
        )
    };
    let too_big = || {
        anyhow!(
            "cannot read {}: it unpacks to more than {} MB (a council's register unpacks to well under 1 MB), \
             so it is damaged or not a register; open it in Excel and save only the register's sheet \
             as a new workbook, or as \"CSV UTF-8\", and import that",
            path.display(),
            limit / (1024 * 1024)
        )
    };
    let file = std::fs::File::open(path).map_err(|e| anyhow!("cannot read {}: {e}", path.display()))?;
    let mut archive = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| unreadable(&e))?;
    if declared_size(&mut archive).map_err(|e| unreadable(&e))? > limit
        || unpacked_size(&mut archive, limit).map_err(|e| unreadable(&e))? > limit
    {
        return Err(too_big());
    }
    Ok(())
}

type Archive = zip::ZipArchive<BufReader<std::fs::File>>;

/// What the archive says its parts unpack to, all together.
fn declared_size(archive: &mut Archive) -> zip::result::ZipResult<u64> {
    let mut declared: u64 = 0;
    for i in 0..archive.len() {
        declared = declared.saturating_add(archive.by_index_raw(i)?.size());
    }
    Ok(declared)
}

/// What the parts really unpack to, counted up to one byte past `limit`.
fn unpacked_size(archive: &mut Archive, limit: u64) -> std::io::Result<u64> {
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let part = archive.by_index(i)?;
        // One byte past what is left is enough to know the limit is passed.
        let allowance = limit - total + 1;
        total += std::io::copy(&mut part.take(allowance), &mut std::io::sink())?;
        if total > limit {
            break;
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    fn archive(parts: &[(&str, usize)]) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        let mut zip = zip::ZipWriter::new(file.reopen().unwrap());
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, size) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(&vec![b'A'; *size]).unwrap();
        }
        zip.finish().unwrap();
        file
    }

    #[test]
    fn a_workbook_within_the_limit_passes() {
        let file = archive(&[("xl/sharedStrings.xml", 1000), ("xl/worksheets/sheet1.xml", 1000)]);
        check_unpacked(file.path(), 4096).unwrap();
    }

    #[test]
    fn parts_that_together_pass_the_limit_are_refused() {
        let file = archive(&[("xl/sharedStrings.xml", 3000), ("xl/worksheets/sheet1.xml", 3000)]);
        let message = check_unpacked(file.path(), 4096).unwrap_err().to_string();
        assert!(message.contains("unpacks to more than"), "{message}");
    }

    #[test]
    fn the_real_sizes_are_counted_not_only_the_declared_ones() {
        let file = archive(&[("xl/sharedStrings.xml", 3000), ("xl/worksheets/sheet1.xml", 3000)]);
        let mut zip = zip::ZipArchive::new(BufReader::new(file.reopen().unwrap())).unwrap();
        assert_eq!(declared_size(&mut zip).unwrap(), 6000);
        // Counting stops one byte past the limit rather than unpacking the rest.
        assert_eq!(unpacked_size(&mut zip, 4096).unwrap(), 4097);
        assert_eq!(unpacked_size(&mut zip, 10_000).unwrap(), 6000);
    }

    #[test]
    fn a_file_that_is_not_a_zip_archive_is_refused_in_plain_words() {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(b"Partnership Name,Lead Partner\n").unwrap();
        let message = check_unpacked(file.path(), 4096).unwrap_err().to_string();
        assert!(message.contains("save it again"), "{message}");
    }
}
