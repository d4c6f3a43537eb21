//! Output formats. Each renderer takes the data it shows and a writer, and
//! never decides what is true: computation happens before rendering.

pub mod appointments;
pub mod assess;
pub mod check;
pub mod ci;
pub mod csv;
pub mod document;
pub mod excel_limits;
pub mod formats;
pub mod list;
pub mod markdown;
pub mod pipe;
pub mod print;
pub mod programme;
pub mod register_book;
pub mod review;
pub mod sanitize;
pub mod show;
pub mod table;
pub mod text;
pub mod wrap;

pub use check::CheckReport;
