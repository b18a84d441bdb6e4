//! Reading each kind of entity from its TOML table.
//!
//! Each function asks its [`TableReader`] for every field the format defines (so the field list
//! here *is* the format), resolves references against the [`Registry`] and returns the entity
//! with registry positions in its index fields; [`super::build`] renumbers them. An entity missing
//! a required field or with a broken required reference is left out; everything else about it is
//! still checked and reported.

use toml::Spanned;

use super::reader::{FileCtx, TableReader, compact, shown, suggest_word};
use super::registry::{IdTable, Registry};
use crate::diagnostic::Code;
use crate::model::{
    Actor, ActorIx, ActorKind, Allow, Capacity, Clock, ClockEnd, DocSection, Documentation,
    Eligibility, EntryChannel, Handoff, HandoffKind, Level, Need, NeedIx, Pathway, PathwayStatus,
    Profile, Protocol, Sector, Selector, Service, ServiceIx,
};

/// Resolves a reference to an entity of `kind` ("service") to its registry position, or reports
/// it as unknown with the closest id.
fn resolve(
    cx: &mut FileCtx,
    table: &IdTable,
    kind: &str,
    key: &str,
    r: &TableReader,
    id: &Spanned<String>,
) -> Option<u32> {
    if let Some(pos) = table.lookup(id.get_ref()) {
        return Some(pos);
    }
    let d = cx.error(
        Code::UnknownReference,
        id.span(),
        format!(
            "unknown {kind} `{}` in `{key}` of {}",
            shown(id.get_ref()),
            r.what()
        ),
    );
    d.label = Some(format!("no {kind} has this id"));
    d.help = Some(match table.closest(id.get_ref()) {
        Some(m) => format!("did you mean `{m}`?"),
        None => format!(
            "define it in any file of the workspace: [[{kind}]] id = \"{}\"",
            shown(id.get_ref())
        ),
    });
    None
}

fn resolve_list(
    cx: &mut FileCtx,
    table: &IdTable,
    kind: &str,
    key: &'static str,
    r: &mut TableReader,
) -> Vec<u32> {
    let ids = r.string_list(cx, key);
    ids.iter()
        .filter_map(|id| resolve(cx, table, kind, key, r, id))
        .collect()
}

fn optional_ref(
    cx: &mut FileCtx,
    table: &IdTable,
    kind: &str,
    key: &'static str,
    r: &mut TableReader,
) -> Option<u32> {
    let id = r.string(cx, key)?;
    resolve(cx, table, kind, key, r, &id)
}

fn required_ref(
    cx: &mut FileCtx,
    table: &IdTable,
    kind: &str,
    key: &'static str,
    r: &mut TableReader,
) -> Option<Spanned<u32>> {
    let id = r.required_string(cx, key)?;
    resolve(cx, table, kind, key, r, &id).map(|pos| Spanned::new(id.span(), pos))
}

/// Reads the id and returns it with its registry position, if this entity owns the id (a
/// duplicate was reported when ids were registered, and is not read again).
fn owned_id(
    cx: &mut FileCtx,
    r: &mut TableReader,
    table: &IdTable,
) -> Option<(Spanned<String>, u32)> {
    let id = r.id(cx)?;
    let origin = cx.origin(id.span());
    if !table.owns(id.get_ref(), &origin) {
        return None;
    }
    let pos = table.lookup(id.get_ref())?;
    Some((id, pos))
}

/// Reads `[[actor]]`.
pub fn actor(cx: &mut FileCtx, r: &mut TableReader, reg: &Registry) -> Option<(u32, Actor)> {
    let id = owned_id(cx, r, &reg.actors);
    let name = r.required_text(cx, "name");
    let kind = r.required_word::<ActorKind>(cx, "kind");
    let region = r.label(cx, "region");
    let description = r.text(cx, "description");
    let (id, pos) = id?;
    Some((
        pos,
        Actor {
            origin: cx.origin(id.span()),
            id: id.into_inner(),
            name: name?,
            kind: kind?.into_inner(),
            region: region.map(Spanned::into_inner),
            description,
        },
    ))
}

