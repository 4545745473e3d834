//! Hand-written runtime shared by every generated product module.

pub mod client;
pub mod error;
pub mod paging;
pub mod request;
pub mod transport;
pub mod types;
