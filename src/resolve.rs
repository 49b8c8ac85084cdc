//! Which object a name or dotted expression refers to, through the module's imports: `deque`
//! after `from collections import deque`, `c.deque` after `import collections as c`, and
//! `list` (when the module does not rebind it) are all resolved to their qualified names.
use std::collections::{HashMap, HashSet};

use ruff_python_ast::statement_visitor::{StatementVisitor, walk_stmt};
use ruff_python_ast::{Expr, Stmt};

use crate::fixes::bound_names::module_scope_names;

/// The names bound by imports anywhere in a module (an import inside a function or an `if`
/// still tells what the name means), and the module-level names that shadow builtins.
#[derive(Debug, Default)]
pub(crate) struct ImportMap {
    imported: HashMap<String, String>,
    /// Names imported from different places in different scopes: unknown.
    ambiguous: HashSet<String>,
    module_names: HashSet<String>,
}

impl ImportMap {
    pub(crate) fn from_body(body: &[Stmt]) -> Self {
        let mut collector = Collector::default();
        collector.visit_body(body);
        ImportMap {
            imported: collector.imported,
            ambiguous: collector.ambiguous,
            module_names: module_scope_names(body).into_iter().map(str::to_owned).collect(),
        }
    }

    /// The qualified name of a `Name` or dotted `Attribute`: `collections.deque`,
    /// `builtins.list`; `None` for anything else or a local name that is not imported.
    pub(crate) fn qualified_name(&self, expr: &Expr) -> Option<String> {
        match expr {
            Expr::Name(name) => {
                let id = name.id.as_str();
                if self.ambiguous.contains(id) {
                    None
                } else if let Some(qualified) = self.imported.get(id) {
                    Some(qualified.clone())
                } else if self.module_names.contains(id) {
                    None
                } else {
                    Some(format!("builtins.{id}"))
                }
            }
            Expr::Attribute(attribute) => {
                let base = self.qualified_name(&attribute.value)?;
                // An attribute of a builtin name (`list.copy`) is not a module path.
                let base = base.strip_prefix("builtins.").map_or(base.clone(), str::to_owned);
                Some(format!("{base}.{}", attribute.attr.as_str()))
            }
            _ => None,
        }
    }

    /// Whether the head name of a `Name` or dotted `Attribute` is bound by an import.
    pub(crate) fn is_imported(&self, expr: &Expr) -> bool {
        match expr {
            Expr::Name(name) => self.imported.contains_key(name.id.as_str()),
            Expr::Attribute(attribute) => self.is_imported(&attribute.value),
            _ => false,
        }
    }

    /// Whether `expr` resolves to one of `names` (qualified, e.g. `dataclasses.dataclass`).
    pub(crate) fn is_one_of(&self, expr: &Expr, names: &[&str]) -> bool {
        self.qualified_name(expr).is_some_and(|q| names.contains(&q.as_str()))
    }
}

/// The names bound by the imports of a module, at any depth, to qualified (maybe relative)
/// names: `c` → `collections` for `import collections as c`, `deque` → `collections.deque`.
pub(crate) fn import_bindings(body: &[Stmt]) -> HashMap<String, String> {
    let mut collector = Collector::default();
    collector.visit_body(body);
    let Collector { mut imported, ambiguous } = collector;
    imported.retain(|name, _| !ambiguous.contains(name));
    imported
}

#[derive(Default)]
struct Collector {
    imported: HashMap<String, String>,
    /// Names that different imports bind to different objects (two functions importing
    /// `field` from two modules): what such a name means depends on the scope, so it stays
    /// unknown rather than guessed.
    ambiguous: HashSet<String>,
}

impl Collector {
    fn bind(&mut self, name: String, target: String) {
        match self.imported.get(&name) {
            Some(existing) if *existing != target => {
                self.ambiguous.insert(name);
            }
            _ => {
                self.imported.insert(name, target);
            }
        }
    }
}

impl StatementVisitor<'_> for Collector {
    fn visit_stmt(&mut self, stmt: &Stmt) {
        match stmt {
            Stmt::Import(import) => {
                for alias in &import.names {
                    let module = alias.name.as_str();
                    match &alias.asname {
                        Some(asname) => self.bind(asname.to_string(), module.to_owned()),
                        // `import a.b` binds `a`.
                        None => {
                            let head = module.split('.').next().unwrap_or(module);
                            self.bind(head.to_owned(), head.to_owned())
                        }
                    };
                }
            }
            Stmt::ImportFrom(import) => {
                let dots = ".".repeat(import.level as usize);
                let module = import.module.as_ref().map_or("", |m| m.as_str());
                for alias in import.names.iter().filter(|a| a.name.as_str() != "*") {
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name).to_string();
                    let qualified = match module {
                        "" => format!("{dots}{}", alias.name),
                        m => format!("{dots}{m}.{}", alias.name),
                    };
                    self.bind(bound, qualified);
                }
            }
            _ => walk_stmt(self, stmt),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_python_parser::parse_module;

    fn resolve(source: &str, expr: &str) -> Option<String> {
        let parsed = parse_module(source).expect("test source parses");
        let map = ImportMap::from_body(&parsed.syntax().body);
        let expr = ruff_python_parser::parse_expression(expr).expect("test expression parses");
        map.qualified_name(expr.expr())
    }

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
}
