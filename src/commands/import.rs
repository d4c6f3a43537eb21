//! `partreg import`: bring the council's old spreadsheet register into
//! partreg. Headers are matched to the register's keys and to the way
//! councils label them; values are read the way people type them; each
//! row becomes a file through the same code as `add`. Nothing from the
//! spreadsheet is lost and nothing on the register is overwritten.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, bail};
use toml::{Table, Value};

use super::{Env, Outcome};
use crate::cli::{GlobalArgs, ImportArgs};
use crate::model::lenient;
use crate::model::{Approver, ExitApprover, Frequency, Governance, Kind, ReportsTo, Role, Status};
use crate::store::atomic;
use crate::store::decode;
use crate::store::register::{self, LoadOptions};
use crate::store::slug;
use crate::terminal::guide;

/// A spreadsheet as rows of text cells; row 0 is the header.
type Grid = Vec<Vec<String>>;

/// How a column's values are read.
#[derive(Clone, Copy, Debug)]
enum Reader {
    Text,
    List,
    Representatives,
    YesNo,
    Hours,
    Pounds,
    Date,
    Level,
    Choice(fn(&str) -> Result<&'static str, String>),
    Id,
    /// Worked out by partreg; a value in the sheet is not needed.
    Computed,
}

/// Every register key an import can fill, how to read it, and the other
/// names councils give the column (compared without case, spaces or
/// punctuation).
fn targets() -> Vec<(String, Reader, Vec<&'static str>)> {
    let mut t: Vec<(String, Reader, Vec<&'static str>)> = vec![
        ("id".into(), Reader::Id, vec!["ref", "reference"]),
        (
            "name".into(),
            Reader::Text,
            vec!["partnershipname", "partnership", "nameofpartnership", "title"],
        ),
        (
            "lead_partner".into(),
            Reader::Text,
            vec!["lead", "leadorganisation", "leadbody", "whoisthelead"],
        ),
        (
            "partners".into(),
            Reader::List,
            vec!["otherpartners", "partnerorganisations", "members", "otherorganisations"],
        ),
        (
            "status".into(),
            Reader::Choice(lenient::choice::<Status>),
            vec!["currentstatus"],
        ),
        (
            "function".into(),
            Reader::Text,
            vec![
                "functionofpartnership",
                "functionofthepartnership",
                "purpose",
                "aim",
                "aims",
            ],
        ),
        (
            "objectives".into(),
            Reader::List,
            vec!["keyobjectives", "keypartnershipobjectives", "objective"],
        ),
        (
            "kind".into(),
            Reader::Choice(lenient::choice::<Kind>),
            vec![
                "strategicoroperational",
                "isthepartnershipstrategicoroperational",
                "type",
                "strategicoperational",
            ],
        ),
        (
            "statutory".into(),
            Reader::YesNo,
            vec![
                "statutoryyn",
                "statutorypartnership",
                "isthisastatutorypartnershipweareobligedtoattend",
                "isthisastatutorypartnershipweareobligedtoattendyn",
            ],
        ),
        (
            "governance".into(),
            Reader::Choice(lenient::choice::<Governance>),
            vec!["governancearrangements", "governancearrangement"],
        ),
        (
            "role".into(),
            Reader::Choice(lenient::choice::<Role>),
            vec![
                "ourrole",
                "bcrole",
                "councilsrole",
                "whatisourroleinthepartnership",
                "whatisourroleinthepartnershipcontrolinfluenceinformation",
            ],
        ),
        (
            "meeting_frequency".into(),
            Reader::Choice(lenient::choice::<Frequency>),
            vec![
                "frequencyofmeetings",
                "meetingfrequency",
                "frequency",
                "meetings",
                "howoftendoesitmeet",
            ],
        ),
        (
            "priorities".into(),
            Reader::List,
            vec![
                "corporatepriorities",
                "prioritycriticaloutcomes",
                "priority",
                "prioritiescriticaloutcomes",
                "whichprioritycriticaloutcomesdoesthepartnershiphelptodeliver",
            ],
        ),
        (
            "staff_hours_per_month".into(),
            Reader::Hours,
            vec![
                "staffhours",
                "stafftime",
                "stafftimehourspermonth",
                "hourspermonth",
                "estimationofstafftimeincpreparationmeetingandfollowuphourspermonth",
                "estimationofstafftime",
            ],
        ),
        (
            "budget_contribution_gbp".into(),
            Reader::Pounds,
            vec![
                "budgetcontribution",
                "contribution",
                "budget",
                "estimationofthecouncilsbudgetcontribution",
                "councilcontribution",
                "annualcontribution",
            ],
        ),
        (
            "budgeted".into(),
            Reader::YesNo,
            vec!["inexistingbudgets", "inexistingbudgetsyn", "budgetedyn"],
        ),
        ("budget_source".into(), Reader::Text, vec!["whichbudget", "budgetcode"]),
        (
            "exit_impact".into(),
            Reader::Text,
            vec![
                "impactriskofexit",
                "impactriskofexitfrompartnership",
                "impactofexit",
                "exitrisk",
                "riskofexit",
            ],
        ),
        (
            "value_summary".into(),
            Reader::Text,
            vec![
                "value",
                "valueaccesstoadditionalresourcesabilitytoinfluencekeypolicyandkeydecisionsenhancingreputation",
                "benefits",
            ],
        ),
        (
            "information_sharing".into(),
            Reader::Text,
            vec![
                "howisinformationshared",
                "howisinformationfromthepartnershipcurrentlyshared",
                "informationshared",
            ],
        ),
        (
            "comments".into(),
            Reader::Text,
            vec![
                "commentsandrecommendations",
                "commentsandrecommendationsonfutureactions",
                "notes",
                "comment",
            ],
        ),
        (
            "started".into(),
            Reader::Date,
            vec!["datejoined", "joined", "startdate", "start"],
        ),
        (
            "documents".into(),
            Reader::List,
            vec!["termsofreference", "agreement", "links"],
        ),
        (
            "representatives".into(),
            Reader::Representatives,
            vec![
                "bcrepresentatives",
                "bcrepresentative",
                "bcrepresentativess",
                "representative",
                "councilrepresentatives",
                "bcrepresentativesmembersandorofficers",
            ],
        ),
        ("risk_computed".into(), Reader::Computed, vec!["computedrisk"]),
        ("value_computed".into(), Reader::Computed, vec!["computedvalue"]),
        ("recommendation".into(), Reader::Computed, vec![]),
        (
            "risk.overall".into(),
            Reader::Level,
            vec![
                "overallriskassessment",
                "overallrisk",
                "riskrating",
                "risk",
                "riskassessment",
                "riskrecorded",
            ],
        ),
        ("risk.rationale".into(), Reader::Text, vec!["riskrationale"]),
        (
            "value.overall".into(),
            Reader::Level,
            vec![
                "overallvalueassessment",
                "overallvalue",
                "valuerating",
                "valueassessment",
                "valueassessmentofthepartnership",
                "overallvalueassessmentofthepartnership",
                "valuerecorded",
            ],
        ),
        ("value.rationale".into(), Reader::Text, vec!["valuerationale"]),
        (
            "reporting.frequency".into(),
            Reader::Choice(lenient::choice::<Frequency>),
            vec!["reportingfrequency"],
        ),
        (
            "reporting.responsible".into(),
            Reader::Text,
            vec!["reportingresponsible", "responsibleofficer"],
        ),
        (
            "reporting.reports_to".into(),
            Reader::Choice(lenient::choice::<ReportsTo>),
            vec!["reportsto"],
        ),
        (
            "approval.by".into(),
            Reader::Choice(lenient::choice::<Approver>),
            vec!["approvedby"],
        ),
        (
            "approval.date".into(),
            Reader::Date,
            vec!["approvaldate", "dateapproved"],
        ),
        (
            "approval.portfolio_holder".into(),
            Reader::Text,
            vec!["portfolioholder"],
        ),
        (
            "exit.reasons".into(),
            Reader::List,
            vec!["exitreasons", "reasonsforleaving"],
        ),
        ("exit.risks".into(), Reader::Text, vec!["exitrisks", "risksofexit"]),
        ("exit.controls".into(), Reader::Text, vec!["exitcontrols"]),
        (
            "exit.approved_by".into(),
            Reader::Choice(lenient::choice::<ExitApprover>),
            vec!["exitapprovedby"],
        ),
        ("exit.approved_on".into(), Reader::Date, vec!["exitapprovedon"]),
        (
            "exit.significant".into(),
            Reader::YesNo,
            vec!["exitsignificant", "exitsignificantyn", "significant"],
        ),
        (
            "exit.executive_reviewed".into(),
            Reader::YesNo,
            vec![
                "exitreviewedbytheexecutive",
                "exitreviewedbytheexecutiveyn",
                "executivereviewed",
            ],
        ),
    ];
    for key in crate::model::RISK_KEYS {
        t.push((format!("risk.{key}"), Reader::Level, vec![]));
    }
    for key in crate::model::VALUE_KEYS {
        t.push((format!("value.{key}"), Reader::Level, vec![]));
    }
    t
}

/// Lower case letters and digits only: `Budget contribution (£)` →
/// `budgetcontribution`.
fn fold(header: &str) -> String {
    header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The spreadsheet column letter: 0 → A, 26 → AA.
fn letter(mut col: usize) -> String {
    let mut s = String::new();
    loop {
        s.insert(0, char::from(b'A' + (col % 26) as u8));
        if col < 26 {
            return s;
        }
        col = col / 26 - 1;
    }
}

pub fn run(env: &mut Env<'_>, global: &GlobalArgs, args: &ImportArgs) -> anyhow::Result<Outcome> {
    let project = env.project(global)?;
    let as_of = Env::load_options(global).as_of;
    let register = register::load(&project, &[], LoadOptions { as_of });
    let path = env.cwd.join(&args.file);
    let grid = read_grid(&path)?;
    let Some(header) = grid.first() else {
        bail!("{} is empty: there is no header row", args.file.display());
    };
    let mapping = match &args.mapping {
        Some(m) => read_mapping(&env.cwd.join(m))?,
        None => BTreeMap::new(),
    };
    let (columns, unknown) = match_columns(header, &mapping)?;
    for (col, name) in &unknown {
        writeln!(
            env.stderr,
            "note: column {} {name:?} is not a register field; its values are kept in `comments` (map it with --mapping, or to \"ignore\")",
            letter(*col)
        )?;
    }
    let folder = super::add::sub_folder(args.folder.as_deref())?;
    let mut taken: Vec<String> = register.entries.iter().map(|e| e.id.to_lowercase()).collect();
    // Names imported so far, by row, so one partnership is not imported twice.
    let mut names: Vec<(usize, String)> = Vec::new();
    let (mut imported, mut attention, mut skipped) = (0, 0, 0);
    for (i, cells) in grid.iter().enumerate().skip(1) {
        let row = i + 1;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let (mut draft, given_id, mut notes, kept_raw) = read_row(cells, &columns, &unknown, header);
        // Cells beyond the last heading (an unquoted "£1,500" splits in two)
        // are kept in the comments and reported, never dropped.
        let beyond: Vec<String> = cells
            .iter()
            .skip(header.len())
            .filter(|c| !c.trim().is_empty())
            .cloned()
            .collect();
        if !beyond.is_empty() {
            notes.push(format!(
                "{} cell(s) beyond the last heading (column {} on) kept in `comments`: {}; a value with a comma may need quotes",
                beyond.len(),
                letter(header.len()),
                beyond.join(" | ")
            ));
            add_comment(
                &mut draft,
                &format!("Cells beyond the last heading: {}", beyond.join(" | ")),
            );
        }
        let id = match given_id.or_else(|| draft.get("name").and_then(Value::as_str).and_then(slug::from_name)) {
            Some(id) => id,
            None => format!("imported-row-{row}"),
        };
        if let Err(e) = super::add::refuse_existing(&register, &id) {
            writeln!(
                env.stdout,
                "row {row}: skipped: {}",
                e.to_string().lines().next().unwrap_or_default()
            )?;
            skipped += 1;
            continue;
        }
        if taken.contains(&id.to_lowercase()) {
            writeln!(
                env.stdout,
                "row {row}: skipped: an earlier row already has the id {id:?} (the same name?)"
            )?;
            skipped += 1;
            continue;
        }
        let name_key = draft.get("name").and_then(Value::as_str).map(register::normalise_name);
        if let Some((earlier, _)) = name_key.as_ref().and_then(|k| names.iter().find(|(_, n)| n == k)) {
            writeln!(env.stdout, "row {row}: skipped: row {earlier} has the same name")?;
            skipped += 1;
            continue;
        }
        if let Err(e) = super::add::refuse_same_name(&register, &draft) {
            writeln!(
                env.stdout,
                "row {row}: skipped: {}",
                e.to_string().lines().next().unwrap_or_default()
            )?;
            skipped += 1;
            continue;
        }
        let file = project.register_dir.join(&folder).join(format!("{id}.toml"));
        let prepared = super::add::prepare(&project, &file, &draft, as_of, &folder, "`partreg import`");
        if !prepared.missing.is_empty() {
            let mut missing = prepared.missing.clone();
            missing.dedup();
            notes.push(format!("missing: {}", missing.join(", ")));
        }
        // A value kept as written is already explained; `check` would only repeat it.
        notes.extend(
            prepared
                .errors
                .iter()
                .filter(|d| {
                    !kept_raw
                        .iter()
                        .any(|k| d.key == *k || d.key.starts_with(&format!("{k}[")))
                })
                .map(|d| format!("{}: {}", d.key, d.message)),
        );
        if args.strict && !notes.is_empty() {
            writeln!(env.stdout, "row {row}: skipped (--strict): {}", notes.join("; "))?;
            skipped += 1;
            continue;
        }
        if !args.dry_run {
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
            }
            if let Err(e) = atomic::write(&file, prepared.text.as_bytes(), atomic::Mode::CreateNew) {
                writeln!(env.stdout, "row {row}: skipped: {e:#}")?;
                skipped += 1;
                continue;
            }
        }
        taken.push(id.to_lowercase());
        if let Some(k) = name_key {
            names.push((row, k));
        }
        imported += 1;
        let verb = if args.dry_run { "would import" } else { "imported" };
        if notes.is_empty() {
            writeln!(env.stdout, "row {row}: {verb} {}", prepared.shown)?;
        } else {
            attention += 1;
            writeln!(
                env.stdout,
                "row {row}: {verb} {}; needs attention: {}",
                prepared.shown,
                notes.join("; ")
            )?;
        }
    }
    if args.dry_run {
        writeln!(
            env.stderr,
            "{imported} would be imported ({attention} would need attention), {skipped} skipped (dry run: nothing written)."
        )?;
    } else {
        writeln!(
            env.stderr,
            "{imported} imported ({attention} need attention), {skipped} skipped."
        )?;
    }
    Ok(if attention == 0 && skipped == 0 && unknown.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}

/// Reads a CSV or spreadsheet into rows of text.
fn read_grid(path: &Path) -> anyhow::Result<Grid> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !path.is_file() {
        bail!("{} does not exist", path.display());
    }
    match ext.as_str() {
        "csv" => {
            let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            let text = match std::str::from_utf8(bytes) {
                Ok(t) => t.to_string(),
                // Excel's plain "CSV" is Windows-1252: £ is 0xA3, ’ is 0x92.
                Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
            };
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            let mut grid = Vec::new();
            for record in reader.records() {
                let record = record.with_context(|| format!("{} is not valid CSV", path.display()))?;
                grid.push(record.iter().map(str::to_string).collect());
            }
            Ok(grid)
        }
        "xlsx" | "xlsm" | "xls" | "ods" => {
            use calamine::{Data, Reader as _};
            let mut book = calamine::open_workbook_auto(path)
                .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
            let Some(Ok(range)) = book.worksheet_range_at(0) else {
                bail!("{} has no worksheet", path.display());
            };
            Ok(range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            Data::Empty => String::new(),
                            Data::String(s) => s.clone(),
                            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
                            Data::Float(f) => f.to_string(),
                            Data::Int(i) => i.to_string(),
                            Data::Bool(b) => b.to_string(),
                            Data::DateTime(d) => {
                                let days = d.as_f64().floor() as i64 - 25_569;
                                crate::model::Date::from_days_since_epoch(days).to_string()
                            }
                            Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                            Data::Error(e) => format!("{e:?}"),
                        })
                        .collect()
                })
                .collect())
        }
        _ => bail!("{} is not a .csv or .xlsx file", path.display()),
    }
}

