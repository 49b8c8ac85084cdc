//! `check --output-format github` (workflow commands, with GitHub's escaping) and
//! `--output-format sarif` (SARIF 2.1.0, checked against the schema's required and allowed
//! properties, and its fixes replayed against `apply`).
mod common;

use serde_json::Value;

use common::{IS_MSG, IS_NOT_MSG, Project};

const TWO_FINDINGS: &str = "x = 1\nif x is 1000 or y is not 'a':\n    pass\n";

// ---------------------------------------------------------------------------------------------
// github

#[test]
fn github_format_prints_one_workflow_command_per_finding() {
    let p = Project::new();
    p.write("pkg/a.py", TWO_FINDINGS);
    let run = p.run(&["check", "--output-format", "github"]);
    run.code(1);
    assert_eq!(
        run.out(),
        format!(
            "::warning file=pkg/a.py,line=2,endLine=2,col=4,endColumn=13,title=is-literal::{IS_MSG} (fix available: `pitfix apply`)\n\
             ::warning file=pkg/a.py,line=2,endLine=2,col=17,endColumn=29,title=is-literal::{IS_NOT_MSG} (fix available: `pitfix apply`)\n"
        )
    );
    assert_eq!(run.stderr, "Found 2 problems (2 fixable with `pitfix apply`).\n");
}

#[test]
fn github_format_escapes_properties_and_messages() {
    let p = Project::new();
    // A file name with every character a workflow command treats specially.
    let name = "odd,name:50%\r\nx.py";
    p.write(name, "if y is 1000:\n    pass\n");
    let run = p.run(&["check", "--output-format", "github", name]);
    run.code(1);
    let out = run.out();
    assert_eq!(out.lines().count(), 1, "one command, on one line: {out:?}");
    assert!(
        out.starts_with("::warning file=odd%2Cname%3A50%25%0D%0Ax.py,line=1,endLine=1,col=4,endColumn=13,title=is-literal::"),
        "{out:?}"
    );
}

#[test]
fn github_format_with_no_findings_prints_nothing() {
    let p = Project::new();
    p.write("a.py", "x = 1\n");
    let run = p.run(&["check", "--output-format", "github"]);
    run.code(0);
    assert_eq!(run.out(), "");
}

// ---------------------------------------------------------------------------------------------
// sarif

/// For each SARIF object pitfix writes: the properties the 2.1.0 schema requires, and the ones
/// it allows (`additionalProperties: false`).
fn schema(kind: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        "log" => (&["version", "runs"], &["$schema", "version", "runs", "inlineExternalProperties", "properties"]),
        "run" => (&["tool"], &["tool", "results", "columnKind", "invocations", "artifacts", "originalUriBaseIds", "properties"]),
        "tool" => (&["driver"], &["driver", "extensions", "properties"]),
        "toolComponent" => (
            &["name"],
            &["name", "version", "semanticVersion", "informationUri", "rules", "fullName", "organization", "properties"],
        ),
        "reportingDescriptor" => (
            &["id"],
            &["id", "name", "shortDescription", "fullDescription", "help", "helpUri", "defaultConfiguration", "properties"],
        ),
        "multiformatMessageString" => (&["text"], &["text", "markdown", "properties"]),
        "reportingConfiguration" => (&[], &["enabled", "level", "rank", "parameters", "properties"]),
        "result" => (
            &["message"],
            &["ruleId", "ruleIndex", "rule", "kind", "level", "message", "locations", "fixes", "properties"],
        ),
        "message" => (&[], &["text", "markdown", "id", "arguments", "properties"]),
        "location" => (&[], &["id", "physicalLocation", "logicalLocations", "message", "properties"]),
        "physicalLocation" => (&[], &["address", "artifactLocation", "region", "contextRegion", "properties"]),
        "artifactLocation" => (&[], &["uri", "uriBaseId", "index", "description", "properties"]),
        "region" => (
            &[],
            &["startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength", "byteOffset", "byteLength", "snippet", "message", "sourceLanguage", "properties"],
        ),
        "fix" => (&["artifactChanges"], &["description", "artifactChanges", "properties"]),
        "artifactChange" => (&["artifactLocation", "replacements"], &["artifactLocation", "replacements", "properties"]),
        "replacement" => (&["deletedRegion"], &["deletedRegion", "insertedContent", "properties"]),
        "artifactContent" => (&[], &["text", "binary", "rendered", "properties"]),
        other => panic!("no schema entry for {other}"),
    }
}

