//! Where the register lives on disk, and every way partreg touches it:
//! finding the project ([`project`]) and loading its files ([`register`]), decoding each
//! file into the [`crate::model`] types while reporting every fault
//! ([`decode`]), and writing — new files laid out as a person would
//! ([`entry_file`]), format-preserving edits of existing ones ([`edit`]),
//! ids made from names ([`slug`]), names and ids that clash across files
//! ([`names`]), the one atomic write that every change goes through
//! ([`atomic`]), the one writer for changing an existing file without
//! losing anyone's update ([`change`]) and the locks that keep two
//! partregs apart ([`lock`]).
//!
//! Nothing here knows the policy's rules; those live in [`crate::policy`].

pub mod atomic;
pub mod change;
pub mod decode;
pub mod edit;
pub mod entry_file;
pub mod lock;
pub mod names;
pub mod project;
pub mod register;
pub mod repo_path;
pub mod slug;
