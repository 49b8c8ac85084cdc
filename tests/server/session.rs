//! One editor session from `initialize` to `exit`: diagnostics, code actions, edits, a config
//! change and the fix-all command.
use std::time::Duration;

use serde_json::{Value, json};

use crate::client::{Client, apply_edits, cli_fixed, file_uri};

/// A trap after non-ASCII text (`é`: one UTF-16 unit; `🐍`: two) on CRLF lines, so that the
/// positions count UTF-16 units and `\r\n` line breaks.
const APP: &str = "# caf\u{e9} \u{2615}\r\nlabel = \"na\u{ef}ve \u{1f40d}\"; ok = label is \"x\"\r\n";

fn range(start: (u64, u64), end: (u64, u64)) -> Value {
    json!({"start": {"line": start.0, "character": start.1}, "end": {"line": end.0, "character": end.1}})
}

#[test]
fn a_session_from_initialize_to_exit() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("pyproject.toml"), "[project]\nname = \"demo\"\n").unwrap();
    std::fs::write(root.join("app.py"), APP).unwrap();
    let uri = file_uri(&root.join("app.py"));
    let mut client = Client::start(&root);

    let init = client.initialize(&root, true);
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["textDocumentSync"]["change"], 2, "{init}");
    assert_eq!(caps["textDocumentSync"]["save"], json!({"includeText": false}));
    assert_eq!(caps["codeActionProvider"]["codeActionKinds"], json!(["quickfix", "source.fixAll.pitfix"]));
    assert_eq!(caps["executeCommandProvider"]["commands"], json!(["pitfix.applyAutofix"]));
    // The editor offered to watch files: the server asks for its config and Python files.
    let registration = client.answer("client/registerCapability", Value::Null);
    let watchers = &registration["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert!(watchers.as_array().unwrap().iter().any(|w| w["globPattern"] == "**/pyproject.toml"), "{registration}");

    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": APP}}));
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 1);
    let diagnostics = published["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{published}");
    let diagnostic = &diagnostics[0];
    assert_eq!(diagnostic["code"], "is-literal");
    assert_eq!(diagnostic["source"], "pitfix");
    assert_eq!(diagnostic["severity"], 2);
    // `label is "x"`: 24 characters in, one of which (🐍) takes two UTF-16 units.
    assert_eq!(diagnostic["range"], range((1, 25), (1, 37)));
    assert!(diagnostic["message"].as_str().unwrap().contains("use `==`"), "{diagnostic}");
    let repository = env!("CARGO_PKG_REPOSITORY").trim_end_matches('/');
    if repository.is_empty() {
        assert!(diagnostic.get("codeDescription").is_none(), "{diagnostic}");
    } else {
        let href = format!("{repository}/blob/main/transforms/is-literal/README.md");
        assert_eq!(diagnostic["codeDescription"]["href"], href.as_str());
    }

    // The quick fix of the finding, and the source action that fixes everything.
    let id = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}}),
    );
    let actions = client.response(id)["result"].clone();
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 2, "{actions:?}");
    let quick = &actions[0];
    assert_eq!(quick["title"], "pitfix: fix is-literal");
    assert_eq!(quick["kind"], "quickfix");
    assert_eq!(quick["isPreferred"], true);
    assert_eq!(quick["diagnostics"][0]["code"], "is-literal");
    let edits = &quick["edit"]["changes"][&uri];
    assert_eq!(edits, &json!([{"range": range((1, 31), (1, 33)), "newText": "=="}]));
    let fixed = apply_edits(APP, edits);
    assert_eq!(fixed, APP.replace("label is", "label =="));
    let all = &actions[1];
    assert_eq!(all["title"], "Fix all pitfix problems");
    assert_eq!(all["kind"], "source.fixAll.pitfix");
    assert_eq!(apply_edits(APP, &all["edit"]["changes"][&uri]), cli_fixed(&root, "app.py", APP));

    // An editor fixing on save asks for `source.fixAll` only.
    let id = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range((0, 0), (0, 0)), "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let only = client.response(id)["result"].clone();
    assert_eq!(only.as_array().unwrap().len(), 1, "{only}");
    assert_eq!(only[0]["kind"], "source.fixAll.pitfix");

    // The user types the fix: the finding is gone.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": range((1, 31), (1, 33)), "text": "=="}]}),
    );
    let published = client.diagnostics(&uri);
    assert_eq!((published["version"].clone(), published["diagnostics"].clone()), (json!(2), json!([])));

    // And brings the trap back, twice (a second one on a new line).
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [
            {"range": range((1, 31), (1, 33)), "text": "is"},
            {"range": range((2, 0), (2, 0)), "text": "n = label is not 'y'\r\n"},
        ]}),
    );
    let published = client.diagnostics(&uri);
    assert_eq!(published["version"], 3);
    assert_eq!(published["diagnostics"].as_array().unwrap().len(), 2, "{published}");
    let text = format!("{APP}n = label is not 'y'\r\n");

    // `pitfix.applyAutofix`: the server sends the fix-all edit back as `workspace/applyEdit`.
    let id = client.request("workspace/executeCommand", json!({"command": "pitfix.applyAutofix", "arguments": [{"uri": uri, "version": 3}]}));
    let apply = client.answer("workspace/applyEdit", json!({"applied": true}));
    assert_eq!(apply["params"]["label"], "Fix all pitfix problems");
    let fixed = apply_edits(&text, &apply["params"]["edit"]["changes"][&uri]);
    assert_eq!(fixed, cli_fixed(&root, "app.py", &text));
    assert!(fixed.ends_with("ok = label == \"x\"\r\nn = label != 'y'\r\n"), "{fixed:?}");
    assert_eq!(client.response(id)["result"], Value::Null);

    // The project turns the transform off: the settings are reloaded and the document checked again.
    std::fs::write(root.join("pyproject.toml"), "[project]\nname = \"demo\"\n\n[tool.pitfix]\nignore = [\"is-literal\"]\n").unwrap();
    let config = file_uri(&root.join("pyproject.toml"));
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": config, "type": 2}]}));
    let published = client.diagnostics(&uri);
    assert_eq!((published["version"].clone(), published["diagnostics"].clone()), (json!(3), json!([])));
    let id = client.request("workspace/executeCommand", json!({"command": "pitfix.applyAutofix", "arguments": [uri]}));
    assert_eq!(client.response(id)["result"], Value::Null);
    let late = client.drain(Duration::from_millis(300));
    assert!(!late.iter().any(|m| m["method"] == "workspace/applyEdit"), "nothing left to fix: {late:?}");

    assert_eq!(client.shutdown(), 0);
}

