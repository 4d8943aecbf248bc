#!/usr/bin/env bash
# Issue 7's proof figures: for each n given (default 14 16 18), assembles a counting loop that proof mode pads to
# exactly 2^n Cairo steps, proves it with `cairn prove` (plain layout, profile dev unless PROFILE is set) under
# /usr/bin/time -v, verifies it, and prints steps, prove time, steps/s, verify time, proof size, peak RSS and
# peak RSS per step. The prover's own phase timings go to prove-<n>.log in the work folder.
#   bench/prove.sh [14 16 18 20]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
profile="${PROFILE:-dev}"
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(14 16 18)
work="$root/.cairn/prove-bench"; mkdir -p "$work"
dotnet build "$root/src/Cairn.Node/Cairn.Node.csproj" -c Release -nologo -v quiet -o "$root/.cairn/prove-node" >/dev/null
cairn=(dotnet "$root/.cairn/prove-node/cairn.dll")
printf '| steps | prove | steps/s | verify | proof | peak RSS | per step |\n|---|---:|---:|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  iterations=$(( ((1 << n) - 16) / 4 ))
  cat >"$work/loop$n.casm" <<CASM
__start__:
    ap += 0
    call main
__end__:
    jmp rel 0
main:
    [ap] = $iterations, ap++
loop:
    [ap] = [ap + -1] + -1, ap++
    [ap] = [ap + -1] * 3, ap++
    [ap] = [ap + -2], ap++
    jmp loop if [ap + -1] != 0
    ret
CASM
  "${cairn[@]}" asm "$work/loop$n.casm" -o "$work/loop$n.json" >/dev/null
  /usr/bin/time -v "${cairn[@]}" prove "$work/loop$n.json" --profile "$profile" -o "$work/loop$n.proof" >"$work/prove-$n.log" 2>&1
  seconds=$(grep "Elapsed (wall clock)" "$work/prove-$n.log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss_kb=$(grep "Maximum resident set size" "$work/prove-$n.log" | awk '{print $NF}')
  # `cairn verify` reports its own verification time (one cold run in a fresh process, JIT included).
  verify_ms=$("${cairn[@]}" verify "$work/loop$n.proof" 2>&1 >/dev/null | sed -n 's/^verify: \([0-9.]*\) ms.*/\1/p')
  bytes=$(stat -c %s "$work/loop$n.proof")
  steps=$((1 << n))
  awk -v n="$n" -v steps="$steps" -v s="$seconds" -v v="$verify_ms" -v b="$bytes" -v r="$rss_kb" 'BEGIN {
    printf "| 2^%d | %.1f s | %.0f | %s ms | %d B | %.2f GB | %.1f KB |\n", n, s, steps / s, v, b, r / 1048576, r / steps }'
done
