//! The server's loop: one message at a time, in order. A changed document is checked once the
//! editor's changes pause for `DEBOUNCE` (a change superseded before then is never checked);
//! an opened or saved one at once. Saving a config file, or the editor reporting one changed,
//! reloads the settings and checks every open document again; saving a Python file refreshes
//! its summary in the project index.
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;
use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    LogMessage, Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{ApplyWorkspaceEdit, CodeActionRequest, ExecuteCommand, RegisterCapability, Request as _};
use lsp_types::{
    ApplyWorkspaceEditParams, CodeActionParams, DidChangeWatchedFilesRegistrationOptions, ExecuteCommandParams,
    FileSystemWatcher, GlobPattern, LogMessageParams, MessageType, PublishDiagnosticsParams, Registration,
    RegistrationParams, ShowMessageParams, Uri,
};

use crate::server::actions::{APPLY_AUTOFIX, FIX_ALL_TITLE, code_actions, fix_all_edit};
use crate::server::analysis::{Checked, check};
use crate::server::diagnostics::diagnostic;
use crate::server::documents::Document;
use crate::server::position::Lines;
use crate::server::project::{CONFIG_FILES, Project};
use crate::server::uri::to_path;

/// How long the editor's changes must pause before the document is checked.
const DEBOUNCE: Duration = Duration::from_millis(200);

pub(crate) struct Session {
    connection: Connection,
    /// `None` when the workspace's settings cannot be read (the user is told, and the documents
    /// are checked again once a config file changes).
    project: Option<Project>,
    root: PathBuf,
    documents: HashMap<Uri, Document>,
    /// Documents changed and not yet checked, with when to check them.
    due: HashMap<Uri, Instant>,
    /// Whether the editor watches files for the server (it asked for dynamic registration).
    watch: bool,
    shutdown: bool,
    next_id: i32,
    /// Problems already shown to the user since the settings were last read: a broken config
    /// file is shown once, not after every keystroke.
    told: HashSet<String>,
}

impl Session {
    pub(crate) fn new(connection: Connection, root: PathBuf, watch: bool) -> Self {
        let mut session = Session {
            connection,
            project: None,
            root,
            documents: HashMap::new(),
            due: HashMap::new(),
            watch,
            shutdown: false,
            next_id: 0,
            told: HashSet::new(),
        };
        session.load_project();
        session
    }

