//! TwiML: the XML documents your app returns to Twilio (feature `twiml`).
//!
//! When a call comes in or a message arrives, Twilio asks your app what to do next, and your
//! app answers with a TwiML document: a `<Response>` holding verbs such as `<Say>` or
//! `<Dial>`. This module builds those documents.
//!
//! - [`voice`]: [`voice::VoiceResponse`] and the verbs and nouns for calls (`<Say>` with SSML,
//!   `<Gather>`, `<Dial>`, `<Connect>`, `<Pay>`, …).
//! - [`messaging`]: [`messaging::MessagingResponse`], `<Message>` and `<Redirect>`.
//!
//! The builders are generated from the TwiML description in `spec/twiml/`; this module holds
//! the hand-written part: the XML writer, the [`Element`] and [`Document`] traits, and the
//! [`Raw`] escape hatch.
//!
//! ```
//! use twilio::twiml::voice::{CallEvent, Dial, Number, Say, VoiceResponse};
//!
//! let response = VoiceResponse::new()
//!     .say(Say::new("Hello").voice("alice").language("en-US"))
//!     .dial(
//!         Dial::new().caller_id("+15017122661").number(
//!             Number::new("+15558675310")
//!                 .status_callback_event(&[CallEvent::Initiated, CallEvent::Answered]),
//!         ),
//!     );
//! assert_eq!(
//!     response.to_xml(),
//!     "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>\
//!      <Say voice=\"alice\" language=\"en-US\">Hello</Say>\
//!      <Dial callerId=\"+15017122661\">\
//!      <Number statusCallbackEvent=\"initiated answered\">+15558675310</Number>\
//!      </Dial></Response>"
//! );
//! ```
//!
//! # Nesting is checked by the compiler
//!
//! Every element accepts only the children TwiML allows there: `child` takes anything that
//! converts into the element's child enum (`GatherChild`, `DialChild`, …), and each allowed
//! child also has a method of its own (`.say(…)`, `.number(…)`). A `<Dial>` inside a
//! `<Gather>` does not compile:
//!
//! ```compile_fail,E0277
//! use twilio::twiml::voice::{Dial, Gather};
//!
//! let gather = Gather::new().child(Dial::new());
//! ```
//!
//! # Output
//!
//! - [`voice::VoiceResponse::to_xml`] (and `Display`) start with
//!   `<?xml version="1.0" encoding="UTF-8"?>`; [`Element::to_xml_fragment`] leaves it out.
//! - Attributes appear in the order of Twilio's documentation, whatever order the setters were
//!   called in; an attribute set twice keeps its last value. Booleans are `true`/`false`, lists
//!   are space-separated (`statusCallbackEvent="initiated answered"`).
//! - Text and attribute values are escaped; characters that XML 1.0 cannot carry at all
//!   (control characters other than tab, line feed and carriage return) are dropped.
//! - An element without text or children is written as `<Name/>`.
//!
//! # Escape hatch
//!
//! Twilio adds verbs and attributes faster than any library. Every element has
//! `.attr(name, value)` for attributes this crate does not know, and accepts a [`Raw`] element
//! as a child; [`Raw`] builds any element, with any attributes, text and children:
//!
//! ```
//! use twilio::twiml::voice::{Say, VoiceResponse};
//! use twilio::twiml::Raw;
//!
//! let response = VoiceResponse::new()
//!     .say(Say::new("Hi").attr("newAttribute", "yes"))
//!     .child(Raw::new("NewVerb").attr("mode", "fast").child(Say::new("inside")));
//! assert_eq!(
//!     response.to_string(),
//!     "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>\
//!      <Say newAttribute=\"yes\">Hi</Say>\
//!      <NewVerb mode=\"fast\"><Say>inside</Say></NewVerb></Response>"
//! );
//! ```

use std::borrow::Cow;

use crate::runtime::request::Scalar;

pub use crate::generated::twiml_verbs::{messaging, voice};

#[cfg(test)]
mod tests;

/// Something that writes itself as XML: every TwiML element, [`Raw`], and the child enums.
///
/// Implement it to emit markup of your own; pass the value to [`Raw::child`] to nest it.
pub trait Element {
    /// Appends this element (start tag, content, end tag) to `out`.
    fn write_xml(&self, out: &mut XmlWriter);

