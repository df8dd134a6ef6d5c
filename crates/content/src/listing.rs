//! What the list views show: which posts a filter keeps, and the pages quire-press cuts them into
//! (`data/lists/…/<n>.json`, one file a page, so the app loads only the page it shows).

use crate::model::{Index, ListPage, PostSummary, SiteData, SiteMeta};
use crate::pages::page_title;
use crate::urls;

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

/// The posts the filter keeps, in index order (newest first). Translated versions are reached from
/// their original and are in no list.
pub fn filter_posts<'a>(posts: &'a [PostSummary], filter: &Filter) -> Vec<&'a PostSummary> {
    posts
        .iter()
        .filter(|post| post.lang.is_none())
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

/// Reads the `<n>` of a `…/page/<n>/` URL. Page 1 is the list's own URL, so only 2 and up are pages
/// here; anything else is an address the site does not have (the static host answers 404 there too).
pub fn parse_page_segment(segment: &str) -> Option<usize> {
    if segment.is_empty()
        || !segment.bytes().all(|b| b.is_ascii_digit())
        || segment.starts_with('0')
    {
        return None;
    }
    segment.parse::<usize>().ok().filter(|&n| n >= 2)
}

/// The URL of page `page` of a list: the list itself for page 1, then `<list>page/<n>/`, a folder
/// like every other page so a static host serves it without rewrite rules.
pub fn list_url(base: &str, filter: &Filter, page: usize) -> String {
    let list = match filter {
        Filter::All => urls::home(base),
        Filter::Category(slug) => urls::category(base, slug),
        Filter::Tag(slug) => urls::tag(base, slug),
    };
    if page <= 1 {
        list
    } else {
        format!("{list}page/{page}/")
    }
}

/// Every list the site has, in a fixed order: all posts, each category, each tag.
pub fn lists(index: &Index) -> Vec<Filter> {
    std::iter::once(Filter::All)
        .chain(
            index
                .categories
                .iter()
                .map(|c| Filter::Category(c.slug.clone())),
        )
        .chain(index.tags.iter().map(|t| Filter::Tag(t.slug.clone())))
        .collect()
}

/// Every page of one list, as `data/lists/…/<n>.json` holds it and the list view shows it; none when
/// the filter names nothing. A list without posts (a category of site.toml not used yet) still has
/// its one page, which says so.
pub fn list_pages(index: &Index, filter: &Filter) -> Vec<ListPage> {
    let Some(info) = filter_info(index, filter) else {
        return Vec::new();
    };
    let posts = filter_posts(&index.posts, filter);
    let pages = Page::of(posts.len(), 1, PER_PAGE).count;
    let page = |number: usize, chunk: &[&PostSummary]| ListPage {
        name: info.name.clone(),
        description: info.description.clone(),
        count: posts.len(),
        page: number,
        pages,
        posts: chunk.iter().map(|p| (*p).clone()).collect(),
    };
    if posts.is_empty() {
        return vec![page(1, &[])];
    }
    posts
        .chunks(PER_PAGE)
        .enumerate()
        .map(|(i, chunk)| page(i + 1, chunk))
        .collect()
}

impl ListPage {
    /// Where this page stands among the list's pages, for the pager.
    pub fn pager(&self) -> Page {
        Page::of(self.count, self.page, PER_PAGE)
    }
}

/// What every page needs besides its own content.
pub fn site_data(index: &Index) -> SiteData {
    SiteData {
        site: index.site.clone(),
        categories: index.categories.clone(),
        // Translations are versions of a post, not posts of their own.
        total: index.posts.iter().filter(|p| p.lang.is_none()).count(),
    }
}

/// What a list page's `<title>` and description say. The app and the static pages both use this.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListHead {
    pub title: String,
    pub description: String,
}

