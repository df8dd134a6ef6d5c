//! `cargo xtask setup`: installs the pinned tools that are missing or at the wrong version.
//! Idempotent: when everything is present it only asks each tool its version (a few seconds).

use crate::sh;
use std::path::PathBuf;
use std::process::Command;

/// trunk 0.22 needs a newer Rust than 1.95; 0.21.14 is the last release that builds here.
const TRUNK_VERSION: &str = "0.21.14";
/// binaryen from npm: Debian's (108) miscompiles current Rust output; trunk looks for `version_132`.
const BINARYEN_VERSION: &str = "132";
/// The Nu HTML Checker, which the deploy tests run over every generated page.
const VNU_VERSION: &str = "26.9.27";

/// Where the installed tools are, for the commands that need them.
pub struct Tools {
    /// PATH with the project's local tools (`.tools/node_modules/.bin`) and cargo's bin first.
    pub path: String,
    pub chromedriver: PathBuf,
    pub chromium: PathBuf,
    /// The Nu HTML Checker's jar (run with `java -jar`).
    pub vnu_jar: PathBuf,
}

impl Tools {
    /// `trunk <args>` with the pinned tools on PATH.
    pub fn trunk(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("trunk");
        cmd.args(args)
            .current_dir(sh::root())
            .env("PATH", &self.path);
        cmd
    }
}

pub fn run() -> Result<Tools, String> {
    let root = sh::root();
    let cargo_bin = cargo_home().join("bin");
    let local_bin = root.join(".tools/node_modules/.bin");
    let path = format!(
        "{}:{}:{}",
        local_bin.display(),
        cargo_bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // The wasm target.
    let installed = sh::output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        ok("wasm32-unknown-unknown target");
    } else {
        step("adding the wasm32-unknown-unknown target");
        sh::run(command(
            "rustup",
            &["target", "add", "wasm32-unknown-unknown"],
        ))?;
    }

    cargo_tool(
        &path,
        ("trunk", "trunk"),
        TRUNK_VERSION,
        &["--locked"],
        "; this compiles for about 12 minutes",
    )?;

    // wasm-bindgen-cli at exactly the version in Cargo.lock, and Trunk.toml must agree.
    let locked = locked_version("wasm-bindgen")?;
    let pinned = trunk_tool_pin("wasm_bindgen")?;
    if pinned != locked {
        return Err(format!(
            "Trunk.toml pins wasm_bindgen = \"{pinned}\" but Cargo.lock has wasm-bindgen {locked}: \
             set `wasm_bindgen = \"{locked}\"` in Trunk.toml"
        ));
    }
    // Not --locked: one of its locked dependencies is no longer on crates.io.
    cargo_tool(
        &path,
        ("wasm-bindgen-cli", "wasm-bindgen"),
        &locked,
        &["--force"],
        " to match Cargo.lock; a few minutes",
    )?;

    // wasm-opt from npm's binaryen, in the project's .tools folder.
    let wasm_opt_pin = trunk_tool_pin("wasm_opt")?;
    if wasm_opt_pin != format!("version_{BINARYEN_VERSION}") {
        return Err(format!(
            "Trunk.toml pins wasm_opt = \"{wasm_opt_pin}\" but setup installs binaryen {BINARYEN_VERSION}"
        ));
    }
    let wasm_opt = sh::output_of(local_bin.join("wasm-opt"), &["--version"]).unwrap_or_default();
    let vnu_jar = root.join(".tools/node_modules/vnu-jar/build/dist/vnu.jar");
    let vnu_package =
        std::fs::read_to_string(root.join(".tools/node_modules/vnu-jar/package.json"))
            .unwrap_or_default();
    let wasm_opt_ok = wasm_opt.contains(&format!("(version_{BINARYEN_VERSION})"));
    let vnu_ok =
        vnu_jar.is_file() && vnu_package.contains(&format!("\"version\": \"{VNU_VERSION}\""));
    if wasm_opt_ok && vnu_ok {
        ok(&wasm_opt);
        ok(&format!("Nu HTML Checker {VNU_VERSION}"));
    } else {
        step(&format!(
            "installing wasm-opt (npm binaryen@{BINARYEN_VERSION}) and the Nu HTML Checker \
             (npm vnu-jar@{VNU_VERSION}) into .tools/"
        ));
        if sh::output_of("npm", &["--version"]).is_none() {
            return Err(
                "npm is needed to install wasm-opt (binaryen): install Node.js and npm".into(),
            );
        }
        std::fs::create_dir_all(root.join(".tools")).map_err(|e| e.to_string())?;
        let mut npm = command(
            "npm",
            &[
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--prefix",
                ".tools",
                &format!("binaryen@{BINARYEN_VERSION}"),
                &format!("vnu-jar@{VNU_VERSION}"),
            ],
        );
        npm.current_dir(&root);
        sh::run(npm)?;
    }

    // Java runs the HTML checker.
    if sh::output_of("java", &["-version"]).is_some() {
        ok("java");
    } else {
        apt_install(
            "a Java runtime for the HTML checker",
            &["default-jre-headless"],
        )?;
    }

    // Chromium and ChromeDriver for the browser and end-to-end tests; their versions must match.
    let chromium = which("chromium").or_else(|| which("chromium-browser"));
    let chromedriver = which("chromedriver");
    let (chromium, chromedriver) = match (chromium, chromedriver) {
        (Some(c), Some(d)) => (c, d),
        _ => {
            apt_install(
                "Chromium and ChromeDriver for the browser tests",
                &["chromium", "chromium-driver"],
            )?;
            (
                which("chromium").ok_or("chromium is still missing after apt-get install")?,
                which("chromedriver")
                    .ok_or("chromedriver is still missing after apt-get install")?,
            )
        }
    };
    let browser = sh::output_of(&chromium, &["--version"]).unwrap_or_default();
    let driver = sh::output_of(&chromedriver, &["--version"]).unwrap_or_default();
    if major(&browser) != major(&driver) || major(&browser).is_none() {
        return Err(format!(
            "Chromium ({}) and ChromeDriver ({}) must have the same major version: \
             `apt-get install --only-upgrade chromium chromium-driver`",
            or_none(&browser),
            or_none(&driver)
        ));
    }
    ok(&browser);
    ok(driver.split(" (").next().unwrap_or(&driver));

    Ok(Tools {
        path,
        chromedriver,
        chromium,
        vnu_jar,
    })
}

