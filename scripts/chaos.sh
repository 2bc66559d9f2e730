#!/usr/bin/env bash
# `npm run chaos`: the large fault-injection run (1,000 complaints) and ~10,000 hostile-input
# cases, on a stack of its own (ports 372xx/390xx), so it runs beside `npm start` and `npm test`.
# Sizes: CHAOS_COMPLAINTS and FUZZ_RUNS (the hostile suite tries about 4.3 × FUZZ_RUNS cases).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export TEST_STACK_DATA_DIR="${CHAOS_STACK_DATA_DIR:-$root/.stack/data/chaos}"
export TEST_TEMPORAL_PORT="${CHAOS_TEMPORAL_PORT:-32233}"
export TEST_TEMPORAL_UI_PORT="${CHAOS_TEMPORAL_UI_PORT:-32234}"
export TEST_KAFKA_PORT="${CHAOS_KAFKA_PORT:-32092}"
export TEST_KAFKA_CONTROLLER_PORT="${CHAOS_KAFKA_CONTROLLER_PORT:-32093}"
export TEST_API_PORT="${CHAOS_API_PORT:-32000}"
export CHAOS_COMPLAINTS="${CHAOS_COMPLAINTS:-1000}"
export FUZZ_RUNS="${FUZZ_RUNS:-2400}"
# In band: one suite at a time, since chaos restarts the services under the other.
# --forceExit: after a broker restart kafkajs can keep one idle socket open past disconnect().
exec bash "$root/scripts/test.sh" --runInBand --forceExit --testTimeout=1800000 test/hostile test/chaos "$@"
