//! Exit codes: 0, 1 when there is something to fix, 2 for fatal errors (bad arguments, unknown
//! ids, broken config, missing paths) — and nothing written when the run is fatal.

use crate::common::Project;
use crate::support::{CLEAN, FIXABLE, FIXED, cmd, snapshot_settings};
use insta_cmd::assert_cmd_snapshot;

#[test]
fn diff_with_nothing_to_do_exits_0_and_prints_nothing() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", CLEAN);
    assert_cmd_snapshot!(cmd(&p, &["diff"]));
}

#[test]
fn diff_with_something_to_do_exits_1_and_changes_nothing() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    assert_cmd_snapshot!(cmd(&p, &["diff"]));
    assert_eq!(p.read_string("a.py"), FIXABLE);
}

#[test]
fn apply_with_nothing_to_do_exits_0() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", CLEAN);
    assert_cmd_snapshot!("apply_with_nothing_to_do_exits_0", cmd(&p, &["apply"]));
    assert_eq!(p.read_string("a.py"), CLEAN);
    assert_cmd_snapshot!(
        "apply_with_nothing_to_do_exits_0_exit_non_zero_on_fix",
        cmd(&p, &["apply", "--exit-non-zero-on-fix"])
    );
    assert_eq!(p.read_string("a.py"), CLEAN);
}

#[test]
fn apply_with_something_to_do_exits_0_and_writes() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    assert_cmd_snapshot!(cmd(&p, &["apply"]));
    assert_eq!(p.read_string("a.py"), FIXED);
    // A second run finds nothing left.
    p.run(&["apply", "--exit-non-zero-on-fix"]).code(0);
}

#[test]
fn apply_exit_non_zero_on_fix_exits_1_when_a_file_changed() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    assert_cmd_snapshot!(cmd(&p, &["apply", "--exit-non-zero-on-fix"]));
    assert_eq!(p.read_string("a.py"), FIXED);
}

#[test]
fn check_with_no_findings_exits_0() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", CLEAN);
    assert_cmd_snapshot!(cmd(&p, &["check"]));
}

#[test]
fn check_with_findings_exits_1_and_changes_nothing() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    assert_cmd_snapshot!(cmd(&p, &["check"]));
    assert_eq!(p.read_string("a.py"), FIXABLE);
}

#[test]
fn quiet_drops_the_summary() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    assert_cmd_snapshot!("quiet_drops_the_summary_diff", cmd(&p, &["diff", "-q"]));
    assert_cmd_snapshot!("quiet_drops_the_summary_check", cmd(&p, &["check", "--quiet"]));
}

#[test]
fn unknown_transform_id_in_select_is_fatal() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    for command in ["diff", "apply", "check"] {
        assert_cmd_snapshot!(
            format!("unknown_transform_id_in_select_is_fatal_{command}"),
            cmd(&p, &[command, "--select", "is-literal,no-such-rule"])
        );
        assert_eq!(p.read_string("a.py"), FIXABLE, "{command}");
    }
}

#[test]
fn unknown_transform_id_in_ignore_is_fatal() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    for command in ["diff", "apply", "check"] {
        assert_cmd_snapshot!(
            format!("unknown_transform_id_in_ignore_is_fatal_{command}"),
            cmd(&p, &[command, "--ignore", "bogus"])
        );
    }
    assert_eq!(p.read_string("a.py"), FIXABLE);
}

#[test]
fn nonexistent_path_is_fatal_and_nothing_is_written() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    for command in ["diff", "apply", "check"] {
        assert_cmd_snapshot!(
            format!("nonexistent_path_is_fatal_and_nothing_is_written_{command}"),
            cmd(&p, &[command, "a.py", "missing.py"])
        );
    }
    assert_eq!(p.read_string("a.py"), FIXABLE);
}

#[test]
fn unknown_config_key_is_fatal_and_names_key_and_file() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    p.write("pyproject.toml", "[project]\nname = \"demo\"\n\n[tool.pitfix]\nselct = [\"is-literal\"]\n");
    for command in ["diff", "apply", "check"] {
        assert_cmd_snapshot!(format!("unknown_config_key_is_fatal_and_names_key_and_file_{command}"), cmd(&p, &[command]));
    }
    assert_eq!(p.read_string("a.py"), FIXABLE);
}

#[test]
fn unknown_key_in_pitfix_toml_is_fatal_and_names_key_and_file() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    p.write("pitfix.toml", "ignroe = [\"is-literal\"]\n");
    assert_cmd_snapshot!(cmd(&p, &["diff"]));
}

#[test]
fn unknown_transform_option_is_fatal_and_names_it() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    p.write("pyproject.toml", "[tool.pitfix.is-literal]\nstrict = true\n");
    assert_cmd_snapshot!(cmd(&p, &["check"]));
}

#[test]
fn invalid_toml_is_fatal_and_names_the_file() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    p.write("pyproject.toml", "[tool.pitfix\nselect = [\"is-literal\"\n");
    for command in ["diff", "apply", "check"] {
        assert_cmd_snapshot!(format!("invalid_toml_is_fatal_and_names_the_file_{command}"), cmd(&p, &[command]));
    }
    assert_eq!(p.read_string("a.py"), FIXABLE);
}

#[test]
fn invalid_setting_value_is_fatal() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    p.write("pitfix.toml", "target-version = \"py27\"\n");
    assert_cmd_snapshot!(cmd(&p, &["diff"]));
}

#[test]
fn explain_unknown_id_is_fatal() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    assert_cmd_snapshot!(cmd(&p, &["explain", "no-such-rule"]));
}

#[test]
fn bad_arguments_are_fatal() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    assert_cmd_snapshot!("bad_arguments_are_fatal_unknown_flag", cmd(&p, &["diff", "--no-such-flag"]));
    assert_cmd_snapshot!("bad_arguments_are_fatal_bad_value", cmd(&p, &["check", "--output-format", "xml"]));
    assert_cmd_snapshot!("bad_arguments_are_fatal_unknown_command", cmd(&p, &["frobnicate"]));
}
