#!/usr/bin/env bash
# Throughput of `polku serve` against a plain static-file server, and its save-to-reload latency.
#
#   benches/serve/run.sh [PATHWAY]
#
# 1. builds `polku` and `examples/static_serve.rs` in release;
# 2. serves a copy of pathways/ with `polku serve --port 0`, fetches one diagram
#    (/api/pathways/PATHWAY/diagram?format=svg; once fetched, it is served from the render cache)
#    into a folder, and serves that folder with static_serve;
# 3. runs wrk against polku, static_serve's ServeDir (reads the file per request, as a static
#    web server does) and static_serve's in-memory copy (the ceiling of this stack), one after the
#    other with the same connections, threads and time; prints requests/s and p99 latency side by
#    side and polku's ratio to each (target: polku ≥ 0.5 × static);
# 4. edits the pathway's file EDITS times and prints the save-to-reload latency
#    (benches/serve/reload_latency.mjs: the time until the `reload` event arrives on /events).
#
# Environment: CONNECTIONS (64), THREADS (2), DURATION (10s), EDITS (20), CARGO_TARGET_DIR.
# Needs wrk (apt-get install wrk) and node.
set -euo pipefail

cd "$(dirname "$0")/../.."
PATHWAY=${1:-keski-uusimaa-nuorten-paihdepolku}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10s}
EDITS=${EDITS:-20}
TARGET=${CARGO_TARGET_DIR:-target}

for tool in wrk node curl; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed (wrk: apt-get install wrk)" >&2; exit 2; }
done

echo "== cargo build --release --bin polku --example static_serve"
cargo build --release --quiet --bin polku --example static_serve

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# The URL a server printed on the first line of its log.
url_in() {
    for _ in $(seq 100); do
        if grep -o 'http://127\.0\.0\.1:[0-9]*/' "$1"; then return; fi
        sleep 0.1
    done
    echo "did not start:" >&2; cat "$1" >&2; exit 1
}

cp -r pathways "$work/workspace"
mkdir "$work/static"
"$TARGET/release/polku" serve "$work/workspace" --port 0 >/dev/null 2>"$work/polku.log" &
pids+=($!)
polku=$(url_in "$work/polku.log")
path="api/pathways/$PATHWAY/diagram?format=svg"
curl -fsS -o "$work/static/diagram.svg" "$polku$path"
"$TARGET/release/examples/static_serve" "$work/static" 0 >/dev/null 2>"$work/static.log" &
pids+=($!)
static=$(url_in "$work/static.log")
# The same bytes from both.
for u in "${static}diagram.svg" "${static}memory/diagram.svg"; do
    curl -fsS "$u" | cmp -s - "$work/static/diagram.svg" || { echo "$u serves other bytes" >&2; exit 1; }
done
echo "== one diagram: $(wc -c <"$work/static/diagram.svg") bytes of SVG"
echo "   polku:  $polku$path"
echo "   static: ${static}diagram.svg"
echo "   memory: ${static}memory/diagram.svg"

bench() {
    local name=$1 url=$2
    echo
    echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency ($name)"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url" | tee "$work/$name.wrk"
}
bench polku "$polku$path"
bench static "${static}diagram.svg"
bench memory "${static}memory/diagram.svg"

# wrk prints "Requests/sec: N" and, under Latency Distribution, "99% Nus|ms|s".
rps() { awk '/^Requests\/sec:/ { print $2 }' "$work/$1.wrk"; }
p99() {
    awk '$1 == "99%" {
        v = $2; unit = v; sub(/[0-9.]+/, "", unit); sub(/[a-z]+$/, "", v)
        if (unit == "us") v /= 1000; else if (unit == "s") v *= 1000; else if (unit == "m") v *= 60000
        printf "%.2f", v }' "$work/$1.wrk"
}
errors() { awk '/Non-2xx|Socket errors/ { print; found = 1 } END { if (!found) print "none" }' "$work/$1.wrk"; }
echo
echo "== ${CONNECTIONS} connections, $DURATION each"
printf '%-8s %14s %12s   %s\n' "" "requests/s" "p99 (ms)" "errors"
for name in polku static memory; do
    printf '%-8s %14s %12s   %s\n' "$name" "$(rps "$name")" "$(p99 "$name")" "$(errors "$name" | paste -sd';')"
done
awk -v p="$(rps polku)" -v s="$(rps static)" -v m="$(rps memory)" 'BEGIN {
    r = p / s
    printf "polku / static requests/s: %.2f (target ≥ 0.50: %s)\n", r, (r >= 0.5 ? "met" : "NOT met")
    printf "polku / memory requests/s: %.2f\n", p / m }'

echo
echo "== save-to-reload latency: $EDITS edits of $PATHWAY.toml"
node benches/serve/reload_latency.mjs "$polku" "$work/workspace/$PATHWAY.toml" "$EDITS"
