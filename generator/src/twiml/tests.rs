//! TwiML descriptions: malformed input with exact positions, names, and emission.

use super::*;

const FILE: &str = "spec/twiml/voice.yaml";

/// Every diagnostic of a description that must fail, as `file:line:col: message (hint: …)`.
fn errors(text: &str) -> Vec<String> {
    match load_str(FILE, text) {
        Ok(_) => panic!("expected diagnostics for:\n{text}"),
        Err(d) => d.iter().map(ToString::to_string).collect(),
    }
}

/// A valid description the malformed cases start from.
const BASE: &str = "\
root: VoiceResponse
enums:
  call_event: [initiated, answered]
elements:
  VoiceResponse:
    name: Response
    children: [Say, Dial]
  Say:
    text: mixed
    attributes:
      voice: string
  Dial:
    text: optional
    attributes:
      timeout: integer
    children: [Number]
  Number:
    text: required
    attributes:
      statusCallbackEvent: list<enum<call_event>>
";

#[test]
fn base_is_valid() {
    let d = load_str(FILE, BASE).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(d.module, "voice");
    assert_eq!(d.elements[d.root].wire, "Response");
    assert_eq!(d.elements[2].children, vec![3]);
    assert_eq!(d.elements[3].attrs[0].ty, Ty::List(Box::new(Ty::Enum(0))));
    assert_eq!(d.enums[0].rust, "CallEvent");
}

#[test]
fn unknown_keys_get_the_closest_key() {
    let text = BASE.replace("    children: [Number]", "    chidren: [Number]");
    assert_eq!(
        errors(&text),
        vec![
            "spec/twiml/voice.yaml:16:5: unknown key `chidren` in element `Dial` (hint: did you mean `children`?)",
            "spec/twiml/voice.yaml:17:3: element `Number` cannot appear in the document: no element lists it as \
             a child (hint: add it to the `children` of a parent, or remove it)",
        ]
    );
    let text = BASE.replace("root: VoiceResponse", "root: VoiceResponse\nlayout: pretty");
    assert_eq!(
        errors(&text),
        vec![
            "spec/twiml/voice.yaml:2:1: unknown key `layout` in a TwiML description (hint: valid keys: doc, docs, \
             root, enums, elements)"
        ]
    );
    let text = BASE.replace("      voice: string", "      voice: {type: string, dco: x}");
    assert_eq!(
        errors(&text),
        vec![
            "spec/twiml/voice.yaml:11:29: unknown key `dco` in attribute `voice` of `Say` (hint: did you mean `doc`?)"
        ]
    );
}

#[test]
fn unknown_attribute_types() {
    let text = BASE.replace("      voice: string", "      voice: strng");
    assert_eq!(
        errors(&text),
        vec!["spec/twiml/voice.yaml:11:14: unknown type `strng` (hint: did you mean `string`?)"]
    );
    let text = BASE.replace("      timeout: integer", "      timeout: duration");
    assert_eq!(
        errors(&text),
        vec![
            "spec/twiml/voice.yaml:15:16: unknown type `duration` (hint: known types: string, integer, number, \
             boolean, date, date-time, uri, phone-number, decimal, http-method, json, string-map, sid, and sid<…>, \
             id<…>, enum<…>, list<…>, object<…>, map<…>)"
        ]
    );
    let text = BASE.replace("list<enum<call_event>>", "list<enum<call_events>>");
    assert_eq!(
        errors(&text),
        vec![
            "spec/twiml/voice.yaml:3:3: enum `call_event` is not used by any attribute (hint: remove it, or use \
             it as `enum<name>`)",
            "spec/twiml/voice.yaml:20:28: enum `call_events` is not defined (hint: did you mean `call_event`?)",
        ]
    );
    let text = BASE.replace("list<enum<call_event>>", "list<list<enum<call_event>>>");
    assert_eq!(
        errors(&text),
        vec![
            "spec/twiml/voice.yaml:3:3: enum `call_event` is not used by any attribute (hint: remove it, or use \
             it as `enum<name>`)",
            "spec/twiml/voice.yaml:20:28: `list<list<enum<call_event>>>`: lists cannot hold `list<enum<call_event>>`",
        ]
    );
    // The vocabulary is the REST one; what an attribute cannot be is refused by name.
    let text = BASE.replace("      timeout: integer", "      timeout: date-time");
    assert_eq!(
        errors(&text),
        vec![
            "spec/twiml/voice.yaml:15:16: type `date-time` cannot be used for TwiML attributes (hint: attributes are \
             string, uri, phone-number, sid<…>, integer, number, decimal, boolean, http-method, enum<…> or list<…> \
             of them)"
        ]
    );
}

