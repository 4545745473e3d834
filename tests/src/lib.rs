pub mod prism;
pub mod support;
#[rustfmt::skip]
pub mod samples;
