//! The missing-wraps fix changes what it should: run under CPython before `pitfix apply`, a
//! decorated function is called `wrapper`, has no docstring and no `__wrapped__`, cannot be
//! pickled, and two views decorated by the same decorator collide in a name-keyed registry (as
//! Flask's endpoints do); after it, each keeps its own identity. A wrapper with another signature
//! than `(*args, **kwargs)` is fixed only with `--unsafe-fixes`, which changes its signature as
//! `inspect.signature` reports it.
mod common;

use common::Project;

const PROGRAM: &str = r#"import inspect
import pickle
import time


def timer(func):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        result = func(*args, **kwargs)
        _ = time.perf_counter() - start
        return result
    return wrapper


def route(registry):
    def decorator(view):
        def wrapper(*args, **kwargs):
            return view(*args, **kwargs)
        if wrapper.__name__ in registry:
            raise AssertionError(f"View function mapping is overwriting an existing endpoint function: {wrapper.__name__}")
        registry[wrapper.__name__] = wrapper
        return wrapper
    return decorator


@timer
def train(epochs):
    """Train the model."""
    return epochs * 2


print("name:", train.__name__, train.__qualname__)
print("doc:", train.__doc__)
print("wrapped:", getattr(train, "__wrapped__", None) is not None)
print("result:", train(3))
try:
    pickle.dumps(train)
    print("pickle: ok")
except (pickle.PicklingError, AttributeError) as error:
    print("pickle: fails")

endpoints = {}
try:
    @route(endpoints)
    def index():
        return "index"

    @route(endpoints)
    def about():
        return "about"
    print("endpoints:", sorted(endpoints))
except AssertionError as error:
    print("endpoints:", error)
"#;

const SIGNATURE: &str = r#"import inspect


def with_retries(func):
    def wrapper(url, retries=3):
        for _ in range(retries):
            try:
                return func(url)
            except OSError:
                pass
        raise OSError(url)
    return wrapper


@with_retries
def fetch(url, *, timeout=10):
    """Fetch a URL."""
    return url


print(fetch.__name__, inspect.signature(fetch))
"#;

#[test]
fn decorated_functions_keep_their_identity() {
    let p = Project::new();
    p.write("app.py", PROGRAM);
    assert_eq!(
        p.python(&["app.py"]),
        "name: wrapper timer.<locals>.wrapper\ndoc: None\nwrapped: False\nresult: 6\npickle: fails\n\
         endpoints: View function mapping is overwriting an existing endpoint function: wrapper\n",
        "the trap: every decorated function is `wrapper`"
    );

    let run = p.run(&["apply", "--select", "missing-wraps", "app.py"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 2 problems in 1 file (missing-wraps: 2).\n");
    let fixed = p.read_string("app.py");
    assert!(fixed.starts_with("import inspect\nimport pickle\nimport time\nimport functools\n"), "{fixed}");
    assert!(fixed.contains("    @functools.wraps(func)\n    def wrapper(*args, **kwargs):\n"), "{fixed}");
    assert!(fixed.contains("        @functools.wraps(view)\n        def wrapper(*args, **kwargs):\n"), "{fixed}");

    assert_eq!(
        p.python(&["app.py"]),
        "name: train train\ndoc: Train the model.\nwrapped: True\nresult: 6\npickle: ok\nendpoints: ['about', 'index']\n"
    );
    p.run(&["diff", "--select", "missing-wraps", "app.py"]).code(0);
}

#[test]
fn another_signature_is_fixed_only_with_unsafe_fixes() {
    let p = Project::new();
    p.write("fetch.py", SIGNATURE);
    assert_eq!(p.python(&["fetch.py"]), "wrapper (url, retries=3)\n");

    p.run(&["apply", "--select", "missing-wraps", "fetch.py"]).code(0);
    assert_eq!(p.read_string("fetch.py"), SIGNATURE, "the safe run leaves it");

    let run = p.run(&["apply", "--unsafe-fixes", "--select", "missing-wraps", "fetch.py"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 1 problem in 1 file (missing-wraps: 1).\n");
    // The name comes back, and `inspect.signature` now reports the wrapped function's parameters:
    // why the fix is unsafe for this wrapper.
    assert_eq!(p.python(&["fetch.py"]), "fetch (url, *, timeout=10)\n");
}
