//! The site's URL scheme in one place. Every path starts with the site's base path (`/` or `/blog/`),
//! and every page is a folder (`posts/<slug>/`), so a static host serves `posts/<slug>/index.html`
//! for it without rewrite rules, and files beside a post resolve relative to it.

/// Normalises a base path to start and end with `/`: `""` → `/`, `blog` → `/blog/`.
pub fn normalize_base(base: &str) -> String {
    let trimmed = base.trim().trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

/// `{base}`: the article list.
pub fn home(base: &str) -> String {
    base.to_string()
}

/// `{base}posts/<slug>/`
pub fn post(base: &str, slug: &str) -> String {
    format!("{base}posts/{slug}/")
}

/// `{base}search/`: the search page; the query and filters follow as `?q=…&category=…&tag=…`.
pub fn search(base: &str) -> String {
    format!("{base}search/")
}

/// `{base}pagefind/`: the search index and the script that reads it.
pub fn search_bundle(base: &str) -> String {
    format!("{base}pagefind/")
}

/// `{base}category/<slug>/`
pub fn category(base: &str, slug: &str) -> String {
    format!("{base}category/{slug}/")
}

/// `{base}tag/<slug>/`
pub fn tag(base: &str, slug: &str) -> String {
    format!("{base}tag/{slug}/")
}

/// `{base}data/index.json`
pub fn index_json(base: &str) -> String {
    format!("{base}data/index.json")
}

/// `{base}data/site.json`
pub fn site_json(base: &str) -> String {
    format!("{base}data/site.json")
}

/// One page of a list: `{base}data/lists/all/<n>.json`, `…/category/<slug>/<n>.json`,
/// `…/tag/<slug>/<n>.json`.
pub fn list_json(base: &str, filter: &crate::listing::Filter, page: usize) -> String {
    use crate::listing::Filter;
    match filter {
        Filter::All => format!("{base}data/lists/all/{page}.json"),
        Filter::Category(slug) => format!("{base}data/lists/category/{slug}/{page}.json"),
        Filter::Tag(slug) => format!("{base}data/lists/tag/{slug}/{page}.json"),
    }
}

/// `{base}data/posts/<slug>.json`
pub fn post_json(base: &str, slug: &str) -> String {
    format!("{base}data/posts/{slug}.json")
}

/// A file that sits beside a post in its folder (`figure.svg`), served at `{base}posts/<slug>/figure.svg`.
pub fn post_asset(base: &str, slug: &str, relative: &str) -> String {
    format!("{base}posts/{slug}/{}", relative.trim_start_matches("./"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases() {
        assert_eq!(normalize_base(""), "/");
        assert_eq!(normalize_base("/"), "/");
        assert_eq!(normalize_base("blog"), "/blog/");
        assert_eq!(normalize_base("/blog/"), "/blog/");
        assert_eq!(normalize_base("/a/b"), "/a/b/");
    }

    #[test]
    fn paths_under_a_sub_path() {
        let base = "/blog/";
        assert_eq!(home(base), "/blog/");
        assert_eq!(post(base, "tcp"), "/blog/posts/tcp/");
        assert_eq!(category(base, "rust"), "/blog/category/rust/");
        assert_eq!(tag(base, "io"), "/blog/tag/io/");
        assert_eq!(index_json(base), "/blog/data/index.json");
        assert_eq!(post_json(base, "tcp"), "/blog/data/posts/tcp.json");
        assert_eq!(
            post_asset(base, "tcp", "./fig.svg"),
            "/blog/posts/tcp/fig.svg"
        );
    }
}
