//! What a transform is, as data: its id, summary, fix safety and options. A leaf module, so that
//! settings, the engine, the outputs and the transforms all read it without depending on each
//! other.

/// What kind of fix a transform offers, for `pitfix rules` and the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FixSafety {
    Safe,
    /// Safe in some shapes and unsafe in others; the README says which.
    Mixed,
    /// Reported only: no automatic fix.
    None,
    /// Every fix can change behaviour: applied only with `--unsafe-fixes`.
    Unsafe,
}

impl FixSafety {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            FixSafety::Safe => "safe",
            FixSafety::Mixed => "mixed",
            FixSafety::None => "none",
            FixSafety::Unsafe => "unsafe",
        }
    }
}

/// A transform's description.
#[derive(Debug)]
pub(crate) struct Rule {
    /// Kebab-case id, as used by `--select`, suppression comments and `transforms/<id>/`.
    pub(crate) id: &'static str,
    pub(crate) summary: &'static str,
    pub(crate) fix_safety: FixSafety,
    pub(crate) default_enabled: bool,
    /// Ruff/flake8 codes whose `# noqa: CODE` also silences this transform.
    pub(crate) noqa_codes: &'static [&'static str],
    /// Keys accepted in the `[tool.pitfix.<id>]` table.
    pub(crate) options: &'static [&'static str],
    /// Checks the values of the `[tool.pitfix.<id>]` table (its keys are already known to be
    /// among `options`); the error says what is wrong with which key.
    pub(crate) validate_options: fn(&toml::Table) -> Result<(), String>,
    /// Whether the transform reads the project index (other files' definitions); the engine
    /// builds it only when a selected transform does.
    pub(crate) uses_project_index: bool,
}

/// `validate_options` of a transform whose options need no check beyond their names.
pub(crate) fn any_options(_options: &toml::Table) -> Result<(), String> {
    Ok(())
}
