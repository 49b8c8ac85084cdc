//! Reading a file to process: only a regular file, and only up to the size limit
//! (`max-file-size`), so that a FIFO or a device named on the command line cannot hang the run or
//! fill memory, and a huge file cannot reach the parser (which counts offsets in 32 bits).
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::workspace::write::Stamp;

/// The default of `max-file-size`: far above any hand-written module.
pub(crate) const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// The largest limit accepted: the parser's offsets are 32-bit.
pub(crate) const MAX_LIMIT: u64 = u32::MAX as u64;

/// Why a file was not read.
#[derive(Debug)]
pub(crate) enum ReadError {
    Io(io::Error),
    NotRegular(&'static str),
    TooLarge { limit: u64 },
    /// The path is a symbolic link, which is not followed (one named on the command line was
    /// resolved to its target at the start).
    Symlink,
    /// The file changed while it was read.
    Changed,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot read: {e}"),
            ReadError::Symlink => write!(f, "cannot read: it is a symbolic link; not followed"),
            ReadError::Changed => write!(f, "cannot read: the file changed while pitfix read it"),
            ReadError::NotRegular(kind) => write!(f, "skipped, not a regular file ({kind})"),
            ReadError::TooLarge { limit } => {
                write!(f, "skipped, larger than the limit of {} (`max-file-size`)", format_size(*limit))
            }
        }
    }
}

/// Reads the regular file at `path`, at most `limit` bytes, with the stamp of what was read (the
/// write compares it before replacing the file). A symlink is not followed. The checks are made
/// on the opened file (`fstat`), so a FIFO swapped in after a look at the path is still refused;
/// the file is opened without blocking, so opening a FIFO returns at once.
pub(crate) fn read_regular(path: &Path, limit: u64) -> Result<(Vec<u8>, Stamp), ReadError> {
    let file = open_no_follow(path).map_err(|e| match e.raw_os_error() {
        #[cfg(unix)]
        Some(libc::ELOOP) => ReadError::Symlink,
        _ => ReadError::Io(e),
    })?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular(kind(&metadata.file_type())));
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    // Sized to the file up front: growing a buffer by doubling copies a large file several times.
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).map_or(0, |len| len.saturating_add(1)));
    read_bounded_into(&file, limit, &mut bytes).map_err(|e| match e {
        BoundedError::Io(e) => ReadError::Io(e),
        BoundedError::TooLarge => ReadError::TooLarge { limit },
    })?;
    // The stamp after reading: a write that raced with the read changes size or time.
    let after = Stamp::of(&file.metadata().map_err(ReadError::Io)?);
    if after != Stamp::of(&metadata) || after.size() != bytes.len() as u64 {
        return Err(ReadError::Changed);
    }
    Ok((bytes, after))
}

#[derive(Debug)]
pub(crate) enum BoundedError {
    Io(io::Error),
    TooLarge,
}

/// Reads at most `limit` bytes, taking one more to tell a file that grew past the limit (or a
/// stream longer than it) from one that fits.
pub(crate) fn read_bounded(reader: impl Read, limit: u64) -> Result<Vec<u8>, BoundedError> {
    let mut bytes = Vec::new();
    read_bounded_into(reader, limit, &mut bytes)?;
    Ok(bytes)
}

/// [`read_bounded`] into a buffer the caller sized.
fn read_bounded_into(reader: impl Read, limit: u64, bytes: &mut Vec<u8>) -> Result<(), BoundedError> {
    reader.take(limit.saturating_add(1)).read_to_end(bytes).map_err(BoundedError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(BoundedError::TooLarge);
    }
    Ok(())
}

/// Opens `path` for reading without following a symlink in its last component (`ELOOP` then),
/// and without waiting: the one way pitfix opens a file it reads or replaces.
#[cfg(unix)]
pub(crate) fn open_no_follow(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. On a regular
    // file the flag changes nothing.
    std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW | libc::O_NOCTTY).open(path)
}

#[cfg(not(unix))]
pub(crate) fn open_no_follow(path: &Path) -> io::Result<File> {
    File::open(path)
}

fn kind(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() { "a directory" } else { "a special file" }
}

/// A size as the limit is usually written: `64 MiB`, `100 KiB`, else bytes.
pub(crate) fn format_size(bytes: u64) -> String {
    for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] {
        if bytes >= size && bytes.is_multiple_of(size) {
            return format!("{} {unit}", bytes / size);
        }
    }
    format!("{bytes} bytes")
}

/// Parses a size: a number of bytes, or a number with `K`/`KiB`, `M`/`MiB`, `G`/`GiB` (powers of
/// 1024; `KB`, `MB`, `GB` are read the same way), at most `MAX_LIMIT`.
pub(crate) fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let number: u64 = number.parse().map_err(|_| format!("`{text}` is not a size such as 64MiB or 1000000"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("`{text}` is not a size such as 64MiB or 1000000")),
    };
    match number.checked_mul(factor) {
        Some(size) if size <= MAX_LIMIT => Ok(size),
        _ => Err(format!("`{text}` is above the largest file pitfix can parse (4 GiB - 1 byte)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("100 k"), Ok(100 << 10));
        assert_eq!(parse_size("123"), Ok(123));
        assert!(parse_size("4GiB").is_err());
        assert!(parse_size("ten").is_err());
        assert_eq!(format_size(DEFAULT_MAX_FILE_SIZE), "64 MiB");
        assert_eq!(format_size(1000), "1000 bytes");
    }

    #[test]
    fn bounded_reads_stop_one_byte_past_the_limit() {
        assert_eq!(read_bounded(&b"abc"[..], 3).unwrap(), b"abc");
        assert!(matches!(read_bounded(io::repeat(b'x'), 10), Err(BoundedError::TooLarge)));
    }
}
