//! `partreg appointments` and `partreg programme` (format Part 2): every
//! format on the bundled register (snapshots), and the rules each report
//! follows on small fixtures. The calendar file is read back with a real
//! iCalendar parser.

use crate::diagnostics::with;
use crate::support::{AS_OF, Project, SETTINGS, VALID, run_in};

const BUNDLED: &str = env!("CARGO_MANIFEST_DIR");

fn bundled(args: &[&str]) -> crate::support::Run {
    let mut all = args.to_vec();
    all.extend(["--as-of", AS_OF]);
    let run = run_in(BUNDLED.as_ref(), &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

#[test]
fn appointments_in_every_format() {
    insta::assert_snapshot!("appointments_table", bundled(&["appointments"]).stdout);
    insta::assert_snapshot!(
        "appointments_csv",
        bundled(&["appointments", "--format", "csv", "--no-bom"]).stdout
    );
    insta::assert_snapshot!(
        "appointments_json",
        bundled(&["appointments", "--format", "json"]).stdout
    );
    insta::assert_snapshot!(
        "appointments_markdown",
        bundled(&["appointments", "--format", "markdown"]).stdout
    );
    let html = bundled(&["appointments", "--format", "html"]).stdout;
    assert!(html.starts_with("<!DOCTYPE html>"));
    let dom = tl::parse(&html, tl::ParserOptions::default()).unwrap();
    // Every row but the header's.
    let rows = dom.query_selector("tr").unwrap().count() - 1;
    let csv = bundled(&["appointments", "--format", "csv", "--no-bom"]).stdout;
    assert_eq!(rows, csv.lines().count() - 1, "one HTML row per CSV row");
    insta::assert_snapshot!("appointments_html", html);
}

#[test]
fn appointments_by_person() {
    insta::assert_snapshot!(
        "appointments_by_person_csv",
        bundled(&["appointments", "--by-person", "--format", "csv", "--no-bom"]).stdout
    );
    let json: serde_json::Value =
        serde_json::from_str(&bundled(&["appointments", "--by-person", "--format", "json"]).stdout).unwrap();
    let people = json["people"].as_array().unwrap();
    // Officers are included.
    assert!(people.iter().any(|p| p["seats"][0]["level"] == "officer"), "{json:#}");
    insta::assert_snapshot!(
        "appointments_by_person_table",
        bundled(&["appointments", "--by-person"]).stdout
    );
}

/// A project with VALID and another entry whose Member is spelt differently.
fn two_bodies(settings_extra: &str) -> Project {
    let project = Project::new();
    project.write("partreg.toml", format!("{SETTINGS}{settings_extra}"));
    project.write(
        "register/test-waste.toml",
        with("lead_officer = ", "member_places = 2\nlead_officer = "),
    );
    let other = VALID
        .replace("Test Waste Partnership", "Test Forum")
        .replace("name = \"Cllr Ann Brown\"", "name = \"  CLLR ann   brown\"")
        .replace("term_ends = 2027-05-01\n", "term = \"four-year\"\n");
    project.write("register/test-forum.toml", other);
    project
}

#[test]
fn appointments_need_a_meeting() {
    let project = two_bodies("");
    let run = project.run(&["appointments", "--as-of", AS_OF]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--meeting"), "{}", run.stderr);
    let run = project.run(&[
        "appointments",
        "--as-of",
        AS_OF,
        "--meeting",
        "2027-05-20",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["meeting"], "2027-05-20");
}

#[test]
fn appointments_say_which_places_are_filled_and_why() {
    let project = two_bodies("\n[calendar]\nannual_council = [2027-05-20, 2026-05-21]\n");
    let run = project.run(&["appointments", "--as-of", AS_OF, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["meeting"], "2027-05-20", "the first on or after --as-of");
    let bodies = json["bodies"].as_array().unwrap();
    let forum = &bodies[0]["places"][0];
    assert_eq!(
        (forum["to_fill"].as_bool(), forum["reason"].as_str()),
        (Some(false), Some("four-year term continues"))
    );
    let waste = bodies[1]["places"].as_array().unwrap();
    // No `term`: counted as annual, and the list says so; ending before the meeting.
    assert_eq!(waste[0]["reason"], "term ends 2027-05-01");
    assert_eq!(waste[1]["reason"], "vacant");
    // An election before the meeting reopens four-year terms.
    project.write(
        "partreg.toml",
        format!("{SETTINGS}\n[calendar]\nannual_council = [2027-05-20]\nelections = [2027-05-06]\n"),
    );
    let json: serde_json::Value = serde_json::from_str(
        &project
            .run(&["appointments", "--as-of", AS_OF, "--format", "json"])
            .stdout,
    )
    .unwrap();
    assert_eq!(
        json["bodies"][0]["places"][0]["reason"],
        "four-year term; election on 2027-05-06"
    );
    // Without a term: annual, said in words.
    let text = project
        .run(&["appointments", "--as-of", AS_OF, "--meeting", "2027-06-01", "--wide"])
        .stdout;
    assert!(text.contains("Annual (no term recorded)"), "{text}");
    // By person, names are compared as duplicate names are.
    let people: serde_json::Value = serde_json::from_str(
        &project
            .run(&["appointments", "--as-of", AS_OF, "--by-person", "--format", "json"])
            .stdout,
    )
    .unwrap();
    let people = people["people"].as_array().unwrap();
    assert_eq!(people.len(), 1, "{people:#?}");
    assert_eq!(people[0]["seats"].as_array().unwrap().len(), 2);
}

#[test]
fn programme_in_every_format() {
    insta::assert_snapshot!("programme_table", bundled(&["programme"]).stdout);
    insta::assert_snapshot!(
        "programme_csv",
        bundled(&["programme", "--format", "csv", "--no-bom"]).stdout
    );
    insta::assert_snapshot!(
        "programme_markdown",
        bundled(&["programme", "--format", "markdown"]).stdout
    );
    insta::assert_snapshot!("programme_html", bundled(&["programme", "--format", "html"]).stdout);
    let json = bundled(&["programme", "--format", "json"]).stdout;
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let lines = doc["lines"].as_array().unwrap();
    assert_eq!(lines[0]["standing"], "overdue");
    assert_eq!(lines[1]["standing"], "no-report");
    assert!(
        lines.iter().all(|l| l["reports_to"].is_array()),
        "reports_to is always a list"
    );
    let dated: Vec<&str> = lines
        .iter()
        .filter(|l| l["standing"] == "due")
        .map(|l| l["next_due"].as_str().unwrap())
        .collect();
    assert!(dated.windows(2).all(|w| w[0] <= w[1]), "{dated:?}");
    insta::assert_snapshot!("programme_json", json);
}

/// Every event of an iCalendar file, as (name, value, params) lists, read
/// with the `ical` crate.
fn events(ics: &str) -> Vec<Vec<(String, String, String)>> {
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
    let calendar = parser.next().expect("one calendar").expect("parses");
    assert!(parser.next().is_none());
    calendar
        .events
        .into_iter()
        .map(|e| {
            e.properties
                .into_iter()
                .map(|p| (p.name, p.value.unwrap_or_default(), format!("{:?}", p.params)))
                .collect()
        })
        .collect()
}

fn prop<'a>(event: &'a [(String, String, String)], name: &str) -> &'a str {
    &event
        .iter()
        .find(|(n, _, _)| n == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .1
}

#[test]
fn programme_as_a_calendar() {
    let ics = bundled(&["programme", "--format", "ics"]).stdout;
    for line in ics.split_inclusive('\n') {
        assert!(line.ends_with("\r\n"), "{line:?}");
        assert!(line.trim_end_matches("\r\n").len() <= 75, "{line:?}");
    }
    let events = events(&ics);
    assert!(events.len() > 20, "{}", events.len());
    let mut uids = std::collections::BTreeSet::new();
    for e in &events {
        assert!(uids.insert(prop(e, "UID").to_string()), "UIDs are unique");
        assert_eq!(prop(e, "DTSTAMP"), "20261130T000000Z");
        let (start, end) = (prop(e, "DTSTART"), prop(e, "DTEND"));
        let day = |s: &str| partreg::model::Date::parse(&format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..])).unwrap();
        assert_eq!(
            partreg::model::period::add_days(day(start), 1),
            Some(day(end)),
            "exclusive DTEND"
        );
        assert!(
            e.iter().any(|(n, _, p)| n == "DTSTART" && p.contains("DATE")),
            "all-day"
        );
    }
    for kind in ["next-report", "review-due", "term-ends"] {
        assert!(uids.iter().any(|u| u.contains(kind)), "{kind}");
    }
    assert!(
        uids.contains("norfolk-waste-partnership-term-ends-cllr-helen-marsh@partreg"),
        "{uids:?}"
    );
    // Text escaping survives the round trip.
    let described = events
        .iter()
        .map(|e| prop(e, "DESCRIPTION"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(described.contains("\\;") || described.contains(';'), "{described}");
    insta::assert_snapshot!("programme_ics", ics.replace("\r\n", "\n"));
}

#[test]
fn calendar_uids_do_not_depend_on_list_order() {
    let project = Project::new();
    let two = VALID.replace(
        "roles = [\"report-to-council\", \"monitor-performance\"]\n",
        "roles = [\"report-to-council\"]\n\n[[representatives]]\nname = \"Sam Green\"\nlevel = \"officer\"\nterm_ends = 2027-09-01\nroles = [\"management-support\"]\n",
    );
    project.write("register/test-waste.toml", &two);
    let first = project.run(&["programme", "--format", "ics", "--as-of", AS_OF]).stdout;
    assert_eq!(
        first,
        project.run(&["programme", "--format", "ics", "--as-of", AS_OF]).stdout,
        "deterministic"
    );
    // Swap the two representatives: the events keep their UIDs.
    let (head, reps) = two.split_once("[[representatives]]").unwrap();
    let (reps, tail) = reps.split_once("\n[risk]").unwrap();
    let (ann, sam) = reps.split_once("[[representatives]]").unwrap();
    project.write(
        "register/test-waste.toml",
        format!(
            "{head}[[representatives]]{}\n[[representatives]]{}\n[risk]{tail}",
            sam.trim_end(),
            ann.trim_end()
        ),
    );
    let swapped = project.run(&["programme", "--format", "ics", "--as-of", AS_OF]).stdout;
    let uid_dates = |ics: &str| {
        let mut v: Vec<(String, String)> = events(ics)
            .iter()
            .map(|e| (prop(e, "UID").to_string(), prop(e, "DTSTART").to_string()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(uid_dates(&first), uid_dates(&swapped));
    assert!(first.contains("UID:test-waste-term-ends-sam-green@partreg"), "{first}");
}

#[test]
fn broken_files_are_left_out_and_named() {
    let project = Project::new();
    project.write("register/test-waste.toml", VALID);
    project.write("register/broken.toml", "name = ");
    let run = project.run(&["programme", "--as-of", AS_OF]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("register/broken.toml"), "{}", run.stderr);
    assert!(run.stdout.contains("Test Waste"), "{}", run.stdout);
    let run = project.run(&[
        "appointments",
        "--as-of",
        AS_OF,
        "--meeting",
        "2027-05-20",
        "--format",
        "ics",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("programme"), "{}", run.stderr);
}

#[test]
fn the_review_pack_shows_the_part2_items_in_every_format() {
    let json: serde_json::Value =
        serde_json::from_str(&bundled(&["review", "--year", "2026", "--format", "json"]).stdout).unwrap();
    let kinds: Vec<&str> = json["attention"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    for kind in ["open-concern", "exit-decided", "vacant-place", "data-caveat"] {
        assert_eq!(kinds.iter().filter(|k| **k == kind).count(), 1, "{kind}: {kinds:?}");
    }
    let row = |id: &str| {
        json["partnerships"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap()
            .clone()
    };
    let homes = row("breckland-homelessness-partnership");
    assert_eq!(
        (homes["budget_gbp"].as_u64(), homes["budget_in_principle"].as_bool()),
        (Some(125_000), Some(true))
    );
    assert_eq!(homes["open_concerns"].as_array().unwrap().len(), 1);
    // The closed concern is not open.
    assert_eq!(
        row("anglia-revenues-partnership")["open_concerns"],
        serde_json::json!([])
    );
    let beside = "£120,000 (2026 budget £125,000, in principle)";
    for format in ["markdown", "html"] {
        let text = bundled(&["review", "--year", "2026", "--format", format]).stdout;
        assert!(text.contains(beside), "{format}");
        assert!(text.contains("open concern raised 2026-11-09"), "{format}");
        assert!(text.contains("1 of 2 places for Members vacant"), "{format}");
        assert!(text.contains("reported data is an estimate"), "{format}");
    }
    let table = bundled(&["review", "--year", "2026"]).stdout;
    assert!(table.contains("open concern raised 2026-11-09"), "{table}");
    assert!(table.contains("budget £125,000"), "{table}");
    let csv = bundled(&["review", "--year", "2026", "--format", "csv", "--no-bom"]).stdout;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let homes = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "breckland-homelessness-partnership")
        .unwrap();
    assert_eq!(
        (&homes[at("budget_gbp")], &homes[at("budget_in_principle")]),
        ("125000", "yes")
    );
    assert!(homes[at("open_concerns")].starts_with("2026-11-09: "));
}
