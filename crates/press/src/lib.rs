//! `quire-press`: compiles a Quire content folder into the JSON and files the site serves. The rules live
//! in `quire-content`; this crate reads and writes files.
//!
//! Arguments are parsed by hand: there are two commands and five flags, not worth a parser's build time.

pub mod build;
pub mod cache;
pub mod compress;
pub mod csp;
pub mod diagram;
pub mod highlight;
pub mod pages;
pub mod prepare;
pub mod search;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

const HELP: &str = "\
quire-press: compile a Quire content folder into the files the site serves

Usage: quire-press <COMMAND>

Commands:
  build      Compile content/ into <out>/data/*.json and copy post assets
  pages      After trunk: write every route's HTML, the feed, sitemap and robots.txt into <out>

Run `quire-press <COMMAND> --help` for a command's options.
";

const BUILD_HELP: &str = "\
Compile content/site.toml and content/posts/**/*.md into <out>/data/index.json,
<out>/data/posts/<slug>.json and <out>/posts/<slug>/<asset> for folder posts.
Every problem of every file is reported at once; nothing is written when there is one.

Usage: quire-press build [OPTIONS]

Options:
  --content DIR   The content folder, holding site.toml and posts/ [default: $QUIRE_CONTENT, else content]
  --out DIR       Where to write [default: $TRUNK_STAGING_DIR, else dist]
  --drafts        Include posts marked draft (also: QUIRE_DRAFTS=1)
  --release       Leave out posts dated in the future (also: TRUNK_PROFILE=release)
  --now DATE      The time that counts as now, RFC 3339 or YYYY-MM-DD; leaves out posts after it
  --cache DIR     Keep highlighted code blocks and drawn diagrams here and reuse them
                  [default: $QUIRE_CACHE_DIR, else $CARGO_TARGET_DIR/quire-press-cache,
                  else target/quire-press-cache]
  --no-cache      Prepare every block anew
  -h, --help      Print this help
";

const PAGES_HELP: &str = "\
Write the static side of a built site from the data `build` wrote: an HTML file per route
(index.html, page/<n>/index.html, posts/<slug>/index.html, category/<slug>/[page/<n>/]index.html,
tag/<slug>/[page/<n>/]index.html, 404.html)
made from trunk's index.html, with each page's title, description, canonical URL, OpenGraph tags and
content; search/index.html and the search index in pagefind/; feed.xml (Atom), sitemap.xml,
robots.txt and _headers; with --compress, .br and .gz files.
Trunk runs it as a post_build hook.

Usage: quire-press pages [OPTIONS]

Options:
  --out DIR       The built site [default: $TRUNK_STAGING_DIR, else dist]
  --base PATH     The path the site is served under [default: $TRUNK_PUBLIC_URL, else /]
  --compress      Write .br and .gz beside text files (also: TRUNK_PROFILE=release)
  --cache DIR     Keep compressed files and the search index here, and reuse them when a file's
                  bytes or every post come back unchanged [default: $QUIRE_CACHE_DIR, else
                  $CARGO_TARGET_DIR/quire-press-cache, else target/quire-press-cache]
  --no-cache      Compress every file and index every post anew
  -h, --help      Print this help
";

/// Where the environment variables a build reads come from (the process, or a test's map).
pub trait Env {
    /// The variable's value, if set.
    fn var(&self, name: &str) -> Option<String>;
}

/// The process environment.
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }
}

/// A command line that could not be understood.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(String);

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Help(&'static str),
    Build(build::BuildArgs),
    Pages(pages::PagesArgs),
}

