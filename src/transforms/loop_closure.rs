//! loop-closure: `for m in metrics: callbacks.append(lambda: print(m))` → `lambda m=m: print(m)`.
//! A closure looks its free names up when it runs; one made in a loop and kept past its iteration
//! sees the values of the last iteration. Only closures that outlive their iteration are reported
//! (a `key=` lambda or a helper called at once is fine), and the fix binds each captured value as
//! a parameter default, which Python evaluates when the closure is made.
use std::collections::{HashMap, HashSet};

use ruff_python_ast::{Comprehension, ExceptHandler, Expr, ExprCall, ExprLambda, Stmt, StmtFunctionDef};
use ruff_text_size::{Ranged, TextRange};

use crate::engine::checker::Checker;
use crate::edits::fix::{Applicability, Fix};
use crate::edits::add_parameters::{Signature, add_parameters};
use crate::fixes::binding_flow::{always_binds, binds_target, block_holding, bound_before, walrus_binds};
use crate::fixes::free_names::{FreeName, function_free_names, lambda_free_names};
use crate::fixes::name_reads::name_reads;
use crate::fixes::node_path::{Node, path_to};
use crate::fixes::yields::{body_yields, expr_yields};
use crate::engine::transform::Transform;
use crate::rules::{FixSafety, Rule, any_options};

pub(crate) struct LoopClosure;

pub(crate) static TRANSFORM: LoopClosure = LoopClosure;

static RULE: Rule = Rule {
    id: "loop-closure",
    summary: "a closure made in a loop and kept for later sees the last iteration's values; bind them as defaults",
    fix_safety: FixSafety::Mixed,
    default_enabled: true,
    noqa_codes: &["B023"],
    options: &[],
    validate_options: any_options,
    uses_project_index: false,
};

/// Calls that are done with a function argument when they return: they call it, iterate an
/// iterator built from it, or only look at it, and keep none of these.
const CONSUMERS: &[&str] = &[
    "builtins.print",
    "builtins.str",
    "builtins.repr",
    "builtins.format",
    "builtins.len",
    "builtins.bool",
    "builtins.id",
    "builtins.hash",
    "builtins.type",
    "builtins.callable",
    "builtins.isinstance",
    "builtins.sorted",
    "builtins.min",
    "builtins.max",
    "builtins.sum",
    "builtins.any",
    "builtins.all",
    "builtins.next",
    "functools.reduce",
    "re.sub",
    "re.subn",
    "heapq.nsmallest",
    "heapq.nlargest",
];

/// Methods that call a function argument at once (`pattern.sub(repl, s)`, `items.sort(...)`) or
/// exhaust an iterator argument (`", ".join(map(...))`, `out.extend(filter(...))`).
const CONSUMER_METHODS: &[&str] = &["sub", "subn", "sort", "join"];
const EXHAUSTING_METHODS: &[&str] = &["join", "extend", "extendleft", "update", "writelines"];

/// Calls that return a lazy iterator holding their function argument: it runs when the iterator
/// is consumed.
const LAZY: &[&str] = &[
    "builtins.map",
    "builtins.filter",
    "builtins.iter",
    "builtins.enumerate",
    "builtins.zip",
    "builtins.reversed",
    "itertools.starmap",
    "itertools.filterfalse",
    "itertools.takewhile",
    "itertools.dropwhile",
    "itertools.chain",
    "itertools.islice",
];

/// Calls that build a container from their arguments: a closure inside lives as long as the
/// result. Given a lazy iterator, they exhaust it.
const BUILDERS: &[&str] = &[
    "builtins.list",
    "builtins.tuple",
    "builtins.set",
    "builtins.frozenset",
    "builtins.dict",
    "collections.deque",
    "collections.OrderedDict",
    "collections.defaultdict",
];

/// Calls that run a function later, without arguments of their own.
const EXECUTORS: &[&str] = &[
    "threading.Thread",
    "threading.Timer",
    "atexit.register",
    "_thread.start_new_thread",
    "multiprocessing.Process",
    "asyncio.ensure_future",
];
const EXECUTOR_METHODS: &[&str] = &[
    "submit",
    "call_soon",
    "call_soon_threadsafe",
    "call_later",
    "call_at",
    "run_in_executor",
    "apply_async",
    "create_task",
    "ensure_future",
    "after",
    "after_idle",
];

/// Calls that keep a function as a callback, which may be called with arguments.
const CALLBACKS: &[&str] = &["signal.signal", "functools.partial", "weakref.finalize"];
const CALLBACK_METHODS: &[&str] = &[
    "connect",
    "register",
    "add_done_callback",
    "subscribe",
    "on",
    "bind",
    "bind_all",
    "add_callback",
    "add_listener",
    "add_handler",
    "register_callback",
    "trace_add",
    "addCallback",
];

