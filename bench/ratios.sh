#!/usr/bin/env bash
# Every ratio of the speed table, side by side in one run (not a test; nothing here asserts a time):
#   gladys:start of the whole reference stack against gladys:start -Dservice=db;
#   gladys:health and gladys:status of the running stack against gladys:help (the Maven floor of the plugin),
#   and what health adds to that floor against the same probes in a bare JVM (bench/ProbeFloor.java);
#   gladys:query of 1,000,000 rows against psql -c of the same query, as CSV and as text;
#   peak RSS (/usr/bin/time -v) of gladys:query (text and CSV, Maven's default JVM) against psql;
#   sync-check (bench/SyncCheckBench.java, 1,000 protos) and what it adds to mvn validate;
#   the plugin's tail of a 1 GiB log against tail -n;
#   the stack agent: resident memory of what the plugin runs besides the services and the database, after
#   a health, and its CPU while the stack idles (IDLE seconds, default 60), under both process controls.
# The plugin is built here and put into a scratch local repository (bench/lib/scratch-plugin.sh); the
# goals run on a fresh scratch project (bench/ratios/pom.xml: the embedded default on ports 51xxx). Needs hyperfine, psql, jq.
# Results: bench/results/ratios.txt and the hyperfine exports beside it. RUNS=n sets the runs of the
# quick commands (default 10; the slow ones take half).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
for tool in hyperfine psql jq; do
  command -v $tool >/dev/null || { echo "$tool is not installed (apt-get install $tool)"; exit 1; }
done
runs=${RUNS:-10}
slow=$(( runs > 3 ? runs / 2 : 3 ))
out="$root/bench/results"
mkdir -p "$out"
protoc_version=$(sed -n 's:.*<protobuf.version>\(.*\)</protobuf.version>.*:\1:p' pom.xml | head -1)
. bench/lib/scratch-plugin.sh
scratch_plugin
scratch_stack_project

hf() { hyperfine --style basic "$@"; }

# 1. start: whole stack to healthy against the database alone, each from a stopped stack
hf --runs "$slow" --prepare "$M $P:stop" \
  --command-name "start (whole stack)" "$M $P:start" \
  --command-name "start -Dservice=db" "$M $P:start -Dservice=db" \
  --export-json "$out/ratios-start.json"

# 2. probes of the running stack against the Maven floor; beside them, the same probes (the plugin's
# HealthChecker) in a bare JVM against that JVM printing only: the cost of gRPC, Netty, protobuf and
# pgjdbc starting cold, which no goal can go below
cd "$root"
cp=$(mvn -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime | grep -Eo '/[^:]*\.jar' | paste -sd:)
mkdir "$work/probe-floor"
javac -d "$work/probe-floor" -cp "target/classes:$cp" bench/ProbeFloor.java
F="java -cp $work/probe-floor:$root/target/gladys-maven-plugin-$version.jar:$cp ProbeFloor"
services="orchestrator=51050:gladys.v1.OrchestratorService memory-python=51051:gladys.memory.MemoryStorage"
services="$services memory-rust=51052:gladys.memory.SalienceGateway executive-stub=51053:gladys.v1.ExecutiveService"
cd "$work/project"
$M $P:start >/dev/null
hf --warmup 1 --runs "$runs" \
  --command-name "help" "$M $P:help" \
  --command-name "health" "$M $P:health" \
  --command-name "status" "$M $P:status" \
  --command-name "bare JVM" "$F --hello" \
  --command-name "bare JVM probes" "$F 51432 $services" \
  --export-json "$out/ratios-probe.json"

