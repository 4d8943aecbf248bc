#!/usr/bin/env bash
# Issue 6's load test: starts `cairn devnet` with 1 s blocks and 50 funded accounts, then sends signed
# STRK transfers over JSON-RPC from all of them (bench/Cairn.LoadGen) and prints the gateway rate, the
# sustained rate to ACCEPTED_ON_L2 and the latency p50/p99. Arguments go to the load generator.
#   bench/load.sh [--per-account 40] [--concurrency 16]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port=$((5600 + RANDOM % 300))
dotnet build "$root/src/Cairn.Node/Cairn.Node.csproj" -c Release -nologo -v quiet -o "$root/.cairn/load-node" >/dev/null
dotnet build "$root/bench/Cairn.LoadGen/Cairn.LoadGen.csproj" -c Release -nologo -v quiet -o "$root/.cairn/load-gen" >/dev/null
log=$(mktemp)
dotnet "$root/.cairn/load-node/cairn.dll" devnet --port "$port" --accounts 50 --block-time 1000 >"$log" 2>&1 &
node=$!
trap 'kill $node 2>/dev/null; wait $node 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 120); do grep -q "JSON-RPC 0.10 at" "$log" && break; sleep 0.5; done
dotnet "$root/.cairn/load-gen/Cairn.LoadGen.dll" --rpc "http://127.0.0.1:$port/rpc/v0_10" "$@"
