//! The global allocator: another allocator's, except that while a thread serves an arena
//! ([`super::Arena::serve`]) its small allocations are bumped from the arena's chunks, and any
//! free of arena memory does nothing (the arena gives its chunks back at once, later). The
//! blocks a served arena takes from the other allocator (large ones, mostly) are listed in it,
//! so that a value made while serving can be let go without walking it ([`super::InArena`]).
use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::mem::MaybeUninit;
use std::ptr;

use super::chunks::{self, CHUNK};

/// Allocations above this size go to the inner allocator even while an arena is served (a
/// file's token list, its text): they would waste most of a chunk.
pub(super) const MAX_SMALL: usize = CHUNK / 4;
/// Alignments above this go to the inner allocator.
const MAX_ALIGN: usize = 64;
/// The start of each chunk holds the address of the arena's previous chunk.
pub(super) const HEADER: usize = 16;

/// How many blocks of the inner allocator an arena lists (a file's tree holds a few: its token
/// list, its longest bodies and displays); past that it stops listing them.
const MAX_LISTED: usize = 256;

/// Where an arena bumps: the current chunk's free part, and the chain of its chunks.
pub(super) struct State {
    /// The next free byte of the current chunk and the chunk's end (both 0 before the first chunk).
    cursor: usize,
    end: usize,
    /// The current chunk; its header links the one before.
    pub(super) last_chunk: *mut u8,
    /// A panic unwound through the serving: what it carries may be arena memory.
    pub(super) panicked: bool,
    /// The blocks taken from the inner allocator while serving and not freed since (the first
    /// `listed` are set), unless `overflowed`: then some such block is not listed.
    outside: [MaybeUninit<(*mut u8, Layout)>; MAX_LISTED],
    listed: usize,
    pub(super) overflowed: bool,
}

impl State {
    /// A state serving nothing yet, made on the heap in place: one made on the stack and moved
    /// there had its list of blocks (6 KiB) copied and cleared for every file, where a file lists
    /// a few.
    pub(super) fn boxed() -> Box<State> {
        let mut state = Box::<State>::new_uninit();
        let at = state.as_mut_ptr();
        // SAFETY: every field but `outside` is written here, and `outside` holds `MaybeUninit`s,
        // which need no value.
        unsafe {
            (&raw mut (*at).cursor).write(0);
            (&raw mut (*at).end).write(0);
            (&raw mut (*at).last_chunk).write(ptr::null_mut());
            (&raw mut (*at).panicked).write(false);
            (&raw mut (*at).listed).write(0);
            (&raw mut (*at).overflowed).write(false);
            state.assume_init()
        }
    }

    /// The blocks of the inner allocator that the arena's values hold, when it knows them all.
    pub(super) fn outside_blocks(&self) -> Option<impl Iterator<Item = (*mut u8, Layout)> + '_> {
        // SAFETY: the first `listed` entries are initialized (`list` writes before it counts).
        (!self.overflowed).then(|| self.outside[..self.listed].iter().map(|entry| unsafe { entry.assume_init() }))
    }

    /// Lists a block just taken from the inner allocator.
    fn list(&mut self, block: *mut u8, layout: Layout) {
        if self.overflowed {
            return;
        }
        if self.listed == MAX_LISTED {
            self.overflowed = true;
            return;
        }
        self.outside[self.listed] = MaybeUninit::new((block, layout));
        self.listed += 1;
    }

    /// The place of a listed block (the newest are the likeliest to go first). None once the list
    /// has overflowed: it is of no use then, and every free while serving would scan it (when no
    /// chunk can be had, each small block is one of the inner allocator's).
    fn find(&self, block: *mut u8) -> Option<usize> {
        if self.overflowed {
            return None;
        }
        // SAFETY: as in `outside_blocks`.
        (0..self.listed).rev().find(|&i| unsafe { self.outside[i].assume_init() }.0 == block)
    }

    /// A listed block was freed: it leaves the list (a block not listed was not taken while
    /// serving, and is none of the arena's business).
    fn unlist(&mut self, block: *mut u8) {
        if let Some(i) = self.find(block) {
            self.listed -= 1;
            self.outside[i] = self.outside[self.listed];
        }
    }

    /// A listed block was moved or resized by the inner allocator.
    fn relist(&mut self, old: *mut u8, new: *mut u8, layout: Layout) {
        if let Some(i) = self.find(old) {
            self.outside[i] = MaybeUninit::new((new, layout));
        }
    }

    /// Bumps `layout` from the current chunk, taking a new chunk when it is full.
    #[inline]
    fn bump(&mut self, layout: Layout) -> Option<*mut u8> {
        if layout.size() > MAX_SMALL || layout.align() > MAX_ALIGN {
            return None;
        }
        self.bump_in_chunk(layout).or_else(|| self.bump_in_new_chunk(layout))
    }

    #[cold]
    #[inline(never)]
    fn bump_in_new_chunk(&mut self, layout: Layout) -> Option<*mut u8> {
        if !chunks::reserve() {
            return None;
        }
        let chunk = chunks::acquire()?;
        // SAFETY: a fresh chunk of CHUNK bytes, ours alone; the header is aligned for a pointer.
        unsafe { chunk.cast::<*mut u8>().write(self.last_chunk) };
        self.last_chunk = chunk;
        self.cursor = chunk as usize + HEADER;
        self.end = chunk as usize + CHUNK;
        self.bump_in_chunk(layout)
    }

    /// The bump in the current chunk, if it has room (never before the first chunk: `end` is 0).
    /// No sum overflows: addresses are far below `usize::MAX`, sizes at most `MAX_SMALL`.
    #[inline]
    fn bump_in_chunk(&mut self, layout: Layout) -> Option<*mut u8> {
        let start = (self.cursor + layout.align() - 1) & !(layout.align() - 1);
        let end = start + layout.size();
        (end <= self.end).then(|| {
            self.cursor = end;
            start as *mut u8
        })
    }

    /// Whether `ptr` (of `size` bytes) is the last allocation bumped: it can grow or give its
    /// bytes back in place.
    fn is_last(&self, ptr: *mut u8, size: usize) -> bool {
        ptr as usize + size == self.cursor
    }
}