    /// This element as XML text, without the XML declaration.
    fn to_xml_fragment(&self) -> String {
        let mut out = XmlWriter::new();
        self.write_xml(&mut out);
        out.into_string()
    }
}

/// A complete TwiML document: a `<Response>` root ([`voice::VoiceResponse`],
/// [`messaging::MessagingResponse`]).
///
/// Useful for code that serves any kind of TwiML, such as a web framework response type.
pub trait Document: Element {
    /// The document as XML text, starting with the XML declaration.
    fn to_xml(&self) -> String {
        let mut out = XmlWriter::new();
        out.declaration();
        self.write_xml(&mut out);
        out.into_string()
    }
}

/// The media type to serve TwiML with.
pub const CONTENT_TYPE: &str = "text/xml; charset=utf-8";

/// Writes XML text: escapes content, keeps the output well formed as long as every
/// [`open`](XmlWriter::open) is matched by [`close_empty`](XmlWriter::close_empty), or by
/// [`close_start`](XmlWriter::close_start) and later [`end`](XmlWriter::end).
///
/// Element and attribute names are written as given; they must be valid XML names.
#[derive(Clone, Debug, Default)]
pub struct XmlWriter {
    out: String,
}

impl XmlWriter {
    /// An empty writer.
    pub fn new() -> Self {
        XmlWriter::default()
    }

    /// Writes `<?xml version="1.0" encoding="UTF-8"?>`.
    pub fn declaration(&mut self) {
        self.out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    }

    /// Starts a start tag: `<name`.
    pub fn open(&mut self, name: &str) {
        self.out.push('<');
        self.out.push_str(name);
    }

    /// Writes ` name="value"` inside a start tag, escaping the value.
    pub fn attr(&mut self, name: &str, value: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape_into(&mut self.out, value, true);
        self.out.push('"');
    }

    /// Ends a start tag of an element with content: `>`.
    pub fn close_start(&mut self) {
        self.out.push('>');
    }

    /// Ends a start tag of an element without content: `/>`.
    pub fn close_empty(&mut self) {
        self.out.push_str("/>");
    }

    /// Writes text content, escaping it.
    pub fn text(&mut self, text: &str) {
        escape_into(&mut self.out, text, false);
    }

    /// Writes an end tag: `</name>`.
    pub fn end(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// The XML written so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// The XML written.
    pub fn into_string(self) -> String {
        self.out
    }

    /// One whole element, as generated elements write themselves: attributes in order, then the
    /// text (if any), then the children; `<name …/>` when there is neither.
    pub(crate) fn element<C: Element>(&mut self, name: &str, attrs: &Attrs, text: Option<&str>, children: &[C]) {
        self.open(name);
        for attr in &attrs.0 {
            self.attr(&attr.name, &attr.value);
        }
        let text = text.filter(|t| !t.is_empty());
        if text.is_none() && children.is_empty() {
            self.close_empty();
            return;
        }
        self.close_start();
        if let Some(text) = text {
            self.text(text);
        }
        for child in children {
            child.write_xml(self);
        }
        self.end(name);
    }
}

/// Appends `text` to `out` with XML escaping. In attribute values, quotes are escaped and tab,
/// line feed and carriage return become character references (so that parsers do not
/// normalise them to spaces). Characters XML 1.0 forbids are dropped.
fn escape_into(out: &mut String, text: &str, attribute: bool) {
    let mut rest = text;
    while let Some(at) = rest.find(|c: char| needs_escape(c, attribute)) {
        out.push_str(&rest[..at]);
        let c = rest[at..].chars().next().unwrap_or_default();
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            _ => {} // forbidden in XML 1.0: dropped
        }
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
}

fn needs_escape(c: char, attribute: bool) -> bool {
    match c {
        '&' | '<' | '>' | '\r' => true,
        '"' | '\'' | '\t' | '\n' => attribute,
        '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => true,
        _ => false,
    }
}

/// A valid XML name made from `name`: characters that cannot appear in a name become `_`.
fn xml_name(name: String) -> String {
    let valid = |i: usize, c: char| {
        c.is_alphanumeric() && !(i == 0 && c.is_numeric())
            || matches!(c, '_' | ':')
            || (i > 0 && matches!(c, '-' | '.'))
            || (!c.is_ascii() && !c.is_control() && !c.is_whitespace() && c != '\u{FFFE}' && c != '\u{FFFF}')
    };
    if !name.is_empty() && name.chars().enumerate().all(|(i, c)| valid(i, c)) {
        return name;
    }
    let cleaned: String = name
        .chars()
        .enumerate()
        .map(|(i, c)| if valid(i, c) { c } else { '_' })
        .collect();
    if cleaned.is_empty() {
        "_".to_owned()
    } else {
        cleaned
    }
}

/// The attributes of one element, kept in declaration order (`rank`), with attributes added
/// through `attr` after the known ones, in the order they were first set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Attrs(Vec<Attr>);

#[derive(Clone, Debug, PartialEq, Eq)]
struct Attr {
    rank: u16,
    name: Cow<'static, str>,
    value: String,
}

impl Attrs {
    /// Sets a known attribute; `rank` is its position in the element's declaration.
    pub(crate) fn set(&mut self, rank: u16, name: &'static str, value: String) {
        self.insert(rank, Cow::Borrowed(name), value);
    }

