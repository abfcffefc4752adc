#!/usr/bin/env bash
# Benchmark of scripts/offline-base-images.sh (not a test; nothing here asserts a time): a cold build of
# both images, a warm run that keeps them, and their sizes. Builds under throwaway tags, so the
# gladys-local images in use are left alone, and removes them at the end.
# Needs hyperfine and a Docker engine. Results go to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)"; exit 1; }
mkdir -p bench/results
export GLADYS_JRE_IMAGE=gladys-bench/jre:17 GLADYS_POSTGRES_IMAGE=gladys-bench/postgres:17
remove="docker image rm $GLADYS_JRE_IMAGE $GLADYS_POSTGRES_IMAGE >/dev/null 2>&1 || true"
trap 'eval "$remove"' EXIT

hyperfine --runs 3 --prepare "$remove" \
  --command-name "cold: both images built" "bash scripts/offline-base-images.sh" \
  --export-markdown bench/results/offline-base-images-cold.md
hyperfine --warmup 1 --runs 20 \
  --command-name "warm: both images kept" "bash scripts/offline-base-images.sh" \
  --export-markdown bench/results/offline-base-images-warm.md
docker images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep '^gladys-bench/' | tee bench/results/offline-base-images-sizes.txt
