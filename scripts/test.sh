#!/usr/bin/env bash
# `npm test`: install what is missing, start an isolated stack on its own ports and data folder,
# run the type check and Jest against it, and tear the stack down however the run ends.
# Extra arguments go to Jest (e.g. `npm test -- test/domain`).
set -euo pipefail

# The isolated stack: its own ports and folders, so tests run beside a running `npm start`.
export STACK_DATA_DIR="${TEST_STACK_DATA_DIR:-$(cd "$(dirname "$0")/.." && pwd)/.stack/data/test}"
export TEMPORAL_PORT="${TEST_TEMPORAL_PORT:-17233}"
export TEMPORAL_UI_PORT="${TEST_TEMPORAL_UI_PORT:-18233}"
export KAFKA_PORT="${TEST_KAFKA_PORT:-19092}"
export KAFKA_CONTROLLER_PORT="${TEST_KAFKA_CONTROLLER_PORT:-19093}"
export API_PORT="${TEST_API_PORT:-13000}"
# No metrics endpoints on the test stack: the suites that scrape give their processes ports of their own.
export API_METRICS_PORT=0 WORKER_METRICS_PORT=0 ANALYTICS_METRICS_PORT=0 TEMPORAL_SDK_METRICS_PORT=0
unset TEMPORAL_ADDRESS KAFKA_BROKERS

source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"

bash scripts/install.sh

# The browser test drives Debian's Chromium (never a tool's own download); CJK fonts so 中文 renders.
if [[ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || ! fc-list 2>/dev/null | grep -qi "wqy"; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    log "installing chromium and CJK fonts from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  else
    log "warning: chromium is missing and this user cannot apt-get it; the browser test will fail (install chromium fonts-wqy-microhei)"
  fi
fi

stack() { bash scripts/stack.sh "$@"; }
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stack stop all || true
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A leftover test stack (from a killed run) is stopped, and every run starts from empty data.
stack stop all
rm -rf "$STACK_DATA_DIR"
stack start all

export TEST_WORKFLOW_BUNDLE="$STACK_DATA_DIR/workflow-bundle.js"
export CI="${CI:-}"

log "type-checking"
npx --no-install tsc --noEmit -p .
# Lint and format (Biome, biome.json) on every source and test file, then the production
# dependencies' advisories: either fails the run before Jest starts.
log "linting (biome ci)"
npx --no-install biome ci --reporter=summary .
node scripts/audit-check.js

# Jest runs write JSON results; the closing line sums them.
results=()
rc=0
run_jest() {
  local name="$1"; shift
  local out="$STACK_DATA_DIR/jest-$name.json"
  results+=("$out")
  log "running Jest ($name) against Temporal $TEMPORAL_ADDRESS and Kafka $KAFKA_BROKERS"
  set +e
  npx --no-install jest --ci --json --outputFile="$out" "$@"
  local status=$?
  set -e
  if (( status != 0 )); then rc=$status; fi
}

if (( $# > 0 )); then
  # Arguments pick the suites: one Jest run with them, as given.
  # Two workers, unless the arguments pick their own (npm run chaos runs in band).
  parallel=(--maxWorkers=2)
  for arg in "$@"; do [[ "$arg" == --runInBand || "$arg" == -i || "$arg" == --maxWorkers* || "$arg" == -w ]] && parallel=(); done
  run_jest selected "${parallel[@]}" "$@"
else
  # The chaos suite restarts the shared broker and dev server, so it runs alone, after the rest.
  run_jest main --maxWorkers=2 --testPathIgnorePatterns '/test/chaos/'
  # --forceExit: after a broker restart kafkajs can keep one idle socket open past disconnect().
  run_jest chaos --runInBand --forceExit test/chaos
fi

# A plain closing line that any CI reader understands.
node -e '
  let passed = 0, failed = 0, skipped = 0;
  for (const file of process.argv.slice(1)) {
    try {
      const r = require(require("node:path").resolve(file)); // a relative TEST_STACK_DATA_DIR too
      passed += r.numPassedTests; failed += r.numFailedTests + (r.numRuntimeErrorTestSuites || 0); skipped += r.numPendingTests;
    } catch { failed += 1; console.error(`no Jest results in ${file}`); }
  }
  console.log(`tests: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "${results[@]}" || true
exit "$rc"
