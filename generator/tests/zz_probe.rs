#[test]
fn probe_many_keys() {
    let text: String = (0..20_000).map(|i| format!("key{i}: {i}\n")).collect();
    let t = std::time::Instant::now();
    let _ = twilio_codegen::yaml::parse("x", &text);
    eprintln!("parse {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let _ = twilio_codegen::load_str("x", &text);
    eprintln!("load {:?}", t.elapsed());
    let text: String = (0..20_000).map(|i| format!("key{i}: {i}\n")).collect();
    let text = format!("product: a\nversion: v1\nhost: h\nbase_path: /v1\npaging: meta\nresources:\n{}", text.lines().map(|l| format!("  {l}\n")).collect::<String>());
    let t = std::time::Instant::now();
    let r = twilio_codegen::load_str("x", &text);
    eprintln!("load resources {:?} {}", t.elapsed(), r.err().map_or(0, |e| e.len()));
}