#[test]
fn children_must_be_defined_once() {
    let text = BASE.replace("children: [Say, Dial]", "children: [Say, Dail]");
    assert_eq!(
        errors(&text),
        vec![
            "spec/twiml/voice.yaml:7:21: element `VoiceResponse` lists the child `Dail`, which is not defined \
             (hint: did you mean `Dial`?)",
            "spec/twiml/voice.yaml:12:3: element `Dial` cannot appear in the document: no element lists it as a \
             child (hint: add it to the `children` of a parent, or remove it)",
            "spec/twiml/voice.yaml:17:3: element `Number` cannot appear in the document: no element lists it as \
             a child (hint: add it to the `children` of a parent, or remove it)",
        ]
    );
    let text = BASE.replace("children: [Say, Dial]", "children: [Say, Dial, Say]");
    assert_eq!(
        errors(&text),
        vec!["spec/twiml/voice.yaml:7:27: element `VoiceResponse` lists the child `Say` twice"]
    );
    let text = BASE.replace("children: [Number]", "children: [Number, VoiceResponse]");
    assert_eq!(
        errors(&text),
        vec!["spec/twiml/voice.yaml:16:24: the root element `VoiceResponse` cannot be a child of `Dial`"]
    );
    let text = BASE.replace("root: VoiceResponse", "root: VoiceRespnse");
    assert_eq!(
        errors(&text),
        vec![
            "spec/twiml/voice.yaml:1:7: `root` names `VoiceRespnse`, which is not defined (hint: did you mean \
             `VoiceResponse`?)"
        ]
    );
}

#[test]
fn duplicates_are_refused() {
    // A second definition of an element is a duplicate YAML key.
    let text = format!("{BASE}  Say:\n    text: required\n");
    assert_eq!(errors(&text), vec!["spec/twiml/voice.yaml:21:3: duplicate key `Say`"]);
    // Attributes whose setters would share a name.
    let text = BASE.replace(
        "      timeout: integer",
        "      timeout: integer\n      time_out: integer\n      Timeout: string",
    );
    assert_eq!(
        errors(&text),
        vec![
            "spec/twiml/voice.yaml:17:7: attributes `timeout` and `Timeout` of element `Dial` both get the setter \
             `timeout` (hint: give one of them a `rust_name`)"
        ]
    );
    // Enum values that become the same variant.
    let text = BASE.replace("[initiated, answered]", "[initiated, answered, Answered, initiated]");
    assert_eq!(
        errors(&text),
        vec![
            "spec/twiml/voice.yaml:3:37: enum values `answered` and `Answered` both become the variant `Answered`",
            "spec/twiml/voice.yaml:3:47: enum `call_event` lists the value `initiated` twice",
        ]
    );
}

#[test]
fn rust_name_collisions() {
    // `DialChild` is the child enum of `Dial`.
    let text = BASE
        .replace("children: [Number]", "children: [Number, DialChild]")
        .replace("  Number:\n", "  DialChild:\n    text: required\n  Number:\n");
    assert_eq!(
        errors(&text),
        vec![
            "spec/twiml/voice.yaml:12:3: the child enum of element `Dial` would be named `DialChild`, like element \
             `DialChild` (line 17) (hint: rename one of them)"
        ]
    );
    // A setter and a child method with the same name.
    let text = BASE
        .replace("      timeout: integer", "      timeout: integer\n      number: string")
        .replace("  Number:\n", "  Number:\n    doc: A number.\n");
    assert_eq!(
        errors(&text),
        vec![
            "spec/twiml/voice.yaml:17:16: the method `number` that adds child `Number` to `Dial` clashes with the \
             setter of attribute `number` (hint: set `add_method` on element `Number`)"
        ]
    );
    // Fixed builder methods are reserved.
    let text = BASE.replace("      voice: string", "      voice: string\n      text: string");
    assert_eq!(
        errors(&text),
        vec![
            "spec/twiml/voice.yaml:12:7: the setter `text` of attribute `text` on element `Say` clashes with a \
             method every builder has (hint: give the attribute a `rust_name`)"
        ]
    );
    let text = BASE
        .replace("  Say:\n", "  say:\n")
        .replace("[Say, Dial]", "[say, Dial]");
    assert_eq!(
        errors(&text),
        vec![
            "spec/twiml/voice.yaml:8:3: element key `say` must be a Rust type name in PascalCase (hint: use e.g. \
             `Say` and give the wire name with `name: say`)"
        ]
    );
}

