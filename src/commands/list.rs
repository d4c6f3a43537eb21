//! `partreg list` and `partreg show`: the register as a document, and one
//! partnership in full.

use anyhow::bail;

use super::{Env, Outcome};
use crate::cli::{GlobalArgs, ListArgs, ListFormat, ShowArgs, ShowFormat};
use crate::model::lenient;
use crate::model::{Choice, Level, Status};
use crate::policy::assessment;
use crate::render::list as out;
use crate::reports::listing::{self, Cell};
use crate::reports::register_book::{Filed, Files};
use crate::store::register::{self, LoadOptions};

/// The keys `--sort` accepts, and the column each sorts by.
pub const SORT_KEYS: [(&str, &str); 9] = [
    ("id", "id"),
    ("name", "name"),
    ("status", "status"),
    ("lead-partner", "lead_partner"),
    ("budget", "budget_contribution_gbp"),
    ("hours", "staff_hours_per_month"),
    ("risk", "risk.overall"),
    ("value", "value.overall"),
    ("recommendation", "recommendation"),
];

pub fn list(env: &mut Env<'_>, global: &GlobalArgs, args: &ListArgs) -> anyhow::Result<Outcome> {
    let project = env.project(global)?;
    let register = register::load(
        &project,
        &[],
        LoadOptions {
            as_of: Env::load_options(global).as_of,
        },
    );
    let statuses: Vec<Status> = args
        .status
        .iter()
        .map(|s| lenient::choice::<Status>(s).map(|s| Status::from_str_exact(s).unwrap_or(Status::Active)))
        .collect::<Result<_, _>>()
        .map_err(|e| anyhow::anyhow!("--status: {e}"))?;
    let sort = match &args.sort {
        None => "id",
        Some(key) => match SORT_KEYS.iter().find(|(k, _)| k == key) {
            Some((_, column)) => column,
            None => bail!(
                "--sort {key:?} is not a sort key; use one of {}",
                SORT_KEYS.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
            ),
        },
    };
    let columns = listing::columns();
    let mut lines: Vec<out::Line> = register
        .entries
        .iter()
        .filter_map(|e| {
            let entry = e.entry.as_ref()?;
            (statuses.is_empty() || statuses.contains(&entry.status))
                .then(|| listing::row(&e.id, entry, &assessment::assess(entry, &project.rubric)))
        })
        .collect();
    let at = columns.iter().position(|c| c.key == sort).unwrap_or(0);
    // Money, hours and ratings sort largest and highest first; text A to Z;
    // ties by id, so the order is always the same.
    let descending = matches!(
        sort,
        "budget_contribution_gbp" | "staff_hours_per_month" | "risk.overall" | "value.overall"
    );
    lines.sort_by(|a, b| {
        let (x, y) = (sort_cell(&a[at]), sort_cell(&b[at]));
        let primary = if descending { y.cmp(&x) } else { x.cmp(&y) };
        primary.then_with(|| a[0].text().cmp(&b[0].text()))
    });
    let mut bytes = Vec::new();
    match args.format {
        ListFormat::Table => out::table(
            &columns,
            &lines,
            args.table
                .fit(if args.output.is_some() { None } else { env.stdout_width }),
            args.table.ids(),
            &mut bytes,
        )?,
        ListFormat::Csv => out::csv(&columns, &lines, !args.no_bom, &mut bytes)?,
        ListFormat::Json => {
            let (files, commented) = files(&register, &project.register_dir)?;
            out::json(&columns, &lines, &files, &mut bytes)?;
            comments_not_carried(env, "the JSON", &commented)?;
        }
        ListFormat::Xlsx => {
            if args.output.is_none() {
                bail!("--format xlsx needs --output FILE.xlsx: a workbook cannot be shown on the screen");
            }
            let (files, commented) = files(&register, &project.register_dir)?;
            bytes = crate::render::register_book::xlsx(&columns, &lines, &files)
                .map_err(|e| anyhow::anyhow!("cannot make the workbook: {e}"))?;
            comments_not_carried(env, "the workbook", &commented)?;
        }
    }
    match &args.output {
        None => env.stdout.write_all(&bytes)?,
        Some(path) => {
            let path = env.cwd.join(path);
            super::write_output(&path, &bytes, args.force)?;
            writeln!(env.stderr, "Wrote {} ({} partnerships).", path.display(), lines.len())?;
        }
    }
    let bad: Vec<&str> = register
        .entries
        .iter()
        .filter(|e| e.entry.is_none())
        .map(|e| e.file.as_str())
        .collect();
    Ok(env.left_out(&bad)?)
}

