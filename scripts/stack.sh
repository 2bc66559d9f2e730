#!/usr/bin/env bash
# The embedded stack: a Temporal dev server and a single-node KRaft Kafka broker.
#   scripts/stack.sh install|start|stop|status|restart [temporal|kafka|apps]
# Ports and folders come from the environment (see scripts/lib.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$ROOT_DIR/scripts/temporal.sh"
source "$ROOT_DIR/scripts/kafka.sh"

# The app processes (APPS, lib.sh) and their supervisor (scripts/supervise.sh) record their PIDs
# here too, so `stop` reaches them. The supervisor goes first, or it would restart the apps.
apps_stop() {
  local i
  stop_daemon supervisor 15
  for (( i = ${#APPS[@]} - 1; i >= 0; i-- )); do stop_daemon "${APPS[i]}"; done
  stop_leftovers apps
}
apps_status() {
  local s
  if is_running supervisor; then echo "supervisor: running (pid $(pid_of supervisor)), log $LOG_DIR/supervisor.log"; else echo "supervisor: stopped"; fi
  for s in "${APPS[@]}"; do
    if app_ready "$s"; then echo "$s: running (pid $(pid_of "$s")), log $LOG_DIR/$s.log"
    elif is_running "$s"; then echo "$s: starting (pid $(pid_of "$s")), log $LOG_DIR/$s.log"
    else echo "$s: stopped"; fi
  done
}

cmd="${1:-status}"; what="${2:-all}"
case "$cmd:$what" in
  install:*)          temporal_install; kafka_install ;;
  start:temporal)     temporal_install; temporal_start ;;
  start:kafka)        kafka_install; kafka_start ;;
  start:all)          temporal_install; kafka_install; temporal_start; kafka_start ;;
  stop:temporal)      temporal_stop ;;
  stop:kafka)         kafka_stop ;;
  stop:apps)          apps_stop ;;
  # main's own trap stops the rest first; what no PID file names is found by its command line.
  stop:all)           stop_daemon main 60; apps_stop; kafka_stop; temporal_stop; stop_leftovers ;;
  restart:temporal)   temporal_stop; temporal_start ;;
  restart:kafka)      kafka_stop; kafka_start ;;
  status:*)           temporal_status; kafka_status; apps_status ;;
  *) echo "usage: $0 install | start [temporal|kafka|all] | stop [temporal|kafka|apps|all] | restart temporal|kafka | status" >&2; exit 2 ;;
esac
