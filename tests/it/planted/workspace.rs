//! The planted-problem generator's workspace: a plain description of actors, needs, services,
//! handoffs and profiles that the plants change, the flow arithmetic that sizes capacities, and
//! the TOML it is written as. Nothing here knows polku's findings; it knows only what it built.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::generate::Rng;

/// The calendar-day length of a working or school day, as the format defines it (7 per 5).
pub const DAY_UNIT: f64 = 7.0 / 5.0;

/// A unit of a wait, as written in a file.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Unit {
    Calendar,
    Working,
    School,
}

/// A wait in its unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Wait {
    pub amount: f64,
    pub unit: Unit,
}

impl Wait {
    pub fn days(amount: f64) -> Self {
        Wait {
            amount,
            unit: Unit::Calendar,
        }
    }

    /// Calendar days.
    pub fn calendar(self) -> f64 {
        match self.unit {
            Unit::Calendar => self.amount,
            Unit::Working | Unit::School => self.amount * DAY_UNIT,
        }
    }

    fn key(self, prefix: &str) -> String {
        let unit = match self.unit {
            Unit::Calendar => "days",
            Unit::Working => "working_days",
            Unit::School => "school_days",
        };
        format!("{prefix}_{unit} = {}", number(self.amount))
    }
}

/// How a service's capacity is written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Capacity {
    /// Comfortably above the load: the load divided by this utilisation (0.3–0.75).
    Comfortable(f64),
    /// Exactly the load divided by this utilisation (a plant).
    Utilisation(f64),
    /// Not written (a plant: the model is incomplete).
    Missing,
}

#[derive(Clone, Debug)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub region: usize,
}

#[derive(Clone, Debug)]
pub struct Need {
    pub id: String,
    pub name: String,
    pub legal_age_max: Option<u8>,
    pub continues_as: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub region: usize,
    pub actor: Option<String>,
    pub sector: &'static str,
    pub level: Option<&'static str>,
    pub entry: Vec<&'static str>,
    pub exit: bool,
    pub wait: Option<Wait>,
    pub capacity: Capacity,
    pub age_min: Option<u8>,
    pub age_max: Option<u8>,
    pub languages: Vec<&'static str>,
    pub needs: Vec<String>,
    pub excludes: Vec<String>,
    /// Written in its region's second file (see [`Region::split`]).
    pub second_file: bool,
}

impl Service {
    /// Whether a client of this age and these needs may be taken.
    pub fn takes(&self, age: u8, needs: &[String]) -> bool {
        self.age_min.is_none_or(|a| age >= a)
            && self.age_max.is_none_or(|a| age <= a)
            && !self.excludes.iter().any(|n| needs.contains(n))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Referral,
    Return,
    Consultation,
}

impl Kind {
    /// Whether the client moves (the client graph's edges).
    pub fn moves(self) -> bool {
        matches!(self, Kind::Referral | Kind::Return)
    }
}

#[derive(Clone, Debug)]
pub struct Handoff {
    pub from: String,
    pub to: String,
    pub kind: Kind,
    pub share: Option<f64>,
    pub wait: Option<Wait>,
    pub protocol: Option<&'static str>,
    pub consent: Option<bool>,
}

impl Handoff {
    /// A referral with its share, agreed protocol and consent, no wait.
    pub fn referral(from: &str, to: &str, share: f64) -> Self {
        Handoff {
            from: from.to_owned(),
            to: to.to_owned(),
            kind: Kind::Referral,
            share: Some(share),
            wait: None,
            protocol: Some("written_referral"),
            consent: Some(true),
        }
    }

    /// A consultation: the client stays, so it needs neither protocol nor consent.
    pub fn consultation(from: &str, to: &str) -> Self {
        Handoff {
            from: from.to_owned(),
            to: to.to_owned(),
            kind: Kind::Consultation,
            share: None,
            wait: None,
            protocol: None,
            consent: None,
        }
    }

