//! The scripted `add`: a `--from` fragment and every flag read into the
//! draft, with every value that cannot be read reported at once.

use crate::cli::AddArgs;
use crate::diagnostic::Source;
use crate::model::lenient;
use crate::model::{
    AppointedBy, Approver, DataAssurance, ExitApprover, ExitReason, ExpectedRole, Frequency, Governance, Ground, Kind,
    ReportsTo, Role, Status, Term,
};
use crate::store::edit::{NewValue, RatingEdit};
use crate::terminal::guide::{self};
use anyhow::{Context, bail};
use std::path::Path;
use toml::{Table, Value};

/// Reads a `--from` fragment.
pub(super) fn read_fragment(path: &Path) -> anyhow::Result<Table> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    toml::from_str(text).map_err(|e| {
        let place = e.span().map(|s| {
            let shown = path.display().to_string();
            let l = Source::new(&shown, text).locate(s);
            format!(":{}:{}", l.line, l.column)
        });
        anyhow::anyhow!(
            "{}{}: not valid TOML: {}",
            path.display(),
            place.unwrap_or_default(),
            e.message()
        )
    })
}

/// Puts every flag into the draft, flags winning over `--from`. Every
/// value that cannot be read is reported, all at once.
pub(super) fn apply_flags(draft: &mut Table, a: &AddArgs) -> anyhow::Result<()> {
    let mut f = Flags {
        draft,
        errors: Vec::new(),
    };
    f.text("name", &a.name);
    f.text("lead_partner", &a.lead_partner);
    f.list("partners", &a.partners);
    f.choice::<Status>("status", "status", &a.status);
    f.text("function", &a.function);
    f.list("objectives", &a.objectives);
    f.choice::<Kind>("kind", "kind", &a.kind);
    f.yes_no("statutory", "statutory", &a.statutory);
    f.choice::<Governance>("governance", "governance", &a.governance);
    f.choice::<Role>("role", "role", &a.role);
    f.choice::<Frequency>("meeting_frequency", "meeting-frequency", &a.meeting_frequency);
    f.list("priorities", &a.priorities);
    if let Some(h) = &a.staff_hours_per_month {
        match lenient::hours(h) {
            Ok(h) => f.set("staff_hours_per_month", guide::hours_value(h)),
            Err(e) => f.errors.push(format!("  --staff-hours-per-month: {e}")),
        }
    }
    if let Some(p) = &a.budget_contribution_gbp {
        match lenient::pounds(p).map(i64::try_from) {
            Ok(Ok(n)) => f.set("budget_contribution_gbp", Value::Integer(n)),
            Ok(Err(_)) => f.errors.push("  --budget-contribution-gbp: too large".into()),
            Err(e) => f.errors.push(format!("  --budget-contribution-gbp: {e}")),
        }
    }
    f.yes_no("budgeted", "budgeted", &a.budgeted);
    f.text("budget_source", &a.budget_source);
    f.text("exit_impact", &a.exit_impact);
    f.text("value_summary", &a.value_summary);
    f.text("information_sharing", &a.information_sharing);
    f.text("comments", &a.comments);
    f.date("started", "started", &a.started);
    f.list("documents", &a.documents);
    f.representatives(&a.representatives);
    f.part2(a);
    f.ratings("risk", &a.risk);
    f.ratings("value", &a.value);
    f.sub("reporting", |f, t| {
        f.choice_in::<Frequency>(t, "frequency", "reporting-frequency", &a.reporting_frequency);
        f.text_in(t, "responsible", &a.reporting_responsible);
        if let Some(to) = &a.reports_to {
            let items: Vec<String> = to.split(',').map(|s| s.trim().to_string()).collect();
            if let Some(list) = f.choices("reports-to", &items, lenient::choice::<ReportsTo>) {
                let one = list.len() == 1;
                let value = if one { list[0].clone() } else { Value::Array(list) };
                t.insert("reports_to".into(), value);
            }
        }
        f.date_in(t, "last_report", "last-report", &a.last_report);
        f.choice_in::<DataAssurance>(t, "data", "data", &a.data);
        f.text_in(t, "caveat", &a.caveat);
    });
    f.sub("approval", |f, t| {
        f.choice_in::<Approver>(t, "by", "approval-by", &a.approval_by);
        f.date_in(t, "date", "approval-date", &a.approval_date);
        f.text_in(t, "portfolio_holder", &a.portfolio_holder);
    });
    f.sub("exit", |f, t| {
        if !a.exit_reasons.is_empty() {
            let mut reasons = Vec::new();
            for r in &a.exit_reasons {
                match lenient::choice::<ExitReason>(r) {
                    Ok(s) => reasons.push(Value::String(s.into())),
                    Err(e) => f.errors.push(format!("  --exit-reason: {e}")),
                }
            }
            t.insert("reasons".into(), Value::Array(reasons));
        }
        f.text_in(t, "risks", &a.exit_risks);
        f.text_in(t, "controls", &a.exit_controls);
        f.choice_in::<ExitApprover>(t, "approved_by", "exit-approved-by", &a.exit_approved_by);
        f.date_in(t, "approved_on", "exit-approved-on", &a.exit_approved_on);
        f.yes_no_in(t, "significant", "exit-significant", &a.exit_significant);
        f.yes_no_in(
            t,
            "executive_reviewed",
            "exit-executive-reviewed",
            &a.exit_executive_reviewed,
        );
    });
    f.sub("questions", |f, t| {
        for q in &a.questions {
            match q.split_once('=') {
                Some((k, v)) if guide::QUESTIONS.iter().any(|(key, _)| *key == k.trim()) => {
                    t.insert(k.trim().into(), Value::String(v.trim().into()));
                }
                _ => f.errors.push(format!(
                    "  --question {q:?}: should be KEY=TEXT with KEY one of {}",
                    guide::QUESTIONS.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
                )),
            }
        }
    });
    if f.errors.is_empty() {
        Ok(())
    } else {
        bail!("some values cannot be used:\n{}", f.errors.join("\n"))
    }
}

