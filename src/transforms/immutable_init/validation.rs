//! Validation in `__init__`: a `raise` or an `assert` that depends on the arguments. It works
//! (the call fails with the check's error), but the instance already exists when it runs; the
//! check belongs in `__new__`, before the value is built.
use ruff_python_ast::{ExceptHandler, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::semantic::{Node, NodeId, Resolution, SemanticModel};

use super::detect::Candidate;
use super::own_scope::OwnScope;

impl<'a> Candidate<'a> {
    /// The first check of `__init__`'s own code that depends on its arguments: an `assert`
    /// whose test reads a parameter or another variable of `__init__` (not `self`), or a
    /// `raise` under a condition that does (the test of an `if`, `elif` or `while`, the subject
    /// of a `match`, the iterable of a `for`, the `try` body of an `except` clause).
    pub(super) fn validation(&self, semantic: &SemanticModel<'a>) -> Option<&'a Stmt> {
        let receiver = self.receiver_name();
        let scope = self.scope;
        let reads_arguments = |range: TextRange| {
            semantic.references_in(range).any(|r| r.resolution == Resolution::Scope(scope) && r.name != receiver)
        };
        let checks = self.init.body.iter().flat_map(|stmt| OwnScope::of(semantic, scope, stmt).checks);
        checks
            .filter(|(id, stmt)| match stmt {
                Stmt::Assert(assert) => reads_arguments(assert.test.range()),
                _ => conditions(semantic, *id).into_iter().any(reads_arguments),
            })
            .map(|(_, stmt)| stmt)
            .next()
    }
}

impl<'a> Candidate<'a> {
    /// A parameter other than the value that the validation reads, if any: moved into
    /// `__new__`, the check also runs when `copy` and `pickle` rebuild the instance, which call
    /// `__new__` with the value alone, so that parameter then has its default (or is missing).
    pub(super) fn validation_reads_more_than_the_value(&self, semantic: &SemanticModel<'a>) -> Option<&'a str> {
        let value = self.positional().first().map(|p| p.name().as_str());
        let others: Vec<&str> = self
            .init
            .parameters
            .iter()
            .map(|p| p.name().as_str())
            .filter(|&name| name != self.receiver_name() && Some(name) != value)
            .collect();
        let scope = self.scope;
        let checks = self.init.body.iter().flat_map(|stmt| OwnScope::of(semantic, scope, stmt).checks);
        checks
            .flat_map(|(id, stmt)| match stmt {
                Stmt::Assert(assert) => vec![assert.test.range()],
                _ => conditions(semantic, id),
            })
            .flat_map(|range| semantic.references_in(range).collect::<Vec<_>>())
            .find(|r| r.resolution == Resolution::Scope(scope) && others.contains(&r.name))
            .map(|r| r.name)
    }
}

/// The code that decides whether the statement `id` runs, up to the function it is in.
fn conditions(semantic: &SemanticModel, id: NodeId) -> Vec<TextRange> {
    let at = semantic.nodes.node(id).range();
    let mut found = Vec::new();
    for up in semantic.nodes.ancestors(id) {
        let Node::Stmt(stmt) = semantic.nodes.node(up) else { continue };
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => break,
            Stmt::If(s) => {
                found.push(s.test.range());
                found.extend(s.elif_else_clauses.iter().filter_map(|c| c.test.as_ref().map(Ranged::range)));
            }
            Stmt::While(s) => found.push(s.test.range()),
            Stmt::For(s) => found.push(s.iter.range()),
            Stmt::Match(s) => found.push(s.subject.range()),
            Stmt::Try(s) => {
                let in_handler = s.handlers.iter().any(|h| {
                    let ExceptHandler::ExceptHandler(h) = h;
                    h.range().contains_range(at)
                });
                if let (true, Some(first), Some(last)) = (in_handler, s.body.first(), s.body.last()) {
                    found.push(TextRange::new(first.start(), last.end()));
                }
            }
            _ => {}
        }
    }
    found
}
