//! The bug is real and the fix fixes it: a program that compares with `is` against literals gives
//! wrong answers under CPython for values it does not cache, and the right ones after
//! `pitfix apply`.
mod common;

use common::Project;

const PROGRAM: &str = r#"import sys

def parse_port(text):
    return int(text)

status = "".join(["o", "k"])          # built at runtime: not the interned "ok"
count = parse_port(sys.argv[1])        # 1000 is outside CPython's small-int cache
small = parse_port("7")                # -5..256 are cached, so `is` happens to work

print("status ok:", status is "ok")
print("count is 1000:", count is 1000)
print("count is not 1000:", count is not 1000)
print("negative:", parse_port("-1000") is -1000)
print("small:", small is 7)
print("none:", None is None)
"#;

const FIXED_PROGRAM: &str = r#"import sys

def parse_port(text):
    return int(text)

status = "".join(["o", "k"])          # built at runtime: not the interned "ok"
count = parse_port(sys.argv[1])        # 1000 is outside CPython's small-int cache
small = parse_port("7")                # -5..256 are cached, so `is` happens to work

print("status ok:", status == "ok")
print("count is 1000:", count == 1000)
print("count is not 1000:", count != 1000)
print("negative:", parse_port("-1000") == -1000)
print("small:", small == 7)
print("none:", None is None)
"#;

#[test]
fn is_literal_fix_turns_wrong_answers_into_right_ones() {
    let p = Project::new();
    p.write("prog.py", PROGRAM);

    assert_eq!(
        p.python(&["-W", "ignore", "prog.py", "1000"]),
        "status ok: False\ncount is 1000: False\ncount is not 1000: True\nnegative: False\nsmall: True\nnone: True\n",
        "CPython should give the identity answers the bug depends on"
    );

    let run = p.run(&["apply"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 5 problems in 1 file (is-literal: 5).\n");
    assert_eq!(p.read_string("prog.py"), FIXED_PROGRAM);

    assert_eq!(
        p.python(&["-W", "ignore", "prog.py", "1000"]),
        "status ok: True\ncount is 1000: True\ncount is not 1000: False\nnegative: True\nsmall: True\nnone: True\n"
    );
}
