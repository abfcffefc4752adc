#!/usr/bin/env bash
# Benchmark (not a test; nothing here asserts a time): gladys:start of the whole reference stack to
# healthy against gladys:start of the database alone, side by side in one hyperfine run, on a fresh
# scratch project (bench/stack/pom.xml). The stack is stopped before every run. Prints the ratio.
# The plugin is built here and installed into a private local repository of the scratch project
# (never into ~/.m2); everything else comes from ~/.m2 through it.
# Needs hyperfine (apt-get install hyperfine). Results go to bench/results/. RUNS=10 by default.
# CDS=compare adds the whole stack without class-data archives (-Dgladys.classDataArchive=false) and with
# archives created by that start (.gladys/cds deleted before it), and the stop after each kind of start.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)"; exit 1; }
runs=${RUNS:-10}
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
mvn -B -q -o package -DskipTests -Dinvoker.skip
mkdir -p bench/results
work=$(mktemp -d)
cat > "$work/settings.xml" <<XML
<settings>
  <profiles><profile><id>m2</id><activation><activeByDefault>true</activeByDefault></activation>
    <repositories><repository><id>m2</id><url>file://$HOME/.m2/repository</url></repository></repositories>
    <pluginRepositories><pluginRepository><id>m2</id><url>file://$HOME/.m2/repository</url></pluginRepository></pluginRepositories>
  </profile></profiles>
  <pluginGroups><pluginGroup>io.gladys</pluginGroup></pluginGroups>
</settings>
XML
M="mvn -B -q -s $work/settings.xml -Dmaven.repo.local=$work/repo -Dgladys.version=$version"
P="io.gladys:gladys-maven-plugin:$version"
trap 'cd "$work" && $M $P:stop >/dev/null 2>&1; rm -rf "$work"' EXIT
$M org.apache.maven.plugins:maven-install-plugin:3.1.1:install-file -Dfile="target/gladys-maven-plugin-$version.jar" \
  -DpomFile=pom.xml >/dev/null
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
