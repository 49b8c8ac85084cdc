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

    /// Every class statement of the module, nested ones included, in source order.
    pub(crate) fn classes(&self) -> impl Iterator<Item = &'a StmtClassDef> + '_ {
        self.scopes().filter_map(|(_, scope)| match scope.kind {
            ScopeKind::Class(class) => Some(class),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use ruff_python_parser::parse_module;
    use ruff_text_size::Ranged;

    use crate::semantic::SemanticModel;

    #[test]
    fn the_first_class_of_a_name_nested_ones_included() {
        let source = "def f():\n    class A: pass\nclass A(B): pass\nclass C:\n    class D: pass\n";
        let parsed = parse_module(source).expect("test snippet parses");
        let model = SemanticModel::build(parsed.syntax());
        let start = |name: &str| model.first_class_named(name).map(|class| usize::from(class.start()));
        assert_eq!(start("A"), Some(13));
        assert_eq!(start("D"), Some(source.find("class D").expect("in source")));
        assert_eq!(start("B"), None);
    }
}