    /// The id polku gives it in findings.
    pub fn id(&self) -> String {
        format!("{}->{}", self.from, self.to)
    }
}

#[derive(Clone, Debug)]
pub struct Profile {
    pub id: String,
    pub region: usize,
    pub age: u8,
    pub language: &'static str,
    pub needs: Vec<String>,
    pub entry: String,
    pub arrivals: f64,
}

#[derive(Clone, Debug)]
pub struct Region {
    pub slug: &'static str,
    pub name: &'static str,
    pub languages: Vec<&'static str>,
    /// The region's services are written in two pathway files (its doors in one, the services
    /// they refer to in the other) and its profiles in the shared `profiles.toml`.
    pub split: bool,
}

/// A whole workspace as the generator knows it.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    pub regions: Vec<Region>,
    pub actors: Vec<Actor>,
    pub needs: Vec<Need>,
    pub services: Vec<Service>,
    pub handoffs: Vec<Handoff>,
    pub profiles: Vec<Profile>,
    /// Counter for fresh ids, so that every plant names new things uniquely.
    pub fresh: usize,
}

impl Workspace {
    pub fn service(&self, id: &str) -> &Service {
        self.services.iter().find(|s| s.id == id).unwrap()
    }

    pub fn service_mut(&mut self, id: &str) -> &mut Service {
        self.services.iter_mut().find(|s| s.id == id).unwrap()
    }

    /// A new id with this stem, never used before in this workspace.
    pub fn fresh_id(&mut self, stem: &str) -> String {
        self.fresh += 1;
        format!("{stem}-{}", self.fresh)
    }

    /// Whether a handoff from `a` to `b` crosses organisations (both ends owned, by different actors).
    pub fn crosses(&self, h: &Handoff) -> bool {
        match (&self.service(&h.from).actor, &self.service(&h.to).actor) {
            (Some(a), Some(b)) => a != b,
            _ => false,
        }
    }

    /// The services of region `r` with this property.
    pub fn in_region(&self, r: usize) -> impl Iterator<Item = &Service> {
        self.services.iter().filter(move |s| s.region == r)
    }

