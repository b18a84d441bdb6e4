#!/usr/bin/env bash
# How fast the ecosystem of the national-scale workspace (22 regions, ≈13,000 services, 154
# organisations) is ready in Chromium: the first screen (regions), one region (its
# organisations) and one organisation (its services), each loaded RUNS times in a fresh browser
# context, from navigation start to the load event. The goal: under 1 s.
#
#   benches/serve/ecosystem.sh [DIR]     # default: $TMPDIR/polku-national, written if missing
#
# Needs Chromium (/usr/bin/chromium) and `npm ci --prefix tests/consumers`. Environment: RUNS (5),
# CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=${1:-${TMPDIR:-/tmp}/polku-national}
TARGET=${CARGO_TARGET_DIR:-target}
if [ ! -e "$DIR" ]; then
    echo "== writing the national workspace to $DIR"
    cargo bench --quiet --bench national -- --generate-only "$DIR"
fi
cargo build --quiet --release
LOG=$(mktemp)
started=$(date +%s.%N)
"$TARGET/release/polku" serve "$DIR" --port 0 2>"$LOG" &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -f "$LOG"' EXIT
until grep -q " at http://" "$LOG"; do
    kill -0 $PID 2>/dev/null || { cat "$LOG"; exit 1; }
    sleep 0.05
done
URL=$(grep -o "http://[^ ]*" "$LOG" | head -1 | sed 's:/$::')
awk -v a="$started" -v b="$(date +%s.%N)" -v u="$URL" 'BEGIN { printf "== serve ready after %.1f s at %s\n", b - a, u }'
# One region and one of its organisations, named as the pages name them.
REGION=$(curl -s "$URL/ecosystem?lang=fi" | grep -o 'href="[^"]*region=[^"&]*' | head -1 | sed 's/.*region=//')
ACTOR=$(curl -s "$URL/ecosystem?region=$REGION&lang=fi" | grep -o 'href="[^"]*actor=[^"&]*' | head -1 | sed 's/.*actor=//')
node benches/serve/ecosystem_ready.mjs "$URL" \
    "/ecosystem?lang=fi" \
    "/ecosystem?region=$REGION&lang=fi" \
    "/ecosystem?actor=$ACTOR&lang=fi"
