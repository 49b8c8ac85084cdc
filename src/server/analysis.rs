//! Running the engine on an open document: its findings, and its text with every fix applied.
//! Never a panic into the server: the work runs on a stack sized to the text, and a panic in a
//! transform becomes an error message about that document.
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::engine::FileSettings;
use crate::engine::checker::Finding;
use crate::engine::document::{check_text, fix_text};
use crate::engine::stack;
use crate::server::documents::Document;
use crate::server::project::{DocumentSettings, Project};

/// What checking a document gave.
pub(crate) enum Checked {
    Findings(Vec<Finding>),
    /// It does not parse (the editor is mid-edit): no findings, and nothing to tell the user.
    Unparsable,
    /// Its settings cannot be read, or the engine failed: a message for the user.
    Failed(String),
}

pub(crate) fn check(doc: &Document, project: &Project) -> Checked {
    let settings = match project.settings_for(doc.path.as_deref()) {
        Ok(settings) => settings,
        Err(e) => return Checked::Failed(settings_problem(doc, &e)),
    };
    let file = file_settings(&settings, project, doc);
    match guarded(&doc.text, || check_text(&doc.text, &file)) {
        Ok(Ok(findings)) => Checked::Findings(findings),
        Ok(Err(_syntax)) => Checked::Unparsable,
        Err(why) => Checked::Failed(format!("{}: {why}", doc.name())),
    }
}

/// The document's text with every fix `pitfix apply` would apply (the safe ones, and the
/// unsafe ones too when the settings say `unsafe-fixes = true`); `None` when nothing changes.
pub(crate) fn fix_all(doc: &Document, project: &Project) -> Result<Option<String>, String> {
    let settings = project
        .settings_for(doc.path.as_deref())
        .map_err(|e| settings_problem(doc, &e))?;
    let file = file_settings(&settings, project, doc);
    let name = doc.name();
    guarded(&doc.text, || fix_text(&name, &doc.text, &file, settings.settings.unsafe_fixes)).map_err(|why| format!("{name}: {why}"))?
}

/// Names the document's folder rather than the document: the files of a folder share their
/// settings, and the user is told once.
fn settings_problem(doc: &Document, error: &anyhow::Error) -> String {
    let folder = doc.path.as_deref().and_then(|p| p.parent()).map_or_else(|| doc.name(), |p| p.display().to_string());
    format!("pitfix: the settings of {folder} cannot be read: {error:#}")
}

fn file_settings<'a>(settings: &'a DocumentSettings, project: &'a Project, doc: &Document) -> FileSettings<'a> {
    FileSettings {
        transforms: &settings.transforms,
        target_version: settings.settings.target_version,
        is_stub: doc.is_stub(),
        options: &settings.settings.options,
        project: Some(project.index()),
        module: settings.module.as_ref(),
    }
}

/// Runs `work` on a stack deep enough for `text`, turning a panic into an error.
pub(crate) fn guarded<T: Send>(text: &str, work: impl FnOnce() -> T + Send) -> Result<T, String> {
    stack::with_stack(stack::stack_needed(text.as_bytes()), || {
        catch_unwind(AssertUnwindSafe(work)).map_err(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            format!("internal error, please report it: {what}")
        })
    })?
}
