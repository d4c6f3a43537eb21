//! Output formats. Each renderer takes the data it shows and a writer, and
//! never decides what is true: computation happens before rendering.

pub mod check;
pub mod text;

pub use check::CheckReport;
