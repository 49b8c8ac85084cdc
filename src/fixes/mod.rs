//! Name and scope analyses that re-walk the AST; being replaced by `crate::semantic`.
pub(crate) mod binding_flow;
pub(crate) mod bound_names;
pub(crate) mod class_scope;
pub(crate) mod free_names;
pub(crate) mod import_lookup;
pub(crate) mod name_reads;
pub(crate) mod name_use;
pub(crate) mod node_path;
pub(crate) mod yields;
