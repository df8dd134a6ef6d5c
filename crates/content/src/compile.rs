//! Compiling a content folder: `site.toml` and the post files in, the [`Index`] and [`Post`]s out, or every
//! problem of every file at once, each with its place in the file and what to do about it.
//!
//! Reading files is the caller's job (`quire-press`). Work is split in two so the caller can spread
//! the per-file part over threads: [`ParsedPost::parse`] reads one file on its own (front matter,
//! Markdown outline), then [`assemble`] checks what spans files (slugs, categories, links) and builds
//! the output. [`compile`] does both in one call.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use thiserror::Error;

use crate::date::PostDate;
use crate::frontmatter::{self, location_of, Format, FrontMatter, Location};
use crate::markdown::{self, LinkTarget, Outline};
use crate::model::{Category, Heading, Index, Neighbour, Post, PostSummary, SiteMeta, Tag, Term};
use crate::slug::{is_valid_slug, slugify};

/// Length of a summary cut from the first paragraph, in characters.
pub const SUMMARY_CHARS: usize = 200;

/// A file handed to the compiler.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// The path as shown to the author, with `/` separators: `content/posts/tcp.md`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What to leave out of a build.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CompileOptions {
    /// Include posts marked `draft = true`.
    pub drafts: bool,
    /// When set, leave out posts dated after this Unix time (a release build hides scheduled posts).
    pub now_unix: Option<i64>,
}

/// The compiled site: what `data/index.json` and `data/posts/<slug>.json` hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compiled {
    pub index: Index,
    /// Published posts in index order (newest first).
    pub posts: Vec<Post>,
}

/// A problem an author must fix, at its place: `content/posts/tcp.md:3:8: date "2024-13-01" is not a date: …`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    pub path: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub message: String,
}

impl Diagnostic {
    fn new(path: &str, at: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.to_string(),
            line: at.line,
            column: at.column,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

/// A category as `site.toml` lists it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct CategoryConfig {
    /// Defaults to the slug of `name`.
    #[serde(default)]
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Sort key for the category list; categories without one follow, in file order.
    #[serde(default)]
    pub order: Option<i64>,
}

/// `content/site.toml`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Absolute URL of the deployed site; a trailing `/` is removed.
    #[serde(default)]
    pub base_url: String,
    #[serde(default)]
    pub author: String,
    /// BCP 47 language tag.
    #[serde(default = "default_language")]
    pub language: String,
    /// Keep (sanitised) raw HTML in posts.
    #[serde(default)]
    pub trusted_html: bool,
    /// When empty, categories come from the posts.
    #[serde(default)]
    pub categories: Vec<CategoryConfig>,
}

fn default_language() -> String {
    "en".to_string()
}

/// Why a file could not be read as text.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("the file is not UTF-8 text (byte 0x{byte:02X} here): save it as UTF-8")]
pub struct NotUtf8 {
    pub byte: u8,
    pub location: Location,
}

/// The file's text, or where its first byte that is not UTF-8 is.
pub fn decode(bytes: &[u8]) -> Result<&str, NotUtf8> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = e.valid_up_to();
        let prefix = std::str::from_utf8(bytes.get(..good).unwrap_or_default()).unwrap_or("");
        NotUtf8 {
            byte: bytes.get(good).copied().unwrap_or_default(),
            location: location_of(prefix, good),
        }
    })
}

impl SiteConfig {
    /// Reads and checks `site.toml`: TOML syntax and types, a title, category slugs that fit in a URL
    /// and are listed once.
    pub fn parse(file: &SourceFile) -> Result<SiteConfig, Vec<Diagnostic>> {
        let path = file.path.as_str();
        let text = decode(&file.bytes)
            .map_err(|e| vec![Diagnostic::new(path, e.location, e.to_string())])?;
        let mut config: SiteConfig = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            let message = e.message().split_whitespace().collect::<Vec<_>>().join(" ");
            let message = if message == "missing field `title`" {
                "site.toml has no title: add title = \"My blog\"".to_string()
            } else {
                format!("site.toml is not valid: {message}")
            };
            vec![Diagnostic::new(path, location_of(text, at), message)]
        })?;
        let mut problems = Vec::new();
        let lines: Vec<&str> = text.lines().collect();
        if config.title.trim().is_empty() {
            problems.push(Diagnostic::new(
                path,
                find_line(&lines, "title").unwrap_or(Location::START),
                "the site title is empty: write title = \"My blog\"",
            ));
        }
        config.base_url = config.base_url.trim().trim_end_matches('/').to_string();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, c) in config.categories.iter_mut().enumerate() {
            let at = nth_table_key(&lines, "categories", i, "slug")
                .or_else(|| nth_table_key(&lines, "categories", i, "name"))
                .unwrap_or(Location::START);
            if c.slug.is_empty() {
                c.slug = slugify(&c.name);
            }
            if !is_valid_slug(&c.slug) {
                let fixed = slugify(&c.slug);
                let message = if fixed.is_empty() {
                    format!(
                        "category slug \"{}\" has no letters or digits: write slug = \"my-category\"",
                        c.slug
                    )
                } else {
                    format!(
                        "category slug \"{}\" cannot be used in a URL: write slug = \"{fixed}\"",
                        c.slug
                    )
                };
                problems.push(Diagnostic::new(path, at, message));
            } else if let Some(first) = seen.insert(c.slug.clone(), i) {
                problems.push(Diagnostic::new(
                    path,
                    at,
                    format!(
                        "category \"{}\" is listed twice (categories {} and {}): remove one",
                        c.slug,
                        first + 1,
                        i + 1
                    ),
                ));
            }
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// What `index.json` says about the site.
    pub fn meta(&self) -> SiteMeta {
        SiteMeta {
            title: self.title.clone(),
            description: self.description.clone(),
            base_url: self.base_url.clone(),
            author: self.author.clone(),
            language: self.language.clone(),
            trusted_html: self.trusted_html,
        }
    }
}

/// The first line `key = …`.
fn find_line(lines: &[&str], key: &str) -> Option<Location> {
    lines
        .iter()
        .position(|l| assigns(l, key))
        .map(|i| Location {
            line: i + 1,
            column: 1,
        })
}

