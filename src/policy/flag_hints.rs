//! Hints in the words of the flags, for officers who give ratings on the
//! command line (`add --risk`, `assess --set`) rather than by editing a
//! file. `check`'s hints say what to write in the file ("add rationale =
//! \"…\" under \[risk\]"); to someone whose file does not exist yet, or who
//! never opened it, the fix is another flag.

use crate::diagnostic::{Code, Diagnostic, shared};
use crate::model::{Entry, Level, RISK_KEYS, VALUE_KEYS};

use super::assessment::{self, Side};
use super::rubric::Rubric;

/// The command whose flags the hint names.
#[derive(Clone, Copy, Debug)]
pub enum Flags<'a> {
    /// `partreg add`: `--risk KEY=LEVEL`, `--value KEY=LEVEL`.
    Add,
    /// `partreg assess ID --set`: `--set risk.KEY=LEVEL`, `--rationale`.
    Assess { id: &'a str },
}

/// The hint for `rating-mismatch` (a recorded overall rating that differs
/// from what the criteria give, with no rationale) in the flags' words.
pub fn rating_mismatch(flags: Flags<'_>, side: Side, computed: Level) -> String {
    let side = side.as_str();
    let computed = computed.as_str_lower();
    match flags {
        Flags::Add => format!(
            "give --{side} rationale=\"…\" to explain the judgement, or --{side} overall={computed}, what the criteria give"
        ),
        Flags::Assess { id } => format!(
            "add --set {side}.rationale=\"…\" to explain the judgement (or --rationale \"…\" with --set {side}.overall=LEVEL), or --set {side}.overall={computed}, what the criteria give; `partreg assess {id} --explain` shows the working"
        ),
    }
}

/// Rewrites the hints of `findings` about ratings into the flags' words,
/// judged on `entry` (the file as it would be written). Other findings
/// keep `check`'s hints.
pub fn in_flags_words(findings: &mut [Diagnostic], entry: Option<&Entry>, rubric: &Rubric, flags: Flags<'_>) {
    let Some(entry) = entry else { return };
    if !findings.iter().any(|d| d.code == Code::RatingMismatch) {
        return;
    }
    let a = assessment::assess(entry, rubric);
    for d in findings.iter_mut().filter(|d| d.code == Code::RatingMismatch) {
        let side = if d.key.starts_with("risk.") { &a.risk } else { &a.value };
        if let Some(computed) = side.computed.level() {
            d.hint = Some(shared(&rating_mismatch(flags, side.side, computed)));
        }
    }
}

/// The keys `assess --set` takes for one side, as typed: each criterion
/// but the computed resource, then `overall` and `rationale`. Made from the
/// lists the parser checks against, so help and parser cannot drift apart.
pub fn set_keys(side: Side) -> Vec<&'static str> {
    let criteria: &[&'static str] = match side {
        Side::Risk => &RISK_KEYS,
        Side::Value => &VALUE_KEYS,
    };
    criteria
        .iter()
        .copied()
        .filter(|k| *k != "resource")
        .chain(["overall", "rationale"])
        .collect()
}

/// The `--set` keys of each side, "  risk.KEY: failure_impact, …", wrapped
/// at 76 columns with the next line indented (for `--help`, which prints
/// it as it is, and `--explain`).
pub fn set_keys_lines() -> String {
    let lines: Vec<String> = [Side::Risk, Side::Value]
        .into_iter()
        .map(|side| format!("  {}.KEY: {}", side.as_str(), set_keys(side).join(", ")))
        .collect();
    // The shared wrapping: continuation rows start four in from the indent.
    crate::render::wrap::lines(&lines.join("\n"), crate::render::table::Fit::Width(76))
        .trim_end()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_set_keys_are_the_parsers_and_leave_out_resource() {
        for side in [Side::Risk, Side::Value] {
            for key in set_keys(side) {
                let arg = if key == "rationale" {
                    format!("{}.{key}=why", side.as_str())
                } else {
                    format!("{}.{key}=high", side.as_str())
                };
                assert!(crate::store::edit::RatingEdit::parse(&arg).is_ok(), "{arg}");
            }
        }
        assert!(!set_keys(Side::Risk).contains(&"resource"));
        assert!(set_keys(Side::Value).contains(&"cost_reduction"));
        assert!(set_keys_lines().contains("value.KEY: "), "{}", set_keys_lines());
    }

    #[test]
    fn the_mismatch_hint_names_the_flags_of_each_command() {
        let add = rating_mismatch(Flags::Add, Side::Risk, Level::Medium);
        assert!(
            add.contains("--risk rationale=\"…\"") && add.contains("--risk overall=medium"),
            "{add}"
        );
        assert!(!add.contains("under [risk]"), "{add}");
        let assess = rating_mismatch(Flags::Assess { id: "x" }, Side::Value, Level::Low);
        assert!(
            assess.contains("--set value.rationale=") && assess.contains("--set value.overall=low"),
            "{assess}"
        );
    }
}
