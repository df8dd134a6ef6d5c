//! Links between posts: resolving `/posts/<slug>/` and `file.md` links to the post they name, suggesting the
//! closest slug for a typo, and rewriting `.md` links to the URL the post is served at.

use std::collections::HashMap;
use std::ops::Range;

use super::diagnostic::Diagnostic;
use super::parse::{LeftOut, ParsedPost};
use crate::markdown::LinkTarget;

/// Resolves a link to a Markdown file against the file it is in, or against the content folder for
/// `/…` and Zola's `@/…`; percent-escapes decoded, `.` and `..` folded.
pub(super) fn resolve_link(from: &str, content_dir: &str, link: &str) -> String {
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

pub(super) fn normalize_path(path: &str) -> String {
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

pub(super) fn percent_decode(text: &str) -> String {
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
pub(super) fn find_destination(
    body: &str,
    range: &Range<usize>,
    written: &str,
) -> Option<Range<usize>> {
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
pub(super) fn edit_distance(a: &str, b: &str) -> usize {
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
pub(super) fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let wrong = wrong.to_lowercase();
    let limit = (wrong.chars().count() / 3).max(2);
    candidates
        .map(|c| (edit_distance(&wrong, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// Posts by slug and by path, for resolving links. The first file (in path order) keeps a slug; later
/// files that claim it are reported.
pub(super) struct PostIndex<'a> {
    pub(super) by_slug: HashMap<&'a str, usize>,
    by_path: HashMap<String, usize>,
}

impl<'a> PostIndex<'a> {
    // `first` is a position in `posts`, stored by this loop.
    #[allow(clippy::indexing_slicing)]
    pub(super) fn new(posts: &'a [ParsedPost], problems: &mut Vec<Diagnostic>) -> PostIndex<'a> {
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
        let by_path = posts
            .iter()
            .enumerate()
            .map(|(i, p)| (normalize_path(&p.path), i))
            .collect();
        PostIndex { by_slug, by_path }
    }

    /// The post whose path ends with `tail` (`blog/x/index.md`), or failing that with a shorter
    /// tail (`x/index.md`): Zola's `@/` links name files under the old site's content folder.
    pub(super) fn by_suffix(&self, tail: &str) -> Option<usize> {
        let tail = normalize_path(&percent_decode(tail.split('#').next().unwrap_or("")));
        let mut rest = tail.as_str();
        loop {
            let wanted = format!("/{rest}");
            let mut found: Vec<(&String, usize)> = self
                .by_path
                .iter()
                .filter(|(p, _)| p.ends_with(&wanted) || p.as_str() == rest)
                .map(|(p, &i)| (p, i))
                .collect();
            found.sort();
            if let Some((_, i)) = found.first() {
                return Some(*i);
            }
            rest = rest.split_once('/')?.1;
            if rest.starts_with("index.") || rest.starts_with("_index.") {
                return None;
            }
        }
    }
}

/// Checks every link between posts (the target exists, and is in this build when the linking post is),
/// and returns, per post, the `.md` link destinations to rewrite to the target's URL.
// Indices `i`, `t`, `first` are positions in `posts`; `left_out` and `rewrites` have one entry per post.
#[allow(clippy::indexing_slicing)]
pub(super) fn check_links(
    posts: &[ParsedPost],
    index: &PostIndex<'_>,
    content_dir: &str,
    left_out: &[Option<LeftOut>],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Vec<(Range<usize>, String)>> {
    let mut rewrites: Vec<Vec<(Range<usize>, String)>> = vec![Vec::new(); posts.len()];
    for (i, post) in posts.iter().enumerate() {
        for link in &post.outline.post_links {
            let at = post.link_location(link.range.start);
            let target = match &link.target {
                LinkTarget::Slug(slug) => {
                    index.by_slug.get(slug.as_str()).copied().ok_or_else(|| {
                        let hint = did_you_mean(slug, index.by_slug.keys().copied())
                            .map(|s| format!(" (did you mean \"/posts/{s}/\"?)"))
                            .unwrap_or_default();
                        format!(
                        "link to \"{}\" matches no post{hint}: check the slug, or remove the link",
                        link.written
                    )
                    })
                }
                LinkTarget::File(file) if file.starts_with("@/") => {
                    // Zola's `@/` names a file under the old content folder, which may not be
                    // Quire's: the post whose path ends the same way is the one meant.
                    match index.by_suffix(file.trim_start_matches("@/")) {
                        Some(t) => Ok(t),
                        None => {
                            problems.push(Diagnostic::warning(
                                &post.path,
                                at,
                                format!(
                                    "link to \"{}\" matches no post here: the link is kept as written",
                                    link.written
                                ),
                            ));
                            continue;
                        }
                    }
                }
                LinkTarget::File(file) => {
                    let resolved = resolve_link(&post.path, content_dir, file);
                    match index.by_path.get(&resolved) {
                        Some(&t) => Ok(t),
                        None => {
                            // Jekyll, Hugo and Zola publish such a link as it is; so does Quire,
                            // and says where.
                            problems.push(Diagnostic::warning(
                                &post.path,
                                at,
                                format!(
                                    "link to \"{}\" matches no post (there is no {resolved}): it is kept as written; check the path, or remove the link",
                                    link.written
                                ),
                            ));
                            continue;
                        }
                    }
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
                    Some(LeftOut::Expired) => Some("an expired post".to_string()),
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
    rewrites
}

/// `body` with the link destinations at `edits` replaced (one edit per place, applied back to front so
/// earlier ranges stay valid).
pub(super) fn apply_rewrites(mut body: String, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    edits.dedup_by_key(|(r, _)| r.start);
    for (range, replacement) in edits {
        body.replace_range(range, &replacement);
    }
    body
}
