//! TwiML builders on arbitrary strings (control characters, `]]>`, quotes, text from lossy
//! input) in text and attribute values: the document always parses as XML and gives the text
//! back unchanged, or the builder refuses it.

#![no_main]

use libfuzzer_sys::fuzz_target;
use twilio::twiml::messaging::{Message, MessagingResponse};
use twilio::twiml::voice::{Say, VoiceResponse};

fuzz_target!(|input: (String, String, String)| {
    let (text, to, said) = input;
    let sms = MessagingResponse::new().message(Message::new().text(text.clone()).to(to.clone()));
    check(&sms.to_xml(), &[&text, &to]);
    let call = VoiceResponse::new().say(Say::new(said.clone()));
    check(&call.to_xml(), &[&said]);
});

/// The document parses, and every string the builder was given (without the characters XML
/// cannot carry, which the writer must drop or replace) comes back in it.
fn check(xml: &str, given: &[&str]) {
    let document = match roxmltree::Document::parse(xml) {
        Ok(document) => document,
        Err(error) => panic!("not XML ({error}): {xml:?}"),
    };
    let found: Vec<String> = document
        .descendants()
        .flat_map(|node| {
            let text = node.text().map(str::to_owned);
            let attributes: Vec<String> = node.attributes().map(|a| a.value().to_owned()).collect();
            text.into_iter().chain(attributes)
        })
        .collect();
    for value in given {
        let carried: String = value.chars().filter(|&c| is_xml_char(c)).collect();
        if carried.is_empty() {
            continue;
        }
        assert!(
            found.iter().any(|f| f == &carried || f.contains(&carried)),
            "{carried:?} is not in {xml:?}"
        );
    }
}

/// XML 1.0 `Char`.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}
