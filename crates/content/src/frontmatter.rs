//! Front matter: the TOML (`+++`, Zola and Hugo) or YAML (`---`, Jekyll and Hugo) block that opens a post.
//!
//! Both forms become one [`FrontMatter`]. The names each generator uses are accepted (`description`
//! for `summary`, Zola's `[taxonomies]`, Jekyll's `categories`, `author` or `authors`), and fields Quire
//! does not know are kept in [`FrontMatter::extra`] as JSON values for themes. Every error carries the
//! line and column in the file, so an author can jump straight to it.

use std::collections::BTreeMap;

use serde_json::{Map, Value};
use thiserror::Error;

use crate::date::{parse_date, parse_lenient, DateError, PostDate};
use crate::spans::TomlSpans;

/// Which language the front matter is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Between `+++` lines.
    Toml,
    /// Between `---` lines.
    Yaml,
}

impl Format {
    /// The delimiter line.
    pub fn delimiter(self) -> &'static str {
        match self {
            Format::Toml => "+++",
            Format::Yaml => "---",
        }
    }

    /// How a field is written in this format, for messages: `title = "…"` or `title: "…"`.
    pub fn assignment(self, key: &str, value: &str) -> String {
        match self {
            Format::Toml => format!("{key} = {value}"),
            Format::Yaml => format!("{key}: {value}"),
        }
    }
}

/// A 1-based line and column (in characters) in a file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The first character of the file.
    pub const START: Location = Location { line: 1, column: 1 };
}

/// Where byte `offset` of `text` is, as a 1-based line and character column.
pub fn location_of(text: &str, offset: usize) -> Location {
    let offset = offset.min(text.len());
    let before = text.as_bytes().get(..offset).unwrap_or_default();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    // Count characters, not bytes: editors show character columns. Invalid UTF-8 counts byte by byte.
    let column = 1 + String::from_utf8_lossy(before.get(line_start..).unwrap_or_default())
        .chars()
        .count();
    Location { line, column }
}

/// What is wrong with a front matter, without the place (see [`FrontMatterError`]).
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ErrorKind {
    /// Line 1 is not `+++` or `---`.
    #[error(
        "the file has no front matter: begin it with a +++ line (TOML) or a --- line (YAML), \
         then the title and date, then the same line again"
    )]
    Missing,
    /// No closing delimiter line (the delimiter it needs).
    #[error("the front matter opened here is never closed: add a {0} line after its last field")]
    Unclosed(&'static str),
    /// A TOML syntax error, as the parser words it.
    #[error("the front matter is not valid TOML: {0}")]
    Toml(String),
    /// A YAML syntax error, as the parser words it.
    #[error("the front matter is not valid YAML: {0}")]
    Yaml(String),
    /// YAML that is a list or a scalar instead of fields (what it is).
    #[error("the front matter must be fields (key: value), not {0}: write title: \"…\" and date: 2024-03-05 on their own lines")]
    NotFields(&'static str),
    /// A field holds the wrong kind of value.
    #[error("{key} must be {expected}, not {found}: write {example}")]
    WrongType {
        /// The key as written (`taxonomies.tags`).
        key: String,
        /// What the field takes: `text`, `a list of text`, `true or false`, `a date`.
        expected: &'static str,
        /// What it holds.
        found: &'static str,
        /// The field written right, in the file's format.
        example: String,
    },
    /// A date field that is not a date.
    #[error("{key} \"{value}\" is not a date: write YYYY-MM-DD or an RFC 3339 date-time like 2024-03-05T10:00:00Z")]
    BadDate {
        /// `date` or `updated`.
        key: String,
        /// The text as written.
        value: String,
        /// Why it is not a date (kept for tools; the message names the accepted forms instead).
        reason: DateError,
    },
}

/// A problem with a front matter at its place in the file.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{location:?}: {kind}")]
pub struct FrontMatterError {
    pub location: Location,
    pub kind: ErrorKind,
}

/// A post file split at its front matter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub format: Format,
    /// The text between the delimiter lines.
    pub front: &'a str,
    /// Line of the file where `front` starts (2, the line after the opening delimiter).
    pub front_line: usize,
    /// Everything after the closing delimiter line.
    pub body: &'a str,
    /// Byte offset of `body` in the file text.
    pub body_offset: usize,
    /// Line of the file where `body` starts.
    pub body_line: usize,
}

