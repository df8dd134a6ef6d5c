//! What a deployer uploads: valid HTML for every route, a feed and sitemap whose every URL is a file
//! in the upload, precompressed copies that match, and pages that read without JavaScript under a sub-path.

use quire_e2e::{read_json, site_dir, Browser, Server};
use std::io::Read;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn site_files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut all = Vec::new();
    files(dir, &mut all);
    all.retain(|p| p.extension().is_some_and(|e| e == ext));
    all.sort();
    all
}

/// The file in `site` that an absolute URL of the site names (folders serve their index.html).
fn file_for(site: &Path, origin_and_base: &str, url: &str) -> PathBuf {
    let path = url
        .strip_prefix(origin_and_base)
        .unwrap_or_else(|| panic!("{url} is not under {origin_and_base}"));
    let path = path.split('#').next().unwrap();
    if path.is_empty() || path.ends_with('/') {
        site.join(path).join("index.html")
    } else {
        site.join(path)
    }
}

#[test]
fn every_page_is_valid_html() {
    let site = site_dir("QUIRE_E2E_SITE");
    let jar =
        std::env::var("QUIRE_VNU_JAR").expect("QUIRE_VNU_JAR: run through `cargo xtask test`");
    let pages = site_files(&site, "html");
    assert!(pages.len() > 30, "a page per route: {}", pages.len());
    let output = std::process::Command::new("java")
        .args(["-jar", &jar, "--errors-only", "--format", "text"])
        .args(&pages)
        .output()
        .expect("run the Nu HTML Checker (java -jar vnu.jar)");
    let report = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    // With --errors-only it prints only errors, then a closing line; it exits non-zero on errors.
    assert!(
        output.status.success() && !report.contains("error:"),
        "the Nu HTML Checker found errors:\n{report}"
    );
}

#[test]
fn feed_and_sitemap_parse_strictly_and_every_url_is_a_file() {
    let site = site_dir("QUIRE_E2E_SITE");
    let index = read_json(&site, "data/index.json");
    let origin = index["site"]["base_url"]
        .as_str()
        .unwrap()
        .trim_end_matches('/')
        .to_string()
        + "/";
    let published = index["posts"].as_array().unwrap().len();

    let feed = std::fs::read_to_string(site.join("feed.xml")).unwrap();
    let feed = roxmltree::Document::parse(&feed).expect("feed.xml is well-formed XML");
    let root = feed.root_element();
    assert_eq!(root.tag_name().name(), "feed");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let entries: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), published, "one entry per published post");
    for entry in &entries {
        let child = |name: &str| entry.children().find(|n| n.has_tag_name(name));
        for required in ["id", "title", "updated", "content"] {
            assert!(child(required).is_some(), "an entry without <{required}>");
        }
        let content = child("content").unwrap();
        assert_eq!(content.attribute("type"), Some("html"));
        let html = content.text().unwrap_or_default();
        assert!(html.len() > 1000, "full content, not a summary");
        assert!(
            !html.contains("href=\"/") && !html.contains("src=\"/"),
            "absolute URLs in content"
        );
        let link = child("link").and_then(|l| l.attribute("href")).unwrap();
        assert!(
            file_for(&site, &origin, link).is_file(),
            "feed links to {link}, not in dist/"
        );
    }

    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    let sitemap = roxmltree::Document::parse(&sitemap).expect("sitemap.xml is well-formed XML");
    let root = sitemap.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let locs: Vec<&str> = root
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(locs.len() > published, "posts, categories, tags and home");
    for loc in locs {
        assert!(
            file_for(&site, &origin, loc).is_file(),
            "sitemap lists {loc}, not in dist/"
        );
    }
    for lastmod in root.descendants().filter(|n| n.has_tag_name("lastmod")) {
        let text = lastmod.text().unwrap();
        assert!(
            text.len() == 10 && text.as_bytes()[4] == b'-',
            "lastmod {text} is W3C date"
        );
    }

    let robots = std::fs::read_to_string(site.join("robots.txt")).unwrap();
    assert!(
        robots.contains(&format!("Sitemap: {origin}sitemap.xml")),
        "{robots}"
    );
}

#[test]
fn precompressed_copies_match_their_files() {
    let site = site_dir("QUIRE_E2E_SITE");
    let mut checked = 0;
    for ext in ["html", "js", "wasm", "css", "json", "xml"] {
        for file in site_files(&site, ext) {
            let original = std::fs::read(&file).unwrap();
            let with = |suffix: &str| PathBuf::from(format!("{}{suffix}", file.display()));
            let mut gz = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(with(".gz")).unwrap())
                .read_to_end(&mut gz)
                .unwrap();
            assert!(gz == original, "{}.gz does not match", file.display());
            let mut br = Vec::new();
            brotli::BrotliDecompress(&mut std::fs::File::open(with(".br")).unwrap(), &mut br)
                .unwrap();
            assert!(br == original, "{}.br does not match", file.display());
            checked += 1;
        }
    }
    assert!(checked > 50, "every text asset has copies: {checked}");
}

#[test]
fn headers_make_hashed_assets_immutable() {
    let site = site_dir("QUIRE_E2E_SITE");
    let headers = std::fs::read_to_string(site.join("_headers")).unwrap();
    let wasm = site_files(&site, "wasm");
    let name = wasm[0].file_name().unwrap().to_string_lossy();
    assert!(
        headers.contains(&format!(
            "/{name}\n  Cache-Control: public, max-age=31536000, immutable"
        )),
        "{headers}"
    );
    assert!(headers.contains("/data/*\n  Cache-Control: public, max-age=0, must-revalidate"));
}

/// Under /blog/ with JavaScript off: the article, its links and its images all stay below /blog/.
#[tokio::test]
async fn a_sub_path_deep_link_reads_without_javascript() {
    let site = site_dir("QUIRE_E2E_SITE_BLOG");
    let server = Server::start(&site, "/blog/");
    let index = read_json(&site, "data/index.json");
    let post = index["posts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "rust-memory-layout")
        .expect("the sample post with figures");
    let browser = Browser::start(false).await;
    browser.goto(&server.url("posts/rust-memory-layout/")).await;
    assert_eq!(
        browser.text(".post-title").await,
        post["title"].as_str().unwrap()
    );
    browser
        .wait_until(
            "the figures",
            "const imgs = [...document.querySelectorAll('.prose img')]; imgs.forEach(i => i.loading = 'eager');
             return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0)",
        )
        .await;
    let outside = browser
        .eval(
            "return [...document.querySelectorAll('a[href^=\"/\"], img[src^=\"/\"], link[href^=\"/\"], script[src^=\"/\"]')]
                .map(e => e.getAttribute('href') || e.getAttribute('src')).filter(u => !u.startsWith('/blog/'))",
        )
        .await;
    assert_eq!(
        outside,
        serde_json::json!([]),
        "everything stays under /blog/"
    );
    browser.close().await;
}
