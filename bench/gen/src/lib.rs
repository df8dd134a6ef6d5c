//! `quire-gen N DIR` (`cargo xtask gen-posts N DIR`): a deterministic synthetic site for benchmarks and
//! scale tests.
//!
//! Posts look like the real thing to the compiler and the renderer: TOML and YAML front matter,
//! categories, three tags from a pool of sixty, headings, paragraphs with emphasis and inline code, a
//! code block, lists, sometimes a table, and links to earlier posts (by slug and by `.md` file).
//! Each post is drawn from its own seed, so post `i` is the same whatever `N` is.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use quire_content::slug::slugify;
use rayon::prelude::*;

/// xorshift64*: small, fast and good enough to vary text; not for anything that needs randomness.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`, scrambled (splitmix64) so neighbouring seeds give unrelated streams.
    pub fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn range(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// One of `words`.
    pub fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }
}

/// The eight categories of the synthetic site: (slug, name, description).
pub const CATEGORIES: [(&str, &str, &str); 8] = [
    (
        "systems",
        "Distributed Systems",
        "Consensus, replication and the failures in between.",
    ),
    (
        "networking",
        "Networking",
        "TCP, TLS, DNS, HTTP and what happens between two machines.",
    ),
    (
        "databases",
        "Databases",
        "Storage engines, indexes, transactions and query plans.",
    ),
    (
        "languages",
        "Languages",
        "Rust, Go and Python: runtimes, memory and concurrency.",
    ),
    (
        "security",
        "Security",
        "Authentication, secrets and the cryptography backends touch.",
    ),
    (
        "performance",
        "Performance",
        "CPUs, caches, allocators and honest benchmarks.",
    ),
    (
        "operations",
        "Operations",
        "Deploys, observability, incidents and on-call.",
    ),
    (
        "testing",
        "Testing",
        "Property tests, fuzzing, flaky tests and reviews.",
    ),
];

/// The sixty tags posts draw three from.
pub const TAGS: [&str; 60] = [
    "latency",
    "throughput",
    "consistency",
    "replication",
    "consensus",
    "raft",
    "paxos",
    "caching",
    "queues",
    "backpressure",
    "retries",
    "timeouts",
    "idempotency",
    "tcp",
    "udp",
    "quic",
    "http",
    "http2",
    "grpc",
    "dns",
    "tls",
    "certificates",
    "postgres",
    "sqlite",
    "indexes",
    "transactions",
    "mvcc",
    "lsm-trees",
    "b-trees",
    "compression",
    "serialization",
    "protobuf",
    "json",
    "rust",
    "go",
    "python",
    "async",
    "threads",
    "memory",
    "allocators",
    "garbage-collection",
    "cpu",
    "cache-lines",
    "simd",
    "linux",
    "io-uring",
    "epoll",
    "containers",
    "kubernetes",
    "observability",
    "tracing",
    "logging",
    "metrics",
    "incidents",
    "deploys",
    "fuzzing",
    "property-testing",
    "benchmarks",
    "cryptography",
    "authentication",
];

const TOPICS: [&str; 50] = [
    "write-ahead logs",
    "connection pools",
    "consistent hashing",
    "Bloom filters",
    "B-tree indexes",
    "LSM trees",
    "TLS session resumption",
    "HTTP/2 flow control",
    "DNS caching",
    "lock-free queues",
    "garbage collection pauses",
    "the page cache",
    "epoll",
    "io_uring",
    "vector clocks",
    "Raft elections",
    "leader leases",
    "rate limiters",
    "circuit breakers",
    "retry budgets",
    "tail latency",
    "NUMA placement",
    "branch predictors",
    "SIMD parsing",
    "arena allocators",
    "reference counting",
    "async runtimes",
    "thread pools",
    "backpressure",
    "load shedding",
    "idempotency keys",
    "outbox tables",
    "change data capture",
    "columnar scans",
    "zstd dictionaries",
    "checksums",
    "feature flags",
    "canary deploys",
    "flaky tests",
    "property-based tests",
    "fuzzing",
    "structured logging",
    "trace sampling",
    "memory fragmentation",
    "huge pages",
    "TCP keepalives",
    "QUIC streams",
    "JWT validation",
    "key rotation",
    "password hashing",
];

const ANGLES: [&str; 16] = [
    "what the p99 hides",
    "the parts nobody benchmarks",
    "a second look",
    "numbers from production",
    "mistakes we made",
    "when not to use them",
    "a practical guide",
    "from first principles",
    "the cost per request",
    "what changed recently",
    "the failure modes",
    "a worked example",
    "lessons from an outage",
    "measured on real hardware",
    "the design space",
    "what the docs leave out",
];

