//! `quire-press build`: read the content folder, compile it, write the data files and post assets.
//!
//! The output is atomic: everything is written into a temporary folder inside `<out>` first, and
//! only when all of it is written are `data/` and each `posts/<slug>/` renamed into place. A build
//! with a problem writes nothing at all.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use quire_content::compile::parse::language_of;
use quire_content::compile::{assemble, CompileOptions, Diagnostic, ParsedPost, SourceFile};
use quire_content::{listing, pages, urls};
use rayon::prelude::*;

use crate::cache::Cache;
use crate::plural;
use crate::prepare::prepare;

/// What `quire-press build` was asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildArgs {
    /// The folder holding `site.toml` and `posts/`.
    pub content: PathBuf,
    /// Where `data/` and `posts/` are written.
    pub out: PathBuf,
    pub drafts: bool,
    /// Leave out posts dated after this Unix time.
    pub now_unix: Option<i64>,
    /// Where prepared code blocks are kept between builds; `None` prepares every block anew.
    pub cache: Option<PathBuf>,
}

/// Why a build wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The content has problems; each is for the author to fix.
    #[error("{} in {}", plural(diagnostics.iter().filter(|d| !d.is_warning()).count(), "problem"), plural(*files, "file"))]
    Content {
        /// Errors and warnings, in path order; errors are what stopped the build.
        diagnostics: Vec<Diagnostic>,
        /// How many files have problems.
        files: usize,
    },
    #[error("cannot read {path}: {source}{hint}")]
    Read {
        path: String,
        source: io::Error,
        hint: &'static str,
    },
    #[error("cannot write {path}: {source}; nothing was written")]
    Write { path: String, source: io::Error },
}

/// What a successful build did: `quire-press: 25 posts, 8 categories, 40 tags → dist/data (12 ms)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub posts: usize,
    pub categories: usize,
    pub tags: usize,
    pub data_dir: String,
    pub elapsed: Duration,
    /// Code blocks and diagrams taken from the cache, and prepared in this build.
    pub blocks_reused: u64,
    pub blocks_prepared: u64,
    /// Problems that did not stop the build (a diagram shown as its source), in path and line order.
    pub warnings: Vec<Warning>,
}

/// Something an author may want to fix that the build worked around:
/// `content/posts/tls.md:40: warning: the Mermaid diagram cannot be drawn: …; its source is shown instead`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    pub path: String,
    /// 1-based line in the file.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: warning: {}", self.path, self.line, self.message)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "quire-press: {}, {}, {} → {} ({} ms",
            plural(self.posts, "post"),
            plural(self.categories, "category"),
            plural(self.tags, "tag"),
            self.data_dir,
            self.elapsed.as_millis()
        )?;
        if self.blocks_reused > 0 {
            write!(
                f,
                "; {} of {} code blocks from the cache",
                self.blocks_reused,
                self.blocks_reused + self.blocks_prepared
            )?;
        }
        write!(f, ")")
    }
}

/// Seconds since the Unix epoch now.
pub fn system_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A path as the author sees it in messages: `/` separators, as given on the command line.
fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The files of a content folder.
#[derive(Debug, Default)]
pub struct ContentFiles {
    pub site_toml: Option<SourceFile>,
    pub posts: Vec<SourceFile>,
    /// For each folder post (by its `index.md` path as shown): its other files, as (path inside the
    /// folder with `/` separators, file on disk), sorted.
    pub assets: BTreeMap<String, Vec<(String, PathBuf)>>,
}

/// For each folder post's `index.md`, the other files in its folder.
pub type AssetMap = BTreeMap<PathBuf, Vec<PathBuf>>;

/// Lists `posts/` in a stable order: `*.md` files are posts, a folder with an `index.md` is one post
/// whose other files are its assets. Hidden files (`.DS_Store`, editor swap files) are skipped.
pub fn find_posts(posts_dir: &Path) -> io::Result<(Vec<PathBuf>, AssetMap)> {
    let mut posts = Vec::new();
    let mut assets = BTreeMap::new();
    if posts_dir.is_dir() {
        walk(posts_dir, true, &mut posts, &mut assets)?;
    }
    Ok((posts, assets))
}

