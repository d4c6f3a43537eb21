//! Reading `partreg.toml`, the project settings, with the same care as an
//! entry: unknown keys and wrong types are reported with their place.

use std::collections::BTreeMap;

use toml::de::DeValue;

use super::{Decoder, Table};

/// The project settings. Every key is optional.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    /// The council's name, shown in reports.
    pub council: Option<String>,
    /// The register folder, relative to the settings file.
    pub register: Option<String>,
    /// The register folder may be outside the project folder (the folder
    /// holding the settings file). Off unless set: a `register` setting
    /// that leads elsewhere is otherwise refused, so a copied or tampered
    /// settings file cannot make partreg write somewhere unexpected.
    pub register_outside_project: bool,
    /// A rubric file replacing the built-in one, relative to the settings file.
    pub rubric: Option<String>,
    /// Corporate priority codes and their titles. When present, every code
    /// an entry uses must be listed.
    pub priorities: Option<BTreeMap<String, String>>,
    /// Warnings fail `check`.
    pub strict: bool,
    /// The month and day the review year ends (default 31 March).
    pub review_year_end: Option<(u8, u8)>,
    /// Where `docs/diagnostics.md` is published, so that SARIF rules link
    /// to each code's section. None is assumed: there is no public address.
    pub docs_url: Option<String>,
    /// The council's calendar: Annual Council meetings and elections.
    pub calendar: Calendar,
}

/// `[calendar]` (format Part 2): the dates appointments hang on. Both lists
/// are kept sorted, so "the first meeting on or after" is a search.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Calendar {
    /// The Annual Council meetings.
    pub annual_council: Vec<crate::model::Date>,
    /// The district elections.
    pub elections: Vec<crate::model::Date>,
}

fn calendar(d: &mut Decoder<'_, '_>, v: &super::Node<'_>, key: &str) -> Calendar {
    let Some(mut t) = d.table(v, key) else {
        return Calendar::default();
    };
    let dates = |t: &mut Table<'_, '_>, d: &mut Decoder<'_, '_>, name: &'static str| {
        let mut out: Vec<crate::model::Date> = t
            .get(name)
            .and_then(|(v, k)| {
                let items = d.array(v, &k)?;
                Some(
                    items
                        .into_iter()
                        .filter_map(|(item, path)| d.date(item, &path))
                        .collect(),
                )
            })
            .unwrap_or_default();
        out.sort();
        out.dedup();
        out
    };
    let annual_council = dates(&mut t, d, "annual_council");
    let elections = dates(&mut t, d, "elections");
    t.finish(d);
    Calendar {
        annual_council,
        elections,
    }
}

/// Reads the settings; the decoder holds any diagnostics.
pub fn decode_settings(d: &mut Decoder<'_, '_>, doc: &toml::Spanned<toml::de::DeTable<'_>>) -> Settings {
    let mut t = Table::root(doc);
    let council = t.get("council").and_then(|(v, k)| d.text(v, &k));
    let register = t.get("register").and_then(|(v, k)| d.text(v, &k));
    let register_outside_project = t
        .get("register_outside_project")
        .and_then(|(v, k)| d.boolean(v, &k))
        .unwrap_or(false);
    let rubric = t.get("rubric").and_then(|(v, k)| d.text(v, &k));
    let docs_url = t.get("docs_url").and_then(|(v, k)| {
        let text = d.text(v, &k)?;
        if text.starts_with("https://") || text.starts_with("http://") {
            Some(text)
        } else {
            d.push(
                v.span(),
                crate::diagnostic::Code::BadValue,
                &k,
                format!("{} is not a web address", crate::diagnostic::quote(&text)),
                Some("give the address of the published diagnostics page, starting https://".into()),
            );
            None
        }
    });
    let strict = t.get("strict").and_then(|(v, k)| d.boolean(v, &k)).unwrap_or(false);
    let review_year_end = t.get("review_year_end").and_then(|(v, k)| {
        let text = d.string(v, &k)?;
        let parsed = text.split_once('-').and_then(|(m, day)| {
            let (m, day) = (m.parse::<u8>().ok()?, day.parse::<u8>().ok()?);
            // A leap year, so that 02-29 is accepted as a day that exists.
            crate::model::Date::new(2024, m, day).map(|_| (m, day))
        });
        if parsed.is_none() {
            d.push(
                v.span(),
                crate::diagnostic::Code::BadDate,
                &k,
                format!("{} is not a month and day", crate::diagnostic::quote(&text)),
                Some("write it as \"MM-DD\", e.g. \"03-31\" for 31 March".into()),
            );
        }
        parsed
    });
    let priorities = t.get("priorities").and_then(|(v, k)| {
        d.table(v, &k)?;
        let DeValue::Table(table) = v.get_ref() else {
            return None;
        };
        let mut codes = BTreeMap::new();
        for (code, title) in table.iter() {
            let path = super::join(&k, code.get_ref());
            if let Some(title) = d.string(title, &path) {
                codes.insert(code.get_ref().to_string(), title);
            }
        }
        Some(codes)
    });
    let calendar = t.get("calendar").map(|(v, k)| calendar(d, v, &k)).unwrap_or_default();
    t.finish(d);
    Settings {
        council,
        register,
        register_outside_project,
        rubric,
        priorities,
        strict,
        review_year_end,
        docs_url,
        calendar,
    }
}
