//! `cargo xtask bench`: the performance harness. Builds the site and what the benchmarks need, measures
//! sizes and build times here, runs the browser measurements (`bench/run.mjs`, Node + playwright-core
//! driving the system's Chromium over the DevTools protocol), and writes `bench/report.md` and
//! `bench/report.json`. See bench/README.md.
//!
//! [`check_budgets`] is the part `cargo xtask test` runs: sizes are stable, so a size over its budget
//! in `bench/budgets.toml` fails the build; timings are only ever reported.

use crate::{setup, sh};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const USAGE: &str = "\
usage: cargo xtask bench [--runs N] [--no-build] [--only load,markdown,scale]
       cargo xtask bench --check-budgets SITE

  --runs N            cold loads per page and profile (default 15)
  --no-build          reuse the site in bench/out/dist instead of a timed release build
  --only SECTIONS     run only these browser sections (sizes and build times are always measured)
  --check-budgets D   only check the built site in D against bench/budgets.toml";
const SCALES: [usize; 2] = [1_000, 10_000];
const PRESS_RUNS: usize = 5;

struct Options {
    runs: usize,
    build: bool,
    only: Option<String>,
    check: Option<PathBuf>,
}

fn options() -> Result<Options, String> {
    let args: Vec<String> = std::env::args().skip(2).collect();
    let mut opts = Options {
        runs: 15,
        build: true,
        only: None,
        check: None,
    };
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--runs" => {
                i += 1;
                opts.runs = args
                    .get(i)
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or(USAGE)?;
            }
            "--no-build" => opts.build = false,
            "--check-budgets" => {
                i += 1;
                opts.check = Some(PathBuf::from(args.get(i).ok_or(USAGE)?));
            }
            "--only" => {
                i += 1;
                opts.only = Some(args.get(i).ok_or(USAGE)?.clone());
            }
            _ => return Err(USAGE.into()),
        }
        i += 1;
    }
    Ok(opts)
}

