//! The class being checked: what it binds, what encloses it, and the walk over its body that
//! sends each assignment to the field or the plain-class check.

use ruff_python_ast::{Expr, Stmt, StmtClassDef};

use super::Found;
use super::annotations::{annotation_head, is_class_var, is_init_var};
use super::classify::{ClassInfo, ClassKind, classify_class};
use crate::engine::checker::Checker;
use crate::semantic::{BindingKind, NodeId, ScopeId, ScopeKind, SemanticModel};

pub(super) struct ClassContext<'c> {
    pub(super) checker: &'c Checker<'c>,
    pub(super) semantic: &'c SemanticModel<'c>,
    pub(super) class: &'c StmtClassDef,
    /// The class statement in the model's node table.
    pub(super) node: NodeId,
    pub(super) info: ClassInfo,
    /// The class body's scope: its names shadow module names inside the body, and a lambda in
    /// the body cannot see them.
    pub(super) scope: ScopeId,
    /// The scopes of the functions enclosing the class, outermost first: their names shadow
    /// module names too, and their own imports can serve a fix.
    pub(super) functions: Vec<ScopeId>,
}

impl<'c> ClassContext<'c> {
    pub(super) fn new(checker: &'c Checker<'c>, class: &'c StmtClassDef) -> Option<Self> {
        let semantic = checker.semantic();
        let info = classify_class(semantic, class, 0);
        if info.kind == ClassKind::Skipped {
            return None;
        }
        let scope = semantic.class_scope(class)?;
        let mut functions = Vec::new();
        let mut enclosing = semantic.scope(scope).parent;
        while let Some(id) = enclosing {
            if let ScopeKind::Function(_) = semantic.scope(id).kind {
                functions.push(id);
            }
            enclosing = semantic.scope(id).parent;
        }
        functions.reverse();
        Some(ClassContext { checker, semantic, class, node: checker.node_id(), info, scope, functions })
    }

    /// Whether the statements of `scope` bind `name`. Type parameters do not count: the
    /// body's code and the lambdas in it see them alike.
    fn scope_binds(&self, scope: ScopeId, name: &str) -> bool {
        self.semantic.bindings_of(scope, name).any(|binding| binding.kind != BindingKind::TypeParam)
    }

    /// Whether the class body binds `name`.
    pub(super) fn class_binds(&self, name: &str) -> bool {
        self.scope_binds(self.scope, name)
    }

    /// Whether the class body or an enclosing function binds `name`, hiding the module's.
    pub(super) fn binds_locally(&self, name: &str) -> bool {
        self.class_binds(name) || self.functions.iter().any(|&scope| self.scope_binds(scope, name))
    }

    /// Whether `name`, read in the class body, is the builtin of that name.
    pub(super) fn is_builtin_here(&self, name: &str) -> bool {
        !self.binds_locally(name) && !self.semantic.binds(self.semantic.module_scope(), name)
    }

    /// The findings on fields, and the plain-class attributes changed in place (mutable-class-attr
    /// reports those).
    pub(super) fn check_body(&self) -> Found<'c> {
        let mut pending = Found::default();
        for stmt in &self.class.body {
            match stmt {
                Stmt::AnnAssign(assign) => {
                    let (Expr::Name(target), Some(value)) = (&*assign.target, &assign.value) else { continue };
                    self.check_annotated(stmt, target.id.as_str(), &assign.annotation, value, &mut pending);
                }
                Stmt::Assign(assign) => {
                    let Some(Expr::Name(target)) = assign.targets.first() else { continue };
                    self.check_unannotated(stmt, target.id.as_str(), &assign.value, &mut pending);
                }
                _ => {}
            }
        }
        pending
    }

    fn check_annotated(&self, stmt: &'c Stmt, name: &str, annotation: &'c Expr, value: &'c Expr, found: &mut Found<'c>) {
        let pending = &mut found.fields;
        let head = annotation_head(self.semantic, annotation);
        if head.as_deref().is_some_and(is_class_var) {
            return;
        }
        let init_var = head.as_deref().is_some_and(is_init_var);
        match self.info.kind {
            ClassKind::Dataclass | ClassKind::Attrs { auto: Some(true), .. } => {
                self.check_field(name, Some(annotation), init_var, value, pending);
            }
            // Not a field: with `auto_attribs` off, only `attr.ib()` declares one.
            ClassKind::Attrs { auto: Some(false), .. } => {
                if self.field_call(value).is_some() {
                    self.check_field(name, Some(annotation), false, value, pending);
                } else {
                    self.check_class_attribute(stmt, name, Some((annotation, head.as_deref())), value, &mut found.shared);
                }
            }
            ClassKind::Attrs { auto: None, .. } => {
                if self.field_call(value).is_some() {
                    self.check_field(name, Some(annotation), false, value, pending);
                }
            }
            ClassKind::Plain => {
                self.check_class_attribute(stmt, name, Some((annotation, head.as_deref())), value, &mut found.shared);
            }
            ClassKind::Skipped => {}
        }
    }

    fn check_unannotated(&self, stmt: &'c Stmt, name: &str, value: &'c Expr, found: &mut Found<'c>) {
        match self.info.kind {
            // `x = attr.ib(default=[])` is a field; a bare `x = []` is a class attribute, and
            // leaving the annotation off is how a dataclass or attrs class declares one on purpose.
            ClassKind::Attrs { .. } => {
                if self.field_call(value).is_some() {
                    self.check_field(name, None, false, value, &mut found.fields);
                }
            }
            ClassKind::Plain => self.check_class_attribute(stmt, name, None, value, &mut found.shared),
            ClassKind::Dataclass | ClassKind::Skipped => {}
        }
    }
}
