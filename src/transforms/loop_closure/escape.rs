//! Following the closure from where it is made to where it ends up: called or dropped within
//! its iteration, or kept (stored, registered, handed to an executor) past it.
use std::cell::OnceCell;

use ruff_python_ast::{Expr, ExprCall, Stmt, StmtFunctionDef};
use ruff_text_size::{Ranged, TextRange};

use crate::engine::checker::Checker;
use crate::semantic::flow::always_binds;
use crate::semantic::queries::reads::body_range;
use crate::semantic::{Node, ScopeId};

use super::callee::{Callee, callee, passes_arguments, short};
use super::closure::{Closure, Loop, generators, is_element};
use super::tables::{EXHAUSTING_METHODS, is_callback_keyword};

/// How deep `f = lambda: ...; g = f; h = g` chains are followed before assuming the worst.
const MAX_ALIASES: u8 = 4;

/// What happens to the closure after its iteration.
#[derive(Debug, Clone)]
pub(super) enum Fate {
    /// Called, consumed or dropped within the iteration.
    UsedUp,
    Outlives(Route),
}

/// How the closure outlives its iteration.
#[derive(Debug, Clone)]
pub(super) struct Route {
    /// Completes "it ...": "is stored with `.append`".
    pub(super) what: String,
    /// Code that will call the closure and might pass it arguments, as the message names it.
    pub(super) caller: Option<String>,
}

impl Route {
    fn kept(what: impl Into<String>) -> Fate {
        Fate::Outlives(Route { what: what.into(), caller: None })
    }

    fn called_by(what: impl Into<String>, caller: impl Into<String>) -> Fate {
        Fate::Outlives(Route { what: what.into(), caller: Some(caller.into()) })
    }
}

/// Follows the closure (or a name holding it) from where it is made to where it ends up,
/// relative to one loop: does it outlive the iteration that made it?
pub(super) struct Escape<'c, 'a> {
    pub(super) checker: &'c Checker<'a>,
    /// The scope holding the loop, where names holding the closure are used.
    pub(super) scope: ScopeId,
    pub(super) looped: Loop<'a>,
    pub(super) closure: Closure<'a>,
}

