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

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.py");
        fs::write(&path, "x = 1 is 1000\n").expect("write");
        // Someone edits the file after pitfix read it.
        fs::write(&path, "x = 2\n").expect("edit");
        let err = write_atomically(&path, b"x = 1 is 1000\n", b"x = 1 == 1000\n").expect_err("refused");
        assert!(err.to_string().contains("changed on disk"), "{err}");
        assert_eq!(fs::read(&path).expect("read"), b"x = 2\n");
        assert_eq!(fs::read_dir(dir.path()).expect("list").count(), 1, "no temporary file left");
    }

    #[test]
    fn writes_keep_permissions() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.py");
        fs::write(&path, "old\n").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomically(&path, b"old\n", b"new\n").expect("written");
        assert_eq!(fs::read(&path).expect("read"), b"new\n");
        assert_eq!(fs::metadata(&path).expect("stat").permissions().mode() & 0o777, 0o640);
    }
}