/// A Windows-1252 byte as a character. It is Latin-1 but for 0x80–0x9F,
/// where Windows keeps curly quotes, dashes and the euro sign.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// A `--mapping` file: `"Their header" = "register_key"` (or `"ignore"`).
fn read_mapping(path: &Path) -> anyhow::Result<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let table: Table =
        toml::from_str(&text).map_err(|e| anyhow::anyhow!("{} is not valid TOML: {}", path.display(), e.message()))?;
    let keys: Vec<String> = targets().into_iter().map(|(k, _, _)| k).collect();
    let mut out = BTreeMap::new();
    for (header, target) in table {
        let Some(target) = target.as_str() else {
            bail!(
                "{}: the mapping for {header:?} should be text, e.g. \"lead_partner\"",
                path.display()
            );
        };
        if target != "ignore" && !keys.iter().any(|k| k == target) {
            bail!(
                "{}: {target:?} (for {header:?}) is not a register key; use one of {}, or \"ignore\"",
                path.display(),
                keys.join(", ")
            );
        }
        out.insert(fold(&header), target.to_string());
    }
    Ok(out)
}

/// Which register key each column fills, and the columns that fill none.
#[allow(clippy::type_complexity)]
fn match_columns(
    header: &[String],
    mapping: &BTreeMap<String, String>,
) -> anyhow::Result<(Vec<(usize, String, Reader)>, Vec<(usize, String)>)> {
    let targets = targets();
    // `list` labels its spreadsheet columns; those labels always read back.
    let labels: Vec<(String, String)> = crate::reports::listing::columns()
        .into_iter()
        .map(|c| (fold(&c.label), c.key))
        .collect();
    let mut columns: Vec<(usize, String, Reader)> = Vec::new();
    let mut unknown = Vec::new();
    for (col, name) in header.iter().enumerate() {
        let folded = fold(name.trim_start_matches('\u{FEFF}'));
        if folded.is_empty() {
            continue;
        }
        let key = match mapping.get(&folded) {
            Some(k) if k == "ignore" => continue,
            Some(k) => Some(k.clone()),
            None => targets
                .iter()
                .find(|(k, _, aliases)| fold(k) == folded || aliases.contains(&folded.as_str()))
                .map(|(k, _, _)| k.clone())
                .or_else(|| {
                    labels
                        .iter()
                        .find(|(label, _)| *label == folded)
                        .map(|(_, key)| key.clone())
                }),
        };
        match key {
            Some(key) => {
                if let Some((other, _, _)) = columns.iter().find(|(_, k, _)| *k == key) {
                    bail!(
                        "columns {} and {} both hold {key}; map one of them to \"ignore\" with --mapping",
                        letter(*other),
                        letter(col)
                    );
                }
                let reader = targets
                    .iter()
                    .find(|(k, _, _)| *k == key)
                    .map_or(Reader::Text, |(_, r, _)| *r);
                columns.push((col, key, reader));
            }
            None => unknown.push((col, name.clone())),
        }
    }
    Ok((columns, unknown))
}

