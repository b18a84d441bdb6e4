#!/usr/bin/env python3
"""Reads a GraphML file with networkx and checks it against what the exporter meant to write.

    python3 tests/consumers/graphml_check.py FILE.graphml EXPECTED.json

EXPECTED.json:
    {
      "node_types": {"label": "string", "capacity_per_month": "double", "entry": "boolean", ...},
      "edge_types": {"kind": "string", "share": "double", ...},
      "nodes": {"node-id": {"label": "...", "capacity_per_month": 12.0, ...}, ...},
      "edges": [{"id": "e0", "source": "a", "target": "b", "attrs": {"kind": "referral", ...}}, ...]
    }

Checks: the graph is directed; the node ids and the edges (by id, with source and target) are
exactly those expected; every node and edge has exactly the expected attributes with equal values
(numbers within 1e-9, relative); every attribute value has the Python type of its GraphML type
(string: str, double: float, boolean: bool). On success prints the counts as JSON.

Exit codes: 0 as expected, 1 a difference (each printed on stderr), 2 bad usage or unreadable
file, 3 networkx is not installed (pip install networkx).
"""

import json
import math
import sys

TYPES = {"string": str, "double": float, "boolean": bool, "int": int, "long": int}


def same(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return a == b


def compare(what, got, expected, types, problems):
    for name in sorted(set(got) | set(expected)):
        if name not in expected:
            problems.append(f"{what}: unexpected attribute {name}={got[name]!r}")
        elif name not in got:
            problems.append(f"{what}: attribute {name} missing (expected {expected[name]!r})")
        elif not same(got[name], expected[name]):
            problems.append(f"{what}: {name} is {got[name]!r}, expected {expected[name]!r}")
        if name in got:
            want = TYPES.get(types.get(name, ""), None)
            if want is None:
                problems.append(f"{what}: attribute {name} has no expected type")
            elif type(got[name]) is not want:
                problems.append(
                    f"{what}: {name} is a {type(got[name]).__name__}, expected {want.__name__}"
                )


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        import networkx as nx
    except ImportError as e:
        print(f"networkx is not installed: pip install networkx ({e})", file=sys.stderr)
        return 3
    try:
        with open(argv[2], encoding="utf-8") as f:
            expected = json.load(f)
        graph = nx.read_graphml(argv[1])
    except (OSError, ValueError) as e:
        print(f"cannot read: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # networkx raises its own errors for malformed GraphML
        print(f"networkx could not read {argv[1]}: {type(e).__name__}: {e}", file=sys.stderr)
        return 1

    problems = []
    if not graph.is_directed():
        problems.append("graph is not directed")

    want_nodes = expected["nodes"]
    got_nodes = set(graph.nodes)
    for n in sorted(got_nodes - set(want_nodes)):
        problems.append(f"unexpected node {n!r}")
    for n in sorted(set(want_nodes) - got_nodes):
        problems.append(f"node {n!r} missing")
    for n in sorted(got_nodes & set(want_nodes)):
        compare(f"node {n!r}", dict(graph.nodes[n]), want_nodes[n], expected["node_types"], problems)

    # networkx keeps a GraphML edge id as the key of a multigraph (parallel edges), else as the
    # edge's "id" attribute.
    got_edges = {}
    if graph.is_multigraph():
        items = [(u, v, k, dict(d)) for u, v, k, d in graph.edges(keys=True, data=True)]
    else:
        items = [(u, v, None, dict(d)) for u, v, d in graph.edges(data=True)]
    for u, v, key, data in items:
        edge_id = data.pop("id", None) if key is None else key
        if edge_id is None:
            problems.append(f"edge {u!r} -> {v!r} has no id")
            continue
        got_edges[edge_id] = (u, v, data)
    want_edges = {e["id"]: e for e in expected["edges"]}
    for e in sorted(set(got_edges) - set(want_edges)):
        problems.append(f"unexpected edge {e!r}")
    for e in sorted(set(want_edges) - set(got_edges)):
        problems.append(f"edge {e!r} missing")
    for e in sorted(set(got_edges) & set(want_edges)):
        u, v, data = got_edges[e]
        want = want_edges[e]
        if (u, v) != (want["source"], want["target"]):
            problems.append(f"edge {e!r} is {u!r} -> {v!r}, expected {want['source']!r} -> {want['target']!r}")
        compare(f"edge {e!r}", data, want["attrs"], expected["edge_types"], problems)

    if problems:
        for p in problems:
            print(f"problem: {p}", file=sys.stderr)
        return 1
    print(json.dumps({"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