/// Reads `[[need]]`.
pub fn need(cx: &mut FileCtx, r: &mut TableReader, reg: &Registry) -> Option<(u32, Need)> {
    let id = owned_id(cx, r, &reg.needs);
    let name = r.required_text(cx, "name");
    let description = r.text(cx, "description");
    let legal_age_max = r.age(cx, "legal_age_max").map(Spanned::into_inner);
    let continues_as = optional_ref(cx, &reg.needs, "need", "continues_as", r).map(NeedIx);
    let (id, pos) = id?;
    Some((
        pos,
        Need {
            origin: cx.origin(id.span()),
            id: id.into_inner(),
            name: name?,
            description,
            legal_age_max,
            continues_as,
        },
    ))
}

fn language_code(
    cx: &mut FileCtx,
    r: &TableReader,
    key: &str,
    code: &Spanned<String>,
) -> Option<String> {
    let c = code.get_ref();
    if (2..=3).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_lowercase()) {
        return Some(c.clone());
    }
    let d = cx.error(
        Code::InvalidValue,
        code.span(),
        format!(
            "`{}` in `{key}` of {} is not a language code",
            shown(c),
            r.what()
        ),
    );
    d.label = Some("expected a two- or three-letter ISO 639 code".into());
    d.help = Some(
        "write languages as codes: \"fi\" (suomi), \"sv\" (svenska), \"en\", \"se\" (sámi), …"
            .into(),
    );
    None
}

fn eligibility(cx: &mut FileCtx, r: &mut TableReader, reg: &Registry) -> Eligibility {
    let Some(mut e) = r.table(cx, "eligibility") else {
        return Eligibility::default();
    };
    let age_min = e.age(cx, "age_min");
    let age_max = e.age(cx, "age_max");
    if let (Some(min), Some(max)) = (&age_min, &age_max)
        && min.get_ref() > max.get_ref()
    {
        let d = cx.error(
            Code::AgeRange,
            min.span().start..max.span().end,
            format!(
                "age range of {} is empty: `age_min` {} is above `age_max` {}",
                e.what(),
                min.get_ref(),
                max.get_ref()
            ),
        );
        d.label = Some("minimum above maximum".into());
        d.help = Some("swap the two, or correct the one that is wrong".into());
    }
    let languages = e
        .string_list(cx, "languages")
        .iter()
        .filter_map(|c| language_code(cx, &e, "languages", c))
        .collect();
    let needs = resolve_list(cx, &reg.needs, "need", "needs", &mut e);
    let excludes = resolve_list(cx, &reg.needs, "need", "excludes", &mut e);
    e.finish(cx);
    Eligibility {
        age_min: age_min.map(Spanned::into_inner),
        age_max: age_max.map(Spanned::into_inner),
        languages,
        needs: needs.into_iter().map(NeedIx).collect(),
        excludes: excludes.into_iter().map(NeedIx).collect(),
    }
}