/// Parses the arguments after the program name.
pub fn parse_args(args: &[OsString], env: &dyn Env) -> Result<Command, UsageError> {
    let strings: Vec<String> = args
        .iter()
        .map(|a| {
            a.to_str()
                .map(str::to_string)
                .ok_or_else(|| UsageError(format!("argument {a:?} is not UTF-8")))
        })
        .collect::<Result<_, _>>()?;
    let Some((command, rest)) = strings.split_first() else {
        return Ok(Command::Help(HELP));
    };
    match command.as_str() {
        "-h" | "--help" | "help" => Ok(Command::Help(HELP)),
        "build" => parse_build(rest, env),
        "pages" => parse_pages(rest, env),
        other => Err(UsageError(format!(
            "unknown command {other:?}: use build or pages (see quire-press --help)"
        ))),
    }
}

/// A command's options, one at a time: `--out=dist` and `--out dist` both work.
struct Flags<'a> {
    args: std::slice::Iter<'a, String>,
    command: &'static str,
}

impl<'a> Flags<'a> {
    fn new(args: &'a [String], command: &'static str) -> Self {
        Flags {
            args: args.iter(),
            command,
        }
    }

    /// The next flag, and its value when written `--flag=value`.
    fn next(&mut self) -> Option<(&'a str, Option<&'a str>)> {
        let arg = self.args.next()?.as_str();
        Some(match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value)),
            _ => (arg, None),
        })
    }

    /// The value of `flag`: the one after `=`, else the next argument.
    fn value(&mut self, flag: &str, inline: Option<&str>) -> Result<String, UsageError> {
        inline
            .or_else(|| self.args.next().map(String::as_str))
            .map(str::to_string)
            .ok_or_else(|| {
                UsageError(format!(
                    "{flag} needs a value (see quire-press {} --help)",
                    self.command
                ))
            })
    }

    fn unknown(&self, flag: &str) -> UsageError {
        UsageError(format!(
            "unknown option {flag:?} for {} (see quire-press {} --help)",
            self.command, self.command
        ))
    }
}

fn parse_build(args: &[String], env: &dyn Env) -> Result<Command, UsageError> {
    let truthy = |name: &str| {
        env.var(name)
            .is_some_and(|v| matches!(v.trim(), "1" | "true" | "yes"))
    };
    let mut content = env.var("QUIRE_CONTENT").filter(|d| !d.is_empty());
    let mut out = None;
    let mut drafts = truthy("QUIRE_DRAFTS");
    let mut release = env.var("TRUNK_PROFILE").is_some_and(|p| p == "release");
    let mut now = None;
    let mut cache = Some(cache::default_root(env));
    let mut flags = Flags::new(args, "build");
    while let Some((flag, inline)) = flags.next() {
        match flag {
            "-h" | "--help" => return Ok(Command::Help(BUILD_HELP)),
            "--content" => content = Some(flags.value(flag, inline)?),
            "--out" => out = Some(flags.value(flag, inline)?),
            "--now" => now = Some(flags.value(flag, inline)?),
            "--drafts" => drafts = true,
            "--release" => release = true,
            "--cache" => cache = Some(PathBuf::from(flags.value(flag, inline)?)),
            "--no-cache" => cache = None,
            other => return Err(flags.unknown(other)),
        }
    }
    let now_unix = match now {
        Some(text) => Some(
            quire_content::date::parse_date(&text)
                .map_err(|e| {
                    UsageError(format!(
                        "--now {text:?} is not a date ({e}): write 2024-03-05 or 2024-03-05T10:00:00Z"
                    ))
                })?
                .unix,
        ),
        None if release => Some(build::system_now()),
        None => None,
    };
    let out = out
        .or_else(|| env.var("TRUNK_STAGING_DIR").filter(|d| !d.is_empty()))
        .unwrap_or_else(|| "dist".to_string());
    Ok(Command::Build(build::BuildArgs {
        content: PathBuf::from(content.unwrap_or_else(|| "content".to_string())),
        out: PathBuf::from(out),
        drafts,
        now_unix,
        cache,
    }))
}

