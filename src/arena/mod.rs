//! Per-file arenas for the parser's syntax tree. Parsing allocates hundreds of thousands of
//! small nodes per large file and dropping the tree frees them one by one; in a cold `diff` that
//! was about a sixth of the work (1.2 G of 7.5 G instructions: the drop 0.57 G, the allocator's
//! calls about 0.6 G). While a file is parsed, its small allocations are bumped from
//! the file's own chunks instead, the tree's frees cost a compare, and the chunks go back to a
//! pool once the tree is gone.
//!
//! A tree is not dropped node by node either: walking it to free nothing was a tenth of what a
//! cold `diff` did beyond parsing (0.23 G of 2.1 G instructions, callgrind). The arena lists the
//! blocks the parse took from the other allocator (the token list, bodies and displays of more
//! than [`alloc::MAX_SMALL`] bytes) and frees those, then gives its chunks back.
//!
//! Safe to use only around code that keeps nothing it allocates past the arena's life except
//! in the returned value: the parser (`ruff_python_parser`) does so — it has no lazily built
//! statics or thread locals (checked at 0.0.10) and its result owns all it points to. The
//! global allocator must be [`ArenaAlloc`] (the binary's is; without it nothing changes).
//!
//! The one part of a tree made after its parse is the joined text of an implicitly
//! concatenated string, built the first time `StringLiteralValue::to_str` (or `Display`) asks
//! for it; not dropping the tree would leak that text. pitfix reads such strings part by part
//! instead ([`crate::semantic::queries::strings::literal_text`]).
use std::mem::ManuallyDrop;

use ruff_python_ast::{ModModule, PySourceType};
use ruff_python_parser::{Parsed, parse_unchecked_source};

mod alloc;
mod chunks;
#[cfg(test)]
mod tests;

pub use alloc::ArenaAlloc;

/// One file's chunks.
struct Arena {
    /// Boxed: the allocator reaches it through a pointer while the arena is served.
    state: Box<alloc::State>,
}

// SAFETY: the state is touched only by the thread serving the arena (`serve` takes `&mut self`)
// and by `Drop`; the chunks are plain memory.
unsafe impl Send for Arena {}
// SAFETY: no method of `&Arena` touches the state.
unsafe impl Sync for Arena {}

impl Arena {
    fn new() -> Self {
        Arena { state: alloc::State::boxed() }
    }

    /// Runs `f` with this thread's small allocations bumped from the arena.
    fn serve<R>(&mut self, f: impl FnOnce() -> R) -> R {
        let _serving = alloc::serve(&mut *self.state);
        f()
    }
}

impl Drop for Arena {
    fn drop(&mut self) {
        if self.state.panicked {
            // A panic while serving may carry arena memory up the stack (its message): keep the
            // chunks rather than reuse them under it.
            return;
        }
        let mut chunk = self.state.last_chunk;
        while !chunk.is_null() {
            // SAFETY: each chunk's header holds the previous chunk (or null), written by `bump`.
            let previous = unsafe { chunk.cast::<*mut u8>().read() };
            chunks::release(chunk);
            chunk = previous;
        }
    }
}

/// A value allocated in its own arena, which lives exactly as long. Read-only: all it holds was
/// allocated while the arena was served, so the arena knows every block of it.
pub(crate) struct InArena<T> {
    value: ManuallyDrop<T>,
    arena: Arena,
}

impl<T> std::ops::Deref for InArena<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> Drop for InArena<T> {
    fn drop(&mut self) {
        match self.arena.state.outside_blocks() {
            Some(blocks) => {
                for (block, layout) in blocks {
                    // SAFETY: a block of the inner allocator with its layout, taken while the
                    // arena was served and not freed since (freeing unlists it); the value that
                    // holds it is never used again, nor dropped.
                    unsafe { std::alloc::dealloc(block, layout) };
                }
            }
            // Some block is not listed: the value frees its own, node by node.
            // SAFETY: the value is dropped once, here, and not used again.
            None => unsafe { ManuallyDrop::drop(&mut self.value) },
        }
        // The arena (dropped next) gives its chunks back.
    }
}

/// Parses `text` with the tree's small allocations in an arena of its own.
pub(crate) fn parse_in_arena(text: &str, source_type: PySourceType) -> InArena<Parsed<ModModule>> {
    let mut arena = Arena::new();
    let value = ManuallyDrop::new(arena.serve(|| parse_unchecked_source(text, source_type)));
    InArena { value, arena }
}
