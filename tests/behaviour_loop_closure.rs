//! The loop-closure fix changes what it should: run under CPython before `pitfix apply`, every
//! callback, thread and executor job sees the last iteration's value; after it, each sees its own.
mod common;

use common::Project;

const PROGRAM: &str = r#"import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

# Callbacks kept in a list and in a dict, called after the loop.
callbacks = []
for m in ["cpu", "disk", "net"]:
    callbacks.append(lambda: f"Recording {m}")
print(*[cb() for cb in callbacks], sep=", ")

handlers = {}
for i, name in enumerate(["open", "save"]):
    label = name.upper()
    handlers[name] = lambda value: (i, label, value)
print(handlers["open"]("x"), handlers["save"]("y"))


# A nested function stored per item, with a parameter of its own.
class Menu:
    def __init__(self, items):
        self.entries = []
        for item in items:
            def show(prefix=">"):
                return f"{prefix} {self.title}: {item}"
            self.entries.append(show)

    title = "menu"


print([show() for show in Menu(["a", "b"]).entries])

# Threads that start before the loop moves on but run their body after it ended.
gate = threading.Event()
results = []
threads = []
for n in range(3):
    thread = threading.Thread(target=lambda: (gate.wait(), results.append(n)))
    thread.start()
    threads.append(thread)
gate.set()
for thread in threads:
    thread.join()
print("threads", sorted(results))

# Executor jobs made in a comprehension, released together.
release = threading.Event()
with ThreadPoolExecutor(max_workers=3) as pool:
    futures = [pool.submit(lambda: (release.wait(), word)[1]) for word in ["x", "y", "z"]]
    release.set()
    print("executor", [f.result() for f in futures])


# Event-loop callbacks run after the loop that scheduled them.
async def main():
    loop = asyncio.get_running_loop()
    seen = []
    for k in range(3):
        loop.call_soon(lambda: seen.append(k))
    await asyncio.sleep(0)
    print("call_soon", seen)


asyncio.run(main())

# Used at once: right as it is, and left alone.
print(sorted([3, 1, 2], key=lambda v: -v), [(lambda: j)() for j in range(3)])
"#;

#[test]
fn callbacks_threads_and_jobs_see_their_own_iteration() {
    let p = Project::new();
    p.write("prog.py", PROGRAM);
    assert_eq!(
        p.python(&["prog.py"]),
        "Recording net, Recording net, Recording net\n\
         (1, 'SAVE', 'x') (1, 'SAVE', 'y')\n\
         ['> menu: b', '> menu: b']\n\
         threads [2, 2, 2]\n\
         executor ['z', 'z', 'z']\n\
         call_soon [2, 2, 2]\n\
         [3, 2, 1] [0, 1, 2]\n",
        "CPython looks the loop variables up when the closures run"
    );

    // The safe fixes alone: closures without parameters, stored or handed to a runner.
    let run = p.run(&["apply", "--select", "loop-closure"]);
    run.code(0);
    assert_eq!(
        run.stderr,
        "Fixed 4 problems in 1 file (loop-closure: 4).\n\
         3 problems left without an applicable fix (`pitfix check` lists them).\n"
    );
    let fixed = p.read_string("prog.py");
    assert!(fixed.contains("callbacks.append(lambda m=m: f\"Recording {m}\")"), "{fixed}");
    assert!(fixed.contains("pool.submit(lambda word=word: (release.wait(), word)[1])"), "{fixed}");

    // The rest needs --unsafe-fixes: those closures take parameters of their own.
    let run = p.run(&["apply", "--select", "loop-closure", "--unsafe-fixes"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 3 problems in 1 file (loop-closure: 3).\n");
    let fixed = p.read_string("prog.py");
    assert!(fixed.contains("handlers[name] = lambda value, i=i, label=label: (i, label, value)"), "{fixed}");
    assert!(fixed.contains("def show(prefix=\">\", item=item):"), "{fixed}");

    assert_eq!(
        p.python(&["prog.py"]),
        "Recording cpu, Recording disk, Recording net\n\
         (0, 'OPEN', 'x') (1, 'SAVE', 'y')\n\
         ['> menu: a', '> menu: b']\n\
         threads [0, 1, 2]\n\
         executor ['x', 'y', 'z']\n\
         call_soon [0, 1, 2]\n\
         [3, 2, 1] [0, 1, 2]\n"
    );
    p.run(&["diff", "--select", "loop-closure", "--unsafe-fixes"]).code(0);
}
