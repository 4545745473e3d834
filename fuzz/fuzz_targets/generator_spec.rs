//! The generator on arbitrary text and on mutations of the real spec files (`cargo xtask fuzz`
//! seeds the corpus with `spec/*/*.yaml`), read as a REST product, a webhook payload file and a
//! TwiML description. Never a panic; a file that loads emits; every problem is a diagnostic
//! naming the file at a line and column inside it; emitted files stay in the output directories.

#![no_main]

use libfuzzer_sys::fuzz_target;
use twilio_codegen::{emit, twiml, webhooks, Diagnostic};

// Directly under `spec/`, so that the check that a file lives at `spec/<product>/<version>.yaml`
// does not refuse every mutation that renames the product.
const REST: &str = "spec/fuzz.yaml";
const WEBHOOKS: &str = "spec/webhooks/fuzz.yaml";
const TWIML: &str = "spec/twiml/fuzz.yaml";

fuzz_target!(|data: &[u8]| {
    // `load_dir` reads each file with `read_to_string`: bytes that are not UTF-8 are refused as
    // unreadable before any parsing, so they never reach the pipeline.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };

    match twilio_codegen::load_str(REST, text) {
        Ok(product) => match twilio_codegen::generate_with(&[product], &emit::Settings::default()) {
            Ok(output) => check_paths(output.files.iter().map(|f| f.path.as_str())),
            Err(problems) => panic!("a product that loads does not emit: {problems:?}"),
        },
        Err(problems) => check(REST, text, &problems),
    }

    match webhooks::generate_sources(&[(WEBHOOKS.to_owned(), text.to_owned())]) {
        Ok(files) => check_paths(files.iter().map(|f| f.path.as_str())),
        Err(problems) => check(WEBHOOKS, text, &problems),
    }

    if let Err(problems) = twiml::load_str(TWIML, text) {
        check(TWIML, text, &problems);
    }
});

/// At least one diagnostic, each naming `file` at a position inside `text`.
fn check(file: &str, text: &str, problems: &[Diagnostic]) {
    assert!(!problems.is_empty(), "refused without a diagnostic");
    let lines = line_lengths(text);
    for d in problems {
        assert_eq!(d.file, file, "a diagnostic names another file: {d}");
        assert!(!d.message.trim().is_empty(), "a diagnostic says nothing: {d:?}");
        let line = d.pos.line;
        assert!(
            (1..=lines.len()).contains(&line),
            "line {line} is outside the {} lines of the input: {d}",
            lines.len()
        );
        // One past the last character is where "unexpected end" problems are found.
        let width = lines[line - 1];
        assert!(
            (1..=width + 1).contains(&d.pos.col),
            "column {} is outside line {line} ({width} characters): {d}",
            d.pos.col
        );
    }
}

/// The length in characters of each line, as YAML counts lines (`\n`, `\r\n` and a lone `\r` end
/// one); the text after the last break is a line too, even when empty.
fn line_lengths(text: &str) -> Vec<usize> {
    let mut lines = vec![0];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                lines.push(0);
            }
            _ => *lines.last_mut().unwrap() += 1,
        }
    }
    lines
}

/// Whatever names a spec declares, the generator writes only into its own output locations.
fn check_paths<'a>(paths: impl Iterator<Item = &'a str>) {
    for path in paths {
        let inside = path
            .strip_prefix(emit::GENERATED_DIR)
            .is_some_and(|rest| rest.starts_with('/'))
            || path == emit::SAMPLES_FILE
            || path == "spec/schema.json";
        let plain = path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != ".." && !part.contains('\\'));
        assert!(inside && plain, "the generator would write to {path:?}");
    }
}
