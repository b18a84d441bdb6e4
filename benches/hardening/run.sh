#!/usr/bin/env bash
# Wall time and peak memory of `polku check` on the hostile-scale inputs of issue 14 (items 5 and
# 7): many small pathway files sharing profiles (load must be linear in the file count), one
# large file whose every service has an unknown field (text diagnostics must not re-scan the
# file), and one line of 100,000 `[` (a syntax-error cascade).
#
#   benches/hardening/run.sh            # writes the inputs to $TMPDIR/polku-hardening once
#
# Each figure is one run of the release binary under /usr/bin/time (RUNS=N for the best of N).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=${TMPDIR:-/tmp}/polku-hardening
RUNS=${RUNS:-1}
TARGET=${CARGO_TARGET_DIR:-target}
[ -x /usr/bin/time ] || { echo "/usr/bin/time is not installed (apt-get install time)" >&2; exit 2; }
cargo build --quiet --release
BIN="$TARGET/release/polku"
mkdir -p "$ROOT"

gen() { # shape n
    local dir="$ROOT/$1-$2"
    [ -e "$dir" ] || python3 benches/hardening/gen.py "$1" "$dir" "$2"
    echo "$dir"
}

measure() { # label dir args…
    local label=$1 dir=$2
    shift 2
    local best=""
    for _ in $(seq "$RUNS"); do
        local line
        /usr/bin/time -o "$ROOT/time" -f "%e %M" "$BIN" check "$dir" --color never "$@" >/dev/null 2>&1 || true
        line=$(tail -1 "$ROOT/time")
        if [ -z "$best" ] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN { exit !(a < b) }'; then
            best=$line
        fi
    done
    local bytes
    bytes=$("$BIN" check "$dir" --color never "$@" 2>&1 | wc -c || true)
    printf '%-44s %8s s %8.1f MB %10s bytes of output\n' "$label" "${best%% *}" "$(awk -v kb="${best##* }" 'BEGIN { print kb / 1024 }')" "$bytes"
}

echo "== polku check, release, best of $RUNS"
for n in 1000 2000 4000 20000; do
    measure "many files: $n pathway files, json" "$(gen many-files "$n")" --format json
done
measure "big file: 10,000 services, 10,000 errors, text" "$(gen big-broken 10000)"
measure "big file: 10,000 services, 10,000 errors, json" "$(gen big-broken 10000)" --format json
measure "one line of 100,000 [, text" "$(gen unclosed-value 100000)"