#[test]
fn shapes_and_values() {
    let text = BASE.replace("    text: mixed", "    text: mixd");
    assert_eq!(
        errors(&text),
        vec!["spec/twiml/voice.yaml:9:11: `text` cannot be `mixd` (hint: did you mean `mixed`?)"]
    );
    let text = BASE.replace("root: VoiceResponse\n", "");
    assert_eq!(
        errors(&text),
        vec!["spec/twiml/voice.yaml:1:1: a TwiML description is missing the required key `root`"]
    );
    let text = BASE.replace("    name: Response", "    name: Res ponse");
    assert_eq!(
        errors(&text),
        vec!["spec/twiml/voice.yaml:6:11: `Res ponse` is not a valid XML element name"]
    );
    let text = BASE.replace(
        "      timeout: integer",
        "      timeout: {type: integer, deprecated: yes}",
    );
    assert_eq!(
        errors(&text),
        vec!["spec/twiml/voice.yaml:15:44: `deprecated` must be true or false, found `yes`"]
    );
    let err = load_str("spec/twiml/Voice-2.yaml", BASE).unwrap_err();
    assert_eq!(
        err[0].to_string(),
        "spec/twiml/Voice-2.yaml:1:1: the file name `Voice-2` is not a usable Rust module name (hint: name TwiML \
         files in snake_case, e.g. `voice.yaml`)"
    );
    let err = load_str(FILE, "root: [").unwrap_err();
    assert!(err[0].to_string().starts_with("spec/twiml/voice.yaml:"), "{}", err[0]);
}

/// Value shapes are checked by the REST key-table checker, with its wording.
#[test]
fn shapes_are_checked_like_rest_specs() {
    let text = BASE.replace("      voice: string", "      voice: {type: [string]}");
    assert_eq!(
        errors(&text),
        vec!["spec/twiml/voice.yaml:11:21: `type` must be a type such as `string` or `list<uri>`, found a list"]
    );
    let text = BASE.replace("    text: mixed", "    text: [mixed]");
    assert_eq!(
        errors(&text),
        vec!["spec/twiml/voice.yaml:9:11: `text` must be a string, found a list"]
    );
    let text = BASE.replace("    children: [Number]", "    children: Number");
    assert_eq!(
        errors(&text),
        vec![
            "spec/twiml/voice.yaml:16:15: `children` must be a list, found `Number`",
            "spec/twiml/voice.yaml:17:3: element `Number` cannot appear in the document: no element lists it as \
             a child (hint: add it to the `children` of a parent, or remove it)",
        ]
    );
    let text = BASE.replace("[initiated, answered]", "{values: initiated}");
    assert_eq!(
        errors(&text),
        vec![
            "spec/twiml/voice.yaml:3:3: enum `call_event` has no values",
            "spec/twiml/voice.yaml:3:24: `values` must be a list, found `initiated`",
        ]
    );
    // Variants are made as for REST enums.
    let text = BASE.replace("[initiated, answered]", "[initiated, answered, \"--\"]");
    assert_eq!(
        errors(&text),
        vec!["spec/twiml/voice.yaml:3:37: enum value `--` gives no usable Rust name"]
    );
    let text = BASE.replace("      voice: string", "      voice: {type: string, doc: [a]}");
    assert_eq!(
        errors(&text),
        vec!["spec/twiml/voice.yaml:11:34: `doc` must be a string, found a list"]
    );
}

#[test]
fn rust_names_of_wire_names() {
    assert_eq!(method_name("statusCallbackEvent"), "status_callback_event");
    assert_eq!(method_name("xml:lang"), "xml_lang");
    assert_eq!(method_name("interpret-as"), "interpret_as");
    assert_eq!(method_name("for"), "for_");
    assert_eq!(method_name("loop"), "loop_");
    assert_eq!(method_name("break"), "break_");
    assert_eq!(method_name("from"), "from");
    assert_eq!(method_name("say-as"), "say_as");
}

#[test]
fn emits_one_file_per_description_plus_mod() {
    let d = load_str(FILE, BASE).unwrap_or_else(|e| panic!("{e:?}"));
    let files = emit::files(&[d]).unwrap_or_else(|e| panic!("{e}"));
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "generated/src/generated/twiml_verbs/mod.rs",
            "generated/src/generated/twiml_verbs/voice.rs"
        ]
    );
    let voice = &files[1].contents;
    assert!(voice.starts_with("// @generated by twilio-codegen from spec/twiml/voice.yaml."));
    for expected in [
        "pub struct VoiceResponse",
        "pub enum DialChild",
        "impl From<Number> for DialChild",
        "pub fn number(self, child: Number) -> Self",
        "pub fn status_callback_event(mut self, value: &[CallEvent]) -> Self",
        "self.attrs.set(0, \"statusCallbackEvent\", crate::twiml::words(value));",
        "impl crate::twiml::Document for VoiceResponse {}",
        "Text(String),",
    ] {
        assert!(voice.contains(expected), "missing `{expected}` in:\n{voice}");
    }
    // Only the root is a document.
    assert_eq!(voice.matches("impl crate::twiml::Document for").count(), 1);
    assert_eq!(emit::files(&[]).map(|f| f.len()), Ok(0));
}

#[test]
fn the_real_descriptions_load() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec").join(SPEC_DIR);
    let files = generate(&dir).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(files.len(), 3);
    assert_eq!(generate(&dir.join("missing")), Ok(Vec::new()));
}
