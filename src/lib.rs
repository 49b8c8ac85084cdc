//! pitfix: rewrites Python traps into their fix, keeping every other byte of the file.
//!
//! The pipeline, from the command line down (ARCHITECTURE.md has the whole picture):
//! `cli` parses arguments and runs a command; `settings` resolves config and options;
//! `workspace` finds, decodes and writes files; `cache` answers for unchanged files; `engine` parses each file, builds its
//! `semantic` model, runs the `transforms` in one walk and applies their fixes (built with
//! `edits`) until nothing changes; `output` prints diffs, findings and summaries; `server` is the
//! language server, which runs the engine on an editor's open documents.
mod arena;
mod cache;
mod cli;
mod edits;
mod engine;
mod output;
mod rules;
mod semantic;
mod server;
mod settings;
#[doc(hidden)]
pub mod testing;
mod transforms;
mod workspace;

pub use arena::ArenaAlloc;
pub use cli::run::{EXIT_FATAL, EXIT_FOUND, EXIT_OK};

// The unit tests parse through the arenas as the binary does.
#[cfg(test)]
#[global_allocator]
static TEST_ALLOCATOR: ArenaAlloc<std::alloc::System> = ArenaAlloc::new(std::alloc::System);

/// Parses the command line, runs it, and returns the process exit code.
pub fn main() -> i32 {
    use clap::Parser;
    let cli = cli::args::Cli::parse();
    match cli::run::run(cli.command) {
        Ok(code) => code,
        // `pitfix rules | head -1`: the reader is gone, which is no failure (the main commands
        // finish their run and exit with its code: `output::ClosedPipeOk`).
        Err(error) if output::is_broken_pipe(&error) => EXIT_OK,
        Err(error) => {
            eprintln!("pitfix: error: {}", output::escape_message(&format!("{error:#}")));
            EXIT_FATAL
        }
    }
}