/// Splits a post into front matter and body. The opening delimiter (`+++` or `---`, trailing spaces
/// allowed) must be the first line; a UTF-8 byte order mark before it is skipped. YAML may also close
/// with `...`, as YAML documents do.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = text.get(bom..).unwrap_or("").split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    let format = match first.trim_end() {
        "+++" => Format::Toml,
        "---" => Format::Yaml,
        _ => {
            return Err(FrontMatterError {
                location: Location::START,
                kind: ErrorKind::Missing,
            })
        }
    };
    let front_start = bom + first.len();
    let mut offset = front_start;
    for (line, l) in (2..).zip(lines) {
        let trimmed = l.trim_end();
        if trimmed == format.delimiter() || (format == Format::Yaml && trimmed == "...") {
            let body_offset = offset + l.len();
            return Ok(Split {
                format,
                front: text.get(front_start..offset).unwrap_or(""),
                front_line: 2,
                body: text.get(body_offset..).unwrap_or(""),
                body_offset,
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    Err(FrontMatterError {
        location: Location::START,
        kind: ErrorKind::Unclosed(format.delimiter()),
    })
}

/// The fields of a front matter Quire understands, plus the rest in `extra`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<PostDate>,
    pub updated: Option<PostDate>,
    /// `summary`, or else `description`.
    pub summary: Option<String>,
    /// `category`, or the first of `categories` or `taxonomies.categories`.
    pub category: Option<String>,
    /// `tags` or `taxonomies.tags`, in the order written, empty names dropped.
    pub tags: Vec<String>,
    pub slug: Option<String>,
    /// `draft = true`, or Jekyll's `published: false`.
    pub draft: bool,
    /// `authors`, or `author`.
    pub authors: Vec<String>,
    /// `series`, or the first of `taxonomies.series`.
    pub series: Option<String>,
    /// `cover`, or `cover.image` (Hugo themes write a table).
    pub cover: Option<String>,
    /// Every other field, as JSON. Zola's `[extra]` table is merged in (its keys win).
    pub extra: BTreeMap<String, Value>,
    /// Where the value of each field Quire read starts, by the name above (`"category"` for whichever key
    /// gave the category). Fields that were written but invalid are here too.
    pub locations: BTreeMap<&'static str, Location>,
}

impl FrontMatter {
    /// Where a field's value is, or the start of the file when it was not written.
    pub fn location(&self, field: &str) -> Location {
        self.locations
            .get(field)
            .copied()
            .unwrap_or(Location::START)
    }
}

/// A post's front matter read, and the body after it.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed<'a> {
    pub format: Format,
    pub front_matter: FrontMatter,
    /// Problems with single fields (wrong type, bad date): the other fields are still read.
    pub errors: Vec<FrontMatterError>,
    /// What was read but not as written (a date in a loose form), for the author to tidy up.
    pub warnings: Vec<(Location, String)>,
    pub body: &'a str,
    pub body_offset: usize,
    pub body_line: usize,
}

/// Splits and reads a post. Fails only when the front matter cannot be read at all (missing,
/// unclosed, a syntax error); problems with single fields are in [`Parsed::errors`].
pub fn parse(text: &str) -> Result<Parsed<'_>, FrontMatterError> {
    let split = split(text)?;
    let map = match split.format {
        Format::Toml => toml_fields(&split)?,
        Format::Yaml => yaml_fields(&split)?,
    };
    let mut reader = Reader {
        format: split.format,
        front: split.front,
        front_line: split.front_line,
        // The TOML parser knows where each value is; YAML's gives no positions (see `find_value`).
        spans: match split.format {
            Format::Toml => TomlSpans::parse(split.front),
            Format::Yaml => None,
        },
        fm: FrontMatter::default(),
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    reader.read(map);
    Ok(Parsed {
        format: split.format,
        front_matter: reader.fm,
        errors: reader.errors,
        warnings: reader.warnings,
        body: split.body,
        body_offset: split.body_offset,
        body_line: split.body_line,
    })
}

fn toml_fields(split: &Split<'_>) -> Result<Map<String, Value>, FrontMatterError> {
    match split.front.parse::<toml::Table>() {
        Ok(table) => Ok(table
            .into_iter()
            .map(|(k, v)| (k, toml_to_json(v)))
            .collect()),
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            let mut location = location_of(split.front, at);
            let line = split.front.lines().nth(location.line - 1).unwrap_or("");
            location.line += split.front_line - 1;
            // TOML reads `date = 2024-13-01` as a broken datetime; say what a date error says.
            for key in ["date", "updated"] {
                if let Some(column) = value_column(line, key) {
                    let value = line
                        .get(column_offset(line, column)..)
                        .unwrap_or("")
                        .split('#')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .trim_matches(['"', '\'']);
                    if let Err(reason) = parse_date(value) {
                        return Err(FrontMatterError {
                            location: Location {
                                line: location.line,
                                column,
                            },
                            kind: ErrorKind::BadDate {
                                key: key.to_string(),
                                value: value.to_string(),
                                reason,
                            },
                        });
                    }
                }
            }
            // A bare word (`title = Hello`) is the most common TOML slip: say how to fix it.
            if let Some((key, value)) = line.split_once('=') {
                let (key, value) = (key.trim(), value.trim());
                if value.starts_with(char::is_alphabetic) && !key.is_empty() {
                    return Err(FrontMatterError {
                        location: Location {
                            line: location.line,
                            column: value_column(line, key).unwrap_or(location.column),
                        },
                        kind: ErrorKind::Toml(format!(
                            "text must be in quotes: write {key} = \"{}\"",
                            value.replace('"', "\\\"")
                        )),
                    });
                }
            }
            Err(FrontMatterError {
                location,
                kind: ErrorKind::Toml(one_line(e.message())),
            })
        }
    }
}

