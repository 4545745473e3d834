//! Exact XML of the TwiML builders and the writer.

use super::messaging::{Body, Media, Message, MessagingResponse};
use super::voice::*;
use super::{Document, Element, Raw, XmlWriter};
use crate::{Decimal, HttpMethod};

const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

fn doc(body: &str) -> String {
    format!("{DECL}{body}")
}

#[test]
fn reference_example() {
    let response =
        VoiceResponse::new()
            .say(Say::new("Hello").language("en-US").voice("alice"))
            .dial(Dial::new().caller_id("+15017122661").number(
                Number::new("+15558675310").status_callback_event(&[CallEvent::Initiated, CallEvent::Answered]),
            ));
    // Attributes follow the description's order (voice before language), not call order.
    assert_eq!(
        response.to_xml(),
        doc("<Response><Say voice=\"alice\" language=\"en-US\">Hello</Say>\
             <Dial callerId=\"+15017122661\">\
             <Number statusCallbackEvent=\"initiated answered\">+15558675310</Number>\
             </Dial></Response>")
    );
    assert_eq!(response.to_string(), response.to_xml());
    assert_eq!(Document::to_xml(&response), response.to_xml());
}

#[test]
fn empty_responses() {
    assert_eq!(VoiceResponse::new().to_xml(), doc("<Response/>"));
    assert_eq!(MessagingResponse::new().to_xml(), doc("<Response/>"));
    assert_eq!(VoiceResponse::default().to_xml_fragment(), "<Response/>");
}

#[test]
fn empty_elements_are_self_closing() {
    let response = VoiceResponse::new()
        .hangup(Hangup::new())
        .leave(Leave::new())
        .echo(Echo::new())
        .record(Record::new())
        .gather(Gather::new());
    assert_eq!(
        response.to_xml_fragment(),
        "<Response><Hangup/><Leave/><Echo/><Record/><Gather/></Response>"
    );
}

#[test]
fn say_with_ssml_mixed_content() {
    let say = Say::new("Hi ")
        .voice("Polly.Joanna")
        .break_(SsmlBreak::new().strength(BreakStrength::XStrong).time("1s"))
        .text("there, ")
        .emphasis(SsmlEmphasis::new("really").level(EmphasisLevel::Strong))
        .lang(SsmlLang::new("bonjour").xml_lang("fr-FR"))
        .p(SsmlP::default()
            .s(SsmlS::new("One."))
            .s(SsmlS::new("Two ").w(SsmlW::new("read").role("amazon:VBD"))))
        .phoneme(SsmlPhoneme::new("pecan").alphabet(PhonemeAlphabet::Ipa).ph("pɪˈkɑːn"))
        .prosody(SsmlProsody::new("slowly").rate("80%").volume("+6dB").pitch("low"))
        .say_as(
            SsmlSayAs::new("12/25")
                .interpret_as(SayAsInterpret::Date)
                .format(SayAsFormat::Md),
        )
        .sub(SsmlSub::new("W3C").alias("World Wide Web Consortium"))
        .text(".");
    assert_eq!(
        say.to_xml_fragment(),
        "<Say voice=\"Polly.Joanna\">Hi <break strength=\"x-strong\" time=\"1s\"/>there, \
         <emphasis level=\"strong\">really</emphasis><lang xml:lang=\"fr-FR\">bonjour</lang>\
         <p><s>One.</s><s>Two <w role=\"amazon:VBD\">read</w></s></p>\
         <phoneme alphabet=\"ipa\" ph=\"pɪˈkɑːn\">pecan</phoneme>\
         <prosody volume=\"+6dB\" rate=\"80%\" pitch=\"low\">slowly</prosody>\
         <say-as interpret-as=\"date\" format=\"md\">12/25</say-as>\
         <sub alias=\"World Wide Web Consortium\">W3C</sub>.</Say>"
    );
}

#[test]
fn mixed_content_skips_empty_text() {
    assert_eq!(Say::new("").to_xml_fragment(), "<Say/>");
    assert_eq!(Say::new("").text("").to_xml_fragment(), "<Say/>");
    assert_eq!(
        SsmlEmphasis::default()
            .emphasis(SsmlEmphasis::new("deep"))
            .to_xml_fragment(),
        "<emphasis><emphasis>deep</emphasis></emphasis>"
    );
}

