#!/usr/bin/env bash
# Benchmarks of sync-check (not tests; nothing here asserts a time):
#  1. the check itself on a generated project of 1,000 protos, each with 3 copies and 2 stubs
#     (bench/SyncCheckBench.java), cold and warm, per part;
#  2. what it adds to a build: mvn validate of this repository with sync-check against without it.
# Needs hyperfine. Results go to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)"; exit 1; }
version=$(mvn -B -q help:evaluate -Dexpression=project.version -DforceStdout | grep -Eo "[0-9]+\.[0-9]+\.[0-9]+(-SNAPSHOT)?" | head -1)
protoc_version=$(mvn -B -q help:evaluate -Dexpression=protobuf.version -DforceStdout | grep -Eo "[0-9]+\.[0-9]+\.[0-9]+" | head -1)
mvn -B -q install -DskipTests -Dinvoker.skip
mkdir -p bench/results
cp=$(mvn -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime | grep -Eo '/[^:]*\.jar' | paste -sd:)
protoc="$HOME/.m2/repository/com/google/protobuf/protoc/$protoc_version/protoc-$protoc_version-linux-x86_64.exe"
java -cp "target/classes:$cp" bench/SyncCheckBench.java "$protoc" 1000 | tee bench/results/sync-check-1000.txt

P="io.gladys:gladys-maven-plugin:$version"
hyperfine --warmup 1 --runs 10 \
  --command-name "mvn validate" "mvn -B -q -o validate" \
  --command-name "mvn validate + gladys:sync-check (offline)" "mvn -B -q -o validate $P:sync-check -Dgladys.syncCheck.offline" \
  --export-markdown bench/results/sync-check-build.md --export-json bench/results/sync-check-build.json