fn capacity(cx: &mut FileCtx, r: &mut TableReader) -> Option<Capacity> {
    let mut c = r.table(cx, "capacity")?;
    let per_month = c.non_negative(cx, "clients_per_month");
    let staff = c.integer(cx, "staff");
    let per_staff = c.non_negative(cx, "clients_per_staff_per_month");
    let head = cx.head(c.span());
    let staff = match staff {
        Some(s) if *s.get_ref() < 0 => {
            let d = cx.error(
                Code::NegativeValue,
                s.span(),
                format!("`staff` in {} is negative", c.what()),
            );
            d.label = Some("must be 0 or more".into());
            d.help = Some("write the number of workers, e.g. staff = 4".into());
            None
        }
        Some(s) => match u32::try_from(*s.get_ref()) {
            Ok(n) => Some(Spanned::new(s.span(), n)),
            // Taken as the largest count before; a number no service has is a typo to report.
            Err(_) => {
                let d = cx.error(
                    Code::InvalidValue,
                    s.span(),
                    format!("`staff` in {} is too large", c.what()),
                );
                d.label = Some(format!("at most {}", u32::MAX));
                d.help = Some("write the number of workers, e.g. staff = 4".into());
                None
            }
        },
        None => None,
    };
    let result = match (per_month, staff, per_staff) {
        (Some(m), staff, None) => Some(Capacity {
            clients_per_month: m.into_inner(),
            staff: staff.map(Spanned::into_inner),
        }),
        (None, Some(s), Some(p)) if (f64::from(*s.get_ref()) * p.get_ref()).is_finite() => {
            Some(Capacity {
                clients_per_month: f64::from(*s.get_ref()) * p.get_ref(),
                staff: Some(s.into_inner()),
            })
        }
        (None, Some(s), Some(p)) => {
            // Each is finite, their product is not: an analysis of infinite capacity is no answer.
            let d = cx.error(
                Code::InvalidValue,
                s.span().start.min(p.span().start)..s.span().end.max(p.span().end),
                format!(
                    "{} is too large: `staff` × `clients_per_staff_per_month` is beyond any number",
                    c.what()
                ),
            );
            d.label = Some("the product overflows".into());
            d.help = Some("write the real number of workers and clients per worker".into());
            None
        }
        (Some(_), _, Some(p)) => {
            let d = cx.error(
                Code::ConflictingFields,
                p.span(),
                format!(
                    "{} gives both `clients_per_month` and `clients_per_staff_per_month`",
                    c.what()
                ),
            );
            d.label = Some("second way of saying the capacity".into());
            d.help = Some(
                "keep `clients_per_month`, or `staff` with `clients_per_staff_per_month`".into(),
            );
            None
        }
        // `staff` is written but invalid: its own error is already reported.
        (None, None, Some(_)) if c.contains("staff") => None,
        (None, None, Some(p)) => {
            let d = cx.error(
                Code::MissingField,
                p.span(),
                format!(
                    "{} gives `clients_per_staff_per_month` without `staff`",
                    c.what()
                ),
            );
            d.label = Some("per worker, but how many workers?".into());
            d.help = Some("add a line: staff = 4".into());
            None
        }
        (None, _, None) => {
            let d = cx.error(
                Code::MissingField,
                head,
                format!(
                    "{} says neither `clients_per_month` nor `clients_per_staff_per_month`",
                    c.what()
                ),
            );
            d.label = Some("no capacity here".into());
            d.help = Some("add a line: clients_per_month = 40".into());
            None
        }
    };
    c.finish(cx);
    result
}

/// Reads `[[service]]`.
pub fn service(cx: &mut FileCtx, r: &mut TableReader, reg: &Registry) -> Option<(u32, Service)> {
    let id = owned_id(cx, r, &reg.services);
    let name = r.required_text(cx, "name");
    let description = r.text(cx, "description");
    let actor = optional_ref(cx, &reg.actors, "actor", "actor", r);
    let sector = r.required_word::<Sector>(cx, "sector");
    let level = r.word::<Level>(cx, "level");
    let region = r.label(cx, "region");
    let entry = r.word_list::<EntryChannel>(cx, "entry");
    let exit = r.boolean(cx, "exit").unwrap_or(false);
    let wait = r.duration(cx, "wait");
    let mean_service_time = r.duration(cx, "mean_service");
    let illustrative = r.boolean(cx, "illustrative").unwrap_or(false);
    let eligibility = eligibility(cx, r, reg);
    let capacity = capacity(cx, r);
    let (id, pos) = id?;
    Some((
        pos,
        Service {
            origin: cx.origin(id.span()),
            id: id.into_inner(),
            name: name?,
            description,
            actor: actor.map(ActorIx),
            sector: sector?.into_inner(),
            level: level.map(Spanned::into_inner),
            region: region.map(Spanned::into_inner),
            eligibility,
            capacity,
            mean_service_time: mean_service_time.map(Spanned::into_inner),
            wait: wait.map(Spanned::into_inner),
            entry,
            exit,
            illustrative,
        },
    ))
}

