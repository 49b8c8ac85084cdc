//! What a class statement's metaclass sources are, read through the model: its bases and
//! `metaclass=` as keys, and the facts of the classes of this module they lead to. The
//! arithmetic over them is `hierarchy`'s.
use std::sync::Arc;

use ruff_python_ast::{Expr, Stmt, StmtClassDef};
use ruff_text_size::Ranged;
use rustc_hash::FxHashMap;

use crate::engine::checker::Checker;
use crate::semantic::knowledge::{CLASS_KEEPING_DECORATORS, canonical_class};
use crate::semantic::queries::names::{bases, metaclass_keyword};
use crate::semantic::{BindingKind, Node, Resolution, ScopeId};

use super::hierarchy::{Facts, Hierarchy, LOCAL, Locals, Statement};

/// Where a metaclass that takes part in a class's metaclass comes from.
#[derive(Debug, Clone, Copy)]
pub(super) enum Origin<'a> {
    /// The `metaclass=` keyword's value.
    Keyword(&'a Expr),
    /// The metaclass of this base.
    Base(&'a Expr),
}

/// A metaclass taking part in a class's metaclass, and where it comes from.
#[derive(Debug, Clone)]
pub(super) struct Source<'a> {
    pub(super) key: String,
    pub(super) origin: Origin<'a>,
}

/// A class statement whose metaclasses conflict: the most derived ones, none deriving from
/// another, in the order of the bases (the explicit metaclass first).
#[derive(Debug)]
pub(super) struct Conflict<'a> {
    pub(super) metaclasses: Vec<Source<'a>>,
    /// Whether a class deriving from all of them has a method resolution order (C3 can merge
    /// their orders); else no class can reconcile them.
    pub(super) combinable: bool,
}

/// The class statements of this module met while checking one statement, by key.
pub(super) struct Classes<'c, 'a> {
    checker: &'c Checker<'a>,
    locals: FxHashMap<String, &'a StmtClassDef>,
}

impl<'c, 'a> Classes<'c, 'a> {
    pub(super) fn new(checker: &'c Checker<'a>) -> Self {
        Classes { checker, locals: FxHashMap::default() }
    }

    /// The class statement of this module behind a key.
    pub(super) fn local(&self, key: &str) -> Option<&'a StmtClassDef> {
        self.locals.get(key).copied()
    }

    /// The conflict of a class statement, when its metaclasses are all known and conflict.
    /// Checked against the recording index of a file waiting for the whole one, a judgement
    /// that read it is left with the index, to be made again once every summary is in.
    pub(super) fn conflict(&mut self, class: &'a StmtClassDef) -> Option<Conflict<'a>> {
        // `**options` may hold a `metaclass`.
        if class.arguments.iter().flat_map(|a| a.keywords.iter()).any(|k| k.arg.is_none()) {
            return None;
        }
        let around = self.around(class)?;
        let keyword = metaclass_keyword(class);
        let bases = bases(class);
        let statement = Statement {
            metaclass: match keyword {
                Some(keyword) => Some(self.key_of(around, keyword)?),
                None => None,
            },
            bases: bases.iter().map(|base| self.key_of(around, base)).collect::<Option<_>>()?,
        };
        let project = self.checker.project();
        let mut hierarchy = Hierarchy::new(self.gather(&statement), project);
        let verdict = hierarchy.judge(&statement);
        if let (Some(project), Some(pending)) = (project, hierarchy.pending(statement, verdict.is_some())) {
            project.note_judged(|| Arc::new(pending));
        }
        let verdict = verdict?;
        let origin = |i: usize| match keyword {
            Some(keyword) if i == 0 => Origin::Keyword(keyword),
            Some(_) => Origin::Base(&bases[i - 1]),
            None => Origin::Base(&bases[i]),
        };
        let metaclasses = verdict.most.into_iter().map(|(i, key)| Source { key, origin: origin(i) }).collect();
        Some(Conflict { metaclasses, combinable: verdict.combinable })
    }

    /// The facts of the classes of this module a statement leads to, through bases and
    /// metaclasses of classes of this module.
    fn gather(&mut self, statement: &Statement) -> Locals {
        let mut locals = Locals::default();
        let mut todo: Vec<String> = statement.locals().cloned().collect();
        while let Some(key) = todo.pop() {
            if locals.contains_key(&key) {
                continue;
            }
            let facts = self.local(&key).and_then(|class| self.local_facts(class));
            todo.extend(facts.iter().flat_map(Facts::locals).cloned());
            locals.insert(key, facts);
        }
        locals
    }

    /// The scope a class statement runs in, where its bases are read.
    fn around(&self, class: &StmtClassDef) -> Option<ScopeId> {
        let semantic = self.checker.semantic();
        semantic.scope(semantic.class_scope(class)?).parent
    }

    /// The key of the class an expression names: a base or metaclass of a class statement
    /// running in `scope` (`Base`, `abc.ABC`, `Generic[T]`); `None` for anything not plainly a
    /// class.
    fn key_of(&mut self, scope: ScopeId, expr: &Expr) -> Option<String> {
        let expr = match expr {
            Expr::Subscript(subscript) => &subscript.value,
            other => other,
        };
        let semantic = self.checker.semantic();
        if let Some(qualified) = semantic.qualified_name_in(scope, expr) {
            let qualified = canonical_class(&qualified);
            return match self.checker.module_name() {
                Some(module) => module.absolute(qualified),
                None => (!qualified.starts_with('.')).then(|| qualified.to_owned()),
            };
        }
        let Expr::Name(name) = expr else { return None };
        let Resolution::Scope(owner) = semantic.resolve_in(scope, name.id.as_str()) else { return None };
        let mut bindings = semantic.bindings_of(owner, name.id.as_str());
        let (Some(only), None) = (bindings.next(), bindings.next()) else { return None };
        if only.kind != BindingKind::ClassDef {
            return None;
        }
        let Node::Stmt(Stmt::ClassDef(class)) = semantic.nodes.node(only.stmt?) else { return None };
        let key = format!("{LOCAL}{}>", u32::from(class.start()));
        self.locals.insert(key.clone(), class);
        Some(key)
    }

    fn local_facts(&mut self, class: &'a StmtClassDef) -> Option<Facts> {
        let semantic = self.checker.semantic();
        let around = self.around(class)?;
        let keeps = |d: &ruff_python_ast::Decorator| {
            let decorator = match &d.expression {
                Expr::Call(call) => &call.func,
                other => other,
            };
            semantic.qualified_name_in(around, decorator).is_some_and(|q| CLASS_KEEPING_DECORATORS.contains(&q.as_str()))
        };
        if !class.decorator_list.iter().all(keeps) {
            return None;
        }
        if class.arguments.iter().flat_map(|a| a.keywords.iter()).any(|k| k.arg.is_none()) {
            return None;
        }
        let mut facts = Facts { bases: Vec::new(), metaclass: None };
        for base in bases(class) {
            facts.bases.push(self.key_of(around, base)?);
        }
        if let Some(keyword) = metaclass_keyword(class) {
            facts.metaclass = Some(self.key_of(around, keyword)?);
        }
        Some(facts)
    }
}
