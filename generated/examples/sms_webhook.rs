//! A webhook server for incoming SMS: it accepts only requests signed by Twilio and answers
//! with TwiML.
//!
//! ```sh
//! export TWILIO_AUTH_TOKEN=…
//! # Public URL configured as the number's messaging webhook, e.g. behind ngrok:
//! export PUBLIC_URL=https://example.ngrok.app
//! cargo run -p twilio-rust --features axum --example sms_webhook
//! ```
//! Without `PUBLIC_URL` the URL is rebuilt from the request's `Host` header (https assumed).

use axum::routing::post;
use axum::Router;
use twilio::twiml::messaging::{Message, MessagingResponse};
use twilio::webhook::axum::{TwilioWebhook, Twiml, WebhookConfig};
use twilio::webhook::signature::{PublicUrl, RequestValidator};
use twilio::webhook::IncomingMessage;

/// The whole app, so that tests can drive it without a socket.
pub fn app(config: WebhookConfig) -> Router {
    Router::new().route("/sms", post(incoming_sms)).with_state(config)
}

async fn incoming_sms(TwilioWebhook(sms): TwilioWebhook<IncomingMessage>) -> Twiml {
    let from = sms.from.as_deref().unwrap_or("unknown sender");
    let reply = match (sms.body.as_deref(), sms.media.len()) {
        (_, 0) => format!("Thanks {from}, we got your message."),
        (_, n) => format!("Thanks {from}, we got your message and {n} attachment(s)."),
    };
    MessagingResponse::new().message(Message::new().text(reply)).into()
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let token = std::env::var("TWILIO_AUTH_TOKEN").map_err(|_| "set TWILIO_AUTH_TOKEN")?;
    let mut config = WebhookConfig::new(RequestValidator::new(token));
    if let Ok(public) = std::env::var("PUBLIC_URL") {
        config = config.public_url(PublicUrl::base_url(&public)?);
    }
    let address = std::env::var("LISTEN").unwrap_or_else(|_| "127.0.0.1:3000".to_owned());
    let listener = tokio::net::TcpListener::bind(&address).await?;
    println!("listening on http://{address}/sms");
    axum::serve(listener, app(config)).await?;
    Ok(())
}
