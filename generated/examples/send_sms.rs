//! Sends one SMS, as in Twilio's REST API overview.
//!
//! ```sh
//! export TWILIO_ACCOUNT_SID=AC… TWILIO_AUTH_TOKEN=…
//! cargo run -p twilio-rust --example send_sms -- +15558675310 +15017122661
//! ```
//! The first argument is the recipient, the second a Twilio number of yours.

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(to), Some(from)) = (args.next(), args.next()) else {
        eprintln!("usage: send_sms <to> <from>   (E.164 numbers, e.g. +15558675310)");
        std::process::exit(2);
    };

    // Credentials come from TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.
    let client = twilio::Client::from_env()?;

    let message = client
        .api()
        .v2010()
        .messages()
        .create(to)
        .from(from)
        .body("This is the ship that made the Kessel Run in fourteen parsecs?")
        .await?;

    println!("sent {} (status {:?})", message.sid.unwrap_or_default(), message.status);
    Ok(())
}
