//! What only Windows has: read-only attributes, files another program holds open, named pipes
//! and device names, symbolic links that need a privilege, drive letters and backslashes,
//! Chinese file names, CRLF site files, the profile's recovery folder and a console in code
//! page 936. These run in the Windows build (under wine in CI, see `.ci/run`); on other
//! systems this test binary is empty.
#![cfg(windows)]

use std::os::windows::fs::OpenOptionsExt;
use std::os::windows::io::AsRawHandle;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use sightline::model::{self, Site};

fn sightline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sightline"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run sightline")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn sample_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("sample_sites/{name}.site.json"))
}

fn sample(name: &str) -> Site {
    model::load(&sample_path(name)).expect("sample")
}

/// The temporary files (`.NAME.XXXXXX.tmp`) a failed or finished save may have left in `dir`.
/// (Wine's own `ReplaceFileW` leaves an empty `rfbNNN.tmp` of its own at each failed try;
/// Windows' does not. Those are wine's, not ours, and are not counted.)
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n.ends_with(".tmp"))
        .collect()
}

/// A temporary folder whose own name is Chinese, under the user's temporary folder (a path
/// with a drive letter and backslashes: `C:\users\…\Temp\…\平面 图`).
fn chinese_dir() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("平面 图");
    std::fs::create_dir(&dir).expect("dir");
    (tmp, dir)
}

#[test]
fn paths_are_windows_paths_with_drive_letters_and_chinese_names() {
    let (_tmp, dir) = chinese_dir();
    let s = dir.to_string_lossy().into_owned();
    assert!(
        s.as_bytes().get(1) == Some(&b':') && s.contains('\\'),
        "a drive-letter path: {s}"
    );
    // A CRLF copy of a sample, named in Chinese, checks exactly as the sample does.
    let original = std::fs::read_to_string(sample_path("hotel-mistakes")).expect("read");
    assert!(!original.contains('\r'));
    let crlf = dir.join("酒店 三楼.site.json");
    std::fs::write(&crlf, original.replace('\n', "\r\n")).expect("write");
    let a = sightline(&[
        "check",
        &sample_path("hotel-mistakes").to_string_lossy(),
        "--format",
        "json",
    ]);
    let b = sightline(&["check", &crlf.to_string_lossy(), "--format", "json"]);
    assert_eq!(a.status.code(), Some(1), "{}", text(&a.stderr));
    assert_eq!(b.status.code(), Some(1), "{}", text(&b.stderr));
    let findings = |o: &Output| -> serde_json::Value {
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        v["sites"][0]["findings"].clone()
    };
    assert_eq!(findings(&a), findings(&b));
    assert!(text(&b.stdout).contains("A13-PURPOSE"));
    // Saved back (with a Chinese name, through a path with backslashes) and read again.
    let site = model::load(&crlf).expect("load");
    let saved = dir.join("酒店 三楼 副本.site.json");
    model::save(&site, &saved).expect("save");
    assert_eq!(model::load(&saved).expect("reload").floors, site.floors);
    // An underlay given with backslashes, relative to the site, renders.
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sample_path("office")).expect("read"))
            .expect("json");
    std::fs::create_dir(dir.join("底图")).expect("dir");
    image::RgbImage::from_pixel(40, 30, image::Rgb([200, 10, 10]))
        .save(dir.join("底图").join("一层.png"))
        .expect("png");
    v["floors"][0]["underlay"] = serde_json::json!({
        "image": "底图\\一层.png", "origin": [0.0, 0.0], "metres_per_pixel": 0.5
    });
    let with_underlay = dir.join("办公室.site.json");
    std::fs::write(&with_underlay, v.to_string()).expect("write");
    let png = dir.join("办公室.png");
    let o = sightline(&[
        "render",
        &with_underlay.to_string_lossy(),
        "-o",
        &png.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        !text(&o.stderr).contains("underlay"),
        "the underlay was found: {}",
        text(&o.stderr)
    );
    assert!(std::fs::metadata(&png).expect("png").len() > 1000);
}

#[test]
fn a_read_only_site_stays_read_only_after_a_save() {
    let (_tmp, dir) = chinese_dir();
    let target = dir.join("只读.site.json");
    std::fs::write(&target, "old").expect("write");
    let mut perms = std::fs::metadata(&target).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&target, perms).expect("read-only");
    model::save(&sample("office"), &target).expect("save");
    assert!(std::fs::read_to_string(&target)
        .expect("read")
        .contains("Lumen Tech"));
    assert!(
        std::fs::metadata(&target)
            .expect("meta")
            .permissions()
            .readonly(),
        "the read-only attribute is kept"
    );
    assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
    let mut perms = std::fs::metadata(&target).expect("meta").permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&target, perms).expect("writable");
}

