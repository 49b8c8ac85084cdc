//! The class being checked: what it binds, what encloses it, and the walk over its body that
//! sends each assignment to the field or the plain-class check.

use std::collections::HashSet;

use ruff_python_ast::{Expr, Stmt, StmtClassDef};

use super::Pending;
use super::annotations::{annotation_head, is_class_var, is_init_var};
use super::classify::{ClassInfo, ClassKind, classify_class};
use super::module_facts::ModuleFacts;
use crate::engine::checker::Checker;
use crate::fixes::bound_names::{function_scope_names, module_scope_names};
use crate::resolve::ImportMap;

pub(super) struct ClassContext<'c> {
    pub(super) checker: &'c Checker<'c>,
    pub(super) class: &'c StmtClassDef,
    pub(super) info: ClassInfo,
    pub(super) module: ModuleFacts<'c>,
    /// Names the class body binds: they shadow module names inside the body, and a lambda in
    /// the body cannot see them.
    pub(super) class_names: HashSet<&'c str>,
    /// Names bound by the functions enclosing the class: they shadow module names too.
    pub(super) function_names: HashSet<&'c str>,
    /// The functions enclosing the class, outermost first.
    pub(super) functions: Vec<&'c ruff_python_ast::StmtFunctionDef>,
}

impl<'c> ClassContext<'c> {
    pub(super) fn new(checker: &'c Checker<'c>, class: &'c StmtClassDef) -> Option<Self> {
        let module = ModuleFacts::new(&checker.module().body);
        let info = classify_class(&module, checker.imports(), class, 0);
        if info.kind == ClassKind::Skipped {
            return None;
        }
        let functions: Vec<_> = checker
            .parents()
            .iter()
            .filter_map(|stmt| match stmt {
                Stmt::FunctionDef(func) => Some(func),
                _ => None,
            })
            .collect();
        let function_names = functions.iter().flat_map(|func| function_scope_names(func)).collect();
        Some(ClassContext {
            checker,
            class,
            info,
            module,
            class_names: module_scope_names(&class.body),
            function_names,
            functions,
        })
    }

    pub(super) fn imports(&self) -> &ImportMap {
        self.checker.imports()
    }

    /// Whether the class body or an enclosing function binds `name`, hiding the module's.
    pub(super) fn binds_locally(&self, name: &str) -> bool {
        self.class_names.contains(name) || self.function_names.contains(name)
    }

    /// Whether `name`, read in the class body, is the builtin of that name.
    pub(super) fn is_builtin_here(&self, name: &str) -> bool {
        !self.binds_locally(name) && !self.module.binds(name)
    }

    pub(super) fn check_body(&self) -> Vec<Pending> {
        let mut pending = Vec::new();
        for stmt in &self.class.body {
            match stmt {
                Stmt::AnnAssign(assign) => {
                    let (Expr::Name(target), Some(value)) = (&*assign.target, &assign.value) else { continue };
                    self.check_annotated(target.id.as_str(), &assign.annotation, value, &mut pending);
                }
                Stmt::Assign(assign) => {
                    let Some(Expr::Name(target)) = assign.targets.first() else { continue };
                    self.check_unannotated(target.id.as_str(), &assign.value, &mut pending);
                }
                _ => {}
            }
        }
        pending
    }

    fn check_annotated(&self, name: &str, annotation: &Expr, value: &'c Expr, pending: &mut Vec<Pending>) {
        let head = annotation_head(self.imports(), annotation);
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
                    self.check_class_attribute(name, Some((annotation, head.as_deref())), value, pending);
                }
            }
            ClassKind::Attrs { auto: None, .. } => {
                if self.field_call(value).is_some() {
                    self.check_field(name, Some(annotation), false, value, pending);
                }
            }
            ClassKind::Plain => self.check_class_attribute(name, Some((annotation, head.as_deref())), value, pending),
            ClassKind::Skipped => {}
        }
    }

    fn check_unannotated(&self, name: &str, value: &'c Expr, pending: &mut Vec<Pending>) {
        match self.info.kind {
            // `x = attr.ib(default=[])` is a field; a bare `x = []` is a class attribute, and
            // leaving the annotation off is how a dataclass or attrs class declares one on purpose.
            ClassKind::Attrs { .. } => {
                if self.field_call(value).is_some() {
                    self.check_field(name, None, false, value, pending);
                }
            }
            ClassKind::Plain => self.check_class_attribute(name, None, value, pending),
            ClassKind::Dataclass | ClassKind::Skipped => {}
        }
    }

}
