#!/usr/bin/env python3
"""Betweenness of one very large pathway: igraph (exact, one thread) against polku (exact with
--exact-betweenness, and the default sampled estimate), on the same graph.

    python3 benches/compare/igraph_single.py DIR [--polku target/release/polku] [--no-exact]

DIR is a workspace of benches/single-pathway.sh (one pathway). The graph is built as polku
builds it: every service a node, every referral or return (or handoff without `kind`) an edge,
parallel ones merged. igraph's raw directed betweenness is normalised by 1/((n-1)(n-2)), as
polku's. Prints the times (polku's are whole `polku analyze` runs, loading included, with its CPU
time beside the wall time, since polku's searches use every core and igraph one), the largest
difference from igraph's exact values, and for the sampled estimate the error bound polku states.
Exits 1 when polku's exact values differ from igraph's by more than 1e-9.
"""

import argparse
import json
import resource
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import igraph


def graph(directory: Path):
    ids, edges = [], set()
    for path in sorted(directory.rglob("*.toml")):
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        ids += [s["id"] for s in doc.get("service", [])]
        for h in doc.get("handoff", []):
            if h.get("kind", "referral") in ("referral", "return") and h["from"] != h["to"]:
                edges.add((h["from"], h["to"]))
    index = {s: i for i, s in enumerate(ids)}
    return ids, [(index[a], index[b]) for a, b in sorted(edges)]


def polku(binary: str, directory: Path, exact: bool):
    args = [binary, "analyze", str(directory), "--format", "json"]
    if exact:
        args.append("--exact-betweenness")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(args, check=False, capture_output=True, text=True).stdout
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    report = json.loads(out)
    (pathway,) = report["centrality"]
    return wall, cpu, {s["id"]: s["betweenness"] for s in pathway["services"]}


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("dir", type=Path)
    p.add_argument("--polku", default="target/release/polku")
    p.add_argument("--no-exact", action="store_true", help="skip polku --exact-betweenness")
    a = p.parse_args()

    ids, edges = graph(a.dir)
    n = len(ids)
    g = igraph.Graph(n=n, edges=edges, directed=True)
    start, cpu_start = time.perf_counter(), time.process_time()
    raw = g.betweenness(directed=True)
    t_igraph, cpu_igraph = time.perf_counter() - start, time.process_time() - cpu_start
    scale = 1.0 / ((n - 1) * (n - 2))
    exact = {ids[i]: raw[i] * scale for i in range(n)}
    print(f"{a.dir}: {n} services, {len(edges)} edges")
    print(f"  igraph {igraph.__version__} exact betweenness (1 thread):"
          f" {t_igraph:8.2f} s wall, {cpu_igraph:8.2f} s CPU")

    ok = True
    if not a.no_exact:
        wall, cpu, values = polku(a.polku, a.dir, True)
        diff = max(abs(values[s] - exact[s]) for s in ids)
        ok = diff <= 1e-9
        print(f"  polku analyze --exact-betweenness:     {wall:8.2f} s wall, {cpu:8.2f} s CPU;"
              f" max |polku - igraph| = {diff:.2e}")
    wall, cpu, values = polku(a.polku, a.dir, False)
    diff = max(abs(values[s] - exact[s]) for s in ids)
    top = max(exact.values())
    print(f"  polku analyze (default):               {wall:8.2f} s wall, {cpu:8.2f} s CPU;"
          f" max |estimate - exact| = {diff:.4f} (largest exact value {top:.4f})")
    if not ok:
        print("  polku's exact betweenness differs from igraph's", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
