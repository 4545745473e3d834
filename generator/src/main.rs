//! `twilio-codegen`: validate spec files, or print what would be generated.
//! The usual entry point is `cargo xtask codegen`, which also writes the files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(about = "Generate the Twilio Rust client from YAML specs")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate REST product spec files and report every problem with file:line:column
    /// (`list` validates a whole spec directory, webhooks and TwiML included).
    Check {
        /// Product spec files (`spec/<product>/<version>.yaml`) to validate.
        files: Vec<PathBuf>,
    },
    /// Validate and generate a whole spec directory, and list the files that would be written.
    List {
        #[arg(long, default_value = "spec")]
        spec: PathBuf,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check { files } => {
            let mut failed = false;
            for file in files {
                let shown = file.display().to_string();
                let result = std::fs::read_to_string(&file)
                    .map_err(|e| vec![format!("{shown}: cannot read: {e}")])
                    .and_then(|text| {
                        twilio_codegen::load_str(&shown, &text).map_err(|d| d.iter().map(ToString::to_string).collect())
                    });
                match result {
                    Ok(p) => println!("{shown}: ok ({} resources)", p.resources.len()),
                    Err(problems) => {
                        failed = true;
                        for p in problems {
                            eprintln!("{p}");
                        }
                    }
                }
            }
            if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::List { spec } => match twilio_codegen::generate(&spec) {
            Ok(output) => {
                for f in output.files {
                    println!("{} ({} bytes)", f.path, f.contents.len());
                }
                ExitCode::SUCCESS
            }
            Err(problems) => {
                for p in problems {
                    eprintln!("{p}");
                }
                ExitCode::FAILURE
            }
        },
    }
}
