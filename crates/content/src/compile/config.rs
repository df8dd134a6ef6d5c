//! `content/site.toml`: the site's title, URL, author and the categories posts may use.

use std::collections::HashMap;

use serde::Deserialize;

use super::diagnostic::{decode, Diagnostic};
use super::SourceFile;
use crate::frontmatter::{location_of, Location};
use crate::model::SiteMeta;
use crate::slug::{is_valid_slug, slugify};
use crate::spans::TomlSpans;

/// A category as `site.toml` lists it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct CategoryConfig {
    /// Defaults to the slug of `name`.
    #[serde(default)]
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Sort key for the category list; categories without one follow, in file order.
    #[serde(default)]
    pub order: Option<i64>,
}

/// `content/site.toml`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Absolute URL of the deployed site; a trailing `/` is removed.
    #[serde(default)]
    pub base_url: String,
    #[serde(default)]
    pub author: String,
    /// BCP 47 language tag.
    #[serde(default = "default_language")]
    pub language: String,
    /// Keep (sanitised) raw HTML in posts, as Jekyll, Hugo and Zola do; `false` escapes it.
    #[serde(default = "default_trusted_html")]
    pub trusted_html: bool,
    /// When empty, categories come from the posts.
    #[serde(default)]
    pub categories: Vec<CategoryConfig>,
    /// Where an imported blog served its posts, as its generator's permalink pattern
    /// (`/:year/:month/:day/:title.html`); each post gets a redirect from that address. See
    /// [`super::permalink::expand`] for the placeholders.
    #[serde(default)]
    pub old_permalink: Option<String>,
}

fn default_trusted_html() -> bool {
    true
}

fn default_language() -> String {
    "en".to_string()
}

impl SiteConfig {
    /// Reads and checks `site.toml`: TOML syntax and types, a title, category slugs that fit in a URL
    /// and are listed once.
    pub fn parse(file: &SourceFile) -> Result<SiteConfig, Vec<Diagnostic>> {
        let path = file.path.as_str();
        let text = decode(&file.bytes)
            .map_err(|e| vec![Diagnostic::new(path, e.location, e.to_string())])?;
        let mut config: SiteConfig = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            let message = e.message().split_whitespace().collect::<Vec<_>>().join(" ");
            let message = if message == "missing field `title`" {
                "site.toml has no title: add title = \"My blog\"".to_string()
            } else {
                format!("site.toml is not valid: {message}")
            };
            vec![Diagnostic::new(path, location_of(text, at), message)]
        })?;
        let mut problems = Vec::new();
        // The file parsed above, so the spans are there; the start of the file is only a safe default.
        let spans = TomlSpans::parse(text).unwrap_or_default();
        let at = |key: &[&str]| spans.location(text, 1, key);
        if config.title.trim().is_empty() {
            problems.push(Diagnostic::new(
                path,
                at(&["title"]).unwrap_or(Location::START),
                "the site title is empty: write title = \"My blog\"",
            ));
        }
        config.base_url = config.base_url.trim().trim_end_matches('/').to_string();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, c) in config.categories.iter_mut().enumerate() {
            let n = i.to_string();
            let at = at(&["categories", &n, "slug"])
                .or_else(|| at(&["categories", &n, "name"]))
                .unwrap_or(Location::START);
            if c.slug.is_empty() {
                c.slug = slugify(&c.name);
            }
            if !is_valid_slug(&c.slug) {
                let fixed = slugify(&c.slug);
                let message = if fixed.is_empty() {
                    format!(
                        "category slug \"{}\" has no letters or digits: write slug = \"my-category\"",
                        c.slug
                    )
                } else {
                    format!(
                        "category slug \"{}\" cannot be used in a URL: write slug = \"{fixed}\"",
                        c.slug
                    )
                };
                problems.push(Diagnostic::new(path, at, message));
            } else if let Some(first) = seen.insert(c.slug.clone(), i) {
                problems.push(Diagnostic::new(
                    path,
                    at,
                    format!(
                        "category \"{}\" is listed twice (categories {} and {}): remove one",
                        c.slug,
                        first + 1,
                        i + 1
                    ),
                ));
            }
        }
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    /// What `index.json` says about the site.
    pub fn meta(&self) -> SiteMeta {
        SiteMeta {
            title: self.title.clone(),
            description: self.description.clone(),
            base_url: self.base_url.clone(),
            author: self.author.clone(),
            language: self.language.clone(),
            trusted_html: self.trusted_html,
        }
    }
}
