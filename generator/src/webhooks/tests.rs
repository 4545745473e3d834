//! Tests of the webhook payload generator: located diagnostics for malformed files, and
//! deterministic output for good ones.

use super::*;

/// Every diagnostic for the given files, as `file:line:col: message (hint: …)`.
fn errors(files: &[(&str, &str)]) -> Vec<String> {
    let sources: Vec<(String, String)> = files
        .iter()
        .map(|(name, text)| (format!("spec/webhooks/{name}"), (*text).to_owned()))
        .collect();
    match generate_sources(&sources) {
        Ok(_) => Vec::new(),
        Err(d) => d.iter().map(ToString::to_string).collect(),
    }
}

/// The text without white space, so that assertions do not depend on line wrapping.
fn squash(text: &str) -> String {
    text.split_whitespace().collect()
}

fn error(text: &str) -> Vec<String> {
    errors(&[("sms.yaml", text)])
}

fn generated(files: &[(&str, &str)]) -> Vec<OutputFile> {
    let sources: Vec<(String, String)> = files
        .iter()
        .map(|(name, text)| (format!("spec/webhooks/{name}"), (*text).to_owned()))
        .collect();
    match generate_sources(&sources) {
        Ok(files) => files,
        Err(d) => panic!("{}", d.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")),
    }
}

const GOOD: &str = "\
doc: Test webhooks.
enums:
  status: [queued, in-progress]
payloads:
  incoming:
    doc: An incoming thing.
    docs: https://example.com/docs
    params:
      Sid: sid<SM>
      Count: integer
      Status: {type: enum<status>, doc: The status.}
      Old: {type: string, deprecated: true}
      Secret: {type: string, sensitive: true, uncertain: true}
      Tag: list<string>
      When: date-time
      type: {type: string, doc: A keyword field.}
    indexed:
      media:
        item: attachment
        params:
          MediaUrl{N}: uri
          MediaContentType{N}: {type: string, rust_name: mime}
          Item{N}Size: integer
";

#[test]
fn unknown_keys_name_the_closest_key() {
    let text = "payloads:\n  incoming:\n    parms:\n      Body: string\n";
    assert_eq!(
        error(text),
        ["spec/webhooks/sms.yaml:3:5: unknown key `parms` in payload `incoming` (hint: did you mean `params`?)"]
    );
    let text = "payload:\n  incoming: {}\n";
    assert_eq!(
        error(text),
        ["spec/webhooks/sms.yaml:1:1: unknown key `payload` in a webhook payload file (hint: did you mean `payloads`?)"]
    );
    let text = "payloads:\n  incoming:\n    params:\n      Body: {type: string, sensitiv: true}\n";
    assert_eq!(
        error(text),
        ["spec/webhooks/sms.yaml:4:28: unknown key `sensitiv` in parameter `Body` (hint: did you mean `sensitive`?)"]
    );
}

#[test]
fn unknown_and_unsupported_types() {
    let text = "payloads:\n  incoming:\n    params:\n      Body: strng\n      Map: object<thing>\n";
    assert_eq!(
        error(text),
        [
            "spec/webhooks/sms.yaml:4:13: unknown type `strng` (hint: did you mean `string`?)",
            "spec/webhooks/sms.yaml:5:12: type `object<thing>` cannot be used in webhook payloads \
             (hint: webhook parameters are flat text; use `json` for a parameter holding JSON)",
        ]
    );
}

#[test]
fn undefined_enums() {
    let text = "\
enums:
  message_status: [sent]
payloads:
  status:
    params:
      MessageStatus: enum<mesage_status>
      Other: enum<direction>
";
    assert_eq!(
        error(text),
        [
            "spec/webhooks/sms.yaml:6:22: enum `mesage_status` is not defined (hint: did you mean `message_status`?)",
            "spec/webhooks/sms.yaml:7:14: enum `direction` is not defined (hint: defined enums: message_status)",
        ]
    );
}

#[test]
fn duplicate_names_within_and_across_files() {
    let a = "payloads:\n  incoming_call:\n    params:\n      CallSid: sid<CA>\n";
    let b = "\
enums:
  incoming_call: [a]
payloads:
  status:
    params:
      From: string
      FROM: string
      Extra: string
";
    assert_eq!(
        errors(&[("a.yaml", a), ("b.yaml", b)]),
        [
            "spec/webhooks/b.yaml:2:3: enum `incoming_call` would be named `IncomingCall`, like payload \
             `incoming_call` (spec/webhooks/a.yaml:2:3) (hint: rename it; all webhook payload files share one module)",
            "spec/webhooks/b.yaml:7:7: `FROM` and `From` both become the field `from` (hint: give one of them a `rust_name`)",
            "spec/webhooks/b.yaml:8:7: `Extra` and the map of unknown parameters both become the field `extra` \
             (hint: give one of them a `rust_name`)",
        ]
    );
    let c = "payloads:\n  incoming:\n    params: {}\n  payload_error: {}\n";
    assert_eq!(
        errors(&[("c.yaml", c)]),
        [
            "spec/webhooks/c.yaml:4:3: payload `payload_error` would be named `PayloadError`, which is reserved by \
          `twilio::webhook` (hint: rename it; all webhook payload files share one module)"
        ]
    );
}

#[test]
fn indexed_parameters_need_one_placeholder() {
    let text = "\
payloads:
  incoming:
    params:
      MediaUrl{N}: uri
      MediaUrl0: uri
    indexed:
      media:
        params:
          MediaUrl: uri
          Media{N}Url{N}: uri
          MediaUrl{N}: uri
          MediaSize{N}: list<integer>
          MediaContentType{N}: string
";
    assert_eq!(
        error(text),
        [
            "spec/webhooks/sms.yaml:4:7: parameter name `MediaUrl{N}` holds a brace \
             (hint: numbered parameters such as `MediaUrl{N}` go under `indexed:`)",
            "spec/webhooks/sms.yaml:9:11: indexed parameter `MediaUrl` must hold `{N}` exactly once (hint: e.g. MediaUrl{N})",
            "spec/webhooks/sms.yaml:10:11: indexed parameter `Media{N}Url{N}` must hold `{N}` exactly once (hint: e.g. MediaUrl{N})",
            "spec/webhooks/sms.yaml:11:11: parameter `MediaUrl{N}` is listed twice (line 4)",
            "spec/webhooks/sms.yaml:12:25: type `list<integer>` cannot be used for indexed parameters \
             (hint: each numbered parameter holds one value)",
        ]
    );
    // A plain parameter that a numbered one would also match.
    let text = "\
payloads:
  incoming:
    params:
      MediaUrl0: uri
    indexed:
      media:
        params:
          MediaUrl{N}: uri
";
    assert_eq!(
        error(text),
        ["spec/webhooks/sms.yaml:4:7: parameter `MediaUrl0` is also matched by `MediaUrl{N}` (hint: remove one of them)"]
    );
}

#[test]
fn files_need_payloads_and_usable_names() {
    assert_eq!(
        error("doc: nothing here\n"),
        ["spec/webhooks/sms.yaml:1:1: a webhook payload file is missing the required key `payloads`"]
    );
    assert_eq!(
        error("payloads:\n"),
        [
            "spec/webhooks/sms.yaml:1:1: a webhook payload file describes at least one payload \
             (hint: add an entry under `payloads:`)"
        ]
    );
    assert_eq!(
        errors(&[("Bad-Name.yaml", "payloads:\n  a: {}\n")]),
        ["spec/webhooks/Bad-Name.yaml:1:1: `Bad-Name` cannot name a Rust module \
             (hint: name webhook payload files in snake_case, e.g. messaging.yaml)"]
    );
    assert_eq!(
        errors(&[("type.yaml", "payloads:\n  a: {}\n")]),
        ["spec/webhooks/type.yaml:1:1: `type` cannot name a Rust module \
             (hint: name webhook payload files in snake_case, e.g. messaging.yaml)"]
    );
    assert_eq!(
        error("payloads:\n  IncomingMessage: {}\n"),
        ["spec/webhooks/sms.yaml:2:3: payload name `IncomingMessage` must be snake_case (hint: e.g. incoming_message)"]
    );
}

#[test]
fn enum_values_follow_the_rest_rules() {
    let text = "\
enums:
  status: [other, in-progress, in_progress, '--', unknown]
payloads:
  a: {params: {Status: enum<status>}}
";
    assert_eq!(
        error(text),
        [
            "spec/webhooks/sms.yaml:2:32: enum values `in-progress` and `in_progress` both become the variant `InProgress`",
            "spec/webhooks/sms.yaml:2:45: enum value `--` gives no usable Rust name",
            "spec/webhooks/sms.yaml:2:51: enum `status` has values named `Other` and `Unknown` \
             (hint: the generator needs one of the two names for the variant holding values added later)",
        ]
    );
}

#[test]
fn shapes_and_yaml_errors_are_located() {
    assert_eq!(
        error("payloads:\n  a:\n    params:\n      Body: {type: string, deprecated: yes}\n"),
        ["spec/webhooks/sms.yaml:4:40: `deprecated` must be true or false, found `yes`"]
    );
    assert_eq!(
        error("payloads:\n  a:\n    params:\n      Body:\n"),
        ["spec/webhooks/sms.yaml:4:7: parameter `Body` has no type (hint: write `Body: string` or `Body: {type: string, doc: …}`)"]
    );
    assert_eq!(
        error("payloads:\n  a:\n    params:\n      Odd-: {type: string, rust_name: Odd}\n      \"--\": string\n"),
        [
            "spec/webhooks/sms.yaml:4:39: rust_name `Odd` must be a snake_case identifier",
            "spec/webhooks/sms.yaml:5:7: `--` gives no usable Rust name (hint: add a `rust_name`)",
        ]
    );
    let err = error("payloads: [\n");
    assert_eq!(err.len(), 1);
    assert!(
        err[0].starts_with("spec/webhooks/sms.yaml:2:1: invalid YAML"),
        "{err:?}"
    );
}

#[test]
fn a_missing_directory_generates_nothing() {
    let dir = std::env::temp_dir().join("twilio-codegen-no-such-webhooks-dir");
    assert_eq!(generate(&dir).unwrap(), Vec::new());
}

#[test]
fn output_is_deterministic_and_complete() {
    let other = "payloads:\n  zebra:\n    params:\n      Z: boolean\n";
    let first = generated(&[("a.yaml", GOOD), ("z.yaml", other)]);
    let second = generated(&[("a.yaml", GOOD), ("z.yaml", other)]);
    assert_eq!(first, second);
    let paths: Vec<&str> = first.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "generated/src/generated/webhook_payloads/mod.rs",
            "generated/src/generated/webhook_payloads/a.rs",
            "generated/src/generated/webhook_payloads/z.rs",
        ]
    );
    let root = &first[0].contents;
    assert!(root
        .starts_with("// @generated by twilio-codegen from spec/webhooks/a.yaml, spec/webhooks/z.yaml. Do not edit"));
    assert!(root.contains("mod a;\npub use a::*;\n"), "{root}");

    let a = &first[1].contents;
    assert!(a.starts_with("// @generated by twilio-codegen from spec/webhooks/a.yaml. Do not edit"));
    for expected in [
        // The enum, shared with REST emission.
        "pub enum Status {",
        "Other(String),",
        "crate::impl_wire_enum!(Status {",
        // The struct: documented optional fields, lists, the indexed group and `extra`.
        "pub struct Incoming {",
        "    /// `Sid` (`sid<SM>`).\n    pub sid: Option<String>,",
        "pub count: Option<i64>,",
        "pub status: Option<Status>,",
        "#[deprecated = \"Twilio deprecated the `Old` parameter\"]\n    pub old:",
        "Not confirmed by Twilio's documentation",
        "pub tag: Vec<String>,",
        "pub when: Option<DateTime<Utc>>,",
        "pub type_: Option<String>,",
        "pub media: Vec<Attachment>,",
        "pub extra: BTreeMap<",
        // Parsing: one arm per parameter, numbered parameters before `extra`.
        "\"Count\" => out.count = p::integer(&key, value)?,",
        "\"Status\" => out.status = p::enumeration(value, Status::from_wire),",
        "\"Tag\" => p::push(&mut out.tag, p::text(value)),",
        "if let Some(n) = p::index(&key, \"MediaUrl\", \"\") {",
        "} else if let Some(n) = p::index(&key, \"Item\", \"Size\") {",
        "media_slots.entry(n).or_default().mime = p::text(value);",
        "media_slots.entry(n).or_default().item_size = p::integer(",
        "out.extra.insert(key, value);",
        "out.media = p::items(media_slots);",
        // Sensitive: a redacting Debug.
        ".field(\"secret\", &\"[redacted]\")",
        // The item struct.
        "pub struct Attachment {",
        "pub url: Option<String>,",
    ] {
        assert!(squash(a).contains(&squash(expected)), "missing {expected:?} in:\n{a}");
    }
    // Sensitive values stay out of parse errors too (only fallible types need it).
    let sensitive_int = GOOD.replace("Count: integer", "Count: {type: integer, sensitive: true}");
    let out = generated(&[("a.yaml", &sensitive_int)]);
    assert!(squash(&out[1].contents).contains(&squash(
        "out.count = p::integer(&key, value).map_err(crate::webhook::PayloadError::redacted)?;"
    )));

    // Input order is the caller's (generate() sorts by file name); names do not depend on it.
    let swapped = generated(&[("z.yaml", other), ("a.yaml", GOOD)]);
    assert_eq!(swapped[1].contents, first[2].contents);
    assert_eq!(swapped[2].contents, first[1].contents);
}

