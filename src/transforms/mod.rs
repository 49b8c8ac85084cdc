//! The transforms. Each lives in `src/transforms/<name>.rs` (or a folder `<name>/mod.rs`),
//! defines `pub(crate) static TRANSFORM`, and has a folder `transforms/<id>/` with its README,
//! fixture cases and snapshots; `build.rs` lists them here.
use crate::engine::transform::Transform;

include!(concat!(env!("OUT_DIR"), "/registry.rs"));

pub(crate) fn by_id(id: &str) -> Option<&'static dyn Transform> {
    ALL.iter().copied().find(|t| t.rule().id == id)
}
