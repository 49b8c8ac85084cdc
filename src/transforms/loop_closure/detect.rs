//! Finding the trap: the loops around a closure in its own scope, the free names of the closure
//! that one of them rebinds, and whether the closure is still around when it does.
use std::collections::HashMap;

use ruff_python_ast::{ExceptHandler, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::engine::checker::Checker;
use crate::semantic::flow::{always_binds, binds_target, block_holding, position_in, walrus_binds};
use crate::semantic::queries::reads::FreeName;
use crate::semantic::queries::reads::body_range;
use crate::semantic::{BindingKind, Node, ScopeId, SemanticModel};

use super::closure::{Closure, Loop, generators};
use super::escape::{Escape, Fate, Route};

/// A free name of the closure that a loop rebinds while the closure is kept.
pub(super) struct Capture<'a> {
    pub(super) free: FreeName<'a>,
    pub(super) looped: Loop<'a>,
    pub(super) route: Route,
    /// Bound on every path to the closure, so that the default can be evaluated.
    pub(super) always_bound: bool,
    /// Set when the loop binds the name only after the closure in its body (`i += 1` below the
    /// closure): the next iteration rebinds what the closure reads.
    pub(super) later: Option<Later>,
}

/// A name the loop body assigns only after the closure.
#[derive(Clone, Copy)]
pub(super) struct Later {
    /// Bound before the loop on every path, so that a default can be evaluated on the first
    /// iteration too.
    pub(super) bound_before: bool,
    /// Every assignment after the closure reads the name itself (`i += 1`, `node = node.next`):
    /// it advances the value, and the value when the closure is made is this iteration's.
    pub(super) advances: bool,
}

