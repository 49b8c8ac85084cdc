//! The one walk that builds the model. It follows ruff's `Visitor` (evaluation order) and steps
//! in where Python runs code in another scope than the walk's nesting suggests: decorators,
//! defaults, annotations and bases run around a `def` / `class`, and the first iterable of a
//! comprehension runs around the comprehension.
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{
    Comprehension, ExceptHandler, Expr, ExprContext, ExprLambda, ExprName, Parameters, Pattern, Stmt, StmtClassDef,
    StmtFunctionDef, StmtImport, StmtImportFrom, TypeParams,
};
use ruff_text_size::{Ranged, TextRange, TextSize};
use rustc_hash::FxHashMap;

use super::binding::{Binding, BindingId, BindingKind, bound_by_import, bound_by_import_from, captured_by_pattern};
use super::flow::walk_function_header;
use super::nodes::{Node, NodeId, Nodes};
use super::reference::{Reference, Resolution};
use super::scope::{Scope, ScopeId, ScopeKind};

/// What a `Name` in a store context binds as, set by the construct around the target.
#[derive(Debug, Clone, Copy)]
enum Store {
    Assignment,
    Augmented,
    Annotated { has_value: bool },
    Loop,
    With,
    Walrus,
    Comprehension,
    TypeAlias,
}

impl Store {
    fn of(stmt: &Stmt) -> Store {
        match stmt {
            Stmt::AugAssign(_) => Store::Augmented,
            Stmt::AnnAssign(a) => Store::Annotated { has_value: a.value.is_some() },
            Stmt::For(_) => Store::Loop,
            Stmt::With(_) => Store::With,
            Stmt::TypeAlias(_) => Store::TypeAlias,
            _ => Store::Assignment,
        }
    }

    fn kind(self) -> BindingKind {
        match self {
            Store::Assignment => BindingKind::Assignment,
            Store::Augmented => BindingKind::AugmentedAssignment,
            Store::Annotated { has_value } => BindingKind::AnnotatedAssignment { has_value },
            Store::Loop => BindingKind::LoopTarget,
            Store::With => BindingKind::WithTarget,
            Store::Walrus => BindingKind::Walrus,
            Store::Comprehension => BindingKind::ComprehensionTarget,
            Store::TypeAlias => BindingKind::TypeAlias,
        }
    }
}

pub(super) struct Builder<'a> {
    pub(super) nodes: Nodes<'a>,
    pub(super) scopes: Vec<Scope<'a>>,
    pub(super) bindings: Vec<Binding<'a>>,
    pub(super) references: Vec<Reference<'a>>,
    /// The scope of each `def`, `class` and lambda, by the node's address.
    pub(super) scope_by_node: FxHashMap<usize, ScopeId>,
    /// Every `name.send(...)` call, in walk order.
    pub(super) sends: Vec<NodeId>,
    scope: ScopeId,
    parent: Option<NodeId>,
    stmt: Option<NodeId>,
    store: Store,
}

/// How many entries to reserve in each table, from the module's size.
pub(super) struct Capacities {
    pub(super) nodes: usize,
    pub(super) references: usize,
    pub(super) bindings: usize,
    pub(super) scopes: usize,
}

impl<'a> Builder<'a> {
    pub(super) fn new(capacities: Capacities) -> Self {
        let mut module = Scope::new(ScopeKind::Module, None, ScopeId::MODULE);
        module.references.start = 0;
        let mut scopes = Vec::with_capacity(capacities.scopes);
        scopes.push(module);
        Builder {
            nodes: Nodes::with_capacity(capacities.nodes),
            scopes,
            bindings: Vec::with_capacity(capacities.bindings),
            references: Vec::with_capacity(capacities.references),
            scope_by_node: FxHashMap::default(),
            sends: Vec::new(),
            scope: ScopeId::MODULE,
            parent: None,
            stmt: None,
            store: Store::Assignment,
        }
    }

    /// Closes the module scope once the walk is done.
    pub(super) fn finish(&mut self) {
        let last = ScopeId(u32::try_from(self.scopes.len() - 1).expect("fewer than 2^32 scopes"));
        let module = &mut self.scopes[0];
        module.last_nested = last;
        module.references.end = u32::try_from(self.references.len()).expect("fewer than 2^32 references");
    }

    /// Opens a nested scope; `address` is the node's, for the scopes looked up by their node.
    fn push_scope(&mut self, kind: ScopeKind<'a>, address: Option<usize>) {
        let id = ScopeId(u32::try_from(self.scopes.len()).expect("fewer than 2^32 scopes"));
        let mut scope = Scope::new(kind, Some(self.scope), id);
        let start = u32::try_from(self.references.len()).expect("fewer than 2^32 references");
        scope.references = start..start;
        self.scopes.push(scope);
        if let Some(address) = address {
            self.scope_by_node.insert(address, id);
        }
        self.scope = id;
    }