#[test]
fn the_project_specs_generate() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec").join(SPEC_DIR);
    let files = generate(&dir).unwrap_or_else(|d| panic!("{d:?}"));
    let all: String = files.iter().map(|f| f.contents.as_str()).collect();
    for name in [
        "pub struct IncomingMessage {",
        "pub struct MessageStatusCallback {",
        "pub struct IncomingCall {",
        "pub struct CallStatusCallback {",
        "pub struct RecordingStatusCallback {",
        "pub struct ConversationMessageAdded {",
        "pub media: Vec<Media>,",
    ] {
        assert!(all.contains(name), "missing {name}");
    }
}

#[test]
fn no_input_panics() {
    // Every prefix of a good file, and the file with each character dropped: each either
    // generates or reports diagnostics, and never panics.
    let text = GOOD;
    let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    for &i in &cuts {
        let next = text[i..].chars().next().map_or(0, char::len_utf8);
        for variant in [text[..i].to_owned(), format!("{}{}", &text[..i], &text[i + next..])] {
            let _ = generate_sources(&[("spec/webhooks/x.yaml".to_owned(), variant)]);
        }
    }
    for odd in [
        "payloads:\n  _:\n    params:\n      _: string\n",
        "payloads:\n  a:\n    indexed:\n      _:\n        item: __\n        params:\n          X{N}: string\n",
        "payloads:\n  a:\n    params:\n      X: {type: string, rust_name: _}\n",
        "payloads:\n  self:\n    params:\n      self: string\n      Self: integer\n",
        "enums:\n  _: [a]\npayloads:\n  a: {params: {X: enum<_>}}\n",
        "payloads: [a, b]\n",
        "- payloads\n",
        "payloads:\n  a:\n    indexed:\n      media:\n        params:\n          '{N}': string\n",
        "payloads:\n  a: {params: {'': string, ' ': integer}}\n",
    ] {
        let result = generate_sources(&[("spec/webhooks/x.yaml".to_owned(), odd.to_owned())]);
        assert!(result.is_err(), "{odd:?} should be refused");
    }
}
