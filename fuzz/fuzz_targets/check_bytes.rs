//! Raw bytes as one register file: load, decode, apply every rule, and
//! render the findings in every format. Nothing may panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use partreg::model::Date;
use partreg::store::register;
use partreg::render::{check, ci, CheckReport};
use partreg::render::text::Style;
use partreg::policy::rubric::Rubric;
use partreg::policy::rules::RuleContext;

fuzz_target!(|data: &[u8]| {
    let rubric = Rubric::builtin().expect("the built-in rubric loads");
    let cx = RuleContext {
        as_of: Date::new(2026, 11, 30).expect("a real date"),
        priorities: None,
        rubric: &rubric,
    };
    let loaded = register::check_bytes(std::path::Path::new("register/fuzz.toml"), "register/fuzz.toml".into(), data, &cx);
    let report = CheckReport { files: 1, diagnostics: loaded.diagnostics.iter().collect() };
    let mut sink = Vec::new();
    check::human(&report, Style { enabled: true }, &mut sink).expect("writing to memory");
    check::json(&report, &mut sink).expect("writing to memory");
    check::github(&report, &mut sink).expect("writing to memory");
    ci::sarif(&report, &mut sink).expect("writing to memory");
    ci::gitlab(&report, &mut sink).expect("writing to memory");
    ci::summary(&report, &mut sink).expect("writing to memory");
});