pub fn run() -> Result<(), String> {
    let opts = options()?;
    if let Some(site) = &opts.check {
        return check_budgets(site);
    }
    let load_start = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "n/a".into());
    let started = Instant::now();
    let tools = setup::run()?;
    let root = sh::root();
    let bench = root.join("bench");
    let out = bench.join("out");
    std::fs::create_dir_all(&out).map_err(|e| format!("create {}: {e}", out.display()))?;
    let mut notes = Vec::new();

    npm_ci(&bench)?;
    let twiggy = ensure_twiggy();
    let hyperfine = ensure_hyperfine();

    // The site, built the way a release is (trunk runs quire-press build and pages as its hooks).
    let site = out.join("dist");
    let press = build_press()?;
    let generator = build_generator()?;
    let mut dist_seconds = None;
    let mut dist_note = String::from("one run, wall clock, `trunk build --release` with the pinned tools (what `cargo xtask dist` runs)");
    if opts.build || !site.join("index.html").is_file() {
        touch(&root.join("src/lib.rs"))?;
        let t = Instant::now();
        crate::build_dist(&tools, None, &site)?;
        dist_seconds = Some(t.elapsed().as_secs_f64());
    } else {
        dist_note = "not measured (`--no-build`: the site in bench/out/dist was reused)".into();
    }

    // The article and its script-free twin.
    let budgets = Budgets::read(&bench.join("budgets.toml"))?;
    let article = choose_article(&site, &budgets, &mut notes)?;
    let article_html = site.join("posts").join(&article).join("index.html");
    let html = std::fs::read_to_string(&article_html).map_err(|e| {
        format!(
            "{}: {e}: the build wrote no page for it",
            article_html.display()
        )
    })?;
    let static_path = format!("posts/{article}/static.html");
    write(&site.join(&static_path), &strip_scripts(&html))?;

    // Sizes.
    let article_view = first_view(&site, &format!("posts/{article}/index.html"))?;
    let list_view = first_view(&site, "index.html")?;
    let wasm = article_view
        .files
        .iter()
        .find(|f| f.kind == "wasm")
        .cloned()
        .ok_or("the article page loads no .wasm file")?;

    // Where the wasm bytes go.
    let (wasm_profile, wasm_profile_error) = match profile_wasm(&tools, &twiggy, &out) {
        Ok((path, tool)) => (Some((path, tool)), None),
        Err(e) => (None, Some(e)),
    };

    // The Markdown renderer as its own wasm module.
    let md_pkg = build_md_wasm(&tools, &bench, &out)?;

    // Scale sites and the press build time.
    let mut scale = Vec::new();
    let mut press_timing = None;
    let mut pages_timing = None;
    let mut compress_timing = None;
    let mut dist_breakdown = None;
    if opts.only.as_deref().is_none_or(|o| o.contains("scale")) {
        for n in SCALES {
            let gen = out.join(format!("gen-{n}"));
            let dir = out.join(format!("scale-{n}"));
            sh::run(press_cmd(&generator, &[&n.to_string(), &path_str(&gen)]))?;
            copy_site(&site, &dir)?;
            let build_args = [
                "build",
                "--content",
                &path_str(&gen),
                "--out",
                &path_str(&dir),
                "--release",
            ];
            if n == 10_000 {
                press_timing = Some(time_command(&press, &build_args, hyperfine.as_ref(), &out)?);
            } else {
                sh::run(press_cmd(&press, &build_args))?;
            }
            // Without --compress: the bench server compresses what is fetched, and brotli at
            // quality 11 over every file of 10,000 posts takes minutes. Its cost is timed once, at
            // 1,000 posts.
            // No cache: every run does all the work (the search index is cached otherwise).
            let pages_args = ["pages", "--out", &path_str(&dir), "--no-cache"];
            if n == 10_000 {
                pages_timing = Some(time_command(&press, &pages_args, hyperfine.as_ref(), &out)?);
                dist_breakdown = Some(dist_breakdown_10k(&press, &gen, &dir, &out)?);
            } else {
                let t = Instant::now();
                // No cache: every file compressed, as the first release build of a site does.
                sh::run(press_cmd(
                    &press,
                    &[&pages_args[..], &["--compress"]].concat(),
                ))?;
                compress_timing = Some((n, t.elapsed().as_secs_f64()));
            }
            // The search index's own build time, as `pages` reports it (one more run over its output).
            let index_ms = search_index_ms(&press, &dir)?;
            scale.push(Json::obj([
                ("posts", Json::Num(n as f64)),
                ("dir", Json::str(path_str(&dir))),
                ("firstView", scale_first_view(&dir, &budgets)?),
                ("indexBuildMs", Json::Num(index_ms)),
            ]));
        }
    }

    // Everything the browser half needs, and what was measured here.
    let machine = machine(&tools, &load_start);
    let config = Json::obj([
        ("generated", Json::str(now_utc())),
        ("git", Json::str(git_state(&root))),
        ("machine", machine),
        ("runs", Json::Num(opts.runs as f64)),
        ("throttledRuns", Json::Num(opts.runs as f64)),
        ("scaleRuns", Json::Num(3.0)),
        ("contentDir", Json::str(path_str(&root.join("content")))),
        ("outDir", Json::str(path_str(&out))),
        ("notes", Json::Arr(notes.iter().map(Json::str).collect())),
        (
            "site",
            Json::obj([
                ("dir", Json::str(path_str(&site))),
                ("article", Json::str(&article)),
                (
                    "indexBuildMs",
                    search_index_ms(&press, &site).map_or(Json::Null, Json::Num),
                ),
                ("articlePath", Json::str(format!("posts/{article}/"))),
                (
                    "staticPath",
                    Json::str(static_path),
                ),
            ]),
        ),
        (
            "sizes",
            Json::obj([
                ("article", article_view.to_json()),
                ("list", list_view.to_json()),
                ("wasm", wasm.to_json()),
                ("method", Json::str(size_method(&article_view))),
            ]),
        ),
        (
            "budgets",
            Json::obj([
                (
                    "articleFirstViewBrotli",
                    Json::Num(budgets.article_first_view_brotli as f64),
                ),
                ("wasmBrotli", Json::Num(budgets.wasm_brotli as f64)),
            ]),
        ),
        (
            "wasm",
            Json::obj([
                (
                    "twiggy",
                    wasm_profile
                        .as_ref()
                        .map(|(p, _)| Json::str(path_str(p)))
                        .unwrap_or(Json::Null),
                ),
                (
                    "twiggyError",
                    wasm_profile_error.map(Json::str).unwrap_or(Json::Null),
                ),
                (
                    "method",
                    Json::str(format!(
                        "{} on the app's wasm put through the release pipeline again (wasm-bindgen, then \
                         wasm-opt -Oz) with `-g` so function names survive; the name section is left out of \
                         the sums. Crate = the first path segment of the item's Rust name; for `<T as \
                         Trait>::f` with a generic `T`, the trait's crate (generic code is counted where it \
                         is defined, not where it is used).",
                        wasm_profile
                            .as_ref()
                            .map(|(_, tool)| tool.as_str())
                            .unwrap_or("nothing")
                    )),
                ),
            ]),
        ),
        (
            "md",
            Json::obj([
                ("pkg", Json::str(path_str(&md_pkg))),
                (
                    "profile",
                    Json::str("built with the app's release profile (opt-level \"z\", fat LTO, 1 codegen unit, panic = abort) and wasm-opt -Oz, as the app ships"),
                ),
            ]),
        ),
        (
            "build",
            Json::obj([
                ("distSeconds", dist_seconds.map(Json::Num).unwrap_or(Json::Null)),
                ("distNote", Json::str(dist_note)),
                ("press", press_timing.map(|t| t.to_json(10_000)).unwrap_or(Json::Null)),
                ("pages", pages_timing.map(|t| t.to_json(10_000)).unwrap_or(Json::Null)),
                ("dist10k", dist_breakdown.unwrap_or(Json::Null)),
                (
                    "pagesCompress",
                    compress_timing
                        .map(|(posts, seconds)| {
                            Json::obj([
                                ("posts", Json::Num(posts as f64)),
                                ("seconds", Json::Num(seconds)),
                            ])
                        })
                        .unwrap_or(Json::Null),
                ),
            ]),
        ),
        ("scale", Json::Arr(scale)),
        (
            "out",
            Json::obj([
                ("json", Json::str(path_str(&bench.join("report.json")))),
                ("md", Json::str(path_str(&bench.join("report.md")))),
            ]),
        ),
    ]);
    let config_path = out.join("config.json");
    write(&config_path, &config.to_string())?;

    let mut node = Command::new("node");
    node.arg(bench.join("run.mjs"))
        .arg(&config_path)
        .current_dir(&bench)
        .env("PATH", &tools.path)
        .env("QUIRE_CHROMIUM", &tools.chromium);
    if let Some(only) = &opts.only {
        node.args(["--only", only]);
    }
    sh::run(node)?;
    println!(
        "xtask: bench done in {:.0?}: bench/report.md, bench/report.json",
        started.elapsed()
    );
    Ok(())
}

// ── Budgets ──────────────────────────────────────────────────────────────────────────────────────

/// `bench/budgets.toml`: the size limits `cargo xtask test` enforces, and the article they apply to.
struct Budgets {
    article: Option<String>,
    article_first_view_brotli: u64,
    wasm_brotli: u64,
}

impl Budgets {
    /// Reads the file's `key = value` lines (a flat subset of TOML: numbers may have `_`).
    fn read(path: &Path) -> Result<Budgets, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mut values = BTreeMap::new();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if let Some((key, value)) = line.split_once('=') {
                values.insert(key.trim().to_string(), value.trim().to_string());
            }
        }
        let number = |key: &str| -> Result<u64, String> {
            values
                .get(key)
                .ok_or_else(|| format!("{} has no `{key} = <bytes>`", path.display()))?
                .replace('_', "")
                .parse()
                .map_err(|_| format!("{}: `{key}` is not a whole number of bytes", path.display()))
        };
        Ok(Budgets {
            article: values
                .get("article")
                .map(|v| v.trim_matches('"').to_string())
                .filter(|v| !v.is_empty()),
            article_first_view_brotli: number("article_first_view_brotli")?,
            wasm_brotli: number("wasm_brotli")?,
        })
    }
}