/// Reads `[[handoff]]`.
pub fn handoff(cx: &mut FileCtx, r: &mut TableReader, reg: &Registry) -> Option<Handoff> {
    let from = required_ref(cx, &reg.services, "service", "from", r);
    let to = required_ref(cx, &reg.services, "service", "to", r);
    let kind = r.word::<HandoffKind>(cx, "kind");
    let share = r.number(cx, "share");
    let wait = r.duration(cx, "wait");
    let protocol = r.word::<Protocol>(cx, "protocol");
    let consent = r.boolean(cx, "consent");
    let note = r.text(cx, "note");
    let illustrative = r.boolean(cx, "illustrative").unwrap_or(false);
    let share = share.and_then(|s| {
        if (0.0..=1.0).contains(s.get_ref()) {
            return Some(s.into_inner());
        }
        let d = cx.error(
            Code::ShareRange,
            s.span(),
            format!(
                "`share` of a handoff is {}, outside 0..1",
                compact(*s.get_ref())
            ),
        );
        d.label = Some("a share is a fraction between 0 and 1".into());
        d.help = Some(if *s.get_ref() > 1.0 && *s.get_ref() <= 100.0 {
            format!(
                "write percentages as fractions: share = {}",
                compact(s.get_ref() / 100.0)
            )
        } else {
            "write the fraction of the source's clients that take this handoff, e.g. share = 0.25"
                .into()
        });
        None
    });
    let (from, to) = (from?, to?);
    if from.get_ref() == to.get_ref() {
        let d = cx.error(
            Code::SelfHandoff,
            from.span().start..to.span().end,
            "handoff from a service to itself".to_string(),
        );
        d.label = Some("`from` and `to` are the same service".into());
        d.help = Some("a client staying in a service is not a handoff: remove it, or point `to` at the next service".into());
        return None;
    }
    Some(Handoff {
        origin: cx.origin(from.span().start..to.span().end),
        from: ServiceIx(from.into_inner()),
        to: ServiceIx(to.into_inner()),
        kind: kind.map_or(HandoffKind::Referral, Spanned::into_inner),
        share,
        wait: wait.map(Spanned::into_inner),
        protocol: protocol.map(Spanned::into_inner),
        consent,
        note,
        illustrative,
    })
}

/// Reads `[[profile]]`.
pub fn profile(cx: &mut FileCtx, r: &mut TableReader, reg: &Registry) -> Option<(u32, Profile)> {
    let id = owned_id(cx, r, &reg.profiles);
    let name = r.required_text(cx, "name");
    let description = r.text(cx, "description");
    let age = if r.has("age") {
        r.age(cx, "age")
    } else {
        let span = cx.head(r.span());
        let d = cx.error(
            Code::MissingField,
            span,
            format!("{} has no `age`, which is required", r.what()),
        );
        d.label = Some("`age` missing here".into());
        d.help = Some("add a line: age = 15".into());
        None
    };
    let language = r.required_string(cx, "language");
    let language = language.and_then(|l| language_code(cx, r, "language", &l));
    let needs = resolve_list(cx, &reg.needs, "need", "needs", r);
    let entry = required_ref(cx, &reg.services, "service", "entry", r);
    let arrivals = r.non_negative(cx, "arrivals_per_month");
    let illustrative = r.boolean(cx, "illustrative").unwrap_or(false);
    let (id, pos) = id?;
    Some((
        pos,
        Profile {
            origin: cx.origin(id.span()),
            id: id.into_inner(),
            name: name?,
            description,
            age: age?.into_inner(),
            language: language?,
            needs: needs.into_iter().map(NeedIx).collect(),
            entry: ServiceIx(entry?.into_inner()),
            arrivals_per_month: arrivals.map(Spanned::into_inner),
            illustrative,
        },
    ))
}

/// Reads a clock's selector; `None` when it names services and none of them exists (its errors
/// are reported), because an empty list would match every service.
fn selector(cx: &mut FileCtx, mut s: TableReader, reg: &Registry) -> Option<Selector> {
    let named = s.contains("services");
    let services = resolve_list(cx, &reg.services, "service", "services", &mut s);
    let sectors = s.word_list::<Sector>(cx, "sectors");
    let levels = s.word_list::<Level>(cx, "levels");
    s.finish(cx);
    if named && services.is_empty() {
        return None;
    }
    Some(Selector {
        services: services.into_iter().map(ServiceIx).collect(),
        sectors,
        levels,
    })
}

