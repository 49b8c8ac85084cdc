//! The process-pool-lambda fix makes the work reach the workers: run under CPython before
//! `pitfix apply`, a lambda and a nested function handed to a real `ProcessPoolExecutor`,
//! `multiprocessing.Pool` and a `spawn` `Process` fail to pickle; after it, each runs in its
//! worker and gives its result.
mod common;

use common::Project;

const PROGRAM: &str = r#"import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def scale_all(values, factor):
    with ProcessPoolExecutor(max_workers=2) as executor:
        futures = [executor.submit(lambda v: v * factor, v) for v in values]
        return [f.result() for f in futures]


def run(data):
    def work(x):
        return x + 1

    with multiprocessing.Pool(2) as pool:
        return pool.map(work, data)


def spawn_child(queue, greeting):
    ctx = multiprocessing.get_context("spawn")
    child = ctx.Process(target=lambda: queue.put(greeting.upper()))
    child.start()
    child.join()
    return queue.get(timeout=60)


def attempt(label, function, *args):
    try:
        print(label, function(*args))
    except Exception as error:
        print(label, type(error).__name__, str(error).split(" at 0x")[0])


if __name__ == "__main__":
    # The article's example: a lambda at module level.
    with multiprocessing.Pool(2) as p:
        try:
            print("article", p.map(lambda x: x * 2, range(5)))
        except Exception as error:
            print("article", type(error).__name__, str(error).split(" at 0x")[0])
    attempt("executor", scale_all, [1, 2, 3], 10)
    attempt("pool", run, [1, 2, 3])
    attempt("spawn", spawn_child, multiprocessing.get_context("spawn").Queue(), "hello")
"#;

#[test]
fn lambdas_and_nested_functions_reach_the_workers() {
    let p = Project::new();
    p.write("prog.py", PROGRAM);
    assert_eq!(
        p.python(&["prog.py"]),
        "article PicklingError Can't pickle <function <lambda>\n\
         executor AttributeError Can't pickle local object 'scale_all.<locals>.<listcomp>.<lambda>'\n\
         pool AttributeError Can't pickle local object 'run.<locals>.work'\n\
         spawn AttributeError Can't pickle local object 'spawn_child.<locals>.<lambda>'\n",
        "CPython pickles what a process pool or a spawned process runs"
    );

    // The pools' fixes are safe: the original cannot have worked.
    let run = p.run(&["apply", "--select", "process-pool-lambda"]);
    run.code(0);
    assert_eq!(
        run.stderr,
        "Fixed 3 problems in 1 file (process-pool-lambda: 3).\n\
         1 problem left without an applicable fix (`pitfix check` lists them).\n"
    );
    let fixed = p.read_string("prog.py");
    assert!(fixed.contains("def _scale_all_task(v, *, factor):\n    return v * factor\n"), "{fixed}");
    assert!(fixed.contains("executor.submit(partial(_scale_all_task, factor=factor), v)"), "{fixed}");
    assert!(fixed.contains("def _run_work(x):\n    return x + 1\n\n\ndef run(data):\n    with"), "{fixed}");
    assert!(fixed.contains("print(\"article\", p.map(_task, range(5)))"), "{fixed}");

    // A `Process` target that reads local names is unsafe: under `fork` the lambda works today.
    let run = p.run(&["apply", "--select", "process-pool-lambda", "--unsafe-fixes"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 1 problem in 1 file (process-pool-lambda: 1).\n");
    let fixed = p.read_string("prog.py");
    assert!(fixed.contains("ctx.Process(target=partial(_spawn_child_task, queue=queue, greeting=greeting))"), "{fixed}");

    assert_eq!(
        p.python(&["prog.py"]),
        "article [0, 2, 4, 6, 8]\n\
         executor [10, 20, 30]\n\
         pool [2, 3, 4]\n\
         spawn HELLO\n"
    );
    p.run(&["diff", "--select", "process-pool-lambda", "--unsafe-fixes"]).code(0);
}
