//! The async-blocking-call fix changes what it should: under CPython, before `pitfix apply` a
//! `time.sleep` or a `subprocess.run` in a coroutine stops a ticker task for as long as it takes
//! (the largest gap between ticks, measured with a timer, is the whole call); after it, the
//! ticker keeps its pace, and the call's result is the same.
mod common;

use common::Project;

const PROGRAM: &str = r#"import asyncio
import subprocess
import sys
import time


async def ticker(gaps, stop):
    last = time.perf_counter()
    while not stop.is_set():
        await asyncio.sleep(0.01)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now


async def nap():
    time.sleep(0.4)
    return "slept"


async def child():
    return subprocess.run([sys.executable, "-c", "import time; time.sleep(0.4)"]).returncode


async def measure(work):
    gaps, stop = [], asyncio.Event()
    task = asyncio.create_task(ticker(gaps, stop))
    await asyncio.sleep(0.05)
    result = await work()
    await asyncio.sleep(0.05)
    stop.set()
    await task
    # The loop is blocked when one tick waited for most of the call.
    state = "blocked" if max(gaps) > 0.3 else "responsive" if max(gaps) < 0.2 else f"unclear {max(gaps):.3f}"
    print(work.__name__, result, state)


asyncio.run(measure(nap))
asyncio.run(measure(child))
"#;

#[test]
fn blocking_calls_stop_the_loop_until_they_are_awaited() {
    let p = Project::new();
    p.write("prog.py", PROGRAM);
    assert_eq!(
        p.python(&["prog.py"]),
        "nap slept blocked\nchild 0 blocked\n",
        "CPython runs nothing else while a coroutine blocks"
    );

    // The sleep's fix is safe (the module imports asyncio); the thread's is not.
    let run = p.run(&["apply", "--select", "async-blocking-call"]);
    run.code(0);
    assert_eq!(
        run.stderr,
        "Fixed 1 problem in 1 file (async-blocking-call: 1).\n\
         1 problem left without an applicable fix (`pitfix check` lists them).\n"
    );
    assert!(p.read_string("prog.py").contains("    await asyncio.sleep(0.4)\n"));
    assert_eq!(p.python(&["prog.py"]), "nap slept responsive\nchild 0 blocked\n");

    let run = p.run(&["apply", "--select", "async-blocking-call", "--unsafe-fixes"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 1 problem in 1 file (async-blocking-call: 1).\n");
    let fixed = p.read_string("prog.py");
    assert!(
        fixed.contains(
            "return (await asyncio.to_thread(subprocess.run, [sys.executable, \"-c\", \"import time; time.sleep(0.4)\"])).returncode"
        ),
        "{fixed}"
    );
    assert_eq!(p.python(&["prog.py"]), "nap slept responsive\nchild 0 responsive\n");
    p.run(&["diff", "--select", "async-blocking-call", "--unsafe-fixes"]).code(0);
}
