//! The first look's tables: which selected transforms to ask about which kinds of node and
//! which callees, made once per selection on each thread.

use std::cell::RefCell;
use std::rc::Rc;

use ruff_python_ast::{Expr, ExprContext, NodeKind};
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use super::super::Look;
use crate::engine::transform::{Callees, Transform};

/// A transform to ask, with its place in the selection.
pub(in crate::engine::first_look) type Asking = (usize, &'static dyn Transform);

thread_local! {
    /// The tables of the last selection looked with on this thread: the files of a run share
    /// one selection or a few, and making the tables (the callees' maps above all) cost more
    /// than the walk of a small file.
    static LAST_ASKED: RefCell<Option<Rc<Asked>>> = const { RefCell::new(None) };
}

/// Which transforms to ask about a node, by its kind.
pub(super) struct Asked {
    /// The selection the tables are for.
    selection: Vec<&'static dyn Transform>,
    /// The transforms that glance at every statement (or expression) they visit.
    pub(super) every_stmt: Vec<Asking>,
    pub(super) every_expr: Vec<Asking>,
    /// The transforms that glance at some kinds of node only, indexed by kind.
    by_kind: Vec<SmallVec<[Asking; 2]>>,
    /// A bit per kind of node (`NodeKind as usize`) that some transform glances at: most nodes
    /// (names, constants, attributes) are of no kind asked about, and skip the lookup.
    asked_kinds: u128,
    /// Whether some transform glances at names or literals: else the walk passes over them
    /// without a call (they are most of a module's expressions).
    pub(super) asks_about_leaves: bool,
    /// The transforms that glance at calls of some callees only (not in `by_kind`).
    pub(super) calls: CallAskers,
}

/// The transforms that glance at calls by their callee ([`Transform::glanced_callees`]), found
/// by the callee's name: most calls are of none of their names, and ask none of them.
#[derive(Default)]
pub(in crate::engine::first_look) struct CallAskers {
    by_attribute: FxHashMap<&'static str, SmallVec<[Asking; 2]>>,
    by_name: FxHashMap<&'static str, SmallVec<[Asking; 2]>>,
    /// Those asked about every plain-name callee.
    every_name: Vec<Asking>,
    /// All of them: asked about any other callee.
    all: Vec<Asking>,
}

impl CallAskers {
    pub(in crate::engine::first_look) fn add(&mut self, asking: Asking, callees: Callees) {
        for &name in callees.attributes.iter().flat_map(|names| names.iter()) {
            self.by_attribute.entry(name).or_default().push(asking);
        }
        match callees.names {
            Some(names) => {
                for &name in names {
                    self.by_name.entry(name).or_default().push(asking);
                }
            }
            None => self.every_name.push(asking),
        }
        self.all.push(asking);
    }

    /// The transforms to ask about a call of `callee`.
    #[inline]
    pub(in crate::engine::first_look) fn about<'s>(&'s self, callee: &Expr) -> [&'s [Asking]; 2] {
        let named = |map: &'s FxHashMap<&'static str, SmallVec<[Asking; 2]>>, name: &str| {
            map.get(name).map_or(&[][..], |askers| &askers[..])
        };
        match callee {
            Expr::Attribute(attribute) => [named(&self.by_attribute, attribute.attr.as_str()), &[]],
            Expr::Name(name) => [&self.every_name, named(&self.by_name, name.id.as_str())],
            _ => [&self.all, &[]],
        }
    }
}

