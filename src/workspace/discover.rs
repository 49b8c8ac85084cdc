//! Which files a run processes: named files always, directories walked with `ignore` (respecting
//! .gitignore and .ignore, skipping hidden files and the paths excluded by the settings of the
//! folder that holds them), `.py` and `.pyi` only.
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Result, bail};

use crate::settings::Resolver;
use ignore::{WalkBuilder, WalkState};

type Found = Mutex<(Vec<Input>, Vec<String>)>;

/// What one walking thread found; handed over to the shared list when the thread is done.
struct Batch<'f> {
    inputs: Vec<Input>,
    warnings: Vec<String>,
    into: &'f Found,
}

impl<'f> Batch<'f> {
    fn new(into: &'f Found) -> Self {
        Batch { inputs: Vec::new(), warnings: Vec::new(), into }
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        let mut found = self.into.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        found.0.append(&mut self.inputs);
        found.1.append(&mut self.warnings);
    }
}

/// A file to process and the name it is shown under (relative to the current directory when it
/// is inside it, else as given).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Input {
    pub(crate) display: String,
    pub(crate) path: PathBuf,
}

/// Lists the inputs in sorted order; problems met while walking are returned as messages. A
/// config file that cannot be read while walking is an error.
/// What a walk found: the files, warnings about entries it could not read, and errors about
/// folders it skipped because their settings could not be read (a broken `pyproject.toml` in a
/// test-data folder, say): the run goes on without them.
#[derive(Debug, Default)]
pub(crate) struct Discovered {
    pub(crate) inputs: Vec<Input>,
    pub(crate) warnings: Vec<String>,
    pub(crate) skipped: Vec<String>,
}

pub(crate) fn discover(paths: &[PathBuf], resolver: &Arc<Resolver>, cwd: &Path) -> Result<Discovered> {
    let mut inputs = Vec::new();
    let mut warnings = Vec::new();
    let skipped = Arc::new(Mutex::new(Vec::new()));
    for path in paths {
        if !path.exists() && !path.is_symlink() {
            bail!("{}: no such file or directory", crate::output::escape_controls(&path.display().to_string()));
        }
        if !path.is_dir() {
            let mut named = input(path, cwd);
            if path.is_symlink() {
                // A symlink named on the command line is followed once, here, to its target: the
                // file is read and written there, and never through a link.
                if let Ok(target) = std::fs::canonicalize(absolute(path, cwd)) {
                    named.path = target;
                }
            }
            inputs.push(named);
            continue;
        }
        let root = normalize(&absolute(path, cwd));
        let resolver = resolver.clone();
        let cwd_owned = cwd.to_path_buf();
        let skipped_in_walk = skipped.clone();
        let walker = WalkBuilder::new(path)
            .require_git(false)
            .follow_links(false)
            .filter_entry(move |entry| {
                // Files other than Python ones are dropped by the visitor below: matching them
                // against the excludes (more than half the entries of a typical tree) is wasted.
                if entry.file_type().is_some_and(|t| t.is_file()) && !is_python(entry.path()) {
                    return true;
                }
                match is_excluded(entry.path(), &root, &cwd_owned, &resolver) {
                    Ok(excluded) => !excluded,
                    Err(e) => {
                        // Every entry of the folder meets the same error: say it once.
                        let folder = entry.path().parent().unwrap_or(entry.path());
                        let message = format!("{}: skipped, its settings cannot be read: {e:#}", folder.display());
                        let mut skipped = skipped_in_walk.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                        if !skipped.contains(&message) {
                            skipped.push(message);
                        }
                        false
                    }
                }
            })
            .build_parallel();
        // Walked on several threads (the folders of a large tree are many): each keeps its own
        // finds, merged and sorted at the end.
        let found = Mutex::new((Vec::new(), Vec::new()));
        walker.run(|| {
            let found = &found;
            let mut mine = Batch::new(found);
            Box::new(move |entry| {
                match entry {
                    Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) && is_python(entry.path()) => {
                        mine.inputs.push(input(entry.path(), cwd));
                    }
                    Ok(_) => {}
                    Err(e) => mine.warnings.push(format!("warning: {e}")),
                }
                WalkState::Continue
            })
        });
        let (found_inputs, found_warnings) = found.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        inputs.extend(found_inputs);
        warnings.extend(found_warnings);
    }
    inputs.sort();
    warnings.sort();
    // One file named several ways (`a.py`, `./a.py`, its absolute path, or inside a walked
    // folder) is processed once, else `diff` would print it twice and `apply` race with itself.
    let mut seen = std::collections::HashSet::new();
    inputs.retain(|input| seen.insert(normalize(&absolute(&input.path, cwd))));
    let mut skipped = std::mem::take(&mut *skipped.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
    skipped.sort();
    Ok(Discovered { inputs, warnings, skipped })
}

