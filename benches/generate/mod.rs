//! A deterministic generator of large, valid polku workspaces, for benchmarks.
//!
//! [`Spec::national`] is the national-scale target: 22 regions (the 21 wellbeing services counties
//! and Helsinki), each with a wellbeing county, a few municipalities, a hospital and an NGO; a
//! shared `actors.toml` and `needs.toml`; 22 pathway files per region with 27 services and 124
//! handoffs each (≈13,000 services, ≈60,000 handoffs) and 200 client profiles spread over the
//! files. Handoffs may point at services of other files of the same region, as real regional
//! pathways do.
//!
//! Every file is valid: shares leaving a service add up to at most 1, there are no self-handoffs
//! and no duplicate (from, to, kind), profiles fit the age, language and needs of their entry
//! service. The same [`Spec`] and seed always write byte-identical files.
//!
//! Include it from any bench with
//!
//! ```ignore
//! #[path = "generate/mod.rs"]
//! mod generate;
//! ```

#![allow(dead_code)]

pub mod single;

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// How big a workspace to write.
#[derive(Clone, Debug)]
pub struct Spec {
    /// Number of regions, at most 22.
    pub regions: usize,
    /// Municipality actors per region.
    pub municipalities: usize,
    /// Pathway files per region, at most 22.
    pub pathways_per_region: usize,
    /// Services per pathway file, at most 30.
    pub services_per_file: usize,
    /// Handoffs per pathway file.
    pub handoffs_per_file: usize,
    /// Client profiles in the whole workspace, spread evenly over the pathway files.
    pub profiles: usize,
    /// Fraction of handoffs that point at a service of another file of the same region.
    pub cross_file: f64,
    /// Seed of the generator.
    pub seed: u64,
}

impl Spec {
    /// The national-scale workspace: 22 regions, 486 files, 13,068 services, 60,016 handoffs,
    /// 200 profiles.
    pub fn national() -> Self {
        Spec {
            regions: 22,
            municipalities: 4,
            pathways_per_region: 22,
            services_per_file: 27,
            handoffs_per_file: 124,
            profiles: 200,
            cross_file: 0.15,
            seed: 0x9011_c0de,
        }
    }

    /// A small workspace of the same shape, for smoke runs (`cargo test --benches`).
    pub fn smoke() -> Self {
        Spec {
            regions: 2,
            municipalities: 2,
            pathways_per_region: 3,
            services_per_file: 12,
            handoffs_per_file: 40,
            profiles: 4,
            cross_file: 0.15,
            seed: 0x9011_c0de,
        }
    }

    /// Pathway files in the whole workspace.
    pub fn pathway_files(&self) -> usize {
        self.regions * self.pathways_per_region
    }
}

/// What was written.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Files written (pathway files and the shared ones).
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Actors.
    pub actors: usize,
    /// Needs.
    pub needs: usize,
    /// Services.
    pub services: usize,
    /// Handoffs.
    pub handoffs: usize,
    /// Profiles.
    pub profiles: usize,
    /// Handoffs whose `to` is a service of another file.
    pub cross_file_handoffs: usize,
}

/// Writes the workspace of `spec` into `dir` (created if missing; existing files are overwritten).
pub fn generate(dir: &Path, spec: &Spec) -> io::Result<Summary> {
    assert!(spec.regions >= 1 && spec.regions <= REGIONS.len());
    assert!(spec.pathways_per_region >= 1 && spec.pathways_per_region <= THEMES.len());
    assert!(spec.services_per_file >= 2 && spec.services_per_file <= SERVICES.len());
    assert!(spec.municipalities >= 1);
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng::new(spec.seed);
    let mut summary = Summary::default();
    let write = |path: PathBuf, text: String, summary: &mut Summary| -> io::Result<()> {
        summary.files += 1;
        summary.bytes += text.len() as u64;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)
    };

    write(
        dir.join("needs.toml"),
        needs_file(&mut summary),
        &mut summary,
    )?;
    write(
        dir.join("actors.toml"),
        actors_file(spec, &mut summary),
        &mut summary,
    )?;

    // Plan every service first so that handoffs can point at services of other files.
    let plans: Vec<Vec<Vec<Planned>>> = (0..spec.regions)
        .map(|r| {
            (0..spec.pathways_per_region)
                .map(|p| plan_file(&mut rng, spec, r, p))
                .collect()
        })
        .collect();

    let files = spec.pathway_files();
    let mut global = 0usize;
    let mut next_profile = 0usize;
    for (r, region) in REGIONS.iter().enumerate().take(spec.regions) {
        for (p, theme) in THEMES.iter().enumerate().take(spec.pathways_per_region) {
            // Profiles k with k * files / profiles == global live in this file.
            let mut profiles = Vec::new();
            while next_profile < spec.profiles && next_profile * files / spec.profiles == global {
                profiles.push(next_profile);
                next_profile += 1;
            }
            let text = pathway_file(&mut rng, spec, &plans, r, p, &profiles, &mut summary);
            let path = dir
                .join(region.slug)
                .join(format!("{:02}-{}.toml", p + 1, theme.slug));
            write(path, text, &mut summary)?;
            global += 1;
        }
    }
    Ok(summary)
}

