//! The dangling-task fix under CPython: a task that waits on a future only weak references reach
//! (a publisher that holds its subscribers weakly) is garbage-collected mid-execution when nothing
//! keeps it, shown deterministically with `gc.collect()` and a weak reference to the task; after
//! `pitfix apply` the module's set keeps it, it survives the collection, finishes, and leaves
//! the set once done.
mod common;

use common::Project;

const PROGRAM: &str = r#"import asyncio
import gc
import weakref

waiters = weakref.WeakSet()
finished = []


async def deliver(n):
    fut = asyncio.get_running_loop().create_future()
    waiters.add(fut)
    await fut
    finished.append(n)


def notify(n):
    asyncio.create_task(deliver(n))


async def main():
    notify(1)
    await asyncio.sleep(0)
    pending = [weakref.ref(t) for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    gc.collect()
    print("alive after gc:", sum(ref() is not None for ref in pending))
    for fut in list(waiters):
        fut.set_result(None)
    for _ in range(3):
        await asyncio.sleep(0)
    print("finished:", finished)
    print("kept:", len(globals().get("_background_tasks", ())))


asyncio.run(main())
"#;

#[test]
fn a_kept_task_survives_the_collector_and_finishes() {
    let p = Project::new();
    p.write("notify.py", PROGRAM);
    assert_eq!(
        p.python(&["notify.py"]),
        "alive after gc: 0\nfinished: []\nkept: 0\n",
        "the trap: the pending task is collected and never finishes"
    );

    let run = p.run(&["apply", "--select", "dangling-task", "notify.py"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 1 problem in 1 file (dangling-task: 1).\n");
    let fixed = p.read_string("notify.py");
    assert!(fixed.contains("import weakref\n_background_tasks: set[asyncio.Task] = set()\n"), "{fixed}");
    assert!(
        fixed.contains(
            "    task = asyncio.create_task(deliver(n))\n    _background_tasks.add(task)\n    \
             task.add_done_callback(_background_tasks.discard)\n"
        ),
        "{fixed}"
    );
    assert_eq!(
        p.python(&["notify.py"]),
        "alive after gc: 1\nfinished: [1]\nkept: 0\n",
        "kept until done, then dropped from the set"
    );
    p.run(&["diff", "--select", "dangling-task", "notify.py"]).code(0);
}
