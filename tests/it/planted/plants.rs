//! The plants: each changes a healthy workspace at a random place so that exactly one problem
//! of its kind is there (a trigger), or so that it comes close to one without being one (a near
//! miss), and says which finding must follow and on which entities.
//!
//! A plant touches only what it names: it adds new services, needs, profiles and actors, or it
//! changes services and handoffs that no other plant of the same workspace has touched, so the
//! problems of one workspace do not mask or cause each other.

use std::collections::HashSet;

use polku::diagnostic::Code;

use crate::generate::Rng;

use super::healthy::{UNCLOCKED, is_referral, languages};
use super::workspace::{
    Actor, Capacity, Handoff, Kind, Need, Profile, Service, Wait, Workspace, pick, uniform,
};

/// A finding a plant makes certain: its code, and ids that must all be among its subjects.
#[derive(Clone, Debug)]
pub struct Expect {
    pub code: Code,
    pub ids: Vec<String>,
}

impl Expect {
    fn new(code: Code, ids: &[&str]) -> Self {
        Expect {
            code,
            ids: ids.iter().map(|s| (*s).to_owned()).collect(),
        }
    }
}

/// What one plant did.
#[derive(Clone, Debug)]
pub struct Planted {
    /// The finding kind the plant is about.
    pub code: Code,
    /// A near miss: close to a problem of its kind without being one.
    pub near: bool,
    /// Which plant, and which variant of it (for the report).
    pub what: String,
    /// Findings that must be raised (empty for a near miss).
    pub expect: Vec<Expect>,
    /// Findings that follow from the planted problem by the rules of the field, so are neither
    /// required nor false alarms (an overloaded service also breaks the clock that runs there).
    pub tolerate: Vec<Expect>,
}

/// The plant kinds, named by the finding they are about. `late` kinds run after the others:
/// they depend on which profiles the workspace has in the end.
pub const KINDS: &[(Code, bool)] = &[
    (Code::UnmetNeed, false),
    (Code::AgeCoverageGap, false),
    (Code::LanguageGap, false),
    (Code::ExclusionTrap, false),
    (Code::ReferralLoop, false),
    (Code::DeadEnd, false),
    (Code::UnreachableService, false),
    (Code::StatutoryClock, false),
    (Code::BoundaryWithoutProtocol, false),
    (Code::BoundaryWithoutConsent, false),
    (Code::HighUtilisation, false),
    (Code::Overloaded, false),
    (Code::SinglePointOfFailure, false),
    (Code::IsolatedActor, false),
    (Code::IncompleteModel, false),
    (Code::UnstatedHandoffs, false),
    (Code::MissingCollaboration, true),
];

/// The state a workspace's plants share: what has been touched.
pub struct Garden<'a> {
    pub ws: &'a mut Workspace,
    pub rng: &'a mut Rng,
    /// Services and handoffs (`from->to`) a plant changed; later plants leave them alone.
    pub touched: HashSet<String>,
    /// Services the plants added (a plant's entry is not a healthy entry to refer from).
    pub added: HashSet<String>,
    /// Regions that already have a single-point-of-failure plant (their flow shares are its).
    pub spof_regions: HashSet<usize>,
    /// Sector pairs already planted as missing collaboration (one finding per pair).
    pub sector_pairs: HashSet<(&'static str, &'static str)>,
    /// Profiles whose arrivals are set at the end, as a multiple of the rest of their region's.
    pub heavy: Vec<(String, f64)>,
}

