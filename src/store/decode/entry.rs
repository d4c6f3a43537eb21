//! Reading one partnership file into an [`Entry`], reporting every fault in
//! its shape: unknown keys, wrong types, bad values, missing keys, and the
//! rules that concern one field or one table alone (negative amounts, a term
//! that ends before it starts, a review year given twice).
//!
//! Rules that weigh several parts of an entry against each other live in
//! [`crate::policy::rules`] and run on the finished [`Entry`].

use std::collections::BTreeMap;

use super::{Decoder, Node, Table};
use crate::diagnostic::Code;
use crate::model::{
    Approval, DataAssurance, Entry, Exit, Questions, Ratings, Reporting, ReportsTo, Representative, Review, Risk, Value,
};

/// The longest name allowed, in characters.
const MAX_NAME: usize = 200;
/// The longest id allowed, in characters.
pub const MAX_ID: usize = 64;

/// Checks a file stem against the id rules: lower-case letters and digits in
/// groups joined by single hyphens, at most 64 characters.
pub fn validate_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("the file name is empty".into());
    }
    if id.chars().count() > MAX_ID {
        return Err(format!(
            "the file name is {} characters long; the most is {MAX_ID}",
            id.chars().count()
        ));
    }
    let groups_ok = id
        .split('-')
        .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    if !groups_ok {
        return Err("use only lower-case letters a-z, digits and single hyphens between words".into());
    }
    Ok(())
}

/// Reads a whole entry. Returns `None` when a required part is missing or
/// wrong; the decoder holds the diagnostics either way.
pub fn decode_entry(d: &mut Decoder<'_, '_>, doc: &toml::Spanned<toml::de::DeTable<'_>>) -> Option<Entry> {
    decode_entry_partly(d, doc).whole()
}

