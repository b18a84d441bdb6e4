#!/usr/bin/env bash
# Time and peak memory of `polku check` on ONE very large pathway, in three shapes and three sizes.
#
#   benches/single-pathway.sh [SIZES...]          # default: 10000 50000 100000
#
# For each shape (chain: long and deep; random: five referrals forward per service; scc: one
# strongly connected component of every service) and size it writes the workspace with
# `cargo bench --bench analysis -- --generate-single SHAPE N DIR` (skipped when DIR exists), then
# runs the release `polku check --format json DIR` under /usr/bin/time and prints wall time, CPU
# time and peak RSS, and the time of each analysis step from
# `cargo bench --bench analysis -- --dir DIR --analysis-only --runs 1`.
#
# Environment: POLKU (a polku binary to time instead of target/release/polku, e.g. an older
# build for before/after figures), TIMEOUT (seconds per check, default 600), STEPS=0 to skip the
# per-step figures, WORK (folder of the workspaces, default $TMPDIR/polku-single).
set -euo pipefail

cd "$(dirname "$0")/.."
SIZES=("${@:-10000 50000 100000}")
read -r -a SIZES <<<"${SIZES[*]}"
WORK=${WORK:-${TMPDIR:-/tmp}/polku-single}
TIMEOUT=${TIMEOUT:-600}
STEPS=${STEPS:-1}

cargo build --release --quiet
cargo bench --bench analysis --no-run --quiet 2>/dev/null
BENCH=$(cargo bench --bench analysis --no-run --message-format=json 2>/dev/null |
    sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
POLKU=${POLKU:-target/release/polku}
mkdir -p "$WORK"

printf '%-7s %8s %10s %10s %10s  %s\n' shape services wall_s cpu_s peak_MB status
for n in "${SIZES[@]}"; do
    for shape in chain random scc; do
        dir="$WORK/$shape-$n"
        [ -e "$dir" ] || "$BENCH" --generate-single "$shape" "$n" "$dir" >/dev/null
        stats=$(mktemp)
        set +e
        /usr/bin/time -f '%e %U %S %M' -o "$stats" timeout "$TIMEOUT" \
            "$POLKU" check --format json "$dir" >/dev/null 2>&1
        rc=$?
        set -e
        read -r wall user sys rss <"$stats" || true
        rm -f "$stats"
        status=ok
        [ "$rc" -eq 124 ] && status="killed after ${TIMEOUT} s"
        [ "$rc" -gt 1 ] && [ "$rc" -ne 124 ] && status="exit $rc"
        printf '%-7s %8s %10s %10.2f %10.1f  %s\n' "$shape" "$n" "$wall" \
            "$(echo "$user + $sys" | bc)" "$(echo "$rss / 1024" | bc -l)" "$status"
        if [ "$STEPS" = 1 ] && [ "$status" = ok ]; then
            "$BENCH" --dir "$dir" --analysis-only --runs 1 2>/dev/null |
                grep -E '^  (flow|graph|routes|gaps|clocks|bottlenecks|ecosystem)' |
                awk '{printf "        %-26s %s %s\n", $1, $5, $6}'
        fi
    done
done
