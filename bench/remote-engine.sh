#!/usr/bin/env bash
# Benchmark (not a test; nothing here asserts a time): gladys:start of the reference stack in docker to
# healthy, side by side in one hyperfine run, through the engine's local socket and through a TLS
# endpoint with client-certificate verification on 127.0.0.2 in front of the same engine (the remote
# engine the tests use: src/test/java/io/gladys/testing/TlsEngineEndpoint.java). Two Compose projects,
# one per way; every run starts from a stopped stack (containers stopped, not removed); the first starts
# (the services' image built) are not measured. Prints each mean and its ratio to the local socket.
# Needs hyperfine, openssl and a Docker engine on /var/run/docker.sock; builds the offline base images.
# Results go to bench/results/. RUNS=5 by default.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)"; exit 1; }
docker info >/dev/null 2>&1 || { echo "no Docker engine answers: start dockerd"; exit 1; }
runs=${RUNS:-5}
bash scripts/offline-base-images.sh >/dev/null
. bench/lib/scratch-plugin.sh
scratch_plugin
mkdir -p bench/results "$work/socket" "$work/tls" "$work/endpoint"
cp bench/docker/pom.xml "$work/socket/"
sed 's:<composeProject>gladys-bench-docker</composeProject>:<composeProject>gladys-bench-remote</composeProject>:' \
  bench/docker/pom.xml > "$work/tls/pom.xml"

# the TLS endpoint, served while its input stays open
mkfifo "$work/endpoint/in"
cp=$(mvn -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
java -cp "target/test-classes:target/classes:$cp" io.gladys.testing.TlsEngineEndpoint "$work/endpoint" \
  < "$work/endpoint/in" > "$work/endpoint/log" 2>&1 &
endpoint=$!
exec 3> "$work/endpoint/in"
for _ in $(seq 1 100); do [ -s "$work/endpoint/host" ] && break; sleep 0.2; done
host=$(cat "$work/endpoint/host")

S="$M -f $work/socket/pom.xml -Dgladys.env=docker"
T="env DOCKER_HOST=$host DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$work/endpoint/certs $M -f $work/tls/pom.xml -Dgladys.env=docker -Dgladys.docker.publishAddress=127.0.0.2 -Dgladys.portOffset=100"
images_before=$(docker images -q gladys-reference | sort -u)
cleanup() {
  for m in "$S" "$T"; do
    $m $P:stop -Dgladys.docker.down=true -Dgladys.docker.removeVolumes=true >/dev/null 2>&1 || true
  done
  exec 3>&- || true
  kill "$endpoint" 2>/dev/null || true
  comm -13 <(echo "$images_before") <(docker images -q gladys-reference | sort -u) | xargs -r docker rmi >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
for m in "$S" "$T"; do
  $m $P:start >/dev/null && $m $P:stop >/dev/null
done

hyperfine --runs "$runs" --prepare "$S $P:stop && $T $P:stop" \
  --command-name "local socket" "$S $P:start" \
  --command-name "TLS endpoint at 127.0.0.2" "$T $P:start" \
  --export-markdown "$root/bench/results/remote-engine.md" \
  --export-json "$root/bench/results/remote-engine.json"
python3 - "$root/bench/results/remote-engine.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
base = r["local socket"]["mean"]
for name, x in r.items():
    print("%-28s %.2f s ± %.2f  ratio to the local socket %.2f" % (name, x["mean"], x["stddev"], x["mean"] / base))
PY
