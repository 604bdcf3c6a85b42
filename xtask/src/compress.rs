//! gzip and brotli at their highest levels: for the precompressed files shipped in
//! `dist/` and for the size figures of the benchmark.

use std::{fs, io::Write, path::Path};

use crate::run::Result;

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writing to memory");
    out
}

/// Files a gateway should serve precompressed: the build's own text and wasm. Not
/// `config.json`: operators edit it in place, and a stale `.gz` beside it would win.
fn worth_compressing(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("wasm" | "js" | "css" | "html" | "svg")
    )
}

/// Writes `NAME.gz` and `NAME.br` beside every compressible file of `dir`.
pub fn precompress_dir(dir: &Path) -> Result<()> {
    for entry in fs::read_dir(dir).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if !path.is_file() || !worth_compressing(&path) {
            continue;
        }
        let bytes = fs::read(&path).map_err(|e| e.to_string())?;
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or("odd file name")?;
        fs::write(dir.join(format!("{name}.gz")), gzip(&bytes)).map_err(|e| e.to_string())?;
        fs::write(dir.join(format!("{name}.br")), brotli(&bytes)).map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn both_round_trip() {
        let text = "visualization-jobs ".repeat(200);
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gzip(text.as_bytes())[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &brotli(text.as_bytes())[..], &mut back).unwrap();
        assert_eq!(back, text.as_bytes());
        assert!(brotli(text.as_bytes()).len() < 100);
    }
}
