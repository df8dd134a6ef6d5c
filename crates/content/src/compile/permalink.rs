//! The address an imported post had under its old generator's permalink pattern, so the site can
//! redirect from it: `/:year/:month/:day/:title.html` is Jekyll's `date` style.

use crate::date::PostDate;

/// What a pattern can name of one post.
pub struct Parts<'a> {
    pub date: &'a PostDate,
    /// The file name as written, without its date and extension (`Rust-1.0`): Jekyll's `:title`.
    pub title: &'a str,
    /// The post's slug on this site.
    pub slug: &'a str,
    /// The category slug, if any.
    pub category: Option<&'a str>,
}

/// Expands `:year`, `:short_year`, `:month`, `:i_month`, `:day`, `:i_day`, `:title`, `:slug` and
/// `:categories` (empty when the post has none; the doubled `/` is removed). None when the pattern
/// names something else, which the old address cannot be rebuilt without.
pub fn expand(pattern: &str, parts: &Parts) -> Option<String> {
    let normalized = parts.date.normalized.as_str();
    let field = |range: std::ops::Range<usize>| normalized.get(range).unwrap_or("");
    let (year, month, day) = (field(0..4), field(5..7), field(8..10));
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(i) = rest.find(':') {
        let (before, after) = rest.split_at(i);
        out.push_str(before);
        let name_len = after
            .get(1..)
            .unwrap_or("")
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(after.len() - 1, |n| n);
        let name = after.get(1..1 + name_len).unwrap_or("");
        let value = match name {
            "year" => year.to_string(),
            "short_year" => year.get(2..).unwrap_or("").to_string(),
            "month" => month.to_string(),
            "i_month" => month.trim_start_matches('0').to_string(),
            "day" => day.to_string(),
            "i_day" => day.trim_start_matches('0').to_string(),
            "title" => parts.title.to_string(),
            "slug" => parts.slug.to_string(),
            "categories" => parts.category.unwrap_or("").to_string(),
            _ => return None,
        };
        out.push_str(&value);
        rest = after.get(1 + name_len..).unwrap_or("");
    }
    out.push_str(rest);
    while out.contains("//") {
        out = out.replace("//", "/");
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::parse_date;

    #[test]
    fn jekyll_and_hugo_patterns() {
        let date = parse_date("2016-01-05").unwrap();
        let parts = Parts {
            date: &date,
            title: "Rust-1.0",
            slug: "rust-1-0",
            category: Some("release"),
        };
        let expand = |p: &str| expand(p, &parts);
        assert_eq!(
            expand("/:categories/:year/:month/:day/:title.html").as_deref(),
            Some("/release/2016/01/05/Rust-1.0.html")
        );
        assert_eq!(
            expand("/:year/:i_month/:slug/").as_deref(),
            Some("/2016/1/rust-1-0/")
        );
        let none = Parts {
            category: None,
            ..parts
        };
        assert_eq!(
            super::expand("/:categories/:short_year/:title/", &none).as_deref(),
            Some("/16/Rust-1.0/")
        );
        assert_eq!(super::expand("/:unknown/:title/", &none), None);
    }
}
