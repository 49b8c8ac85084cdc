//! exit-swallows reports what it should: run under CPython, an `__exit__` that always returns
//! `True` makes a bug in the `with` block (and `KeyboardInterrupt`) vanish, and the rest of the
//! block silently does not run. pitfix reports the `return True` and changes nothing; with the
//! change the finding asks for (a false value) the exceptions propagate, and nothing is reported.
mod common;

use common::Project;

const PROGRAM: &str = r#"class Transaction:
    def __enter__(self):
        self.state = "modified"
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.closed = True
        return True  # silently swallows all exceptions


def run(error):
    steps = []
    try:
        with Transaction() as tx:
            steps.append("begin")
            raise error
            steps.append("end")
        print(type(error).__name__, "swallowed; state", tx.state, "steps", steps)
    except BaseException as caught:
        print(type(caught).__name__, "propagated; steps", steps)


run(KeyError("user"))
run(KeyboardInterrupt())
"#;

#[test]
fn an_always_true_exit_swallows_bugs_and_ctrl_c() {
    let p = Project::new();
    p.write("tx.py", PROGRAM);
    assert_eq!(
        p.python(&["tx.py"]),
        "KeyError swallowed; state modified steps ['begin']\nKeyboardInterrupt swallowed; state modified steps ['begin']\n",
        "the trap: both exceptions vanish"
    );

    let check = p.run(&["check", "--select", "exit-swallows", "tx.py"]);
    check.code(1);
    assert_eq!(
        check.out(),
        "tx.py:8:9: exit-swallows `Transaction.__exit__` returns a true value on every path (`return True`): it \
         swallows every exception of its `with` block, KeyboardInterrupt and bugs included; return a false value \
         for those it does not handle\n"
    );
    // A report: nothing to apply.
    p.run(&["apply", "--unsafe-fixes", "--select", "exit-swallows", "tx.py"]).code(0);
    assert_eq!(p.read_string("tx.py"), PROGRAM);

    // The change the finding asks for.
    p.write("tx.py", PROGRAM.replace("return True  # silently", "return False  # no longer"));
    assert_eq!(
        p.python(&["tx.py"]),
        "KeyError propagated; steps ['begin']\nKeyboardInterrupt propagated; steps ['begin']\n"
    );
    p.run(&["check", "--select", "exit-swallows", "tx.py"]).code(0);
}
