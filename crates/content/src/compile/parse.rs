//! One post file read on its own: front matter, slug, date and the Markdown outline. Nothing here looks at
//! other files, so the caller may parse files on many threads.

use std::ops::Range;

use super::diagnostic::{decode, Diagnostic};
use super::links::apply_rewrites;
use super::series::SERIES_PART;
use super::taxonomy::PostTerms;
use super::{CompileOptions, SourceFile, SUMMARY_CHARS};
use crate::date::PostDate;
use crate::frontmatter::{self, location_of, Format, FrontMatter, Location};
use crate::markdown::{self, Outline};
use crate::model::{Post, PostPage, PostSummary};
use crate::slug::{is_valid_slug, slugify};
use crate::spans::TomlSpans;

/// One post file read on its own: front matter, slug, date and the Markdown outline, with the problems
/// found so far. Cross-file checks happen in [`assemble`].
#[derive(Clone, Debug)]
pub struct ParsedPost {
    pub(super) path: String,
    pub(super) problems: Vec<Diagnostic>,
    pub(super) format: Format,
    pub(super) front_matter: FrontMatter,
    /// From the front matter, else the file or folder name; None when neither gives one.
    pub(super) slug: Option<String>,
    /// Where the slug was written, or the start of the file when it came from the name.
    pub(super) slug_at: Location,
    pub(super) date: Option<PostDate>,
    pub(super) body: String,
    pub(super) body_line: usize,
    pub(super) outline: Outline,
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

        if let Some(value) = fm.extra.get(SERIES_PART) {
            if value.as_i64().is_none_or(|n| n < 1) {
                post.problems.push(Diagnostic::new(
                    path,
                    series_part_location(text, format),
                    format!(
                        "{SERIES_PART} must be a whole number from 1 (the part's place in its series), not {value}: write {}",
                        format.assignment(SERIES_PART, "2")
                    ),
                ));
            }
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

    pub(super) fn is_draft(&self) -> bool {
        self.front_matter.draft
    }

    /// Why this post is not in this build, if it is not.
    pub(super) fn left_out(&self, opts: &CompileOptions) -> Option<LeftOut> {
        if self.is_draft() && !opts.drafts {
            return Some(LeftOut::Draft);
        }
        match (&self.date, opts.now_unix) {
            (Some(d), Some(now)) if d.unix > now => Some(LeftOut::Future),
            _ => None,
        }
    }

    pub(super) fn link_location(&self, offset: usize) -> Location {
        let mut at = location_of(&self.body, offset);
        at.line += self.body_line - 1;
        at
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LeftOut {
    Draft,
    Future,
}

/// The slug a path gives (`posts/My Post.md` → `my-post`, `posts/2024-02-11-dns.md` → `dns`,
/// `posts/tcp/index.md` → `tcp`) and the date a Jekyll name gives.
pub(super) fn slug_from_path(path: &str) -> (Option<String>, Option<PostDate>) {
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

impl ParsedPost {
    /// The published post, with its terms and its `.md` links rewritten; neighbours, series and related
    /// posts are filled in once every post is built. Returns the post's Unix time for ordering.
    pub(super) fn into_post(
        self,
        terms: PostTerms,
        rewrites: Vec<(Range<usize>, String)>,
    ) -> (i64, Post) {
        let fm = self.front_matter;
        let body = apply_rewrites(self.body, rewrites);
        let summary = fm
            .summary
            .clone()
            .unwrap_or_else(|| markdown::summarize(&self.outline.first_paragraph, SUMMARY_CHARS));
        let date = self.date.unwrap_or_else(|| PostDate {
            normalized: String::new(),
            unix: 0,
        });
        let meta = PostSummary {
            slug: self.slug.unwrap_or_default(),
            title: fm.title.clone().unwrap_or_default(),
            summary: summary.trim().to_string(),
            date: date.normalized,
            updated: fm.updated.as_ref().map(|d| d.normalized.clone()),
            category: terms.category,
            tags: terms.tags,
            reading_minutes: markdown::reading_minutes(self.outline.word_count),
            word_count: self.outline.word_count,
            series: terms.series,
        };
        let post = Post {
            page: PostPage {
                meta,
                authors: fm.authors,
                cover: fm.cover,
                headings: self.outline.headings,
                prev: None,
                next: None,
                series_nav: None,
                related: Vec::new(),
            },
            extra: fm.extra,
            body,
            blocks: Vec::new(),
        };
        (date.unix, post)
    }
}

/// Where `series_part`'s value is: from the TOML parser's spans, or for YAML the first top-level
/// `series_part:` line (YAML values carry no positions). The field is in `extra`, which keeps no places.
fn series_part_location(text: &str, format: Format) -> Location {
    let Ok(split) = frontmatter::split(text) else {
        return Location::START;
    };
    let found = match format {
        Format::Toml => TomlSpans::parse(split.front)
            .and_then(|spans| spans.location(split.front, split.front_line, &[SERIES_PART])),
        Format::Yaml => split.front.lines().enumerate().find_map(|(i, line)| {
            let rest = line
                .strip_prefix(SERIES_PART)?
                .trim_start()
                .strip_prefix(':')?;
            let column = line.len() - rest.trim_start().len() + 1;
            Some(Location {
                line: split.front_line + i,
                column,
            })
        }),
    };
    found.unwrap_or(Location::START)
}
