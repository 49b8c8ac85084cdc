//! The cache file: a header (magic, format version, the build that wrote it, a digest of the
//! body) and the entries, postcard-encoded. A file that is not exactly that is ignored, never
//! trusted, and replaced at the end of the run. It is written to a temporary file in the same
//! folder and renamed over the old one, so a reader sees either the old file or the new one,
//! whole, however many runs write at once (the last rename wins).
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_128;

use crate::cache::entry::FileEntry;
use crate::cache::key::BUILD_ID;

const MAGIC: &[u8; 8] = b"pitfix\xCA\x01";
/// Bumped whenever the layout of the entries changes.
const FORMAT: u32 = 1;
/// Results unused for this many days are dropped when the file is written.
pub(crate) const MAX_UNUSED_DAYS: u32 = 30;

/// The entries, by `key::path_key`.
pub(crate) type Entries = FxHashMap<u128, FileEntry>;

#[derive(Serialize, Deserialize)]
struct Body {
    entries: Vec<(u128, FileEntry)>,
}

/// The cache file's entries; `None` when there is no valid file of this build.
pub(crate) fn load(file: &Path) -> Option<Entries> {
    let bytes = std::fs::read(file).ok()?;
    decode(&bytes)
}

fn decode(bytes: &[u8]) -> Option<Entries> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let (format, rest) = rest.split_first_chunk::<4>()?;
    if u32::from_le_bytes(*format) != FORMAT {
        return None;
    }
    let (&length, rest) = rest.split_first()?;
    let (build, rest) = rest.split_at_checked(usize::from(length))?;
    if build != BUILD_ID.as_bytes() {
        return None;
    }
    let (digest, body) = rest.split_first_chunk::<16>()?;
    if u128::from_le_bytes(*digest) != xxh3_128(body) {
        return None;
    }
    let body: Body = postcard::from_bytes(body).ok()?;
    Some(body.entries.into_iter().collect())
}

fn encode(entries: Entries) -> Result<Vec<u8>> {
    let mut entries: Vec<(u128, FileEntry)> = entries.into_iter().collect();
    // A stable order: the same entries give the same bytes.
    entries.sort_unstable_by_key(|(key, _)| *key);
    let body = postcard::to_allocvec(&Body { entries })?;
    let build = BUILD_ID.as_bytes();
    let mut out = Vec::with_capacity(body.len() + 64);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.push(u8::try_from(build.len()).context("build id too long")?);
    out.extend_from_slice(build);
    out.extend_from_slice(&xxh3_128(&body).to_le_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

/// Writes the entries to `file`, and the new texts of the files that change to a folder beside
/// it (`<file>.texts/`, one file each, named by the text's digest), creating the folders (the
/// cache's with its `.gitignore` and `CACHEDIR.TAG`) when needed. Texts no entry names any more
/// are removed.
pub(crate) fn save(file: &Path, entries: Entries, texts: Vec<(u128, Vec<u8>)>) -> Result<()> {
    let dir = file.parent().context("the cache file has no folder")?;
    prepare_folder(dir)?;
    let texts_dir = texts_dir(file);
    if !texts.is_empty() {
        std::fs::create_dir_all(&texts_dir)?;
    }
    for (digest, text) in texts {
        // Written even when a file of that name exists: it was found lost or damaged.
        write_atomically(&texts_dir, &texts_dir.join(text_name(digest)), &text)?;
    }
    let named: FxHashSet<String> =
        entries.values().flat_map(|e| &e.results).filter_map(|r| r.outcome.text()).map(text_name).collect();
    write_atomically(dir, file, &encode(entries)?)?;
    if let Ok(listing) = std::fs::read_dir(&texts_dir) {
        for found in listing.flatten() {
            let name = found.file_name();
            // Temporary files (`.tmp-…`) of a run writing now are left alone.
            let ours = name.to_str().is_some_and(|n| n.len() == 32 && n.bytes().all(|b| b.is_ascii_hexdigit()));
            if ours && !named.contains(name.to_str().unwrap_or_default()) {
                let _ = std::fs::remove_file(found.path());
            }
        }
    }
    Ok(())
}

/// The new text of a file that changes, checked against its digest.
pub(crate) fn load_text(file: &Path, digest: u128) -> Option<Vec<u8>> {
    let text = std::fs::read(texts_dir(file).join(text_name(digest))).ok()?;
    (crate::cache::key::content_hash(&text) == digest).then_some(text)
}

fn texts_dir(file: &Path) -> PathBuf {
    file.with_extension("texts")
}

fn text_name(digest: u128) -> String {
    format!("{digest:032x}")
}

/// Writes `bytes` to `path` through a temporary file in `dir` and a rename: a reader sees the
/// old file or the new one, whole.
fn write_atomically(dir: &Path, path: &Path, bytes: &[u8]) -> Result<()> {
    let mut temporary = tempfile::Builder::new().prefix(".tmp-").tempfile_in(dir)?;
    temporary.write_all(bytes)?;
    temporary.persist(path)?;
    Ok(())
}

/// Creates the cache folder, and in it a `.gitignore` that ignores everything (so the folder
/// never shows in `git status`) and a `CACHEDIR.TAG` (so backup tools skip it).
fn prepare_folder(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in [
        (".gitignore", "# Created by pitfix: its cache, never to commit.\n*\n"),
        (
            "CACHEDIR.TAG",
            // The signature line is fixed by the Cache Directory Tagging Specification.
            "Signature: 8a477f597d28d172789f06886806bc55\n\
             # This file is a cache directory tag created by pitfix.\n\
             # For information about cache directory tags see https://bford.info/cachedir/\n",
        ),
    ] {
        let path: PathBuf = dir.join(name);
        if !path.exists() {
            // Two runs may both write it: the same text either way.
            write_atomically(dir, &path, text.as_bytes())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_file_is_refused() {
        let mut entries = Entries::default();
        entries.insert(
            7,
            FileEntry { content: 1, stamp: None, read_at: 0, summary: None, results: Vec::new() },
        );
        let bytes = encode(entries).unwrap();
        assert_eq!(decode(&bytes).map(|e| e.len()), Some(1));
        for cut in [0, 8, 12, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert!(decode(&flipped).is_none());
        let mut other_build = bytes;
        other_build[13] ^= 1;
        assert!(decode(&other_build).is_none());
    }
}