const MACHINES: [&str; 5] = [
    "4-core cloud VM",
    "32-core EPYC server",
    "laptop on battery",
    "Graviton3 instance",
    "two-socket Xeon box",
];

const ADVICE: [&str; 10] = [
    "set a deadline on every call",
    "measure before tuning anything",
    "bound every queue",
    "batch small writes",
    "keep the hot path free of allocations",
    "make retries idempotent",
    "log the request id everywhere",
    "prefer boring technology",
    "test the failure path as often as the happy one",
    "watch the p99, not the mean",
];

const CONDITIONS: [&str; 6] = [
    "the working set stops fitting in cache",
    "a retry storm starts",
    "the disk fills up",
    "two regions disagree about the leader",
    "a deploy doubles the connection count",
    "the garbage collector runs during a spike",
];

const COMPONENTS: [&str; 10] = [
    "the allocator",
    "the kernel's socket buffers",
    "a single mutex",
    "the JSON encoder",
    "DNS resolution",
    "the connection handshake",
    "fsync",
    "the garbage collector",
    "the query planner",
    "the load balancer",
];

const COSTS: [&str; 4] = [
    "memory",
    "latency",
    "operational complexity",
    "write amplification",
];
const BENEFITS: [&str; 4] = ["round trips", "CPU time", "disk seeks", "on-call pages"];

const FIXES: [&str; 6] = [
    "a bounded queue and a timeout",
    "one index and a smaller batch size",
    "pinning the worker threads",
    "turning off Nagle's algorithm",
    "a cache with a short TTL",
    "moving the work off the request path",
];

const HEADINGS: [&str; 14] = [
    "Why it matters",
    "What we measured",
    "The naive approach",
    "Where the time goes",
    "A better design",
    "Failure modes",
    "Trade-offs",
    "The numbers",
    "What we would do again",
    "Setting up the benchmark",
    "Results",
    "Lessons",
    "How it works",
    "In production",
];

