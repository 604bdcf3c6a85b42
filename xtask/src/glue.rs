//! Four trims of what wasm-bindgen writes, each done only when the files look exactly
//! as expected (else they are left as they are, and the build says so), with the
//! `integrity` in `index.html` rewritten to match:
//!
//! - the three JS classes for wasm-streams' `IntoUnderlying*` types (leptos →
//!   server_fn → wasm-streams): the console never makes one, and the release wasm no
//!   longer has the exports they call (xtask links it without them: `link.rs`);
//! - the import names: each is a JS function's name and a 16-digit hash
//!   (`__wbg_addEventListener_3b3eaf5cb3d6e1b5`), written in the wasm's import section
//!   and again as a key of the glue's import object. ~170 of them, random hex mostly,
//!   were 4 KB of the brotli total; each becomes a short name in both files;
//! - the closure shims' export names, long Rust type paths with crates' hashes, written
//!   in the wasm and twice or more in the glue (0.15 KiB brotli);
//! - `initSync` and the init function's warning about deprecated arguments: Trunk's
//!   loader calls the init function once, with `{module_or_path}` (0.12 KiB brotli).

use std::{fs, path::Path};

use crate::{build::sri, run::Result, wasm};

const CLASSES: [&str; 3] = [
    "IntoUnderlyingByteSource",
    "IntoUnderlyingSink",
    "IntoUnderlyingSource",
];

/// Applies the trims to `dist/`'s glue and wasm (read once, written once), and
/// rewrites their integrities in `index.html`.
pub fn trim(dist: &Path) -> Result<()> {
    let index_path = dist.join("index.html");
    let index = fs::read_to_string(&index_path).map_err(|e| e.to_string())?;
    let (Some(glue_file), Some(wasm_file)) = (dist_file(&index, ".js"), dist_file(&index, ".wasm"))
    else {
        return Err("dist/index.html does not name the glue and the wasm".into());
    };
    let (glue_path, wasm_path) = (dist.join(glue_file), dist.join(wasm_file));
    let glue = fs::read_to_string(&glue_path).map_err(|e| e.to_string())?;
    let wasm_bytes = fs::read(&wasm_path).map_err(|e| e.to_string())?;
    let lean_glue = without_stream_classes(&glue).unwrap_or_else(|| {
        println!("  note: the glue's stream classes were not found as expected; left as is");
        glue.clone()
    });
    let lean_glue = without_unused_entry(&lean_glue).unwrap_or_else(|| {
        println!("  note: the glue's initSync was not found as expected; left as is");
        lean_glue.clone()
    });
    let (short_glue, short_wasm, renamed) = shorten(&lean_glue, &wasm_bytes).unwrap_or_else(|| {
        println!("  note: the wasm's imports could not be read; their names are left as they are");
        (lean_glue.clone(), wasm_bytes.clone(), 0)
    });
    let (short_glue, short_wasm, exports_renamed) = shorten_exports(&short_glue, &short_wasm)
        .unwrap_or_else(|| {
            println!(
                "  note: the wasm's exports could not be read; their names are left as they are"
            );
            (short_glue.clone(), short_wasm.clone(), 0)
        });
    let digests = [
        (sri(glue.as_bytes()), sri(short_glue.as_bytes())),
        (sri(&wasm_bytes), sri(&short_wasm)),
    ];
    if let Some((old, _)) = digests
        .iter()
        .find(|(old, _)| !index.contains(old.as_str()))
    {
        return Err(format!("dist/index.html has no integrity {old}"));
    }
    let new_index = digests
        .iter()
        .fold(index.clone(), |index, (old, new)| index.replace(old, new));
    fs::write(&glue_path, &short_glue).map_err(|e| e.to_string())?;
    fs::write(&wasm_path, &short_wasm).map_err(|e| e.to_string())?;
    fs::write(&index_path, new_index).map_err(|e| e.to_string())?;
    println!(
        "  glue trimmed: stream classes {}, {renamed} import and {exports_renamed} export names \
         shortened; \
         dist/{glue_file} {} -> {}, dist/{wasm_file} {} -> {} bytes",
        if lean_glue.len() < glue.len() {
            "dropped"
        } else {
            "kept"
        },
        glue.len(),
        short_glue.len(),
        wasm_bytes.len(),
        short_wasm.len()
    );
    Ok(())
}

