#!/usr/bin/env bash
# Benchmarks of the local environment (not tests; nothing here asserts a time):
#  1. gladys:start of the whole reference stack to healthy: on a fresh project, and from a stopped
#     stack with independent services in parallel (the default) against one after another
#     (-Dgladys.start.parallel=false); gladys:health of the running stack;
#  2. the last 100 lines of a 1 GiB log: the plugin's tail against tail -n.
# Needs hyperfine (apt-get install hyperfine). Results go to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)"; exit 1; }
version=$(mvn -B -q help:evaluate -Dexpression=project.version -DforceStdout | grep -Eo "[0-9]+\.[0-9]+\.[0-9]+(-SNAPSHOT)?" | head -1)
mvn -B -q install -DskipTests -Dinvoker.skip
mkdir -p bench/results
work=$(mktemp -d)
trap 'cd "$work" && mvn -B -q io.gladys:gladys-maven-plugin:$version:stop -Dgladys.version=$version >/dev/null 2>&1; rm -rf "$work"' EXIT
cp bench/stack/pom.xml "$work/"
cd "$work"
P="io.gladys:gladys-maven-plugin:$version"
M="mvn -B -q -Dgladys.version=$version"
# first start unpacks PostgreSQL and creates the cluster: not part of what is measured
$M $P:start >/dev/null && $M $P:stop >/dev/null

# a first start on a fresh project: unpacks PostgreSQL, creates the cluster, applies the migrations
hyperfine --runs 3 --prepare "$M $P:stop; rm -rf .gladys" \
  --command-name "start, fresh project" "$M $P:start" \
  --export-markdown "$root/bench/results/start-fresh.md" --export-json "$root/bench/results/start-fresh.json"
# health of the running stack (five services probed at once)
hyperfine --warmup 1 --runs 10 --command-name "health" "$M $P:health" \
  --export-markdown "$root/bench/results/health.md" --export-json "$root/bench/results/health.json"

hyperfine --runs 5 --prepare "$M $P:stop" \
  --command-name "start, parallel" "$M $P:start" \
  --command-name "start, one after another" "$M $P:start -Dgladys.start.parallel=false" \
  --export-markdown "$root/bench/results/start.md" --export-json "$root/bench/results/start.json"
$M $P:stop >/dev/null

log="$work/big.log"
# (yes ends on SIGPIPE when head has enough: not a failure)
{ yes "2026-11-26 16:41:50.762 INFO    [io.gladys.reference.common.ReferenceServer] a log line of a chatty service" \
  | head -c 1073741824 > "$log"; } || true
cd "$root"
hyperfine --warmup 2 --runs 10 \
  --command-name "plugin tail (JVM included)" "java -cp target/classes bench/TailBench.java $log 100" \
  --command-name "tail -n 100" "tail -n 100 $log" \
  --export-markdown bench/results/tail.md --export-json bench/results/tail.json
java -cp target/classes bench/TailBench.java "$log" 100 200 2>&1 | tee bench/results/tail-in-jvm.txt
/usr/bin/time -v java -cp target/classes bench/TailBench.java "$log" 100 > /dev/null 2> bench/results/tail-time-v.txt || true
grep -E "Maximum resident|Elapsed" bench/results/tail-time-v.txt