/// Checks the built `site` against `bench/budgets.toml`: the brotli bytes of an article's first view
/// and of the wasm alone. Prints both figures; an error names each budget exceeded.
pub fn check_budgets(site: &Path) -> Result<(), String> {
    let path = sh::root().join("bench/budgets.toml");
    let budgets = Budgets::read(&path)?;
    let mut notes = Vec::new();
    let article = choose_article(site, &budgets, &mut notes)?;
    for note in notes {
        println!("xtask: {note}");
    }
    let page = format!("posts/{article}/index.html");
    let html = if site.join(&page).is_file() {
        page
    } else {
        // Without prerendered pages the article is served by the app shell: same assets.
        "index.html".to_string()
    };
    let view = first_view(site, &html)?;
    let wasm = view
        .files
        .iter()
        .find(|f| f.kind == "wasm")
        .ok_or("the article page loads no .wasm file")?;
    let checks = [
        (
            "article first view (brotli)",
            view.total.brotli,
            budgets.article_first_view_brotli,
            "article_first_view_brotli",
        ),
        (
            "wasm (brotli)",
            wasm.brotli,
            budgets.wasm_brotli,
            "wasm_brotli",
        ),
    ];
    let mut over = Vec::new();
    for (what, size, budget, key) in checks {
        let verdict = if size <= budget { "within" } else { "OVER" };
        println!(
            "xtask: {what} of {article}: {size} B, {verdict} the budget of {budget} B ({:+.1}%)",
            (size as f64 / budget as f64 - 1.0) * 100.0
        );
        if size > budget {
            over.push(format!("{what} is {size} B, over `{key} = {budget}`"));
        }
    }
    if over.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} in bench/budgets.toml: make it smaller, or raise the budget in the same change and say why",
            over.join("; ")
        ))
    }
}

/// The article the sizes are about: the one budgets.toml names if the site has it, else the post
/// whose JSON is the median size.
fn choose_article(
    site: &Path,
    budgets: &Budgets,
    notes: &mut Vec<String>,
) -> Result<String, String> {
    let posts = site.join("data/posts");
    if let Some(slug) = &budgets.article {
        if posts.join(format!("{slug}.json")).is_file() {
            return Ok(slug.clone());
        }
    }
    let mut sized: Vec<(u64, String)> = std::fs::read_dir(&posts)
        .map_err(|e| format!("{}: {e} (is the site built?)", posts.display()))?
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let slug = name.strip_suffix(".json")?.to_string();
            Some((e.metadata().ok()?.len(), slug))
        })
        .collect();
    sized.sort();
    let (_, slug) = sized
        .get(sized.len().saturating_sub(1) / 2)
        .cloned()
        .ok_or_else(|| format!("{} holds no post", posts.display()))?;
    if let Some(wanted) = &budgets.article {
        notes.push(format!(
            "budgets.toml names the article `{wanted}`, which this site does not have: measured `{slug}` (median JSON size) instead"
        ));
    }
    Ok(slug)
}

/// What the first views of a scale site download (brotli bytes): the home page, an article, and the
/// one file a category switch loads.
fn scale_first_view(site: &Path, budgets: &Budgets) -> Result<Json, String> {
    let article = choose_article(site, budgets, &mut Vec::new())?;
    let home = first_view(site, "index.html")?;
    let article = first_view(site, &format!("posts/{article}/index.html"))?;
    let categories = site.join("data/lists/category");
    let mut lists: Vec<PathBuf> = std::fs::read_dir(&categories)
        .map_err(|e| format!("{}: {e}", categories.display()))?
        .flatten()
        .map(|e| e.path().join("1.json"))
        .filter(|p| p.is_file())
        .collect();
    lists.sort();
    let list_page = match lists.first() {
        Some(file) => compressed_sizes(std::slice::from_ref(file))?
            .first()
            .map_or(0, |f| f.brotli),
        None => 0,
    };
    Ok(Json::obj([
        ("home", Json::Num(home.total.brotli as f64)),
        ("article", Json::Num(article.total.brotli as f64)),
        ("listPage", Json::Num(list_page as f64)),
    ]))
}

// ── Sizes ────────────────────────────────────────────────────────────────────────────────────────

#[derive(Clone, Default)]
struct FileSize {
    path: String,
    kind: String,
    raw: u64,
    gzip: u64,
    brotli: u64,
    source: String,
}

impl FileSize {
    fn to_json(&self) -> Json {
        Json::obj([
            ("path", Json::str(&self.path)),
            ("kind", Json::str(&self.kind)),
            ("raw", Json::Num(self.raw as f64)),
            ("gzip", Json::Num(self.gzip as f64)),
            ("brotli", Json::Num(self.brotli as f64)),
            ("source", Json::str(&self.source)),
        ])
    }
}

struct View {
    files: Vec<FileSize>,
    total: FileSize,
}

impl View {
    fn to_json(&self) -> Json {
        Json::obj([
            (
                "files",
                Json::Arr(self.files.iter().map(FileSize::to_json).collect()),
            ),
            ("total", self.total.to_json()),
        ])
    }
}

fn size_method(view: &View) -> String {
    let sources: std::collections::BTreeSet<&str> =
        view.files.iter().map(|f| f.source.as_str()).collect();
    let how = sources
        .iter()
        .map(|s| match *s {
            "beside" => "the .br/.gz files the build wrote beside each file",
            "node" => "brotli quality 11 and gzip level 9 computed with Node's zlib (the build wrote no .br/.gz)",
            "cli" => "the brotli (-q 11) and gzip (-9) command-line tools (the build wrote no .br/.gz)",
            _ => "mixed",
        })
        .collect::<Vec<_>>()
        .join("; ");
    format!(
        "file sizes on disk in this run's build; the files are the HTML page, what it links (stylesheet, \
         icon) and the app its loader fetches after the first paint (module script, wasm); the page \
         carries the JSON the app needs to take over, so it fetches none; compressed sizes from {how}. \
         Deterministic: no timing involved."
    )
}