    /// The service where `p`'s route for need `n` ends, as the workspace is built: routes are
    /// one referral long (every longer way waits longer or passes a service that does not take
    /// the client), to the service that takes the client, in their language if one does, with
    /// the least wait (a service over capacity has no finite wait); `None` when there is none.
    pub fn route_target(&self, p: &Profile, n: &str) -> Option<&String> {
        let offers = |s: &Service| s.languages.is_empty() || s.languages.contains(&p.language);
        let candidates: Vec<(&Service, f64)> = self
            .handoffs
            .iter()
            .filter(|h| h.from == p.entry && h.kind.moves())
            .map(|h| (self.service(&h.to), h.wait.map_or(0.0, Wait::calendar)))
            .filter(|(s, _)| s.needs.iter().any(|x| x == n) && s.takes(p.age, &p.needs))
            .map(|(s, into)| {
                let over = matches!(s.capacity, Capacity::Utilisation(u) if u >= 1.0);
                let wait = if over {
                    f64::INFINITY
                } else {
                    into + s.wait.map_or(0.0, Wait::calendar)
                };
                (s, wait)
            })
            .collect();
        let in_language = candidates.iter().any(|(s, _)| offers(s));
        candidates
            .into_iter()
            .filter(|(s, _)| !in_language || offers(s))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(s, _)| &s.id)
    }

    /// The entry services of region `r`.
    pub fn entries(&self, r: usize) -> Vec<String> {
        self.in_region(r)
            .filter(|s| !s.entry.is_empty())
            .map(|s| s.id.clone())
            .collect()
    }

    /// Monthly load of every service: arrivals at entries carried along the shares of the
    /// client-moving handoffs (λ = a + Pᵀλ, by fixed-point iteration; the generator makes no
    /// loop that keeps a whole client inside).
    pub fn loads(&self) -> BTreeMap<String, f64> {
        let mut arrivals: BTreeMap<String, f64> =
            self.services.iter().map(|s| (s.id.clone(), 0.0)).collect();
        for p in &self.profiles {
            *arrivals.get_mut(&p.entry).unwrap() += p.arrivals;
        }
        let mut load = arrivals.clone();
        for _ in 0..200 {
            let mut next = arrivals.clone();
            for h in self.handoffs.iter().filter(|h| h.kind.moves()) {
                let carried = load[&h.from] * h.share.unwrap_or(0.0);
                *next.get_mut(&h.to).unwrap() += carried;
            }
            load = next;
        }
        load
    }

    /// The files of the workspace: shared actors and needs, and one pathway file per region.
    pub fn files(&self) -> Vec<(String, String)> {
        let loads = self.loads();
        let mut files = vec![
            ("actors.toml".to_owned(), self.actors_toml()),
            ("needs.toml".to_owned(), self.needs_toml()),
        ];
        for (r, region) in self.regions.iter().enumerate() {
            files.push((
                format!("{}.toml", region.slug),
                self.pathway_toml(r, false, &loads),
            ));
            if region.split {
                files.push((
                    format!("{}-palvelut.toml", region.slug),
                    self.pathway_toml(r, true, &loads),
                ));
            }
        }
        let shared: Vec<&Profile> = self
            .profiles
            .iter()
            .filter(|p| self.regions[p.region].split)
            .collect();
        if !shared.is_empty() {
            let mut out = String::from(
                "# Asiakasprofiilit – shared: each belongs to its entry's pathways.\n",
            );
            for p in shared {
                profile_toml(&mut out, p);
            }
            files.push(("profiles.toml".to_owned(), out));
        }
        files
    }

    fn actors_toml(&self) -> String {
        let mut out = String::from("# Toimijat – generated by the planted-problem generator.\n");
        for a in &self.actors {
            let _ = write!(
                out,
                "\n[[actor]]\nid = \"{}\"\nname = \"{}\"\nkind = \"{}\"\nregion = \"{}\"\n",
                a.id, a.name, a.kind, self.regions[a.region].name
            );
        }
        out
    }

    fn needs_toml(&self) -> String {
        let mut out = String::from("# Tarpeet – generated by the planted-problem generator.\n");
        for n in &self.needs {
            let _ = write!(
                out,
                "\n[[need]]\nid = \"{}\"\nname = \"{}\"\n",
                n.id, n.name
            );
            if let Some(age) = n.legal_age_max {
                let _ = writeln!(out, "legal_age_max = {age}");
            }
            if let Some(next) = &n.continues_as {
                let _ = writeln!(out, "continues_as = \"{next}\"");
            }
        }
        out
    }

    /// One pathway file of region `r`: its first, or (for a split region) its second.
    fn pathway_toml(&self, r: usize, second: bool, loads: &BTreeMap<String, f64>) -> String {
        let region = &self.regions[r];
        let mut out = if second {
            format!(
                "[pathway]\nid = \"{}-palvelut\"\ntitle = \"{}: palvelut\"\n",
                region.slug, region.name
            )
        } else {
            format!(
                "[pathway]\nid = \"{}\"\ntitle = \"{}: lasten ja nuorten palvelupolku\"\n",
                region.slug, region.name
            )
        };
        for s in self.in_region(r).filter(|s| s.second_file == second) {
            let _ = write!(
                out,
                "\n[[service]]\nid = \"{}\"\nname = \"{}\"\nsector = \"{}\"\n",
                s.id, s.name, s.sector
            );
            if let Some(actor) = &s.actor {
                let _ = writeln!(out, "actor = \"{actor}\"");
            }
            if let Some(level) = s.level {
                let _ = writeln!(out, "level = \"{level}\"");
            }
            if !s.entry.is_empty() {
                let _ = writeln!(out, "entry = [{}]", quoted(&s.entry));
            }
            if s.exit {
                out.push_str("exit = true\n");
            }
            if let Some(wait) = s.wait {
                let _ = writeln!(out, "{}", wait.key("wait"));
            }
            let eligibility = [
                s.age_min.map(|a| format!("age_min = {a}")),
                s.age_max.map(|a| format!("age_max = {a}")),
                (!s.languages.is_empty())
                    .then(|| format!("languages = [{}]", quoted(&s.languages))),
                (!s.needs.is_empty()).then(|| format!("needs = [{}]", quoted(&s.needs))),
                (!s.excludes.is_empty()).then(|| format!("excludes = [{}]", quoted(&s.excludes))),
            ];
            if eligibility.iter().any(Option::is_some) {
                out.push_str("\n[service.eligibility]\n");
                for line in eligibility.into_iter().flatten() {
                    let _ = writeln!(out, "{line}");
                }
            }
            let load = loads[&s.id];
            let capacity = match s.capacity {
                Capacity::Missing => None,
                Capacity::Comfortable(u) if load == 0.0 => Some(5.0 / u),
                Capacity::Comfortable(u) => Some((load / u).ceil()),
                Capacity::Utilisation(u) => Some(load / u),
            };
            if let Some(c) = capacity {
                let _ = write!(
                    out,
                    "\n[service.capacity]\nclients_per_month = {}\n",
                    number(c)
                );
            }
        }
        let ours = |id: &str| {
            let s = self.service(id);
            s.region == r && s.second_file == second
        };
        for h in self.handoffs.iter().filter(|h| ours(&h.from)) {
            let _ = write!(
                out,
                "\n[[handoff]]\nfrom = \"{}\"\nto = \"{}\"\n",
                h.from, h.to
            );
            match h.kind {
                Kind::Referral => {}
                Kind::Return => out.push_str("kind = \"return\"\n"),
                Kind::Consultation => out.push_str("kind = \"consultation\"\n"),
            }
            if let Some(share) = h.share {
                let _ = writeln!(out, "share = {}", number(share));
            }
            if let Some(wait) = h.wait {
                let _ = writeln!(out, "{}", wait.key("wait"));
            }
            if let Some(protocol) = h.protocol {
                let _ = writeln!(out, "protocol = \"{protocol}\"");
            }
            if let Some(consent) = h.consent {
                let _ = writeln!(out, "consent = {consent}");
            }
        }
        if !region.split {
            for p in self.profiles.iter().filter(|p| p.region == r) {
                profile_toml(&mut out, p);
            }
        }
        out
    }
}

fn profile_toml(out: &mut String, p: &Profile) {
    let names: Vec<&str> = p.needs.iter().map(String::as_str).collect();
    let _ = write!(
        out,
        "\n[[profile]]\nid = \"{}\"\nname = \"{}-vuotias\"\nage = {}\nlanguage = \"{}\"\n\
         needs = [{}]\nentry = \"{}\"\narrivals_per_month = {}\n",
        p.id,
        p.age,
        p.age,
        p.language,
        quoted(&names),
        p.entry,
        number(p.arrivals)
    );
}

/// A number as TOML writes it: whole numbers without a fraction, others with up to six decimals
/// (enough that a utilisation written from it is the planted one to 1e-6).
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        let text = format!("{x:.6}");
        text.trim_end_matches('0').to_owned()
    }
}

fn quoted<S: AsRef<str>>(words: &[S]) -> String {
    words
        .iter()
        .map(|w| format!("\"{}\"", w.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A float in `lo..hi`.
pub fn uniform(rng: &mut Rng, lo: f64, hi: f64) -> f64 {
    lo + (hi - lo) * ((rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64)
}

/// One of `items` (a copy).
pub fn pick<T: Clone>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.below(items.len())].clone()
}
