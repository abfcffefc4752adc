#!/usr/bin/env bash
# The docker environment against the local one, side by side in one run (not a test; nothing here
# asserts a time):
#  1. gladys:start of the whole reference stack to healthy: local from a stopped stack; docker from
#     stopped containers, and from nothing (after stop with down: Compose creates the containers);
#  2. gladys:status of the 5 running services in each environment.
# Needs hyperfine (apt-get install hyperfine) and a Docker engine; builds the offline base images.
# The plugin goes into target/local-repo (as the integration tests get it), not into ~/.m2.
# Results go to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)"; exit 1; }
docker info >/dev/null 2>&1 || { echo "no Docker engine answers: start dockerd, or set DOCKER_HOST"; exit 1; }
bash scripts/offline-base-images.sh
version=$(mvn -B -q help:evaluate -Dexpression=project.version -DforceStdout | grep -Eo "[0-9]+\.[0-9]+\.[0-9]+(-SNAPSHOT)?" | head -1)
mvn -B -q verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dinvoker.test=none-selected
mkdir -p bench/results
work=$(mktemp -d)
# the plugin from target/local-repo, everything else from ~/.m2
cat > "$work/settings.xml" <<XML
<settings><localRepository>$root/target/local-repo</localRepository>
<profiles><profile><id>m2</id><activation><activeByDefault>true</activeByDefault></activation>
<repositories><repository><id>m2</id><url>file://$HOME/.m2/repository</url></repository></repositories>
<pluginRepositories><pluginRepository><id>m2</id><url>file://$HOME/.m2/repository</url></pluginRepository></pluginRepositories>
</profile></profiles></settings>
XML
cp bench/docker/pom.xml "$work/"
cd "$work"
P="io.gladys:gladys-maven-plugin:$version"
M="mvn -B -q -s $work/settings.xml -Dgladys.version=$version"
L="$M"
D="$M -Dgladys.env=docker"
images_before=$(docker images -q gladys-reference | sort -u)
cleanup() {
  cd "$work" && { $L $P:stop >/dev/null 2>&1; $D $P:stop -Dgladys.docker.down=true -Dgladys.docker.removeVolumes=true >/dev/null 2>&1; }
  # the services' image this run built (an image some container still uses is kept)
  comm -13 <(echo "$images_before") <(docker images -q gladys-reference | sort -u) | xargs -r docker rmi >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
# first starts unpack PostgreSQL, build the services' image: not part of what is measured
$L $P:start >/dev/null && $L $P:stop >/dev/null
$D $P:start >/dev/null && $D $P:stop >/dev/null

hyperfine --runs 3 \
  --command-name "start to healthy, local" --prepare "$L $P:stop" "$L $P:start" \
  --command-name "start to healthy, docker (stopped containers)" --prepare "$D $P:stop" "$D $P:start" \
  --command-name "start to healthy, docker (after down)" \
    --prepare "$D $P:stop -Dgladys.docker.down=true -Dgladys.docker.removeVolumes=true" "$D $P:start" \
  --export-markdown "$root/bench/results/docker-vs-local-start.md" \
  --export-json "$root/bench/results/docker-vs-local-start.json"

# both stacks up at once (ports of their own), then status of the 5 services in each
$L $P:start >/dev/null
$D $P:start >/dev/null
hyperfine --warmup 1 --runs 10 \
  --command-name "status of 5 services, local" "$L $P:status" \
  --command-name "status of 5 services, docker" "$D $P:status" \
  --export-markdown "$root/bench/results/docker-vs-local-status.md" \
  --export-json "$root/bench/results/docker-vs-local-status.json"