fn parse_pages(args: &[String], env: &dyn Env) -> Result<Command, UsageError> {
    let mut out = env.var("TRUNK_STAGING_DIR").filter(|d| !d.is_empty());
    let mut base = env.var("TRUNK_PUBLIC_URL");
    let mut compress = env.var("TRUNK_PROFILE").is_some_and(|p| p == "release");
    let mut cache = Some(cache::default_root(env));
    let mut flags = Flags::new(args, "pages");
    while let Some((flag, inline)) = flags.next() {
        match flag {
            "-h" | "--help" => return Ok(Command::Help(PAGES_HELP)),
            "--out" => out = Some(flags.value(flag, inline)?),
            "--base" => base = Some(flags.value(flag, inline)?),
            "--compress" => compress = true,
            "--cache" => cache = Some(PathBuf::from(flags.value(flag, inline)?)),
            "--no-cache" => cache = None,
            other => return Err(flags.unknown(other)),
        }
    }
    Ok(Command::Pages(pages::PagesArgs {
        out: PathBuf::from(out.unwrap_or_else(|| "dist".to_string())),
        base: pages::base_from(base),
        compress,
        cache,
    }))
}

/// Runs the command line (arguments after the program name) and returns the exit code: 0 on success,
/// 1 when the content has problems or a file cannot be read or written, 2 for a bad command line.
pub fn run(
    args: &[OsString],
    env: &dyn Env,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let command = match parse_args(args, env) {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return 2;
        }
    };
    match command {
        Command::Help(text) => {
            let _ = write!(stdout, "{text}");
            0
        }
        Command::Build(args) => match build::build(&args) {
            Ok(report) => {
                for warning in &report.warnings {
                    let _ = writeln!(stderr, "{warning}");
                }
                let _ = writeln!(stdout, "{report}");
                if !report.warnings.is_empty() {
                    let _ = writeln!(
                        stderr,
                        "quire-press: {} (listed above, each at its path:line)",
                        plural(report.warnings.len(), "warning")
                    );
                }
                0
            }
            Err(build::BuildError::Content { diagnostics, files }) => {
                for d in &diagnostics {
                    let _ = writeln!(stderr, "{d}");
                }
                let warnings = diagnostics.iter().filter(|d| d.is_warning()).count();
                let also = if warnings > 0 {
                    format!(" (and {} above)", plural(warnings, "warning"))
                } else {
                    String::new()
                };
                let _ = writeln!(
                    stderr,
                    "error: {} in {}{also}; nothing was written",
                    plural(diagnostics.len() - warnings, "problem"),
                    plural(files, "file")
                );
                1
            }
            Err(e) => {
                let _ = writeln!(stderr, "error: {e}");
                1
            }
        },
        Command::Pages(args) => match pages::write_pages(&args) {
            Ok(report) => {
                let c = &report.compressed;
                let _ = writeln!(
                    stdout,
                    "quire-press: {}, the feed, sitemap and robots.txt, a search index of {} ({} ms{}) → {} ({} ms){}",
                    plural(report.pages, "page"),
                    plural(report.searchable, "post"),
                    report.search_elapsed.as_millis(),
                    if report.search_cached { ", from the cache" } else { "" },
                    args.out.display(),
                    report.elapsed.as_millis(),
                    if c.files > 0 {
                        format!(
                            "; {} compressed ({} ms, {} of {} .br/.gz from the cache)",
                            plural(c.files, "file"),
                            report.compress_elapsed.as_millis(),
                            c.reused,
                            c.reused + c.computed
                        )
                    } else {
                        String::new()
                    },
                );
                0
            }
            Err(e) => {
                let _ = writeln!(stderr, "error: {e}");
                1
            }
        },
    }
}

