//! The oldest Python version the checked code must run on.
use clap::ValueEnum;

/// A Python 3 minor version pitfix knows; `--target-version` and `target-version` name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ValueEnum, Default)]
pub(crate) enum TargetVersion {
    Py38,
    Py39,
    #[default]
    Py310,
    Py311,
    Py312,
    Py313,
    Py314,
}

impl TargetVersion {
    pub(crate) fn minor(self) -> u8 {
        match self {
            TargetVersion::Py38 => 8,
            TargetVersion::Py39 => 9,
            TargetVersion::Py310 => 10,
            TargetVersion::Py311 => 11,
            TargetVersion::Py312 => 12,
            TargetVersion::Py313 => 13,
            TargetVersion::Py314 => 14,
        }
    }

    /// The supported version for `3.<minor>`, clamped to the range pitfix knows.
    pub(crate) fn from_minor(minor: u32) -> Self {
        let all = TargetVersion::value_variants();
        all.iter().copied().find(|v| u32::from(v.minor()) >= minor).unwrap_or(TargetVersion::Py314)
    }

    pub(crate) fn parse(name: &str) -> Option<Self> {
        TargetVersion::from_str(name, true).ok()
    }
}

