//! Turns the word-frequency tables in `data/wordfreq/` (gzipped `form<TAB>zipf10` lines, sorted
//! by bytes; see that folder's README) into `fst` maps in `OUT_DIR`, which `src/engine/frequency.rs`
//! embeds with `include_bytes!`: the binary opens them without parsing anything at start-up.
//! A table that is not sorted and unique fails the build (the fst builder refuses it).

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter};
use std::path::{Path, PathBuf};

/// Keep in step with `frequency::Lang` (its tests check every table loads).
const LANGS: [&str; 13] = [
    "en", "es", "pt", "fr", "it", "de", "nl", "ca", "ru", "pl", "cs", "tr", "id",
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for lang in LANGS {
        let source = Path::new("data/wordfreq").join(format!("{lang}.tsv.gz"));
        println!("cargo:rerun-if-changed={}", source.display());
        if let Err(message) = build_map(&source, &out.join(format!("{lang}.fst"))) {
            panic!("{}: {message}", source.display());
        }
    }
}

fn build_map(source: &Path, target: &Path) -> Result<(), String> {
    let file = File::open(source).map_err(|e| e.to_string())?;
    let reader = BufReader::new(flate2::read::GzDecoder::new(BufReader::new(file)));
    let writer = BufWriter::new(File::create(target).map_err(|e| e.to_string())?);
    let mut builder = fst::MapBuilder::new(writer).map_err(|e| e.to_string())?;
    for (number, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| e.to_string())?;
        let at = |what: &str| format!("line {}: {what}: {line:?}", number + 1);
        let (form, zipf10) = line.split_once('\t').ok_or_else(|| at("no tab"))?;
        let zipf10: u8 = zipf10.parse().map_err(|_| at("bad zipf10"))?;
        builder
            .insert(form, u64::from(zipf10))
            .map_err(|e| at(&e.to_string()))?;
    }
    builder.finish().map_err(|e| e.to_string())
}
