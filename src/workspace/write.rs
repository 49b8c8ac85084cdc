//! Reading and writing a file that is fixed: all or nothing, never through a symlink, and never
//! over a change made since the file was read.
//!
//! The file is opened without following a symlink (`O_NOFOLLOW`) both when it is read and when
//! it is written, and what was read is remembered by its identity (device, inode, size,
//! modification time). The fixed text goes into a temporary file beside it, which gets the
//! file's owner, group and mode; the last step before the rename compares the identity of what
//! the path holds now with what was read, and refuses when they differ. What remains is the
//! short window between that comparison and the rename: an edit made in it is lost.
use std::fs::{self, File, Metadata};
use std::io::{Read, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use anyhow::{Context, Result, bail};

/// What identifies the file that was read: when any of it changed, the file is not written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: i64,
    mtime_nsec: i64,
}

impl Stamp {
    pub(crate) fn size(&self) -> u64 {
        self.size
    }

    pub(crate) fn of(metadata: &Metadata) -> Self {
        Stamp {
            dev: metadata.dev(),
            ino: metadata.ino(),
            size: metadata.size(),
            mtime: metadata.mtime(),
            mtime_nsec: metadata.mtime_nsec(),
        }
    }
}

/// How a write may go.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WriteOptions {
    /// `--break-hardlinks`: a file with several hard links gets a new inode (the other names
    /// keep the old text) instead of being refused.
    pub(crate) break_hardlinks: bool,
}

/// Opens `path` for reading without following a symlink in its last component.
fn open_no_follow(path: &Path) -> Result<File> {
    crate::workspace::read::open_no_follow(path).map_err(|e| match e.raw_os_error() {
        Some(libc::ELOOP) => anyhow::anyhow!("it is a symbolic link; not followed"),
        _ => anyhow::Error::new(e),
    })
}

/// Replaces `path`'s contents with `new` through a temporary file in the same directory and a
/// rename, keeping the file's owner, group and mode. Refuses when the path is a symlink, when it
/// no longer holds the file that was read (`stamp`, `expected`), and when the file has several
/// hard links (unless `options.break_hardlinks`).
pub(crate) fn write_atomically(path: &Path, expected: &[u8], stamp: Stamp, new: &[u8], options: WriteOptions) -> Result<()> {
    let mut file = open_no_follow(path)?;
    let metadata = file.metadata().context("cannot read its metadata")?;
    if !metadata.file_type().is_file() {
        bail!("not a regular file; not written");
    }
    if Stamp::of(&metadata) != stamp {
        bail!("the file changed on disk while pitfix ran; not written");
    }
    let mut current = Vec::new();
    file.read_to_end(&mut current).context("cannot read it again before writing")?;
    if current != expected {
        bail!("the file changed on disk while pitfix ran; not written");
    }
    if metadata.permissions().readonly() {
        bail!("the file is read-only; not written");
    }
    if metadata.nlink() > 1 && !options.break_hardlinks {
        bail!(
            "the file has {} hard links, which a rewrite would split; not written (`--break-hardlinks` writes it anyway)",
            metadata.nlink()
        );
    }
    drop(file);
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".pitfix-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .context("cannot create a temporary file beside it")?;
    temp.write_all(new).context("cannot write the temporary file")?;
    keep_owner_and_mode(temp.as_file(), &metadata)?;
    temp.as_file().sync_all().context("cannot flush the temporary file")?;
    #[cfg(test)]
    tests::before_final_check(path);
    // The last step before the rename: the path must still hold what was read.
    let now = fs::symlink_metadata(path).context("cannot read its metadata again before writing")?;
    if now.file_type().is_symlink() {
        bail!("the file was replaced by a symbolic link while pitfix ran; not written");
    }
    if Stamp::of(&now) != stamp {
        bail!("the file changed on disk while pitfix ran; not written");
    }
    temp.persist(path).context("cannot rename the temporary file over it")?;
    Ok(())
}

