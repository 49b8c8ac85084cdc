//! The naive-utc fixes under CPython, on a machine five hours west of UTC (`TZ=XYZ5`, set by the
//! program): `utcnow()` and `utcfromtimestamp(t)` give naive values that `.timestamp()` reads as
//! local time, five hours off. The safe fix keeps exactly those values (the same output, the
//! same trap, no deprecated call); the `aware = true` fix gives the right instant, and is unsafe
//! because comparing the aware value with a naive one raises `TypeError`.
mod common;

use common::Project;

const PROGRAM: &str = r#"import os
import time

os.environ["TZ"] = "XYZ5"
time.tzset()

from datetime import datetime

T = 1_700_000_000


def parse(t):
    return datetime.utcfromtimestamp(t)


def now_epoch():
    return datetime.utcnow().timestamp()


print("parsed:", parse(T).isoformat())
print("read back:", parse(T).timestamp() - T)
print("now drift:", round((now_epoch() - time.time()) / 60) * 60)
try:
    print("compare:", parse(T) < datetime(2030, 1, 1))
except TypeError as error:
    print("compare:", error)
"#;

const TRAP: &str = "parsed: 2023-11-14T22:13:20\nread back: 18000.0\nnow drift: 18000\ncompare: True\n";

#[test]
fn the_safe_fix_keeps_the_naive_values() {
    let p = Project::new();
    p.write("stamps.py", PROGRAM);
    assert_eq!(p.python(&["stamps.py"]), TRAP, "the trap: five hours off");

    let run = p.run(&["apply", "--select", "naive-utc", "stamps.py"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 2 problems in 1 file (naive-utc: 2).\n");
    let fixed = p.read_string("stamps.py");
    assert!(fixed.contains("from datetime import datetime, timezone\n"), "{fixed}");
    assert!(fixed.contains("datetime.fromtimestamp(t, timezone.utc).replace(tzinfo=None)"), "{fixed}");
    assert!(fixed.contains("datetime.now(timezone.utc).replace(tzinfo=None).timestamp()"), "{fixed}");
    assert!(!fixed.contains(".utcnow("), "{fixed}");
    assert_eq!(p.python(&["stamps.py"]), TRAP, "the same values as before");
}

#[test]
fn the_aware_fix_gives_the_right_instant_and_is_unsafe() {
    let p = Project::new();
    p.write("stamps.py", PROGRAM);
    p.write("pitfix.toml", "[naive-utc]\naware = true\n");

    p.run(&["apply", "--select", "naive-utc", "stamps.py"]).code(0);
    assert_eq!(p.read_string("stamps.py"), PROGRAM, "unsafe: left alone without --unsafe-fixes");

    let run = p.run(&["apply", "--unsafe-fixes", "--select", "naive-utc", "stamps.py"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 2 problems in 1 file (naive-utc: 2).\n");
    assert_eq!(
        p.python(&["stamps.py"]),
        "parsed: 2023-11-14T22:13:20+00:00\nread back: 0.0\nnow drift: 0\n\
         compare: can't compare offset-naive and offset-aware datetimes\n",
        "the right instant; comparing with a naive value now raises"
    );
}

#[test]
fn the_aware_option_is_validated() {
    let p = Project::new();
    p.write("stamps.py", PROGRAM);
    p.write("pitfix.toml", "[naive-utc]\naware = \"yes\"\n");
    let run = p.run(&["check", "stamps.py"]);
    run.code(2);
    assert!(run.stderr.contains("pitfix.toml: `naive-utc` has `aware = \"yes\"`; it must be true or false"), "{}", run.stderr);
}
