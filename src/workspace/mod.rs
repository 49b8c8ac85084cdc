//! The files of a run: finding them, decoding their text, and writing fixed text back safely.
pub(crate) mod decode;
pub(crate) mod discover;
pub(crate) mod interrupt;
pub(crate) mod read;
pub(crate) mod write;
