//! A healthy workspace, by construction: every profile's needs are met in its language by a
//! service its entry refers it to directly; the ages of every need are covered, and child
//! welfare hands over to aftercare at 18 along a referral; every handoff between organisations
//! states an agreed protocol and consent; capacity is above load; waits are inside every built-in
//! statutory clock; no service carries more than half a pathway's clients; every pair of sectors
//! that a profile's routes join is linked by a consultation; every service names its owner, its
//! capacity and its wait.

use crate::generate::Rng;

use super::workspace::{
    Actor, Capacity, Handoff, Kind, Need, Profile, Region, Service, Unit, Wait, Workspace, pick,
    uniform,
};

/// The regions a workspace may have, with the languages their services are given in.
const REGIONS: &[(&str, &str, &[&str])] = &[
    ("keski-uusimaa", "Keski-Uusimaa", &["fi"]),
    ("ita-uusimaa", "Itä-Uusimaa", &["fi", "sv"]),
    ("pirkanmaa", "Pirkanmaa", &["fi"]),
    ("pohjanmaa", "Pohjanmaa", &["sv", "fi"]),
    ("lappi", "Lappi", &["fi"]),
];

/// A need and the service that addresses it in every region that has it.
pub struct NeedKind {
    pub id: &'static str,
    pub name: &'static str,
    pub service: &'static str,
    pub sector: &'static str,
    pub level: Option<&'static str>,
    pub owner: &'static str,
    /// The longest wait that keeps the service inside its sector's statutory clock, with the
    /// referral's own wait (at most [`MAX_REFERRAL_WAIT`]) added.
    pub max_wait: Wait,
}

/// The longest wait written on a healthy referral, in calendar days.
pub const MAX_REFERRAL_WAIT: f64 = 2.0;

pub const ANXIETY: &str = "ahdistus";
pub const CHILD_WELFARE: &str = "lastensuojelullinen-huoli";
pub const AFTERCARE: &str = "jalkihuollon-tarve";

pub const NEEDS: &[NeedKind] = &[
    NeedKind {
        id: ANXIETY,
        name: "Ahdistus",
        service: "mielenterveyspalvelu",
        sector: "mental_health",
        level: Some("basic"),
        owner: "hva",
        // terapiatakuu: 28 days
        max_wait: Wait {
            amount: 24.0,
            unit: Unit::Calendar,
        },
    },
    NeedKind {
        id: "psykiatrinen-hoito",
        name: "Psykiatrisen hoidon tarve",
        service: "nuorisopsykiatria",
        sector: "specialist_care",
        level: Some("special"),
        owner: "sairaala",
        // assessment in specialist care: 21 days
        max_wait: Wait {
            amount: 18.0,
            unit: Unit::Calendar,
        },
    },
    NeedKind {
        id: "paihteet",
        name: "Päihteet",
        service: "nuorisoasema",
        sector: "substance",
        level: Some("basic"),
        owner: "jarjesto",
        max_wait: Wait {
            amount: 40.0,
            unit: Unit::Calendar,
        },
    },
    NeedKind {
        id: "perheen-tuki",
        name: "Perheen tuen tarve",
        service: "perheneuvola",
        sector: "family_services",
        level: Some("basic"),
        owner: "hva",
        max_wait: Wait {
            amount: 40.0,
            unit: Unit::Calendar,
        },
    },
    NeedKind {
        id: CHILD_WELFARE,
        name: "Lastensuojelullinen huoli",
        service: "lastensuojelu",
        sector: "child_welfare",
        level: None,
        owner: "hva",
        // child welfare: 7 working days = 9.8 calendar days
        max_wait: Wait {
            amount: 5.0,
            unit: Unit::Working,
        },
    },
    NeedKind {
        id: AFTERCARE,
        name: "Jälkihuollon tarve",
        service: "jalkihuolto",
        sector: "social_work",
        level: None,
        owner: "hva",
        max_wait: Wait {
            amount: 30.0,
            unit: Unit::Calendar,
        },
    },
];