/// The glue and the wasm with short import names, and how many were renamed. A name
/// is renamed only where the glue holds it exactly once, as a key (`name:`).
fn shorten(glue: &str, wasm_bytes: &[u8]) -> Option<(String, Vec<u8>, usize)> {
    let mut short_glue = glue.to_string();
    let mut renamed = 0;
    let short_wasm = wasm::rename_imports(wasm_bytes, |_, name| {
        let key = format!("{name}:");
        if glue.matches(name).count() != 1 || !glue.contains(&key) {
            return name.to_string();
        }
        let short = short_name(renamed);
        renamed += 1;
        short_glue = short_glue.replacen(&key, &format!("{short}:"), 1);
        short
    })?;
    Some((short_glue, short_wasm, renamed))
}

/// The glue and the wasm with short names for the closure shims wasm-bindgen exports.
/// Each is named after its Rust types with their crates' hashes
/// (`wasm_bindgen_12a3a5db797ff8b5___convert__closures_____invoke___…`, up to 300
/// characters) and written in the wasm's export section, as the name of the glue's JS
/// function that calls it and as that call's `wasm.` property. Each becomes `$0`, `$1`
/// … wherever the glue holds it as a whole identifier (never inside a longer one; some
/// are the start of another), and in the export section.
fn shorten_exports(glue: &str, wasm_bytes: &[u8]) -> Option<(String, Vec<u8>, usize)> {
    let mut short_glue = glue.to_string();
    let mut renamed = 0;
    let short_wasm = wasm::rename_exports(wasm_bytes, |name| {
        if !(name.starts_with("wasm_bindgen_") && name.contains("closures")) {
            return name.to_string();
        }
        let short = format!("${renamed}");
        if has_identifier(&short_glue, &short) {
            return name.to_string();
        }
        match replace_identifier(&short_glue, name, &short) {
            Some(glue) => {
                short_glue = glue;
                renamed += 1;
                short
            }
            None => name.to_string(),
        }
    })?;
    Some((short_glue, short_wasm, renamed))
}

/// `text` with each whole-identifier `name` replaced by `with`; `None` if there is none.
fn replace_identifier(text: &str, name: &str, with: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut found = false;
    while let Some(at) = rest.find(name) {
        let before = rest[..at].chars().last().or_else(|| out.chars().last());
        let after = rest[at + name.len()..].chars().next();
        out.push_str(&rest[..at]);
        if before.is_some_and(is_identifier_char) || after.is_some_and(is_identifier_char) {
            out.push_str(name);
        } else {
            out.push_str(with);
            found = true;
        }
        rest = &rest[at + name.len()..];
    }
    out.push_str(rest);
    found.then_some(out)
}

fn has_identifier(text: &str, name: &str) -> bool {
    replace_identifier(text, name, "").is_some()
}

fn is_identifier_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

/// `a` … `z`, `A` … `Z`, then `aa`, `ab` …: letters only, so a valid JS key.
fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8; 52] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[n % 52]);
        n /= 52;
        if n == 0 {
            break;
        }
        n -= 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// The file the page names `vizjobs-<hash>…` ending in `extension`: the glue is
/// `vizjobs-<hash>.js`, the wasm `vizjobs-<hash>_bg.wasm`.
fn dist_file<'a>(index: &'a str, extension: &str) -> Option<&'a str> {
    index.match_indices("vizjobs-").find_map(|(start, _)| {
        let len = index[start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
            .count();
        let name = &index[start..start + len];
        name.ends_with(extension).then_some(name)
    })
}