/// Undoes the `'` a spreadsheet export put before text that looked like a
/// formula.
fn unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) => rest,
        _ => text,
    }
}

/// One row as a draft entry, the id column's value, notes on values that
/// could not be read, and the keys of those values (kept as written, so
/// nothing is lost).
#[allow(clippy::type_complexity)]
fn read_row(
    cells: &[String],
    columns: &[(usize, String, Reader)],
    unknown: &[(usize, String)],
    header: &[String],
) -> (Table, Option<String>, Vec<String>, Vec<String>) {
    let mut draft = Table::new();
    let mut notes = Vec::new();
    let mut kept_raw = Vec::new();
    let mut id = None;
    for (col, key, reader) in columns {
        let raw = cells.get(*col).map_or("", |c| unguard(c.trim()));
        if raw.is_empty() {
            continue;
        }
        let place = format!("column {} {:?}", letter(*col), header[*col]);
        let keep_raw = |why: String, notes: &mut Vec<String>| {
            notes.push(format!("{place}: {why} (kept as written)"));
            Value::String(raw.to_string())
        };
        let value = match reader {
            Reader::Computed => continue,
            Reader::Id => {
                let given = raw.trim_end_matches(".toml");
                if decode::validate_id(given).is_ok() && !slug::is_reserved(given) {
                    id = Some(given.to_string());
                } else {
                    notes.push(format!(
                        "{place}: {given:?} cannot be an id, so one is made from the name"
                    ));
                }
                continue;
            }
            Reader::Text => Value::String(raw.to_string()),
            Reader::List => Value::Array(split(raw).into_iter().map(Value::String).collect()),
            Reader::Representatives => {
                let mut reps = Vec::new();
                for item in split(raw) {
                    let mut t = Table::new();
                    match lenient::representative(&item) {
                        Ok((name, level, position)) => {
                            t.insert("name".into(), Value::String(name));
                            t.insert(
                                "level".into(),
                                Value::String(crate::model::Choice::as_str(level).into()),
                            );
                            if let Some(p) = position {
                                t.insert("position".into(), Value::String(p));
                            }
                        }
                        Err(_) => {
                            notes.push(format!("{place}: {item:?} has no level (member, cmt, smt or officer); write it as \"Name (level)\""));
                            t.insert("name".into(), Value::String(item));
                        }
                    }
                    reps.push(Value::Table(t));
                }
                Value::Array(reps)
            }
            Reader::YesNo => lenient::yes_no(raw).map_or_else(|e| keep_raw(e, &mut notes), Value::Boolean),
            Reader::Hours => lenient::hours(raw).map_or_else(|e| keep_raw(e, &mut notes), guide::hours_value),
            Reader::Pounds => match lenient::pounds(raw).map(i64::try_from) {
                Ok(Ok(n)) => Value::Integer(n),
                Ok(Err(_)) => keep_raw("too large".into(), &mut notes),
                Err(e) => keep_raw(e, &mut notes),
            },
            Reader::Date => lenient::date(raw).map_or_else(|e| keep_raw(e, &mut notes), guide::date_value),
            Reader::Level => {
                lenient::level(raw).map_or_else(|e| keep_raw(e, &mut notes), |l| Value::String(l.as_str_lower().into()))
            }
            Reader::Choice(read) => read(raw).map_or_else(|e| keep_raw(e, &mut notes), |s| Value::String(s.into())),
        };
        if notes
            .last()
            .is_some_and(|n| n.ends_with("(kept as written)") && n.starts_with(&place))
        {
            kept_raw.push(key.clone());
        }
        insert(&mut draft, key, value);
    }
    // Columns partreg does not know are kept in the comments, word for word.
    let extra: Vec<String> = unknown
        .iter()
        .filter_map(|(col, name)| {
            let v = cells.get(*col).map(|c| c.trim()).filter(|c| !c.is_empty())?;
            Some(format!("{name}: {v}"))
        })
        .collect();
    if !extra.is_empty() {
        add_comment(&mut draft, &format!("From the old register:\n{}", extra.join("\n")));
    }
    if !draft.contains_key("status") {
        notes.push("no status given, so `active` was assumed".into());
        draft.insert("status".into(), Value::String("active".into()));
    }
    (draft, id, notes, kept_raw)
}

/// Adds a paragraph to the entry's comments, keeping any already there.
fn add_comment(draft: &mut Table, text: &str) {
    let mut comments = draft
        .get("comments")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_default();
    if !comments.is_empty() {
        comments.push_str("\n\n");
    }
    comments.push_str(text);
    draft.insert("comments".into(), Value::String(comments));
}

/// `a; b` or one a line.
fn split(text: &str) -> Vec<String> {
    text.split([';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Puts a value at a key path such as `risk.overall`.
fn insert(draft: &mut Table, key: &str, value: Value) {
    match key.split_once('.') {
        Some((table, field)) => {
            if let Value::Table(t) = draft.entry(table).or_insert_with(|| Value::Table(Table::new())) {
                t.insert(field.into(), value);
            }
        }
        None => {
            draft.insert(key.into(), value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
        assert_eq!(letter(701), "ZZ");
    }

    #[test]
    fn headers_fold_to_keys() {
        assert_eq!(fold("Budget contribution (£)"), "budgetcontribution");
        assert_eq!(fold("BC Representative(s)"), "bcrepresentatives");
        assert_eq!(fold("Statutory (Y/N)"), "statutoryyn");
    }
}
