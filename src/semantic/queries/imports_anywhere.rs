//! What the module's imports, wherever they are, make of a name: the answer of the file's table
//! of import bindings rather than of resolving one read. A `from dataclasses import dataclass`
//! inside one function then tells what `dataclass` means in the whole file (also in a function
//! that forgot the import), unless another import binds the name to something else.
//! [`SemanticModel::qualified_name`] resolves the read instead; this reading is kept for the
//! transforms whose findings were pinned on it (dataclass-mutable-default's).
use ruff_python_ast::Expr;
use rustc_hash::FxHashMap;

use crate::semantic::{ScopeId, SemanticModel};

/// For each name some import binds, anywhere in the module: its qualified name, or `None` when
/// imports bind it to different things. The names are copied, so that the model stays covariant
/// in its lifetime.
pub(crate) type ImportsByName = FxHashMap<Box<str>, Option<Box<str>>>;

impl SemanticModel<'_> {
    /// The qualified name of a `Name` or dotted `Attribute` by the module's imports, wherever
    /// they are: `collections.deque`, `builtins.list`. `None` for anything else, for a name that
    /// imports bind to different things, and for one that no import binds but the module's own
    /// code does.
    pub(crate) fn qualified_name_by_imports(&self, expr: &Expr) -> Option<String> {
        match expr {
            Expr::Name(name) => {
                let id = name.id.as_str();
                match self.imports_by_name().get(id) {
                    Some(qualified) => qualified.as_deref().map(str::to_owned),
                    None if self.binds(ScopeId::MODULE, id) => None,
                    None => Some(format!("builtins.{id}")),
                }
            }
            Expr::Attribute(attribute) => {
                let base = self.qualified_name_by_imports(&attribute.value)?;
                // An attribute of a builtin name (`list.copy`) is not a module path.
                let base = base.strip_prefix("builtins.").unwrap_or(&base);
                Some(format!("{base}.{}", attribute.attr.as_str()))
            }
            _ => None,
        }
    }

    /// Whether [`Self::qualified_name_by_imports`] of `expr` is one of `names`.
    pub(crate) fn is_one_of_by_imports(&self, expr: &Expr, names: &[&str]) -> bool {
        self.qualified_name_by_imports(expr).is_some_and(|q| names.contains(&q.as_str()))
    }

    /// The table, built from every scope's import bindings on the first call.
    fn imports_by_name(&self) -> &ImportsByName {
        self.imports_by_name.get_or_init(|| {
            let mut table = ImportsByName::default();
            for (_, scope) in self.scopes() {
                for variable in scope.bound() {
                    let bindings = variable.bindings.iter().map(|&id| self.binding(id));
                    for qualified in bindings.filter_map(|binding| binding.kind.qualified()) {
                        match table.get_mut(variable.name) {
                            None => {
                                table.insert(variable.name.into(), Some(qualified.into()));
                            }
                            Some(known) if known.as_deref() != Some(qualified) => *known = None,
                            Some(_) => {}
                        }
                    }
                }
            }
            table
        })
    }
}

#[cfg(test)]
mod tests {
    use ruff_python_parser::{parse_expression, parse_module};

    use crate::semantic::SemanticModel;

    /// The qualified name of `expr` (parsed on its own) by the imports of `source`.
    fn resolve(source: &str, expr: &str) -> Option<String> {
        let parsed = parse_module(source).expect("test source parses");
        let model = SemanticModel::build(parsed.syntax());
        let expr = parse_expression(expr).expect("test expression parses");
        model.qualified_name_by_imports(expr.expr())
    }

    /// The tests of the name table this replaces (`resolve::ImportMap`), with their inputs and
    /// expected outputs.
    #[test]
    fn resolves_every_import_form() {
        let src = "import collections as c\nfrom collections import deque as dq\nimport attr\nimport os.path\n";
        assert_eq!(resolve(src, "c.OrderedDict").as_deref(), Some("collections.OrderedDict"));
        assert_eq!(resolve(src, "dq").as_deref(), Some("collections.deque"));
        assert_eq!(resolve(src, "attr.s").as_deref(), Some("attr.s"));
        assert_eq!(resolve(src, "os.path.join").as_deref(), Some("os.path.join"));
        assert_eq!(resolve(src, "list").as_deref(), Some("builtins.list"));
    }

    #[test]
    fn names_imported_from_two_places_are_unknown() {
        let src = "def f():\n    from dataclasses import field\ndef g():\n    from other import field\n";
        assert_eq!(resolve(src, "field"), None);
    }

    #[test]
    fn module_bindings_shadow_builtins() {
        assert_eq!(resolve("def list(): pass\n", "list"), None);
        assert_eq!(resolve("from .models import field\n", "field").as_deref(), Some(".models.field"));
    }

    #[test]
    fn an_import_in_one_function_names_it_everywhere() {
        let src = "def f():\n    from dataclasses import dataclass\ndef g():\n    x = 1\n";
        assert_eq!(resolve(src, "dataclass").as_deref(), Some("dataclasses.dataclass"));
        assert_eq!(resolve(src, "x").as_deref(), Some("builtins.x"));
        let src = "import json\njson = None\n";
        assert_eq!(resolve(src, "json.loads").as_deref(), Some("json.loads"));
    }
}
