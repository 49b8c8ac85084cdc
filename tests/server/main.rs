//! End-to-end tests of `pitfix server`: each starts the binary as a child process and speaks
//! JSON-RPC to it over its standard input and output (`client.rs`), as an editor would.
mod client;
mod session;
mod robustness;
mod project;
