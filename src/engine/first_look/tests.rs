use ruff_python_parser::parse_module;

use super::first_look;
use crate::transforms::ALL;

fn may_report(source: &str) -> bool {
    let parsed = parse_module(source).expect("test source parses");
    first_look(parsed.syntax(), ALL, false).reporting.contains(&true)
}

/// [`may_report`] with every transform but call-default, which says yes to any call in a
/// default.
fn may_report_without_call_default(source: &str) -> bool {
    let parsed = parse_module(source).expect("test source parses");
    let transforms: Vec<_> = ALL.iter().copied().filter(|t| t.rule().id != "call-default").collect();
    first_look(parsed.syntax(), &transforms, false).reporting.contains(&true)
}

#[test]
fn plain_code_needs_no_model() {
    assert!(!may_report("import os\n\ndef f(a, b=None):\n    return [x for x in a if x is not None]\n"));
    assert!(!may_report("class C(Base):\n    items = []\n    def __init__(self, x):\n        self.x = x\n"));
    assert!(!may_report("for x in xs:\n    print(x)\nf = lambda: 1\n"));
    assert!(!may_report("assert x, 'message'\nassert (x), 'm'\nassert ()\n"));
    assert!(!may_report("import re\nre.sub(p, r, s)\nre.split(p, s)\nother(a, b, c, re.I)\n"));
    assert!(!may_report("def f(a=1, b=None, c=(1, 2)):\n    pass\n"));
}

#[test]
fn each_trap_shape_says_yes() {
    assert!(may_report("def f(a=[]):\n    pass\n"));
    assert!(may_report("f = lambda a={}: a\n"));
    assert!(may_report("if x is 1:\n    pass\n"));
    assert!(may_report("for x in xs:\n    fs.append(lambda: x)\n"));
    assert!(may_report("async def f():\n    async for x in g():\n        break\n"));
    assert!(may_report("class P(tuple):\n    def __init__(self, a, b):\n        pass\n"));
    assert!(may_report("@dataclass\nclass C:\n    items: list = []\n"));
    assert!(may_report("import time\nasync def f():\n    time.sleep(1)\n"));
    assert!(may_report("async def f():\n    input()\n"));
    assert!(may_report("g = gen()\ng.send(1)\n"));
    assert!(may_report("assert (x > 0, 'positive')\n"));
    assert!(may_report("import re\nre.sub(p, r, s, re.I)\n"));
    assert!(may_report("from re import split as cut\ncut(p, s, M)\n"));
    assert!(may_report("def f(at=now()):\n    pass\n"));
    assert!(may_report("f = lambda at=now(): at\n"));
}

#[test]
fn blocking_names_count_in_async_code_only() {
    assert!(!may_report("import requests\ndef f(d):\n    return d.get(1)\n"));
    assert!(!may_report("async def f(d):\n    return d.get(1)\n"), "no import of requests");
    assert!(!may_report("import requests\nasync def f():\n    def g(d):\n        return d.get(1)\n    return 1\n"));
    assert!(may_report("async def f(d):\n    return d.get(1)\nfrom requests import get\n"));
}

#[test]
fn conditions_judged_on_the_whole_module() {
    // A renamed import may be a mutable constructor.
    assert!(may_report("def f(a=dd(list)):\n    pass\nfrom collections import defaultdict as dd\n"));
    assert!(!may_report_without_call_default("def f(a=make(list)):\n    pass\n"));
    // A plain class's container counts when the module changes that attribute in place.
    assert!(may_report("class C:\n    items = []\ndef add(c):\n    c.items.append(1)\n"));
    assert!(!may_report("class C:\n    items = []\ndef add(c):\n    c.items = [1]\n"));
    // A base that is a class of the module deriving from an immutable type, at any depth.
    let chain = "class A(str):\n    pass\nclass B(A):\n    pass\nclass C(B):\n    def __init__(self, a, b):\n        pass\n";
    assert!(may_report(chain));
    assert!(!may_report("class A:\n    pass\nclass C(A):\n    def __init__(self, a, b):\n        pass\n"));
    // Builtin classes bring no metaclass, unless the module rebinds their names.
    assert!(!may_report("class E(Base, ValueError):\n    pass\n"));
    assert!(may_report("class E(Base, ValueError):\n    pass\nfrom errors import ValueError\n"));
    assert!(may_report("class E(Base, Mixin):\n    pass\n"));
    // A class that names itself as its base does not loop.
    assert!(!may_report("class A(A):\n    def __init__(self, a, b):\n        pass\n"));
}

