//! `cargo xtask soak`: the fault-injection soak of `tests/tests/soak.rs`, long and in release.
//!
//! The test itself does the work and prints the report (load, faults injected, outcomes, RSS,
//! connections); this only passes the size of the run through the environment variables the
//! test reads, so that CI and a long run share one piece of code.

use std::path::Path;
use std::process::Command;

pub fn run(root: &Path, requests: u64, concurrency: u64, seed: u64) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    println!("soak: {requests} calls at concurrency {concurrency}, seed {seed} (release build of twilio-e2e)");
    let status = Command::new(cargo)
        .current_dir(root)
        .args([
            "test",
            "-p",
            "twilio-e2e",
            "--release",
            "--test",
            "soak",
            "--",
            "--nocapture",
        ])
        .env("TWILIO_SOAK_REQUESTS", requests.to_string())
        .env("TWILIO_SOAK_CONCURRENCY", concurrency.to_string())
        .env("TWILIO_SOAK_SEED", seed.to_string())
        .status()
        .map_err(|e| format!("could not run cargo: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| format!("the soak failed ({status})"))
}