#[test]
fn gather_with_nested_verbs() {
    let response = VoiceResponse::new()
        .gather(
            Gather::new()
                .input(&[GatherInput::Speech, GatherInput::Dtmf])
                .action("/process")
                .method(HttpMethod::Get)
                .timeout(10)
                .num_digits(1)
                .action_on_empty_result(true)
                .barge_in(false)
                .say(Say::new("Press 1 for sales."))
                .child(Pause::new().length(2))
                .play(Play::new().text("https://example.com/menu.mp3").loop_(2)),
        )
        .say(Say::new("We didn't receive any input. Goodbye!"));
    assert_eq!(
        response.to_xml(),
        doc(
            "<Response><Gather input=\"speech dtmf\" action=\"/process\" method=\"GET\" timeout=\"10\" \
             numDigits=\"1\" bargeIn=\"false\" actionOnEmptyResult=\"true\">\
             <Say>Press 1 for sales.</Say><Pause length=\"2\"/>\
             <Play loop=\"2\">https://example.com/menu.mp3</Play></Gather>\
             <Say>We didn't receive any input. Goodbye!</Say></Response>"
        )
    );
}

#[test]
fn dial_with_nouns() {
    let dial = Dial::new()
        .record(DialRecord::RecordFromAnswerDual)
        .recording_status_callback_event(&[RecordingEvent::InProgress, RecordingEvent::Completed])
        .answer_on_bridge(true)
        .ring_tone(RingTone::UsOld)
        .number(
            Number::new("+15558675310")
                .send_digits("wwww1928")
                .status_callback_event(&[
                    CallEvent::Initiated,
                    CallEvent::Ringing,
                    CallEvent::Answered,
                    CallEvent::Completed,
                ])
                .status_callback("https://example.com/events")
                .status_callback_method(HttpMethod::Post)
                .machine_detection(MachineDetection::Enable),
        )
        .conference(
            Conference::new("Room 1234")
                .beep(ConferenceBeep::OnEnter)
                .start_conference_on_enter(true)
                .status_callback_event(&[ConferenceEvent::Start, ConferenceEvent::Join]),
        )
        .queue(Queue::new("support").url("about_to_connect.xml"))
        .sip(Sip::new("sip:kate@example.com").username("admin").password("1234"))
        .sim(Sim::new("DE8caa2afb9d5279926619c458dc7098a8"));
    assert_eq!(
        dial.to_xml_fragment(),
        "<Dial record=\"record-from-answer-dual\" recordingStatusCallbackEvent=\"in-progress completed\" \
         answerOnBridge=\"true\" ringTone=\"us-old\">\
         <Number sendDigits=\"wwww1928\" statusCallbackEvent=\"initiated ringing answered completed\" \
         statusCallback=\"https://example.com/events\" statusCallbackMethod=\"POST\" \
         machineDetection=\"Enable\">+15558675310</Number>\
         <Conference beep=\"onEnter\" startConferenceOnEnter=\"true\" statusCallbackEvent=\"start join\">Room 1234</Conference>\
         <Queue url=\"about_to_connect.xml\">support</Queue>\
         <Sip username=\"admin\" password=\"1234\">sip:kate@example.com</Sip>\
         <Sim>DE8caa2afb9d5279926619c458dc7098a8</Sim></Dial>"
    );
    // Text content instead of a noun.
    assert_eq!(
        Dial::new().text("415-123-4567").to_xml_fragment(),
        "<Dial>415-123-4567</Dial>"
    );
}

#[test]
fn client_with_identity_and_parameters() {
    let client = Client::new()
        .status_callback_event(&[CallEvent::Ringing])
        .identity(Identity::new("user_jane"))
        .parameter(Parameter::new().name("FirstName").value("Jane"))
        .parameter(Parameter::new().name("LastName").value("Doe"));
    assert_eq!(
        VoiceResponse::new().dial(Dial::new().client(client)).to_xml_fragment(),
        "<Response><Dial><Client statusCallbackEvent=\"ringing\"><Identity>user_jane</Identity>\
         <Parameter name=\"FirstName\" value=\"Jane\"/><Parameter name=\"LastName\" value=\"Doe\"/>\
         </Client></Dial></Response>"
    );
    assert_eq!(Client::new().text("joey").to_xml_fragment(), "<Client>joey</Client>");
}

#[test]
fn connect_stream_with_parameters() {
    let response = VoiceResponse::new().connect(
        Connect::new().action("https://example.com/after").stream(
            Stream::new()
                .url("wss://example.com/audiostream")
                .track(StreamTrack::InboundTrack)
                .parameter(Parameter::new().name("aCustomParameter").value("aCustomValue")),
        ),
    );
    assert_eq!(
        response.to_xml(),
        doc("<Response><Connect action=\"https://example.com/after\">\
             <Stream url=\"wss://example.com/audiostream\" track=\"inbound_track\">\
             <Parameter name=\"aCustomParameter\" value=\"aCustomValue\"/></Stream></Connect></Response>")
    );
}

