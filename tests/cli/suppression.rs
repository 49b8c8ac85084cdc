//! Suppression comments: `# pitfix: ignore[...]`, `# noqa[: ...]` and `# pitfix: skip-file`.

use crate::common::Project;
use crate::support::{FIXABLE, FIXED, cmd, snapshot_settings};
use insta_cmd::assert_cmd_snapshot;

/// Applies to a one-line file ending in `comment` and tells whether the line was fixed.
fn fixed_with_comment(comment: &str) -> bool {
    let p = Project::new();
    let before = format!("flag = x is 1000  {comment}\n");
    p.write("a.py", &before);
    let check = p.run(&["check"]);
    p.run(&["apply"]).code(0);
    let after = p.read_string("a.py");
    if after == before {
        check.code(0);
        false
    } else {
        check.code(1);
        assert_eq!(after, format!("flag = x == 1000  {comment}\n"));
        true
    }
}

#[test]
fn pitfix_ignore_suppresses() {
    assert!(!fixed_with_comment("# pitfix: ignore"));
}

#[test]
fn pitfix_ignore_with_the_id_suppresses() {
    assert!(!fixed_with_comment("# pitfix: ignore[is-literal]"));
    assert!(!fixed_with_comment("# pitfix: ignore[loop-closure, is-literal]"));
}

#[test]
fn pitfix_ignore_with_another_id_does_not_suppress() {
    assert!(fixed_with_comment("# pitfix: ignore[loop-closure]"));
}

#[test]
fn bare_noqa_suppresses() {
    assert!(!fixed_with_comment("# noqa"));
    assert!(!fixed_with_comment("# NOQA"));
}

#[test]
fn noqa_f632_suppresses() {
    assert!(!fixed_with_comment("# noqa: F632"));
    assert!(!fixed_with_comment("# noqa:E501,F632"));
    assert!(!fixed_with_comment("# type: ignore  # noqa: F632"));
}

#[test]
fn noqa_with_other_codes_does_not_suppress() {
    assert!(fixed_with_comment("# noqa: E501"));
    assert!(fixed_with_comment("# noqa: E501, W291"));
}

#[test]
fn skip_file_leaves_the_whole_file_alone() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    let text = "x = int('1000')\nprint(x is 1000)\n# pitfix: skip-file\nprint(x is not 'a')\n";
    p.write("a.py", text);
    p.write("b.py", FIXABLE);
    assert_cmd_snapshot!("skip_file_leaves_the_whole_file_alone_check", cmd(&p, &["check"]));
    assert_cmd_snapshot!("skip_file_leaves_the_whole_file_alone_diff", cmd(&p, &["diff"]));
    p.run(&["apply"]).code(0);
    assert_eq!(p.read_string("a.py"), text);
    assert_eq!(p.read_string("b.py"), FIXED);
}

#[test]
fn suppression_on_the_first_line_of_a_multiline_statement() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write(
        "a.py",
        "if (a is 1000 and  # noqa: F632\n        b is 2000):\n    c = d is 3000\n\
         y = f(\n    x is 'a',  # pitfix: ignore[is-literal]\n    x is 'b',\n)\n\
         z = [  # pitfix: ignore\n    x is 'c',\n    x is not 'd',\n]\n",
    );
    assert_cmd_snapshot!(cmd(&p, &["check"]));
    p.run(&["apply"]).code(0);
    assert_eq!(
        p.read_string("a.py"),
        "if (a is 1000 and  # noqa: F632\n        b is 2000):\n    c = d == 3000\n\
         y = f(\n    x is 'a',  # pitfix: ignore[is-literal]\n    x == 'b',\n)\n\
         z = [  # pitfix: ignore\n    x is 'c',\n    x is not 'd',\n]\n"
    );
}