fn yaml_fields(split: &Split<'_>) -> Result<Map<String, Value>, FrontMatterError> {
    match serde_norway::from_str::<serde_norway::Value>(split.front) {
        Ok(serde_norway::Value::Mapping(m)) => Ok(m
            .into_iter()
            .map(|(k, v)| (yaml_key(k), yaml_to_json(v)))
            .collect()),
        Ok(serde_norway::Value::Null) => Ok(Map::new()),
        Ok(other) => Err(FrontMatterError {
            location: Location {
                line: split.front_line,
                column: 1,
            },
            kind: ErrorKind::NotFields(type_name(&yaml_to_json(other))),
        }),
        Err(e) => {
            let location = e.location().map_or(
                Location {
                    line: split.front_line,
                    column: 1,
                },
                |l| Location {
                    line: split.front_line + l.line().max(1) - 1,
                    column: l.column().max(1),
                },
            );
            // The message ends with " at line L column C" counted from the front matter: drop it,
            // the diagnostic gives the place in the file.
            let mut message = e.to_string();
            if let Some(i) = message.find(" at line ") {
                message.truncate(i);
            }
            Err(FrontMatterError {
                location,
                kind: ErrorKind::Yaml(one_line(&message)),
            })
        }
    }
}

/// Byte offset of 1-based character column `column` in `line`.
fn column_offset(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column - 1)
        .map_or(line.len(), |(i, _)| i)
}

fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// TOML to JSON; datetimes become their TOML text (`2024-03-05`, `2024-03-05T10:00:00Z`).
fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

fn yaml_key(key: serde_norway::Value) -> String {
    match yaml_to_json(key) {
        Value::String(s) => s,
        Value::Null => "null".to_string(),
        other => other.to_string(),
    }
}

/// YAML to JSON; tags (`!foo`) are dropped, keys that are not text are written as text.
fn yaml_to_json(value: serde_norway::Value) -> Value {
    use serde_norway::Value as Y;
    match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Value::Null, Value::Number)
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(s) => Value::Array(s.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| (yaml_key(k), yaml_to_json(v)))
                .collect(),
        ),
        Y::Tagged(t) => yaml_to_json(t.value),
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "empty",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
    }
}

/// Text of a scalar: YAML reads `title: 1984` as a number, which is still a fine title.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Splits a single-string list: `"a, b"` at commas, Jekyll's `a b` at spaces.
fn split_names(text: &str) -> Vec<String> {
    let parts: Vec<&str> = if text.contains(',') {
        text.split(',').collect()
    } else {
        text.split_whitespace().collect()
    };
    parts
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// The front matter keys Quire reads, lower case.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "lastmod",
    "summary",
    "description",
    "category",
    "categories",
    "tags",
    "slug",
    "draft",
    "published",
    "authors",
    "author",
    "series",
    "cover",
    "extra",
    "taxonomies",
    "aliases",
    "url",
];

struct Reader<'a> {
    format: Format,
    front: &'a str,
    front_line: usize,
    spans: Option<TomlSpans>,
    fm: FrontMatter,
    errors: Vec<FrontMatterError>,
    warnings: Vec<(Location, String)>,
}