/// Checks an object's properties against `schema(kind)`.
fn object<'a>(value: &'a Value, kind: &str) -> &'a serde_json::Map<String, Value> {
    let map = value.as_object().unwrap_or_else(|| panic!("{kind} must be an object: {value}"));
    let (required, allowed) = schema(kind);
    for key in required {
        assert!(map.contains_key(*key), "{kind} lacks required `{key}`: {value}");
    }
    for key in map.keys() {
        assert!(allowed.contains(&key.as_str()), "{kind} has `{key}`, which the schema does not allow");
    }
    map
}

fn array<'a>(value: &'a Value, what: &str, min: usize) -> &'a Vec<Value> {
    let items = value.as_array().unwrap_or_else(|| panic!("{what} must be an array"));
    assert!(items.len() >= min, "{what} needs at least {min} item(s)");
    items
}

fn positive(value: &Value, what: &str) {
    assert!(value.as_u64().is_some_and(|n| n >= 1), "{what} must be an integer >= 1: {value}");
}

fn validate_region(value: &Value) {
    let region = object(value, "region");
    for key in ["startLine", "startColumn", "endLine", "endColumn"] {
        positive(&region[key], key);
    }
}

fn validate_artifact_location(value: &Value) {
    let location = object(value, "artifactLocation");
    assert!(location["uri"].as_str().is_some_and(|u| !u.is_empty() && !u.contains(' ')), "uri: {value}");
}

/// Validates the whole log and returns its run.
fn validate(log: &Value) -> &Value {
    let root = object(log, "log");
    assert_eq!(root["version"], "2.1.0");
    assert!(root["$schema"].as_str().is_some_and(|s| s.ends_with("sarif-schema-2.1.0.json")));
    let runs = array(&root["runs"], "runs", 1);
    let run = object(&runs[0], "run");
    assert!(["utf16CodeUnits", "unicodeCodePoints"].contains(&run["columnKind"].as_str().unwrap()));
    let driver = object(&object(&run["tool"], "tool")["driver"], "toolComponent");
    let rules = array(&driver["rules"], "rules", 1);
    for rule in rules {
        let rule = object(rule, "reportingDescriptor");
        for key in ["shortDescription", "fullDescription", "help"] {
            let text = object(&rule[key], "multiformatMessageString");
            assert!(text["text"].as_str().is_some_and(|t| !t.is_empty()), "{key}");
        }
        let level = object(&rule["defaultConfiguration"], "reportingConfiguration")["level"].as_str();
        assert!(["none", "note", "warning", "error"].contains(&level.unwrap()));
    }
    for result in array(&run["results"], "results", 0) {
        validate_result(result, rules);
    }
    &runs[0]
}

fn validate_result(value: &Value, rules: &[Value]) {
    let result = object(value, "result");
    let message = object(&result["message"], "message");
    assert!(message.contains_key("text") || message.contains_key("id"), "message needs text or id");
    let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
    assert_eq!(rules[index]["id"], result["ruleId"], "ruleIndex points at the rule");
    for location in array(&result["locations"], "locations", 1) {
        let physical = object(&object(location, "location")["physicalLocation"], "physicalLocation");
        validate_artifact_location(&physical["artifactLocation"]);
        validate_region(&physical["region"]);
    }
    for fix in result.get("fixes").map(|f| array(f, "fixes", 0)).into_iter().flatten() {
        let fix = object(fix, "fix");
        object(&fix["description"], "message");
        for change in array(&fix["artifactChanges"], "artifactChanges", 1) {
            let change = object(change, "artifactChange");
            validate_artifact_location(&change["artifactLocation"]);
            for replacement in array(&change["replacements"], "replacements", 1) {
                let replacement = object(replacement, "replacement");
                validate_region(&replacement["deletedRegion"]);
                if let Some(content) = replacement.get("insertedContent") {
                    object(content, "artifactContent");
                }
            }
        }
    }
}

fn sarif(p: &Project, args: &[&str]) -> Value {
    let mut all = vec!["check", "--output-format", "sarif"];
    all.extend(args);
    let run = p.run(&all);
    serde_json::from_slice(&run.stdout).expect("SARIF is JSON")
}

