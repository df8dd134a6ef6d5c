//! Where each value of a TOML document is, by key path, from the parser's own spans: a message about a
//! field then points at its value however the key was spelt (quoted, dotted, in an inline table, under a
//! `[table]` header, in the n-th `[[array]]` table).

use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::frontmatter::{location_of, Location};

/// Byte ranges of the values of a TOML document, keyed by path: `["taxonomies", "tags"]`, and
/// `["categories", "1", "slug"]` for a key of the second `[[categories]]` table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TomlSpans {
    by_path: HashMap<Vec<String>, Range<usize>>,
}

impl TomlSpans {
    /// The spans of `text`, or None when it is not valid TOML (the syntax error is reported instead).
    pub fn parse(text: &str) -> Option<TomlSpans> {
        let table = DeTable::parse(text).ok()?;
        let mut spans = TomlSpans::default();
        spans.walk_table(&mut Vec::new(), table.get_ref());
        Some(spans)
    }

    /// The byte range of the value at `path`, if the document has one.
    pub fn get(&self, path: &[&str]) -> Option<Range<usize>> {
        let key: Vec<String> = path.iter().map(|s| s.to_string()).collect();
        self.by_path.get(&key).cloned()
    }

    /// Where the value at `path` starts in `text` (the document these spans came from), counting lines
    /// from `first_line`.
    pub fn location(&self, text: &str, first_line: usize, path: &[&str]) -> Option<Location> {
        let span = self.get(path)?;
        let mut at = location_of(text, span.start);
        at.line += first_line - 1;
        Some(at)
    }

    fn walk_table(&mut self, path: &mut Vec<String>, table: &DeTable<'_>) {
        for (key, value) in table.iter() {
            path.push(key.get_ref().to_string());
            self.walk_value(path, value);
            path.pop();
        }
    }

    fn walk_value(&mut self, path: &mut Vec<String>, value: &Spanned<DeValue<'_>>) {
        self.by_path.insert(path.clone(), value.span());
        match value.get_ref() {
            DeValue::Table(table) => self.walk_table(path, table),
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(i.to_string());
                    self.walk_value(path, item);
                    path.pop();
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    /// `line:column` of the value at `path` (a dotted path, `.` inside quotes not supported here).
    fn at(text: &str, path: &str) -> Option<String> {
        let path: Vec<&str> = path.split('.').collect();
        TomlSpans::parse(text)?
            .location(text, 1, &path)
            .map(|l| format!("{}:{}", l.line, l.column))
    }

    #[test]
    fn values_wherever_the_key_is_written() {
        let text = "title = \"T\"\n\"slug\" = 'quoted'\ncover = { image = \"c.png\" }\nextra.series = [\"s\"]\n\n[taxonomies]\ncategories = [\"net\"]\n  tags = [\n  \"a\", \"b\"]\n\n[[categories]]\nname = \"A\"\n[[categories]]\nslug = \"b\"\n";
        let cases = [
            ("title", Some("1:9")),
            ("slug", Some("2:10")),
            ("cover.image", Some("3:19")),
            ("extra.series", Some("4:16")),
            ("taxonomies.categories", Some("7:14")),
            ("taxonomies.tags", Some("8:10")),
            ("taxonomies.tags.1", Some("9:8")),
            ("categories.0.name", Some("12:8")),
            ("categories.1.slug", Some("14:8")),
            ("categories.1.name", None),
            ("nope", None),
        ];
        for (path, expected) in cases {
            assert_eq!(at(text, path).as_deref(), expected, "{path}");
        }
    }

    #[test]
    fn columns_count_characters_and_bad_toml_has_none() {
        assert_eq!(
            at("# café\n\"série\" = \"x\"\n", "série").as_deref(),
            Some("2:11")
        );
        assert_eq!(TomlSpans::parse("title = \n"), None);
    }
}