pub(crate) fn is_python(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "py" || e == "pyi")
}

pub(crate) fn is_stub(name: &str) -> bool {
    name.ends_with(".pyi")
}

/// Whether the settings of the folder that holds `path` exclude it (the walked root itself is
/// never excluded).
fn is_excluded(path: &Path, root: &Path, cwd: &Path, resolver: &Resolver) -> Result<bool> {
    let full = normalize(&absolute(path, cwd));
    if full == root {
        return Ok(false);
    }
    let settings = resolver.for_file(&full)?;
    Ok(settings.excludes(&full, root, cwd))
}

fn input(path: &Path, cwd: &Path) -> Input {
    Input { display: display_name(path, cwd), path: path.to_path_buf() }
}

/// The path relative to `cwd` when it lies inside it, else the path as given (without `./`).
pub(crate) fn display_name(path: &Path, cwd: &Path) -> String {
    let absolute = normalize(&absolute(path, cwd));
    let shown = match absolute.strip_prefix(cwd) {
        Ok(relative) => relative.to_path_buf(),
        Err(_) => path.components().filter(|c| *c != Component::CurDir).collect(),
    };
    let shown = shown.to_string_lossy();
    // A backslash separates folders on Windows only; elsewhere it is part of a file's name.
    if cfg!(windows) { shown.replace('\\', "/") } else { shown.into_owned() }
}

/// `cwd.join(path)` in one allocation (`Path::join` copies `cwd`, then grows the copy): a run
/// makes a few of these per file.
pub(crate) fn absolute(path: &Path, cwd: &Path) -> PathBuf {
    if path.is_absolute() {
        return path.to_path_buf();
    }
    let mut joined = PathBuf::with_capacity(cwd.as_os_str().len() + 1 + path.as_os_str().len());
    joined.push(cwd);
    joined.push(path);
    joined
}

/// Removes `.` and folds `..` lexically (no symlink resolution, as the user typed the path).
pub(crate) fn normalize(path: &Path) -> PathBuf {
    // Most paths (`./pkg/mod.py` from a walk of `.`, joined to the working directory) have at
    // most a `.` to drop: done on the bytes, not by rebuilding the path component by component.
    without_dots(path).unwrap_or_else(|| fold_components(path))
}

/// [`normalize`] of a path with no `..` and no doubled or trailing separator: its bytes without
/// the `.` segments; `None` for other paths.
#[cfg(unix)]
fn without_dots(path: &Path) -> Option<PathBuf> {
    use std::os::unix::ffi::{OsStrExt, OsStringExt};
    let bytes = path.as_os_str().as_bytes();
    let mut segments = bytes.split(|&b| b == b'/');
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    match segments.next().unwrap_or_default() {
        b"" if bytes.is_empty() => return Some(PathBuf::new()),
        b"" => out.push(b'/'),
        b".." => return None,
        b"." => {}
        name => out.extend_from_slice(name),
    }
    for segment in segments {
        match segment {
            b"" | b".." => return None,
            b"." => {}
            name => {
                if out.last().is_some_and(|&b| b != b'/') {
                    out.push(b'/');
                }
                out.extend_from_slice(name);
            }
        }
    }
    Some(PathBuf::from(std::ffi::OsString::from_vec(out)))
}

/// Off Unix, `/` is not the one separator: every path is folded component by component.
#[cfg(not(unix))]
fn without_dots(_path: &Path) -> Option<PathBuf> {
    None
}

/// [`normalize`], component by component.
fn fold_components(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizing_on_the_bytes_folds_as_the_components_do() {
        // Every path of up to four segments from these, absolute or not.
        let parts = ["", ".", "..", "a", "bc"];
        let mut paths = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = paths.iter().flat_map(|p| parts.iter().map(move |s| format!("{p}/{s}"))).collect();
            paths.extend(longer);
        }
        let relative: Vec<String> = paths.iter().map(|p| p.trim_start_matches('/').to_owned()).collect();
        for path in paths.iter().chain(&relative) {
            assert_eq!(normalize(Path::new(path)), fold_components(Path::new(path)), "{path:?}");
        }
        assert!(without_dots(Path::new("/p/./q/a.py")).is_some() == cfg!(unix));
        assert!(without_dots(Path::new("/p/../a.py")).is_none());
    }

    #[test]
    fn display_names() {
        let cwd = Path::new("/p/q");
        assert_eq!(display_name(Path::new("./a/b.py"), cwd), "a/b.py");
        assert_eq!(display_name(Path::new("/p/q/a.py"), cwd), "a.py");
        assert_eq!(display_name(Path::new("../r/a.py"), cwd), "../r/a.py");
        assert_eq!(display_name(Path::new("/elsewhere/a.py"), cwd), "/elsewhere/a.py");
    }
}