impl Asked {
    /// The tables for `transforms`: the last ones made on this thread when they are for the
    /// same selection.
    pub(super) fn for_selection(transforms: &[&'static dyn Transform]) -> Rc<Asked> {
        LAST_ASKED.with(|last| {
            let mut last = last.borrow_mut();
            if let Some(asked) = last.as_ref().filter(|asked| asked.is_for(transforms)) {
                return Rc::clone(asked);
            }
            let asked = Rc::new(Asked::new(transforms));
            *last = Some(Rc::clone(&asked));
            asked
        })
    }

    fn is_for(&self, transforms: &[&'static dyn Transform]) -> bool {
        // Whole pointers, vtables too: the transforms are unit structs, whose addresses may
        // coincide.
        self.selection.len() == transforms.len() && self.selection.iter().zip(transforms).all(|(a, b)| std::ptr::eq(*a, *b))
    }

    fn new(transforms: &[&'static dyn Transform]) -> Self {
        let mut asked = Asked {
            selection: transforms.to_vec(),
            every_stmt: Vec::new(),
            every_expr: Vec::new(),
            by_kind: Vec::new(),
            asked_kinds: 0,
            asks_about_leaves: false,
            calls: CallAskers::default(),
        };
        for (place, &transform) in transforms.iter().enumerate() {
            let asking = (place, transform);
            match transform.glances_at() {
                Some(kinds) => {
                    for &kind in kinds {
                        if kind == NodeKind::ExprCall
                            && let Some(callees) = transform.glanced_callees()
                        {
                            asked.calls.add(asking, callees);
                            asked.asked_kinds |= kind_bit(kind);
                            continue;
                        }
                        let index = kind as usize;
                        if asked.by_kind.len() <= index {
                            asked.by_kind.resize_with(index + 1, SmallVec::new);
                        }
                        asked.by_kind[index].push(asking);
                        asked.asked_kinds |= kind_bit(kind);
                    }
                }
                None => {
                    if transform.visits().stmts() {
                        asked.every_stmt.push(asking);
                    }
                    if transform.visits().exprs() {
                        asked.every_expr.push(asking);
                    }
                    // Asked about every node it visits.
                    asked.asked_kinds = u128::MAX;
                }
            }
        }
        asked.asks_about_leaves = LEAF_KINDS.iter().any(|&kind| asked.asks_about(kind));
        asked
    }

    #[inline]
    pub(super) fn asks_about(&self, kind: NodeKind) -> bool {
        self.asked_kinds & kind_bit(kind) != 0
    }

    /// The transforms to ask about a node of `kind`: `every` (those that glance at every
    /// statement, or expression), then those that glance at that kind. Two slices, walked one
    /// after the other: a chained iterator cost a fifth of the asking.
    pub(super) fn about<'s>(&'s self, kind: NodeKind, every: &'s [Asking]) -> [&'s [Asking]; 2] {
        [every, self.by_kind.get(kind as usize).map_or(&[][..], |list| &list[..])]
    }
}

/// The kinds of [`is_plain_leaf`] expressions.
const LEAF_KINDS: &[NodeKind] = &[
    NodeKind::ExprName,
    NodeKind::ExprNumberLiteral,
    NodeKind::ExprBooleanLiteral,
    NodeKind::ExprNoneLiteral,
    NodeKind::ExprEllipsisLiteral,
    NodeKind::ExprStringLiteral,
    NodeKind::ExprBytesLiteral,
];

/// An expression with nothing in it for the walk: a name read, or a literal without parts
/// that are expressions (an f-string has some).
#[inline(always)]
pub(super) fn is_plain_leaf(expr: &Expr) -> bool {
    match expr {
        Expr::Name(name) => name.ctx == ExprContext::Load,
        Expr::NumberLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::NoneLiteral(_)
        | Expr::EllipsisLiteral(_)
        | Expr::StringLiteral(_)
        | Expr::BytesLiteral(_) => true,
        _ => false,
    }
}

/// Has each of `askers` that has not said yes yet `glance` at the node.
#[inline(always)]
pub(super) fn ask_each<'a>(look: &mut Look<'a>, askers: [&[Asking]; 2], glance: impl Fn(&'static dyn Transform, &mut Look<'a>)) {
    for askers in askers {
        for &(place, transform) in askers {
            if !look.yes[place] {
                look.asking = place;
                glance(transform, look);
            }
        }
    }
}

/// The bit of a kind of node in [`Asked::asked_kinds`] (the AST has fewer than 128 kinds; any
/// beyond would share the last bit, which only makes the test say yes more often).
fn kind_bit(kind: NodeKind) -> u128 {
    1 << (kind as usize).min(127)
}
