//! What the compiler reports: a [`Diagnostic`] at a place in a file, and the one problem found before any
//! parsing, text that is not UTF-8.

use std::fmt;

use thiserror::Error;

use crate::frontmatter::{location_of, Location};

/// A problem an author must fix, at its place: `content/posts/tcp.md:3:8: date "2024-13-01" is not a date: …`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    pub path: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
}

impl Diagnostic {
    pub(crate) fn new(path: &str, at: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.to_string(),
            line: at.line,
            column: at.column,
            message: message.into(),
        }
    }
}

/// What starts the message of a warning: something the build worked around.
pub const WARNING: &str = "warning: ";

impl Diagnostic {
    /// A problem the build worked around (the post is published): `path:line:column: warning: …`.
    pub(crate) fn warning(path: &str, at: Location, message: impl AsRef<str>) -> Diagnostic {
        Diagnostic::new(path, at, format!("{WARNING}{}", message.as_ref()))
    }

    /// True for a warning, false for an error that stops the build.
    pub fn is_warning(&self) -> bool {
        self.message.starts_with(WARNING)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}
/// Why a file could not be read as text.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("the file is not UTF-8 text (byte 0x{byte:02X} here): save it as UTF-8")]
pub struct NotUtf8 {
    pub byte: u8,
    pub location: Location,
}

/// The file's text, or where its first byte that is not UTF-8 is.
pub fn decode(bytes: &[u8]) -> Result<&str, NotUtf8> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = e.valid_up_to();
        let prefix = std::str::from_utf8(bytes.get(..good).unwrap_or_default()).unwrap_or("");
        NotUtf8 {
            byte: bytes.get(good).copied().unwrap_or_default(),
            location: location_of(prefix, good),
        }
    })
}