/// The glue without the classes, their dispose hooks and their finalization
/// registries; `None` unless every one of those is found exactly once.
fn without_stream_classes(glue: &str) -> Option<String> {
    let mut out = glue.to_string();
    for class in CLASSES {
        let start = once(&out, &format!("export class {class}{{"))?;
        let end = start + block_len(&out[start..])?;
        out.replace_range(start..end, "");
        let dispose =
            format!("Symbol.dispose&&({class}.prototype[Symbol.dispose]={class}.prototype.free);");
        replace_once(&mut out, &dispose, "")?;
        let registry = format!(
            ",{class}Finalization=\"u\"<typeof FinalizationRegistry?\
             {{register:()=>{{}},unregister:()=>{{}}}}:\
             new FinalizationRegistry(e=>wasm.__wbg_{}_free(e,1))",
            class.to_ascii_lowercase()
        );
        replace_once(&mut out, &registry, "")?;
    }
    (!out.contains("IntoUnderlying")).then_some(out)
}

/// What [`without_unused_entry`] replaces, as wasm-bindgen 0.2.130 writes it once
/// minified: `initSync` (instantiating from bytes already at hand, which the page never
/// has), its name in the exports, and the init function's check for a bare path or
/// module (an argument form wasm-bindgen calls deprecated; the loader passes an object).
const UNUSED_ENTRY: [(&str, &str); 3] = [
    (
        "function initSync(e){if(void 0!==wasm)return wasm;void 0!==e&&(Object.getPrototypeOf(e)\
         ===Object.prototype?{module:e}=e:console.warn(\"using deprecated parameters for \
         `initSync()`; pass a single object instead\"));let n=__wbg_get_imports();return e \
         instanceof WebAssembly.Module||(e=new WebAssembly.Module(e)),__wbg_finalize_init(new \
         WebAssembly.Instance(e,n),e);}",
        "",
    ),
    (
        "export{initSync,__wbg_init as default};",
        "export{__wbg_init as default};",
    ),
    (
        "void 0!==e&&(Object.getPrototypeOf(e)===Object.prototype?{module_or_path:e}=e:\
         console.warn(\"using deprecated parameters for the initialization function; pass a \
         single object instead\")),",
        "void 0!==e&&({module_or_path:e}=e),",
    ),
];

/// The glue without `initSync` and the init function's deprecated-argument warning;
/// `None` unless each of [`UNUSED_ENTRY`] is found exactly once.
fn without_unused_entry(glue: &str) -> Option<String> {
    let mut out = glue.to_string();
    for (old, new) in UNUSED_ENTRY {
        replace_once(&mut out, old, new)?;
    }
    (!out.contains("initSync")).then_some(out)
}

/// Where `needle` is, if it occurs exactly once.
fn once(haystack: &str, needle: &str) -> Option<usize> {
    let at = haystack.find(needle)?;
    haystack[at + 1..].find(needle).is_none().then_some(at)
}

/// Replaces `old` in `text` with `new` if it occurs exactly once; `None` (and `text`
/// as it was) otherwise.
fn replace_once(text: &mut String, old: &str, new: &str) -> Option<()> {
    let at = once(text, old)?;
    text.replace_range(at..at + old.len(), new);
    Some(())
}

