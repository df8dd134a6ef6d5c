//! Code highlighting at build time, into class-based HTML the site's stylesheet colours
//! (`style/code.css`, one palette per theme).
//!
//! Grammars are Sublime Text's, through syntect with bat's collection (two-face), run with
//! Oniguruma, the regex engine they were written for. Their scopes (`keyword.control.rust`, `string.quoted.double.json`…) are
//! folded into a dozen token classes by a theme whose "colours" are class numbers: syntect's own
//! scope matching picks the most specific rule, and the output is one flat span per token run
//! instead of a span per nested scope.

use std::str::FromStr;
use std::sync::OnceLock;

use pulldown_cmark_escape::{escape_html, escape_html_body_text};
use syntect::highlighting::{
    Color, HighlightIterator, HighlightState, Highlighter, ScopeSelectors, StyleModifier, Theme,
    ThemeItem, ThemeSettings,
};
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The token classes, in the order their numbers encode, with the scopes each one takes.
/// Later rules win over earlier ones only by scope specificity, as in any Sublime theme.
const CLASSES: &[(&str, &str)] = &[
    ("hl-com", "comment, punctuation.definition.comment"),
    (
        "hl-str",
        "string, punctuation.definition.string, constant.other.symbol",
    ),
    (
        "hl-esc",
        "constant.character.escape, string.regexp, constant.other.placeholder",
    ),
    (
        "hl-num",
        "constant.numeric, constant.language, constant.character, constant.other.color",
    ),
    (
        "hl-kw",
        "keyword, storage, keyword.control, variable.language",
    ),
    (
        // Path separators (`::`, `.`) stay plain: coloured, every path looks like arithmetic.
        "hl-op",
        "keyword.operator, punctuation.separator.key-value",
    ),
    (
        "hl-ty",
        "entity.name.type, entity.name.class, entity.name.struct, entity.name.enum, \
         entity.name.trait, entity.name.interface, support.type, support.class, \
         entity.other.inherited-class, storage.type.primitive, storage.type.numeric",
    ),
    (
        "hl-fn",
        "entity.name.function, support.function, variable.function, meta.function-call.identifier",
    ),
    (
        "hl-key",
        "entity.name.tag, meta.mapping.key string, support.type.property-name, \
         entity.name.section, meta.object-literal.key",
    ),
    (
        "hl-attr",
        "entity.other.attribute-name, meta.attribute, meta.annotation, meta.decorator",
    ),
    (
        "hl-mac",
        "support.macro, entity.name.macro, meta.preprocessor, keyword.other.directive",
    ),
    (
        "hl-var",
        "variable.parameter, variable.other.readwrite.shell, punctuation.definition.variable",
    ),
    ("hl-ins", "markup.inserted"),
    ("hl-del", "markup.deleted"),
    (
        "hl-head",
        "markup.heading, meta.diff.range, meta.diff.header",
    ),
];

/// Alternative names authors write after the fence that the grammars do not answer to.
const ALIASES: &[(&str, &str)] = &[
    ("protobuf", "proto"),
    ("proto3", "proto"),
    ("shell", "sh"),
    ("console", "sh"),
    ("zsh", "sh"),
    ("golang", "go"),
    ("yml", "yaml"),
    ("jsonc", "json"),
    ("json5", "json"),
    ("c++", "cpp"),
    ("cplusplus", "cpp"),
    ("csharp", "cs"),
    ("c#", "cs"),
    ("objc", "m"),
    ("dockerfile", "Dockerfile"),
    ("docker", "Dockerfile"),
    ("make", "Makefile"),
    ("makefile", "Makefile"),
    ("psql", "sql"),
    ("postgres", "sql"),
    ("postgresql", "sql"),
    ("tsx", "tsx"),
    ("kt", "kotlin"),
    ("hcl", "terraform"),
    ("tf", "terraform"),
];

/// Info string words that mean "not code in any language": no grammar is looked up.
const PLAIN: &[&str] = &["text", "txt", "plain", "plaintext", "none", "output"];

struct Grammars {
    syntaxes: SyntaxSet,
    theme: Theme,
}

/// The grammars, loaded once per process (a few tens of milliseconds) on first use.
fn grammars() -> &'static Grammars {
    static GRAMMARS: OnceLock<Grammars> = OnceLock::new();
    GRAMMARS.get_or_init(|| Grammars {
        syntaxes: two_face::syntax::extra_newlines(),
        theme: class_theme(),
    })
}