#[test]
fn start_and_stop_stream() {
    let response = VoiceResponse::new()
        .start(
            Start::new().stream(
                Stream::new()
                    .name("Example Audio Stream")
                    .url("wss://example.com/audiostream")
                    .track(StreamTrack::BothTracks)
                    .status_callback("https://example.com/stream-status"),
            ),
        )
        .say(Say::new("The stream has started."))
        .stop(Stop::new().stream(Stream::new().name("Example Audio Stream")));
    assert_eq!(
        response.to_xml_fragment(),
        "<Response><Start><Stream name=\"Example Audio Stream\" url=\"wss://example.com/audiostream\" \
         track=\"both_tracks\" statusCallback=\"https://example.com/stream-status\"/></Start>\
         <Say>The stream has started.</Say>\
         <Stop><Stream name=\"Example Audio Stream\"/></Stop></Response>"
    );
}

#[test]
fn pay_with_prompts() {
    let pay = Pay::new()
        .payment_connector("Stripe")
        .charge_amount(Decimal::new("10.00"))
        .valid_card_types(&[CardType::Visa, CardType::Mastercard, CardType::DinersClub])
        .security_code(false)
        .prompt(
            Prompt::new()
                .for_(PromptFor::PaymentCardNumber)
                .error_type(&[PromptError::InvalidCardNumber, PromptError::Timeout])
                .attempt(&[1, 2])
                .say(Say::new("Please enter your card number."))
                .pause(Pause::new()),
        )
        .parameter(Parameter::new().name("order").value("42"));
    assert_eq!(
        VoiceResponse::new().pay(pay).to_xml_fragment(),
        "<Response><Pay securityCode=\"false\" paymentConnector=\"Stripe\" chargeAmount=\"10.00\" \
         validCardTypes=\"visa mastercard diners-club\">\
         <Prompt for=\"payment-card-number\" errorType=\"invalid-card-number timeout\" attempt=\"1 2\">\
         <Say>Please enter your card number.</Say><Pause/></Prompt>\
         <Parameter name=\"order\" value=\"42\"/></Pay></Response>"
    );
}

#[test]
fn enqueue_refer_reject_redirect() {
    let response = VoiceResponse::new()
        .enqueue(
            Enqueue::new()
                .workflow_sid("WW0123456789abcdef0123456789abcdef")
                .task(Task::new("{\"selected_language\": \"es\"}").priority(5)),
        )
        .refer(Refer::new().action("/done").sip(ReferSip::new("sip:alice@example.com")))
        .reject(Reject::new().reason(RejectReason::Busy))
        .redirect(Redirect::new("https://example.com/next").method(HttpMethod::Post));
    assert_eq!(
        response.to_xml_fragment(),
        "<Response><Enqueue workflowSid=\"WW0123456789abcdef0123456789abcdef\">\
         <Task priority=\"5\">{\"selected_language\": \"es\"}</Task></Enqueue>\
         <Refer action=\"/done\"><Sip>sip:alice@example.com</Sip></Refer>\
         <Reject reason=\"busy\"/><Redirect method=\"POST\">https://example.com/next</Redirect></Response>"
    );
}

#[test]
fn message_with_body_and_media() {
    let response = MessagingResponse::new().message(
        Message::new()
            .to("+15558675310")
            .from("+15017122661")
            .action("https://example.com/status")
            .body(Body::new("Store Location: 123 Easy St."))
            .media(Media::new("https://demo.twilio.com/owl.png")),
    );
    assert_eq!(
        response.to_xml(),
        doc(
            "<Response><Message to=\"+15558675310\" from=\"+15017122661\" action=\"https://example.com/status\">\
             <Body>Store Location: 123 Easy St.</Body>\
             <Media>https://demo.twilio.com/owl.png</Media></Message></Response>"
        )
    );
    let simple = MessagingResponse::new()
        .message(Message::new().text("Thanks!"))
        .redirect(super::messaging::Redirect::new("https://example.com/next"));
    assert_eq!(
        simple.to_xml_fragment(),
        "<Response><Message>Thanks!</Message><Redirect>https://example.com/next</Redirect></Response>"
    );
}

#[test]
fn escaping_in_text_and_attributes() {
    let say = Say::new("Tom & Jerry <3 \"quotes\" 'apostrophes' > done")
        .voice("a&b<c>d\"e'f")
        .language("tab\there\nline\rcr");
    assert_eq!(
        say.to_xml_fragment(),
        "<Say voice=\"a&amp;b&lt;c&gt;d&quot;e&apos;f\" language=\"tab&#9;here&#10;line&#13;cr\">\
         Tom &amp; Jerry &lt;3 \"quotes\" 'apostrophes' &gt; done</Say>"
    );
    // Characters XML cannot carry are dropped; other text (including non-ASCII) is kept as is.
    assert_eq!(
        Say::new("a\u{0}b\u{1b}c\u{FFFF}d – ünïcödé 🎉\tx\ny").to_xml_fragment(),
        "<Say>abcd – ünïcödé 🎉\tx\ny</Say>"
    );
    assert_eq!(
        Body::new("line\r\nbreak").to_xml_fragment(),
        "<Body>line&#13;\nbreak</Body>"
    );
}

