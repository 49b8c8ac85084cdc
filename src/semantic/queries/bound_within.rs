//! What a stretch of a scope's code binds: the names bound in one block (a loop body) before
//! some point, for an analysis that asks which names a loop rebinds on each iteration.
use ruff_text_size::TextRange;
use rustc_hash::FxHashSet;

use crate::semantic::{BindingId, BindingKind, ScopeId, SemanticModel};

impl<'a> SemanticModel<'a> {
    /// The names the scope's code binds at offsets within `range` (from its start, up to but not
    /// including its end): assignments (a walrus included, also in a comprehension), loop and
    /// `with` targets, `except ... as` names, `match` captures, imports and `def` / `class`
    /// names. Where the flow reaches the binding counts, so a `def` or an import counts at its
    /// statement's start and `except ... as` at the handler's start; parameters, `global` /
    /// `nonlocal` declarations and `del` do not count.
    pub(crate) fn bound_within(&self, scope: ScopeId, range: TextRange) -> FxHashSet<&'a str> {
        let counts = |id: &BindingId| {
            let binding = self.binding(*id);
            flows(&binding.kind) && range.contains(binding.bound_at)
        };
        self.scope(scope).bound().filter(|v| v.bindings.iter().any(counts)).map(|v| v.name).collect()
    }

    /// Whether `name` is in [`Self::bound_within`]`(scope, range)`, at the cost of the name's own
    /// bindings rather than of every binding of the scope.
    pub(crate) fn binds_within(&self, scope: ScopeId, name: &str, range: TextRange) -> bool {
        self.scope(scope).variable(name).is_some_and(|v| {
            v.bindings.iter().any(|id| {
                let binding = self.binding(*id);
                flows(&binding.kind) && range.contains(binding.bound_at)
            })
        })
    }
}

/// Whether the flow of the code binds a value where the binding is: not for a parameter (bound
/// by the call), a `global` / `nonlocal` declaration (which binds nothing) or a `del`.
fn flows(kind: &BindingKind) -> bool {
    !matches!(kind, BindingKind::Parameter | BindingKind::Global | BindingKind::Nonlocal | BindingKind::Deletion)
}

#[cfg(test)]
mod tests {
    use ruff_python_ast::Stmt;
    use ruff_text_size::{Ranged, TextRange, TextSize};

    use crate::semantic::tests::parse;
    use crate::semantic::SemanticModel;

    fn sorted<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
        let mut names: Vec<&str> = names.into_iter().collect();
        names.sort_unstable();
        names
    }

    /// The names the module binds in the body of its first `for`, before `until`.
    fn bound_in_loop(source: &str, until: &str) -> Vec<String> {
        let parsed = parse(source);
        let model = SemanticModel::build(parsed.syntax());
        let Some(Stmt::For(looped)) = parsed.syntax().body.iter().find(|s| s.is_for_stmt()) else { panic!("a for") };
        let start = looped.body.first().expect("a body").start();
        let end = TextSize::try_from(source.find(until).expect("in source")).expect("small");
        let range = TextRange::new(start, end);
        let names = model.bound_within(model.module_scope(), range);
        for name in ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "p", "q", "r", "x", "y"] {
            assert_eq!(model.binds_within(model.module_scope(), name, range), names.contains(name), "{name}");
        }
        sorted(names).into_iter().map(str::to_owned).collect()
    }

    #[test]
    fn only_bindings_inside_the_range_count() {
        let src = "a = 1\nfor b in c:\n    d = 1\n    import e.f\n    with g() as h:\n        i = [j for j in k if (l := j)]\n\
                   \x20   try:\n        pass\n    except E as m:\n        del a\n    def n(p): q = 1\n    here()\n    r = 2\n";
        assert_eq!(bound_in_loop(src, "here"), ["d", "e", "h", "i", "l", "m", "n"]);
        assert_eq!(bound_in_loop(src, "import"), ["d"]);
    }

    #[test]
    fn a_def_counts_from_its_decorators() {
        let src = "for x in y:\n    @deco\n    def f(): pass\n";
        assert_eq!(bound_in_loop(src, "def f"), ["f"]);
        assert!(bound_in_loop(src, "@deco").is_empty());
    }
}