/// What the first view of `html` (relative to `site`) downloads: the page and its linked assets. The
/// page carries the data the app needs to take over (site, list page or post), so no JSON is fetched.
fn first_view(site: &Path, html: &str) -> Result<View, String> {
    let page = std::fs::read_to_string(site.join(html))
        .map_err(|e| format!("cannot read {}: {e}", site.join(html).display()))?;
    let base = attr_value(&page, "<base", "href").unwrap_or_else(|| "/".into());
    let mut paths = vec![html.to_string()];
    for asset in linked_assets(&page) {
        let relative = asset
            .strip_prefix(base.as_str())
            .or_else(|| asset.strip_prefix('/'))
            .unwrap_or(&asset)
            .to_string();
        if !paths.contains(&relative) {
            paths.push(relative);
        }
    }
    let files = paths.iter().map(|p| site.join(p)).collect::<Vec<_>>();
    for f in &files {
        if !f.is_file() {
            return Err(format!("{} is missing from the built site", f.display()));
        }
    }
    let mut sizes = compressed_sizes(&files)?;
    for (size, path) in sizes.iter_mut().zip(&paths) {
        size.path = path.clone();
        size.kind = kind(path).into();
    }
    let total = FileSize {
        path: "total".into(),
        kind: String::new(),
        raw: sizes.iter().map(|f| f.raw).sum(),
        gzip: sizes.iter().map(|f| f.gzip).sum(),
        brotli: sizes.iter().map(|f| f.brotli).sum(),
        source: String::new(),
    };
    Ok(View {
        files: sizes,
        total,
    })
}

fn kind(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "html",
        Some("css") => "css",
        Some("js") => "js",
        Some("wasm") => "wasm",
        Some("json") if path.starts_with("data/posts/") => "json (post)",
        Some("json") => "json (index)",
        Some("svg" | "png" | "ico") => "icon",
        _ => "other",
    }
}

/// URLs of what the page downloads by itself: stylesheets, icons, preloads and scripts (also the
/// `'/x.js'` and `'/x_bg.wasm'` that trunk's inline module script names).
fn linked_assets(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        let name = tag.split_whitespace().next().unwrap_or("");
        let wanted = match name {
            "link" => {
                let rel = attr(tag, "rel").unwrap_or_default();
                rel.split_whitespace()
                    .any(|r| matches!(r, "stylesheet" | "icon" | "modulepreload" | "preload"))
            }
            "script" => true,
            _ => false,
        };
        if wanted {
            if let Some(url) = attr(tag, "href").or_else(|| attr(tag, "src")) {
                out.push(url);
            }
        }
    }
    // trunk's inline module script names the JS and the wasm as quoted strings.
    for script in html.split("<script").skip(1) {
        let body = script.split("</script>").next().unwrap_or("");
        let Some((open, code)) = body.split_once('>') else {
            continue;
        };
        if attr(open, "type").as_deref() != Some("module") {
            continue;
        }
        for quoted in code.split(['\'', '"']).skip(1).step_by(2) {
            if (quoted.ends_with(".js") || quoted.ends_with(".wasm"))
                && !quoted.contains(char::is_whitespace)
            {
                out.push(quoted.to_string());
            }
        }
    }
    let mut seen = Vec::new();
    out.retain(|u| {
        let fresh = !seen.contains(u);
        seen.push(u.clone());
        fresh
    });
    out
}

/// The value of attribute `name` in a tag's text (`link rel="x" href="y"`).
fn attr(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before = rest[..i].chars().last();
        let after = &rest[i + name.len()..];
        if before.is_some_and(char::is_whitespace) {
            if let Some(value) = after.trim_start().strip_prefix('=') {
                let value = value.trim_start();
                let quote = value.chars().next()?;
                if quote == '"' || quote == '\'' {
                    return value[1..].split(quote).next().map(str::to_string);
                }
                return value.split_whitespace().next().map(str::to_string);
            }
        }
        rest = after;
    }
    None
}

fn attr_value(html: &str, tag_start: &str, name: &str) -> Option<String> {
    let at = html.find(tag_start)?;
    let tag = html[at + 1..].split('>').next()?;
    attr(tag, name)
}

/// Raw, gzip and brotli sizes: the build's `.gz`/`.br` beside each file when present, else Node's zlib
/// (bench/lib/sizes.mjs), else the `brotli` and `gzip` command-line tools.
fn compressed_sizes(files: &[PathBuf]) -> Result<Vec<FileSize>, String> {
    let beside = |f: &Path, ext: &str| {
        let mut name = f.as_os_str().to_owned();
        name.push(ext);
        std::fs::metadata(PathBuf::from(name)).ok().map(|m| m.len())
    };
    let mut sizes = Vec::new();
    let mut missing = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let raw = std::fs::metadata(f)
            .map_err(|e| format!("{}: {e}", f.display()))?
            .len();
        match (beside(f, ".gz"), beside(f, ".br")) {
            (Some(gzip), Some(brotli)) => sizes.push(FileSize {
                raw,
                gzip,
                brotli,
                source: "beside".into(),
                ..FileSize::default()
            }),
            _ => {
                missing.push(i);
                sizes.push(FileSize {
                    raw,
                    ..FileSize::default()
                });
            }
        }
    }
    if missing.is_empty() {
        return Ok(sizes);
    }
    let mut node = Command::new("node");
    node.arg(sh::root().join("bench/lib/sizes.mjs"));
    for &i in &missing {
        node.arg(&files[i]);
    }
    if let Some(out) = sh::output(node) {
        let lines: Vec<&str> = out.lines().collect();
        if lines.len() == missing.len() {
            for (&i, line) in missing.iter().zip(lines) {
                let fields: Vec<&str> = line.split_whitespace().collect();
                let number = |k: usize| fields.get(k).and_then(|v| v.parse().ok());
                if let (Some(gzip), Some(brotli)) = (number(1), number(2)) {
                    sizes[i].gzip = gzip;
                    sizes[i].brotli = brotli;
                    sizes[i].source = "node".into();
                }
            }
        }
    }
    for &i in &missing {
        if sizes[i].source.is_empty() {
            let file = path_str(&files[i]);
            let count = |program: &str, args: &[&str]| -> Result<u64, String> {
                let out = Command::new(program)
                    .args(args)
                    .arg(&file)
                    .output()
                    .map_err(|e| {
                        format!("neither node nor `{program}` could compress {file}: {e}")
                    })?;
                Ok(out.stdout.len() as u64)
            };
            sizes[i].gzip = count("gzip", &["-9", "-c"])?;
            sizes[i].brotli = count("brotli", &["-q", "11", "-c"])?;
            sizes[i].source = "cli".into();
        }
    }
    Ok(sizes)
}

