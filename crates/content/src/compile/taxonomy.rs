//! Categories and tags: names matched to `site.toml`, counted, and listed for the index.

// Every index here is a position in a vector this module builds with one entry per post or term
// (or an id handed out for one); none comes from the text of a post.
#![allow(clippy::indexing_slicing)]

use std::collections::{BTreeMap, HashSet};

use super::config::CategoryConfig;
use super::diagnostic::Diagnostic;
use super::links::did_you_mean;
use super::parse::ParsedPost;
use crate::frontmatter::FrontMatter;
use crate::model::{Category, Tag, Term};
use crate::slug::slugify;

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

/// Matches each post's category to the ones `site.toml` lists (by slug or name, ignoring case) and
/// reports unknown ones with the closest listed name. When `site.toml` lists none, any category with a
/// letter or digit is accepted. Returns, per post, the index of its listed category.
pub(super) fn resolve_categories(
    posts: &[ParsedPost],
    listed: &[CategoryConfig],
    problems: &mut Vec<Diagnostic>,
) -> Vec<Option<usize>> {
    let mut category_of: Vec<Option<usize>> = vec![None; posts.len()];
    if listed.is_empty() {
        for post in posts {
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
        return category_of;
    }
    let known: Vec<&str> = listed.iter().map(|c| c.slug.as_str()).collect();
    for (i, post) in posts.iter().enumerate() {
        let Some(written) = post.front_matter.category.as_deref() else {
            continue;
        };
        let found = listed.iter().position(|c| {
            c.slug.eq_ignore_ascii_case(written) || c.name.to_lowercase() == written.to_lowercase()
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
                // An imported blog brings its own categories: they are listed after site.toml's.
                problems.push(Diagnostic::warning(
                    &post.path,
                    post.front_matter.location("category"),
                    format!(
                        "category \"{written}\"{hint} is not in site.toml; it is listed after {}: add it to site.toml to name and describe it",
                        known.join(", ")
                    ),
                ));
            }
        }
    }
    category_of
}

/// The taxonomies of the published posts, filled as posts are built in path order, so a name is shown as
/// first written.
pub(super) struct Taxonomies<'a> {
    listed: &'a [CategoryConfig],
    listed_counts: Vec<usize>,
    from_posts: Terms,
    tags: Terms,
    series: Terms,
}

/// The terms of one post.
#[derive(Default)]
pub(super) struct PostTerms {
    pub(super) category: Option<Term>,
    pub(super) tags: Vec<Term>,
    pub(super) series: Option<Term>,
}

impl<'a> Taxonomies<'a> {
    pub(super) fn new(listed: &'a [CategoryConfig]) -> Taxonomies<'a> {
        Taxonomies {
            listed,
            listed_counts: vec![0; listed.len()],
            from_posts: Terms::default(),
            tags: Terms::default(),
            series: Terms::default(),
        }
    }

    /// Counts a published post and returns its terms. `listed` is the post's category in `site.toml`.
    pub(super) fn add(&mut self, fm: &FrontMatter, listed: Option<usize>) -> PostTerms {
        let category = match listed {
            Some(c) => {
                self.listed_counts[c] += 1;
                Some(Term {
                    slug: self.listed[c].slug.clone(),
                    name: self.listed[c].name.clone(),
                })
            }
            None => fm.category.as_deref().map(|c| self.from_posts.add(c)),
        };
        // A tag written twice (`Rust`, `rust`) counts once; a set keeps long tag lists linear.
        let mut seen: HashSet<String> = HashSet::with_capacity(fm.tags.len());
        let mut tags: Vec<Term> = Vec::with_capacity(fm.tags.len());
        for name in &fm.tags {
            if seen.insert(slugify(name)) {
                tags.push(self.tags.add(name));
            }
        }
        PostTerms {
            category,
            tags,
            series: fm.series.as_deref().map(|s| self.series.add(s)),
        }
    }

    /// The category list (in `site.toml` order by `order` then file order, or by name when the categories
    /// come from the posts) and the tag list (by name).
    pub(super) fn into_lists(self) -> (Vec<Category>, Vec<Tag>) {
        let mut from_posts: Vec<Category> = self
            .from_posts
            .by_slug
            .into_iter()
            .map(|(slug, (name, count))| Category {
                slug,
                name,
                description: String::new(),
                count,
            })
            .collect();
        from_posts.sort_by(|a, b| {
            (a.name.to_lowercase(), &a.slug).cmp(&(b.name.to_lowercase(), &b.slug))
        });
        let categories = if self.listed.is_empty() {
            from_posts
        } else {
            let mut order: Vec<usize> = (0..self.listed.len()).collect();
            order.sort_by_key(|&i| self.listed[i].order.map_or((1, 0), |o| (0, o)));
            order
                .into_iter()
                .map(|i| {
                    let c = &self.listed[i];
                    Category {
                        slug: c.slug.clone(),
                        name: c.name.clone(),
                        description: c.description.clone(),
                        count: self.listed_counts[i],
                    }
                })
                .chain(from_posts)
                .collect()
        };
        let mut tags: Vec<Tag> = self
            .tags
            .by_slug
            .into_iter()
            .map(|(slug, (name, count))| Tag { slug, name, count })
            .collect();
        tags.sort_by(|a, b| {
            (a.name.to_lowercase(), &a.slug).cmp(&(b.name.to_lowercase(), &b.slug))
        });
        (categories, tags)
    }
}