/// The head of one page of a list.
pub fn list_head(site: &SiteMeta, filter: &Filter, list: &ListPage) -> ListHead {
    let name = match (filter, list.page) {
        (Filter::All, 1) => None,
        (Filter::All, n) => Some(format!("Page {n}")),
        (_, 1) => Some(list.name.clone()),
        (_, n) => Some(format!("{}, page {n}", list.name)),
    };
    let description = match filter {
        Filter::Tag(_) => format!(
            "{} tagged {}.",
            count_label(list.count),
            list.name.trim_start_matches('#')
        ),
        _ if list.description.is_empty() => site.description.clone(),
        _ => list.description.clone(),
    };
    ListHead {
        title: page_title(&site.title, name.as_deref()),
        description,
    }
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
    fn page_segments() {
        assert_eq!(parse_page_segment("2"), Some(2));
        assert_eq!(parse_page_segment("31"), Some(31));
        for wrong in [
            "",
            "1",
            "0",
            "02",
            "-2",
            "x",
            "2x",
            "99999999999999999999999",
        ] {
            assert_eq!(parse_page_segment(wrong), None, "{wrong:?}");
        }
    }

    #[test]
    fn list_urls_are_folders() {
        let tag = Filter::Tag("io".into());
        assert_eq!(list_url("/blog/", &Filter::All, 1), "/blog/");
        assert_eq!(list_url("/blog/", &Filter::All, 2), "/blog/page/2/");
        assert_eq!(list_url("/", &tag, 1), "/tag/io/");
        assert_eq!(list_url("/", &tag, 3), "/tag/io/page/3/");
        assert_eq!(
            list_url("/", &Filter::Category("rust".into()), 2),
            "/category/rust/page/2/"
        );
    }

    #[test]
    fn lists_are_cut_into_pages_with_their_heads() {
        let mut posts = vec![post("r", "rust", &["io"])];
        posts.extend((0..40).map(|i| post(&format!("p{i}"), "rust", &[])));
        let index = Index {
            site: crate::model::SiteMeta {
                title: "Site".into(),
                description: "About.".into(),
                ..Default::default()
            },
            categories: vec![
                Category {
                    slug: "rust".into(),
                    name: "Rust".into(),
                    description: "Memory and more.".into(),
                    count: 41,
                },
                Category {
                    slug: "go".into(),
                    name: "Go".into(),
                    description: String::new(),
                    count: 0,
                },
            ],
            tags: vec![Tag {
                slug: "io".into(),
                name: "io".into(),
                count: 1,
            }],
            posts,
        };
        let all: Vec<Filter> = lists(&index);
        let rust = Filter::Category("rust".into());
        let go = Filter::Category("go".into());
        let io = Filter::Tag("io".into());
        assert_eq!(all, [Filter::All, rust.clone(), go.clone(), io.clone()]);

        let pages = list_pages(&index, &Filter::All);
        let sizes: Vec<(usize, usize, usize)> = pages
            .iter()
            .map(|p| (p.page, p.pages, p.posts.len()))
            .collect();
        assert_eq!(
            sizes,
            [(1, 3, 20), (2, 3, 20), (3, 3, 1)],
            "41 posts make three pages"
        );
        assert_eq!(pages[2].posts[0].slug, "p39", "pages keep index order");
        assert_eq!(pages[1].pager().previous(), Some(1));

        let head = |f: &Filter, n: usize| {
            let page = list_pages(&index, f).into_iter().nth(n - 1).unwrap();
            let head = list_head(&index.site, f, &page);
            (head.title, head.description)
        };
        assert_eq!(head(&Filter::All, 1), ("Site".into(), "About.".into()));
        assert_eq!(
            head(&Filter::All, 3),
            ("Page 3 · Site".into(), "About.".into())
        );
        assert_eq!(
            head(&rust, 1),
            ("Rust · Site".into(), "Memory and more.".into())
        );
        assert_eq!(head(&rust, 2).0, "Rust, page 2 · Site");
        assert_eq!(
            head(&go, 1),
            ("Go · Site".into(), "About.".into()),
            "an empty category still has its page, described by the site"
        );
        assert_eq!(list_pages(&index, &go)[0].posts, []);
        assert_eq!(
            head(&io, 1),
            ("#io · Site".into(), "1 post tagged io.".into())
        );
        assert_eq!(list_pages(&index, &Filter::Tag("nope".into())), []);

        let site = site_data(&index);
        assert_eq!((site.total, site.categories.len()), (41, 2));
    }

    #[test]
    fn count_labels() {
        assert_eq!(count_label(0), "0 posts");
        assert_eq!(count_label(1), "1 post");
        assert_eq!(count_label(12), "12 posts");
    }
}