/// Reads `[[clock]]`.
pub fn clock(cx: &mut FileCtx, r: &mut TableReader, reg: &Registry) -> Option<(u32, Clock)> {
    let id = owned_id(cx, r, &reg.clocks);
    let name = r.required_text(cx, "name");
    let law = r.label(cx, "law");
    let from = r.table(cx, "from").map(|t| selector(cx, t, reg));
    let to = if r.has("to") {
        r.table(cx, "to").map(|t| selector(cx, t, reg))
    } else {
        let span = cx.head(r.span());
        let d = cx.error(
            Code::MissingField,
            span,
            format!("{} has no `to`, which is required", r.what()),
        );
        d.label = Some("`to` missing here".into());
        d.help = Some("add a line: to = { sectors = [\"specialist_care\"] }".into());
        None
    };
    let has_limit = crate::model::DayUnit::ALL
        .iter()
        .any(|u| r.contains(&format!("limit{}", u.suffix())));
    let limit = r.duration(cx, "limit");
    let until = r.word::<ClockEnd>(cx, "until");
    let age_max = r.age(cx, "age_max");
    if !has_limit {
        let span = cx.head(r.span());
        let d = cx.error(
            Code::MissingField,
            span,
            format!("{} has no time limit", r.what()),
        );
        d.label = Some("`limit_days`, `limit_working_days` or `limit_school_days` missing".into());
        d.help = Some("add a line: limit_working_days = 7".into());
    }
    let (id, pos) = id?;
    Some((
        pos,
        Clock {
            origin: cx.origin(id.span()),
            id: id.into_inner(),
            name: name?,
            law: law.map(Spanned::into_inner),
            from: match from {
                Some(selector) => Some(selector?),
                None => None,
            },
            to: to??,
            until: until.map_or(ClockEnd::Start, Spanned::into_inner),
            limit: limit?.into_inner(),
            age_max: age_max.map(Spanned::into_inner),
        },
    ))
}

/// The `[pathway]` table, with the services it includes from other files as registry positions.
pub struct PathwayRead {
    /// The pathway; its entity lists are filled in by the loader.
    pub pathway: Pathway,
    /// Services defined elsewhere that the pathway includes.
    pub includes: Vec<u32>,
    /// Registry position of the owner actor.
    pub owner: Option<u32>,
}

/// Reads `[pathway]`.
pub fn pathway(cx: &mut FileCtx, r: &mut TableReader, reg: &Registry) -> Option<PathwayRead> {
    let id = r.id(cx);
    let title = r.required_text(cx, "title");
    let summary = r.text(cx, "summary");
    let region = r.label(cx, "region");
    let core_idea = r.text(cx, "core_idea");
    let operating_environment = r.text(cx, "operating_environment");
    let purpose = r.text(cx, "purpose");
    let goals = r.text_list(cx, "goals");
    let target_groups = r.text_list(cx, "target_groups");
    let owner = optional_ref(cx, &reg.actors, "actor", "owner", r);
    let contact = r.label(cx, "contact");
    let status = r.word::<PathwayStatus>(cx, "status");
    let created = r.date(cx, "created");
    let updated = r.date(cx, "updated");
    let funder = r.label(cx, "funder");
    let parent_project = r.label(cx, "parent_project");
    let conditions = r.text(cx, "conditions");
    let indicators = r.text_list(cx, "indicators");
    let evaluation = r.text(cx, "evaluation");
    let includes = resolve_list(cx, &reg.services, "service", "services", r);
    let id = id?;
    let origin = cx.origin(id.span());
    if !reg.pathways.owns(id.get_ref(), &origin) {
        return None;
    }
    Some(PathwayRead {
        pathway: Pathway {
            origin,
            id: id.into_inner(),
            title: title?,
            summary,
            region: region.map(Spanned::into_inner),
            core_idea,
            operating_environment,
            purpose,
            goals,
            target_groups,
            owner: None,
            contact: contact.map(Spanned::into_inner),
            status: status.map(Spanned::into_inner),
            created: created.map(Spanned::into_inner),
            updated: updated.map(Spanned::into_inner),
            funder: funder.map(Spanned::into_inner),
            parent_project: parent_project.map(Spanned::into_inner),
            conditions,
            indicators,
            evaluation,
            services: Vec::new(),
            handoffs: Vec::new(),
            profiles: Vec::new(),
        },
        includes,
        owner,
    })
}

