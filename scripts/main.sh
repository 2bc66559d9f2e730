#!/usr/bin/env bash
# `npm start`: install what is missing, build, start the embedded stack and the app processes,
# print where everything is, then stay in the foreground until Ctrl-C, which stops it all.
#   npm start -- --detach   leave it running in the background; `npm stop` stops it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"

# Demo clocks (seconds) unless told otherwise, so a fresh start shows the ladder climbing.
export POLICY_FILE="${POLICY_FILE:-config/policies/demo.json}"
export STAFF_FILE="${STAFF_FILE:-$STACK_DATA_DIR/staff.json}"
export POLICY_REGISTRY_FILE="${POLICY_REGISTRY_FILE:-$STACK_DATA_DIR/policy-registry.json}"
export ANALYTICS_URL="${ANALYTICS_URL:-http://127.0.0.1:${ANALYTICS_PORT}}"
DEMO_TOKENS="$STACK_DATA_DIR/demo-tokens.txt"
# The secret that customers' phones and names are hashed under for search; kept across restarts.
export LADDER_LOOKUP_KEY_FILE="${LADDER_LOOKUP_KEY_FILE:-$STACK_DATA_DIR/lookup-key}"

detach=false
[[ "${1:-}" == "--detach" ]] && detach=true

print_banner() {
  cat <<EOT

  Complaint Ladder is running.
    Temporal UI     http://$TEMPORAL_HOST:$TEMPORAL_UI_PORT
    Temporal gRPC   $TEMPORAL_ADDRESS  (namespace $TEMPORAL_NAMESPACE, task queue complaints)
    Kafka           $KAFKA_BROKERS  (topics complaint-events, remedy-ledger)
    Dashboard       http://127.0.0.1:$API_PORT/dashboard/
    HTTP API        http://127.0.0.1:$API_PORT/v1  (OpenAPI: /v1/openapi.json, docs: /v1/docs)
    Analytics       http://127.0.0.1:$API_PORT/v1/analytics/funnel  (reader on :$ANALYTICS_PORT)
    Staff inbox     http://127.0.0.1:$STAFF_INBOX_PORT/hooks/staff  (demo policy webhooks; log $LOG_DIR/staff-inbox.log)
    Customer SMS    http://127.0.0.1:$STAFF_INBOX_PORT/sms  (demo customer notices, same log)
    Policy          $POLICY_FILE  (set POLICY_FILE=config/policies/default.json for real clocks)
    Logs            $LOG_DIR

  Next:
    - Demo staff tokens (one per role, dealer DEMO-01) are in $DEMO_TOKENS.
      Sign in to the dashboard with one, or use the CLI:
        export LADDER_API_URL=http://127.0.0.1:$API_PORT
        export LADDER_TOKEN=\$(awk '\$1=="demo-cs"{print \$4}' $DEMO_TOKENS)
        npm run --silent ladder -- open --dealer DEMO-01 --customer-name 刘先生 --phone 13812345678 \\
          --plate 沪A12345 --channel phone --category delivery_delay --severity medium --description "Car not ready"
        npm run --silent ladder -- list
    - Watch it climb every 4 s (demo policy) on the board, or in the Temporal UI.
    - Status: npm run status      Stop everything: $( $detach && echo "npm stop" || echo "Ctrl-C (or npm stop)")

EOT
}

if is_running main || is_running worker; then
  log "already running; nothing to do"
  print_banner
  exit 0
fi

bash scripts/install.sh
log "building TypeScript and the workflow bundle"
npm run --silent build >/dev/null

stop_all() { bash scripts/stack.sh stop all; }
if ! $detach; then
  mkdir -p "$PID_DIR"
  echo $$ > "$(pid_file main)"
  trap 'trap - EXIT INT TERM; log "stopping"; rm -f "$(pid_file main)"; stop_all' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
fi

bash scripts/stack.sh start all

# wait_for_log NAME LOGFILE PATTERN: an app process is ready once it logs PATTERN.
wait_for_log() {
  local name="$1" logfile="$2" pattern="$3" waited=0
  until grep -q "$pattern" "$logfile" 2>/dev/null; do
    is_running "$name" || die "$name exited during start-up; see $logfile"
    (( waited++ < STARTUP_TIMEOUT_SECONDS * 5 )) || die "$name not ready within ${STARTUP_TIMEOUT_SECONDS}s; see $logfile"
    sleep 0.2
  done
}

# start_app NAME READY_MESSAGE CMD...: a Node process of ours, ready once it logs READY_MESSAGE.
start_app() {
  local name="$1" ready="$2"; shift 2
  : > "$LOG_DIR/$name.log"
  start_daemon "$name" "$LOG_DIR/$name.log" "$@"
  wait_for_log "$name" "$LOG_DIR/$name.log" "\"msg\":\"$ready\""
}

start_app staff-inbox 'staff inbox listening' node dist/demo/staff-inbox.js "$STAFF_INBOX_PORT"
start_app worker 'worker polling' node --max-old-space-size="${WORKER_HEAP_MB:-768}" dist/workers/complaint-worker.js
start_app analytics 'analytics listening' node dist/analytics/main.js
node dist/api/demo-staff.js "$STAFF_FILE" "$DEMO_TOKENS" >/dev/null
if [[ -z "${LADDER_LOOKUP_KEY:-}" && ! -s "$LADDER_LOOKUP_KEY_FILE" ]]; then
  (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex") + "\n")' > "$LADDER_LOOKUP_KEY_FILE")
fi
start_app api 'api listening' node dist/api/server.js

print_banner
$detach && exit 0

# Stay up while the apps are; if one dies, say so and stop everything (trap above).
apps_alive() { local s; for s in worker staff-inbox analytics api; do is_running "$s" || return 1; done; }
while apps_alive; do sleep 1; done
die "an app process exited; see the logs in $LOG_DIR"
