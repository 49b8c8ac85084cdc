//! The memory arenas bump-allocate from: fixed-size chunks carved from one address range reserved
//! at the first use, so that "does this pointer belong to an arena?" is one subtraction and one
//! compare (the allocator asks it on every free). Released chunks go to a pool for the next file;
//! beyond [`KEEP_RESIDENT`] of them the pool hands their pages back to the system.
//!
//! Nothing here may allocate: it runs inside the global allocator.
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The size of a chunk. Small, because a file that waits for the project index keeps its last,
/// partly used chunk until it is checked.
pub(super) const CHUNK: usize = 128 * 1024;
/// Chunks in the reserved range: 2 GiB of address space, not of memory (the pages of a chunk
/// become memory when first written). A run uses as many as its live trees need at once; when
/// they are all taken, or `ulimit -v` refuses the range, allocations go to the inner allocator.
const MAX_CHUNKS: usize = 1 << 14;
/// Released chunks the pool keeps as they are (16 MiB); the pages of any further one are given
/// back to the system (`madvise(MADV_DONTNEED)`) before it joins the pool.
const KEEP_RESIDENT: usize = 128;

/// The reserved range: its start, and its length (0 until reserved or when reserving failed, so
/// that no pointer is in it).
static BASE: AtomicUsize = AtomicUsize::new(0);
static LEN: AtomicUsize = AtomicUsize::new(0);
/// Chunks carved from the range so far.
static CARVED: AtomicUsize = AtomicUsize::new(0);
/// Released chunks (their indexes), the last released on top.
static POOL: Pool = Pool { locked: AtomicBool::new(false), free: UnsafeCell::new(Free { len: 0, index: [0; MAX_CHUNKS] }) };

/// A spin lock around the free list: `std::sync::Mutex` may allocate on some systems (a boxed
/// pthread mutex), which the allocator cannot do, and the list is held for a push or a pop.
struct Pool {
    locked: AtomicBool,
    free: UnsafeCell<Free>,
}

struct Free {
    len: usize,
    index: [u32; MAX_CHUNKS],
}

// SAFETY: `free` is only reached through `with`, which holds `locked`.
unsafe impl Sync for Pool {}

impl Pool {
    fn with<R>(&self, f: impl FnOnce(&mut Free) -> R) -> R {
        let mut spins = 0_u32;
        while self.locked.compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() {
            spins += 1;
            if spins < 64 {
                std::hint::spin_loop();
            } else {
                std::thread::yield_now();
            }
        }
        // SAFETY: the lock is ours until the store below; `f` cannot reach the pool again.
        let result = f(unsafe { &mut *self.free.get() });
        self.locked.store(false, Ordering::Release);
        result
    }
}

/// Whether `ptr` is memory of some arena's chunk.
#[inline]
pub(super) fn contains(ptr: *const u8) -> bool {
    let len = LEN.load(Ordering::Acquire);
    (ptr as usize).wrapping_sub(BASE.load(Ordering::Relaxed)) < len
}

/// Reserves the range, once; false when the system refused (arenas then serve nothing).
pub(super) fn reserve() -> bool {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if let Some(base) = os::reserve(CHUNK * MAX_CHUNKS) {
            BASE.store(base, Ordering::Relaxed);
            LEN.store(CHUNK * MAX_CHUNKS, Ordering::Release);
        }
    });
    LEN.load(Ordering::Acquire) != 0
}

/// A chunk from the pool, or a new one carved from the range; `None` when the range is used up.
pub(super) fn acquire() -> Option<*mut u8> {
    let base = BASE.load(Ordering::Relaxed);
    if let Some(index) = pop() {
        return Some((base + index * CHUNK) as *mut u8);
    }
    let index = CARVED.fetch_add(1, Ordering::Relaxed);
    if index >= MAX_CHUNKS {
        CARVED.store(MAX_CHUNKS, Ordering::Relaxed);
        return None;
    }
    let chunk = (base + index * CHUNK) as *mut u8;
    os::commit(chunk, CHUNK).then_some(chunk)
}

/// Gives a chunk back to the pool; its memory must not be read again before it is acquired.
pub(super) fn release(chunk: *mut u8) {
    let index = (chunk as usize - BASE.load(Ordering::Relaxed)) / CHUNK;
    if POOL.with(|free| free.len) >= KEEP_RESIDENT {
        os::discard(chunk, CHUNK);
    } else if cfg!(debug_assertions) {
        // A use after release reads this pattern instead of plausible data: tests fail loudly.
        // SAFETY: the chunk is committed, CHUNK bytes long, and no longer used.
        unsafe { std::ptr::write_bytes(chunk, 0xA5, CHUNK) };
    }
    POOL.with(|free| {
        free.index[free.len] = index as u32;
        free.len += 1;
    });
}

fn pop() -> Option<usize> {
    POOL.with(|free| {
        free.len = free.len.checked_sub(1)?;
        Some(free.index[free.len] as usize)
    })
}

#[cfg(unix)]
mod os {
    /// Reserves `len` bytes of address space without memory behind them.
    pub(super) fn reserve(len: usize) -> Option<usize> {
        // SAFETY: a fresh anonymous mapping at an address the system picks; nothing aliases it.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        (ptr != libc::MAP_FAILED).then_some(ptr as usize)
    }

    /// Makes a chunk of the reserved range readable and writable.
    pub(super) fn commit(chunk: *mut u8, len: usize) -> bool {
        // SAFETY: the chunk lies inside the range `reserve` mapped, and no one uses it yet.
        unsafe { libc::mprotect(chunk.cast(), len, libc::PROT_READ | libc::PROT_WRITE) == 0 }
    }

    /// Gives a released chunk's pages back; it reads as zeros when next used.
    pub(super) fn discard(chunk: *mut u8, len: usize) {
        // SAFETY: the chunk is committed and released: nothing points into it any more.
        unsafe { libc::madvise(chunk.cast(), len, libc::MADV_DONTNEED) };
    }
}

#[cfg(not(unix))]
mod os {
    pub(super) fn reserve(_len: usize) -> Option<usize> {
        None
    }

    pub(super) fn commit(_chunk: *mut u8, _len: usize) -> bool {
        false
    }

    pub(super) fn discard(_chunk: *mut u8, _len: usize) {}
}
