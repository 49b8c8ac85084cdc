//! The first look's walk: one pass over the AST that asks the transforms about the kinds of node
//! they name and gathers the module's facts for the project index.

use std::cell::OnceCell;
use std::rc::Rc;

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{
    AnyNodeRef, ExceptHandler, Expr, ExprContext, ModModule, NodeKind, Parameter, Pattern, Stmt, StmtClassDef, StmtFunctionDef,
};
use ruff_text_size::{Ranged, TextRange, TextSize};
use rustc_hash::{FxHashMap, FxHashSet};

use super::{FirstLook, Look};
use crate::engine::top_names::TopNames;
use crate::engine::transform::Transform;
use crate::semantic::knowledge::is_builtin_class;
use crate::semantic::flow::walk_function_header;
use crate::semantic::queries::attributes::{changed_in_place_by_call, changed_in_place_by_stmt};
use crate::semantic::{bound_by_import, bound_by_import_from, captured_by_pattern};

mod asked;
mod conditions;

#[cfg(test)]
pub(super) use asked::CallAskers;
use asked::{Asked, ask_each, is_plain_leaf};

/// Looks at `module` for the selected `transforms`; `for_index`: also gather the file's
/// project-index facts (else the walk stops at the first yes).
pub(crate) fn first_look<'a>(module: &'a ModModule, transforms: &[&'static dyn Transform], for_index: bool) -> FirstLook<'a> {
    let mut walker = Walker {
        look: Look::new(transforms.len()),
        asked: Asked::for_selection(transforms),
        for_index,
        renamed: FxHashSet::default(),
        classes: Vec::new(),
        changed_in_place: FxHashSet::default(),
        packages: FxHashSet::default(),
        shadowed: FxHashSet::default(),
        imports: FxHashMap::default(),
        ambiguous: FxHashSet::default(),
        frames: Vec::new(),
        generators: FxHashSet::default(),
        async_for_callees: Vec::new(),
        names: TopNames::default(),
        reads_sent: FxHashSet::default(),
        send_receivers: Vec::new(),
        assigned_calls: Vec::new(),
        plain_modules: FxHashSet::default(),
        loop_bindings: Vec::new(),
        loop_bindings_by_name: OnceCell::new(),
    };
    walker.visit_body(&module.body);
    let mut reporting = walker.look.yes.clone();
    for (asking, conditions) in &walker.look.pending {
        if !reporting[*asking] && conditions.iter().all(|c| walker.holds(*c)) {
            reporting[*asking] = true;
        }
    }
    let Walker { mut imports, ambiguous, generators, async_for_callees, names, classes, send_receivers, assigned_calls, plain_modules, reads_sent, .. } = walker;
    imports.retain(|name, _| !ambiguous.contains(name));
    let async_generators = module
        .body
        .iter()
        .filter_map(|stmt| match stmt {
            Stmt::FunctionDef(func) if generators.contains(&func.start()) => Some(func.name.as_str()),
            _ => None,
        })
        .collect();
    let value_generators = module
        .body
        .iter()
        .filter_map(|stmt| match stmt {
            Stmt::FunctionDef(func)
                if !func.is_async && func.decorator_list.is_empty() && reads_sent.contains(&func.start()) =>
            {
                Some(func.name.as_str())
            }
            _ => None,
        })
        .collect();
    FirstLook {
        reporting,
        imports,
        async_generators,
        async_for_callees,
        ambiguous,
        names,
        classes,
        value_generators,
        send_receivers,
        assigned_calls,
        plain_modules,
    }
}

struct Walker<'a> {
    look: Look<'a>,
    asked: Rc<Asked>,
    for_index: bool,
    /// Names bound by imports with `as`.
    renamed: FxHashSet<&'a str>,
    classes: Vec<&'a StmtClassDef>,
    /// Attributes changed in place somewhere.
    changed_in_place: FxHashSet<&'a str>,
    /// The top-level packages the module imports from (absolute imports only).
    packages: FxHashSet<&'a str>,
    /// Names of builtin classes that the module binds itself.
    shadowed: FxHashSet<&'a str>,
    imports: FxHashMap<&'a str, String>,
    ambiguous: FxHashSet<&'a str>,
    /// The functions (and lambdas and class bodies) whose code the walk is in: each one's start,
    /// whether it is an `async def`, and whether a `yield` in its own code was seen.
    frames: Vec<(TextSize, bool, bool)>,
    /// The starts of the `async def`s with a `yield` of their own.
    generators: FxHashSet<TextSize>,
    async_for_callees: Vec<&'a str>,
    names: TopNames<'a>,
    /// The starts of the generators (functions, lambdas) that use the value of a `yield`.
    reads_sent: FxHashSet<TextSize>,
    send_receivers: Vec<&'a str>,
    assigned_calls: Vec<(&'a str, &'a Expr)>,
    plain_modules: FxHashSet<&'a str>,
    /// The names bound inside a loop, each with where.
    loop_bindings: Vec<(&'a str, TextSize)>,
    /// The same by name, made when a closure's condition is first judged (a file with thousands
    /// of closures in loops would otherwise scan every binding for each).
    loop_bindings_by_name: OnceCell<FxHashMap<&'a str, Vec<TextSize>>>,
}

impl<'a> Walker<'a> {
    /// Whether the walk is in the module's top-level code (not in a function, lambda or class).
    fn at_top(&self) -> bool {
        self.frames.is_empty()
    }

    /// Notes a name the module binds (at `at`), in any way: one that is a builtin class's is
    /// shadowed, and one bound in a loop may be what a closure there captures.
    fn note_bound(&mut self, name: &'a str, at: TextSize) {
        if is_builtin_class(name) {
            self.shadowed.insert(name);
        }
        if self.look.in_loop() {
            self.loop_bindings.push((name, at));
        }
    }

    /// Notes a name that code other than an import or a class statement binds.
    fn note_other(&mut self, name: &'a str, at: TextSize) {
        self.note_bound(name, at);
        if self.for_index {
            let at_top = self.at_top();
            self.names.bind_other(name, at_top);
        }
    }

    /// Nothing more to learn: every transform said yes and no index facts are wanted.
    fn done(&self) -> bool {
        self.look.all_yes() && !self.for_index
    }

    fn note_import(&mut self, name: &'a str, at: TextSize, qualified: String, renamed: bool) {
        self.note_bound(name, at);
        if renamed {
            self.renamed.insert(name);
        }
        if !self.for_index {
            return;
        }
        let at_top = self.at_top();
        self.names.bind_import(name, qualified.clone(), at_top);
        match self.imports.get(name) {
            Some(existing) if *existing != qualified => {
                self.ambiguous.insert(name);
            }
            Some(_) => {}
            None => {
                self.imports.insert(name, qualified);
            }
        }
    }

    /// Walks `body` as the own code of a new frame: a function's (`def`), a lambda's or a
    /// class's (`None`).
    fn in_frame(&mut self, start: TextSize, def: Option<&'a StmtFunctionDef>, walk: impl FnOnce(&mut Self)) {
        let is_async = def.is_some_and(|def| def.is_async);
        self.frames.push((start, is_async, false));
        self.look.frames += 1;
        let outer = std::mem::replace(&mut self.look.in_async_def, is_async);
        let outer_def = std::mem::replace(&mut self.look.enclosing_def, def);
        walk(self);
        self.look.enclosing_def = outer_def;
        self.look.in_async_def = outer;
        self.look.frames -= 1;
        if let Some((start, true, true)) = self.frames.pop() {
            self.generators.insert(start);
        }
    }

    /// Walks a loop (`for`, `while`, a comprehension) spanning `range`.
    fn in_loop(&mut self, range: TextRange, walk: impl FnOnce(&mut Self)) {
        self.look.loops.push((range, self.look.frames));
        walk(self);
        self.look.loops.pop();
    }

    /// Asks the transforms that glance at statements of this kind and have not said yes yet.
    #[inline]
    fn glance_stmt(&mut self, stmt: &'a Stmt) {
        let kind = AnyNodeRef::from(stmt).kind();
        if self.asked.asks_about(kind) {
            self.ask_about_stmt(kind, stmt);
        }
    }

    #[inline(never)]
    fn ask_about_stmt(&mut self, kind: NodeKind, stmt: &'a Stmt) {
        let askers = self.asked.about(kind, &self.asked.every_stmt);
        ask_each(&mut self.look, askers, |transform, look| transform.glance_stmt(look, stmt));
    }

    /// [`Self::glance_stmt`] for an expression.
    #[inline]
    fn glance_expr(&mut self, expr: &'a Expr) {
        let kind = AnyNodeRef::from(expr).kind();
        if self.asked.asks_about(kind) {
            self.ask_about_expr(kind, expr);
        }
    }

    #[inline(never)]
    fn ask_about_expr(&mut self, kind: NodeKind, expr: &'a Expr) {
        let askers = self.asked.about(kind, &self.asked.every_expr);
        ask_each(&mut self.look, askers, |transform, look| transform.glance_expr(look, expr));
        if let Expr::Call(call) = expr {
            let askers = self.asked.calls.about(&call.func);
            ask_each(&mut self.look, askers, |transform, look| transform.glance_expr(look, expr));
        }
    }

    /// [`Visitor::visit_expr`] for an expression that is not a plain leaf (or when some
    /// transform glances at those).
    #[inline(never)]
    fn visit_inner_expr(&mut self, expr: &'a Expr) {
        if self.done() {
            return;
        }
        self.glance_expr(expr);
        match expr {
            Expr::Lambda(lambda) => {
                if let Some(parameters) = &lambda.parameters {
                    self.visit_parameters(parameters);
                }
                self.in_frame(lambda.start(), None, |walker| walker.visit_expr(&lambda.body));
            }
            Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Generator(_) => {
                self.in_loop(expr.range(), |walker| visitor::walk_expr(walker, expr));
            }
            Expr::Yield(_) | Expr::YieldFrom(_) => {
                if let Some(frame) = self.frames.last_mut() {
                    frame.2 = true;
                    // A `yield` alone as a statement drops what `send()` passed (that statement
                    // walks its value itself); anywhere else its value is used.
                    if self.for_index && expr.is_yield_expr() {
                        self.reads_sent.insert(frame.0);
                    }
                }
                visitor::walk_expr(self, expr);
            }
            Expr::Name(name) => {
                if name.ctx != ExprContext::Load {
                    self.note_other(name.id.as_str(), name.start());
                }
            }
            Expr::Call(call) => {
                if self.for_index
                    && let Expr::Attribute(method) = &*call.func
                    && method.attr.as_str() == "send"
                    && let Expr::Name(receiver) = &*method.value
                {
                    self.send_receivers.push(receiver.id.as_str());
                }
                if let Some(name) = changed_in_place_by_call(expr) {
                    self.changed_in_place.insert(name);
                }
                visitor::walk_expr(self, expr);
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}

impl<'a> Visitor<'a> for Walker<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.done() {
            return;
        }
        self.glance_stmt(stmt);
        match stmt {
            Stmt::Import(import) => {
                for alias in &import.names {
                    self.packages.insert(alias.name.as_str().split('.').next().unwrap_or_default());
                }
                if self.for_index {
                    self.plain_modules.extend(bound_by_import(import).map(|(name, _, _)| name));
                }
                for (alias, (name, qualified, _)) in import.names.iter().zip(bound_by_import(import)) {
                    self.note_import(name, alias.start(), qualified, alias.asname.is_some());
                }
            }
            Stmt::ImportFrom(import) => {
                if let (0, Some(module)) = (import.level, &import.module) {
                    self.packages.insert(module.as_str().split('.').next().unwrap_or_default());
                }
                let aliases = import.names.iter().filter(|a| a.name.as_str() != "*");
                for (alias, (name, qualified, _)) in aliases.zip(bound_by_import_from(import)) {
                    self.note_import(name, alias.start(), qualified, alias.asname.is_some());
                }
            }
            Stmt::FunctionDef(func) => {
                self.note_other(func.name.as_str(), func.start());
                // Decorators, defaults and annotations run in the enclosing code.
                walk_function_header(self, func);
                self.in_frame(func.start(), Some(func), |walker| walker.visit_body(&func.body));
            }
            Stmt::ClassDef(class) => {
                self.classes.push(class);
                self.note_bound(class.name.as_str(), class.start());
                if self.for_index {
                    let at_top = self.at_top();
                    self.names.bind_class(class.name.as_str(), at_top);
                }
                for decorator in &class.decorator_list {
                    self.visit_decorator(decorator);
                }
                if let Some(type_params) = &class.type_params {
                    self.visit_type_params(type_params);
                }
                if let Some(arguments) = &class.arguments {
                    self.visit_arguments(arguments);
                }
                self.in_frame(class.start(), None, |walker| walker.visit_body(&class.body));
            }
            Stmt::For(for_stmt) => {
                if for_stmt.is_async && self.for_index {
                    if let Expr::Call(call) = for_stmt.iter.as_ref() {
                        self.async_for_callees.extend(head_name(&call.func));
                    }
                }
                self.in_loop(stmt.range(), |walker| visitor::walk_stmt(walker, stmt));
            }
            Stmt::While(_) => self.in_loop(stmt.range(), |walker| visitor::walk_stmt(walker, stmt)),
            Stmt::Expr(statement) if matches!(&*statement.value, Expr::Yield(_)) => {
                // The value `send()` passed is dropped: the frame yields but reads nothing. The
                // `yield` is glanced at all the same.
                if let Some(frame) = self.frames.last_mut() {
                    frame.2 = true;
                }
                self.glance_expr(&statement.value);
                if let Expr::Yield(inner) = &*statement.value
                    && let Some(value) = &inner.value
                {
                    self.visit_expr(value);
                }
            }
            Stmt::Assign(assign) if self.for_index => {
                if let ([Expr::Name(target)], Expr::Call(call)) = (&assign.targets[..], &*assign.value) {
                    self.assigned_calls.push((target.id.as_str(), &call.func));
                }
                changed_in_place_by_stmt(stmt, &mut |name| {
                    self.changed_in_place.insert(name);
                });
                visitor::walk_stmt(self, stmt);
            }
            Stmt::Global(global) if self.for_index => {
                // The function's code binds the module's name.
                for name in &global.names {
                    self.names.bind_other(name.as_str(), true);
                }
            }
            _ => {
                changed_in_place_by_stmt(stmt, &mut |name| {
                    self.changed_in_place.insert(name);
                });
                // No statement nests in an expression: an expression statement's call stays the
                // dropped one while its parts are walked.
                self.look.dropped_call = stmt.as_expr_stmt().and_then(|statement| statement.value.as_call_expr());
                visitor::walk_stmt(self, stmt);
                self.look.dropped_call = None;
            }
        }
    }

    #[inline(always)]
    fn visit_expr(&mut self, expr: &'a Expr) {
        // Most expressions are these: a call saved on each is a tenth of the walk.
        if is_plain_leaf(expr) && !self.asked.asks_about_leaves {
            return;
        }
        self.visit_inner_expr(expr);
    }

    fn visit_parameter(&mut self, parameter: &'a Parameter) {
        self.note_bound(parameter.name.as_str(), parameter.start());
        if self.for_index {
            // A parameter is the function's own name, wherever the def is.
            self.names.bind_other(parameter.name.as_str(), false);
        }
        visitor::walk_parameter(self, parameter);
    }

    fn visit_except_handler(&mut self, handler: &'a ExceptHandler) {
        self.visit_handler_name(handler);
        visitor::walk_except_handler(self, handler);
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        if let Some(name) = captured_by_pattern(pattern) {
            self.note_other(name.as_str(), pattern.start());
        }
        visitor::walk_pattern(self, pattern);
    }
}

impl<'a> Walker<'a> {
    fn visit_handler_name(&mut self, handler: &'a ExceptHandler) {
        let ExceptHandler::ExceptHandler(inner) = handler;
        if let Some(name) = &inner.name {
            self.note_other(name.as_str(), inner.start());
        }
    }
}


/// The first name of a dotted callee: `s` in `s.records`.
pub(crate) fn head_name(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => head_name(&attribute.value),
        _ => None,
    }
}

