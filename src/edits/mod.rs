//! Building edits: the `Edit`/`Fix` types, and the shared pieces fixes are made of — where a
//! statement's line starts and how it is indented, inserting statements at the start of a body,
//! adding an import in the module's style, adding parameters, making an annotation accept `None`,
//! and picking a fresh name. Each helper returns plain edits (or facts about the source) and
//! leaves every other byte alone.
pub(crate) mod add_import;
pub(crate) mod add_parameters;
pub(crate) mod body_start;
pub(crate) mod fix;
pub(crate) mod fresh_name;
pub(crate) mod lines;
pub(crate) mod none_default;
pub(crate) mod optional;

#[cfg(test)]
pub(crate) mod test_support;