/// Says on stderr that the `#` comments of `commented` files are not in
/// the export: `import` of it recreates the data but not the comments, and
/// an officer doing a round trip should not find that out afterwards.
fn comments_not_carried(env: &mut Env<'_>, export: &str, commented: &[&str]) -> anyhow::Result<()> {
    if commented.is_empty() {
        return Ok(());
    }
    writeln!(
        env.stderr,
        "note: comments (# lines) in {} file(s) are not carried into {export},\n  \
         so files imported from it will not have them (git keeps the originals);\n  \
         e.g. {}",
        commented.len(),
        commented[0]
    )?;
    Ok(())
}

/// Whether a TOML file has comments of its own: any `#` comment but those
/// partreg writes into every file it makes (the `#:schema` line, the
/// partnership's name and "Added with …"), which `import` writes again.
/// Found with the TOML lexer, so a `#` inside a string is not taken for one.
fn has_comments(text: &str, name: &str) -> bool {
    toml_parser::Source::new(text).lex().any(|token| {
        let comment = &text[token.span().start()..token.span().end()];
        let words = comment.trim_start_matches('#').trim();
        token.kind() == toml_parser::lexer::TokenKind::Comment
            && !comment.starts_with("#:schema")
            && words != name.replace('\n', " ")
            && !words.starts_with("Added with ")
    })
}

/// Each readable partnership's own TOML and sub-folder, for the formats
/// that carry the whole register (`xlsx`, `json`) so that `import` can
/// recreate every file from them; and the files with comments, which those
/// formats do not carry.
fn files<'r>(
    register: &'r register::Register,
    register_dir: &std::path::Path,
) -> anyhow::Result<(Files, Vec<&'r str>)> {
    let mut files = Files::new();
    let mut commented = Vec::new();
    for e in register.entries.iter().filter(|e| e.entry.is_some()) {
        let text = std::fs::read_to_string(&e.path).map_err(|err| anyhow::anyhow!("cannot read {}: {err}", e.file))?;
        if e.entry.as_ref().is_some_and(|entry| has_comments(&text, &entry.name)) {
            commented.push(e.file.as_str());
        }
        let entry: toml::Table = toml::from_str(text.strip_prefix('\u{FEFF}').unwrap_or(&text))
            .map_err(|err| anyhow::anyhow!("cannot read {}: {err}", e.file))?;
        // The folder as the register names it, `/` between its parts on every system.
        let folder = e
            .path
            .parent()
            .and_then(|p| p.strip_prefix(register_dir).ok())
            .map(|p| {
                p.components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .unwrap_or_default();
        files.insert(e.id.clone(), Filed { folder, entry });
    }
    Ok((files, commented))
}

/// A key that orders cells: numbers by value, levels high to low, text A–Z.
#[derive(PartialEq, PartialOrd, Eq, Ord)]
enum SortKey {
    Empty,
    Number(i64),
    Text(String),
}

fn sort_cell(c: &Cell) -> SortKey {
    match c {
        Cell::Empty => SortKey::Empty,
        Cell::Money(n) => SortKey::Number(i64::try_from(*n).unwrap_or(i64::MAX)),
        // Hundredths of an hour, so that 2.5 sorts between 2 and 3.
        Cell::Number(n) => SortKey::Number((n * 100.0).round() as i64),
        Cell::Text(s) => match Level::from_str_exact(s) {
            Some(l) => SortKey::Number(crate::policy::rubric::level_index(l) as i64),
            None => SortKey::Text(s.to_lowercase()),
        },
        other => SortKey::Text(other.text()),
    }
}

pub fn show(env: &mut Env<'_>, global: &GlobalArgs, args: &ShowArgs) -> anyhow::Result<Outcome> {
    let project = env.project(global)?;
    let register = register::load(
        &project,
        &[],
        LoadOptions {
            as_of: Env::load_options(global).as_of,
        },
    );
    let (target, entry) = register.find_entry(&args.id)?;
    let a = assessment::assess(entry, &project.rubric);
    match args.format {
        ShowFormat::Json => crate::render::show::json(
            &target.id,
            // Named as the repository names it, like every JSON output.
            &crate::store::repo_path::RepoPaths::new(&env.cwd, &project.register_dir).name(&target.file),
            entry,
            &a,
            &target.diagnostics,
            &mut env.stdout,
        )?,
        ShowFormat::Text => crate::render::show::text(
            &crate::render::show::Shown {
                id: &target.id,
                file: &target.file,
                priorities: project.settings.priorities.as_ref(),
                // Off a terminal the text is left unwrapped, for the
                // reader's own window or mail to wrap.
                fit: match args.width.or(env.stdout_width) {
                    Some(w) => crate::render::table::Fit::new(false, Some(w), None),
                    None => crate::render::table::Fit::Wide,
                },
            },
            entry,
            &a,
            &target.diagnostics,
            &mut env.stdout,
        )?,
    }
    Ok(Outcome::Clean)
}