    fn pop_scope(&mut self) {
        let last = ScopeId(u32::try_from(self.scopes.len() - 1).expect("fewer than 2^32 scopes"));
        let end = u32::try_from(self.references.len()).expect("fewer than 2^32 references");
        let scope = &mut self.scopes[self.scope.index()];
        scope.last_nested = last;
        scope.references.end = end;
        self.scope = scope.parent.expect("only nested scopes are popped");
    }

    /// The scope a walrus binds in, and whose `yield` a `yield` is: the nearest one that is not
    /// a comprehension.
    fn non_comprehension_scope(&self) -> ScopeId {
        let mut id = self.scope;
        while matches!(self.scopes[id.index()].kind, ScopeKind::Comprehension) {
            id = self.scopes[id.index()].parent.expect("a comprehension has a parent");
        }
        id
    }

    fn bind_in(&mut self, scope: ScopeId, name: &'a str, kind: BindingKind, range: TextRange, at: TextSize) {
        let id = BindingId(u32::try_from(self.bindings.len()).expect("fewer than 2^32 bindings"));
        self.bindings.push(Binding { name, kind, range, stmt: self.stmt, bound_at: at });
        self.scopes[scope.index()].variable_mut(name).bindings.push(id);
    }

    fn bind(&mut self, name: &'a str, kind: BindingKind, range: TextRange, at: TextSize) {
        self.bind_in(self.scope, name, kind, range, at);
    }

    fn read(&mut self, name: &'a ExprName, node: NodeId, augmented: bool) {
        let scope = self.scope;
        let range = name.range;
        let resolution = Resolution::Unbound;
        self.references.push(Reference { name: name.id.as_str(), range, scope, node, augmented, resolution });
    }

    fn bind_parameters(&mut self, parameters: &'a Parameters) {
        for parameter in parameters.iter() {
            let name = parameter.name();
            self.bind(name.as_str(), BindingKind::Parameter, name.range, name.start());
        }
    }

    fn bind_type_params(&mut self, type_params: Option<&'a TypeParams>) {
        for param in type_params.iter().flat_map(|t| &t.type_params) {
            let name = param.name();
            self.bind(name.as_str(), BindingKind::TypeParam, name.range, name.start());
        }
    }

    fn visit_function(&mut self, func: &'a StmtFunctionDef, start: TextSize) {
        walk_function_header(self, func);
        self.bind(func.name.as_str(), BindingKind::FunctionDef, func.name.range, start);
        self.push_scope(ScopeKind::Function(func), Some(std::ptr::from_ref(func) as usize));
        self.bind_type_params(func.type_params.as_deref());
        self.bind_parameters(&func.parameters);
        self.visit_body(&func.body);
        self.pop_scope();
    }

    fn visit_class(&mut self, class: &'a StmtClassDef, start: TextSize) {
        for decorator in &class.decorator_list {
            self.visit_decorator(decorator);
        }
        if let Some(type_params) = &class.type_params {
            self.visit_type_params(type_params);
        }
        if let Some(arguments) = &class.arguments {
            self.visit_arguments(arguments);
        }
        self.bind(class.name.as_str(), BindingKind::ClassDef, class.name.range, start);
        self.push_scope(ScopeKind::Class(class), Some(std::ptr::from_ref(class) as usize));
        self.bind_type_params(class.type_params.as_deref());
        self.visit_body(&class.body);
        self.pop_scope();
    }

    fn visit_lambda(&mut self, lambda: &'a ExprLambda) {
        if let Some(parameters) = &lambda.parameters {
            self.visit_parameters(parameters);
        }
        self.push_scope(ScopeKind::Lambda, Some(std::ptr::from_ref(lambda) as usize));
        if let Some(parameters) = &lambda.parameters {
            self.bind_parameters(parameters);
        }
        self.visit_expr(&lambda.body);
        self.pop_scope();
    }

    /// The first iterable runs outside; targets, conditions, later iterables and the results
    /// run in the comprehension's own scope.
    fn visit_comprehension_expr(&mut self, generators: &'a [Comprehension], results: [Option<&'a Expr>; 2]) {
        let Some(first) = generators.first() else { return };
        self.visit_expr(&first.iter);
        self.push_scope(ScopeKind::Comprehension, None);
        for (index, generator) in generators.iter().enumerate() {
            if index > 0 {
                self.visit_expr(&generator.iter);
            }
            let saved = std::mem::replace(&mut self.store, Store::Comprehension);
            self.visit_expr(&generator.target);
            self.store = saved;
            for condition in &generator.ifs {
                self.visit_expr(condition);
            }
        }
        results.into_iter().flatten().for_each(|e| self.visit_expr(e));
        self.pop_scope();
    }

    fn bind_import(&mut self, import: &'a StmtImport, start: TextSize) {
        for (name, qualified, range) in bound_by_import(import) {
            self.bind(name, BindingKind::Import { qualified }, range, start);
        }
    }

    fn bind_import_from(&mut self, import: &'a StmtImportFrom, start: TextSize) {
        for (name, qualified, range) in bound_by_import_from(import) {
            self.bind(name, BindingKind::FromImport { qualified }, range, start);
        }
    }

    fn visit_aug_assign(&mut self, stmt: &'a Stmt, target: &'a Expr) {
        // `x += 1` reads `x` before the value runs, but the walk meets its node after the value:
        // the reference is recorded first and given its node afterwards.
        let Expr::Name(name) = target else { return visitor::walk_stmt(self, stmt) };
        let pending = self.references.len();
        self.read(name, NodeId(u32::MAX), true);
        visitor::walk_stmt(self, stmt);
        // The target is the statement's last child, so the last node of the walk.
        let last = NodeId(u32::try_from(self.nodes.len() - 1).expect("fewer than 2^32 nodes"));
        debug_assert!(self.nodes.node(last).expr().is_some_and(|e| std::ptr::eq(e, target)));
        self.references[pending].node = last;
    }
}

