#!/usr/bin/env bash
# `npm start`: install what is missing, build, start the embedded stack and the app processes
# under their supervisor (scripts/supervise.sh, which restarts a crashed one), print where
# everything is, then stay in the foreground until Ctrl-C or `npm stop`, which stop it all.
#   npm start -- --detach   leave it running in the background; `npm stop` stops it.
# On a partly running stack it starts only what is missing and keeps the running build.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"

# The apps default their own files (config/env.ts) into the same stack folder.
export STACK_DATA_DIR
# Demo clocks (seconds) unless told otherwise, so a fresh start shows the ladder climbing.
export POLICY_FILE="${POLICY_FILE:-config/policies/demo.json}"
export STAFF_FILE="${STAFF_FILE:-$STACK_DATA_DIR/staff.json}"
export POLICY_REGISTRY_FILE="${POLICY_REGISTRY_FILE:-$STACK_DATA_DIR/policy-registry.json}"
export ANALYTICS_URL="${ANALYTICS_URL:-http://127.0.0.1:${ANALYTICS_PORT}}"
DEMO_TOKENS="$STACK_DATA_DIR/demo-tokens.txt"
# The secret that customers' phones and names are hashed under for search; kept across restarts.
export LADDER_LOOKUP_KEY_FILE="${LADDER_LOOKUP_KEY_FILE:-$STACK_DATA_DIR/lookup-key}"
# The Temporal UI may read payloads through the API's codec endpoint (docs/temporal-security.md).
export LADDER_CODEC_CORS_ORIGINS="${LADDER_CODEC_CORS_ORIGINS:-http://$TEMPORAL_HOST:$TEMPORAL_UI_PORT}"

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
    Metrics         http://${METRICS_HOST:-127.0.0.1}:{${API_METRICS_PORT:-9461},${WORKER_METRICS_PORT:-9462},${ANALYTICS_METRICS_PORT:-9463}}/metrics  (API, worker with the Temporal SDK's, analytics)
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

all_ready() { local s; is_running supervisor || return 1; for s in "${APPS[@]}"; do app_ready "$s" || return 1; done; }
if is_running main; then
  log "already running in the foreground (pid $(pid_of main)); nothing to do"
  print_banner
  exit 0
fi
# One start at a time per stack: two at once would both start what is missing.
mkdir -p "$STACK_DATA_DIR"
exec 8>"$STACK_DATA_DIR/.start.lock"
flock -n 8 || die "another npm start is starting $STACK_DATA_DIR; wait for it, or run npm stop"
if all_ready && is_running temporal && is_running kafka; then
  log "already running; nothing to do"
  detach=true print_banner
  exit 0
fi

bash scripts/install.sh
running=()
for s in supervisor "${APPS[@]}"; do is_running "$s" && running+=("$s"); done
if (( ${#running[@]} )); then
  # Restarted processes must run the same code as the live ones; `npm stop` first to take a new build.
  log "partly running (${running[*]}); starting what is missing, on the running build"
else
  log "building TypeScript and the workflow bundle"
  if [[ "$LADDER_DIST_DIR" == dist ]]; then
    npm run --silent build >/dev/null
  else
    npx --no-install tsc -p tsconfig.build.json --outDir "$LADDER_DIST_DIR"
    node "$LADDER_DIST_DIR/workers/build-bundle.js" "$LADDER_DIST_DIR/workflow-bundle.js" >/dev/null
  fi
  # A fresh start: fresh app logs (owner-only: they may name staff and customers).
  for s in supervisor "${APPS[@]}"; do (umask 077 && : > "$LOG_DIR/$s.log") 2>/dev/null || true; done
fi
export WORKFLOW_BUNDLE_PATH="${WORKFLOW_BUNDLE_PATH:-$LADDER_DIST_DIR/workflow-bundle.js}"

stop_all() { bash scripts/stack.sh stop all; }
tail_pid=""
if ! $detach; then
  mkdir -p "$PID_DIR"
  echo $$ > "$(pid_file main)"
  trap 'trap - EXIT INT TERM; log "stopping"; [[ -n "$tail_pid" ]] && kill "$tail_pid" 2>/dev/null; rm -f "$(pid_file main)"; stop_all' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
fi

bash scripts/stack.sh start all   # Temporal and Kafka, each unless it runs

node "$LADDER_DIST_DIR/api/demo-staff.js" "$STAFF_FILE" "$DEMO_TOKENS" >/dev/null
if [[ -z "${LADDER_LOOKUP_KEY:-}" && ! -s "$LADDER_LOOKUP_KEY_FILE" ]]; then
  (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex") + "\n")' > "$LADDER_LOOKUP_KEY_FILE")
fi

# start_supervisor: a supervisor that adopts the running apps and starts the missing ones; or,
# if one runs, ask it to restart now whatever waits out a backoff. Then wait until all are ready.
start_supervisor() {
  local pid waited=0 limit=$(( STARTUP_TIMEOUT_SECONDS * 5 * ${#APPS[@]} ))
  if pid="$(pid_of supervisor)"; then
    log "the supervisor (pid $pid) runs; asking it to restart what is down now"
    kill -USR1 "$pid"
  else
    log "starting the app supervisor (log $LOG_DIR/supervisor.log)"
    start_daemon supervisor "$LOG_DIR/supervisor.log" bash scripts/supervise.sh "$STACK_MARK" || die "could not start the supervisor"
  fi
  until all_ready; do
    is_running supervisor || die "the supervisor stopped during start-up: $(tail -n 1 "$LOG_DIR/supervisor.log" 2>/dev/null); see $LOG_DIR. npm stop stops what did start"
    (( waited++ < limit )) || die "the apps were not all ready in time; see $LOG_DIR/supervisor.log"
    sleep 0.2
  done
}
start_supervisor
exec 8>&-

print_banner
$detach && exit 0

# In the foreground: show the supervisor's restarts here, and bring the supervisor itself back if
# it is killed. Only Ctrl-C or `npm stop` ends this (and then the trap above stops everything).
tail -n 0 -F "$LOG_DIR/supervisor.log" 2>/dev/null &
tail_pid=$!
while :; do
  while is_running supervisor; do sleep 1; done
  log "the supervisor exited; starting another, which adopts the running apps"
  start_supervisor
done