# 2b. the stack agent: what the plugin runs besides the services (resident memory after the health runs
# above), and its CPU time over IDLE seconds of an idle stack, from /proc; then the same under the
# portable process control
idle=${IDLE:-60}
agent_pids() { pgrep -f 'io.gladys.local.agent.StackAgent' || true; }
rss_of() { local t=0 kb; for p in "$@"; do kb=$(awk '/VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0); t=$((t + ${kb:-0})); done; echo $((t / 1024)); }
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000 / hz }' "/proc/$1/stat"; }
agent_figures() { # control
  local pids p c0 c1
  pids=$(agent_pids)
  [ "$(echo "$pids" | wc -w)" = 1 ] || { echo "expected one agent, found: $pids" >&2; exit 1; }
  p=$pids
  c0=$(cpu_ms "$p"); sleep "$idle"; c1=$(cpu_ms "$p")
  echo "agent ($1): resident memory after health|$(rss_of $p) MB||"
  echo "agent ($1): CPU while the stack idles ${idle} s|$(python3 -c "print('%.0f ms' % ($c1 - $c0))")||"
}
agent_groups=$(agent_figures groups)
$M $P:stop >/dev/null
$M $P:start -Dgladys.processControl=portable >/dev/null
$M $P:health >/dev/null
agent_portable=$(agent_figures portable)
$M $P:stop >/dev/null
$M $P:start >/dev/null

# 3. a million rows, CSV and text, against psql
export PGHOST=localhost PGPORT=51432 PGDATABASE=gladys PGUSER=gladys PGPASSWORD=gladys
SQL="SELECT g AS id, md5(g::text) AS name, now() AS at FROM generate_series(1, 1000000) g"
hf --warmup 1 --runs "$slow" \
  --command-name "query csv" "$M $P:query -Dgladys.format=csv '-Dsql=$SQL' > /dev/null" \
  --command-name "psql --csv" "psql --csv -c '$SQL' > /dev/null" \
  --command-name "query text" "$M $P:query '-Dsql=$SQL' > /dev/null" \
  --command-name "psql" "psql -c '$SQL' > /dev/null" \
  --export-json "$out/ratios-query.json"

# 4. peak memory: the largest of three runs each, Maven's default JVM (MAVEN_OPTS unset)
rss() {
  local max=0 kb
  for _ in 1 2 3; do
    env -u MAVEN_OPTS /usr/bin/time -v bash -c "$1 > /dev/null" 2> "$work/time.txt" \
      || { echo "failed: $1" >&2; tail -20 "$work/time.txt" >&2; exit 1; }
    kb=$(grep 'Maximum resident' "$work/time.txt" | grep -Eo '[0-9]+$' || echo 0)
    if (( kb > max )); then max=$kb; fi
  done
  echo $(( max / 1024 ))
}
rss_text=$(rss "$M $P:query '-Dsql=$SQL'")
rss_csv=$(rss "$M $P:query -Dgladys.format=csv '-Dsql=$SQL'")
rss_psql=$(rss "psql -c '$SQL'")
rss_psql_csv=$(rss "psql --csv -c '$SQL'")
$M $P:stop >/dev/null

# 5. sync-check (as bench/sync-check.sh): the check on 1,000 protos, and what it adds to mvn validate
cd "$root"
protoc="$HOME/.m2/repository/com/google/protobuf/protoc/$protoc_version/protoc-$protoc_version-linux-x86_64.exe"
java -cp "target/classes:$cp" bench/SyncCheckBench.java "$protoc" 1000 > "$out/ratios-sync-check-1000.txt"
V="mvn -B -q -s $settings -Dmaven.repo.local=$repo"
# drift found in the tree (IT copies under target/) does not matter here: the cost of the check does
S="-Dgladys.syncCheck.offline -Dgladys.failOnDrift=false"
$V validate $P:sync-check $S >/dev/null   # fills the scratch repository
hf --warmup 1 --runs "$runs" \
  --command-name "mvn validate" "$V -o validate" \
  --command-name "mvn validate + gladys:sync-check" "$V -o validate $P:sync-check $S" \
  --export-json "$out/ratios-sync-check.json"

# 6. tail (as bench/local-start-and-tail.sh): the last 100 lines of a 1 GiB log
log="$work/big.log"
{ yes "2026-11-26 16:41:50.762 INFO    [io.gladys.reference.common.ReferenceServer] a log line of a chatty service" \
  | head -c 1073741824 > "$log"; } || true
hf --warmup 2 --runs "$runs" \
  --command-name "plugin tail (JVM included)" "java -cp target/classes bench/TailBench.java $log 100" \
  --command-name "tail -n 100" "tail -n 100 $log" \
  --export-json "$out/ratios-tail.json"
tail_in_jvm=$(java -cp target/classes bench/TailBench.java "$log" 100 200 2>&1 >/dev/null | tail -1)
rm -f "$log"

# the table: mean ± σ of each side, and the ratio with its spread (σ of a quotient, first order)
ratio() { # file, numerator name, denominator name, label
  jq -r --arg a "$2" --arg b "$3" --arg what "$4" '
    (.results[] | select(.command == $a)) as $x | (.results[] | select(.command == $b)) as $y
    | ($x.mean / $y.mean) as $r
    | ((($x.stddev // 0) / $x.mean) as $u | (($y.stddev // 0) / $y.mean) as $v
       | $r * (($u * $u + $v * $v) | sqrt)) as $s
    | "\($what)|\($x.mean * 1000 | round / 1000) s ± \(($x.stddev // 0) * 1000 | round / 1000)"
      + "|\($y.mean * 1000 | round / 1000) s ± \(($y.stddev // 0) * 1000 | round / 1000)"
      + "|\($r * 100 | round / 100)× ± \($s * 100 | round / 100)"' "$1"
}
net() { # query minus the Maven floor, against psql
  local q h p
  q=$(jq --arg c "$2" '.results[] | select(.command == $c) | .mean' "$out/ratios-query.json")
  p=$(jq --arg c "$3" '.results[] | select(.command == $c) | .mean' "$out/ratios-query.json")
  h=$(jq '.results[] | select(.command == "help") | .mean' "$out/ratios-probe.json")
  python3 -c "print('$1|%.3f s − %.3f s|%.3f s|%.2f×' % ($q, $h, $p, ($q - $h) / $p))"
}
floor() { # what a goal adds past the Maven floor, against the same work past a bare JVM's start
  local f="$out/ratios-probe.json" g h b j
  g=$(jq --arg c "$2" '.results[] | select(.command == $c) | .mean' "$f")
  h=$(jq --arg c "$3" '.results[] | select(.command == $c) | .mean' "$f")
  b=$(jq --arg c "$4" '.results[] | select(.command == $c) | .mean' "$f")
  j=$(jq --arg c "$5" '.results[] | select(.command == $c) | .mean' "$f")
  python3 -c "print('$1|%.3f s − %.3f s|%.3f s − %.3f s|%.2f×' % ($g, $h, $b, $j, ($g - $h) / ($b - $j)))"
}
{
  echo "what|plugin (mean ± σ)|against (mean ± σ)|ratio"
  echo "---|---|---|---"
  ratio "$out/ratios-start.json" "start (whole stack)" "start -Dservice=db" "start whole stack / start db"
  ratio "$out/ratios-probe.json" "health" "help" "health (5 services) / help"
  ratio "$out/ratios-probe.json" "status" "help" "status / help"
  floor "health − help, against the same probes in a bare JVM − its start" "health" "help" "bare JVM probes" "bare JVM"
  ratio "$out/ratios-query.json" "query csv" "psql --csv" "query csv / psql --csv (1,000,000 rows)"
  net "query csv − help, net / psql --csv" "query csv" "psql --csv"
  ratio "$out/ratios-query.json" "query text" "psql" "query text / psql (1,000,000 rows)"
  net "query text − help, net / psql" "query text" "psql"
  echo "peak RSS query text / psql|$rss_text MB|$rss_psql MB|$(python3 -c "print('%.2f×' % ($rss_text / $rss_psql))")"
  echo "peak RSS query csv / psql --csv|$rss_csv MB|$rss_psql_csv MB|$(python3 -c "print('%.2f×' % ($rss_csv / $rss_psql_csv))")"
  ratio "$out/ratios-sync-check.json" "mvn validate + gladys:sync-check" "mvn validate" "validate + sync-check / validate"
  ratio "$out/ratios-tail.json" "plugin tail (JVM included)" "tail -n 100" "tail of 1 GiB (JVM included) / tail -n"
  echo "sync-check of 1,000 protos (in the JVM)|$(grep -E '^(cold|warm) run' "$out/ratios-sync-check-1000.txt" | tr '\n' ' ')||"
  echo "tail of 1 GiB in the JVM (best of 200)|$tail_in_jvm||"
  echo "$agent_groups"
  echo "$agent_portable"
} | column -t -s '|' | tee "$out/ratios.txt"
