//! Series: the published parts of each series, in reading order, for every part's navigation.

// Every index here is a position in a vector this module builds with one entry per post or term
// (or an id handed out for one); none comes from the text of a post.
#![allow(clippy::indexing_slicing)]

use std::collections::BTreeMap;

use super::order::neighbour;
use crate::model::{Post, SeriesNav};

/// The front matter field that orders a part within its series (`series_part = 2`), kept in
/// [`Post::extra`] like every field Quire does not read itself.
pub const SERIES_PART: &str = "series_part";

/// The series navigation of each post of `posts` (in index order: newest first).
///
/// Parts are ordered by `series_part` where the front matter gives a whole number (those come first, by
/// number), then by date, oldest first; ties keep index order reversed (same instant: by slug). A series
/// with one published part gets no navigation: there is nowhere to go.
pub fn series_navs(posts: &[Post]) -> Vec<Option<SeriesNav>> {
    let mut by_series: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, post) in posts.iter().enumerate() {
        if let Some(series) = &post.meta.series {
            by_series.entry(series.slug.as_str()).or_default().push(i);
        }
    }
    let mut navs: Vec<Option<SeriesNav>> = vec![None; posts.len()];
    for (slug, mut parts) in by_series {
        if parts.len() < 2 {
            continue;
        }
        // Index order is newest first; reading order is oldest first.
        parts.sort_by_key(|&i| {
            let explicit = posts[i].extra.get(SERIES_PART).and_then(|v| v.as_i64());
            (explicit.is_none(), explicit, std::cmp::Reverse(i))
        });
        let name = posts[parts[0]]
            .meta
            .series
            .as_ref()
            .map_or_else(String::new, |s| s.name.clone());
        let list: Vec<_> = parts.iter().map(|&i| neighbour(&posts[i])).collect();
        for (current, &i) in parts.iter().enumerate() {
            navs[i] = Some(SeriesNav {
                name: name.clone(),
                slug: slug.to_string(),
                parts: list.clone(),
                current,
            });
        }
    }
    navs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PostPage, PostSummary, Term};
    use pretty_assertions::assert_eq;

    /// Posts in index order (newest first): (slug, series, series_part).
    fn posts(rows: &[(&str, Option<&str>, Option<serde_json::Value>)]) -> Vec<Post> {
        rows.iter()
            .map(|(slug, series, part)| Post {
                page: PostPage {
                    meta: PostSummary {
                        slug: slug.to_string(),
                        title: slug.to_uppercase(),
                        series: series.map(|s| Term {
                            slug: s.to_lowercase(),
                            name: s.to_string(),
                        }),
                        ..Default::default()
                    },
                    ..Default::default()
                },
                extra: part
                    .iter()
                    .map(|v| (SERIES_PART.to_string(), v.clone()))
                    .collect(),
                ..Default::default()
            })
            .collect()
    }

    /// Each post's view: its series parts (slugs) with the current one in brackets.
    fn shown(posts: &[Post]) -> Vec<String> {
        series_navs(posts)
            .iter()
            .map(|nav| match nav {
                None => "-".to_string(),
                Some(nav) => {
                    let parts: Vec<String> = nav
                        .parts
                        .iter()
                        .enumerate()
                        .map(|(i, p)| {
                            if i == nav.current {
                                format!("[{}]", p.slug)
                            } else {
                                p.slug.clone()
                            }
                        })
                        .collect();
                    format!("{}: {}", nav.name, parts.join(" "))
                }
            })
            .collect()
    }

    #[test]
    fn parts_oldest_first_and_current_marked() {
        let p = posts(&[
            ("c", Some("Queues"), None),
            ("other", None, None),
            ("b", Some("queues"), None),
            ("alone", Some("Solo"), None),
            ("a", Some("Queues"), None),
        ]);
        assert_eq!(
            shown(&p),
            [
                "Queues: a b [c]",
                "-",
                "Queues: a [b] c",
                "-",
                "Queues: [a] b c",
            ]
        );
    }

    #[test]
    fn explicit_part_numbers_come_first_then_dates() {
        use serde_json::json;
        let p = posts(&[
            ("newest", Some("S"), Some(json!(1))),
            ("undated-part", Some("S"), None),
            ("middle", Some("S"), Some(json!(2))),
            ("oldest", Some("S"), None),
            ("not-a-number", Some("S"), Some(json!("two"))),
        ]);
        let navs = series_navs(&p);
        let order: Vec<&str> = navs[0]
            .as_ref()
            .unwrap()
            .parts
            .iter()
            .map(|n| n.slug.as_str())
            .collect();
        assert_eq!(
            order,
            ["newest", "middle", "not-a-number", "oldest", "undated-part"]
        );
        assert_eq!(navs[2].as_ref().unwrap().current, 1);
    }
}
