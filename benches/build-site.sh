#!/usr/bin/env bash
# Wall time and peak memory of `polku build` on the national-scale workspace (22 regions, 484
# pathways, ≈13,000 services, ≈60,000 handoffs in ≈500 files).
#
#   benches/build-site.sh [DIR] [-- EXTRA BUILD ARGS]
#
# 1. writes the national workspace to DIR (default $TMPDIR/polku-national) unless DIR exists, with
#    the generator of benches/national.rs;
# 2. builds the release binary;
# 3. runs `polku build DIR --out DIR.site --lang fi --format both` (plus any extra arguments) under
#    /usr/bin/time -v, RUNS times (default 3), and prints each run's wall time and peak resident
#    memory (the maximum of the process, i.e. getrusage's ru_maxrss).
#
# The figure is the whole build: load, analysis, layouts, SVG, the PNG and PDF of every diagram
# (drawn natively), HTML and Markdown; `-- --no-diagrams` leaves out the PNG and PDF.
# Environment: RUNS, CARGO_TARGET_DIR.
set -euo pipefail

cd "$(dirname "$0")/.."
DIR=${TMPDIR:-/tmp}/polku-national
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
    DIR=$1
    shift
fi
[ "${1:-}" = "--" ] && shift
RUNS=${RUNS:-3}
TARGET=${CARGO_TARGET_DIR:-target}

if [ ! -x /usr/bin/time ]; then
    echo "/usr/bin/time is not installed (apt-get install time)" >&2
    exit 2
fi
if [ -e "$DIR" ]; then
    echo "== using the existing workspace $DIR"
else
    echo "== writing the national workspace to $DIR"
    cargo bench --quiet --bench national -- --generate-only "$DIR"
fi
cargo build --quiet --release
SITE="${DIR%/}.site"
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
for run in $(seq 1 "$RUNS"); do
    /usr/bin/time -v "$TARGET/release/polku" build "$DIR" --out "$SITE" --lang fi --format both "$@" \
        2> "$LOG" || { cat "$LOG" >&2; exit 1; }
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$LOG")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$LOG")
    notes=$(grep -c '^note:' "$LOG" || true)
    printf 'run %d: wall %s, peak RSS %d MB (%d notes)\n' "$run" "$wall" $((rss / 1024)) "$notes"
done
echo "== $(find "$SITE" -name '*.html' | wc -l) HTML pages, $(find "$SITE" -name '*.md' | wc -l) Markdown files, $(du -sh "$SITE" | cut -f1) in $SITE"
grep '^note:' "$LOG" || true
