//! Workspaces of **one very large pathway**, to find the analysis steps that grow faster than the
//! model: a single file with `n` services (10,000 to 100,000) in one of three shapes.
//!
//! * [`Shape::Chain`]: a long referral chain, each service referring to the next and to one a
//!   few steps ahead. No loop; shortest routes are thousands of steps long.
//! * [`Shape::Random`]: every service refers to five services chosen at random further on: a
//!   dense, shallow graph without loops.
//! * [`Shape::Scc`]: a ring of referrals plus three random referrals or returns per service in
//!   either direction: one strongly connected component of all `n` services, so the flow is one
//!   linear system of `n` unknowns and every service is on a referral loop.
//!
//! The files are valid and keep the findings few, so that what is timed is the analysis and not
//! the printing of findings: three actors of one organisation chain with protocol and consent on
//! every handoff, shares that leave each service add up to at most 0.9, and an entry every 100
//! services. Same shape, size and seed: byte-identical files.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use super::Rng;

/// The shape of the pathway's handoff graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A long chain with short skips forward: deep, no loops.
    Chain,
    /// Five random referrals forward per service: dense, shallow, no loops.
    Random,
    /// A ring plus random handoffs both ways: one strongly connected component.
    Scc,
}

impl Shape {
    /// Every shape, in the order the benchmark script runs them.
    pub const ALL: [Shape; 3] = [Shape::Chain, Shape::Random, Shape::Scc];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Chain => "chain",
            Shape::Random => "random",
            Shape::Scc => "scc",
        }
    }

    /// The shape of a command-line name.
    pub fn parse(name: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// What [`single`] wrote.
#[derive(Clone, Copy, Debug, Default)]
pub struct SingleSummary {
    /// Services of the pathway.
    pub services: usize,
    /// Handoffs.
    pub handoffs: usize,
    /// Bytes of the pathway file.
    pub bytes: usize,
}

const SECTORS: [&str; 4] = [
    "pupil_welfare",
    "social_work",
    "youth_work",
    "mental_health",
];
const ACTORS: [&str; 3] = ["iso-hyvinvointialue", "iso-kunta", "iso-jarjesto"];

/// Writes `needs.toml`, `actors.toml` and `pathway.toml` with `n` services of `shape` into `dir`.
pub fn single(dir: &Path, shape: Shape, n: usize, seed: u64) -> io::Result<SingleSummary> {
    assert!(n >= 10, "at least 10 services");
    std::fs::create_dir_all(dir)?;
    std::fs::write(
        dir.join("needs.toml"),
        "[[need]]\nid = \"huoli\"\nname = \"Huoli\"\n\n[[need]]\nid = \"ahdistus\"\nname = \"Ahdistus\"\n",
    )?;
    let mut actors = String::new();
    for a in ACTORS {
        let _ = write!(
            actors,
            "[[actor]]\nid = \"{a}\"\nname = \"{a}\"\nkind = \"wellbeing_county\"\nregion = \"Iso alue\"\n\n"
        );
    }
    std::fs::write(dir.join("actors.toml"), actors)?;

    let mut rng = Rng::new(seed ^ (n as u64) ^ (shape as u64).rotate_left(32));
    // Targets of each service, without repeats or self-handoffs; (to, is_return).
    let mut targets: Vec<Vec<(usize, bool)>> = vec![Vec::new(); n];
    for (i, out) in targets.iter_mut().enumerate() {
        let mut add = |to: usize, back: bool| {
            if to != i && to < n && !out.iter().any(|&(t, _)| t == to) {
                out.push((to, back));
            }
        };
        match shape {
            Shape::Chain => {
                add(i + 1, false);
                add(i + 2 + rng.below(8), false);
            }
            Shape::Random => {
                for _ in 0..5 {
                    if i + 1 < n {
                        add(i + 1 + rng.below(n - i - 1), false);
                    }
                }
            }
            Shape::Scc => {
                add((i + 1) % n, false);
                for _ in 0..3 {
                    let to = rng.below(n);
                    add(to, to < i);
                }
            }
        }
    }

    let mut s = String::with_capacity(n * 420);
    let _ = write!(
        s,
        "# One pathway of {n} services ({}): generated for benches/single-pathway.sh.\n\n\
         [pathway]\nid = \"iso-polku\"\ntitle = \"Iso polku\"\nregion = \"Iso alue\"\n\n",
        shape.name()
    );
    for i in 0..n {
        let entry = if i % 100 == 0 {
            "entry = [\"self_referral\"]\n"
        } else {
            ""
        };
        let exit = if targets[i].is_empty() {
            "exit = true\n"
        } else {
            ""
        };
        let _ = write!(
            s,
            "[[service]]\nid = \"s{i}\"\nname = \"Palvelu {i}\"\nactor = \"{}\"\nsector = \"{}\"\n{entry}{exit}wait_days = {}\n\
             eligibility = {{ age_min = 0, age_max = 25, languages = [\"fi\", \"sv\"], needs = [\"{}\"] }}\n\
             capacity = {{ clients_per_month = {}, staff = {} }}\n\n",
            ACTORS[i % ACTORS.len()],
            SECTORS[i % SECTORS.len()],
            1 + rng.below(30),
            if i % 2 == 0 { "huoli" } else { "ahdistus" },
            200 + rng.below(400),
            1 + rng.below(8),
        );
    }
    let mut handoffs = 0;
    for (i, out) in targets.iter().enumerate() {
        if out.is_empty() {
            continue;
        }
        // Two-decimal shares adding up to at most 0.9.
        let share = (90 / out.len()) as f64 / 100.0;
        for &(to, back) in out {
            handoffs += 1;
            let _ = write!(
                s,
                "[[handoff]]\nfrom = \"s{i}\"\nto = \"s{to}\"\nkind = \"{}\"\nshare = {share}\nprotocol = \"warm_handoff\"\nconsent = true\n\n",
                if back { "return" } else { "referral" }
            );
        }
    }
    for p in 0..10 {
        let _ = write!(
            s,
            "[[profile]]\nid = \"asiakas-{p}\"\nname = \"Asiakas {p}\"\nage = {}\nlanguage = \"fi\"\nneeds = [\"{}\"]\nentry = \"s{}\"\narrivals_per_month = {}\n\n",
            6 + p,
            if p % 2 == 0 { "ahdistus" } else { "huoli" },
            (p * n / 10) / 100 * 100,
            5 + p
        );
    }
    std::fs::write(dir.join("pathway.toml"), &s)?;
    Ok(SingleSummary {
        services: n,
        handoffs,
        bytes: s.len(),
    })
}
