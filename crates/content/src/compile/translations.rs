//! Language versions of a post: `post.md` and `post.fr.md` (Hugo), `x/index.md` and `x/index.fr.md`
//! (Zola) are one post in two languages. Each version links to the others.

use std::collections::{BTreeMap, HashMap};

use super::parse::{LeftOut, ParsedPost};
use crate::model::{Post, Translation};

/// The slugs of the published versions of each post that has more than one, with each version's
/// language (None for the site's own).
pub(super) fn groups(
    posts: &[ParsedPost],
    left_out: &[Option<LeftOut>],
) -> Vec<Vec<(String, Option<String>)>> {
    let mut by_key: BTreeMap<String, Vec<(String, Option<String>)>> = BTreeMap::new();
    for (post, out) in posts.iter().zip(left_out) {
        let (Some(slug), None) = (&post.slug, out) else {
            continue;
        };
        by_key
            .entry(original_path(&post.path, post.lang.as_deref()))
            .or_default()
            .push((slug.clone(), post.lang.clone()));
    }
    by_key.into_values().filter(|g| g.len() > 1).collect()
}

/// The path of the version in the site's language: `a/post.fr.md` → `a/post.md`.
fn original_path(path: &str, lang: Option<&str>) -> String {
    let Some(lang) = lang else {
        return path.to_string();
    };
    let suffix = format!(".{lang}.md");
    match path.strip_suffix(&suffix) {
        Some(stem) => format!("{stem}.md"),
        None => path.to_string(),
    }
}

/// Fills each version's list of the others, ordered by language.
pub(super) fn link(posts: &mut [Post], groups: &[Vec<(String, Option<String>)>], site_lang: &str) {
    let position: HashMap<String, usize> = posts
        .iter()
        .enumerate()
        .map(|(i, p)| (p.meta.slug.clone(), i))
        .collect();
    for group in groups {
        let mut versions: Vec<Translation> = group
            .iter()
            .filter_map(|(slug, lang)| {
                let post = posts.get(*position.get(slug)?)?;
                Some(Translation {
                    lang: lang.clone().unwrap_or_else(|| site_lang.to_string()),
                    slug: slug.clone(),
                    title: post.meta.title.clone(),
                })
            })
            .collect();
        versions.sort_by(|a, b| a.lang.cmp(&b.lang));
        for v in &versions {
            if let Some(post) = position.get(&v.slug).and_then(|&i| posts.get_mut(i)) {
                post.translations = versions
                    .iter()
                    .filter(|o| o.slug != v.slug)
                    .cloned()
                    .collect();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn originals_of_translations() {
        assert_eq!(original_path("p/a.fr.md", Some("fr")), "p/a.md");
        assert_eq!(
            original_path("p/x/index.pt-br.md", Some("pt-br")),
            "p/x/index.md"
        );
        assert_eq!(original_path("p/a.md", None), "p/a.md");
    }
}