impl Reader<'_> {
    /// `path` is the key as written (`["taxonomies", "tags"]`), `field` the name it is stored under.
    fn note(&mut self, field: &'static str, path: &[&str]) -> Location {
        let location = self
            .spans
            .as_ref()
            .and_then(|spans| spans.location(self.front, self.front_line, path))
            .unwrap_or_else(|| find_value(self.front, self.front_line, self.format, path));
        self.fm.locations.insert(field, location);
        location
    }

    fn wrong_type(&mut self, location: Location, key: &str, expected: &'static str, found: &Value) {
        let example = match expected {
            "text" => self.format.assignment(key, "\"…\""),
            "true or false" => self.format.assignment(key, "true"),
            "a date" => self.format.assignment(key, "2024-03-05"),
            _ => self.format.assignment(key, "[\"a\", \"b\"]"),
        };
        self.errors.push(FrontMatterError {
            location,
            kind: ErrorKind::WrongType {
                key: key.to_string(),
                expected,
                found: type_name(found),
                example,
            },
        });
    }

    fn text(&mut self, field: &'static str, path: &[&str], value: &Value) -> Option<String> {
        let location = self.note(field, path);
        match scalar_text(value) {
            Some(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            None => {
                self.wrong_type(location, &path.join("."), "text", value);
                None
            }
        }
    }

    fn list(
        &mut self,
        field: &'static str,
        path: &[&str],
        value: &Value,
        split: bool,
    ) -> Vec<String> {
        let location = self.note(field, path);
        match value {
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match scalar_text(item) {
                        Some(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
                        Some(_) => {}
                        None => {
                            self.wrong_type(location, &path.join("."), "a list of text", item);
                            return Vec::new();
                        }
                    }
                }
                out
            }
            Value::Null => Vec::new(),
            other => match scalar_text(other) {
                Some(s) if split => split_names(&s),
                Some(s) => vec![s.trim().to_string()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect(),
                None => {
                    self.wrong_type(location, &path.join("."), "a list of text", other);
                    Vec::new()
                }
            },
        }
    }

    fn date(&mut self, field: &'static str, value: &Value) -> Option<PostDate> {
        let location = self.note(field, &[field]);
        let Value::String(text) = value else {
            self.wrong_type(location, field, "a date", value);
            return None;
        };
        match parse_date(text) {
            Ok(d) => Some(d),
            // Jekyll reads more than RFC 3339; what it reads, Quire reads too, and says so.
            Err(_) if parse_lenient(text).is_some() => {
                let d = parse_lenient(text)?;
                self.warnings.push((
                    location,
                    format!(
                        "{field} \"{text}\" is not in a standard form; read as {}: write {}",
                        d.normalized,
                        self.format.assignment(field, &d.normalized)
                    ),
                ));
                Some(d)
            }
            Err(reason) => {
                self.errors.push(FrontMatterError {
                    location,
                    kind: ErrorKind::BadDate {
                        key: field.to_string(),
                        value: text.clone(),
                        reason,
                    },
                });
                None
            }
        }
    }

    fn bool(&mut self, field: &'static str, key: &str, value: &Value) -> Option<bool> {
        let location = self.note(field, &[key]);
        match value {
            Value::Bool(b) => Some(*b),
            other => {
                self.wrong_type(location, key, "true or false", other);
                None
            }
        }
    }

    fn read(&mut self, mut map: Map<String, Value>) {
        // Hugo reads keys without regard to case (`Title`, `Date`): so does Quire, for its own.
        let capitalised: Vec<String> = map
            .keys()
            .filter(|k| {
                let lower = k.to_lowercase();
                lower != **k && KNOWN_KEYS.contains(&lower.as_str()) && !map.contains_key(&lower)
            })
            .cloned()
            .collect();
        for key in capitalised {
            if let Some(value) = map.remove(&key) {
                map.insert(key.to_lowercase(), value);
            }
        }
        let mut take = |key: &str| map.remove(key);
        let title = take("title");
        let date = take("date");
        let updated = take("updated").or_else(|| take("lastmod"));
        let summary = take("summary");
        let description = take("description");
        let category = take("category");
        let categories = take("categories");
        let tags = take("tags");
        let slug = take("slug");
        let draft = take("draft");
        let published = take("published");
        let authors = take("authors");
        let author = take("author");
        let series = take("series");
        let cover = take("cover");
        let extra_table = take("extra");
        let mut taxonomies = take("taxonomies");

        if let Some(v) = &title {
            self.fm.title = self.text("title", &["title"], v);
        }
        if let Some(v) = &date {
            self.fm.date = self.date("date", v);
        }
        if let Some(v) = &updated {
            self.fm.updated = self.date("updated", v);
        }
        if let Some(v) = &summary {
            self.fm.summary = self.text("summary", &["summary"], v);
        } else if let Some(v) = &description {
            self.fm.summary = self.text("summary", &["description"], v);
        }

        // Zola keeps categories, tags and series under [taxonomies]; the rest of that table stays in extra.
        let mut taxonomy = |name: &str| match &mut taxonomies {
            Some(Value::Object(t)) => t.remove(name),
            _ => None,
        };
        let tax_categories = taxonomy("categories");
        let tax_tags = taxonomy("tags");
        let tax_series = taxonomy("series");

        if let Some(v) = &category {
            self.fm.category = self.text("category", &["category"], v);
        } else if let Some(v) = &categories {
            self.fm.category = self
                .list("category", &["categories"], v, true)
                .into_iter()
                .next();
        } else if let Some(v) = &tax_categories {
            self.fm.category = self
                .list("category", &["taxonomies", "categories"], v, true)
                .into_iter()
                .next();
        }
        if let Some(v) = &tags {
            self.fm.tags = self.list("tags", &["tags"], v, true);
        } else if let Some(v) = &tax_tags {
            self.fm.tags = self.list("tags", &["taxonomies", "tags"], v, true);
        }
        if let Some(v) = &series {
            self.fm.series = self
                .list("series", &["series"], v, false)
                .into_iter()
                .next();
        } else if let Some(v) = &tax_series {
            self.fm.series = self
                .list("series", &["taxonomies", "series"], v, false)
                .into_iter()
                .next();
        }
        if let Some(v) = &slug {
            self.fm.slug = self.text("slug", &["slug"], v);
        }
        if let Some(v) = &draft {
            self.fm.draft = self.bool("draft", "draft", v).unwrap_or(false);
        } else if let Some(v) = &published {
            self.fm.draft = !self.bool("draft", "published", v).unwrap_or(true);
        }
        if let Some(v) = &authors {
            self.fm.authors = self.list("authors", &["authors"], v, false);
        } else if let Some(v) = &author {
            self.fm.authors = self.list("authors", &["author"], v, false);
        }
        if let Some(v) = cover {
            match &v {
                Value::Object(t) if t.get("image").is_some_and(Value::is_string) => {
                    self.note("cover", &["cover"]);
                    self.fm.cover = t["image"].as_str().map(str::to_string);
                    // Alt text and captions stay available to themes.
                    map.insert("cover".to_string(), v);
                }
                _ => self.fm.cover = self.text("cover", &["cover"], &v),
            }
        }

        if let Some(Value::Object(t)) = &taxonomies {
            if t.is_empty() {
                taxonomies = None;
            }
        }
        if let Some(t) = taxonomies {
            map.insert("taxonomies".to_string(), t);
        }
        self.fm.extra = map.into_iter().collect();
        match extra_table {
            Some(Value::Object(t)) => self.fm.extra.extend(t),
            Some(other) => {
                self.fm.extra.insert("extra".to_string(), other);
            }
            None => {}
        }
    }
}

