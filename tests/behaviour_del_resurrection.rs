//! What del-resurrection reports is real: run under CPython, a `__del__` that stores `self` in a
//! module-level list brings the object back (the article's cycle, and a plain object freed by
//! its reference count), `gc.garbage` stays empty, and when the resurrected object dies again
//! its `__del__` does not run a second time. Keeping a copy of the state instead, which pitfix
//! leaves alone, lets the objects die.
mod common;

use common::Project;

const PROGRAM: &str = r#"import gc

_resurrection_bin = []
finalized = []


class LeakyNode:
    def __init__(self, data):
        self.data = data
        self.ref = None

    def __del__(self):
        finalized.append(self.data)
        _resurrection_bin.append(self)


a = LeakyNode("node_a")
b = LeakyNode("node_b")
a.ref = b
b.ref = a
c = LeakyNode("plain")
del a, b, c
gc.collect()
print("finalized", sorted(finalized), "garbage", gc.garbage)
print("kept", [type(kept).__name__ for kept in _resurrection_bin])
_resurrection_bin.clear()
gc.collect()
print("finalized", sorted(finalized))
"#;

#[test]
fn a_resurrected_object_is_not_finalized_again() {
    let p = Project::new();
    p.write("prog.py", PROGRAM);
    let run = p.run(&["check", "--select", "del-resurrection"]);
    run.code(1);
    assert!(run.out().starts_with("prog.py:14:9: del-resurrection `__del__` stores `self` in `_resurrection_bin`"), "{}", run.out());
    assert_eq!(
        p.python(&["prog.py"]),
        "finalized ['node_a', 'node_b', 'plain'] garbage []\n\
         kept ['LeakyNode', 'LeakyNode', 'LeakyNode']\n\
         finalized ['node_a', 'node_b', 'plain']\n",
        "the three objects come back, and die the second time without `__del__`"
    );

    // Stored as a copy of its state, the object stays dead: nothing to report.
    p.write("prog.py", PROGRAM.replace("_resurrection_bin.append(self)", "_resurrection_bin.append(self.data)"));
    p.run(&["check", "--select", "del-resurrection"]).code(0);
    assert_eq!(
        p.python(&["prog.py"]),
        "finalized ['node_a', 'node_b', 'plain'] garbage []\n\
         kept ['str', 'str', 'str']\n\
         finalized ['node_a', 'node_b', 'plain']\n"
    );
}
