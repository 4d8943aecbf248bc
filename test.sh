#!/usr/bin/env bash
# Runs every Cairn test on a fresh machine: the one command for developers and CI.
#
#   ./test.sh            build Cairn.slnx (Release) once, then run all test projects
#
# Needs the .NET 10 SDK (dotnet) and Node.js >= 20.19 with npm (the crypto tests compare against the
# reference oracle in tests/oracle). Installs the oracle's npm packages (npm ci) when they are missing
# or older than tests/oracle/package-lock.json.
#
# Prints per-project results and ends with exactly one line "N passed, N failed"; exits non-zero when
# anything failed (a failed build or a missing tool counts as at least one failure).
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")" || exit 1
ROOT=$(pwd)
RESULTS="$ROOT/TestResults/test.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false

finish() { # passed failed
    echo "$1 passed, $2 failed"
    if [ "$2" -gt 0 ]; then exit 1; fi
    exit 0
}

# ---- prerequisites -----------------------------------------------------------------------------
missing=()
command -v dotnet >/dev/null 2>&1 || missing+=("dotnet (the .NET 10 SDK: https://dotnet.microsoft.com/download)")
command -v node >/dev/null 2>&1 || missing+=("node (Node.js >= 20.19, e.g. 'apt-get install nodejs')")
command -v npm >/dev/null 2>&1 || missing+=("npm (comes with Node.js; on Debian 'apt-get install npm')")
if [ ${#missing[@]} -gt 0 ]; then
    echo "test.sh: missing prerequisites:" >&2
    for m in "${missing[@]}"; do echo "  - $m" >&2; done
    finish 0 1
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
    echo "test.sh: warning: node $(node --version) is older than 20.19; the oracle's packages need >= 20.19" >&2
fi
echo "== dotnet $(dotnet --version), node $(node --version), npm $(npm --version 2>/dev/null)"

extra_failed=0

# ---- npm packages (oracle, end-to-end) ----------------------------------------------------------
for pkg in "$ROOT/tests/oracle" "$ROOT/tests/e2e"; do
    [ -f "$pkg/package-lock.json" ] || continue
    marker="$pkg/node_modules/.package-lock.json"
    if [ ! -f "$marker" ] || [ "$pkg/package-lock.json" -nt "$marker" ]; then
        echo "== npm ci (${pkg#$ROOT/})"
        if ! (cd "$pkg" && npm ci --no-audit --no-fund --loglevel=error); then
            echo "test.sh: npm ci in ${pkg#$ROOT/} failed; the tests that use it will fail" >&2
            extra_failed=$((extra_failed + 1))
        fi
    fi
done

# ---- build -------------------------------------------------------------------------------------
echo "== dotnet build Cairn.slnx -c Release"
if ! dotnet build Cairn.slnx -c Release -nologo -clp:ErrorsOnly; then
    echo "test.sh: BUILD FAILED" >&2
    finish 0 $((extra_failed + 1))
fi

# ---- test --------------------------------------------------------------------------------------
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
echo "== dotnet test Cairn.slnx -c Release --no-build"
dotnet test Cairn.slnx -c Release --no-build --nologo \
    --logger "trx" --logger "console;verbosity=minimal" --results-directory "$RESULTS"
test_exit=$?

# ---- end to end: starknet.js against `cairn devnet` ------------------------------------------------
# tests/e2e/*.test.mjs start the node built above (a real process, real HTTP and WebSocket) and drive it
# with starknet.js 10.8.0; node's test runner reports TAP, whose "# pass" / "# fail" lines are counted.
e2e_passed=0
e2e_failed=0
CAIRN_DLL="$ROOT/src/Cairn.Node/bin/Release/net10.0/cairn.dll"
if [ -f "$CAIRN_DLL" ]; then
    echo "== node --test tests/e2e (starknet.js against cairn devnet)"
    e2e_log="$RESULTS/e2e.tap"
    (cd "$ROOT/tests/e2e" && CAIRN_DLL="$CAIRN_DLL" node --experimental-websocket --no-warnings --test --test-reporter=tap ./*.test.mjs) >"$e2e_log" 2>&1
    grep -E '^(not )?ok [0-9]+ ' "$e2e_log" | sed 's/^/  /'
    e2e_passed=$(grep -E '^# pass [0-9]+' "$e2e_log" | tail -n1 | grep -o '[0-9]*' || echo 0)
    e2e_failed=$(grep -E '^# fail [0-9]+' "$e2e_log" | tail -n1 | grep -o '[0-9]*' || echo 0)
    if [ "$e2e_failed" -gt 0 ] || [ "$e2e_passed" -eq 0 ]; then
        echo "test.sh: end-to-end failures (full TAP log: $e2e_log):" >&2
        grep -vE '^# \[.*WARN' "$e2e_log" | tail -n 60 >&2
        [ "$e2e_passed" -eq 0 ] && [ "$e2e_failed" -eq 0 ] && e2e_failed=1
    fi
else
    echo "test.sh: $CAIRN_DLL was not built; end-to-end tests not run" >&2
    e2e_failed=1
fi

# ---- count -------------------------------------------------------------------------------------
# Each test assembly writes one TRX file; sum their <Counters .../> and name them by their test DLL.
attr() { # attribute file
    grep -o "<Counters [^>]*" "$2" | head -n1 | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0
}
total_passed=0
total_failed=0
trx_count=0
echo
echo "== results"
shopt -s nullglob
for trx in "$RESULTS"/*.trx; do
    trx_count=$((trx_count + 1))
    name=$(grep -o 'codeBase="[^"]*"' "$trx" | head -n1 | sed -e 's/^codeBase="//' -e 's/"$//' -e 's#.*[/\\]##' -e 's/\.dll$//')
    [ -n "$name" ] || name="(an assembly with no tests)"
    p=$(attr passed "$trx"); f=$(attr failed "$trx"); e=$(attr error "$trx"); t=$(attr timeout "$trx"); a=$(attr aborted "$trx")
    n=$(attr notExecuted "$trx"); total=$(attr total "$trx")
    bad=$((f + e + t + a))
    printf '  %-32s %5d passed, %d failed, %d not executed (of %d)\n' "$name" "$p" "$bad" "$n" "$total"
    total_passed=$((total_passed + p))
    total_failed=$((total_failed + bad))
done
if [ "$trx_count" -eq 0 ]; then
    echo "  (no test results were written)"
fi
if [ "$test_exit" -ne 0 ] && [ "$total_failed" -eq 0 ]; then
    echo "test.sh: dotnet test exited with $test_exit although no test failed (a test host crashed?)" >&2
    total_failed=1
fi
printf '  %-32s %5d passed, %d failed\n' "e2e (starknet.js)" "$e2e_passed" "$e2e_failed"
total_passed=$((total_passed + e2e_passed))
total_failed=$((total_failed + e2e_failed))
if [ "$total_passed" -eq 0 ] && [ "$total_failed" -eq 0 ]; then
    echo "test.sh: no test ran" >&2
    total_failed=1
fi
finish "$total_passed" $((total_failed + extra_failed))
