//! `partreg programme`: the reporting programme, and its dates as a
//! calendar.

use anyhow::Context;

use super::{Env, Outcome};
use crate::cli::{GlobalArgs, ProgrammeArgs, ReportFormat};
use crate::render::{document, programme as out};
use crate::reports::programme;
use crate::store::register::{self, LoadOptions};

pub fn run(env: &mut Env<'_>, global: &GlobalArgs, args: &ProgrammeArgs) -> anyhow::Result<Outcome> {
    let project = env.project(global)?;
    let as_of = Env::load_options(global).as_of;
    let register = register::load_trimmed(&project, LoadOptions { as_of }, programme::shed_unshown);
    let year = programme::review_year(as_of, project.settings.review_year_end)
        .context("the review year that holds --as-of would end after the year 9999")?;
    let p = programme::build(register.valid(), project.settings.council.as_deref(), as_of, year);
    let format = args.out.format;
    // JSON and the calendar are written from the programme itself; every
    // other format from one document, with CSV's rows or people's.
    let doc = match format {
        ReportFormat::Json | ReportFormat::Ics => document::Document::default(),
        _ => out::document(&p, format == ReportFormat::Csv),
    };
    let width = if args.out.output.is_some() {
        None
    } else {
        env.stdout_width
    };
    let render = |w: &mut dyn std::io::Write| -> anyhow::Result<()> {
        match format {
            ReportFormat::Json => out::json(&p, w)?,
            ReportFormat::Ics => out::ics(&p, w)?,
            ReportFormat::Csv => document::csv(&doc, !args.out.no_bom, w)?,
            ReportFormat::Markdown => document::markdown(&doc, w)?,
            ReportFormat::Html => document::html(&doc, w)?,
            ReportFormat::Table => document::table(&doc, args.out.table.fit(width), args.out.table.ids(), w)?,
        }
        Ok(())
    };
    super::deliver_with(env, args.out.output.as_deref(), args.out.force, render)?;
    let outcome = env.left_out(&super::unreadable(&register))?;
    // The process ends next: the programme, its document and the register
    // are let go of whole rather than freed cell by cell (see `Register::leave`).
    std::mem::forget((p, doc));
    register.leave();
    Ok(outcome)
}