/// Methods that store their argument in the container they are called on.
const CONTAINER_METHODS: &[&str] = &[
    "append",
    "appendleft",
    "add",
    "insert",
    "extend",
    "extendleft",
    "setdefault",
    "put",
    "put_nowait",
    "push",
    "update",
];

/// How deep `f = lambda: ...; g = f; h = g` chains are followed before assuming the worst.
const MAX_ALIASES: u8 = 4;

impl Transform for LoopClosure {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn check_stmt(&self, checker: &mut Checker, stmt: &Stmt) {
        if let Stmt::FunctionDef(func) = stmt
            && in_statement_loop(checker.parents())
        {
            check_closure(checker, Closure::Def(stmt, func));
        }
    }

    fn check_expr(&self, checker: &mut Checker, expr: &Expr) {
        if let Expr::Lambda(lambda) = expr {
            check_closure(checker, Closure::Lambda(expr, lambda));
        }
    }
}

/// Whether a `def` (the last of `parents`) sits in a `for` or `while` of its own scope: a `def`
/// cannot be in a comprehension, so others have no loop to capture from.
fn in_statement_loop(parents: &[&Stmt]) -> bool {
    let enclosing = parents.split_last().map_or(&[][..], |(_, rest)| rest);
    enclosing
        .iter()
        .rev()
        .take_while(|s| !matches!(s, Stmt::FunctionDef(_) | Stmt::ClassDef(_)))
        .any(|s| matches!(s, Stmt::For(_) | Stmt::While(_)))
}

/// The function made in a loop.
#[derive(Clone, Copy)]
enum Closure<'a> {
    Lambda(&'a Expr, &'a ExprLambda),
    Def(&'a Stmt, &'a StmtFunctionDef),
}

impl<'a> Closure<'a> {
    fn node(self) -> Node<'a> {
        match self {
            Closure::Lambda(expr, _) => Node::Expr(expr),
            Closure::Def(stmt, _) => Node::Stmt(stmt),
        }
    }

    fn range(self) -> TextRange {
        self.node().range()
    }

    fn free_names(self) -> Vec<FreeName<'a>> {
        match self {
            Closure::Lambda(_, lambda) => lambda_free_names(lambda),
            Closure::Def(_, func) => function_free_names(func),
        }
    }

    fn has_parameters(self) -> bool {
        match self {
            Closure::Lambda(_, lambda) => lambda.parameters.as_ref().is_some_and(|p| !p.is_empty()),
            Closure::Def(_, func) => !func.parameters.is_empty(),
        }
    }

    /// Calling it does not run its body: an `async def` gives a coroutine, a generator function
    /// a generator, and the body runs when that is awaited or iterated.
    fn runs_later_when_called(self) -> bool {
        match self {
            Closure::Lambda(_, lambda) => expr_yields(&lambda.body),
            Closure::Def(_, func) => func.is_async || body_yields(&func.body),
        }
    }

    fn describe(self) -> String {
        match self {
            Closure::Lambda(..) => "the lambda".to_owned(),
            Closure::Def(_, func) => format!("`{}`", func.name),
        }
    }

    fn signature(self) -> Signature<'a> {
        match self {
            Closure::Lambda(_, lambda) => Signature::Lambda(lambda),
            Closure::Def(_, func) => Signature::Def(func),
        }
    }
}

/// A loop around the closure, in the closure's own scope.
#[derive(Clone, Copy)]
struct Loop<'a> {
    /// Index of the loop in the path from the module to the closure.
    index: usize,
    node: Node<'a>,
}

impl<'a> Loop<'a> {
    fn comprehension(self) -> Option<&'a [Comprehension]> {
        self.node.expr().and_then(generators)
    }

    fn describe(self) -> &'static str {
        match self.node {
            Node::Stmt(Stmt::For(f)) if f.is_async => "`async for` loop",
            Node::Stmt(Stmt::For(_)) => "`for` loop",
            Node::Stmt(_) => "`while` loop",
            Node::Expr(Expr::ListComp(_)) => "list comprehension",
            Node::Expr(Expr::SetComp(_)) => "set comprehension",
            Node::Expr(Expr::DictComp(_)) => "dict comprehension",
            Node::Expr(_) => "generator expression",
        }
    }

    /// The statements run on each iteration (none for a comprehension).
    fn body(self) -> &'a [Stmt] {
        match self.node {
            Node::Stmt(Stmt::For(f)) => &f.body,
            Node::Stmt(Stmt::While(w)) => &w.body,
            _ => &[],
        }
    }
}

