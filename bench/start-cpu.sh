#!/usr/bin/env bash
# Benchmark (not a test; nothing here asserts a time): where the CPU of gladys:start goes, the whole
# reference stack against the database alone, each from a stopped stack, alternating, on a fresh scratch
# project (bench/ratios/pom.xml). For each start: its wall time and the goal's JVM (user + system, from
# /usr/bin/time), the stack agent, and each service with the processes under it (from /proc once the goal
# has returned: every one of them was launched by that start; a child that has ended counts through its
# parent). Then each service other than the database stopped and started again alone while the rest of
# the stack runs: what its launch costs without other services booting beside it.
# The plugin is built here and put into a scratch local repository (bench/lib/scratch-plugin.sh).
# RUNS=5 by default. Needs python3. Results: bench/results/start-cpu.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
[ -x /usr/bin/time ] || { echo "/usr/bin/time is not installed (apt-get install time)"; exit 1; }
runs=${RUNS:-5}
out="$root/bench/results"
mkdir -p "$out"
. bench/lib/scratch-plugin.sh
scratch_plugin
scratch_stack_project
# runs a goal quietly; its output is shown when it fails
quiet() { "$@" >"$work/goal.log" 2>&1 || { cat "$work/goal.log" >&2; echo "failed: $*" >&2; return 1; }; }

hz=$(getconf CLK_TCK)
# ms of CPU of one process: its own (utime + stime), with those of its ended children (cutime + cstime)
# when asked, from /proc/PID/stat: after the command's closing parenthesis, field N of proc(5) is $N here
# (pid and the flag come first), so utime, stime, cutime and cstime are $14 to $17
cpu_ms() { # pid with-children
  local f
  f=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  set -- "$1" "$2" $f
  local own=$(( ${14} + ${15} )) kids=$(( ${16} + ${17} ))
  [ "$2" = yes ] && own=$((own + kids))
  echo $((own * 1000 / hz))
}
# ms of CPU of a process and every live process under it, with their ended children
tree_ms() { # pid
  local t c
  t=$(cpu_ms "$1" yes)
  for c in $(ps -e -o pid=,ppid= | awk -v p="$1" '$2 == p {print $1}'); do t=$((t + $(tree_ms "$c"))); done
  echo "$t"
}
agent_pid() { sed -n 's/^pid=//p' .gladys/agent/agent.record 2>/dev/null || true; }
service_pid() { sed -n 's/^child.pid=//p' ".gladys/services/$1.record" 2>/dev/null || true; }
# stops the stack and waits until its agent has left (it leaves once its last service has stopped)
stopped() {
  quiet $M $P:stop
  local p
  p=$(agent_pid)
  for _ in $(seq 1 100); do [ -n "$p" ] && kill -0 "$p" 2>/dev/null || return 0; sleep 0.1; done
  echo "the agent $p did not leave after the stop" >&2; exit 1
}
# one start: prints kind, wall s, goal ms, agent ms, then name=ms for each service
measure() { # kind goal-arguments...
  local kind=$1 s p line
  shift
  stopped
  quiet /usr/bin/time -o "$work/time" -f '%e %U %S' $M $P:start "$@"
  set -- $(tail -1 "$work/time")
  line="$kind $1 $(python3 -c "print(round(($2 + $3) * 1000))") $(cpu_ms "$(agent_pid)" no)"
  for s in .gladys/services/*.record; do
    s=$(basename "$s" .record)
    p=$(service_pid "$s")
    [ -n "$p" ] && line="$line $s=$(tree_ms "$p")"
  done
  echo "$line"
}

samples="$work/samples.txt"
for i in $(seq 1 "$runs"); do
  measure whole >>"$samples"
  measure db -Dservice=db >>"$samples"
done
# each service again alone, the rest of the stack running
stopped
quiet $M $P:start
services=$(ls .gladys/services/*.record | xargs -n1 basename | sed 's/\.record$//' | grep -vx db)
for i in $(seq 1 "$runs"); do
  for s in $services; do
    quiet $M $P:stop -Dservice="$s"
    quiet $M $P:start -Dservice="$s"
    echo "alone $s=$(tree_ms "$(service_pid "$s")")" >>"$samples"
  done
done

{
  echo "gladys:start, CPU by process (bench/start-cpu.sh, $runs runs, $(nproc) cores, $(date -u +%F))"
  python3 - "$samples" <<'PY'
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
def m(xs): return "%.0f ± %.0f" % (st.mean(xs), st.stdev(xs) if len(xs) > 1 else 0)
kinds = {}
for r in rows:
    if r[0] in ("whole", "db"):
        kinds.setdefault(r[0], []).append(r)
table = {}
for kind, rs in kinds.items():
    svc = {}
    for r in rs:
        for kv in r[4:]:
            k, v = kv.split("=")
            svc.setdefault(k, []).append(int(v))
    table[kind] = {"wall ms": [float(r[1]) * 1000 for r in rs], "goal JVM ms": [int(r[2]) for r in rs],
                   "agent ms": [int(r[3]) for r in rs]}
    for k, v in sorted(svc.items()):
        table[kind]["service " + k + " ms"] = v
    table[kind]["services ms"] = [sum(int(kv.split("=")[1]) for kv in r[4:]) for r in rs]
    table[kind]["all CPU ms"] = [int(r[2]) + int(r[3]) + s for r, s in zip(rs, table[kind]["services ms"])]
keys = list(dict.fromkeys(k for t in table.values() for k in t))
print("%-28s %16s %16s %12s" % ("", "whole stack", "db alone", "difference"))
for k in keys:
    w, d = table.get("whole", {}).get(k), table.get("db", {}).get(k)
    diff = "%.0f" % (st.mean(w) - st.mean(d)) if w and d else ""
    print("%-28s %16s %16s %12s" % (k, m(w) if w else "-", m(d) if d else "-", diff))
if "whole" in table and "db" in table:
    print("start whole / db (wall): %.2fx" % (st.mean(table["whole"]["wall ms"]) / st.mean(table["db"]["wall ms"])))
alone = {}
for r in rows:
    if r[0] == "alone":
        k, v = r[1].split("=")
        alone.setdefault(k, []).append(int(v))
if alone:
    print("each service started alone, the rest of the stack running (ms of CPU):")
    for k, v in sorted(alone.items()):
        print("  %-26s %s" % (k, m(v)))
PY
} | tee "$out/start-cpu.txt"