/// [`may_report`] with the index facts gathered, as in a run where a transform reads the index.
fn may_report_with_index(source: &str) -> bool {
    let parsed = parse_module(source).expect("test source parses");
    first_look(parsed.syntax(), ALL, true).reporting.contains(&true)
}

#[test]
fn a_mixin_of_the_module_brings_no_metaclass() {
    let plain_mixin = "class Mixin:\n    pass\n\n\nclass C(Base, Mixin):\n    pass\n";
    assert!(!may_report_with_index(plain_mixin));
    assert!(may_report(plain_mixin), "without the index facts every source may bring one");
    let abstract_mixin = "import abc\nfrom models import Base\n\n\nclass Mixin(abc.ABC):\n    pass\n\n\nclass C(Base, Mixin):\n    pass\n";
    assert!(may_report_with_index(abstract_mixin));
    let rebound = "from models import Base\n\n\nclass Mixin:\n    pass\n\n\nMixin = make()\n\n\nclass C(Base, Mixin):\n    pass\n";
    assert!(may_report_with_index(rebound), "a rebound name may be anything");
}

#[test]
fn a_metaclass_keyword_brings_itself() {
    let source = "from b import B\n\n\nclass MetaA(type):\n    pass\n\n\nclass A(metaclass=MetaA):\n    pass\n\n\nclass C(A, B):\n    pass\n";
    assert!(may_report_with_index(source));
    let plain = "class A(metaclass=type):\n    pass\n\n\nclass C(A, B):\n    pass\n";
    assert!(!may_report_with_index(plain));
}

#[test]
fn a_class_with_a_source_the_check_cannot_know_is_skipped() {
    // The check reports only when it knows every source's metaclass.
    let abstract_mixin = "import abc\n\n\nclass Mixin(abc.ABC):\n    pass\n\n\n";
    let with = |base: &str| format!("{abstract_mixin}class C({base}, Mixin):\n    pass\n");
    assert!(!may_report_with_index(&with("Base")), "an unbound name");
    assert!(!may_report_with_index(&format!("import socketserver\n{}", with("socketserver.TCPServer"))), "a standard library class without a known metaclass");
    assert!(!may_report_with_index(&format!("import six\n{}", with("six.with_metaclass(Meta)"))), "a call");
    assert!(!may_report_with_index(&format!("from models import Base\nclass D(Base, Mixin, **options):\n    pass\n{abstract_mixin}")));
    assert!(may_report_with_index(&format!("from models import Base\n{}", with("Base"))), "an import the index may know");
    assert!(may_report_with_index(&format!("from .models import Base\n{}", with("Base"))), "a relative import");
    assert!(may_report_with_index(&format!("import enum\n{}", with("enum.Enum"))), "a library class");
    assert!(may_report_with_index(&format!("import socketserver\nasync def f():\n    async for x in g():\n        pass\n{}", with("socketserver.TCPServer"))), "a file that may wait for the index anyway");
}

#[test]
fn a_send_counts_when_its_receiver_may_be_a_generator() {
    let generator = "def averager():\n    total = yield\n";
    assert!(may_report_with_index(&format!("{generator}g = averager()\ng.send(1)\n")));
    let connection = "def connect():\n    return make()\ns = connect()\ns.send(b'x')\n";
    assert!(!may_report_with_index(connection), "no generator of the module reads what yield gives back, and nothing is imported");
    assert!(may_report_with_index("from pkg import averager\ng = averager()\ng.send(1)\n"), "an imported generator");
    assert!(!may_report_with_index(&format!("{generator}g = averager()\ng.send(None)\n")), "sending None starts it");
    assert!(!may_report_with_index(&format!("{generator}g.send(1)\n")), "not assigned a call");
}

#[test]
fn a_memoryview_counts_when_it_is_sliced() {
    assert!(may_report_with_index("def f(self, data):\n    self.h = memoryview(data)[:4]\n"));
    assert!(may_report_with_index("def f(self, data):\n    view = memoryview(data)\n    self.h = view[4:]\n"));
    assert!(!may_report_with_index("def f(self, data):\n    self.h = memoryview(data)\n    self.t = data[4:]\n"), "a slice of something else");
    assert!(!may_report_with_index("def f(self, data):\n    view = memoryview(data)\n    self.h = view[:]\n"), "the whole view");
}

