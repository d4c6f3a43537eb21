//! The appointments list and the reporting programme fit a terminal as
//! `list` does: at 80, 100 and 120 columns every line fits, names wrap at
//! word boundaries (never mid-word), the least needed columns are left out
//! first, and a line under the table names them and how to see them.

use crate::support::AS_OF;
use crate::tables::bundled;

fn width(line: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(line)
}

/// The cells of each table line in the column with this heading.
fn column(table: &str, heading: &str) -> Vec<String> {
    let cells = |l: &str| -> Vec<String> {
        let inner = l.trim_start_matches('│').trim_end_matches('│');
        inner.split('┆').map(|c| c.trim().to_string()).collect()
    };
    let header = table.lines().find(|l| l.starts_with('│')).unwrap();
    let at = cells(header)
        .iter()
        .position(|c| c == heading)
        .unwrap_or_else(|| panic!("no {heading:?}: {header}"));
    table
        .lines()
        .skip_while(|l| !l.starts_with('╞'))
        .filter(|l| l.starts_with('│'))
        .map(|l| cells(l).get(at).cloned().unwrap_or_default())
        .collect()
}

/// The words of a column of a CSV file (the full text, whatever the width).
fn words_of(csv: &str, heading: &str) -> std::collections::BTreeSet<String> {
    let mut r = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let at = r.headers().unwrap().iter().position(|h| h == heading).unwrap();
    r.records()
        .flat_map(|rec| {
            let rec = rec.unwrap();
            rec[at].split_whitespace().map(str::to_string).collect::<Vec<_>>()
        })
        .collect()
}

/// Runs a report on the bundled register at a width.
fn report(project: &crate::support::Project, args: &[&str], n: &str) -> String {
    let mut all = args.to_vec();
    all.extend(["--as-of", AS_OF, "--width", n]);
    let run = project.run(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

/// The reports, the heading of their name column and of a second name
/// column, and the first column left out on a narrow terminal.
const REPORTS: [(&[&str], &str, Option<&str>, &str); 3] = [
    (&["appointments"], "Outside body", Some("Member"), "Position"),
    (
        &["appointments", "--by-person"],
        "Representative",
        Some("Outside body"),
        "Position",
    ),
    (&["programme"], "Partnership", None, "Last report"),
];

#[test]
fn reports_fit_80_100_and_120_columns_with_names_wrapped_at_words() {
    let project = bundled();
    for (args, name, second, first_dropped) in REPORTS {
        let mut csv_args = args.to_vec();
        csv_args.extend(["--format", "csv", "--as-of", AS_OF]);
        let csv = project.run(&csv_args).stdout;
        for n in [80usize, 100, 120] {
            let out = report(&project, args, &n.to_string());
            for line in out.lines().filter(|l| l.starts_with(['│', '┌', '├', '└', '╞'])) {
                assert!(width(line) <= n, "{args:?} at {n}: {} wide: {line}\n{out}", width(line));
            }
            // Every piece of a name in the table is a whole word of a name.
            let mut checks = vec![name];
            checks.extend(second);
            for heading in checks {
                let words = words_of(&csv, heading);
                for cell in column(&out, heading) {
                    for piece in cell.split_whitespace().filter(|p| *p != "—") {
                        assert!(
                            words.contains(piece),
                            "{args:?} at {n}: {piece:?} in {heading:?} is not a whole word\n{out}"
                        );
                    }
                }
            }
            if n == 80 {
                let lines: Vec<&str> = out.lines().collect();
                let at = lines
                    .iter()
                    .position(|l| l.starts_with("Left out to fit 80 columns: "))
                    .unwrap_or_else(|| panic!("{args:?}: no note of the columns left out\n{out}"));
                assert!(lines[at].contains(first_dropped), "{}", lines[at]);
                assert!(
                    lines[at + 1].contains("--wide") && lines[at + 1].contains("--format csv"),
                    "{out}"
                );
                assert!(width(lines[at + 1]) <= 80, "{}", lines[at + 1]);
                let header = out.lines().find(|l| l.contains(name)).unwrap();
                assert!(!header.contains(first_dropped), "{header}");
            }
        }
        // --wide shows every column, and says nothing is left out.
        let mut wide = args.to_vec();
        wide.extend(["--as-of", AS_OF, "--wide"]);
        let out = project.run(&wide).stdout;
        assert!(!out.contains("Left out"), "{out}");
        let header = out.lines().find(|l| l.contains(name)).unwrap();
        assert!(header.contains(first_dropped) && header.contains("ID"), "{header}");
    }
}

#[test]
fn report_tables_at_80_and_120_columns() {
    let project = bundled();
    for n in ["80", "120"] {
        insta::assert_snapshot!(
            format!("appointments_table_{n}"),
            report(&project, &["appointments"], n)
        );
        insta::assert_snapshot!(format!("programme_table_{n}"), report(&project, &["programme"], n));
    }
}

#[test]
fn ids_are_shown_on_request_wherever_their_column_is() {
    let project = bundled();
    let plain = report(&project, &["appointments", "--by-person"], "120");
    assert!(!plain.contains("anglia-revenues-partnership"), "{plain}");
    let ids = report(&project, &["appointments", "--by-person", "--ids"], "120");
    assert!(ids.contains("anglia-revenues-partnership"), "{ids}");
}