/// Finds where the value of a key starts in the front matter text, by looking for `key =` / `key:` lines.
/// YAML values carry no positions (serde_norway keeps none), and a line pointing at the right key is what
/// an author needs. TOML front matter uses the parser's spans instead ([`TomlSpans`]).
/// Falls back to the enclosing key, then to the start of the file.
fn find_value(front: &str, front_line: usize, format: Format, path: &[&str]) -> Location {
    let lines: Vec<&str> = front.lines().collect();
    let found = match (format, path) {
        (_, [key]) => find_top(&lines, format, key),
        (Format::Toml, [parent, key]) => find_top(&lines, format, &format!("{parent}.{key}"))
            .or_else(|| {
                let header = format!("[{parent}]");
                let start = lines.iter().position(|l| l.trim() == header)? + 1;
                lines
                    .get(start..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|l| !l.trim_start().starts_with('['))
                    .enumerate()
                    .find_map(|(i, l)| value_column(l, key).map(|c| (start + i, c)))
            })
            .or_else(|| inline(&lines, format, parent, key)),
        (Format::Yaml, [parent, key]) => find_top(&lines, format, parent)
            .and_then(|(p, _)| {
                lines
                    .get(p + 1..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|l| {
                        l.trim().is_empty() || l.starts_with(' ') || l.starts_with('\t')
                    })
                    .enumerate()
                    .find_map(|(i, l)| value_column(l, key).map(|c| (p + 1 + i, c)))
            })
            .or_else(|| inline(&lines, format, parent, key)),
        _ => None,
    };
    match found {
        Some((index, column)) => Location {
            line: front_line + index,
            column,
        },
        None => Location::START,
    }
}

