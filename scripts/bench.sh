#!/usr/bin/env bash
# `npm run bench`: builds, starts a stack of its own (ports 31xxx, below the ephemeral range; fresh data each run),
# runs bench/cli.ts with the flags given (`npm run bench -- --help`), and stops it all.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export STACK_DATA_DIR="${BENCH_STACK_DATA_DIR:-$root/.stack/data/bench}"
export TEMPORAL_PORT="${BENCH_TEMPORAL_PORT:-31233}"
export TEMPORAL_UI_PORT="${BENCH_TEMPORAL_UI_PORT:-31234}"
export KAFKA_PORT="${BENCH_KAFKA_PORT:-31092}"
export KAFKA_CONTROLLER_PORT="${BENCH_KAFKA_CONTROLLER_PORT:-31093}"
export API_PORT="${BENCH_API_PORT:-31000}"
# No metrics endpoints: the bench stack runs beside a developer's `npm start`, which has them.
export API_METRICS_PORT=0 WORKER_METRICS_PORT=0 ANALYTICS_METRICS_PORT=0 TEMPORAL_SDK_METRICS_PORT=0
unset TEMPORAL_ADDRESS KAFKA_BROKERS

source "$root/scripts/lib.sh"
cd "$ROOT_DIR"
bash scripts/install.sh
# kcat (librdkafka), the replay benchmark's second ceiling: Debian's, as Chromium for the tests.
if ! command -v kcat >/dev/null; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    log "installing kcat from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kcat >/dev/null
  else
    die "kcat is missing and this user cannot apt-get it: install kcat (Debian/Ubuntu: apt-get install kcat)"
  fi
fi
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
