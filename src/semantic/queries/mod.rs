//! The questions transforms ask the model, answered from its tables.
pub(crate) mod bound_within;
pub(crate) mod imports;
pub(crate) mod names;
pub(crate) mod own_code;
pub(crate) mod reads;
