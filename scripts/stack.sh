#!/usr/bin/env bash
# The embedded stack: a Temporal dev server and a single-node KRaft Kafka broker.
#   scripts/stack.sh install|start|stop|status|restart [temporal|kafka|apps]
# Ports and folders come from the environment (see scripts/lib.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$ROOT_DIR/scripts/temporal.sh"
source "$ROOT_DIR/scripts/kafka.sh"

# Node processes started by scripts/main.sh record their PIDs here too, so `stop` reaches them.
APP_SERVICES=(api analytics worker staff-inbox)

apps_stop() { local s; for s in "${APP_SERVICES[@]}"; do stop_daemon "$s"; done; }
apps_status() {
  local s
  for s in "${APP_SERVICES[@]}"; do
    if is_running "$s"; then echo "$s: running (pid $(cat "$(pid_file "$s")")), log $LOG_DIR/$s.log"; else echo "$s: stopped"; fi
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
  stop:all)           stop_daemon main; apps_stop; kafka_stop; temporal_stop ;;  # main's own trap stops the rest first
  restart:temporal)   temporal_stop; temporal_start ;;
  restart:kafka)      kafka_stop; kafka_start ;;
  status:*)           temporal_status; kafka_status; apps_status ;;
  *) echo "usage: $0 install | start [temporal|kafka|all] | stop [temporal|kafka|apps|all] | restart temporal|kafka | status" >&2; exit 2 ;;
esac