    /// Serves until `exit`: 0 after `shutdown`, else 1.
    pub(crate) fn run(&mut self) -> Result<i32> {
        if self.watch {
            self.register_watchers();
        }
        loop {
            let received = match self.due.values().min() {
                Some(&when) => self.connection.receiver.recv_timeout(when.saturating_duration_since(Instant::now())),
                None => self.connection.receiver.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            let message = match received {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => {
                    self.check_due();
                    continue;
                }
                // The editor hung up without `exit`.
                Err(RecvTimeoutError::Disconnected) => return Ok(1),
            };
            match message {
                Message::Request(request) => self.on_request(request),
                Message::Notification(note) if note.method == lsp_types::notification::Exit::METHOD => {
                    return Ok(if self.shutdown { 0 } else { 1 });
                }
                Message::Notification(note) => self.on_notification(note),
                // Answers to `workspace/applyEdit` and `client/registerCapability`: nothing to do.
                Message::Response(_) => {}
            }
        }
    }

    fn on_request(&mut self, request: Request) {
        let id = request.id.clone();
        if self.shutdown {
            return self.respond(Response::new_err(id, ErrorCode::InvalidRequest as i32, "the server is shutting down".to_owned()));
        }
        let response = match request.method.as_str() {
            lsp_types::request::Shutdown::METHOD => {
                self.shutdown = true;
                Response::new_ok(id, ())
            }
            CodeActionRequest::METHOD => match serde_json::from_value::<CodeActionParams>(request.params) {
                Ok(params) => self.code_actions(id, &params),
                Err(e) => invalid_params(id, &e),
            },
            ExecuteCommand::METHOD => match serde_json::from_value::<ExecuteCommandParams>(request.params) {
                Ok(params) => self.execute_command(id, params),
                Err(e) => invalid_params(id, &e),
            },
            method => Response::new_err(id, ErrorCode::MethodNotFound as i32, format!("unknown method `{method}`")),
        };
        self.respond(response);
    }

    fn on_notification(&mut self, note: Notification) {
        // A notification with parameters it cannot read is dropped (it has no answer), and said in the log.
        let method = note.method.clone();
        let outcome = match method.as_str() {
            DidOpenTextDocument::METHOD => read(note, |p: lsp_types::DidOpenTextDocumentParams| {
                let doc = p.text_document;
                self.documents.insert(doc.uri.clone(), Document::new(doc.uri.clone(), doc.text, doc.version, &doc.language_id));
                self.check_now(&doc.uri);
            }),
            DidChangeTextDocument::METHOD => read(note, |p: lsp_types::DidChangeTextDocumentParams| {
                if let Some(doc) = self.documents.get_mut(&p.text_document.uri) {
                    doc.apply(p.content_changes, p.text_document.version);
                    self.due.insert(p.text_document.uri, Instant::now() + DEBOUNCE);
                }
            }),
            DidSaveTextDocument::METHOD => read(note, |p: lsp_types::DidSaveTextDocumentParams| self.saved(&p.text_document.uri)),
            DidCloseTextDocument::METHOD => read(note, |p: lsp_types::DidCloseTextDocumentParams| {
                let uri = p.text_document.uri;
                self.documents.remove(&uri);
                self.due.remove(&uri);
                self.publish(uri, Vec::new(), None);
            }),
            DidChangeWatchedFiles::METHOD => read(note, |p: lsp_types::DidChangeWatchedFilesParams| {
                self.files_changed(p.changes.iter().filter_map(|c| to_path(&c.uri)).collect());
            }),
            // `$/cancelRequest` (every answer is already sent), `workspace/didChangeConfiguration`
            // (the settings come from the project's files) and the rest.
            _ => Ok(()),
        };
        if let Err(why) = outcome {
            self.log(MessageType::WARNING, why);
        }
    }

    fn saved(&mut self, uri: &Uri) {
        let path = self.documents.get(uri).and_then(|d| d.path.clone());
        if let Some(path) = &path {
            if is_config(path) {
                return self.reload();
            }
            let text = self.documents.get(uri).map(|d| d.text.clone());
            if let Some(project) = &mut self.project {
                project.refresh(vec![(path.clone(), text)]);
            }
        }
        // The other open documents may read what the saved one defines.
        self.check_all();
    }

    /// Files the editor saw change on disk: config files reload the settings, Python files
    /// are read into the project index again.
    fn files_changed(&mut self, paths: Vec<PathBuf>) {
        if paths.iter().any(|p| is_config(p)) {
            return self.reload();
        }
        if let Some(project) = &mut self.project {
            let read = |path: &PathBuf| std::fs::read(path).ok().and_then(|b| crate::workspace::decode::decode(&b).ok().map(|d| d.0.into_owned()));
            project.refresh(paths.into_iter().map(|path| {
                let text = read(&path);
                (path, text)
            }).collect());
        }
        self.check_all();
    }

    fn load_project(&mut self) {
        match Project::new(self.root.clone()) {
            Ok((project, problems)) => {
                self.project = Some(project);
                for problem in problems {
                    self.log(MessageType::WARNING, problem);
                }
            }
            Err(e) => self.tell(format!("pitfix: the settings of {} cannot be read: {e:#}", self.root.display())),
        }
    }

    /// The config files changed: read them again and check every open document again.
    fn reload(&mut self) {
        self.told.clear();
        let reloaded = self.project.as_mut().map(Project::reload);
        match reloaded {
            Some(Ok(problems)) => problems.into_iter().for_each(|p| self.log(MessageType::WARNING, p)),
            Some(Err(e)) => self.tell(format!("pitfix: settings cannot be read: {e:#}")),
            None => self.load_project(),
        }
        self.log(MessageType::INFO, "settings reloaded".to_owned());
        self.check_all();
    }

    fn check_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Uri> = self.due.iter().filter(|(_, when)| **when <= now).map(|(uri, _)| uri.clone()).collect();
        for uri in due {
            self.check_now(&uri);
        }
    }

    fn check_all(&mut self) {
        let uris: Vec<Uri> = self.documents.keys().cloned().collect();
        for uri in uris {
            self.check_now(&uri);
        }
    }

    /// Checks a document and publishes its diagnostics (none when it does not parse).
    fn check_now(&mut self, uri: &Uri) {
        self.due.remove(uri);
        let (Some(doc), Some(project)) = (self.documents.get(uri), &self.project) else { return };
        if !doc.python {
            return;
        }
        let (diagnostics, problem) = match check(doc, project) {
            Checked::Findings(findings) => {
                let lines = Lines::new(&doc.text);
                (findings.iter().map(|f| diagnostic(f, &lines)).collect(), None)
            }
            Checked::Unparsable => (Vec::new(), None),
            Checked::Failed(why) => (Vec::new(), Some(why)),
        };
        let version = Some(doc.version);
        self.publish(uri.clone(), diagnostics, version);
        if let Some(why) = problem {
            self.tell(why);
        }
    }

