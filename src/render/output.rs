//! Where output goes: stdout, or a file written to a temporary name beside it and renamed into
//! place, so a reader never sees a half-written report and a failed run leaves the old file whole.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

use crate::error::Error;

/// Temporary files of live [`AtomicFile`]s: removed by the SIGINT/SIGTERM handler before the
/// process exits, so an interrupted run leaves the old output whole and no temporary file behind.
static LIVE_TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static HANDLER: Once = Once::new();

/// Exit status after SIGINT (128 + 2), as shells report it.
pub const EXIT_INTERRUPTED: i32 = 130;

fn install_cleanup_handler() {
    HANDLER.call_once(|| {
        // Fails only when the program installed its own handler first: then cleanup is its job.
        let _ = ctrlc::set_handler(|| {
            if let Ok(live) = LIVE_TEMPS.lock() {
                for p in live.iter() {
                    if p.is_dir() {
                        let _ = fs::remove_dir_all(p);
                    } else {
                        let _ = fs::remove_file(p);
                    }
                }
            }
            eprintln!("dealtrack: interrupted");
            std::process::exit(EXIT_INTERRUPTED);
        });
    });
}

/// Removes `p` (a temporary file or directory) if the run is interrupted before
/// [`release_temp`]; for writers other than [`AtomicFile`], such as a report's directory.
pub fn guard_temp(p: &Path) {
    install_cleanup_handler();
    register(p);
}

/// `p` was renamed into place or removed: an interruption must no longer touch it.
pub fn release_temp(p: &Path) {
    unregister(p);
}

fn register(p: &Path) {
    if let Ok(mut live) = LIVE_TEMPS.lock() {
        live.push(p.to_path_buf());
    }
}

fn unregister(p: &Path) {
    if let Ok(mut live) = LIVE_TEMPS.lock() {
        live.retain(|q| q != p);
    }
}

/// A file being written atomically. Nothing appears at `path` until [`AtomicFile::commit`].
pub struct AtomicFile {
    path: PathBuf,
    tmp: Option<tempfile::NamedTempFile>,
}

impl AtomicFile {
    pub fn create(path: &Path) -> Result<Self, Error> {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(|e| Error::io(path, e))?;
        install_cleanup_handler();
        register(tmp.path());
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp: Some(tmp),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes to disk and renames into place.
    pub fn commit(mut self) -> Result<(), Error> {
        let tmp = self.tmp.take().expect("committed once");
        let tmp_path = tmp.path().to_path_buf();
        let _guard = Unregister(tmp_path);
        tmp.as_file()
            .sync_all()
            .map_err(|e| Error::io(&self.path, e))?;
        tmp.persist(&self.path)
            .map_err(|e| Error::io(&self.path, e.error))?;
        Ok(())
    }
}

struct Unregister(PathBuf);

impl Drop for Unregister {
    fn drop(&mut self) {
        unregister(&self.0);
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Some(tmp) = &self.tmp {
            unregister(tmp.path());
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.tmp.as_mut().expect("not committed").write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.tmp.as_mut().expect("not committed").flush()
    }
}

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes).map_err(|e| Error::io(path, e))?;
    f.commit()
}

/// Runs `fill` against stdout (buffered) or an atomic file at `path`.
pub fn with_output<F>(path: Option<&Path>, fill: F) -> anyhow::Result<()>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    match path {
        None => {
            let stdout = io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            fill(&mut w)?;
            w.flush()?;
        }
        // A device or FIFO (`-o /dev/stdout`, `-o /dev/full`) is written in place: renaming a
        // temporary file over it would replace the device node.
        Some(p) if fs::metadata(p).is_ok_and(|m| !m.is_file() && !m.is_dir()) => {
            let f = fs::OpenOptions::new()
                .write(true)
                .open(p)
                .map_err(|e| Error::io(p, e))?;
            let mut w = BufWriter::new(f);
            fill(&mut w).map_err(|e| Error::io(p, e))?;
            w.flush().map_err(|e| Error::io(p, e))?;
        }
        Some(p) => {
            let mut f = AtomicFile::create(p)?;
            {
                let mut w = BufWriter::new(&mut f);
                fill(&mut w).map_err(|e| Error::io(p, e))?;
                w.flush().map_err(|e| Error::io(p, e))?;
            }
            f.commit()?;
        }
    }
    Ok(())
}

/// Creates a directory and its parents, naming it in the error.
pub fn ensure_dir(dir: &Path) -> Result<(), Error> {
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_appears_until_commit_and_old_file_survives_a_drop() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.csv");
        fs::write(&p, "old").unwrap();
        {
            let mut f = AtomicFile::create(&p).unwrap();
            f.write_all(b"new, half-written").unwrap();
            // dropped without commit: a failed run
        }
        assert_eq!(fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "temp file removed"
        );
        write_atomic(&p, b"new").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "new");
    }
}
