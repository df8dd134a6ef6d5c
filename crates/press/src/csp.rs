//! The Content-Security-Policy of the built site: scripts run only from the site's own files and
//! from the inline scripts the pages were built with (the theme script in `index.html` and the
//! app's loader), allowed by their SHA-256 hashes, never by `'unsafe-inline'`. So an injected
//! `<script>` or event handler does not run even if something slipped past the sanitiser.
//!
//! Every page carries the policy as a `<meta http-equiv>` (any host), and `_headers` repeats it as
//! a header (Netlify, Cloudflare Pages), with `frame-ancestors`, which only a header can set.

use base64::Engine;
use quire_content::pages::OutputFile;
use sha2::{Digest, Sha256};

/// The `<meta>` element this module writes; a page that already has one (pages written over their
/// own output) has it replaced, so a rebuild gives the same bytes.
const META_START: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";

/// What trunk's development server replaces in its live-reload script when it sends a page.
const DEV_SERVER_PLACEHOLDER: &str = "{{__TRUNK_ADDRESS__}}";

/// The policy for pages whose inline scripts have these hashes (`'sha256-…'` sources).
///
/// `'wasm-unsafe-eval'` lets the app compile its WebAssembly and nothing else; styles allow
/// `'unsafe-inline'` because the app sets `style` attributes (they cannot run script). Images may
/// come from any `https:` origin, as posts link pictures from elsewhere.
pub fn policy(script_hashes: &[String]) -> String {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for hash in script_hashes {
        script_src.push(' ');
        script_src.push_str(hash);
    }
    format!(
        "default-src 'self'; script-src {script_src}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' https:; connect-src 'self'; font-src 'self'; media-src 'self' https:; \
         object-src 'none'; base-uri 'self'; form-action 'self'"
    )
}

/// The CSP source for one inline script: `'sha256-<base64 of its SHA-256>'`, over its exact text.
pub fn script_hash(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The text of every inline `<script>` in `html` that a browser would run: no `src`, and no `type`
/// or a JavaScript one (`module`, `text/javascript`). Data blocks (`application/ld+json`) are not
/// run, so they need no hash.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let lower = html.to_ascii_lowercase();
    let mut scripts = Vec::new();
    let mut from = 0;
    while let Some(open) = lower.get(from..).and_then(|rest| rest.find("<script")) {
        let open = from + open;
        let Some(tag_end) = lower.get(open..).and_then(|rest| rest.find('>')) else {
            break;
        };
        let tag_end = open + tag_end;
        let Some(close) = lower.get(tag_end..).and_then(|rest| rest.find("</script")) else {
            break;
        };
        let close = tag_end + close;
        let tag = lower.get(open + "<script".len()..tag_end).unwrap_or("");
        if runs(tag) {
            // Positions of ASCII `>` and `<`, found in the lower-cased copy (same byte offsets).
            scripts.extend(html.get(tag_end + 1..close));
        }
        from = close + "</script".len();
    }
    scripts
}

/// True when a `<script>` with these attributes (lower case, as written) runs as JavaScript.
fn runs(attributes: &str) -> bool {
    let names_and_values: Vec<&str> = attributes
        .split(|c: char| c.is_ascii_whitespace())
        .filter(|a| !a.is_empty())
        .collect();
    if names_and_values
        .iter()
        .any(|a| *a == "src" || a.starts_with("src="))
    {
        return false;
    }
    let kind = names_and_values
        .iter()
        .find_map(|a| a.strip_prefix("type="))
        .map(|v| v.trim_matches(['"', '\'']));
    matches!(
        kind,
        None | Some("" | "module" | "text/javascript" | "application/javascript")
    )
}

/// Puts the policy of each HTML page's own inline scripts into its head, before any script, and
/// returns the policy for all of them together (for `_headers`).
///
/// A page built for `trunk serve` carries its live-reload script, whose text the server rewrites on
/// every response (it writes in the address the browser asked for), so no hash can allow it: such a
/// page gets no policy rather than a reload script the browser blocks. Release builds never have it.
pub fn apply(files: &mut [OutputFile]) -> String {
    let mut all_hashes: Vec<String> = Vec::new();
    for file in files.iter_mut().filter(|f| f.path.ends_with(".html")) {
        let page = without_meta(&file.contents);
        let scripts = inline_scripts(&page);
        if scripts.iter().any(|s| s.contains(DEV_SERVER_PLACEHOLDER)) {
            file.contents = page;
            continue;
        }
        let hashes: Vec<String> = scripts.into_iter().map(script_hash).collect();
        file.contents = with_meta(&page, &policy(&hashes));
        all_hashes.extend(hashes);
    }
    all_hashes.sort();
    all_hashes.dedup();
    policy(&all_hashes)
}

