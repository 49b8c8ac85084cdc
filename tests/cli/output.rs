//! Output: colour in diffs, and the `check` output formats (text, JSON).

use crate::common::Project;
use crate::support::{CLEAN, FIXABLE, cmd, snapshot_settings};
use insta_cmd::assert_cmd_snapshot;

// ---------------------------------------------------------------------------------------------
// Colour

#[test]
fn color_always_paints_the_diff() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    assert_cmd_snapshot!(cmd(&p, &["diff", "--color", "always"]));
}

#[test]
fn color_never_and_piped_output_have_no_escape_codes() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    for (name, args) in [("never", &["diff", "--color", "never"][..]), ("piped", &["diff"]), ("auto", &["diff", "--color", "auto"])] {
        assert_cmd_snapshot!(format!("color_never_and_piped_output_have_no_escape_codes_{name}"), cmd(&p, args));
    }
}

// ---------------------------------------------------------------------------------------------
// check output formats

#[test]
fn check_json_has_the_documented_fields() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", "x = 1\nif x is 1000 or y is not 'a':\n    pass\nz = (x\n     is\n     2000)\n");
    p.write("b.py", CLEAN);
    assert_cmd_snapshot!(cmd(&p, &["check", "--output-format", "json"]));
    let run = p.run(&["check", "--output-format", "json"]);
    let _: serde_json::Value = serde_json::from_slice(&run.stdout).expect("valid JSON");
}

#[test]
fn check_json_with_no_findings_is_an_empty_array() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", CLEAN);
    assert_cmd_snapshot!(cmd(&p, &["check", "--output-format", "json"]));
    let run = p.run(&["check", "--output-format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("valid JSON");
    assert_eq!(json, serde_json::json!([]));
}

#[test]
fn check_text_format() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("pkg/a.py", "x = 1\nif x is 1000 or y is not 'a':\n    pass\n");
    assert_cmd_snapshot!(cmd(&p, &["check", "--output-format", "text"]));
}