/// Loads `dir` and panics, listing the first problems, unless it has no error and no warning.
pub fn load_clean(dir: &Path) -> polku::workspace::Loaded {
    use polku::diagnostic::Severity;
    let loaded = polku::workspace::load_dir(dir).expect("the generated folder can be listed");
    let (errors, warnings) = (
        loaded.count(Severity::Error),
        loaded.count(Severity::Warning),
    );
    if errors + warnings > 0 {
        let mut shown = String::new();
        for d in loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
            .take(10)
        {
            let at = d.origin.as_ref().map_or(String::from("workspace"), |o| {
                let file = loaded.sources.get(o.file);
                let (line, col) = file.line_col(o.span.start);
                format!("{}:{line}:{col}", file.path.display())
            });
            let _ = writeln!(
                shown,
                "  {} {}: {at}: {}",
                d.severity.as_str(),
                d.code,
                d.message
            );
        }
        panic!(
            "the generated workspace has {errors} errors and {warnings} warnings; first ones:\n{shown}"
        );
    }
    loaded
}

/// Number of the loaded sources that are files below `dir` (the loader may add built-in ones).
pub fn files_below(loaded: &polku::workspace::Loaded, dir: &Path) -> usize {
    loaded
        .sources
        .iter()
        .filter(|(_, source)| source.path.starts_with(dir))
        .count()
}

/// A service decided before any file is written.
struct Planned {
    id: String,
    template: usize,
}

