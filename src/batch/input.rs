//! Reading and writing articles without losing a byte: strict UTF-8 (or an explicit lossy mode),
//! the BOM set aside and put back, atomic in-place writes that keep permissions.
//!
//! Line endings need no handling: the passes never touch `\r` or `\n`, so CRLF and mixed
//! endings come out as they went in.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Error;

const BOM: &str = "\u{feff}";

/// A decoded text and whether it began with a byte-order mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub bom: bool,
}

impl Decoded {
    /// Puts the BOM back in front of a (cleaned) text.
    pub fn encode(&self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() + 3);
        if self.bom {
            out.extend_from_slice(BOM.as_bytes());
        }
        out.extend_from_slice(text.as_bytes());
        out
    }
}

/// Decodes bytes as UTF-8; with `lossy`, invalid sequences become U+FFFD instead of an error.
pub fn decode(path: &Path, bytes: Vec<u8>, lossy: bool) -> Result<Decoded, Error> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) if lossy => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        Err(e) => {
            return Err(Error::InvalidUtf8 {
                path: path.to_path_buf(),
                offset: e.utf8_error().valid_up_to(),
            });
        }
    };
    Ok(match text.strip_prefix(BOM) {
        Some(rest) => Decoded {
            text: rest.to_string(),
            bom: true,
        },
        None => Decoded { text, bom: false },
    })
}

pub fn read_file(path: &Path, lossy: bool) -> Result<Decoded, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    decode(path, bytes, lossy)
}

/// Replaces a file's contents atomically: a temporary file in the same directory, the original
/// permissions, owner and group copied onto it, synced, then renamed over the original. A crash
/// leaves either the old file or the new one. A symlink is followed (the file it names is
/// rewritten and the link kept); a device, pipe or socket is refused, never replaced.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let real = std::fs::canonicalize(path).map_err(io_error)?;
    let metadata = std::fs::metadata(&real).map_err(io_error)?;
    if !metadata.is_file() {
        // Renaming over a device or a pipe (`/dev/null`) would replace it with a plain file.
        return Err(io_error(not_regular()));
    }
    if metadata.permissions().readonly() {
        return Err(io_error(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "file is read-only; not rewritten",
        )));
    }
    write_atomic_like(&real, Some(&metadata), |out| {
        out.write_all(contents).map(|()| true)
    })
    .map(|_| ())
    .map_err(io_error)
}

/// The error for an input or output that is not a regular file (a FIFO, device or socket): it is
/// neither read (a FIFO would block) nor replaced.
pub fn not_regular() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        "not a regular file (a pipe, device or socket); refused",
    )
}

/// Writes `FILE+suffix` atomically from `original`, the bytes that were read (not what is on
/// disk now, which a second run may already have cleaned), with the file's permissions, owner
/// and group. A symlink planted at the backup's name is replaced, never written through.
pub fn write_backup(path: &Path, suffix: &str, original: &[u8]) -> Result<PathBuf, Error> {
    let mut backup = path.as_os_str().to_owned();
    backup.push(suffix);
    let backup = PathBuf::from(backup);
    let io_error = |source| Error::Io {
        path: backup.clone(),
        source,
    };
    if suffix.is_empty() || suffix.contains('/') {
        return Err(io_error(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the backup suffix must be non-empty and hold no `/`",
        )));
    }
    let metadata = std::fs::metadata(path).ok();
    write_atomic_like(&backup, metadata.as_ref(), |out| {
        out.write_all(original).map(|()| true)
    })
    .map_err(io_error)?;
    Ok(backup)
}

/// Writes an output file the user named (`report -o`, `--stats`): an existing regular file is
/// replaced atomically, keeping its permissions, owner and group; a new file is created with the
/// usual umask; a device or pipe (`/dev/stdout`) is written to, never replaced.
pub fn write_output(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let io_error = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_file() => {
            let real = std::fs::canonicalize(path).map_err(io_error)?;
            write_atomic_like(&real, Some(&metadata), |out| {
                out.write_all(contents).map(|()| true)
            })
            .map(|_| ())
            .map_err(io_error)
        }
        _ => std::fs::write(path, contents).map_err(io_error),
    }
}

/// Writes a file atomically (temporary file + rename), creating it if needed, with the given
/// permissions (or the temporary file's defaults).
pub fn write_atomic_with(
    path: &Path,
    contents: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> Result<(), Error> {
    write_atomic_streaming(path, permissions, |out| out.write_all(contents)).map_err(|source| {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    })
}

/// The one atomic write: `fill` streams into a temporary file beside `path` (buffered), which is
/// synced, given `permissions` (or the temporary file's defaults) and renamed over `path`.
pub fn write_atomic_streaming(
    path: &Path,
    permissions: Option<std::fs::Permissions>,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let temp = temp_beside(path)?;
    {
        let mut out = std::io::BufWriter::new(temp.as_file());
        fill(&mut out)?;
        out.flush()?;
    }
    temp.as_file().sync_all()?;
    if let Some(permissions) = permissions {
        std::fs::set_permissions(temp.path(), permissions)?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn temp_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    tempfile::Builder::new()
        .prefix(".mtclean-")
        .tempfile_in(dir)
}

/// An atomic write that takes permissions, owner and group from `like` (the file it replaces or
/// backs up; owner and group where the process may set them, as root may). `fill` says whether
/// the result is worth keeping: when it returns `false` the temporary file is dropped and `path`
/// is left as it was (an unchanged file keeps its inode and hard links). Returns whether `path`
/// was written.
pub fn write_atomic_like(
    path: &Path,
    like: Option<&std::fs::Metadata>,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<bool>,
) -> std::io::Result<bool> {
    let temp = temp_beside(path)?;
    let keep = {
        let mut out = std::io::BufWriter::new(temp.as_file());
        let keep = fill(&mut out)?;
        out.flush()?;
        keep
    };
    if !keep {
        return Ok(false);
    }
    temp.as_file().sync_all()?;
    if let Some(like) = like {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // Only root (or the owner, for a group it belongs to) may do this; otherwise the
            // file becomes the writer's, as with any editor.
            let _ = std::os::unix::fs::fchown(temp.as_file(), Some(like.uid()), Some(like.gid()));
        }
        std::fs::set_permissions(temp.path(), like.permissions())?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_decoding_names_the_byte_offset() {
        let err = decode(Path::new("a.txt"), b"ok \xff bad".to_vec(), false).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("a.txt") && message.contains("byte 3"),
            "{message}"
        );
        let lossy = decode(Path::new("a.txt"), b"ok \xff bad".to_vec(), true).unwrap();
        assert_eq!(lossy.text, "ok \u{fffd} bad");
    }

    #[test]
    fn bom_is_set_aside_and_restored() {
        let decoded = decode(
            Path::new("a"),
            "\u{feff}text\r\n".as_bytes().to_vec(),
            false,
        )
        .unwrap();
        assert!(decoded.bom);
        assert_eq!(decoded.text, "text\r\n");
        assert_eq!(decoded.encode("new\r\n"), "\u{feff}new\r\n".as_bytes());
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file left behind");
    }

    #[cfg(unix)]
    #[test]
    fn special_file_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("socket");
        let _listener = std::os::unix::net::UnixListener::bind(&path).unwrap();
        assert!(write_atomic(&path, b"new").is_err());
        assert!(!std::fs::metadata(&path).unwrap().is_file());
    }

    #[test]
    fn read_only_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "old").unwrap();
        let mut permissions = std::fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions).unwrap();
        assert!(write_atomic(&path, b"new").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    }
}
