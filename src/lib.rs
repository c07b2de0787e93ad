//! dealtrack: reads news articles (Vietnamese, German, English) and tracks the deals, contracts and
//! announced totals they report.
//!
//! Pipeline stages, one module each: [`read`] → [`segment`] → [`amount`] → [`deal`] →
//! [`reconcile`] → [`render`]. Language data lives in [`lang`]; shared records in [`model`].

pub mod amount;
pub mod deal;
pub mod entity;
pub mod error;
pub mod lang;
pub mod model;
pub mod pipeline;
pub mod read;
pub mod render;
pub mod sector;
pub mod segment;
pub mod text;