fn sorted_entries(dir: &Path) -> io::Result<Vec<(PathBuf, bool)>> {
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let is_dir = entry.file_type()?.is_dir() || entry.path().is_dir();
        entries.push((entry.path(), is_dir));
    }
    entries.sort();
    Ok(entries)
}

fn walk(dir: &Path, top: bool, posts: &mut Vec<PathBuf>, assets: &mut AssetMap) -> io::Result<()> {
    let index = dir.join("index.md");
    if !top && index.is_file() {
        let mut files = Vec::new();
        collect_files(dir, &mut files)?;
        files.retain(|f| f != &index);
        // `index.fr.md` beside `index.md` is the post in another language (Zola's form).
        let (translations, files): (Vec<PathBuf>, Vec<PathBuf>) =
            files.into_iter().partition(|f| {
                f.parent() == Some(dir)
                    && f.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                        n.starts_with("index.")
                            && n.ends_with(".md")
                            && language_of(&n.replace('\\', "/")).is_some()
                    })
            });
        posts.push(index.clone());
        for t in translations {
            assets.insert(t.clone(), files.clone());
            posts.push(t);
        }
        assets.insert(index, files);
        return Ok(());
    }
    for (path, is_dir) in sorted_entries(dir)? {
        if is_dir {
            walk(&path, false, posts, assets)?;
        } else if path
            .extension()
            .is_some_and(|e| e == "md" || e == "markdown")
        {
            posts.push(path);
        }
    }
    Ok(())
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for (path, is_dir) in sorted_entries(dir)? {
        if is_dir {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads `site.toml` and every post of a content folder.
pub fn read_content(content: &Path) -> Result<ContentFiles, BuildError> {
    let read_error = |path: &Path, source: io::Error| BuildError::Read {
        path: shown(path),
        source,
        hint: "",
    };
    let site_path = content.join("site.toml");
    let site_bytes = fs::read(&site_path).map_err(|source| BuildError::Read {
        path: shown(&site_path),
        hint: if source.kind() == io::ErrorKind::NotFound {
            " (is --content the folder that holds site.toml and posts/?)"
        } else {
            ""
        },
        source,
    })?;
    let posts_dir = content.join("posts");
    let (paths, assets) = find_posts(&posts_dir).map_err(|e| read_error(&posts_dir, e))?;
    let posts = paths
        .par_iter()
        .map(|p| {
            fs::read(p)
                .map(|bytes| SourceFile {
                    path: shown(p),
                    bytes,
                })
                .map_err(|e| read_error(p, e))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let assets = assets
        .into_iter()
        .map(|(index, files)| {
            let folder = index.parent().unwrap_or(Path::new("")).to_path_buf();
            let files = files
                .into_iter()
                .map(|f| {
                    let relative = shown(f.strip_prefix(&folder).unwrap_or(&f));
                    (relative, f)
                })
                .collect();
            (shown(&index), files)
        })
        .collect();
    Ok(ContentFiles {
        site_toml: Some(SourceFile {
            path: shown(&site_path),
            bytes: site_bytes,
        }),
        posts,
        assets,
    })
}

/// Compiles the content folder and writes the output. Nothing is written when anything fails.
pub fn build(args: &BuildArgs) -> Result<Report, BuildError> {
    let started = Instant::now();
    let files = read_content(&args.content)?;
    let site_toml = files.site_toml.expect("read_content reads site.toml");
    let parsed: Vec<ParsedPost> = files.posts.par_iter().map(ParsedPost::parse).collect();
    let opts = CompileOptions {
        drafts: args.drafts,
        now_unix: args.now_unix,
    };
    let mut compiled = assemble(&site_toml, parsed, &opts).map_err(|diagnostics| {
        let files = diagnostics
            .iter()
            .filter(|d| !d.is_warning())
            .map(|d| d.path.as_str())
            .collect::<HashSet<_>>()
            .len();
        BuildError::Content { diagnostics, files }
    })?;
    let slug_of: BTreeMap<String, String> = compiled
        .sources
        .iter()
        .map(|(slug, path)| (path.clone(), slug.clone()))
        .collect();

    let published: HashSet<String> = compiled.posts.iter().map(|p| p.meta.slug.clone()).collect();
    let cache = args.cache.as_deref().and_then(|root| {
        crate::cache::program_digest().map(|version| Cache::new(root, "blocks", &version))
    });
    let mut output = Output::default();
    output.add(
        "data/index.json",
        serde_json::to_vec(&compiled.index).expect("the model serializes"),
    );
    // What the app reads: the site and one file per page of each list (see `quire_content::listing`).
    output.add(
        "data/site.json",
        pages::to_json(&listing::site_data(&compiled.index)).into_bytes(),
    );
    for filter in listing::lists(&compiled.index) {
        for list in listing::list_pages(&compiled.index, &filter) {
            let url = urls::list_json("", &filter, list.page);
            output.add(&url, pages::to_json(&list).into_bytes());
        }
    }
    // Where each post's body starts in its file, for warnings at the file's line numbers: the body
    // is the file's tail, and rewriting links in it never adds or removes a line.
    let source_of: BTreeMap<&str, (&str, usize)> = files
        .posts
        .iter()
        .filter_map(|f| {
            let slug = slug_of.get(&f.path)?;
            let newlines = f.bytes.iter().filter(|&&b| b == b'\n').count();
            Some((slug.as_str(), (f.path.as_str(), newlines)))
        })
        .collect();
    let prepared: Vec<(String, Vec<u8>, Vec<Warning>)> = compiled
        .posts
        .par_iter_mut()
        .map(|p| {
            let (blocks, problems) = prepare(&p.body, cache.as_ref());
            p.blocks = blocks;
            let (path, file_newlines) = source_of
                .get(p.meta.slug.as_str())
                .copied()
                .unwrap_or(("", 0));
            let before_body = file_newlines.saturating_sub(p.body.matches('\n').count());
            let warnings = problems
                .into_iter()
                .map(|w| Warning {
                    path: path.to_string(),
                    line: before_body + w.line,
                    message: format!("{}; its source is shown instead", w.error),
                })
                .collect();
            (
                format!("data/posts/{}.json", p.meta.slug),
                serde_json::to_vec(p).expect("the model serializes"),
                warnings,
            )
        })
        .collect();
    let mut warnings: Vec<Warning> = compiled
        .warnings
        .iter()
        .map(|d| Warning {
            path: d.path.clone(),
            line: d.line,
            message: d
                .message
                .strip_prefix(quire_content::compile::diagnostic::WARNING)
                .unwrap_or(&d.message)
                .to_string(),
        })
        .collect();
    for (path, bytes, mut found) in prepared {
        output.add(&path, bytes);
        warnings.append(&mut found);
    }
    warnings.sort();
    for (index, assets) in &files.assets {
        let Some(slug) = slug_of
            .get(index)
            .filter(|s| published.contains(s.as_str()))
        else {
            continue;
        };
        output.post_dirs.push(slug.clone());
        for (relative, source) in assets {
            output
                .copies
                .push((format!("posts/{slug}/{relative}"), source.clone()));
        }
    }
    output.commit(&args.out)?;
    Ok(Report {
        posts: compiled.posts.len(),
        categories: compiled.index.categories.len(),
        tags: compiled.index.tags.len(),
        data_dir: format!("{}/data", shown(&args.out).trim_end_matches('/')),
        elapsed: started.elapsed(),
        blocks_reused: cache.as_ref().map_or(0, |c| c.counts.hits()),
        blocks_prepared: cache.as_ref().map_or(0, |c| c.counts.misses()),
        warnings,
    })
}

/// Removes a folder and everything in it, deleting files on all cores: the old output of a large
/// site is ten thousand files, and one thread deleting them takes as long as compiling them.
fn remove_tree(dir: &Path) {
    let mut files = Vec::new();
    if collect_files(dir, &mut files).is_ok() {
        files.par_iter().for_each(|f| {
            let _ = fs::remove_file(f);
        });
    }
    let _ = fs::remove_dir_all(dir);
}

/// Files to write, relative to the output folder.
#[derive(Default)]
struct Output {
    files: Vec<(String, Vec<u8>)>,
    copies: Vec<(String, PathBuf)>,
    /// `posts/<slug>` folders to replace.
    post_dirs: Vec<String>,
}

impl Output {
    fn add(&mut self, path: &str, bytes: Vec<u8>) {
        self.files.push((path.to_string(), bytes));
    }

    /// Writes everything into `<out>/.quire-press-<pid>/`, then renames `data/` and each `posts/<slug>/`
    /// into place, replacing what was there.
    fn commit(self, out: &Path) -> Result<(), BuildError> {
        let write_error = |path: &Path, source: io::Error| BuildError::Write {
            path: shown(path),
            source,
        };
        fs::create_dir_all(out).map_err(|e| write_error(out, e))?;
        let staging = out.join(format!(".quire-press-{}", std::process::id()));
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(|e| write_error(&staging, e))?;
        }
        let result = self.stage(&staging).and_then(|()| self.swap(out, &staging));
        // The staging folder holds only copies and replaced old output: always safe to remove.
        remove_tree(&staging);
        result.map_err(|(path, e)| write_error(&path, e))
    }

    fn stage(&self, staging: &Path) -> Result<(), (PathBuf, io::Error)> {
        let mut dirs: Vec<PathBuf> = vec![staging.join("data/posts")];
        dirs.extend(self.post_dirs.iter().map(|d| staging.join("posts").join(d)));
        let paths = self
            .copies
            .iter()
            .map(|(p, _)| p)
            .chain(self.files.iter().map(|(p, _)| p));
        for path in paths {
            if let Some(parent) = staging.join(path).parent() {
                dirs.push(parent.to_path_buf());
            }
        }
        dirs.sort();
        dirs.dedup();
        for dir in &dirs {
            fs::create_dir_all(dir).map_err(|e| (dir.clone(), e))?;
        }
        self.files.par_iter().try_for_each(|(path, bytes)| {
            let target = staging.join(path);
            fs::write(&target, bytes).map_err(|e| (target, e))
        })?;
        self.copies.par_iter().try_for_each(|(path, source)| {
            let target = staging.join(path);
            fs::copy(source, &target)
                .map(|_| ())
                .map_err(|e| (target, e))
        })
    }

    fn swap(&self, out: &Path, staging: &Path) -> Result<(), (PathBuf, io::Error)> {
        let old = staging.join("old");
        fs::create_dir_all(&old).map_err(|e| (old.clone(), e))?;
        let mut moves: Vec<PathBuf> = vec![PathBuf::from("data")];
        moves.extend(self.post_dirs.iter().map(|d| Path::new("posts").join(d)));
        if !self.post_dirs.is_empty() {
            let posts = out.join("posts");
            fs::create_dir_all(&posts).map_err(|e| (posts, e))?;
        }
        // What has been swapped so far, to put back if a later rename fails.
        let mut done: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
        for (i, relative) in moves.iter().enumerate() {
            let target = out.join(relative);
            let result = (|| {
                let aside = if target.exists() {
                    let aside = old.join(i.to_string());
                    fs::rename(&target, &aside)?;
                    Some(aside)
                } else {
                    None
                };
                if let Err(e) = fs::rename(staging.join(relative), &target) {
                    if let Some(aside) = &aside {
                        let _ = fs::rename(aside, &target);
                    }
                    return Err(e);
                }
                Ok(aside)
            })();
            match result {
                Ok(aside) => done.push((target, aside)),
                Err(e) => {
                    for (target, aside) in done.into_iter().rev() {
                        let _ = fs::remove_dir_all(&target);
                        if let Some(aside) = aside {
                            let _ = fs::rename(aside, &target);
                        }
                    }
                    return Err((target, e));
                }
            }
        }
        Ok(())
    }
}
