#!/usr/bin/env bash
# Times one `fencecheck test` from outside: seconds from the command's start to its run folder, to
# the first client op in history.jsonl, to the command's exit, and to the last container of the run
# gone (`docker ps -a` polled for its run label), plus the verdict and op count. Polls every 0.2 s.
# Usage: npm run build && bash bench/run-timeline.sh --backend redis --clients 100 --nemesis pause-holder --time-limit 60
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(mktemp -d)
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
start=$(now)
node bin/fencecheck.js test "$@" --results "$root" >"$root/out.log" 2>"$root/err.log" &
pid=$!
folder="" run_id="" first_op="" exited="" containers_seen=0 gone=""
while :; do
  t=$(now)
  if [ -z "$run_id" ] && [ -f "$root/latest/test.json" ]; then
    folder=$(since "$start" "$t")
    run_id=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).runId)' "$root/latest/test.json")
  fi
  if [ -z "$first_op" ] && [ -f "$root/latest/history.jsonl" ] && grep -q '"process":[0-9]' "$root/latest/history.jsonl"; then
    first_op=$(since "$start" "$t")
  fi
  if [ -n "$run_id" ]; then
    n=$(docker ps -aq --filter "label=fencecheck.run=$run_id" | wc -l)
    [ "$n" -gt "$containers_seen" ] && containers_seen=$n
    if [ "$containers_seen" -gt 0 ] && [ "$n" -eq 0 ] && [ -z "$gone" ]; then gone=$(since "$start" "$t"); fi
  fi
  if [ -z "$exited" ] && ! kill -0 "$pid" 2>/dev/null; then exited=$(since "$start" "$t"); fi
  if [ -n "$exited" ] && { [ -n "$gone" ] || [ -z "$run_id" ]; }; then break; fi
  sleep 0.2
done
wait "$pid"; code=$?
echo "command: fencecheck test $*"
echo "exit $code; run folder at ${folder:-none} s; first client op at ${first_op:-none} s; command exited at $exited s; last container gone at ${gone:-never} s (most containers at once: $containers_seen)"
grep -E '^  started [0-9]+/' "$root/err.log" | tail -3
if [ -f "$root/latest/results.json" ]; then
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(`verdict ${r.valid}, ${r.ops} history lines: ${r.summary}`)' "$root/latest/results.json"
fi
echo "run folder: $root/latest"
