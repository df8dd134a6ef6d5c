//! What the list views show: which posts a filter keeps, and which slice of them a page holds.
//! Plain functions over the index so the app's views stay thin and 10,000 posts stay cheap.

use crate::model::{Index, PostSummary};

/// Posts shown on one page of a list. Twenty keeps the DOM small at any site size.
pub const PER_PAGE: usize = 20;

/// Which posts a list view shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Filter {
    All,
    /// A category slug.
    Category(String),
    /// A tag slug.
    Tag(String),
}

/// The posts the filter keeps, in index order (newest first).
pub fn filter_posts<'a>(posts: &'a [PostSummary], filter: &Filter) -> Vec<&'a PostSummary> {
    posts
        .iter()
        .filter(|post| match filter {
            Filter::All => true,
            Filter::Category(slug) => post.category.as_ref().is_some_and(|c| &c.slug == slug),
            Filter::Tag(slug) => post.tags.iter().any(|t| &t.slug == slug),
        })
        .collect()
}

/// The heading and description of a list view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilterInfo {
    pub name: String,
    pub description: String,
}

/// Looks up the category or tag a filter names; None when the site has no such one.
pub fn filter_info(index: &Index, filter: &Filter) -> Option<FilterInfo> {
    match filter {
        Filter::All => Some(FilterInfo {
            name: index.site.title.clone(),
            description: index.site.description.clone(),
        }),
        Filter::Category(slug) => {
            index
                .categories
                .iter()
                .find(|c| &c.slug == slug)
                .map(|c| FilterInfo {
                    name: c.name.clone(),
                    description: c.description.clone(),
                })
        }
        Filter::Tag(slug) => index
            .tags
            .iter()
            .find(|t| &t.slug == slug)
            .map(|t| FilterInfo {
                name: format!("#{}", t.name),
                description: String::new(),
            }),
    }
}

/// One page of a list of `total` items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    /// 1-based page number, clamped to the pages that exist.
    pub number: usize,
    /// Number of pages, at least 1.
    pub count: usize,
    /// Range of items on this page.
    pub start: usize,
    pub end: usize,
}

impl Page {
    /// The page `requested` (1-based; 0 or past the end are clamped) of `total` items.
    pub fn of(total: usize, requested: usize, per_page: usize) -> Page {
        let count = total.div_ceil(per_page).max(1);
        let number = requested.clamp(1, count);
        let start = (number - 1) * per_page;
        Page {
            number,
            count,
            start: start.min(total),
            end: (start + per_page).min(total),
        }
    }

    pub fn previous(&self) -> Option<usize> {
        (self.number > 1).then(|| self.number - 1)
    }

    pub fn next(&self) -> Option<usize> {
        (self.number < self.count).then(|| self.number + 1)
    }
}

/// Reads a `page` query value; anything that is not a positive number is page 1.
pub fn parse_page(value: Option<&str>) -> usize {
    value
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(1)
}

/// "1 post", "12 posts".
pub fn count_label(count: usize) -> String {
    if count == 1 {
        "1 post".to_string()
    } else {
        format!("{count} posts")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Tag, Term};

    fn term(slug: &str) -> Term {
        Term {
            slug: slug.into(),
            name: slug.to_uppercase(),
        }
    }

    fn post(slug: &str, category: &str, tags: &[&str]) -> PostSummary {
        PostSummary {
            slug: slug.into(),
            title: slug.into(),
            category: Some(term(category)),
            tags: tags.iter().map(|t| term(t)).collect(),
            ..Default::default()
        }
    }

    fn slugs(posts: Vec<&PostSummary>) -> Vec<&str> {
        posts.iter().map(|p| p.slug.as_str()).collect()
    }

    #[test]
    fn filters_keep_index_order() {
        let posts = [
            post("c", "rust", &["memory"]),
            post("b", "python", &["memory", "gil"]),
            post("a", "rust", &[]),
        ];
        assert_eq!(slugs(filter_posts(&posts, &Filter::All)), ["c", "b", "a"]);
        assert_eq!(
            slugs(filter_posts(&posts, &Filter::Category("rust".into()))),
            ["c", "a"]
        );
        assert_eq!(
            slugs(filter_posts(&posts, &Filter::Tag("memory".into()))),
            ["c", "b"]
        );
        assert!(filter_posts(&posts, &Filter::Tag("nope".into())).is_empty());
    }

    #[test]
    fn filter_info_names_the_filter() {
        let index = Index {
            categories: vec![Category {
                slug: "rust".into(),
                name: "Rust".into(),
                description: "Memory and more.".into(),
                count: 2,
            }],
            tags: vec![Tag {
                slug: "io".into(),
                name: "io".into(),
                count: 1,
            }],
            ..Default::default()
        };
        assert_eq!(
            filter_info(&index, &Filter::Category("rust".into()))
                .unwrap()
                .description,
            "Memory and more."
        );
        assert_eq!(
            filter_info(&index, &Filter::Tag("io".into())).unwrap().name,
            "#io"
        );
        assert_eq!(filter_info(&index, &Filter::Category("go".into())), None);
    }

    #[test]
    fn pages_clamp_and_slice() {
        assert_eq!(
            Page::of(45, 1, 20),
            Page {
                number: 1,
                count: 3,
                start: 0,
                end: 20
            }
        );
        assert_eq!(Page::of(45, 3, 20).start..Page::of(45, 3, 20).end, 40..45);
        assert_eq!(Page::of(45, 99, 20).number, 3);
        assert_eq!(Page::of(45, 0, 20).number, 1);
        assert_eq!(
            Page::of(0, 1, 20),
            Page {
                number: 1,
                count: 1,
                start: 0,
                end: 0
            }
        );
        assert_eq!(Page::of(45, 1, 20).previous(), None);
        assert_eq!(Page::of(45, 2, 20).next(), Some(3));
        assert_eq!(Page::of(45, 3, 20).next(), None);
    }

    #[test]
    fn page_query_values() {
        assert_eq!(parse_page(None), 1);
        assert_eq!(parse_page(Some("3")), 3);
        assert_eq!(parse_page(Some("0")), 1);
        assert_eq!(parse_page(Some("-2")), 1);
        assert_eq!(parse_page(Some("x")), 1);
    }

    #[test]
    fn count_labels() {
        assert_eq!(count_label(0), "0 posts");
        assert_eq!(count_label(1), "1 post");
        assert_eq!(count_label(12), "12 posts");
    }
}
