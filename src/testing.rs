//! The engine's promises as one check, for the fuzz tests: run every transform (unsafe fixes
//! included) over a file and verify that nothing panics, that a file which parsed still parses
//! with no fix dropped, and that a second run changes nothing. Not part of the command line.
use std::collections::BTreeMap;

use crate::engine::{FileSettings, Mode, prepare, process};
use crate::settings::TargetVersion;
use crate::transforms;

/// Checks the promises on one file; the error says which one broke. A panic inside is caught by
/// the caller (the fuzz harness), which reports the input that caused it.
pub fn check_promises(name: &str, source: &[u8]) -> Result<(), String> {
    let options = BTreeMap::new();
    let file_settings = FileSettings {
        transforms: transforms::ALL,
        target_version: TargetVersion::default(),
        is_stub: name.ends_with(".pyi"),
        options: &options,
        project: None,
        module: None,
    };
    let mode = Mode::Fix { unsafe_fixes: true };
    let Ok(prepared) = prepare(name, source, file_settings.is_stub) else {
        return Ok(()); // Not Python, or a syntax error: reported, nothing to fix.
    };
    let first = process(name, &prepared, None, &file_settings, transforms::ALL, mode);
    if let Some(error) = first.errors.first() {
        return Err(format!("first run: {error}"));
    }
    let Some(fixed) = first.fixed else { return Ok(()) };
    let prepared = prepare(name, &fixed, file_settings.is_stub).map_err(|e| format!("fixed file: {e}"))?;
    let second = process(name, &prepared, None, &file_settings, transforms::ALL, mode);
    match (second.errors.first(), second.fixed) {
        (Some(error), _) => Err(format!("second run: {error}")),
        (None, Some(_)) => Err(format!("second run changed the file again ({:?})", second.fixed_counts)),
        (None, None) => Ok(()),
    }
}

/// Parses `text` as `scripts/bench.sh`'s parse-only floor does with `--arena`: the tree in a
/// per-file arena, as pitfix parses; whether it has a syntax error.
pub fn parse_in_arena_has_errors(text: &str, source_type: ruff_python_ast::PySourceType) -> bool {
    !crate::arena::parse_in_arena(text, source_type).errors().is_empty()
}
