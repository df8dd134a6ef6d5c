//! One post file read on its own: front matter, slug, date and the Markdown outline. Nothing here looks at
//! other files, so the caller may parse files on many threads.

use std::ops::Range;

use super::diagnostic::{decode, Diagnostic};
use super::links::apply_rewrites;
use super::series::SERIES_PART;
use super::taxonomy::PostTerms;
use super::{CompileOptions, SourceFile, SUMMARY_CHARS};

/// How long a summary the author marked (`<!--more-->`) may be, in characters.
const SUMMARY_CUT_CHARS: usize = 600;
use crate::date::{parse_date, parse_lenient, PostDate};
use crate::frontmatter::{self, location_of, Format, FrontMatter, Location};
use crate::import;
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
    /// What the author may want to fix, that did not stop the post (see [`Diagnostic::warning`]).
    pub(super) warnings: Vec<Diagnostic>,
    /// A section page (`_index.md`): its text describes a list, it is not a post.
    pub(super) section: bool,
    /// The language of a translated version (`post.fr.md`, `index.fr.md`); None for the site's own.
    pub(super) lang: Option<String>,
    /// The summary the text marks (`<!--more-->`, `excerpt_separator`), as plain text.
    pub(super) summary_cut: Option<String>,
    /// Hugo's `publishDate` and `expiryDate`.
    pub(super) publish: Option<PostDate>,
    pub(super) expiry: Option<PostDate>,
    /// Where the post used to be served (`aliases`, `redirect_from`, `permalink`, `path`, `url`), as
    /// site paths starting with `/`.
    pub(super) aliases: Vec<String>,
    /// True when the slug comes from the front matter rather than the file name.
    pub(super) slug_written: bool,
    /// Not a post at all (no title and no text): left out with a warning.
    pub(super) skipped: bool,
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
            warnings: Vec::new(),
            section: is_section(path),
            lang: language_of(path),
            summary_cut: None,
            publish: None,
            expiry: None,
            aliases: Vec::new(),
            slug_written: false,
            skipped: false,
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
        for (at, message) in &parsed.warnings {
            post.warnings.push(Diagnostic::warning(path, *at, message));
        }
        let fm = parsed.front_matter;
        let written_wrong = |field: &str| {
            fm.locations
                .get(field)
                .is_some_and(|at| parsed.errors.iter().any(|e| e.location == *at))
        };
        let format = parsed.format;
        if post.section {
            // A section's text describes its list; a section needs neither title nor date.
            post.body = parsed.body.trim().to_string();
            post.front_matter = fm;
            return post;
        }

        let template_only = fm.title.is_none()
            && fm.date.is_none()
            && parsed.body.trim().is_empty()
            && !fm.locations.contains_key("title")
            && !fm.locations.contains_key("date");
        if template_only {
            // A page made by a template alone (Zola's `template = "latest.html"`): nothing to show.
            post.warnings.push(Diagnostic::warning(
                path,
                Location::START,
                "the file has no title and no text, so it is not a post; it is left out",
            ));
            post.skipped = true;
            return post;
        }
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

        let text_of = |key: &str| -> Option<String> {
            fm.extra
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .and_then(|(_, v)| v.as_str().map(str::to_string))
        };
        let extra_date = |key: &str, post: &mut ParsedPost| -> Option<PostDate> {
            let text = text_of(key)?;
            let date = parse_date(&text).ok().or_else(|| parse_lenient(&text));
            if date.is_none() {
                post.warnings.push(Diagnostic::warning(
                    path,
                    Location::START,
                    format!("{key} \"{text}\" is not a date; it is ignored"),
                ));
            }
            date
        };
        post.publish = extra_date("publishDate", &mut post);
        post.expiry = extra_date("expiryDate", &mut post);
        let old_urls: Vec<String> = ["permalink", "path", "url"]
            .iter()
            .filter_map(|k| text_of(k))
            .collect();
        post.date = fm
            .date
            .clone()
            .or_else(|| post.publish.clone())
            .or(name_date)
            .or_else(|| old_urls.iter().find_map(|u| date_in_path(u)));
        if post.date.is_none() && !fm.locations.contains_key("date") {
            post.warnings.push(Diagnostic::warning(
                path,
                Location::START,
                format!(
                    "no date: the post is published undated, after the dated ones; add {} to the front matter, or name the file YYYY-MM-DD-{}.md",
                    format.assignment("date", "2024-03-05"),
                    name_slug.as_deref().unwrap_or("slug")
                ),
            ));
        }
        post.aliases = old_urls
            .iter()
            .map(String::as_str)
            .chain(list_of(&fm.extra, "aliases").iter().map(String::as_str))
            .chain(
                list_of(&fm.extra, "redirect_from")
                    .iter()
                    .map(String::as_str),
            )
            .filter_map(site_path)
            .collect();
        post.aliases.sort();
        post.aliases.dedup();

        match &fm.slug {
            Some(written) => {
                post.slug_at = fm.location("slug");
                post.slug_written = true;
                let fixed = slugify(written);
                if fixed.is_empty() {
                    post.problems.push(Diagnostic::new(
                        path,
                        post.slug_at,
                        format!(
                            "slug \"{written}\" has no letters or digits: write {}",
                            format.assignment("slug", "\"my-post\"")
                        ),
                    ));
                } else if !is_valid_slug(written) {
                    // Other generators take capitals and dots; the old address redirects here.
                    post.warnings.push(Diagnostic::warning(
                        path,
                        post.slug_at,
                        format!(
                            "slug \"{written}\" is served as \"{fixed}\" (lower case, words joined by hyphens), with a redirect from the old address: write {} to say so",
                            format.assignment("slug", &format!("\"{fixed}\""))
                        ),
                    ));
                    post.aliases.extend(site_path(&format!("/posts/{written}/")));
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
            // Jekyll, Hugo and Zola publish an empty page; so does Quire, and says so.
            post.warnings.push(Diagnostic::warning(
                path,
                Location {
                    line: parsed.body_line,
                    column: 1,
                },
                format!(
                    "the post has no text and is published empty: write it below the closing {} line",
                    format.delimiter()
                ),
            ));
        }
        let converted = convert_body(&mut post, parsed.body, &fm, text);
        post.outline = markdown::outline(&converted);
        post.body = converted;
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
        let now = opts.now_unix?;
        if self.expiry.as_ref().is_some_and(|d| d.unix <= now) {
            return Some(LeftOut::Expired);
        }
        match (&self.date, &self.publish) {
            (Some(d), _) | (None, Some(d)) if d.unix > now => Some(LeftOut::Future),
            (_, Some(p)) if p.unix > now => Some(LeftOut::Future),
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
    /// Past its `expiryDate`.
    Expired,
}

/// The slug a path gives (`posts/My Post.md` → `my-post`, `posts/2024-02-11-dns.md` → `dns`,
/// `posts/tcp/index.md` → `tcp`, a translation `posts/tcp.fr.md` or `posts/tcp/index.fr.md` →
/// `tcp-fr`) and the date a Jekyll name gives.
pub(super) fn slug_from_path(path: &str) -> (Option<String>, Option<PostDate>) {
    let mut parts = path.rsplit('/');
    let file = parts.next().unwrap_or("");
    let stem = file
        .strip_suffix(".md")
        .or_else(|| file.strip_suffix(".markdown"))
        .unwrap_or(file);
    let lang = language_of(path);
    let stem = match &lang {
        Some(lang) => stem
            .strip_suffix(lang.as_str())
            .and_then(|s| s.strip_suffix('.'))
            .unwrap_or(stem),
        None => stem,
    };
    let name = if stem == "index" || stem == "_index" {
        parts.next().unwrap_or("")
    } else {
        stem
    };
    let (date, stem) = match crate::date::date_from_file_name(name) {
        Some((date, rest)) => (Some(date), rest),
        None => (None, name),
    };
    let mut slug = slugify(stem);
    if let Some(lang) = lang.filter(|_| !slug.is_empty()) {
        slug.push('-');
        slug.push_str(&slugify(&lang));
    }
    (Some(slug).filter(|s| !s.is_empty()), date)
}

/// `_index.md` (Hugo, Zola), in any language: a section page, not a post.
pub(super) fn is_section(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or("");
    file == "_index.md" || (file.starts_with("_index.") && language_of(path).is_some())
}

/// The language a file name gives a translated version, as Hugo and Zola name them: `post.fr.md`,
/// `index.pt-br.md`. Only ISO 639-1 codes count, so `notes.v2.md` or `rust.1.md` are not translations.
pub fn language_of(path: &str) -> Option<String> {
    let file = path.rsplit('/').next()?;
    let stem = file
        .strip_suffix(".md")
        .or_else(|| file.strip_suffix(".markdown"))?;
    let (base, code) = stem.rsplit_once('.')?;
    if base.is_empty() {
        return None;
    }
    let (primary, region) = match code.split_once('-') {
        Some((p, r)) => (p, Some(r)),
        None => (code, None),
    };
    let region_ok = region
        .is_none_or(|r| (2..=4).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphanumeric()));
    let known = primary.len() == 2
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && LANGUAGES.split(' ').any(|l| l == primary);
    (known && region_ok).then(|| code.to_ascii_lowercase())
}

/// ISO 639-1 language codes.
const LANGUAGES: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// A date written in a URL path: `2015/05/11/traits`, `/2016/01/05/name.html`, `2016-01-05-name`.
pub(super) fn date_in_path(path: &str) -> Option<PostDate> {
    let parts: Vec<&str> = path.split(['/', '-']).filter(|p| !p.is_empty()).collect();
    parts.windows(3).find_map(|w| {
        let [y, m, d] = w else { return None };
        let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
            n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !(digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2)) {
            return None;
        }
        parse_date(&format!("{y}-{m:0>2}-{d:0>2}")).ok()
    })
}

