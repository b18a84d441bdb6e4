//! Tables of fixed texts for templates: a struct with one `String` per catalogue message, worded
//! once per language. The web app's and the documentation site's templates read their words by
//! field name (`{{ ui.overview }}`), so they get a struct rather than a message lookup.

/// Declares `struct Name { field: String, … }` whose fields are the messages named beside them,
/// and `Name::of(lang)`, the struct in a language (worded from the catalogue on first use and
/// kept for the life of the process).
macro_rules! text_table {
    (
        $(#[$doc:meta])* $vis:vis struct $name:ident { $( $field:ident: $msg:ident ),* $(,)? }
    ) => {
        $(#[$doc])*
        #[derive(Debug, serde::Serialize)]
        $vis struct $name {
            $(
                #[doc = concat!("The catalogue's [`", stringify!($msg), "`]",
                    "(crate::i18n::Msg::", stringify!($msg), ").")]
                pub $field: String,
            )*
        }

        impl $name {
            /// The texts in `lang`.
            pub fn of(lang: $crate::i18n::Lang) -> &'static $name {
                static TABLES: std::sync::LazyLock<[$name; 3]> = std::sync::LazyLock::new(|| {
                    $crate::i18n::Lang::ALL.map(|l| $name {
                        $( $field: l.text(&$crate::i18n::Msg::$msg), )*
                    })
                });
                &TABLES[lang as usize]
            }
        }
    };
}

pub(crate) use text_table;
