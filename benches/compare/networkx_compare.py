#!/usr/bin/env python3
"""The global-graph figures of `cargo bench --bench analysis`, computed with networkx.

Reads a polku workspace folder with `tomllib`, builds the directed graph clients move along
with networkx, times the same three computations as the Rust bench, checks that the results
agree with the Rust bench's JSON output, and prints the times side by side.

    python3 benches/compare/networkx_compare.py DIR --rust-json FILE

DIR: a workspace, e.g. written by `cargo bench --bench national -- --generate-only DIR`
(`--generate` writes it so when DIR is missing). FILE: written by
`cargo bench --bench analysis -- --dir DIR --json FILE`. Without `--rust-json` only the networkx
figures are printed. benches/compare/run.sh does all three steps.

The graph, as the Rust bench builds it:

* nodes: every `[[service]]`;
* edges: every `[[handoff]]` whose `kind` is "referral" or "return", or has no `kind` (a
  referral); parallel handoffs between the same two services are one edge (a `DiGraph`);
* entry services: services with a non-empty `entry`, and every `[[profile]]`'s `entry`.

Timed on it (min and median of --runs; betweenness --betweenness-runs times):

* reachability from any entry: `nx.bfs_layers(G, entries)` (one multi-source BFS);
* reachability from each entry: `nx.descendants(G, e)` for every entry, summed (+1 per entry);
* `nx.strongly_connected_components(G)`;
* `nx.betweenness_centrality(G, normalized=True)` on the whole graph.

Exit status 1 when a result disagrees with the Rust bench's.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time
import tomllib
from pathlib import Path

try:
    import networkx as nx
except ImportError:
    sys.exit("networkx is not installed: pip install networkx")

MOVES_CLIENT = {"referral", "return"}


def discover(root: Path) -> list[Path]:
    """The .toml files below root, as polku's `workspace::discover` finds them."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "target"]
        for name in files:
            if not name.startswith(".") and name.endswith(".toml"):
                found.append(Path(folder) / name)
    return sorted(found)


def load(root: Path):
    """(graph, entries, figures) of the workspace in root."""
    services: list[str] = []
    entry: set[str] = set()
    handoffs: list[tuple[str, str]] = []
    client_moving = 0
    files = discover(root)
    for path in files:
        with open(path, "rb") as f:
            doc = tomllib.load(f)
        for s in doc.get("service", []):
            services.append(s["id"])
            if s.get("entry"):
                entry.add(s["id"])
        for h in doc.get("handoff", []):
            if h.get("kind", "referral") in MOVES_CLIENT:
                handoffs.append((h["from"], h["to"]))
        for p in doc.get("profile", []):
            entry.add(p["entry"])
    known = set(services)
    G = nx.DiGraph()
    G.add_nodes_from(services)
    for a, b in handoffs:
        if a in known and b in known:  # polku rejects the others
            G.add_edge(a, b)
            client_moving += 1
    entries = [s for s in services if s in entry]
    return G, entries, {"files": len(files), "client_moving_handoffs": client_moving}


def timed(runs: int, f):
    """(min s, median s, last result) of `runs` calls of f."""
    times = []
    result = None
    for _ in range(runs):
        result = None
        start = time.perf_counter()
        result = f()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), result


def reach_any(G, entries):
    return sum(len(layer) for layer in nx.bfs_layers(G, entries))


def reach_each(G, entries):
    return sum(len(nx.descendants(G, e)) + 1 for e in entries)


def scc(G):
    return list(nx.strongly_connected_components(G))


def ranked(values: dict[str, float]) -> list[tuple[str, float]]:
    return sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-15)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", type=Path, help="the workspace folder")
    ap.add_argument("--rust-json", type=Path, help="JSON written by the Rust bench's --json")
    ap.add_argument("--runs", type=int, default=5, help="timed runs of reachability and SCC")
    ap.add_argument("--betweenness-runs", type=int, default=1, help="timed runs of betweenness")
    ap.add_argument("--json-out", type=Path, help="also write the networkx figures here")
    ap.add_argument(
        "--generate",
        action="store_true",
        help="when DIR is missing, write it with `cargo bench --bench national -- --generate-only DIR`",
    )
    args = ap.parse_args()

    if not args.dir.exists():
        if not args.generate:
            sys.exit(f"{args.dir} does not exist (pass --generate to write the national workspace there)")
        subprocess.run(
            ["cargo", "bench", "--bench", "national", "--", "--generate-only", str(args.dir)],
            check=True,
        )

    start = time.perf_counter()
    G, entries, info = load(args.dir)
    loaded = time.perf_counter() - start
    print(f"networkx {nx.__version__}, Python {sys.version.split()[0]}")
    print(
        f"workspace {args.dir}: {info['files']} files read with tomllib and graph built in {loaded * 1e3:.0f} ms"
    )
    print(
        f"graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges "
        f"({info['client_moving_handoffs']} client-moving handoffs, parallel ones merged), "
        f"{len(entries)} entry services"
    )

    t = {}
    t["reach_any"] = timed(args.runs, lambda: reach_any(G, entries))
    t["reach_per_entry"] = timed(args.runs, lambda: reach_each(G, entries))
    t["scc"] = timed(args.runs, lambda: scc(G))
    print(f"betweenness_centrality on {G.number_of_nodes()} nodes ({args.betweenness_runs} run(s)) …", flush=True)
    t["betweenness"] = timed(args.betweenness_runs, lambda: nx.betweenness_centrality(G, normalized=True))

    reached = t["reach_any"][2]
    reached_sum = t["reach_per_entry"][2]
    comps = t["scc"][2]
    sizes = sorted((len(c) for c in comps if len(c) > 1), reverse=True)
    bc = t["betweenness"][2]
    top = ranked(bc)[:5]
    print(f"  reachable from any entry: {reached} of {G.number_of_nodes()}; summed over the {len(entries)} entries: {reached_sum}")
    print(f"  {len(comps)} strongly connected components, {len(sizes)} with more than one service (largest {sizes[0] if sizes else 0})")
    print("  top 5 betweenness (normalised):")
    for node, value in top:
        print(f"    {node:<52} {value:.6e}")

    ours = {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "entries": len(entries),
        "reach": {"from_any_entry": reached, "per_entry_total": reached_sum},
        "scc": {"count": len(comps), "nontrivial": len(sizes), "nontrivial_sizes": sizes},
        "betweenness_top": top,
        "times_ms": {k: {"min": v[0] * 1e3, "median": v[1] * 1e3} for k, v in t.items()},
    }
    if args.json_out:
        args.json_out.write_text(json.dumps(ours, indent=2))

    if not args.rust_json:
        print_times(t, None)
        return 0

    rust = json.loads(args.rust_json.read_text())
    ok = check(G, entries, ours, bc, rust)
    print_times(t, rust)
    return 0 if ok else 1


