pub mod fault;
pub mod prism;
pub mod support;
#[rustfmt::skip]
pub mod samples;

/// The README's Rust snippets, compiled as doc tests of this crate (`cargo test -p twilio-e2e
/// --doc`): each is a complete program, as a newcomer would paste it.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeSnippets;
