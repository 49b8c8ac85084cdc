//! Which statements a `return`, `raise` or `break` follows in their own block: for an analysis
//! that asks, for each of many statements of one long block, whether the block is left after
//! it. Built once per file, on the first question, so that each answer is a lookup.
use ruff_python_ast::Stmt;
use rustc_hash::FxHashMap;

use crate::semantic::flow::blocks;
use crate::semantic::{Node, SemanticModel};

/// What follows a statement in its block.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LeftAfter {
    /// A later statement of the block is a `return` or a `raise`.
    pub(crate) returns: bool,
    /// A later statement of the block is a `break`.
    pub(crate) breaks: bool,
}

/// For each statement in a block (by address), what follows it there.
pub(crate) type LeftAfterTable = FxHashMap<usize, LeftAfter>;

pub(crate) fn build(model: &SemanticModel) -> LeftAfterTable {
    let mut table = FxHashMap::default();
    let mut add_block = |block: &[Stmt]| {
        let mut after = LeftAfter::default();
        for stmt in block.iter().rev() {
            table.insert(std::ptr::from_ref(stmt) as usize, after);
            match stmt {
                Stmt::Return(_) | Stmt::Raise(_) => after.returns = true,
                Stmt::Break(_) => after.breaks = true,
                _ => {}
            }
        }
    };
    add_block(&model.module.body);
    for node in model.nodes.iter() {
        if let Node::Stmt(stmt) = node {
            blocks(stmt).into_iter().for_each(&mut add_block);
        }
    }
    table
}

impl SemanticModel<'_> {
    /// What follows `stmt` in its block (nothing for a statement the model has not seen).
    pub(crate) fn left_after(&self, stmt: &Stmt) -> LeftAfter {
        self.left_after.get_or_init(|| build(self)).get(&(std::ptr::from_ref(stmt) as usize)).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use ruff_python_ast::Stmt;

    use super::LeftAfter;
    use crate::semantic::SemanticModel;
    use crate::semantic::tests::parse;

    #[test]
    fn what_follows_each_statement_of_a_block() {
        let parsed = parse("for x in y:\n    a()\n    if b:\n        break\n    c()\n    return\nd()\n");
        let model = SemanticModel::build(parsed.syntax());
        let body = &parsed.syntax().body;
        let Stmt::For(looped) = &body[0] else { panic!("a for") };
        let left = |s: &Stmt| model.left_after(s);
        // The `break` is in the `if`'s block, not in the loop body.
        assert_eq!(left(&looped.body[0]), LeftAfter { returns: true, breaks: false });
        assert_eq!(left(&looped.body[3]), LeftAfter::default());
        assert_eq!(left(&body[0]), LeftAfter::default());
        let Stmt::If(branch) = &looped.body[1] else { panic!("an if") };
        assert_eq!(left(&branch.body[0]), LeftAfter::default());
    }
}