/// The page without scripts: every `<script>` element and the module and wasm preloads removed, so it
/// is the prerendered HTML and its stylesheet alone.
fn strip_scripts(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let next_script = rest.find("<script");
        let next_preload = rest
            .find("<link rel=\"modulepreload\"")
            .into_iter()
            .chain(rest.find("<link rel=\"preload\""))
            .min();
        match (next_script, next_preload) {
            (Some(s), p) if p.is_none_or(|p| s < p) => {
                out.push_str(&rest[..s]);
                let end = rest[s..]
                    .find("</script>")
                    .map(|e| s + e + "</script>".len())
                    .unwrap_or(rest.len());
                rest = &rest[end..];
            }
            (_, Some(p)) => {
                out.push_str(&rest[..p]);
                let end = rest[p..].find('>').map(|e| p + e + 1).unwrap_or(rest.len());
                rest = &rest[end..];
            }
            (None, None) => {
                out.push_str(rest);
                return out;
            }
            (Some(_), None) => unreachable!("handled by the first arm"),
        }
    }
}

// ── Tools and builds ─────────────────────────────────────────────────────────────────────────────

/// `npm ci` in bench/ unless node_modules already holds the locked versions.
fn npm_ci(bench: &Path) -> Result<(), String> {
    let lock = std::fs::read_to_string(bench.join("package-lock.json"))
        .map_err(|e| format!("bench/package-lock.json: {e}"))?;
    let installed = std::fs::read_to_string(bench.join("node_modules/.package-lock.json")).ok();
    let same = installed.is_some_and(|i| {
        ["playwright-core", "markdown-it"].iter().all(|p| {
            let version = |text: &str| {
                let key = format!("\"node_modules/{p}\": {{");
                let at = text.find(&key)?;
                let v = text[at..].find("\"version\": \"")? + at + 12;
                Some(text[v..].split('"').next()?.to_string())
            };
            version(&lock).is_some() && version(&lock) == version(&i)
        })
    });
    if same {
        println!("xtask: ok  bench/node_modules (playwright-core, markdown-it)");
        return Ok(());
    }
    let mut npm = Command::new("npm");
    npm.args(["ci", "--no-audit", "--no-fund"])
        .current_dir(bench);
    sh::run(npm)
}

/// twiggy, installed with cargo when missing (only the benchmark uses it).
fn ensure_twiggy() -> Result<PathBuf, String> {
    let bin = cargo_bin("twiggy");
    if sh::output_of(&bin, &["--version"]).is_some() {
        return Ok(bin);
    }
    println!("xtask: ... installing twiggy for the wasm size profile (a few minutes)");
    sh::run(sh::cargo(&["install", "twiggy", "--locked"]))
        .map_err(|e| format!("twiggy could not be installed ({e})"))?;
    Ok(bin)
}

/// hyperfine from apt when missing and we are root on Debian; None means: time it here.
fn ensure_hyperfine() -> Option<String> {
    if let Some(v) = sh::output_of("hyperfine", &["--version"]) {
        return Some(v);
    }
    let is_root = sh::output_of("id", &["-u"]).as_deref() == Some("0");
    if is_root && sh::output_of("apt-get", &["--version"]).is_some() {
        let mut apt = Command::new("apt-get");
        apt.args(["install", "-y", "-q", "hyperfine"])
            .env("DEBIAN_FRONTEND", "noninteractive");
        if sh::run(apt).is_err() {
            let _ = sh::run({
                let mut c = Command::new("apt-get");
                c.args(["update", "-q"]);
                c
            });
            let mut apt = Command::new("apt-get");
            apt.args(["install", "-y", "-q", "hyperfine"])
                .env("DEBIAN_FRONTEND", "noninteractive");
            let _ = sh::run(apt);
        }
    }
    sh::output_of("hyperfine", &["--version"])
}

fn cargo_bin(name: &str) -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default()
        .join("bin")
        .join(name)
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| {
            if p.is_absolute() {
                p
            } else {
                sh::root().join(p)
            }
        })
        .unwrap_or_else(|| sh::root().join("target"))
}

/// Builds quire-press (the `tool` profile) and returns its binary.
fn build_press() -> Result<PathBuf, String> {
    sh::run(sh::cargo(&[
        "build",
        "--quiet",
        "--profile",
        "tool",
        "--package",
        "quire-press",
    ]))?;
    Ok(target_dir().join("tool/quire-press"))
}

/// Builds the synthetic site generator (bench/gen, the `tool` profile) and returns its binary.
fn build_generator() -> Result<PathBuf, String> {
    sh::run(sh::cargo(&[
        "build",
        "--quiet",
        "--profile",
        "tool",
        "--package",
        "quire-gen",
    ]))?;
    Ok(target_dir().join("tool/quire-gen"))
}

