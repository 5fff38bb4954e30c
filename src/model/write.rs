//! Writing files safely: sites, pictures, reports and recovery copies all go through
//! [`write_atomically_with`].
//!
//! - The bytes go to a temporary file with a random name, created exclusively (never through
//!   an existing name or a planted link) in the target's own folder, then synced and renamed
//!   over the target, so a crash or a full disk never leaves half a file.
//! - A target that is a symbolic link is written *through*: the link stays and the file it
//!   points to is replaced (a symlinked site keeps receiving the user's saves).
//! - An existing target keeps its permissions (a 0600 file stays 0600); a new one gets the
//!   usual permissions for a new file (0666 less the umask).
//! - Anything that is not a regular file (a folder, a device, a FIFO, a socket) is refused.
//!
//! On Windows the same promises hold by Windows' own means: the temporary file replaces an
//! existing target through `ReplaceFileW`, which keeps the target's attributes (read-only
//! included), ACL and creation time, as keeping the mode does on unix; a target another
//! program holds open is retried for about a second and then refused with a message, leaving
//! it as it was; named pipes and device names (`\\.\pipe\x`, `NUL`, `con.png`) are refused
//! before anything is opened (see [`crate::model::device`]).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How many symbolic links are followed before giving up (as the kernel does).
const MAX_LINKS: usize = 40;

/// The file a write to `path` really lands in: `path` itself, or the end of its chain of
/// symbolic links (which may not exist yet).
pub fn real_target(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            Ok(_) => return Ok(p),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(p),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links in a row"
    )))
}

/// Writes a file atomically and safely (see the module doc) with the bytes `write` produces.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    #[cfg(windows)]
    if let Some(device) = super::device::windows_device(&path.to_string_lossy()) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is not a regular file ({}); nothing is written to it",
                path.display(),
                device.words(crate::i18n::Lang::En)
            ),
        ));
    }
    let target = real_target(path)?;
    let existing = match std::fs::metadata(&target) {
        Ok(m) if m.is_file() => Some(m),
        Ok(m) => {
            let what = if m.is_dir() {
                "a folder"
            } else {
                "not a regular file"
            };
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is {what}; it is left as it is", target.display()),
            ));
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_owned());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A new file gets 0666 less the umask, as any program's new file would.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(&dir)?;
    {
        let mut out = io::BufWriter::new(tmp.as_file());
        write(&mut out)?;
        out.flush()?;
    }
    tmp.as_file().sync_all()?;
    platform::replace(tmp, &target, existing.as_ref(), &dir)
}

#[cfg(not(windows))]
mod platform {
    use std::io;
    use std::path::Path;

    /// Puts the finished temporary file in the target's place, with the target's permissions.
    pub fn replace(
        tmp: tempfile::NamedTempFile,
        target: &Path,
        existing: Option<&std::fs::Metadata>,
        dir: &Path,
    ) -> io::Result<()> {
        if let Some(m) = existing {
            tmp.as_file().set_permissions(m.permissions())?;
        }
        tmp.persist(target).map_err(|e| e.error)?;
        // Make the rename itself durable.
        #[cfg(unix)]
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        #[cfg(not(unix))]
        let _ = dir;
        Ok(())
    }
}

#[cfg(windows)]
mod platform {
    use std::io;
    use std::os::windows::ffi::OsStrExt;
    use std::path::Path;
    use std::time::Duration;
    use windows_sys::Win32::Storage::FileSystem::{
        GetFileAttributesW, ReplaceFileW, SetFileAttributesW, FILE_ATTRIBUTE_READONLY,
        INVALID_FILE_ATTRIBUTES, REPLACEFILE_IGNORE_ACL_ERRORS, REPLACEFILE_IGNORE_MERGE_ERRORS,
    };

    /// How long to wait between tries while another program (a virus scanner, an editor, a
    /// file-sync client) holds the target open: about 1.2 s in all.
    const WAITS_MS: [u64; 7] = [10, 20, 40, 80, 160, 320, 500];

    /// Errors another program's open handle causes, which go away when it lets go: access
    /// denied, sharing and lock violations, and `ReplaceFileW`'s own "could not remove/move".
    fn transient(e: &io::Error) -> bool {
        matches!(e.raw_os_error(), Some(5 | 32 | 33 | 1175 | 1176))
    }

    fn retry(mut attempt: impl FnMut() -> io::Result<()>) -> io::Result<()> {
        let mut waits = WAITS_MS.iter();
        loop {
            match attempt() {
                Err(e) if transient(&e) => match waits.next() {
                    Some(ms) => std::thread::sleep(Duration::from_millis(*ms)),
                    None => return Err(e),
                },
                other => return other,
            }
        }
    }

    fn wide(p: &Path) -> Vec<u16> {
        p.as_os_str().encode_wide().chain(Some(0)).collect()
    }

    /// Puts the finished temporary file in the target's place, keeping the target's
    /// attributes, ACL and creation time; the temporary file is removed if that fails.
    pub fn replace(
        tmp: tempfile::NamedTempFile,
        target: &Path,
        existing: Option<&std::fs::Metadata>,
        _dir: &Path,
    ) -> io::Result<()> {
        // Close our handle: ReplaceFileW moves the file by name.
        let tmp = tmp.into_temp_path();
        if existing.is_none() {
            let mut tmp = Some(tmp);
            return retry(|| {
                let Some(t) = tmp.take() else {
                    return Err(io::Error::other("the temporary file is gone"));
                };
                t.persist(target).map_err(|e| {
                    tmp = Some(e.path);
                    e.error
                })
            })
            .map_err(|e| busy(e, target));
        }
        let (to, from) = (wide(target), wide(&tmp));
        // SAFETY: `to` and `from` are NUL-terminated wide strings that outlive the calls; the
        // optional pointers are null, which the calls accept.
        let attributes = unsafe { GetFileAttributesW(to.as_ptr()) };
        let read_only =
            attributes != INVALID_FILE_ATTRIBUTES && attributes & FILE_ATTRIBUTE_READONLY != 0;
        if read_only {
            // SAFETY: as above.
            unsafe { SetFileAttributesW(to.as_ptr(), attributes & !FILE_ATTRIBUTE_READONLY) };
        }
        let result = retry(|| {
            // SAFETY: as above.
            let ok = unsafe {
                ReplaceFileW(
                    to.as_ptr(),
                    from.as_ptr(),
                    std::ptr::null(),
                    REPLACEFILE_IGNORE_MERGE_ERRORS | REPLACEFILE_IGNORE_ACL_ERRORS,
                    std::ptr::null(),
                    std::ptr::null(),
                )
            };
            if ok != 0 {
                Ok(())
            } else {
                Err(io::Error::last_os_error())
            }
        });
        if read_only {
            // SAFETY: as above.
            unsafe { SetFileAttributesW(to.as_ptr(), attributes) };
        }
        match result {
            Ok(()) => {
                // The temporary name is the target's now; nothing is left to remove.
                let _ = tmp.keep();
                Ok(())
            }
            // Dropping `tmp` removes the temporary file.
            Err(e) => Err(busy(e, target)),
        }
    }

    /// Says what to do when the target stays locked.
    fn busy(e: io::Error, target: &Path) -> io::Error {
        if !transient(&e) {
            return e;
        }
        io::Error::new(
            e.kind(),
            format!(
                "{} could not be replaced: it is open in another program ({e}); \
                 close it there and save again. The file is left as it was",
                target.display()
            ),
        )
    }
}

/// Writes `bytes` to `path` atomically and safely (see the module doc).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically_with(path, |w| w.write_all(bytes))
}