#[test]
fn a_site_open_in_another_program_is_retried_then_refused_and_left_as_it_was() {
    let (_tmp, dir) = chinese_dir();
    let target = dir.join("锁定.site.json");
    std::fs::write(&target, "old").expect("write");
    // Another program holds it open and lets others only read (no FILE_SHARE_DELETE or
    // FILE_SHARE_WRITE), as an editor or a sync client may.
    const FILE_SHARE_READ: u32 = 1;
    let held = std::fs::OpenOptions::new()
        .read(true)
        .share_mode(FILE_SHARE_READ)
        .open(&target)
        .expect("open");
    let err = model::save(&sample("office"), &target).expect_err("refused while held");
    let message = err.to_string();
    assert!(
        message.contains("open in another program") && message.contains("锁定.site.json"),
        "{message}"
    );
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "old");
    assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
    // Let go during the retries: the save goes through.
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(150));
        drop(held);
    });
    let site = sample("office");
    model::save(&site, &target).expect("saved once the other program let go");
    release.join().expect("join");
    assert!(std::fs::read_to_string(&target)
        .expect("read")
        .contains("Lumen Tech"));
    assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
    // A reader that shares delete (as most programs' readers do) does not stop a save.
    let reader = std::fs::File::open(&target).expect("open");
    model::save(&sample("gym"), &target).expect("save beside a reader");
    drop(reader);
}

#[test]
fn a_symlinked_site_is_written_through_its_link_where_windows_allows_links() {
    let (_tmp, dir) = chinese_dir();
    std::fs::create_dir(dir.join("真")).expect("dir");
    let real = dir.join("真").join("site.json");
    std::fs::write(&real, "old").expect("write");
    let link = dir.join("链接.site.json");
    if let Err(e) = std::os::windows::fs::symlink_file(Path::new("真\\site.json"), &link) {
        // Creating links needs developer mode or an administrator on Windows.
        eprintln!("symbolic links cannot be made here ({e}); the write-through is not tried");
        return;
    }
    if !std::fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink()) {
        // Wine 8's CreateSymbolicLinkW says it made the link and makes nothing.
        eprintln!(
            "this system reports a symbolic link it did not make; the write-through is not tried"
        );
        return;
    }
    model::save(&sample("office"), &link).expect("save");
    assert!(std::fs::symlink_metadata(&link)
        .expect("meta")
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&real)
        .expect("read")
        .contains("Lumen Tech"));
}

/// A named pipe nobody ever writes to, served by this process for as long as it lives.
fn named_pipe(name: &str) -> (String, windows_sys::Win32::Foundation::HANDLE) {
    use windows_sys::Win32::Storage::FileSystem::PIPE_ACCESS_DUPLEX;
    use windows_sys::Win32::System::Pipes::{CreateNamedPipeW, PIPE_TYPE_BYTE, PIPE_WAIT};
    let path = format!(r"\\.\pipe\sightline-{}-{name}", std::process::id());
    let wide: Vec<u16> = path.encode_utf16().chain(Some(0)).collect();
    // SAFETY: a NUL-terminated name; null security attributes are allowed.
    let handle = unsafe {
        CreateNamedPipeW(
            wide.as_ptr(),
            PIPE_ACCESS_DUPLEX,
            PIPE_TYPE_BYTE | PIPE_WAIT,
            4,
            4096,
            4096,
            0,
            std::ptr::null(),
        )
    };
    assert_ne!(
        handle,
        windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE,
        "pipe"
    );
    (path, handle)
}

