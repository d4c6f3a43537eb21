//! The appointments list (`partreg appointments`, format Part 2): the list
//! of outside bodies given to Group Leaders for nominations and agreed at
//! Annual Council. For one meeting it says, for every proposed or active
//! body with places for Members, who holds each place and until when, and
//! which places are to be filled at that meeting and why. A second view
//! lists each representative, officers included, with every body they sit
//! on.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Date, Entry, ExpectedRole, RepresentativeLevel, Status, Term};

/// What the list is for: the meeting, and the day it is drawn up.
#[derive(Clone, Copy, Debug)]
pub struct Occasion {
    pub meeting: Date,
    pub as_of: Date,
    /// An election between the as-of date and the meeting, when there is one.
    pub election: Option<Date>,
}

/// Chooses the meeting: `--meeting`, else the first Annual Council on or
/// after `as_of` in `[calendar]`.
pub fn occasion(meeting: Option<Date>, as_of: Date, annual_council: &[Date], elections: &[Date]) -> Option<Occasion> {
    let meeting = meeting.or_else(|| annual_council.iter().copied().find(|d| *d >= as_of))?;
    let election = elections.iter().copied().find(|e| *e >= as_of && *e <= meeting);
    Some(Occasion {
        meeting,
        as_of,
        election,
    })
}

/// One place on a body: who holds it (none when vacant) and whether it is
/// to be filled at the meeting.
#[derive(Clone, Debug, Serialize)]
pub struct Place {
    /// The Member holding the place; `None` for a vacant place.
    pub holder: Option<String>,
    pub position: Option<String>,
    /// The term as recorded; `None` when not recorded (counted as annual).
    /// Typed, so JSON has the token and people the label.
    pub term: Option<Term>,
    pub term_ends: Option<Date>,
    pub roles: Vec<ExpectedRole>,
    /// Whether the place is filled at the meeting.
    pub to_fill: bool,
    /// Why it is filled at the meeting (or why not), in words.
    pub reason: String,
}

/// One outside body on the list.
#[derive(Clone, Debug, Serialize)]
pub struct Body {
    pub id: String,
    pub name: String,
    pub status: Status,
    /// `member_places` as recorded.
    pub member_places: Option<u8>,
    pub places: Vec<Place>,
}

impl Body {
    pub fn to_fill(&self) -> usize {
        self.places.iter().filter(|p| p.to_fill).count()
    }
}

/// The whole list.
#[derive(Clone, Debug, Serialize)]
pub struct Appointments {
    pub council: Option<String>,
    pub meeting: Date,
    pub as_of: Date,
    pub election: Option<Date>,
    pub bodies: Vec<Body>,
}

/// Builds the list from the entries that decoded, in id order.
pub fn build<'a>(
    entries: impl Iterator<Item = (&'a str, &'a Entry)>,
    council: Option<&str>,
    when: Occasion,
) -> Appointments {
    let mut bodies = Vec::new();
    for (id, e) in entries {
        if !matches!(e.status, Status::Proposed | Status::Active) {
            continue;
        }
        let members: Vec<_> = e
            .representatives
            .iter()
            .filter(|r| r.level == RepresentativeLevel::Member && r.serving_on(when.as_of))
            .collect();
        let any_member = e.representatives.iter().any(|r| r.level == RepresentativeLevel::Member);
        if e.member_places.is_none() && !any_member {
            continue;
        }
        let mut places: Vec<Place> = members
            .iter()
            .map(|r| {
                let (to_fill, reason) = fill(r.term, r.term_ends, when);
                Place {
                    holder: Some(r.name.clone()),
                    position: r.position.clone(),
                    term: r.term,
                    term_ends: r.term_ends,
                    roles: r.roles.clone(),
                    to_fill,
                    reason,
                }
            })
            .collect();
        let vacant = usize::from(e.member_places.unwrap_or(0)).saturating_sub(members.len());
        places.extend((0..vacant).map(|_| Place {
            holder: None,
            position: None,
            term: None,
            term_ends: None,
            roles: Vec::new(),
            to_fill: true,
            reason: "vacant".into(),
        }));
        bodies.push(Body {
            id: id.to_string(),
            name: e.name.clone(),
            status: e.status,
            member_places: e.member_places,
            places,
        });
    }
    bodies.sort_by(|a, b| a.id.cmp(&b.id));
    Appointments {
        council: council.map(str::to_string),
        meeting: when.meeting,
        as_of: when.as_of,
        election: when.election,
        bodies,
    }
}