    fn code_actions(&mut self, id: RequestId, params: &CodeActionParams) -> Response {
        let (Some(doc), Some(project)) = (self.documents.get(&params.text_document.uri), &self.project) else {
            return Response::new_ok(id, Vec::<()>::new());
        };
        let (actions, problem) = code_actions(doc, project, params);
        if let Some(why) = problem {
            self.log(MessageType::WARNING, why);
        }
        Response::new_ok(id, actions)
    }

    /// `pitfix.applyAutofix` with the document's URI (a string, or an object with `uri`): the
    /// fix-all edit goes to the editor as a `workspace/applyEdit` request.
    fn execute_command(&mut self, id: RequestId, params: ExecuteCommandParams) -> Response {
        if params.command != APPLY_AUTOFIX {
            return Response::new_err(id, ErrorCode::InvalidParams as i32, format!("unknown command `{}`", params.command));
        }
        let uris: Vec<Uri> = params.arguments.iter().filter_map(argument_uri).collect();
        if uris.is_empty() {
            return Response::new_err(id, ErrorCode::InvalidParams as i32, format!("`{APPLY_AUTOFIX}` needs a document's URI"));
        }
        for uri in uris {
            let (Some(doc), Some(project)) = (self.documents.get(&uri), &self.project) else { continue };
            match fix_all_edit(doc, project) {
                Ok(Some(edit)) => {
                    let params = ApplyWorkspaceEditParams { label: Some(FIX_ALL_TITLE.to_owned()), edit };
                    self.request(ApplyWorkspaceEdit::METHOD, params);
                }
                Ok(None) => {}
                Err(why) => self.tell(why),
            }
        }
        Response::new_ok(id, ())
    }

    /// Asks the editor to tell the server when config or Python files change on disk.
    fn register_watchers(&mut self) {
        let globs = CONFIG_FILES.iter().map(|name| format!("**/{name}")).chain(["**/*.py".to_owned(), "**/*.pyi".to_owned()]);
        let watchers = globs.map(|glob| FileSystemWatcher { glob_pattern: GlobPattern::String(glob), kind: None }).collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = Registration {
            id: "pitfix-watched-files".to_owned(),
            method: DidChangeWatchedFiles::METHOD.to_owned(),
            register_options: serde_json::to_value(options).ok(),
        };
        self.request(RegisterCapability::METHOD, RegistrationParams { registrations: vec![registration] });
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        self.notify(PublishDiagnostics::METHOD, PublishDiagnosticsParams { uri, diagnostics, version });
    }

    /// A message the user sees (a broken config file, an internal error), once.
    fn tell(&mut self, message: String) {
        if !self.told.insert(message.clone()) {
            return;
        }
        self.log(MessageType::ERROR, message.clone());
        self.notify(ShowMessage::METHOD, ShowMessageParams { typ: MessageType::ERROR, message });
    }

    fn log(&self, typ: MessageType, message: String) {
        self.notify(LogMessage::METHOD, LogMessageParams { typ, message });
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        // A send fails only once the editor is gone; the loop then ends on its own.
        let _ = self.connection.sender.send(Notification::new(method.to_owned(), params).into());
    }

    fn request(&mut self, method: &str, params: impl serde::Serialize) {
        self.next_id += 1;
        let id = RequestId::from(format!("pitfix-{}", self.next_id));
        let _ = self.connection.sender.send(Request::new(id, method.to_owned(), params).into());
    }

    fn respond(&self, response: Response) {
        let _ = self.connection.sender.send(response.into());
    }
}

fn read<P: serde::de::DeserializeOwned>(note: Notification, handle: impl FnOnce(P)) -> Result<(), String> {
    let method = note.method.clone();
    let params = serde_json::from_value(note.params).map_err(|e| format!("{method}: unexpected parameters: {e}"))?;
    handle(params);
    Ok(())
}

fn invalid_params(id: RequestId, error: &serde_json::Error) -> Response {
    Response::new_err(id, ErrorCode::InvalidParams as i32, format!("unexpected parameters: {error}"))
}

fn argument_uri(argument: &serde_json::Value) -> Option<Uri> {
    let text = argument.as_str().or_else(|| argument.get("uri").and_then(|u| u.as_str()))?;
    text.parse().ok()
}

fn is_config(path: &std::path::Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| CONFIG_FILES.contains(&n))
}
