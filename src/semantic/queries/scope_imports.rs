//! What the statements directly in a scope's body import: for the module, its top level
//! (`imported_from`, `module_reference`); for a function, its own body, so that a fix made in
//! code the function runs (a class built in it) can reuse the function's imports. Statements
//! under `if` / `try` or in nested scopes do not count: they may not have run.
use ruff_python_ast::{Stmt, StmtImportFrom};

use super::imports::imports_from;
use crate::semantic::{Binding, BindingId, BindingKind, Node, NodeId, ScopeId, ScopeKind, SemanticModel};

impl<'a> SemanticModel<'a> {
    /// The import bindings made by statements directly in the body of a function scope (the
    /// module's top level for the module scope), with their statements, in source order.
    fn direct_imports(&self, scope: ScopeId) -> impl Iterator<Item = (&Binding<'a>, &'a Stmt)> + '_ {
        let mut ids: Vec<BindingId> = self.scope(scope).bound().flat_map(|v| v.bindings.iter().copied()).collect();
        // Binding ids follow the walk, which meets a body's statements in source order.
        ids.sort_unstable();
        ids.into_iter().map(|id| self.binding(id)).filter(|b| b.kind.is_import()).filter_map(move |binding| {
            let stmt = binding.stmt?;
            let Node::Stmt(statement) = self.nodes.node(stmt) else { return None };
            self.is_direct_child(scope, self.nodes.parent(stmt)).then_some((binding, statement))
        })
    }

    /// Whether a statement whose parent is `parent` sits directly in the body of `scope`.
    fn is_direct_child(&self, scope: ScopeId, parent: Option<NodeId>) -> bool {
        match (self.scope(scope).kind, parent) {
            (ScopeKind::Module, None) => true,
            (ScopeKind::Function(func), Some(parent)) => {
                matches!(self.nodes.node(parent), Node::Stmt(Stmt::FunctionDef(def)) if std::ptr::eq(def, func))
            }
            _ => false,
        }
    }

    /// The name under which a `from module import name` directly in the body of `scope` binds
    /// `name` (its alias, if it has one). The first such import wins.
    pub(crate) fn imported_from_in(&self, scope: ScopeId, module: &str, name: &str) -> Option<&'a str> {
        self.direct_imports(scope).find_map(|(binding, stmt)| {
            let Stmt::ImportFrom(import) = stmt else { return None };
            let BindingKind::FromImport { qualified } = &binding.kind else { return None };
            let imported = qualified.strip_prefix(module)?.strip_prefix('.')?;
            (imports_from(import, module) && imported == name).then_some(binding.name)
        })
    }

    /// How code in `scope` can reach `module` through an `import` statement directly in the
    /// body of `scope`: `import m` → `m`, `import m as x` → `x`, `import a.b` → `a.b` or `a`.
    pub(crate) fn module_reference_in(&self, scope: ScopeId, module: &str) -> Option<String> {
        self.direct_imports(scope).find_map(|(binding, stmt)| {
            let Stmt::Import(import) = stmt else { return None };
            let alias = import.names.iter().find(|a| a.range.contains_range(binding.range))?;
            let imported = alias.name.as_str();
            match &alias.asname {
                Some(asname) => (imported == module).then(|| asname.to_string()),
                None => {
                    let below = imported.strip_prefix(module).is_some_and(|rest| rest.starts_with('.'));
                    (imported == module || below).then(|| module.to_owned())
                }
            }
        })
    }

    /// The `from module import ...` statements directly in the body of a function scope, in
    /// source order. (Only the module can hold a star import, which binds nothing: see
    /// [`Self::imports_at_top`].)
    pub(crate) fn import_froms_in(&self, scope: ScopeId, module: &str) -> Vec<&'a StmtImportFrom> {
        let mut found: Vec<&'a StmtImportFrom> = Vec::new();
        for (_, stmt) in self.direct_imports(scope) {
            if let Stmt::ImportFrom(import) = stmt
                && imports_from(import, module)
                && !found.last().is_some_and(|last| std::ptr::eq(*last, import))
            {
                found.push(import);
            }
        }
        found
    }

    /// Whether the module imports `module` (or something from it) anywhere: at its top, in a
    /// function, under `if` / `try`. For a question about the libraries the file is written for.
    pub(crate) fn imports_module(&self, module: &str) -> bool {
        let of_module = |q: &str| q.strip_prefix(module).is_some_and(|rest| rest.is_empty() || rest.starts_with('.'));
        self.bindings.iter().any(|b| b.kind.qualified().is_some_and(of_module)) || self.imports_at_top(module)
    }

    /// Whether a top-level statement imports `module`: `import module` (or a submodule of it),
    /// or `from module import ...`, a star import included. A star import binds nothing, so
    /// this looks at the module's own statements (not into them).
    pub(crate) fn imports_at_top(&self, module: &str) -> bool {
        self.module_reference(module).is_some()
            || self.module.body.iter().any(|stmt| matches!(stmt, Stmt::ImportFrom(i) if imports_from(i, module)))
    }
}

#[cfg(test)]
mod tests {
    use ruff_python_parser::parse_module;

    use crate::semantic::{ScopeId, ScopeKind, SemanticModel};

    const SOURCE: &str = "\
from attr import *
import json
def make():
    from dataclasses import dataclass, field as f
    import attr as a, os.path
    from dataclasses import InitVar
    if x:
        from dataclasses import fields
        import typing
    def inner():
        from dataclasses import asdict
    return 1
";

    /// Runs `check` with the model of [`SOURCE`] and the scope of its function `make`.
    fn with_make<T>(check: impl Fn(&SemanticModel, ScopeId) -> T) -> T {
        let parsed = parse_module(SOURCE).expect("test snippet parses");
        let model = SemanticModel::build(parsed.syntax());
        let make = model.scopes().find_map(|(id, scope)| match scope.kind {
            ScopeKind::Function(func) if func.name.as_str() == "make" => Some(id),
            _ => None,
        });
        check(&model, make.expect("the snippet defines `make`"))
    }

    #[test]
    fn a_function_body_imports() {
        with_make(|model, make| {
            assert_eq!(model.imported_from_in(make, "dataclasses", "dataclass"), Some("dataclass"));
            assert_eq!(model.imported_from_in(make, "dataclasses", "field"), Some("f"));
            // Under `if`, or in a nested function: may not have run.
            assert_eq!(model.imported_from_in(make, "dataclasses", "fields"), None);
            assert_eq!(model.imported_from_in(make, "dataclasses", "asdict"), None);
            assert_eq!(model.module_reference_in(make, "attr").as_deref(), Some("a"));
            assert_eq!(model.module_reference_in(make, "os").as_deref(), Some("os"));
            assert_eq!(model.module_reference_in(make, "typing"), None);
            assert_eq!(model.module_reference_in(make, "json"), None);
            let lines: Vec<usize> =
                model.import_froms_in(make, "dataclasses").iter().map(|i| i.names.len()).collect();
            assert_eq!(lines, [2, 1]);
        });
    }

    #[test]
    fn the_module_imports() {
        with_make(|model, _| {
            assert_eq!(model.module_reference_in(ScopeId::MODULE, "json").as_deref(), Some("json"));
            assert_eq!(model.imported_from_in(ScopeId::MODULE, "dataclasses", "dataclass"), None);
            // A star import binds nothing, but it does import the module.
            assert!(model.imports_at_top("attr") && model.imports_at_top("json"));
            assert!(!model.imports_at_top("dataclasses") && !model.imports_at_top("attrs"));
        });
    }
}
