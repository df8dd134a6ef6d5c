//! Runs the examples of `specs/validation.md`: each folder is compiled, and the diagnostics must be exactly
//! the ones written under `== expected`.

use std::collections::BTreeMap;

use quire_content::compile::{compile, CompileOptions, Diagnostic, SourceFile};
use quire_content::date::parse_date;

const FENCE: &str = "````````````````````````````````";

/// One example: where it starts in the spec, its files (path → text), options and expected lines.
#[derive(Debug, Default)]
struct Example {
    line: usize,
    files: BTreeMap<String, String>,
    options: CompileOptions,
    expected: Vec<String>,
}

/// The `defaults` block and the `example` blocks of a spec, in order.
fn parse_spec(spec: &str) -> (BTreeMap<String, String>, Vec<Example>) {
    let mut defaults = BTreeMap::new();
    let mut examples = Vec::new();
    let mut lines = spec.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        let Some(kind) = line.strip_prefix(FENCE).map(str::trim) else {
            continue;
        };
        let mut example = Example {
            line: n + 1,
            ..Example::default()
        };
        // Where the lines of the block go: a file's text, or the expected diagnostics.
        let mut file: Option<String> = None;
        let mut in_expected = false;
        for (_, line) in lines.by_ref() {
            if line == FENCE {
                break;
            }
            if let Some(options) = line.strip_prefix("== options: ") {
                example.options = parse_options(options);
            } else if line == "== expected" {
                in_expected = true;
            } else if let Some(path) = line.strip_prefix("== ") {
                example.files.insert(path.to_string(), String::new());
                file = Some(path.to_string());
            } else if in_expected {
                example.expected.push(line.to_string());
            } else if let Some(path) = &file {
                let text = example.files.get_mut(path).expect("file started");
                text.push_str(&line.replace('→', "\t"));
                text.push('\n');
            } else {
                panic!("spec line {}: text outside a file: {line:?}", n + 1);
            }
        }
        match kind {
            "defaults" => defaults = example.files,
            "example" => examples.push(example),
            other => panic!("spec line {}: unknown block {other:?}", n + 1),
        }
    }
    (defaults, examples)
}

fn parse_options(text: &str) -> CompileOptions {
    let mut options = CompileOptions::default();
    for option in text.split(',').map(str::trim) {
        match option.split_once(' ') {
            None if option == "drafts" => options.drafts = true,
            Some(("now", date)) => options.now_unix = Some(parse_date(date).unwrap().unix),
            _ => panic!("unknown option {option:?}"),
        }
    }
    options
}

/// What the compiler prints for the example's folder (nothing when it compiles).
fn diagnostics(defaults: &BTreeMap<String, String>, example: &Example) -> Vec<String> {
    let mut files = defaults.clone();
    files.extend(example.files.clone());
    let site = files.remove("content/site.toml").expect("a site.toml");
    let source = |(path, text): (String, String)| SourceFile {
        path,
        bytes: text.into_bytes(),
    };
    let posts: Vec<SourceFile> = files.into_iter().map(source).collect();
    let site = source(("content/site.toml".to_string(), site));
    match compile(&site, &posts, &example.options) {
        Ok(compiled) => compiled
            .warnings
            .iter()
            .map(Diagnostic::to_string)
            .collect(),
        Err(d) => d.iter().map(Diagnostic::to_string).collect(),
    }
}

#[test]
fn validation_spec() {
    let spec = include_str!("../specs/validation.md");
    let (defaults, examples) = parse_spec(spec);
    assert!(examples.len() >= 30, "{} examples read", examples.len());
    let failures: Vec<String> = examples
        .iter()
        .filter(|example| diagnostics(&defaults, example) != example.expected)
        .map(|example| {
            format!(
                "specs/validation.md:{}:\n  got:\n    {}\n  expected:\n    {}",
                example.line,
                diagnostics(&defaults, example).join("\n    "),
                example.expected.join("\n    ")
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} examples differ:\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n")
    );
}

#[test]
fn the_spec_reader_sees_files_options_and_expectations() {
    let spec = format!(
        "text\n{FENCE} defaults\n== s\nx\n{FENCE}\n{FENCE} example\n== options: drafts, now 2026-01-01\n== a.md\n→a\n\n== expected\none\n{FENCE}\n"
    );
    let (defaults, examples) = parse_spec(&spec);
    assert_eq!(defaults["s"], "x\n");
    assert_eq!(examples.len(), 1);
    let e = &examples[0];
    assert_eq!((e.line, e.files["a.md"].as_str()), (6, "\ta\n\n"));
    assert!(e.options.drafts && e.options.now_unix.is_some());
    assert_eq!(e.expected, ["one"]);
}
