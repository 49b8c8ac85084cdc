//! Writing a fixed file: all or nothing, and never over a change made since the file was read.
use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// Replaces `path`'s contents with `new` through a temporary file in the same directory and a
/// rename, keeping the file's permissions. Refuses when the file no longer holds `expected`.
pub(crate) fn write_atomically(path: &Path, expected: &[u8], new: &[u8]) -> Result<()> {
    let metadata = fs::metadata(path).context("cannot read its metadata")?;
    if metadata.permissions().readonly() {
        bail!("the file is read-only; not written");
    }
    if fs::read(path).context("cannot read it again before writing")? != expected {
        bail!("the file changed on disk while pitfix ran; not written");
    }
    // Follow a symlink so that the link stays a link and its target gets the new text.
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".pitfix-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .context("cannot create a temporary file beside it")?;
    temp.write_all(new).context("cannot write the temporary file")?;
    temp.as_file().sync_all().context("cannot flush the temporary file")?;
    fs::set_permissions(temp.path(), metadata.permissions()).context("cannot copy its permissions")?;
    temp.persist(&target).context("cannot rename the temporary file over it")?;
    Ok(())
}
