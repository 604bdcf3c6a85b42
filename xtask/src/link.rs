//! The release wasm's linker: Rust's own `rust-lld`, run by xtask without the exports
//! of wasm-streams' three classes.
//!
//! leptos links `server_fn`, which links `wasm-streams`, whose `IntoUnderlyingSource`,
//! `IntoUnderlyingByteSource` and `IntoUnderlyingSink` are `#[wasm_bindgen]` classes:
//! rustc asks the linker to export their methods, so their code and the futures
//! machinery behind it stay. Nothing on this page creates one (it calls no server
//! function). Removing the exports later, in wasm-opt, is too late: the futures' vtables
//! are data by then, and the code they name stays in the function table (6.6 KB raw).
//! Unexported at link time, it all goes (3.5 KiB brotli with the glue's calls into it;
//! README, "Benchmark").

use std::{
    ffi::{OsStr, OsString},
    process::{Command, ExitCode},
};

/// Set in the wasm build's environment: xtask, run as the linker, links.
pub const AS_LINKER: &str = "VIZJOBS_XTASK_LINKER";

/// What names a wasm-streams class's export (its methods, `free` and descriptors).
const STREAM_EXPORT: &str = "intounderlying";

/// Runs `rust-lld` (rustc puts its folder on the linker's `PATH`) with `args` less the
/// stream classes' exports.
pub fn link(args: impl Iterator<Item = OsString>) -> ExitCode {
    let args = without_stream_exports(args);
    match Command::new("rust-lld").args(&args).status() {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("xtask (as the wasm linker): cannot run rust-lld: {e}");
            ExitCode::FAILURE
        }
    }
}

/// rustc's arguments for `rust-lld -flavor wasm`, with each `--export NAME` or
/// `--export=NAME` of a stream class left out; the flavor is added if rustc left it
/// out (it does when the linker's name says nothing of it).
fn without_stream_exports(args: impl Iterator<Item = OsString>) -> Vec<OsString> {
    let mut kept: Vec<OsString> = Vec::new();
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        if arg == "--export" {
            if args.next_if(|name| names_stream_class(name)).is_some() {
                continue;
            }
        } else if arg
            .to_str()
            .and_then(|a| a.strip_prefix("--export="))
            .is_some_and(|name| names_stream_class(OsStr::new(name)))
        {
            continue;
        }
        kept.push(arg);
    }
    if kept.first().is_none_or(|first| first != "-flavor") {
        kept.splice(0..0, ["-flavor".into(), "wasm".into()]);
    }
    kept
}

fn names_stream_class(name: &OsStr) -> bool {
    name.to_str()
        .is_some_and(|name| name.to_ascii_lowercase().contains(STREAM_EXPORT))
}

#[cfg(test)]
mod tests {
    use super::without_stream_exports;
    use std::ffi::OsString;

    fn filtered(args: &[&str]) -> Vec<String> {
        without_stream_exports(args.iter().map(OsString::from))
            .into_iter()
            .map(|a| a.into_string().unwrap())
            .collect()
    }

    #[test]
    fn the_stream_classes_exports_are_left_out_and_the_rest_kept_in_order() {
        let args = [
            "-flavor",
            "wasm",
            "--export",
            "main",
            "--export",
            "__wbg_intounderlyingsink_free_58a9338f50bce61c",
            "--export",
            "intounderlyingbytesource_autoAllocateChunkSize_58a9338f50bce61c",
            "--export",
            "__wbindgen_describe_intounderlyingsource_pull_58a9338f50bce61c",
            "--export=__heap_base",
            "--export=IntoUnderlyingSource_x",
            "--no-entry",
            "lib.rlib",
            "-o",
            "out.wasm",
        ];
        assert_eq!(
            filtered(&args),
            [
                "-flavor",
                "wasm",
                "--export",
                "main",
                "--export=__heap_base",
                "--no-entry",
                "lib.rlib",
                "-o",
                "out.wasm"
            ]
        );
    }

    #[test]
    fn the_flavor_is_added_when_missing() {
        assert_eq!(
            filtered(&["--export", "main", "-o", "a.wasm"]),
            ["-flavor", "wasm", "--export", "main", "-o", "a.wasm"]
        );
        assert_eq!(filtered(&[]), ["-flavor", "wasm"]);
    }

    #[test]
    fn a_trailing_export_flag_is_passed_on_for_the_linker_to_refuse() {
        assert_eq!(
            filtered(&["-flavor", "wasm", "--export"]),
            ["-flavor", "wasm", "--export"]
        );
    }
}