/// Reads an entry as far as it can be read: [`Decoded::Partly`] when some
/// parts are missing or wrong, so that `check` can run the rules about the
/// rest in the same run instead of the officer meeting their findings only
/// after fixing the first ones.
pub fn decode_entry_partly(d: &mut Decoder<'_, '_>, doc: &toml::Spanned<toml::de::DeTable<'_>>) -> Decoded {
    let mut t = Table::root(doc);
    let name = t.require(d, "name").and_then(|(v, k)| name(d, v, &k));
    let lead_partner = t.require(d, "lead_partner").and_then(|(v, k)| d.line_text(v, &k));
    let partners = t.get("partners").map(|(v, k)| d.lines(v, &k));
    let status = t.require_choice(d, "status");
    let function = t.require(d, "function").and_then(|(v, k)| d.text(v, &k));
    let objectives = t.get("objectives").map(|(v, k)| d.strings(v, &k));
    let kind = t.require_choice(d, "kind");
    let statutory = t.require(d, "statutory").and_then(|(v, k)| d.boolean(v, &k));
    let governance = t.require_choice(d, "governance");
    let role = t.require_choice(d, "role");
    let meeting_frequency = t.require_choice(d, "meeting_frequency");
    let priorities = t.get("priorities").map(|(v, k)| d.lines(v, &k));
    let staff_hours = t.require(d, "staff_hours_per_month").and_then(|(v, k)| d.hours(v, &k));
    let budget = t
        .require(d, "budget_contribution_gbp")
        .and_then(|(v, k)| d.pounds(v, &k));
    let budgeted = t.get("budgeted").map(|(v, k)| d.boolean(v, &k));
    let budget_source = t.get("budget_source").map(|(v, k)| d.line(v, &k));
    let exit_impact = t.require(d, "exit_impact").and_then(|(v, k)| d.text(v, &k));
    let value_summary = t.require(d, "value_summary").and_then(|(v, k)| d.text(v, &k));
    let information_sharing = t.require(d, "information_sharing").and_then(|(v, k)| d.text(v, &k));
    let comments = t.get("comments").map(|(v, k)| d.string(v, &k));
    let started = t.get("started").map(|(v, k)| d.date(v, &k));
    let documents = t.get("documents").map(|(v, k)| d.lines(v, &k));
    let lead_officer = t.get("lead_officer").map(|(v, k)| d.line_text(v, &k));
    let member_places = t.get("member_places").map(|(v, k)| member_places(d, v, &k));
    let representatives = t.get("representatives").map(|(v, k)| representatives(d, v, &k));
    let risk = t.get("risk").map(|(v, k)| ratings::<Risk>(d, v, &k));
    let value = t.get("value").map(|(v, k)| ratings::<Value>(d, v, &k));
    let reporting = t.get("reporting").map(|(v, k)| reporting(d, v, &k));
    let approval = t.get("approval").map(|(v, k)| approval(d, v, &k));
    let exit = t.get("exit").map(|(v, k)| exit(d, v, &k));
    let case = t.get("case").map(|(v, k)| super::concerns::case(d, v, &k));
    let reviews = t.get("reviews").map(|(v, k)| reviews(d, v, &k));
    let concerns = t.get("concerns").map(|(v, k)| super::concerns::concerns(d, v, &k));
    let questions = t.get("questions").map(|(v, k)| questions(d, v, &k));
    let top_level = t.known.clone();
    t.finish(d);
    after_a_table(d, &top_level);

    // A part that could not be read stands in as empty (or as the first
    // value of its list), so that the rules can still look at the rest; the
    // entry then only counts as partly read. Without a status there is
    // nothing for the rules to go on.
    let Some(status) = status else {
        return Decoded::Nothing;
    };
    let mut partly = false;
    let entry = Entry {
        name: or_default(name, &mut partly),
        lead_partner: or_default(lead_partner, &mut partly),
        partners: or_default(optional_list(partners), &mut partly),
        status,
        function: or_default(function, &mut partly),
        objectives: or_default(optional_list(objectives), &mut partly),
        kind: first_if_none(kind, &mut partly),
        statutory: or_default(statutory, &mut partly),
        governance: first_if_none(governance, &mut partly),
        role: first_if_none(role, &mut partly),
        meeting_frequency: first_if_none(meeting_frequency, &mut partly),
        priorities: or_default(optional_list(priorities), &mut partly),
        staff_hours_per_month: or_default(staff_hours, &mut partly),
        budget_contribution_gbp: or_default(budget, &mut partly),
        budgeted: or_default(budgeted.unwrap_or(Some(true)), &mut partly),
        budget_source: or_default(optional(budget_source), &mut partly),
        exit_impact: or_default(exit_impact, &mut partly),
        value_summary: or_default(value_summary, &mut partly),
        information_sharing: or_default(information_sharing, &mut partly),
        comments: or_default(optional(comments), &mut partly),
        started: or_default(optional(started), &mut partly),
        documents: or_default(optional_list(documents), &mut partly),
        lead_officer: or_default(optional(lead_officer), &mut partly),
        member_places: or_default(optional(member_places), &mut partly),
        representatives: or_default(optional_list(representatives), &mut partly),
        risk: or_default(risk.unwrap_or(Some(Risk::default())), &mut partly),
        value: or_default(value.unwrap_or(Some(Value::default())), &mut partly),
        reporting: or_default(optional(reporting), &mut partly),
        approval: or_default(optional(approval), &mut partly),
        exit: or_default(optional(exit), &mut partly),
        case: or_default(optional(case), &mut partly),
        reviews: or_default(optional_list(reviews), &mut partly),
        concerns: or_default(optional_list(concerns), &mut partly),
        questions: or_default(optional(questions), &mut partly),
    };
    if partly {
        Decoded::Partly(entry)
    } else {
        Decoded::Whole(entry)
    }
}

/// What reading a file gave.
pub enum Decoded {
    /// Every part was read.
    Whole(Entry),
    /// Some parts could not be read (their findings say why) and stand in
    /// as empty: good enough for the rules about the other parts, never to
    /// be shown or written as the partnership.
    Partly(Entry),
    /// Not even the status could be read.
    Nothing,
}

impl Decoded {
    /// The entry, when every part of it was read.
    pub fn whole(self) -> Option<Entry> {
        match self {
            Decoded::Whole(entry) => Some(entry),
            Decoded::Partly(_) | Decoded::Nothing => None,
        }
    }
}

/// A part read, or its empty value when it could not be, noting that.
fn or_default<T: Default>(read: Option<T>, partly: &mut bool) -> T {
    read.unwrap_or_else(|| {
        *partly = true;
        T::default()
    })
}

/// A choice read, or the first of its list when it could not be, noting that.
fn first_if_none<T: crate::model::Choice>(read: Option<T>, partly: &mut bool) -> T {
    read.unwrap_or_else(|| {
        *partly = true;
        T::ALL[0]
    })
}