/// Whether a Member's place is filled at the meeting, and why.
fn fill(term: Option<Term>, ends: Option<Date>, when: Occasion) -> (bool, String) {
    if let Some(end) = ends.filter(|end| *end <= when.meeting) {
        return (true, format!("term ends {end}"));
    }
    match term {
        None => (true, "annual (no term recorded)".into()),
        Some(Term::Annual) => (true, "annual appointment".into()),
        Some(Term::FourYear) => match when.election {
            Some(election) => (true, format!("four-year term; election on {election}")),
            None => (false, "four-year term continues".into()),
        },
        Some(Term::Open) => (false, "open-ended".into()),
    }
}

/// Sheds what neither the list nor the by-person view shows, on the
/// loading thread (see [`crate::store::register::load_trimmed`]): they read
/// only the name, the status, `member_places` and the representatives (less
/// who appointed them), and nothing at all of a partnership that has ended.
/// At 10,000 entries the rest was most of the command's memory.
pub fn shed_unshown(e: &mut Entry) {
    super::shed_common(e);
    e.reporting = None;
    e.reviews = Vec::new();
    if matches!(e.status, Status::Proposed | Status::Active | Status::Exiting) {
        for r in &mut e.representatives {
            r.appointed_by = None;
        }
    } else {
        e.name = String::new();
        e.representatives = Vec::new();
    }
}

/// One body a person sits on, for the by-person view.
#[derive(Clone, Debug, Serialize)]
pub struct Seat {
    pub id: String,
    pub body: String,
    pub level: RepresentativeLevel,
    pub position: Option<String>,
    pub term: Option<Term>,
    pub roles: Vec<ExpectedRole>,
    pub term_ends: Option<Date>,
}

/// One representative with every body they sit on.
#[derive(Clone, Debug, Serialize)]
pub struct Person {
    /// The name as first typed (in id order), titles such as "Cllr" kept.
    pub name: String,
    pub seats: Vec<Seat>,
}

/// Every representative of a proposed, active or exiting partnership,
/// officers included, grouped by name as duplicate names are compared, in
/// name order.
pub fn by_person<'a>(entries: impl Iterator<Item = (&'a str, &'a Entry)>) -> Vec<Person> {
    let mut people: BTreeMap<String, Person> = BTreeMap::new();
    let mut sorted: Vec<(&str, &Entry)> = entries
        .filter(|(_, e)| matches!(e.status, Status::Proposed | Status::Active | Status::Exiting))
        .collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    for (id, e) in sorted {
        for r in &e.representatives {
            let person = people.entry(name_key(&r.name)).or_insert_with(|| Person {
                name: r.name.trim().to_string(),
                seats: Vec::new(),
            });
            person.seats.push(Seat {
                id: id.to_string(),
                body: e.name.clone(),
                level: r.level,
                position: r.position.clone(),
                term: r.term,
                roles: r.roles.clone(),
                term_ends: r.term_ends,
            });
        }
    }
    people.into_values().collect()
}

/// A name as duplicate names are compared (the spec says so for the
/// by-person view): the register's one comparison key, which also drops
/// invisible characters, so "Cllr Ann\u{ad}Brown" is the same person.
pub fn name_key(name: &str) -> String {
    crate::store::names::normalise_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn places_are_filled_for_the_policy_reasons() {
        let when = Occasion {
            meeting: d(2027, 5, 20),
            as_of: d(2026, 11, 30),
            election: None,
        };
        assert!(fill(None, None, when).0);
        assert!(fill(Some(Term::Annual), Some(d(2028, 1, 1)), when).0);
        assert!(
            fill(Some(Term::Open), Some(d(2027, 5, 20)), when).0,
            "ends at the meeting"
        );
        assert!(!fill(Some(Term::FourYear), Some(d(2028, 5, 1)), when).0);
        assert!(!fill(Some(Term::Open), None, when).0);
        let election = Occasion {
            election: Some(d(2027, 5, 6)),
            ..when
        };
        assert!(fill(Some(Term::FourYear), None, election).0);
    }

    #[test]
    fn the_meeting_is_the_first_on_or_after_the_day() {
        let meetings = [d(2026, 5, 21), d(2027, 5, 20)];
        let o = occasion(None, d(2026, 11, 30), &meetings, &[d(2027, 5, 6), d(2031, 5, 1)]).unwrap();
        assert_eq!((o.meeting, o.election), (d(2027, 5, 20), Some(d(2027, 5, 6))));
        assert_eq!(
            occasion(None, d(2026, 5, 21), &meetings, &[]).unwrap().meeting,
            d(2026, 5, 21)
        );
        assert!(occasion(None, d(2027, 6, 1), &meetings, &[]).is_none());
        assert_eq!(name_key("  Cllr  ANN\u{a0}Brown "), "cllr ann brown");
        assert_eq!(name_key("Cllr Ann Br\u{ad}own"), "cllr ann brown");
    }
}
