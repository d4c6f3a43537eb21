//! Closed lists of values ("choices"): statuses, levels, roles and the rest.
//!
//! Every enumerated field in the register is declared with [`choice!`], which
//! gives the Rust enum, its spelling in files, the list of all values (for
//! "did you mean" hints, prompts and the JSON Schema) and serde support.

/// A value from a closed list, spelt in files exactly as [`Choice::as_str`].
pub trait Choice: Copy + Sized + 'static {
    /// Every value, in the order the policy lists them.
    const ALL: &'static [Self];

    /// The spelling used in register files.
    fn as_str(self) -> &'static str;

    /// The value spelt `text`, exactly as in files.
    fn from_str_exact(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.as_str() == text)
    }

    /// Every spelling, for messages: `` `a`, `b` or `c` ``.
    fn spellings() -> String {
        let names: Vec<String> = Self::ALL.iter().map(|c| format!("`{}`", c.as_str())).collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => names.join(""),
        }
    }
}

/// Declares a [`Choice`] enum. Each variant names its file spelling.
macro_rules! choice {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, schemars::JsonSchema,
        )]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        impl $crate::model::Choice for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];

            fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::model::Choice::as_str(*self))
            }
        }
    };
}

pub(crate) use choice;