/// A key of the whole partnership typed after a `[table]` is read by TOML
/// as part of that table, and reported there as unknown; say where it
/// belongs instead. A required key that is there, only misplaced, is not
/// also reported missing: the one finding says where it is and where it
/// goes (four misplaced lines were eight errors).
fn after_a_table(d: &mut Decoder<'_, '_>, top_level: &[&'static str]) {
    // Found at the first such finding: lexing the file again for every
    // file, most of which have none, was a twentieth of `check`'s work.
    let mut first = None;
    let mut misplaced: Vec<&'static str> = Vec::new();
    for diag in &mut d.diags {
        let Some((table, name)) = diag.key.rsplit_once('.') else {
            continue;
        };
        let Some(known) = top_level.iter().find(|k| **k == name) else {
            continue;
        };
        if diag.code != crate::diagnostic::Code::UnknownKey {
            continue;
        }
        misplaced.push(known);
        diag.message = format!(
            "`{name}` belongs to the whole partnership, but it comes after a [{}] line, so it is read as part of that table",
            table.split('[').next().unwrap_or(table)
        );
        let first = *first.get_or_insert_with(|| super::slips::first_table_line(d.source.text));
        diag.hint = Some(match first {
            Some(line) => format!("move this line above the first [table] (line {line})").into(),
            None => crate::diagnostic::shared("move this line above the first [table]"),
        });
    }
    if !misplaced.is_empty() {
        // The root table's missing keys carry the bare key (`name`); one
        // that is only misplaced is told by the finding above.
        d.diags
            .retain(|x| !(x.code == Code::MissingKey && misplaced.iter().any(|k| *k == x.key)));
    }
}

/// An optional key: absent is fine (`Some(None)`), present but bad is not (`None`).
pub(super) fn optional<T>(read: Option<Option<T>>) -> Option<Option<T>> {
    match read {
        None => Some(None),
        Some(inner) => inner.map(Some),
    }
}

/// An optional list: absent means empty.
fn optional_list<T>(read: Option<Option<Vec<T>>>) -> Option<Vec<T>> {
    read.unwrap_or(Some(Vec::new()))
}

fn name(d: &mut Decoder<'_, '_>, v: &Node<'_>, key: &str) -> Option<String> {
    let name = d.line_text(v, key)?;
    let length = name.chars().count();
    if length > MAX_NAME {
        d.push(
            v.span(),
            Code::OutOfRange,
            key,
            format!("the name is {length} characters long; the most is {MAX_NAME}"),
            Some("use the partnership's usual short name; put detail in `function`".into()),
        );
        return None;
    }
    Some(name)
}

fn representatives(d: &mut Decoder<'_, '_>, v: &Node<'_>, key: &str) -> Option<Vec<Representative>> {
    each_table(d, v, key, representative)
}

/// An array of tables, each read by `read`. Every item is read (so every
/// fault is reported); any bad item makes the list unusable.
pub(super) fn each_table<T>(
    d: &mut Decoder<'_, '_>,
    v: &Node<'_>,
    key: &str,
    read: fn(&mut Decoder<'_, '_>, &Node<'_>, &str) -> Option<T>,
) -> Option<Vec<T>> {
    let items = d.array(v, key)?;
    let mut all_ok = true;
    let mut out = Vec::with_capacity(items.len());
    for (item, path) in items {
        match read(d, item, &path) {
            Some(r) => out.push(r),
            None => all_ok = false,
        }
    }
    all_ok.then_some(out)
}

fn representative(d: &mut Decoder<'_, '_>, v: &Node<'_>, key: &str) -> Option<Representative> {
    let mut t = d.table(v, key)?;
    let name = t.require(d, "name").and_then(|(v, k)| d.line_text(v, &k));
    let level = t.require_choice(d, "level");
    let position = t.get("position").map(|(v, k)| d.line(v, &k));
    let appointed = t.get("appointed").map(|(v, k)| d.date(v, &k));
    let term_ends = t.get("term_ends").map(|(v, k)| (d.date(v, &k), v, k));
    let roles = t.get("roles").map(|(v, k)| d.choices(v, &k));
    let term = t.get("term").map(|(v, k)| d.choice(v, &k));
    let appointed_by = t.get("appointed_by").map(|(v, k)| d.choice(v, &k));
    t.finish(d);
    let appointed = optional(appointed)?;
    let term_ends = match term_ends {
        None => None,
        Some((date, v, k)) => {
            let date = date?;
            if let Some(start) = appointed.filter(|start| date < *start) {
                d.push(
                    v.span(),
                    Code::TermBeforeAppointed,
                    &k,
                    format!("the term ends on {date}, before the appointment on {start}"),
                    Some("check both dates; `term_ends` must be on or after `appointed`".into()),
                );
                return None;
            }
            Some(date)
        }
    };
    Some(Representative {
        name: name?,
        level: level?,
        position: optional(position)?,
        appointed,
        term_ends,
        roles: optional_list(roles)?,
        term: optional(term)?,
        appointed_by: optional(appointed_by)?,
    })
}

/// A `[risk]` or `[value]` table: its criteria, overall rating and rationale.
fn ratings<T: Ratings>(d: &mut Decoder<'_, '_>, v: &Node<'_>, key: &str) -> Option<T> {
    let mut t = d.table(v, key)?;
    let mut side = T::default();
    let mut ok = true;
    for criterion in T::KEYS {
        if let Some((v, k)) = t.get(criterion) {
            let level = d.choice(v, &k);
            ok &= level.is_some();
            if let Some(slot) = side.slot(criterion) {
                *slot = level;
            }
        }
    }
    let overall = t.get("overall").map(|(v, k)| d.choice(v, &k));
    let rationale = t.get("rationale").map(|(v, k)| d.text(v, &k));
    t.finish(d);
    *side.overall_mut() = optional(overall)?;
    *side.rationale_mut() = optional(rationale)?;
    ok.then_some(side)
}

fn reporting(d: &mut Decoder<'_, '_>, v: &Node<'_>, key: &str) -> Option<Reporting> {
    let mut t = d.table(v, key)?;
    let frequency = t.get("frequency").map(|(v, k)| d.choice(v, &k));
    let responsible = t.get("responsible").map(|(v, k)| d.line(v, &k));
    let reports_to = t.get("reports_to").map(|(v, k)| reports_to(d, v, &k));
    let last_report = t.get("last_report").map(|(v, k)| d.date(v, &k));
    let data = t
        .get("data")
        .map(|(v, k)| (d.choice::<DataAssurance, _>(v, &k), v.span()));
    let caveat = t.get("caveat").map(|(v, k)| d.text(v, &k));
    let path = t.path().to_string();
    t.finish(d);
    let data_span = data.as_ref().map(|(_, span)| span.clone());
    let (data, caveat) = (optional(data.map(|(c, _)| c))?, optional(caveat)?);
    if caveat.is_none()
        && let (Some(data @ (DataAssurance::Estimate | DataAssurance::Unverified)), Some(span)) = (data, data_span)
    {
        d.push(
            span,
            Code::MissingKey,
            &super::join(&path, "caveat"),
            format!("the reported data is marked {data}, so it needs a caveat"),
            Some("add caveat = \"…\" under [reporting]: the words to print with the figures, e.g. \"estimated by the partnership; not yet verified\"".into()),
        );
        return None;
    }
    Some(Reporting {
        frequency: optional(frequency)?,
        responsible: optional(responsible)?,
        reports_to: optional_list(reports_to)?,
        last_report: optional(last_report)?,
        data,
        caveat,
    })
}

/// `reports_to`: one value, or (Part 2) a list of them.
fn reports_to(d: &mut Decoder<'_, '_>, v: &Node<'_>, key: &str) -> Option<Vec<ReportsTo>> {
    if matches!(v.get_ref(), toml::de::DeValue::Array(_)) {
        d.choices(v, key)
    } else {
        d.choice(v, key).map(|one| vec![one])
    }
}

/// `member_places`: a whole number of places from 0 to 50.
fn member_places(d: &mut Decoder<'_, '_>, v: &Node<'_>, key: &str) -> Option<u8> {
    let n = d.integer(v, key)?;
    match u8::try_from(n).ok().filter(|n| *n <= 50) {
        Some(n) => Some(n),
        None => {
            d.push(
                v.span(),
                Code::OutOfRange,
                key,
                format!("{n} is not a number of places on one body: it must be from 0 to 50"),
                Some("write how many places for Members the council has on the body, e.g. 2".into()),
            );
            None
        }
    }
}

fn approval(d: &mut Decoder<'_, '_>, v: &Node<'_>, key: &str) -> Option<Approval> {
    let mut t = d.table(v, key)?;
    let by = t.get("by").map(|(v, k)| d.choice(v, &k));
    let date = t.get("date").map(|(v, k)| d.date(v, &k));
    let portfolio_holder = t.get("portfolio_holder").map(|(v, k)| d.line(v, &k));
    t.finish(d);
    Some(Approval {
        by: optional(by)?,
        date: optional(date)?,
        portfolio_holder: optional(portfolio_holder)?,
    })
}

fn exit(d: &mut Decoder<'_, '_>, v: &Node<'_>, key: &str) -> Option<Exit> {
    let mut t = d.table(v, key)?;
    let reasons = t.get("reasons").map(|(v, k)| d.choices(v, &k));
    let risks = t.require(d, "risks").and_then(|(v, k)| d.text(v, &k));
    let controls = t.require(d, "controls").and_then(|(v, k)| d.text(v, &k));
    let approved_by = t.get("approved_by").map(|(v, k)| d.choice(v, &k));
    let approved_on = t.get("approved_on").map(|(v, k)| d.date(v, &k));
    let significant = t.get("significant").map(|(v, k)| d.boolean(v, &k));
    let executive_reviewed = t.get("executive_reviewed").map(|(v, k)| d.boolean(v, &k));
    let portfolio_holder = t.get("portfolio_holder").map(|(v, k)| d.line_text(v, &k));
    t.finish(d);
    Some(Exit {
        reasons: optional_list(reasons)?,
        risks: risks?,
        controls: controls?,
        approved_by: optional(approved_by)?,
        approved_on: optional(approved_on)?,
        significant: optional(significant)?,
        executive_reviewed: optional(executive_reviewed)?,
        portfolio_holder: optional(portfolio_holder)?,
    })
}

fn reviews(d: &mut Decoder<'_, '_>, v: &Node<'_>, key: &str) -> Option<Vec<Review>> {
    let items = d.array(v, key)?;
    let mut out = Vec::with_capacity(items.len());
    let mut first_of_year: BTreeMap<i64, usize> = BTreeMap::new();
    let mut all_ok = true;
    for (i, (item, path)) in items.into_iter().enumerate() {
        let Some((review, year_node)) = review(d, item, &path) else {
            all_ok = false;
            continue;
        };
        if let Some(first) = first_of_year.insert(review.year, i) {
            d.push(
                year_node.span(),
                Code::DuplicateReviewYear,
                &format!("{path}.year"),
                format!("there is already a review for {} (reviews[{first}])", review.year),
                Some("record one review a year; merge the two or correct the year".into()),
            );
            // Reported, but the entry stays usable so the other rules still run.
        }
        out.push(review);
    }
    all_ok.then_some(out)
}

fn review<'t, 'i>(d: &mut Decoder<'_, '_>, v: &'t Node<'i>, key: &str) -> Option<(Review, &'t Node<'i>)> {
    let mut t = d.table(v, key)?;
    let year = t
        .require(d, "year")
        .and_then(|(v, k)| Some((review_year(d, v, &k)?, v)));
    let date = t.require(d, "date").and_then(|(v, k)| d.date(v, &k));
    let reviewer = t.require(d, "reviewer").and_then(|(v, k)| d.line_text(v, &k));
    let outcome = t.require_choice(d, "outcome");
    let notes = t.get("notes").map(|(v, k)| d.string(v, &k));
    let budget = t.get("budget_gbp").map(|(v, k)| d.pounds(v, &k));
    let in_principle = t.get("in_principle").map(|(v, k)| d.boolean(v, &k));
    t.finish(d);
    let (year, year_node) = year?;
    let review = Review {
        year,
        date: date?,
        reviewer: reviewer?,
        outcome: outcome?,
        notes: optional(notes)?,
        budget_gbp: optional(budget)?,
        in_principle: in_principle.unwrap_or(Some(false))?,
    };
    Some((review, year_node))
}

fn review_year(d: &mut Decoder<'_, '_>, v: &Node<'_>, key: &str) -> Option<i64> {
    let year = d.integer(v, key)?;
    if !(1900..=9999).contains(&year) {
        d.push(
            v.span(),
            Code::OutOfRange,
            key,
            format!("{year} is not a review year"),
            Some("write the four-digit year, e.g. 2026".into()),
        );
        return None;
    }
    Some(year)
}

fn questions(d: &mut Decoder<'_, '_>, v: &Node<'_>, key: &str) -> Option<Questions> {
    let mut t = d.table(v, key)?;
    let mut answers = Questions::default();
    let mut ok = true;
    for question in Questions::KEYS {
        if let Some((v, k)) = t.get(question) {
            let answer = d.string(v, &k);
            ok &= answer.is_some();
            if let Some(slot) = answers.slot(question) {
                *slot = answer;
            }
        }
    }
    t.finish(d);
    ok.then_some(answers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_file_name_rules() {
        assert!(validate_id("norfolk-waste-partnership").is_ok());
        assert!(validate_id("a1").is_ok());
        for bad in ["", "Norfolk", "a--b", "-a", "a-", "a_b", "a b", "café", &"a".repeat(65)] {
            assert!(validate_id(bad).is_err(), "{bad:?} accepted");
        }
        assert!(validate_id(&"a".repeat(64)).is_ok());
    }
}