/// A front matter field that holds one text or a list of texts (`aliases`, `redirect_from`).
fn list_of(
    extra: &std::collections::BTreeMap<String, serde_json::Value>,
    key: &str,
) -> Vec<String> {
    match extra.get(key) {
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// An old address as a site path (`/2015/05/11/traits/`), or None for one that is no path on this
/// site (a full URL elsewhere, a Jekyll `:placeholder` pattern, `..`).
pub(super) fn site_path(written: &str) -> Option<String> {
    let written = written.trim();
    let path = match written.split_once("://") {
        // `https://example.com/old/` keeps its path: the old site's address.
        Some((_, rest)) => rest.split_once('/').map_or("/", |(_, p)| p),
        None => written,
    };
    let path = path.split(['#', '?']).next().unwrap_or("");
    let path = path.trim_start_matches('/');
    if path.is_empty()
        || path.contains(':')
        || path.split('/').any(|seg| seg == ".." || seg == ".")
        || path.contains(['<', '>', '"', '\\', ' '])
    {
        return None;
    }
    // `.html` files are served as written; other paths are folders with an index.html.
    let is_file = path.rsplit('/').next().is_some_and(|f| f.contains('.'));
    Some(if is_file || path.ends_with('/') {
        format!("/{path}")
    } else {
        format!("/{path}/")
    })
}

/// Converts what other generators write in a body (see [`crate::import`]), turning its notes into
/// warnings at their lines, and keeps the summary the text marks.
fn convert_body(post: &mut ParsedPost, body: &str, fm: &FrontMatter, text: &str) -> String {
    let date = post.date.as_ref().map_or("", |d| d.normalized.as_str());
    let url = post
        .slug
        .as_deref()
        .map(|s| format!("/posts/{s}/"))
        .unwrap_or_default();
    let fields: Vec<(&str, String)> = fm
        .extra
        .iter()
        .filter_map(|(k, v)| {
            let text = match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Bool(b) => b.to_string(),
                _ => return None,
            };
            Some((k.as_str(), text))
        })
        .chain(fm.authors.first().map(|a| ("author", a.clone())))
        .collect();
    let ctx = import::Context {
        title: fm.title.as_deref().unwrap_or(""),
        date,
        url: &url,
        fields,
        excerpt_separator: fm.extra.get("excerpt_separator").and_then(|v| v.as_str()),
    };
    let converted = import::convert(body, &ctx);
    let body_offset = text.len().saturating_sub(body.len());
    for note in converted.notes {
        let at = location_of(text, body_offset + note.offset);
        post.warnings
            .push(Diagnostic::warning(&post.path, at, note.message));
    }
    if let Some(end) = converted.summary_end {
        let before = converted.body.get(..end).unwrap_or("");
        post.summary_cut = Some(markdown::plain_text(before));
    }
    converted.body
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
        // Written summaries first (Hugo `summary`, Zola `description`, Jekyll `excerpt`), then the
        // text before a `<!--more-->`, then the first paragraph.
        let summary = fm
            .summary
            .clone()
            .or_else(|| {
                fm.extra
                    .get("excerpt")
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            })
            .or_else(|| {
                self.summary_cut
                    .as_deref()
                    .map(|t| markdown::summarize(t, SUMMARY_CUT_CHARS))
            })
            .unwrap_or_else(|| markdown::summarize(&self.outline.first_paragraph, SUMMARY_CHARS));
        // An undated post has an empty date and sorts after every dated one.
        let date = self.date.unwrap_or_else(|| PostDate {
            normalized: String::new(),
            unix: i64::MIN,
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
            lang: self.lang,
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
                translations: Vec::new(),
            },
            extra: fm.extra,
            body,
            blocks: Vec::new(),
            aliases: self.aliases,
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
