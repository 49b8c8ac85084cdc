//! The questions transforms ask the model, answered from its tables.
pub(crate) mod imports;
pub(crate) mod names;
pub(crate) mod reads;
