fn main() {
    let src = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let mut opts = mermaid_rs_renderer::RenderOptions::modern();
    opts.layout.fast_text_metrics = true;
    if let Ok(w) = std::env::var("W") {
        opts.layout.max_label_width_chars = w.parse().unwrap();
    }
    let t = std::time::Instant::now();
    match mermaid_rs_renderer::render_with_options(&src, opts) {
        Ok(svg) => {
            eprintln!("{:?}", t.elapsed());
            println!("{svg}")
        }
        Err(e) => eprintln!("ERR {e:#}"),
    }
}