#[test]
fn named_pipes_and_device_names_are_refused_without_waiting() {
    let (pipe, _handle) = named_pipe("site");
    // As a site: exit 2 and a message naming it.
    let o = sightline(&["check", &pipe]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains(&pipe) && err.contains("not a regular file") && err.contains("named pipe"),
        "{err}"
    );
    // As an underlay: a warning naming the floor and the file; the picture is still made.
    let (_tmp, dir) = chinese_dir();
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sample_path("office")).expect("read"))
            .expect("json");
    v["floors"][0]["underlay"] = serde_json::json!({
        "image": pipe, "origin": [0.0, 0.0], "metres_per_pixel": 0.05
    });
    let site = dir.join("s.site.json");
    std::fs::write(&site, v.to_string()).expect("write");
    let png = dir.join("s.png");
    let o = sightline(&[
        "render",
        &site.to_string_lossy(),
        "-o",
        &png.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("not a regular file"),
        "{}",
        text(&o.stderr)
    );
    assert!(png.is_file());
    // As a plan to import.
    let o = sightline(&[
        "import",
        &pipe,
        "-o",
        &dir.join("i.site.json").to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("not a regular file"),
        "{}",
        text(&o.stderr)
    );
    // As the place to save: nothing is opened or written.
    for target in [
        pipe.clone(),
        dir.join("nul.site.json").to_string_lossy().into_owned(),
    ] {
        let err = model::save(&sample("office"), Path::new(&target)).expect_err("refused");
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }
    let o = sightline(&["render", &site.to_string_lossy(), "-o", r"C:\con.png"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("not a regular file"),
        "{}",
        text(&o.stderr)
    );
    assert!(leftovers(&dir).is_empty());
}

#[cfg(feature = "gui")]
#[test]
fn recovery_copies_and_settings_live_in_the_profiles_app_data() {
    let appdata = std::env::var_os("APPDATA").expect("%APPDATA%");
    let storage = eframe::storage_dir("Sightline").expect("a storage folder");
    assert!(
        storage.starts_with(Path::new(&appdata).join("Sightline")),
        "{} is under %APPDATA%\\Sightline",
        storage.display()
    );
    // The recovery copy round-trips in a folder with a Chinese name (a user's profile may
    // have one: C:\Users\张伟\AppData\Roaming).
    let (_tmp, dir) = chinese_dir();
    let mut recovery = sightline::app::files::Recovery::in_dir(Some(dir.join("Sightline")));
    let original = dir.join("酒店.site.json");
    recovery
        .write(&sample("hotel"), Some(&original))
        .expect("recovery copy");
    let (copy, from) = recovery.found().expect("found");
    assert_eq!(from.as_deref(), Some(original.as_path()));
    assert_eq!(
        model::load(&copy).expect("load").floors,
        sample("hotel").floors
    );
    recovery.clear();
    assert!(recovery.found().is_none());
}

#[test]
fn piped_output_is_utf8() {
    let o = sightline(&[
        "check",
        &sample_path("hotel-mistakes").to_string_lossy(),
        "--lang",
        "zh",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).expect("UTF-8 when redirected");
    assert!(
        out.contains("违规") && out.contains("人脸识别技术应用安全管理办法"),
        "{out}"
    );
}

/// `sightline check --lang zh` run in a console whose output code page is 936 (GBK, as on a
/// Chinese Windows) reads correctly: what the console holds afterwards is the Chinese text.
#[test]
fn chinese_reads_correctly_in_a_gbk_console() {
    use windows_sys::Win32::System::Console::{
        AllocConsole, FreeConsole, GetConsoleOutputCP, GetConsoleScreenBufferInfo, GetStdHandle,
        ReadConsoleOutputCharacterW, SetConsoleOutputCP, SetStdHandle, CONSOLE_SCREEN_BUFFER_INFO,
        COORD, STD_ERROR_HANDLE, STD_OUTPUT_HANDLE,
    };
    // SAFETY: console calls without pointers, or with pointers to live locals below.
    unsafe {
        // The test harness keeps writing where it wrote (AllocConsole would point the standard
        // handles of this whole process at the new console).
        let (out, err) = (
            GetStdHandle(STD_OUTPUT_HANDLE),
            GetStdHandle(STD_ERROR_HANDLE),
        );
        FreeConsole();
        assert_ne!(AllocConsole(), 0, "a console");
        SetStdHandle(STD_OUTPUT_HANDLE, out);
        SetStdHandle(STD_ERROR_HANDLE, err);
        assert_ne!(SetConsoleOutputCP(936), 0, "code page 936");
        assert_eq!(GetConsoleOutputCP(), 936);
    }
    let console = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("CONOUT$")
        .expect("CONOUT$");
    let status = Command::new(env!("CARGO_BIN_EXE_sightline"))
        .args([
            "check",
            &sample_path("hotel-mistakes").to_string_lossy(),
            "--lang",
            "zh",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::from(console.try_clone().expect("clone")))
        .stderr(Stdio::null())
        .status()
        .expect("run");
    assert_eq!(status.code(), Some(1));
    // SAFETY: `info` and `chars` are live and as large as the lengths given.
    let shown = unsafe {
        let handle = console.as_raw_handle();
        let mut info: CONSOLE_SCREEN_BUFFER_INFO = std::mem::zeroed();
        assert_ne!(GetConsoleScreenBufferInfo(handle, &mut info), 0);
        let cells = info.dwSize.X as u32 * (info.dwCursorPosition.Y as u32 + 1);
        let mut chars = vec![0u16; cells as usize];
        let mut read = 0u32;
        assert_ne!(
            ReadConsoleOutputCharacterW(
                handle,
                chars.as_mut_ptr(),
                cells,
                COORD { X: 0, Y: 0 },
                &mut read
            ),
            0
        );
        chars.truncate(read as usize);
        String::from_utf16_lossy(&chars)
    };
    assert!(
        shown.contains("违规") && shown.contains("以人脸作为唯一身份验证方式"),
        "the console shows: {shown}"
    );
    assert!(
        !shown.contains('\u{fffd}') && !shown.contains("锟"),
        "{shown}"
    );
}
