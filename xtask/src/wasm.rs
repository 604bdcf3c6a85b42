//! A reader for the few wasm sections xtask looks at (imports, code sizes, names,
//! data), and the rewrite of import names.

use std::collections::HashMap;

pub struct Module {
    pub imported_functions: u32,
    pub body_sizes: Vec<u32>,
    pub names: HashMap<u32, String>,
    pub data_bytes: u64,
    /// The custom section `name`, whole.
    pub name_section_bytes: u64,
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn leb(&mut self) -> Option<u64> {
        let (mut value, mut shift) = (0_u64, 0);
        loop {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(value);
            }
            shift += 7;
            if shift > 63 {
                return None;
            }
        }
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.leb()?).ok()
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(slice)
    }

    fn name(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }

    /// Reads an import's description; `true` for a function.
    fn import_kind(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => {
                self.u32()?;
                return Some(true);
            }
            1 => {
                self.byte()?;
                self.limits()?;
            }
            2 => self.limits()?,
            3 => {
                self.byte()?;
                self.byte()?;
            }
            4 => {
                self.byte()?;
                self.u32()?;
            }
            _ => return None,
        }
        Some(false)
    }

    fn limits(&mut self) -> Option<()> {
        let flags = self.byte()?;
        self.leb()?;
        if flags & 1 != 0 {
            self.leb()?;
        }
        Some(())
    }
}

pub fn parse(bytes: &[u8]) -> Option<Module> {
    if bytes.get(..4)? != b"\0asm" {
        return None;
    }
    let mut r = Reader { bytes, at: 8 };
    let mut module = Module {
        imported_functions: 0,
        body_sizes: Vec::new(),
        names: HashMap::new(),
        data_bytes: 0,
        name_section_bytes: 0,
    };
    while r.at < bytes.len() {
        let id = r.byte()?;
        let size = r.u32()? as usize;
        let mut s = Reader {
            bytes: r.take(size)?,
            at: 0,
        };
        match id {
            2 => {
                for _ in 0..s.u32()? {
                    s.name()?;
                    s.name()?;
                    if s.import_kind()? {
                        module.imported_functions += 1;
                    }
                }
            }
            10 => {
                for _ in 0..s.u32()? {
                    let body = s.u32()?;
                    s.take(body as usize)?;
                    module.body_sizes.push(body);
                }
            }
            11 => module.data_bytes += size as u64,
            0 if s.name()? == b"name" => {
                module.name_section_bytes += size as u64;
                while s.at < s.bytes.len() {
                    let sub = s.byte()?;
                    let len = s.u32()? as usize;
                    let mut n = Reader {
                        bytes: s.take(len)?,
                        at: 0,
                    };
                    if sub == 1 {
                        for _ in 0..n.u32()? {
                            let index = n.u32()?;
                            let name = String::from_utf8_lossy(n.name()?).into_owned();
                            module.names.insert(index, name);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Some(module)
}

/// Each export's name, in order.
#[cfg(test)]
pub fn export_names(bytes: &[u8]) -> Option<Vec<String>> {
    let mut names = Vec::new();
    rename_exports(bytes, |name| {
        names.push(name.to_string());
        name.to_string()
    })?;
    Some(names)
}

/// Each import's module and name, in order.
#[cfg(test)]
pub fn import_names(bytes: &[u8]) -> Option<Vec<(String, String)>> {
    let mut names = Vec::new();
    rename_imports(bytes, |module, name| {
        names.push((module.to_string(), name.to_string()));
        name.to_string()
    })?;
    Some(names)
}

/// The module with each import named as `rename` says (given its module and name);
/// every other section as it was.
pub fn rename_imports(
    bytes: &[u8],
    mut rename: impl FnMut(&str, &str) -> String,
) -> Option<Vec<u8>> {
    rewrite_entries(bytes, 2, |s, rebuilt| {
        let module = std::str::from_utf8(s.name()?).ok()?;
        let name = std::str::from_utf8(s.name()?).ok()?;
        let start = s.at;
        s.import_kind()?;
        push_name(rebuilt, module);
        push_name(rebuilt, &rename(module, name));
        rebuilt.extend_from_slice(&s.bytes[start..s.at]);
        Some(())
    })
}

/// The module with each export named as `rename` says; every other section as it was.
pub fn rename_exports(bytes: &[u8], mut rename: impl FnMut(&str) -> String) -> Option<Vec<u8>> {
    rewrite_entries(bytes, 7, |s, rebuilt| {
        let name = std::str::from_utf8(s.name()?).ok()?;
        let start = s.at;
        s.byte()?;
        s.u32()?;
        push_name(rebuilt, &rename(name));
        rebuilt.extend_from_slice(&s.bytes[start..s.at]);
        Some(())
    })
}

/// The module with each entry of the section `id` (a vector: its count, then the
/// entries) as `entry` writes it, reading it from the section; the rest byte for byte.
fn rewrite_entries(
    bytes: &[u8],
    id: u8,
    mut entry: impl FnMut(&mut Reader, &mut Vec<u8>) -> Option<()>,
) -> Option<Vec<u8>> {
    if bytes.get(..4)? != b"\0asm" {
        return None;
    }
    let mut out = bytes.get(..8)?.to_vec();
    let mut r = Reader { bytes, at: 8 };
    while r.at < bytes.len() {
        let section_id = r.byte()?;
        let size = r.u32()? as usize;
        let section = r.take(size)?;
        let mut rebuilt = Vec::new();
        if section_id == id {
            let mut s = Reader {
                bytes: section,
                at: 0,
            };
            let count = s.u32()?;
            push_leb(&mut rebuilt, u64::from(count));
            for _ in 0..count {
                entry(&mut s, &mut rebuilt)?;
            }
        } else {
            rebuilt.extend_from_slice(section);
        }
        out.push(section_id);
        push_leb(&mut out, rebuilt.len() as u64);
        out.extend_from_slice(&rebuilt);
    }
    Some(out)
}

fn push_name(out: &mut Vec<u8>, name: &str) {
    push_leb(out, name.len() as u64);
    out.extend_from_slice(name.as_bytes());
}

fn push_leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}
