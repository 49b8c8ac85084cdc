//! call-default fixes what it says: run under CPython, `def stamp(label, at=datetime.now())`
//! gives every call the time of the `def` (and `uuid4()` one id for every call); after
//! `pitfix apply` each call gets its own time and id, and a second run finds nothing.
mod common;

use common::Project;

const PROGRAM: &str = r#"import time
import uuid
from datetime import datetime


def stamp(label, at=datetime.now(), ident=uuid.uuid4()):
    """Label with the current time and a new id."""
    return at, ident


first = stamp("a")
time.sleep(0.01)
second = stamp("b")
print("same time:", first[0] == second[0], "same id:", first[1] == second[1])
"#;

#[test]
fn a_call_in_a_default_runs_once_and_the_fix_runs_it_at_each_call() {
    let p = Project::new();
    p.write("stamp.py", PROGRAM);
    assert_eq!(p.python(&["stamp.py"]), "same time: True same id: True\n", "the trap: one time and one id");

    let check = p.run(&["check", "--select", "call-default", "stamp.py"]);
    check.code(1);
    assert!(check.out().starts_with("stamp.py:6:21: call-default the default `at=datetime.now()`"), "{}", check.out());

    p.run(&["apply", "--select", "call-default", "stamp.py"]).code(0);
    assert!(p.read_string("stamp.py").contains("if at is None:\n        at = datetime.now()"));
    assert_eq!(p.python(&["stamp.py"]), "same time: False same id: False\n", "after the fix: fresh values");
    p.run(&["check", "--select", "call-default", "stamp.py"]).code(0);
}
