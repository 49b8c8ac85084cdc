//! Broken files: syntax errors and undecodable files are reported and the run goes on.

use crate::common::Project;
use crate::support::{FIXABLE, FIXED, cmd, snapshot_settings};
use insta_cmd::assert_cmd_snapshot;

#[test]
fn syntax_error_is_reported_and_other_files_are_still_fixed() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    let bad = "def f(:\n    return x is 1000\n";
    p.write("bad.py", bad);
    p.write("good.py", FIXABLE);

    assert_cmd_snapshot!("syntax_error_is_reported_and_other_files_are_still_fixed_diff", cmd(&p, &["diff"]));
    assert_cmd_snapshot!("syntax_error_is_reported_and_other_files_are_still_fixed_check", cmd(&p, &["check"]));
    assert_cmd_snapshot!("syntax_error_is_reported_and_other_files_are_still_fixed_apply", cmd(&p, &["apply"]));
    assert_eq!(p.read_string("bad.py"), bad);
    assert_eq!(p.read_string("good.py"), FIXED);
}

#[test]
fn undecodable_files_are_named_and_the_run_goes_on() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    let invalid_utf8: &[u8] = b"x = 1\ny = x is '\xff\xfe'\n";
    let binary: &[u8] = b"\x7fELF\x02\x01\x01\x00\x00\x00x is 1000\n";
    p.write("enc.py", invalid_utf8);
    p.write("binary.py", binary);
    p.write("good.py", FIXABLE);

    for command in ["diff", "check", "apply"] {
        assert_cmd_snapshot!(format!("undecodable_files_are_named_and_the_run_goes_on_{command}"), cmd(&p, &[command]));
    }
    assert_eq!(p.read("enc.py"), invalid_utf8);
    assert_eq!(p.read("binary.py"), binary);
    assert_eq!(p.read_string("good.py"), FIXED);
}