/// A theme whose foreground colours are class numbers: red channel = index in [`CLASSES`] + 1,
/// 0 for text outside every class.
fn class_theme() -> Theme {
    let scopes = CLASSES
        .iter()
        .enumerate()
        .map(|(i, (_, selectors))| ThemeItem {
            scope: ScopeSelectors::from_str(selectors).expect("the selectors above parse"),
            style: StyleModifier {
                foreground: Some(class_color(i + 1)),
                background: None,
                font_style: None,
            },
        })
        .collect();
    Theme {
        settings: ThemeSettings {
            foreground: Some(class_color(0)),
            ..ThemeSettings::default()
        },
        scopes,
        ..Theme::default()
    }
}

fn class_color(n: usize) -> Color {
    Color {
        r: n as u8,
        g: 0,
        b: 0,
        a: 0xff,
    }
}

/// The grammar for an info string word, or `None` for plain text and languages not known.
fn syntax_for(lang: &str) -> Option<&'static SyntaxReference> {
    if PLAIN.iter().any(|p| p.eq_ignore_ascii_case(lang)) {
        return None;
    }
    let lower = lang.to_ascii_lowercase();
    let token = ALIASES
        .iter()
        .find(|(alias, _)| *alias == lower)
        .map_or(lang, |(_, name)| name);
    grammars().syntaxes.find_syntax_by_token(token)
}

/// True when `lang` gets colours (a grammar answers to it).
pub fn is_highlighted(lang: &str) -> bool {
    syntax_for(lang).is_some()
}

/// How many grammars there are; the site's help text quotes it.
pub fn grammar_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = grammars()
        .syntaxes
        .syntaxes()
        .iter()
        .filter(|s| !s.hidden)
        .map(|s| s.name.as_str())
        .collect();
    names.sort_unstable();
    names
}

/// The HTML for one code block: a wrapper holding the copy button (hidden until the app wires it)
/// and the code, coloured by class when a grammar knows `lang`, plain escaped text otherwise.
///
/// ```html
/// <div class="code-block" data-lang="rust"><button type="button" class="code-copy" hidden>Copy</button><pre><code class="language-rust">…</code></pre></div>
/// ```
pub fn code_block(lang: Option<&str>, source: &str) -> String {
    let mut html = String::with_capacity(source.len() * 2 + 160);
    html.push_str("<div class=\"code-block\"");
    if let Some(lang) = lang {
        html.push_str(" data-lang=\"");
        escape(&mut html, lang, true);
        html.push('"');
    }
    html.push_str("><button type=\"button\" class=\"code-copy\" hidden>Copy</button><pre><code");
    if let Some(lang) = lang {
        html.push_str(" class=\"language-");
        escape(&mut html, lang, true);
        html.push('"');
    }
    html.push('>');
    let coloured = lang
        .and_then(syntax_for)
        .and_then(|syntax| highlight(syntax, source));
    match coloured {
        Some(code) => html.push_str(&code),
        None => escape(&mut html, source, false),
    }
    html.push_str("</code></pre></div>\n");
    html
}

/// The code as spans of token classes, or `None` when the grammar fails on it (the block is then
/// shown as plain text rather than half coloured).
fn highlight(syntax: &SyntaxReference, source: &str) -> Option<String> {
    let grammars = grammars();
    let highlighter = Highlighter::new(&grammars.theme);
    let mut parse = ParseState::new(syntax);
    let mut state = HighlightState::new(&highlighter, ScopeStack::new());
    let mut out = String::with_capacity(source.len() * 2);
    // The class of the span left open, so runs of one class across tokens and lines stay one span.
    let mut open = 0u8;
    for line in LinesWithEndings::from(source) {
        let ops = parse.parse_line(line, &grammars.syntaxes).ok()?;
        for (style, text) in HighlightIterator::new(&mut state, &ops, line, &highlighter) {
            let class = style.foreground.r;
            // Whitespace takes whatever class is open: fewer spans, same look.
            if class != open && !text.trim().is_empty() {
                if open != 0 {
                    out.push_str("</span>");
                }
                if class != 0 {
                    out.push_str("<span class=\"");
                    out.push_str(CLASSES[usize::from(class) - 1].0);
                    out.push_str("\">");
                }
                open = class;
            }
            escape(&mut out, text, false);
        }
    }
    if open != 0 {
        out.push_str("</span>");
    }
    Some(out)
}

