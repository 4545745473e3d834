//! Malformed spec files: each fixture in `tests/fixtures/malformed/` is a near-valid spec with one
//! or two mistakes, and each test pins the exact diagnostics (`file:line:col: message (hint: …)`).
//! The last tests feed hostile input and check that loading never panics.

use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;

use twilio_codegen::diag::Pos;
use twilio_codegen::{load_str, Diagnostic};

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/malformed")
}

fn fixture(name: &str) -> String {
    let path = fixture_dir().join(format!("{name}.yaml"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Loads fixture `name` as if it lived at `shown`; it must fail.
fn diagnostics(name: &str, shown: &str) -> Vec<Diagnostic> {
    match load_str(shown, &fixture(name)) {
        Ok(_) => panic!("fixture `{name}` loaded without errors"),
        Err(d) => d,
    }
}

/// Loads fixture `name` as if it lived at `shown` and compares every diagnostic's Display string.
#[track_caller]
fn assert_errors(name: &str, shown: &str, expected: &[&str]) {
    let got: Vec<String> = diagnostics(name, shown).iter().map(ToString::to_string).collect();
    assert_eq!(got, expected, "diagnostics of fixture `{name}`:\n{}", got.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// YAML level
// ---------------------------------------------------------------------------------------------

#[test]
fn invalid_yaml_syntax_points_at_the_unclosed_brace() {
    assert_errors(
        "invalid_yaml",
        "spec/verify/v2.yaml",
        &[
            "spec/verify/v2.yaml:16:21: invalid YAML: while parsing a flow mapping, did not find expected ',' or '}' \
           (hint: the `{` at line 15, column 25 needs a `,` between entries or a closing `}`)",
        ],
    );
}

#[test]
fn tab_indentation() {
    assert_errors(
        "tab_indentation",
        "spec/lookups/v2.yaml",
        &[
            "spec/lookups/v2.yaml:11:2: invalid YAML: tabs disallowed within this context (block indentation) \
           (hint: indent YAML with spaces, not tabs)",
        ],
    );
}

#[test]
fn duplicate_key() {
    assert_errors(
        "duplicate_key",
        "spec/verify/v2.yaml",
        &["spec/verify/v2.yaml:19:7: duplicate key `fetch`"],
    );
}

#[test]
fn yaml_alias() {
    assert_errors(
        "alias",
        "spec/verify/v2.yaml",
        &["spec/verify/v2.yaml:20:17: YAML aliases (`*name`) are not supported in specs"],
    );
}

#[test]
fn second_yaml_document() {
    assert_errors(
        "second_document",
        "spec/lookups/v2.yaml",
        &[
            "spec/lookups/v2.yaml:6:1: a spec file holds one YAML document, found a second one \
           (hint: remove the `---` line or split the file)",
        ],
    );
}

/// Found by the `generator_spec` fuzz target: an empty value on the last key of a file whose
/// last line (a comment) has no line break was placed on a line after the end of the file.
#[test]
fn an_empty_value_at_the_end_of_a_file_without_a_last_line_break() {
    let text = "product: verify\nversion: v2\nhost: verify.twilio.com\nbase_path: /v2\npaging: meta\ndoc:\n# a comment";
    let problems = load_str("spec/verify/v2.yaml", text).unwrap_err();
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        ["spec/verify/v2.yaml:7:12: `doc` must be a string, found nothing"]
    );
}

// ---------------------------------------------------------------------------------------------
// Keys and shapes
// ---------------------------------------------------------------------------------------------

#[test]
fn unknown_top_level_key_names_the_closest_key() {
    let errors = diagnostics("unknown_top_level_key", "spec/lookups/v2.yaml");
    // One diagnostic for the typo; `host` is not reported missing a second time.
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].file, "spec/lookups/v2.yaml");
    assert_eq!(errors[0].pos, Pos { line: 4, col: 1 });
    assert_eq!(errors[0].message, "unknown key `hots` in a spec file");
    assert_eq!(errors[0].hint.as_deref(), Some("did you mean `host`?"));
    assert_eq!(
        errors[0].to_string(),
        "spec/lookups/v2.yaml:4:1: unknown key `hots` in a spec file (hint: did you mean `host`?)"
    );
}

#[test]
fn unknown_keys_in_resource_field_method_and_param() {
    assert_errors(
        "unknown_nested_keys",
        "spec/sync/v1.yaml",
        &[
            "spec/sync/v1.yaml:11:5: unknown key `instanse_path` in resource `service` (hint: did you mean `instance_path`?)",
            "spec/sync/v1.yaml:14:37: unknown key `nulable` in field `friendly_name` (hint: did you mean `nullable`?)",
            "spec/sync/v1.yaml:17:9: unknown key `parms` in method `create` (hint: did you mean `params`?)",
            "spec/sync/v1.yaml:21:40: unknown key `requird` in parameter `FriendlyName` (hint: did you mean `required`?)",
        ],
    );
}

#[test]
fn wrong_value_shapes() {
    assert_errors(
        "wrong_value_shape",
        "spec/chat/v2.yaml",
        &[
            "spec/chat/v2.yaml:18:50: `required` must be true or false, found `yes`",
            "spec/chat/v2.yaml:21:11: `params` must be a mapping, found a list",
            "spec/chat/v2.yaml:24:24: `page_size_max` must be an integer, found `lots`",
        ],
    );
}

#[test]
fn values_outside_closed_sets() {
    assert_errors(
        "bad_choice_values",
        "spec/api/v2010.yaml",
        &[
            "spec/api/v2010.yaml:5:8: `dates` cannot be `rfc822` (hint: did you mean `rfc2822`?)",
            "spec/api/v2010.yaml:18:15: `http` cannot be `POTS` (hint: did you mean `POST`?)",
            "spec/api/v2010.yaml:20:37: `in` cannot be `cookie` (hint: one of: query, form, json, body, header)",
            "spec/api/v2010.yaml:22:15: `body` cannot be `xml` (hint: one of: form, json)",
        ],
    );
}

#[test]
fn missing_required_key() {
    assert_errors(
        "missing_required_key",
        "spec/lookups/v2.yaml",
        &["spec/lookups/v2.yaml:1:1: a spec file is missing the required key `host`"],
    );
}

// ---------------------------------------------------------------------------------------------
// Types and references
// ---------------------------------------------------------------------------------------------

#[test]
fn unknown_types_name_the_closest_type() {
    assert_errors(
        "unknown_type",
        "spec/conversations/v1.yaml",
        &[
            "spec/conversations/v1.yaml:14:22: unknown type `strng` (hint: did you mean `string`?)",
            "spec/conversations/v1.yaml:20:24: unknown type `datetime` (hint: did you mean `date-time`?)",
            "spec/conversations/v1.yaml:21:30: unknown type `jsn` (hint: did you mean `json`?)",
        ],
    );
}

#[test]
fn bad_sid_prefixes() {
    assert_errors(
        "bad_sid_prefix",
        "spec/messaging/v1.yaml",
        &[
            "spec/messaging/v1.yaml:9:17: bad sid_prefix `S` (hint: two upper-case letters, e.g. SM or SM|MM)",
            "spec/messaging/v1.yaml:20:20: bad SID prefix `sm` in `sid<sm>` \
             (hint: a SID prefix is two upper-case letters, e.g. sid<SM> or sid<SM|MM>)",
        ],
    );
}

#[test]
fn undefined_enums() {
    assert_errors(
        "undefined_enum",
        "spec/api/v2010.yaml",
        &[
            "spec/api/v2010.yaml:19:15: enum `mesage_status` is not defined (hint: did you mean `message_status`?)",
            "spec/api/v2010.yaml:24:19: enum `delivery_status` is not defined \
             (hint: defined enums: message_status, message_direction)",
        ],
    );
}

#[test]
fn enum_values_colliding_after_conversion() {
    assert_errors(
        "enum_value_collision",
        "spec/api/v2010.yaml",
        &[
            "spec/api/v2010.yaml:8:47: enum values `in-progress` and `in_progress` both become the variant `InProgress`",
            "spec/api/v2010.yaml:11:39: enum `conference_reason` has values named `Other` and `Unknown` \
             (hint: the generator needs one of the two names for the variant holding values added later)",
        ],
    );
}

#[test]
fn objects_containing_themselves() {
    // `list<object<carrier_info>>` inside `carrier_info` is fine (a `Vec`); a plain field is not.
    assert_errors(
        "recursive_object",
        "spec/lookups/v2.yaml",
        &[
            "spec/lookups/v2.yaml:11:22: object `sim_swap_info` contains itself (`sim_swap_info.last_sim_swap` → \
             `last_sim_swap_info.previous` → `sim_swap_info`) and would be infinitely large \
             (hint: break the cycle with a `list<object<…>>` or a `json` field)",
            "spec/lookups/v2.yaml:19:15: object `carrier_info` contains itself (`carrier_info.parent` → `carrier_info`) \
             and would be infinitely large (hint: break the cycle with a `list<object<…>>` or a `json` field)",
        ],
    );
}

#[test]
fn inputs_are_checked_like_objects_and_kept_apart_from_them() {
    assert_errors(
        "bad_inputs",
        "spec/numbers/v1.yaml",
        &[
            "spec/numbers/v1.yaml:16:16: `carrier` is a response object; parameters and inputs are sent, so they \
             name inputs (hint: declare what is sent under `inputs:`)",
            "spec/numbers/v1.yaml:17:7: a member named `new` would clash with the constructor (hint: give it a `rust_name`)",
            "spec/numbers/v1.yaml:18:14: type `map<Extra>` cannot be used in an input \
             (hint: a prefixed map is a form encoding; use `json` for a free-form object)",
            "spec/numbers/v1.yaml:19:39: unknown key `nullable` in member `nullable_member` \
             (hint: valid keys: type, required, sensitive, deprecated, rust_name, doc)",
            "spec/numbers/v1.yaml:23:17: input `address` contains itself (`address.previous` → `address`) and would be \
             infinitely large (hint: break the cycle with a `list<object<…>>` or a `json` field)",
            "spec/numbers/v1.yaml:30:16: `port_request` is an input; fields are received, so they name response objects \
             (hint: declare what is received under `objects:`)",
            "spec/numbers/v1.yaml:39:20: an `object<…>` parameter goes in a JSON body; `address` does not \
             (hint: use `body: json` on the method)",
        ],
    );
}

#[test]
fn one_of_several_inputs_and_whole_body_parameters() {
    assert_errors(
        "bad_union",
        "spec/messaging/v3.yaml",
        &[
            "spec/messaging/v3.yaml:15:3: input `untagged` is one of several inputs but has no `tag` \
             (hint: name the member that says which one it is, e.g. `tag: channel`)",
            "spec/messaging/v3.yaml:18:3: input `both` has both `fields` and `one_of` \
             (hint: an input is an object with members, or one of several inputs)",
            "spec/messaging/v3.yaml:27:17: input `whatsapp` has a member `channel`, the tag",
            "spec/messaging/v3.yaml:29:14: input `apple` is listed twice",
            "spec/messaging/v3.yaml:30:15: input `signal` is not defined",
            "spec/messaging/v3.yaml:38:7: method `create` sends a whole-body parameter beside other body members \
             (hint: `in: body` is the only body parameter of its method)",
            "spec/messaging/v3.yaml:41:29: `indicator` is the whole body, so it is one required `object<…>` \
             (hint: give it an input type and `required: true`)",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Resources, paths and names
// ---------------------------------------------------------------------------------------------

#[test]
fn duplicate_resource_name_across_nesting_levels() {
    assert_errors(
        "duplicate_resource",
        "spec/api/v2010.yaml",
        &[
            "spec/api/v2010.yaml:25:3: duplicate resource `message` (first defined on line 18) \
           (hint: resource names are unique per file, even when nested)",
        ],
    );
}

#[test]
fn resources_cannot_take_the_names_of_a_versions_own_modules() {
    let hint = "(hint: resource modules sit beside `mod`, `enums`, `objects`, `operations`)";
    assert_errors(
        "version_module_resource",
        "spec/fixture/v1.yaml",
        &[
            &format!(
                "spec/fixture/v1.yaml:8:3: resource name `operations` is the name of a module every version has {hint}"
            ),
            &format!(
                "spec/fixture/v1.yaml:14:3: resource name `enums` is the name of a module every version has {hint}"
            ),
        ],
    );
}

#[test]
fn rust_name_collisions() {
    assert_errors(
        "rust_name_collision",
        "spec/api/v2010.yaml",
        &[
            "spec/api/v2010.yaml:16:7: fields `accountSid` and `account_sid` both become `account_sid` in Rust \
             (hint: give one of them a `rust_name`)",
            "spec/api/v2010.yaml:21:11: parameter `From` becomes `to` in Rust, like parameter `To` \
             (hint: give one of them a `rust_name`)",
            "spec/api/v2010.yaml:23:11: parameter `Status_Callback` becomes `status_callback` in Rust, \
             like parameter `StatusCallback` (hint: give one of them a `rust_name`)",
        ],
    );
}

#[test]
fn path_parameter_without_a_parent() {
    assert_errors(
        "unprovided_path_param",
        "spec/verify/v2.yaml",
        &[
            "spec/verify/v2.yaml:10:16: path parameter `{ServiceSid}` is not provided by any parent resource \
           (hint: nest this resource under the resource it belongs to)",
        ],
    );
}

#[test]
fn child_paths_extend_the_parent_by_at_most_one_parameter() {
    assert_errors(
        "child_path",
        "spec/verify/v2.yaml",
        &[
            "spec/verify/v2.yaml:27:24: path lacks `{ServiceSid}` of parent resource `entity`",
            "spec/verify/v2.yaml:34:20: path may add at most one parameter (the `service` instance) to its parent's, \
             adds `{ServiceSid}`, `{Identity}`",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Methods, parameters and groups
// ---------------------------------------------------------------------------------------------

#[test]
fn group_errors() {
    assert_errors(
        "group_errors",
        "spec/api/v2010.yaml",
        &[
            "spec/api/v2010.yaml:23:43: group `sender` names `MessagingService`, which is not a parameter of `create` \
             (hint: did you mean `MessagingServiceSid`?)",
            "spec/api/v2010.yaml:24:54: group `content` names `To`, which is already required \
             (hint: group members are optional parameters)",
            "spec/api/v2010.yaml:25:42: group `twice` names `Body` twice",
        ],
    );
}

#[test]
fn account_sid_param_that_no_path_uses() {
    assert_errors(
        "unused_account_param",
        "spec/verify/v2.yaml",
        &[
            "spec/verify/v2.yaml:6:20: `account_sid_param` names `AcountSid`, which no resource path uses \
           (hint: remove it, or check the spelling against the paths)",
        ],
    );
}

#[test]
fn method_needs_a_path_the_resource_lacks() {
    assert_errors(
        "method_needs_path",
        "spec/sync/v1.yaml",
        &["spec/sync/v1.yaml:18:7: method `fetch` needs the resource's `instance_path`"],
    );
}

#[test]
fn custom_method_without_http() {
    assert_errors(
        "custom_method_without_http",
        "spec/api/v2010.yaml",
        &["spec/api/v2010.yaml:17:7: custom method `feedback` needs `http` \
           (hint: standard methods are create, fetch, update, delete and list)"],
    );
}

#[test]
fn standard_methods_take_only_the_path_and_returns_they_can_use() {
    let hint = "(hint: custom methods take any `path` and `returns`; `create`, `update` and `delete` take \
                `path: list | instance`, `create` and `update` take `returns`)";
    assert_errors(
        "standard_method_path_and_returns",
        "spec/api/v2010.yaml",
        &[
            &format!("spec/api/v2010.yaml:17:18: `fetch` takes no `returns` like this {hint}"),
            &format!("spec/api/v2010.yaml:19:15: `create` takes no `path` like this {hint}"),
            &format!("spec/api/v2010.yaml:24:15: `list` takes no `path` like this {hint}"),
        ],
    );
}

#[test]
fn range_on_non_date_and_non_query_params() {
    assert_errors(
        "range_on_non_date",
        "spec/api/v2010.yaml",
        &[
            "spec/api/v2010.yaml:18:11: `range` needs a `date` or `date-time` parameter; `To` is `phone-number`",
            "spec/api/v2010.yaml:23:11: `range` needs a query parameter; `SendAt` goes in the form body \
             (hint: range filters belong to `list` and other GET methods)",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// File level
// ---------------------------------------------------------------------------------------------

#[test]
fn file_name_not_matching_version() {
    assert_errors(
        "file_name_mismatch",
        "spec/api/v1.yaml",
        &["spec/api/v1.yaml:3:10: file declares api/v2010 but lives at api/v1.yaml (hint: move it to spec/api/v2010.yaml)"],
    );
}

#[test]
fn file_name_not_matching_product() {
    assert_errors(
        "file_name_mismatch",
        "spec/voice/v2010.yaml",
        &[
            "spec/voice/v2010.yaml:2:10: file declares api/v2010 but lives at voice/v2010.yaml \
           (hint: move it to spec/api/v2010.yaml)",
        ],
    );
}

#[test]
fn file_name_mismatch_fixture_is_valid_where_it_belongs() {
    load_str("spec/api/v2010.yaml", &fixture("file_name_mismatch")).expect("valid at its own path");
}

#[test]
fn many_errors_are_all_reported_in_one_run_in_file_order() {
    let expected = [
        "spec/api/v2010.yaml:3:7: `host` must be a bare host name (hint: e.g. api.twilio.com)",
        "spec/api/v2010.yaml:4:12: `base_path` must start with `/` and not end with it (hint: e.g. /v2)",
        "spec/api/v2010.yaml:9:47: enum values `in-progress` and `in_progress` both become the variant `InProgress`",
        "spec/api/v2010.yaml:13:17: bad sid_prefix `ca` (hint: two upper-case letters, e.g. SM or SM|MM)",
        "spec/api/v2010.yaml:18:15: enum `call_statu` is not defined (hint: did you mean `call_status`?)",
        "spec/api/v2010.yaml:19:19: unknown type `date-tme` (hint: did you mean `date-time`?)",
        "spec/api/v2010.yaml:23:46: `required` must be true or false, found `yes`",
        "spec/api/v2010.yaml:26:11: `range` needs a `date` or `date-time` parameter; `Timeout` is `integer`",
        "spec/api/v2010.yaml:28:55: group `instructions` names `ApplicationSid`, which is not a parameter of `create` \
         (hint: list the parameter under `params:` first)",
        "spec/api/v2010.yaml:30:24: `page_size_max` is only for `list`",
        "spec/api/v2010.yaml:31:7: custom method `redirect` needs `http` \
         (hint: standard methods are create, fetch, update, delete and list)",
        "spec/api/v2010.yaml:34:9: unknown key `parms` in method `list` (hint: did you mean `params`?)",
    ];
    assert!(expected.len() >= 5);
    assert_errors("many_errors", "spec/api/v2010.yaml", &expected);
}

/// Every fixture must fail to load (a fixture that accidentally became valid tests nothing).
#[test]
fn every_fixture_is_rejected() {
    let mut names: Vec<String> = std::fs::read_dir(fixture_dir())
        .expect("fixture dir")
        .filter_map(Result::ok)
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".yaml"))
                .map(str::to_owned)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 16, "only {} fixtures", names.len());
    for name in names {
        let errors = diagnostics(&name, "spec/x/v1.yaml");
        assert!(!errors.is_empty(), "{name}");
        for d in &errors {
            assert!(d.pos.line >= 1 && d.pos.col >= 1, "{name}: {d}");
        }
    }
}

/// The real specs still load: the fixes for malformed input must not reject good input.
#[test]
fn real_specs_still_load() {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    for product in ["api/v2010", "lookups/v2", "verify/v2"] {
        let path = spec.join(format!("{product}.yaml"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let shown = format!("spec/{product}.yaml");
        if let Err(errors) = load_str(&shown, &text) {
            panic!(
                "{shown} no longer loads:\n{}",
                errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Hostile input: no panics, no stack overflows, and every error is well formed.
// ---------------------------------------------------------------------------------------------

/// Loads `text`; a panic fails the test with `label` and the start of the input.
fn survives(label: &str, text: &str) -> Result<(), Vec<Diagnostic>> {
    let file = "spec/fuzz/v1.yaml";
    let result = panic::catch_unwind(AssertUnwindSafe(|| load_str(file, text)));
    match result {
        Err(_) => {
            let preview: String = text.chars().take(400).collect();
            panic!(
                "load_str panicked on input `{label}` ({} bytes):\n{preview}",
                text.len()
            );
        }
        Ok(Ok(_)) => Ok(()),
        Ok(Err(errors)) => {
            assert!(!errors.is_empty(), "`{label}`: Err without diagnostics");
            for d in &errors {
                assert_eq!(d.file, file, "`{label}`: {d}");
                assert!(
                    d.pos.line >= 1 && d.pos.col >= 1,
                    "`{label}`: position out of range: {d}"
                );
                assert!(!d.message.is_empty(), "`{label}`: empty message");
            }
            Err(errors)
        }
    }
}

#[test]
fn hostile_inputs_do_not_panic() {
    let deep_flow = format!("{}{}", "[".repeat(5_000), "]".repeat(5_000));
    let deep_flow_maps = format!("{}{}", "{a: ".repeat(300), "}".repeat(300));
    let deep_block: String = (0..1_000).map(|i| format!("{}-\n", "  ".repeat(i))).collect();
    let deep_block_line = "- ".repeat(200_000);
    let deep_maps: String = (0..1_000).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect();
    let deep_type = format!(
        "product: fuzz\nversion: v1\nhost: h.twilio.com\nbase_path: /v1\npaging: meta\nresources:\n  r:\n    \
         list_path: /R\n    fields:\n      sid: string\n    methods:\n      list:\n        params:\n          X: {}uri{}\n",
        "list<".repeat(50_000),
        ">".repeat(50_000)
    );
    let deep_resources = {
        let mut s = String::from("product: fuzz\nversion: v1\nhost: h.twilio.com\nbase_path: /v1\npaging: meta\n");
        let mut path = String::new();
        for i in 0..60 {
            let indent = "  ".repeat(2 * i);
            path.push_str(&format!("/L{i}/{{P{i}}}"));
            s.push_str(&format!(
                "{indent}resources:\n{indent}  r{i}:\n{indent}    instance_path: {path}\n"
            ));
        }
        s
    };
    // 5 000 sibling resources (most of them clashing accessors): quadratic paths would show here.
    let many_resources = format!(
        "product: fuzz\nversion: v1\nhost: h.twilio.com\nbase_path: /v1\npaging: meta\nresources:\n{}",
        (0..5_000)
            .map(|i| format!(
                "  r{i}:\n    list_path: /R{}\n    fields: {{sid: string}}\n    methods: {{list: {{}}}}\n",
                i % 10
            ))
            .collect::<String>()
    );
    let inputs: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("whitespace", " \n\t\n   \n".into()),
        ("tilde", "~".into()),
        ("null", "null".into()),
        ("scalar", "hello".into()),
        ("quoted empty", "''".into()),
        ("bare list", "- product: api\n- version: v1\n".into()),
        ("flow list", "[1, 2, {a: b}]".into()),
        ("comment only", "# nothing here\n".into()),
        ("document markers", "---\n...\n".into()),
        ("three documents", "---\na: 1\n---\nb: 2\n---\n".into()),
        ("directive", "%YAML 1.2\n---\nproduct: api\n".into()),
        ("tags", "!!map {product: !!str api, version: !custom v1}".into()),
        ("anchor", "product: &p api\nversion: *p\n".into()),
        ("complex key", "? [a, b]\n: c\nproduct: api\n".into()),
        ("null key", "~: 1\n: 2\n".into()),
        ("deep flow lists", deep_flow),
        ("deep flow maps", deep_flow_maps),
        ("deep block lists", deep_block),
        ("deep block list on one line", deep_block_line),
        ("deep block maps", deep_maps),
        ("deep list type", deep_type),
        ("deeply nested resources", deep_resources),
        ("nul bytes", "product: \0api\0\nversion: v1\0".into()),
        (
            "control characters",
            "\u{1}\u{2}\u{7f}\u{1b}[31mred\u{1b}[0m: \u{7}".into(),
        ),
        ("byte order mark", "\u{feff}product: api\n\u{feff}version: v1\n".into()),
        ("lone carriage returns", "product: api\rversion: v1\rhost: x\r".into()),
        ("replacement characters", "\u{fffd}\u{fffd}: [\u{fffd}\n".into()),
        (
            "right-to-left override",
            "product: \u{202e}ipa\nversion: v\u{0661}\n".into(),
        ),
        ("astral plane", "😀: 😀\nproduct: 🐛\nversion: 🦀\n".into()),
        ("unterminated quote", "product: \"api\nversion: v1\n".into()),
        ("unterminated single quote", "product: 'api\n".into()),
        ("block scalar", "doc: |\n  line\n    more\nproduct: >-\n  x\n".into()),
        ("stray colon", ": : : :\n".into()),
        ("stray brackets", "}}]]{{[[\n".into()),
        ("path garbage", valid_with("    list_path: /A/{B/{C}}/{}/{D}}{\n")),
        (
            "type garbage",
            valid_with("    fields:\n      a: list<\n      b: sid<>\n      c: enum<>>\n      d: <>\n      e: map<\n"),
        ),
        ("long key", format!("{}: 1\n", "k".repeat(100_000))),
        ("long value", format!("product: {}\n", "v".repeat(100_000))),
        ("many keys", (0..5_000).map(|i| format!("key{i}: {i}\n")).collect()),
        ("many resources", many_resources),
    ];
    for (label, text) in &inputs {
        let _ = survives(label, text);
    }
    // Too deep to be a spec: rejected with a diagnostic rather than a stack overflow.
    for label in [
        "deep flow lists",
        "deep block lists",
        "deep block list on one line",
        "deep block maps",
    ] {
        let text = &inputs.iter().find(|(l, _)| *l == label).expect("input").1;
        assert!(survives(label, text).is_err(), "{label}");
    }
}

/// A minimal valid spec with `resource_lines` spliced into its only resource.
fn valid_with(resource_lines: &str) -> String {
    format!(
        "product: fuzz\nversion: v1\nhost: h.twilio.com\nbase_path: /v1\npaging: meta\nresources:\n  thing:\n{resource_lines}"
    )
}

/// xorshift64*: a small deterministic generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const FRAGMENTS: &[&str] = &[
    "product: api",
    "version: v2010",
    "host: api.twilio.com",
    "base_path: /2010-04-01",
    "paging: v2010",
    "paging: meta",
    "dates: rfc2822",
    "account_sid_param: AccountSid",
    "enums:",
    "objects:",
    "resources:",
    "methods:",
    "params:",
    "fields:",
    "groups:",
    "create:",
    "fetch: {}",
    "list:",
    "update:",
    "delete: {}",
    "feedback:",
    "http: POST",
    "path: instance",
    "returns: none",
    "body: json",
    "values: [a, b, in-progress]",
    "message:",
    "call:",
    "account:",
    "sid_prefix: SM|MM",
    "sid_prefix: s",
    "list_path: /Accounts/{AccountSid}/Messages.json",
    "instance_path: /Accounts/{AccountSid}/Messages/{Sid}.json",
    "list_path: /Services/{ServiceSid}/Things",
    "instance_path: /X/{",
    "To: {type: phone-number, required: true}",
    "StatusCallback: uri",
    "Status_Callback: uri",
    "DateSent: {type: date-time, range: true}",
    "MediaUrl: list<uri>",
    "Status: enum<message_status>",
    "sid: sid<SM|MM>",
    "price: decimal",
    "caps: object<caps>",
    "links: string-map",
    "AddOns: map<AddOns>",
    "- {name: sender, params: [From, MessagingServiceSid]}",
    "- {name: x, params: [A], exclusive: true}",
    "- a",
    "- [b, c]",
    "- {d: e}",
    "page_size_max: 50",
    "page_size_max: -1",
    "records_key: things",
    "rust_name: to",
    "rust_name: Bad-Name",
    "nullable: false",
    "required: yes",
    "in: header",
    "in: form",
    "type: list<list<uri>>",
    "type: strng",
    "type: sid<sm>",
    "type: enum<Nope>",
    "type: map<>",
    "doc: |",
    "doc: >",
    "docs: https://example.com",
    "? complex",
    ": value",
    "&anchor a: b",
    "*anchor",
    "!!str tagged",
    "'quoted: key': 1",
    "\"dq\\u0041\": 2",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "-",
    "---",
    "...",
    "#",
    "%YAML 1.2",
    "\t",
    "\0",
    "\u{feff}",
    "\u{fffd}",
    "😀: 🦀",
    "key:value",
    "key: value # comment",
    "|-",
    "~",
    "null",
    "",
];

fn random_line(rng: &mut Rng) -> String {
    let indent = " ".repeat(rng.below(6) * 2 + usize::from(rng.below(10) == 0));
    let mut line = format!("{indent}{}", rng.pick(FRAGMENTS));
    if rng.below(4) == 0 {
        line.push(' ');
        line.push_str(rng.pick(FRAGMENTS));
    }
    line
}

#[test]
fn ten_thousand_random_lines_do_not_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let text: String = (0..10_000).map(|_| random_line(&mut rng) + "\n").collect();
    assert_eq!(text.lines().count(), 10_000);
    let _ = survives("10k random lines", &text);
}

const TREE_KEYS: &[&str] = &[
    "resources",
    "methods",
    "params",
    "fields",
    "groups",
    "enums",
    "objects",
    "values",
    "list_path",
    "instance_path",
    "sid_prefix",
    "plural",
    "type",
    "required",
    "range",
    "in",
    "http",
    "path",
    "returns",
    "body",
    "doc",
    "docs",
    "rust_name",
    "nullable",
    "sensitive",
    "deprecated",
    "page_size_max",
    "records_key",
    "create",
    "fetch",
    "list",
    "update",
    "delete",
    "feedback",
    "message",
    "call",
    "account",
    "To",
    "From",
    "StatusCallback",
    "Status_Callback",
    "DateSent",
    "DateSent<",
    "sid",
    "status",
    "accountSid",
    "account_sid",
    "Other",
    "hots",
    "instanse_path",
    "parms",
    "requird",
];

const TREE_VALUES: &[&str] = &[
    "string",
    "strng",
    "integer",
    "date-time",
    "uri",
    "phone-number",
    "json",
    "string-map",
    "sid<SM|MM>",
    "sid<sm>",
    "enum<message_status>",
    "enum<mesage_status>",
    "list<uri>",
    "list<date>",
    "list<list<uri>>",
    "object<caps>",
    "map<AddOns>",
    "map<>",
    "true",
    "false",
    "yes",
    "~",
    "''",
    "0",
    "-3",
    "100001",
    "GET",
    "POST",
    "POTS",
    "instance",
    "list",
    "none",
    "model",
    "json",
    "form",
    "query",
    "header",
    "/Accounts/{AccountSid}/Messages.json",
    "/Accounts/{AccountSid}/Messages/{Sid}.json",
    "/Services/{ServiceSid}",
    "/A/{B}/{B}",
    "/A/{",
    "/A/}",
    "no-slash",
    "SM|MM",
    "S",
    "[in-progress, in_progress, other]",
    "[]",
    "{}",
    "[From, To]",
    "{type: string, required: true}",
    "{type: date-time, range: true}",
    "{type: uri, in: body}",
    "[{name: sender, params: [From, MessagingServiceSid]}]",
    "[{name: g, params: [To]}]",
    "{list: {}}",
    "{fetch: {}}",
    "{sid: string}",
    "\"quoted\"",
    "😀",
];

/// `lines` lines of well-formed YAML made of the spec's own vocabulary, so that decoding and
/// resolving (not only the YAML parser) see a large random document.
fn random_tree(rng: &mut Rng, lines: usize) -> String {
    let mut out = String::from(
        "product: fuzz\nversion: v1\nhost: h.twilio.com\nbase_path: /v1\npaging: meta\naccount_sid_param: AccountSid\n\
         enums:\n  message_status: [queued, sent]\nresources:\n",
    );
    let mut count = out.lines().count();
    // Open mappings: indentation and the keys used in them so far (keys must stay unique).
    let mut stack: Vec<(usize, std::collections::HashSet<String>)> = vec![(2, Default::default())];
    let mut just_opened = true;
    while count < lines {
        if !just_opened && stack.len() > 1 && rng.below(4) == 0 {
            stack.pop();
            continue;
        }
        let depth = stack.len();
        let (indent, seen) = stack.last_mut().expect("root");
        let indent = *indent;
        let mut key = rng.pick(TREE_KEYS).to_owned();
        if !seen.insert(key.clone()) {
            key = format!("r{count}");
            seen.insert(key.clone());
        }
        if depth < 12 && rng.below(3) == 0 {
            out.push_str(&format!("{}{key}:\n", " ".repeat(indent)));
            stack.push((indent + 2, Default::default()));
            just_opened = true;
        } else {
            out.push_str(&format!("{}{key}: {}\n", " ".repeat(indent), rng.pick(TREE_VALUES)));
            just_opened = false;
        }
        count += 1;
    }
    out
}

#[test]
fn ten_thousand_line_random_spec_tree_does_not_panic() {
    let mut rng = Rng(0x0DDB_1A5E_5BAD_5EED);
    let text = random_tree(&mut rng, 10_000);
    assert_eq!(text.lines().count(), 10_000);
    // Well-formed YAML: the problems found are spec problems, and there are many of them.
    let errors = survives("10k-line random spec tree", &text).expect_err("random specs are not valid");
    assert!(errors.len() > 100, "only {} diagnostics", errors.len());
    assert!(
        errors.iter().all(|d| !d.message.starts_with("invalid YAML")),
        "{}",
        errors[0]
    );
    for seed in 1..200 {
        let mut rng = Rng(seed);
        let text = random_tree(&mut rng, 20 + (seed as usize % 7) * 30);
        let _ = survives(&format!("random spec tree {seed}"), &text);
    }
}

#[test]
fn many_small_random_documents_do_not_panic() {
    let mut rng = Rng(42);
    for round in 0..1_500 {
        let lines = 1 + rng.below(40);
        let text: String = (0..lines).map(|_| random_line(&mut rng) + "\n").collect();
        let _ = survives(&format!("random document {round}"), &text);
    }
}

/// Near-valid documents: the fixtures and the real specs with random line edits, so that the
/// later stages (decoding, resolving) see broken input too, not only the YAML parser.
#[test]
fn mutated_specs_do_not_panic() {
    let mut sources: Vec<String> = std::fs::read_dir(fixture_dir())
        .expect("fixture dir")
        .filter_map(Result::ok)
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    for product in ["api/v2010", "lookups/v2", "verify/v2"] {
        if let Ok(text) = std::fs::read_to_string(spec.join(format!("{product}.yaml"))) {
            sources.push(text);
        }
    }
    sources.sort();
    let rounds: usize = std::env::var("MALFORMED_MUTATION_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(600);
    let mut rng = Rng(7);
    for round in 0..rounds {
        let source = &sources[round % sources.len()];
        let mut lines: Vec<String> = source.lines().map(str::to_owned).collect();
        for _ in 0..1 + rng.below(4) {
            if lines.is_empty() {
                break;
            }
            let i = rng.below(lines.len());
            match rng.below(8) {
                0 => {
                    lines.remove(i);
                }
                1 => {
                    let copy = lines[i].clone();
                    lines.insert(i, copy);
                }
                2 => {
                    let j = rng.below(lines.len());
                    lines.swap(i, j);
                }
                3 => lines[i] = format!("  {}", lines[i]),
                4 => lines[i] = lines[i].trim_start_matches("  ").to_owned(),
                5 => {
                    let cut = lines[i]
                        .char_indices()
                        .map(|(k, _)| k)
                        .nth(rng.below(lines[i].chars().count() + 1));
                    if let Some(cut) = cut {
                        lines[i].truncate(cut);
                    }
                }
                6 => {
                    let indent: String = lines[i].chars().take_while(|c| *c == ' ').collect();
                    lines.insert(i, format!("{indent}{}", rng.pick(FRAGMENTS)));
                }
                _ => {
                    // Replace a value with a fragment, keeping the key.
                    if let Some(colon) = lines[i].find(": ") {
                        lines[i].truncate(colon + 2);
                        lines[i].push_str(rng.pick(FRAGMENTS));
                    }
                }
            }
        }
        let text = lines.join("\n") + "\n";
        let _ = survives(&format!("mutation {round}"), &text);
    }
}

#[test]
fn reserved_type_names_and_required_fields_without_defaults_are_refused() {
    assert_errors(
        "reserved_names",
        "spec/sync/v1.yaml",
        &[
            "spec/sync/v1.yaml:8:3: enum `error` would be named `Error`, which is used unqualified by the generated code (hint: rename the enum, object or resource)",
            "spec/sync/v1.yaml:17:20: `nullable: false` is not supported for `enum<error>` fields (hint: leave the field nullable (an `Option`))",
        ],
    );
}

#[test]
fn parameters_cannot_take_the_builders_own_method_names() {
    assert_errors(
        "reserved_setters",
        "spec/sync/v1.yaml",
        &[
            "spec/sync/v1.yaml:17:11: parameter `Set` would become `set`, which the request builder uses itself (hint: give it a `rust_name`)",
            "spec/sync/v1.yaml:18:11: parameter `Redact` would become `redact`, which the request builder uses itself (hint: give it a `rust_name`)",
        ],
    );
}

#[test]
fn a_resource_needs_methods_or_children() {
    assert_errors(
        "empty_resource",
        "spec/sync/v1.yaml",
        &["spec/sync/v1.yaml:13:7: resource `document` has neither methods nor child resources (hint: describe its methods, or remove it)"],
    );
}

/// Found by the `generator_spec` fuzz target: a wire name holding a character that cannot be
/// part of an identifier (`\u{619}`, a combining mark) reached `Ident::new` and panicked, and
/// wire names of only punctuation gave empty identifiers. Derived names are now plain ASCII and
/// a wire name that gives none is refused at its position.
#[test]
fn wire_names_become_ascii_identifiers_or_are_refused() {
    let head = "product: fixture\nversion: v1\nhost: fixture.twilio.com\nbase_path: /v1\npaging: meta\n";
    let widget = |fields: &str, params: &str| {
        format!(
            "{head}enums:\n  state: [ok, \"\u{619}ailed\"]\nresources:\n  widget:\n    instance_path: /Widgets/{{Sid}}\n    \
             fields:\n      state: enum<state>\n{fields}    methods:\n      fetch: {{}}\n      update:\n        params:\n          \
             Name: string\n{params}"
        )
    };
    let product = load_str("spec/fixture/v1.yaml", &widget("      \"Caf\u{e9}\": string\n", "")).expect("loads");
    twilio_codegen::generate_with(&[product], &twilio_codegen::emit::Settings::default()).expect("emits");

    let problems = load_str(
        "spec/fixture/v1.yaml",
        &widget("      \"%%\": string\n", "          \"_\": string\n"),
    )
    .unwrap_err();
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "spec/fixture/v1.yaml:13:7: `%%` gives no usable Rust name (hint: add a `rust_name`)",
            "spec/fixture/v1.yaml:19:11: `_` gives no usable Rust name (hint: add a `rust_name`)",
        ]
    );

    // Also found by the fuzzer: object and input names were not checked, and one starting with
    // a digit gave a type name that is not an identifier.
    let text = format!("{head}inputs:\n  0vendor_policy:\n    fields:\n      a: string\nobjects:\n  \"\u{619}x\":\n    fields:\n      a: string\n");
    let problems = load_str("spec/fixture/v1.yaml", &text).unwrap_err();
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        &shown[..2],
        [
            "spec/fixture/v1.yaml:7:3: input name `0vendor_policy` must be snake_case (hint: e.g. `n0vendor_policy`)",
            "spec/fixture/v1.yaml:11:3: object name `\u{619}x` must be snake_case (hint: e.g. `x`)",
        ]
    );
}
