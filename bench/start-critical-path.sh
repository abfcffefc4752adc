#!/usr/bin/env bash
# Benchmark (not a test; nothing here asserts a time): gladys:start of the whole reference stack to
# healthy against gladys:start of the database alone, side by side in one hyperfine run, on a fresh
# scratch project (bench/stack/pom.xml). The stack is stopped before every run. Prints the ratio.
# The plugin is built here and put into a scratch local repository (bench/lib/scratch-plugin.sh).
# Needs hyperfine (apt-get install hyperfine). Results go to bench/results/. RUNS=10 by default.
# CDS=compare adds the whole stack without class-data archives (-Dgladys.classDataArchive=false) and with
# archives created by that start (.gladys/cds deleted before it), and the stop after each kind of start.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)"; exit 1; }
runs=${RUNS:-10}
. bench/lib/scratch-plugin.sh
scratch_plugin
mkdir -p bench/results
trap 'cd "$work" && $M $P:stop >/dev/null 2>&1; rm -rf "$work"' EXIT
cp bench/stack/pom.xml "$work/"
cd "$work"
# the first start unpacks PostgreSQL, creates the cluster and any class-data archive: not measured
$M $P:start >/dev/null && $M $P:stop >/dev/null

echo "hyperfine commands (in $work):"
echo "  prepare: $M $P:stop"
echo "  whole stack: $M $P:start"
echo "  db alone:    $M $P:start -Dservice=db"
cds=()
if [ "${CDS:-}" = compare ]; then
  cds=(--command-name "start, whole stack, no class-data archive" "$M $P:start -Dgladys.classDataArchive=false"
       --command-name "start, whole stack, creating the archives" "rm -rf .gladys/cds && $M $P:start")
fi
hyperfine --warmup 1 --runs "$runs" --prepare "$M $P:stop" --cleanup "$M $P:stop" \
  --command-name "start, whole stack" "$M $P:start" \
  --command-name "start, db alone" "$M $P:start -Dservice=db" \
  "${cds[@]}" \
  --export-markdown "$root/bench/results/start-critical-path.md" \
  --export-json "$root/bench/results/start-critical-path.json"
python3 - "$root/bench/results/start-critical-path.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
s, d = r["start, whole stack"], r["start, db alone"]
print("whole stack %.2f s ± %.2f, db alone %.2f s ± %.2f: ratio %.2f" % (s["mean"], s["stddev"], d["mean"], d["stddev"],
      s["mean"] / d["mean"]))
for name, x in r.items():
    if "archive" in name:
        print("%s %.2f s ± %.2f: ratio to db alone %.2f" % (name, x["mean"], x["stddev"], x["mean"] / d["mean"]))
PY
if [ "${CDS:-}" = compare ]; then
  # the stop after a start that creates the archives: the JVMs write them as they exit
  hyperfine --runs "$runs" \
    --prepare "$M $P:stop && rm -rf .gladys/cds && $M $P:start" --command-name "stop, archives written" "$M $P:stop" \
    --prepare "$M $P:stop && $M $P:start" --command-name "stop, archives mapped" "$M $P:stop" \
    --prepare "$M $P:stop && $M $P:start -Dgladys.classDataArchive=false" --command-name "stop, no archive" \
    "$M $P:stop" --export-markdown "$root/bench/results/stop-class-data-archive.md"
fi