pub(super) struct Flags<'a> {
    draft: &'a mut Table,
    errors: Vec<String>,
}

impl Flags<'_> {
    fn set(&mut self, key: &str, v: Value) {
        self.draft.insert(key.into(), v);
    }

    fn text(&mut self, key: &str, v: &Option<String>) {
        if let Some(v) = v {
            self.set(key, Value::String(v.clone()));
        }
    }

    fn list(&mut self, key: &str, items: &[String]) {
        if !items.is_empty() {
            self.set(
                key,
                Value::Array(items.iter().map(|s| Value::String(s.clone())).collect()),
            );
        }
    }

    fn choice<T: crate::model::Choice>(&mut self, key: &str, flag: &str, v: &Option<String>) {
        let mut t = std::mem::take(self.draft);
        self.choice_in::<T>(&mut t, key, flag, v);
        *self.draft = t;
    }

    fn choice_in<T: crate::model::Choice>(&mut self, t: &mut Table, key: &str, flag: &str, v: &Option<String>) {
        if let Some(v) = v {
            match lenient::choice::<T>(v) {
                Ok(s) => {
                    t.insert(key.into(), Value::String(s.into()));
                }
                Err(e) => self.errors.push(format!("  --{flag}: {e}")),
            }
        }
    }

    fn yes_no(&mut self, key: &str, flag: &str, v: &Option<String>) {
        let mut t = std::mem::take(self.draft);
        self.yes_no_in(&mut t, key, flag, v);
        *self.draft = t;
    }

    fn yes_no_in(&mut self, t: &mut Table, key: &str, flag: &str, v: &Option<String>) {
        if let Some(v) = v {
            match lenient::yes_no(v) {
                Ok(b) => {
                    t.insert(key.into(), Value::Boolean(b));
                }
                Err(e) => self.errors.push(format!("  --{flag}: {e}")),
            }
        }
    }

    fn date(&mut self, key: &str, flag: &str, v: &Option<String>) {
        let mut t = std::mem::take(self.draft);
        self.date_in(&mut t, key, flag, v);
        *self.draft = t;
    }

    fn date_in(&mut self, t: &mut Table, key: &str, flag: &str, v: &Option<String>) {
        if let Some(v) = v {
            match lenient::date(v) {
                Ok(d) => {
                    t.insert(key.into(), guide::date_value(d));
                }
                Err(e) => self.errors.push(format!("  --{flag}: {e}")),
            }
        }
    }

    fn text_in(&mut self, t: &mut Table, key: &str, v: &Option<String>) {
        if let Some(v) = v {
            t.insert(key.into(), Value::String(v.clone()));
        }
    }

    /// Fills a sub-table, merging with what `--from` gave.
    fn sub(&mut self, name: &str, fill: impl FnOnce(&mut Self, &mut Table)) {
        let mut t = match self.draft.remove(name) {
            Some(Value::Table(t)) => t,
            Some(other) => {
                self.draft.insert(name.into(), other);
                return;
            }
            None => Table::new(),
        };
        fill(self, &mut t);
        if !t.is_empty() {
            self.draft.insert(name.into(), Value::Table(t));
        }
    }

    fn representatives(&mut self, reps: &[String]) {
        if reps.is_empty() {
            return;
        }
        let mut all = Vec::new();
        for r in reps {
            match lenient::representative(r) {
                Ok((name, level, position)) => {
                    let mut t = Table::new();
                    t.insert("name".into(), Value::String(name));
                    t.insert(
                        "level".into(),
                        Value::String(crate::model::Choice::as_str(level).into()),
                    );
                    if let Some(p) = position {
                        t.insert("position".into(), Value::String(p));
                    }
                    all.push(Value::Table(t));
                }
                Err(e) => self.errors.push(format!("  --representative: {e}")),
            }
        }
        self.set("representatives", Value::Array(all));
    }

    /// Several values of a closed list from a repeatable flag; `None` (with
    /// the faults reported) when any cannot be read, or when none are given.
    fn choices(
        &mut self,
        flag: &str,
        items: &[String],
        read: fn(&str) -> Result<&'static str, String>,
    ) -> Option<Vec<Value>> {
        if items.is_empty() {
            return None;
        }
        let mut out = Vec::new();
        for item in items {
            match read(item) {
                Ok(s) => out.push(Value::String(s.into())),
                Err(e) => self.errors.push(format!("  --{flag}: {e}")),
            }
        }
        (out.len() == items.len()).then_some(out)
    }

    /// The format Part 2 flags: the Lead Officer, places, the case for
    /// joining, and the roles, term and appointing body of every
    /// `--representative` given.
    fn part2(&mut self, a: &AddArgs) {
        self.text("lead_officer", &a.lead_officer);
        if let Some(n) = &a.member_places {
            match crate::policy::fields::places(n) {
                Ok(n) => self.set("member_places", Value::Integer(n.into())),
                Err(e) => self.errors.push(format!("  --member-places: {e}")),
            }
        }
        // Merged with a `[case]` from `--from`, flags winning.
        self.sub("case", |f, t| {
            if let Some(grounds) = f.choices("case-ground", &a.case_grounds, lenient::choice::<Ground>) {
                t.insert("grounds".into(), Value::Array(grounds));
            }
            for (key, flag, v) in [
                (
                    "supports_corporate_policies",
                    "case-supports-corporate-policies",
                    &a.case_supports_corporate_policies,
                ),
                ("benefits_district", "case-benefits-district", &a.case_benefits_district),
                ("better_than_alone", "case-better-than-alone", &a.case_better_than_alone),
                (
                    "monitoring_in_place",
                    "case-monitoring-in-place",
                    &a.case_monitoring_in_place,
                ),
            ] {
                f.yes_no_in(t, key, flag, v);
            }
        });
        let roles = self.choices(
            "representative-role",
            &a.representative_roles,
            lenient::choice::<ExpectedRole>,
        );
        let term = a.representative_term.as_deref().map(lenient::choice::<Term>);
        let by = a.appointed_by.as_deref().map(lenient::choice::<AppointedBy>);
        let mut extra = Table::new();
        if let Some(roles) = roles {
            extra.insert("roles".into(), Value::Array(roles));
        }
        for (key, flag, read) in [
            ("term", "representative-term", term),
            ("appointed_by", "appointed-by", by),
        ] {
            match read {
                Some(Ok(s)) => {
                    extra.insert(key.into(), Value::String(s.into()));
                }
                Some(Err(e)) => self.errors.push(format!("  --{flag}: {e}")),
                None => {}
            }
        }
        if extra.is_empty() {
            return;
        }
        match self.draft.get_mut("representatives").and_then(Value::as_array_mut) {
            Some(reps) if !a.representatives.is_empty() => {
                for rep in reps.iter_mut().filter_map(Value::as_table_mut) {
                    rep.extend(extra.clone());
                }
            }
            _ => self
                .errors
                .push("  --representative-role, --representative-term and --appointed-by apply to each --representative; give at least one".into()),
        }
    }

    fn ratings(&mut self, side: &str, args: &[String]) {
        if args.is_empty() {
            return;
        }
        let mut edits = Vec::new();
        for a in args {
            match RatingEdit::parse(&format!("{side}.{a}")) {
                Ok(e) => edits.push(e),
                Err(e) => self.errors.push(format!("  --{side} {a}: {e}")),
            }
        }
        guide::apply_to_draft(self.draft, &edits);
        debug_assert!(
            edits
                .iter()
                .all(|e| matches!(e.value, NewValue::Level(_) | NewValue::Text(_)))
        );
    }
}