/// What happens to the closure after its iteration.
#[derive(Debug, Clone)]
enum Fate {
    /// Called, consumed or dropped within the iteration.
    UsedUp,
    Outlives(Route),
}

/// How the closure outlives its iteration.
#[derive(Debug, Clone)]
struct Route {
    /// Completes "it ...": "is stored with `.append`".
    what: String,
    /// Code that will call the closure and might pass it arguments, as the message names it.
    caller: Option<String>,
}

impl Route {
    fn kept(what: impl Into<String>) -> Fate {
        Fate::Outlives(Route { what: what.into(), caller: None })
    }

    fn called_by(what: impl Into<String>, caller: impl Into<String>) -> Fate {
        Fate::Outlives(Route { what: what.into(), caller: Some(caller.into()) })
    }
}

/// A free name of the closure that a loop rebinds while the closure is kept.
struct Capture<'a> {
    free: FreeName<'a>,
    looped: Loop<'a>,
    route: Route,
    /// Bound on every path to the closure, so that the default can be evaluated.
    always_bound: bool,
}

fn check_closure(checker: &mut Checker, closure: Closure) {
    if checker.is_stub() {
        return;
    }
    let module = checker.module();
    let Some(path) = path_to(&module.body, closure.range(), |n| n.is(closure.node())) else { return };
    let Some((loops, scope)) = enclosing_loops(&module.body, &path) else { return };
    let captures = captures(checker, closure, &path, &loops, scope);
    if !captures.is_empty() {
        report(checker, closure, &captures);
    }
}

/// The loops around the closure in its own scope, innermost first, and the body of that scope.
/// `None` when there are none, or when they are in a class body, which a closure cannot see.
fn enclosing_loops<'a>(module: &'a [Stmt], path: &[Node<'a>]) -> Option<(Vec<Loop<'a>>, &'a [Stmt])> {
    let mut loops = Vec::new();
    let mut scope = module;
    for index in (0..path.len().saturating_sub(1)).rev() {
        let (node, child) = (path[index], path[index + 1]);
        let in_body = |body: &[Stmt]| body.iter().any(|s| child.is(Node::Stmt(s)));
        match node {
            Node::Stmt(Stmt::FunctionDef(func)) if in_body(&func.body) => {
                scope = &func.body;
                break;
            }
            Node::Stmt(Stmt::ClassDef(class)) if in_body(&class.body) => {
                loops.retain(|l: &Loop| l.comprehension().is_some());
                break;
            }
            Node::Expr(Expr::Lambda(lambda)) if child.is(Node::Expr(&lambda.body)) => break,
            Node::Stmt(Stmt::For(f)) if in_body(&f.body) => loops.push(Loop { index, node }),
            Node::Stmt(Stmt::While(w)) if in_body(&w.body) => loops.push(Loop { index, node }),
            Node::Expr(expr) => {
                let outside =
                    generators(expr).is_none_or(|g| g.first().is_some_and(|first| child.is(Node::Expr(&first.iter))));
                if !outside {
                    loops.push(Loop { index, node });
                }
            }
            _ => {}
        }
    }
    (!loops.is_empty()).then_some((loops, scope))
}

fn generators(expr: &Expr) -> Option<&[Comprehension]> {
    match expr {
        Expr::ListComp(c) => Some(&c.generators),
        Expr::SetComp(c) => Some(&c.generators),
        Expr::DictComp(c) => Some(&c.generators),
        Expr::Generator(c) => Some(&c.generators),
        _ => None,
    }
}

/// Whether `child` is what a comprehension produces (its element, or a dict comprehension's key
/// or value), as opposed to its iterables and conditions.
fn is_element(comprehension: &Expr, child: Node) -> bool {
    match comprehension {
        Expr::ListComp(c) => child.is(Node::Expr(&c.elt)),
        Expr::SetComp(c) => child.is(Node::Expr(&c.elt)),
        Expr::Generator(c) => child.is(Node::Expr(&c.elt)),
        Expr::DictComp(c) => {
            child.is(Node::Expr(&c.value)) || c.key.as_deref().is_some_and(|k| child.is(Node::Expr(k)))
        }
        _ => false,
    }
}

