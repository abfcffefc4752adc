#!/usr/bin/env bash
# Benchmarks of the database goals (not tests; nothing here asserts a time):
#  1. gladys:query of 1,000,000 rows against psql -c of the same query: time (hyperfine) and peak
#     memory (/usr/bin/time -v, maximum resident set size), output to /dev/null;
#  2. gladys:migrate of 200 migrations into an empty schema, against psql -f of the same files one
#     after another (no history, no checksums: what a script would do).
# Needs hyperfine and psql. Results go to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)"; exit 1; }
command -v psql >/dev/null || { echo "psql is not installed"; exit 1; }
version=$(mvn -B -q help:evaluate -Dexpression=project.version -DforceStdout | grep -Eo "[0-9]+\.[0-9]+\.[0-9]+(-SNAPSHOT)?" | head -1)
mvn -B -q install -DskipTests -Dinvoker.skip
mkdir -p bench/results
work=$(mktemp -d)
P="io.gladys:gladys-maven-plugin:$version"
M="mvn -B -q -Dgladys.version=$version -Dmigrations=$work/migrations"
trap 'cd "$work" && $M $P:stop >/dev/null 2>&1; rm -rf "$work"' EXIT
cp bench/db/pom.xml "$work/"
mkdir -p "$work/migrations"
for i in $(seq -w 1 200); do
  cat > "$work/migrations/${i}_table_${i}.sql" <<SQL
CREATE TABLE bench_$i (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, created TIMESTAMPTZ DEFAULT now());
CREATE INDEX bench_${i}_name ON bench_$i (name);
INSERT INTO bench_$i (name) SELECT 'row ' || g FROM generate_series(1, 100) g;
SQL
done
cd "$work"
$M $P:start -Dservice=db >/dev/null
export PGHOST=localhost PGPORT=59532 PGDATABASE=gladys PGUSER=gladys PGPASSWORD=gladys
SQL="SELECT g AS id, md5(g::text) AS name, now() AS at FROM generate_series(1, 1000000) g"

hyperfine --warmup 1 --runs 5 \
  --command-name "gladys:query (text)" "$M $P:query '-Dsql=$SQL' > /dev/null" \
  --command-name "gladys:query (csv)" "$M $P:query '-Dsql=$SQL' -Dgladys.format=csv > /dev/null" \
  --command-name "psql -c (aligned)" "psql -c '$SQL' > /dev/null" \
  --command-name "psql -c (csv)" "psql --csv -c '$SQL' > /dev/null" \
  --export-markdown "$root/bench/results/query.md" --export-json "$root/bench/results/query.json"
{
  for c in "gladys:query (text)|$M $P:query '-Dsql=$SQL'" "psql -c|psql -c '$SQL'"; do
    name=${c%%|*}; cmd=${c#*|}
    /usr/bin/time -v bash -c "$cmd > /dev/null" 2> "$work/time.txt"
    echo "$name: $(grep 'Maximum resident' "$work/time.txt")"
  done
  # streamed, so a million rows fit in a 64 MiB heap (the whole Maven JVM included)
  MAVEN_OPTS=-Xmx64m /usr/bin/time -v bash -c "$M $P:query '-Dsql=$SQL' > /dev/null" 2> "$work/time.txt"
  echo "gladys:query (text) with MAVEN_OPTS=-Xmx64m: $(grep -E 'Maximum resident|Exit status' "$work/time.txt" | tr '\n' ' ')"
} | tee "$root/bench/results/query-memory.txt"

reset_schema="psql -q -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public'"
hyperfine --runs 5 --prepare "$reset_schema" \
  --command-name "gladys:migrate (200 files)" "$M $P:migrate" \
  --command-name "psql -f of the 200 files" "for f in $work/migrations/*.sql; do psql -q -v ON_ERROR_STOP=1 -f \$f > /dev/null || exit 1; done" \
  --export-markdown "$root/bench/results/migrate.md" --export-json "$root/bench/results/migrate.json"