fn plan_file(rng: &mut Rng, spec: &Spec, r: usize, p: usize) -> Vec<Planned> {
    let mut templates: Vec<usize> = (0..SERVICES.len()).collect();
    rng.shuffle(&mut templates);
    templates.truncate(spec.services_per_file);
    templates.sort_unstable();
    templates
        .into_iter()
        .map(|t| Planned {
            id: format!("{}-{:02}-{}", REGIONS[r].slug, p + 1, SERVICES[t].slug),
            template: t,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Shared files.

fn needs_file(summary: &mut Summary) -> String {
    let mut s =
        String::from("# Needs (tarpeet) shared by every pathway of the national workspace.\n");
    for n in NEEDS {
        let _ = write!(
            s,
            "\n[[need]]\nid = \"{}\"\nname = {{ fi = \"{}\", sv = \"{}\", en = \"{}\" }}\ndescription = \"{}\"\n",
            n.id, n.fi, n.sv, n.en, n.description
        );
        summary.needs += 1;
    }
    s
}

fn actors_file(spec: &Spec, summary: &mut Summary) -> String {
    let mut s = String::from("# Organisations (toimijat) of every region.\n");
    for region in &REGIONS[..spec.regions] {
        let mut actor = |id: String, fi: String, sv: String, en: String, kind: &str| {
            let _ = write!(
                s,
                "\n[[actor]]\nid = \"{id}\"\nname = {{ fi = \"{fi}\", sv = \"{sv}\", en = \"{en}\" }}\nkind = \"{kind}\"\nregion = \"{}\"\n",
                region.fi
            );
            summary.actors += 1;
        };
        actor(
            county_id(region),
            format!("{} hyvinvointialue", region.fi),
            format!("Välfärdsområdet {}", region.sv),
            format!("{} wellbeing services county", region.en),
            "wellbeing_county",
        );
        for m in 0..spec.municipalities {
            let town = region.towns[m % region.towns.len()];
            let suffix = if m < region.towns.len() {
                String::new()
            } else {
                format!(" {}", m / region.towns.len() + 1)
            };
            actor(
                municipality_id(region, m),
                format!("{town}{suffix}"),
                format!("{town}{suffix}"),
                format!("Municipality of {town}{suffix}"),
                "municipality",
            );
        }
        actor(
            format!("{}-sairaala", region.slug),
            format!("{} keskussairaala", region.fi),
            format!("Centralsjukhuset i {}", region.sv),
            format!("{} central hospital", region.en),
            "hospital",
        );
        actor(
            format!("{}-jarjesto", region.slug),
            format!("{} nuorten tuki ry", region.fi),
            format!("Ungdomsstöd i {} rf", region.sv),
            format!("{} youth support association", region.en),
            "ngo",
        );
    }
    s
}

fn county_id(region: &Region) -> String {
    format!("{}-hyvinvointialue", region.slug)
}

fn municipality_id(region: &Region, m: usize) -> String {
    format!("{}-kunta-{}", region.slug, m + 1)
}

// ---------------------------------------------------------------------------------------------
// Pathway files.

/// A service's eligibility, remembered for profiles that enter at it.
struct Written {
    age_min: u32,
    age_max: u32,
    languages: Vec<&'static str>,
    needs: Vec<&'static str>,
    entry: bool,
}

fn pathway_file(
    rng: &mut Rng,
    spec: &Spec,
    plans: &[Vec<Vec<Planned>>],
    r: usize,
    p: usize,
    profiles: &[usize],
    summary: &mut Summary,
) -> String {
    let region = &REGIONS[r];
    let theme = &THEMES[p];
    let own = &plans[r][p];
    let mut s = String::with_capacity(48 * 1024);

    // [pathway]
    let _ = write!(
        s,
        "# {fi} – {region_fi}: a generated pathway of the national benchmark workspace.\n\n\
         [pathway]\n\
         id = \"{slug}-polku-{n:02}\"\n\
         title = {{ fi = \"{fi} ({region_fi})\", sv = \"{sv} ({region_sv})\", en = \"{en} ({region_en})\" }}\n\
         summary = \"{fi}: palvelut ja siirtymät alueella {region_fi}.\"\n\
         region = \"{region_fi}\"\n\
         purpose = \"Selkeyttää, mihin nuori ja perhe ohjataan ja kuka vastaa siirtymästä.\"\n\
         goals = [\n  \"Nuori saa avun ilman turhaa odotusta.\",\n  \"Siirtymät tehdään saattaen vaihtaen.\",\n]\n\
         target_groups = [\"{target}\"]\n\
         owner = \"{owner}\"\n\
         contact = \"polku.{slug}.{n}@example.fi\"\n\
         status = \"{status}\"\n\
         created = 2025-{cm:02}-{cd:02}\n\
         updated = 2026-{um:02}-{ud:02}\n\
         indicators = [\n  \"Odotusaika lähetteestä ensikäyntiin (vuorokautta)\",\n  \"Nuoren kokemus kuulluksi tulemisesta (asteikko 1–5)\",\n]\n",
        fi = theme.fi,
        sv = theme.sv,
        en = theme.en,
        region_fi = region.fi,
        region_sv = region.sv,
        region_en = region.en,
        slug = region.slug,
        n = p + 1,
        target = theme.target,
        owner = county_id(region),
        status = [
            "idea",
            "in_development",
            "pilot",
            "in_use",
            "in_use",
            "ended"
        ][rng.below(6)],
        cm = 1 + rng.below(12),
        cd = 1 + rng.below(28),
        um = 1 + rng.below(6),
        ud = 1 + rng.below(28),
    );
    // Include a couple of services of a neighbouring file, as pathways that share a hub do.
    if spec.pathways_per_region > 1 {
        let q = (p + 1) % spec.pathways_per_region;
        let other = &plans[r][q];
        let a = rng.below(other.len());
        let b = (a + 1 + rng.below(other.len() - 1)) % other.len();
        let _ = writeln!(s, "services = [\"{}\", \"{}\"]", other[a].id, other[b].id);
    }

    // [[service]]
    let bilingual = region.swedish;
    let mut written = Vec::with_capacity(own.len());
    for planned in own {
        let t = &SERVICES[planned.template];
        let actor = match t.provider {
            Provider::County => county_id(region),
            Provider::Municipality => {
                municipality_id(region, (p + rng.below(2)) % spec.municipalities)
            }
            Provider::Hospital => format!("{}-sairaala", region.slug),
            Provider::Ngo => format!("{}-jarjesto", region.slug),
        };
        let _ = write!(
            s,
            "\n[[service]]\nid = \"{}\"\nname = {{ fi = \"{}\", sv = \"{}\", en = \"{}\" }}\n",
            planned.id, t.fi, t.sv, t.en
        );
        if rng.chance(0.3) {
            let _ = writeln!(
                s,
                "description = \"{} – {} ({}).\"",
                t.fi, theme.fi, region.fi
            );
        }
        let _ = write!(
            s,
            "actor = \"{actor}\"\nsector = \"{}\"\nlevel = \"{}\"\n",
            t.sector, t.level
        );
        let entry = !t.entry.is_empty() && rng.chance(0.85);
        if entry {
            let _ = writeln!(s, "entry = [{}]", quoted(t.entry));
        }
        if rng.chance(0.15) || t.level == "demanding" {
            s.push_str("exit = true\n");
        }
        let wait = match t.level {
            "universal" => 1 + rng.below(10),
            "basic" => 3 + rng.below(30),
            "special" => 7 + rng.below(60),
            _ => 14 + rng.below(90),
        };
        let _ = writeln!(s, "wait_{} = {wait}", t.wait_unit);
        let _ = writeln!(s, "mean_service_days = {}", 5 + rng.below(360));
        s.push_str("illustrative = true\n");

        // Eligibility: a window inside the template's ages, its languages and needs.
        let span = t.age_max - t.age_min;
        let lo = t.age_min + rng.below(span as usize / 4 + 1) as u32;
        let hi = t.age_max - rng.below(span as usize / 4 + 1) as u32;
        let (age_min, age_max) = if lo <= hi {
            (lo, hi)
        } else {
            (t.age_min, t.age_max)
        };
        let mut languages = vec!["fi"];
        if rng.chance(if bilingual { 0.7 } else { 0.1 }) {
            languages.push("sv");
        }
        if region.sami && rng.chance(0.3) {
            languages.push("se");
        }
        let mut needs: Vec<&'static str> = t.needs.to_vec();
        rng.shuffle(&mut needs);
        needs.truncate(1 + rng.below(needs.len().min(3)));
        let _ = write!(
            s,
            "\n[service.eligibility]\nage_min = {age_min}\nage_max = {age_max}\nlanguages = [{}]\nneeds = [{}]\n",
            quoted(&languages),
            quoted(&needs)
        );
        if rng.chance(0.1) {
            let excluded = NEEDS[rng.below(NEEDS.len())].id;
            if !needs.contains(&excluded) {
                let _ = writeln!(s, "excludes = [\"{excluded}\"]");
            }
        }
        let staff = 1 + rng.below(12);
        if rng.chance(0.5) {
            let _ = write!(
                s,
                "\n[service.capacity]\nclients_per_month = {}\n",
                staff * (4 + rng.below(20))
            );
        } else {
            let _ = write!(
                s,
                "\n[service.capacity]\nstaff = {staff}\nclients_per_staff_per_month = {}\n",
                2 + rng.below(15)
            );
        }
        summary.services += 1;
        written.push(Written {
            age_min,
            age_max,
            languages,
            needs,
            entry,
        });
    }

    // [[handoff]]: every handoff leaves a service of this file, so share budgets and duplicates
    // are decided here.
    let n = own.len();
    let mut budget = vec![95u32; n]; // hundredths of the service's clients still unassigned
    let mut seen: HashSet<(usize, &str, &str)> = HashSet::new();
    let others: Vec<usize> = (0..spec.pathways_per_region).filter(|&q| q != p).collect();
    let mut written_handoffs = 0;
    let mut attempt = 0;
    while written_handoffs < spec.handoffs_per_file {
        attempt += 1;
        assert!(
            attempt < spec.handoffs_per_file * 100,
            "cannot place handoffs"
        );
        let from = written_handoffs % n;
        // Clients go to services for their age: the target's ages overlap the source's.
        let fits = |to: &Planned| to.id != own[from].id && ages_overlap(&own[from], to);
        let mut cross = !others.is_empty() && rng.chance(spec.cross_file);
        let mut candidates: Vec<&Planned> = Vec::new();
        if cross {
            let q = others[rng.below(others.len())];
            candidates.extend(plans[r][q].iter().filter(|t| fits(t)));
        }
        if candidates.is_empty() {
            cross = false;
            candidates.extend(own.iter().filter(|t| fits(t)));
        }
        if candidates.is_empty() {
            candidates.extend(own.iter().filter(|t| t.id != own[from].id));
        }
        let to: &str = &candidates[rng.below(candidates.len())].id;
        let kind = KINDS[rng.below(KINDS.len())];
        if !seen.insert((from, to, kind)) {
            continue;
        }
        let _ = write!(
            s,
            "\n[[handoff]]\nfrom = \"{}\"\nto = \"{to}\"\nkind = \"{kind}\"\n",
            own[from].id
        );
        if (kind == "referral" || kind == "return") && rng.chance(0.8) {
            let want = 3 + rng.below(30) as u32;
            let share = want.min(budget[from]);
            if share > 0 {
                budget[from] -= share;
                let _ = writeln!(s, "share = 0.{share:02}");
            }
        }
        if rng.chance(0.6) {
            let unit = if rng.chance(0.5) {
                "days"
            } else {
                "working_days"
            };
            let _ = writeln!(s, "wait_{unit} = {}", rng.below(45));
        }
        if rng.chance(0.8) {
            let _ = writeln!(
                s,
                "protocol = \"{}\"",
                PROTOCOLS[rng.below(PROTOCOLS.len())]
            );
        }
        if rng.chance(0.5) {
            let _ = writeln!(s, "consent = {}", rng.chance(0.8));
        }
        if rng.chance(0.1) {
            s.push_str("note = { fi = \"Sovittu yhteistyöpalaverissa.\", sv = \"Överenskommet i samarbetsmöte.\" }\n");
        }
        s.push_str("illustrative = true\n");
        written_handoffs += 1;
        summary.handoffs += 1;
        if cross {
            summary.cross_file_handoffs += 1;
        }
    }

    // [[profile]]: enter at a service of this file that takes clients directly.
    for &k in profiles {
        let entries: Vec<usize> = (0..n).filter(|&i| written[i].entry).collect();
        let i = if entries.is_empty() {
            rng.below(n)
        } else {
            entries[rng.below(entries.len())]
        };
        let w = &written[i];
        let age = w.age_min + rng.below((w.age_max - w.age_min + 1) as usize) as u32;
        let language = w.languages[rng.below(w.languages.len())];
        let need = w.needs[rng.below(w.needs.len())];
        let need_name = NEEDS.iter().find(|x| x.id == need).map_or(need, |x| x.fi);
        let _ = write!(
            s,
            "\n[[profile]]\nid = \"{}-{:02}-profiili-{}\"\nname = {{ fi = \"{age}-vuotias: {}\", en = \"{age}-year-old\" }}\nage = {age}\nlanguage = \"{language}\"\nneeds = [\"{need}\"]\nentry = \"{}\"\narrivals_per_month = {}\nillustrative = true\n",
            region.slug,
            p + 1,
            k + 1,
            need_name.to_lowercase(),
            own[i].id,
            1 + rng.below(20)
        );
        summary.profiles += 1;
    }
    s
}

fn ages_overlap(a: &Planned, b: &Planned) -> bool {
    let (a, b) = (&SERVICES[a.template], &SERVICES[b.template]);
    a.age_min <= b.age_max && b.age_min <= a.age_max
}

fn quoted(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------------------------
// Random numbers: SplitMix64, so the workspace is the same on every machine and needs no crate.

/// SplitMix64.
pub struct Rng(u64);

impl Rng {
    /// A generator with this seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 11) as u128 * n as u128) >> 53) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    /// Shuffles `items` (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary of the generated workspace.

struct Region {
    slug: &'static str,
    fi: &'static str,
    sv: &'static str,
    en: &'static str,
    towns: &'static [&'static str],
    swedish: bool,
    sami: bool,
}

const fn region(
    slug: &'static str,
    fi: &'static str,
    sv: &'static str,
    en: &'static str,
    towns: &'static [&'static str],
    swedish: bool,
    sami: bool,
) -> Region {
    Region {
        slug,
        fi,
        sv,
        en,
        towns,
        swedish,
        sami,
    }
}

/// The 21 wellbeing services counties and Helsinki.
#[rustfmt::skip]
const REGIONS: [Region; 22] = [
    region("helsinki", "Helsinki", "Helsingfors", "Helsinki", &["Helsinki"], true, false),
    region("ita-uusimaa", "Itä-Uusimaa", "Östra Nyland", "Eastern Uusimaa", &["Porvoo", "Loviisa", "Sipoo", "Pornainen"], true, false),
    region("keski-uusimaa", "Keski-Uusimaa", "Mellersta Nyland", "Central Uusimaa", &["Hyvinkää", "Järvenpää", "Tuusula", "Nurmijärvi"], false, false),
    region("lansi-uusimaa", "Länsi-Uusimaa", "Västra Nyland", "Western Uusimaa", &["Espoo", "Lohja", "Raasepori", "Kirkkonummi"], true, false),
    region("vantaa-kerava", "Vantaa ja Kerava", "Vanda och Kervo", "Vantaa and Kerava", &["Vantaa", "Kerava"], true, false),
    region("varsinais-suomi", "Varsinais-Suomi", "Egentliga Finland", "Southwest Finland", &["Turku", "Salo", "Kaarina", "Parainen"], true, false),
    region("satakunta", "Satakunta", "Satakunta", "Satakunta", &["Pori", "Rauma", "Ulvila", "Kankaanpää"], false, false),
    region("kanta-hame", "Kanta-Häme", "Egentliga Tavastland", "Tavastia Proper", &["Hämeenlinna", "Riihimäki", "Forssa", "Janakkala"], false, false),
    region("pirkanmaa", "Pirkanmaa", "Birkaland", "Pirkanmaa", &["Tampere", "Nokia", "Ylöjärvi", "Kangasala"], false, false),
    region("paijat-hame", "Päijät-Häme", "Päijänne-Tavastland", "Päijät-Häme", &["Lahti", "Heinola", "Hollola", "Orimattila"], false, false),
    region("kymenlaakso", "Kymenlaakso", "Kymmenedalen", "Kymenlaakso", &["Kotka", "Kouvola", "Hamina", "Pyhtää"], false, false),
    region("etela-karjala", "Etelä-Karjala", "Södra Karelen", "South Karelia", &["Lappeenranta", "Imatra", "Lemi", "Taipalsaari"], false, false),
    region("etela-savo", "Etelä-Savo", "Södra Savolax", "South Savo", &["Mikkeli", "Savonlinna", "Pieksämäki", "Juva"], false, false),
    region("pohjois-savo", "Pohjois-Savo", "Norra Savolax", "North Savo", &["Kuopio", "Iisalmi", "Varkaus", "Siilinjärvi"], false, false),
    region("pohjois-karjala", "Pohjois-Karjala", "Norra Karelen", "North Karelia", &["Joensuu", "Kitee", "Lieksa", "Nurmes"], false, false),
    region("keski-suomi", "Keski-Suomi", "Mellersta Finland", "Central Finland", &["Jyväskylä", "Äänekoski", "Jämsä", "Laukaa"], false, false),
    region("etela-pohjanmaa", "Etelä-Pohjanmaa", "Södra Österbotten", "South Ostrobothnia", &["Seinäjoki", "Lapua", "Kauhajoki", "Alavus"], false, false),
    region("pohjanmaa", "Pohjanmaa", "Österbotten", "Ostrobothnia", &["Vaasa", "Mustasaari", "Pietarsaari", "Kristiinankaupunki"], true, false),
    region("keski-pohjanmaa", "Keski-Pohjanmaa", "Mellersta Österbotten", "Central Ostrobothnia", &["Kokkola", "Kannus", "Kaustinen", "Veteli"], true, false),
    region("pohjois-pohjanmaa", "Pohjois-Pohjanmaa", "Norra Österbotten", "North Ostrobothnia", &["Oulu", "Raahe", "Ylivieska", "Kuusamo"], false, false),
    region("kainuu", "Kainuu", "Kajanaland", "Kainuu", &["Kajaani", "Sotkamo", "Kuhmo", "Suomussalmi"], false, false),
    region("lappi", "Lappi", "Lappland", "Lapland", &["Rovaniemi", "Kemi", "Tornio", "Inari"], false, true),
];

struct Theme {
    slug: &'static str,
    fi: &'static str,
    sv: &'static str,
    en: &'static str,
    target: &'static str,
}

const fn theme(
    slug: &'static str,
    fi: &'static str,
    sv: &'static str,
    en: &'static str,
    target: &'static str,
) -> Theme {
    Theme {
        slug,
        fi,
        sv,
        en,
        target,
    }
}

#[rustfmt::skip]
const THEMES: [Theme; 22] = [
    theme("ahdistus", "Ahdistuneen nuoren palvelupolku", "Servicestig för unga med ångest", "Pathway for anxious youth", "13–17-vuotiaat nuoret"),
    theme("masennus", "Masentuneen nuoren palvelupolku", "Servicestig för unga med depression", "Pathway for depressed youth", "13–17-vuotiaat nuoret"),
    theme("koulupoissaolot", "Koulupoissaolojen polku", "Stig vid skolfrånvaro", "School absence pathway", "7–16-vuotiaat oppilaat"),
    theme("paihteet", "Nuorten päihdepolku", "Missbruksstig för unga", "Youth substance-use pathway", "13–24-vuotiaat nuoret"),
    theme("perheen-kriisi", "Perheen kriisitilanteen polku", "Stig vid familjekris", "Family crisis pathway", "Lapsiperheet"),
    theme("lahisuhdevakivalta", "Lähisuhdeväkivallan polku", "Stig vid våld i nära relationer", "Domestic violence pathway", "Lapset ja perheet"),
    theme("neuropsykiatria", "Neuropsykiatrisen tuen polku", "Stig för neuropsykiatriskt stöd", "Neuropsychiatric support pathway", "7–17-vuotiaat ja perheet"),
    theme("syomishairio", "Syömishäiriöpolku", "Stig vid ätstörningar", "Eating disorder pathway", "10–17-vuotiaat nuoret"),
    theme("itsetuhoisuus", "Itsetuhoisen nuoren polku", "Stig för unga med självskadebeteende", "Self-harm pathway", "12–24-vuotiaat nuoret"),
    theme("oppimisen-tuki", "Oppimisen tuen polku", "Stig för stöd i lärandet", "Learning support pathway", "Perusopetuksen oppilaat"),
    theme("yksinaisyys", "Yksinäisen nuoren polku", "Stig för ensamma unga", "Loneliness pathway", "12–29-vuotiaat nuoret"),
    theme("rikokset", "Rikoksilla oireilevan nuoren polku", "Stig för unga som begår brott", "Youth offending pathway", "12–20-vuotiaat nuoret"),
    theme("lastensuojeluilmoitus", "Lastensuojeluilmoituksen polku", "Stig efter barnskyddsanmälan", "Child-welfare notification pathway", "0–17-vuotiaat lapset"),
    theme("sijaishuolto", "Sijaishuollon polku", "Stig inom vården utom hemmet", "Out-of-home care pathway", "Sijoitetut lapset"),
    theme("jalkihuolto", "Jälkihuollon polku", "Eftervårdsstig", "Aftercare pathway", "18–25-vuotiaat jälkihuollossa"),
    theme("vauvaperhe", "Vauvaperheen tuen polku", "Stig för stöd till babyfamiljer", "Support for families with babies", "Vauvaperheet"),
    theme("eroperhe", "Erolapsiperheen polku", "Stig för skilsmässofamiljer", "Separating families pathway", "Eroperheiden lapset"),
    theme("nivelvaihe", "Nivelvaiheen polku", "Stig vid övergången till andra stadiet", "Transition to upper secondary", "15–17-vuotiaat"),
    theme("nuori-aikuinen", "Nuoren aikuisen polku", "Stig för unga vuxna", "Young adult pathway", "18–29-vuotiaat"),
    theme("maahan-muuttanut-perhe", "Maahan muuttaneen perheen polku", "Stig för inflyttade familjer", "Immigrant family pathway", "Maahan muuttaneet perheet"),
    theme("kiusaaminen", "Kiusaamiseen puuttumisen polku", "Stig mot mobbning", "Bullying intervention pathway", "7–18-vuotiaat oppilaat"),
    theme("kriisiapu", "Kriisiavun polku", "Krishjälpsstig", "Crisis support pathway", "Lapset, nuoret ja perheet"),
];

struct NeedDef {
    id: &'static str,
    fi: &'static str,
    sv: &'static str,
    en: &'static str,
    description: &'static str,
}

const fn need(
    id: &'static str,
    fi: &'static str,
    sv: &'static str,
    en: &'static str,
    description: &'static str,
) -> NeedDef {
    NeedDef {
        id,
        fi,
        sv,
        en,
        description,
    }
}

#[rustfmt::skip]
const NEEDS: [NeedDef; 12] = [
    need("ahdistus", "Ahdistus", "Ångest", "Anxiety", "Jatkuva huoli, pelot tai paniikkioireet."),
    need("masennus", "Masennus", "Depression", "Depression", "Mieliala on pitkään matala."),
    need("paihteet", "Päihteiden käyttö", "Missbruk", "Substance use", "Alkoholin tai huumeiden käyttö."),
    need("koulupoissaolot", "Koulupoissaolot", "Skolfrånvaro", "School absence", "Toistuvat poissaolot koulusta."),
    need("perheen-kriisi", "Perheen kriisi", "Familjekris", "Family crisis", "Ero, sairaus tai muu kriisi perheessä."),
    need("vakivalta", "Väkivalta", "Våld", "Violence", "Lähisuhdeväkivalta tai sen uhka."),
    need("neuropsykiatriset", "Neuropsykiatriset haasteet", "Neuropsykiatriska svårigheter", "Neuropsychiatric difficulties", "Esimerkiksi ADHD tai autismikirjo."),
    need("syomishairio", "Syömishäiriö", "Ätstörning", "Eating disorder", "Häiriintynyt syöminen."),
    need("itsetuhoisuus", "Itsetuhoisuus", "Självskadebeteende", "Self-harm", "Itsensä vahingoittaminen tai itsetuhoiset ajatukset."),
    need("oppimisvaikeudet", "Oppimisvaikeudet", "Inlärningssvårigheter", "Learning difficulties", "Tuen tarve oppimisessa."),
    need("yksinaisyys", "Yksinäisyys", "Ensamhet", "Loneliness", "Ystävien tai yhteisön puute."),
    need("rikollisuus", "Rikoksilla oireilu", "Brottslighet", "Offending", "Toistuvat rikokset tai niiden uhka."),
];

#[derive(Clone, Copy, PartialEq)]
enum Provider {
    County,
    Municipality,
    Hospital,
    Ngo,
}

struct ServiceDef {
    slug: &'static str,
    fi: &'static str,
    sv: &'static str,
    en: &'static str,
    sector: &'static str,
    level: &'static str,
    provider: Provider,
    age_min: u32,
    age_max: u32,
    entry: &'static [&'static str],
    wait_unit: &'static str,
    needs: &'static [&'static str],
}

#[allow(clippy::too_many_arguments)]
const fn service(
    slug: &'static str,
    fi: &'static str,
    sv: &'static str,
    en: &'static str,
    sector: &'static str,
    level: &'static str,
    provider: Provider,
    ages: (u32, u32),
    entry: &'static [&'static str],
    wait_unit: &'static str,
    needs: &'static [&'static str],
) -> ServiceDef {
    ServiceDef {
        slug,
        fi,
        sv,
        en,
        sector,
        level,
        provider,
        age_min: ages.0,
        age_max: ages.1,
        entry,
        wait_unit,
        needs,
    }
}

