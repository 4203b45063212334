#!/usr/bin/env bash
# Runs one `fencecheck test` scenario over seeds 1..SEEDS and prints, per seed, the verdict and
# the figures of results.json (double-holder incidents, lost updates, acknowledged elements, stale
# requests refused), then the tally. The verdict is re-derived by `fencecheck check` on the saved
# run folder (CHECK_BIN picks another build's CLI for that, e.g. a branch with newer checkers).
# Usage: npm run build && SEEDS=10 bash bench/cli-seeds.sh --backend postgres --pooler pgbouncer --recipe session --time-limit 10
set -uo pipefail
cd "$(dirname "$0")/.."
seeds=${SEEDS:-10}
check_bin=${CHECK_BIN:-bin/fencecheck.js}
root=$(mktemp -d)
tally_false=0; tally_true=0; tally_unknown=0
echo "scenario: fencecheck test $* (seeds 1..$seeds)"
echo "seed  verdict  incidents  lost  acked  stale-refused"
for seed in $(seq 1 "$seeds"); do
  node bin/fencecheck.js test "$@" --seed "$seed" --results "$root/$seed" >/dev/null 2>"$root/$seed.err"
  folder="$root/$seed/latest"
  if [ ! -f "$folder/history.jsonl" ]; then echo "$seed  crash: $(tail -1 "$root/$seed.err")"; continue; fi
  node "$check_bin" check "$folder" --json > "$root/$seed.json" 2>/dev/null || true
  node -e '
    const fs = require("fs");
    let r; try { r = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch { r = JSON.parse(fs.readFileSync(process.argv[2] + "/results.json", "utf8")); }
    const c = r.checkers ?? {};
    const row = [process.argv[3].padStart(4), String(r.valid).padEnd(7), String((c.exclusion?.incidents ?? []).length).padStart(9),
      String((c["lost-updates"]?.lost ?? []).length).padStart(4), String(c["lost-updates"]?.acknowledged ?? "?").padStart(5),
      String(c.fencing?.rejectedStale ?? "?").padStart(13)];
    console.log(row.join("  "));
    fs.appendFileSync(process.argv[4], String(r.valid) + "\n");
  ' "$root/$seed.json" "$folder" "$seed" "$root/verdicts"
done
tally_false=$(grep -c '^false$' "$root/verdicts" || true); tally_true=$(grep -c '^true$' "$root/verdicts" || true)
tally_unknown=$(grep -c '^unknown$' "$root/verdicts" || true)
echo "false $tally_false, true $tally_true, unknown $tally_unknown of $seeds seeds"
rm -rf "$root"
