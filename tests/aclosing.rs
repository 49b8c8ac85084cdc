//! async-gen-aclosing across files: the project index finds async generators defined in other
//! modules (relative and absolute imports, module aliases, re-exports), and the fixed code
//! closes them as soon as the consumer leaves the loop.
mod common;

use common::Project;

const STREAM: &str = r#"EVENTS = []


async def stream_records(n):
    try:
        for i in range(n):
            yield i
    finally:
        EVENTS.append("closed")


async def not_a_generator(n):
    return list(range(n))
"#;

const CONSUMERS: &str = r#"import asyncio

import pkg.stream as s
from pkg import stream_records as reexported
from pkg.stream import EVENTS, not_a_generator
from .stream import stream_records


async def relative():
    async for record in stream_records(10):
        if record == 2:
            break
    EVENTS.append(f"after relative: {record}")


async def aliased():
    async for record in s.stream_records(10):
        if record == 3:
            return record


async def through_init():
    async for record in reexported(10):
        raise ValueError(record)


async def untouched():
    async for record in stream_records(3):
        EVENTS.append(record)
    for value in await not_a_generator(2):
        EVENTS.append(value)


async def main():
    await relative()
    EVENTS.append(f"aliased returned {await aliased()}")
    EVENTS.append("after aliased")
    try:
        await through_init()
    except ValueError:
        EVENTS.append("after through_init")
    await untouched()
    print(EVENTS)


asyncio.run(main())
"#;

fn setup() -> Project {
    let p = Project::new();
    p.write("pkg/__init__.py", "from .stream import stream_records\n");
    p.write("pkg/stream.py", STREAM);
    p.write("pkg/consumers.py", CONSUMERS);
    p
}

#[test]
fn generators_in_other_modules_are_closed_when_the_loop_is_left() {
    let p = setup();
    // Before: the abandoned generators are not closed while `main` runs: their `finally` has
    // not run when the code after each loop runs, nor by the end of `main`.
    assert_eq!(
        p.python(&["-m", "pkg.consumers"]),
        "['after relative: 2', 'aliased returned 3', 'after aliased', 'after through_init', 0, 1, 2, 'closed', 0, 1]\n"
    );

    let run = p.run(&["apply", "--select", "async-gen-aclosing"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 3 problems in 1 file (async-gen-aclosing: 3).\n");
    let fixed = p.read_string("pkg/consumers.py");
    assert!(fixed.contains("from contextlib import aclosing\n"), "{fixed}");
    assert!(fixed.contains("    async with aclosing(stream_records(10)) as records:\n        async for record in records:\n            if record == 2:\n                break\n    EVENTS.append"), "{fixed}");
    assert!(fixed.contains("    async with aclosing(s.stream_records(10)) as records:\n"), "{fixed}");
    assert!(fixed.contains("    async with aclosing(reexported(10)) as agen:\n"), "{fixed}");
    assert!(fixed.contains("async def untouched():\n    async for record in stream_records(3):\n"), "{fixed}");

    // After: each generator's `finally` has run before the statement after the loop.
    assert_eq!(
        p.python(&["-m", "pkg.consumers"]),
        "['closed', 'after relative: 2', 'closed', 'aliased returned 3', 'after aliased', 'closed', 'after through_init', 0, 1, 2, 'closed', 0, 1]\n"
    );
    p.run(&["diff", "--select", "async-gen-aclosing"]).code(0);
}

#[test]
fn unknown_and_unprocessed_modules_are_not_guessed() {
    let p = setup();
    // Only the consumer is processed: its imports cannot be resolved, so nothing is reported
    // but the same-module cases (none here).
    let run = p.run(&["check", "--select", "async-gen-aclosing", "pkg/consumers.py"]);
    run.code(0);
    // With the whole package, all three are found.
    let run = p.run(&["check", "--select", "async-gen-aclosing", "pkg"]);
    run.code(1);
    assert_eq!(run.out().lines().count(), 3, "{}", run.out());
}

#[test]
fn src_layout_and_absolute_imports() {
    let p = Project::new();
    p.write("src/lib/__init__.py", "");
    p.write("src/lib/feed.py", "async def iter_items():\n    yield 1\n");
    p.write("scripts/run.py", "from lib.feed import iter_items\n\n\nasync def first():\n    async for item in iter_items():\n        return item\n");
    let run = p.run(&["check", "--select", "async-gen-aclosing", "src", "scripts"]);
    run.code(1);
    assert!(run.out().starts_with("scripts/run.py:5:23: async-gen-aclosing "), "{}", run.out());
}

#[test]
fn mode_option_is_validated() {
    let p = setup();
    p.write("pitfix.toml", "[async-gen-aclosing]\nmode = \"sometimes\"\n");
    let run = p.run(&["check", "pkg"]);
    run.code(2);
    assert!(run.stderr.contains("pitfix.toml: `async-gen-aclosing` has `mode = \"sometimes\"`"), "{}", run.stderr);
}
