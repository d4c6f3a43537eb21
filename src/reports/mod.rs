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

/// Sheds, on the loading thread, the text and tables that neither the
/// appointments list nor the reporting programme reads: each report's own
/// shed function ([`appointments::shed_unshown`],
/// [`programme::shed_unshown`]) starts here and sheds the rest it does not
/// show.
fn shed_common(e: &mut crate::model::Entry) {
    e.lead_partner = String::new();
    e.partners = Vec::new();
    e.function = String::new();
    e.objectives = Vec::new();
    e.priorities = Vec::new();
    e.budget_source = None;
    e.exit_impact = String::new();
    e.value_summary = String::new();
    e.information_sharing = String::new();
    e.comments = None;
    e.documents = Vec::new();
    e.lead_officer = None;
    e.risk = crate::model::Risk::default();
    e.value = crate::model::Value::default();
    e.approval = None;
    e.exit = None;
    e.case = None;
    e.concerns = Vec::new();
    e.questions = None;
}