fn escape(out: &mut String, text: &str, attribute: bool) {
    // Writing into a String cannot fail.
    let _ = if attribute {
        escape_html(out, text)
    } else {
        escape_html_body_text(out, text)
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn blocks_as_a_reader_gets_them() {
        // (language after the fence, code, HTML)
        let cases: &[(Option<&str>, &str, &str)] = &[
            (
                Some("rust"),
                "fn main() { let s = \"<hi>\"; } // done\n",
                concat!(
                    "<div class=\"code-block\" data-lang=\"rust\"><button type=\"button\" class=\"code-copy\" hidden>Copy</button>",
                    "<pre><code class=\"language-rust\">",
                    // Whitespace stays in the span before it: fewer spans, same look.
                    "<span class=\"hl-kw\">fn </span><span class=\"hl-fn\">main</span>() { <span class=\"hl-kw\">let</span> s ",
                    "<span class=\"hl-op\">= </span><span class=\"hl-str\">\"&lt;hi&gt;\"</span>; } ",
                    "<span class=\"hl-com\">// done\n</span></code></pre></div>\n",
                ),
            ),
            (
                Some("no-such-language"),
                "a < b && c\n",
                concat!(
                    "<div class=\"code-block\" data-lang=\"no-such-language\"><button type=\"button\" class=\"code-copy\" hidden>Copy</button>",
                    "<pre><code class=\"language-no-such-language\">a &lt; b &amp;&amp; c\n</code></pre></div>\n",
                ),
            ),
            (
                None,
                "indented <b>\n",
                concat!(
                    "<div class=\"code-block\"><button type=\"button\" class=\"code-copy\" hidden>Copy</button>",
                    "<pre><code>indented &lt;b&gt;\n</code></pre></div>\n",
                ),
            ),
            (
                Some("x\"onmouseover=\"alert(1)"),
                "x\n",
                concat!(
                    "<div class=\"code-block\" data-lang=\"x&quot;onmouseover=&quot;alert(1)\"><button type=\"button\" class=\"code-copy\" hidden>Copy</button>",
                    "<pre><code class=\"language-x&quot;onmouseover=&quot;alert(1)\">x\n</code></pre></div>\n",
                ),
            ),
        ];
        for (lang, source, html) in cases {
            assert_eq!(code_block(*lang, source), *html, "{lang:?}");
        }
    }

    #[test]
    fn the_sample_posts_languages_are_coloured() {
        let samples = [
            ("rust", "let x: u32 = 1;"),
            ("python", "def f(x):\n    return 'a'"),
            ("go", "func main() { fmt.Println(\"x\") }"),
            ("sql", "SELECT id FROM jobs WHERE x = 'a';"),
            ("bash", "for i in 1 2; do echo \"$i\"; done"),
            ("toml", "[pool]\nmax = 10"),
            ("json", "{\"a\": 1}"),
            ("c", "int main(void) { return 0; }"),
            ("yaml", "key: value # note"),
            ("protobuf", "message A { string name = 1; }"),
        ];
        for (lang, code) in samples {
            let html = code_block(Some(lang), code);
            assert!(html.contains("<span class=\"hl-"), "{lang}: {html}");
        }
        assert!(!code_block(Some("text"), "SELECT 1").contains("<span"));
    }

    #[test]
    fn at_least_thirty_languages() {
        let languages = [
            "rust",
            "python",
            "go",
            "sql",
            "bash",
            "toml",
            "json",
            "c",
            "yaml",
            "protobuf",
            "cpp",
            "java",
            "js",
            "ts",
            "tsx",
            "html",
            "css",
            "ruby",
            "php",
            "cs",
            "kotlin",
            "swift",
            "scala",
            "haskell",
            "lua",
            "perl",
            "r",
            "diff",
            "dockerfile",
            "makefile",
            "xml",
            "markdown",
            "elixir",
            "erlang",
            "clojure",
            "ocaml",
            "zig",
            "nix",
            "hcl",
            "ini",
        ];
        let missing: Vec<&str> = languages
            .iter()
            .copied()
            .filter(|l| !is_highlighted(l))
            .collect();
        assert!(missing.len() <= 3, "not highlighted: {missing:?}");
        assert!(grammar_names().len() > 100);
    }

    #[test]
    fn every_line_of_the_source_is_kept() {
        let source = "/* a\n   b */\nlet s = r#\"x\n\"#;\n\n\tend\n";
        let html = code_block(Some("rust"), source);
        let mut text = String::new();
        let mut in_tag = false;
        let open = html.find("<code").unwrap();
        let start = open + html[open..].find('>').unwrap() + 1;
        let code = &html[start..html.find("</code>").unwrap()];
        for c in code.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                _ if !in_tag => text.push(c),
                _ => {}
            }
        }
        assert_eq!(text, source);
    }
}
