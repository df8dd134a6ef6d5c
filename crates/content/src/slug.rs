//! The one slug rule: what a tag, category, heading id or file name becomes in a URL.

/// Lower-case ASCII letters and digits, words joined by single hyphens.
///
/// Letters outside ASCII are kept when alphanumeric (a URL holds them percent-encoded, and
/// readers of other languages expect their words), everything else separates words.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.extend(c.to_lowercase());
        } else if c == '\'' || c == '’' {
            // "Rust's" → "rusts", not "rust-s".
        } else {
            pending_hyphen = true;
        }
    }
    out
}

/// True when `slug` is already in the form [`slugify`] produces: what a front matter `slug` must be.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty() && slugify(slug) == slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let cases = [
            ("Hello, World!", "hello-world"),
            ("  Rust's   memory layout ", "rusts-memory-layout"),
            ("TCP/IP & TLS 1.3", "tcp-ip-tls-1-3"),
            ("already-a-slug", "already-a-slug"),
            ("Straße Größe", "straße-größe"),
            ("C++", "c"),
            ("---", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(slugify(input), expected, "slugify({input:?})");
        }
    }

    #[test]
    fn valid_slugs() {
        assert!(is_valid_slug("tcp-and-tls"));
        assert!(!is_valid_slug("TCP and TLS"));
        assert!(!is_valid_slug("a/b"));
        assert!(!is_valid_slug(""));
        assert!(!is_valid_slug("trailing-"));
    }
}
