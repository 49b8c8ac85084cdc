//! assert-tuple fixes what it says: run under CPython, `assert (amount <= balance, "...")` never
//! fails (a two-item tuple is true), so an overdraft goes through; after `pitfix apply` the same
//! call raises `AssertionError` with the message, and a second run finds nothing.
mod common;

use common::Project;

const PROGRAM: &str = r#"def withdraw(balance, amount):
    assert (amount <= balance, f"cannot withdraw {amount} from {balance}")
    assert (
        amount > 0,  # no zero or negative withdrawals
        "amount must be positive",
    )
    return balance - amount


for amount in (30, 500, -5):
    try:
        print("balance", withdraw(100, amount))
    except AssertionError as error:
        print("refused:", error)
"#;

#[test]
fn an_asserted_tuple_never_fails_and_the_fix_makes_it_check() {
    let p = Project::new();
    p.write("bank.py", PROGRAM);
    assert_eq!(
        p.python(&["bank.py"]),
        "balance 70\nbalance -400\nbalance 105\n",
        "the trap: both checks are always true"
    );

    p.run(&["apply", "--select", "assert-tuple", "bank.py"]).code(0);
    assert!(!p.read_string("bank.py").contains("assert (amount <= balance,"));
    assert_eq!(
        p.python(&["bank.py"]),
        "balance 70\nrefused: cannot withdraw 500 from 100\nrefused: amount must be positive\n",
        "after the fix both checks run"
    );
    p.run(&["check", "--select", "assert-tuple", "bank.py"]).code(0);
}