/// The loops around the closure in its own scope, innermost first, and that scope (the module's
/// when the closure is in no function: then only comprehension loops are left, which do not
/// need it). `None` when there are none, or when they are in a class body, which a closure
/// cannot see.
pub(super) fn enclosing_loops<'a>(semantic: &SemanticModel<'a>, path: &[Node<'a>]) -> Option<(Vec<Loop<'a>>, ScopeId)> {
    let mut loops = Vec::new();
    let mut scope = semantic.module_scope();
    for index in (0..path.len().saturating_sub(1)).rev() {
        let (node, child) = (path[index], path[index + 1]);
        let in_body = |body: &[Stmt]| child.stmt().is_some_and(|s| position_in(body, s).is_some());
        match node {
            Node::Stmt(Stmt::FunctionDef(func)) if in_body(&func.body) => {
                scope = semantic.function_scope(func)?;
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

/// The free names of the closure that a loop around it rebinds, for the loops the closure
/// outlives an iteration of.
pub(super) fn captures<'a>(
    checker: &Checker<'a>,
    closure: Closure<'a>,
    path: &[Node<'a>],
    loops: &[Loop<'a>],
    scope: ScopeId,
) -> Vec<Capture<'a>> {
    let semantic = checker.semantic();
    let mut fates: HashMap<usize, Option<Route>> = HashMap::new();
    let mut captures = Vec::new();
    let assigned: Vec<Assigned> = loops.iter().map(|l| assigned_in_body(scope, *l, closure)).collect();
    for free in closure.free_names(semantic) {
        let Some((looped, always_bound, later)) = binding_loop(semantic, free.name, path, loops, &assigned) else {
            continue;
        };
        let later = later.then(|| Later {
            bound_before: bound_before_loop(checker, scope, free.name, path, looped),
            advances: advances(semantic, scope, free.name, looped, closure),
        });
        let always_bound = always_bound || later.is_some_and(|l| l.bound_before);
        let route = fates
            .entry(looped.index)
            .or_insert_with(|| {
                let escape = Escape { checker, scope, looped, closure };
                match escape.closure_fate(path) {
                    Fate::Outlives(route) if rebound_later(semantic, path, looped) => Some(route),
                    _ => None,
                }
            })
            .clone();
        if let Some(route) = route {
            captures.push(Capture { free, looped, route, always_bound, later });
        }
    }
    captures
}

/// The stretches of a statement loop's body before the closure and after it, where the names
/// the body binds in `scope` are looked up; none for a comprehension, which has no body of
/// statements. (Asking about each free name keeps the cost to its own bindings, where the set of
/// every name bound there would cost the scope's bindings for each closure.)
#[derive(Default)]
struct Assigned {
    scope: Option<ScopeId>,
    before: Option<TextRange>,
    after: Option<TextRange>,
}

impl Assigned {
    fn before(&self, semantic: &SemanticModel, name: &str) -> bool {
        self.scope.zip(self.before).is_some_and(|(scope, range)| semantic.binds_within(scope, name, range))
    }

    fn after(&self, semantic: &SemanticModel, name: &str) -> bool {
        self.scope.zip(self.after).is_some_and(|(scope, range)| semantic.binds_within(scope, name, range))
    }
}

fn assigned_in_body(scope: ScopeId, looped: Loop, closure: Closure) -> Assigned {
    let Some(body) = body_range(looped.body()) else { return Assigned::default() };
    let (start, end) = (closure.range().start(), closure.range().end());
    Assigned {
        scope: Some(scope),
        before: Some(TextRange::new(body.start(), start)),
        after: Some(TextRange::new(end, body.end())),
    }
}

/// The innermost loop that binds `name` for the closure, whether the name is bound on every path
/// to it, and whether the loop binds it only after the closure. A comprehension binds its
/// targets; a `for` its target, a `while` the walrus targets of its test, and both the names
/// their body assigns (`assigned`, one set per loop): before the closure, or after it, which the
/// next iteration sees.
fn binding_loop<'a>(
    semantic: &SemanticModel,
    name: &str,
    path: &[Node<'a>],
    loops: &[Loop<'a>],
    assigned: &[Assigned],
) -> Option<(Loop<'a>, bool, bool)> {
    for (&looped, assigned) in loops.iter().zip(assigned) {
        if let Some(generators) = looped.comprehension() {
            if generators.iter().any(|g| binds_target(&g.target, name)) {
                return Some((looped, true, false));
            }
            continue;
        }
        let header = match looped.node {
            Node::Stmt(Stmt::For(f)) => binds_target(&f.target, name),
            Node::Stmt(Stmt::While(w)) => walrus_binds(&w.test, name),
            _ => false,
        };
        if header {
            return Some((looped, true, false));
        }
        if assigned.before(semantic, name) {
            return Some((looped, bound_on_the_way(name, path, looped), false));
        }
        if assigned.after(semantic, name) {
            return Some((looped, bound_on_the_way(name, path, looped), true));
        }
    }
    None
}

/// Whether `name` is bound on every path from the top of the scope to the loop: a parameter,
/// or a statement before the loop (or before a statement holding it) that always binds it.
fn bound_before_loop(checker: &Checker, scope: ScopeId, name: &str, path: &[Node], looped: Loop) -> bool {
    let semantic = checker.semantic();
    let top = (0..looped.index).rev().find_map(|k| match path[k] {
        Node::Stmt(Stmt::FunctionDef(func)) if semantic.function_scope(func) == Some(scope) => Some((k, func)),
        _ => None,
    });
    match top {
        Some((k, func)) => {
            func.parameters.iter().any(|p| p.name().as_str() == name) || bound_between(name, path, k, looped.index)
        }
        None if scope == semantic.module_scope() => {
            let Some(first) = path.first().and_then(|n| n.stmt()) else { return false };
            let module = &semantic.module.body;
            module.iter().take_while(|s| !std::ptr::eq(*s, first)).any(|s| always_binds(s, name))
                || bound_between(name, path, 0, looped.index)
        }
        None => false,
    }
}

/// Whether every assignment of `name` in the loop body after the closure reads the name itself
/// (`i += 1`, `i = i + 1`, `node = node.next`).
fn advances(semantic: &SemanticModel, scope: ScopeId, name: &str, looped: Loop, closure: Closure) -> bool {
    let Some(body) = body_range(looped.body()) else { return false };
    let after = TextRange::new(closure.range().end(), body.end());
    let mut bindings = semantic.bindings_in(scope, after).into_iter().filter(|b| b.name == name).peekable();
    bindings.peek().is_some()
        && bindings.all(|binding| match binding.kind {
            BindingKind::AugmentedAssignment => true,
            BindingKind::Assignment => binding.stmt.is_some_and(|stmt| match semantic.nodes.node(stmt) {
                Node::Stmt(Stmt::Assign(assign)) => semantic.loaded_names_in(assign.value.range()).contains(name),
                _ => false,
            }),
            _ => false,
        })
}

/// Whether `name`, assigned in the loop body, is bound on every path from the top of the body to
/// the closure: by a statement before the path's statement in the same block that always binds
/// it, or by the header of a statement on the path (`with ... as name:`, `for name in`, an
/// `except ... as name:` clause, a walrus in an `if` test).
fn bound_on_the_way(name: &str, path: &[Node], looped: Loop) -> bool {
    bound_between(name, path, looped.index, path.len())
}

/// Whether `name` is bound on every path from the top of the block that `path[outer]` holds to
/// `path[inner]` (not by the header of `path[inner]` itself).
fn bound_between(name: &str, path: &[Node], outer: usize, inner: usize) -> bool {
    for k in outer + 1..path.len().min(inner + 1) {
        let (Some(parent), Some(stmt)) = (path[k - 1].stmt(), path[k].stmt()) else { break };
        let block = block_holding(parent, stmt);
        let before = block.iter().take_while(|s| !std::ptr::eq(*s, stmt));
        let header = k < inner && header_binds(stmt, path.get(k + 1).copied(), name);
        if before.into_iter().any(|s| always_binds(s, name)) || header {
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
        Stmt::For(f) => position_in(&f.body, next).is_some() && binds_target(&f.target, name),
        Stmt::If(i) => walrus_binds(&i.test, name),
        Stmt::While(w) => walrus_binds(&w.test, name),
        Stmt::Try(t) => t.handlers.iter().any(|h| {
            let ExceptHandler::ExceptHandler(h) = h;
            h.name.as_ref().is_some_and(|n| n.as_str() == name) && position_in(&h.body, next).is_some()
        }),
        _ => false,
    }
}

/// Whether the loop can rebind its names after the closure is made: not when every path from the
/// closure leaves the loop in the same iteration (`return`, `raise`, or a `break` of this loop
/// right after it in a block on the path).
/// What follows each statement is looked up, not scanned: many closures in one long block would
/// each scan the rest of it.
fn rebound_later(semantic: &SemanticModel, path: &[Node], looped: Loop) -> bool {
    if looped.comprehension().is_some() {
        return true;
    }
    for k in (looped.index + 1..path.len()).rev() {
        let (Some(_), Some(stmt)) = (path[k - 1].stmt(), path[k].stmt()) else { continue };
        let after = semantic.left_after(stmt);
        if after.returns || (after.breaks && innermost_loop(path, k - 1) == Some(looped.index)) {
            return false;
        }
    }
    true
}

/// Index of the innermost loop whose body holds the block of `path[parent]` leading on.
fn innermost_loop(path: &[Node], parent: usize) -> Option<usize> {
    (0..=parent).rev().find(|&j| {
        let next = path.get(j + 1).copied();
        match path[j] {
            Node::Stmt(Stmt::For(f)) => next.and_then(Node::stmt).is_some_and(|n| position_in(&f.body, n).is_some()),
            Node::Stmt(Stmt::While(w)) => next.and_then(Node::stmt).is_some_and(|n| position_in(&w.body, n).is_some()),
            _ => false,
        }
    })
}
