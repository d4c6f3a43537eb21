//! `partreg appointments`: the list of outside bodies for Group Leaders and
//! Annual Council, or (`--by-person`) each representative's bodies.

use anyhow::bail;

use super::{Env, Outcome};
use crate::cli::{AppointmentsArgs, GlobalArgs, ReportFormat};
use crate::render::{appointments as out, document};
use crate::reports::appointments;
use crate::store::register::{self, LoadOptions};

pub fn run(env: &mut Env<'_>, global: &GlobalArgs, args: &AppointmentsArgs) -> anyhow::Result<Outcome> {
    let project = env.project(global)?;
    let as_of = Env::load_options(global).as_of;
    let calendar = &project.settings.calendar;
    let Some(when) = appointments::occasion(args.meeting, as_of, &calendar.annual_council, &calendar.elections) else {
        bail!(
            "there is no Annual Council on or after {as_of} in partreg.toml's [calendar]\n  hint: pass --meeting YYYY-MM-DD, or add the date to annual_council = [...] under [calendar]"
        );
    };
    if args.out.format == ReportFormat::Ics {
        bail!("--format ics is for `partreg programme`; use table, csv, json, markdown or html");
    }
    let register = register::load_trimmed(&project, LoadOptions { as_of }, appointments::shed_unshown);
    let list = appointments::build(register.valid(), project.settings.council.as_deref(), when);
    let people = args.by_person.then(|| appointments::by_person(register.valid()));
    let format = args.out.format;
    // JSON is written from the list itself; every other format from one
    // document, with CSV's rows or people's.
    let csv = format == ReportFormat::Csv;
    let doc = match (&people, format) {
        (_, ReportFormat::Json) => document::Document::default(),
        (Some(people), _) => out::by_person_document(&list, people, csv),
        (None, _) => out::document(&list, csv),
    };
    let width = if args.out.output.is_some() {
        None
    } else {
        env.stdout_width
    };
    let render = |w: &mut dyn std::io::Write| -> anyhow::Result<()> {
        match (format, &people) {
            (ReportFormat::Json, Some(people)) => out::by_person_json(&list, people, w)?,
            (ReportFormat::Json, None) => out::json(&list, w)?,
            (ReportFormat::Csv, _) => document::csv(&doc, !args.out.no_bom, w)?,
            (ReportFormat::Markdown, _) => document::markdown(&doc, w)?,
            (ReportFormat::Html, _) => document::html(&doc, w)?,
            (ReportFormat::Ics, _) => anyhow::bail!(
                "--format ics is for `partreg programme` (the reporting programme's dates); the appointments list comes as table, csv, json, markdown or html"
            ),
            (ReportFormat::Table, _) => document::table(&doc, args.out.table.fit(width), args.out.table.ids(), w)?,
        }
        Ok(())
    };
    super::deliver_with(env, args.out.output.as_deref(), args.out.force, render)?;
    let outcome = env.left_out(&super::unreadable(&register))?;
    // The process ends next: the list, its document and the register are
    // let go of whole rather than freed cell by cell (see `Register::leave`).
    std::mem::forget((list, people, doc));
    register.leave();
    Ok(outcome)
}