impl<'a> Escape<'_, 'a> {
    pub(super) fn closure_fate(&self, path: &[Node<'a>]) -> Fate {
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
                // A comprehension that is a statement of its own is dropped as soon as it is built.
                let dropped = index >= 2 && matches!(path[index - 2], Node::Stmt(Stmt::Expr(_)));
                if is_element(expr, child) && !dropped {
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
            return if self.closure.runs_later_when_called(self.checker.semantic()) {
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
        match callee(self.checker, call) {
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
                // A function (named in lower case, as PEP 8 names functions) given the closure as
                // a keyword argument, or after other positional arguments, calls it to compute its
                // result (`shortest_path_length(G, u, v, weight=f)`, `relabel_nodes(G, f)`): the
                // result holds values, not the closure. A class keeps what it is given
                // (`Button(on_click=...)`), and a wrapper takes the function first (`wrap(f)`).
                _ if is_function_name(&call.func) && !is_first_argument(call, child) => Fate::UsedUp,
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
            Node::Expr(Expr::Call(call)) if !iterator.is(Node::Expr(&call.func)) => match callee(self.checker, call) {
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

    /// A `def` goes where its name goes. A decorated one may also be registered by its decorator,
    /// unless what its name holds is used up within the iteration and either the name is called
    /// there (the function was made to run now: `@patch.object(...)` then `test()`) or every
    /// decorator is a call whose arguments read nothing the loop binds (`@app.route("/")` on every
    /// iteration registers under the same key each time).
    fn def_fate(&self, func: &'a StmtFunctionDef, path: &[Node<'a>], depth: u8) -> Fate {
        let name = func.name.as_str();
        let by_name = self.name_fate(name, path, func.range, depth);
        if func.decorator_list.is_empty() {
            return by_name;
        }
        let used_here = matches!(by_name, Fate::UsedUp)
            && (self.is_called_in_iteration(name, path, func.range) || self.decorators_same_every_iteration(func));
        if used_here { Fate::UsedUp } else { Route::called_by("is decorated", "its decorator") }
    }

    /// Whether the name bound at `binding` is called in the same iteration (`test()`).
    fn is_called_in_iteration(&self, name: &str, path: &[Node<'a>], binding: TextRange) -> bool {
        let semantic = self.checker.semantic();
        semantic.reads_of(self.scope, name, self.closure.range()).iter().any(|read| {
            if read.nested || read.range.start() < binding.end() || !self.same_iteration(path, binding, read.range) {
                return false;
            }
            let Some(reference) = semantic.reference_at(read.range.start()) else { return false };
            let parent = semantic.nodes.parent(reference.node).map(|p| semantic.nodes.node(p));
            matches!(parent, Some(Node::Expr(Expr::Call(call))) if call.func.range() == read.range)
        })
    }

    /// Whether every decorator is a call whose arguments read no name that the loop binds (its
    /// target, a walrus in its test, or any name its body assigns).
    fn decorators_same_every_iteration(&self, func: &StmtFunctionDef) -> bool {
        let semantic = self.checker.semantic();
        let looped = semantic.bound_within(self.scope, self.looped.node.range());
        func.decorator_list.iter().all(|decorator| match &decorator.expression {
            Expr::Call(call) => {
                let read = semantic.loaded_names_in(call.arguments.range());
                read.iter().all(|name| !looped.contains(name))
            }
            _ => false,
        })
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
        let semantic = self.checker.semantic();
        // The first statement of the loop body that always binds the name, found once for all
        // the reads (many closures assigned to one name would each scan the body per read).
        let first_binder = OnceCell::new();
        let index = semantic.read_index(self.scope, name);
        let exclude = self.closure.range();
        // Once one read is left out for following the first statement that binds the name, so is
        // every read of this code from the statement after that one up to the binding: jumped over.
        let mut skip = None;
        let mut from = 0;
        while let Some(at) = index.next_outside(from, skip) {
            from = at + 1;
            let read = index.reads[at];
            if exclude.contains_range(read.range) {
                continue;
            }
            if read.nested {
                return Route::kept(format!("is assigned to `{name}`, which another function reads"));
            }
            if read.range.start() < binding.start() && self.sees_an_earlier_binding(name, read.range, &first_binder) {
                if skip.is_none() {
                    skip = self.skipped_stretch(&first_binder, binding);
                }
                continue;
            }
            if !self.same_iteration(path, binding, read.range) {
                return Route::kept(format!("is assigned to `{name}`, which is read later"));
            }
            let Some(reference) = semantic.reference_at(read.range.start()) else {
                return Route::kept(format!("is assigned to `{name}`"));
            };
            let read_path = semantic.nodes.path_to(reference.node);
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

    /// The stretch of the loop body whose reads [`Self::sees_an_earlier_binding`] leaves out,
    /// once it has found the first statement that binds the name: from the statement after that
    /// one up to the binding.
    fn skipped_stretch(&self, first_binder: &OnceCell<Option<usize>>, binding: TextRange) -> Option<TextRange> {
        let after = self.looped.body().get(first_binder.get().copied().flatten()? + 1)?;
        (after.start() < binding.start()).then(|| TextRange::new(after.start(), binding.start()))
    }

    /// Whether a read in the loop body, before the closure's binding, comes after a statement of
    /// the body that always binds the name, so that it sees that binding and not the closure of
    /// the previous iteration (`def f(): ...` twice in one iteration).
    fn sees_an_earlier_binding(&self, name: &str, read: TextRange, first_binder: &OnceCell<Option<usize>>) -> bool {
        let body = self.looped.body();
        // The statements of a block start in increasing order: the one holding the read is the
        // last that starts at or before it.
        let Some(holder) = body.partition_point(|s| s.start() <= read.start()).checked_sub(1) else { return false };
        if !body[holder].range().contains_range(read) {
            return false;
        }
        first_binder.get_or_init(|| body.iter().position(|s| always_binds(s, name))).is_some_and(|first| first < holder)
    }
}

/// Whether a callee's last name is in lower case, as PEP 8 names functions (`shortest_path`,
/// `nx.shortest_path`), rather than a class (`Button`, `ui.Button`).
fn is_function_name(func: &Expr) -> bool {
    let last = match func {
        Expr::Name(name) => name.id.as_str(),
        Expr::Attribute(attribute) => attribute.attr.as_str(),
        _ => return false,
    };
    last.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_lowercase)
}

/// Whether `child` is the call's first positional argument.
fn is_first_argument(call: &ExprCall, child: &Expr) -> bool {
    call.arguments.args.first().is_some_and(|first| std::ptr::eq(first, child))
}
