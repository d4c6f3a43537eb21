//! The flags of `partreg add`: one for every key of an entry, in the order
//! of Appendix A, so that a whole entry can be scripted.

use clap::Args;
use std::path::PathBuf;

use super::{GlobalArgs, values};
use crate::model;

pub(super) const ADD_HELP: &str = "\
On a terminal, partreg first asks whether this is a partnership under the
policy at all, then asks, in the policy's order and with its guidance, for
everything the chosen status needs to pass `partreg check --strict`,
checking each answer as you type it: for an active partnership also the
representatives' dates, the reporting programme, the decision to join, the
Appendix B ratings and the latest review; one being left gets the
exit-strategy questions; the Appendix C questions can be skipped, answered
all or by section. Esc goes back one question. At the end partreg shows the
file: save it, change any answer, or stop. Stopping (or Ctrl-C) writes no
entry and keeps your answers as a draft in .partreg/drafts/; continue it
with `partreg add --resume`.

With --no-input (implied when there is no terminal or CI is set) nothing is
asked: every required field must come from flags or --from, and partreg
lists every one that is missing.

The id is made from the name (dereham-market-town-partnership) unless --id
is given. An id already on the register, in any folder and in any case, is
refused, and so is a name already there: an existing file is never
overwritten and no partnership is added twice.

Examples:
  partreg add
  partreg add --no-input --name \"Dereham Market Town Partnership\" \\
      --lead-partner \"Breckland Council\" --function \"Town centre improvements\" \\
      --kind operational --statutory false \\
      --governance formal-legal --role influence --meeting-frequency quarterly \\
      --staff-hours-per-month 6 --budget-contribution-gbp 12000 \\
      --exit-impact \"Short-term disruption\" --value-summary \"Shared contracts\" \\
      --information-sharing \"Minutes to the portfolio holder\" --dry-run
  partreg add --from draft.toml --status active --representative \"Cllr Ann Brown:member:Chair\"";

