#!/usr/bin/env bash
# Benchmark (not a test; nothing here asserts a time): gladys:start of the reference stack to healthy,
# side by side in one hyperfine run, in four placements of the same five services:
#   all local | all docker | hybrid: db in docker, the rest local | hybrid: db and orchestrator in docker
# Every run starts from a stopped stack (processes ended, containers stopped, not removed), the first
# starts (PostgreSQL unpacked, the services' image built) are not measured. Prints each mean and its
# ratio to all-local. The plugin is built here and put into a scratch local repository
# (bench/lib/scratch-plugin.sh). Needs hyperfine and a Docker engine; builds the offline base images.
# Results go to bench/results/. RUNS=5 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)"; exit 1; }
docker info >/dev/null 2>&1 || { echo "no Docker engine answers: start dockerd, or set DOCKER_HOST"; exit 1; }
runs=${RUNS:-5}
bash scripts/offline-base-images.sh >/dev/null
. bench/lib/scratch-plugin.sh
scratch_plugin
mkdir -p bench/results
# one directory for the one-environment stacks, one for the hybrid ones: Compose projects of their own
mkdir -p "$work/single" "$work/hybrid"
cp bench/docker/pom.xml "$work/single/"
sed 's:<composeProject>gladys-bench-docker</composeProject>:<composeProject>gladys-bench-hybrid</composeProject>:' \
  bench/docker/pom.xml > "$work/hybrid/pom.xml"
L="$M -f $work/single/pom.xml"
D="$M -f $work/single/pom.xml -Dgladys.env=docker"
H1="$M -f $work/hybrid/pom.xml -Dgladys.environments=db=docker"
H2="$M -f $work/hybrid/pom.xml -Dgladys.environments=db=docker,orchestrator=docker"
stop_all="$L $P:stop && $D $P:stop && $H1 $P:stop && $H2 $P:stop"
images_before=$(docker images -q gladys-reference | sort -u)
cleanup() {
  $L $P:stop >/dev/null 2>&1 || true
  for m in "$D" "$H1" "$H2"; do
    $m $P:stop -Dgladys.docker.down=true -Dgladys.docker.removeVolumes=true >/dev/null 2>&1 || true
  done
  # the services' image this run built (an image some container still uses is kept)
  comm -13 <(echo "$images_before") <(docker images -q gladys-reference | sort -u) | xargs -r docker rmi >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
for m in "$L" "$D" "$H1" "$H2"; do
  $m $P:start >/dev/null && $m $P:stop >/dev/null
done

hyperfine --runs "$runs" --prepare "$stop_all" \
  --command-name "all local" "$L $P:start" \
  --command-name "all docker" "$D $P:start" \
  --command-name "hybrid: db in docker" "$H1 $P:start" \
  --command-name "hybrid: db, orchestrator in docker" "$H2 $P:start" \
  --export-markdown "$root/bench/results/hybrid-vs-single.md" \
  --export-json "$root/bench/results/hybrid-vs-single.json"
python3 - "$root/bench/results/hybrid-vs-single.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
base = r["all local"]["mean"]
for name, x in r.items():
    print("%-36s %.2f s ± %.2f  ratio to all local %.2f" % (name, x["mean"], x["stddev"], x["mean"] / base))
PY
