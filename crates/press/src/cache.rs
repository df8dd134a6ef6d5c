//! A content-addressed cache on disk, for work whose result depends only on its input: compressed
//! files and prepared code blocks. It lives outside the output folder (by default under `target/`),
//! so a fresh `dist/` still finds what earlier builds computed.
//!
//! Safe to share between builds running at once: an entry is written to a file of its own under a
//! name no other writer uses, then renamed into place, so a reader sees a whole entry or none. An
//! entry carries the SHA-256 of its payload; one that does not match (a torn disk, a hand edit) is a
//! miss, and the caller's fresh result replaces it. The cache only ever saves time: every failure to
//! read or write it is a miss, never an error, and a build with it writes the same bytes as one without.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};

/// Leads every entry; a change of entry layout changes it, so old entries read as misses.
const MAGIC: &[u8; 8] = b"QPCACHE1";
const HEADER: usize = MAGIC.len() + 32;

/// A key: the SHA-256 of everything the result depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key([u8; 32]);

impl Key {
    /// The key of a result computed from `parts` (each part is length-prefixed, so `["ab", "c"]` and
    /// `["a", "bc"]` differ).
    pub fn of(parts: &[&[u8]]) -> Key {
        let mut hash = Sha256::new();
        for part in parts {
            hash.update((part.len() as u64).to_le_bytes());
            hash.update(part);
        }
        Key(hash.finalize().into())
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// How many entries were found and how many were computed, for the build's report.
#[derive(Debug, Default)]
pub struct Counts {
    hits: AtomicU64,
    misses: AtomicU64,
}

impl Counts {
    pub fn hits(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }

    pub fn misses(&self) -> u64 {
        self.misses.load(Ordering::Relaxed)
    }
}

/// One namespace of the cache (`compress`, `blocks`), a folder of entries, for results of one
/// version of the code that computes them.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    /// Names that version; it is part of every key, so another version's entries are never found.
    version: Vec<u8>,
    pub counts: Counts,
}

/// Numbers temporary files within this process; with the process id they make a name no other
/// writer uses.
static NEXT_TEMP: AtomicU64 = AtomicU64::new(0);

impl Cache {
    /// The cache in `root/namespace` for results computed by `version` of the code; nothing is
    /// created until an entry is written.
    pub fn new(root: &Path, namespace: &str, version: &[u8]) -> Cache {
        Cache {
            dir: root.join(namespace),
            version: version.to_vec(),
            counts: Counts::default(),
        }
    }

    /// The key of a result computed from `parts` by this cache's version of the code.
    pub fn key(&self, parts: &[&[u8]]) -> Key {
        let mut all = Vec::with_capacity(parts.len() + 1);
        all.push(self.version.as_slice());
        all.extend_from_slice(parts);
        Key::of(&all)
    }

    /// Entries are spread over 256 folders so no folder holds a whole site's worth of files.
    fn path(&self, key: &Key) -> PathBuf {
        let hex = key.hex();
        self.dir.join(&hex[..2]).join(&hex[2..])
    }

