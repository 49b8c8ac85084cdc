//! A minimal LSP client: starts `pitfix server`, frames JSON-RPC messages with `Content-Length`
//! headers over its standard input and output, and waits for what it expects with a deadline,
//! so a hung server fails the test instead of hanging it. Every message is kept in a transcript
//! (printed with `PITFIX_LSP_TRANSCRIPT=1 cargo test --test server -- --nocapture`).
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any one expected message may take (a debug build under load builds the index slowly).
const PATIENCE: Duration = Duration::from_secs(60);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Messages received and not yet taken by a `wait_for`.
    backlog: Vec<Value>,
    next_id: i64,
    pub transcript: Vec<String>,
}

impl Client {
    /// Starts the server in `cwd` (its stderr passes through to the test's).
    pub fn start(cwd: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pitfix"))
            .arg("server")
            .current_dir(cwd)
            .env("PITFIX_NO_CACHE", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start pitfix server");
        let stdout = child.stdout.take().unwrap();
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Client { child, stdin, incoming, backlog: Vec::new(), next_id: 0, transcript: Vec::new() }
    }

    pub fn send(&mut self, message: Value) {
        self.transcript.push(format!("--> {message}"));
        let body = message.to_string();
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    /// Sends a request; returns its id.
    pub fn request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The first message (kept or new) that `matches`; panics after `PATIENCE`.
    pub fn wait_for(&mut self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.backlog.iter().position(&matches) {
            return self.backlog.remove(at);
        }
        let deadline = Instant::now() + PATIENCE;
        loop {
            match self.incoming.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(message) => {
                    self.transcript.push(format!("<-- {message}"));
                    if matches(&message) {
                        return message;
                    }
                    self.backlog.push(message);
                }
                Err(RecvTimeoutError::Timeout) => panic!("timed out waiting for {what}; transcript:\n{}", self.transcript.join("\n")),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed its output while waiting for {what}; transcript:\n{}", self.transcript.join("\n"))
                }
            }
        }
    }

    /// The response to request `id`.
    pub fn response(&mut self, id: i64) -> Value {
        self.wait_for(&format!("the response to request {id}"), |m| m["id"] == id && m.get("method").is_none())
    }

    /// The next `publishDiagnostics` for `uri`.
    pub fn diagnostics(&mut self, uri: &str) -> Value {
        let message = self.wait_for(&format!("diagnostics of {uri}"), |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        message["params"].clone()
    }

    /// A request from the server (`workspace/applyEdit`, ...), answered with `result`.
    pub fn answer(&mut self, method: &str, result: Value) -> Value {
        let request = self.wait_for(&format!("a {method} request"), |m| m["method"] == method && m.get("id").is_some());
        self.send(json!({"jsonrpc": "2.0", "id": request["id"], "result": result}));
        request
    }

    /// Messages received so far and not taken (after waiting `quiet` for more).
    pub fn drain(&mut self, quiet: Duration) -> Vec<Value> {
        while let Ok(message) = self.incoming.recv_timeout(quiet) {
            self.transcript.push(format!("<-- {message}"));
            self.backlog.push(message);
        }
        std::mem::take(&mut self.backlog)
    }

    /// `initialize` (with the workspace folder `root`) and `initialized`; the server's result.
    pub fn initialize(&mut self, root: &Path, watch: bool) -> Value {
        let uri = file_uri(root);
        let id = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri,
                "workspaceFolders": [{"uri": uri, "name": "project"}],
                "capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": watch}}},
            }),
        );
        let result = self.response(id);
        self.notify("initialized", json!({}));
        result
    }

    /// Closes the server's input and waits for it to exit; its exit code.
    pub fn wait_exit(&mut self) -> i32 {
        self.stdin.take();
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit; transcript:\n{}", self.transcript.join("\n"));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `shutdown`, then `exit`: the exit code.
    pub fn shutdown(&mut self) -> i32 {
        let id = self.request("shutdown", Value::Null);
        let response = self.response(id);
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null);
        let code = self.wait_exit();
        if std::env::var_os("PITFIX_LSP_TRANSCRIPT").is_some() {
            eprintln!("{}", self.transcript.join("\n"));
        }
        code
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// The `file:` URI of an absolute path (the test's temporary folders need no escaping but spaces).
pub fn file_uri(path: &Path) -> String {
    let path = path.to_str().unwrap().replace('\\', "/").replace(' ', "%20");
    if path.starts_with('/') { format!("file://{path}") } else { format!("file:///{path}") }
}

/// The byte offset of an LSP position (UTF-16 columns; `\r\n`, `\n` and `\r` end lines):
/// written separately from the server's conversion, so the two check each other.
pub fn offset(text: &str, position: &Value) -> usize {
    let (line, character) = (position["line"].as_u64().unwrap() as usize, position["character"].as_u64().unwrap() as usize);
    let mut at = 0;
    for _ in 0..line {
        let rest = &text[at..];
        let end = rest.find(['\r', '\n']).expect("line exists");
        at += end + if rest[end..].starts_with("\r\n") { 2 } else { 1 };
    }
    let mut units = 0;
    for (i, c) in text[at..].char_indices() {
        if units == character {
            return at + i;
        }
        units += c.len_utf16();
    }
    assert_eq!(units, character, "column past the end");
    text.len()
}

/// `text` with the `TextEdit`s applied (they do not overlap).
pub fn apply_edits(text: &str, edits: &Value) -> String {
    let mut edits: Vec<(usize, usize, &str)> = edits
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (offset(text, &e["range"]["start"]), offset(text, &e["range"]["end"]), e["newText"].as_str().unwrap()))
        .collect();
    edits.sort();
    let mut out = text.to_owned();
    for (start, end, new) in edits.into_iter().rev() {
        out.replace_range(start..end, new);
    }
    out
}

/// What `pitfix apply -` makes of `text` in `cwd`: the fix-all action must agree with it.
pub fn cli_fixed(cwd: &Path, name: &str, text: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pitfix"))
        .args(["apply", "--quiet", "--no-cache", "--stdin-filename", name, "-"])
        .current_dir(cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}