/// A post's title, file stem (its slug) and topic, from its own seed.
fn title_and_stem(i: usize) -> (Rng, String, String, &'static str) {
    let mut rng = Rng::new(i as u64);
    let topic = rng.word(&TOPICS);
    let angle = rng.word(&ANGLES);
    let title = match rng.below(5) {
        0 => format!("{}: {angle}", capitalize(topic)),
        1 => format!("Inside {topic}, {angle}"),
        2 => format!("{} in practice: {angle}", capitalize(topic)),
        3 => format!("A field guide to {topic}: {angle}"),
        _ => format!("Under load with {topic}: {angle}"),
    };
    let stem = slugify(&format!("{i:05} {title}"));
    (rng, title, stem, topic)
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn sentence(rng: &mut Rng, topic: &str) -> String {
    let n = rng.range(2, 90);
    let m = n * rng.range(3, 40);
    match rng.below(10) {
        0 => format!(
            "We measured {topic} on a {} and saw {n} µs at the median, but the p99 was {m} µs.",
            rng.word(&MACHINES)
        ),
        1 => format!(
            "The usual advice is to {}, and it holds until {}.",
            rng.word(&ADVICE),
            rng.word(&CONDITIONS)
        ),
        2 => format!(
            "Everyone thinks they understand {topic} until the first incident that involves them."
        ),
        3 => format!(
            "Most of the cost is not where the profiler first points; it is in {}.",
            rng.word(&COMPONENTS)
        ),
        4 => format!("If you only remember one thing, make it this: {}.", rng.word(&ADVICE)),
        5 => format!(
            "Under load *{}* becomes the bottleneck long before `{}` does.",
            rng.word(&COMPONENTS),
            slugify(rng.word(&COMPONENTS)).replace('-', "_")
        ),
        6 => format!(
            "This is a trade-off, not a free lunch: you pay in {} to save {}.",
            rng.word(&COSTS),
            rng.word(&BENEFITS)
        ),
        7 => format!(
            "With {n} concurrent clients, throughput levelled off at {} requests per second.",
            m * 100
        ),
        8 => format!("The fix was **boring**: {}.", rng.word(&FIXES)),
        _ => format!(
            "None of this is new: people have studied {topic} for decades, but the hardware changed under them."
        ),
    }
}

fn paragraph(rng: &mut Rng, topic: &str) -> String {
    let count = rng.range(3, 6);
    (0..count)
        .map(|_| sentence(rng, topic))
        .collect::<Vec<_>>()
        .join(" ")
}

fn code_block(rng: &mut Rng) -> String {
    let n = rng.range(2, 64);
    match rng.below(6) {
        0 => format!(
            "```rust\nuse std::time::Duration;\n\nfn backoff(attempt: u32) -> Duration {{\n    let base = Duration::from_millis({n});\n    base * 2u32.saturating_pow(attempt.min(6))\n}}\n```\n"
        ),
        1 => format!(
            "```go\nconst batchSize = {n}\n\nfunc worker(ctx context.Context, jobs <-chan Job) error {{\n\tfor {{\n\t\tselect {{\n\t\tcase <-ctx.Done():\n\t\t\treturn ctx.Err()\n\t\tcase job := <-jobs:\n\t\t\tif err := job.Run(ctx); err != nil {{\n\t\t\t\treturn fmt.Errorf(\"job %d: %w\", job.ID, err)\n\t\t\t}}\n\t\t}}\n\t}}\n}}\n```\n"
        ),
        2 => format!(
            "```python\nimport asyncio\n\nasync def fetch_all(client, urls, limit={n}):\n    sem = asyncio.Semaphore(limit)\n\n    async def one(url):\n        async with sem:\n            return await client.get(url, timeout=2.0)\n\n    return await asyncio.gather(*(one(u) for u in urls))\n```\n"
        ),
        3 => format!(
            "```sql\nSELECT id, payload\nFROM jobs\nWHERE run_at <= now()\nORDER BY run_at\nLIMIT {n}\nFOR UPDATE SKIP LOCKED;\n```\n"
        ),
        4 => format!(
            "```bash\nfor i in $(seq 1 {n}); do\n  curl -s -o /dev/null -w '%{{time_total}}\\n' http://127.0.0.1:8080/health\ndone | sort -n | tail -1\n```\n"
        ),
        _ => format!(
            "```toml\n[pool]\nmax_connections = {n}\nidle_timeout = \"30s\"\nacquire_timeout = \"250ms\"\n```\n"
        ),
    }
}

fn list(rng: &mut Rng) -> String {
    let ordered = rng.chance(30);
    let count = rng.range(3, 5);
    let mut out = String::new();
    for k in 0..count {
        let item = if rng.chance(50) {
            capitalize(rng.word(&ADVICE))
        } else {
            capitalize(rng.word(&FIXES))
        };
        if ordered {
            let _ = writeln!(out, "{}. {item}.", k + 1);
        } else {
            let _ = writeln!(out, "- {item}.");
        }
    }
    out
}

fn table(rng: &mut Rng) -> String {
    let mut out =
        String::from("| Setup | p50 (µs) | p99 (µs) | Requests/s |\n|---|---:|---:|---:|\n");
    for name in ["Baseline", "Pooled", "Batched", "Pinned"]
        .iter()
        .take(rng.range(2, 4))
    {
        let p50 = rng.range(20, 400);
        let _ = writeln!(
            out,
            "| {name} | {p50} | {} | {} |",
            p50 * rng.range(3, 30),
            rng.range(5, 200) * 1000
        );
    }
    out
}

/// File name and text of post `i`.
pub fn post(i: usize) -> (String, String) {
    let (mut rng, title, stem, topic) = title_and_stem(i);
    let (category_slug, category_name, _) = *rng.pick(&CATEGORIES);
    let mut tags: Vec<&str> = Vec::with_capacity(3);
    while tags.len() < 3 {
        let tag = rng.word(&TAGS);
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let (year, month, day) = (rng.range(2015, 2025), rng.range(1, 12), rng.range(1, 28));
    let mut text = String::with_capacity(6000);
    if rng.chance(70) {
        let _ = write!(
            text,
            "+++\ntitle = \"{title}\"\ndate = {year}-{month:02}-{day:02}\n"
        );
        if rng.chance(60) {
            let _ = writeln!(
                text,
                "description = \"{}\"",
                sentence(&mut rng, topic).replace(['*', '`'], "")
            );
        }
        let _ = write!(
            text,
            "\n[taxonomies]\ncategories = [\"{category_slug}\"]\ntags = [\"{}\"]\n+++\n\n",
            tags.join("\", \"")
        );
    } else {
        let offset = *rng.pick(&["+0000", "+0200", "-0500", "+0530"]);
        let _ = write!(
            text,
            "---\nlayout: post\ntitle: \"{title}\"\ndate: {year}-{month:02}-{day:02} {:02}:{:02}:00 {offset}\ncategory: {category_name}\ntags: [{}]\n---\n\n",
            rng.range(6, 22),
            rng.range(0, 59),
            tags.join(", ")
        );
    }
    let _ = writeln!(text, "{}\n", paragraph(&mut rng, topic));
    let target = rng.range(4500, 5300);
    let mut headings: Vec<&str> = HEADINGS.to_vec();
    let mut section = 0;
    while text.len() < target && !headings.is_empty() {
        let heading = headings.remove(rng.below(headings.len()));
        let _ = writeln!(text, "## {heading}\n");
        let _ = writeln!(text, "{}\n", paragraph(&mut rng, topic));
        match section % 4 {
            0 => {
                let _ = writeln!(text, "{}", code_block(&mut rng));
            }
            1 => {
                let _ = writeln!(text, "{}", list(&mut rng));
            }
            2 if rng.chance(50) => {
                let _ = writeln!(text, "{}", table(&mut rng));
            }
            _ => {
                let _ = writeln!(text, "### {}\n", capitalize(rng.word(&FIXES)));
            }
        }
        if i > 0 && rng.chance(20) {
            let (_, other_title, other_stem, _) = title_and_stem(rng.below(i));
            if rng.chance(50) {
                let _ = writeln!(
                    text,
                    "We covered this in [{other_title}](/posts/{other_stem}/).\n"
                );
            } else {
                let _ = writeln!(text, "See also [{other_title}]({other_stem}.md#results).\n");
            }
        }
        let _ = writeln!(text, "{}\n", paragraph(&mut rng, topic));
        section += 1;
    }
    (format!("{stem}.md"), text)
}

/// `site.toml` of the synthetic site.
pub fn site_toml() -> String {
    let mut text = String::from(
        "title = \"Synthetic\"\n\
         description = \"A generated site for benchmarks.\"\n\
         base_url = \"https://synthetic.example\"\n\
         author = \"quire-gen\"\n\
         language = \"en\"\n",
    );
    for (slug, name, description) in CATEGORIES {
        let _ = write!(
            text,
            "\n[[categories]]\nslug = \"{slug}\"\nname = \"{name}\"\ndescription = \"{description}\"\n"
        );
    }
    text
}

/// True for the names [`post`] gives: five digits, a hyphen, `.md`.
fn is_generated(name: &str) -> bool {
    name.len() > 9
        && name.as_bytes()[..5].iter().all(u8::is_ascii_digit)
        && name.as_bytes()[5] == b'-'
        && name.ends_with(".md")
}

/// Writes `dir/site.toml` and `dir/posts/NNNNN-*.md` for `count` posts. Earlier generated posts in
/// `dir/posts` are removed first; a `posts` folder holding anything else is left alone (an error), so
/// a real content folder is never overwritten.
pub fn write_site(count: usize, dir: &Path) -> io::Result<()> {
    let posts = dir.join("posts");
    if posts.is_dir() {
        let mut old = Vec::new();
        for entry in fs::read_dir(&posts)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !is_generated(&name) || !entry.file_type()?.is_file() {
                return Err(io::Error::other(format!(
                    "{} holds {name}, which gen-posts did not write: choose an empty folder",
                    posts.display()
                )));
            }
            old.push(entry.path());
        }
        for path in old {
            fs::remove_file(path)?;
        }
    }
    fs::create_dir_all(&posts)?;
    fs::write(dir.join("site.toml"), site_toml())?;
    (0..count).into_par_iter().try_for_each(|i| {
        let (name, text) = post(i);
        fs::write(posts.join(name), text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_are_deterministic_and_about_5_kb() {
        assert_eq!(post(17), post(17));
        assert_ne!(post(17).1, post(18).1);
        let sizes: Vec<usize> = (0..200).map(|i| post(i).1.len()).collect();
        let mean = sizes.iter().sum::<usize>() / sizes.len();
        assert!((4500..=5600).contains(&mean), "mean size {mean}");
        assert!(sizes.iter().all(|&s| s > 3000 && s < 8000), "{sizes:?}");
    }

    #[test]
    fn posts_vary() {
        let texts: Vec<String> = (0..200).map(|i| post(i).1).collect();
        let count = |needle: &str| texts.iter().filter(|t| t.contains(needle)).count();
        assert!(count("+++\n") > 100 && count("---\nlayout") > 30);
        assert!(count("| Setup |") > 20, "tables");
        assert!(
            count("](/posts/") > 10 && count(".md#results)") > 10,
            "links"
        );
        assert!(count("```rust") > 10 && count("```sql") > 10, "code");
        let titles: std::collections::HashSet<&str> = texts
            .iter()
            .filter_map(|t| t.lines().find(|l| l.starts_with("title")))
            .collect();
        assert!(titles.len() > 150, "{} distinct titles", titles.len());
    }

    #[test]
    fn generated_names() {
        assert!(is_generated("00001-a.md"));
        assert!(!is_generated("tcp.md"));
        assert!(post(3).0.starts_with("00003-"));
        assert!(is_generated(&post(12345).0));
    }
}
