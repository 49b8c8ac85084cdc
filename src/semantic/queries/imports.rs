//! What names refer to through imports: the qualified name of `deque` after `from collections
//! import deque` or of `c.deque` after `import collections as c`, and what the module already
//! imports at its top level so a fix can reuse it instead of adding an import.
use ruff_python_ast::{Expr, ExprName, StmtImportFrom};
use ruff_text_size::Ranged;

use crate::semantic::queries::names::{dotted, extended};
use crate::semantic::{Resolution, ScopeId, SemanticModel};

impl<'a> SemanticModel<'a> {
    /// The qualified name of a `Name` or dotted `Attribute`: `collections.deque`,
    /// `builtins.list`. `None` for anything else, for a name bound but not by an import, and
    /// for one bound by imports that disagree. A fallback assignment next to an import
    /// (`try: from x import y` / `except: y = None`) does not hide the import.
    pub(crate) fn qualified_name(&self, expr: &Expr) -> Option<String> {
        match expr {
            Expr::Name(name) => self.name_qualified(name),
            Expr::Attribute(attribute) => {
                let base = self.qualified_name(&attribute.value)?;
                // An attribute of a builtin name (`list.copy`) is not a module path.
                Some(attribute_of(base, attribute.attr.as_str()))
            }
            _ => None,
        }
    }

    /// [`Self::qualified_name`] for an expression read by code of `scope`, resolved from the
    /// scopes' bindings instead of the reads' index (which sorts every read of the module on its
    /// first use): for a summary of many files that asks about a few names each.
    pub(crate) fn qualified_name_in(&self, scope: ScopeId, expr: &Expr) -> Option<String> {
        match expr {
            Expr::Name(name) => {
                let owner = match self.resolve_in(scope, name.id.as_str()) {
                    Resolution::Scope(owner) => owner,
                    Resolution::Global { .. } => ScopeId::MODULE,
                    Resolution::Unbound => return Some(dotted("builtins", name.id.as_str())),
                };
                let mut imports = self.bindings_of(owner, name.id.as_str()).filter_map(|b| b.kind.qualified());
                let first = imports.next()?;
                imports.all(|other| other == first).then(|| first.to_owned())
            }
            Expr::Attribute(attribute) => {
                let base = self.qualified_name_in(scope, &attribute.value)?;
                Some(attribute_of(base, attribute.attr.as_str()))
            }
            _ => None,
        }
    }

    fn name_qualified(&self, name: &ExprName) -> Option<String> {
        let Some(scope) = self.variable_scope(name) else { return Some(dotted("builtins", name.id.as_str())) };
        let mut imports = self.bindings_of(scope, name.id.as_str()).filter_map(|b| b.kind.qualified());
        let first = imports.next()?;
        imports.all(|other| other == first).then(|| first.to_owned())
    }

    /// The scope whose variable a `Name` reads; `None` when it is unbound (a builtin). A name
    /// that is not a read of this module (parsed from a string annotation) is looked up in the
    /// module scope.
    fn variable_scope(&self, name: &ExprName) -> Option<ScopeId> {
        let id = name.id.as_str();
        let resolution = match self.reference_at(name.start()) {
            Some(reference) if reference.range == name.range && reference.name == id => reference.resolution,
            _ => {
                let bound = self.binds(ScopeId::MODULE, id);
                if bound { Resolution::Scope(ScopeId::MODULE) } else { Resolution::Unbound }
            }
        };
        match resolution {
            Resolution::Scope(scope) => Some(scope),
            Resolution::Global { .. } => Some(ScopeId::MODULE),
            Resolution::Unbound => None,
        }
    }

    /// Whether the head name of a `Name` or dotted `Attribute` reads a variable that an import
    /// binds.
    pub(crate) fn is_imported(&self, expr: &Expr) -> bool {
        match expr {
            Expr::Name(name) => self
                .variable_scope(name)
                .is_some_and(|scope| self.bindings_of(scope, name.id.as_str()).any(|b| b.kind.is_import())),
            Expr::Attribute(attribute) => self.is_imported(&attribute.value),
            _ => false,
        }
    }

    /// Whether `expr` resolves to one of `names` (qualified, e.g. `dataclasses.dataclass`).
    pub(crate) fn is_one_of(&self, expr: &Expr, names: &[&str]) -> bool {
        self.qualified_name(expr).is_some_and(|q| names.contains(&q.as_str()))
    }

    /// The name under which a top-level `from module import name` binds `name`: `name`, or the
    /// alias of `from module import name as alias`. The first such import wins. An import under
    /// `if`, `try` or in a function may not have run when fixed code does.
    pub(crate) fn imported_from(&self, module: &str, name: &str) -> Option<&'a str> {
        self.imported_from_in(ScopeId::MODULE, module, name)
    }

    /// How code can reach `module` through a top-level `import` statement: `import m` → `m`,
    /// `import m as x` → `x`, and for a submodule `import a.b` (which binds `a`) → `a.b`. A
    /// caller writes `{reference}.{name}` instead of importing `name` from the module.
    pub(crate) fn module_reference(&self, module: &str) -> Option<String> {
        self.module_reference_in(ScopeId::MODULE, module)
    }
}

/// Whether the statement is an absolute `from module import ...`.
pub(crate) fn imports_from(import: &StmtImportFrom, module: &str) -> bool {
    import.level == 0 && import.module.as_ref().is_some_and(|m| m.as_str() == module)
}

/// The qualified name of attribute `attr` of `base`; an attribute of a builtin name
/// (`list.copy`) is not a module path, so it drops `builtins.`.
fn attribute_of(base: String, attr: &str) -> String {
    match base.strip_prefix("builtins.") {
        Some(name) => dotted(name, attr),
        None => extended(base, attr),
    }
}
