//! The questions transforms ask the model, answered from its tables.
pub(crate) mod attributes;
pub(crate) mod bound_within;
pub(crate) mod classes;
pub(crate) mod defaults;
pub(crate) mod free_reads;
pub(crate) mod imports;
pub(crate) mod leaves;
pub(crate) mod names;
pub(crate) mod own_code;
pub(crate) mod parameter_uses;
pub(crate) mod read_index;
pub(crate) mod reads;
pub(crate) mod scope_imports;
pub(crate) mod strings;
pub(crate) mod values;
