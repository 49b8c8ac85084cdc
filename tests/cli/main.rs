//! End-to-end tests of the `pitfix` command line: exit codes, stdin, config files, suppression
//! comments, byte preservation, discovery, diffs that `git apply` / `patch` accept, and output
//! formats.
//!
//! What a run prints (exit code, stdout, stderr) is compared with a snapshot in
//! `tests/cli/snapshots/cli__<module>__<test>.snap` (insta-cmd). The temporary project folder
//! shows as `[ROOT]` (a second one as `[OUTSIDE]`), and bytes a snapshot would hide are written
//! visibly: escape `␛`, carriage return `␍`, tab `␉`; `----- end -----` closes stderr, so a
//! missing final newline shows. Update with `INSTA_UPDATE=always cargo test --test cli` and review
//! every changed file; with `CI=true` a mismatch fails and nothing is written. What a run writes
//! to disk is checked with plain assertions.
#[path = "../common/mod.rs"]
mod common;
mod support;

mod broken_files;
mod cache;
mod bytes;
mod config;
mod discovery;
mod exit_codes;
mod interactive;
mod order_and_paths;
mod output;
mod patch;
mod project_index;
mod python_version;
mod rules_and_explain;
mod stdin;
mod suppression;
mod timings;
mod writing;
