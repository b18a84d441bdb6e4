#!/usr/bin/env bash
# Global-graph figures of polku (Rust) and networkx on the same national-scale workspace.
#
#   benches/compare/run.sh [DIR]
#
# 1. writes the national workspace to DIR (default $TMPDIR/polku-national) unless DIR exists;
# 2. runs `cargo bench --bench analysis -- --dir DIR --runs $RUNS --json DIR.polku.json`
#    (analysis figures, then reachability, SCC and betweenness of the whole client-moving graph);
# 3. runs networkx_compare.py on DIR, which checks the results agree and prints both times.
#
# Environment: RUNS (timed runs of each Rust figure and of networkx's reachability and SCC,
# default 5), NX_BETWEENNESS_RUNS (networkx betweenness runs, default 1: about 2 minutes each),
# CARGO_TARGET_DIR (passed on to cargo), PYTHON (default python3).
set -euo pipefail

cd "$(dirname "$0")/../.."
DIR=${1:-${TMPDIR:-/tmp}/polku-national}
RUNS=${RUNS:-5}
NX_BETWEENNESS_RUNS=${NX_BETWEENNESS_RUNS:-1}
PYTHON=${PYTHON:-python3}
JSON="${DIR%/}.polku.json"

if ! "$PYTHON" -c 'import networkx' 2>/dev/null; then
    echo "networkx is not installed for $PYTHON: pip install networkx" >&2
    exit 2
fi

if [ -e "$DIR" ]; then
    echo "== using the existing workspace $DIR"
else
    echo "== generating the national workspace into $DIR"
    cargo bench --bench national -- --generate-only "$DIR"
fi

echo "== polku (Rust): cargo bench --bench analysis -- --dir $DIR --runs $RUNS --json $JSON"
cargo bench --bench analysis -- --dir "$DIR" --runs "$RUNS" --json "$JSON"

echo "== networkx"
"$PYTHON" benches/compare/networkx_compare.py "$DIR" --rust-json "$JSON" \
    --runs "$RUNS" --betweenness-runs "$NX_BETWEENNESS_RUNS"