/// `1 post`, `2 posts`, `3 categories`.
pub fn plural(count: usize, noun: &str) -> String {
    match (count, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{count} {stem}ies"),
        _ => format!("{count} {noun}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct MapEnv(HashMap<&'static str, &'static str>);

    impl Env for MapEnv {
        fn var(&self, name: &str) -> Option<String> {
            self.0.get(name).map(|v| v.to_string())
        }
    }

    fn parse(args: &[&str], env: &[(&'static str, &'static str)]) -> Result<Command, String> {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        parse_args(&args, &MapEnv(env.iter().copied().collect())).map_err(|e| e.to_string())
    }

    fn build_args(args: &[&str], env: &[(&'static str, &'static str)]) -> build::BuildArgs {
        match parse(args, env) {
            Ok(Command::Build(b)) => b,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn build_defaults_and_environment() {
        let b = build_args(&["build"], &[]);
        assert_eq!(
            b,
            build::BuildArgs {
                content: "content".into(),
                out: "dist".into(),
                drafts: false,
                now_unix: None,
                cache: Some("target/quire-press-cache".into()),
            }
        );
        let b = build_args(
            &["build"],
            &[("TRUNK_STAGING_DIR", "/tmp/stage"), ("QUIRE_DRAFTS", "1")],
        );
        assert_eq!((b.out, b.drafts), (PathBuf::from("/tmp/stage"), true));
        let b = build_args(
            &["build", "--out", "x", "--content=site"],
            &[("TRUNK_STAGING_DIR", "/s")],
        );
        assert_eq!((b.out, b.content), ("x".into(), "site".into()));
        // How a release build of another site (the bench's 10,000 posts) runs through trunk's hook.
        let b = build_args(&["build"], &[("QUIRE_CONTENT", "bench/out/gen")]);
        assert_eq!(b.content, PathBuf::from("bench/out/gen"));
        assert_eq!(
            build_args(&["build"], &[("CARGO_TARGET_DIR", "/t")]).cache,
            Some("/t/quire-press-cache".into())
        );
        assert_eq!(
            build_args(
                &["build"],
                &[("QUIRE_CACHE_DIR", "/c"), ("CARGO_TARGET_DIR", "/t")]
            )
            .cache,
            Some("/c".into())
        );
        assert_eq!(
            build_args(&["build", "--cache", "k"], &[]).cache,
            Some("k".into())
        );
        assert_eq!(build_args(&["build", "--no-cache"], &[]).cache, None);
        match parse(&["pages", "--no-cache"], &[]) {
            Ok(Command::Pages(p)) => assert_eq!(p.cache, None),
            other => panic!("{other:?}"),
        }
        match parse(&["pages", "--cache=k"], &[]) {
            Ok(Command::Pages(p)) => assert_eq!(p.cache, Some("k".into())),
            other => panic!("{other:?}"),
        }
        assert!(build_args(&["build"], &[("TRUNK_PROFILE", "release")])
            .now_unix
            .is_some());
        assert_eq!(
            build_args(&["build"], &[("TRUNK_PROFILE", "debug")]).now_unix,
            None
        );
        assert_eq!(
            build_args(&["build", "--now", "2024-01-01T00:00:01Z"], &[]).now_unix,
            Some(1_704_067_201)
        );
    }

    #[test]
    fn usage_errors_say_what_to_do() {
        assert_eq!(
            parse(&["build", "--nope"], &[]).unwrap_err(),
            "unknown option \"--nope\" for build (see quire-press build --help)"
        );
        assert_eq!(
            parse(&["build", "--out"], &[]).unwrap_err(),
            "--out needs a value (see quire-press build --help)"
        );
        assert_eq!(
            parse(&["build", "--now", "tomorrow"], &[]).unwrap_err(),
            "--now \"tomorrow\" is not a date (not in the form YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS): write 2024-03-05 or 2024-03-05T10:00:00Z"
        );
        assert_eq!(
            parse(&["serve"], &[]).unwrap_err(),
            "unknown command \"serve\": use build or pages (see quire-press --help)"
        );
    }

    #[test]
    fn help_for_each_command() {
        assert_eq!(parse(&[], &[]).unwrap(), Command::Help(HELP));
        assert_eq!(parse(&["--help"], &[]).unwrap(), Command::Help(HELP));
        assert_eq!(
            parse(&["build", "-h"], &[]).unwrap(),
            Command::Help(BUILD_HELP)
        );
    }
}