/// A key of the top level: before any `[table]` in TOML, not indented in YAML.
fn find_top(lines: &[&str], format: Format, key: &str) -> Option<(usize, usize)> {
    for (i, line) in lines.iter().enumerate() {
        match format {
            Format::Toml if line.trim_start().starts_with('[') => return None,
            Format::Yaml if line.starts_with([' ', '\t']) => continue,
            _ => {}
        }
        if let Some(column) = value_column(line, key) {
            return Some((i, column));
        }
    }
    None
}

/// `parent = { key = … }` or `parent: {key: …}` on one line: points at the key.
fn inline(lines: &[&str], format: Format, parent: &str, key: &str) -> Option<(usize, usize)> {
    let (i, _) = find_top(lines, format, parent)?;
    let line = lines.get(i)?;
    let at = line.find(key)?;
    Some((i, line.get(..at)?.chars().count() + 1))
}

/// If `line` assigns `key` (`key = v`, `key: v`, quoted keys too), the column where the value starts,
/// or of the key when the value is on the next lines (a YAML list).
fn value_column(line: &str, key: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start().len();
    let rest = line.get(indent..)?;
    let rest = [
        rest.strip_prefix(key),
        rest.strip_prefix('"')
            .and_then(|r| r.strip_prefix(key))
            .and_then(|r| r.strip_prefix('"')),
        rest.strip_prefix('\'')
            .and_then(|r| r.strip_prefix(key))
            .and_then(|r| r.strip_prefix('\'')),
    ]
    .into_iter()
    .flatten()
    .next()?;
    let after_key = rest.trim_start();
    let value = after_key
        .strip_prefix('=')
        .or_else(|| after_key.strip_prefix(':'))?;
    let value_trimmed = value.trim_start();
    if value_trimmed.is_empty() || value_trimmed.starts_with('#') {
        return Some(line.get(..indent)?.chars().count() + 1);
    }
    let start = line.len() - value_trimmed.len();
    Some(line.get(..start)?.chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;
    use serde_json::json;

    fn read(text: &str) -> FrontMatter {
        let parsed = parse(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parsed.errors, vec![], "no field errors expected");
        parsed.front_matter
    }

    fn error(text: &str) -> String {
        let e = match parse(text) {
            Err(e) => e,
            Ok(p) => p.errors.into_iter().next().expect("an error was expected"),
        };
        format!("{}:{}: {}", e.location.line, e.location.column, e.kind)
    }

    fn date(text: &str) -> Option<PostDate> {
        Some(parse_date(text).unwrap())
    }

    #[test]
    fn toml_zola_form() {
        let fm = read(
            "+++\n\
             title = \"How TCP finds the bandwidth\"\n\
             date = 2024-03-05\n\
             updated = 2024-06-12T10:00:00+02:00\n\
             description = \"Slow start, then AIMD.\"\n\
             slug = \"tcp\"\n\
             draft = true\n\
             template = \"page.html\"\n\
             \n\
             [taxonomies]\n\
             categories = [\"networking\", \"protocols\"]\n\
             tags = [\"tcp\", \"latency\"]\n\
             authors = [\"Ana\"]\n\
             \n\
             [extra]\n\
             toc = true\n\
             published_at = 2024-03-05T08:00:00Z\n\
             +++\n\
             Body.\n",
        );
        assert_eq!(fm.title.as_deref(), Some("How TCP finds the bandwidth"));
        assert_eq!(fm.date, date("2024-03-05"));
        assert_eq!(fm.updated, date("2024-06-12T10:00:00+02:00"));
        assert_eq!(fm.summary.as_deref(), Some("Slow start, then AIMD."));
        assert_eq!(fm.category.as_deref(), Some("networking"));
        assert_eq!(fm.tags, ["tcp", "latency"]);
        assert_eq!(fm.slug.as_deref(), Some("tcp"));
        assert!(fm.draft);
        assert_eq!(
            serde_json::to_value(&fm.extra).unwrap(),
            json!({
                "template": "page.html",
                "taxonomies": {"authors": ["Ana"]},
                "toc": true,
                "published_at": "2024-03-05T08:00:00Z",
            })
        );
        assert_eq!(fm.location("date"), Location { line: 3, column: 8 });
        assert_eq!(
            fm.location("category"),
            Location {
                line: 11,
                column: 14
            }
        );
        assert_eq!(
            fm.location("tags"),
            Location {
                line: 12,
                column: 8
            }
        );
    }

    #[test]
    fn yaml_jekyll_form() {
        let fm = read(
            "---\n\
             layout: post\n\
             title: How DNS resolution really works\n\
             date: 2024-02-11 09:30:00 +0100\n\
             categories: [networking, protocols]\n\
             tags: dns latency\n\
             author: Ana Lima\n\
             permalink: /blog/:year/:title/\n\
             published: false\n\
             cover:\n  image: dns.svg\n  alt: A resolver\n\
             ---\n\
             Body.\n",
        );
        assert_eq!(fm.title.as_deref(), Some("How DNS resolution really works"));
        assert_eq!(fm.date, date("2024-02-11T09:30:00+01:00"));
        assert_eq!(fm.category.as_deref(), Some("networking"));
        assert_eq!(fm.tags, ["dns", "latency"]);
        assert_eq!(fm.authors, ["Ana Lima"]);
        assert!(fm.draft);
        assert_eq!(fm.cover.as_deref(), Some("dns.svg"));
        assert_eq!(
            serde_json::to_value(&fm.extra).unwrap(),
            json!({
                "layout": "post",
                "permalink": "/blog/:year/:title/",
                "cover": {"image": "dns.svg", "alt": "A resolver"},
            })
        );
        assert_eq!(
            fm.location("category"),
            Location {
                line: 5,
                column: 13
            }
        );
        assert_eq!(
            fm.location("cover"),
            Location {
                line: 10,
                column: 1
            }
        );
    }

    #[test]
    fn single_strings_for_lists() {
        let fm = read("---\ntitle: T\ncategories: networking protocols\ntags: \"rust, async io\"\nauthors: Ana Lima\n---\n");
        assert_eq!(fm.category.as_deref(), Some("networking"));
        assert_eq!(fm.tags, ["rust", "async io"]);
        assert_eq!(fm.authors, ["Ana Lima"]);
        let fm =
            read("+++\ntitle = \"T\"\ncategory = \"Rust\"\ntags = []\nseries = \"Queues\"\n+++\n");
        assert_eq!(fm.category.as_deref(), Some("Rust"));
        assert!(fm.tags.is_empty());
        assert_eq!(fm.series.as_deref(), Some("Queues"));
    }

    #[test]
    fn yaml_nested_taxonomies_and_numbers() {
        let fm = read("---\ntitle: 1984\nsummary: S\ndescription: D\ntaxonomies:\n  categories:\n    - data\n  tags: [arrow]\n---\n");
        assert_eq!(fm.title.as_deref(), Some("1984"));
        assert_eq!(fm.summary.as_deref(), Some("S"));
        assert_eq!(fm.category.as_deref(), Some("data"));
        assert_eq!(fm.tags, ["arrow"]);
        assert_eq!(fm.location("category"), Location { line: 6, column: 3 });
        assert_eq!(fm.location("tags"), Location { line: 8, column: 9 });
    }

    #[test]
    fn byte_order_mark_and_crlf() {
        let text = "\u{feff}+++\r\ntitle = \"T\"\r\n+++\r\nBody\r\n";
        let parsed = parse(text).unwrap();
        assert_eq!(parsed.front_matter.title.as_deref(), Some("T"));
        assert_eq!(parsed.body, "Body\r\n");
        assert_eq!(parsed.body_line, 4);
        assert_eq!(&text[parsed.body_offset..], "Body\r\n");
    }

    #[test]
    fn split_positions() {
        let s = split("---\na: 1\nb: 2\n---\n\nText").unwrap();
        assert_eq!(s.front, "a: 1\nb: 2\n");
        assert_eq!((s.body, s.body_line, s.body_offset), ("\nText", 5, 18));
        let s = split("---\n---").unwrap();
        assert_eq!((s.front, s.body, s.body_line), ("", "", 3));
    }

    #[test]
    fn errors_with_places() {
        let cases: &[(&str, &str)] = &[
            (
                "Just text\n",
                "1:1: the file has no front matter: begin it with a +++ line (TOML) or a --- line (YAML), \
                 then the title and date, then the same line again",
            ),
            (
                " +++\ntitle = \"T\"\n+++\n",
                "1:1: the file has no front matter: begin it with a +++ line (TOML) or a --- line (YAML), \
                 then the title and date, then the same line again",
            ),
            (
                "+++\ntitle = \"T\"\n\nBody\n",
                "1:1: the front matter opened here is never closed: add a +++ line after its last field",
            ),
            (
                "---\ntitle: T\n+++\n",
                "1:1: the front matter opened here is never closed: add a --- line after its last field",
            ),
            (
                "+++\ntitle = \"T\"\ndate = 2024-13-01\n+++\n",
                "3:8: date \"2024-13-01\" is not a date: write YYYY-MM-DD or an RFC 3339 date-time like 2024-03-05T10:00:00Z",
            ),
            (
                "+++\ntitle = \"T\"\ndate = \"2024-13-01\"\n+++\n",
                "3:8: date \"2024-13-01\" is not a date: write YYYY-MM-DD or an RFC 3339 date-time like 2024-03-05T10:00:00Z",
            ),
            (
                "---\ntitle: T\nupdated: last week\n---\n",
                "3:10: updated \"last week\" is not a date: write YYYY-MM-DD or an RFC 3339 date-time like 2024-03-05T10:00:00Z",
            ),
            (
                "---\ntitle: T\ndate: 2024\n---\n",
                "3:7: date must be a date, not a number: write date: 2024-03-05",
            ),
            (
                "+++\ntitle = [\"a\"]\n+++\n",
                "2:9: title must be text, not a list: write title = \"…\"",
            ),
            (
                "---\ntitle: T\ndraft: \"yes\"\n---\n",
                "3:8: draft must be true or false, not text: write draft: true",
            ),
            (
                "+++\ntitle = \"T\"\ntags = [\"a\", [\"b\"]]\n+++\n",
                "3:8: tags must be a list of text, not a list: write tags = [\"a\", \"b\"]",
            ),
            (
                "+++\ntitle = \"T\"\n[taxonomies]\ntags = { a = 1 }\n+++\n",
                "4:8: taxonomies.tags must be a list of text, not a table: write taxonomies.tags = [\"a\", \"b\"]",
            ),
            (
                "+++\ntitle = \"T\"\ndate = 2024-03-05\ntitle = \"again\"\n+++\n",
                "4:1: the front matter is not valid TOML: duplicate key",
            ),
            (
                "+++\ntitle = Hello, world\n+++\n",
                "2:9: the front matter is not valid TOML: text must be in quotes: write title = \"Hello, world\"",
            ),
            (
                "---\ntitle: T\ntags: [a, b\n---\n",
                "4:1: the front matter is not valid YAML: did not find expected ',' or ']'",
            ),
            (
                "---\n- a\n- b\n---\n",
                "2:1: the front matter must be fields (key: value), not a list: write title: \"…\" and date: 2024-03-05 on their own lines",
            ),
        ];
        let failures: Vec<String> = cases
            .iter()
            .filter(|(text, expected)| error(text) != *expected)
            .map(|(text, expected)| {
                format!(
                    "{text:?}\n  got:      {}\n  expected: {expected}",
                    error(text)
                )
            })
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn every_field_error_is_reported() {
        let parsed =
            parse("+++\ntitle = 1\ndate = \"x\"\nupdated = \"y\"\ndraft = 1\n+++\nBody\n").unwrap();
        let places: Vec<_> = parsed
            .errors
            .iter()
            .map(|e| (e.location.line, e.location.column))
            .collect();
        assert_eq!(places, [(3, 8), (4, 11), (5, 9)]);
        assert_eq!(parsed.front_matter.title.as_deref(), Some("1"));
    }

    #[test]
    fn keys_inside_tables_are_not_top_level() {
        let fm = read("+++\n[extra]\ndate = \"not mine\"\n+++\n");
        assert_eq!(fm.date, None);
        assert_eq!(fm.extra["date"], json!("not mine"));
        assert_eq!(
            value_column("  \"slug\" = \"x\"", "slug"),
            Some(12),
            "quoted keys are found"
        );
        assert_eq!(value_column("subtitle = \"x\"", "title"), None);
        assert_eq!(value_column("titles = 1", "title"), None);
    }

    #[test]
    fn locations_count_characters() {
        assert_eq!(location_of("ab\ncé d", 7), Location { line: 2, column: 4 });
        assert_eq!(location_of("", 0), Location::START);
    }
}