/// Reads `[[allow]]`: the code must be a finding code and the reason must be written.
pub fn allow(cx: &mut FileCtx, r: &mut TableReader) -> Option<Allow> {
    let code = r.required_string(cx, "code");
    let entity = r.required_string(cx, "entity");
    let reason = r.required_string(cx, "reason");
    let code = code.and_then(|c| match Code::parse(c.get_ref()) {
        Some(code) if code.is_finding() => Some(code),
        _ => {
            let findings: Vec<&str> = Code::ALL
                .iter()
                .filter(|c| c.is_finding())
                .map(|c| c.name())
                .collect();
            let d = cx.error(
                Code::UnknownValue,
                c.span(),
                format!(
                    "`{}` is not a finding code that can be allowed",
                    shown(c.get_ref())
                ),
            );
            d.label = Some("not a finding code".into());
            d.help = Some(
                match crate::diagnostic::did_you_mean(c.get_ref(), findings.iter().copied()) {
                    Some(m) => format!("did you mean `{m}`? findings: {}", findings.join(", ")),
                    None => format!(
                        "write a finding code (e.g. G0206) or name: {}",
                        findings.join(", ")
                    ),
                },
            );
            None
        }
    });
    let reason = reason.and_then(|t| {
        if t.get_ref().trim().is_empty() {
            let d = cx.error(
                Code::InvalidValue,
                t.span(),
                "an allow needs a written reason".to_string(),
            );
            d.label = Some("empty reason".into());
            d.help = Some("say why the finding is acceptable, so the next reader knows".into());
            None
        } else {
            Some(t)
        }
    });
    let (code, entity, reason) = (code?, entity?, reason?);
    Some(Allow {
        origin: cx.origin(r.span()),
        code,
        entity: entity.into_inner(),
        reason: reason.into_inner(),
    })
}

/// `[documentation]` as written in one file, before the workspace decides which file's counts.
pub struct DocumentationRead {
    /// The sections and titles.
    pub documentation: Documentation,
    /// Where the table is written (its header line), for "written twice".
    pub origin: crate::diagnostic::Origin,
}

/// Reads `[documentation]`: `sections` (order), `omit` (left out) and `titles` (per-section
/// titles). Every unknown section id is its own error (E0017) with a did-you-mean; the valid rest
/// still applies, so one typo does not drop a team's whole layout.
pub fn documentation(cx: &mut FileCtx, r: &mut TableReader) -> DocumentationRead {
    let listed = r.contains("sections");
    let sections = section_list(cx, r, "sections");
    let omit = section_list(cx, r, "omit");
    let mut titles = Vec::new();
    if let Some(mut t) = r.table(cx, "titles") {
        for section in DocSection::ALL {
            let title = t.text(cx, section.as_str());
            if !title.is_empty() {
                titles.push((*section, title));
            }
        }
        t.finish_as(
            cx,
            Code::UnknownSection,
            "section",
            "not a documentation section",
        );
    }
    let mut documentation = Documentation::default();
    if listed {
        documentation.sections = sections;
    }
    documentation.sections.retain(|s| !omit.contains(s));
    documentation.titles = titles;
    DocumentationRead {
        documentation,
        origin: cx.origin(cx.head(r.span())),
    }
}

/// A list of section ids; unknown ids are E0017, a section listed twice is E0016.
fn section_list(cx: &mut FileCtx, r: &mut TableReader, key: &'static str) -> Vec<DocSection> {
    let mut out = Vec::new();
    for word in r.string_list(cx, key) {
        match DocSection::parse(word.get_ref()) {
            Some(s) if out.contains(&s) => {
                let d = cx.error(
                    Code::InvalidValue,
                    word.span(),
                    format!(
                        "section `{}` is listed twice in `{key}`",
                        shown(word.get_ref())
                    ),
                );
                d.label = Some("second time".into());
                d.help = Some("a section appears once on a page: remove one of the two".into());
            }
            Some(s) => out.push(s),
            None => {
                let words = DocSection::words();
                let d = cx.error(
                    Code::UnknownSection,
                    word.span(),
                    format!(
                        "unknown section `{}` in `{key}` of {}",
                        shown(word.get_ref()),
                        r.what()
                    ),
                );
                d.label = Some("not a documentation section".into());
                d.help = Some(match suggest_word::<DocSection>(word.get_ref()) {
                    Some(m) => format!("did you mean {m}? sections: {}", words.join(", ")),
                    None => format!("the sections are: {}", words.join(", ")),
                });
            }
        }
    }
    out
}
