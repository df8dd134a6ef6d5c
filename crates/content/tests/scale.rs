//! Front matter at sizes no hand-written post reaches: compiling stays near-linear in the size of
//! the input, so a generated or imported post cannot stall a build.

use quire_content::compile::{compile, CompileOptions, SourceFile};

const SITE: &str = "title = \"Scale\"\nbase_url = \"https://scale.example/\"\nauthor = \"Ana\"\n";

fn file(path: &str, text: String) -> SourceFile {
    SourceFile {
        path: path.to_string(),
        bytes: text.into_bytes(),
    }
}

#[test]
fn a_post_with_100_000_tags_compiles() {
    const TAGS: usize = 100_000;
    let mut front = String::from("+++\ntitle = \"Many tags\"\ndate = 2024-01-01\ntags = [");
    for i in 0..TAGS {
        // Every tag twice, the second time in another case: both spell the same slug.
        front.push_str(&format!("\"tag {i}\", \"TAG {i}\", "));
    }
    front.push_str("]\n+++\nText.\n");
    let compiled = compile(
        &file("content/site.toml", SITE.to_string()),
        &[file("content/posts/many.md", front)],
        &CompileOptions::default(),
    )
    .unwrap_or_else(|problems| panic!("{problems:?}"));

    let post = &compiled.posts[0];
    assert_eq!(post.meta.tags.len(), TAGS, "one tag per slug on the post");
    assert_eq!(post.meta.tags[0].slug, "tag-0");
    assert_eq!(post.meta.tags[0].name, "tag 0", "the name first written");
    assert_eq!(post.meta.tags[TAGS - 1].slug, format!("tag-{}", TAGS - 1));
    assert_eq!(
        compiled.index.tags.len(),
        TAGS,
        "one tag per slug in the index"
    );
    assert!(compiled.index.tags.iter().all(|t| t.count == 1));
}
