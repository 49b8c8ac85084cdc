//! What a cached result is keyed by: the file's path (relative to the project root) and content,
//! the settings that decide its result, and the file's stamp for the stat fast path.
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

use crate::engine::transform::Transform;
use crate::settings::Settings;

/// The build that wrote a cache file: the version and a hash of the sources and the lock file
/// (`build.rs`), so that a transform changed without a new version number is not answered from
/// an older build's results.
pub(crate) const BUILD_ID: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("PITFIX_BUILD_ID"));

/// The digest of a file's content.
pub(crate) fn content_hash(bytes: &[u8]) -> u128 {
    xxh3_128(bytes)
}

/// The key of a path (relative to the project root, or absolute outside it).
pub(crate) fn path_key(path: &Path) -> u128 {
    xxh3_128(path.as_os_str().as_encoded_bytes())
}

/// What the run does with a file's findings: the results of `check` and of `diff`/`apply` differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CacheMode {
    Check,
    Fix,
}

/// The digest of the settings a folder's files share: the mode, `unsafe-fixes` (fix mode),
/// the target version and every transform's options.
pub(crate) fn settings_digest(mode: CacheMode, settings: &Settings) -> u128 {
    let mut hasher = Xxh3::new();
    let unsafe_fixes = mode == CacheMode::Fix && settings.unsafe_fixes;
    hasher.update(&[u8::from(mode == CacheMode::Fix), u8::from(unsafe_fixes), settings.target_version.minor()]);
    // `Debug` of the tables is ordered (sorted maps) and shows every value with its type.
    feed(&mut hasher, &format!("{:?}", settings.options));
    hasher.digest128()
}

/// The digest of one file's settings: its folder's, the transforms that run on it (a Ruff
/// per-file-ignore can turn some off), and whether it is a stub.
pub(crate) fn file_digest(folder: u128, transforms: &[&'static dyn Transform], is_stub: bool) -> u128 {
    let mut hasher = Xxh3::new();
    hasher.update(&folder.to_le_bytes());
    hasher.update(&[u8::from(is_stub)]);
    for transform in transforms {
        feed(&mut hasher, transform.rule().id);
    }
    hasher.digest128()
}

/// Feeds a string with its length, so that `("ab", "c")` and `("a", "bc")` differ.
fn feed(hasher: &mut Xxh3, part: &str) {
    hasher.update(&(part.len() as u64).to_le_bytes());
    hasher.update(part.as_bytes());
}

/// What `lstat` says of a file: while all of it is as recorded, and the file was last modified
/// well before it was read (`FileEntry::unchanged`), its content is taken to be the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: i64,
    mtime_nsec: i64,
    ctime: i64,
    ctime_nsec: i64,
}

impl Stamp {
    /// The stamp of a regular file (not followed through a symlink); `None` for anything else.
    pub(crate) fn of(path: &Path) -> Option<Stamp> {
        let metadata = std::fs::symlink_metadata(path).ok()?;
        metadata.is_file().then(|| Stamp {
            dev: metadata.dev(),
            ino: metadata.ino(),
            size: metadata.size(),
            mtime: metadata.mtime(),
            mtime_nsec: metadata.mtime_nsec(),
            ctime: metadata.ctime(),
            ctime_nsec: metadata.ctime_nsec(),
        })
    }

    pub(crate) fn size(&self) -> u64 {
        self.size
    }

    /// Whether the file was last modified more than two seconds before `read_at` (seconds since
    /// the epoch): a change made after the read then shows in the modification time even on a
    /// file system that keeps it in whole (or two) seconds (git's rule for "racily clean" files).
    pub(crate) fn settled_before(&self, read_at: i64) -> bool {
        self.mtime.saturating_add(2) < read_at
    }
}