/// The length of the text up to the `}` that closes the first `{`. The class bodies
/// hold no string, comment or regular expression (checked: none of `"'`/\``), so
/// counting braces is exact for them.
fn block_len(text: &str) -> Option<usize> {
    let open = text.find('{')?;
    let mut depth = 0_usize;
    for (i, c) in text.char_indices().skip_while(|&(i, _)| i < open) {
        match c {
            '"' | '\'' | '`' | '/' => return None,
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(name: &str) -> String {
        format!(
            "export class {name}{{__destroy_into_raw(){{let e=this.__wbg_ptr;return this.__wbg_ptr=0,\
             {name}Finalization.unregister(this),e;}}free(){{let e=this.__destroy_into_raw();\
             wasm.__wbg_{low}_free(e,0);}}}}Symbol.dispose&&({name}.prototype[Symbol.dispose]={name}.prototype.free);",
            low = name.to_ascii_lowercase()
        )
    }

    fn registry(name: &str) -> String {
        format!(
            ",{name}Finalization=\"u\"<typeof FinalizationRegistry?{{register:()=>{{}},unregister:()=>{{}}}}:\
             new FinalizationRegistry(e=>wasm.__wbg_{}_free(e,1))",
            name.to_ascii_lowercase()
        )
    }

    fn glue() -> String {
        let classes: String = CLASSES.iter().map(|c| class(c)).collect();
        let registries: String = CLASSES.iter().map(|c| registry(c)).collect();
        format!(
            "let wasm;{classes}export function start(){{return 1;}}\
             let __wbindgen_enum_RequestCache=[\"default\"]{registries};export default init;"
        )
    }

    #[test]
    fn the_classes_and_all_that_names_them_go() {
        let lean = without_stream_classes(&glue()).unwrap();
        assert_eq!(
            lean,
            "let wasm;export function start(){return 1;}\
             let __wbindgen_enum_RequestCache=[\"default\"];export default init;"
        );
    }

    #[test]
    fn any_other_shape_leaves_the_glue_as_it_is() {
        let glue = glue();
        // A class written twice, a registry written otherwise, a string in a body.
        let twice = format!("{glue}{}", class("IntoUnderlyingSink"));
        assert_eq!(without_stream_classes(&twice), None);
        let other = glue.replace("(e,1)", "(e, 1)");
        assert_eq!(without_stream_classes(&other), None);
        let quoted = glue.replace("free(e,0);", "free(e,0,\"}\");");
        assert_eq!(without_stream_classes(&quoted), None);
        assert_eq!(without_stream_classes("let wasm;"), None);
    }

    #[test]
    fn init_sync_and_the_deprecated_argument_check_go() {
        let glue = format!(
            "let wasm;{}async function __wbg_init_once(e){{{}let n=1;}}{}",
            UNUSED_ENTRY[0].0, UNUSED_ENTRY[2].0, UNUSED_ENTRY[1].0
        );
        assert_eq!(
            without_unused_entry(&glue).unwrap(),
            "let wasm;async function __wbg_init_once(e){void 0!==e&&({module_or_path:e}=e),\
             let n=1;}export{__wbg_init as default};"
        );
        // A piece missing, written otherwise or twice: the glue is left as it is.
        assert_eq!(
            without_unused_entry(&glue.replace(UNUSED_ENTRY[0].0, "")),
            None
        );
        assert_eq!(
            without_unused_entry(&glue.replace("e=new WebAssembly.Module(e)", "e=f(e)")),
            None
        );
        assert_eq!(
            without_unused_entry(&format!("{glue}{}", UNUSED_ENTRY[1].0)),
            None
        );
    }

    /// A module importing `names` from `./m.js` (each a function of type 0), with a
    /// custom section after the imports.
    fn module(names: &[&str]) -> Vec<u8> {
        let mut imports = vec![names.len() as u8];
        for name in names {
            imports.extend([6]);
            imports.extend(b"./m.js");
            imports.push(name.len() as u8);
            imports.extend(name.as_bytes());
            imports.extend([0, 0]);
        }
        let mut bytes = b"\0asm\x01\0\0\0".to_vec();
        bytes.extend([1, 4, 1, 0x60, 0, 0]);
        bytes.extend([2, imports.len() as u8]);
        bytes.extend(imports);
        bytes.extend([0, 4, 1, b'x', 7, 7]);
        bytes
    }

    #[test]
    fn imports_get_short_names_in_both_files_where_the_glue_holds_them_once() {
        let names = [
            "__wbg_f_0123456789abcdef",
            "__wbg_g_fedcba9876543210",
            "__wbindgen_dup",
        ];
        let glue =
            "{__proto__:null,\"./m.js\":{__proto__:null,__wbg_f_0123456789abcdef:function(e){},\
                    __wbg_g_fedcba9876543210:function(){},__wbindgen_dup:function(){}}};\
                    let x=__wbindgen_dup;";
        let (short_glue, short_wasm, renamed) = shorten(glue, &module(&names)).unwrap();
        assert_eq!(renamed, 2);
        assert_eq!(
            short_glue,
            "{__proto__:null,\"./m.js\":{__proto__:null,a:function(e){},\
             b:function(){},__wbindgen_dup:function(){}}};let x=__wbindgen_dup;"
        );
        assert_eq!(short_wasm, module(&["a", "b", "__wbindgen_dup"]));
        assert_eq!(
            wasm::import_names(&short_wasm).unwrap(),
            [
                ("./m.js", "a"),
                ("./m.js", "b"),
                ("./m.js", "__wbindgen_dup")
            ]
            .map(|(m, n)| (m.to_string(), n.to_string()))
        );
        assert_eq!(shorten(glue, b"not wasm"), None);
    }

    /// A module with only an export section: each name exports function 0.
    fn exporting(names: &[&str]) -> Vec<u8> {
        let mut exports = vec![names.len() as u8];
        for name in names {
            exports.push(name.len() as u8);
            exports.extend(name.as_bytes());
            exports.extend([0, 0]);
        }
        let mut bytes = b"\0asm\x01\0\0\0".to_vec();
        // The section's size as a two-byte LEB128 (these test sections are 128-16383 bytes).
        assert!((128..16384).contains(&exports.len()));
        bytes.extend([
            7,
            (exports.len() & 0x7f) as u8 | 0x80,
            (exports.len() >> 7) as u8,
        ]);
        bytes.extend(exports);
        bytes
    }

    #[test]
    fn closure_shims_get_short_export_names_as_whole_identifiers() {
        let long = "wasm_bindgen_0123456789abcdef___convert__closures_____invoke___JsValue_true_";
        let longer = format!("{long}_13");
        let names = [
            "memory",
            long,
            longer.as_str(),
            "wasm_bindgen_x_closures_unused",
        ];
        let glue = format!(
            "function {long}(e,n){{wasm.{long}(e,n);}}function {longer}(e){{wasm.{longer}(e);}}\
             const m=wasm.memory;f(e,n,{long});g({longer});"
        );
        let (short_glue, short_wasm, renamed) = shorten_exports(&glue, &exporting(&names)).unwrap();
        assert_eq!(renamed, 2);
        assert_eq!(
            short_glue,
            "function $0(e,n){wasm.$0(e,n);}function $1(e){wasm.$1(e);}\
             const m=wasm.memory;f(e,n,$0);g($1);"
        );
        assert_eq!(
            wasm::export_names(&short_wasm).unwrap(),
            ["memory", "$0", "$1", "wasm_bindgen_x_closures_unused"]
        );
        assert_eq!(shorten_exports(&glue, b"not wasm"), None);
    }

    #[test]
    fn a_short_name_already_in_the_glue_is_not_reused() {
        let name = "wasm_bindgen_0123456789abcdef___convert__closures_____invoke";
        let glue = format!("let $0=1;wasm.{name}($0);");
        let names = [
            name,
            "memory",
            "__wbindgen_malloc",
            "__wbindgen_free",
            "__wbindgen_start",
        ];
        let (short_glue, _, renamed) = shorten_exports(&glue, &exporting(&names)).unwrap();
        assert_eq!((short_glue, renamed), (glue, 0));
    }

    #[test]
    fn identifiers_are_replaced_only_whole() {
        assert_eq!(
            replace_identifier("ab a.ab ab_c $ab ab", "ab", "X").as_deref(),
            Some("X a.X ab_c $ab X")
        );
        assert_eq!(replace_identifier("abc", "ab", "X"), None);
    }

    #[test]
    fn short_names_are_letters_and_never_repeat() {
        assert_eq!(
            [0, 25, 26, 51, 52, 53, 2755].map(short_name),
            ["a", "z", "A", "Z", "aa", "ab", "ZZ"]
        );
        let all: std::collections::HashSet<_> = (0..3000).map(short_name).collect();
        assert_eq!(all.len(), 3000);
        assert!(all
            .iter()
            .all(|n| n.bytes().all(|b| b.is_ascii_alphabetic())));
    }

    #[test]
    fn the_glue_is_found_by_its_name_in_the_page() {
        let page = "<link crossorigin href=./vizjobs-c937ebc522c15a17.js integrity=sha384-x \
                    rel=modulepreload><link href=./vizjobs-cc48_bg.wasm>";
        assert_eq!(dist_file(page, ".js"), Some("vizjobs-c937ebc522c15a17.js"));
        assert_eq!(dist_file(page, ".wasm"), Some("vizjobs-cc48_bg.wasm"));
        assert_eq!(dist_file("<p>none</p>", ".js"), None);
    }
}
