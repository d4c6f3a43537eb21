//! The policy's documents as data, computed once and printed by
//! [`crate::render`] in every format: the annual review pack ([`review`]),
//! what changed since an earlier git revision ([`history`]), and the
//! Partnership Register as a document, one row per partnership
//! ([`listing`]).

pub mod appointments;
pub mod history;
pub mod listing;
pub mod programme;
pub mod register_book;
pub mod review;