#[test]
fn a_memoryview_slice_counts_where_it_may_be_kept() {
    let view = "def f(sock, data, items):\n    view = memoryview(data)\n";
    // Used and dropped: handed to a call that keeps nothing, compared, sliced again.
    for dropped in ["sock.send(view[4:])", "n = len(view[4:]) + 1", "if view[:4] == b'ab':\n        pass", "a, b = view[:2], view[2:]", "items.append(view[2:], key=1)", "view[2:4] = b'xy'"] {
        assert!(!may_report_with_index(&format!("{view}    {dropped}\n")), "{dropped}");
    }
    // Kept, or put in a local that may be: returned, yielded, stored, appended, through containers.
    for kept in [
        "return view[4:]", "return (1, [view[4:]])", "yield {'k': view[4:]}", "self.h = view[4:]", "items[0] = view[4:]",
        "items.append((view[4:], 1))", "items.insert(0, view[4:])", "part: memoryview = view[4:]", "part = view[4:]",
        "return [view[i:i + 2] for i in range(4)]", "return {k: view[k:] for k in range(4)}",
    ] {
        assert!(may_report_with_index(&format!("{view}    {kept}\n")), "{kept}");
    }
    assert!(may_report_with_index("def f(data):\n    return memoryview(data)[4:]\n"), "a slice of the call itself");
}

#[test]
fn a_finalizer_counts_when_it_may_store_its_instance() {
    let class = |body: &str| format!("class C:\n    def __del__(self):\n{body}");
    // Cleaning up is what a finalizer is for.
    assert!(!may_report(&class("        self.close()\n        self._file = None\n        log.append(len(self.items))\n")));
    assert!(!may_report(&class("        def later():\n            _bin.append(self)\n")));
    assert!(!may_report("def __del__():\n    _bin.append(1)\n"), "no instance parameter");
    for stores in [
        "        _bin.append(self)\n",
        "        if x:\n            atexit.register(self.close)\n",
        "        global LAST\n        LAST = self\n",
        "        C.kept = (1, [self])\n",
        "        with lock:\n            handlers['x'] = lambda: self.flush()\n",
        "        setattr(C, 'last', self)\n",
    ] {
        assert!(may_report(&class(stores)), "{stores}");
    }
}

#[test]
fn a_pool_call_counts_when_it_may_send_a_local_function() {
    let module = |code: &str| format!("from multiprocessing import Pool, Process\n{code}");
    assert!(!may_report(&module("with Pool() as pool:\n    pool.map(work, items)\n")), "a module-level function pickles");
    assert!(!may_report(&module("def main(pool):\n    pool.map(self.work, items)\n    pool.submit(partial(f, 1))\n")));
    assert!(may_report(&module("with Pool() as pool:\n    pool.map(lambda x: x, items)\n")));
    assert!(may_report(&module("def main(pool):\n    def work(x):\n        return x\n    pool.map(work, items)\n")));
    assert!(may_report(&module("def main():\n    Process(target=work).start()\n")));
    assert!(may_report(&module("def main(ex):\n    ex.submit(fn=work)\n")));
}

#[test]
fn a_returned_inner_function_counts_when_it_calls_a_parameter() {
    let decorator = "def deco(func):\n    def wrapper(*a):\n        return func(*a)\n    return wrapper\n";
    assert!(may_report(decorator));
    assert!(may_report("def deco(func=None):\n    def wrapper():\n        if x:\n            return func()\n    return wrapper\n"));
    // A factory of closures decorates nothing.
    assert!(!may_report("def make(prefix):\n    def show(x):\n        return prefix + x\n    return show\n"));
    assert!(!may_report("def make(*funcs):\n    def run():\n        return funcs[0]()\n    return run\n"));
    assert!(!may_report("def make(kind=list):\n    def new():\n        return kind()\n    return new\n"));
    assert!(!may_report("def deco(func):\n    @functools.wraps(func)\n    def wrapper(*a):\n        return func(*a)\n    return wrapper\n"));
    // Only a function of the decorator's own code counts, and only one it returns.
    assert!(!may_report("def deco(func):\n    class C:\n        def wrapper(self):\n            return func()\n    return wrapper\n"));
    assert!(!may_report("def deco(func):\n    def wrapper(*a):\n        return func(*a)\n    return other\n"));
    assert!(!may_report("def deco(func):\n    def wrapper(*a):\n        return func(*a)\n    def inner():\n        return wrapper\n"));
    assert!(may_report("def deco(func):\n    if x:\n        def wrapper(*a):\n            return func(*a)\n    else:\n        return func\n    return wrapper\n"));
    assert!(may_report("class C:\n    def deco(self, func):\n        def wrapper(*a):\n            return func(*a)\n        return wrapper\n"));
}

