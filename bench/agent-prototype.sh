#!/usr/bin/env bash
# Prototype measurement for a stack agent (not a test; nothing here asserts a time or a size): on the
# reference stack started by the plugin (embedded default, bench/ratios/pom.xml), what one JVM that keeps
# warm clients and answers "health" on a Unix domain socket (bench/agent/AgentPrototype.java) holds in
# memory after its first answer, against the plugin's per-service runner JVMs of the same stack; and,
# side by side in one hyperfine run, gladys:help, gladys:health, and a bare JVM asking the prototype
# (bench/agent/AgentClient.java: JDK classes only); and the CPU it uses while the stack idles
# (IDLE_SECONDS, default 60). Needs hyperfine. RUNS=10 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)"; exit 1; }
runs=${RUNS:-10}
. bench/lib/scratch-plugin.sh
scratch_plugin
mkdir -p "$work/project" "$work/agent" bench/results
cp bench/ratios/pom.xml "$work/project/"
cp=$(mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)
cp="target/classes:$cp"
javac -d "$work/agent" -cp "$cp" bench/agent/AgentPrototype.java bench/agent/AgentClient.java
sock="$work/agent/agent.sock"
agent=
cleanup() {
  [ -n "$agent" ] && kill "$agent" 2>/dev/null || true
  (cd "$work/project" && $M $P:stop >/dev/null 2>&1) || true
  rm -rf "$work"
}
trap cleanup EXIT
(cd "$work/project" && $M $P:start >/dev/null)

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
runners=0; n=0
for pid in $(pgrep -f io.gladys.local.runner.ServiceRunner); do
  runners=$(( runners + $(rss_kb "$pid") )); n=$(( n + 1 ))
done

run_agent() { # flags...
  rm -f "$sock"
  java "$@" -cp "$work/agent:$cp" AgentPrototype "$sock" "$work/project" 51432 51050 51051 51052 51053 \
    > "$work/agent/log" 2>&1 &
  agent=$!
  for _ in $(seq 1 100); do [ -S "$sock" ] && break; sleep 0.1; done
  java -cp "$work/agent" AgentClient "$sock" health > "$work/agent/answer"
  sleep 1
  rss=$(rss_kb "$agent")
}
small="-Xms16m -Xmx192m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData"
run_agent $small
rss_small=$rss
kill "$agent"; wait "$agent" 2>/dev/null || true
run_agent -Xms8m -Xmx48m -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -XX:MaxMetaspaceSize=64m \
  -XX:ReservedCodeCacheSize=16m -XX:CICompilerCount=1
rss_tight=$rss
# CPU the agent uses while the stack idles (its channels open, nobody asking), from /proc: clock ticks
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
idle=${IDLE_SECONDS:-60}
t0=$(cpu_ticks "$agent"); sleep "$idle"; t1=$(cpu_ticks "$agent")
idle_ms=$(( (t1 - t0) * 1000 / $(getconf CLK_TCK) ))
echo "answer of the prototype:"; cat "$work/agent/answer"

(cd "$work/project" && hyperfine --runs "$runs" --warmup 1 \
  --command-name "help" "$M $P:help" \
  --command-name "health" "$M $P:health" \
  --command-name "bare JVM asking the prototype" "java -Xshare:auto -XX:TieredStopAtLevel=1 -cp $work/agent AgentClient $sock health" \
  --export-json "$root/bench/results/agent-prototype.json" >/dev/null)
{
  echo "runner JVMs of the reference stack: $n, resident $(( runners / 1024 )) MB together"
  echo "prototype agent after one health (runner flags: $small): $(( rss_small / 1024 )) MB"
  echo "prototype agent after one health (48 MB heap, 64 MB metaspace, 16 MB code cache, 1 compiler): $(( rss_tight / 1024 )) MB"
  echo "prototype agent CPU while the stack idles ${idle} s: ${idle_ms} ms"
  python3 - "$root/bench/results/agent-prototype.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
h = r["help"]["mean"]
for name, x in r.items():
    print("%-32s %.3f s ± %.3f  ratio to help %.2f" % (name, x["mean"], x["stddev"], x["mean"] / h))
PY
} | tee "$root/bench/results/agent-prototype.txt"
