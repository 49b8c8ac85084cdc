//! Writing files: permissions kept, read-only files left alone, no temporary files left behind.

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::common::Project;
use crate::support::{CLEAN, FIXABLE, FIXED, cmd, snapshot_settings, tree};
use insta_cmd::assert_cmd_snapshot;

#[test]
fn apply_keeps_file_permissions() {
    let p = Project::new();
    let a = p.write("a.py", FIXABLE);
    let tool = p.write("bin/tool.py", format!("#!/usr/bin/env python3\n{FIXABLE}"));
    fs::set_permissions(&a, fs::Permissions::from_mode(0o640)).unwrap();
    fs::set_permissions(&tool, fs::Permissions::from_mode(0o755)).unwrap();
    p.run(&["apply"]).code(0);
    assert_eq!(p.read_string("a.py"), FIXED);
    assert_eq!(p.read_string("bin/tool.py"), format!("#!/usr/bin/env python3\n{FIXED}"));
    assert_eq!(mode(&a), 0o640);
    assert_eq!(mode(&tool), 0o755);
}

#[test]
fn apply_does_not_write_read_only_files() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    let ro = p.write("ro.py", FIXABLE);
    p.write("rw.py", FIXABLE);
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).unwrap();
    assert_cmd_snapshot!(cmd(&p, &["apply"]));
    assert_eq!(p.read_string("ro.py"), FIXABLE);
    assert_eq!(mode(&ro), 0o444);
    assert_eq!(p.read_string("rw.py"), FIXED);
    assert_eq!(tree(&p.root), BTreeSet::from(["ro.py".to_owned(), "rw.py".to_owned()]));
}

#[test]
fn apply_leaves_no_temporary_files() {
    let p = Project::new();
    let files = ["a.py", "pkg/b.py", "pkg/deep/c.py", "clean.py"];
    for f in files {
        p.write(f, if f == "clean.py" { CLEAN } else { FIXABLE });
    }
    p.run(&["apply"]).code(0);
    // The cache (clean.py's result) is the one folder `apply` may add; its own temporary file is
    // gone too.
    let expected: BTreeSet<String> = [
        "a.py",
        "clean.py",
        "pkg",
        "pkg/b.py",
        "pkg/deep",
        "pkg/deep/c.py",
        ".pitfix_cache",
        ".pitfix_cache/.gitignore",
        ".pitfix_cache/CACHEDIR.TAG",
        ".pitfix_cache/results.bin",
    ]
    .map(str::to_owned)
    .into();
    assert_eq!(tree(&p.root), expected);
    for f in ["a.py", "pkg/b.py", "pkg/deep/c.py"] {
        assert_eq!(p.read_string(f), FIXED);
    }
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn apply_refuses_hard_linked_files_unless_told_to_break_the_links() {
    let p = Project::new();
    let a = p.write("a.py", FIXABLE);
    fs::hard_link(&a, p.path("other.py")).unwrap();
    // Like a read-only file: named, left alone, and the run goes on.
    let run = p.run(&["apply", "a.py"]);
    run.code(0);
    assert!(run.stderr.contains("a.py: the file has 2 hard links"), "{}", run.stderr);
    assert!(run.stderr.contains("--break-hardlinks"), "{}", run.stderr);
    assert_eq!(p.read_string("a.py"), FIXABLE);
    p.run(&["apply", "--break-hardlinks", "a.py"]).code(0);
    assert_eq!(p.read_string("a.py"), FIXED);
    assert_eq!(p.read_string("other.py"), FIXABLE, "the other name keeps the old text");
}

#[test]
fn a_symlink_named_on_the_command_line_is_followed_once_and_stays_a_link() {
    let p = Project::new();
    p.write("real.py", FIXABLE);
    std::os::unix::fs::symlink("real.py", p.path("link.py")).unwrap();
    p.run(&["apply", "link.py"]).code(0);
    assert_eq!(p.read_string("real.py"), FIXED);
    assert!(fs::symlink_metadata(p.path("link.py")).unwrap().file_type().is_symlink());
    assert_eq!(tree(&p.root), BTreeSet::from(["link.py".to_owned(), "real.py".to_owned()]));
}