/// Gives the temporary file the original's owner and group (when the process may) and exactly its
/// mode. A setuid or setgid bit that cannot be kept with the original owner or group refuses the
/// write rather than being dropped, or kept under another owner.
fn keep_owner_and_mode(temp: &File, original: &Metadata) -> Result<()> {
    let (uid, gid) = (original.uid(), original.gid());
    // Changing the owner needs privilege; the group may still be changed to one the user is in.
    if std::os::unix::fs::fchown(temp, Some(uid), Some(gid)).is_err() {
        let _ = std::os::unix::fs::fchown(temp, None, Some(gid));
    }
    let mode = original.mode() & 0o7777;
    // After `fchown`, which clears the setuid and setgid bits.
    temp.set_permissions(fs::Permissions::from_mode(mode)).context("cannot copy its permissions")?;
    let got = temp.metadata().context("cannot read the temporary file's metadata")?;
    // The setuid and setgid bits.
    let special = 0o6000;
    let owner_kept = got.uid() == uid && got.gid() == gid;
    if mode & special != 0 && (!owner_kept || got.mode() & 0o7777 != mode) {
        bail!("the file is setuid or setgid and pitfix cannot keep its owner and group; not written");
    }
    if got.mode() & 0o7777 != mode {
        bail!("cannot keep its mode {mode:o}; not written");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    /// The engine's read, as the engine does it.
    fn read_file(path: &Path) -> Result<(Vec<u8>, Stamp)> {
        crate::workspace::read::read_regular(path, crate::workspace::read::DEFAULT_MAX_FILE_SIZE)
            .map_err(|e| anyhow::anyhow!("{e}"))
    }

    /// What a test does to the path between writing the temporary file and the final check.
    type Hook = Box<dyn FnOnce(&Path)>;

    thread_local! {
        static HOOK: RefCell<Option<Hook>> = const { RefCell::new(None) };
    }

    pub(super) fn before_final_check(path: &Path) {
        if let Some(hook) = HOOK.with(|h| h.borrow_mut().take()) {
            hook(path);
        }
    }

    fn with_hook(hook: impl FnOnce(&Path) + 'static) {
        HOOK.with(|h| *h.borrow_mut() = Some(Box::new(hook)));
    }

    fn temp_files(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .expect("list")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    fn write_file(path: &Path, text: &str) -> (Vec<u8>, Stamp) {
        fs::write(path, text).expect("write");
        read_file(path).expect("read")
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.py");
        let (bytes, stamp) = write_file(&path, "x = 1 is 1000\n");
        // Someone edits the file after pitfix read it.
        fs::write(&path, "x = 2\n").expect("edit");
        let err = write_atomically(&path, &bytes, stamp, b"x = 1 == 1000\n", WriteOptions::default()).expect_err("refused");
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
        let (bytes, stamp) = read_file(&path).expect("read");
        write_atomically(&path, &bytes, stamp, b"new\n", WriteOptions::default()).expect("written");
        assert_eq!(fs::read(&path).expect("read"), b"new\n");
        assert_eq!(fs::metadata(&path).expect("stat").permissions().mode() & 0o777, 0o640);
    }

    #[test]
    fn a_symlink_is_not_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("secret");
        fs::write(&target, "secret\n").expect("write");
        let link = dir.path().join("a.py");
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        let err = read_file(&link).expect_err("refused");
        assert!(err.to_string().contains("symbolic link"), "{err}");
    }

    #[test]
    fn a_symlink_swapped_in_before_the_write_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("secret");
        fs::write(&target, "secret\n").expect("write");
        fs::set_permissions(&target, fs::Permissions::from_mode(0o600)).expect("chmod");
        let path = dir.path().join("a.py");
        let (bytes, stamp) = write_file(&path, "x = 1 is 1000\n");
        // Swapped between reading and writing: the open refuses the link.
        fs::remove_file(&path).expect("remove");
        std::os::unix::fs::symlink(&target, &path).expect("symlink");
        let err = write_atomically(&path, &bytes, stamp, b"x = 1 == 1000\n", WriteOptions::default()).expect_err("refused");
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(fs::read(&target).expect("read"), b"secret\n");
        assert_eq!(fs::metadata(&target).expect("stat").permissions().mode() & 0o777, 0o600);
        assert!(fs::symlink_metadata(&path).expect("lstat").file_type().is_symlink());
        assert!(temp_files(dir.path()).is_empty());
    }

    #[test]
    fn a_symlink_swapped_in_at_the_last_moment_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("secret");
        fs::write(&target, "x = 1 is 1000\n").expect("write");
        let path = dir.path().join("a.py");
        let (bytes, stamp) = write_file(&path, "x = 1 is 1000\n");
        let swap_target = target.clone();
        with_hook(move |path| {
            fs::remove_file(path).expect("remove");
            std::os::unix::fs::symlink(&swap_target, path).expect("symlink");
        });
        let err = write_atomically(&path, &bytes, stamp, b"x = 1 == 1000\n", WriteOptions::default()).expect_err("refused");
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(fs::read(&target).expect("read"), b"x = 1 is 1000\n");
        assert!(fs::symlink_metadata(&path).expect("lstat").file_type().is_symlink());
        assert!(temp_files(dir.path()).is_empty());
    }

    #[test]
    fn an_edit_or_a_removal_at_the_last_moment_is_not_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.py");
        let (bytes, stamp) = write_file(&path, "x = 1 is 1000\n");
        with_hook(|path| fs::write(path, "x = 22 is 1000\n").expect("edit"));
        let err = write_atomically(&path, &bytes, stamp, b"x = 1 == 1000\n", WriteOptions::default()).expect_err("refused");
        assert!(err.to_string().contains("changed on disk"), "{err}");
        assert_eq!(fs::read(&path).expect("read"), b"x = 22 is 1000\n");

        let (bytes, stamp) = write_file(&path, "x = 1 is 1000\n");
        with_hook(|path| fs::remove_file(path).expect("remove"));
        write_atomically(&path, &bytes, stamp, b"x = 1 == 1000\n", WriteOptions::default()).expect_err("refused");
        assert!(!path.exists(), "a removed file does not come back");
        assert!(temp_files(dir.path()).is_empty());
    }

    #[test]
    fn a_hard_linked_file_is_refused_unless_links_may_break() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.py");
        let other = dir.path().join("b.py");
        let (bytes, _) = write_file(&path, "old\n");
        fs::hard_link(&path, &other).expect("link");
        let (_, stamp) = read_file(&path).expect("read");
        let err = write_atomically(&path, &bytes, stamp, b"new\n", WriteOptions::default()).expect_err("refused");
        assert!(err.to_string().contains("hard links"), "{err}");
        assert_eq!(fs::read(&path).expect("read"), b"old\n");
        write_atomically(&path, &bytes, stamp, b"new\n", WriteOptions { break_hardlinks: true }).expect("written");
        assert_eq!(fs::read(&path).expect("read"), b"new\n");
        assert_eq!(fs::read(&other).expect("read"), b"old\n");
    }

    #[test]
    fn owner_group_and_setuid_are_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.py");
        fs::write(&path, "old\n").expect("write");
        // A new file belongs to the effective user.
        if fs::metadata(&path).expect("stat").uid() != 0 {
            eprintln!("skipped: changing a file's owner needs root");
            return;
        }
        // `nobody`'s usual ids; any id other than root's shows the point.
        std::os::unix::fs::chown(&path, Some(65534), Some(65534)).expect("chown");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o4755)).expect("chmod");
        let (bytes, stamp) = read_file(&path).expect("read");
        write_atomically(&path, &bytes, stamp, b"new\n", WriteOptions::default()).expect("written");
        let metadata = fs::metadata(&path).expect("stat");
        assert_eq!(fs::read(&path).expect("read"), b"new\n");
        assert_eq!((metadata.uid(), metadata.gid()), (65534, 65534));
        assert_eq!(metadata.mode() & 0o7777, 0o4755);
    }
}
