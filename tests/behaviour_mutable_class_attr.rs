//! The mutable-class-attr fix under CPython: two carts made from a class with `items = []` share
//! one list, so an item added to one shows in the other; after `pitfix apply --unsafe-fixes` each
//! cart gets its own list in `__init__`, and the rest of the program behaves as before.
mod common;

use common::Project;

const PROGRAM: &str = r#"class Cart:
    items = []

    def add(self, item):
        self.items.append(item)


class Shop:
    """Orders per customer."""

    orders = {}  # customer -> items

    def __init__(self, name):
        self.name = name

    def order(self, customer, item):
        self.orders.setdefault(customer, []).append(item)


a, b = Cart(), Cart()
a.add("apple")
print("a:", a.items, "b:", b.items, "same:", a.items is b.items)
north, south = Shop("north"), Shop("south")
north.order("ann", "tea")
print("south:", south.orders, "north:", north.orders, south.name)
"#;

#[test]
fn each_instance_gets_its_own_list() {
    let p = Project::new();
    p.write("cart.py", PROGRAM);
    assert_eq!(
        p.python(&["cart.py"]),
        "a: ['apple'] b: ['apple'] same: True\nsouth: {'ann': ['tea']} north: {'ann': ['tea']} south\n",
        "the trap: both instances share one list and one dict"
    );

    let run = p.run(&["apply", "--select", "mutable-class-attr", "cart.py"]);
    run.code(0);
    assert_eq!(p.read_string("cart.py"), PROGRAM, "an unsafe fix waits for --unsafe-fixes");

    let run = p.run(&["apply", "--unsafe-fixes", "--select", "mutable-class-attr", "cart.py"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 2 problems in 1 file (mutable-class-attr: 2).\n");
    let fixed = p.read_string("cart.py");
    assert!(fixed.contains("class Cart:\n    def __init__(self):\n        self.items = []\n\n    def add"), "{fixed}");
    assert!(fixed.contains("        self.orders = {}  # customer -> items\n        self.name = name\n"), "{fixed}");
    assert!(!fixed.contains("    items = []\n"), "{fixed}");

    assert_eq!(
        p.python(&["cart.py"]),
        "a: ['apple'] b: [] same: False\nsouth: {} north: {'ann': ['tea']} south\n",
        "after the fix: each instance has its own"
    );
}