/// `partreg add`: every key of an entry has a flag.
#[derive(Debug, Default, Args)]
pub struct AddArgs {
    /// Partnership Name.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = values::text())]
    pub name: Option<String>,
    /// The lead partner organisation.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = values::text())]
    pub lead_partner: Option<String>,
    /// Another organisation in the partnership (repeatable).
    #[arg(long = "partner", value_name = "TEXT", allow_hyphen_values = true, value_parser = values::text())]
    pub partners: Vec<String>,
    /// proposed (default), active, exiting, exited or declined.
    #[arg(long, value_name = "STATUS", value_parser = values::of::<model::Status>())]
    pub status: Option<String>,
    /// The purpose of the partnership.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = values::text())]
    pub function: Option<String>,
    /// A key partnership objective (repeatable).
    #[arg(long = "objective", value_name = "TEXT", allow_hyphen_values = true, value_parser = values::text())]
    pub objectives: Vec<String>,
    /// strategic or operational.
    #[arg(long, value_name = "KIND", value_parser = values::of::<model::Kind>())]
    pub kind: Option<String>,
    /// Whether the council must attend by law: true or false.
    #[arg(long, value_name = "BOOL", value_parser = values::boolean())]
    pub statutory: Option<String>,
    /// statutory, formal-legal, non-legal or informal.
    #[arg(long, value_name = "KIND", value_parser = values::of::<model::Governance>())]
    pub governance: Option<String>,
    /// control, influence or information.
    #[arg(long, value_name = "ROLE", value_parser = values::of::<model::Role>())]
    pub role: Option<String>,
    /// weekly, fortnightly, monthly, bimonthly, quarterly, half-yearly, annually or ad-hoc.
    #[arg(long, value_name = "FREQUENCY", value_parser = values::of::<model::Frequency>())]
    pub meeting_frequency: Option<String>,
    /// A corporate priority code it helps deliver (repeatable).
    #[arg(long = "priority", value_name = "CODE")]
    pub priorities: Vec<String>,
    /// Estimated staff hours a month.
    #[arg(long, value_name = "HOURS", allow_hyphen_values = true, value_parser = values::text())]
    pub staff_hours_per_month: Option<String>,
    /// The council's contribution, whole pounds a year.
    #[arg(long, value_name = "POUNDS", allow_hyphen_values = true, value_parser = values::text())]
    pub budget_contribution_gbp: Option<String>,
    /// Whether the contribution is in existing budgets: true or false.
    #[arg(long, value_name = "BOOL", value_parser = values::boolean())]
    pub budgeted: Option<String>,
    /// The budget the contribution comes from.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = values::text())]
    pub budget_source: Option<String>,
    /// The impact or risk of leaving.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = values::text())]
    pub exit_impact: Option<String>,
    /// What the partnership brings the council.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = values::text())]
    pub value_summary: Option<String>,
    /// How information from the partnership is shared.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = values::text())]
    pub information_sharing: Option<String>,
    /// Comments and recommendations on future actions.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = values::text())]
    pub comments: Option<String>,
    /// When the council joined (2026-03-31 or 31/03/2026).
    #[arg(long, value_name = "DATE")]
    pub started: Option<String>,
    /// Where the terms of reference are kept (repeatable).
    #[arg(long = "document", value_name = "PATH-OR-URL")]
    pub documents: Vec<String>,
    // Help given as a string: rustdoc would read `[:position]` as a link.
    #[arg(
        long = "representative",
        value_name = "NAME:LEVEL[:POSITION]",
        help = "A council representative as \"Name:level[:position]\"; level is member, cmt, smt or officer (repeatable)."
    )]
    pub representatives: Vec<String>,
    /// The role expected of every --representative given (repeatable): communication-channel, community-leader, report-to-council, work-together, promote-cohesion, monitor-performance, management-support or strategic-planning.
    #[arg(long = "representative-role", value_name = "ROLE")]
    pub representative_roles: Vec<String>,
    /// The term of every --representative given: annual, four-year or open.
    #[arg(long, value_name = "TERM")]
    pub representative_term: Option<String>,
    /// Who appointed every --representative given: annual-council, council, executive, cmt or smt.
    #[arg(long, value_name = "BODY")]
    pub appointed_by: Option<String>,
    /// The Lead Officer, who reports issues of concern to CMT.
    #[arg(long, value_name = "NAME", allow_hyphen_values = true, value_parser = values::text())]
    pub lead_officer: Option<String>,
    /// How many places for Members the council has on the body (0 to 50).
    #[arg(long, value_name = "N", allow_hyphen_values = true, value_parser = values::text())]
    pub member_places: Option<String>,
    /// The case for joining: a ground (repeatable): synergy, clear-benefit, statutory-duty, common-purpose, coordinated-outcomes, more-than-sum, acceptable-risk or all-parties-agree.
    #[arg(long = "case-ground", value_name = "GROUND")]
    pub case_grounds: Vec<String>,
    /// The case for joining: does the partnership's work support and contribute to the Council's Corporate Policies? true or false.
    #[arg(long, value_name = "BOOL", value_parser = values::boolean())]
    pub case_supports_corporate_policies: Option<String>,
    /// The case for joining: does its work benefit residents, businesses and visitors to the district? true or false.
    #[arg(long, value_name = "BOOL", value_parser = values::boolean())]
    pub case_benefits_district: Option<String>,
    /// The case for joining: can it do what the Council needs efficiently, or better than the Council could alone? true or false.
    #[arg(long, value_name = "BOOL", value_parser = values::boolean())]
    pub case_better_than_alone: Option<String>,
    /// The case for joining: are there arrangements to monitor and report on how effective it is? true or false.
    #[arg(long, value_name = "BOOL", value_parser = values::boolean())]
    pub case_monitoring_in_place: Option<String>,
    /// A risk criterion, overall or rationale: KEY=LEVEL (repeatable).
    #[arg(long = "risk", value_name = "KEY=LEVEL")]
    pub risk: Vec<String>,
    /// A value criterion, overall or rationale: KEY=LEVEL (repeatable).
    #[arg(long = "value", value_name = "KEY=LEVEL")]
    pub value: Vec<String>,
    /// Reporting programme: how often it is reported on.
    #[arg(long, value_name = "FREQUENCY", value_parser = values::of::<model::Frequency>())]
    pub reporting_frequency: Option<String>,
    /// Reporting programme: who reports.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = values::text())]
    pub reporting_responsible: Option<String>,
    /// Reporting programme: cmt, cabinet, scrutiny, executive, council or portfolio-holder (several separated by commas).
    #[arg(long, value_name = "BODY")]
    pub reports_to: Option<String>,
    /// Reporting programme: when the last report was submitted (2026-03-31 or 31/03/2026).
    #[arg(long, value_name = "DATE")]
    pub last_report: Option<String>,
    /// Reporting programme: the assurance on reported data: verified, estimate or unverified.
    #[arg(long, value_name = "ASSURANCE")]
    pub data: Option<String>,
    /// Reporting programme: the caveat to print with estimated or unverified data.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = values::text())]
    pub caveat: Option<String>,
    /// Who approved joining: cmt, cabinet, executive or council.
    #[arg(long, value_name = "BODY", value_parser = values::of::<model::Approver>())]
    pub approval_by: Option<String>,
    /// When joining was approved (2026-03-31 or 31/03/2026).
    #[arg(long, value_name = "DATE")]
    pub approval_date: Option<String>,
    /// The Portfolio Holder consulted.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = values::text())]
    pub portfolio_holder: Option<String>,
    /// Exit strategy: a reason for leaving (repeatable).
    #[arg(long = "exit-reason", value_name = "REASON", value_parser = values::of::<model::ExitReason>())]
    pub exit_reasons: Vec<String>,
    /// Exit strategy: the risks of leaving.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = values::text())]
    pub exit_risks: Option<String>,
    /// Exit strategy: the controls that limit them.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true, value_parser = values::text())]
    pub exit_controls: Option<String>,
    /// Exit strategy: approved by cmt or executive.
    #[arg(long, value_name = "BODY", value_parser = values::of::<model::ExitApprover>())]
    pub exit_approved_by: Option<String>,
    /// Exit strategy: when it was approved (2026-03-31 or 31/03/2026).
    #[arg(long, value_name = "DATE")]
    pub exit_approved_on: Option<String>,
    /// Exit strategy: is the partnership particularly significant? true or false.
    #[arg(long, value_name = "BOOL", value_parser = values::boolean())]
    pub exit_significant: Option<String>,
    /// Exit strategy: has the Executive reviewed it? true or false.
    #[arg(long, value_name = "BOOL", value_parser = values::boolean())]
    pub exit_executive_reviewed: Option<String>,
    /// An Appendix C answer: KEY=TEXT, e.g. aims="…" (repeatable).
    #[arg(long = "question", value_name = "KEY=TEXT")]
    pub questions: Vec<String>,
    /// Read any of these fields from a TOML file first; flags win.
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// The id (file name) to use instead of one made from the name.
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// Put the file in this sub-folder of the register.
    #[arg(long, value_name = "SUB")]
    pub folder: Option<PathBuf>,
    /// Never ask questions; fail listing every missing field instead.
    #[arg(long)]
    pub no_input: bool,
    /// Print the file that would be written, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Continue a guided add that was stopped (its draft is in .partreg/drafts/).
    #[arg(long, conflicts_with = "no_input")]
    pub resume: bool,
    #[command(flatten)]
    pub global: GlobalArgs,
}
