//! The `.br` and `.gz` files a release build writes beside every text file, for hosts that serve
//! them as they are (nginx `brotli_static`/`gzip_static`, the bench's server).
//!
//! Three things keep this fast at 10,000 posts: how hard each file is compressed depends on who
//! downloads it (see [`Setting::for_file`]); the work runs on every core, largest first, so one big
//! file (the feed) does not start last; and a file whose bytes were compressed by an earlier build
//! is taken from the cache (see [`crate::cache`]) instead of being compressed again.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::cache::{Cache, Key};

/// Extensions of the files served as text, which hosts can send precompressed.
pub const TEXT: &[&str] = &["html", "js", "wasm", "css", "json", "xml", "svg", "txt"];

/// The files every first view downloads, whatever the page: the app and its stylesheet. They are
/// few, change only when the app does, and are fetched by every reader, so they get the encoders'
/// best whatever it costs.
const FIRST_VIEW: &[&str] = &["wasm", "js", "css"];

/// Names the encoders' versions in every cache key. The encoders are deterministic, but another
/// version may write other bytes for the same input: change this when `brotli` or `flate2` is
/// updated (the `known_output` test fails when their output changes).
const ENCODERS: &[u8] = b"brotli 8 lgwin 22; flate2 1 miniz_oxide; gzip mtime 0";

/// One way of compressing a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    Brotli(u32),
    Gzip(u32),
}

/// The brotli quality for the pages, data and feed. Measured on the 1,000- and 10,000-post sites
/// (bench/README.md, "Compression"): quality 11 writes 14% fewer bytes than 5 and takes 30 times as
/// long, about six minutes of both cores at 10,000 posts; 6 to 9 cost 1.2 to 10 times as much as 5
/// for at most 4% fewer bytes, and 10 (3% more than 11) a third of 11's time.
pub const BROTLI_PAGES: u32 = 5;

impl Setting {
    /// What `path` is written with: the encoders' best for the app's files, a cheaper brotli
    /// quality for the rest (pages, data, feed), whose bytes a reader downloads one or two at a time.
    pub fn for_file(path: &Path) -> [Setting; 2] {
        let first_view = extension(path).is_some_and(|e| FIRST_VIEW.contains(&e));
        let quality = if first_view { 11 } else { BROTLI_PAGES };
        [Setting::Brotli(quality), Setting::Gzip(9)]
    }

    /// The suffix of the file it writes.
    pub fn suffix(self) -> &'static str {
        match self {
            Setting::Brotli(_) => ".br",
            Setting::Gzip(_) => ".gz",
        }
    }

    pub fn apply(self, bytes: &[u8]) -> Vec<u8> {
        match self {
            Setting::Brotli(q) => brotli(bytes, q),
            Setting::Gzip(level) => gzip(bytes, level),
        }
    }

    /// Roughly how long it takes per input byte, relative to gzip 9: to start the slowest work first.
    fn cost(self) -> u64 {
        match self {
            Setting::Brotli(q) if q >= 10 => 40,
            Setting::Brotli(q) if q >= 8 => 4,
            Setting::Brotli(_) => 1,
            Setting::Gzip(_) => 1,
        }
    }

    fn name(self) -> String {
        match self {
            Setting::Brotli(q) => format!("br{q}"),
            Setting::Gzip(level) => format!("gz{level}"),
        }
    }
}

fn extension(path: &Path) -> Option<&str> {
    path.extension().and_then(|e| e.to_str())
}

/// True for the files hosts can send precompressed.
pub fn is_text(path: &Path) -> bool {
    extension(path).is_some_and(|e| TEXT.contains(&e))
}

/// gzip at `level` (0–9), with no timestamp or name in the header, so the bytes are reproducible.
pub fn gzip(bytes: &[u8], level: u32) -> Vec<u8> {
    let mut encoder = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::new(level));
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// brotli at `quality` (0–11) with a 4 MB window.
pub fn brotli(bytes: &[u8], quality: u32) -> Vec<u8> {
    brotli_window(bytes, quality, 22)
}

