//! `quire-gen N DIR`: writes a synthetic site of N posts into DIR. See `quire-gen --help`.

use std::path::Path;
use std::process::ExitCode;

const HELP: &str = "\
Write a deterministic synthetic site: DIR/site.toml with 8 categories and DIR/posts/NNNNN-<slug>.md,
N posts of about 5 KB of realistic Markdown each. `quire-press build --content DIR` compiles it.

Usage: quire-gen N DIR   (or: cargo xtask gen-posts N DIR)

Options:
  -h, --help      Print this help
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        print!("{HELP}");
        return if args.is_empty() {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    let [count, dir] = &args[..] else {
        eprintln!("error: quire-gen takes two arguments: quire-gen N DIR");
        return ExitCode::from(2);
    };
    let Ok(count) = count.parse::<usize>() else {
        eprintln!("error: N must be a whole number, not {count:?}");
        return ExitCode::from(2);
    };
    match quire_gen::write_site(count, Path::new(dir)) {
        Ok(()) => {
            let posts = if count == 1 { "post" } else { "posts" };
            println!("quire-gen: wrote {count} {posts} to {dir}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
