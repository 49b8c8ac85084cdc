// jemalloc where it builds, with the per-file arenas of the parser's trees on top.
#[cfg(all(unix, any(target_arch = "x86_64", target_arch = "aarch64")))]
#[global_allocator]
static GLOBAL: pitfix::ArenaAlloc<tikv_jemallocator::Jemalloc> = pitfix::ArenaAlloc::new(tikv_jemallocator::Jemalloc);

#[cfg(not(all(unix, any(target_arch = "x86_64", target_arch = "aarch64"))))]
#[global_allocator]
static GLOBAL: pitfix::ArenaAlloc<std::alloc::System> = pitfix::ArenaAlloc::new(std::alloc::System);

fn main() {
    std::process::exit(pitfix::main());
}
