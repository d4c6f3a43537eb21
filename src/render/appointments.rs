//! The appointments list and the by-person view as [`Document`]s and as
//! JSON.

use std::io::{self, Write};

use super::document::Document;
use crate::model::{Choice, Label};
use crate::reports::appointments::{Appointments, Person};

fn title(a: &Appointments, what: &str) -> String {
    match &a.council {
        Some(c) => format!("{c}: {what}"),
        None => what.to_string(),
    }
}

fn opt(d: Option<impl ToString>) -> String {
    d.map_or_else(String::new, |d| d.to_string())
}

/// A value for people (its label) or for CSV (its token).
fn say<T: Label + Choice>(value: T, people: bool) -> &'static str {
    if people { value.label() } else { value.as_str() }
}

/// Values for people or for CSV, joined like other lists.
fn say_all<T: Label + Choice>(items: &[T], people: bool) -> String {
    items.iter().map(|i| say(*i, people)).collect::<Vec<_>>().join("; ")
}

/// One row per place on each body: for CSV (`csv`) with the tokens, else
/// for people with the labels. Only the one set of rows is made, which at
/// 10,000 entries is several megabytes spared.
pub fn document(a: &Appointments, csv: bool) -> Document {
    let to_fill: usize = a.bodies.iter().map(crate::reports::appointments::Body::to_fill).sum();
    let places: usize = a.bodies.iter().map(|b| b.places.len()).sum();
    let mut intro = vec![format!(
        "Outside bodies for nominations by Group Leaders, for Annual Council on {}. Drawn up on {}.",
        a.meeting, a.as_of
    )];
    if let Some(e) = a.election {
        intro.push(format!(
            "The election on {e} falls before the meeting, so four-year appointments are made again."
        ));
    }
    intro.push(format!(
        "{places} places on {} bodies; {to_fill} to be filled at the meeting.",
        a.bodies.len()
    ));
    let rows = place_rows(a, !csv);
    Document {
        title: title(a, "appointments to outside bodies"),
        footer: format!(
            "{} · for Annual Council on {} · as of {}",
            title(a, "appointments to outside bodies"),
            a.meeting,
            a.as_of
        ),
        intro,
        headers: vec![
            "ID",
            "Outside body",
            "Places",
            "Member",
            "Position",
            "Term",
            "Term ends",
            "Roles",
            "To fill",
            "Why",
        ],
        rows,
        csv_rows: Vec::new(),
        notes: vec!["A Member with no term recorded is counted as an annual appointment.".into()],
        // Group Leaders need the body, the member, and whether and why the
        // place is to be filled; the rest goes first on a narrow terminal.
        // (The spec's list has no position; "Why" repeats a term's end.)
        drop_first: vec!["Position", "Roles", "Places", "Term ends", "Term"],
        roomy: vec![("Outside body", 20), ("Member", 16)],
        every_column: "",
        full: Vec::new(),
    }
}

/// The list's rows, for people (labels) or for CSV (tokens).
fn place_rows(a: &Appointments, people: bool) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for b in &a.bodies {
        let places = b.member_places.map_or_else(|| "not recorded".into(), |n| n.to_string());
        for p in &b.places {
            rows.push(vec![
                b.id.clone(),
                b.name.clone(),
                places.clone(),
                p.holder.clone().unwrap_or_else(|| "(vacant)".into()),
                opt(p.position.as_ref()),
                match (&p.holder, p.term) {
                    (None, _) => String::new(),
                    (Some(_), None) if people => "Annual (no term recorded)".into(),
                    (Some(_), None) => "annual (no term recorded)".into(),
                    (Some(_), Some(t)) => say(t, people).to_string(),
                },
                opt(p.term_ends),
                say_all(&p.roles, people),
                if p.to_fill { "yes" } else { "no" }.into(),
                p.reason.clone(),
            ]);
        }
        if b.places.is_empty() {
            rows.push(vec![b.id.clone(), b.name.clone(), places, "(no places)".into()]);
            if let Some(last) = rows.last_mut() {
                last.resize(10, String::new());
            }
        }
    }
    rows
}

/// One row per body each representative sits on, for CSV (`csv`) or for
/// people, as [`document`].
pub fn by_person_document(a: &Appointments, people: &[Person], csv: bool) -> Document {
    let seat_rows = |words: bool| {
        let mut rows = Vec::new();
        for p in people {
            for s in &p.seats {
                rows.push(vec![
                    p.name.clone(),
                    s.id.clone(),
                    s.body.clone(),
                    say(s.level, words).to_string(),
                    opt(s.position.as_ref()),
                    opt(s.term.map(|t| say(t, words))),
                    say_all(&s.roles, words),
                    opt(s.term_ends),
                ]);
            }
        }
        rows
    };
    let rows = seat_rows(!csv);
    Document {
        title: title(a, "representatives on outside bodies"),
        footer: format!("{} · as of {}", title(a, "representatives on outside bodies"), a.as_of),
        intro: vec![format!(
            "Every representative of a proposed, active or exiting partnership, officers included, as of {}.",
            a.as_of
        )],
        headers: vec![
            "Representative",
            "ID",
            "Outside body",
            "Level",
            "Position",
            "Term",
            "Roles",
            "Term ends",
        ],
        rows,
        csv_rows: Vec::new(),
        notes: Vec::new(),
        drop_first: vec!["Position", "Roles", "Term", "Level"],
        roomy: vec![("Representative", 16), ("Outside body", 20)],
        every_column: "",
        full: Vec::new(),
    }
}

/// The list as JSON.
pub fn json(a: &Appointments, w: impl Write) -> io::Result<()> {
    crate::render::formats::write_json(a, w)
}

/// The by-person view as JSON.
pub fn by_person_json(a: &Appointments, people: &[Person], w: impl Write) -> io::Result<()> {
    crate::render::formats::write_json(
        &ByPerson {
            council: a.council.as_deref(),
            as_of: a.as_of,
            people,
        },
        w,
    )
}

/// The by-person view's JSON, serialised straight from the list rather
/// than through a `serde_json::Value` copy of every seat; the keys in the
/// order that copy kept them.
#[derive(serde::Serialize)]
struct ByPerson<'a> {
    council: Option<&'a str>,
    as_of: crate::model::Date,
    people: &'a [Person],
}
