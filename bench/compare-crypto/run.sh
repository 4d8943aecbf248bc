#!/usr/bin/env bash
# Side-by-side crypto benchmark: Cairn (C#) vs @scure/starknet (JS) on the same inputs, in one run.
#
#   bench/compare-crypto/run.sh [--seconds N] [--warmup N] [--ops op1,op2,...]
#
#   --seconds N   timed seconds per op and side (default 3)
#   --warmup N    warm-up seconds per op and side before timing (default 1; keep >= 1 so .NET reaches tier 1)
#   --ops LIST    a subset of: pedersen,poseidon,poseidon_many,ecdsa_sign,ecdsa_verify,public_key,keccak256,felt_mul
#
# Needs dotnet (.NET 10 SDK) and node (>= 20.19) with npm; installs tests/oracle's pinned packages
# (npm ci) when they are missing. Everything it writes goes to bench/compare-crypto/out/ (or $COMPARE_CRYPTO_OUT):
# the build (artifacts/), inputs.json, cairn.jsonl, scure.jsonl. The sides run one after the other,
# each single-threaded; on a busy machine the numbers (and ratios) move with the load.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${COMPARE_CRYPTO_OUT:-$HERE/out}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false

DURATION=3
WARMUP=1
OPS=
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) DURATION=${2:?--seconds needs a value}; shift 2 ;;
        --seconds=*) DURATION=${1#*=}; shift ;;
        --warmup) WARMUP=${2:?--warmup needs a value}; shift 2 ;;
        --warmup=*) WARMUP=${1#*=}; shift ;;
        --ops) OPS=${2:?--ops needs a value}; shift 2 ;;
        --ops=*) OPS=${1#*=}; shift ;;
        -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
done
[[ $DURATION =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "run.sh: --seconds must be a number" >&2; exit 2; }
[[ $WARMUP =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "run.sh: --warmup must be a number" >&2; exit 2; }

for tool in dotnet node npm; do
    command -v "$tool" >/dev/null 2>&1 || { echo "run.sh: '$tool' is not on PATH" >&2; exit 1; }
done

loadavg() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime; }

echo "== compare-crypto: Cairn vs @scure/starknet =="
echo "date:     $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine:  $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo 'unknown CPU')"
echo "dotnet:   $(dotnet --version)"
echo "node:     $(node --version)"
echo "load avg: $(loadavg) (1/5/15 min, at start)"
echo "per op:   ${WARMUP} s warm-up + ${DURATION} s timed, single-threaded, Cairn then scure"

# ---- the JS side's packages ---------------------------------------------------------------------
ORACLE="$ROOT/tests/oracle"
if [ ! -f "$ORACLE/node_modules/@scure/starknet/package.json" ] || [ ! -f "$ORACLE/node_modules/@noble/hashes/package.json" ]; then
    echo "installing tests/oracle npm packages (npm ci)..."
    (cd "$ORACLE" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi
echo "scure:    @scure/starknet $(node -p "require('$ORACLE/node_modules/@scure/starknet/package.json').version")"

# ---- the C# side --------------------------------------------------------------------------------
mkdir -p "$OUT"
echo "building Cairn.CompareCrypto (Release)..."
# A private artifacts path keeps this build out of the bin/obj that concurrent solution builds use.
if ! dotnet build "$HERE/Cairn.CompareCrypto.csproj" -c Release --artifacts-path "$OUT/artifacts" -nologo -v quiet >"$OUT/build.log" 2>&1; then
    tail -n 30 "$OUT/build.log" >&2
    echo "run.sh: build failed (full log: $OUT/build.log)" >&2
    exit 1
fi
APP="$OUT/artifacts/bin/Cairn.CompareCrypto/release/Cairn.CompareCrypto.dll"

# ---- inputs, then both sides ----------------------------------------------------------------------
dotnet "$APP" gen --inputs "$OUT/inputs.json"
RUN_ARGS=(--inputs "$OUT/inputs.json" --seconds "$DURATION" --warmup "$WARMUP")
[ -n "$OPS" ] && RUN_ARGS+=(--ops "$OPS")
echo "running Cairn..."
dotnet "$APP" run "${RUN_ARGS[@]}" --out "$OUT/cairn.jsonl"
echo "running @scure/starknet..."
node "$HERE/scure.mjs" "${RUN_ARGS[@]}" --out "$OUT/scure.jsonl"

echo
node "$HERE/report.mjs" "$OUT/cairn.jsonl" "$OUT/scure.jsonl"
echo
echo "load avg: $(loadavg) (1/5/15 min, at end)"
echo "results:  $OUT/cairn.jsonl, $OUT/scure.jsonl (inputs: $OUT/inputs.json)"
