//! The console the command line writes to.
//!
//! On Windows `sightline.exe` is a GUI program, so that no console window opens when it is
//! started from Explorer. Run from cmd.exe or PowerShell it has no console of its own: it
//! attaches to the one it was started from, so that `sightline check …` prints there. Output
//! redirected to a file or a pipe keeps the handles it was given (and stays UTF-8). Elsewhere
//! there is nothing to do.

/// Attaches to the parent's console when standard output goes nowhere (Windows only).
#[cfg(windows)]
pub fn attach() {
    use windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE;
    use windows_sys::Win32::System::Console::{
        AttachConsole, GetStdHandle, ATTACH_PARENT_PROCESS, STD_OUTPUT_HANDLE,
    };
    // SAFETY: plain Win32 calls without pointers; a failed attach leaves output where it was.
    unsafe {
        let out = GetStdHandle(STD_OUTPUT_HANDLE);
        if out.is_null() || out == INVALID_HANDLE_VALUE {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}

/// Attaches to the parent's console when standard output goes nowhere (Windows only).
#[cfg(not(windows))]
pub fn attach() {}