/// Installs `krate` (which provides `binary`) at `version` with `cargo install`, unless
/// `binary --version` on `path` already says that version.
fn cargo_tool(
    path: &str,
    (krate, binary): (&str, &str),
    version: &str,
    flags: &[&str],
    how_long: &str,
) -> Result<(), String> {
    let mut probe = Command::new(binary);
    probe.arg("--version").env("PATH", path);
    let found = sh::output(probe).unwrap_or_default();
    if found == format!("{binary} {version}") {
        ok(&found);
        return Ok(());
    }
    step(&format!(
        "installing {krate} {version} (found: {}){how_long}",
        or_none(&found)
    ));
    let mut args = vec!["install", krate, "--version", version];
    args.extend_from_slice(flags);
    sh::run(sh::cargo(&args))
}

/// Installs Debian packages, or says what to install where apt-get cannot run.
fn apt_install(what: &str, packages: &[&str]) -> Result<(), String> {
    let is_root = sh::output_of("id", &["-u"]).as_deref() == Some("0");
    if which("apt-get").is_none() || !is_root {
        return Err(format!(
            "{what} are needed. On Debian or Ubuntu, as root: `apt-get install {}`; \
             elsewhere install the same with your package manager and put them on PATH",
            packages.join(" ")
        ));
    }
    step(&format!("installing {what} with apt-get (a minute or two)"));
    // Another apt or dpkg run (unattended upgrades, a parallel set-up) may hold the lock: wait up to
    // ten minutes for it rather than fail at once.
    const WAIT_FOR_LOCK: [&str; 2] = ["-o", "DPkg::Lock::Timeout=600"];
    let mut update = WAIT_FOR_LOCK.to_vec();
    update.extend(["update", "-q"]);
    sh::run(command("apt-get", &update))?;
    let mut args = WAIT_FOR_LOCK.to_vec();
    args.extend(["install", "-y", "-q"]);
    args.extend_from_slice(packages);
    let mut install = command("apt-get", &args);
    install.env("DEBIAN_FRONTEND", "noninteractive");
    sh::run(install)
}

/// The version of `package` in Cargo.lock.
pub fn locked_version(package: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(sh::root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == name_line {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.strip_prefix("version = \""))
                .and_then(|l| l.strip_suffix('"'))
            {
                return Ok(version.to_string());
            }
        }
    }
    Err(format!("Cargo.lock has no package `{package}`"))
}

/// The value of `key = "..."` in Trunk.toml's `[tools]` table.
fn trunk_tool_pin(key: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(sh::root().join("Trunk.toml"))
        .map_err(|e| format!("cannot read Trunk.toml: {e}"))?;
    text.lines()
        .skip_while(|l| l.trim() != "[tools]")
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with('['))
        .find_map(|l| {
            let (k, v) = l.split_once('=')?;
            (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
        })
        .ok_or_else(|| format!("Trunk.toml [tools] does not pin `{key}`"))
}

fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .chain([PathBuf::from("/usr/bin")])
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

fn major(version_line: &str) -> Option<u32> {
    version_line
        .split_whitespace()
        .find_map(|w| w.split('.').next()?.parse().ok())
}

fn command(program: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(program);
    cmd.args(args);
    cmd
}

fn or_none(found: &str) -> &str {
    if found.is_empty() {
        "none"
    } else {
        found
    }
}

fn ok(what: &str) {
    println!("xtask: ok  {what}");
}

fn step(what: &str) {
    println!("xtask: ... {what}");
}