/// The `key = …` line inside the `n`-th `[[table]]`.
fn nth_table_key(lines: &[&str], table: &str, n: usize, key: &str) -> Option<Location> {
    let header = format!("[[{table}]]");
    let start = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.trim() == header)
        .nth(n)?
        .0;
    lines
        .get(start + 1..)
        .unwrap_or_default()
        .iter()
        .take_while(|l| !l.trim_start().starts_with('['))
        .position(|l| assigns(l, key))
        .map(|i| Location {
            line: start + 2 + i,
            column: 1,
        })
}

fn assigns(line: &str, key: &str) -> bool {
    line.trim_start()
        .strip_prefix(key)
        .is_some_and(|rest| rest.trim_start().starts_with('='))
}

/// One post file read on its own: front matter, slug, date and the Markdown outline, with the problems
/// found so far. Cross-file checks happen in [`assemble`].
#[derive(Clone, Debug)]
pub struct ParsedPost {
    path: String,
    problems: Vec<Diagnostic>,
    format: Format,
    front_matter: FrontMatter,
    /// From the front matter, else the file or folder name; None when neither gives one.
    slug: Option<String>,
    /// Where the slug was written, or the start of the file when it came from the name.
    slug_at: Location,
    date: Option<PostDate>,
    body: String,
    body_line: usize,
    outline: Outline,
}

impl ParsedPost {
    /// Reads one post file. Never fails: problems are kept for [`assemble`] to report with all others.
    pub fn parse(file: &SourceFile) -> ParsedPost {
        let path = file.path.as_str();
        let (name_slug, name_date) = slug_from_path(path);
        let mut post = ParsedPost {
            path: file.path.clone(),
            problems: Vec::new(),
            format: Format::Toml,
            front_matter: FrontMatter::default(),
            slug: name_slug.clone(),
            slug_at: Location::START,
            date: None,
            body: String::new(),
            body_line: 1,
            outline: Outline::default(),
        };
        let text = match decode(&file.bytes) {
            Ok(text) => text,
            Err(e) => {
                post.problems
                    .push(Diagnostic::new(path, e.location, e.to_string()));
                return post;
            }
        };
        let parsed = match frontmatter::parse(text) {
            Ok(parsed) => parsed,
            Err(e) => {
                post.problems
                    .push(Diagnostic::new(path, e.location, e.kind.to_string()));
                return post;
            }
        };
        post.format = parsed.format;
        post.body_line = parsed.body_line;
        for e in &parsed.errors {
            post.problems
                .push(Diagnostic::new(path, e.location, e.kind.to_string()));
        }
        let fm = parsed.front_matter;
        let written_wrong = |field: &str| {
            fm.locations
                .get(field)
                .is_some_and(|at| parsed.errors.iter().any(|e| e.location == *at))
        };
        let format = parsed.format;

        if fm.title.is_none() && !written_wrong("title") {
            let message = if fm.locations.contains_key("title") {
                format!(
                    "the title is empty: write {}",
                    format.assignment("title", "\"…\"")
                )
            } else {
                format!(
                    "missing title: add {} to the front matter",
                    format.assignment("title", "\"…\"")
                )
            };
            post.problems
                .push(Diagnostic::new(path, fm.location("title"), message));
        }

        post.date = fm.date.clone().or(name_date);
        if post.date.is_none() && !fm.locations.contains_key("date") {
            post.problems.push(Diagnostic::new(
                path,
                Location::START,
                format!(
                    "missing date: add {} to the front matter, or name the file YYYY-MM-DD-{}.md",
                    format.assignment("date", "2024-03-05"),
                    name_slug.as_deref().unwrap_or("slug")
                ),
            ));
        }

        match &fm.slug {
            Some(written) => {
                post.slug_at = fm.location("slug");
                let fixed = slugify(written);
                if !is_valid_slug(written) {
                    let message = if fixed.is_empty() {
                        format!(
                            "slug \"{written}\" has no letters or digits: write {}",
                            format.assignment("slug", "\"my-post\"")
                        )
                    } else {
                        format!(
                            "slug \"{written}\" cannot be used in a URL: write {}",
                            format.assignment("slug", &format!("\"{fixed}\""))
                        )
                    };
                    post.problems.push(Diagnostic::new(path, post.slug_at, message));
                }
                post.slug = Some(fixed).filter(|s| !s.is_empty()).or(name_slug);
            }
            None if name_slug.is_none() => post.problems.push(Diagnostic::new(
                path,
                Location::START,
                format!(
                    "the file name gives no slug (it has no letters or digits): rename the file or add {}",
                    format.assignment("slug", "\"my-post\"")
                ),
            )),
            None => {}
        }

        for tag in &fm.tags {
            if slugify(tag).is_empty() {
                post.problems.push(Diagnostic::new(
                    path,
                    fm.location("tags"),
                    format!("tag \"{tag}\" has no letters or digits: reword it or remove it"),
                ));
            }
        }
        if let Some(series) = fm.series.as_deref().filter(|s| slugify(s).is_empty()) {
            post.problems.push(Diagnostic::new(
                path,
                fm.location("series"),
                format!("series \"{series}\" has no letters or digits: reword it or remove it"),
            ));
        }

        if parsed.body.trim().is_empty() {
            post.problems.push(Diagnostic::new(
                path,
                Location {
                    line: parsed.body_line,
                    column: 1,
                },
                format!(
                    "the post has no text: write it below the closing {} line",
                    format.delimiter()
                ),
            ));
        }
        post.outline = markdown::outline(parsed.body);
        post.body = parsed.body.to_string();
        post.front_matter = fm;
        post
    }

    /// The file's path as given.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The post's slug, when the front matter or the file name gives one.
    pub fn slug(&self) -> Option<&str> {
        self.slug.as_deref()
    }

    /// Problems found in this file alone.
    pub fn problems(&self) -> &[Diagnostic] {
        &self.problems
    }

    fn is_draft(&self) -> bool {
        self.front_matter.draft
    }

    /// Why this post is not in this build, if it is not.
    fn left_out(&self, opts: &CompileOptions) -> Option<LeftOut> {
        if self.is_draft() && !opts.drafts {
            return Some(LeftOut::Draft);
        }
        match (&self.date, opts.now_unix) {
            (Some(d), Some(now)) if d.unix > now => Some(LeftOut::Future),
            _ => None,
        }
    }