thread_local! {
    /// The arena this thread serves, if any.
    static SERVED: Cell<*mut State> = const { Cell::new(ptr::null_mut()) };
}

/// Makes `state` the arena this thread serves until the returned guard drops (which puts back
/// what was served before, on return or panic, and marks `state` when a panic unwinds).
pub(super) fn serve(state: *mut State) -> impl Drop {
    struct Restore {
        previous: *mut State,
        served: *mut State,
    }
    impl Drop for Restore {
        fn drop(&mut self) {
            SERVED.with(|s| s.set(self.previous));
            if std::thread::panicking() {
                // SAFETY: the state outlives its serving, and this thread alone touches it.
                unsafe { (*self.served).panicked = true };
            }
        }
    }
    Restore { previous: SERVED.with(|s| s.replace(state)), served: state }
}

#[inline(always)]
fn served() -> Option<&'static mut State> {
    let state = SERVED.try_with(Cell::get).ok()?;
    // SAFETY: a served state outlives its serving (the guard of `serve` is dropped first) and only
    // this thread touches it meanwhile.
    unsafe { state.as_mut() }
}

/// The global allocator: `inner`, with arenas on top (see the module documentation).
pub struct ArenaAlloc<A> {
    inner: A,
}

impl<A> ArenaAlloc<A> {
    pub const fn new(inner: A) -> Self {
        ArenaAlloc { inner }
    }
}

// SAFETY: every pointer returned is either the inner allocator's (and freed by it alone, since
// `chunks::contains` is false for it) or bumped from a chunk with room for the layout, aligned
// as asked, and valid until the arena releases the chunk, which it does only after the values
// allocated in it are gone (`InArena`).
unsafe impl<A: GlobalAlloc> GlobalAlloc for ArenaAlloc<A> {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(state) = served() else {
            // SAFETY: the caller's layout, passed on.
            return unsafe { self.inner.alloc(layout) };
        };
        if let Some(ptr) = state.bump(layout) {
            return ptr;
        }
        // SAFETY: the caller's layout, passed on.
        let block = unsafe { self.inner.alloc(layout) };
        if !block.is_null() {
            state.list(block, layout);
        }
        block
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let Some(state) = served() else {
            // SAFETY: the caller's layout, passed on.
            return unsafe { self.inner.alloc_zeroed(layout) };
        };
        if let Some(ptr) = state.bump(layout) {
            // SAFETY: the bump has `layout.size()` bytes; a reused chunk holds old bytes.
            unsafe { ptr::write_bytes(ptr, 0, layout.size()) };
            return ptr;
        }
        // SAFETY: the caller's layout, passed on.
        let block = unsafe { self.inner.alloc_zeroed(layout) };
        if !block.is_null() {
            state.list(block, layout);
        }
        block
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if chunks::contains(ptr) {
            // Arena memory is given back a chunk at a time; the last bump can be taken back now.
            if let Some(state) = served().filter(|state| state.is_last(ptr, layout.size())) {
                state.cursor = ptr as usize;
            }
            return;
        }
        if let Some(state) = served() {
            state.unlist(ptr);
        }
        // SAFETY: not arena memory, so the inner allocator's, with the caller's layout.
        unsafe { self.inner.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if !chunks::contains(ptr) {
            // SAFETY: the inner allocator's memory, with the caller's layout and size.
            let new = unsafe { self.inner.realloc(ptr, layout, new_size) };
            if !new.is_null()
                && let Some(state) = served()
            {
                // SAFETY: as below, a valid layout.
                state.relist(ptr, new, unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) });
            }
            return new;
        }
        if new_size <= layout.size() {
            // Shrinking in place: the block stays as large as it was, which is large enough.
            return ptr;
        }
        if let Some(state) = served().filter(|state| state.is_last(ptr, layout.size()))
            && ptr as usize + new_size <= state.end
            && new_size <= MAX_SMALL
        {
            // The last bump grows into the chunk's free part.
            state.cursor = ptr as usize + new_size;
            return ptr;
        }
        // SAFETY: `new_size` with the old alignment is a valid layout (the caller's contract).
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: a layout of non-zero size.
        let new = unsafe { self.alloc(new_layout) };
        if !new.is_null() {
            // SAFETY: both blocks hold at least the smaller size, and they do not overlap (the
            // old one is still allocated: arena memory is not reused before its chunk is).
            unsafe { ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size)) };
        }
        new
    }
}
