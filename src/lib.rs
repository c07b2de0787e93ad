//! dealtrack: reads news articles (Vietnamese, German, English) and tracks the deals, contracts and
//! announced totals they report.
//!
//! Pipeline stages, one module each: [`read`] → [`segment`] → [`amount`] → [`deal`] →
//! [`track`] (one deal across sources) → [`reconcile`] (totals) and [`summary`] → [`render`]
//! (CSV, JSON, tables, reports). Language data lives in [`lang`]; shared records in [`model`];
//! currency conversion in [`fx`]; how numbers are written in [`number`]; lexicon files in
//! [`tables`]; [`pipeline`] runs the stages over many documents in parallel and pushes the
//! results, in order, into a [`sink::Sink`] that decides the format.

pub mod amount;
pub mod deal;
pub mod dealfile;
pub mod entity;
pub mod error;
pub mod fx;
pub mod html;
pub mod lang;
pub mod ledger;
pub mod lexicons;
pub mod model;
pub mod models;
pub mod number;
pub mod pipeline;
pub mod read;
pub mod reconcile;
pub mod render;
pub mod report;
pub mod sector;
pub mod segment;
pub mod sink;
pub mod summary;
pub mod tables;
pub mod text;
pub mod track;
pub mod warc;