/// `page` with the policy as a `<meta>` right after `<meta charset>` (or `<head>`): before every
/// script, since a policy given in a `<meta>` covers only what comes after it.
pub fn with_meta(page: &str, policy: &str) -> String {
    let lower = page.to_ascii_lowercase();
    let after = ["<meta charset=\"utf-8\">", "<head>"]
        .iter()
        .find_map(|marker| lower.find(marker).map(|at| at + marker.len()))
        .unwrap_or(0);
    let (head, rest) = page.split_at(after);
    let mut out = String::with_capacity(page.len() + policy.len() + 64);
    out.push_str(head);
    out.push_str(META_START);
    // The policy holds no `"`, `<` or `&`: it is written from the fixed text above and base64.
    out.push_str(policy);
    out.push_str("\">");
    out.push_str(rest);
    out
}

/// `page` without a policy `<meta>` this module wrote before.
fn without_meta(page: &str) -> String {
    let Some(start) = page.find(META_START) else {
        return page.to_string();
    };
    let end = page
        .get(start..)
        .and_then(|rest| rest.find("\">"))
        .map_or(page.len(), |e| start + e + 2);
    let mut out = page.to_string();
    out.replace_range(start..end, "");
    out
}

/// The `_headers` rule giving every page under `base` the policy as a header, with
/// `frame-ancestors 'none'` (which a `<meta>` cannot carry).
pub fn headers_rule(base: &str, policy: &str) -> String {
    format!("{base}*\n  Content-Security-Policy: {policy}; frame-ancestors 'none'\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    const PAGE: &str = "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>t</title>\
        <script>alert(1)</script>\
        <script type=\"application/ld+json\">{\"a\":1}</script>\
        <script src=\"/x.js\"></script>\
        </head><body><p>x</p><SCRIPT type=\"module\">init()</SCRIPT></body></html>";

    #[test]
    fn hashes_are_sha256_in_base64() {
        // As `openssl dgst -sha256 -binary | base64` gives them, and as browsers compare them.
        assert_eq!(
            script_hash("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
    }

    #[test]
    fn only_scripts_that_run_are_hashed() {
        assert_eq!(inline_scripts(PAGE), ["alert(1)", "init()"]);
    }

    #[test]
    fn the_policy_allows_hashed_scripts_and_wasm_but_no_inline_script() {
        let policy = policy(&[script_hash("init()")]);
        let script_src = policy
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap();
        assert_eq!(
            script_src.trim(),
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-w4ujnOpjBoH2vcasx+reJRUwYivG8Q3afx/XevGJod8='"
        );
        assert!(policy.contains("object-src 'none'"));
        assert!(policy.contains("base-uri 'self'"));
    }

    #[test]
    fn every_page_gets_its_policy_before_its_scripts_and_a_rebuild_changes_nothing() {
        let mut files = vec![
            OutputFile {
                path: "index.html".into(),
                contents: PAGE.into(),
            },
            OutputFile {
                path: "feed.xml".into(),
                contents: "<feed/>".into(),
            },
        ];
        let site_policy = apply(&mut files);
        let page = &files[0].contents;
        let meta = page.find(META_START).expect("a policy meta");
        assert!(
            meta < page.find("<script").unwrap(),
            "the policy comes first"
        );
        assert!(page[meta..].contains(&script_hash("alert(1)")));
        assert!(page[meta..].contains(&script_hash("init()")));
        assert_eq!(files[1].contents, "<feed/>", "only HTML pages carry it");
        assert_eq!(
            site_policy,
            policy(&[script_hash("alert(1)"), script_hash("init()")])
        );

        let first = files.clone();
        apply(&mut files);
        assert_eq!(files, first, "applied twice gives the same files");
    }

    #[test]
    fn a_page_with_the_dev_servers_reload_script_gets_no_policy() {
        let reload = "<script>const address = '{{__TRUNK_ADDRESS__}}';</script>";
        let served = PAGE.replace("</head>", &format!("{reload}</head>"));
        let mut files = vec![OutputFile {
            path: "index.html".into(),
            contents: served.clone(),
        }];
        apply(&mut files);
        assert_eq!(files[0].contents, served);
    }

    #[test]
    fn headers_carry_the_policy_for_every_page() {
        assert_eq!(
            headers_rule("/blog/", "default-src 'self'"),
            "/blog/*\n  Content-Security-Policy: default-src 'self'; frame-ancestors 'none'\n"
        );
    }
}