#[test]
fn special_attribute_names() {
    assert_eq!(
        SsmlLang::new("hola").xml_lang("es-ES").to_xml_fragment(),
        "<lang xml:lang=\"es-ES\">hola</lang>"
    );
    assert_eq!(
        SsmlSayAs::new("911")
            .interpret_as(SayAsInterpret::Telephone)
            .to_xml_fragment(),
        "<say-as interpret-as=\"telephone\">911</say-as>"
    );
    assert_eq!(
        Prompt::new().for_(PromptFor::ExpirationDate).to_xml_fragment(),
        "<Prompt for=\"expiration-date\"/>"
    );
    assert_eq!(
        Message::new().from("+15017122661").to_xml_fragment(),
        "<Message from=\"+15017122661\"/>"
    );
}

#[test]
fn attribute_order_and_overwrite() {
    let number = Number::new("+1")
        .method(HttpMethod::Get)
        .url("/a")
        .attr("zzz", "1")
        .attr("aaa", "2")
        .url("/b")
        .attr("method", "POST")
        .attr("zzz", "3");
    // Known attributes in declaration order (`url` before `method`), then unknown ones in the
    // order first set; setting an attribute again replaces it in place.
    assert_eq!(
        number.to_xml_fragment(),
        "<Number url=\"/b\" method=\"POST\" zzz=\"3\" aaa=\"2\">+1</Number>"
    );
    // A known setter after `attr` with the same name replaces the value too.
    let pause = Pause::new().attr("length", "1").length(3);
    assert_eq!(pause.to_xml_fragment(), "<Pause length=\"3\"/>");
    // Empty strings are written, not dropped.
    assert_eq!(
        Gather::new().finish_on_key("").to_xml_fragment(),
        "<Gather finishOnKey=\"\"/>"
    );
}

#[test]
fn enums_accept_unknown_values() {
    let dial = Dial::new()
        .ring_tone(RingTone::Other("xx".into()))
        .record("record-from-somewhere".into());
    assert_eq!(
        dial.to_xml_fragment(),
        "<Dial record=\"record-from-somewhere\" ringTone=\"xx\"/>"
    );
    assert_eq!(CallEvent::from("answered"), CallEvent::Answered);
    assert_eq!(BreakStrength::None.as_str(), "none");
}

#[test]
fn raw_escape_hatch() {
    let raw = Raw::new("Future Verb<>")
        .attr("bad name", "v")
        .attr("ok", "1 & 2")
        .text("a < b")
        .child(Say::new("inside"))
        .child(Raw::new("Empty"));
    assert_eq!(
        raw.to_xml_fragment(),
        "<Future_Verb__ bad_name=\"v\" ok=\"1 &amp; 2\">a &lt; b<Say>inside</Say><Empty/></Future_Verb__>"
    );
    assert_eq!(Raw::new("").to_xml_fragment(), "<_/>");
    assert_eq!(Raw::new("9lives").to_xml_fragment(), "<_lives/>");
    // Elements without children of their own still accept raw ones.
    assert_eq!(
        Pause::new().child(Raw::new("X")).to_xml_fragment(),
        "<Pause><X/></Pause>"
    );
    // A raw element can hold a whole typed subtree.
    let gather = Gather::new().say(Say::new("x"));
    assert_eq!(
        VoiceResponse::new()
            .child(Raw::new("Wrapper").child(&gather))
            .to_xml_fragment(),
        "<Response><Wrapper><Gather><Say>x</Say></Gather></Wrapper></Response>"
    );
}

#[test]
fn writer_primitives() {
    let mut w = XmlWriter::new();
    w.declaration();
    w.open("A");
    w.attr("k", "<&>");
    w.close_start();
    w.text("t");
    w.open("B");
    w.close_empty();
    w.end("A");
    assert_eq!(w.as_str(), format!("{DECL}<A k=\"&lt;&amp;&gt;\">t<B/></A>"));
}

#[test]
fn builders_are_values() {
    let base = Say::new("a").voice("alice");
    let louder = base.clone().loop_(3);
    assert_ne!(base, louder);
    assert_eq!(base, Say::new("a").voice("alice"));
    assert!(format!("{louder:?}").contains("loop"));
}
