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

#[cfg(test)]
mod tests {
    use super::*;
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