    fn link_location(&self, offset: usize) -> Location {
        let mut at = location_of(&self.body, offset);
        at.line += self.body_line - 1;
        at
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LeftOut {
    Draft,
    Future,
}

/// The slug a path gives (`posts/My Post.md` → `my-post`, `posts/2024-02-11-dns.md` → `dns`,
/// `posts/tcp/index.md` → `tcp`) and the date a Jekyll name gives.
fn slug_from_path(path: &str) -> (Option<String>, Option<PostDate>) {
    let mut parts = path.rsplit('/');
    let file = parts.next().unwrap_or("");
    let name = if file == "index.md" {
        parts.next().unwrap_or("")
    } else {
        file.strip_suffix(".md")
            .or_else(|| file.strip_suffix(".markdown"))
            .unwrap_or(file)
    };
    let (date, stem) = match crate::date::date_from_file_name(name) {
        Some((date, rest)) => (Some(date), rest),
        None => (None, name),
    };
    let slug = slugify(stem);
    (Some(slug).filter(|s| !s.is_empty()), date)
}

/// Resolves a link to a Markdown file against the file it is in, or against the content folder for
/// `/…` and Zola's `@/…`; percent-escapes decoded, `.` and `..` folded.
fn resolve_link(from: &str, content_dir: &str, link: &str) -> String {
    let link = percent_decode(link);
    let joined = match link.strip_prefix('/').or_else(|| link.strip_prefix("@/")) {
        Some(rest) => format!("{content_dir}/{rest}"),
        None => match from.rfind('/') {
            Some(i) => format!("{}/{link}", from.split_at(i).0),
            None => link,
        },
    };
    normalize_path(&joined)
}

fn normalize_path(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|&b| (b as char).to_digit(16));
        if let (Some(b'%'), Some(h), Some(l)) = (bytes.get(i), hex(i + 1), hex(i + 2)) {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.extend(bytes.get(i));
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Where the destination `written` of the link at `range` is in `body`: inside `[text](dest)`, or in the
/// `[label]: dest` definition a reference link uses.
fn find_destination(body: &str, range: &Range<usize>, written: &str) -> Option<Range<usize>> {
    let dest_after = |from: usize, to: usize, marker: &str| -> Option<Range<usize>> {
        let slice = body.get(from..to)?;
        let mut search = 0;
        while let Some(i) = slice.get(search..)?.find(marker) {
            let after = search + i + marker.len();
            let rest = slice.get(after..)?;
            let skipped = rest.len() - rest.trim_start().len();
            let rest = rest.trim_start();
            let (rest, bracket) = match rest.strip_prefix('<') {
                Some(r) => (r, 1),
                None => (rest, 0),
            };
            if rest.starts_with(written) {
                let start = from + after + skipped + bracket;
                return Some(start..start + written.len());
            }
            search = after;
        }
        None
    };
    dest_after(range.start, range.end.min(body.len()), "](")
        .or_else(|| dest_after(0, body.len(), "]:"))
}

/// Levenshtein distance over characters.
// `row` has `b.len() + 1` entries and `j < b.len()`: every index is in bounds.
#[allow(clippy::indexing_slicing)]
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The closest of `candidates` to `wrong`, if it is close enough to be a typo.
fn did_you_mean<'a>(wrong: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let wrong = wrong.to_lowercase();
    let limit = (wrong.chars().count() / 3).max(2);
    candidates
        .map(|c| (edit_distance(&wrong, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// Names as first written, by slug, in the order they are first seen.
#[derive(Default)]
struct Terms {
    by_slug: BTreeMap<String, (String, usize)>,
}

impl Terms {
    fn add(&mut self, name: &str) -> Term {
        let slug = slugify(name);
        let entry = self
            .by_slug
            .entry(slug.clone())
            .or_insert_with(|| (name.to_string(), 0));
        entry.1 += 1;
        Term {
            slug,
            name: entry.0.clone(),
        }
    }
}

/// Checks what spans files (duplicate slugs, categories, links between posts), and builds the index and
/// posts. `posts` may come in any order; they are processed in path order.
// Indices `i`, `t`, `first` are positions in `posts`, and `left_out`, `category_of` and `rewrites`
// have one entry per post; `c` is a position in `config.categories`, as `category_counts` is.
#[allow(clippy::indexing_slicing)]
pub fn assemble(
    site_toml: &SourceFile,
    mut posts: Vec<ParsedPost>,
    opts: &CompileOptions,
) -> Result<Compiled, Vec<Diagnostic>> {
    posts.sort_by(|a, b| a.path.cmp(&b.path));
    let mut problems: Vec<Diagnostic> = posts.iter().flat_map(|p| p.problems.clone()).collect();
    let config = match SiteConfig::parse(site_toml) {
        Ok(c) => Some(c),
        Err(mut d) => {
            problems.append(&mut d);
            None
        }
    };
    let content_dir = site_toml
        .path
        .rfind('/')
        .map_or("", |i| site_toml.path.split_at(i).0);

    // Slugs: the first file (in path order) keeps it.
    let mut by_slug: HashMap<&str, usize> = HashMap::with_capacity(posts.len());
    for (i, post) in posts.iter().enumerate() {
        let Some(slug) = post.slug.as_deref() else {
            continue;
        };
        if let Some(&first) = by_slug.get(slug) {
            problems.push(Diagnostic::new(
                &post.path,
                post.slug_at,
                format!(
                    "slug \"{slug}\" is already used by {}: rename this file or give it another {}",
                    posts[first].path,
                    post.format.assignment("slug", "\"…\"")
                ),
            ));
        } else {
            by_slug.insert(slug, i);
        }
    }
    let by_path: HashMap<String, usize> = posts
        .iter()
        .enumerate()
        .map(|(i, p)| (normalize_path(&p.path), i))
        .collect();

    // Categories from site.toml: match a slug or a name, ignoring case.
    let listed = config.as_ref().map_or(&[][..], |c| &c.categories[..]);
    let mut category_of: Vec<Option<usize>> = vec![None; posts.len()];
    if !listed.is_empty() {
        let known: Vec<&str> = listed.iter().map(|c| c.slug.as_str()).collect();
        for (i, post) in posts.iter().enumerate() {
            let Some(written) = post.front_matter.category.as_deref() else {
                continue;
            };
            let found = listed.iter().position(|c| {
                c.slug.eq_ignore_ascii_case(written)
                    || c.name.to_lowercase() == written.to_lowercase()
            });
            match found {
                Some(c) => category_of[i] = Some(c),
                None => {
                    let names = listed
                        .iter()
                        .flat_map(|c| [c.slug.as_str(), c.name.as_str()]);
                    let hint = did_you_mean(written, names)
                        .and_then(|n| listed.iter().find(|c| c.slug == n || c.name == n))
                        .map(|c| format!(" (did you mean \"{}\"?)", c.slug))
                        .unwrap_or_default();
                    problems.push(Diagnostic::new(
                        &post.path,
                        post.front_matter.location("category"),
                        format!(
                            "unknown category \"{written}\"{hint}: use one of {}, or add it to site.toml",
                            known.join(", ")
                        ),
                    ));
                }
            }
        }
    } else {
        for post in &posts {
            if let Some(c) = post.front_matter.category.as_deref() {
                if slugify(c).is_empty() {
                    problems.push(Diagnostic::new(
                        &post.path,
                        post.front_matter.location("category"),
                        format!(
                            "category \"{c}\" has no letters or digits: reword it or remove it"
                        ),
                    ));
                }
            }
        }
    }

    // Links between posts, and the `.md` links to rewrite.
    let left_out: Vec<Option<LeftOut>> = posts.iter().map(|p| p.left_out(opts)).collect();
    let mut rewrites: Vec<Vec<(Range<usize>, String)>> = vec![Vec::new(); posts.len()];
    for (i, post) in posts.iter().enumerate() {
        for link in &post.outline.post_links {
            let at = post.link_location(link.range.start);
            let target = match &link.target {
                LinkTarget::Slug(slug) => by_slug.get(slug.as_str()).copied().ok_or_else(|| {
                    let hint = did_you_mean(slug, by_slug.keys().copied())
                        .map(|s| format!(" (did you mean \"/posts/{s}/\"?)"))
                        .unwrap_or_default();
                    format!(
                        "link to \"{}\" matches no post{hint}: check the slug, or remove the link",
                        link.written
                    )
                }),
                LinkTarget::File(file) => {
                    let resolved = resolve_link(&post.path, content_dir, file);
                    by_path.get(&resolved).copied().ok_or_else(|| {
                        format!(
                            "link to \"{}\" matches no post (there is no {resolved}): check the path, or remove the link",
                            link.written
                        )
                    })
                }
            };
            let t = match target {
                Ok(t) => t,
                Err(message) => {
                    problems.push(Diagnostic::new(&post.path, at, message));
                    continue;
                }
            };
            // A post left out of this build may link to another left out: both appear together.
            if left_out[i].is_none() {
                let why = match left_out[t] {
                    Some(LeftOut::Draft) => Some("a draft".to_string()),
                    Some(LeftOut::Future) => Some(format!(
                        "a post dated in the future ({})",
                        posts[t].date.as_ref().map_or("", |d| d.normalized.as_str())
                    )),
                    None => None,
                };
                if let Some(why) = why {
                    problems.push(Diagnostic::new(
                        &post.path,
                        at,
                        format!(
                            "links to {why}, \"{}\" ({}): publish it or remove the link",
                            link.written, posts[t].path
                        ),
                    ));
                    continue;
                }
            }
            if let (LinkTarget::File(_), Some(slug)) = (&link.target, posts[t].slug.as_deref()) {
                let fragment = link
                    .written
                    .find('#')
                    .map_or("", |f| link.written.split_at(f).1);
                if let Some(range) = find_destination(&post.body, &link.range, &link.written) {
                    rewrites[i].push((range, format!("/posts/{slug}/{fragment}")));
                }
            }
        }
    }

    if !problems.is_empty() {
        problems.sort();
        problems.dedup();
        return Err(problems);
    }
    let config = config.unwrap_or_default();

    // Published posts, in path order for first-written names, then newest first.
    let mut tags = Terms::default();
    let mut series = Terms::default();
    let mut post_categories = Terms::default();
    let mut category_counts = vec![0usize; config.categories.len()];
    let mut built: Vec<(i64, Post)> = Vec::new();
    for (i, post) in posts.into_iter().enumerate() {
        if left_out[i].is_some() {
            continue;
        }
        let fm = &post.front_matter;
        let category = match category_of[i] {
            Some(c) => {
                category_counts[c] += 1;
                Some(Term {
                    slug: config.categories[c].slug.clone(),
                    name: config.categories[c].name.clone(),
                })
            }
            None if config.categories.is_empty() => {
                fm.category.as_deref().map(|c| post_categories.add(c))
            }
            None => None,
        };
        let mut post_tags: Vec<Term> = Vec::with_capacity(fm.tags.len());
        // A set of the slugs so far, not a scan of the list: a post may carry thousands of tags.
        let mut seen = HashSet::with_capacity(fm.tags.len());
        for name in &fm.tags {
            if seen.insert(slugify(name)) {
                post_tags.push(tags.add(name));
            }
        }
        let mut body = post.body;
        let mut edits = std::mem::take(&mut rewrites[i]);
        edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
        edits.dedup_by_key(|(r, _)| r.start);
        for (range, replacement) in edits {
            body.replace_range(range, &replacement);
        }
        let summary = fm
            .summary
            .clone()
            .unwrap_or_else(|| markdown::summarize(&post.outline.first_paragraph, SUMMARY_CHARS));
        let date = post.date.unwrap_or_else(|| PostDate {
            normalized: String::new(),
            unix: 0,
        });
        let meta = PostSummary {
            slug: post.slug.unwrap_or_default(),
            title: fm.title.clone().unwrap_or_default(),
            summary: summary.trim().to_string(),
            date: date.normalized,
            updated: fm.updated.as_ref().map(|d| d.normalized.clone()),
            category,
            tags: post_tags,
            reading_minutes: markdown::reading_minutes(post.outline.word_count),
            word_count: post.outline.word_count,
            series: fm.series.as_deref().map(|s| series.add(s)),
        };
        let headings: Vec<Heading> = post.outline.headings;
        built.push((
            date.unix,
            Post {
                meta,
                authors: fm.authors.clone(),
                extra: fm.extra.clone(),
                cover: fm.cover.clone(),
                body,
                blocks: Vec::new(),
                headings,
                prev: None,
                next: None,
            },
        ));
    }
    built.sort_by(|(ua, a), (ub, b)| ub.cmp(ua).then_with(|| a.meta.slug.cmp(&b.meta.slug)));
    let mut posts: Vec<Post> = built.into_iter().map(|(_, p)| p).collect();
    let neighbours: Vec<Neighbour> = posts
        .iter()
        .map(|p| Neighbour {
            slug: p.meta.slug.clone(),
            title: p.meta.title.clone(),
        })
        .collect();
    for (i, post) in posts.iter_mut().enumerate() {
        post.prev = i.checked_sub(1).map(|j| neighbours[j].clone());
        post.next = neighbours.get(i + 1).cloned();
    }

    let categories = if config.categories.is_empty() {
        let mut list: Vec<Category> = post_categories
            .by_slug
            .into_iter()
            .map(|(slug, (name, count))| Category {
                slug,
                name,
                description: String::new(),
                count,
            })
            .collect();
        list.sort_by(|a, b| {
            (a.name.to_lowercase(), &a.slug).cmp(&(b.name.to_lowercase(), &b.slug))
        });
        list
    } else {
        let mut order: Vec<usize> = (0..config.categories.len()).collect();
        order.sort_by_key(|&i| config.categories[i].order.map_or((1, 0), |o| (0, o)));
        order
            .into_iter()
            .map(|i| {
                let c = &config.categories[i];
                Category {
                    slug: c.slug.clone(),
                    name: c.name.clone(),
                    description: c.description.clone(),
                    count: category_counts[i],
                }
            })
            .collect()
    };
    let mut tag_list: Vec<Tag> = tags
        .by_slug
        .into_iter()
        .map(|(slug, (name, count))| Tag { slug, name, count })
        .collect();
    tag_list
        .sort_by(|a, b| (a.name.to_lowercase(), &a.slug).cmp(&(b.name.to_lowercase(), &b.slug)));

    Ok(Compiled {
        index: Index {
            site: config.meta(),
            categories,
            tags: tag_list,
            posts: posts.iter().map(|p| p.meta.clone()).collect(),
        },
        posts,
    })
}

/// Compiles a site: `site.toml` and every post file, in one call. Returns every problem of every file,
/// sorted by path and place, or the compiled site.
pub fn compile(
    site_toml: &SourceFile,
    posts: &[SourceFile],
    opts: &CompileOptions,
) -> Result<Compiled, Vec<Diagnostic>> {
    assemble(
        site_toml,
        posts.iter().map(ParsedPost::parse).collect(),
        opts,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    const SITE: &str = "title = \"Test\"\n\
        base_url = \"https://t.example/\"\n\
        author = \"Ana\"\n\
        \n\
        [[categories]]\n\
        slug = \"networking\"\n\
        name = \"Networking\"\n\
        description = \"Packets.\"\n\
        \n\
        [[categories]]\n\
        slug = \"rust\"\n\
        name = \"Rust Language\"\n";

    fn file(path: &str, text: &str) -> SourceFile {
        SourceFile {
            path: path.to_string(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn build(
        site: &str,
        files: &[(&str, &str)],
        opts: CompileOptions,
    ) -> Result<Compiled, Vec<String>> {
        let posts: Vec<SourceFile> = files.iter().map(|(p, t)| file(p, t)).collect();
        compile(&file("content/site.toml", site), &posts, &opts)
            .map_err(|d| d.iter().map(Diagnostic::to_string).collect())
    }

    fn errors(files: &[(&str, &str)]) -> Vec<String> {
        match build(SITE, files, CompileOptions::default()) {
            Ok(c) => panic!("expected errors, compiled {} posts", c.posts.len()),
            Err(e) => e,
        }
    }

    fn ok(files: &[(&str, &str)]) -> Compiled {
        build(SITE, files, CompileOptions::default()).unwrap_or_else(|e| panic!("{}", e.join("\n")))
    }

    const GOOD: &str = "+++\ntitle = \"Good\"\ndate = 2024-01-01\n+++\nSome text.\n";

    /// One file per rule, and the exact line an author sees.
    #[test]
    fn each_rule_has_its_message() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "content/posts/a.md",
                "# Title\n\nText\n",
                "content/posts/a.md:1:1: the file has no front matter: begin it with a +++ line (TOML) or a --- line (YAML), then the title and date, then the same line again",
            ),
            (
                "content/posts/a.md",
                "---\ntitle: A\ndate: 2024-01-01\n\nText\n",
                "content/posts/a.md:1:1: the front matter opened here is never closed: add a --- line after its last field",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\ntags = [\"a\",\n+++\nText\n",
                "content/posts/a.md:4:13: the front matter is not valid TOML: unclosed array, expected `]`",
            ),
            (
                "content/posts/a.md",
                "---\ntitle: A\ndate: 2024-01-01\ntags: a: b\n---\nText\n",
                "content/posts/a.md:4:8: the front matter is not valid YAML: mapping values are not allowed in this context",
            ),
            (
                "content/posts/a.md",
                "+++\ndate = 2024-01-01\n+++\nText\n",
                "content/posts/a.md:1:1: missing title: add title = \"…\" to the front matter",
            ),
            (
                "content/posts/a.md",
                "---\ntitle: \"  \"\ndate: 2024-01-01\n---\nText\n",
                "content/posts/a.md:2:8: the title is empty: write title: \"…\"",
            ),
            (
                "content/posts/a.md",
                "---\ntitle: A\n---\nText\n",
                "content/posts/a.md:1:1: missing date: add date: 2024-03-05 to the front matter, or name the file YYYY-MM-DD-a.md",
            ),
            (
                "content/posts/tcp.md",
                "+++\ntitle = \"TCP\"\ndate = 2024-13-01\n+++\nText\n",
                "content/posts/tcp.md:3:8: date \"2024-13-01\" is not a date: write YYYY-MM-DD or an RFC 3339 date-time like 2024-03-05T10:00:00Z",
            ),
            (
                "content/posts/a.md",
                "---\ntitle: A\ndate: 2024-02-30 10:00\n---\nText\n",
                "content/posts/a.md:3:7: date \"2024-02-30 10:00\" is not a date: write YYYY-MM-DD or an RFC 3339 date-time like 2024-03-05T10:00:00Z",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\nupdated = \"soon\"\n+++\nText\n",
                "content/posts/a.md:4:11: updated \"soon\" is not a date: write YYYY-MM-DD or an RFC 3339 date-time like 2024-03-05T10:00:00Z",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\nslug = \"My Post!\"\n+++\nText\n",
                "content/posts/a.md:4:8: slug \"My Post!\" cannot be used in a URL: write slug = \"my-post\"",
            ),
            (
                "content/posts/a.md",
                "---\ntitle: A\ndate: 2024-01-01\nslug: \"???\"\n---\nText\n",
                "content/posts/a.md:4:7: slug \"???\" has no letters or digits: write slug: \"my-post\"",
            ),
            (
                "content/posts/+++.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\nText\n",
                "content/posts/+++.md:1:1: the file name gives no slug (it has no letters or digits): rename the file or add slug = \"my-post\"",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\ncategory = \"netwroking\"\n+++\nText\n",
                "content/posts/a.md:4:12: unknown category \"netwroking\" (did you mean \"networking\"?): use one of networking, rust, or add it to site.toml",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\n[taxonomies]\ncategories = [\"Rust Languag\"]\n+++\nText\n",
                "content/posts/a.md:5:14: unknown category \"Rust Languag\" (did you mean \"rust\"?): use one of networking, rust, or add it to site.toml",
            ),
            (
                "content/posts/a.md",
                "---\ntitle: A\ndate: 2024-01-01\ncategories: cooking\n---\nText\n",
                "content/posts/a.md:4:13: unknown category \"cooking\": use one of networking, rust, or add it to site.toml",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\n \n\t\n",
                "content/posts/a.md:5:1: the post has no text: write it below the closing +++ line",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\ntags = [\"ok\", \"+++\"]\n+++\nText\n",
                "content/posts/a.md:4:8: tag \"+++\" has no letters or digits: reword it or remove it",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\nIntro.\n\nSee [the other post](/posts/nope/) too.\n",
                "content/posts/a.md:7:5: link to \"/posts/nope/\" matches no post: check the slug, or remove the link",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\nSee [good](/posts/god#x).\n",
                "content/posts/a.md:5:5: link to \"/posts/god#x\" matches no post (did you mean \"/posts/good/\"?): check the slug, or remove the link",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\n- one\n- see [it](../posts/missing.md#part)\n",
                "content/posts/a.md:6:7: link to \"../posts/missing.md#part\" matches no post (there is no content/posts/missing.md): check the path, or remove the link",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\nRead [this](/posts/draft/).\n",
                "content/posts/a.md:5:6: links to a draft, \"/posts/draft/\" (content/posts/draft.md): publish it or remove the link",
            ),
        ];
        let draft = "+++\ntitle = \"D\"\ndate = 2024-01-01\ndraft = true\n+++\nDraft.\n";
        let mut failures = Vec::new();
        for (path, text, expected) in cases {
            let files = [
                (*path, *text),
                ("content/posts/good.md", GOOD),
                ("content/posts/draft.md", draft),
            ];
            let expected = vec![expected.to_string()];
            let got = match build(SITE, &files, CompileOptions::default()) {
                Ok(_) => vec!["(compiled)".to_string()],
                Err(e) => e,
            };
            if got != expected {
                failures.push(format!(
                    "{text:?}\n  got:      {got:?}\n  expected: {expected:?}"
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn not_utf8_points_at_the_byte() {
        let mut bytes = b"+++\ntitle = \"Caf".to_vec();
        bytes.extend([0xE9, b'"', b'\n']);
        let d = compile(
            &file("content/site.toml", SITE),
            &[SourceFile {
                path: "content/posts/cafe.md".into(),
                bytes,
            }],
            &CompileOptions::default(),
        )
        .unwrap_err();
        assert_eq!(
            d[0].to_string(),
            "content/posts/cafe.md:2:13: the file is not UTF-8 text (byte 0xE9 here): save it as UTF-8"
        );
    }

    #[test]
    fn every_problem_of_every_file_at_once_sorted() {
        let got = errors(&[
            (
                "content/posts/b.md",
                "+++\ndate = 2024-01-01\ncategory = \"x\"\n+++\n",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = \"x\"\n+++\nText\n",
            ),
            ("content/posts/c.md", "no front matter"),
            ("content/posts/d.md", GOOD),
        ]);
        assert_eq!(
            got,
            [
                "content/posts/a.md:3:8: date \"x\" is not a date: write YYYY-MM-DD or an RFC 3339 date-time like 2024-03-05T10:00:00Z",
                "content/posts/b.md:1:1: missing title: add title = \"…\" to the front matter",
                "content/posts/b.md:3:12: unknown category \"x\": use one of networking, rust, or add it to site.toml",
                "content/posts/b.md:5:1: the post has no text: write it below the closing +++ line",
                "content/posts/c.md:1:1: the file has no front matter: begin it with a +++ line (TOML) or a --- line (YAML), then the title and date, then the same line again",
            ]
        );
    }

    #[test]
    fn duplicate_slugs_name_the_first_file() {
        let got = errors(&[
            (
                "content/posts/b.md",
                "+++\ntitle = \"B\"\ndate = 2024-01-01\n+++\nText\n",
            ),
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\nslug = \"b\"\n+++\nText\n",
            ),
            (
                "content/posts/2023-05-01-c.md",
                "---\ntitle: C\n---\nText\n",
            ),
            (
                "content/posts/d.md",
                "---\ntitle: D\ndate: 2024-01-01\nslug: c\n---\nText\n",
            ),
        ]);
        assert_eq!(
            got,
            [
                "content/posts/b.md:1:1: slug \"b\" is already used by content/posts/a.md: rename this file or give it another slug = \"…\"",
                "content/posts/d.md:4:7: slug \"c\" is already used by content/posts/2023-05-01-c.md: rename this file or give it another slug: \"…\"",
            ]
        );
    }

    #[test]
    fn site_toml_problems() {
        let post = [("content/posts/a.md", GOOD)];
        let cases: &[(&str, &str)] = &[
            ("description = \"x\"\n", "content/site.toml:1:1: site.toml has no title: add title = \"My blog\""),
            ("title = \"\"\n", "content/site.toml:1:1: the site title is empty: write title = \"My blog\""),
            ("title = \"T\"\ntrusted_html = \"yes\"\n", "content/site.toml:2:16: site.toml is not valid: invalid type: string \"yes\", expected a boolean"),
            (
                "title = \"T\"\n[[categories]]\nslug = \"Back End\"\nname = \"Back end\"\n",
                "content/site.toml:3:1: category slug \"Back End\" cannot be used in a URL: write slug = \"back-end\"",
            ),
            (
                "title = \"T\"\n[[categories]]\nslug = \"a\"\nname = \"A\"\n[[categories]]\nslug = \"a\"\nname = \"A again\"\n",
                "content/site.toml:6:1: category \"a\" is listed twice (categories 1 and 2): remove one",
            ),
        ];
        for (site, expected) in cases {
            assert_eq!(
                build(site, &post, CompileOptions::default()).map(|_| ()),
                Err(vec![expected.to_string()]),
                "{site:?}"
            );
        }
    }

    #[test]
    fn slugs_from_names_and_folders() {
        let c = ok(&[
            ("content/posts/My Post.md", GOOD),
            (
                "content/posts/2024-02-11-dns.md",
                "---\ntitle: DNS\n---\nText\n",
            ),
            ("content/posts/memory-layout/index.md", GOOD),
            (
                "content/posts/x.md",
                "+++\ntitle = \"X\"\ndate = 2024-01-01\nslug = \"chosen\"\n+++\nText\n",
            ),
        ]);
        let slugs: Vec<(&str, &str)> = c
            .index
            .posts
            .iter()
            .map(|p| (p.slug.as_str(), p.date.as_str()))
            .collect();
        assert_eq!(
            slugs,
            [
                ("dns", "2024-02-11"),
                ("chosen", "2024-01-01"),
                ("memory-layout", "2024-01-01"),
                ("my-post", "2024-01-01"),
            ]
        );
    }

    #[test]
    fn order_neighbours_summaries_and_terms() {
        let c = ok(&[
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-03-01T10:00:00+02:00\ndescription = \"From the description.\"\ncategory = \"RUST\"\ntags = [\"Async IO\", \"rust\"]\nseries = \"Queues\"\n+++\nText\n",
            ),
            (
                "content/posts/b.md",
                "---\ntitle: B\ndate: 2024-03-01T08:00:00Z\nsummary: \"  Own summary.  \"\ncategory: Rust Language\ntags: [async-io, Memory]\nseries: queues\nauthors: [Ana, Bo]\nlayout: post\n---\nText\n",
            ),
            ("content/posts/c.md", "+++\ntitle = \"C\"\ndate = 2024-03-01T08:00:00Z\ncategory = \"networking\"\n+++\nText\n"),
            ("content/posts/d.md", "+++\ntitle = \"D\"\ndate = 2023-01-01\n+++\nText\n"),
        ]);
        let order: Vec<&str> = c.index.posts.iter().map(|p| p.slug.as_str()).collect();
        // a is 08:00Z too: ties go by slug.
        assert_eq!(order, ["a", "b", "c", "d"]);
        let neighbours: Vec<(Option<&str>, Option<&str>)> = c
            .posts
            .iter()
            .map(|p| {
                (
                    p.prev.as_ref().map(|n| n.slug.as_str()),
                    p.next.as_ref().map(|n| n.slug.as_str()),
                )
            })
            .collect();
        assert_eq!(
            neighbours,
            [
                (None, Some("b")),
                (Some("a"), Some("c")),
                (Some("b"), Some("d")),
                (Some("c"), None)
            ]
        );
        let a = &c.index.posts[0];
        let b = &c.index.posts[1];
        assert_eq!(a.summary, "From the description.");
        assert_eq!(b.summary, "Own summary.");
        assert_eq!(a.date, "2024-03-01T10:00:00+02:00");
        let rust = Term {
            slug: "rust".into(),
            name: "Rust Language".into(),
        };
        assert_eq!(
            (a.category.clone(), b.category.clone()),
            (Some(rust.clone()), Some(rust))
        );
        let tag = |slug: &str, name: &str| Term {
            slug: slug.into(),
            name: name.into(),
        };
        assert_eq!(a.tags, [tag("async-io", "Async IO"), tag("rust", "rust")]);
        assert_eq!(
            b.tags,
            [tag("async-io", "Async IO"), tag("memory", "Memory")]
        );
        assert_eq!(b.series, Some(tag("queues", "Queues")));
        let counts: Vec<(&str, usize)> = c
            .index
            .tags
            .iter()
            .map(|t| (t.name.as_str(), t.count))
            .collect();
        assert_eq!(counts, [("Async IO", 2), ("Memory", 1), ("rust", 1)]);
        let cats: Vec<(&str, usize)> = c
            .index
            .categories
            .iter()
            .map(|t| (t.slug.as_str(), t.count))
            .collect();
        assert_eq!(cats, [("networking", 1), ("rust", 2)]);
        assert_eq!(c.posts[1].authors, ["Ana", "Bo"]);
        assert_eq!(c.posts[1].extra["layout"], "post");
        assert_eq!(c.index.site.base_url, "https://t.example");
        assert_eq!(c.index.site.language, "en");
        assert_eq!(c.posts[3].meta.reading_minutes, 1);
    }

    #[test]
    fn categories_from_posts_when_site_lists_none() {
        let site = "title = \"T\"\n";
        let c = build(
            site,
            &[
                (
                    "content/posts/a.md",
                    "+++\ntitle = \"A\"\ndate = 2024-01-01\ncategory = \"Zebra Talk\"\n+++\nText\n",
                ),
                (
                    "content/posts/b.md",
                    "+++\ntitle = \"B\"\ndate = 2024-01-02\ncategory = \"apples\"\n+++\nText\n",
                ),
                (
                    "content/posts/c.md",
                    "+++\ntitle = \"C\"\ndate = 2024-01-03\ncategory = \"zebra talk\"\n+++\nText\n",
                ),
            ],
            CompileOptions::default(),
        )
        .unwrap();
        let cats: Vec<(&str, &str, usize)> = c
            .index
            .categories
            .iter()
            .map(|c| (c.slug.as_str(), c.name.as_str(), c.count))
            .collect();
        assert_eq!(
            cats,
            [("apples", "apples", 1), ("zebra-talk", "Zebra Talk", 2)]
        );
        assert_eq!(
            c.posts[0].meta.category.as_ref().unwrap().name,
            "Zebra Talk"
        );
    }

    #[test]
    fn category_order_field() {
        let site = "title = \"T\"\n[[categories]]\nslug = \"b\"\nname = \"B\"\n[[categories]]\nslug = \"a\"\nname = \"A\"\norder = 1\n[[categories]]\nname = \"C c\"\n";
        let c = build(
            site,
            &[("content/posts/p.md", GOOD)],
            CompileOptions::default(),
        )
        .unwrap();
        let cats: Vec<(&str, usize)> = c
            .index
            .categories
            .iter()
            .map(|c| (c.slug.as_str(), c.count))
            .collect();
        assert_eq!(cats, [("a", 0), ("b", 0), ("c-c", 0)]);
    }

    #[test]
    fn drafts_and_future_posts() {
        let files = [
            ("content/posts/now.md", GOOD),
            (
                "content/posts/draft.md",
                "+++\ntitle = \"D\"\ndate = 2024-01-02\ndraft = true\n+++\nText\n",
            ),
            (
                "content/posts/later.md",
                "---\ntitle: L\ndate: 2027-03-01\n---\nText\n",
            ),
        ];
        let slugs = |opts: CompileOptions| -> Vec<String> {
            build(SITE, &files, opts)
                .unwrap()
                .index
                .posts
                .iter()
                .map(|p| p.slug.clone())
                .collect()
        };
        assert_eq!(slugs(CompileOptions::default()), ["later", "now"]);
        assert_eq!(
            slugs(CompileOptions {
                drafts: true,
                now_unix: None
            }),
            ["later", "draft", "now"]
        );
        let now = crate::date::parse_date("2026-01-01").unwrap().unix;
        assert_eq!(
            slugs(CompileOptions {
                drafts: true,
                now_unix: Some(now)
            }),
            ["draft", "now"]
        );
    }

    #[test]
    fn links_to_left_out_posts() {
        let files = [
            ("content/posts/a.md", "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\nSee [later](later.md) and [d](/posts/d).\n"),
            ("content/posts/d.md", "+++\ntitle = \"D\"\ndate = 2024-01-02\ndraft = true\n+++\nSee [a](/posts/a/) and [later](/posts/later/).\n"),
            ("content/posts/later.md", "---\ntitle: L\ndate: 2027-03-01\n---\nText\n"),
        ];
        let now = crate::date::parse_date("2026-01-01").unwrap().unix;
        assert_eq!(
            build(SITE, &files, CompileOptions { drafts: false, now_unix: Some(now) }).map(|_| ()),
            Err(vec![
                "content/posts/a.md:5:5: links to a post dated in the future (2027-03-01), \"later.md\" (content/posts/later.md): publish it or remove the link".to_string(),
                "content/posts/a.md:5:27: links to a draft, \"/posts/d\" (content/posts/d.md): publish it or remove the link".to_string(),
            ])
        );
        assert!(build(
            SITE,
            &files,
            CompileOptions {
                drafts: true,
                now_unix: None
            }
        )
        .is_ok());
    }

    #[test]
    fn markdown_file_links_are_rewritten() {
        let c = ok(&[
            (
                "content/posts/a.md",
                "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\n\
                 [one](b.md), [two](./deep/index.md#setup \"t\"), [three](/posts/b.md), [four][ref], [<5>](<My%20Post.md>)\n\n\
                 [ref]: ../posts/b.md#end\n",
            ),
            ("content/posts/b.md", GOOD),
            ("content/posts/deep/index.md", GOOD),
            ("content/posts/My Post.md", GOOD),
        ]);
        let a = c.posts.iter().find(|p| p.meta.slug == "a").unwrap();
        assert_eq!(
            a.body,
            "[one](/posts/b/), [two](/posts/deep/#setup \"t\"), [three](/posts/b/), [four][ref], [<5>](</posts/my-post/>)\n\n\
             [ref]: /posts/b/#end\n"
        );
    }

    #[test]
    fn outline_feeds_summary_headings_and_counts() {
        let body = "First paragraph of the post,\nwith a line break.\n\n## Why it matters\n\n```rust\nlet code = 1;\n```\n\nMore words here.\n";
        let c = ok(&[(
            "content/posts/a.md",
            &format!("+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\n{body}"),
        )]);
        let post = &c.posts[0];
        assert_eq!(
            post.meta.summary,
            "First paragraph of the post, with a line break."
        );
        assert_eq!(post.body, body);
        assert_eq!(
            post.headings,
            [Heading {
                level: 2,
                text: "Why it matters".into(),
                id: "why-it-matters".into()
            }]
        );
        // Code blocks are not prose: 12 words of paragraphs and 3 of the heading.
        assert_eq!(post.meta.word_count, 15);
        assert_eq!(post.meta.reading_minutes, 1);
    }

    #[test]
    fn link_resolution() {
        assert_eq!(
            resolve_link("content/posts/a.md", "content", "b.md"),
            "content/posts/b.md"
        );
        assert_eq!(
            resolve_link("content/posts/x/index.md", "content", "../b.md"),
            "content/posts/b.md"
        );
        assert_eq!(
            resolve_link("content/posts/a.md", "content", "/posts/b.md"),
            "content/posts/b.md"
        );
        assert_eq!(
            resolve_link("content/posts/a.md", "content", "./My%20Post.md"),
            "content/posts/My Post.md"
        );
        assert_eq!(
            resolve_link("../site/posts/a.md", "../site", "b.md"),
            "../site/posts/b.md"
        );
        // Zola writes internal links from the content folder as `@/…`.
        assert_eq!(
            resolve_link("content/posts/x/index.md", "content", "@/posts/b.md"),
            "content/posts/b.md"
        );
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(
            did_you_mean("pyhton", ["python", "rust"].into_iter()),
            Some("python")
        );
        assert_eq!(did_you_mean("go", ["python", "rust"].into_iter()), None);
    }
}
