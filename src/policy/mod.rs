//! The Partnership Policy as code: the Appendix A fields as officers meet
//! them ([`fields`]), the Appendix B rubric kept as data ([`rubric`]), rating
//! one partnership by it ([`assessment`]), and the rules that weigh one part
//! of an entry against another ([`rules`]).
//!
//! Everything here is pure: it takes decoded entries and returns ratings or
//! findings; reading files is [`crate::store`]'s job and printing is
//! [`crate::render`]'s.

pub mod assessment;
pub mod fields;
pub mod flag_hints;
pub mod rubric;
pub mod rubric_limits;
pub mod rules;