impl<'a> Visitor<'a> for Builder<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        let id = self.nodes.push(Node::Stmt(stmt), self.parent, self.scope);
        let saved = (self.parent, self.stmt, self.store);
        (self.parent, self.stmt, self.store) = (Some(id), Some(id), Store::of(stmt));
        let start = stmt.start();
        match stmt {
            Stmt::FunctionDef(func) => self.visit_function(func, start),
            Stmt::ClassDef(class) => self.visit_class(class, start),
            Stmt::Import(import) => self.bind_import(import, start),
            Stmt::ImportFrom(import) => self.bind_import_from(import, start),
            Stmt::Global(global) => {
                for name in &global.names {
                    self.scopes[self.scope.index()].globals.insert(name.as_str());
                    self.bind(name.as_str(), BindingKind::Global, name.range, name.start());
                }
            }
            Stmt::Nonlocal(nonlocal) => {
                for name in &nonlocal.names {
                    self.scopes[self.scope.index()].nonlocals.insert(name.as_str());
                    self.bind(name.as_str(), BindingKind::Nonlocal, name.range, name.start());
                }
            }
            Stmt::AugAssign(aug) => self.visit_aug_assign(stmt, &aug.target),
            _ => visitor::walk_stmt(self, stmt),
        }
        (self.parent, self.stmt, self.store) = saved;
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        let id = self.nodes.push(Node::Expr(expr), self.parent, self.scope);
        let saved = self.parent.replace(id);
        match expr {
            Expr::Name(name) => match name.ctx {
                ExprContext::Load => self.read(name, id, false),
                ExprContext::Store => {
                    let (scope, kind) = match self.store {
                        Store::Walrus => (self.non_comprehension_scope(), BindingKind::Walrus),
                        store => (self.scope, store.kind()),
                    };
                    self.bind_in(scope, name.id.as_str(), kind, name.range, name.start());
                }
                ExprContext::Del => self.bind(name.id.as_str(), BindingKind::Deletion, name.range, name.start()),
                ExprContext::Invalid => {}
            },
            Expr::Named(named) => {
                self.visit_expr(&named.value);
                let store = std::mem::replace(&mut self.store, Store::Walrus);
                self.visit_expr(&named.target);
                self.store = store;
            }
            Expr::Lambda(lambda) => self.visit_lambda(lambda),
            Expr::ListComp(c) => self.visit_comprehension_expr(&c.generators, [Some(&c.elt), None]),
            Expr::SetComp(c) => self.visit_comprehension_expr(&c.generators, [Some(&c.elt), None]),
            Expr::Generator(c) => self.visit_comprehension_expr(&c.generators, [Some(&c.elt), None]),
            Expr::DictComp(c) => self.visit_comprehension_expr(&c.generators, [c.key.as_deref(), Some(&c.value)]),
            Expr::Yield(_) | Expr::YieldFrom(_) => {
                let own = self.non_comprehension_scope();
                let scope = &mut self.scopes[own.index()];
                scope.is_generator = true;
                // A `yield` alone as a statement drops what `send()` passed; any other place
                // (an assignment, an argument, an operand) uses it.
                let dropped = saved.is_some_and(|parent| matches!(self.nodes.node(parent), Node::Stmt(Stmt::Expr(_))));
                if expr.is_yield_expr() && !dropped {
                    scope.reads_sent_values = true;
                }
                visitor::walk_expr(self, expr);
            }
            Expr::Call(call) => {
                if matches!(&*call.func, Expr::Attribute(a) if a.attr.as_str() == "send" && a.value.is_name_expr()) {
                    self.sends.push(id);
                }
                visitor::walk_expr(self, expr);
            }
            _ => visitor::walk_expr(self, expr),
        }
        self.parent = saved;
    }

    fn visit_except_handler(&mut self, handler: &'a ExceptHandler) {
        let ExceptHandler::ExceptHandler(inner) = handler;
        if let Some(name) = &inner.name {
            self.bind(name.as_str(), BindingKind::ExceptHandler, name.range, handler.start());
        }
        visitor::walk_except_handler(self, handler);
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        if let Some(name) = captured_by_pattern(pattern) {
            self.bind(name.as_str(), BindingKind::MatchCapture, name.range, name.start());
        }
        visitor::walk_pattern(self, pattern);
    }
}
