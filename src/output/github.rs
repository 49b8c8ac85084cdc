//! `check --output-format github`: one GitHub Actions workflow command per finding, which the
//! runner turns into an annotation on the line in the pull request's Files view.
use std::io::{self, Write};

use crate::edits::fix::Applicability;
use crate::engine::LocatedFinding;

/// Writes `::warning file=…,line=…,endLine=…,col=…,endColumn=…,title=<id>::<message>` lines.
pub(crate) fn write(out: &mut impl Write, findings: &[(&str, &LocatedFinding)]) -> io::Result<()> {
    for (path, f) in findings {
        let hint = match f.fix {
            Some(Applicability::Safe) => " (fix available: `pitfix apply`)",
            Some(Applicability::Unsafe) => " (unsafe fix available: `pitfix apply --unsafe-fixes`)",
            None => "",
        };
        writeln!(
            out,
            "::warning file={},line={},endLine={},col={},endColumn={},title={}::{}",
            property(path),
            f.start.0,
            f.end.0,
            f.start.1,
            f.end.1,
            property(f.rule),
            data(&format!("{}{hint}", f.message)),
        )?;
    }
    Ok(())
}

/// Escapes a command's message: the runner reads `%`, CR and LF as the end of the command or as
/// escapes, so they are written `%25`, `%0D` and `%0A`.
pub(crate) fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value: as `data`, plus `:` and `,`, which end a value.
pub(crate) fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