/// A config file saved in the editor reloads the settings too.
#[test]
fn saving_a_config_document_reloads_the_settings() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let code = "def f(tags=[]):\n    return x is 1\n";
    let uri = file_uri(&root.join("m.py"));
    let mut client = Client::start(&root);
    client.initialize(&root, false);
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": code}}));
    let codes = |published: &Value| -> Vec<String> {
        published["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(codes(&client.diagnostics(&uri)), ["mutable-default", "is-literal"]);

    let config = root.join("pitfix.toml");
    let config_text = "select = [\"mutable-default\"]\n";
    std::fs::write(&config, config_text).unwrap();
    let config_uri = file_uri(&config);
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": config_uri, "languageId": "toml", "version": 1, "text": config_text}}));
    client.notify("textDocument/didSave", json!({"textDocument": {"uri": config_uri}}));
    assert_eq!(codes(&client.diagnostics(&uri)), ["mutable-default"]);
    // The config document itself is not Python: no diagnostics were published for it.
    let messages = client.drain(Duration::from_millis(300));
    assert!(!messages.iter().any(|m| m["params"]["uri"] == config_uri.as_str()), "{messages:?}");
    assert_eq!(client.shutdown(), 0);
}

/// An unsafe fix is offered as a quick fix, marked and not preferred; "Fix all" leaves it out
/// unless the project says `unsafe-fixes = true`, as `pitfix apply` does.
#[test]
fn unsafe_fixes_are_marked_and_fix_all_follows_the_settings() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let code = "class P:\n    def __init__(self, data):\n        self.header = memoryview(data)[:12]\n        self.ok = data is 1\n";
    let uri = file_uri(&root.join("m.py"));
    let mut client = Client::start(&root);
    client.initialize(&root, false);
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": code}}));
    assert_eq!(client.diagnostics(&uri)["diagnostics"].as_array().unwrap().len(), 2);
    let actions = |client: &mut Client| -> Vec<Value> {
        let id = client.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range((0, 0), (4, 0)), "context": {"diagnostics": []}}),
        );
        client.response(id)["result"].as_array().unwrap().clone()
    };
    let offered = actions(&mut client);
    let titles: Vec<&str> = offered.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["pitfix: fix memoryview-slice-kept (unsafe)", "pitfix: fix is-literal", "Fix all pitfix problems"]);
    assert!(offered[0].get("isPreferred").is_none(), "{:?}", offered[0]);
    assert_eq!(offered[1]["isPreferred"], true);
    let fixed = apply_edits(code, &offered[2]["edit"]["changes"][&uri]);
    assert!(fixed.contains("memoryview(data)[:12]\n") && fixed.contains("data == 1"), "{fixed}");
    assert_eq!(fixed, cli_fixed(&root, "m.py", code));

    std::fs::write(root.join("pitfix.toml"), "unsafe-fixes = true\n").unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": file_uri(&root.join("pitfix.toml")), "type": 1}]}));
    client.diagnostics(&uri);
    let offered = actions(&mut client);
    let fixed = apply_edits(code, &offered[2]["edit"]["changes"][&uri]);
    assert!(fixed.contains("bytes(memoryview(data)[:12])") && fixed.contains("data == 1"), "{fixed}");
    assert_eq!(fixed, cli_fixed(&root, "m.py", code));
    assert_eq!(client.shutdown(), 0);
}
