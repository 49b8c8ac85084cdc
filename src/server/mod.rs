//! `pitfix server`: a language server over standard input and output. Editors get the findings
//! as diagnostics while typing, a quick fix per finding, and a source action that applies every
//! fix as `pitfix apply` would. Synchronous (`lsp-server`): one loop reads messages in order,
//! and checks a changed document once its changes pause (`session`).
mod actions;
mod analysis;
mod diagnostics;
mod documents;
mod position;
mod project;
mod session;
mod uri;

use std::path::PathBuf;

use anyhow::{Context, Result, anyhow};
use lsp_server::Connection;
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, ExecuteCommandOptions, InitializeParams, SaveOptions,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions,
};

use crate::engine::stack;
use crate::server::actions::{APPLY_AUTOFIX, FIX_ALL_KIND};
use crate::server::session::Session;

/// Serves one editor on standard input and output until it says `exit`. The exit code is 0
/// after a `shutdown` request, 1 when the editor exits or hangs up without one (as the protocol
/// asks).
pub(crate) fn run() -> Result<i32> {
    let (connection, io_threads) = Connection::stdio();
    // The engine recurses once per level of nesting: the loop gets the stack a run's workers get.
    let code = std::thread::Builder::new()
        .name("pitfix-server".to_owned())
        .stack_size(stack::WORKER_STACK)
        .spawn(move || serve(connection))
        .context("cannot start the server's thread")?
        .join()
        .map_err(|_| anyhow!("the server stopped on an internal error"))??;
    // The writer has sent everything once the connection is dropped; the reader stops at `exit`.
    io_threads.join().context("reading or writing the editor's messages")?;
    Ok(code)
}

fn serve(connection: Connection) -> Result<i32> {
    let (id, params) = connection.initialize_start().map_err(|e| anyhow!("initialize: {e}"))?;
    let params: InitializeParams = serde_json::from_value(params).context("initialize: unexpected parameters")?;
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": { "name": "pitfix", "version": env!("CARGO_PKG_VERSION") },
    });
    connection.initialize_finish(id, result).map_err(|e| anyhow!("initialize: {e}"))?;
    let watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files)
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    let mut session = Session::new(connection, workspace_root(&params), watch);
    session.run()
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions { include_text: Some(false) })),
            ..TextDocumentSyncOptions::default()
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::new(FIX_ALL_KIND)]),
            resolve_provider: Some(false),
            ..CodeActionOptions::default()
        })),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![APPLY_AUTOFIX.to_owned()],
            ..ExecuteCommandOptions::default()
        }),
        ..ServerCapabilities::default()
    }
}

/// The workspace folder: the first the editor names (one project per server), else its root
/// URI, else the folder the server was started in.
fn workspace_root(params: &InitializeParams) -> PathBuf {
    #[allow(deprecated)] // `rootUri`: older editors send only this.
    let root_uri = params.root_uri.as_ref();
    let named = params.workspace_folders.iter().flatten().map(|f| &f.uri).chain(root_uri).find_map(uri::to_path);
    named.or_else(|| std::env::current_dir().ok()).unwrap_or_else(|| PathBuf::from("."))
}
