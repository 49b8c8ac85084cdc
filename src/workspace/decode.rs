//! Reading a Python file's bytes into text and writing text back in the file's own encoding:
//! UTF-8 with or without a BOM, or the encoding a PEP 263 coding cookie names.
use std::borrow::Cow;

use encoding_rs::Encoding;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How a file's bytes map to text, kept so the fixed text is written back the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextEncoding {
    Utf8 { bom: bool },
    /// ISO-8859-1: every byte is the code point of the same value.
    Latin1,
    Other(&'static Encoding),
}

/// Decodes a file; the error says why it is not Python text, for a message naming the file.
/// UTF-8 text is borrowed from `bytes`, not copied.
pub(crate) fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, TextEncoding), String> {
    if let Some(pos) = memchr::memchr(0, bytes) {
        let line = 1 + memchr::memchr_iter(b'\n', &bytes[..pos]).count();
        return Err(format!("line {line}: contains a NUL byte; not a Python source file"));
    }
    if let Some(rest) = bytes.strip_prefix(BOM) {
        return decode_utf8(rest).map(|t| (t, TextEncoding::Utf8 { bom: true }));
    }
    match coding_cookie(bytes) {
        None => decode_utf8(bytes).map(|t| (t, TextEncoding::Utf8 { bom: false })),
        Some(name) => decode_declared(bytes, &name),
    }
}

/// Encodes the text back into the bytes of the file's encoding.
pub(crate) fn encode(text: &str, encoding: TextEncoding) -> Result<Vec<u8>, String> {
    match encoding {
        TextEncoding::Utf8 { bom } => {
            let mut out = Vec::with_capacity(text.len() + 3);
            if bom {
                out.extend_from_slice(BOM);
            }
            out.extend_from_slice(text.as_bytes());
            Ok(out)
        }
        TextEncoding::Latin1 => text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).map_err(|_| format!("{c:?} cannot be written in latin-1")))
            .collect(),
        TextEncoding::Other(enc) => {
            let (bytes, _, had_errors) = enc.encode(text);
            if had_errors {
                return Err(format!("the fixed text cannot be written in {}", enc.name()));
            }
            Ok(bytes.into_owned())
        }
    }
}

fn decode_utf8(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|e| {
        let at = e.valid_up_to();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        format!("line {line}: invalid UTF-8 (byte offset {at}) and no coding cookie declares another encoding")
    })
}

fn decode_declared<'b>(bytes: &'b [u8], name: &str) -> Result<(Cow<'b, str>, TextEncoding), String> {
    let normalized = name.to_ascii_lowercase().replace('_', "-");
    match normalized.as_str() {
        "utf-8" | "utf8" | "utf-8-sig" => {
            decode_utf8(bytes).map(|t| (t, TextEncoding::Utf8 { bom: false }))
        }
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" | "iso-latin-1" | "8859" => {
            Ok((Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()), TextEncoding::Latin1))
        }
        _ => {
            let enc = Encoding::for_label(normalized.as_bytes())
                .ok_or_else(|| format!("unknown encoding `{name}` in the coding cookie"))?;
            let text = enc
                .decode_without_bom_handling_and_without_replacement(bytes)
                .ok_or_else(|| format!("bytes that are not valid {} (declared by the coding cookie)", enc.name()))?;
            // Only accept encodings that give back the very same bytes, so that untouched parts of
            // the file stay byte-for-byte as they were.
            let encoding = TextEncoding::Other(enc);
            if encode(&text, encoding).as_deref() != Ok(bytes) {
                return Err(format!("{} text that would not be written back unchanged", enc.name()));
            }
            Ok((text, encoding))
        }
    }
}

/// The encoding named by a PEP 263 cookie on the first or second line (the second only when the
/// first is a comment or blank, as CPython's tokenizer reads it).
fn coding_cookie(bytes: &[u8]) -> Option<String> {
    let mut lines = bytes.split(|&b| b == b'\n');
    let first = lines.next()?;
    if let Some(name) = cookie_in_line(first) {
        return Some(name);
    }
    let trimmed = first.iter().skip_while(|b| matches!(b, b' ' | b'\t' | b'\x0c' | b'\r')).next();
    if matches!(trimmed, None | Some(b'#')) {
        return lines.next().and_then(cookie_in_line);
    }
    None
}

fn cookie_in_line(line: &[u8]) -> Option<String> {
    let line = std::str::from_utf8(line).ok().or_else(|| {
        // A latin-1 comment line may hold non-UTF-8 bytes after the cookie; read its ASCII prefix.
        let end = line.iter().position(|b| !b.is_ascii()).unwrap_or(line.len());
        std::str::from_utf8(&line[..end]).ok()
    })?;
    let comment = line.trim_start_matches([' ', '\t', '\x0c']).strip_prefix('#')?;
    let at = comment.find("coding")?;
    let rest = comment[at + "coding".len()..].strip_prefix([':', '='])?;
    let name: String = rest
        .trim_start_matches([' ', '\t'])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_round_trips() {
        let bytes = b"\xEF\xBB\xBFx = 1\r\n";
        let (text, enc) = decode(bytes).unwrap();
        assert_eq!(text, "x = 1\r\n");
        assert_eq!(encode(&text, enc).unwrap(), bytes);
    }

    #[test]
    fn latin1_cookie_round_trips() {
        let bytes = b"# -*- coding: latin-1 -*-\ns = '\xe9t\xe9'\n";
        let (text, enc) = decode(bytes).unwrap();
        assert_eq!(enc, TextEncoding::Latin1);
        assert!(text.contains("\u{e9}t\u{e9}"));
        assert_eq!(encode(&text, enc).unwrap(), bytes);
    }

    #[test]
    fn cookie_on_second_line_after_shebang() {
        let bytes = b"#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\nx = '\x80'\n";
        let (text, enc) = decode(bytes).unwrap();
        assert!(matches!(enc, TextEncoding::Other(_)));
        assert!(text.contains('\u{20ac}'));
    }

    #[test]
    fn cookie_on_second_line_ignored_after_code() {
        assert_eq!(coding_cookie(b"x = 1\n# coding: latin-1\n"), None);
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let err = decode(b"x = 1\ny = '\xff'\n").unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
    }

    #[test]
    fn nul_byte_is_rejected() {
        assert!(decode(b"\x00\x01binary").is_err());
    }
}
