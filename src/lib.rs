//! pitfix: rewrites Python traps into their fix, keeping every other byte of the file.
mod checker;
mod cli;
mod config;
mod diff;
mod discover;
mod docs;
mod edit;
mod engine;
mod fixes;
mod index;
mod interrupt;
mod lazy_index;
mod pr;
mod progress;
mod report;
mod resolve;
mod run;
// Nothing outside its own tests reads the model until the transforms are ported.
#[allow(dead_code)]
mod semantic;
mod settings;
mod source;
mod suppression;
#[doc(hidden)]
pub mod testing;
mod transforms;
mod write;

pub use run::{EXIT_FATAL, EXIT_FOUND, EXIT_OK};

/// Parses the command line, runs it, and returns the process exit code.
pub fn main() -> i32 {
    use clap::Parser;
    let cli = cli::Cli::parse();
    match run::run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("pitfix: error: {error:#}");
            EXIT_FATAL
        }
    }
}
