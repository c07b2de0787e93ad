//! Errors and exit codes. Every error names the file (and where it can, the byte or line) it is about.
//!
//! Exit codes: 0 success; 1 `check` found a contradicted total; 2 an error (bad input, unreadable
//! file, unwritable output). A closed pipe on stdout (`dealtrack … | head`) is not an error: exit 0.

use std::io;
use std::path::PathBuf;

pub const EXIT_OK: i32 = 0;
pub const EXIT_MISMATCH: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {err}")]
    Io { path: PathBuf, err: io::Error },
    #[error("{path}: invalid UTF-8 at byte {offset}")]
    InvalidUtf8 { path: PathBuf, offset: usize },
    #[error("{path}:{line}: {message}")]
    BadLine {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    BadInput { path: PathBuf, message: String },
    /// A bug met while analysing one article (a caught panic): that article is skipped.
    #[error("{article}: internal error, article skipped: {message}")]
    Internal { article: String, message: String },
    #[error("{0}")]
    Usage(String),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Io {
            path: path.into(),
            err: source,
        }
    }
    pub fn bad(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::BadInput {
            path: path.into(),
            message: message.into(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// True when an error chain bottoms out in a closed pipe.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    fn csv_pipe(ce: &csv::Error) -> bool {
        matches!(ce.kind(), csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::BrokenPipe)
    }
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>().is_some_and(|io| {
            io.kind() == io::ErrorKind::BrokenPipe
                // csv turns its errors into `io::Error`s of kind Other that hold the csv error.
                || io
                    .get_ref()
                    .and_then(|inner| inner.downcast_ref::<csv::Error>())
                    .is_some_and(csv_pipe)
        }) || e.downcast_ref::<Error>().is_some_and(
            |de| matches!(de, Error::Io { err, .. } if err.kind() == io::ErrorKind::BrokenPipe),
        ) || e.downcast_ref::<csv::Error>().is_some_and(csv_pipe)
    })
}