    /// Sets an attribute by name (the escape hatch). A name the element declares replaces that
    /// attribute's value, in its place.
    pub(crate) fn set_custom(&mut self, name: String, value: String) {
        let name = xml_name(name);
        let rank = self.0.iter().find(|a| a.name == name).map_or(u16::MAX, |a| a.rank);
        self.insert(rank, Cow::Owned(name), value);
    }

    fn insert(&mut self, rank: u16, name: Cow<'static, str>, value: String) {
        if let Some(existing) = self.0.iter_mut().find(|a| a.name == name) {
            existing.value = value;
            return;
        }
        let at = self.0.iter().position(|a| a.rank > rank).unwrap_or(self.0.len());
        self.0.insert(at, Attr { rank, name, value });
    }
}

/// The wire text of an attribute value.
pub(crate) fn wire<T: Scalar + ?Sized>(value: &T) -> String {
    value.to_wire().into_owned()
}

/// A list attribute: the values separated by spaces.
pub(crate) fn words<T: Scalar>(values: &[T]) -> String {
    let mut out = String::new();
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&value.to_wire());
    }
    out
}

/// Any element, for verbs, nouns and attributes this crate does not know yet (the equivalent of
/// `add_child` in Twilio's other libraries).
///
/// Every TwiML element accepts a `Raw` child. Names are made valid XML names (characters that
/// cannot appear in one become `_`); text and attribute values are escaped as usual.
///
/// ```
/// use twilio::twiml::{Element, Raw};
///
/// let raw = Raw::new("Echo").attr("note", "a \"quote\"").text("1 < 2");
/// assert_eq!(raw.to_xml_fragment(), "<Echo note=\"a &quot;quote&quot;\">1 &lt; 2</Echo>");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Raw {
    name: String,
    attrs: Attrs,
    /// Text and children, already written as XML.
    content: String,
}

impl Raw {
    /// An element named `name`, without attributes or content.
    pub fn new(name: impl Into<String>) -> Self {
        Raw {
            name: xml_name(name.into()),
            attrs: Attrs::default(),
            content: String::new(),
        }
    }

    /// Sets an attribute (a second call with the same name replaces the value).
    pub fn attr(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.attrs.set_custom(name.into(), value.into());
        self
    }

    /// Appends text content.
    pub fn text(mut self, text: impl AsRef<str>) -> Self {
        escape_into(&mut self.content, text.as_ref(), false);
        self
    }

    /// Appends a child element: a generated TwiML element, another `Raw`, or anything that
    /// implements [`Element`].
    pub fn child(mut self, child: impl Element) -> Self {
        let mut out = XmlWriter {
            out: std::mem::take(&mut self.content),
        };
        child.write_xml(&mut out);
        self.content = out.into_string();
        self
    }
}

impl Element for Raw {
    fn write_xml(&self, out: &mut XmlWriter) {
        out.open(&self.name);
        for attr in &self.attrs.0 {
            out.attr(&attr.name, &attr.value);
        }
        if self.content.is_empty() {
            out.close_empty();
        } else {
            out.close_start();
            out.out.push_str(&self.content);
            out.end(&self.name);
        }
    }
}

impl<T: Element + ?Sized> Element for &T {
    fn write_xml(&self, out: &mut XmlWriter) {
        (**self).write_xml(out)
    }
}
