#!/usr/bin/env python3
"""Writes the hostile-scale workspaces of issue 14, for benches/hardening/run.sh.

    gen.py many-files DIR N      N small pathway files sharing 200 profiles (load vs file count)
    gen.py big-file DIR N        one pathway file with N services and 3N handoffs (diagnostics)
    gen.py big-broken DIR N      the same file, every service with an unknown field (N errors)
    gen.py unclosed DIR N        a header line of N `[` (a syntax error)
    gen.py unclosed-value DIR N  a value of N `[`, never closed (a syntax error cascade)

Deterministic: the same arguments write the same bytes.
"""
import os
import random
import sys

HEAD = """[[actor]]
id = "kunta"
name = "Kunta"
kind = "municipality"
region = "Alue"

[[need]]
id = "ahdistus"
name = "Ahdistus"
"""


def service(sid, extra=""):
    return f"""[[service]]
id = "{sid}"
name = "Palvelu {sid}"
actor = "kunta"
sector = "pupil_welfare"
level = "basic"
entry = ["school"]
wait_days = 3
mean_service_days = 30
{extra}
[service.eligibility]
age_min = 7
age_max = 18
languages = ["fi"]
needs = ["ahdistus"]

[service.capacity]
clients_per_month = 20
staff = 2

"""


def handoff(a, b, share):
    return f"""[[handoff]]
from = "{a}"
to = "{b}"
kind = "referral"
share = {share}
protocol = "written_referral"
consent = true

"""


def pathway(pid):
    return f"""[pathway]
id = "{pid}"
title = "Polku {pid}"
owner = "kunta"

"""


def many_files(d, n):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "shared.toml"), "w") as f:
        f.write(HEAD)
        for i in range(200):
            f.write(f"""[[profile]]
id = "profiili-{i}"
name = "Profiili {i}"
age = 14
language = "fi"
needs = ["ahdistus"]
entry = "p{(i * 97) % n}-a"
arrivals_per_month = 1

""")
    for p in range(n):
        with open(os.path.join(d, f"p{p}.toml"), "w") as f:
            f.write(pathway(f"p{p}"))
            for s in "abc":
                f.write(service(f"p{p}-{s}"))
            f.write(handoff(f"p{p}-a", f"p{p}-b", 0.4))
            f.write(handoff(f"p{p}-b", f"p{p}-c", 0.4))


def big_file(d, n, broken=False):
    os.makedirs(d, exist_ok=True)
    rng = random.Random(14)
    with open(os.path.join(d, "big.toml"), "w") as f:
        f.write(HEAD + pathway("iso"))
        for i in range(n):
            f.write(service(f"s{i}", 'colour = "red"\n' if broken else ""))
        for i in range(n):
            targets = rng.sample(range(n), 3)
            for t in targets:
                if t != i:
                    f.write(handoff(f"s{i}", f"s{t}", 0.3))


def unclosed(d, n):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "unclosed.toml"), "w") as f:
        f.write(HEAD + pathway("auki") + "[" * n + "\n")


def unclosed_value(d, n):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "x.toml"), "w") as f:
        f.write("a = " + "[" * n + "\n")


def main():
    shape, d, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    {"many-files": many_files, "big-file": big_file,
     "big-broken": lambda d, n: big_file(d, n, True), "unclosed": unclosed, "unclosed-value": unclosed_value}[shape](d, n)


if __name__ == "__main__":
    main()