/// The free names of the closure that a loop around it rebinds, for the loops the closure
/// outlives an iteration of.
fn captures<'a>(
    checker: &Checker,
    closure: Closure<'a>,
    path: &[Node<'a>],
    loops: &[Loop<'a>],
    scope: &'a [Stmt],
) -> Vec<Capture<'a>> {
    let mut fates: HashMap<usize, Option<Route>> = HashMap::new();
    let mut captures = Vec::new();
    let assigned: Vec<HashSet<&str>> = loops.iter().map(|l| bound_before(l.body(), closure.range().start())).collect();
    for free in closure.free_names() {
        let Some((looped, always_bound)) = binding_loop(free.name, path, loops, &assigned) else { continue };
        let route = fates
            .entry(looped.index)
            .or_insert_with(|| {
                let escape = Escape { checker, scope, looped, closure };
                match escape.closure_fate(path) {
                    Fate::Outlives(route) if rebound_later(path, looped) => Some(route),
                    _ => None,
                }
            })
            .clone();
        if let Some(route) = route {
            captures.push(Capture { free, looped, route, always_bound });
        }
    }
    captures
}

/// The innermost loop that binds `name` for the closure, and whether the name is bound on every
/// path to it. A comprehension binds its targets; a `for` its target, a `while` the walrus targets
/// of its test, and both the names their body assigns before the closure (`assigned`, one set per
/// loop).
fn binding_loop<'a>(
    name: &str,
    path: &[Node<'a>],
    loops: &[Loop<'a>],
    assigned: &[HashSet<&str>],
) -> Option<(Loop<'a>, bool)> {
    for (&looped, assigned) in loops.iter().zip(assigned) {
        if let Some(generators) = looped.comprehension() {
            if generators.iter().any(|g| binds_target(&g.target, name)) {
                return Some((looped, true));
            }
            continue;
        }
        let header = match looped.node {
            Node::Stmt(Stmt::For(f)) => binds_target(&f.target, name),
            Node::Stmt(Stmt::While(w)) => walrus_binds(&w.test, name),
            _ => false,
        };
        if header {
            return Some((looped, true));
        }
        if assigned.contains(name) {
            return Some((looped, bound_on_the_way(name, path, looped)));
        }
    }
    None
}

/// Whether `name`, assigned in the loop body, is bound on every path from the top of the body to
/// the closure: by a statement before the path's statement in the same block that always binds
/// it, or by the header of a statement on the path (`with ... as name:`, `for name in`, an
/// `except ... as name:` clause, a walrus in an `if` test).
fn bound_on_the_way(name: &str, path: &[Node], looped: Loop) -> bool {
    for k in looped.index + 1..path.len() {
        let (Some(parent), Some(stmt)) = (path[k - 1].stmt(), path[k].stmt()) else { break };
        let block = block_holding(parent, stmt);
        let before = block.iter().take_while(|s| !std::ptr::eq(*s, stmt));
        if before.into_iter().any(|s| always_binds(s, name)) || header_binds(stmt, path.get(k + 1).copied(), name) {
            return true;
        }
    }
    false
}

/// Whether a statement on the path binds `name` before running the block that leads on.
fn header_binds(stmt: &Stmt, next: Option<Node>, name: &str) -> bool {
    let Some(next) = next.and_then(Node::stmt) else { return false };
    match stmt {
        Stmt::With(with) => {
            with.items.iter().any(|i| i.optional_vars.as_deref().is_some_and(|v| binds_target(v, name)))
        }
        Stmt::For(f) => f.body.iter().any(|s| std::ptr::eq(s, next)) && binds_target(&f.target, name),
        Stmt::If(i) => walrus_binds(&i.test, name),
        Stmt::While(w) => walrus_binds(&w.test, name),
        Stmt::Try(t) => t.handlers.iter().any(|h| {
            let ExceptHandler::ExceptHandler(h) = h;
            h.name.as_ref().is_some_and(|n| n.as_str() == name) && h.body.iter().any(|s| std::ptr::eq(s, next))
        }),
        _ => false,
    }
}

/// Whether the loop can rebind its names after the closure is made: not when every path from the
/// closure leaves the loop in the same iteration (`return`, `raise`, or a `break` of this loop
/// right after it in a block on the path).
fn rebound_later(path: &[Node], looped: Loop) -> bool {
    if looped.comprehension().is_some() {
        return true;
    }
    for k in (looped.index + 1..path.len()).rev() {
        let (Some(parent), Some(stmt)) = (path[k - 1].stmt(), path[k].stmt()) else { continue };
        let block = block_holding(parent, stmt);
        let after = block.iter().skip_while(|s| !std::ptr::eq(*s, stmt)).skip(1);
        for sibling in after {
            match sibling {
                Stmt::Return(_) | Stmt::Raise(_) => return false,
                Stmt::Break(_) if innermost_loop(path, k - 1) == Some(looped.index) => return false,
                _ => {}
            }
        }
    }
    true
}

/// Index of the innermost loop whose body holds the block of `path[parent]` leading on.
fn innermost_loop(path: &[Node], parent: usize) -> Option<usize> {
    (0..=parent).rev().find(|&j| {
        let next = path.get(j + 1).copied();
        match path[j] {
            Node::Stmt(Stmt::For(f)) => next.is_some_and(|n| f.body.iter().any(|s| n.is(Node::Stmt(s)))),
            Node::Stmt(Stmt::While(w)) => next.is_some_and(|n| w.body.iter().any(|s| n.is(Node::Stmt(s)))),
            _ => false,
        }
    })
}

/// Follows the closure (or a name holding it) from where it is made to where it ends up,
/// relative to one loop: does it outlive the iteration that made it?
struct Escape<'c, 'a> {
    checker: &'c Checker<'a>,
    /// The body of the scope holding the loop, where names holding the closure are used.
    scope: &'a [Stmt],
    looped: Loop<'a>,
    closure: Closure<'a>,
}

/// What a call does with a function passed to it.
enum Callee {
    /// Calls it, or exhausts what it builds from it, before returning.
    Consumer,
    /// Returns a lazy iterator that holds it.
    Lazy,
    /// Builds a container holding it.
    Builder,
    /// Stores it in the object the method belongs to.
    Container(String),
    /// Runs it later without arguments of its own.
    Executor(String),
    /// Keeps it as a callback, which may get arguments.
    Callback(String),
    Unknown(String),
}

impl<'a> Escape<'_, 'a> {
    fn closure_fate(&self, path: &[Node<'a>]) -> Fate {
        let last = path.len() - 1;
        match self.closure {
            Closure::Lambda(..) => self.value_fate(path, last, 0),
            Closure::Def(_, func) => self.def_fate(func, path, 0),
        }
    }

    /// What becomes of the value of the expression `path[index]`.
    fn value_fate(&self, path: &[Node<'a>], index: usize, depth: u8) -> Fate {
        let Some(parent) = index.checked_sub(1).map(|i| path[i]) else { return Fate::UsedUp };
        let (child, Some(value)) = (path[index], path[index].expr()) else { return Fate::UsedUp };
        match parent {
            Node::Stmt(stmt) => self.statement_fate(path, stmt, value, depth),
            Node::Expr(expr) if parent.is(self.looped.node) => {
                if is_element(expr, child) {
                    Route::kept("is collected in its result")
                } else {
                    Fate::UsedUp
                }
            }
            Node::Expr(expr) => self.expression_fate(path, index, expr, value, depth),
        }
    }

    fn expression_fate(&self, path: &[Node<'a>], index: usize, parent: &'a Expr, child: &'a Expr, depth: u8) -> Fate {
        match parent {
            Expr::Call(call) => self.call_fate(path, index - 1, call, child, depth),
            Expr::List(_) | Expr::Tuple(_) | Expr::Set(_) | Expr::Dict(_) | Expr::Starred(_) | Expr::BoolOp(_) => {
                self.value_fate(path, index - 1, depth)
            }
            Expr::If(e) if !std::ptr::eq(e.test.as_ref(), child) => self.value_fate(path, index - 1, depth),
            Expr::Named(named) => {
                let Expr::Name(target) = named.target.as_ref() else { return Fate::UsedUp };
                match self.name_fate(target.id.as_str(), path, named.range, depth) {
                    Fate::UsedUp => self.value_fate(path, index - 1, depth),
                    outlives => outlives,
                }
            }
            Expr::Yield(_) | Expr::YieldFrom(_) => Route::kept("is yielded"),
            // A default of another lambda lives as long as that lambda.
            Expr::Lambda(_) => self.value_fate(path, index - 1, depth),
            _ if is_element(parent, Node::Expr(child)) => self.value_fate(path, index - 1, depth),
            _ => Fate::UsedUp,
        }
    }

    fn call_fate(&self, path: &[Node<'a>], call_index: usize, call: &'a ExprCall, child: &'a Expr, depth: u8) -> Fate {
        if std::ptr::eq(call.func.as_ref(), child) {
            // Calling a generator function or an `async def` makes an iterator or a coroutine,
            // which runs the body when it is consumed or awaited.
            return if self.closure.runs_later_when_called() {
                self.lazy_fate(path, call_index, depth)
            } else {
                Fate::UsedUp
            };
        }
        let keyword = call.arguments.keywords.iter().find(|k| std::ptr::eq(&k.value, child));
        let keyword = keyword.and_then(|k| k.arg.as_ref()).map(|a| a.as_str());
        if keyword == Some("key") {
            return Fate::UsedUp;
        }
        match self.callee(call) {
            Callee::Consumer => Fate::UsedUp,
            Callee::Lazy => self.lazy_fate(path, call_index, depth),
            Callee::Builder => self.value_fate(path, call_index, depth),
            Callee::Container(method) => Route::kept(format!("is stored with `{method}`")),
            Callee::Executor(name) if passes_arguments(call, child) => {
                Route::called_by(format!("is handed to `{name}`"), format!("`{name}`"))
            }
            Callee::Executor(name) => Route::kept(format!("is handed to `{name}`")),
            Callee::Callback(name) => Route::called_by(format!("is registered with `{name}`"), format!("`{name}`")),
            Callee::Unknown(name) => match keyword {
                Some(k) if is_callback_keyword(k) => {
                    Route::called_by(format!("is passed as `{k}=` to `{name}`"), format!("`{name}`"))
                }
                _ => match self.value_fate(path, call_index, depth) {
                    Fate::UsedUp => Fate::UsedUp,
                    Fate::Outlives(route) => Route::called_by(
                        format!("is passed to `{name}`, whose result {}", route.what),
                        format!("`{name}`"),
                    ),
                },
            },
        }
    }

    /// A lazy iterator built from the closure (`map(lambda x: ..., xs)`): the closure is done
    /// with once something exhausts the iterator in the same iteration.
    fn lazy_fate(&self, path: &[Node<'a>], index: usize, depth: u8) -> Fate {
        let Some(parent) = index.checked_sub(1).map(|i| path[i]) else { return Fate::UsedUp };
        let iterator = path[index];
        let exhausted = match parent {
            Node::Stmt(Stmt::For(f)) => iterator.is(Node::Expr(&f.iter)),
            Node::Stmt(Stmt::Expr(_)) => true,
            Node::Expr(Expr::Starred(_)) => true,
            Node::Expr(Expr::Call(call)) if !iterator.is(Node::Expr(&call.func)) => match self.callee(call) {
                Callee::Consumer | Callee::Builder => true,
                Callee::Lazy => return self.lazy_fate(path, index - 1, depth),
                _ => matches!(call.func.as_ref(), Expr::Attribute(a) if EXHAUSTING_METHODS.contains(&a.attr.as_str())),
            },
            Node::Expr(expr) => generators(expr).is_some_and(|g| g.iter().any(|c| iterator.is(Node::Expr(&c.iter)))),
            Node::Stmt(_) => false,
        };
        if exhausted { Fate::UsedUp } else { self.value_fate(path, index, depth) }
    }

    fn statement_fate(&self, path: &[Node<'a>], stmt: &'a Stmt, child: &'a Expr, depth: u8) -> Fate {
        match stmt {
            Stmt::Assign(assign) if std::ptr::eq(assign.value.as_ref(), child) => {
                self.targets_fate(assign.targets.iter(), path, stmt.range(), depth)
            }
            Stmt::AnnAssign(assign) if assign.value.as_deref().is_some_and(|v| std::ptr::eq(v, child)) => {
                self.target_fate(&assign.target, path, stmt.range(), depth)
            }
            Stmt::AugAssign(assign) if std::ptr::eq(assign.value.as_ref(), child) => {
                Route::kept(format!("is added to `{}`", short(self.checker.locate(assign.target.as_ref()))))
            }
            Stmt::FunctionDef(func) => {
                if func.decorator_list.iter().any(|d| d.range().contains_range(child.range())) {
                    Route::called_by("is passed to a decorator", "the decorator")
                } else {
                    self.def_fate(func, path, depth)
                }
            }
            // A `return` leaves the loop; other statements use the value at once.
            _ => Fate::UsedUp,
        }
    }

    fn target_fate(&self, target: &'a Expr, path: &[Node<'a>], binding: TextRange, depth: u8) -> Fate {
        match target {
            Expr::Name(name) => self.name_fate(name.id.as_str(), path, binding, depth),
            Expr::Attribute(_) => Route::kept("is stored in an attribute"),
            Expr::Subscript(_) => Route::kept("is stored in an item"),
            Expr::Starred(starred) => self.target_fate(&starred.value, path, binding, depth),
            // Any element may receive the closure.
            Expr::Tuple(tuple) => self.targets_fate(tuple.iter(), path, binding, depth),
            Expr::List(list) => self.targets_fate(list.iter(), path, binding, depth),
            _ => Fate::UsedUp,
        }
    }

    fn targets_fate(
        &self,
        targets: impl Iterator<Item = &'a Expr>,
        path: &[Node<'a>],
        binding: TextRange,
        depth: u8,
    ) -> Fate {
        targets
            .map(|t| self.target_fate(t, path, binding, depth))
            .find(|f| matches!(f, Fate::Outlives(_)))
            .unwrap_or(Fate::UsedUp)
    }

    /// A decorated `def` may be registered by its decorator; else it goes where its name goes.
    fn def_fate(&self, func: &'a StmtFunctionDef, path: &[Node<'a>], depth: u8) -> Fate {
        if func.decorator_list.is_empty() {
            self.name_fate(func.name.as_str(), path, func.range, depth)
        } else {
            Route::called_by("is decorated", "its decorator")
        }
    }

    /// The closure is bound to `name` by the statement `path[index]`: it outlives the iteration
    /// when the name is read after the iteration (or by another function), or when a read in the
    /// same iteration hands it on.
    fn name_fate(&self, name: &str, path: &[Node<'a>], binding: TextRange, depth: u8) -> Fate {
        if self.looped.comprehension().is_some() {
            // A walrus in a comprehension: the element itself is followed separately.
            return Fate::UsedUp;
        }
        if depth >= MAX_ALIASES {
            return Route::kept(format!("is assigned to `{name}`"));
        }
        for read in name_reads(self.scope, name, self.closure.range()) {
            if read.nested {
                return Route::kept(format!("is assigned to `{name}`, which another function reads"));
            }
            if read.range.start() < binding.start() && self.sees_an_earlier_binding(name, read.range) {
                continue;
            }
            if !self.same_iteration(path, binding, read.range) {
                return Route::kept(format!("is assigned to `{name}`, which is read later"));
            }
            let is_read = |n: Node| matches!(n, Node::Expr(Expr::Name(x)) if x.range == read.range);
            let Some(read_path) = path_to(self.scope, read.range, is_read) else {
                return Route::kept(format!("is assigned to `{name}`"));
            };
            if let Fate::Outlives(route) = self.value_fate(&read_path, read_path.len() - 1, depth + 1) {
                return Fate::Outlives(route);
            }
        }
        Fate::UsedUp
    }

    /// Whether a read at `read` comes in the same iteration of the loop as the binding at
    /// `binding` (an assignment, a walrus, a `def`), before the loop rebinds its names: after the
    /// binding in the loop body, or before it in an inner loop that holds both (a later round of
    /// the inner loop). `path` leads to the binding.
    fn same_iteration(&self, path: &[Node<'a>], binding: TextRange, read: TextRange) -> bool {
        let in_body =
            |body: &[Stmt]| body_range(body).is_some_and(|r| r.contains_range(read) && r.contains_range(binding));
        if !in_body(self.looped.body()) {
            return false;
        }
        if read.start() >= binding.end() {
            return true;
        }
        let Some(looped) = path.iter().position(|n| n.is(self.looped.node)) else { return false };
        path[looped + 1..].iter().any(|n| match n {
            Node::Stmt(Stmt::For(f)) => in_body(&f.body),
            Node::Stmt(Stmt::While(w)) => in_body(&w.body),
            _ => false,
        })
    }

    /// Whether a read in the loop body, before the closure's binding, comes after a statement of
    /// the body that always binds the name, so that it sees that binding and not the closure of
    /// the previous iteration (`def f(): ...` twice in one iteration).
    fn sees_an_earlier_binding(&self, name: &str, read: TextRange) -> bool {
        let body = self.looped.body();
        let Some(holder) = body.iter().position(|s| s.range().contains_range(read)) else { return false };
        body[..holder].iter().any(|s| always_binds(s, name))
    }

    fn callee(&self, call: &ExprCall) -> Callee {
        let name = short(self.checker.locate(call.func.as_ref()));
        if let Some(qualified) = self.checker.imports().qualified_name(&call.func) {
            let q = qualified.as_str();
            if CONSUMERS.contains(&q) {
                return Callee::Consumer;
            } else if LAZY.contains(&q) {
                return Callee::Lazy;
            } else if BUILDERS.contains(&q) {
                return Callee::Builder;
            } else if EXECUTORS.contains(&q) {
                return Callee::Executor(name);
            } else if CALLBACKS.contains(&q) {
                return Callee::Callback(name);
            } else if q == "builtins.setattr" {
                return Callee::Container(name);
            }
        }
        let Expr::Attribute(attribute) = call.func.as_ref() else { return Callee::Unknown(name) };
        let method = attribute.attr.as_str();
        if CONTAINER_METHODS.contains(&method) {
            Callee::Container(format!(".{method}"))
        } else if CONSUMER_METHODS.contains(&method) {
            Callee::Consumer
        } else if EXECUTOR_METHODS.contains(&method) {
            Callee::Executor(name)
        } else if CALLBACK_METHODS.contains(&method) {
            Callee::Callback(name)
        } else {
            Callee::Unknown(name)
        }
    }
}

fn body_range(body: &[Stmt]) -> Option<TextRange> {
    Some(TextRange::new(body.first()?.start(), body.last()?.end()))
}

/// Whether an executor call forwards arguments of its own to the function: positional ones after
/// it (`submit(fn, x)`, `call_later(1, fn, x)`) or `args=`/`kwargs=` (`Thread(target=fn, args=(x,))`).
fn passes_arguments(call: &ExprCall, function: &Expr) -> bool {
    let after = call.arguments.args.iter().skip_while(|a| !std::ptr::eq(*a, function)).skip(1);
    after.count() > 0
        || call.arguments.keywords.iter().any(|k| k.arg.as_ref().is_some_and(|a| a == "args" || a == "kwargs"))
}

/// Keyword arguments that by convention take a function kept to be called later: `target=` of
/// threads and processes, `command=` of Tk widgets. (`callback=` and `on_...=` name functions
/// that are as often called at once, like `pickle.dumps(buffer_callback=...)`.)
fn is_callback_keyword(keyword: &str) -> bool {
    matches!(keyword, "target" | "command")
}

/// The first line of a piece of code, cut to a readable length, for messages.
fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim_end();
    if line.len() <= 40 && line.len() == text.len() {
        line.to_owned()
    } else {
        let cut: String = line.chars().take(37).collect();
        format!("{cut}...")
    }
}

/// One finding per captured name, at its first read; they share one fix that binds every name
/// that can be bound (not those assigned through `nonlocal`, nor those whose finding a comment
/// suppresses).
fn report(checker: &mut Checker, closure: Closure, captures: &[Capture]) {
    let fixable: Vec<&Capture> =
        captures.iter().filter(|c| !c.free.assigned_nonlocal && !checker.is_suppressed(c.free.first_read)).collect();
    let unsafe_reason = unsafe_reason(closure, &fixable);
    let applicability = if unsafe_reason.is_some() { Applicability::Unsafe } else { Applicability::Safe };
    let params: Vec<String> = fixable.iter().map(|c| format!("{0}={0}", c.free.name)).collect();
    let edits = add_parameters(closure.signature(), &params, checker.source(), checker.tokens(), checker.stylist());
    let fix = edits.map(|edits| Fix::new(edits, applicability));
    for capture in captures {
        let name = capture.free.name;
        let (note, fix) = match (&fix, &unsafe_reason) {
            _ if capture.free.assigned_nonlocal => {
                (format!("; no automatic fix: it assigns `{name}` through `nonlocal`"), None)
            }
            (None, _) => ("; no automatic fix: the signature cannot take a new parameter".to_owned(), None),
            (Some(fix), Some(reason)) => (format!("; the fix is unsafe: {reason}"), Some(fix.clone())),
            (Some(fix), None) => (String::new(), Some(fix.clone())),
        };
        let message = format!(
            "{} reads `{name}` when it is called, not when it is made; it {}, so it outlives this iteration \
             of the {} and will see `{name}` from a later one{note}",
            closure.describe(),
            capture.route.what,
            capture.looped.describe(),
        );
        checker.report(capture.free.first_read, message, fix);
    }
}

/// Why binding the values as defaults might change more than the bug, if it might.
fn unsafe_reason(closure: Closure, captures: &[&Capture]) -> Option<String> {
    if closure.has_parameters() {
        return Some(format!(
            "{} takes arguments, and a caller passing one more would now fill a new parameter",
            closure.describe()
        ));
    }
    if let Closure::Def(_, func) = closure
        && !func.decorator_list.is_empty()
    {
        return Some("a decorator may read the signature and take the new parameters for real ones".to_owned());
    }
    if let Some(caller) = captures.iter().find_map(|c| c.route.caller.as_ref()) {
        return Some(format!("{caller} may call it with arguments, which would fill the new parameters"));
    }
    let unbound = captures.iter().find(|c| !c.always_bound)?;
    Some(format!(
        "`{}` is not bound on every path before {} is made, and the default would fail there",
        unbound.free.name,
        closure.describe()
    ))
}