#[test]
fn sarif_log_has_the_required_structure_rules_and_results() {
    let p = Project::new();
    p.write("pkg/a.py", TWO_FINDINGS);
    p.write("b.py", "def f(tags=[]):\n    tags.append(1)\n    return len(tags)\n");
    let run = p.run(&["check", "--output-format", "sarif"]);
    run.code(1);
    let log: Value = serde_json::from_slice(&run.stdout).expect("SARIF is JSON");
    let run_value = validate(&log);

    let driver = &run_value["tool"]["driver"];
    assert_eq!(driver["name"], "pitfix");
    let ids: Vec<&str> = driver["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"is-literal") && ids.contains(&"mutable-default"), "{ids:?}");
    let rule = driver["rules"].as_array().unwrap().iter().find(|r| r["id"] == "is-literal").unwrap();
    assert!(rule["help"]["markdown"].as_str().unwrap().contains("## Why"), "help is the README");
    assert!(rule["fullDescription"]["text"].as_str().unwrap().starts_with("`is` asks whether"));

    let results = run_value["results"].as_array().unwrap();
    let summary: Vec<(String, String, u64)> = results
        .iter()
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"];
            (
                r["ruleId"].as_str().unwrap().to_owned(),
                location["artifactLocation"]["uri"].as_str().unwrap().to_owned(),
                location["region"]["startLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("mutable-default".to_owned(), "b.py".to_owned(), 1),
            ("is-literal".to_owned(), "pkg/a.py".to_owned(), 2),
            ("is-literal".to_owned(), "pkg/a.py".to_owned(), 2),
        ]
    );
    let first = &results[1];
    assert_eq!(first["message"]["text"], IS_MSG);
    assert_eq!(first["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(
        first["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({ "startLine": 2, "startColumn": 4, "endLine": 2, "endColumn": 13 })
    );
    assert_eq!(
        first["fixes"][0]["artifactChanges"][0]["replacements"],
        serde_json::json!([{ "deletedRegion": { "startLine": 2, "startColumn": 6, "endLine": 2, "endColumn": 8 }, "insertedContent": { "text": "==" } }])
    );
    assert_eq!(results[2]["message"]["text"], IS_NOT_MSG);
}

#[test]
fn sarif_with_no_findings_is_a_valid_log_with_no_results() {
    let p = Project::new();
    p.write("a.py", "x = 1\n");
    let log = sarif(&p, &[]);
    let run = validate(&log);
    assert_eq!(run["results"], serde_json::json!([]));
}

/// Applies a result's replacements (1-based lines, columns in characters, end exclusive).
fn replay(text: &str, results: &[Value]) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let offset = |line: u64, column: u64| -> usize {
        let before: usize = lines[..line as usize - 1].iter().map(|l| l.len()).sum();
        let line_text = lines.get(line as usize - 1).copied().unwrap_or("");
        before + line_text.char_indices().nth(column as usize - 1).map_or(line_text.len(), |(i, _)| i)
    };
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for result in results {
        for change in result["fixes"][0]["artifactChanges"].as_array().unwrap() {
            for r in change["replacements"].as_array().unwrap() {
                let d = &r["deletedRegion"];
                let start = offset(d["startLine"].as_u64().unwrap(), d["startColumn"].as_u64().unwrap());
                let end = offset(d["endLine"].as_u64().unwrap(), d["endColumn"].as_u64().unwrap());
                let inserted = r["insertedContent"]["text"].as_str().unwrap_or("").to_owned();
                edits.push((start, end, inserted));
            }
        }
    }
    edits.sort_by_key(|e| std::cmp::Reverse((e.0, e.1)));
    let mut out = text.to_owned();
    for (start, end, inserted) in edits {
        out.replace_range(start..end, &inserted);
    }
    out
}

#[test]
fn sarif_fixes_give_the_same_text_as_apply() {
    let p = Project::new();
    let source = "def f(tags=[], n=1):\n    \"\"\"Doc é.\"\"\"\n    tags.append(n)\n    return len(tags)\n\nok = 'é' is 'é' and f() is not 0\n";
    p.write("a.py", source);
    let log = sarif(&p, &[]);
    let results = validate(&log)["results"].as_array().unwrap().clone();
    assert_eq!(results.len(), 3);
    let replayed = replay(source, &results);
    p.run(&["apply"]).code(0);
    assert_eq!(replayed, p.read_string("a.py"));
}
