//! Reading the Part 2 tables about a partnership's life: `[case]`, the case
//! for joining, and `[[concerns]]`, the log of issues of concern with the
//! rules that concern one concern alone (its dates against its status).

use super::entry::optional;
use super::{Decoder, Node};
use crate::diagnostic::Code;
use crate::model::{Case, Concern, ConcernStatus};

pub fn case(d: &mut Decoder<'_, '_>, v: &Node<'_>, key: &str) -> Option<Case> {
    let mut t = d.table(v, key)?;
    let grounds = t.get("grounds").map(|(v, k)| d.choices(v, &k));
    let flag = |t: &mut super::Table<'_, '_>, d: &mut Decoder<'_, '_>, name: &'static str| {
        t.get(name).map(|(v, k)| d.boolean(v, &k))
    };
    let supports = flag(&mut t, d, "supports_corporate_policies");
    let benefits = flag(&mut t, d, "benefits_district");
    let better = flag(&mut t, d, "better_than_alone");
    let monitoring = flag(&mut t, d, "monitoring_in_place");
    t.finish(d);
    Some(Case {
        grounds: grounds.unwrap_or(Some(Vec::new()))?,
        supports_corporate_policies: optional(supports)?,
        benefits_district: optional(benefits)?,
        better_than_alone: optional(better)?,
        monitoring_in_place: optional(monitoring)?,
    })
}

pub fn concerns(d: &mut Decoder<'_, '_>, v: &Node<'_>, key: &str) -> Option<Vec<Concern>> {
    super::entry::each_table(d, v, key, concern)
}

fn concern(d: &mut Decoder<'_, '_>, v: &Node<'_>, key: &str) -> Option<Concern> {
    let mut t = d.table(v, key)?;
    let raised = t.require(d, "raised").and_then(|(v, k)| d.date(v, &k));
    let by = t.require(d, "by").and_then(|(v, k)| d.line_text(v, &k));
    let summary = t.require(d, "summary").and_then(|(v, k)| d.text(v, &k));
    let escalated_to = t.get("escalated_to").map(|(v, k)| d.line(v, &k));
    let advice = t.get("advice").map(|(v, k)| d.string(v, &k));
    let status = t
        .require(d, "status")
        .and_then(|(v, k)| Some((d.choice::<ConcernStatus, _>(v, &k)?, v)));
    let closed = t.get("closed").map(|(v, k)| (d.date(v, &k), v, k));
    t.finish(d);
    let (raised, (status, status_node)) = (raised?, status?);
    let closed = match closed {
        None => {
            if status == ConcernStatus::Closed {
                d.push(
                    status_node.span(),
                    Code::MissingKey,
                    &format!("{key}.closed"),
                    "this concern is closed but does not say when".into(),
                    Some("add closed = YYYY-MM-DD, the day it was closed".into()),
                );
                return None;
            }
            None
        }
        Some((date, node, k)) => {
            let date = date?;
            if status == ConcernStatus::Open {
                d.push(
                    node.span(),
                    Code::ClosedWhileOpen,
                    &k,
                    format!("this concern has a closed date ({date}) but its status is open"),
                    Some("set status = \"closed\" if it was closed then, or remove the closed date".into()),
                );
                return None;
            }
            if date < raised {
                d.push(
                    node.span(),
                    Code::ClosedBeforeRaised,
                    &k,
                    format!("the concern was closed on {date}, before it was raised on {raised}"),
                    Some("check both dates; `closed` must be on or after `raised`".into()),
                );
                return None;
            }
            Some(date)
        }
    };
    Some(Concern {
        raised,
        by: by?,
        summary: summary?,
        escalated_to: optional(escalated_to)?,
        advice: optional(advice)?,
        status,
        closed,
    })
}
