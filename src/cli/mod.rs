//! The command line: arguments (clap derive), the commands that run the pipeline, and `pitfix pr`.
pub(crate) mod args;
pub(crate) mod interactive;
pub(crate) mod pr;
pub(crate) mod run;