#[test]
fn a_closure_in_a_loop_counts_when_it_reads_a_name_the_loop_binds() {
    assert!(!may_report("for row in rows:\n    rows2 = sorted(row, key=lambda cell: cell.width)\n"));
    assert!(!may_report("def f(xs):\n    for x in xs:\n        handlers.append(lambda: LIMIT)\n"));
    assert!(!may_report("for x in xs:\n    def helper(y):\n        return y * 2\n"));
    // The loop is outside the lambda's own function: it has no loop to capture from (and the
    // function reads only its parameter).
    assert!(!may_report("for x in xs:\n    def outer(y):\n        return lambda: y\n"));
    for captures in [
        "for x in xs:\n    fs.append(lambda: x)\n",
        "fs = [lambda: x for x in xs]\n",
        "def f(xs):\n    for x in xs:\n        def show():\n            print(total)\n        total = x\n",
        "while (line := read()):\n    cbs.append(lambda: line)\n",
        "for x in xs:\n    with open(x) as fh:\n        cbs.append(lambda: fh.read())\n",
        "for x in xs:\n    try:\n        pass\n    except E as err:\n        cbs.append(lambda: err)\n",
    ] {
        assert!(may_report(captures), "{captures}");
    }
}

#[test]
fn a_lambda_handed_to_a_dropped_call_counts_when_the_callee_may_keep_it() {
    let looped = |statement: &str| format!("def f(self, xs):\n    for x in xs:\n        {statement}\n");
    // The call's result is dropped, and nothing keeps the lambda: it is used up in the iteration.
    for used_up in ["self.assertRaises(E, lambda: x + 1)", "check(x, lambda: x)", "run(fn=lambda: x)"] {
        assert!(!may_report(&looped(used_up)), "{used_up}");
    }
    // Kept: by a container's method, an executor, a callback registrar, or a name that may be one.
    for kept in [
        "self.handlers.append(lambda: x)",
        "threading.Timer(1, lambda: x).start()",
        "threading.Timer(1, lambda: x)",
        "loop.call_soon(lambda: x)",
        "signal(SIGINT, lambda *a: x)",
        "setattr(self, 'f', lambda: x)",
        "T(1, lambda: x)\nfrom threading import Timer as T",
        "get_registry()(lambda: x)",
        "run(target=lambda: x)",
        "run(command=lambda: x)",
    ] {
        assert!(may_report(&looped(kept)), "{kept}");
    }
    // Not an argument of the statement's call itself: followed as before.
    assert!(may_report(&looped("run(keep(lambda: x))")));
    assert!(may_report(&looped("run([lambda: x])")));
}

#[test]
fn a_class_attribute_left_alone_by_its_name_needs_no_model() {
    let class = |name: &str| format!("class C:\n    {name} = []\ndef add(c):\n    c.{name}.append(1)\n");
    for alone in ["__slots__", "_fields", "_cache", "plugin_registry", "MEMO"] {
        assert!(!may_report(&class(alone)), "{alone}");
    }
    assert!(may_report(&class("items")));
}

#[test]
fn a_library_class_brings_the_metaclass_the_table_gives() {
    let with = |imports: &str, base: &str| format!("from models import Base\n{imports}\nclass C(Base, {base}):\n    pass\n");
    assert!(!may_report_with_index(&with("from typing import Generic", "Generic[T]")), "`typing.Generic` is a plain class");
    assert!(!may_report_with_index(&with("import threading", "threading.Thread")));
    assert!(may_report_with_index(&with("import abc", "abc.ABC")), "its metaclass is `abc.ABCMeta`");
    assert!(may_report_with_index(&with("from enum import Enum", "Enum")));
    assert!(may_report_with_index(&with("from typing import Generic\nGeneric = make()", "Generic[T]")), "a rebound name may be anything");
}