    /// The entry under `key`, if there is a whole, intact one.
    pub fn get(&self, key: &Key) -> Option<Vec<u8>> {
        let found = fs::read(self.path(key)).ok().and_then(unwrap_entry);
        let counter = if found.is_some() {
            &self.counts.hits
        } else {
            &self.counts.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    /// Stores `payload` under `key`. Failing to is not an error: the next build computes it again.
    pub fn put(&self, key: &Key, payload: &[u8]) {
        let _ = self.try_put(key, payload);
    }

    fn try_put(&self, key: &Key, payload: &[u8]) -> io::Result<()> {
        let path = self.path(key);
        let folder = path.parent().expect("entries sit in a folder");
        fs::create_dir_all(folder)?;
        let temp = folder.join(format!(
            ".tmp-{}-{}",
            std::process::id(),
            NEXT_TEMP.fetch_add(1, Ordering::Relaxed)
        ));
        let result = fs::write(&temp, wrap_entry(payload)).and_then(|()| fs::rename(&temp, &path));
        if result.is_err() {
            let _ = fs::remove_file(&temp);
        }
        result
    }

    /// The entry under `key`, else `compute()`'s result, stored for next time.
    pub fn get_or_insert_with(&self, key: &Key, compute: impl FnOnce() -> Vec<u8>) -> Vec<u8> {
        if let Some(found) = self.get(key) {
            return found;
        }
        let fresh = compute();
        self.put(key, &fresh);
        fresh
    }
}

/// An entry as stored: magic, the payload's SHA-256, the payload.
fn wrap_entry(payload: &[u8]) -> Vec<u8> {
    let mut entry = Vec::with_capacity(HEADER + payload.len());
    entry.extend_from_slice(MAGIC);
    entry.extend_from_slice(&Sha256::digest(payload));
    entry.extend_from_slice(payload);
    entry
}

/// The payload of a stored entry, or `None` when it is not one or has been damaged.
fn unwrap_entry(mut entry: Vec<u8>) -> Option<Vec<u8>> {
    if entry.len() < HEADER || &entry[..MAGIC.len()] != MAGIC {
        return None;
    }
    let sum = &entry[MAGIC.len()..HEADER];
    if Sha256::digest(&entry[HEADER..]).as_slice() != sum {
        return None;
    }
    entry.drain(..HEADER);
    Some(entry)
}

/// The SHA-256 of the running program: the version of code whose output depends on more than a
/// library's version (the highlighter's classes, the diagrams' post-processing). Any rebuild of
/// quire-press that changes a byte of it starts a fresh set of entries. `None` when the program
/// cannot be read, and then nothing is cached.
pub fn program_digest() -> Option<[u8; 32]> {
    let exe = std::env::current_exe().ok()?;
    let bytes = fs::read(exe).ok()?;
    Some(Sha256::digest(bytes).into())
}

/// Where the cache lives when the command line does not say: `$QUIRE_CACHE_DIR`, else
/// `quire-press-cache` in Cargo's target folder (`$CARGO_TARGET_DIR`, else `target/`), where
/// `cargo clean` removes it. Never inside the output: trunk replaces that folder on every build.
pub fn default_root(env: &dyn crate::Env) -> PathBuf {
    if let Some(dir) = env.var("QUIRE_CACHE_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let target = env
        .var("CARGO_TARGET_DIR")
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| "target".to_string());
    Path::new(&target).join("quire-press-cache")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A fresh, empty folder under the system's temporary folder.
    pub(crate) fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "quire-press-test-{name}-{}-{}",
            std::process::id(),
            NEXT_TEMP.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn keys_separate_their_parts() {
        assert_ne!(Key::of(&[b"ab", b"c"]), Key::of(&[b"a", b"bc"]));
        assert_eq!(Key::of(&[b"ab", b"c"]), Key::of(&[b"ab", b"c"]));
        assert_eq!(Key::of(&[b"x"]).hex().len(), 64);
    }

    #[test]
    fn a_miss_then_a_hit() {
        let root = temp_dir("hit");
        let cache = Cache::new(&root, "t", b"v1");
        let key = Key::of(&[b"input"]);
        assert_eq!(cache.get(&key), None);
        let mut runs = 0;
        let first = cache.get_or_insert_with(&key, || {
            runs += 1;
            b"result".to_vec()
        });
        let second = cache.get_or_insert_with(&key, || {
            runs += 1;
            b"other".to_vec()
        });
        assert_eq!(
            (first.as_slice(), second.as_slice(), runs),
            (&b"result"[..], &b"result"[..], 1)
        );
        assert_eq!((cache.counts.hits(), cache.counts.misses()), (1, 2));
        // A second cache on the same folder (another build) finds it too.
        assert_eq!(
            Cache::new(&root, "t", b"v1").get(&key),
            Some(b"result".to_vec())
        );
        assert_eq!(Cache::new(&root, "other", b"v1").get(&key), None);
        // Another version of the code asks with other keys.
        let v1 = Cache::new(&root, "t", b"v1");
        let v2 = Cache::new(&root, "t", b"v2");
        v1.put(&v1.key(&[b"input"]), b"one");
        assert_eq!(v2.get(&v2.key(&[b"input"])), None);
        assert_eq!(v1.get(&v1.key(&[b"input"])), Some(b"one".to_vec()));
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn a_damaged_entry_is_a_miss_and_is_rewritten() {
        let root = temp_dir("damaged");
        let cache = Cache::new(&root, "t", b"v1");
        let key = Key::of(&[b"input"]);
        cache.put(&key, b"result");
        let path = cache.path(&key);
        let mut bytes = fs::read(&path).unwrap();
        *bytes.last_mut().unwrap() ^= 1;
        fs::write(&path, &bytes).unwrap();
        assert_eq!(cache.get(&key), None, "flipped bit");
        fs::write(&path, &bytes[..HEADER - 1]).unwrap();
        assert_eq!(cache.get(&key), None, "cut short");
        fs::write(&path, b"").unwrap();
        assert_eq!(cache.get(&key), None, "empty");
        let again = cache.get_or_insert_with(&key, || b"result".to_vec());
        assert_eq!(again, b"result");
        assert_eq!(cache.get(&key), Some(b"result".to_vec()), "rewritten whole");
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn an_unwritable_cache_is_only_slower() {
        let root = temp_dir("unwritable");
        // A file where the cache's folder would be: nothing can be stored, nothing fails.
        let blocked = root.join("t");
        fs::write(&blocked, b"").unwrap();
        let cache = Cache::new(&root, "t", b"v1");
        let key = Key::of(&[b"input"]);
        assert_eq!(cache.get_or_insert_with(&key, || b"r".to_vec()), b"r");
        assert_eq!(cache.get(&key), None);
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn writers_leave_no_temporary_files() {
        let root = temp_dir("temps");
        let cache = Cache::new(&root, "t", b"v1");
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for i in 0..20u8 {
                        cache.put(&Key::of(&[&[i]]), &[i; 100]);
                    }
                });
            }
        });
        let mut names = Vec::new();
        for shard in fs::read_dir(root.join("t")).unwrap() {
            for entry in fs::read_dir(shard.unwrap().path()).unwrap() {
                names.push(entry.unwrap().file_name().into_string().unwrap());
            }
        }
        assert_eq!(names.len(), 20);
        assert!(names.iter().all(|n| !n.starts_with(".tmp")), "{names:?}");
        for i in 0..20u8 {
            assert_eq!(cache.get(&Key::of(&[&[i]])), Some(vec![i; 100]));
        }
        let _ = fs::remove_dir_all(root);
    }
}
