//! The engine: per file, decode and parse once, build the semantic model, run the selected
//! transforms in one walk, and apply their fixes pass after pass until nothing changes; per run,
//! process the files in parallel with the project index that cross-file transforms read.
pub(crate) mod checker;
pub(crate) mod document;
mod file;
pub(crate) mod first_look;
mod top_names;
mod fix_loop;
pub(crate) mod stack;
pub(crate) mod job;
pub(crate) mod line_index;
pub(crate) mod project_index;
pub(crate) mod suppression;
mod timings;
pub(crate) mod transform;

use std::collections::BTreeMap;

pub(crate) use file::{FileResult, LocatedEdit, LocatedFinding, Mode, Prepared, parse_error, prepare, process};

use crate::engine::project_index::{ModuleName, ProjectIndex};
use crate::engine::transform::Transform;
use crate::settings::TargetVersion;

/// The settings one file is checked with.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FileSettings<'a> {
    pub(crate) transforms: &'a [&'static dyn Transform],
    pub(crate) target_version: TargetVersion,
    pub(crate) is_stub: bool,
    pub(crate) options: &'a BTreeMap<String, toml::Table>,
    /// The run's project index, when a selected transform uses it.
    pub(crate) project: Option<&'a ProjectIndex>,
    /// The file's dotted module name, for its relative imports.
    pub(crate) module: Option<&'a ModuleName>,
}
