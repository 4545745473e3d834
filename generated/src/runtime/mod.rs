//! Hand-written runtime shared by every generated product module.

pub mod builder;
pub mod client;
pub mod de;
pub mod error;
mod hosts;
pub mod json_input;
pub mod paging;
pub mod params;
pub mod request;
pub mod retry;
pub mod send;
pub mod transport;
pub mod types;