use Provider::{County, Hospital, Municipality, Ngo};

#[rustfmt::skip]
const SERVICES: [ServiceDef; 30] = [
    service("koulukuraattori", "Koulukuraattori", "Skolkurator", "School social worker", "pupil_welfare", "basic", Municipality, (7, 18), &["self_referral", "school"], "school_days", &["ahdistus", "koulupoissaolot", "perheen-kriisi", "yksinaisyys"]),
    service("koulupsykologi", "Koulupsykologi", "Skolpsykolog", "School psychologist", "pupil_welfare", "basic", Municipality, (7, 18), &["school"], "school_days", &["ahdistus", "masennus", "oppimisvaikeudet", "neuropsykiatriset"]),
    service("kouluterveydenhoitaja", "Kouluterveydenhoitaja", "Skolhälsovårdare", "School nurse", "school_health", "universal", County, (7, 16), &["self_referral", "school"], "school_days", &["ahdistus", "masennus", "syomishairio", "paihteet"]),
    service("opiskeluterveydenhuolto", "Opiskeluterveydenhuolto", "Studerandehälsovård", "Student health care", "school_health", "universal", County, (15, 25), &["self_referral"], "days", &["ahdistus", "masennus", "paihteet", "syomishairio"]),
    service("lastenneuvola", "Lastenneuvola", "Barnrådgivning", "Child health clinic", "family_services", "universal", County, (0, 6), &["self_referral", "health_care"], "days", &["perheen-kriisi", "neuropsykiatriset", "vakivalta"]),
    service("perhekeskus", "Perhekeskus", "Familjecentrum", "Family centre", "family_services", "universal", County, (0, 17), &["self_referral"], "days", &["perheen-kriisi", "yksinaisyys", "vakivalta"]),
    service("perheneuvola", "Perheneuvola", "Familjerådgivning", "Family counselling", "family_services", "basic", County, (0, 17), &["self_referral", "school"], "days", &["perheen-kriisi", "neuropsykiatriset", "ahdistus"]),
    service("lapsiperheiden-kotipalvelu", "Lapsiperheiden kotipalvelu", "Hemservice för barnfamiljer", "Home help for families", "family_services", "basic", County, (0, 17), &["self_referral"], "working_days", &["perheen-kriisi"]),
    service("nuorten-mielenterveyspalvelu", "Nuorten mielenterveyspalvelu", "Mentalvård för unga", "Youth mental-health service", "mental_health", "basic", County, (13, 17), &["self_referral", "health_care"], "days", &["ahdistus", "masennus", "itsetuhoisuus", "syomishairio"]),
    service("lasten-mielenterveyspalvelu", "Lasten mielenterveyspalvelu", "Mentalvård för barn", "Child mental-health service", "mental_health", "basic", County, (0, 12), &["health_care"], "days", &["ahdistus", "neuropsykiatriset", "perheen-kriisi"]),
    service("nuorisopsykiatria", "Nuorisopsykiatrian poliklinikka", "Ungdomspsykiatrisk poliklinik", "Youth psychiatry outpatient clinic", "specialist_care", "special", Hospital, (13, 17), &[], "days", &["masennus", "itsetuhoisuus", "syomishairio", "ahdistus"]),
    service("lastenpsykiatria", "Lastenpsykiatrian poliklinikka", "Barnpsykiatrisk poliklinik", "Child psychiatry outpatient clinic", "specialist_care", "special", Hospital, (0, 12), &[], "days", &["neuropsykiatriset", "ahdistus", "syomishairio"]),
    service("nuorisopsykiatrian-osasto", "Nuorisopsykiatrian osasto", "Ungdomspsykiatrisk avdelning", "Youth psychiatric ward", "specialist_care", "demanding", Hospital, (13, 17), &[], "days", &["itsetuhoisuus", "syomishairio", "masennus"]),
    service("lastensuojelun-sosiaalityo", "Lastensuojelun sosiaalityö", "Socialt arbete inom barnskyddet", "Child-welfare social work", "child_welfare", "special", County, (0, 17), &["notification", "police"], "working_days", &["perheen-kriisi", "vakivalta", "rikollisuus", "paihteet"]),
    service("lastensuojelutarpeen-selvitys", "Lastensuojelutarpeen selvitys", "Utredning av barnskyddsbehov", "Child-welfare needs assessment", "child_welfare", "basic", County, (0, 17), &["notification"], "working_days", &["perheen-kriisi", "vakivalta"]),
    service("avohuollon-tukitoimet", "Avohuollon tukitoimet", "Stödåtgärder inom öppenvården", "In-home support measures", "child_welfare", "special", County, (0, 17), &[], "working_days", &["perheen-kriisi", "koulupoissaolot", "paihteet"]),
    service("sijaishuolto", "Sijaishuolto", "Vård utom hemmet", "Out-of-home care", "child_welfare", "demanding", County, (0, 17), &[], "working_days", &["vakivalta", "perheen-kriisi", "rikollisuus"]),
    service("jalkihuolto", "Jälkihuolto", "Eftervård", "Aftercare", "child_welfare", "special", County, (18, 25), &[], "working_days", &["yksinaisyys", "paihteet", "masennus"]),
    service("nuorisoasema", "Nuorisoasema", "Ungdomsstation", "Youth substance-use clinic", "substance", "basic", County, (13, 24), &["self_referral", "health_care"], "days", &["paihteet", "rikollisuus"]),
    service("nuorten-paihdepalvelut", "Nuorten päihdepalvelut", "Missbrukarvård för unga", "Youth substance-use services", "substance", "special", County, (15, 24), &[], "days", &["paihteet"]),
    service("terveysasema", "Terveysasema", "Hälsostation", "Health centre", "primary_health", "universal", County, (0, 29), &["self_referral", "health_care"], "days", &["ahdistus", "masennus", "paihteet", "syomishairio"]),
    service("nuorisotyo", "Kunnan nuorisotyö", "Kommunalt ungdomsarbete", "Municipal youth work", "youth_work", "universal", Municipality, (12, 29), &["self_referral", "outreach"], "days", &["yksinaisyys", "paihteet", "rikollisuus"]),
    service("etsiva-nuorisotyo", "Etsivä nuorisotyö", "Uppsökande ungdomsarbete", "Outreach youth work", "youth_work", "basic", Municipality, (15, 29), &["outreach"], "days", &["yksinaisyys", "koulupoissaolot", "paihteet"]),
    service("ohjaamo", "Ohjaamo", "Navigatorn", "One-stop guidance centre", "youth_work", "universal", Municipality, (15, 29), &["self_referral"], "days", &["yksinaisyys", "koulupoissaolot", "masennus"]),
    service("oppilaanohjaus", "Oppilaanohjaus", "Studiehandledning", "Study counselling", "education", "universal", Municipality, (7, 18), &["school"], "school_days", &["koulupoissaolot", "oppimisvaikeudet"]),
    service("erityisopetus", "Erityisopetus", "Specialundervisning", "Special-needs education", "education", "special", Municipality, (7, 18), &[], "school_days", &["oppimisvaikeudet", "neuropsykiatriset"]),
    service("aikuissosiaalityo", "Aikuissosiaalityö", "Socialt arbete för vuxna", "Adult social work", "social_work", "basic", County, (18, 29), &["self_referral"], "working_days", &["paihteet", "yksinaisyys", "rikollisuus"]),
    service("sosiaalipaivystys", "Sosiaalipäivystys", "Socialjour", "Emergency social services", "social_work", "special", County, (0, 29), &["police", "notification"], "days", &["vakivalta", "perheen-kriisi", "itsetuhoisuus"]),
    service("jarjeston-tukikeskus", "Järjestön tukikeskus", "Organisationens stödcenter", "NGO support centre", "ngo_support", "universal", Ngo, (7, 29), &["self_referral"], "days", &["yksinaisyys", "ahdistus", "vakivalta"]),
    service("vertaistukiryhma", "Vertaistukiryhmä", "Kamratstödgrupp", "Peer-support group", "ngo_support", "universal", Ngo, (12, 29), &["self_referral", "outreach"], "days", &["yksinaisyys", "masennus", "paihteet"]),
];

const KINDS: [&str; 10] = [
    "referral",
    "referral",
    "referral",
    "referral",
    "consultation",
    "joint_work",
    "shared_plan",
    "information",
    "return",
    "return",
];

const PROTOCOLS: [&str; 4] = ["none", "written_referral", "warm_handoff", "shared_plan"];
