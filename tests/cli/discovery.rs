//! Discovery: `.gitignore` / `.ignore`, hidden files and folders, and which extensions are walked.

use crate::common::Project;
use crate::support::{FIXABLE, FIXED, cmd, snapshot_settings};
use insta_cmd::assert_cmd_snapshot;

fn ignored_layout(p: &Project) {
    p.write(".gitignore", "ignored.py\nbuild_out/\n");
    for f in ["kept.py", "ignored.py", "build_out/x.py", "sub/kept2.py", "sub/ignored.py"] {
        p.write(f, FIXABLE);
    }
}

#[test]
fn gitignore_is_respected_in_a_git_repo() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.git(&["init", "-q"]);
    ignored_layout(&p);
    assert_cmd_snapshot!("gitignore_is_respected_in_a_git_repo_check", cmd(&p, &["check"]));
    assert_cmd_snapshot!("gitignore_is_respected_in_a_git_repo_diff", cmd(&p, &["diff"]));

    // Files named on the command line are processed even when ignored.
    assert_cmd_snapshot!(
        "gitignore_is_respected_in_a_git_repo_named",
        cmd(&p, &["check", "ignored.py", "build_out/x.py"])
    );
    p.run(&["apply", "sub/ignored.py"]).code(0);
    assert_eq!(p.read_string("sub/ignored.py"), FIXED);
    assert_eq!(p.read_string("ignored.py"), FIXABLE);
}

#[test]
fn gitignore_and_ignore_files_are_respected_without_git() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    ignored_layout(&p);
    p.write("sub/.ignore", "skipped_too.py\n");
    p.write("sub/skipped_too.py", FIXABLE);
    assert_cmd_snapshot!(cmd(&p, &["check"]));
    p.run(&["apply"]).code(0);
    assert_eq!(p.read_string("kept.py"), FIXED);
    assert_eq!(p.read_string("ignored.py"), FIXABLE);
    assert_eq!(p.read_string("build_out/x.py"), FIXABLE);
    assert_eq!(p.read_string("sub/skipped_too.py"), FIXABLE);
}

#[test]
fn hidden_files_and_folders_are_skipped_unless_named() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    for f in ["visible.py", ".hidden.py", ".secret/x.py", "pkg/.cache/y.py", "pkg/z.py"] {
        p.write(f, FIXABLE);
    }
    assert_cmd_snapshot!("hidden_files_and_folders_are_skipped_unless_named", cmd(&p, &["check"]));
    assert_cmd_snapshot!(
        "hidden_files_and_folders_are_skipped_unless_named_named",
        cmd(&p, &["check", ".secret/x.py", ".hidden.py"])
    );
}

#[test]
fn only_py_and_pyi_files_are_walked() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    for f in ["mod.py", "stub.pyi", "notes.txt", "script", "mod.py.bak", "pkg/types.pyi", "data.pyc", "x.pyw"] {
        p.write(f, FIXABLE);
    }
    assert_cmd_snapshot!(cmd(&p, &["check"]));
    p.run(&["apply"]).code(0);
    assert_eq!(p.read_string("stub.pyi"), FIXED);
    assert_eq!(p.read_string("pkg/types.pyi"), FIXED);
    assert_eq!(p.read_string("notes.txt"), FIXABLE);
    assert_eq!(p.read_string("script"), FIXABLE);
}
