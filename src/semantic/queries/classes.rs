//! Classes by name across the whole module, for a question asked by name rather than through a
//! binding: "is there a class `X` in this file, and what is it?"
use ruff_python_ast::StmtClassDef;

use crate::semantic::{ScopeKind, SemanticModel};

impl<'a> SemanticModel<'a> {
    /// The first class statement named `name` in the module, nested ones included, in source
    /// order (scopes are numbered in walk order). A caller that needs the class a particular
    /// name refers to uses [`Self::class_named`] on the scope the name resolves to.
    pub(crate) fn first_class_named(&self, name: &str) -> Option<&'a StmtClassDef> {
        self.scopes().find_map(|(_, scope)| match scope.kind {
            ScopeKind::Class(class) if class.name.as_str() == name => Some(class),
            _ => None,
        })
    }
}
