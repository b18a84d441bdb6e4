use super::*;
use crate::model::DayUnit;

fn load(files: &[(&str, &str)]) -> Loaded {
    let mut sources = Sources::new();
    for (path, text) in files {
        sources.add(SourceFile::new(*path, *text));
    }
    load_sources(sources)
}

#[test]
fn built_in_clocks_are_loaded_and_a_workspace_clock_replaces_one() {
    let loaded = load(&[]);
    assert_eq!(loaded.diagnostics, vec![]);
    let ids: Vec<&str> = loaded
        .model
        .clocks()
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "lastensuojelu-kasittely-alkaa",
            "erikoissairaanhoito-arvio-alle-23",
            "erikoissairaanhoito-hoito-alle-23",
            "oppilashuolto-7-koulupaivaa",
            "terapiatakuu-28-vrk-alle-23",
            "hoitotakuu-perusterveydenhuolto-14-vrk-alle-23"
        ]
    );
    let loaded = load(&[(
        "rules.toml",
        "[[clock]]\nid = \"oppilashuolto-7-koulupaivaa\"\nname = \"Oma\"\nto = { sectors = [\"pupil_welfare\"] }\nlimit_school_days = 5\n",
    )]);
    assert_eq!(loaded.diagnostics, vec![]);
    assert_eq!(loaded.model.clocks().len(), 6);
    let own = loaded
        .model
        .clocks()
        .iter()
        .find(|c| c.id == "oppilashuolto-7-koulupaivaa")
        .unwrap();
    assert_eq!((own.limit.amount, own.limit.unit), (5.0, DayUnit::School));
    assert_eq!(loaded.sources.user_files(), 1);
}

#[test]
fn a_staff_beyond_any_count_is_refused_not_clamped() {
    let service = |staff: &str| {
        format!(
            "[[service]]\nid = \"s\"\nname = \"S\"\nsector = \"education\"\n\
             capacity = {{ clients_per_month = 10.0, staff = {staff} }}\n"
        )
    };
    let loaded = load(&[("a.toml", &service("4294967296"))]);
    let codes: Vec<Code> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::InvalidValue], "{:?}", loaded.diagnostics);
    assert!(loaded.diagnostics[0].message.contains("too large"));
    let loaded = load(&[("a.toml", &service("4294967295"))]);
    assert_eq!(loaded.diagnostics, vec![]);
    assert_eq!(
        loaded
            .model
            .service(ServiceIx(0))
            .capacity
            .and_then(|c| c.staff),
        Some(u32::MAX)
    );
}

#[test]
fn allows_need_a_finding_code_and_a_reason() {
    let loaded = load(&[(
        "a.toml",
        "[[allow]]\ncode = \"dead-end\"\nentity = \"x\"\nreason = \"ok\"\n\n\
         [[allow]]\ncode = \"E0009\"\nentity = \"x\"\nreason = \"no\"\n\n\
         [[allow]]\ncode = \"dead-endd\"\nentity = \"x\"\nreason = \"typo\"\n\n\
         [[allow]]\ncode = \"G0206\"\nentity = \"x\"\nreason = \" \"\n",
    )]);
    let codes: Vec<Code> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [Code::UnknownValue, Code::UnknownValue, Code::InvalidValue]
    );
    assert!(
        loaded.diagnostics[1]
            .help
            .as_deref()
            .unwrap()
            .contains("did you mean `dead-end`")
    );
    assert_eq!(loaded.model.allows().len(), 1);
    assert_eq!(loaded.model.allows()[0].code, Code::DeadEnd);
}

#[test]
fn documentation_layout_orders_omits_and_retitles() {
    use crate::model::{DocSection, Lang};
    let loaded = load(&[(
        "documentation.toml",
        "[documentation]\nsections = [\"contact\", \"basic\", \"routes\", \"purpose\"]\n\
         omit = [\"routes\"]\n[documentation.titles]\nbasic = { sv = \"Fakta\" }\n",
    )]);
    assert_eq!(loaded.diagnostics, vec![]);
    let d = &loaded.model.documentation();
    assert_eq!(
        d.sections,
        [DocSection::Contact, DocSection::Basic, DocSection::Purpose]
    );
    assert_eq!(d.title(DocSection::Basic, Lang::Sv), "Fakta");
    assert_eq!(d.title(DocSection::Basic, Lang::Fi), "Perustiedot");
    // Without a layout: every section in Innokylä's order.
    assert_eq!(load(&[]).model.documentation().sections, DocSection::ALL);
}

#[test]
fn documentation_layout_problems_are_each_reported() {
    let loaded = load(&[
        (
            "a.toml",
            "[documentation]\nsections = [\"basic\", \"basic\"]\ntitles = 3\n",
        ),
        ("b.toml", "[documentation]\nomit = [\"basic\"]\n"),
        ("c.toml", "documentation = \"none\"\n"),
    ]);
    let codes: Vec<Code> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            Code::InvalidValue,
            Code::WrongType,
            Code::ConflictingFields,
            Code::WrongType
        ]
    );
    // The first layout is the one used.
    assert_eq!(
        loaded.model.documentation().sections,
        [crate::model::DocSection::Basic]
    );
}
