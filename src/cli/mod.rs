//! The command line: arguments (clap derive), the commands that run the pipeline, `pitfix pr` and `pitfix review`.
pub(crate) mod args;
pub(crate) mod interactive;
pub(crate) mod pr;
pub(crate) mod review;
pub(crate) mod run;
