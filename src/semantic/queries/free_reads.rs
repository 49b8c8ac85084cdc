//! The free names of a stretch of code that is not a scope of its own (an expression): the
//! names it reads that it does not bind itself.
use ruff_text_size::TextRange;
use rustc_hash::FxHashSet;

use crate::semantic::{BindingKind, SemanticModel};

impl<'a> SemanticModel<'a> {
    /// The names read in `range`, in source order (a name once per read), except those that a
    /// comprehension target or a walrus in `range` binds, wherever in `range` they are read.
    /// Lambda parameters are not left out. Looks through the binding table: meant for the rare
    /// question about one expression.
    pub(crate) fn free_names_in(&self, range: TextRange) -> Vec<&'a str> {
        let bound_here: FxHashSet<&str> = self
            .bindings
            .iter()
            .filter(|b| matches!(b.kind, BindingKind::ComprehensionTarget | BindingKind::Walrus))
            .filter(|b| range.contains_range(b.range))
            .map(|b| b.name)
            .collect();
        self.references_in(range).map(|read| read.name).filter(|name| !bound_here.contains(name)).collect()
    }
}

#[cfg(test)]
mod tests {
    use ruff_python_ast::Stmt;
    use ruff_python_parser::parse_module;
    use ruff_text_size::Ranged;

    use crate::semantic::SemanticModel;

    /// The free names of the module's first statement, an expression, sorted.
    fn free_names(source: &str) -> Vec<String> {
        let parsed = parse_module(source).expect("test snippet parses");
        let model = SemanticModel::build(parsed.syntax());
        let Some(Stmt::Expr(value)) = parsed.syntax().body.first() else { panic!("an expression statement") };
        let mut names: Vec<String> = model.free_names_in(value.range()).into_iter().map(str::to_owned).collect();
        names.sort_unstable();
        names
    }

    /// The test of the transform helper this replaces (dataclass-mutable-default's `free_names`),
    /// with its input and expected output.
    #[test]
    fn free_names_leave_out_comprehension_variables() {
        assert_eq!(free_names("[n * k for n in range(k)] + [other]\n"), ["k", "k", "other", "range"]);
    }

    #[test]
    fn walrus_targets_are_bound_lambda_parameters_are_read() {
        assert_eq!(free_names("[(y := 1), y, z]\n"), ["z"]);
        assert_eq!(free_names("(lambda a: a + b)\n"), ["a", "b"]);
    }
}
