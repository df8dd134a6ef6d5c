//! Related posts: what to read next at the end of a post, chosen at build time.
//!
//! The rule: another post scores 1 for each tag the two share and 1 more when they share a category.
//! The [`RELATED_COUNT`] best scores are suggested, the newer post first on equal scores (then by slug,
//! as the index orders them). A post never suggests itself, a post of its own series (the series
//! navigation lists those already), or a post it shares nothing with.

// Every index here is a position in a vector this module builds with one entry per post or term
// (or an id handed out for one); none comes from the text of a post.
#![allow(clippy::indexing_slicing)]

use std::collections::HashMap;

use crate::model::{PostSummary, RelatedPost, Term};

/// How many related posts a post suggests.
pub const RELATED_COUNT: usize = 3;

/// For each post of `posts` (in index order: newest first, so a lower index is a newer post), the
/// indexes of its related posts, best first.
///
/// Posts are indexed by tag and by category, so the work for a post is the length of its tags' post
/// lists, not the size of the site; a category's list is walked only until enough posts that share
/// nothing but the category are found (they all score 1, so the newest win).
pub fn related(posts: &[PostSummary], count: usize) -> Vec<Vec<usize>> {
    // Terms become small numbers in flat arrays: the inner loop reads one entry per candidate. Reading
    // each candidate's category through its strings was what cost seconds at 10,000 posts.
    let tag_ids = Ids::of(posts.iter().flat_map(|p| &p.tags));
    let category_ids = Ids::of(posts.iter().filter_map(|p| p.category.as_ref()));
    let series_ids = Ids::of(posts.iter().filter_map(|p| p.series.as_ref()));
    let category: Vec<Option<u32>> = posts
        .iter()
        .map(|p| p.category.as_ref().map(|c| category_ids.get(c)))
        .collect();
    let series: Vec<Option<u32>> = posts
        .iter()
        .map(|p| p.series.as_ref().map(|s| series_ids.get(s)))
        .collect();
    let mut by_tag: Vec<Vec<usize>> = vec![Vec::new(); tag_ids.len()];
    let mut by_category: Vec<Vec<usize>> = vec![Vec::new(); category_ids.len()];
    for (i, post) in posts.iter().enumerate() {
        for tag in &post.tags {
            by_tag[tag_ids.get(tag) as usize].push(i);
        }
        if let Some(c) = category[i] {
            by_category[c as usize].push(i);
        }
    }

    // Shared-tag counts, reused from post to post: only the entries touched are reset.
    let mut shared = vec![0u32; posts.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut scored: Vec<(u32, usize)> = Vec::new();
    let mut out = Vec::with_capacity(posts.len());
    for (i, post) in posts.iter().enumerate() {
        let excluded = |j: usize| j == i || (series[i].is_some() && series[j] == series[i]);
        for tag in &post.tags {
            for &j in &by_tag[tag_ids.get(tag) as usize] {
                if shared[j] == 0 {
                    touched.push(j);
                }
                shared[j] += 1;
            }
        }
        // (score, index): best first is score descending, then index ascending (the newer post).
        scored.clear();
        scored.extend(touched.iter().filter(|&&j| !excluded(j)).map(|&j| {
            let same = category[i].is_some() && category[j] == category[i];
            (shared[j] + u32::from(same), j)
        }));
        if let Some(c) = category[i] {
            let only_category = by_category[c as usize]
                .iter()
                .filter(|&&j| shared[j] == 0 && !excluded(j))
                .take(count)
                .map(|&j| (1, j));
            scored.extend(only_category);
        }
        // Only the best few matter, and a popular tag touches thousands of posts: select, then sort.
        let best_first = |a: &(u32, usize), b: &(u32, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if count > 0 && scored.len() > count {
            scored.select_nth_unstable_by(count - 1, best_first);
        }
        scored.truncate(count);
        scored.sort_unstable_by(best_first);
        out.push(scored.iter().map(|&(_, j)| j).collect());
        for j in touched.drain(..) {
            shared[j] = 0;
        }
    }
    out
}

/// Dense numbers for the slugs of a set of terms.
struct Ids<'a>(HashMap<&'a str, u32>);

impl<'a> Ids<'a> {
    fn of(terms: impl Iterator<Item = &'a Term>) -> Ids<'a> {
        let mut ids = HashMap::new();
        for term in terms {
            let next = ids.len() as u32;
            ids.entry(term.slug.as_str()).or_insert(next);
        }
        Ids(ids)
    }

    fn get(&self, term: &Term) -> u32 {
        self.0[term.slug.as_str()]
    }

    fn len(&self) -> usize {
        self.0.len()
    }
}

/// What a related post's card shows.
pub fn related_post(post: &PostSummary) -> RelatedPost {
    RelatedPost {
        slug: post.slug.clone(),
        title: post.title.clone(),
        date: post.date.clone(),
        summary: post.summary.clone(),
        category: post.category.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    fn term(slug: &str) -> Term {
        Term {
            slug: slug.to_string(),
            name: slug.to_string(),
        }
    }

    /// A post written as `slug category tag,tag series` (`-` for none), in index order.
    fn site(rows: &[&str]) -> Vec<PostSummary> {
        rows.iter()
            .map(|row| {
                let f: Vec<&str> = row.split(' ').collect();
                let some = |s: &str| Some(s).filter(|s| *s != "-").map(term);
                PostSummary {
                    slug: f[0].to_string(),
                    category: some(f[1]),
                    tags: f[2].split(',').filter(|t| *t != "-").map(term).collect(),
                    series: some(f[3]),
                    ..Default::default()
                }
            })
            .collect()
    }

    /// Each post's suggestions as `slug: a b c`.
    fn suggested(rows: &[&str]) -> Vec<String> {
        let posts = site(rows);
        related(&posts, RELATED_COUNT)
            .iter()
            .zip(&posts)
            .map(|(r, p)| {
                let slugs: Vec<&str> = r.iter().map(|&j| posts[j].slug.as_str()).collect();
                format!("{}: {}", p.slug, slugs.join(" "))
                    .trim_end()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn scores_by_shared_tags_and_category() {
        let got = suggested(&[
            "a net tcp,tls,dns -",
            "b net tcp -",        // 1 tag + category = 2
            "c db tcp,tls,dns -", // 3 tags = 3
            "d net - -",          // category only = 1
            "e db tls -",         // 1 tag = 1
            "f db - -",           // nothing shared with a
        ]);
        assert_eq!(got[0], "a: c b d");
        // For e: a and c share tls; f shares only the category; c also shares it (2): c, then a (1, newer
        // than f).
        assert_eq!(got[4], "e: c a f");
    }

    #[test]
    fn ties_go_to_the_newer_post() {
        let got = suggested(&[
            "new x t -",
            "mid x t -",
            "me x t -",
            "old x t -",
            "older x t -",
        ]);
        assert_eq!(got[2], "me: new mid old");
        assert_eq!(got[0], "new: mid me old");
    }

    #[test]
    fn fewer_than_three_and_no_tags() {
        let got = suggested(&[
            "a - rust -",
            "b - rust -",
            "c - go -",
            "lonely - - -",
            "notags net - -",
            "other net - -",
        ]);
        assert_eq!(
            got,
            [
                "a: b",
                "b: a",
                "c:",
                "lonely:",
                "notags: other",
                "other: notags"
            ]
        );
    }

    #[test]
    fn never_itself_nor_its_series() {
        let got = suggested(&[
            "p2 net tcp,tls queues",
            "x net tcp -",
            "p1 net tcp,tls queues",
            "y db dns -",
        ]);
        assert_eq!(got, ["p2: x", "x: p2 p1", "p1: x", "y:"]);
    }

    #[test]
    fn a_tag_written_in_two_posts_counts_once_per_post() {
        // Tags are unique per post by the time they reach here (the compiler drops repeats), so a
        // shared tag is one point whatever its spelling was.
        let got = suggested(&["a - t,u -", "b - t -", "c - t,u -"]);
        assert_eq!(got, ["a: c b", "b: a c", "c: a b"]);
    }
}
