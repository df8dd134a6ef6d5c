//! `quire-press pages`: after trunk has built the app, writes the static side of the site from the
//! data `build` wrote: one HTML file per route (trunk's index.html is the template, so every page
//! loads the same hashed assets), the feed, the sitemap, robots.txt and `_headers`; in release builds,
//! `.br` and `.gz` beside every text asset (see [`crate::compress`]).

use leptos::prelude::*;
use quire_content::pages::{self, OutputFile, PageBody};
use quire_content::{listing, markdown, urls, Index, Post, SiteData};
use quire_views::article::Article;
use quire_views::layout::Layout;
use quire_views::list::PostList;
use quire_views::not_found::NotFound;
use quire_views::search::SearchPage;
use quire_views::SiteBase;

use crate::compress::{compress_tree, CompressError, CompressReport};
use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What `quire-press pages` was asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PagesArgs {
    /// The built site: holds trunk's index.html and the data/ that `build` wrote.
    pub out: PathBuf,
    /// The path the site is served under, normalised (`/`, `/blog/`).
    pub base: String,
    /// Write `.br` and `.gz` beside every text asset.
    pub compress: bool,
    /// Where compressed files are kept between builds; `None` compresses everything anew.
    pub cache: Option<PathBuf>,
}

/// Why the pages could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PagesError {
    #[error("cannot read {path}: {source}: run `quire-press build` (and trunk) first")]
    Read { path: String, source: io::Error },
    #[error("{path} is not valid site data ({source}): rebuild with `quire-press build`")]
    Data {
        path: String,
        source: serde_json::Error,
    },
    #[error("{0}")]
    Template(#[from] pages::PagesError),
    #[error("cannot write {path}: {source}")]
    Write { path: String, source: io::Error },
    #[error("{0}")]
    Compress(#[from] CompressError),
    #[error("{0}")]
    Search(#[from] crate::search::SearchError),
}

/// What was written.
#[derive(Debug)]
pub struct PagesReport {
    pub pages: usize,
    pub compressed: CompressReport,
    /// Posts in the search index.
    pub searchable: usize,
    /// How long the search index took to build.
    pub search_elapsed: Duration,
    /// The index was the last build's, taken from the cache (no post changed).
    pub search_cached: bool,
    /// Writing the pages.
    pub elapsed: Duration,
    pub compress_elapsed: Duration,
}

fn read(path: &Path) -> Result<Vec<u8>, PagesError> {
    fs::read(path).map_err(|source| PagesError::Read {
        path: path.display().to_string(),
        source,
    })
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, PagesError> {
    serde_json::from_slice(&read(path)?).map_err(|source| PagesError::Data {
        path: path.display().to_string(),
        source,
    })
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), PagesError> {
    let fail = |source| PagesError::Write {
        path: path.display().to_string(),
        source,
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(fail)?;
    }
    fs::write(path, bytes).map_err(fail)
}

/// Trunk's hashed asset names: `name-<hash>.ext` (and `_bg.wasm`) at the top of the site. The hash is
/// a 64-bit number in hex without leading zeros, so it has up to 16 digits, not always 16.
fn is_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// What a static page shows, as HTML: the app's own components (quire-views) rendered here, so the
/// page the server sends and the app's view of it are one markup. The theme switch renders
/// unpressed: the stylesheet shows the theme in force, and the app sets the state when it starts.
pub fn render_body(site: &Arc<SiteData>, base: &str, page: &PageBody) -> String {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(SiteBase::new(base));
        let content = match page {
            PageBody::List { filter, list } => view! {
                <PostList site=site.clone() filter=filter.clone() list=Arc::new(list.clone()) />
            }
            .into_any(),
            PageBody::Post(post) => {
                let html = markdown::render_post(post, base, site.site.trusted_html);
                view! { <Article post=Arc::new(post.page.clone()) html /> }.into_any()
            }
            PageBody::Search => view! { <SearchPage /> }.into_any(),
            PageBody::NotFound => view! { <NotFound /> }.into_any(),
        };
        let html = view! {
            <Layout site=Some(site.site.clone()) dark=false>
                {content}
            </Layout>
        }
        .to_html();
        // Leptos marks where one text node ends and the next begins with `<!>`, for hydration. These
        // pages are replaced, not hydrated, and `<!>` is not valid HTML: drop the markers. Texts and
        // attributes are escaped, so any other `<!>` is one in a post's raw HTML, which shows nothing.
        html.replace("<!>", "")
    })
}

/// Writes the pages, feed, sitemap, robots.txt and `_headers` into `args.out`, then compresses.
pub fn write_pages(args: &PagesArgs) -> Result<PagesReport, PagesError> {
    let started = Instant::now();
    let out = &args.out;
    let template_path = out.join("index.html");
    // index.html may already be a filled page (pages ran on this output before): start from its template.
    let template = pages::template_of(&String::from_utf8_lossy(&read(&template_path)?));
    let index: Index = read_json(&out.join("data/index.json"))?;
    let posts: Vec<Post> = index
        .posts
        .par_iter()
        .map(|p| read_json(&out.join(format!("data/posts/{}.json", p.slug))))
        .collect::<Result<_, _>>()?;

    let base = &args.base;
    let site = Arc::new(listing::site_data(&index));
    let body = |page: &PageBody| render_body(&site, base, page);
    let mut files = pages::html_pages(&template, &index, &posts, base, &body)?;
    let policy = crate::csp::apply(&mut files);
    let mut hashed: Vec<String> = fs::read_dir(out)
        .map_err(|source| PagesError::Read {
            path: out.display().to_string(),
            source,
        })?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| is_hashed(name))
        .collect();
    hashed.sort();
    let page_count = files.len();
    let taken: std::collections::HashSet<String> = files.iter().map(|f| f.path.clone()).collect();
    files.extend(pages::redirect_pages(&index, &posts, base, &taken));
    files.extend([
        OutputFile {
            path: "feed.xml".into(),
            contents: pages::atom_feed(&index, &posts, base),
        },
        OutputFile {
            path: "sitemap.xml".into(),
            contents: pages::sitemap(&index, base),
        },
        OutputFile {
            path: "robots.txt".into(),
            contents: pages::robots(&index, base),
        },
        OutputFile {
            path: "_headers".into(),
            contents: pages::headers_file(base, &hashed) + &crate::csp::headers_rule(base, &policy),
        },
    ]);
    files
        .par_iter()
        .try_for_each(|f| write(&out.join(&f.path), f.contents.as_bytes()))?;

    let elapsed = started.elapsed();
    let search_started = Instant::now();
    let search_cache = args.cache.as_deref().and_then(crate::search::cache);
    let search = crate::search::build_index(&index, &posts, base, search_cache.as_ref())?;
    // The bundle's file names carry content hashes: clear the old ones, so the folder holds exactly
    // this build's index.
    let bundle = out.join(crate::search::BUNDLE_DIR);
    if bundle.exists() {
        fs::remove_dir_all(&bundle).map_err(|source| PagesError::Write {
            path: bundle.display().to_string(),
            source,
        })?;
    }
    search
        .files
        .par_iter()
        .try_for_each(|f| write(&crate::search::target(out, f), &f.bytes))?;
    let search_elapsed = search_started.elapsed();

    let compressing = Instant::now();
    let compressed = if args.compress {
        let cache = args.cache.as_deref().map(crate::compress::cache);
        compress_tree(out, cache.as_ref())?
    } else {
        CompressReport::default()
    };
    Ok(PagesReport {
        pages: page_count,
        searchable: posts.len(),
        search_elapsed,
        search_cached: search.cached,
        compressed,
        elapsed,
        compress_elapsed: compressing.elapsed(),
    })
}

