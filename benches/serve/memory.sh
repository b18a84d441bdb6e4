#!/usr/bin/env bash
# Resident memory of `polku serve` on the national-scale workspace: at start, after loading, after
# requests and after a reload.
#
#   benches/serve/memory.sh [DIR]
#
# 1. writes the national workspace to DIR (default $TMPDIR/polku-national) unless DIR exists, with
#    the generator of benches/national.rs;
# 2. builds the release binary (or uses $POLKU, e.g. an older build to compare);
# 3. starts `polku serve DIR --port 0` and, once it prints its address (loaded and analysed),
#    prints VmRSS (resident now) and VmHWM (the peak so far) from /proc/PID/status;
# 4. requests every page kind, the API and SVG diagrams of PAGES pathways (default 20), and prints
#    them again; then edits one file, waits for the reload and prints them a last time.
#
# Environment: POLKU, PAGES, CARGO_TARGET_DIR. Linux only (/proc). Needs curl.
set -euo pipefail

cd "$(dirname "$0")/../.."
DIR=${1:-${TMPDIR:-/tmp}/polku-national}
PAGES=${PAGES:-20}
TARGET=${CARGO_TARGET_DIR:-target}
command -v curl >/dev/null || { echo "curl is not installed" >&2; exit 2; }

if [ -e "$DIR" ]; then
    echo "== using the existing workspace $DIR"
else
    echo "== writing the national workspace to $DIR"
    cargo bench --quiet --bench national -- --generate-only "$DIR"
fi
if [ -z "${POLKU:-}" ]; then
    cargo build --quiet --release --bin polku
    POLKU=$TARGET/release/polku
fi

work=$(mktemp -d)
cp -r "$DIR" "$work/ws"
pid=
cleanup() {
    [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

memory() {
    printf '%-28s VmRSS %7.1f MB   VmHWM %7.1f MB\n' "$1" \
        "$(awk '/^VmRSS/ {print $2 / 1024}' /proc/"$pid"/status)" \
        "$(awk '/^VmHWM/ {print $2 / 1024}' /proc/"$pid"/status)"
}

started=$(date +%s.%N)
"$POLKU" serve "$work/ws" --port 0 >/dev/null 2>"$work/log" &
pid=$!
memory "just started"
url=
for _ in $(seq 1200); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/log" || true)
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { echo "did not start:" >&2; cat "$work/log" >&2; exit 1; }
printf 'ready after %.1f s\n' "$(echo "$(date +%s.%N) - $started" | bc)"
memory "after load"

get() { curl -fsS -o /dev/null "$url$1"; }
get ""
get "findings"
get "ecosystem"
get "api/status"
get "api/pathways"
get "api/findings"
get "api/ecosystem"
curl -fsS -o "$work/pathways.json" "${url}api/pathways"
ids=$(grep -o '"id":"[^"]*"' "$work/pathways.json" | cut -d'"' -f4 | sed -n "1,${PAGES}p")
for id in $ids; do
    get "pathways/$id"
    get "api/pathways/$id"
    get "api/pathways/$id/diagram?format=svg"
done
memory "after $PAGES pathways' pages"

file=$(find "$work/ws" -name '*.toml' | sort | tail -n 1)
echo "# edited" >> "$file"
for _ in $(seq 1200); do
    grep -q '^reloaded' "$work/log" && break
    sleep 0.1
done
grep -q '^reloaded' "$work/log" || { echo "no reload:" >&2; cat "$work/log" >&2; exit 1; }
memory "after a reload"
get ""
memory "after a request"
