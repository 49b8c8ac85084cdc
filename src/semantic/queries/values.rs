//! What a name holds: the values plain assignments and `with ... as name` give the variable a
//! read sees, for a transform that asks what kind of object a name is (a pool, a lambda); and
//! which packages the module imports anywhere, to skip modules that cannot hold that object.
use ruff_python_ast::{Expr, ExprName, Stmt};
use ruff_text_size::Ranged;

use crate::semantic::{BindingKind, Node, Resolution, ScopeId, SemanticModel};

impl<'a> SemanticModel<'a> {
    /// Whether an `import` or `from ... import` anywhere in the module (in functions too) names
    /// the top-level package `package` (`multiprocessing` for `from multiprocessing.pool import
    /// Pool`). Relative imports do not count. A cheap gate for a transform about one library:
    /// the set is built once per file, on the first question.
    pub(crate) fn imports_anywhere(&self, package: &str) -> bool {
        let packages = self.imported_packages.get_or_init(|| {
            let qualified = self.bindings.iter().filter_map(|b| b.kind.qualified());
            qualified.filter(|q| !q.starts_with('.')).map(|q| q.split('.').next().unwrap_or(q).into()).collect()
        });
        packages.contains(package)
    }

    /// The scope whose variable the read `name` sees; `None` for a builtin or undefined name,
    /// and for a `Name` that is not a read of this module.
    pub(crate) fn read_scope(&self, name: &ExprName) -> Option<ScopeId> {
        let reference = self.reference_at(name.start()).filter(|r| r.range == name.range)?;
        match reference.resolution {
            Resolution::Scope(scope) => Some(scope),
            Resolution::Global { .. } => Some(ScopeId::MODULE),
            Resolution::Unbound => None,
        }
    }

    /// Every value the variable read by `name` is given: the right side of `name = value` (one
    /// of several targets counts, unpacking does not), of `name: T = value`, and the context
    /// expression of `with value as name`. `None` when another binding (a parameter, a loop,
    /// an import, `+=`, unpacking, `global`) gives it a value that is not known, or when the
    /// name is not bound in the module.
    pub(crate) fn assigned_values(&self, name: &ExprName) -> Option<Vec<&'a Expr>> {
        let scope = self.read_scope(name)?;
        let id = name.id.as_str();
        let variable = self.scope(scope).variable(id)?;
        if variable.bindings.is_empty() || self.scope(scope).globals.contains(id) || self.scope(scope).nonlocals.contains(id) {
            return None;
        }
        variable.bindings.iter().map(|&b| self.binding_value(self.binding(b))).collect()
    }

    fn binding_value(&self, binding: &crate::semantic::Binding<'a>) -> Option<&'a Expr> {
        let Node::Stmt(stmt) = self.nodes.node(binding.stmt?) else { return None };
        let is_target = |target: &Expr| matches!(target, Expr::Name(n) if n.range == binding.range);
        match (&binding.kind, stmt) {
            (BindingKind::Assignment, Stmt::Assign(assign)) if assign.targets.iter().any(is_target) => Some(&assign.value),
            (BindingKind::AnnotatedAssignment { has_value: true }, Stmt::AnnAssign(assign)) if is_target(&assign.target) => {
                assign.value.as_deref()
            }
            (BindingKind::WithTarget, Stmt::With(with)) => with
                .items
                .iter()
                .find(|item| item.optional_vars.as_deref().is_some_and(is_target))
                .map(|item| &item.context_expr),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use ruff_python_ast::{Expr, Stmt};
    use ruff_python_parser::parse_module;

    use crate::semantic::SemanticModel;

    /// The values of the name read by the module's last statement (an expression), as text.
    fn values(source: &str) -> Option<Vec<String>> {
        let parsed = parse_module(source).expect("test snippet parses");
        let model = SemanticModel::build(parsed.syntax());
        let Some(Stmt::Expr(last)) = parsed.syntax().body.last() else { panic!("an expression statement last") };
        let Expr::Name(name) = last.value.as_ref() else { panic!("a name last") };
        let values = model.assigned_values(name)?;
        Some(values.into_iter().map(|v| source[ruff_text_size::Ranged::range(v)].to_owned()).collect())
    }

    #[test]
    fn assignments_and_with_targets() {
        assert_eq!(values("p = Pool()\nq = p = Pool(2)\np\n").unwrap(), ["Pool()", "Pool(2)"]);
        assert_eq!(values("with Pool() as p, open(f) as g:\n    pass\np\n").unwrap(), ["Pool()"]);
        assert_eq!(values("p: Pool = Pool()\np\n").unwrap(), ["Pool()"]);
    }

    #[test]
    fn packages_imported_anywhere() {
        let parsed = parse_module("import a.b\ndef f():\n    from c.d import e\nfrom . import g\n").expect("parses");
        let model = SemanticModel::build(parsed.syntax());
        assert!(model.imports_anywhere("a") && model.imports_anywhere("c"));
        assert!(!model.imports_anywhere("b") && !model.imports_anywhere("g") && !model.imports_anywhere("e"));
    }

    #[test]
    fn unknown_values() {
        assert_eq!(values("p = Pool()\nfor p in ps:\n    pass\np\n"), None);
        assert_eq!(values("p, q = Pool(), 1\np\n"), None);
        assert_eq!(values("import p\np\n"), None);
        assert_eq!(values("p\n"), None);
    }
}