/// The base path trunk passes to hooks (`TRUNK_PUBLIC_URL`), normalised.
pub fn base_from(value: Option<String>) -> String {
    urls::normalize_base(value.as_deref().unwrap_or("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use quire_content::listing::Filter;
    use quire_content::{Category, Neighbour, Post, PostPage, PostSummary, SiteMeta, Tag, Term};

    fn site() -> (Index, Post) {
        let summary = PostSummary {
            slug: "tcp".into(),
            title: "TCP & <friends>".into(),
            summary: "How TCP works.".into(),
            date: "2024-03-05".into(),
            category: Some(Term {
                slug: "networking".into(),
                name: "Networking".into(),
            }),
            tags: vec![Term {
                slug: "latency".into(),
                name: "latency".into(),
            }],
            reading_minutes: 4,
            ..Default::default()
        };
        let index = Index {
            site: SiteMeta {
                title: "Backpressure".into(),
                description: "Backend notes.".into(),
                author: "The authors".into(),
                ..Default::default()
            },
            categories: vec![Category {
                slug: "networking".into(),
                name: "Networking".into(),
                description: "Packets.".into(),
                count: 21,
            }],
            tags: vec![Tag {
                slug: "latency".into(),
                name: "latency".into(),
                count: 21,
            }],
            posts: vec![summary.clone(); 21],
        };
        let post = Post {
            page: PostPage {
                meta: summary,
                next: Some(Neighbour {
                    slug: "dns".into(),
                    title: "DNS".into(),
                }),
                ..Default::default()
            },
            body: "See [the list](/posts/tcp/).\n\n<b onclick=x>raw</b>".into(),
            ..Default::default()
        };
        (index, post)
    }

    #[test]
    fn an_article_body_is_the_apps_article_under_the_base_path() {
        let (index, post) = site();
        let site = Arc::new(listing::site_data(&index));
        let html = render_body(&site, "/blog/", &PageBody::Post(&post));
        assert!(
            html.starts_with("<a href=\"#main\" class=\"skip-link\">"),
            "{html}"
        );
        assert!(html.contains("<a href=\"/blog/\" class=\"site-title\">Backpressure</a>"));
        assert!(html.contains("<button type=\"button\" aria-label=\"Dark theme\" title=\"Dark theme\" aria-pressed=\"false\" class=\"theme-toggle\">"));
        assert!(html.contains("<h1 class=\"post-title\">TCP &amp; &lt;friends&gt;</h1>"));
        assert!(html.contains("href=\"/blog/category/networking/\""));
        assert!(html.contains("href=\"/blog/tag/latency/\""));
        assert!(html.contains("href=\"/blog/posts/dns/\""));
        assert!(html.contains("5 March 2024"));
        // Raw HTML is escaped: the site does not trust it.
        assert!(html.contains("&lt;b onclick=x&gt;raw&lt;/b&gt;"), "{html}");
        assert!(html.contains("© The authors"));
        assert!(
            !html.contains("<!>"),
            "no hydration markers: they are not valid HTML"
        );
    }

    #[test]
    fn a_list_body_marks_its_category_and_pages_by_folder() {
        let (index, _) = site();
        let site = Arc::new(listing::site_data(&index));
        let filter = Filter::Category("networking".into());
        let pages = listing::list_pages(&index, &filter);
        let body = |n: usize| {
            let list = pages[n - 1].clone();
            let filter = filter.clone();
            render_body(&site, "/", &PageBody::List { filter, list })
        };
        let first = body(1);
        assert!(
            first.contains("<a href=\"/category/networking/\" aria-current=\"page\">Networking"),
            "{first}"
        );
        assert!(first.contains("<h1>Networking</h1>"));
        assert!(first.contains("<p class=\"list-header__count\">21 posts</p>"));
        assert!(first.contains("<a rel=\"next\" href=\"/category/networking/page/2/\">"));
        assert_eq!(first.matches("class=\"post-card\"").count(), 20);
        let second = body(2);
        assert!(second.contains("<a rel=\"prev\" href=\"/category/networking/\">"));
        assert!(second.contains("Page 2 of 2"));
        assert_eq!(second.matches("class=\"post-card\"").count(), 1);
    }

    #[test]
    fn hashed_names() {
        assert!(is_hashed("quire-de827ce4cda3f488.js"));
        assert!(is_hashed("quire-de827ce4cda3f488_bg.wasm"));
        assert!(is_hashed("main-26bc811dec4b7f70.css"));
        assert!(
            is_hashed("quire-6b9a9f3e991d8e8_bg.wasm"),
            "a hash with a leading zero dropped"
        );
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("feed.xml"));
        assert!(!is_hashed("my-post.json"));
    }

    #[test]
    fn bases() {
        assert_eq!(base_from(None), "/");
        assert_eq!(base_from(Some("/blog".into())), "/blog/");
    }
}
