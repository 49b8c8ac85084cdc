//! Findings as the protocol's diagnostics: the transform id as the code, a link to its README,
//! `pitfix` as the source, positions in UTF-16 units.
use lsp_types::{CodeDescription, Diagnostic, DiagnosticSeverity, NumberOrString, Uri};

use crate::engine::checker::Finding;
use crate::server::position::Lines;

pub(crate) const SOURCE: &str = "pitfix";

pub(crate) fn diagnostic(finding: &Finding, lines: &Lines) -> Diagnostic {
    Diagnostic {
        range: lines.range(finding.range),
        severity: Some(DiagnosticSeverity::WARNING),
        code: Some(NumberOrString::String(finding.rule.id.to_owned())),
        code_description: readme_link(finding.rule.id).map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_owned()),
        message: finding.message.clone(),
        ..Diagnostic::default()
    }
}

/// The transform's README in the repository `Cargo.toml` names (none when it names none).
pub(crate) fn readme_link(id: &str) -> Option<Uri> {
    let repository = env!("CARGO_PKG_REPOSITORY").trim_end_matches('/');
    if repository.is_empty() {
        return None;
    }
    format!("{repository}/blob/main/transforms/{id}/README.md").parse().ok()
}