/// brotli at `quality` with a window of `2^lgwin` bytes.
pub fn brotli_window(bytes: &[u8], quality: u32, lgwin: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    let params = brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        lgwin: lgwin as i32,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("writing to memory");
    out
}

/// What [`compress_tree`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CompressReport {
    /// Text files that got a `.br` and a `.gz`.
    pub files: usize,
    /// Compressed files taken from the cache.
    pub reused: usize,
    /// Compressed files computed in this run.
    pub computed: usize,
}

/// Why the compressed files could not be written.
#[derive(Debug, thiserror::Error)]
pub enum CompressError {
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: io::Error },
    #[error("cannot write {path}: {source}")]
    Write { path: String, source: io::Error },
}

/// The cache of compressed files under `root`.
pub fn cache(root: &Path) -> Cache {
    Cache::new(root, "compress", ENCODERS)
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

fn read(path: &Path) -> Result<Vec<u8>, CompressError> {
    fs::read(path).map_err(|source| CompressError::Read {
        path: path.display().to_string(),
        source,
    })
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), CompressError> {
    fs::write(path, bytes).map_err(|source| CompressError::Write {
        path: path.display().to_string(),
        source,
    })
}

/// A compressed file to compute: the file, how, its cache key, its length.
type Job = (PathBuf, Setting, Option<Key>, u64);

/// Writes `<file>.br` and `<file>.gz` beside every text file under `dir`, taking what it can from
/// `cache` and storing what it computes there.
pub fn compress_tree(dir: &Path, cache: Option<&Cache>) -> Result<CompressReport, CompressError> {
    let mut files = Vec::new();
    collect(dir, &mut files).map_err(|source| CompressError::Read {
        path: dir.display().to_string(),
        source,
    })?;
    files.retain(|f| is_text(f));
    // First pass: hash every file, and write what the cache already has.
    let misses: Vec<Vec<Job>> = files
        .par_iter()
        .map(|file| {
            let bytes = read(file)?;
            let digest = Sha256::digest(&bytes);
            let mut missing = Vec::new();
            for setting in Setting::for_file(file) {
                let key = cache.map(|c| c.key(&[setting.name().as_bytes(), &digest]));
                match cache.zip(key.as_ref()).and_then(|(c, key)| c.get(key)) {
                    Some(found) => write(&with_suffix(file, setting.suffix()), &found)?,
                    None => missing.push((file.clone(), setting, key, bytes.len() as u64)),
                }
            }
            Ok(missing)
        })
        .collect::<Result<_, CompressError>>()?;
    let mut jobs: Vec<_> = misses.into_iter().flatten().collect();
    // Slowest first: a 100 MB feed started last would leave one core working alone at the end.
    jobs.sort_by_key(|(path, setting, _, len)| {
        (std::cmp::Reverse(len * setting.cost()), path.clone())
    });
    let computed = jobs.len();
    jobs.par_iter()
        .with_max_len(1)
        .try_for_each(|(file, setting, key, _)| {
            let compressed = setting.apply(&read(file)?);
            if let Some((cache, key)) = cache.zip(key.as_ref()) {
                cache.put(key, &compressed);
            }
            write(&with_suffix(file, setting.suffix()), &compressed)
        })?;
    Ok(CompressReport {
        files: files.len(),
        reused: files.len() * 2 - computed,
        computed,
    })
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::tests::temp_dir;
    use std::io::Read;

    #[test]
    fn round_trips_and_is_reproducible() {
        let text = "a reproducible build ".repeat(200);
        let gz = gzip(text.as_bytes(), 9);
        assert_eq!(gz, gzip(text.as_bytes(), 9));
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
        for quality in [5, 9, 11] {
            let br = brotli(text.as_bytes(), quality);
            assert_eq!(br, brotli(text.as_bytes(), quality));
            assert!(br.len() < text.len() / 10);
            let mut back = Vec::new();
            brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
            assert_eq!(back, text.as_bytes());
        }
    }

    /// Cached output is only the same as fresh output while the encoders write the same bytes:
    /// when this fails after a dependency update, change [`ENCODERS`] and the digests here.
    #[test]
    fn known_output() {
        let text = "<p>The quick brown fox jumps over the lazy dog.</p>\n".repeat(50);
        let digest = |bytes: Vec<u8>| Key::of(&[&bytes]).hex()[..16].to_string();
        assert_eq!(
            [
                digest(brotli(text.as_bytes(), 11)),
                digest(brotli(text.as_bytes(), BROTLI_PAGES)),
                digest(gzip(text.as_bytes(), 9)),
            ],
            ["cbe04347e0d68744", "ad0b0a795ea58e3d", "526d0a0f94880961"]
        );
    }

    #[test]
    fn the_app_gets_the_best_and_pages_a_cheaper_quality() {
        let settings = |p: &str| Setting::for_file(Path::new(p));
        assert_eq!(
            settings("quire-1f_bg.wasm"),
            [Setting::Brotli(11), Setting::Gzip(9)]
        );
        assert_eq!(settings("quire-1f.js")[0], Setting::Brotli(11));
        assert_eq!(settings("main-1f.css")[0], Setting::Brotli(11));
        assert_eq!(
            settings("posts/a/index.html")[0],
            Setting::Brotli(BROTLI_PAGES)
        );
        assert_eq!(settings("feed.xml")[0], Setting::Brotli(BROTLI_PAGES));
        assert!(is_text(Path::new("data/index.json")));
        assert!(!is_text(Path::new("photo.png")));
        assert!(!is_text(Path::new("_headers")));
    }

    fn site(dir: &Path) {
        fs::create_dir_all(dir.join("posts/a")).unwrap();
        fs::write(dir.join("index.html"), "<p>home</p>".repeat(100)).unwrap();
        fs::write(dir.join("posts/a/index.html"), "<p>a</p>".repeat(100)).unwrap();
        fs::write(dir.join("app-1f_bg.wasm"), [0u8, 97, 115, 109].repeat(100)).unwrap();
        fs::write(dir.join("posts/a/photo.png"), [1u8; 10]).unwrap();
    }

    /// Every file under `dir` with its bytes, in path order.
    fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files = Vec::new();
        collect(dir, &mut files).unwrap();
        files.sort();
        files
            .into_iter()
            .map(|f| {
                (
                    f.strip_prefix(dir).unwrap().to_path_buf(),
                    fs::read(&f).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn a_second_build_reuses_every_file_and_writes_the_same_bytes() {
        let root = temp_dir("compress");
        let cache = cache(&root.join("cache"));
        let (one, two, plain) = (root.join("one"), root.join("two"), root.join("plain"));
        for dir in [&one, &two, &plain] {
            site(dir);
        }
        let first = compress_tree(&one, Some(&cache)).unwrap();
        assert_eq!(
            first,
            CompressReport {
                files: 3,
                reused: 0,
                computed: 6
            }
        );
        assert!(one.join("posts/a/index.html.br").is_file());
        assert!(!one.join("posts/a/photo.png.gz").exists());
        let second = compress_tree(&two, Some(&cache)).unwrap();
        assert_eq!(
            second,
            CompressReport {
                files: 3,
                reused: 6,
                computed: 0
            }
        );
        compress_tree(&plain, None).unwrap();
        assert_eq!(snapshot(&one), snapshot(&two));
        assert_eq!(
            snapshot(&one),
            snapshot(&plain),
            "the cache changes no byte"
        );

        // One page edited: only its two files are compressed again.
        fs::write(two.join("posts/a/index.html"), "<p>b</p>".repeat(100)).unwrap();
        let third = compress_tree(&two, Some(&cache)).unwrap();
        assert_eq!(
            third,
            CompressReport {
                files: 3,
                reused: 4,
                computed: 2
            }
        );
        let mut back = Vec::new();
        brotli::BrotliDecompress(
            &mut &fs::read(two.join("posts/a/index.html.br")).unwrap()[..],
            &mut back,
        )
        .unwrap();
        assert_eq!(back, "<p>b</p>".repeat(100).as_bytes());
        let _ = fs::remove_dir_all(root);
    }
}
