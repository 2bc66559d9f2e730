#!/usr/bin/env bash
# `npm run bench`: builds, starts a stack of its own (ports 572xx/590xx, fresh data each run),
# runs bench/cli.ts with the flags given (`npm run bench -- --help`), and stops it all.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export STACK_DATA_DIR="${BENCH_STACK_DATA_DIR:-$root/.stack/data/bench}"
export TEMPORAL_PORT="${BENCH_TEMPORAL_PORT:-57233}"
export TEMPORAL_UI_PORT="${BENCH_TEMPORAL_UI_PORT:-58233}"
export KAFKA_PORT="${BENCH_KAFKA_PORT:-59092}"
export KAFKA_CONTROLLER_PORT="${BENCH_KAFKA_CONTROLLER_PORT:-59093}"
export API_PORT="${BENCH_API_PORT:-53000}"
unset TEMPORAL_ADDRESS KAFKA_BROKERS

source "$root/scripts/lib.sh"
cd "$ROOT_DIR"
bash scripts/install.sh
log "building (tsc and the prebuilt workflow bundle)"
npm run --silent build
export WORKFLOW_BUNDLE_PATH="$ROOT_DIR/dist/workflow-bundle.js"

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  bash scripts/stack.sh stop all || true
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bash scripts/stack.sh stop all
rm -rf "$STACK_DATA_DIR"
bash scripts/stack.sh start all
node dist/bench/cli.js "$@"
