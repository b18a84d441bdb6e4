use super::*;

#[test]
fn ids_must_be_kebab_case() {
    assert!(check_id("nuorisoasema").is_ok());
    assert!(check_id("hus-nuorisopsykiatria-2").is_ok());
    for bad in [
        "",
        "Nuorisoasema",
        "päihde",
        "a_b",
        "-a",
        "a-",
        "a--b",
        "a b",
    ] {
        assert!(check_id(bad).is_err(), "{bad:?} accepted");
    }
    assert_eq!(suggest_id("Päihde Palvelut"), "paihde-palvelut");
    assert_eq!(suggest_id("___"), "my-id");
}

/// The messages of reading `src` (one TOML table) with `read`.
fn messages(src: &str, read: impl FnOnce(&mut TableReader, &mut FileCtx)) -> Vec<String> {
    let table = DeTable::parse(src).expect("test TOML parses");
    let mut diagnostics = Vec::new();
    let mut cx = FileCtx {
        file: FileId(0),
        text: src,
        diagnostics: &mut diagnostics,
    };
    let mut r = TableReader::new(table.get_ref(), table.span(), "service");
    read(&mut r, &mut cx);
    diagnostics.into_iter().map(|d| d.message).collect()
}

#[test]
fn an_integer_too_large_is_called_too_large_not_a_non_integer() {
    let m = messages("staff = 18446744073709551615", |r, cx| {
        assert!(r.integer(cx, "staff").is_none());
    });
    assert_eq!(m, ["`staff` in service is too large: 18446744073709551615"]);
    let m = messages("age = 18446744073709551615", |r, cx| {
        assert!(r.age(cx, "age").is_none());
    });
    assert_eq!(
        m,
        ["`age` in service is not an age: 18446744073709551615 is above 130"]
    );
    let m = messages("age = -3", |r, cx| assert!(r.age(cx, "age").is_none()));
    assert_eq!(m, ["`age` in service is not an age: -3 is below 0"]);
    // As a number, an integer beyond i64 is still a number.
    let m = messages("share = 18446744073709551615", |r, cx| {
        assert_eq!(
            r.number(cx, "share").map(Spanned::into_inner),
            Some(18446744073709551615.0)
        );
    });
    assert!(m.is_empty(), "{m:?}");
}

#[test]
fn nan_and_inf_are_called_not_finite_not_decimals() {
    for (src, written) in [
        ("w = nan", "nan"),
        ("w = +inf", "+inf"),
        ("w = -nan", "-nan"),
    ] {
        let m = messages(src, |r, cx| assert!(r.number(cx, "w").is_none()));
        assert_eq!(
            m,
            [format!(
                "`w` in service is not a finite number: `{written}`"
            )]
        );
    }
    let m = messages("w = 1e400", |r, cx| assert!(r.number(cx, "w").is_none()));
    assert_eq!(m, ["`w` in service is too large: `1e400`"]);
    let digits = "9".repeat(400);
    let m = messages(&format!("w = {digits}"), |r, cx| {
        assert!(r.number(cx, "w").is_none());
    });
    assert_eq!(
        m,
        ["`w` in service is too large: `99999999999999999999… (400 characters)`"]
    );
}

#[test]
fn numbers_in_messages_are_compact() {
    assert_eq!(compact(1e308), "1e308");
    assert_eq!(compact(-1e308), "-1e308");
    assert_eq!(compact(1.8446744073709552e19), "1.8446744073709552e19");
    assert_eq!(compact(1e-9), "1e-9");
    assert_eq!(compact(0.25), "0.25");
    assert_eq!(compact(12.0), "12");
    assert_eq!(compact(0.0), "0");
    let m = messages("w = -1e308", |r, cx| {
        assert!(r.non_negative(cx, "w").is_none());
    });
    assert_eq!(m, ["`w` in service is negative (-1e308)"]);
}

#[test]
fn hidden_characters_are_escaped_in_messages() {
    assert_eq!(
        shown("a\u{202E}b\u{200B}c\u{1b}"),
        "a\\u{202E}b\\u{200B}c\\u{001B}"
    );
    assert_eq!(shown("Päijät-Häme"), "Päijät-Häme");
    let m = messages("id = \"kunta\u{202E}\"", |r, cx| {
        assert!(r.id(cx).is_none())
    });
    assert_eq!(
        m,
        ["invalid id `kunta\\u{202E}`: it may only contain a–z, 0–9 and `-`"]
    );
    let m = messages("name = \"a\u{200B}b\"", |r, cx| {
        assert_eq!(r.text(cx, "name"), LocalText::plain("a\u{200B}b"));
    });
    assert_eq!(
        m,
        ["`name` of service contains U+200B ZERO WIDTH SPACE (`\\u{200B}`) at character 2"]
    );
}

#[test]
fn quoted_values_are_escaped_and_cut() {
    let long = "x".repeat(5000);
    let m = messages(&format!("d = \"{long}\""), |r, cx| {
        assert!(r.date(cx, "d").is_none());
    });
    assert_eq!(
        m,
        [format!(
            "`d` in service is not a date: `{}… (5000 characters)`",
            "x".repeat(100)
        )]
    );
    let src = "\"na\u{202E}me\" = 1";
    let table = DeTable::parse(src).unwrap();
    let mut diagnostics = Vec::new();
    let mut cx = FileCtx {
        file: FileId(0),
        text: src,
        diagnostics: &mut diagnostics,
    };
    TableReader::new(table.get_ref(), table.span(), "service").finish(&mut cx);
    assert_eq!(
        diagnostics[0].message,
        "unknown field `na\\u{202E}me` in service"
    );
}

#[test]
fn a_whole_number_field_calls_nan_nan() {
    let m = messages("age = nan", |r, cx| assert!(r.age(cx, "age").is_none()));
    assert_eq!(m, ["`age` in service must be a whole number, not nan"]);
    let m = messages("age = -inf", |r, cx| assert!(r.age(cx, "age").is_none()));
    assert_eq!(m, ["`age` in service must be a whole number, not infinity"]);
    let m = messages("age = 1.5", |r, cx| assert!(r.age(cx, "age").is_none()));
    assert_eq!(
        m,
        ["`age` in service must be a whole number, not a number with decimals"]
    );
}

#[test]
fn dates() {
    assert!(is_iso_date("2024-05-16"));
    assert!(!is_iso_date("16.5.2024"));
    assert!(!is_iso_date("2024-13-01"));
}
