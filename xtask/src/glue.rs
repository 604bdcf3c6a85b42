//! Drops the three JS classes wasm-bindgen writes for wasm-streams' `IntoUnderlying*`
//! types (leptos → server_fn → wasm-streams). The console never makes one, and the
//! release wasm no longer has the exports they call (`index.html`'s wasm-opt flags
//! remove them), so they are 0.35 KB of dead script. Should a later wasm-bindgen or
//! Trunk write them otherwise, the glue is left as it is and the build says so.

use std::{fs, path::Path};

use base64::Engine;
use sha2::{Digest, Sha384};

use crate::run::Result;

const CLASSES: [&str; 3] = [
    "IntoUnderlyingByteSource",
    "IntoUnderlyingSink",
    "IntoUnderlyingSource",
];

/// Rewrites `dist/`'s glue script without the classes, and its `integrity` in
/// `index.html` to match.
pub fn drop_stream_classes(dist: &Path) -> Result<()> {
    let index_path = dist.join("index.html");
    let index = fs::read_to_string(&index_path).map_err(|e| e.to_string())?;
    let Some(name) = glue_name(&index) else {
        return Err("dist/index.html names no wasm-bindgen glue (vizjobs-*.js)".into());
    };
    let path = dist.join(name);
    let glue = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let Some(lean) = without_stream_classes(&glue) else {
        println!("  note: the glue's stream classes were not found as expected; left as is");
        return Ok(());
    };
    let (old, new) = (sri(&glue), sri(&lean));
    if !index.contains(&old) {
        return Err(format!("dist/index.html has no integrity {old} for {name}"));
    }
    fs::write(&path, &lean).map_err(|e| e.to_string())?;
    fs::write(&index_path, index.replace(&old, &new)).map_err(|e| e.to_string())?;
    println!(
        "  unused stream classes dropped from dist/{name}: {} -> {} bytes",
        glue.len(),
        lean.len()
    );
    Ok(())
}

/// The glue's file name: the page's `vizjobs-<hash>.js` (the wasm is `…_bg.wasm`).
fn glue_name(index: &str) -> Option<&str> {
    index.match_indices("vizjobs-").find_map(|(start, _)| {
        let stem = index[start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        let end = start + stem;
        index[end..]
            .starts_with(".js")
            .then(|| &index[start..end + 3])
    })
}

fn sri(text: &str) -> String {
    let digest = Sha384::digest(text.as_bytes());
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
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
        let at = once(&out, &dispose)?;
        out.replace_range(at..at + dispose.len(), "");
        let registry = format!(
            ",{class}Finalization=\"u\"<typeof FinalizationRegistry?\
             {{register:()=>{{}},unregister:()=>{{}}}}:\
             new FinalizationRegistry(e=>wasm.__wbg_{}_free(e,1))",
            class.to_ascii_lowercase()
        );
        let at = once(&out, &registry)?;
        out.replace_range(at..at + registry.len(), "");
    }
    (!out.contains("IntoUnderlying")).then_some(out)
}

/// Where `needle` is, if it occurs exactly once.
fn once(haystack: &str, needle: &str) -> Option<usize> {
    let at = haystack.find(needle)?;
    haystack[at + 1..].find(needle).is_none().then_some(at)
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
    fn the_glue_is_found_by_its_name_in_the_page() {
        let page = "<link crossorigin href=./vizjobs-c937ebc522c15a17.js integrity=sha384-x \
                    rel=modulepreload><link href=./vizjobs-cc48_bg.wasm>";
        assert_eq!(glue_name(page), Some("vizjobs-c937ebc522c15a17.js"));
        assert_eq!(glue_name("<p>none</p>"), None);
    }
}
