//! Bad input gets an answer, never a crash: unknown methods, bad parameters, text that does not
//! parse, changes to unknown documents; `exit` without `shutdown` exits with 1.
use std::time::Duration;

use serde_json::{Value, json};

use crate::client::{Client, file_uri};

#[test]
fn bad_input_is_answered_and_the_server_keeps_going() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let mut client = Client::start(&root);
    client.initialize(&root, false);

    let id = client.request("pitfix/unknown", json!({}));
    assert_eq!(client.response(id)["error"]["code"], -32601);
    let id = client.request("textDocument/codeAction", json!({"textDocument": 7}));
    assert_eq!(client.response(id)["error"]["code"], -32602);
    let id = client.request("workspace/executeCommand", json!({"command": "pitfix.nothing", "arguments": []}));
    assert_eq!(client.response(id)["error"]["code"], -32602);
    client.notify("textDocument/didChange", json!({"textDocument": {"uri": "file:///nowhere.py", "version": 2}, "contentChanges": []}));
    client.notify("textDocument/didOpen", json!({"textDocument": "not an object"}));
    client.notify("$/cancelRequest", json!({"id": 1}));

    // Text that does not parse: no findings (the editor's Python support shows the error).
    let uri = file_uri(&root.join("broken.py"));
    let broken = "def f(:\n    x is 1\n";
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": broken}}));
    assert_eq!(client.diagnostics(&uri)["diagnostics"], json!([]));
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}});
    let id = client.request("textDocument/codeAction", json!({"textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": []}}));
    assert_eq!(client.response(id)["result"], json!([]));

    // Positions past the end of the text are clamped, and a change there still applies.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 99}}, "text": "def f():"},
            {"range": {"start": {"line": 50, "character": 3}, "end": {"line": 60, "character": 0}}, "text": "y = 1 is 1\n"},
        ]}),
    );
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 2);
    assert_eq!(published["diagnostics"].as_array().unwrap().len(), 2, "{published}");

    // An untitled buffer (no path) is checked with the workspace folder's settings.
    let untitled = "untitled:Untitled-1";
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": untitled, "languageId": "python", "version": 1, "text": "x is 1\n"}}));
    assert_eq!(client.diagnostics(untitled)["diagnostics"][0]["code"], "is-literal");
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": untitled}}));
    assert_eq!(client.diagnostics(untitled)["diagnostics"], json!([]));

    assert_eq!(client.shutdown(), 0);
}

#[test]
fn requests_after_shutdown_are_refused_and_exit_without_shutdown_is_1() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let mut client = Client::start(&root);
    client.initialize(&root, false);
    let id = client.request("shutdown", Value::Null);
    assert_eq!(client.response(id)["result"], Value::Null);
    let id = client.request("textDocument/codeAction", json!({}));
    assert_eq!(client.response(id)["error"]["code"], -32600);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit(), 0);

    let mut client = Client::start(&root);
    client.initialize(&root, false);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit(), 1);

    // The editor goes away without a word.
    let mut client = Client::start(&root);
    client.initialize(&root, false);
    assert_eq!(client.wait_exit(), 1);
}

/// Changes arriving faster than the debounce are checked once, at the last version.
#[test]
fn a_change_superseded_within_the_debounce_is_not_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let uri = file_uri(&root.join("m.py"));
    let mut client = Client::start(&root);
    client.initialize(&root, false);
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": "x = 1\n"}}));
    assert_eq!(client.diagnostics(&uri)["diagnostics"], json!([]));
    for version in 2..=6 {
        let text = "x is 1\n".repeat(version);
        client.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}));
    }
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 6, "{published}");
    assert_eq!(published["diagnostics"].as_array().unwrap().len(), 6);
    let later = client.drain(Duration::from_millis(500));
    assert!(!later.iter().any(|m| m["method"] == "textDocument/publishDiagnostics"), "{later:?}");
    // Saving checks at once.
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": uri}}));
    assert_eq!(client.diagnostics(&uri)["version"], 6);
    assert_eq!(client.shutdown(), 0);
}

/// A config file that cannot be read is shown to the user once, and the server goes on.
#[test]
fn a_broken_config_is_shown_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("pitfix.toml"), "select = [\"no-such-transform\"]\n").unwrap();
    let mut client = Client::start(&root);
    client.initialize(&root, false);
    for name in ["a.py", "b.py"] {
        let uri = file_uri(&root.join(name));
        client.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": "x is 1\n"}}));
    }
    let shown = client.wait_for("a window/showMessage", |m| m["method"] == "window/showMessage");
    let message = shown["params"]["message"].as_str().unwrap();
    assert!(message.contains("no-such-transform"), "{message}");
    assert_eq!(shown["params"]["type"], 1);
    let later = client.drain(Duration::from_millis(300));
    assert!(!later.iter().any(|m| m["method"] == "window/showMessage"), "{later:?}");
    assert_eq!(client.shutdown(), 0);
}

/// A message that is not JSON breaks the protocol's framing: the server stops with a message
/// naming the problem (exit code 2), not a panic.
#[test]
fn a_malformed_message_stops_the_server_cleanly() {
    use std::io::Write;
    use std::process::{Command, Stdio};

    let dir = tempfile::tempdir().unwrap();
    let frame = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
    let input = [
        frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#),
        frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        frame("{oops"),
    ]
    .concat();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pitfix"))
        .arg("server")
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    // Closing standard input ends the server at the latest there: a hang cannot happen.
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("malformed LSP payload") && !stderr.contains("panicked"), "{stderr}");
}
