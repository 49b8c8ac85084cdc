//! `check --output-format sarif`: a SARIF 2.1.0 log for GitHub code scanning and other viewers,
//! with every transform as a rule (its README as help) and each finding's fix as replacements.
use std::io::{self, Write};

use serde::Serialize;

use crate::edits::fix::Applicability;
use crate::engine::{LocatedEdit, LocatedFinding};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::transforms;

const SCHEMA: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    /// Columns count characters, as in the text and JSON formats (SARIF's default is UTF-16).
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct RuleProperties {
    fix_safety: &'static str,
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    /// Relative paths are relative to the checked folder, which GitHub takes as the checkout.
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix {
    description: Text,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    /// Absent for a pure deletion, as SARIF specifies.
    #[serde(skip_serializing_if = "Option::is_none")]
    inserted_content: Option<Text>,
}

/// Writes the findings as one SARIF run.
pub(crate) fn write(out: &mut impl Write, findings: &[(&str, &LocatedFinding)]) -> io::Result<()> {
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool { driver: driver() },
            column_kind: "unicodeCodePoints",
            results: findings.iter().map(|(path, f)| result(path, f)).collect(),
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn driver() -> Driver {
    let version = env!("CARGO_PKG_VERSION");
    let rules = transforms::ALL.iter().map(|t| rule(t.rule())).collect();
    Driver { name: "pitfix", version, semantic_version: version, rules }
}

fn rule(rule: &'static crate::rules::Rule) -> Rule {
    let readme = transforms::readme(rule.id).unwrap_or(rule.summary);
    Rule {
        id: rule.id,
        short_description: Text { text: rule.summary.to_owned() },
        full_description: Text { text: crate::output::docs::why_of(rule.id) },
        help: Help { text: readme.to_owned(), markdown: readme.to_owned() },
        default_configuration: Configuration { level: "warning" },
        properties: RuleProperties { fix_safety: rule.fix_safety.as_str(), tags: vec!["python", "correctness"] },
    }
}

fn result<'a>(path: &str, f: &'a LocatedFinding) -> SarifResult<'a> {
    let artifact = artifact(path);
    let fixes = match f.fix {
        Some(applicability) if !f.edits.is_empty() => vec![fix(&artifact, applicability, &f.edits)],
        _ => Vec::new(),
    };
    SarifResult {
        rule_id: f.rule,
        rule_index: transforms::ALL.iter().position(|t| t.rule().id == f.rule),
        level: "warning",
        message: Text { text: f.message.clone() },
        locations: vec![Location {
            physical_location: PhysicalLocation { artifact_location: artifact, region: region(f.start, f.end) },
        }],
        fixes,
    }
}

fn fix(artifact: &ArtifactLocation, applicability: Applicability, edits: &[LocatedEdit]) -> Fix {
    let description = match applicability {
        Applicability::Safe => "pitfix's fix (safe: `pitfix apply`)",
        Applicability::Unsafe => "pitfix's fix (unsafe: `pitfix apply --unsafe-fixes`)",
    };
    let replacements = edits
        .iter()
        .map(|e| Replacement {
            deleted_region: region(e.start, e.end),
            inserted_content: (!e.content.is_empty()).then(|| Text { text: e.content.clone() }),
        })
        .collect();
    Fix {
        description: Text { text: description.to_owned() },
        artifact_changes: vec![ArtifactChange { artifact_location: artifact.clone(), replacements }],
    }
}

fn region(start: (usize, usize), end: (usize, usize)) -> Region {
    Region { start_line: start.0, start_column: start.1, end_line: end.0, end_column: end.1 }
}

/// A relative path becomes a relative URI against `%SRCROOT%`; an absolute one a `file://` URI.
fn artifact(path: &str) -> ArtifactLocation {
    if path.starts_with('/') {
        ArtifactLocation { uri: format!("file://{}", percent_encode(path)), uri_base_id: None }
    } else {
        ArtifactLocation { uri: percent_encode(path), uri_base_id: Some("%SRCROOT%") }
    }
}

/// Every byte but the URI's unreserved characters and `/` is percent-encoded.
const PATH: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'/');

fn percent_encode(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(artifact("pkg/a b.py").uri, "pkg/a%20b.py");
        assert_eq!(artifact("/x/é.py").uri, "file:///x/%C3%A9.py");
        assert_eq!(artifact("/x/a.py").uri_base_id, None);
    }
}