impl Garden<'_> {
    /// Plants one problem of `code`'s kind (or its near miss); `None` when this workspace has no
    /// place for it.
    pub fn plant(&mut self, code: Code, near: bool) -> Option<Planted> {
        let mut planted = self.plant_kind(code, near)?;
        planted.code = code;
        planted.near = near;
        Some(planted)
    }

    fn plant_kind(&mut self, code: Code, near: bool) -> Option<Planted> {
        match code {
            Code::UnmetNeed => self.unmet_need(near),
            Code::AgeCoverageGap => self.age_gap(near),
            Code::LanguageGap => self.language_gap(near),
            Code::ExclusionTrap => self.exclusion_trap(near),
            Code::ReferralLoop => self.referral_loop(near),
            Code::DeadEnd => self.dead_end(near),
            Code::UnreachableService => self.unreachable(near),
            Code::StatutoryClock => {
                if self.rng.chance(0.5) {
                    self.clock_on_route(near)
                } else {
                    self.clock_on_flow(near)
                }
            }
            Code::BoundaryWithoutProtocol => self.boundary(near, true),
            Code::BoundaryWithoutConsent => self.boundary(near, false),
            Code::HighUtilisation => self.utilisation(near, false),
            Code::Overloaded => self.utilisation(near, true),
            Code::SinglePointOfFailure => self.single_point(near),
            Code::IsolatedActor => self.isolated_actor(near),
            Code::IncompleteModel => self.incomplete(near),
            Code::UnstatedHandoffs => self.unstated(near),
            Code::MissingCollaboration => self.missing_collaboration(near),
            _ => None,
        }
    }

    fn done(&self, what: &str, near: bool, expect: Vec<Expect>) -> Option<Planted> {
        Some(Planted {
            code: Code::UnmetNeed,
            near,
            what: format!("{}{what}", if near { "near miss: " } else { "" }),
            expect: if near { vec![] } else { expect },
            tolerate: vec![],
        })
    }

    // --- helpers -------------------------------------------------------------------------

    fn region(&mut self) -> usize {
        self.rng.below(self.ws.regions.len())
    }

    /// An entry of region `r`, with the share it still has to give (healthy referrals use 65 %).
    fn entry(&mut self, r: usize) -> String {
        let entries: Vec<String> = self
            .ws
            .entries(r)
            .into_iter()
            .filter(|e| !self.added.contains(e))
            .collect();
        pick(self.rng, &entries)
    }

    /// One of the region's untouched healthy targets, which the caller now touches.
    fn target(&mut self, r: usize) -> Option<String> {
        let targets = self.targets(r);
        if targets.is_empty() {
            return None;
        }
        let t = pick(self.rng, &targets);
        self.touched.insert(t.clone());
        Some(t)
    }

    /// A new service in region `r` of an unclocked sector, owned by the region's wellbeing
    /// county, complete, exit unless told.
    fn new_service(&mut self, r: usize, stem: &str) -> Service {
        let slug = self.ws.regions[r].slug;
        let id = self.ws.fresh_id(&format!("{stem}-{slug}"));
        self.touched.insert(id.clone());
        self.added.insert(id.clone());
        Service {
            name: stem.to_owned(),
            id,
            region: r,
            actor: Some(format!("hva-{slug}")),
            sector: pick(self.rng, UNCLOCKED),
            level: Some("basic"),
            entry: vec![],
            exit: true,
            wait: Some(Wait::days((5 + self.rng.below(25)) as f64)),
            capacity: Capacity::Comfortable(uniform(self.rng, 0.3, 0.75)),
            age_min: None,
            age_max: None,
            languages: languages(self.ws, self.rng, r),
            needs: vec![],
            excludes: vec![],
            second_file: false,
        }
    }

    fn add(&mut self, s: Service) -> String {
        let id = s.id.clone();
        self.ws.services.push(s);
        id
    }

    /// A small referral from `from` into a new service (entries have a third of their clients
    /// left to give; plants use at most 2 % each).
    fn refer(&mut self, from: &str, to: &str, share: f64) {
        let mut h = Handoff::referral(from, to, share);
        h.protocol = Some("warm_handoff");
        self.ws.handoffs.push(h);
    }

    fn fresh_need(&mut self, stem: &str) -> String {
        let id = self.ws.fresh_id(stem);
        self.ws.needs.push(Need {
            id: id.clone(),
            name: stem.to_owned(),
            legal_age_max: None,
            continues_as: None,
        });
        id
    }

    fn profile(
        &mut self,
        r: usize,
        entry: &str,
        age: u8,
        language: &'static str,
        needs: Vec<String>,
    ) -> String {
        let id = self.ws.fresh_id(&format!("istutettu-{age}v"));
        self.ws.profiles.push(Profile {
            id: id.clone(),
            region: r,
            age,
            language,
            needs,
            entry: entry.to_owned(),
            arrivals: (1 + self.rng.below(8)) as f64,
        });
        id
    }

    fn language(&mut self, r: usize) -> &'static str {
        let languages = self.ws.regions[r].languages.clone();
        pick(self.rng, &languages)
    }

    /// The healthy targets of region `r` (services addressing a need, referred to by entries)
    /// that no plant touched.
    fn targets(&self, r: usize) -> Vec<String> {
        self.ws
            .in_region(r)
            .filter(|s| s.exit && s.entry.is_empty() && !s.needs.is_empty())
            .filter(|s| !self.touched.contains(&s.id))
            .filter(|s| {
                self.ws
                    .handoffs
                    .iter()
                    .any(|h| h.to == s.id && is_referral(h))
            })
            .map(|s| s.id.clone())
            .collect()
    }

    /// Untouched handoffs with this property.
    fn handoffs(&self, keep: impl Fn(&Handoff) -> bool) -> Vec<usize> {
        (0..self.ws.handoffs.len())
            .filter(|&i| {
                let h = &self.ws.handoffs[i];
                !self.touched.contains(&h.id())
                    && !self.touched.contains(&h.from)
                    && !self.touched.contains(&h.to)
                    && keep(h)
            })
            .collect()
    }

    fn touch_handoff(&mut self, i: usize) -> String {
        let id = self.ws.handoffs[i].id();
        self.touched.insert(id.clone());
        id
    }

    // --- G0201 ---------------------------------------------------------------------------

    fn unmet_need(&mut self, near: bool) -> Option<Planted> {
        let r = self.region();
        let e = self.entry(r);
        let language = self.language(r);
        if near {
            // A client exactly at a service's age limit is taken (limits are inclusive).
            let targets = self.targets(r);
            let bounded: Vec<&String> = targets
                .iter()
                .filter(|t| {
                    let s = self.ws.service(t);
                    s.age_min.is_some() || s.age_max.is_some()
                })
                .collect();
            if bounded.is_empty() {
                return None;
            }
            let chosen: &String = pick(self.rng, &bounded);
            let t = self.ws.service(chosen).clone();
            let age = if self.rng.chance(0.5) {
                t.age_min.or(t.age_max)
            } else {
                t.age_max.or(t.age_min)
            }?;
            // Clients come to a door that takes their age.
            if !self.ws.service(&e).takes(age, &[]) {
                return None;
            }
            self.profile(r, &e, age, language, vec![t.needs[0].clone()]);
            return self.done("G0201 client at the age limit", true, vec![]);
        }
        // Either a need nobody in the workspace serves, or one whose only service there excludes
        // another need of the client (one way only: not a trap).
        let targets = self.targets(r);
        let single: Vec<String> = targets
            .iter()
            .filter(|t| {
                let n = &self.ws.service(t).needs[0];
                self.ws.in_region(r).filter(|s| s.needs.contains(n)).count() == 1
            })
            .cloned()
            .collect();
        if self.rng.chance(0.5) && single.len() >= 2 {
            let t = pick(self.rng, &single);
            let n = self.ws.service(&t).needs[0].clone();
            let others: Vec<String> = single.iter().filter(|o| **o != t).cloned().collect();
            let o = pick(self.rng, &others);
            let m = self.ws.service(&o).needs[0].clone();
            let (ts, os) = (self.ws.service(&t).clone(), self.ws.service(&o).clone());
            let door = self.ws.service(&e).clone();
            let ages: Vec<u8> = (0..=24)
                .filter(|&a| ts.takes(a, &[]) && os.takes(a, &[]) && door.takes(a, &[]))
                .collect();
            let together = self
                .ws
                .profiles
                .iter()
                .any(|p| p.region == r && p.needs.contains(&n) && p.needs.contains(&m));
            if !ages.is_empty() && !together {
                let age = pick(self.rng, &ages);
                self.ws.service_mut(&t).excludes.push(m.clone());
                self.touched.insert(t.clone());
                let p = self.profile(r, &e, age, language, vec![n.clone(), m]);
                let mut planted = self.done(
                    "G0201 the only service excludes another need",
                    false,
                    vec![Expect::new(Code::UnmetNeed, &[&p, &n])],
                )?;
                // Where that service returns clients to the door that sent them, the client is
                // sent there, refused and sent back: a loop that bounces them.
                planted
                    .tolerate
                    .push(Expect::new(Code::ReferralLoop, &[&t]));
                return Some(planted);
            }
        }
        let n = self.fresh_need("harvinainen-tarve");
        let age = 7 + self.rng.below(14) as u8;
        let p = self.profile(r, &e, age, language, vec![n.clone()]);
        self.done(
            "G0201 a need no service addresses",
            false,
            vec![Expect::new(Code::UnmetNeed, &[&p, &n])],
        )
    }

    // --- G0202 ---------------------------------------------------------------------------

    fn age_gap(&mut self, near: bool) -> Option<Planted> {
        let r = self.region();
        let e = self.entry(r);
        let m = self.fresh_need("ikasidonnainen-tarve");
        let variant = self.rng.below(3);
        let what;
        let mut services = Vec::new();
        match variant {
            0 => {
                // Two services with a hole between their ages (near miss: they join).
                let b = 6 + self.rng.below(9) as u8;
                let gap = if near { 1 } else { 2 + self.rng.below(3) as u8 };
                let mut young = self.new_service(r, "nuorempien-palvelu");
                young.age_max = Some(b);
                let mut old = self.new_service(r, "vanhempien-palvelu");
                old.age_min = Some(b + gap);
                services.push(young);
                services.push(old);
                what = "G0202 a hole between two services' ages";
            }
            _ => {
                // Services stop at 17. Without a legal boundary that is a gap at 18; with one,
                // the successor must be reachable (near miss: it is, along a referral).
                let mut s = self.new_service(r, "alaikaisten-palvelu");
                s.age_min = Some(6 + self.rng.below(8) as u8);
                s.age_max = Some(17);
                services.push(s);
                if variant == 1 && !near {
                    what = "G0202 services stop at 17, no legal boundary";
                } else {
                    let next = self.fresh_need("jatkotarve");
                    let need = self.ws.needs.iter_mut().find(|n| n.id == m).unwrap();
                    need.legal_age_max = Some(17);
                    need.continues_as = Some(next.clone());
                    let mut after = self.new_service(r, "jatkopalvelu");
                    after.age_min = Some(18);
                    after.age_max = Some(24);
                    after.needs = vec![next];
                    let after = self.add(after);
                    self.refer(&e, &after, 0.01);
                    if near {
                        let from = services[0].id.clone();
                        self.ws
                            .handoffs
                            .push(Handoff::referral(&from, &after, 0.05));
                    }
                    what = "G0202 legal boundary at 17, successor not reachable";
                }
            }
        }
        for mut s in services {
            s.needs = vec![m.clone()];
            let id = self.add(s);
            self.refer(&e, &id, 0.01);
        }
        self.done(what, near, vec![Expect::new(Code::AgeCoverageGap, &[&m])])
    }

    // --- G0203 ---------------------------------------------------------------------------

    fn language_gap(&mut self, near: bool) -> Option<Planted> {
        let r = self.region();
        let e = self.entry(r);
        // A target and an age at which it is the only service of the region for its need (where
        // another takes the need too, the client is sent to the one in their language).
        let alone = |ws: &Workspace, t: &Service, age: u8| {
            ws.in_region(r)
                .filter(|s| s.needs.contains(&t.needs[0]) && s.takes(age, &[]))
                .count()
                == 1
        };
        let door = self.ws.service(&e).clone();
        let choices: Vec<(String, u8)> = self
            .targets(r)
            .into_iter()
            .flat_map(|t| {
                let ts = self.ws.service(&t);
                (0..=24u8)
                    .filter(|&a| door.takes(a, &[]) && ts.takes(a, &[]) && alone(self.ws, ts, a))
                    .map(|a| (t.clone(), a))
                    .collect::<Vec<_>>()
            })
            .collect();
        if choices.is_empty() {
            return None;
        }
        let (t, age) = pick(self.rng, &choices);
        // Near misses add their language to the door too: they speak languages no trigger does,
        // so a trigger's gap at the door stays one.
        let foreign = if near {
            pick(self.rng, &["et", "en"])
        } else {
            pick(self.rng, &["so", "ar", "ru"])
        };
        let need = self.ws.service(&t).needs[0].clone();
        let region_languages = self.ws.regions[r].languages.clone();
        self.touched.insert(t.clone());
        let service = self.ws.service_mut(&t);
        if service.languages.is_empty() {
            service.languages = region_languages;
        }
        if near {
            service.languages.push(foreign);
            let entry = self.ws.service_mut(&e);
            if !entry.languages.is_empty() {
                entry.languages.push(foreign);
            }
        }
        let p = self.profile(r, &e, age, foreign, vec![need]);
        let mut expect = vec![Expect::new(Code::LanguageGap, &[&t, &p])];
        let entry = &self.ws.service(&e).languages;
        if !entry.is_empty() && !entry.contains(&foreign) {
            expect.push(Expect::new(Code::LanguageGap, &[&e, &p]));
        }
        self.done(
            "G0203 a service on the route not in the client's language",
            near,
            expect,
        )
    }

    // --- G0204 ---------------------------------------------------------------------------

    fn exclusion_trap(&mut self, near: bool) -> Option<Planted> {
        let r = self.region();
        let e = self.entry(r);
        let a = self.fresh_need("tarve-a");
        let b = self.fresh_need("tarve-b");
        let mut sa = self.new_service(r, "a-palvelu");
        sa.needs = vec![a.clone()];
        sa.excludes = vec![b.clone()];
        let mut sb = self.new_service(r, "b-palvelu");
        sb.needs = vec![b.clone()];
        sb.excludes = vec![a.clone()];
        let variant = self.rng.below(3);
        let what = match (variant, near) {
            (0, false) => "G0204 two services exclude each other's need",
            (0, true) => {
                sb.excludes.clear();
                "G0204 only one of the two excludes the other"
            }
            (1, false) => {
                // An adult service takes both: the trap is still real for minors.
                let mut both = self.new_service(r, "aikuisten-palvelu");
                both.needs = vec![a.clone(), b.clone()];
                both.age_min = Some(18);
                let both = self.add(both);
                self.refer(&e, &both, 0.01);
                "G0204 a trap for minors, an adult service takes both"
            }
            (1, true) => {
                // The two serve different ages: nobody could need both of them.
                sa.age_max = Some(12);
                sb.age_min = Some(13);
                "G0204 the two serve different ages"
            }
            (_, false) if self.ws.regions.len() > 1 => {
                // A service in another region takes both: the trap is still real here.
                let other = (r + 1) % self.ws.regions.len();
                let oe = self.entry(other);
                let mut both = self.new_service(other, "molempien-palvelu");
                both.needs = vec![a.clone(), b.clone()];
                let both = self.add(both);
                self.refer(&oe, &both, 0.01);
                "G0204 a trap here, another region's service takes both"
            }
            (_, false) => "G0204 two services exclude each other's need",
            (_, true) => {
                // A service of the same region takes both.
                let mut both = self.new_service(r, "molempien-palvelu");
                both.needs = vec![a.clone(), b.clone()];
                let both = self.add(both);
                self.refer(&e, &both, 0.01);
                "G0204 a service of the region takes both"
            }
        };
        for s in [sa, sb] {
            let id = self.add(s);
            self.refer(&e, &id, 0.01);
        }
        self.done(
            what,
            near,
            vec![Expect::new(Code::ExclusionTrap, &[&a, &b])],
        )
    }

    // --- G0205 ---------------------------------------------------------------------------

    fn referral_loop(&mut self, near: bool) -> Option<Planted> {
        let r = self.region();
        let e = self.entry(r);
        let mut x = self.new_service(r, "arviointi");
        let mut y = self.new_service(r, "tukipalvelu");
        x.exit = false;
        y.exit = false;
        let x = self.add(x);
        let y = self.add(y);
        let back = if self.rng.chance(0.5) {
            Kind::Return
        } else {
            Kind::Referral
        };
        let what = match (self.rng.below(2), near) {
            (0, false) => {
                // Clients are sent in and round, and nobody there addresses their needs.
                self.refer(&e, &x, 0.02);
                "G0205 clients sent round a loop that addresses none of their needs"
            }
            (_, false) => {
                // Nobody is sent in, but a loop nobody can leave.
                self.refer(&e, &x, 0.0);
                "G0205 a loop with no way out"
            }
            (0, true) => {
                // The way back is a consultation: the client is not sent back.
                self.refer(&e, &x, 0.02);
                self.ws.handoffs.push(Handoff::referral(&x, &y, 0.3));
                self.ws.handoffs.push(Handoff::consultation(&y, &x));
                self.ws.service_mut(&y).exit = true;
                let mut planted =
                    self.done("G0205 the way back is a consultation", true, vec![])?;
                planted
                    .tolerate
                    .push(Expect::new(Code::SinglePointOfFailure, &[&x]));
                return Some(planted);
            }
            (_, true) => {
                // A loop that nobody is sent into (share 0) and that can be left.
                self.refer(&e, &x, 0.0);
                self.ws.service_mut(&x).exit = true;
                "G0205 a loop nobody enters, with a way out"
            }
        };
        self.ws.handoffs.push(Handoff::referral(&x, &y, 0.3));
        let mut h = Handoff::referral(&y, &x, 0.3);
        h.kind = back;
        self.ws.handoffs.push(h);
        let mut planted =
            self.done(what, near, vec![Expect::new(Code::ReferralLoop, &[&x, &y])])?;
        // The loop's far side is reached only through its near side: in a small pathway that is
        // a single point of failure too.
        planted
            .tolerate
            .push(Expect::new(Code::SinglePointOfFailure, &[&x]));
        Some(planted)
    }

    // --- G0206 ---------------------------------------------------------------------------

    fn dead_end(&mut self, near: bool) -> Option<Planted> {
        let r = self.region();
        let e = self.entry(r);
        let t = self.target(r)?;
        let mut d = self.new_service(r, "umpikuja");
        d.exit = false;
        // Slower than any direct referral, so no route goes through it.
        d.wait = Some(Wait::days((10 + self.rng.below(20)) as f64));
        let d = self.add(d);
        self.refer(&e, &d, 0.02);
        let what = match (self.rng.below(2), near) {
            (0, false) => "G0206 a service that is not an exit and refers nowhere",
            (_, false) => {
                self.ws.handoffs.push(Handoff::consultation(&d, &t));
                "G0206 a service whose only way on is a consultation"
            }
            (0, true) => {
                self.ws.service_mut(&d).exit = true;
                "G0206 a service with no way on that is an exit"
            }
            (_, true) => {
                let mut h = Handoff::referral(&d, &t, 0.5);
                h.protocol = Some("warm_handoff");
                self.ws.handoffs.push(h);
                "G0206 a service that refers on"
            }
        };
        self.done(what, near, vec![Expect::new(Code::DeadEnd, &[&d])])
    }

    // --- G0207 ---------------------------------------------------------------------------

    fn unreachable(&mut self, near: bool) -> Option<Planted> {
        let r = self.region();
        let e = self.entry(r);
        let t = self.target(r)?;
        let u = self.new_service(r, "erillinen-palvelu");
        let u = self.add(u);
        let what = match (self.rng.below(2), near) {
            (0, false) => "G0207 a service nothing refers to",
            (_, false) => {
                self.ws.handoffs.push(Handoff::consultation(&t, &u));
                "G0207 a service only consulted"
            }
            (0, true) => {
                // A referral with no share: reachable, nobody known to be sent.
                let mut h = Handoff::referral(&e, &u, 0.0);
                h.share = None;
                self.ws.handoffs.push(h);
                "G0207 reached by a referral of unknown share"
            }
            (_, true) => {
                self.ws.service_mut(&u).entry = vec!["self_referral"];
                "G0207 a service clients contact themselves"
            }
        };
        self.done(
            what,
            near,
            vec![Expect::new(Code::UnreachableService, &[&u])],
        )
    }

    // --- G0208 ---------------------------------------------------------------------------

    /// The calendar-day limit of the built-in clock that watches `s` for clients of `age`.
    fn clock_limit(s: &Service, age: u8) -> Option<f64> {
        let young = age <= 22;
        match (s.sector, s.level) {
            ("child_welfare" | "pupil_welfare", _) => Some(7.0 * 7.0 / 5.0),
            ("primary_health" | "school_health", _) if young => Some(14.0),
            ("mental_health", Some("basic")) if young => Some(28.0),
            ("mental_health" | "specialist_care", Some("special" | "demanding")) if young => {
                Some(21.0)
            }
            _ => None,
        }
    }

    fn clock_on_route(&mut self, near: bool) -> Option<Planted> {
        let r = self.region();
        // A clocked target or health-centre entry that some client's route stops at.
        let candidates: Vec<(String, f64)> = self
            .ws
            .in_region(r)
            .filter(|s| !self.touched.contains(&s.id) && s.sector != "pupil_welfare")
            .filter_map(|s| {
                let limit = self
                    .ws
                    .profiles
                    .iter()
                    .filter(|p| p.region == r && self.routes_to(p, s))
                    .filter_map(|p| Self::clock_limit(s, p.age))
                    .reduce(f64::min)?;
                Some((s.id.clone(), limit))
            })
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let (s, limit) = pick(self.rng, &candidates);
        self.touched.insert(s.clone());
        let into = self
            .ws
            .handoffs
            .iter()
            .filter(|h| h.to == s && h.kind.moves() && h.share.is_some_and(|x| x > 0.0))
            .map(|h| h.wait.map_or(0.0, |w| w.calendar()))
            .fold(0.0, f64::max);
        let wait = if near {
            // Exactly at the limit: the limit is kept.
            limit - into
        } else {
            limit - into + 1.0 + self.rng.below(20) as f64
        };
        self.ws.service_mut(&s).wait = Some(Wait::days(wait));
        self.done(
            "G0208 a wait past the statutory clock on a client's route",
            near,
            vec![Expect::new(Code::StatutoryClock, &[&s])],
        )
    }

    /// Whether `p`'s route for one of its needs stops at `s`, or `s` is its entry.
    fn routes_to(&self, p: &Profile, s: &Service) -> bool {
        p.entry == s.id
            || p.needs
                .iter()
                .any(|n| self.ws.route_target(p, n) == Some(&s.id))
    }

    fn clock_on_flow(&mut self, near: bool) -> Option<Planted> {
        let r = self.region();
        let entries: Vec<String> = self
            .ws
            .entries(r)
            .into_iter()
            .filter(|e| {
                self.ws
                    .profiles
                    .iter()
                    .any(|p| p.entry == *e && p.age <= 22)
            })
            .collect();
        if entries.is_empty() {
            return None;
        }
        let e = pick(self.rng, &entries);
        let n = self.fresh_need("terapian-tarve");
        let mut s = self.new_service(r, "lyhytterapia");
        s.sector = "mental_health";
        s.level = Some("basic");
        s.needs = vec![n];
        s.wait = Some(Wait::days((29 + self.rng.below(30)) as f64));
        let s = self.add(s);
        // Clients are sent there (near miss: nobody is), though no profile's route ends there.
        self.refer(&e, &s, if near { 0.0 } else { 0.02 });
        self.done(
            "G0208 clients sent by the flow past the therapy guarantee",
            near,
            vec![Expect::new(Code::StatutoryClock, &[&s])],
        )
    }

    // --- B0301, B0302 ----------------------------------------------------------------------

    fn boundary(&mut self, near: bool, protocol: bool) -> Option<Planted> {
        let code = if protocol {
            Code::BoundaryWithoutProtocol
        } else {
            Code::BoundaryWithoutConsent
        };
        let candidates = if near {
            // Within one organisation, or a consultation (the client stays): not a boundary
            // problem.
            self.handoffs(|h| !self.ws.crosses(h) || h.kind == Kind::Consultation)
        } else {
            self.handoffs(|h| self.ws.crosses(h) && h.kind.moves())
        };
        if candidates.is_empty() {
            return None;
        }
        let i = pick(self.rng, &candidates);
        let id = self.touch_handoff(i);
        let h = &mut self.ws.handoffs[i];
        if protocol {
            h.protocol = Some("none");
        } else {
            h.consent = Some(false);
        }
        self.done(
            if protocol {
                "B0301 a referral between organisations with no agreed protocol"
            } else {
                "B0302 a referral between organisations without consent"
            },
            near,
            vec![Expect::new(code, &[&id])],
        )
    }

    // --- B0303, B0304 ----------------------------------------------------------------------

    fn utilisation(&mut self, near: bool, over: bool) -> Option<Planted> {
        let r = self.region();
        let loads = self.ws.loads();
        let candidates: Vec<String> = self
            .ws
            .in_region(r)
            .filter(|s| !self.touched.contains(&s.id) && loads[&s.id] > 0.0)
            .map(|s| s.id.clone())
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let s = pick(self.rng, &candidates);
        self.touched.insert(s.clone());
        let u = match (near, over) {
            (true, _) => uniform(self.rng, 0.78, 0.84),
            (false, false) => uniform(self.rng, 0.87, 0.98),
            (false, true) => uniform(self.rng, 1.1, 4.0),
        };
        self.ws.service_mut(&s).capacity = Capacity::Utilisation(u);
        let code = if over {
            Code::Overloaded
        } else {
            Code::HighUtilisation
        };
        let mut planted = self.done(
            if over {
                "B0304 a service over capacity"
            } else {
                "B0303 a service near capacity"
            },
            near,
            vec![Expect::new(code, &[&s])],
        )?;
        if over && !near {
            // Its queue grows without end: any clock that stops there is broken too.
            planted
                .tolerate
                .push(Expect::new(Code::StatutoryClock, &[&s]));
        }
        Some(planted)
    }

    // --- B0305 -----------------------------------------------------------------------------

    fn single_point(&mut self, near: bool) -> Option<Planted> {
        let r = self.region();
        if !self.spof_regions.insert(r) {
            return None;
        }
        // A new way in that most of the region's clients take, to one service.
        let mut entry = self.new_service(r, "etsiva-tyo");
        entry.sector = "youth_work";
        entry.entry = vec!["outreach"];
        entry.exit = false;
        let entry = self.add(entry);
        let n = self.fresh_need("nuoren-tuki");
        let mut m = self.new_service(r, "nuorten-tuki");
        m.sector = "youth_work";
        m.needs = vec![n.clone()];
        let m = self.add(m);
        self.ws.handoffs.push(Handoff::referral(&entry, &m, 0.9));
        let language = self.language(r);
        let age = 13 + self.rng.below(10) as u8;
        let p = self.profile(r, &entry, age, language, vec![n]);
        // Share of the region's clients through the service: 0.9 × f / (1 + f).
        self.heavy.push((p, if near { 0.4 } else { 3.0 }));
        self.done(
            "B0305 most of a pathway's clients pass one service",
            near,
            vec![Expect::new(Code::SinglePointOfFailure, &[&m])],
        )
    }

    // --- X0402 -----------------------------------------------------------------------------

    fn isolated_actor(&mut self, near: bool) -> Option<Planted> {
        let r = self.region();
        let t = if near { Some(self.target(r)?) } else { None };
        let slug = self.ws.regions[r].slug;
        let z = self.ws.fresh_id(&format!("yhdistys-{slug}"));
        self.ws.actors.push(Actor {
            id: z.clone(),
            name: "Yhdistys".into(),
            kind: "ngo",
            region: r,
        });
        let mut q = self.new_service(r, "vertaistuki");
        q.sector = "ngo_support";
        q.actor = Some(z.clone());
        q.entry = vec!["self_referral"];
        let q = self.add(q);
        if let Some(t) = t {
            self.ws.handoffs.push(Handoff::consultation(&q, &t));
        }
        self.done(
            "X0402 an organisation no other hands clients to or from",
            near,
            vec![Expect::new(Code::IsolatedActor, &[&z])],
        )
    }

    // --- X0403 -----------------------------------------------------------------------------

    fn incomplete(&mut self, near: bool) -> Option<Planted> {
        let r = self.region();
        let candidates: Vec<String> = self
            .ws
            .in_region(r)
            .filter(|s| !self.touched.contains(&s.id))
            .map(|s| s.id.clone())
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let s = pick(self.rng, &candidates);
        self.touched.insert(s.clone());
        let service = self.ws.service_mut(&s);
        let what = if near {
            // No wait is a wait: zero days is stated.
            service.wait = Some(Wait::days(0.0));
            "X0403 a wait of zero days"
        } else if self.rng.chance(0.5) {
            service.wait = None;
            "X0403 a service without a wait"
        } else {
            service.capacity = Capacity::Missing;
            "X0403 a service without a capacity"
        };
        self.done(what, near, vec![Expect::new(Code::IncompleteModel, &[&s])])
    }

    // --- X0404 -----------------------------------------------------------------------------

    fn unstated(&mut self, near: bool) -> Option<Planted> {
        let candidates = if near {
            self.handoffs(|h| !self.ws.crosses(h) && h.kind.moves())
        } else {
            self.handoffs(|h| self.ws.crosses(h) && h.kind.moves())
        };
        if candidates.is_empty() {
            return None;
        }
        let i = pick(self.rng, &candidates);
        let id = self.touch_handoff(i);
        let h = &mut self.ws.handoffs[i];
        match self.rng.below(3) {
            0 => h.protocol = None,
            1 => h.consent = None,
            _ => {
                h.protocol = None;
                h.consent = None;
            }
        }
        self.done(
            "X0404 a referral between organisations that does not say its protocol or consent",
            near,
            vec![Expect::new(Code::UnstatedHandoffs, &[&id])],
        )
    }

    // --- X0401 -----------------------------------------------------------------------------

    /// The targets whose consultations link the sectors of profile routes: pairs of healthy
    /// targets of different sectors with a consultation between them, and whether some profile's
    /// routes reach both.
    fn consulted_pairs(&self) -> Vec<(usize, bool)> {
        let mut pairs = Vec::new();
        for (i, h) in self.ws.handoffs.iter().enumerate() {
            if h.kind != Kind::Consultation || self.touched.contains(&h.id()) {
                continue;
            }
            let (a, b) = (self.ws.service(&h.from), self.ws.service(&h.to));
            if a.needs.is_empty() || b.needs.is_empty() || a.sector == b.sector {
                continue;
            }
            let both = self.ws.profiles.iter().any(|p| {
                let entry = self.ws.service(&p.entry).sector;
                self.routes_to(p, a)
                    && self.routes_to(p, b)
                    && a.sector != entry
                    && b.sector != entry
            });
            let anyone = self
                .ws
                .profiles
                .iter()
                .any(|p| self.routes_to(p, a) && self.routes_to(p, b));
            if both || !anyone {
                pairs.push((i, both));
            }
        }
        pairs
    }

    fn missing_collaboration(&mut self, near: bool) -> Option<Planted> {
        let pairs: Vec<usize> = self
            .consulted_pairs()
            .into_iter()
            .filter(|&(i, both)| {
                let h = &self.ws.handoffs[i];
                let key = sector_pair(
                    self.ws.service(&h.from).sector,
                    self.ws.service(&h.to).sector,
                );
                both != near && !self.sector_pairs.contains(&key)
            })
            .map(|(i, _)| i)
            .collect();
        if pairs.is_empty() {
            return None;
        }
        let i = pick(self.rng, &pairs);
        let h = self.ws.handoffs.remove(i);
        let (a, b) = (
            self.ws.service(&h.from).sector,
            self.ws.service(&h.to).sector,
        );
        if !near {
            self.sector_pairs.insert(sector_pair(a, b));
        }
        self.touched.insert(h.from.clone());
        self.touched.insert(h.to.clone());
        self.done(
            "X0401 two sectors on one client's routes with no handoff between them",
            near,
            vec![Expect::new(Code::MissingCollaboration, &[&h.from, &h.to])],
        )
    }

    /// Sets the arrivals of the heavy profiles: a multiple of the rest of their region's.
    pub fn finish(&mut self) {
        for (p, factor) in std::mem::take(&mut self.heavy) {
            let r = self.ws.profiles.iter().find(|x| x.id == p).unwrap().region;
            let rest: f64 = self
                .ws
                .profiles
                .iter()
                .filter(|x| x.region == r && x.id != p)
                .map(|x| x.arrivals)
                .sum();
            self.ws
                .profiles
                .iter_mut()
                .find(|x| x.id == p)
                .unwrap()
                .arrivals = (rest * factor).ceil();
        }
    }
}

fn sector_pair(a: &'static str, b: &'static str) -> (&'static str, &'static str) {
    if a < b { (a, b) } else { (b, a) }
}
