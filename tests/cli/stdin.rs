//! Standard input: `-` as the path, `--stdin-filename`, and `-` mixed with other paths.

use crate::common::Project;
use crate::support::{CLEAN, FIXABLE, cmd, snapshot_settings, tree};
use insta_cmd::assert_cmd_snapshot;

#[test]
fn diff_stdin_prints_the_diff() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    assert_cmd_snapshot!("diff_stdin_prints_the_diff", cmd(&p, &["diff", "-"]).pass_stdin("print(x is 1000)\n"));
    assert_cmd_snapshot!(
        "diff_stdin_prints_the_diff_stdin_filename",
        cmd(&p, &["diff", "-", "--stdin-filename", "pkg/foo.py"]).pass_stdin(FIXABLE)
    );
    assert_cmd_snapshot!("diff_stdin_prints_the_diff_clean", cmd(&p, &["diff", "-"]).pass_stdin(CLEAN));
    assert!(tree(&p.root).is_empty(), "stdin runs write no files");
}

#[test]
fn apply_stdin_prints_the_fixed_source() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    assert_cmd_snapshot!(
        "apply_stdin_prints_the_fixed_source",
        cmd(&p, &["apply", "-", "--stdin-filename", "foo.py"]).pass_stdin(FIXABLE)
    );
    assert_cmd_snapshot!(
        "apply_stdin_prints_the_fixed_source_exit_non_zero_on_fix",
        cmd(&p, &["apply", "-", "--exit-non-zero-on-fix"]).pass_stdin(FIXABLE)
    );

    // Nothing to fix: the input comes back unchanged, byte for byte.
    let input = b"x = 1\r\ny = x is None\r\n";
    let run = p.run_stdin(&["apply", "-"], input);
    run.code(0);
    assert_eq!(run.stdout, input);
    assert!(tree(&p.root).is_empty(), "stdin runs write no files");
}

#[test]
fn check_stdin_names_the_stdin_filename() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    assert_cmd_snapshot!(
        "check_stdin_names_the_stdin_filename",
        cmd(&p, &["check", "-", "--stdin-filename", "foo.py"]).pass_stdin(FIXABLE)
    );
    assert_cmd_snapshot!(
        "check_stdin_names_the_stdin_filename_syntax_error",
        cmd(&p, &["check", "-", "--stdin-filename", "foo.py"]).pass_stdin("def f(:\n")
    );
}

#[test]
fn stdin_mixed_with_other_paths_is_an_error() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    for command in ["diff", "apply", "check"] {
        for (order, args) in [("first", [command, "-", "a.py"]), ("last", [command, "a.py", "-"])] {
            assert_cmd_snapshot!(
                format!("stdin_mixed_with_other_paths_is_an_error_{command}_{order}"),
                cmd(&p, &args).pass_stdin(FIXABLE)
            );
        }
    }
    assert_eq!(p.read_string("a.py"), FIXABLE);
}