/// Runs `quire-press pages` over a built site (it rewrites the same bytes) and reads how long the
/// search index took from its report line: `…, a search index of N posts (X ms) → …`. Without the
/// cache, which would hand back the index the last run built.
fn search_index_ms(press: &Path, site: &Path) -> Result<f64, String> {
    let output = press_cmd(press, &["pages", "--out", &path_str(site), "--no-cache"])
        .output()
        .map_err(|e| format!("quire-press pages: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "quire-press pages --out {} failed:\n{}",
            site.display(),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    parse_index_ms(&stdout).ok_or_else(|| format!("no search index time in {stdout:?}"))
}

fn parse_index_ms(report: &str) -> Option<f64> {
    let after = report.split_once("a search index of ")?.1;
    let inside = after.split_once('(')?.1.split_once(" ms)")?.0;
    inside.trim().parse().ok()
}

fn press_cmd(press: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(press);
    cmd.args(args).current_dir(sh::root());
    cmd
}

/// Copies the built site without its data and per-route pages, which the scale build writes anew.
fn copy_site(site: &Path, dir: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    copy_tree(site, dir, true)?;
    let _ = std::fs::remove_file(dir.join("404.html"));
    Ok(())
}

fn copy_tree(from: &Path, to: &Path, top: bool) -> Result<(), String> {
    let skip = ["data", "posts", "category", "tag", ".stage"];
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name();
        let (src, dst) = (entry.path(), to.join(&name));
        if src.is_dir() {
            if top && skip.contains(&name.to_string_lossy().as_ref()) {
                continue;
            }
            std::fs::create_dir_all(&dst).map_err(|e| e.to_string())?;
            copy_tree(&src, &dst, false)?;
        } else {
            std::fs::copy(&src, &dst).map_err(|e| format!("copy {}: {e}", src.display()))?;
        }
    }
    Ok(())
}

/// What a release build's quire-press steps cost at 10,000 posts, with an empty cache and then with
/// the cache the first run filled: `build` (with no cache at all, as before there was one, then cold
/// and warm), `pages` and compression (the `.br`/`.gz` of every text file), each as quire-press
/// reports it. Trunk's own steps (wasm-bindgen, wasm-opt, copying) are not in it.
fn dist_breakdown_10k(press: &Path, gen: &Path, dir: &Path, out: &Path) -> Result<Json, String> {
    let cache = out.join("press-cache-10000");
    let _ = std::fs::remove_dir_all(&cache);
    let run = |args: &[&str]| -> Result<(f64, String), String> {
        let t = Instant::now();
        let output = press_cmd(press, args)
            .output()
            .map_err(|e| format!("quire-press {}: {e}", args.join(" ")))?;
        if !output.status.success() {
            return Err(format!(
                "`quire-press {}` failed:\n{}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        Ok((
            t.elapsed().as_secs_f64(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        ))
    };
    let (gen, dir, cache) = (path_str(gen), path_str(dir), path_str(&cache));
    let build = ["build", "--content", &gen, "--out", &dir, "--release"];
    let pages = ["pages", "--out", &dir, "--compress", "--cache", &cache];
    let (no_cache, _) = run(&[&build[..], &["--no-cache"]].concat())?;
    let mut rows = vec![Json::obj([
        ("step", Json::str("build, no cache")),
        ("seconds", Json::Num(no_cache)),
    ])];
    for state in ["cold", "warm"] {
        let (build_s, _) = run(&[&build[..], &["--cache", &cache]].concat())?;
        let (pages_s, stdout) = run(&pages)?;
        // `…; N files compressed (X ms, …)`: the part of the pages run that compressed.
        let compress_s = stdout
            .split_once("compressed (")
            .and_then(|(_, rest)| rest.split_once(" ms"))
            .and_then(|(ms, _)| ms.parse::<f64>().ok())
            .map(|ms| ms / 1000.0)
            .ok_or_else(|| format!("quire-press pages printed no compression time: {stdout}"))?;
        for (step, seconds) in [
            ("build", build_s),
            ("pages", pages_s - compress_s),
            ("compress", compress_s),
            ("total", build_s + pages_s),
        ] {
            rows.push(Json::obj([
                ("step", Json::str(format!("{step}, {state} cache"))),
                ("seconds", Json::Num(seconds)),
            ]));
        }
    }
    Ok(Json::Arr(rows))
}

struct Timing {
    tool: String,
    runs: usize,
    warmup: usize,
    times: Vec<f64>,
}

impl Timing {
    fn median(&self) -> f64 {
        let mut t = self.times.clone();
        t.sort_by(f64::total_cmp);
        t[(t.len() - 1) / 2]
    }

    fn to_json(&self, posts: usize) -> Json {
        Json::obj([
            ("posts", Json::Num(posts as f64)),
            ("tool", Json::str(&self.tool)),
            ("runs", Json::Num(self.runs as f64)),
            ("warmup", Json::Num(self.warmup as f64)),
            ("median", Json::Num(self.median())),
            (
                "times",
                Json::Arr(self.times.iter().map(|&t| Json::Num(t)).collect()),
            ),
        ])
    }
}

/// Times `press args`: hyperfine when there is one (its JSON export), else timed here. One warm-up.
fn time_command(
    press: &Path,
    args: &[&str],
    hyperfine: Option<&String>,
    out: &Path,
) -> Result<Timing, String> {
    let command_line = std::iter::once(path_str(press))
        .chain(args.iter().map(|a| a.to_string()))
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(version) = hyperfine {
        let export = out.join(format!("hyperfine-{}.json", args[0]));
        let mut cmd = Command::new("hyperfine");
        cmd.args([
            "--runs",
            &PRESS_RUNS.to_string(),
            "--warmup",
            "1",
            "--export-json",
        ])
        .arg(&export)
        .arg("--output=null")
        .current_dir(sh::root());
        cmd.arg(&command_line);
        sh::run(cmd)?;
        let json = std::fs::read_to_string(&export).map_err(|e| e.to_string())?;
        let times = json
            .find("\"times\":")
            .and_then(|at| {
                let list = json[at..].split_once('[')?.1.split_once(']')?.0;
                list.split(',')
                    .map(|v| v.trim().parse::<f64>().ok())
                    .collect::<Option<Vec<f64>>>()
            })
            .filter(|t| !t.is_empty())
            .ok_or("hyperfine's JSON export has no times")?;
        return Ok(Timing {
            tool: version.clone(),
            runs: times.len(),
            warmup: 1,
            times,
        });
    }
    println!("xtask: $ {command_line}  (1 warm-up + {PRESS_RUNS} timed runs)");
    let mut times = Vec::new();
    for i in 0..=PRESS_RUNS {
        let t = Instant::now();
        let output = press_cmd(press, args)
            .output()
            .map_err(|e| format!("{command_line}: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "`{command_line}` failed:\n{}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        if i > 0 {
            times.push(t.elapsed().as_secs_f64());
        }
    }
    Ok(Timing {
        tool: "timed by xtask (no hyperfine)".into(),
        runs: PRESS_RUNS,
        warmup: 1,
        times,
    })
}

/// The app's wasm through wasm-bindgen and wasm-opt -Oz again, keeping names (`-g`), then `twiggy top`
/// as JSON, or when twiggy is missing or fails, bench/lib/wasm-names.mjs (code and data sizes with the
/// name section's names, in twiggy's format). Returns the JSON file and what made it.
fn profile_wasm(
    tools: &setup::Tools,
    twiggy: &Result<PathBuf, String>,
    out: &Path,
) -> Result<(PathBuf, String), String> {
    let input = target_dir().join("wasm32-unknown-unknown/release/quire.wasm");
    if !input.is_file() {
        return Err(format!("{} is missing (no release build)", input.display()));
    }
    let dir = out.join("wasm-named");
    let _ = std::fs::remove_dir_all(&dir);
    let mut bindgen = Command::new("wasm-bindgen");
    bindgen
        .args(["--target", "web", "--out-name", "quire", "--out-dir"])
        .arg(&dir)
        .arg(&input)
        .env("PATH", &tools.path);
    sh::run(bindgen)?;
    let named = dir.join("named.wasm");
    let mut opt = Command::new("wasm-opt");
    opt.args(["-Oz", "-g"])
        .arg(dir.join("quire_bg.wasm"))
        .arg("-o")
        .arg(&named)
        .env("PATH", &tools.path);
    sh::run(opt)?;
    let json = out.join("wasm-profile.json");
    let twiggy_error = match twiggy {
        Ok(twiggy) => {
            let version = sh::output_of(twiggy, &["--version"]).unwrap_or_else(|| "twiggy".into());
            match Command::new(twiggy)
                .args(["top", "-n", "1000000", "--format", "json"])
                .arg(&named)
                .output()
            {
                Ok(output) if output.status.success() => {
                    std::fs::write(&json, &output.stdout).map_err(|e| e.to_string())?;
                    return Ok((json, format!("{version} top (shallow sizes)")));
                }
                Ok(output) => format!(
                    "twiggy failed: {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                ),
                Err(e) => format!("twiggy: {e}"),
            }
        }
        Err(e) => e.clone(),
    };
    let mut node = Command::new("node");
    node.arg(sh::root().join("bench/lib/wasm-names.mjs"))
        .arg(&named)
        .arg(&json);
    sh::run(node).map_err(|e| format!("{twiggy_error}; the fallback failed too: {e}"))?;
    Ok((
        json,
        format!("bench/lib/wasm-names.mjs (code section sizes named from the name section; {twiggy_error})"),
    ))
}

/// bench/md-wasm for wasm32, through wasm-bindgen (`--target web`) and wasm-opt -Oz like the app.
fn build_md_wasm(tools: &setup::Tools, bench: &Path, out: &Path) -> Result<PathBuf, String> {
    // The workspace's lock file, so the renderer is built from the same crate versions as the app
    // (cargo keeps what md-wasm uses and drops the rest).
    std::fs::copy(
        sh::root().join("Cargo.lock"),
        bench.join("md-wasm/Cargo.lock"),
    )
    .map_err(|e| format!("copy Cargo.lock to bench/md-wasm: {e}"))?;
    let target = out.join("target");
    let mut cargo = sh::cargo(&[
        "build",
        "--release",
        "--quiet",
        "--target",
        "wasm32-unknown-unknown",
    ]);
    cargo
        .arg("--manifest-path")
        .arg(bench.join("md-wasm/Cargo.toml"))
        .arg("--target-dir")
        .arg(&target)
        .env_remove("CARGO_TARGET_DIR")
        .current_dir(bench.join("md-wasm"));
    sh::run(cargo)?;
    let pkg = out.join("md-pkg");
    let _ = std::fs::remove_dir_all(&pkg);
    let mut bindgen = Command::new("wasm-bindgen");
    bindgen
        .args(["--target", "web", "--out-dir"])
        .arg(&pkg)
        .arg(target.join("wasm32-unknown-unknown/release/quire_md_wasm.wasm"))
        .env("PATH", &tools.path);
    sh::run(bindgen)?;
    let wasm = pkg.join("quire_md_wasm_bg.wasm");
    let mut opt = Command::new("wasm-opt");
    opt.arg("-Oz")
        .arg(&wasm)
        .arg("-o")
        .arg(&wasm)
        .env("PATH", &tools.path);
    sh::run(opt)?;
    Ok(pkg)
}

// ── Machine and misc ─────────────────────────────────────────────────────────────────────────────

fn machine(tools: &setup::Tools, load_start: &str) -> Json {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")?
                .split_once(':')
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory_kb: f64 = meminfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("MemTotal:")?
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        })
        .unwrap_or(0.0);
    let nproc: f64 = sh::output_of("nproc", &[])
        .and_then(|n| n.parse().ok())
        .unwrap_or(0.0);
    let chromium = sh::output_of(&tools.chromium, &["--version"]).unwrap_or_default();
    Json::obj([
        ("nproc", Json::Num(nproc)),
        ("cpu", Json::str(cpu)),
        ("memoryKb", Json::Num(memory_kb)),
        ("chromiumBinary", Json::str(chromium)),
        (
            "node",
            Json::str(sh::output_of("node", &["--version"]).unwrap_or_default()),
        ),
        (
            "rustc",
            Json::str(sh::output_of("rustc", &["--version"]).unwrap_or_default()),
        ),
        ("loadStart", Json::str(load_start)),
    ])
}

fn git_state(root: &Path) -> String {
    let git = |args: &[&str]| {
        let mut cmd = Command::new("git");
        cmd.args(args).current_dir(root);
        sh::output(cmd)
    };
    let head = git(&["rev-parse", "--short", "HEAD"]).unwrap_or_else(|| "unknown commit".into());
    match git(&["status", "--porcelain"]) {
        Some(s) if !s.is_empty() => format!("commit {head} with uncommitted changes"),
        _ => format!("commit {head}"),
    }
}

fn now_utc() -> String {
    sh::output_of("date", &["-u", "+%Y-%m-%d %H:%M UTC"])
        .unwrap_or_else(|| "an unknown date".into())
}

fn touch(path: &Path) -> Result<(), String> {
    std::fs::File::options()
        .append(true)
        .open(path)
        .and_then(|f| f.set_modified(std::time::SystemTime::now()))
        .map_err(|e| format!("touch {}: {e}", path.display()))
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    }
    std::fs::write(path, contents).map_err(|e| format!("write {}: {e}", path.display()))
}

fn path_str(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Just enough JSON to hand the browser half its configuration.
enum Json {
    Null,
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    fn str(s: impl AsRef<str>) -> Json {
        Json::Str(s.as_ref().to_string())
    }

    fn obj<const N: usize>(fields: [(&str, Json); N]) -> Json {
        Json::Obj(
            fields
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Num(n) if n.is_finite() => {
                let _ = write!(out, "{n}");
            }
            Json::Num(_) => out.push_str("null"),
            Json::Str(s) => {
                out.push('"');
                for c in s.chars() {
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str("\\\\"),
                        '\n' => out.push_str("\\n"),
                        c if (c as u32) < 0x20 => {
                            let _ = write!(out, "\\u{:04x}", c as u32);
                        }
                        c => out.push(c),
                    }
                }
                out.push('"');
            }
            Json::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Obj(fields) => {
                out.push('{');
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    Json::Str(k.clone()).write(out);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

impl std::fmt::Display for Json {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = String::new();
        self.write(&mut s);
        f.write_str(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_PAGE: &str = r#"<!doctype html><html><head><base href="/">
<script>try { var t = 1; } catch (e) {}</script>
<link rel="stylesheet" href="/main-1.css" integrity="x"/>
<link rel="icon" href="/favicon-2.svg"/>
<link rel="canonical" href="https://example.com/posts/a/">
<script type="application/ld+json">{"a":"</script>"}</script>
<script type="module">
import init, * as bindings from '/quire-3.js';
const wasm = await init({ module_or_path: '/quire-3_bg.wasm' });
</script>
<link rel="modulepreload" href="/quire-3.js" crossorigin="anonymous"><link rel="preload" href="/quire-3_bg.wasm" as="fetch" type="application/wasm"></head>
<body><div id="prerendered"><p class="prose">Hello</p></div></body></html>"#;

    #[test]
    fn finds_what_the_page_downloads() {
        assert_eq!(
            linked_assets(TRUNK_PAGE),
            [
                "/main-1.css",
                "/favicon-2.svg",
                "/quire-3.js",
                "/quire-3_bg.wasm"
            ]
        );
        assert_eq!(
            attr_value(TRUNK_PAGE, "<base", "href").as_deref(),
            Some("/")
        );
    }

    #[test]
    fn stripping_scripts_keeps_the_markup_and_stylesheet() {
        let stripped = strip_scripts(TRUNK_PAGE);
        assert!(!stripped.contains("<script"), "{stripped}");
        assert!(!stripped.contains("preload"), "{stripped}");
        assert!(!stripped.contains("wasm"), "{stripped}");
        assert!(stripped.contains(r#"<link rel="stylesheet" href="/main-1.css""#));
        assert!(stripped.contains(r#"<div id="prerendered"><p class="prose">Hello</p></div>"#));
    }

    #[test]
    fn budgets_parse_numbers_with_underscores_and_comments() {
        let dir = std::env::temp_dir().join(format!("xtask-budgets-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("budgets.toml");
        std::fs::write(
            &file,
            "# note\narticle = \"tcp\"\narticle_first_view_brotli = 180_000 # bytes\nwasm_brotli = 160000\n",
        )
        .unwrap();
        let b = Budgets::read(&file).unwrap();
        assert_eq!(b.article.as_deref(), Some("tcp"));
        assert_eq!(b.article_first_view_brotli, 180_000);
        assert_eq!(b.wasm_brotli, 160_000);
        std::fs::write(&file, "wasm_brotli = 1\n").unwrap();
        assert!(matches!(Budgets::read(&file), Err(e) if e.contains("article_first_view_brotli")));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn reads_the_index_time_from_the_pages_report() {
        assert_eq!(
            parse_index_ms("quire-press: 61 pages, the feed, sitemap and robots.txt, a search index of 25 posts (299 ms) → dist (384 ms)\n"),
            Some(299.0)
        );
        assert_eq!(parse_index_ms("quire-press: 61 pages"), None);
    }

    #[test]
    fn json_escapes_strings() {
        let j = Json::obj([
            ("a", Json::str("q\"\\\n")),
            ("b", Json::Arr(vec![Json::Num(1.5), Json::Null])),
        ]);
        assert_eq!(j.to_string(), r#"{"a":"q\"\\\n","b":[1.5,null]}"#);
    }
}
