//! Cross-file transforms read the project index of the workspace folder: built at
//! `initialize` from the files on disk, and refreshed when a file is saved.
use serde_json::{Value, json};

use crate::client::{Client, file_uri};

const STREAM: &str = "async def records(n):\n    for i in range(n):\n        yield i\n";

const CONSUMER: &str = "from .stream import records\n\n\nasync def first():\n    async for record in records(10):\n        return record\n";

fn codes(published: &Value) -> Vec<String> {
    published["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn the_project_index_is_read_and_refreshed_on_save() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir(root.join("pkg")).unwrap();
    std::fs::write(root.join("pkg/__init__.py"), "").unwrap();
    std::fs::write(root.join("pkg/stream.py"), STREAM).unwrap();
    std::fs::write(root.join("pkg/consumer.py"), CONSUMER).unwrap();
    let consumer = file_uri(&root.join("pkg/consumer.py"));
    let stream = file_uri(&root.join("pkg/stream.py"));
    let mut client = Client::start(&root);
    client.initialize(&root, false);

    // `records` is an async generator of another module: only the index knows.
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": consumer, "languageId": "python", "version": 1, "text": CONSUMER}}));
    assert_eq!(codes(&client.diagnostics(&consumer)), ["async-gen-aclosing"]);

    // `records` stops being a generator; once saved, the consumer is checked against the new index.
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": stream, "languageId": "python", "version": 1, "text": STREAM}}));
    assert_eq!(codes(&client.diagnostics(&stream)), Vec::<String>::new());
    let plain = "async def records(n):\n    return list(range(n))\n";
    client.notify("textDocument/didChange", json!({"textDocument": {"uri": stream, "version": 2}, "contentChanges": [{"text": plain}]}));
    std::fs::write(root.join("pkg/stream.py"), plain).unwrap();
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": stream}}));
    assert_eq!(codes(&client.diagnostics(&consumer)), Vec::<String>::new());

    // Changed on disk outside the editor (a `git checkout`), reported by the editor's watcher.
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": stream}}));
    assert_eq!(codes(&client.diagnostics(&stream)), Vec::<String>::new());
    std::fs::write(root.join("pkg/stream.py"), STREAM).unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": stream, "type": 2}]}));
    assert_eq!(codes(&client.diagnostics(&consumer)), ["async-gen-aclosing"]);
    assert_eq!(client.shutdown(), 0);
}

/// A file `pitfix check` would skip (an exclude of pitfix or Ruff) gets no diagnostics.
#[test]
fn excluded_files_are_not_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("pyproject.toml"), "[tool.pitfix]\nextend-exclude = [\"generated\"]\n[tool.ruff]\nextend-exclude = [\"vendored.py\"]\n").unwrap();
    let mut client = Client::start(&root);
    client.initialize(&root, false);
    for (name, expected) in [("generated/deep/m.py", 0), ("vendored.py", 0), ("src/m.py", 1)] {
        let uri = file_uri(&root.join(name));
        client.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": "x is 1\n"}}));
        assert_eq!(client.diagnostics(&uri)["diagnostics"].as_array().unwrap().len(), expected, "{name}");
    }
    assert_eq!(client.shutdown(), 0);
}
