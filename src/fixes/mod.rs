//! Building blocks shared by the fixes of several transforms: where a statement's line starts and
//! how it is indented, inserting statements at the start of a function body, adding an import, and
//! picking a name that no binding of a scope already uses. Each helper returns plain
//! [`Edit`](crate::edit::Edit)s (or facts about the source) and leaves every other byte alone.
// Used by the transforms of the next issues (mutable-default, dataclass-mutable-default,
// loop-closure, async-gen-aclosing); until they land, only the tests call these helpers.
#![cfg_attr(not(test), allow(dead_code))]

pub(crate) mod add_import;
pub(crate) mod add_parameters;
pub(crate) mod binding_flow;
pub(crate) mod body_start;
pub(crate) mod bound_names;
pub(crate) mod class_scope;
pub(crate) mod free_names;
pub(crate) mod fresh_name;
pub(crate) mod import_lookup;
pub(crate) mod lines;
pub(crate) mod name_reads;
pub(crate) mod name_use;
pub(crate) mod node_path;
pub(crate) mod optional;
pub(crate) mod yields;

#[cfg(test)]
mod test_support;