def check(G, entries, ours, bc, rust) -> bool:
    """Prints whether every result agrees with the Rust bench's; True when all do."""
    print("agreement with polku (Rust)")
    results = []

    def same(what, a, b):
        results.append(a == b)
        print(f"  {what:<44} networkx {a!s:<14} polku {b!s:<14} {'agree' if a == b else 'DIFFER'}")

    same("nodes", ours["nodes"], rust["nodes"])
    same("edges", ours["edges"], rust["edges"])
    same("entry services", ours["entries"], rust["entries"])
    same("reachable from any entry", ours["reach"]["from_any_entry"], rust["reach"]["from_any_entry"])
    same("reachable summed over entries", ours["reach"]["per_entry_total"], rust["reach"]["per_entry_total"])
    same("strongly connected components", ours["scc"]["count"], rust["scc"]["count"])
    same("  of them with more than one service", ours["scc"]["nontrivial"], rust["scc"]["nontrivial"])
    sizes_equal = ours["scc"]["nontrivial_sizes"] == rust["scc"]["nontrivial_sizes"]
    results.append(sizes_equal)
    print(f"  {'  their sizes, largest first':<44} {'agree' if sizes_equal else 'DIFFER'}")

    # Betweenness: every value, then the top 5 (ids equal, or tied within rounding).
    theirs = rust["betweenness"]["nonzero"]
    diff = max(abs(bc.get(k, 0.0) - theirs.get(k, 0.0)) for k in set(bc) | set(theirs))
    scale = max(bc.values(), default=0.0)
    all_close = all(close(bc.get(k, 0.0), theirs.get(k, 0.0)) for k in set(bc) | set(theirs))
    results.append(all_close)
    print(
        f"  {'betweenness, every node':<44} max |difference| {diff:.2e} (largest value {scale:.2e}) "
        f"{'agree' if all_close else 'DIFFER'}"
    )
    rust_top = [tuple(x) for x in rust["betweenness"]["top"][:5]]
    top_ok = all(
        a[0] == b[0] or close(a[1], b[1]) for a, b in zip(ours["betweenness_top"], rust_top)
    ) and len(rust_top) == len(ours["betweenness_top"])
    results.append(top_ok)
    print(f"  {'betweenness top 5':<44} {'agree' if top_ok else 'DIFFER'}")
    for (a, av), (b, bv) in zip(ours["betweenness_top"], rust_top):
        print(f"    {a:<44} {av:.9e}   {b:<44} {bv:.9e}")
    return all(results)


def print_times(t, rust):
    rows = [
        ("reachability from any entry", "reach_any", "reach_any"),
        ("reachability from each entry", "reach_per_entry", "reach_per_entry"),
        ("strongly connected components", "scc", "scc"),
        ("betweenness, polku on 1 thread", "betweenness", "betweenness_1_thread"),
        ("betweenness, polku on all threads", "betweenness", "betweenness"),
        ("betweenness, polku per component", "betweenness", "betweenness_by_component"),
    ]
    print("times (median; min in brackets)")
    head = f"  {'computation':<36} {'networkx':>26} {'polku (Rust)':>22} {'networkx/polku':>15}"
    print(head if rust else f"  {'computation':<36} {'networkx':>26}")
    seen = set()
    for label, ours_key, rust_key in rows:
        mn, med, _ = t[ours_key]
        nx_cell = f"{med * 1e3:,.2f} ms ({mn * 1e3:,.2f})"
        if not rust:
            if ours_key not in seen:
                print(f"  {label.split(',')[0]:<36} {nx_cell:>26}")
            seen.add(ours_key)
            continue
        r = rust["times_ms"].get(rust_key)
        if r is None:
            continue
        if rust_key == "betweenness":
            label = f"betweenness, polku on {rust.get('threads', '?')} threads"
        r_cell = f"{r['median']:,.2f} ms ({r['min']:,.2f})"
        ratio = med * 1e3 / r["median"] if r["median"] > 0 else float("inf")
        print(f"  {label:<36} {nx_cell:>26} {r_cell:>22} {ratio:>14,.0f}×")


if __name__ == "__main__":
    sys.exit(main())
