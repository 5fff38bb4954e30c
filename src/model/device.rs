//! Paths that name a device on Windows, not a file.
//!
//! Windows has no FIFOs or device files in folders; what a unix FIFO or `/dev/zero` is there,
//! is a path into the device namespace (`\\.\pipe\plans`, `\\.\COM1`) or a reserved DOS
//! device name, which names a device in *any* folder and with any extension (`NUL`,
//! `C:\plans\con.png`). Opening one may connect to somebody's pipe server and wait, or read a
//! device for ever, so Sightline never opens them: reading a site or an underlay, or saving,
//! through such a path gets a message instead. The test is on the text alone, so it runs (and
//! is tested) on every platform; only the Windows build calls it.

/// What kind of device a path names on Windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Device {
    /// A named pipe: `\\.\pipe\name`, `\\server\pipe\name`.
    NamedPipe,
    /// Any other device: `\\.\COM1`, `\\?\GLOBALROOT\…`, `NUL`, `CON.png`, `LPT1.site.json`.
    Other,
}

impl Device {
    /// The words for a message: "a named pipe" or "a device".
    pub fn words(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::Lang;
        match (self, lang) {
            (Device::NamedPipe, Lang::En) => "a named pipe",
            (Device::NamedPipe, Lang::Zh) => "命名管道",
            (Device::Other, Lang::En) => "a device",
            (Device::Other, Lang::Zh) => "设备",
        }
    }
}

/// The device a path names on Windows, if it names one.
///
/// ```
/// use sightline::model::device::{windows_device, Device};
/// assert_eq!(windows_device(r"\\.\pipe\plans"), Some(Device::NamedPipe));
/// assert_eq!(windows_device(r"\\files\pipe\plans"), Some(Device::NamedPipe));
/// assert_eq!(windows_device(r"\\.\COM3"), Some(Device::Other));
/// assert_eq!(windows_device(r"C:\plans\Con.png"), Some(Device::Other));
/// assert_eq!(windows_device("nul"), Some(Device::Other));
/// assert_eq!(windows_device(r"D:\sites\LPT1 .site.json"), Some(Device::Other));
/// // Files, including the device namespace's way of naming a drive.
/// assert_eq!(windows_device(r"C:\plans\console.png"), None);
/// assert_eq!(windows_device(r"\\.\C:\plans\hotel.site.json"), None);
/// assert_eq!(windows_device(r"\\?\C:\plans\com10.dwg"), None);
/// assert_eq!(windows_device(r"\\files\share\pipe.dwg"), None);
/// ```
pub fn windows_device(path: &str) -> Option<Device> {
    let parts: Vec<&str> = path.split(['\\', '/']).collect();
    // `\\X\Y\…` splits into "", "", X, Y, …
    if let ["", "", host, rest @ ..] = parts.as_slice() {
        let first = rest.first().copied().unwrap_or("");
        if first.eq_ignore_ascii_case("pipe") && rest.len() > 1 {
            return Some(Device::NamedPipe);
        }
        match *host {
            "." | "?" => {
                let drive = first.len() == 2
                    && first.ends_with(':')
                    && first.starts_with(|c: char| c.is_ascii_alphabetic());
                let unc = *host == "?" && first.eq_ignore_ascii_case("UNC");
                if !drive && !unc {
                    return Some(Device::Other);
                }
            }
            _ => {}
        }
    }
    let name = parts.last().copied().unwrap_or("");
    // A drive-relative name (`C:nul`) names the device too.
    let name = match name.split_once(':') {
        Some((drive, rest)) if drive.len() == 1 => rest,
        _ => name,
    };
    let stem = name.split('.').next().unwrap_or("").trim_end_matches(' ');
    reserved(stem).then_some(Device::Other)
}

/// Is this one of the names DOS reserved for devices (in any case)?
fn reserved(stem: &str) -> bool {
    let upper = stem.to_ascii_uppercase();
    match upper.as_str() {
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$" => true,
        _ => {
            let (head, digit) = upper.split_at(upper.len().min(3));
            (head == "COM" || head == "LPT")
                && digit.chars().count() == 1
                && digit
                    .chars()
                    .all(|c| c.is_ascii_digit() || "¹²³".contains(c))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{windows_device, Device};

    #[test]
    fn ports_with_superscripts_and_forward_slashes() {
        // Windows reserves COM¹–COM³ and LPT¹–LPT³ too (one char of two bytes).
        assert_eq!(windows_device("C:/plans/COM¹.png"), Some(Device::Other));
        assert_eq!(windows_device("C:/plans/lpt²"), Some(Device::Other));
        assert_eq!(windows_device("C:/plans/COM¹¹.png"), None);
        assert_eq!(windows_device("//./pipe/x"), Some(Device::NamedPipe));
        assert_eq!(windows_device("C:/x/com0.dxf"), Some(Device::Other));
        assert_eq!(windows_device("C:nul"), Some(Device::Other));
        assert_eq!(windows_device("C:/x/nullify.png"), None);
        assert_eq!(windows_device(""), None);
        assert_eq!(windows_device(r"\\"), None);
    }
}