#[test]
fn a_last_name_is_what_follows_the_last_dot() {
    use super::is_last_name;
    for (qualified, last) in [("a.b.c", "c"), ("c", "c"), ("a.b.c", "b"), ("a.bc", "c"), ("a.b.", ""), ("abc", ""), ("a.b.c", "b.c"), ("x.sleep", "sleep")] {
        let expected = qualified.rsplit('.').next() == Some(last);
        assert_eq!(is_last_name(qualified, last), expected, "{qualified} / {last}");
    }
}

/// Every call of every fixture case, for the transforms that glance at calls by their callee:
/// where the first look would not ask a transform (its callees leave the call out), its glance
/// says nothing, even in the most permissive place (an `async def`'s loop).
#[test]
fn a_call_glance_says_nothing_about_the_callees_it_leaves_out() {
    use ruff_python_ast::visitor::{Visitor, walk_expr};
    use ruff_python_ast::{Expr, ExprCall};
    use ruff_text_size::TextRange;

    use super::Look;
    use super::walker::CallAskers;

    struct Calls<'a>(Vec<(&'a Expr, &'a ExprCall)>);
    impl<'a> Visitor<'a> for Calls<'a> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Call(call) = expr {
                self.0.push((expr, call));
            }
            walk_expr(self, expr);
        }
    }

    let cases = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("transforms");
    let mut sources = Vec::new();
    for transform in std::fs::read_dir(&cases).expect("transforms/") {
        let Ok(folder) = std::fs::read_dir(transform.expect("an entry").path().join("cases")) else { continue };
        for case in folder {
            let path = case.expect("an entry").path();
            if path.extension().is_some_and(|e| e == "py") {
                // A few cases are in other encodings: their calls are ASCII all the same.
                sources.push(String::from_utf8_lossy(&std::fs::read(&path).expect("a readable case")).into_owned());
            }
        }
    }
    // Callees of every shape the gates tell apart, named as the gated glances' tables name them.
    sources.push("x.send(1)\nsend(1)\nutcnow()\nd.utcnow()\nf()()\nh[0](1)\nsub(p, r, s, I)\nr.sub(p, r, s, re.I)\n".into());
    sources.push("pool.map(lambda: 1, xs)\nProcess(target=lambda: 1)\nq.put(v[1:])\nasync def f():\n    time.sleep(1)\n".into());
    let gated: Vec<_> = ALL.iter().filter_map(|&t| t.glanced_callees().map(|callees| (t, callees))).collect();
    assert!(gated.len() >= 6, "the gated transforms are found");
    let mut left_out = 0;
    for source in &sources {
        let parsed = ruff_python_parser::parse_unchecked(source, ruff_python_parser::ParseOptions::from(ruff_python_ast::PySourceType::Python));
        let Some(module) = parsed.syntax().as_module() else { continue };
        let mut calls = Calls(Vec::new());
        calls.visit_body(&module.body);
        for &(transform, callees) in &gated {
            let mut askers = CallAskers::default();
            askers.add((0, transform), callees);
            for &(expr, call) in &calls.0 {
                if askers.about(&call.func).iter().any(|list| !list.is_empty()) {
                    continue;
                }
                left_out += 1;
                let mut look = Look::new(1);
                look.in_async_def = true;
                look.frames = 1;
                look.loops.push((TextRange::up_to(source.len().try_into().expect("a small case")), 1));
                transform.glance_expr(&mut look, expr);
                assert!(
                    !look.yes[0] && look.pending.is_empty(),
                    "{} left out a call its glance answers: {}",
                    transform.rule().id,
                    &source[ruff_text_size::Ranged::range(call)]
                );
            }
        }
    }
    assert!(left_out > 1000, "the cases hold calls left out ({left_out})");
}

/// The walk keeps the tables of the last selection it looked with: a file looked at with another
/// selection gets that one's.
#[test]
fn the_tables_follow_the_selection() {
    let source = "def f(a=make(list)):\n    pass\n";
    for _ in 0..2 {
        assert!(may_report(source), "call-default says yes to a call in a default");
        assert!(!may_report_without_call_default(source));
    }
}
