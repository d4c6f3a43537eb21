//! Values shells can complete for the options that take one of a closed
//! list (statuses, kinds, outcomes, sort keys).
//!
//! partreg reads these values as people type them (`Active`, `half yearly`)
//! and explains a wrong one in its own words, so clap must not reject them
//! first. [`Suggested`] therefore accepts any text, like clap's string
//! parser, but declares the list: clap shows it in `--help` and
//! `clap_complete` writes it into the bash, zsh and fish scripts.

use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};

use crate::model::Choice;

/// Any text, with these values offered for completion.
#[derive(Clone, Debug)]
pub struct Suggested(Vec<&'static str>);

impl Suggested {
    pub fn new(values: &[&'static str]) -> Self {
        Suggested(values.to_vec())
    }
}

impl TypedValueParser for Suggested {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.0.iter().map(|v| PossibleValue::new(*v))))
    }
}

/// The file spellings of a closed list from the model, for [`Suggested`].
pub fn of<T: Choice>() -> Suggested {
    Suggested(T::ALL.iter().map(|c| c.as_str()).collect())
}

/// `true` or `false`, for the yes/no flags (which also read `yes`, `no`…).
pub fn boolean() -> Suggested {
    Suggested::new(&["true", "false"])
}

/// The keys `partreg list --sort` takes.
pub fn sort_keys() -> Suggested {
    Suggested(crate::commands::list::SORT_KEYS.iter().map(|(k, _)| *k).collect())
}

/// Free text (a name, an impact, a number of hours), which may start with
/// a hyphen (`--exit-impact -1`, `--staff-hours-per-month -2`, for partreg
/// to explain): the flags that take it set `allow_hyphen_values`. So that
/// a forgotten value does not swallow the next flag (`--comments
/// --dry-run` would write the file with "--dry-run" as the comments), a
/// value that looks like a flag (`--word`, or `-h`) is refused.
#[derive(Clone, Debug)]
pub struct Text;

/// The parser for the free-text flags; see [`Text`].
pub fn text() -> Text {
    Text
}

/// Whether a value is spelt like a flag rather than like text: `--dry-run`,
/// `-h`; not `-1`, `- none`, `-£5` or `--`.
fn looks_like_flag(value: &str) -> bool {
    let mut after = value.chars().skip_while(|&c| c == '-');
    let dashes = value.chars().take_while(|&c| c == '-').count();
    match (dashes, after.next(), after.next()) {
        (2, Some(c), _) => c.is_ascii_alphabetic(),
        (1, Some(c), None) => c.is_ascii_alphabetic(),
        _ => false,
    }
}

impl TypedValueParser for Text {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        let text = StringValueParser::new().parse_ref(cmd, arg, value)?;
        if looks_like_flag(&text) {
            let flag = arg
                .and_then(clap::Arg::get_long)
                .map_or_else(|| "the option".to_string(), |l| format!("--{l}"));
            let message = format!(
                "{flag} needs a value, but {text:?} after it is another option\n  hint: give {flag} its value first, e.g. {flag} \"…\" (a value may start with a hyphen, such as -1, just not look like an option)\n"
            );
            return Err(clap::Error::raw(clap::error::ErrorKind::InvalidValue, message).with_cmd(cmd));
        }
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_may_start_with_a_hyphen_but_not_look_like_a_flag() {
        for text in ["-1", "- none", "-£5", "--", "-", "-ve impact", "--1", "plain"] {
            assert!(!looks_like_flag(text), "{text:?}");
        }
        for flag in ["--dry-run", "--name", "-h", "-V"] {
            assert!(looks_like_flag(flag), "{flag:?}");
        }
    }
    use crate::model::Status;

    #[test]
    fn offers_the_list_but_accepts_what_people_type() {
        let parser = of::<Status>();
        let offered: Vec<String> = parser
            .possible_values()
            .unwrap()
            .map(|v| v.get_name().to_string())
            .collect();
        assert!(offered.contains(&"active".to_string()) && offered.contains(&"declined".to_string()));
        let cmd = clap::Command::new("t");
        let parsed = parser.parse_ref(&cmd, None, std::ffi::OsStr::new("Active")).unwrap();
        assert_eq!(parsed, "Active");
    }
}