/// Sectors no built-in clock watches: the sectors of services the plants add when the plant is
/// not about time.
pub const UNCLOCKED: &[&str] = &[
    "family_services",
    "youth_work",
    "ngo_support",
    "social_work",
];

/// The healthy workspace of this seed.
pub fn workspace(rng: &mut Rng) -> Workspace {
    let mut ws = Workspace::default();
    for n in NEEDS {
        let (legal_age_max, continues_as) = if n.id == CHILD_WELFARE {
            (Some(17), Some(AFTERCARE.to_owned()))
        } else {
            (None, None)
        };
        ws.needs.push(Need {
            id: n.id.to_owned(),
            name: n.name.to_owned(),
            legal_age_max,
            continues_as,
        });
    }
    let mut regions: Vec<usize> = (0..REGIONS.len()).collect();
    rng.shuffle(&mut regions);
    regions.truncate(1 + rng.below(3));
    for (r, &which) in regions.iter().enumerate() {
        let (slug, name, languages) = REGIONS[which];
        ws.regions.push(Region {
            slug,
            name,
            languages: languages.to_vec(),
            split: false,
        });
        region(&mut ws, rng, r);
    }
    ws
}

fn region(ws: &mut Workspace, rng: &mut Rng, r: usize) {
    let slug = ws.regions[r].slug;
    let actor = |stem: &str| format!("{stem}-{slug}");
    // Needs of the region: child welfare comes with its aftercare; at least two targets.
    // The county runs at least one of them (the plants add the county's services).
    let mut needs: Vec<&NeedKind> = Vec::new();
    while needs.len() < 2 || !needs.iter().any(|n| n.owner == "hva") {
        needs = NEEDS
            .iter()
            .filter(|n| n.id != CHILD_WELFARE && n.id != AFTERCARE && rng.chance(0.7))
            .collect();
        if rng.chance(0.6) {
            needs.extend(
                NEEDS
                    .iter()
                    .filter(|n| n.id == CHILD_WELFARE || n.id == AFTERCARE),
            );
        }
    }
    // Entries: the school's pupil welfare, and in some regions the health centre too (the
    // municipality's school refers to the county's services, so no organisation is an island).
    let mut entries = Vec::new();
    let which = rng.below(2);
    {
        entries.push(Service {
            id: format!("kuraattori-{slug}"),
            name: "Koulukuraattori".into(),
            region: r,
            actor: Some(actor("kunta")),
            sector: "pupil_welfare",
            level: Some("basic"),
            entry: vec!["school"],
            exit: false,
            wait: Some(Wait {
                amount: (1 + rng.below(5)) as f64,
                unit: Unit::School,
            }),
            capacity: Capacity::Comfortable(uniform(rng, 0.3, 0.75)),
            age_min: Some(7),
            age_max: Some(20),
            languages: languages(ws, rng, r),
            needs: vec![],
            excludes: vec![],
            second_file: false,
        });
    }
    if which == 1 {
        entries.push(Service {
            id: format!("terveysasema-{slug}"),
            name: "Terveysasema".into(),
            region: r,
            actor: Some(actor("hva")),
            sector: "primary_health",
            level: Some("basic"),
            entry: vec!["self_referral", "health_care"],
            exit: false,
            wait: Some(Wait::days((1 + rng.below(10)) as f64)),
            capacity: Capacity::Comfortable(uniform(rng, 0.3, 0.75)),
            age_min: None,
            age_max: None,
            languages: languages(ws, rng, r),
            needs: vec![],
            excludes: vec![],
            second_file: false,
        });
    }
    // Targets: one service per need, anxiety sometimes split at 13 into children's and young
    // people's services (the bands join, so no age is uncovered).
    let mut targets = Vec::new();
    for n in &needs {
        let (age_min, age_max) = match n.id {
            CHILD_WELFARE => (None, Some(17)),
            AFTERCARE => (Some(18), Some(24)),
            "psykiatrinen-hoito" if rng.chance(0.5) => (Some(13), Some(22)),
            "paihteet" if rng.chance(0.5) => (Some(12), None),
            _ => (None, None),
        };
        let split = n.id == ANXIETY && rng.chance(0.35);
        let languages_of_region = ws.regions[r].languages.clone();
        // In a bilingual region a need may have a service in each language (clients are
        // referred to the one in theirs).
        let twins = !split && languages_of_region.len() > 1 && rng.chance(0.4);
        let bands = if split {
            vec![
                ("lasten-", None, Some(12), None),
                ("nuorten-", Some(13), None, None),
            ]
        } else if twins {
            vec![
                ("", age_min, age_max, Some(languages_of_region[0])),
                (
                    "toisella-kielella-",
                    age_min,
                    age_max,
                    Some(languages_of_region[1]),
                ),
            ]
        } else {
            vec![("", age_min, age_max, None)]
        };
        for (prefix, age_min, age_max, language) in bands {
            let max = n.max_wait.amount;
            let wait = Wait {
                amount: (uniform(rng, 0.2, 1.0) * max).round().max(1.0),
                unit: n.max_wait.unit,
            };
            targets.push(Service {
                id: format!("{prefix}{}-{slug}", n.service),
                name: format!("{prefix}{}", n.service),
                region: r,
                actor: Some(actor(n.owner)),
                sector: n.sector,
                level: n.level,
                entry: vec![],
                exit: true,
                wait: Some(wait),
                capacity: Capacity::Comfortable(uniform(rng, 0.3, 0.75)),
                age_min,
                age_max,
                languages: match language {
                    Some(l) => vec![l],
                    None => languages(ws, rng, r),
                },
                needs: vec![n.id.to_owned()],
                excludes: vec![],
                second_file: false,
            });
        }
    }
    // Some regions have adult social services from 23 for several needs, beside the young
    // people's services that take every age (their waits end in half a day, so a route never
    // ties between the two).
    let adult_needs: Vec<String> = needs
        .iter()
        .filter(|n| matches!(n.id, ANXIETY | "paihteet" | "perheen-tuki"))
        .map(|n| n.id.to_owned())
        .collect();
    if adult_needs.len() >= 2 && rng.chance(0.4) {
        targets.push(Service {
            id: format!("aikuissosiaalityo-{slug}"),
            name: "Aikuissosiaalityö".into(),
            region: r,
            actor: Some(actor("hva")),
            sector: "social_work",
            level: Some("basic"),
            entry: vec![],
            exit: true,
            wait: Some(Wait::days((5 + rng.below(25)) as f64 + 0.5)),
            capacity: Capacity::Comfortable(uniform(rng, 0.3, 0.75)),
            age_min: Some(23),
            age_max: None,
            languages: languages(ws, rng, r),
            needs: adult_needs,
            excludes: vec![],
            second_file: false,
        });
    }
    // Some regions write the services their doors refer to in a pathway file of their own. The
    // clients of that pathway are those its doors send in, so there at least three services share
    // them evenly (none gets half).
    let split = targets.len() >= 3 && rng.chance(0.3);
    ws.regions[r].split = split;
    for t in &mut targets {
        t.second_file = split;
    }
    for (stem, kind) in [
        ("kunta", "municipality"),
        ("hva", "wellbeing_county"),
        ("sairaala", "hospital"),
        ("jarjesto", "ngo"),
    ] {
        let id = actor(stem);
        let owns = entries
            .iter()
            .chain(&targets)
            .any(|s| s.actor.as_deref() == Some(&id));
        if owns {
            ws.actors.push(Actor {
                id,
                name: format!("{stem} ({})", ws.regions[r].name),
                kind,
                region: r,
            });
        }
    }
    // Referrals: every entry to every target, 65 % of its clients in all, so no target gets more
    // than half of a pathway's clients; child welfare refers on to aftercare.
    for e in &entries {
        let most = if split { 1.2 } else { 2.0 };
        let weights: Vec<f64> = targets.iter().map(|_| uniform(rng, 1.0, most)).collect();
        let total: f64 = weights.iter().sum();
        for (t, w) in targets.iter().zip(&weights) {
            let mut h =
                Handoff::referral(&e.id, &t.id, (0.65 * w / total * 1000.0).floor() / 1000.0);
            h.protocol = Some(pick(
                rng,
                &["written_referral", "warm_handoff", "shared_plan"],
            ));
            if rng.chance(0.6) {
                h.wait = Some(Wait::days(rng.below(MAX_REFERRAL_WAIT as usize + 1) as f64));
            }
            ws.handoffs.push(h);
        }
    }
    let welfare = targets.iter().find(|t| t.needs[0] == CHILD_WELFARE);
    let aftercare = targets.iter().find(|t| t.needs[0] == AFTERCARE);
    if let (Some(w), Some(a)) = (welfare, aftercare) {
        let mut h = Handoff::referral(&w.id, &a.id, 0.1);
        h.protocol = Some("warm_handoff");
        ws.handoffs.push(h);
    }
    // In some regions clients come back to the school after care: a return from each target to
    // one entry, as real referral networks have (each a loop through a service that addresses
    // the need of the clients it takes).
    if rng.chance(0.5) {
        let all = rng.chance(0.5);
        let returning: Vec<&Service> = targets.iter().filter(|_| all || rng.chance(0.5)).collect();
        for t in returning {
            let e = pick(rng, &entries);
            let mut h = Handoff::referral(
                &t.id,
                &e.id,
                (uniform(rng, 0.1, 0.3) * 100.0).round() / 100.0,
            );
            h.kind = Kind::Return;
            h.protocol = Some("warm_handoff");
            ws.handoffs.push(h);
        }
    }
    // Consultations between every two targets of different sectors.
    for (i, a) in targets.iter().enumerate() {
        for b in &targets[i + 1..] {
            if a.sector != b.sector {
                let (from, to) = if rng.chance(0.5) { (a, b) } else { (b, a) };
                ws.handoffs.push(Handoff::consultation(&from.id, &to.id));
            }
        }
    }
    // Profiles: one to three per entry, of ages the entry takes, with one or two needs that a
    // target takes at that age.
    for e in &entries {
        for _ in 0..1 + rng.below(3) {
            let (lo, hi) = (e.age_min.unwrap_or(0), e.age_max.unwrap_or(24).min(24));
            loop {
                let age = lo + rng.below((hi - lo + 1) as usize) as u8;
                let mut met: Vec<String> = targets
                    .iter()
                    .filter(|t| t.takes(age, &[]))
                    .map(|t| t.needs[0].clone())
                    .collect();
                met.dedup();
                if met.is_empty() {
                    continue;
                }
                rng.shuffle(&mut met);
                met.truncate(1 + rng.below(2));
                let id = ws.fresh_id(&format!("nuori-{age}v"));
                ws.profiles.push(Profile {
                    id,
                    region: r,
                    age,
                    language: pick(rng, &ws.regions[r].languages.clone()),
                    needs: met,
                    entry: e.id.clone(),
                    arrivals: (1 + rng.below(12)) as f64,
                });
                break;
            }
        }
    }
    ws.services.extend(entries);
    ws.services.extend(targets);
}

/// A service's languages: the region's, written out, or left unstated.
pub fn languages(ws: &Workspace, rng: &mut Rng, r: usize) -> Vec<&'static str> {
    if rng.chance(0.5) {
        ws.regions[r].languages.clone()
    } else {
        vec![]
    }
}

/// Whether a handoff moves the client (used by plants picking referrals).
pub fn is_referral(h: &Handoff) -> bool {
    h.kind == Kind::Referral
}
